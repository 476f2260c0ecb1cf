import t, { type Test } from 'tap';
import Fastify, { type LightMyRequestResponse } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { frameworkErrors } from '../../src/plugins/errors.js';
import { buildTestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

/** Asserts the RFC 9457 envelope every error shares, and returns the body. */
function assertProblem(t: Test, res: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
  t.equal(res.statusCode, status, `status ${status}`);
  t.equal(res.headers['content-type'], PROBLEM, 'problem+json');
  const body = res.json() as Record<string, unknown>;
  t.equal(body.status, status, 'status in body');
  t.equal(body.code, code, `code ${code}`);
  t.type(body.title, 'string');
  t.match(body.type, /^https:\/\//);
  t.ok(res.headers['x-request-id'], 'x-request-id header');
  t.equal(body.requestId, res.headers['x-request-id'], 'requestId equals the x-request-id header');
  return body;
}

const SECRET_MESSAGE = 'connection string postgres://admin:hunter2@db/internal failed';

/** Test-only routes: a validated body, an echo, and a failure the app did not anticipate. */
const testRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/test/validate',
    {
      schema: {
        body: z.strictObject({
          name: z.string().min(3),
          age: z.number().int().positive(),
          email: z.email(),
          address: z.strictObject({ city: z.string().min(1), zip: z.string().regex(/^\d{5}$/) }),
        }),
        querystring: z.object({ limit: z.coerce.number().int().max(100).optional() }),
      },
    },
    async () => ({ ok: true }),
  );
  app.post('/test/echo', { schema: { body: z.object({ text: z.string() }) } }, async (request) => request.body);
  // A unique violation raised by PostgreSQL itself (through Drizzle, on either driver).
  app.post('/test/duplicate', async () => {
    await app.database.db.execute(sql`create table if not exists test_duplicate (id int primary key)`);
    await app.database.db.execute(sql`insert into test_duplicate (id) values (1)`);
    return { inserted: true };
  });
  app.get('/test/boom', async () => {
    throw new Error(SECRET_MESSAGE);
  });
  app.get('/test/boom-async', async () => {
    await Promise.resolve();
    throw Object.assign(new TypeError("Cannot read properties of undefined (reading 'x')"), { statusCode: 500 });
  });
};

