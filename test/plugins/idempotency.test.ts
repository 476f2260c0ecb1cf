import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../src/lib/errors.js';
import { buildTestApp } from '../helpers/app.js';

interface Fixture {
  app: FastifyInstance;
  runs: { counter: number; slow: number; flaky: number; missing: number; open: number };
  /** Holds `/test/slow` until released. */
  gate: { wait: Promise<void>; release: () => void };
  /** A token for `sub`, or for a caller of this test's own when omitted. */
  token: (sub?: string) => string;
}

function makeGate() {
  let release!: () => void;
  const wait = new Promise<void>((resolve) => (release = resolve));
  return { wait, release };
}

const runs = { counter: 0, slow: 0, flaky: 0, missing: 0, open: 0 };
const gate = makeGate();
// One app for the whole file (building one on PGlite costs seconds); tests use their own callers and keys.
const shared = await buildApp(t);

async function buildApp(t: Test) {
  const { app } = await buildTestApp(t, {
    beforeReady: (root) => {
      const app = root.withTypeProvider<ZodTypeProvider>();
      const body = z.object({ value: z.number().int() });
      const guarded = { onRequest: app.requireUser, config: { idempotency: true } };
      app.post('/test/counter', { ...guarded, schema: { body } }, async (request, reply) => {
        runs.counter += 1;
        reply.header('location', `/test/counter/${runs.counter}`).header('etag', `"v${runs.counter}"`);
        reply.code(201);
        return { run: runs.counter, value: request.body.value, at: process.hrtime.bigint().toString() };
      });
      app.post('/test/other', { ...guarded, schema: { body } }, async () => ({ ok: true }));
      app.post('/test/slow', { ...guarded, schema: { body } }, async (_request, reply) => {
        runs.slow += 1;
        await gate.wait;
        reply.code(201);
        return { run: runs.slow };
      });
      app.post('/test/flaky', { ...guarded, schema: { body } }, async (_request, reply) => {
        runs.flaky += 1;
        if (runs.flaky === 1) throw new Error('database went away');
        reply.code(201);
        return { run: runs.flaky };
      });
      app.post('/test/missing', { ...guarded, schema: { body } }, async () => {
        runs.missing += 1;
        throw new NotFoundError('Competition');
      });
      // No authentication: idempotency needs a caller to scope keys to, so it does not apply.
      app.post('/test/open', { config: { idempotency: true }, schema: { body } }, async () => ({ run: ++runs.open }));
    },
  });
  return app;
}

/** Resets the counters and gives the test a caller of its own. */
async function fixture(_t: Test): Promise<Fixture> {
  Object.assign(runs, { counter: 0, slow: 0, flaky: 0, missing: 0, open: 0 });
  Object.assign(gate, makeGate());
  const defaultSub = randomUUID();
  return { app: shared, runs, gate, token: (sub = defaultSub) => shared.signAccessToken({ sub }) };
}

function post(f: Fixture, url: string, payload: unknown, headers: Record<string, string> = {}, sub?: string) {
  return f.app.inject({ method: 'POST', url, payload: payload as object, headers: { authorization: `Bearer ${f.token(sub)}`, ...headers } });
}

t.test('the same key and body replay the first response; the handler runs once', async (t) => {
  const f = await fixture(t);
  const key = randomUUID();
  const first = await post(f, '/test/counter', { value: 7 }, { 'idempotency-key': key });
  t.equal(first.statusCode, 201);
  t.notOk(first.headers['idempotent-replayed']);

  const again = await post(f, '/test/counter', { value: 7 }, { 'idempotency-key': key });
  t.equal(again.statusCode, 201);
  t.equal(again.body, first.body, 'byte-for-byte the same body');
  t.equal(again.headers['idempotent-replayed'], 'true');
  for (const name of ['content-type', 'location', 'etag']) t.equal(again.headers[name], first.headers[name], name);
  t.not(again.headers['x-request-id'], first.headers['x-request-id'], 'per-response headers are not replayed');
  t.equal(f.runs.counter, 1);

  // Key order and whitespace in the body do not matter: it is compared canonically.
  const reordered = await f.app.inject({
    method: 'POST',
    url: '/test/counter',
    payload: '{ "value" : 7 }',
    headers: { authorization: `Bearer ${f.token()}`, 'idempotency-key': key, 'content-type': 'application/json' },
  });
  t.equal(reordered.headers['idempotent-replayed'], 'true');
  t.equal(f.runs.counter, 1);
});

