import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, RouteOptions, onResponseHookHandler, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import { idempotencyKeys } from '../db/schema/index.js';
import { canonicalJson } from '../lib/canonical-json.js';
import { AppError, ValidationError } from '../lib/errors.js';
import { problemResponse } from '../lib/problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Honour an `Idempotency-Key` header on this (authenticated) route; see docs/idempotency.md. */
    idempotency?: boolean;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Keys are kept at least this long (the database clock decides). */
const RETENTION = sql`interval '24 hours'`;
/** An in-flight claim older than this is abandoned (its instance died mid-request) and may be taken over. */
const IN_FLIGHT_LEASE = sql`interval '5 minutes'`;
/** The response headers a replay restores; everything else is per-response (request id, rate limits). */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'] as const;
const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

const KeyHeaderSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(KEY_PATTERN, 'must be 1-255 printable ASCII characters')
  .describe(
    'Makes a retry safe: the same key and body replay the first response (`idempotent-replayed: true`) for at least 24 hours. ' +
      'Keys are scoped to the caller.',
  );

interface Claim {
  userId: string;
  key: string;
  settled: boolean;
}

const claims = new WeakMap<FastifyRequest, Claim>();

function invalidKey(): ValidationError {
  return new ValidationError(
    [{ field: IDEMPOTENCY_HEADER, message: 'must be 1-255 printable ASCII characters', code: 'invalid_string', in: 'headers' }],
    'The Idempotency-Key header is invalid',
  );
}

function requestHash(request: FastifyRequest): string {
  const body = Buffer.isBuffer(request.body)
    ? { sha256: createHash('sha256').update(request.body).digest('hex') }
    : (request.body ?? null);
  return createHash('sha256').update(canonicalJson({ method: request.method, url: request.url, body })).digest('hex');
}

type StoredResponse = Pick<typeof idempotencyKeys.$inferSelect, 'state' | 'requestHash' | 'responseStatus' | 'responseHeaders' | 'responseBody'>;

/** Claims the key for this request, atomically treating expired and abandoned rows as absent. */
async function claimKey(db: DbOrTx, row: { userId: string; key: string; method: string; route: string; requestHash: string }): Promise<boolean> {
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ ...row, state: 'in_flight', expiresAt: sql`now() + ${RETENTION}` })
    .onConflictDoUpdate({
      target: [idempotencyKeys.userId, idempotencyKeys.key],
      set: {
        method: sql`excluded.method`,
        route: sql`excluded.route`,
        requestHash: sql`excluded.request_hash`,
        state: 'in_flight',
        responseStatus: null,
        responseHeaders: null,
        responseBody: null,
        createdAt: sql`now()`,
        expiresAt: sql`excluded.expires_at`,
      },
      setWhere: sql`${idempotencyKeys.expiresAt} < now() or (${idempotencyKeys.state} = 'in_flight' and ${idempotencyKeys.createdAt} < now() - ${IN_FLIGHT_LEASE})`,
    })
    .returning({ userId: idempotencyKeys.userId });
  return claimed.length > 0;
}

async function findKey(db: DbOrTx, userId: string, key: string): Promise<StoredResponse | undefined> {
  const [row] = await db
    .select({
      state: idempotencyKeys.state,
      requestHash: idempotencyKeys.requestHash,
      responseStatus: idempotencyKeys.responseStatus,
      responseHeaders: idempotencyKeys.responseHeaders,
      responseBody: idempotencyKeys.responseBody,
    })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .limit(1);
  return row;
}

async function completeKey(db: DbOrTx, claim: Claim, status: number, headers: Record<string, string>, body: string): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ state: 'completed', responseStatus: status, responseHeaders: headers, responseBody: body })
    .where(and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.key, claim.key), eq(idempotencyKeys.state, 'in_flight')));
}

async function releaseKey(db: DbOrTx, claim: Claim): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.key, claim.key), eq(idempotencyKeys.state, 'in_flight')));
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

