import { randomInt } from 'node:crypto';
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { buildTestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';

const PROBLEM = 'application/problem+json; charset=utf-8';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A caller address of its own, so runs and files never share a rate-limit bucket. */
const freshAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

function addTestRoute(app: FastifyInstance) {
  app.get('/test/ping', async () => ({ pong: true }));
}

t.test('protection', async (t) => {
  // One database for every app in this file: the plugins under test do not touch it.
  const db = await createTestDatabase();
  t.teardown(() => db.close());

  t.test('helmet headers are set on successes and on problems', async (t) => {
    const { app } = await buildTestApp(t, { db });
    for (const url of ['/health/live', '/no/such/route']) {
      const res = await app.inject({ method: 'GET', url });
      t.equal(res.headers['x-content-type-options'], 'nosniff', `${url}: nosniff`);
      t.match(res.headers['content-security-policy'], /default-src 'self'/, `${url}: CSP`);
      t.match(res.headers['strict-transport-security'], /max-age=\d+/, `${url}: HSTS`);
      t.equal(res.headers['x-frame-options'], 'SAMEORIGIN', `${url}: frame options`);
      t.notOk(res.headers['x-powered-by'], `${url}: no x-powered-by`);
    }
  });

  t.test('CORS: only allow-listed origins', async (t) => {
    const allowed = 'https://app.skyrocket.example';
    const { app } = await buildTestApp(t, {
      db,
      env: { CORS_ORIGINS: `${allowed}, https://admin.skyrocket.example` },
    });

    const simple = await app.inject({ method: 'GET', url: '/health/live', headers: { origin: allowed } });
    t.equal(simple.headers['access-control-allow-origin'], allowed);
    t.match(simple.headers['access-control-expose-headers'], /x-request-id/, 'x-request-id is readable cross-origin');
    t.match(simple.headers['access-control-expose-headers'], /retry-after/, 'retry-after is readable cross-origin');
    for (const header of ['etag', 'location', 'idempotent-replayed', 'x-ratelimit-remaining']) {
      t.match(simple.headers['access-control-expose-headers'], new RegExp(header), `${header}, documented in the OpenAPI file, is readable cross-origin`);
    }

    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/health/ready',
      headers: { origin: allowed, 'access-control-request-method': 'GET' },
    });
    t.equal(preflight.statusCode, 204);
    t.equal(preflight.headers['access-control-allow-origin'], allowed);

    const foreign = 'https://evil.example';
    const refused = await app.inject({ method: 'GET', url: '/health/live', headers: { origin: foreign } });
    t.notOk(refused.headers['access-control-allow-origin'], 'no allow-origin for a foreign origin');
    const foreignPreflight = await app.inject({
      method: 'OPTIONS',
      url: '/health/ready',
      headers: { origin: foreign, 'access-control-request-method': 'GET' },
    });
    t.notOk(foreignPreflight.headers['access-control-allow-origin'], 'no allow-origin on a foreign preflight');
    t.notOk(foreignPreflight.headers['access-control-allow-credentials'], 'credentials never allowed');
  });

  t.test('CORS: no cross-origin access when the allow-list is empty', async (t) => {
    const { app } = await buildTestApp(t, { db });
    const res = await app.inject({ method: 'GET', url: '/health/live', headers: { origin: 'https://app.skyrocket.example' } });
    t.notOk(res.headers['access-control-allow-origin']);
  });

  t.test('rate limit (in memory): the request over the limit is 429 RATE_LIMITED', async (t) => {
    const { app } = await buildTestApp(t, {
      db,
      env: { RATE_LIMIT_MAX: '3', CORS_ORIGINS: 'https://app.skyrocket.example' },
      beforeReady: addTestRoute,
    });
    const remoteAddress = freshAddress();
    for (let i = 1; i <= 3; i++) {
      const res = await app.inject({ method: 'GET', url: '/test/ping', remoteAddress });
      t.equal(res.statusCode, 200, `request ${i} passes`);
    }
    const limited = await app.inject({
      method: 'GET',
      url: '/test/ping',
      remoteAddress,
      headers: { origin: 'https://app.skyrocket.example' },
    });
    t.equal(limited.statusCode, 429, 'the 4th request is limited');
    t.equal(limited.headers['content-type'], PROBLEM);
    const body = limited.json();
    t.equal(body.code, 'RATE_LIMITED');
    t.equal(body.status, 429);
    t.equal(body.requestId, limited.headers['x-request-id']);
    const retryAfter = Number(limited.headers['retry-after']);
    t.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60, `Retry-After is whole seconds (${retryAfter})`);
    t.equal(limited.headers['access-control-allow-origin'], 'https://app.skyrocket.example', 'a browser can read the 429');

    const other = await app.inject({ method: 'GET', url: '/test/ping', remoteAddress: freshAddress() });
    t.equal(other.statusCode, 200, 'another address has its own budget');

    // Authenticated callers are counted per account, not per address.
    const token = app.signAccessToken({ sub: 'user-rl' });
    const asUser = await app.inject({ method: 'GET', url: '/test/ping', remoteAddress, headers: { authorization: `Bearer ${token}` } });
    t.equal(asUser.statusCode, 200, 'a signed-in caller behind a limited address still passes');

    for (let i = 0; i < 10; i++) {
      const live = await app.inject({ method: 'GET', url: '/health/live', remoteAddress });
      const ready = await app.inject({ method: 'GET', url: '/health/ready', remoteAddress });
      if (live.statusCode !== 200 || ready.statusCode !== 200) {
        t.fail(`health check limited: live ${live.statusCode}, ready ${ready.statusCode}`);
        return;
      }
    }
    t.pass('health routes are exempt from the limit');
  });

  t.test('rate limit: X-Forwarded-For counts only behind a trusted proxy', async (t) => {
    const direct = await buildTestApp(t, { db, env: { RATE_LIMIT_MAX: '3' }, beforeReady: addTestRoute });
    const remoteAddress = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      // A direct client forging a new forwarded address on every request gains nothing.
      const res = await direct.app.inject({ method: 'GET', url: '/test/ping', remoteAddress, headers: { 'x-forwarded-for': freshAddress() } });
      statuses.push(res.statusCode);
    }
    t.same(statuses, [200, 200, 200, 429], 'spoofed X-Forwarded-For is ignored without TRUST_PROXY');

    const proxied = await buildTestApp(t, { db, env: { RATE_LIMIT_MAX: '3', TRUST_PROXY: '127.0.0.1' }, beforeReady: addTestRoute });
    const client = freshAddress();
    const fromProxy = (forwardedFor: string) =>
      proxied.app.inject({ method: 'GET', url: '/test/ping', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': forwardedFor } });
    for (let i = 0; i < 3; i++) await fromProxy(client);
    t.equal((await fromProxy(client)).statusCode, 429, 'the client behind the proxy is limited');
    t.equal((await fromProxy(freshAddress())).statusCode, 200, 'other clients behind the same proxy are not');
  });

  t.test('rate limit (Redis): instances share one count', async (t) => {
    const redisA = new Redis(REDIS_URL);
    const redisB = new Redis(REDIS_URL);
    const remoteAddress = freshAddress();
    t.teardown(async () => {
      const keys = await redisA.keys(`skyrocket-rl:*${remoteAddress}`);
      if (keys.length) await redisA.del(...keys);
      await redisA.quit();
      await redisB.quit();
    });
    const env = { RATE_LIMIT_MAX: '3', REDIS_URL };
    const { app: appA } = await buildTestApp(t, { db, env, deps: { redis: redisA }, beforeReady: addTestRoute });
    const { app: appB } = await buildTestApp(t, { db, env, deps: { redis: redisB }, beforeReady: addTestRoute });

    for (let i = 1; i <= 2; i++) {
      const res = await appA.inject({ method: 'GET', url: '/test/ping', remoteAddress });
      t.equal(res.statusCode, 200, `app A request ${i} passes`);
    }
    t.ok((await redisA.keys(`skyrocket-rl:*${remoteAddress}`)).length > 0, 'the count lives in Redis under the namespace');
    const third = await appB.inject({ method: 'GET', url: '/test/ping', remoteAddress });
    t.equal(third.statusCode, 200, 'app B request 3 passes');
    const fourth = await appB.inject({ method: 'GET', url: '/test/ping', remoteAddress });
    t.equal(fourth.statusCode, 429, 'app B refuses the 4th: it saw app A\'s two');
    t.equal(fourth.headers['content-type'], PROBLEM);
    t.equal(fourth.json().code, 'RATE_LIMITED');
    t.ok(Number(fourth.headers['retry-after']) > 0, 'Retry-After');
    const backOnA = await appA.inject({ method: 'GET', url: '/test/ping', remoteAddress });
    t.equal(backOnA.statusCode, 429, 'and app A now refuses too');
  });

  t.test('rate limit (Redis unreachable): requests are served, not failed', async (t) => {
    // Same client options as src/server.ts; nothing listens on port 1.
    const redis = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    redis.on('error', () => {});
    t.teardown(() => redis.disconnect());
    const { app } = await buildTestApp(t, {
      db,
      env: { RATE_LIMIT_MAX: '3' },
      deps: { redis },
      beforeReady: addTestRoute,
    });
    const res = await app.inject({ method: 'GET', url: '/test/ping', remoteAddress: freshAddress() });
    t.equal(res.statusCode, 200, 'a Redis outage does not take the API down');
  });

  t.test('load shedding: 503 SERVICE_UNAVAILABLE with Retry-After when the event loop lags', async (t) => {
    let served = 0;
    const { app } = await buildTestApp(t, {
      db,
      env: { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '50' },
      beforeReady: (app) => {
        app.get('/test/work', async () => {
          served++;
          return { ok: true };
        });
      },
    });
    const before = await app.inject({ method: 'GET', url: '/test/work' });
    t.equal(before.statusCode, 200, 'served while the loop is idle');

    // under-pressure averages event-loop delay over a 1 s sample; block in 200 ms slices,
    // yielding between them, until a whole sample is lagging (a measured delay: a sample with no
    // measurement at all reads as Infinity, and that is not shed on).
    const lagging = () => app.isUnderPressure() && Number.isFinite(app.memoryUsage().eventLoopDelay);
    const deadline = Date.now() + 6000;
    while (!lagging() && Date.now() < deadline) {
      const until = Date.now() + 200;
      while (Date.now() < until) {
        // busy: the event loop cannot turn
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    t.ok(lagging(), `under pressure (event loop delay ${app.memoryUsage().eventLoopDelay.toFixed(0)} ms)`);

    const servedBefore = served;
    const shed = await app.inject({ method: 'GET', url: '/test/work' });
    t.equal(shed.statusCode, 503);
    t.equal(shed.headers['content-type'], PROBLEM);
    t.equal(shed.json().code, 'SERVICE_UNAVAILABLE');
    t.equal(shed.json().requestId, shed.headers['x-request-id']);
    t.ok(Number(shed.headers['retry-after']) > 0, 'Retry-After');
    t.equal(served, servedBefore, 'the handler did not run');

    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    t.equal(ready.statusCode, 503, 'readiness fails under pressure so traffic goes elsewhere');
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    t.equal(live.statusCode, 200, 'liveness stays green: a busy process must not be restarted');

    // The next samples see an idle loop again.
    const recovery = Date.now() + 5000;
    while (app.isUnderPressure() && Date.now() < recovery) await new Promise((r) => setTimeout(r, 100));
    const after = await app.inject({ method: 'GET', url: '/test/work' });
    t.equal(after.statusCode, 200, 'served again once the loop recovers');
  });
});
