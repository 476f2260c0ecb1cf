import t from 'tap';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { loginThrottles, users } from '../../../src/db/schema/users.js';
import { hashPassword } from '../../../src/lib/password.js';
import { clientKeyOf } from '../../../src/modules/identity/identity.service.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { createUser, uniqueEmail, waitForEmails } from '../../helpers/factories.js';

const attempt = (app: FastifyInstance, email: string, password: string, from: string) =>
  app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: from, payload: { email, password } });

/** Lets the address's current wait run out at once, as if the time had passed. */
async function endWait(app: FastifyInstance, userId: string, from: string) {
  await app.database.db
    .update(loginThrottles)
    .set({ blockedUntil: sql`now() - interval '1 second'` })
    .where(and(eq(loginThrottles.userId, userId), eq(loginThrottles.clientKey, clientKeyOf(from))));
}

t.test('an attacker failing at one address is throttled there, with growing waits; the owner elsewhere logs in', async (t) => {
  const { app } = await buildFeatureApp(t);
  const owner = await createUser(app);
  const attacker = '203.0.113.7';
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await attempt(app, owner.email, 'a wrong guess of many', attacker)).statusCode);
  t.same(statuses, [401, 401, 401, 401, 401], 'five free failures');
  const waits: number[] = [];
  for (let i = 0; i < 4; i++) {
    const refused = await attempt(app, owner.email, owner.password, attacker);
    t.equal(refused.statusCode, 429, 'even the right password waits at that address');
    t.equal(refused.json().code, 'LOGIN_THROTTLED');
    t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
    waits.push(Number(refused.headers['retry-after']));
    await endWait(app, owner.id, attacker);
    t.equal((await attempt(app, owner.email, 'a wrong guess of many', attacker)).statusCode, 401, 'after the wait, one more guess');
  }
  t.ok(waits.every((w, i) => i === 0 || w > waits[i - 1]!), `waits grow: ${waits.join(', ')} s`);
  t.ok(waits[0]! >= 1);

  const home = await attempt(app, owner.email, owner.password, '198.51.100.20');
  t.equal(home.statusCode, 200, 'the owner at another address is not locked out');
  t.ok(home.json().accessToken);
  t.equal((await attempt(app, owner.email, owner.password, attacker)).statusCode, 429, 'the attacker\'s address still waits');
});

t.test('an account under attack from many addresses: a new address waits after one failure, but a correct login passes', async (t) => {
  const { app } = await buildFeatureApp(t);
  const owner = await createUser(app);
  for (let i = 0; i < 25; i++) t.equal((await attempt(app, owner.email, 'a wrong guess of many', `192.0.2.${i + 1}`)).statusCode, 401);
  const fresh = '198.51.100.99';
  t.equal((await attempt(app, owner.email, 'a wrong guess of many', fresh)).statusCode, 401);
  const slowed = await attempt(app, owner.email, owner.password, fresh);
  t.equal(slowed.statusCode, 429, 'under attack, a failure at a new address makes it wait at once');
  t.equal(slowed.headers['retry-after'], '1');
  const owners = await attempt(app, owner.email, owner.password, '198.51.100.100');
  t.equal(owners.statusCode, 200, 'a correct first login from a new address is never refused');
});

t.test('parallel guesses from one address all count; only the free ones are checked', async (t) => {
  const { app } = await buildFeatureApp(t);
  const owner = await createUser(app);
  const answers = await Promise.all(Array.from({ length: 10 }, () => attempt(app, owner.email, 'a wrong guess of many', '203.0.113.50')));
  const codes = answers.map((a) => a.statusCode).sort();
  t.same(codes, [401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
});

t.test('a password reset (the emailed link) lifts every address\'s wait; IPv6 addresses count by their /64', async (t) => {
  const { app } = await buildFeatureApp(t);
  const owner = await createUser(app);
  const v6 = (host: string) => `2001:db8:aa:bb::${host}`;
  for (let i = 0; i < 5; i++) await attempt(app, owner.email, 'a wrong guess of many', v6(String(i + 1)));
  t.equal((await attempt(app, owner.email, owner.password, v6('ff'))).statusCode, 429, 'other hosts of the same /64 share the wait');
  t.equal(clientKeyOf(v6('ff')), '2001:db8:aa:bb::/64');
  t.equal(clientKeyOf('::ffff:192.0.2.1'), '192.0.2.1');
  t.equal(clientKeyOf('::1'), '0:0:0:0::/64');

  await app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: owner.email } });
  const token = (await waitForEmails(app, owner.email, 'reset_password'))[0]?.token;
  t.ok(token);
  const reset = await app.inject({ method: 'POST', url: '/v1/auth/password-reset/complete', payload: { token, newPassword: 'a brand new passphrase 77' } });
  t.equal(reset.statusCode, 204);
  t.equal((await attempt(app, owner.email, 'a brand new passphrase 77', v6('ff'))).statusCode, 200);
});

t.test('an attempt refused because the hashing pool is full is answered 503 AUTH_BUSY and does not count', async (t) => {
  const { app } = await buildFeatureApp(t, { env: { PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE_MAX: '0' } });
  const email = uniqueEmail();
  const [user] = await app.database.db
    .insert(users)
    .values({ email, passwordHash: await hashPassword('the right passphrase 1', 16), displayName: 'Slow Hash', country: 'IT' })
    .returning({ id: users.id });
  const answers = await Promise.all(Array.from({ length: 3 }, () => attempt(app, email, 'a wrong guess of many', '203.0.113.80')));
  const busy = answers.filter((a) => a.statusCode === 503);
  t.same(answers.map((a) => a.statusCode).sort(), [401, 503, 503]);
  t.equal(busy[0]?.json().code, 'AUTH_BUSY');
  t.equal(busy[0]?.headers['retry-after'], '1');
  const [row] = await app.database.db.select({ failures: loginThrottles.failures }).from(loginThrottles).where(eq(loginThrottles.userId, user!.id));
  t.equal(row?.failures, 1, 'only the checked attempt counts');
});

t.test('beyond the per-second hashing budget a login is refused before any database work, and the refusal is held for the delay', async (t) => {
  const { app } = await buildFeatureApp(t, { env: { PASSWORD_HASH_MAX_PER_SECOND: '1', PASSWORD_HASH_REFUSAL_DELAY_MS: '300' } });
  const email = uniqueEmail();
  await app.database.db.insert(users).values({ email, passwordHash: await hashPassword('the right passphrase 1', 10), displayName: 'Held', country: 'IT' });
  t.equal((await attempt(app, email, 'a wrong guess of many', '203.0.113.81')).statusCode, 401, 'the first attempt of the second is checked');
  const sent = performance.now();
  const refused = await attempt(app, email, 'the right passphrase 1', '203.0.113.82');
  const waited = performance.now() - sent;
  t.equal(refused.statusCode, 503);
  t.equal(refused.json().code, 'AUTH_BUSY');
  t.equal(refused.headers['retry-after'], '1');
  t.ok(waited >= 290, `answered after the delay (${Math.round(waited)} ms)`);
});
