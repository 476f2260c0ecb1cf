import t from 'tap';
import { createHmac } from 'node:crypto';
import { buildTestApp } from '../../helpers/app.js';
import { createUser, uniqueEmail, waitForEmails } from '../../helpers/factories.js';

const refresh = (app: Awaited<ReturnType<typeof buildTestApp>>['app'], refreshToken: string) =>
  app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } });

t.test('refresh rotates; reusing a used token revokes the whole family', async (t) => {
  const { app } = await buildTestApp(t, { env: { AUTH_RATE_LIMIT_MAX: '100' } });
  const user = await createUser(app);

  const first = await refresh(app, user.refreshToken);
  t.equal(first.statusCode, 200);
  const rotated = first.json();
  t.not(rotated.refreshToken, user.refreshToken, 'a new refresh token every time');
  t.equal((await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${rotated.accessToken}` } })).statusCode, 200);

  const reuse = await refresh(app, user.refreshToken);
  t.equal(reuse.statusCode, 401);
  t.equal(reuse.json().code, 'REFRESH_TOKEN_REUSED');

  const descendant = await refresh(app, rotated.refreshToken);
  t.equal(descendant.statusCode, 401, 'the token issued after the stolen one is revoked too');
  t.equal(descendant.json().code, 'REFRESH_TOKEN_REVOKED');

  const unknown = await refresh(app, 'not-a-token');
  t.equal(unknown.json().code, 'REFRESH_TOKEN_INVALID');
});

t.test('two concurrent refreshes with one token: exactly one succeeds', async (t) => {
  const { app } = await buildTestApp(t, { env: { AUTH_RATE_LIMIT_MAX: '100' } });
  for (let round = 0; round < 5; round++) {
    const user = await createUser(app);
    const results = await Promise.all(Array.from({ length: 4 }, () => refresh(app, user.refreshToken)));
    const ok = results.filter((r) => r.statusCode === 200);
    t.equal(ok.length, 1, `round ${round}: one winner`);
    t.ok(results.filter((r) => r.statusCode !== 200).every((r) => r.statusCode === 401));
  }
});

t.test('logout revokes the session; other logins survive', async (t) => {
  const { app } = await buildTestApp(t, { env: { AUTH_RATE_LIMIT_MAX: '100' } });
  const user = await createUser(app);
  const other = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: user.password } });
  const logout = await app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: user.refreshToken } });
  t.equal(logout.statusCode, 204);
  t.equal((await refresh(app, user.refreshToken)).statusCode, 401);
  t.equal((await refresh(app, other.json().refreshToken)).statusCode, 200, 'a separate login is a separate family');
});

t.test('changing the password revokes every session and needs the current password', async (t) => {
  const { app } = await buildTestApp(t, { env: { AUTH_RATE_LIMIT_MAX: '100' } });
  const user = await createUser(app);
  const second = (await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: user.password } })).json();

  const wrong = await app.inject({
    method: 'POST',
    url: '/v1/me/password',
    headers: user.auth,
    payload: { currentPassword: 'not my password', newPassword: 'qwerty' },
  });
  t.equal(wrong.statusCode, 422);
  t.same(wrong.json().errors.map((e: { field: string }) => e.field).sort(), ['currentPassword', 'newPassword', 'newPassword']);

  const change = await app.inject({
    method: 'POST',
    url: '/v1/me/password',
    headers: user.auth,
    payload: { currentPassword: user.password, newPassword: 'an entirely new passphrase 9' },
  });
  t.equal(change.statusCode, 204);
  t.equal((await refresh(app, user.refreshToken)).statusCode, 401);
  t.equal((await refresh(app, second.refreshToken)).statusCode, 401);
  const oldLogin = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: user.password } });
  t.equal(oldLogin.statusCode, 401);
  const newLogin = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: 'an entirely new passphrase 9' } });
  t.equal(newLogin.statusCode, 200);
});

t.test('password reset: same answer for unknown addresses, single-use token, sessions revoked', async (t) => {
  const { app } = await buildTestApp(t, { env: { AUTH_RATE_LIMIT_MAX: '100' } });
  const user = await createUser(app);
  const known = await app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: user.email } });
  const unknown = await app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: uniqueEmail() } });
  t.equal(known.statusCode, 202);
  t.same(known.json(), unknown.json());

  const [email] = await waitForEmails(app, user.email, 'reset_password');
  const token = email?.token;
  t.ok(token);
  const weak = await app.inject({ method: 'POST', url: '/v1/auth/password-reset/complete', payload: { token, newPassword: 'password' } });
  t.equal(weak.statusCode, 422);
  const done = await app.inject({ method: 'POST', url: '/v1/auth/password-reset/complete', payload: { token, newPassword: 'reset to a new passphrase 3' } });
  t.equal(done.statusCode, 204);
  const replay = await app.inject({ method: 'POST', url: '/v1/auth/password-reset/complete', payload: { token, newPassword: 'reset to another phrase 4' } });
  t.equal(replay.statusCode, 400);
  t.equal(replay.json().code, 'TOKEN_INVALID');
  t.equal((await refresh(app, user.refreshToken)).statusCode, 401, 'sessions from before the reset are gone');
  const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: 'reset to a new passphrase 3' } });
  t.equal(login.statusCode, 200);
});

function forge(header: object, payload: object, secret: string): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc(header)}.${enc(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

t.test('access tokens: alg none, tampered, wrong issuer/audience, expired are refused on real routes', async (t) => {
  const { app, config } = await buildTestApp(t);
  const user = await createUser(app);
  const now = Math.floor(Date.now() / 1000);
  const good = { sub: user.id, iss: config.jwt.issuer, aud: config.jwt.audience, iat: now, exp: now + 300 };
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const cases: Record<string, string> = {
    'alg none': `${enc({ alg: 'none', typ: 'JWT' })}.${enc(good)}.`,
    'wrong secret': forge({ alg: 'HS256', typ: 'JWT' }, good, 'x'.repeat(40)),
    'wrong issuer': forge({ alg: 'HS256', typ: 'JWT' }, { ...good, iss: 'evil' }, config.jwt.secret),
    'wrong audience': forge({ alg: 'HS256', typ: 'JWT' }, { ...good, aud: 'other-api' }, config.jwt.secret),
    expired: forge({ alg: 'HS256', typ: 'JWT' }, { ...good, iat: now - 1000, exp: now - 500 }, config.jwt.secret),
    'admin claim added': (() => {
      const [h, , s] = user.accessToken.split('.');
      return `${h}.${enc({ ...JSON.parse(Buffer.from(user.accessToken.split('.')[1]!, 'base64url').toString()), adm: true })}.${s}`;
    })(),
  };
  for (const [name, token] of Object.entries(cases)) {
    const res = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${token}` } });
    t.equal(res.statusCode, 401, name);
    t.match(res.json().code, name === 'expired' ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID', name);
  }
  const valid = forge({ alg: 'HS256', typ: 'JWT' }, good, config.jwt.secret);
  t.equal((await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${valid}` } })).statusCode, 200, 'the control case passes');
});

t.test('at most three reset emails an hour per account, even when requested concurrently', async (t) => {
  const { app } = await buildTestApp(t, { env: { AUTH_RATE_LIMIT_MAX: '100' } });
  const user = await createUser(app);
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: user.email } })),
  );
  t.ok(answers.every((a) => a.statusCode === 202), 'every request gets the same answer');
  // The requests' work runs after the answers; give all six time to finish before counting.
  const sent = await waitForEmails(app, user.email, 'reset_password', 6, 1500);
  t.equal(sent.length, 3);
});
