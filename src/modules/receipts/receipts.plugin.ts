import fp from 'fastify-plugin';
import { createReceiptSigner, type ReceiptSigner } from '../../lib/receipts.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Signs and verifies submission receipts with the configured Ed25519 key. */
    receipts: ReceiptSigner;
  }
}

export default fp(
  async (app, options: { privateKeyPem: string }) => {
    app.decorate('receipts', createReceiptSigner(options.privateKeyPem));
  },
  { name: 'receipts' },
);
