import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ReceiptPublicKeySchema, ReceiptSchema, ReceiptVerificationSchema } from './receipts.schemas.js';

const receiptRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/receipts/public-key',
    {
      schema: {
        operationId: 'getReceiptPublicKey',
        tags: ['receipts'],
        summary: 'The public key that verifies submission receipts',
        description: 'Use it to check a receipt offline, e.g. with `crypto.verify(null, message, publicKey, signature)` in Node.js.',
        response: { 200: ReceiptPublicKeySchema },
      },
    },
    async (_request, reply) => {
      const { keyId, algorithm, publicKeyPem, publicKeyJwk } = app.receipts;
      // The key only changes with a redeploy; let clients and proxies keep it for an hour.
      reply.header('cache-control', 'public, max-age=3600');
      return { keyId, algorithm, publicKeyPem, jwk: publicKeyJwk };
    },
  );

  app.post(
    '/v1/receipts/verify',
    {
      schema: {
        operationId: 'verifyReceipt',
        tags: ['receipts'],
        summary: 'Check that a receipt was signed by this API and not altered',
        body: ReceiptSchema,
        response: { 200: ReceiptVerificationSchema },
      },
    },
    async (request) => app.receipts.verify(request.body),
  );
};

export default receiptRoutes;
