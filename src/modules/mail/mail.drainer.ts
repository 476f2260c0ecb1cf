import fp from 'fastify-plugin';
import { drainOutbox, logDelivery, type DeliveryAdapter, type DrainResult } from './mail.service.js';
import { smtpDelivery } from './mail.smtp.js';

declare module 'fastify' {
  interface FastifyInstance {
    mailDrainer: {
      /** One pass now (tests); waits for a pass already running first. */
      drainNow(): Promise<DrainResult>;
    };
  }
}

/**
 * Drains the email outbox in the background: SMTP when `SMTP_URL` is set, the log otherwise
 * (config refuses production without SMTP). Every instance runs one; SKIP LOCKED shares the rows.
 */
export default fp(
  async (app, opts: { intervalMs?: number; adapter?: DeliveryAdapter }) => {
    const { mail, env } = app.config;
    const adapter = opts.adapter ?? (mail.smtp ? smtpDelivery(mail.smtp) : logDelivery(app.log, { revealContent: env !== 'production' }));
    const intervalMs = opts.intervalMs ?? mail.drainIntervalMs;
    let running: Promise<DrainResult> | undefined;
    let closing = false;

    function pass(): Promise<DrainResult> {
      running ??= drainOutbox(app.database.db, adapter, mail, app.log).finally(() => {
        running = undefined;
      });
      return running;
    }

    const timer =
      intervalMs > 0
        ? setInterval(() => {
            if (running || closing || app.lifecycle.shuttingDown) return;
            pass().catch((err: unknown) => {
              // Only the code: a query error's message carries the statement and its parameters.
              const code = (err as { cause?: { code?: unknown }; code?: unknown }).cause?.code ?? (err as { code?: unknown }).code;
              app.log.warn({ code: typeof code === 'string' ? code : undefined }, 'email outbox drain failed');
            });
          }, intervalMs)
        : undefined;
    timer?.unref();

    app.decorate('mailDrainer', {
      async drainNow() {
        await running?.catch(() => undefined);
        return pass();
      },
    });

    app.addHook('onClose', async () => {
      closing = true;
      if (timer) clearInterval(timer);
      // Closing the pool fails sends in flight; they are retried by the next drainer.
      await adapter.close?.();
      await running?.catch(() => undefined);
    });
  },
  { name: 'mail-drainer' },
);
