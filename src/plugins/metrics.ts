import { timingSafeEqual, createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricsOptions {
  /** Bearer token `/metrics` asks for; open without one (config refuses that in production). */
  token: string | undefined;
  /** The password hasher's threads in use, its queue and its held refusals. */
  hashingLoad: () => { running: number; queued: number; heldRefusals: number };
  /** Pending and dead emails in the outbox (a query: read at most every `outboxEveryMs`, within `outboxTimeoutMs`). */
  outboxCounts: () => Promise<{ pending: number; dead: number }>;
  outboxEveryMs?: number;
  outboxTimeoutMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: { registry: Registry };
  }
}

/** Routes without a pattern (no route matched) are one label value, never the raw URL. */
const UNMATCHED = '(unmatched)';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The query keeps running on its connection (bounded by the statement timeout); the scrape does not wait for it. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`not answered within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

let defaultRegistry: Registry | undefined;

/**
 * Node's default metrics, once per process: they describe the process, and each collection
 * starts an event-loop delay monitor (a 10 ms timer) and a GC observer that are never stopped, so
 * one per app would pile up in a process that builds many apps (a test file).
 */
function processMetrics(): Registry {
  if (!defaultRegistry) {
    defaultRegistry = new Registry();
    collectDefaultMetrics({ register: defaultRegistry });
  }
  return defaultRegistry;
}

/**
 * Prometheus metrics at `GET /metrics` (docs/operations.md, "Metrics"): requests per route
 * pattern and status class, their latency, the database pool, the password hasher, the email
 * outbox and Node's defaults (event-loop delay, heap, GC). One registry per app (the defaults
 * aside), so apps built side by side in a test process do not share counters.
 */
export default fp(
  async (app, opts: MetricsOptions) => {
    const registry = new Registry();
    const defaults = processMetrics();

    const labelNames = ['method', 'route', 'status_class'] as const;
    const requests = new Counter({ name: 'http_requests_total', help: 'Requests answered, by route pattern and status class', labelNames, registers: [registry] });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from the request arriving to the response being sent, by route pattern and status class',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });

    app.addHook('onResponse', (request, reply, done) => {
      // The pattern (`/proposals/:proposalId`), so ids never become label values.
      const route = request.routeOptions.url ?? UNMATCHED;
      const labels = { method: request.method, route, status_class: `${Math.floor(reply.statusCode / 100)}xx` };
      requests.inc(labels);
      duration.observe(labels, reply.elapsedTime / 1000);
      done();
    });

    const pool = () => app.database.pressure();
    new Gauge({ name: 'db_pool_connections_in_use', help: 'Pooled database connections checked out', registers: [registry], collect() { const p = pool(); this.set(p.total - p.idle); } });
    new Gauge({ name: 'db_pool_connections_idle', help: 'Pooled database connections open and idle', registers: [registry], collect() { this.set(pool().idle); } });
    new Gauge({ name: 'db_pool_waiting', help: 'Callers waiting for a pooled database connection', registers: [registry], collect() { this.set(pool().waiting); } });
    new Gauge({
      name: 'db_pool_oldest_wait_seconds',
      help: 'How long the longest waiter for a pooled connection has waited (load shedding starts at PRESSURE_MAX_DATABASE_WAIT_MS)',
      registers: [registry],
      collect() {
        this.set(pool().oldestWaitMs / 1000);
      },
    });

    new Gauge({
      name: 'password_hashing',
      help: 'Password hashes running on a thread (state="running"), waiting for one ("queued"), refusals being held ("held_refusals")',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const load = opts.hashingLoad();
        this.set({ state: 'running' }, load.running);
        this.set({ state: 'queued' }, load.queued);
        this.set({ state: 'held_refusals' }, load.heldRefusals);
      },
    });

    // The outbox is counted by a query: at most one per interval, bounded, and a failure keeps the
    // last figures (and counts it in metrics_collect_errors_total) rather than failing the scrape.
    const everyMs = opts.outboxEveryMs ?? 15_000;
    const timeoutMs = opts.outboxTimeoutMs ?? 1_000;
    let outbox: { pending: number; dead: number } | undefined;
    let countedAt = -Infinity;
    let counting: Promise<void> | undefined;
    const refreshOutbox = () =>
      (counting ??= withTimeout(opts.outboxCounts(), timeoutMs)
        .then((counts) => {
          outbox = counts;
          countedAt = performance.now();
        })
        .catch(() => {
          // Tried again after the interval, not on every scrape of a struggling database.
          countedAt = performance.now();
          errors.inc({ source: 'email_outbox' });
        })
        .finally(() => {
          counting = undefined;
        }));
    new Gauge({
      name: 'email_outbox',
      help: 'Emails waiting to be delivered (status="pending") or given up on (status="dead"); counted at most every 15 s',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        if (performance.now() - countedAt >= everyMs) await refreshOutbox();
        if (!outbox) return;
        this.set({ status: 'pending' }, outbox.pending);
        this.set({ status: 'dead' }, outbox.dead);
      },
    });
    // Registered after the gauge and waiting for its count, so a failure shows in the same scrape.
    const errors = new Counter({
      name: 'metrics_collect_errors_total',
      help: 'Figures that could not be read for a scrape',
      labelNames: ['source'],
      registers: [registry],
      async collect() {
        await counting;
      },
    });

    const expected = opts.token === undefined ? undefined : digest(`Bearer ${opts.token}`);
    app.get('/metrics', { config: { rateLimit: false }, schema: { hide: true } }, async (request, reply) => {
      if (expected) {
        const given = request.headers.authorization;
        // Digests of equal length, so the comparison takes the same time whatever was sent.
        if (!given || !timingSafeEqual(digest(given), expected)) {
          reply.header('www-authenticate', 'Bearer realm="metrics"');
          return reply.problem(401, 'METRICS_TOKEN_REQUIRED', 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"');
        }
      }
      reply.header('cache-control', 'no-store').type(registry.contentType);
      const [process, own] = await Promise.all([defaults.metrics(), registry.metrics()]);
      return `${process}\n${own}`;
    });

    app.decorate('metrics', { registry });
  },
  { name: 'metrics', dependencies: ['errors'] },
);