/** Adds the header and the idempotency outcomes to the route's OpenAPI description. */
function documentRoute(route: RouteOptions): void {
  const schema = (route.schema ??= {}) as Record<string, unknown>;
  const headers = schema.headers;
  if (headers === undefined) {
    schema.headers = z.looseObject({ [IDEMPOTENCY_HEADER]: KeyHeaderSchema.optional() });
  } else if (headers instanceof z.ZodObject) {
    schema.headers = headers.extend({ [IDEMPOTENCY_HEADER]: KeyHeaderSchema.optional() });
  }
  const responses = (schema.response ??= {}) as Record<string, unknown>;
  responses[409] ??= problemResponse('A request with the same `Idempotency-Key` is still running (`IDEMPOTENCY_IN_PROGRESS`)');
  const invalid = responses[422] as { description?: unknown } | undefined;
  if (invalid === undefined) {
    responses[422] = problemResponse('Invalid input (`VALIDATION_FAILED`), or an `Idempotency-Key` reused with a different request (`IDEMPOTENCY_KEY_REUSED`)');
  } else if (typeof invalid.description === 'string' && !invalid.description.includes('IDEMPOTENCY_KEY_REUSED')) {
    responses[422] = { ...invalid, description: `${invalid.description}; or an \`Idempotency-Key\` reused with a different request (\`IDEMPOTENCY_KEY_REUSED\`)` };
  }
}

/**
 * Idempotency-Key support for routes with `config: { idempotency: true }`. The key is claimed
 * in PostgreSQL (primary key on caller + key) before the handler runs, so concurrent retries on
 * any instance see each other; the response is stored once it is sent and replayed verbatim.
 */
export default fp(
  async (app, options: { purgeIntervalMs?: number } = {}) => {
    const db = () => app.database.db;

    const claimHook = async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers[IDEMPOTENCY_HEADER];
      if (header === undefined) return;
      if (typeof header !== 'string' || !KEY_PATTERN.test(header)) throw invalidKey();
      // Keys are per caller; a route that lets anonymous callers through simply gets no idempotency.
      const userId = request.user?.sub;
      if (!userId) return;

      const identity = {
        userId,
        key: header,
        method: request.method,
        route: request.routeOptions.url ?? request.url,
        requestHash: requestHash(request),
      };
      // A row can disappear between the failed claim and the read (its request failed with a 5xx): try again.
      for (let attempt = 0; attempt < 3; attempt++) {
        if (await claimKey(db(), identity)) {
          claims.set(request, { userId, key: header, settled: false });
          return;
        }
        const stored = await findKey(db(), userId, header);
        if (!stored) continue;
        if (stored.requestHash !== identity.requestHash) {
          throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request; use a new key');
        }
        if (stored.state === 'in_flight') {
          throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running; retry shortly', {}, { 'retry-after': '1' });
        }
        reply.code(stored.responseStatus!);
        for (const [name, value] of Object.entries(stored.responseHeaders ?? {})) reply.header(name, value);
        reply.header('idempotent-replayed', 'true');
        return reply.send(stored.responseBody ?? '');
      }
      throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', 'The Idempotency-Key is contended; retry shortly', {}, { 'retry-after': '1' });
    };

    const storeHook = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const claim = claims.get(request);
      if (!claim || claim.settled) return payload;
      claim.settled = true;
      try {
        // Server failures are not remembered, so that a retry runs again; nor are streams, which cannot be replayed.
        if (reply.statusCode >= 500 || (payload !== null && payload !== undefined && typeof payload !== 'string')) {
          await releaseKey(db(), claim);
          return payload;
        }
        const headers: Record<string, string> = {};
        for (const name of REPLAYED_HEADERS) {
          const value = reply.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        await completeKey(db(), claim, reply.statusCode, headers, payload ?? '');
      } catch (err) {
        // The response itself is fine; a failed bookkeeping write must not turn it into an error.
        request.log.error({ err }, 'could not store the idempotent response');
        await releaseKey(db(), claim).catch(() => undefined);
      }
      return payload;
    };

    // If nothing was sent through onSend (hijacked or broken reply), free the key for a retry.
    const cleanupHook = async (request: FastifyRequest) => {
      const claim = claims.get(request);
      if (!claim || claim.settled) return;
      claim.settled = true;
      await releaseKey(db(), claim).catch((err: unknown) => request.log.error({ err }, 'could not release an idempotency key'));
    };

    app.addHook('onRoute', (route) => {
      if (!route.config?.idempotency) return;
      // Last in line, so the route's own authentication and authorization run before the key is claimed.
      route.preHandler = [...asArray(route.preHandler), claimHook as preHandlerHookHandler];
      route.onSend = [...asArray(route.onSend), storeHook as onSendHookHandler];
      route.onResponse = [...asArray(route.onResponse), cleanupHook as onResponseHookHandler];
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
