import fp from 'fastify-plugin';
import { sealAudit, type SealResult } from './audit.service.js';

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
    };
  }
}

export const DEFAULT_AUDIT_SEAL_INTERVAL_MS = 1000;

/**
 * Chains new audit rows in the background. A plain timer until the job engine arrives (see
 * docs/audit.md); every instance runs one, and the advisory lock in `sealAudit` lets only one
 * of them seal at a time.
 */
export default fp(
  async (app, options: AuditSealerOptions) => {
    const intervalMs = options.intervalMs ?? DEFAULT_AUDIT_SEAL_INTERVAL_MS;
    // Small batches: each one's hashing runs on the event loop, so a big batch stalls every request
    // in flight (1000 rows was ~20 ms, three times a second during a deadline rush).
    const limit = options.batchSize ?? 250;
    let running: Promise<SealResult> | undefined;
    let timer: NodeJS.Timeout | undefined;

    async function sealPending(wait: boolean): Promise<SealResult> {
      const total: SealResult = { locked: true, sealed: 0, more: false };
      // Drain in batches so one tick after a rush still finishes, while each transaction stays short.
      for (let batch = 0; batch < 400; batch++) {
        const result = await sealAudit(app.database.db, { limit, wait });
        total.locked = result.locked;
        total.sealed += result.sealed;
        total.more = result.more;
        if (!result.locked || !result.more) break;
      }
      return total;
    }

    function run(wait: boolean): Promise<SealResult> {
      // One sealing pass per instance at a time; a caller arriving mid-pass waits for it, then runs its own.
      const previous = running ?? Promise.resolve(undefined);
      const next = previous.catch(() => undefined).then(() => sealPending(wait));
      running = next;
      void next.finally(() => {
        if (running === next) running = undefined;
      }).catch(() => undefined);
      return next;
    }

    app.decorate('auditSealer', { sealNow: (opts: { wait?: boolean } = {}) => run(opts.wait ?? false) });

    if (intervalMs > 0) {
      app.addHook('onReady', async () => {
        timer = setInterval(() => {
          if (running || app.lifecycle.shuttingDown) return;
          run(false).catch((err: unknown) => app.log.warn({ err }, 'audit sealing failed; will retry'));
        }, intervalMs);
        timer.unref();
      });
    }

    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      // Let an in-progress pass commit before the database is closed.
      await running?.catch(() => undefined);
    });
  },
  { name: 'audit-sealer' },
);
