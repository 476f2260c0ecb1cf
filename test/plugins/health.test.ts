import t from 'tap';
import { buildTestApp } from '../helpers/app.js';

t.test('liveness and readiness', async (t) => {
  const { app } = await buildTestApp(t);
  const live = await app.inject({ method: 'GET', url: '/health/live' });
  t.equal(live.statusCode, 200);
  t.same(live.json(), { status: 'ok' });

  const ready = await app.inject({ method: 'GET', url: '/health/ready' });
  t.equal(ready.statusCode, 200);
  t.same(ready.json(), { status: 'ok', checks: { database: 'ok' } });

  app.lifecycle.shuttingDown = true;
  const draining = await app.inject({ method: 'GET', url: '/health/ready' });
  t.equal(draining.statusCode, 503);
  t.equal(draining.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal(draining.json().code, 'SHUTTING_DOWN');
  t.ok(draining.headers['retry-after']);
  app.lifecycle.shuttingDown = false;
});
