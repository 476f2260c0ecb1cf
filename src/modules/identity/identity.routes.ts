import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problemResponse } from '../../lib/problem.js';
import { jsonResponse } from '../../lib/responses.js';
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
  const throttled = problemResponse({ RATE_LIMITED: 'Too many attempts from this address or for this account' });
  const hashingBusy = problemResponse(['AUTH_BUSY']);
  const weakPassword = problemResponse({ VALIDATION_FAILED: 'Invalid fields or a weak password; `errors` names each' });
  const accepted = (message: string) => ({ status: 'accepted' as const, message });

  app.post(
    '/v1/auth/register',
    {
      config: perIp,
      schema: {
        operationId: 'register',
        tags,
        summary: 'Create an account (the answer never reveals whether the address is taken)',
        description:
          'Public. Always `202` for a well-formed request, whether or not the address already has an account (the owner of a taken address gets an email instead), so the answer cannot be used to find accounts. ' +
          'The password is checked for strength (`422 VALIDATION_FAILED` names each problem). Limited per address.',
        body: RegisterBody,
        response: { 202: jsonResponse(AcceptedResponse, 'Accepted; a confirmation email is on its way if the address can be registered'), 422: weakPassword, 429: throttled, 503: hashingBusy },
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
        description:
          'Public. A wrong email or password is the same `401 INVALID_CREDENTIALS`; failed logins for an account from one address are throttled with a doubling wait (`429 LOGIN_THROTTLED`).',
        body: LoginBody,
        response: {
          200: jsonResponse(TokenPair, 'Logged in: a short-lived access token and a refresh token'),
          401: problemResponse(['INVALID_CREDENTIALS']),
          429: problemResponse({ RATE_LIMITED: 'Too many attempts from this address', LOGIN_THROTTLED: 'Too many failed logins for this account from this address' }),
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
        description: 'Public (the refresh token is the credential). Each refresh token works once: store the new pair. Presenting a used one again revokes every session of that login (`REFRESH_TOKEN_REUSED`).',
        body: RefreshBody,
        response: {
          200: jsonResponse(TokenPair, 'A new access token and a new refresh token'),
          401: problemResponse(['REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_EXPIRED', 'REFRESH_TOKEN_REVOKED', 'REFRESH_TOKEN_REUSED']),
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
        description: 'Public (the refresh token is the credential). Revokes the login the token belongs to; an unknown or already revoked token also answers `204`.',
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
        description: 'Public. Always `202`, whether or not an account uses the address. Limited per address and per account.',
        body: ResetRequestBody,
        response: { 202: jsonResponse(AcceptedResponse, 'Accepted; a reset link is on its way if an account uses the address'), 429: throttled },
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
        description: 'Public (the emailed token is the credential, usable once). The new password is checked for strength; every session of the account is revoked.',
        body: ResetCompleteBody,
        response: {
          204: z.null().describe('Password changed'),
          400: problemResponse({ TOKEN_INVALID: 'The reset token is invalid, used or expired' }),
          422: weakPassword,
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
        description: 'Public (the emailed token is the credential, usable once). A confirmed address is needed to organise (`EMAIL_NOT_VERIFIED` otherwise).',
        body: VerifyEmailBody,
        response: {
          204: z.null().describe('Address verified'),
          400: problemResponse({ TOKEN_INVALID: 'The verification token is invalid, used or expired' }),
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
      schema: {
        operationId: 'getMe',
        tags,
        summary: 'My account',
        description: 'The logged-in user’s profile, email address and whether it is confirmed.',
        security: bearerSecurity,
        response: { 200: jsonResponse(Me, 'My account') },
      },
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
        description: 'The logged-in user changes their own profile; unknown fields, including email, role and admin flags, are refused (`422 VALIDATION_FAILED`).',
        security: bearerSecurity,
        body: UpdateMeBody,
        response: { 200: jsonResponse(Me, 'My account after the change') },
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
        description: 'The logged-in user sends the current password and a new one (checked for strength); a wrong current password is `422 VALIDATION_FAILED` on `currentPassword`.',
        security: bearerSecurity,
        body: ChangePasswordBody,
        response: { 204: z.null().describe('Password changed; log in again'), 422: weakPassword, 429: throttled, 503: hashingBusy },
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
        description: 'The logged-in user asks for a new confirmation link; nothing is sent when the address is already confirmed.',
        security: bearerSecurity,
        response: { 202: jsonResponse(AcceptedResponse, 'Accepted; an email is on its way if the address is not yet confirmed') },
      },
    },
    async (request, reply) => {
      await identity.resendVerification(actorOf(request).userId);
      return reply.code(202).send(accepted('If the address is not yet confirmed, an email is on its way.'));
    },
  );
};

export default identityRoutes;
