import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod, RouteOptions, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import { idempotencyKeys } from '../db/schema/idempotency.js';
import { transaction } from '../db/unit-of-work.js';
import { canonicalJson } from '../lib/canonical-json.js';
import { AppError, ValidationError } from '../lib/errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Honour an `Idempotency-Key` header on this (authenticated) route; see docs/idempotency.md. */
    idempotency?: boolean;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Keys are kept at least this long (the database clock decides). */
const RETENTION = sql`interval '24 hours'`;
/** The response headers a replay restores; everything else is per-response (request id, rate limits). */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'] as const;
const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;
const JSON_TYPE = 'application/json; charset=utf-8';

const KeyHeaderSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(KEY_PATTERN, 'must be 1-255 printable ASCII characters')
  .describe(
    'Makes a retry safe: the same key and body replay the first response (`idempotent-replayed: true`) for at least 24 hours. ' +
      'Keys are scoped to the caller.',
  );

interface Scope {
  userId: string;
  key: string;
  method: string;
  route: string;
  requestHash: string;
  /** Set when the handler failed with a 4xx: the rendered problem is recorded once it is sent. */
  recordProblem: boolean;
}

const scopes = new WeakMap<FastifyRequest, Scope>();

function invalidKey(): ValidationError {
  return new ValidationError(
    [{ field: IDEMPOTENCY_HEADER, message: 'must be 1-255 printable ASCII characters', code: 'invalid_string', in: 'headers' }],
    'The Idempotency-Key header is invalid',
  );
}

function inProgress(): AppError {
  return new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running; retry shortly', {}, { 'retry-after': '1' });
}

function requestHash(request: FastifyRequest): string {
  const body = Buffer.isBuffer(request.body)
    ? { sha256: createHash('sha256').update(request.body).digest('hex') }
    : (request.body ?? null);
  return createHash('sha256').update(canonicalJson({ method: request.method, url: request.url, body })).digest('hex');
}

type StoredResponse = Pick<typeof idempotencyKeys.$inferSelect, 'requestHash' | 'responseStatus' | 'responseHeaders' | 'responseBody'>;

/** Holds the key for the rest of the transaction; false while another transaction (on any instance) holds it. */
async function lockKey(tx: DbOrTx, scope: Scope): Promise<boolean> {
  const result = (await tx.execute(sql`select pg_try_advisory_xact_lock(hashtextextended(${`${scope.userId}\n${scope.key}`}, 0)) as locked`)) as unknown as {
    rows: Array<{ locked: boolean }>;
  };
  return result.rows[0]!.locked === true;
}

/** The recorded response of a key, unless it expired. */
async function findKey(db: DbOrTx, userId: string, key: string): Promise<StoredResponse | undefined> {
  const [row] = await db
    .select({
      requestHash: idempotencyKeys.requestHash,
      responseStatus: idempotencyKeys.responseStatus,
      responseHeaders: idempotencyKeys.responseHeaders,
      responseBody: idempotencyKeys.responseBody,
    })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'completed'), sql`${idempotencyKeys.expiresAt} >= now()`))
    .limit(1);
  return row;
}

/** Records a response; an expired record (or a claim left by an older version) of the same key is replaced. */
async function recordKey(db: DbOrTx, scope: Scope, status: number, headers: Record<string, string>, body: string): Promise<void> {
  const values = {
    userId: scope.userId,
    key: scope.key,
    method: scope.method,
    route: scope.route,
    requestHash: scope.requestHash,
    state: 'completed' as const,
    responseStatus: status,
    responseHeaders: headers,
    responseBody: body,
    expiresAt: sql`now() + ${RETENTION}`,
  };
  await db
    .insert(idempotencyKeys)
    .values(values)
    .onConflictDoUpdate({
      target: [idempotencyKeys.userId, idempotencyKeys.key],
      set: { ...values, createdAt: sql`now()`, expiresAt: sql`excluded.expires_at` },
      setWhere: sql`${idempotencyKeys.expiresAt} < now() or ${idempotencyKeys.state} = 'in_flight'`,
    });
}

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

function replay(reply: FastifyReply, stored: StoredResponse, scope: Scope): string {
  if (stored.requestHash !== scope.requestHash) {
    throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request; use a new key');
  }
  reply.code(stored.responseStatus!);
  for (const [name, value] of Object.entries(stored.responseHeaders ?? {})) reply.header(name, value);
  reply.header('idempotent-replayed', 'true');
  return stored.responseBody ?? '';
}

