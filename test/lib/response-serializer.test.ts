import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import t, { type Test } from 'tap';
import { z } from 'zod';
import { createResponseSerializerCompiler } from '../../src/lib/response-serializer.js';
import { ProblemSchema } from '../../src/lib/problem.js';
import { buildFeatureApp } from '../helpers/app.js';
import { createDraft, moveWindow, openCompetition, submit } from '../helpers/competitions.js';
import { createUser, insertApplicants } from '../helpers/factories.js';

const Item = z.object({
  id: z.string(),
  count: z.number().int(),
  note: z.string().nullable(),
  nested: z.object({ kept: z.boolean() }),
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
});

async function tinyApp(t: Test, validate: boolean, payload: unknown) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createResponseSerializerCompiler({ validate }));
  app.get('/item', { schema: { response: { 200: Item } } }, async () => payload as z.infer<typeof Item>);
  app.get('/problem', { schema: { response: { 409: ProblemSchema } } }, async (_request, reply) =>
    reply.code(409).send({ type: 'about:blank', title: 'Conflict', status: 409, code: 'COMPETITION_CLOSED', requestId: 'r', closesAt: '2026-10-31T23:00:00Z' }),
  );
  await app.ready();
  t.teardown(() => app.close());
  return app;
}

const item = { id: 'a', count: 3, note: null, nested: { kept: true, secret: 'no' }, answers: { q1: 'text', q2: 4, q3: ['x', 'y'] }, passwordHash: 'no' };

t.test('only declared properties leave, with or without the zod check', async (t) => {
  for (const validate of [false, true]) {
    const app = await tinyApp(t, validate, item);
    const res = await app.inject({ method: 'GET', url: '/item' });
    t.equal(res.statusCode, 200);
    t.same(res.json(), { id: 'a', count: 3, note: null, nested: { kept: true }, answers: { q1: 'text', q2: 4, q3: ['x', 'y'] } }, `validate=${validate}`);
    t.notMatch(res.body, /secret|passwordHash/);
  }
});

t.test("a problem's extension members are kept (the Problem schema is open)", async (t) => {
  const app = await tinyApp(t, false, item);
  const res = await app.inject({ method: 'GET', url: '/problem' });
  t.equal(res.statusCode, 409);
  t.equal(res.json().closesAt, '2026-10-31T23:00:00Z');
  t.equal(res.json().code, 'COMPETITION_CLOSED');
});

t.test('with the check on, a handler returning the wrong shape fails instead of sending it', async (t) => {
  const app = await tinyApp(t, true, { ...item, count: 'three' });
  const res = await app.inject({ method: 'GET', url: '/item' });
  t.equal(res.statusCode, 500);
  t.notMatch(res.body, /three/);
});

t.test('the production serialiser writes exactly what the checked one writes, through the real routes', async (t) => {
  const env = { JWT_SECRET: randomBytes(32).toString('hex') };
  const checked = (await buildFeatureApp(t, { env: { ...env, RESPONSE_VALIDATION: 'true' } })).app;
  const production = (await buildFeatureApp(t, { env: { ...env, RESPONSE_VALIDATION: 'false' } })).app;
  t.equal(checked.config.validateResponses, true);
  t.equal(production.config.validateResponses, false);

  const { organiser, competitionId } = await openCompetition(checked);
  const [applicant] = await insertApplicants(checked, 1);
  const draft = await createDraft(checked, applicant!, competitionId);
  const submitted = await submit(production, applicant!, draft.id);
  t.equal(submitted.statusCode, 201);
  const body = submitted.json();
  t.equal(body.proposal.id, draft.id);
  t.equal(body.receipt.revision, 1);
  t.match(body.receipt.signature, /^[A-Za-z0-9_-]{86}$/);

  const reads: [string, Record<string, string>][] = [
    [`/v1/proposals/${draft.id}`, applicant!.auth],
    [`/v1/proposals/${draft.id}`, organiser.auth],
    [`/v1/proposals/${draft.id}/revisions`, applicant!.auth],
    [`/v1/proposals/${draft.id}/revisions/1`, applicant!.auth],
    [`/v1/competitions/${competitionId}`, {}],
    [`/v1/competitions/${competitionId}/proposals`, organiser.auth],
    ['/v1/me/proposals', applicant!.auth],
    ['/v1/me', applicant!.auth],
    ['/v1/receipts/public-key', {}],
  ];
  for (const [url, headers] of reads) {
    const [a, b] = await Promise.all([checked.inject({ url, headers }), production.inject({ url, headers })]);
    t.equal(a.statusCode, 200, `${url} answers`);
    t.equal(b.body, a.body, `${url}: the same bytes from both serialisers`);
  }

  // Problems keep their extension members: the closing instant of a refused submit.
  const late = await openCompetition(checked);
  const stranger = await createUser(checked);
  const lateDraft = await createDraft(checked, stranger, late.competitionId);
  await moveWindow(checked, late.competitionId, { closesInSeconds: -1 });
  const refused = await submit(production, stranger, lateDraft.id);
  t.equal(refused.statusCode, 409);
  t.equal(refused.json().code, 'COMPETITION_CLOSED');
  t.ok(refused.json().closesAt, 'the closing instant is stated');
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
});
