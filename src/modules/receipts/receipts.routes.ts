import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { jsonResponse } from '../../lib/responses.js';
import { ReceiptPublicKeySchema, ReceiptSchema, ReceiptVerificationSchema } from './receipts.schemas.js';

const receiptRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/receipts/public-key',
    {
      schema: {
        operationId: 'getReceiptPublicKey',
        tags: ['receipts'],
        summary: 'The public key that verifies submission receipts',
        description: 'Public. Use it to check a receipt offline, e.g. with `crypto.verify(null, message, publicKey, signature)` in Node.js; it changes only with a redeploy (cached for an hour).',
        response: { 200: jsonResponse(ReceiptPublicKeySchema, 'The Ed25519 public key, as PEM and JWK', { 'cache-control': { type: 'string', description: '`public, max-age=3600`' } }) },
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
        description: 'Public: anyone holding a receipt (an applicant, a judge, a court) asks whether its signature is valid; an altered receipt answers 200 with `valid: false`, a malformed one 422.',
        body: ReceiptSchema,
        response: { 200: jsonResponse(ReceiptVerificationSchema, 'Whether the signature matches the receipt') },
      },
    },
    async (request) => app.receipts.verify(request.body),
  );
};

export default receiptRoutes;
