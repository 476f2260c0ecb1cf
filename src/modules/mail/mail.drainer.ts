import fp from 'fastify-plugin';
import { drainOutbox, logDelivery, type DeliveryAdapter } from './mail.service.js';

/** Drains the email outbox in the background; a real SMTP/API adapter replaces `logDelivery` in production. */
export default fp(
  async (app, opts: { intervalMs?: number; deliver?: DeliveryAdapter }) => {
    const deliver = opts.deliver ?? logDelivery(app.log);
    let running: Promise<unknown> | undefined;
    const timer = setInterval(() => {
      if (running || app.lifecycle.shuttingDown) return;
      running = drainOutbox(app.database.db, deliver)
        .catch((err) => app.log.warn({ err }, 'email outbox drain failed'))
        .finally(() => {
          running = undefined;
        });
    }, opts.intervalMs ?? 2000);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'mail-drainer' },
);
