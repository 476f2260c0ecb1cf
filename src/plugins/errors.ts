import fp from 'fastify-plugin';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../lib/errors.js';
import { isErrorCode, type ErrorCode } from '../lib/error-codes.js';
import { problemTitle, problemType, type Problem } from '../lib/problem.js';
import { databaseTimeout, isDatabaseUnavailable, pgErrorCode } from '../lib/pg-errors.js';

const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  detail: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  const body: Problem = {
    type: problemType(code),
    title: problemTitle(status),
    status,
    detail,
    instance: request.url.split('?')[0],
    code,
    requestId: String(request.id),
    ...extra,
  };
  return reply.code(status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

const FRAMEWORK_CODES: Record<string, [number, ErrorCode, string]> = {
  FST_ERR_BAD_URL: [400, 'BAD_URL', 'The request URL is not validly encoded'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'URI_TOO_LONG', 'A path parameter is too long'],
};

/**
 * Fastify answers a malformed URL before any hook or error handler runs, in its own JSON shape;
 * passed as the `frameworkErrors` server option, this makes those answers problems too.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', request.id);
  const [status, code, detail] = FRAMEWORK_CODES[error.code] ?? [500, 'INTERNAL', 'An unexpected error occurred; quote the request id when reporting it'];
  if (status >= 500) request.log.error({ err: error }, 'framework error');
  void sendProblem(request, reply, status, code, detail);
}

function fieldPath(instancePath: string | undefined): string {
  return (instancePath ?? '').replace(/^\//, '').split('/').filter(Boolean).join('.');
}

type ValidationIssue = { instancePath?: string; message?: string; keyword?: string; params?: Record<string, unknown> };

/** Turns every schema issue into a named field error; unknown keys are listed one by one. */
export function validationErrors(issues: ValidationIssue[], where: FieldError['in']): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = fieldPath(issue.instancePath);
    const keys = issue.keyword === 'unrecognized_keys' ? (issue.params?.keys as string[] | undefined) : undefined;
    if (keys?.length) {
      for (const key of keys) {
        out.push({ field: base ? `${base}.${key}` : key, message: 'is not an accepted field', code: 'unrecognized_key', in: where });
      }
      continue;
    }
    out.push({ field: base || '(root)', message: issue.message ?? 'is invalid', code: issue.keyword ?? 'invalid', in: where });
  }
  return out;
}

const FASTIFY_CODES: Record<string, [number, ErrorCode]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'MALFORMED_JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'MALFORMED_JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'BAD_REQUEST'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BODY_TOO_LARGE'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  FST_ERR_CTP_INVALID_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  FST_JWT_NO_AUTHORIZATION_IN_HEADER: [401, 'UNAUTHENTICATED'],
  FST_JWT_AUTHORIZATION_TOKEN_EXPIRED: [401, 'TOKEN_EXPIRED'],
  FST_JWT_AUTHORIZATION_TOKEN_INVALID: [401, 'TOKEN_INVALID'],
  FST_JWT_AUTHORIZATION_TOKEN_UNTRUSTED: [401, 'TOKEN_INVALID'],
  FST_JWT_BAD_REQUEST: [401, 'TOKEN_INVALID'],
  FST_JWT_BAD_COOKIE_REQUEST: [401, 'TOKEN_INVALID'],
};

/** PostgreSQL errors that a concurrent writer can cause are conflicts, not server faults. */
const PG_CODES: Record<string, [number, ErrorCode, string, retryAfter?: string]> = {
  '23505': [409, 'CONFLICT', 'The change conflicts with existing data'],
  '23P01': [409, 'CONFLICT', 'The change conflicts with existing data'],
  '40001': [409, 'CONCURRENT_UPDATE', 'A concurrent change interfered; retry the request', '1'],
  '40P01': [409, 'CONCURRENT_UPDATE', 'A concurrent change interfered; retry the request', '1'],
  '55P03': [409, 'CONCURRENT_UPDATE', 'The resource is busy; retry the request', '1'],
};

