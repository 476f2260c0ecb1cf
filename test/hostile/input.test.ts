import { connect } from 'node:net';
import t, { type Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { buildFeatureApp } from '../helpers/app.js';
import { competitionBody, createDraft, openCompetition, submit } from '../helpers/competitions.js';
import { createUser } from '../helpers/factories.js';

// Issue #10, items 7 and 8: hostile input is a 4xx naming the field, never a 500; routes without
// a body ignore one; answers from below the router are problems too.

const PROBLEM = 'application/problem+json; charset=utf-8';

function assertFieldError(t: Test, res: LightMyRequestResponse, field: string, where = 'body') {
  t.equal(res.statusCode, 422, `${field}: 422 (${res.body.slice(0, 200)})`);
  t.equal(res.headers['content-type'], PROBLEM);
  const body = res.json() as { code: string; errors: Array<{ field: string; in: string }> };
  t.equal(body.code, 'VALIDATION_FAILED');
  t.ok(
    body.errors.some((e) => e.field === field && e.in === where),
    `names ${field} in ${where}: ${JSON.stringify(body.errors)}`,
  );
}

const cursorOf = (json: Record<string, unknown>) => Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

t.test('forged cursors with impossible timestamps are 422 on every list that pages by keyset', async (t) => {
  const { app } = await buildFeatureApp(t);
  const world = await openCompetition(app);
  const id = '00000000-0000-4000-8000-000000000000';
  for (const key of ['2024-13-45 25:61:61+00', '0000-01-01 00:00:00+00', '2026-02-29 00:00:00+00', '2026-01-01 24:00:00+00']) {
    const lists = [
      { url: `/v1/competitions?cursor=${cursorOf({ s: 'closing_soon', k: key, id })}`, headers: {} },
      { url: `/v1/organisations/${world.organisation.id}/competitions?cursor=${cursorOf({ s: 'newest', k: key, id })}&sort=newest`, headers: world.organiser.auth },
      { url: `/v1/me/proposals?cursor=${cursorOf({ k: key, id })}`, headers: world.organiser.auth },
      { url: `/v1/competitions/${world.competitionId}/proposals?cursor=${cursorOf({ k: key, id })}`, headers: world.organiser.auth },
    ];
    for (const list of lists) {
      const res = await app.inject({ method: 'GET', url: list.url, headers: list.headers });
      assertFieldError(t, res, 'cursor', 'querystring');
    }
  }
  // The cursors a list hands out still work.
  const first = await app.inject({ method: 'GET', url: '/v1/competitions?limit=1&sort=newest' });
  t.equal(first.statusCode, 200);
  const next = first.json().nextCursor as string | null;
  if (next) t.equal((await app.inject({ method: 'GET', url: `/v1/competitions?limit=1&sort=newest&cursor=${next}` })).statusCode, 200, 'a real cursor pages on');
});

t.test('dates and instants outside 1900-2200 are refused by name, wherever they are accepted', async (t) => {
  const { app } = await buildFeatureApp(t);
  const user = await createUser(app);

  for (const birthDate of ['0000-01-01', '1899-12-31', '-0001-01-01', '+275760-09-13', '2999-01-01']) {
    assertFieldError(t, await app.inject({ method: 'PATCH', url: '/v1/me', headers: user.auth, payload: { birthDate } }), 'birthDate');
  }
  const register = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { email: `born-${Date.now()}@example.org`, password: 'Correct-Horse-Battery-9', displayName: 'Zero', country: 'IT', birthDate: '0000-01-01' },
  });
  assertFieldError(t, register, 'birthDate');
  const fine = await app.inject({ method: 'PATCH', url: '/v1/me', headers: user.auth, payload: { birthDate: '1900-01-01' } });
  t.equal(fine.statusCode, 200, 'the earliest birth date is accepted');

  const world = await openCompetition(app);
  const create = (overrides: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/v1/organisations/${world.organisation.id}/competitions`, headers: world.organiser.auth, payload: competitionBody(overrides) });
  const timing = { opensAt: '2026-01-01T00:00:00Z', closesAt: '2026-12-31', timezone: 'Europe/Rome' };
  assertFieldError(t, await create({ timing: { ...timing, opensAt: '0000-01-01T00:00:00Z' } }), 'timing.opensAt');
  assertFieldError(t, await create({ timing: { ...timing, closesAt: '+275760-09-13T00:00:00.000Z' } }), 'timing.closesAt');
  assertFieldError(t, await create({ timing: { ...timing, closesAt: '2201-01-01' } }), 'timing.closesAt');
  assertFieldError(t, await create({ judging: { judgingClosesAt: '-000001-01-01T00:00:00Z' } }), 'judging.judgingClosesAt');
  assertFieldError(t, await create({ eligibility: { ageReferenceDate: '1899-12-31' } }), 'eligibility.ageReferenceDate');

  const etag = (await app.inject({ method: 'GET', url: `/v1/competitions/${world.competitionId}`, headers: world.organiser.auth })).headers.etag as string;
  const extend = await app.inject({
    method: 'POST',
    url: `/v1/competitions/${world.competitionId}/extend`,
    headers: { ...world.organiser.auth, 'if-match': etag },
    payload: { closesAt: '+275760-09-13T00:00:00.000Z' },
  });
  assertFieldError(t, extend, 'closesAt');
  const grant = await app.inject({
    method: 'PUT',
    url: `/v1/competitions/${world.competitionId}/extensions/${user.id}`,
    headers: world.organiser.auth,
    payload: { closesAt: '0000-12-31T23:00:00Z', reason: 'illness' },
  });
  assertFieldError(t, grant, 'closesAt');
  const patch = await app.inject({
    method: 'PATCH',
    url: `/v1/competitions/${world.competitionId}`,
    headers: { ...world.organiser.auth, 'if-match': etag },
    payload: { timing: { closesAt: '9999-12-31T23:59:59Z' } },
  });
  assertFieldError(t, patch, 'timing.closesAt');
});

t.test('NUL and lone surrogates in any text are refused naming the field, in bodies, queries and paths', async (t) => {
  const { app } = await buildFeatureApp(t);
  const user = await createUser(app);
  const world = await openCompetition(app);
  const draft = await createDraft(app, user, world.competitionId);

  const nul = await app.inject({ method: 'PATCH', url: '/v1/me', headers: user.auth, payload: { displayName: 'Ada\u0000Lovelace' } });
  assertFieldError(t, nul, 'displayName');
  t.match(nul.json().errors[0].message, /NUL/);

  // A lone surrogate escaped in the JSON text, as a hostile client sends it.
  const surrogate = await app.inject({
    method: 'PATCH',
    url: '/v1/me',
    headers: { ...user.auth, 'content-type': 'application/json' },
    payload: '{"displayName":"Ada \\ud800"}',
  });
  assertFieldError(t, surrogate, 'displayName');
  t.match(surrogate.json().errors[0].message, /surrogate/);

  const nested = await app.inject({
    method: 'PATCH',
    url: `/v1/proposals/${draft.id}`,
    headers: user.auth,
    payload: { answers: { summary: 'ok', website: 'https://example.org/\u0000' } },
  });
  assertFieldError(t, nested, 'answers.website');
  const key = await app.inject({
    method: 'PATCH',
    url: `/v1/proposals/${draft.id}`,
    headers: { ...user.auth, 'content-type': 'application/json' },
    payload: '{"answers":{"a\\u0000b":"x"}}',
  });
  t.equal(key.statusCode, 422, 'a key with NUL is refused too');

  const organisation = await app.inject({ method: 'POST', url: '/v1/organisations', headers: user.auth, payload: { name: 'Makers', kind: 'ngo', country: 'IT', description: '\u0000' } });
  assertFieldError(t, organisation, 'description');

  assertFieldError(t, await app.inject({ method: 'GET', url: '/v1/competitions?country=I%00' }), 'country', 'querystring');
  const upload = await app.inject({
    method: 'POST',
    url: `/v1/proposals/${draft.id}/attachments?filename=a%00.txt`,
    headers: { ...user.auth, 'content-type': 'text/plain' },
    payload: 'hello',
  });
  assertFieldError(t, upload, 'filename', 'querystring');

  const stillFine = await app.inject({ method: 'PATCH', url: '/v1/me', headers: user.auth, payload: { displayName: 'Ada Lovelace 🚀 ü' } });
  t.equal(stillFine.statusCode, 200, 'well-formed text (astral characters included) is accepted');
});

t.test('deep JSON is refused at parse time; a route without a body ignores whatever is sent', async (t) => {
  const { app } = await buildFeatureApp(t);
  const user = await createUser(app);
  const world = await openCompetition(app);
  const draft = await createDraft(app, user, world.competitionId);

  const deep = await app.inject({
    method: 'PATCH',
    url: `/v1/proposals/${draft.id}`,
    headers: { ...user.auth, 'content-type': 'application/json' },
    payload: deepArray(20_000),
  });
  t.equal(deep.statusCode, 400);
  t.equal(deep.headers['content-type'], PROBLEM);
  t.equal(deep.json().code, 'JSON_TOO_DEEP');
  const atLimit = await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: { ...user.auth, 'content-type': 'application/json' }, payload: deepArray(32) });
  t.equal(atLimit.statusCode, 422, '32 levels parse (and fail the schema)');
  const overLimit = await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: { ...user.auth, 'content-type': 'application/json' }, payload: deepArray(33) });
  t.equal(overLimit.json().code, 'JSON_TOO_DEEP', '33 do not');

  // The submit takes no body: a 20,000-deep one with an Idempotency-Key is ignored, not hashed.
  const submitted = await submit(app, user, draft.id, { 'idempotency-key': 'deep-1', 'content-type': 'application/json' });
  t.equal(submitted.statusCode, 201);
  const deepSubmit = await app.inject({
    method: 'POST',
    url: `/v1/proposals/${draft.id}/submit`,
    headers: { ...user.auth, 'idempotency-key': 'deep-2', 'content-type': 'application/json' },
    payload: deepArray(20_000),
  });
  // Unchanged since the first submit: 200 with the current revision (docs/proposals.md), not a 4xx/5xx from the body.
  t.equal(deepSubmit.statusCode, 200, 'the deep body on submit is ignored');
  const replay = await app.inject({
    method: 'POST',
    url: `/v1/proposals/${draft.id}/submit`,
    headers: { ...user.auth, 'idempotency-key': 'deep-2', 'content-type': 'text/xml' },
    payload: '<junk/>',
  });
  t.equal(replay.headers['idempotent-replayed'], 'true', 'a retry with another ignored body replays: the body is no part of the key');

  for (const [contentType, payload] of [
    ['text/xml', '<a/>'],
    ['application/json', '{"broken":'],
    ['application/json', ''],
  ] as const) {
    const res = await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/withdraw`, headers: { ...user.auth, 'content-type': contentType }, payload });
    t.not(res.statusCode, 415, `${contentType} ${JSON.stringify(payload)}: no 415`);
    t.not(res.statusCode, 400, 'no 400');
    t.ok([200, 409, 412].includes(res.statusCode), `answered as without a body (${res.statusCode})`);
  }
  const tooLarge = await app.inject({
    method: 'POST',
    url: `/v1/proposals/${draft.id}/withdraw`,
    headers: { ...user.auth, 'content-type': 'application/json' },
    payload: `"${'x'.repeat(1_100_000)}"`,
  });
  t.not(tooLarge.statusCode, 413, 'no 413 either');
  t.equal(tooLarge.headers.connection, 'close', 'a large ignored body closes the connection');

  const revoke = await app.inject({
    method: 'DELETE',
    url: `/v1/competitions/${world.competitionId}/extensions/${user.id}`,
    headers: { ...world.organiser.auth, 'content-type': 'application/json' },
    payload: '',
  });
  t.not(revoke.statusCode, 400, 'DELETE with an empty JSON body is not a 400');
});