t.test('foundation error paths', async (t) => {
  const db = await createTestDatabase();
  t.teardown(() => db.close());
  const { app } = await buildTestApp(t, {
    db,
    env: { BODY_LIMIT_BYTES: '2048' },
    beforeReady: async (app) => {
      await app.register(testRoutes);
    },
  });

  t.test('unknown route is 404 ROUTE_NOT_FOUND', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/no/such/route?x=1' });
    const body = assertProblem(t, res, 404, 'ROUTE_NOT_FOUND');
    t.equal(body.instance, '/no/such/route', 'instance is the path without the query');
    t.notOk(res.headers.allow, 'no Allow header on a 404');
  });

  t.test('wrong method on a known path is 405 with Allow', async (t) => {
    const res = await app.inject({ method: 'DELETE', url: '/health/live' });
    assertProblem(t, res, 405, 'METHOD_NOT_ALLOWED');
    t.ok(res.headers.allow, 'Allow header present');
    const allowed = String(res.headers.allow).split(/,\s*/);
    t.ok(allowed.includes('GET'), 'Allow lists GET');
    t.notOk(allowed.includes('DELETE'), 'Allow does not list the refused method');

    const post = await app.inject({ method: 'GET', url: '/test/echo' });
    assertProblem(t, post, 405, 'METHOD_NOT_ALLOWED');
    t.same(String(post.headers.allow).split(/,\s*/), ['POST']);
  });

  t.test('malformed JSON is 400 MALFORMED_JSON', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"text": "unterminated',
    });
    assertProblem(t, res, 400, 'MALFORMED_JSON');

    const empty = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    assertProblem(t, empty, 400, 'MALFORMED_JSON');
  });

  t.test('oversized body is 413 BODY_TOO_LARGE', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(4096) }),
    });
    assertProblem(t, res, 413, 'BODY_TOO_LARGE');

    const fits = await app.inject({ method: 'POST', url: '/test/echo', payload: { text: 'x'.repeat(1000) } });
    t.equal(fits.statusCode, 200, 'a body under the limit is accepted');
  });

  t.test('unsupported media type is 415 UNSUPPORTED_MEDIA_TYPE', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<text>hi</text>',
    });
    assertProblem(t, res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  t.test('an unexpected error is 500 INTERNAL without internals', async (t) => {
    for (const url of ['/test/boom', '/test/boom-async']) {
      const res = await app.inject({ method: 'GET', url });
      const body = assertProblem(t, res, 500, 'INTERNAL');
      t.notMatch(res.body, /hunter2|postgres:|Cannot read|undefined \(reading/, 'no error message');
      t.notMatch(res.body, /\bat\s+\S+\s+\(|\.ts:\d+|\.js:\d+|node:internal|stack/i, 'no stack trace');
      t.same(Object.keys(body).sort(), ['code', 'detail', 'instance', 'requestId', 'status', 'title', 'type']);
    }
  });

  t.test('a unique violation from PostgreSQL is 409 CONFLICT without internals', async (t) => {
    const first = await app.inject({ method: 'POST', url: '/test/duplicate' });
    t.equal(first.statusCode, 200);
    const second = await app.inject({ method: 'POST', url: '/test/duplicate' });
    assertProblem(t, second, 409, 'CONFLICT');
    t.notMatch(second.body, /test_duplicate|pkey|duplicate key|insert/i, 'no SQL, table or constraint names');
  });

  t.test('validation failure is 422 naming every bad field', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/test/validate',
      payload: {
        name: 'x',
        age: -1.5,
        email: 'not-an-email',
        address: { city: '', zip: 'abc', planet: 'Mars' },
        nickname: 'ace',
        role: 'admin',
      },
    });
    const body = assertProblem(t, res, 422, 'VALIDATION_FAILED');
    const errors = body.errors as { field: string; message: string; in: string }[];
    t.ok(Array.isArray(errors), 'errors is an array');
    const fields = [...new Set(errors.map((e) => e.field))].sort();
    t.same(fields, ['address.city', 'address.planet', 'address.zip', 'age', 'email', 'name', 'nickname', 'role'].sort());
    for (const e of errors) {
      t.equal(e.in, 'body', `${e.field} is located in the body`);
      t.type(e.message, 'string');
      t.ok(e.message.length > 0);
    }
    t.equal(errors.find((e) => e.field === 'nickname')?.message, 'is not an accepted field');
  });

  t.test('a missing body and missing fields are named too', async (t) => {
    const res = await app.inject({ method: 'POST', url: '/test/validate', payload: { address: {} } });
    const body = assertProblem(t, res, 422, 'VALIDATION_FAILED');
    const fields = (body.errors as { field: string }[]).map((e) => e.field).sort();
    t.same(fields, ['address.city', 'address.zip', 'age', 'email', 'name']);
  });

  t.test('querystring failures say where they are', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/test/validate?limit=1000',
      payload: { name: 'Ada', age: 36, email: 'ada@example.org', address: { city: 'London', zip: '12345' } },
    });
    const body = assertProblem(t, res, 422, 'VALIDATION_FAILED');
    t.same(
      (body.errors as { field: string; in: string }[]).map((e) => [e.field, e.in]),
      [['limit', 'querystring']],
    );
  });

  t.test('a valid request passes', async (t) => {
    const res = await app.inject({
      method: 'POST',
      url: '/test/validate',
      payload: { name: 'Ada', age: 36, email: 'ada@example.org', address: { city: 'London', zip: '12345' } },
    });
    t.equal(res.statusCode, 200);
    t.same(res.json(), { ok: true });
  });

  t.test('a malformed URL is a problem too', async (t) => {
    const res = await app.inject({ method: 'GET', url: '/%zz' });
    assertProblem(t, res, 400, 'BAD_URL');
  });

  t.test('request id: a valid x-request-id is echoed and used in the problem', async (t) => {
    const given = 'client-req.42:abc_DEF';
    const res = await app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': given } });
    t.equal(res.headers['x-request-id'], given);
    t.equal(res.json().requestId, given);

    const ok = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': given } });
    t.equal(ok.headers['x-request-id'], given, 'echoed on success too');
  });

  t.test('request id: an unsafe x-request-id is replaced by a generated UUID', async (t) => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const bad of ['has spaces in it', 'x'.repeat(200), 'semi;colon', '<script>', '']) {
      const res = await app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': bad } });
      const id = res.headers['x-request-id'];
      t.match(id, uuid, `${JSON.stringify(bad.slice(0, 20))} replaced by a UUID`);
      t.not(id, bad);
      t.equal(res.json().requestId, id);
    }
    const a = await app.inject({ method: 'GET', url: '/health/live' });
    const b = await app.inject({ method: 'GET', url: '/health/live' });
    t.match(a.headers['x-request-id'], uuid, 'generated when absent');
    t.not(a.headers['x-request-id'], b.headers['x-request-id'], 'unique per request');
  });
});

t.test('frameworkErrors turns the errors Fastify answers before routing into problems', async (t) => {
  const app = Fastify({ frameworkErrors, maxParamLength: 10, genReqId: () => 'framework-1' });
  app.get('/items/:id', async () => ({ ok: true }));
  t.teardown(() => app.close());

  const badUrl = await app.inject({ method: 'GET', url: '/items/%zz' });
  const body = assertProblem(t, badUrl, 400, 'BAD_URL');
  t.equal(body.requestId, 'framework-1');

  const longParam = await app.inject({ method: 'GET', url: `/items/${'x'.repeat(50)}` });
  assertProblem(t, longParam, 414, 'URI_TOO_LONG');
});
