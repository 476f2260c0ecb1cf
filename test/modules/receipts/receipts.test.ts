import { createPublicKey, generateKeyPairSync, randomUUID, verify } from 'node:crypto';
import t from 'tap';
import { canonicalJson } from '../../../src/lib/canonical-json.js';
import { createReceiptSigner, receiptMessage, type Receipt, type ReceiptFields } from '../../../src/lib/receipts.js';
import { buildTestApp } from '../../helpers/app.js';

const fields: ReceiptFields = {
  proposalId: randomUUID(),
  competitionId: randomUUID(),
  revision: 2,
  contentHash: 'a3f1'.repeat(16),
  receivedAt: '2025-10-31T22:59:59.123456Z',
};

function freshKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

t.test('canonical JSON sorts keys at every depth and drops whitespace', async (t) => {
  t.equal(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } }), '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  t.equal(canonicalJson({ u: undefined, s: 'é"\n' }), '{"s":"é\\"\\n"}');
  t.equal(canonicalJson(new Date('2025-01-01T00:00:00Z')), '"2025-01-01T00:00:00.000Z"');
  t.throws(() => canonicalJson({ n: Number.NaN }));
});

t.test('a signer verifies its own receipts and refuses altered ones', async (t) => {
  const signer = createReceiptSigner(freshKeyPem());
  const receipt = await signer.sign(fields);
  t.match(receipt, { ...fields, algorithm: 'Ed25519', keyId: signer.keyId, signature: /^[A-Za-z0-9_-]{86}$/ });
  t.match(signer.keyId, /^[0-9a-f]{16}$/);
  t.same(signer.verify(receipt), { valid: true });

  const tampered: Partial<Record<keyof Receipt, unknown>> = {
    proposalId: randomUUID(),
    competitionId: randomUUID(),
    revision: 3,
    contentHash: 'b'.repeat(64),
    receivedAt: '2025-10-31T22:59:59.123457Z',
  };
  for (const [field, value] of Object.entries(tampered)) {
    t.same(signer.verify({ ...receipt, [field]: value }), { valid: false, reason: 'signature_mismatch' }, `changed ${field}`);
  }
  const flipped = Buffer.from(receipt.signature, 'base64url');
  flipped[0]! ^= 1;
  t.same(signer.verify({ ...receipt, signature: flipped.toString('base64url') }), { valid: false, reason: 'signature_mismatch' });
  t.same(signer.verify({ ...receipt, signature: 'AAAA' }), { valid: false, reason: 'malformed_signature' });
  t.same(signer.verify({ ...receipt, keyId: '0123456789abcdef' }), { valid: false, reason: 'unknown_key' });
});

t.test('a receipt signed with another key does not verify', async (t) => {
  const ours = createReceiptSigner(freshKeyPem());
  const theirs = createReceiptSigner(freshKeyPem());
  const forged = await theirs.sign(fields);
  t.same(ours.verify(forged), { valid: false, reason: 'unknown_key' });
  // Even when the forger copies our key id, the signature gives it away.
  t.same(ours.verify({ ...forged, keyId: ours.keyId }), { valid: false, reason: 'signature_mismatch' });
});

t.test('only Ed25519 keys are accepted', async (t) => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  t.throws(() => createReceiptSigner(rsa), /must be Ed25519/);
});

t.test('over HTTP: the public key verifies receipts independently, and /verify checks them', async (t) => {
  const { app } = await buildTestApp(t);
  const receipt = await app.receipts.sign(fields);

  const keyRes = await app.inject({ method: 'GET', url: '/v1/receipts/public-key' });
  t.equal(keyRes.statusCode, 200);
  const key = keyRes.json();
  t.match(key, { keyId: app.receipts.keyId, algorithm: 'Ed25519', publicKeyPem: /BEGIN PUBLIC KEY/, jwk: { kty: 'OKP', crv: 'Ed25519', x: /^[A-Za-z0-9_-]{43}$/ } });

  // What an applicant does years later, with nothing but node:crypto and the documented message.
  const message = Buffer.from(
    JSON.stringify({
      competitionId: receipt.competitionId,
      contentHash: receipt.contentHash,
      proposalId: receipt.proposalId,
      receivedAt: receipt.receivedAt,
      revision: receipt.revision,
    }),
  );
  t.same(message, receiptMessage(fields));
  const signature = Buffer.from(receipt.signature, 'base64url');
  t.ok(verify(null, message, createPublicKey(key.publicKeyPem), signature), 'PEM key verifies');
  t.ok(verify(null, message, createPublicKey({ key: key.jwk, format: 'jwk' }), signature), 'JWK verifies');
  t.notOk(verify(null, Buffer.from(message.toString().replace('"revision":2', '"revision":1')), createPublicKey(key.publicKeyPem), signature));

  const ok = await app.inject({ method: 'POST', url: '/v1/receipts/verify', payload: receipt });
  t.equal(ok.statusCode, 200);
  t.same(ok.json(), { valid: true });

  const altered = await app.inject({ method: 'POST', url: '/v1/receipts/verify', payload: { ...receipt, revision: 1 } });
  t.equal(altered.statusCode, 200);
  t.same(altered.json(), { valid: false, reason: 'signature_mismatch' });

  const otherKey = await createReceiptSigner(freshKeyPem()).sign(fields);
  t.same((await app.inject({ method: 'POST', url: '/v1/receipts/verify', payload: otherKey })).json(), { valid: false, reason: 'unknown_key' });

  const malformed = await app.inject({ method: 'POST', url: '/v1/receipts/verify', payload: { ...receipt, revision: 'two', extra: 1 } });
  t.equal(malformed.statusCode, 422);
  t.equal(malformed.json().code, 'VALIDATION_FAILED');
  t.match(malformed.json().errors, [{ field: 'revision' }, { field: 'extra' }]);
});