/** Writes raw bytes to the listening app and reads the whole answer. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.setEncoding('utf8').on('data', (c: string) => (out += c));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
}

t.test('answers from below the router are problem+json', async (t) => {
  const { app } = await buildFeatureApp(t);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;

  const big = await raw(port, `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
  t.match(big, /^HTTP\/1\.1 431 /);
  t.match(big, /content-type: application\/problem\+json; charset=utf-8/i);
  t.match(big, /"code":"HEADERS_TOO_LARGE"/);
  t.match(big, /"status":431/);

  const garbage = await raw(port, 'NOT HTTP AT ALL\r\n\r\n');
  t.match(garbage, /^HTTP\/1\.1 400 /);
  t.match(garbage, /content-type: application\/problem\+json/i);
  t.match(garbage, /"code":"BAD_REQUEST"/);

  const bareLf = await raw(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n');
  t.match(bareLf, /^HTTP\/1\.1 400 .*\r\n[\s\S]*"code":"BAD_REQUEST"/, 'a request smuggling attempt (two lengths) too');

  const longParam = await app.inject({ method: 'GET', url: `/v1/proposals/${'x'.repeat(500)}` });
  t.equal(longParam.statusCode, 414);
  t.equal(longParam.headers['content-type'], PROBLEM);
});
