import { z } from 'zod';
import * as ex from '../../lib/examples.js';

export const ReceiptSchema = z
  .strictObject({
    proposalId: z.uuid().meta({ description: 'The submitted proposal', examples: [ex.ids.proposal] }),
    competitionId: z.uuid().meta({ description: 'The competition it was submitted to', examples: [ex.ids.competition] }),
    revision: z.number().int().min(1).describe('The revision this submission created, from 1'),
    contentHash: z
      .string()
      .min(1)
      .max(256)
      .meta({ description: 'SHA-256 (64 hex digits) of the revision\'s canonical content', examples: [ex.contentHash] }),
    receivedAt: z.iso
      .datetime({ offset: true })
      .meta({ description: 'When the server received the submission (database clock), UTC, microseconds; quote it verbatim', examples: [ex.at.received] }),
    algorithm: z.literal('Ed25519').describe('Signature algorithm; only Ed25519'),
    keyId: z
      .string()
      .min(1)
      .max(64)
      .meta({ description: 'Identifies the signing key: first 16 hex digits of SHA-256 of its SPKI DER', examples: [ex.receiptPublicKey.keyId] }),
    signature: z
      .string()
      .min(1)
      .max(256)
      .meta({ description: 'base64url Ed25519 signature (64 bytes) over the canonical JSON of the five fields above', examples: [ex.receipt.signature] }),
  })
  .meta({
    id: 'Receipt',
    description:
      'Signed proof of a submission. The signed message is the canonical JSON (keys sorted, no whitespace) of ' +
      '`{competitionId, contentHash, proposalId, receivedAt, revision}`.',
    examples: [ex.receipt],
  });

export const ReceiptPublicKeySchema = z
  .object({
    keyId: z.string().meta({ description: 'The `keyId` receipts signed with this key carry', examples: [ex.receiptPublicKey.keyId] }),
    algorithm: z.literal('Ed25519').describe('Signature algorithm; only Ed25519'),
    publicKeyPem: z.string().describe('The public key, SPKI PEM'),
    jwk: z
      .object({
        kty: z.literal('OKP').describe('Key type: octet key pair'),
        crv: z.literal('Ed25519').describe('Curve'),
        x: z.string().describe('The public key, base64url'),
      })
      .describe('The same key as a JSON Web Key (RFC 8037)'),
  })
  .meta({
    id: 'ReceiptPublicKey',
    description: 'The key that signs receipts, to verify them offline',
    examples: [ex.receiptPublicKey],
  });

export const ReceiptVerificationSchema = z
  .object({
    valid: z.boolean().describe('The signature matches the fields and this server\'s key'),
    reason: z
      .enum(['unsupported_algorithm', 'unknown_key', 'malformed_signature', 'signature_mismatch'])
      .optional()
      .describe('Why the receipt is not valid; absent when it is'),
  })
  .meta({
    id: 'ReceiptVerification',
    description: 'Whether a receipt was signed by this server',
    examples: [{ valid: true }, { valid: false, reason: 'signature_mismatch' }],
  });
