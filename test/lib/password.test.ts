import t from 'tap';
import { createPasswordHasher, hashPassword } from '../../src/lib/password.js';

t.test('the hasher caps concurrent hashes, bounds the queue and answers AUTH_BUSY beyond it', async (t) => {
  const hasher = createPasswordHasher({ concurrency: 1, maxQueued: 2, maxWaitMs: 20_000, nice: 0 });
  const stored = await hashPassword('a long enough passphrase', 14);
  t.ok(await hasher.verify('a long enough passphrase', stored), 'verifies what the unlimited function hashed');
  const jobs = Array.from({ length: 5 }, () => hasher.verify('wrong passphrase here', stored).then((ok) => ({ ok }), (err: { code?: string; headers?: Record<string, string> }) => ({ err })));
  t.same(hasher.load(), { running: 1, queued: 2, heldRefusals: 0 }, 'one running, two waiting');
  const results = await Promise.all(jobs);
  t.same(results.filter((r) => 'ok' in r).map((r) => ('ok' in r ? r.ok : null)), [false, false, false], 'three were checked');
  const refused = results.filter((r) => 'err' in r);
  t.equal(refused.length, 2);
  t.same(refused.map((r) => ('err' in r ? [r.err.code, r.err.headers?.['retry-after']] : [])), [['AUTH_BUSY', '1'], ['AUTH_BUSY', '1']]);
});

t.test('a hash that cannot finish within the bound is refused and its thread replaced', async (t) => {
  // Cost 20 (1 GiB, seconds even on a fast core) cannot finish in 2.5 s; cost 10 always can.
  const hasher = createPasswordHasher({ concurrency: 1, maxQueued: 0, maxWaitMs: 2500, nice: 0 });
  // A stored hash that claims cost 20: verifying it must run scrypt at that cost (its bytes never matter).
  const slow = `scrypt$20$8$1$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(32).toString('base64url')}`;
  await t.rejects(hasher.verify('a long enough passphrase', slow), { code: 'AUTH_BUSY' });
  const quick = await hashPassword('a long enough passphrase', 10);
  t.ok(await hasher.verify('a long enough passphrase', quick), 'a new thread serves the next one');
});

t.test('at most maxPerSecond hashes start in any second; beyond it AUTH_BUSY, and the budget comes back', async (t) => {
  const hasher = createPasswordHasher({ concurrency: 2, maxQueued: 10, maxWaitMs: 20_000, nice: 0, maxPerSecond: 3 });
  const stored = await hashPassword('a long enough passphrase', 10);
  const results = await Promise.all(
    Array.from({ length: 5 }, () => hasher.verify('a long enough passphrase', stored).then(() => 'checked', (err: { code?: string }) => err.code)),
  );
  t.same(results.filter((r) => r === 'checked').length, 3, 'three started within the second');
  t.same(results.filter((r) => r === 'AUTH_BUSY').length, 2, 'the other two were refused at once');
  await new Promise((r) => setTimeout(r, 1_050));
  t.ok(await hasher.verify('a long enough passphrase', stored), 'a second later there is budget again');
  await hasher.verify('a long enough passphrase', stored);
  await hasher.verify('a long enough passphrase', stored);
  await t.rejects(hasher.refuseIfBusy(), { code: 'AUTH_BUSY' }, 'refuseIfBusy says so before any work once the budget is spent');
  await new Promise((r) => setTimeout(r, 1_050));
  await t.resolves(hasher.refuseIfBusy(), 'and not once it is back');
  await hasher.close();
});

t.test('a refusal is held for refusalDelayMs, for at most maxHeldRefusals at once; the rest are answered at once', async (t) => {
  const hasher = createPasswordHasher({ concurrency: 1, maxQueued: 0, maxWaitMs: 20_000, nice: 0, maxPerSecond: 1, refusalDelayMs: 400, maxHeldRefusals: 2 });
  const stored = await hashPassword('a long enough passphrase', 10);
  // The budget is spent when a hash starts: refuse while the first is starting, not after it has
  // finished (on a loaded machine a thread's start-up alone can outlast the one-second window).
  const first = hasher.verify('a long enough passphrase', stored);
  await new Promise((resolve) => setImmediate(resolve));
  const started = performance.now();
  const refusals = await Promise.all(
    Array.from({ length: 3 }, () =>
      hasher.refuseIfBusy().then(
        () => ({ code: 'admitted', afterMs: performance.now() - started }),
        (err: { code?: string }) => ({ code: err.code, afterMs: performance.now() - started, held: hasher.load().heldRefusals }),
      ),
    ),
  );
  t.same(refusals.map((r) => r.code), ['AUTH_BUSY', 'AUTH_BUSY', 'AUTH_BUSY']);
  const late = refusals.filter((r) => r.afterMs >= 390);
  t.equal(late.length, 2, 'two were held for the delay');
  t.ok(refusals.some((r) => r.afterMs < 200), 'the third, beyond the cap, was answered at once');
  t.equal(hasher.load().heldRefusals, 0, 'none stays held');
  t.ok(await first, 'the hash that spent the budget finished');
  await hasher.close();
});
