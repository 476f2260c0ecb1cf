import t from 'tap';
import { z } from 'zod';
import { buildTestApp, testConfig } from '../helpers/app.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

t.test('OpenAPI document and docs page', async (t) => {
  const { app } = await buildTestApp(t, {
    beforeReady: (app) => {
      // A route with a body: the common input errors must be declared for it.
      app.post(
        '/test/things',
        {
          schema: {
            operationId: 'createTestThing',
            tags: ['test'],
            summary: 'Creates a thing',
            body: z.object({ name: z.string() }),
            response: { 201: z.object({ name: z.string() }) },
          },
        },
        async (request, reply) => reply.code(201).send(request.body),
      );
    },
  });

  const res = await app.inject({ method: 'GET', url: '/docs/json' });
  t.equal(res.statusCode, 200);
  const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>> };
  t.equal(doc.openapi, '3.1.0');
  t.same(doc, app.swagger(), '/docs/json serves the generated document');
  t.ok(doc.components.schemas?.Problem, 'Problem is a named component');
  t.ok(doc.components.securitySchemes?.bearerAuth, 'bearer security scheme');

  const paths = Object.keys(doc.paths);
  t.ok(paths.includes('/health/live') && paths.includes('/health/ready'), 'health routes documented');
  t.notOk(paths.some((p) => p.startsWith('/docs')), 'the docs routes themselves are hidden');

  const operationIds = new Set<string>();
  let operations = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      operations++;
      const name = `${method.toUpperCase()} ${path}`;
      t.ok(op.operationId, `${name}: operationId`);
      t.notOk(operationIds.has(op.operationId!), `${name}: operationId is unique`);
      operationIds.add(op.operationId!);
      t.ok(op.tags && op.tags.length > 0, `${name}: tags`);
      t.ok(op.summary, `${name}: summary`);
      // Health checks are not rate limited (src/plugins/protection.ts), so they have no 429.
      for (const status of path.startsWith('/health/') ? ['500', '503'] : ['429', '500', '503']) {
        const response = op.responses?.[status];
        t.ok(response?.content?.['application/problem+json'], `${name}: ${status} is a declared problem+json response`);
      }
    }
  }
  t.ok(operations >= 3, `found ${operations} operations`);

  const create = doc.paths['/test/things']?.post;
  for (const status of ['201', '400', '413', '415', '422']) {
    t.ok(create?.responses?.[status], `a route with a body declares ${status}`);
  }
  t.notOk(doc.paths['/health/live']?.get?.responses?.['422'], 'a route without input does not claim 422');

  const page = await app.inject({ method: 'GET', url: '/docs' });
  const html = page.statusCode === 302 ? await app.inject({ method: 'GET', url: String(page.headers.location) }) : page;
  t.equal(html.statusCode, 200, '/docs answers');
  t.match(html.headers['content-type'], /^text\/html/);
  t.match(html.body, /swagger-ui/i);
});

t.test('/docs is off by default in production (404), and DOCS_PUBLIC decides', async (t) => {
  // Production needs SMTP (docs/mail.md); nothing is sent here, the drainer never reaches the address.
  const production = { NODE_ENV: 'production', PASSWORD_HASH_COST: '17', SMTP_URL: 'smtp://127.0.0.1:9', MAIL_FROM: 'noreply@example.org', SMTP_REQUIRE_TLS: 'false' };
  t.equal(testConfig(production).docsPublic, false, 'production: off unless asked');
  t.equal(testConfig().docsPublic, true, 'elsewhere: on');
  t.equal(testConfig({ DOCS_PUBLIC: 'false' }).docsPublic, false, 'and can be turned off anywhere');

  const { app: closed } = await buildTestApp(t, { env: production });
  for (const url of ['/docs', '/docs/json', '/docs/static/index.html']) {
    const res = await closed.inject({ method: 'GET', url });
    t.equal(res.statusCode, 404, `${url} answers 404`);
    t.match(res.headers['content-type'], /application\/problem\+json/);
  }
  t.ok(closed.swagger().paths, 'the document is still generated (npm run openapi writes it to the repository)');

  const { app: open } = await buildTestApp(t, { env: { ...production, DOCS_PUBLIC: 'true' } });
  t.equal((await open.inject({ method: 'GET', url: '/docs/json' })).statusCode, 200, 'DOCS_PUBLIC=true serves it in production');
});
