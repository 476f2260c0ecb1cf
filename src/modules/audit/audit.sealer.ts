import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import fp from 'fastify-plugin';
import { sealAllPending, type SealResult } from './audit.service.js';
import type { SealWorkerMessage, SealWorkerOptions } from './audit.seal-worker.js';

export interface AuditSealerOptions {
  /** How often to seal; 0 disables the timer (tests call `sealNow`). */
  intervalMs?: number;
  batchSize?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    auditSealer: {
      /** Seals everything pending now; with `wait`, queues behind another instance's sealer. */
      sealNow(options?: { wait?: boolean }): Promise<SealResult>;
      /** Where background sealing runs now: its own thread, the API's event loop, or nowhere (interval 0). */
      readonly runsOn: 'thread' | 'event-loop' | 'off';
    };
  }
}

export const DEFAULT_AUDIT_SEAL_INTERVAL_MS = 1000;

/** How long shutdown waits for the sealing thread to finish its pass before stopping it. */
const WORKER_STOP_TIMEOUT_MS = 5000;

/**
 * Starts the sealing thread. Under tsx (development, tests, benchmarks) the worker is TypeScript:
 * tsx's loader is not inherited by worker threads, so the thread registers it before loading it.
 */
function startSealWorker(options: SealWorkerOptions): Worker {
  const typescript = import.meta.url.endsWith('.ts');
  const entry = JSON.stringify(new URL(`./audit.seal-worker.${typescript ? 'ts' : 'js'}`, import.meta.url).href);
  const code = typescript ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); })` : `import(${entry})`;
  return new Worker(code, { eval: true, workerData: options, name: 'audit-sealer' });
}

/**
 * Chains new audit rows in the background. A timer until the job engine arrives (see
 * docs/audit.md); every instance runs one, and the advisory lock in `sealAudit` lets only one
 * of them seal at a time.
 */
export default fp(
  async (app, options: AuditSealerOptions) => {
    const intervalMs = options.intervalMs ?? DEFAULT_AUDIT_SEAL_INTERVAL_MS;
    // Small batches: each one's hashing runs on the sealing thread's event loop; on the API's
    // (PGlite) a big batch stalls every request in flight (1000 rows was ~20 ms).
    const limit = options.batchSize ?? 250;
    // Where another thread can open a connection of its own (DATABASE_URL, a PostgreSQL server),
    // the timer runs on a worker thread; the embedded database lives on the API's thread, so there
    // it runs on the event loop.
    const databaseUrl = app.config.databaseUrl;
    const thread = databaseUrl !== undefined;
    let running: Promise<SealResult> | undefined;
    let timer: NodeJS.Timeout | undefined;
    let worker: Worker | undefined;

    function run(wait: boolean): Promise<SealResult> {
      // One sealing pass per instance at a time; a caller arriving mid-pass waits for it, then runs its own.
      const previous = running ?? Promise.resolve(undefined);
      const next = previous.catch(() => undefined).then(() => sealAllPending(app.database.db, { limit, wait }));
      running = next;
      void next.finally(() => {
        if (running === next) running = undefined;
      }).catch(() => undefined);
      return next;
    }

    function startTimer() {
      timer = setInterval(() => {
        if (running || app.lifecycle.shuttingDown) return;
        run(false).catch((err: unknown) => app.log.warn({ err }, 'audit sealing failed; will retry'));
      }, intervalMs);
      timer.unref();
    }

    app.decorate('auditSealer', {
      sealNow: (opts: { wait?: boolean } = {}) => run(opts.wait ?? false),
      get runsOn() {
        return worker ? ('thread' as const) : timer ? ('event-loop' as const) : ('off' as const);
      },
    });

    if (intervalMs > 0) {
      app.addHook('onReady', async () => {
        if (!thread) return startTimer();
        const started = startSealWorker({ databaseUrl: databaseUrl!, intervalMs, batchSize: limit });
        worker = started;
        started.on('message', (message: SealWorkerMessage) => app.log.warn({ err: message.message }, 'audit sealing failed; will retry'));
        started.on('error', (err) => {
          // The thread died (it could not connect, say): seal from the event loop instead.
          app.log.error({ err }, 'audit sealing thread failed; sealing on the event loop');
          if (worker === started) worker = undefined;
          if (!timer && !app.lifecycle.shuttingDown) startTimer();
        });
        started.on('exit', () => {
          if (worker === started) worker = undefined;
        });
        started.unref();
        app.log.info({ intervalMs, batchSize: limit }, 'audit sealing runs on its own thread');
      });
    }

    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (worker) {
        const stopping = worker;
        worker = undefined;
        const exited = once(stopping, 'exit');
        stopping.postMessage('stop');
        const timeout = setTimeout(() => void stopping.terminate(), WORKER_STOP_TIMEOUT_MS);
        await exited.catch(() => undefined);
        clearTimeout(timeout);
      }
      // Let an in-progress pass commit before the database is closed.
      await running?.catch(() => undefined);
    });
  },
  { name: 'audit-sealer' },
);
