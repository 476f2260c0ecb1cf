import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problemResponse } from '../../lib/problem.js';
import { AppError } from '../../lib/errors.js';
import { bearerSecurity } from '../../plugins/auth.js';
import { actorOf } from '../access/access.js';
import type { IdentityService } from './identity.service.js';
import {
  AcceptedResponse,
  ChangePasswordBody,
  LoginBody,
  Me,
  RefreshBody,
  RegisterBody,
  ResetCompleteBody,
  ResetRequestBody,
  TokenPair,
  UpdateMeBody,
  VerifyEmailBody,
} from './identity.schemas.js';

const tags = ['accounts'];

const identityRoutes: FastifyPluginAsyncZod<{ identity: IdentityService }> = async (app, { identity }) => {
  const { authMax, windowMs } = app.config.rateLimit;
  // Work done after an answer (password-reset requests): failures are logged without their SQL
  // parameters (an address), and closing waits for what is still running.
  identity.onBackgroundError((err) => app.log.error({ code: (err as { code?: unknown }).code }, 'background account work failed'));
  app.addHook('onClose', () => identity.drainBackgroundWork());
  // Credential endpoints: a tight per-address limit, and per-account limits where the body names one.
  const perIp = { rateLimit: { max: authMax, timeWindow: windowMs, keyGenerator: (r: FastifyRequest) => `auth-ip:${r.ip}` } };
  // A second, per-account limit (the route's own limit is per address): counted separately, since
  // @fastify/rate-limit runs only one of its hooks per request.
  const accountLimit = app.createRateLimit({
    max: authMax,
    timeWindow: windowMs,
    keyGenerator: (r) => `auth-account:${String((r.body as { email?: string } | undefined)?.email ?? '').toLowerCase()}`,
  });
  const perAccount = async (request: FastifyRequest) => {
    const result = await accountLimit(request);
    if (!result.isAllowed && result.isExceeded) {
      throw new AppError(429, 'RATE_LIMITED', `Too many attempts for this account; retry in ${result.ttlInSeconds} s`, {}, {
        'retry-after': String(result.ttlInSeconds),
      });
    }
  };
  const throttled = problemResponse('Too many attempts from this address or for this account; see `Retry-After`');
  const hashingBusy = problemResponse('Too many password checks are waiting (`AUTH_BUSY`); see `Retry-After`');
  const accepted = (message: string) => ({ status: 'accepted' as const, message });

  app.post(
    '/v1/auth/register',
    {
      config: perIp,
      schema: {
        operationId: 'register',
        tags,
        summary: 'Create an account (the answer never reveals whether the address is taken)',
        body: RegisterBody,
        response: { 202: AcceptedResponse, 422: problemResponse('Invalid fields or a weak password; `errors` names each'), 429: throttled, 503: hashingBusy },
      },
    },
    async (request, reply) => {
      await identity.register(request.body);
      return reply.code(202).send(accepted('If the address can be registered, a confirmation email is on its way. You can log in now.'));
    },
  );

  app.post(
    '/v1/auth/login',
    {
      // No per-account limit here: it would let anyone lock the owner out. Failed logins throttle
      // their address instead (429 LOGIN_THROTTLED), in the service.
      config: perIp,
      schema: {
        operationId: 'login',
        tags,
        summary: 'Exchange email and password for an access token and a refresh token',
        body: LoginBody,
        response: {
          200: TokenPair,
          401: problemResponse('Email or password is incorrect (`INVALID_CREDENTIALS`)'),
          429: problemResponse('Too many attempts from this address (`RATE_LIMITED`), or too many failed logins for this account from this address (`LOGIN_THROTTLED`); see `Retry-After`'),
          503: hashingBusy,
        },
      },
    },
    async (request) => identity.login(request.body.email, request.body.password, request.ip),
  );

  app.post(
    '/v1/auth/refresh',
    {
      config: perIp,
      schema: {
        operationId: 'refreshTokens',
        tags,
        summary: 'Rotate a refresh token; a reused token revokes every session of its login',
        body: RefreshBody,
        response: {
          200: TokenPair,
          401: problemResponse('Unknown, expired, revoked or reused refresh token (`REFRESH_TOKEN_*`)'),
          429: throttled,
        },
      },
    },
    async (request) => identity.refresh(request.body.refreshToken),
  );

  app.post(
    '/v1/auth/logout',
    {
      schema: {
        operationId: 'logout',
        tags,
        summary: 'Revoke the session (the refresh token family)',
        body: RefreshBody,
        response: { 204: z.null().describe('Logged out') },
      },
    },
    async (request, reply) => {
      await identity.logout(request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/auth/password-reset',
    {
      config: perIp,
      preHandler: perAccount,
      schema: {
        operationId: 'requestPasswordReset',
        tags,
        summary: 'Email a password reset link (the answer never reveals whether the address exists)',
        body: ResetRequestBody,
        response: { 202: AcceptedResponse, 429: throttled },
      },
    },
    async (request, reply) => {
      await identity.requestPasswordReset(request.body.email);
      return reply.code(202).send(accepted('If an account uses this address, a reset link is on its way.'));
    },
  );

  app.post(
    '/v1/auth/password-reset/complete',
    {
      config: perIp,
      schema: {
        operationId: 'completePasswordReset',
        tags,
        summary: 'Set a new password with an emailed token; every session is revoked',
        body: ResetCompleteBody,
        response: {
          204: z.null().describe('Password changed'),
          400: problemResponse('Malformed JSON, or the token is invalid, used or expired (`TOKEN_INVALID`)'),
          429: throttled,
          503: hashingBusy,
        },
      },
    },
    async (request, reply) => {
      await identity.completePasswordReset(request.body.token, request.body.newPassword);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/auth/verify-email',
    {
      config: perIp,
      schema: {
        operationId: 'verifyEmail',
        tags,
        summary: 'Confirm an email address with the emailed token',
        body: VerifyEmailBody,
        response: {
          204: z.null().describe('Address verified'),
          400: problemResponse('Malformed JSON, or the token is invalid, used or expired (`TOKEN_INVALID`)'),
          429: throttled,
        },
      },
    },
    async (request, reply) => {
      await identity.verifyEmail(request.body.token);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/me',
    {
      onRequest: app.requireUser,
      schema: { operationId: 'getMe', tags, summary: 'My account', security: bearerSecurity, response: { 200: Me } },
    },
    async (request) => identity.me(actorOf(request).userId),
  );

  app.patch(
    '/v1/me',
    {
      onRequest: app.requireUser,
      schema: {
        operationId: 'updateMe',
        tags,
        summary: 'Update my profile (email, role and admin flags cannot be set here)',
        security: bearerSecurity,
        body: UpdateMeBody,
        response: { 200: Me },
      },
    },
    async (request) => identity.updateMe(actorOf(request).userId, request.body),
  );

  app.post(
    '/v1/me/password',
    {
      onRequest: app.requireUser,
      config: perIp,
      schema: {
        operationId: 'changePassword',
        tags,
        summary: 'Change my password; every session is revoked',
        security: bearerSecurity,
        body: ChangePasswordBody,
        response: { 204: z.null().describe('Password changed; log in again'), 429: throttled, 503: hashingBusy },
      },
    },
    async (request, reply) => {
      await identity.changePassword(actorOf(request).userId, request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/me/verification-email',
    {
      onRequest: app.requireUser,
      schema: {
        operationId: 'resendVerificationEmail',
        tags,
        summary: 'Send the address confirmation email again',
        security: bearerSecurity,
        response: { 202: AcceptedResponse },
      },
    },
    async (request, reply) => {
      await identity.resendVerification(actorOf(request).userId);
      return reply.code(202).send(accepted('If the address is not yet confirmed, an email is on its way.'));
    },
  );
};

export default identityRoutes;
