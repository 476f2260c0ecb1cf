import { createHmac, randomBytes } from 'node:crypto';
import t, { type Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { bearerSecurity } from '../../src/plugins/auth.js';
import { buildTestApp } from '../helpers/app.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Builds a JWT by hand so every header field and claim is under the test's control. */
function forge(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string | null): string {
  const signingInput = `${b64(header)}.${b64(payload)}`;
  const signature = secret === null ? '' : createHmac('sha256', secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

function assertUnauthorized(t: Test, res: LightMyRequestResponse, code: string) {
  t.equal(res.statusCode, 401, 'status 401');
  t.equal(res.headers['content-type'], PROBLEM, 'problem+json');
  t.equal(res.headers['www-authenticate'], 'Bearer', 'www-authenticate: Bearer');
  const body = res.json();
  t.equal(body.code, code, `code ${code}`);
  t.equal(body.status, 401);
  t.equal(body.requestId, res.headers['x-request-id'], 'requestId equals the x-request-id header');
}

t.test('bearer access tokens', async (t) => {
  const { app, config } = await buildTestApp(t, {
    beforeReady: (app) => {
      app.get(
        '/test/me',
        { onRequest: app.requireUser, schema: { security: bearerSecurity } },
        async (request) => ({ sub: request.user.sub }),
      );
      // Optional auth: anonymous callers pass, a bad token is ignored rather than trusted.
      app.get('/test/whoami', async (request) => ({ sub: request.user?.sub ?? null }));
    },
  });
  const { secret, issuer, audience } = config.jwt;
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'user-1', iss: issuer, aud: audience, iat: now, exp: now + 300 };
  const hs256 = { alg: 'HS256', typ: 'JWT' };
  const get = (token?: string, scheme = 'Bearer') =>
    app.inject({ method: 'GET', url: '/test/me', headers: token === undefined ? {} : { authorization: `${scheme} ${token}` } });

  t.test('a valid token from signAccessToken is accepted', async (t) => {
    const res = await get(app.signAccessToken({ sub: 'user-42' }));
    t.equal(res.statusCode, 200);
    t.same(res.json(), { sub: 'user-42' });
  });

  t.test('a hand-made HS256 token with every claim right is accepted (the forge is sound)', async (t) => {
    const res = await get(forge(hs256, claims, secret));
    t.equal(res.statusCode, 200);
    t.same(res.json(), { sub: 'user-1' });
  });

  t.test('no token is 401 UNAUTHENTICATED', async (t) => {
    assertUnauthorized(t, await get(), 'UNAUTHENTICATED');
  });

  t.test('refused tokens are 401 TOKEN_INVALID', async (t) => {
    const cases: [string, string][] = [
      ['alg none, unsigned', forge({ alg: 'none', typ: 'JWT' }, claims, null)],
      ['alg none, signed anyway', forge({ alg: 'none', typ: 'JWT' }, claims, secret)],
      ['HS512 with the right secret', (() => {
        const input = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims)}`;
        return `${input}.${createHmac('sha512', secret).update(input).digest('base64url')}`;
      })()],
      ['wrong secret', forge(hs256, claims, randomBytes(32).toString('hex'))],
      ['wrong issuer', forge(hs256, { ...claims, iss: 'someone-else' }, secret)],
      ['wrong audience', forge(hs256, { ...claims, aud: 'another-api' }, secret)],
      ['no issuer', forge(hs256, { sub: 'user-1', aud: audience, iat: now, exp: now + 300 }, secret)],
      ['no audience', forge(hs256, { sub: 'user-1', iss: issuer, iat: now, exp: now + 300 }, secret)],
      ['no expiry', forge(hs256, { sub: 'user-1', iss: issuer, aud: audience, iat: now }, secret)],
      ['no subject', forge(hs256, { iss: issuer, aud: audience, iat: now, exp: now + 300 }, secret)],
      ['tampered payload', (() => {
        const [h, , s] = forge(hs256, claims, secret).split('.');
        return `${h}.${b64({ ...claims, sub: 'admin', adm: true })}.${s}`;
      })()],
      ['not a JWT at all', 'definitely-not-a-token'],
    ];
    for (const [name, token] of cases) {
      t.test(name, async (t) => assertUnauthorized(t, await get(token), 'TOKEN_INVALID'));
    }
  });

  t.test('an expired token is 401 TOKEN_EXPIRED', async (t) => {
    const res = await get(forge(hs256, { ...claims, iat: now - 600, exp: now - 60 }, secret));
    assertUnauthorized(t, res, 'TOKEN_EXPIRED');
  });

  t.test('a non-bearer scheme is refused', async (t) => {
    const res = await get(forge(hs256, claims, secret), 'Basic');
    t.equal(res.statusCode, 401);
    t.equal(res.headers['www-authenticate'], 'Bearer');
  });

  t.test('a bad token never identifies the caller on optional-auth routes', async (t) => {
    const bad = await app.inject({
      method: 'GET',
      url: '/test/whoami',
      headers: { authorization: `Bearer ${forge({ alg: 'none' }, claims, null)}` },
    });
    t.equal(bad.statusCode, 200);
    t.same(bad.json(), { sub: null });
    const good = await app.inject({
      method: 'GET',
      url: '/test/whoami',
      headers: { authorization: `Bearer ${app.signAccessToken({ sub: 'user-7' })}` },
    });
    t.same(good.json(), { sub: 'user-7' });
  });

  t.test('signAccessToken pins algorithm, issuer, audience and lifetime', async (t) => {
    const [header, payload] = app
      .signAccessToken({ sub: 'user-9' })
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    t.equal(header.alg, 'HS256');
    t.equal(payload.iss, issuer);
    t.equal(payload.aud, audience);
    t.equal(payload.exp - payload.iat, config.jwt.accessTtlSeconds);
  });
});
