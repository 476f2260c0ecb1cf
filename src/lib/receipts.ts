import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const signOnThreadPool = promisify(sign);
import { canonicalJson } from './canonical-json.js';

/** What a receipt proves: this revision of this proposal, with this content, arrived at this instant. */
export interface ReceiptFields {
  proposalId: string;
  competitionId: string;
  revision: number;
  contentHash: string;
  /** ISO-8601 instant from the database clock, signed exactly as written here. */
  receivedAt: string;
}

export interface Receipt extends ReceiptFields {
  algorithm: 'Ed25519';
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  keyId: string;
  /** Ed25519 signature over `receiptMessage(fields)`, base64url without padding. */
  signature: string;
}

export type ReceiptCheck = { valid: true } | { valid: false; reason: ReceiptFault };
export type ReceiptFault = 'unsupported_algorithm' | 'unknown_key' | 'malformed_signature' | 'signature_mismatch';

export interface ReceiptSigner {
  /** Signs on libuv's thread pool (crypto.sign's callback form): Ed25519 stays off the event loop. */
  sign(fields: ReceiptFields): Promise<Receipt>;
  verify(receipt: Receipt): ReceiptCheck;
  algorithm: 'Ed25519';
  keyId: string;
  publicKeyPem: string;
  publicKeyJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  /** Signs a whole document (published results): Ed25519 over its canonical JSON, base64url. */
  signDocument(document: unknown): Promise<string>;
  /** Whether `signature` is this key's signature of the document's canonical JSON. */
  verifyDocument(document: unknown, signature: string): boolean;
}

/** The signed bytes: canonical JSON (sorted keys, no whitespace) of the five receipt fields. */
export function receiptMessage(fields: ReceiptFields): Buffer {
  const { proposalId, competitionId, revision, contentHash, receivedAt } = fields;
  return Buffer.from(canonicalJson({ proposalId, competitionId, revision, contentHash, receivedAt }), 'utf8');
}

export function receiptKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
}

/** Built once from configuration; a bad key fails at startup, not at the first submit. */
export function createReceiptSigner(privateKeyPem: string): ReceiptSigner {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`The receipt key must be Ed25519, not ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  }
  const publicKey = createPublicKey(privateKey);
  const keyId = receiptKeyId(publicKey);
  const jwk = publicKey.export({ format: 'jwk' });

  return {
    algorithm: 'Ed25519',
    keyId,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x! },
    async sign(fields) {
      const signature = (await signOnThreadPool(null, receiptMessage(fields), privateKey)).toString('base64url');
      return {
        proposalId: fields.proposalId,
        competitionId: fields.competitionId,
        revision: fields.revision,
        contentHash: fields.contentHash,
        receivedAt: fields.receivedAt,
        algorithm: 'Ed25519',
        keyId,
        signature,
      };
    },
    async signDocument(document) {
      return (await signOnThreadPool(null, Buffer.from(canonicalJson(document), 'utf8'), privateKey)).toString('base64url');
    },
    verifyDocument(document, signature) {
      const bytes = Buffer.from(signature, 'base64url');
      if (bytes.length !== 64 || bytes.toString('base64url') !== signature) return false;
      return verify(null, Buffer.from(canonicalJson(document), 'utf8'), publicKey, bytes);
    },
    verify(receipt) {
      if (receipt.algorithm !== 'Ed25519') return { valid: false, reason: 'unsupported_algorithm' };
      if (receipt.keyId !== keyId) return { valid: false, reason: 'unknown_key' };
      const signature = Buffer.from(receipt.signature, 'base64url');
      // Ed25519 signatures are exactly 64 bytes; also rejects base64url that does not round-trip.
      if (signature.length !== 64 || signature.toString('base64url') !== receipt.signature) {
        return { valid: false, reason: 'malformed_signature' };
      }
      return verify(null, receiptMessage(receipt), publicKey, signature)
        ? { valid: true }
        : { valid: false, reason: 'signature_mismatch' };
    },
  };
}
