import { randomUUID } from 'node:crypto';
import t from 'tap';
import type { Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { ERROR_CODES } from '../../src/lib/error-codes.js';
import { buildFeatureApp } from '../helpers/app.js';
import { closedCompetition, draftCompetition, openCompetition } from '../helpers/competitions.js';
import { createOrganisation, createUser } from '../helpers/factories.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Response {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, unknown>;
  'x-error-codes'?: string[];
}
interface Operation {
  operationId: string;
  description?: string;
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { required?: boolean };
  responses: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }>; headers?: Record<string, unknown> };
}

function operations(doc: Document): Array<[string, Operation]> {
  return Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => [`${m.toUpperCase()} ${path}`, item[m]!] as [string, Operation]));
}

const catalogue = Object.keys(ERROR_CODES).sort();
const DOCUMENTED_HEADERS = ['etag', 'location', 'retry-after', 'x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'idempotent-replayed'];

/** A real answer's status and code are among those the document lists for that operation, and so are the headers it carries. */
function assertDocumented(t: Test, doc: Document, method: string, path: string, res: LightMyRequestResponse, expected: { status: number; code?: string }) {
  const name = `${method} ${path} → ${res.statusCode}`;
  t.equal(res.statusCode, expected.status, `${name}: status (${res.body.slice(0, 200)})`);
  const response = doc.paths[path]?.[method.toLowerCase()]?.responses[String(res.statusCode)];
  if (!t.ok(response, `${name}: the status is documented`)) return;
  if (expected.code) {
    t.equal(res.json().code, expected.code, `${name}: code`);
    t.ok(response!['x-error-codes']?.includes(res.json().code), `${name}: ${res.json().code} is listed in x-error-codes (${response!['x-error-codes']?.join(', ')})`);
    t.match(response!.description, `\`${expected.code}\``, `${name}: and in the description`);
  }
  for (const header of DOCUMENTED_HEADERS) {
    if (res.headers[header] !== undefined) t.ok(response!.headers?.[header], `${name}: the ${header} it sends is documented`);
  }
}

t.test('the error catalogue is the document’s, and every operation lists catalogued codes', async (t) => {
  const { app } = await buildFeatureApp(t);
  const doc = app.swagger() as unknown as Document;
  t.same([...(doc.components.schemas.Problem?.properties?.code?.enum ?? [])].sort(), catalogue, 'Problem.code enum = the catalogue');

  let listed = 0;
  for (const [name, op] of operations(doc)) {
    for (const [status, response] of Object.entries(op.responses)) {
      const problem = response.content?.['application/problem+json'];
      if (!problem) continue;
      const codes = response['x-error-codes'];
      if (!t.ok(codes && codes.length > 0, `${name} ${status}: lists its codes`)) continue;
      for (const code of codes!) {
        listed++;
        const entry = (ERROR_CODES as Record<string, { statuses: readonly number[] }>)[code];
        t.ok(entry, `${name} ${status}: ${code} is catalogued`);
        if (entry) t.ok(entry.statuses.includes(Number(status)), `${name} ${status}: ${code} is sent with ${status} (catalogue: ${entry.statuses.join(', ')})`);
        if (!response.description.includes(`\`${code}\``)) t.fail(`${name} ${status}: the description names ${code}`);
      }
      const retry = codes!.some((code) => (ERROR_CODES as Record<string, { retryAfter?: boolean }>)[code]?.retryAfter);
      t.equal(Boolean(response.headers?.['retry-after']), retry, `${name} ${status}: Retry-After documented exactly when one of its codes sends it`);
    }
  }
  t.ok(listed > 500, `${listed} (operation, status, code) entries`);
});

t.test('the document’s shape: descriptions, parameters, components, headers', async (t) => {
  const { app } = await buildFeatureApp(t);
  const doc = app.swagger() as unknown as Document;
  for (const [name, op] of operations(doc)) {
    t.ok(op.description && op.description.length > 20, `${name}: has a description`);
    for (const [status, response] of Object.entries(op.responses)) {
      t.not(response.description, 'Default Response', `${name} ${status}: a real description`);
      if (status === '408' || status === '431') continue; // written on the socket, below Fastify's hooks
      if (!t.ok(response.headers?.['x-request-id'], `${name} ${status}: x-request-id`)) break;
    }
    for (const p of op.parameters ?? []) {
      if (p.in === 'path') t.ok(['revision', 'dataset'].includes(p.name) || /^[a-z]+Id$/.test(p.name), `${name}: path parameter ${p.name} is <resource>Id (or a number or name, not an id: revision, dataset)`);
    }
  }
  t.notOk(Object.keys(doc.paths).some((p) => p.includes('{id}')), 'no bare {id} path parameter');

  const text = JSON.stringify({ ...doc, components: { ...doc.components, schemas: {} } });
  const schemas = doc.components.schemas;
  const used = new Set<string>();
  const visit = (json: string) => {
    for (const [, name] of json.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (used.has(name!)) continue;
      used.add(name!);
      visit(JSON.stringify(schemas[name!]));
    }
  };
  visit(text);
  t.same(Object.keys(schemas).filter((name) => !used.has(name)), [], 'no unused component');

  const get = doc.paths['/v1/competitions/{competitionId}']!.get!;
  t.ok(get.responses['200']!.headers?.etag, 'getCompetition 200 documents ETag');
  t.ok(get.responses['200']!.headers?.['x-ratelimit-remaining'], 'and the rate-limit headers');
  const create = doc.paths['/v1/organisations/{organisationId}/competitions']!.post!;
  t.ok(create.responses['201']!.headers?.location && create.responses['201']!.headers?.etag, 'createCompetition 201 documents Location and ETag');
  t.ok(create.responses['201']!.headers?.['idempotent-replayed'], 'an idempotent route documents the replay header');
  t.ok(create.responses['429']!.headers?.['retry-after'], '429 documents Retry-After');
  t.ok(create.responses['503']!.headers?.['retry-after'], '503 documents Retry-After');
  t.ok(doc.paths['/v1/proposals/{proposalId}/submit']!.post!.responses['409']!.headers?.['retry-after'], 'the submit 409 (SUBMISSION_CONFLICT) documents Retry-After');
  t.notOk(doc.paths['/health/live']!.get!.responses['200']!.headers?.['x-ratelimit-limit'], 'health routes are not rate limited, so no rate-limit headers');
  t.notOk(doc.paths['/health/live']!.get!.responses['429'], 'nor a 429');
  for (const path of ['publish', 'start-judging', 'archive']) {
    t.equal(doc.paths[`/v1/competitions/{competitionId}/${path}`]!.post!.requestBody?.required, false, `${path}: the body is optional`);
  }
});

t.test('real answers carry a code, status and headers the document lists for the operation', async (t) => {
  const { app } = await buildFeatureApp(t);
  const doc = app.swagger() as unknown as Document;
  const organiser = await createUser(app);
  const organisation = await createOrganisation(app, organiser);

  assertDocumented(t, doc, 'GET', '/v1/me', await app.inject({ method: 'GET', url: '/v1/me' }), { status: 401, code: 'UNAUTHENTICATED' });
  assertDocumented(t, doc, 'POST', '/v1/organisations', await app.inject({ method: 'POST', url: '/v1/organisations', headers: organiser.auth, payload: { name: '' } }), {
    status: 422,
    code: 'VALIDATION_FAILED',
  });
  const plain = await app.inject({ method: 'POST', url: '/v1/organisations', headers: { ...organiser.auth, 'content-type': 'text/plain' }, payload: 'name=Makers' });
  assertDocumented(t, doc, 'POST', '/v1/organisations', plain, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  assertDocumented(t, doc, 'GET', '/v1/competitions/{competitionId}', await app.inject({ method: 'GET', url: `/v1/competitions/${randomUUID()}` }), { status: 404, code: 'NOT_FOUND' });

  const created = await app.inject({
    method: 'POST',
    url: `/v1/organisations/${organisation.id}/competitions`,
    headers: { ...organiser.auth, 'idempotency-key': randomUUID() },
    payload: { title: 'Draft only' },
  });
  if (created.statusCode === 201) assertDocumented(t, doc, 'POST', '/v1/organisations/{organisationId}/competitions', created, { status: 201 });
  else assertDocumented(t, doc, 'POST', '/v1/organisations/{organisationId}/competitions', created, { status: 422, code: 'VALIDATION_FAILED' });

  // The transitions take no body, or JSON null, or an object with a reason.
  const noBody = await draftCompetition(app, { organiser, organisation });
  const published = await app.inject({ method: 'POST', url: `/v1/competitions/${noBody.competitionId}/publish`, headers: organiser.auth });
  assertDocumented(t, doc, 'POST', '/v1/competitions/{competitionId}/publish', published, { status: 200 });
  t.ok(published.headers.etag, 'with its ETag');
  const nullBody = await draftCompetition(app, { organiser, organisation });
  const publishedNull = await app.inject({
    method: 'POST',
    url: `/v1/competitions/${nullBody.competitionId}/publish`,
    headers: { ...organiser.auth, 'content-type': 'application/json' },
    payload: 'null',
  });
  t.equal(publishedNull.statusCode, 200, 'a JSON null body is accepted');
  assertDocumented(t, doc, 'POST', '/v1/competitions/{competitionId}/publish', await app.inject({ method: 'POST', url: `/v1/competitions/${noBody.competitionId}/publish`, headers: organiser.auth, payload: { reason: 'again' } }), {
    status: 409,
    code: 'INVALID_TRANSITION',
  });
  const stale = await app.inject({ method: 'POST', url: `/v1/competitions/${noBody.competitionId}/archive`, headers: { ...organiser.auth, 'if-match': '"v0"' } });
  assertDocumented(t, doc, 'POST', '/v1/competitions/{competitionId}/archive', stale, { status: 412, code: 'PRECONDITION_FAILED' });
  t.ok(stale.headers.etag, 'a 412 carries the current ETag');

  const closed = await closedCompetition(app, { organiser, organisation });
  const applicant = await createUser(app);
  assertDocumented(
    t,
    doc,
    'POST',
    '/v1/competitions/{competitionId}/proposals',
    await app.inject({ method: 'POST', url: `/v1/competitions/${closed.competitionId}/proposals`, headers: applicant.auth, payload: { title: 'Late' } }),
    { status: 409, code: 'COMPETITION_CLOSED' },
  );
  const open = await openCompetition(app, { organiser, organisation });
  const key = randomUUID();
  const draft = () => app.inject({ method: 'POST', url: `/v1/competitions/${open.competitionId}/proposals`, headers: { ...applicant.auth, 'idempotency-key': key }, payload: { title: 'On time' } });
  const first = await draft();
  assertDocumented(t, doc, 'POST', '/v1/competitions/{competitionId}/proposals', first, { status: 201 });
  const replay = await draft();
  t.equal(replay.headers['idempotent-replayed'], 'true', 'the replay says so');
  assertDocumented(t, doc, 'POST', '/v1/competitions/{competitionId}/proposals', replay, { status: 201 });
  const proposalId = first.json().id as string;
  assertDocumented(t, doc, 'GET', '/v1/proposals/{proposalId}', await app.inject({ method: 'GET', url: `/v1/proposals/${proposalId}`, headers: applicant.auth }), { status: 200 });
  assertDocumented(t, doc, 'GET', '/v1/proposals/{proposalId}', await app.inject({ method: 'GET', url: `/v1/proposals/${proposalId}`, headers: organiser.auth }), { status: 404, code: 'NOT_FOUND' });
});
