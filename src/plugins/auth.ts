import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import { createVerifier, TokenError } from 'fast-jwt';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { UnauthorizedError } from '../lib/errors.js';

export interface AccessTokenClaims {
  sub: string;
  /** Platform administrator; only ever set from configuration or the CLI. */
  adm?: boolean;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessTokenClaims;
    user: AccessTokenClaims;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Why a presented bearer token was refused, for routes that require one. */
    authError?: Error;
  }
  interface FastifyInstance {
    /** onRequest hook for routes that require an authenticated caller. */
    requireUser(request: FastifyRequest): Promise<void>;
    signAccessToken(claims: AccessTokenClaims): string;
  }
}

export const bearerSecurity = [{ bearerAuth: [] }];

/**
 * Access tokens: HS256 only (pinned; `alg: none` and others are refused), issuer and audience
 * checked. Every request with a bearer token is identified once, up front, so per-user rate
 * limits and optional-auth routes see the caller.
 */
export default fp(
  async (app, { config }: { config: Config }) => {
    const verifyOptions = {
      algorithms: ['HS256' as const],
      allowedIss: config.jwt.issuer,
      allowedAud: config.jwt.audience,
      requiredClaims: ['sub', 'exp', 'iss', 'aud'],
    };
    await app.register(jwt, {
      secret: config.jwt.secret,
      sign: { algorithm: 'HS256', iss: config.jwt.issuer, aud: config.jwt.audience, expiresIn: config.jwt.accessTtlSeconds },
      verify: verifyOptions,
    });

    app.decorate('signAccessToken', (claims: AccessTokenClaims) => app.jwt.sign(claims));

    // Verification calls fast-jwt (the library @fastify/jwt wraps) directly, with the same
    // options: request.jwtVerify() decodes every token twice and runs a callback waterfall, a
    // twentieth of a request's CPU in the deadline rush. Verified tokens are remembered (expiry
    // is still checked on every hit): a client sends the same token for minutes.
    const verifyAccessToken = createVerifier({ key: config.jwt.secret, ...verifyOptions, cache: 10_000 });
    app.addHook('onRequest', (request, _reply, done) => {
      const header = request.headers.authorization;
      if (!header) return done();
      const [scheme, token, extra] = header.split(' ');
      try {
        if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined) throw new TokenError(TokenError.codes.malformed, 'Expected "Bearer <token>"');
        request.user = verifyAccessToken(token) as AccessTokenClaims;
      } catch (err) {
        request.user = undefined as never;
        request.authError = err as Error;
      }
      done();
    });

    app.decorate('requireUser', async (request: FastifyRequest) => {
      if (request.user?.sub) return;
      const code = (request.authError as { code?: string } | undefined)?.code;
      if (code === TokenError.codes.expired) throw new UnauthorizedError('The access token has expired', 'TOKEN_EXPIRED');
      if (request.authError) throw new UnauthorizedError('The access token is invalid', 'TOKEN_INVALID');
      throw new UnauthorizedError();
    });
  },
  { name: 'auth' },
);
