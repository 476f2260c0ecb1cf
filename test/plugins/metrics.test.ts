import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import t, { type Test } from 'tap';
import errors from '../../src/plugins/errors.js';
import metrics, { type MetricsOptions } from '../../src/plugins/metrics.js';
import { buildTestApp } from '../helpers/app.js';
import { uniqueEmail } from '../helpers/factories.js';

/** The value of one sample line (`name{labels} value`), or undefined when the line is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

t.test('a scrape shows requests per route pattern and status class, with their latency', async (t) => {
  const { app } = await buildTestApp(t);
  for (let i = 0; i < 3; i++) t.equal((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200);
  const id = randomUUID();
  const missing = await app.inject({ method: 'GET', url: `/v1/competitions/${id}` });
  t.equal(missing.statusCode, 404, 'an unknown competition');
  await app.inject({ method: 'GET', url: `/no/such/${id}` });

  const scrape = await app.inject({ method: 'GET', url: '/metrics' });
  t.equal(scrape.statusCode, 200);
  t.match(scrape.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  const text = scrape.body;

  const live = { method: 'GET', route: '/health/live', status_class: '2xx' };
  t.equal(sample(text, 'http_requests_total', live), 3, 'three requests to /health/live counted');
  t.equal(sample(text, 'http_request_duration_seconds_count', live), 3, 'and three latencies observed');
  t.equal(sample(text, 'http_request_duration_seconds_bucket', { ...live, le: '+Inf' }), 3, 'histogram buckets per route');
  t.ok(sample(text, 'http_request_duration_seconds_sum', live)! >= 0);

  const competition = { method: 'GET', route: '/v1/competitions/:competitionId', status_class: '4xx' };
  t.equal(sample(text, 'http_requests_total', competition), 1, 'labelled by the route pattern');
  t.equal(sample(text, 'http_requests_total', { method: 'GET', route: '(unmatched)', status_class: '4xx' }), 1, 'no route: one label value');
  t.notMatch(text, id, 'no id from a URL reaches a label');

  for (const gauge of ['db_pool_connections_in_use', 'db_pool_connections_idle', 'db_pool_waiting', 'db_pool_oldest_wait_seconds']) {
    t.type(sample(text, gauge), 'number', `${gauge} is reported`);
  }
  t.type(sample(text, 'nodejs_eventloop_lag_p99_seconds'), 'number', 'event-loop delay (Node default metrics)');
  t.type(sample(text, 'process_resident_memory_bytes'), 'number', 'process default metrics');
  t.equal(sample(text, 'password_hashing', { state: 'running' }), 0, 'password hasher load');
  t.equal(sample(text, 'password_hashing', { state: 'queued' }), 0);

  const doc = app.swagger() as { paths: Record<string, unknown> };
  t.notOk('/metrics' in doc.paths, 'not in the OpenAPI document');
});

t.test('the database pool and the email outbox are measured', async (t) => {
  const { app, db } = await buildTestApp(t, { isolated: true });
  const register = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { displayName: 'Metrics', country: 'IT', email: uniqueEmail('metrics'), password: 'Correct-Horse-Battery-9' },
  });
  t.equal(register.statusCode, 202, 'registered: a confirmation email waits in the outbox');

  // Hold a pooled connection (PostgreSQL) while scraping: it shows as in use.
  let release = () => {};
  const held = db.database.kind === 'postgres'
    ? db.database.db.transaction(() => new Promise<void>((resolve) => (release = resolve)))
    : Promise.resolve();
  await new Promise((r) => setTimeout(r, 50));
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  release();
  await held;

  t.equal(sample(text, 'email_outbox', { status: 'pending' }), 1, 'one email pending');
  t.equal(sample(text, 'email_outbox', { status: 'dead' }), 0, 'none dead');
  if (db.database.kind === 'postgres') t.ok(sample(text, 'db_pool_connections_in_use')! >= 1, 'the held connection is in use');
  else t.equal(sample(text, 'db_pool_connections_in_use'), 0, 'PGlite has no pool');
});

/** The plugin alone, with figures the test controls. */
async function bareMetrics(t: Test, options: Partial<MetricsOptions>) {
  const app = Fastify();
  app.decorate('database', { pressure: () => ({ waiting: 2, oldestWaitMs: 1500, total: 5, idle: 1 }) } as never);
  await app.register(errors);
  await app.register(metrics, {
    token: undefined,
    hashingLoad: () => ({ running: 2, queued: 3, heldRefusals: 4 }),
    outboxCounts: async () => ({ pending: 7, dead: 1 }),
    ...options,
  });
  t.teardown(() => app.close());
  return app;
}

