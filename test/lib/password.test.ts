import t from 'tap';
import { createPasswordHasher, hashPassword } from '../../src/lib/password.js';

t.test('the hasher caps concurrent hashes, bounds the queue and answers AUTH_BUSY beyond it', async (t) => {
  const hasher = createPasswordHasher({ concurrency: 1, maxQueued: 2, maxWaitMs: 20_000, nice: 0 });
  const stored = await hashPassword('a long enough passphrase', 14);
  t.ok(await hasher.verify('a long enough passphrase', stored), 'verifies what the unlimited function hashed');
  const jobs = Array.from({ length: 5 }, () => hasher.verify('wrong passphrase here', stored).then((ok) => ({ ok }), (err: { code?: string; headers?: Record<string, string> }) => ({ err })));
  t.same(hasher.load(), { running: 1, queued: 2 }, 'one running, two waiting');
  const results = await Promise.all(jobs);
  t.same(results.filter((r) => 'ok' in r).map((r) => ('ok' in r ? r.ok : null)), [false, false, false], 'three were checked');
  const refused = results.filter((r) => 'err' in r);
  t.equal(refused.length, 2);
  t.same(refused.map((r) => ('err' in r ? [r.err.code, r.err.headers?.['retry-after']] : [])), [['AUTH_BUSY', '1'], ['AUTH_BUSY', '1']]);
});

t.test('a hash that cannot finish within the bound is refused and its thread replaced', async (t) => {
  const hasher = createPasswordHasher({ concurrency: 1, maxQueued: 0, maxWaitMs: 1500, nice: 0 });
  const slow = await hashPassword('a long enough passphrase', 18);
  await t.rejects(hasher.verify('a long enough passphrase', slow), { code: 'AUTH_BUSY' });
  const quick = await hashPassword('a long enough passphrase', 10);
  t.ok(await hasher.verify('a long enough passphrase', quick), 'a new thread serves the next one');
});