/** Deletes a batch of expired keys; returns how many went. */
export async function purgeExpiredIdempotencyKeys(db: DbOrTx, limit = 1000): Promise<number> {
  const deleted = await db
    .delete(idempotencyKeys)
    .where(
      sql`(${idempotencyKeys.userId}, ${idempotencyKeys.key}) in (select user_id, key from idempotency_keys where expires_at < now() limit ${limit})`,
    )
    .returning({ userId: idempotencyKeys.userId });
  return deleted.length;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The route's serializer for its status; a response declared per media type (`content`) has one for application/json. */
function serializeJson(reply: FastifyReply, payload: unknown): string {
  const perType = reply.getSerializationFunction(String(reply.statusCode) as never, 'application/json') as ((data: unknown) => string) | undefined;
  return String(typeof perType === 'function' ? perType(payload) : reply.serialize(payload));
}

/** Adds the header to the route's OpenAPI description (its 409 and 422 codes are added by the openapi plugin). */
function documentRoute(route: RouteOptions): void {
  const schema = (route.schema ??= {}) as Record<string, unknown>;
  const headers = schema.headers;
  if (headers === undefined) {
    schema.headers = z.looseObject({ [IDEMPOTENCY_HEADER]: KeyHeaderSchema.optional() });
  } else if (headers instanceof z.ZodObject) {
    schema.headers = headers.extend({ [IDEMPOTENCY_HEADER]: KeyHeaderSchema.optional() });
  }
}

/**
 * Idempotency-Key support for routes with `config: { idempotency: true }`. The handler of a
 * request with a key runs inside a transaction that first takes the key (an advisory lock, so a
 * concurrent retry on any instance gets 409) and ends by recording the response: the write and
 * its record commit together, or neither does. Handlers of such routes return their payload
 * (they do not call `reply.send`), so it is serialised, recorded and only then sent. A 4xx is
 * recorded once sent (it wrote nothing); a 5xx is not recorded, so a retry runs again.
 */
export default fp(
  async (app, options: { purgeIntervalMs?: number } = {}) => {
    const db = () => app.database.db;
    // Requests of this process holding a key: exact on one process, and on PGlite (one session,
    // where advisory locks do not exclude) the only guard.
    const running = new Set<string>();

    const scopeHook = async (request: FastifyRequest) => {
      const header = request.headers[IDEMPOTENCY_HEADER];
      if (header === undefined) return;
      if (typeof header !== 'string' || !KEY_PATTERN.test(header)) throw invalidKey();
      // Keys are per caller; a route that lets anonymous callers through simply gets no idempotency.
      const userId = request.user?.sub;
      if (!userId) return;
      scopes.set(request, {
        userId,
        key: header,
        method: request.method,
        route: request.routeOptions.url ?? request.url,
        requestHash: requestHash(request),
        recordProblem: false,
      });
    };

    const wrap = (handler: RouteHandlerMethod): RouteHandlerMethod =>
      async function idempotent(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
        const scope = scopes.get(request);
        if (!scope) return handler.call(this, request, reply);
        const held = `${scope.userId}\n${scope.key}`;
        if (running.has(held)) throw inProgress();
        running.add(held);
        try {
          const outcome = await transaction(db(), async (tx) => {
            if (!(await lockKey(tx, scope))) throw inProgress();
            const stored = await findKey(tx, scope.userId, scope.key);
            if (stored) return { body: replay(reply, stored, scope) };
            let payload: unknown;
            try {
              payload = await transaction(db(), () => Promise.resolve(handler.call(this, request, reply)));
            } catch (err) {
              if (err instanceof AppError && err.status < 500) return { problem: err };
              throw err;
            }
            if (payload === reply || reply.sent) throw new Error(`the handler of ${scope.route} must return its payload for idempotency`);
            const body = typeof payload === 'string' ? payload : serializeJson(reply, payload);
            if (typeof payload !== 'string') reply.type(JSON_TYPE);
            await recordKey(tx, scope, reply.statusCode, replayedHeaders(reply), body);
            return { body };
          });
          if ('problem' in outcome) {
            scope.recordProblem = true;
            throw outcome.problem;
          }
          return outcome.body;
        } finally {
          running.delete(held);
        }
      };

    // A refusal wrote nothing, so recording it after it is sent loses nothing; a concurrent first record wins.
    const recordProblemHook = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const scope = scopes.get(request);
      if (!scope?.recordProblem || typeof payload !== 'string' || reply.statusCode >= 500) return payload;
      scope.recordProblem = false;
      await recordKey(db(), scope, reply.statusCode, replayedHeaders(reply), payload).catch((err: unknown) =>
        request.log.error({ err }, 'could not record the refused idempotent request'),
      );
      return payload;
    };

    app.addHook('onRoute', (route) => {
      if (!route.config?.idempotency) return;
      // Last in line, so the route's own authentication and authorization run before the key is read.
      route.preHandler = [...asArray(route.preHandler), scopeHook as preHandlerHookHandler];
      route.onSend = [...asArray(route.onSend), recordProblemHook as onSendHookHandler];
      route.handler = wrap(route.handler);
      documentRoute(route);
    });

    const purgeIntervalMs = options.purgeIntervalMs ?? 10 * 60_000;
    let timer: NodeJS.Timeout | undefined;
    let purging: Promise<unknown> | undefined;
    if (purgeIntervalMs > 0) {
      app.addHook('onReady', async () => {
        timer = setInterval(() => {
          if (purging || app.lifecycle.shuttingDown) return;
          purging = purgeExpiredIdempotencyKeys(db())
            .catch((err: unknown) => app.log.warn({ err }, 'purging expired idempotency keys failed'))
            .finally(() => {
              purging = undefined;
            });
        }, purgeIntervalMs);
        timer.unref();
      });
    }
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      await purging;
    });
  },
  { name: 'idempotency', dependencies: ['errors', 'auth'] },
);
