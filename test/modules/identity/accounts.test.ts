import t from 'tap';
import { eq } from 'drizzle-orm';
import { users } from '../../../src/db/schema/index.js';
import { hashPassword } from '../../../src/lib/password.js';
import { buildTestApp } from '../../helpers/app.js';
import { createUser, emailToken, login, uniqueEmail } from '../../helpers/factories.js';

t.test('register, verify email, read and update my profile', async (t) => {
  const { app } = await buildTestApp(t);
  const email = uniqueEmail('Reg').toUpperCase();
  const register = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { email, password: 'a long enough passphrase 42', displayName: 'Ada', country: 'AT', birthDate: '2008-05-01', locale: 'de' },
  });
  t.equal(register.statusCode, 202);
  t.equal(register.json().status, 'accepted');

  const user = await login(app, email.toLowerCase(), 'a long enough passphrase 42');
  const me = await app.inject({ method: 'GET', url: '/v1/me', headers: user.auth });
  t.equal(me.statusCode, 200);
  t.match(me.json(), { email: email.toLowerCase(), displayName: 'Ada', country: 'AT', birthDate: '2008-05-01', locale: 'de', emailVerified: false, isAdmin: false });

  const token = await emailToken(app, email.toLowerCase(), 'verify_email');
  t.ok(token, 'a verification email is in the outbox');
  const verify = await app.inject({ method: 'POST', url: '/v1/auth/verify-email', payload: { token } });
  t.equal(verify.statusCode, 204);
  const again = await app.inject({ method: 'POST', url: '/v1/auth/verify-email', payload: { token } });
  t.equal(again.statusCode, 400, 'a verification token is single use');
  t.equal(again.json().code, 'TOKEN_INVALID');
  t.equal((await app.inject({ method: 'GET', url: '/v1/me', headers: user.auth })).json().emailVerified, true);

  const patch = await app.inject({ method: 'PATCH', url: '/v1/me', headers: user.auth, payload: { displayName: 'Ada L.', country: 'IT' } });
  t.equal(patch.statusCode, 200);
  t.match(patch.json(), { displayName: 'Ada L.', country: 'IT' });
});

t.test('registering a taken address answers exactly like a new one and emails the owner', async (t) => {
  const { app } = await buildTestApp(t);
  const existing = await createUser(app);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { email: existing.email, password: 'another long passphrase 7', displayName: 'Mallory', country: 'IT' },
  });
  t.equal(res.statusCode, 202);
  const fresh = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { email: uniqueEmail(), password: 'another long passphrase 7', displayName: 'Mallory', country: 'IT' },
  });
  t.same(res.json(), fresh.json(), 'same body for taken and free addresses');
  const [row] = await app.database.db.select({ name: users.displayName }).from(users).where(eq(users.email, existing.email));
  t.equal(row?.name, 'Test User', 'the existing account is untouched');
});

t.test('registration validation names every bad field and refuses weak passwords', async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { email: 'not-an-email', password: 'x', displayName: '', country: 'Italy', birthDate: '31/12/2000' },
  });
  t.equal(res.statusCode, 422);
  const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
  t.same(fields, ['birthDate', 'country', 'displayName', 'email']);

  const common = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { email: uniqueEmail(), password: 'password1234', displayName: 'Bob', country: 'IT' },
  });
  t.equal(common.statusCode, 422);
  t.match(common.json().errors, [{ field: 'password', message: /commonly used/ }]);

  const short = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { email: uniqueEmail(), password: 'Sh0rt!', displayName: 'Bob', country: 'IT' },
  });
  t.match(short.json().errors, [{ field: 'password', message: /at least 12/ }]);
});

t.test('mass assignment: privileged or unknown fields are refused, never applied', async (t) => {
  const { app } = await buildTestApp(t);
  const email = uniqueEmail();
  const res = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { email, password: 'a long enough passphrase 42', displayName: 'Eve', country: 'IT', isAdmin: true, role: 'owner' },
  });
  t.equal(res.statusCode, 422);
  t.same(res.json().errors.map((e: { field: string }) => e.field).sort(), ['isAdmin', 'role']);
  const [row] = await app.database.db.select().from(users).where(eq(users.email, email));
  t.notOk(row, 'nothing was created');

  const user = await createUser(app);
  const patch = await app.inject({ method: 'PATCH', url: '/v1/me', headers: user.auth, payload: { isAdmin: true, email: 'x@example.org' } });
  t.equal(patch.statusCode, 422);
  t.same(patch.json().errors.map((e: { field: string }) => e.field).sort(), ['email', 'isAdmin']);
  t.equal((await app.inject({ method: 'GET', url: '/v1/me', headers: user.auth })).json().isAdmin, false);
});

t.test('wrong password and unknown address give the same answer', async (t) => {
  const { app } = await buildTestApp(t, { env: { AUTH_RATE_LIMIT_MAX: '100' } });
  const user = await createUser(app);
  const wrong = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: 'not the password at all' } });
  const unknown = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: uniqueEmail(), password: 'not the password at all' } });
  t.equal(wrong.statusCode, 401);
  t.equal(unknown.statusCode, 401);
  t.equal(wrong.json().code, 'INVALID_CREDENTIALS');
  t.equal(wrong.json().detail, unknown.json().detail);
});

t.test('login and registration are rate-limited per address with Retry-After', async (t) => {
  const { app } = await buildTestApp(t, { env: { AUTH_RATE_LIMIT_MAX: '3' } });
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: uniqueEmail(), password: 'whatever it is here' } });
    statuses.push(res.statusCode);
    if (res.statusCode === 429) {
      t.equal(res.json().code, 'RATE_LIMITED');
      t.ok(res.headers['retry-after']);
      t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    }
  }
  t.same(statuses, [401, 401, 401, 429]);
});

t.test('password-reset requests per account are limited even across addresses; logins are not (a stranger could lock the owner out)', async (t) => {
  const { app } = await buildTestApp(t, { env: { AUTH_RATE_LIMIT_MAX: '2' } });
  const email = uniqueEmail();
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({ method: 'POST', url: '/v1/auth/password-reset', remoteAddress: `10.0.0.${i + 1}`, payload: { email } });
    statuses.push(res.statusCode);
  }
  t.same(statuses, [202, 202, 429]);
  const logins: number[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: `10.0.1.${i + 1}`, payload: { email, password: 'whatever it is here' } });
    logins.push(res.statusCode);
  }
  t.same(logins, [401, 401, 401], 'each address is judged on its own');
});

t.test('password hashes are upgraded on login when the cost rises', async (t) => {
  const { app } = await buildTestApp(t);
  const user = await createUser(app);
  await app.database.db.update(users).set({ passwordHash: await hashPassword(user.password, 10) }).where(eq(users.id, user.id));
  const { app: stronger } = await buildTestApp(t, { env: { PASSWORD_HASH_COST: '11' } });
  await login(stronger, user.email, user.password);
  const [row] = await app.database.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  t.match(row?.hash, /^scrypt\$11\$8\$1\$/);
  await login(stronger, user.email, user.password);
});
