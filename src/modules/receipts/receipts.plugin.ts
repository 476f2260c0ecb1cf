import fp from 'fastify-plugin';
import type { ReceiptSigner } from '../../lib/receipts.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Signs and verifies submission receipts with the configured Ed25519 key. */
    receipts: ReceiptSigner;
  }
}

export default fp(
  async (app, options: { signer: ReceiptSigner }) => {
    app.decorate('receipts', options.signer);
  },
  { name: 'receipts' },
);