/** Seconds a client should wait after the database was away or too slow (docs/operations.md). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const TIMEOUT_DETAIL = {
  acquire: 'The database is busy: no connection became free in time; retry later',
  statement: 'The database took too long to answer; retry later',
  read: 'The database stopped answering; retry later',
} as const;

declare module 'fastify' {
  interface FastifyReply {
    /** Sends an RFC 9457 problem; prefer throwing an AppError from services. */
    problem(status: number, code: ErrorCode, detail: string, extra?: Record<string, unknown>): FastifyReply;
  }
}

export default fp(
  async (app) => {
    app.decorateReply('problem', function (this: FastifyReply, status: number, code: ErrorCode, detail: string, extra?: Record<string, unknown>) {
      return sendProblem(this.request, this, status, code, detail, extra);
    });

    // Every registered route is mirrored here so an unknown method on a known path is a 405, not a 404.
    const router = FindMyWay();
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        try {
          router.on(method as HTTPMethod, route.url, () => {});
        } catch {
          // HEAD routes are registered twice by Fastify; a duplicate changes nothing here.
        }
      }
    });

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      // OPTIONS is left out: CORS answers it on every path.
      const allowed = (['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter(
        (m) => router.find(m, path) !== null,
      );
      if (allowed.length > 0) {
        reply.header('allow', allowed.join(', '));
        return sendProblem(request, reply, 405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${path}`);
      }
      return sendProblem(request, reply, 404, 'ROUTE_NOT_FOUND', `No route ${request.method} ${path}`);
    });

    app.setErrorHandler((error: FastifyError & { validationContext?: FieldError['in'] }, request, reply) => {
      if (error instanceof AppError) {
        for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
        if (error.status >= 500) request.log.error({ err: error }, 'application error');
        return sendProblem(request, reply, error.status, error.code, error.message, error.extra);
      }
      if (hasZodFastifySchemaValidationErrors(error) || (error.validation && error.validation.length > 0)) {
        const where = error.validationContext ?? 'body';
        const errors = validationErrors(error.validation as ValidationIssue[], where);
        return sendProblem(request, reply, 422, 'VALIDATION_FAILED', `The ${where} has ${errors.length} invalid field(s)`, {
          errors,
        });
      }
      const known = error.code ? FASTIFY_CODES[error.code] : undefined;
      if (known) {
        if (known[0] === 401) reply.header('www-authenticate', 'Bearer');
        const detail = known[0] === 401 ? 'The access token is missing, expired or invalid' : error.message;
        return sendProblem(request, reply, known[0], known[1], detail);
      }
      // Timeouts before connection errors: pg's acquire timeout also reads "Connection terminated …".
      const timeout = databaseTimeout(error);
      if (timeout || isDatabaseUnavailable(error)) {
        request.log.warn({ err: error, timeout }, timeout ? 'database timeout' : 'database unavailable');
        reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        return timeout
          ? sendProblem(request, reply, 503, 'DATABASE_TIMEOUT', TIMEOUT_DETAIL[timeout])
          : sendProblem(request, reply, 503, 'DATABASE_UNAVAILABLE', 'The database is not reachable; retry later');
      }
      const pg = PG_CODES[pgErrorCode(error) ?? ''];
      if (pg) {
        request.log.warn({ err: error }, 'database conflict');
        if (pg[3]) reply.header('retry-after', pg[3]);
        return sendProblem(request, reply, pg[0], pg[1], pg[2]);
      }
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
      if (status < 500) {
        // Only catalogued codes leave the API (src/lib/error-codes.ts); a framework's own code is not one.
        return sendProblem(request, reply, status, isErrorCode(error.code) ? error.code : 'BAD_REQUEST', error.message);
      }
      request.log.error({ err: error }, 'unhandled error');
      if (status === 503) return sendProblem(request, reply, 503, 'SERVICE_UNAVAILABLE', 'The service is unavailable');
      return sendProblem(request, reply, 500, 'INTERNAL', 'An unexpected error occurred; quote the request id when reporting it');
    });
  },
  { name: 'errors' },
);