t.test('pool and hasher figures are reported as the app sees them', async (t) => {
  const app = await bareMetrics(t, {});
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  t.equal(sample(text, 'db_pool_connections_in_use'), 4);
  t.equal(sample(text, 'db_pool_connections_idle'), 1);
  t.equal(sample(text, 'db_pool_waiting'), 2);
  t.equal(sample(text, 'db_pool_oldest_wait_seconds'), 1.5);
  t.equal(sample(text, 'password_hashing', { state: 'running' }), 2);
  t.equal(sample(text, 'password_hashing', { state: 'queued' }), 3);
  t.equal(sample(text, 'password_hashing', { state: 'held_refusals' }), 4);
  t.equal(sample(text, 'email_outbox', { status: 'pending' }), 7);
  t.equal(sample(text, 'email_outbox', { status: 'dead' }), 1);
});

t.test('the outbox is counted at most once per interval, and a count that hangs does not hang the scrape', async (t) => {
  let calls = 0;
  const counted = await bareMetrics(t, {
    outboxCounts: async () => ({ pending: ++calls, dead: 0 }),
    outboxEveryMs: 60_000,
  });
  await counted.inject({ method: 'GET', url: '/metrics' });
  const second = (await counted.inject({ method: 'GET', url: '/metrics' })).body;
  t.equal(calls, 1, 'one query for two scrapes within the interval');
  t.equal(sample(second, 'email_outbox', { status: 'pending' }), 1, 'the second scrape shows the last count');

  const hanging = await bareMetrics(t, { outboxCounts: () => new Promise(() => {}), outboxTimeoutMs: 100 });
  const started = performance.now();
  const res = await hanging.inject({ method: 'GET', url: '/metrics' });
  t.equal(res.statusCode, 200, 'the scrape answers');
  t.ok(performance.now() - started < 2000, 'within the bound, not waiting for the count');
  t.equal(sample(res.body, 'email_outbox', { status: 'pending' }), undefined, 'no figure rather than a made-up one');
  t.equal(sample(res.body, 'metrics_collect_errors_total', { source: 'email_outbox' }), 1, 'the failure is counted');
  t.type(sample(res.body, 'db_pool_waiting'), 'number', 'the other figures are there');
});

t.test('with METRICS_TOKEN set, /metrics asks for it', async (t) => {
  const token = 'm'.repeat(40);
  const { app } = await buildTestApp(t, { env: { METRICS_TOKEN: token } });
  const without = await app.inject({ method: 'GET', url: '/metrics' });
  t.equal(without.statusCode, 401);
  t.equal(without.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal(without.json().code, 'METRICS_TOKEN_REQUIRED');
  t.match(without.headers['www-authenticate'], /^Bearer/);
  const wrong = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${'x'.repeat(40)}` } });
  t.equal(wrong.statusCode, 401, 'a wrong token is refused');
  const right = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
  t.equal(right.statusCode, 200);
  // This file has built several apps by now: Node's metrics are the process's, listed once.
  t.equal(right.body.match(/^# HELP nodejs_eventloop_lag_p99_seconds /gm)?.length, 1, 'process metrics once, however many apps this process built');
  t.equal(right.body.match(/^# HELP http_requests_total /gm)?.length, 1);
});

t.test('production without METRICS_TOKEN serves no /metrics', async (t) => {
  const production = {
    NODE_ENV: 'production',
    PASSWORD_HASH_COST: '17',
    SMTP_URL: 'smtps://mailer:secret@smtp.example.org',
    MAIL_FROM: 'noreply@example.org',
  };
  const { app } = await buildTestApp(t, { env: production, deps: { mailDrainIntervalMs: 0 } });
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  t.equal(res.statusCode, 404, 'not served');
  t.equal(res.json().code, 'ROUTE_NOT_FOUND');

  const { app: withToken } = await buildTestApp(t, { env: { ...production, METRICS_TOKEN: 't'.repeat(32) }, deps: { mailDrainIntervalMs: 0 } });
  t.equal((await withToken.inject({ method: 'GET', url: '/metrics' })).statusCode, 401, 'with a token it is served, behind it');
});
