import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { ConnectionError, FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ValidationError, type FieldError } from '../lib/errors.js';
import { problemTitle, problemType } from '../lib/problem.js';
import type { ErrorCode } from '../lib/error-codes.js';

/**
 * Input rules that hold for every route, before its schema runs (docs/input.md):
 * - JSON bodies nest at most MAX_JSON_DEPTH levels (a 20,000-deep array would overflow the
 *   stack of any recursive walk after it, the idempotency hash among them): 400 `JSON_TOO_DEEP`.
 * - No text (body, query or path) carries NUL, which PostgreSQL text and jsonb refuse, or a lone
 *   surrogate, which no UTF-8 answer can carry: 422 `VALIDATION_FAILED` naming each field.
 * - A route that declares no body ignores one: it is not parsed, so it cannot fail.
 */
export const MAX_JSON_DEPTH = 32;

declare global {
  // ES2024, on Node since 20.0; the project's `lib` is ES2023.
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}
/** Enough to name the fields of a careless client without building a huge answer for a hostile one. */
const MAX_REPORTED = 20;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  if (!text.isWellFormed()) return 'must be well-formed Unicode (a lone surrogate such as \\ud800 is refused)';
  return undefined;
}

/** A printable name for a key that may itself be the bad text. */
const printable = (key: string) => JSON.stringify(key.toWellFormed()).slice(1, -1);

/**
 * Walks parsed input without recursion: the depth it reached beyond `maxDepth` (if it did) and
 * each string or key carrying text PostgreSQL or UTF-8 cannot store.
 */
export function inspectInput(value: unknown, where: NonNullable<FieldError['in']>, maxDepth = MAX_JSON_DEPTH): { tooDeep: boolean; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0 && errors.length < MAX_REPORTED) {
    const { value: node, path, depth } = stack.pop()!;
    if (typeof node === 'string') {
      const message = textProblem(node);
      if (message) errors.push({ field: path || '(root)', message, code: 'invalid_text', in: where });
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= maxDepth) return { tooDeep: true, errors };
    for (const [key, child] of Object.entries(node)) {
      const childPath = path ? `${path}.${printable(key)}` : printable(key);
      const keyMessage = textProblem(key);
      if (keyMessage) errors.push({ field: childPath, message: `is a key that ${keyMessage}`, code: 'invalid_text', in: where });
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return { tooDeep: false, errors };
}

function invalidText(errors: FieldError[], where: string): ValidationError {
  return new ValidationError(errors, `The ${where} has ${errors.length} invalid field(s)`);
}

const tooDeep = () => new AppError(400, 'JSON_TOO_DEEP', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`);

/**
 * Answers from below the router (an HTTP parser error, headers too large, a request timeout) as
 * problems too; passed as Fastify's `clientErrorHandler`. Nothing was routed, so there is no
 * request id to quote beyond the one made here.
 */
export function clientErrorHandler(this: FastifyInstance, err: ConnectionError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail]: [number, ErrorCode, string] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE', 'The request headers are larger than the server accepts']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time']
        : [400, 'BAD_REQUEST', 'The request is not valid HTTP'];
  this.log.debug({ err: { code: err.code, message: err.message } }, 'client error');
  // As Node does: only when no response has started on the socket, or these bytes would corrupt it.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const body = JSON.stringify({ type: problemType(code), title: problemTitle(status), status, detail, code });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** True when the matched route declares no body: whatever was sent is not its input. */
function takesNoBody(request: FastifyRequest): boolean {
  return !request.is404 && request.routeOptions.schema?.body === undefined;
}

export default fp(
  async (app) => {
    // JSON routes take JSON only: Fastify's default text/plain parser would hand a string to the
    // route's schema (a 422); without it the answer is the 415 the document promises.
    app.removeContentTypeParser('text/plain');
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      parseJson(request, body as string, (err: Error | null, value?: unknown) => {
        if (err) return done(err, undefined);
        const { tooDeep: deep, errors } = inspectInput(value, 'body');
        if (deep) return done(tooDeep(), undefined);
        if (errors.length > 0) return done(invalidText(errors, 'body'), undefined);
        done(null, value);
      });
    });

    // Fastify would parse a body on any POST or DELETE and could answer 400, 413 or 415 where the
    // route declares none of them. Unparsed, the body is discarded by Node; a large or unsized one
    // also closes the connection, so that reading it stops with the answer.
    app.addHook('preParsing', async (request, reply) => {
      if (!takesNoBody(request)) return;
      const headers = request.raw.headers;
      if (headers['content-type'] === undefined && headers['transfer-encoding'] === undefined && (headers['content-length'] ?? '0') === '0') return;
      if (headers['transfer-encoding'] !== undefined || Number(headers['content-length']) > app.initialConfig.bodyLimit!) reply.header('connection', 'close');
      delete headers['content-type'];
      delete headers['content-length'];
      delete headers['transfer-encoding'];
    });

    app.addHook('preValidation', async (request) => {
      if (request.is404) return;
      for (const [where, value] of [['querystring', request.query], ['params', request.params]] as const) {
        const { errors } = inspectInput(value, where, 2);
        if (errors.length > 0) throw invalidText(errors, where);
      }
    });
  },
  { name: 'input' },
);
