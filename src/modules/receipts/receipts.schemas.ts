import { z } from 'zod';

export const ReceiptSchema = z
  .strictObject({
    proposalId: z.uuid(),
    competitionId: z.uuid(),
    revision: z.number().int().min(1),
    contentHash: z.string().min(1).max(256).describe('SHA-256 of the revision\'s canonical content'),
    receivedAt: z.iso.datetime({ offset: true }).describe('When the server received the submission (database clock)'),
    algorithm: z.literal('Ed25519'),
    keyId: z.string().min(1).max(64).describe('Identifies the signing key: first 16 hex digits of SHA-256 of its SPKI DER'),
    signature: z.string().min(1).max(256).describe('base64url Ed25519 signature over the canonical JSON of the five fields above'),
  })
  .meta({
    id: 'Receipt',
    description:
      'Signed proof of a submission. The signed message is the canonical JSON (keys sorted, no whitespace) of ' +
      '`{competitionId, contentHash, proposalId, receivedAt, revision}`.',
  });

export const ReceiptPublicKeySchema = z
  .object({
    keyId: z.string(),
    algorithm: z.literal('Ed25519'),
    publicKeyPem: z.string().describe('SPKI PEM'),
    jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string() }).describe('The same key as a JSON Web Key (RFC 8037)'),
  })
  .meta({ id: 'ReceiptPublicKey' });

export const ReceiptVerificationSchema = z
  .object({
    valid: z.boolean(),
    reason: z
      .enum(['unsupported_algorithm', 'unknown_key', 'malformed_signature', 'signature_mismatch'])
      .optional()
      .describe('Why the receipt is not valid'),
  })
  .meta({ id: 'ReceiptVerification' });