t.test('the same key with a different request is refused with 422', async (t) => {
  const f = await fixture(t);
  const key = 'order 2024/000001';
  t.equal((await post(f, '/test/counter', { value: 1 }, { 'idempotency-key': key })).statusCode, 201);

  const otherBody = await post(f, '/test/counter', { value: 2 }, { 'idempotency-key': key });
  t.equal(otherBody.statusCode, 422);
  t.equal(otherBody.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal(otherBody.json().code, 'IDEMPOTENCY_KEY_REUSED');

  const otherRoute = await post(f, '/test/other', { value: 1 }, { 'idempotency-key': key });
  t.equal(otherRoute.statusCode, 422);
  t.equal(otherRoute.json().code, 'IDEMPOTENCY_KEY_REUSED');
  t.equal(f.runs.counter, 1);
});

t.test('a retry while the first request is still running gets 409, then the replay', async (t) => {
  const f = await fixture(t);
  const key = randomUUID();
  const first = post(f, '/test/slow', { value: 1 }, { 'idempotency-key': key });
  // Wait until the first request is inside its handler (so its key is claimed).
  while (f.runs.slow === 0) await new Promise((resolve) => setTimeout(resolve, 5));

  const duplicates = await Promise.all(Array.from({ length: 5 }, () => post(f, '/test/slow', { value: 1 }, { 'idempotency-key': key })));
  for (const duplicate of duplicates) {
    t.equal(duplicate.statusCode, 409);
    t.equal(duplicate.json().code, 'IDEMPOTENCY_IN_PROGRESS');
    t.equal(duplicate.headers['retry-after'], '1');
  }

  f.gate.release();
  const done = await first;
  t.equal(done.statusCode, 201);
  const replay = await post(f, '/test/slow', { value: 1 }, { 'idempotency-key': key });
  t.equal(replay.statusCode, 201);
  t.equal(replay.headers['idempotent-replayed'], 'true');
  t.equal(f.runs.slow, 1);
});

t.test('keys are scoped to the caller', async (t) => {
  const f = await fixture(t);
  const key = 'shared-key';
  const alice = await post(f, '/test/counter', { value: 1 }, { 'idempotency-key': key }, randomUUID());
  const bob = await post(f, '/test/counter', { value: 1 }, { 'idempotency-key': key }, randomUUID());
  t.equal(alice.statusCode, 201);
  t.equal(bob.statusCode, 201);
  t.notOk(bob.headers['idempotent-replayed']);
  t.equal(f.runs.counter, 2);
});

t.test('without the header nothing is remembered', async (t) => {
  const f = await fixture(t);
  t.equal((await post(f, '/test/counter', { value: 1 })).statusCode, 201);
  t.equal((await post(f, '/test/counter', { value: 1 })).statusCode, 201);
  t.equal(f.runs.counter, 2);

  // Anonymous callers have no scope for keys: the header is ignored.
  await f.app.inject({ method: 'POST', url: '/test/open', payload: { value: 1 }, headers: { 'idempotency-key': 'k' } });
  await f.app.inject({ method: 'POST', url: '/test/open', payload: { value: 1 }, headers: { 'idempotency-key': 'k' } });
  t.equal(f.runs.open, 2);
});

t.test('an invalid key is a validation error naming the header', async (t) => {
  const f = await fixture(t);
  for (const key of ['x'.repeat(256), 'caf\u00e9']) {
    const res = await f.app.inject({
      method: 'POST',
      url: '/test/counter',
      payload: { value: 1 },
      headers: { authorization: `Bearer ${f.token()}`, 'idempotency-key': Buffer.from(key, 'utf8').toString('latin1') },
    });
    t.equal(res.statusCode, 422);
    t.equal(res.json().code, 'VALIDATION_FAILED');
    t.match(res.json().errors, [{ field: 'idempotency-key', in: 'headers' }]);
  }
  t.equal(f.runs.counter, 0);
});

t.test('a 5xx is not stored, so a retry runs again; a 4xx is replayed', async (t) => {
  const f = await fixture(t);
  const key = randomUUID();
  const failed = await post(f, '/test/flaky', { value: 1 }, { 'idempotency-key': key });
  t.equal(failed.statusCode, 500);
  const retried = await post(f, '/test/flaky', { value: 1 }, { 'idempotency-key': key });
  t.equal(retried.statusCode, 201);
  t.notOk(retried.headers['idempotent-replayed']);
  t.equal(f.runs.flaky, 2);

  const missingKey = randomUUID();
  const notFound = await post(f, '/test/missing', { value: 1 }, { 'idempotency-key': missingKey });
  t.equal(notFound.statusCode, 404);
  const replayed = await post(f, '/test/missing', { value: 1 }, { 'idempotency-key': missingKey });
  t.equal(replayed.statusCode, 404);
  t.equal(replayed.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal(replayed.headers['idempotent-replayed'], 'true');
  t.equal(replayed.body, notFound.body);
  t.equal(f.runs.missing, 1);
});

t.test('keys are kept 24 hours by the database clock; an expired key is free again', async (t) => {
  const f = await fixture(t);
  const db = f.app.database.db;
  const key = randomUUID();
  await post(f, '/test/counter', { value: 1 }, { 'idempotency-key': key });
  const kept = await db.execute(sql`select extract(epoch from expires_at - created_at)::int as seconds from idempotency_keys where key = ${key}`);
  t.same((kept as unknown as { rows: unknown[] }).rows, [{ seconds: 24 * 3600 }]);

  await db.execute(sql`update idempotency_keys set expires_at = now() - interval '1 second' where key = ${key}`);
  const fresh = await post(f, '/test/counter', { value: 2 }, { 'idempotency-key': key });
  t.equal(fresh.statusCode, 201, 'not a reuse error: the old record expired');
  t.notOk(fresh.headers['idempotent-replayed']);
  t.equal(f.runs.counter, 2);
  t.equal((await post(f, '/test/counter', { value: 2 }, { 'idempotency-key': key })).headers['idempotent-replayed'], 'true');
});

t.test('a claim abandoned by a crashed instance can be taken over after its lease', async (t) => {
  const f = await fixture(t);
  const db = f.app.database.db;
  const key = randomUUID();
  const sub = randomUUID();
  await db.execute(sql`insert into idempotency_keys (user_id, key, method, route, request_hash, state, created_at, expires_at)
    values (${sub}, ${key}, 'POST', '/test/counter', 'whatever', 'in_flight', now() - interval '10 minutes', now() + interval '1 day')`);
  const res = await post(f, '/test/counter', { value: 1 }, { 'idempotency-key': key }, sub);
  t.equal(res.statusCode, 201);
  t.equal(f.runs.counter, 1);
});

t.test('the OpenAPI description documents the header and the outcomes', async (t) => {
  const f = await fixture(t);
  const doc = f.app.swagger() as { paths: Record<string, { post: { parameters?: { name: string; in: string }[]; responses: Record<string, { description: string }> } }> };
  const op = doc.paths['/test/counter']!.post;
  t.ok(op.parameters?.some((p) => p.name === 'idempotency-key' && p.in === 'header'));
  t.match(op.responses['409']!.description, /IDEMPOTENCY_IN_PROGRESS/);
  t.match(op.responses['422']!.description, /IDEMPOTENCY_KEY_REUSED/);
});
