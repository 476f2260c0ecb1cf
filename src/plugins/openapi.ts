import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../lib/error-codes.js';
import { ERROR_CODES_KEY, mergeProblemResponses, problemResponse as problem } from '../lib/problem.js';

/**
 * Responses every route can produce whatever it does (limits, faults, validation), added here
 * so that each route declares only the errors of its own domain. Where a route declares the same
 * status, these codes are merged into its response (its wording first).
 */
function commonResponses(schema: Record<string, unknown>, route: { method: string; idempotent: boolean; rateLimited: boolean }): Record<string, ReturnType<typeof problem>> {
  const codes: Record<number, ErrorCode[]> = {};
  const add = (status: number, ...more: ErrorCode[]) => (codes[status] = [...(codes[status] ?? []), ...more]);
  const hasInput = Boolean(schema.body || schema.querystring || schema.params || schema.headers);
  if (schema.body) {
    add(400, 'MALFORMED_JSON', 'JSON_TOO_DEEP', 'BAD_REQUEST');
    add(408, 'REQUEST_TIMEOUT');
    add(413, 'BODY_TOO_LARGE');
    add(415, 'UNSUPPORTED_MEDIA_TYPE');
  }
  if (schema.params || schema.querystring) add(400, 'BAD_URL');
  if (hasInput) add(422, 'VALIDATION_FAILED');
  // Answered before routing (docs/input.md): a path parameter over the router's length limit, headers over Node's limit.
  if (schema.params) add(414, 'URI_TOO_LONG');
  add(431, 'HEADERS_TOO_LARGE');
  if (schema.security) add(401, 'UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_INVALID');
  // Deadlocks and lock waits can end any write (src/plugins/errors.ts, PG_CODES).
  if (route.method !== 'GET' && route.method !== 'HEAD') add(409, 'CONCURRENT_UPDATE');
  if (route.idempotent) {
    add(409, 'IDEMPOTENCY_IN_PROGRESS');
    add(422, 'IDEMPOTENCY_KEY_REUSED');
  }
  if (route.rateLimited) add(429, 'RATE_LIMITED');
  add(500, 'INTERNAL');
  add(503, 'SERVICE_UNAVAILABLE', 'SHUTTING_DOWN', 'DATABASE_UNAVAILABLE', 'DATABASE_TIMEOUT');
  return Object.fromEntries(Object.entries(codes).map(([status, list]) => [status, problem(list)]));
}

const REQUEST_ID_HEADER = {
  'x-request-id': { type: 'string', description: 'The request id (yours when you sent a safe `x-request-id`, else a UUID); quote it when reporting a problem' },
} as const;
/** @fastify/rate-limit sends these on every answer of a limited route (docs/security.md). */
const RATE_LIMIT_HEADERS = {
  'x-ratelimit-limit': { type: 'integer', description: 'Requests allowed in the current window' },
  'x-ratelimit-remaining': { type: 'integer', description: 'Requests left in the current window' },
  'x-ratelimit-reset': { type: 'integer', description: 'Seconds until the window resets' },
} as const;
const REPLAYED_HEADER = {
  'idempotent-replayed': { type: 'string', enum: ['true'], description: 'Present when this is the recorded answer of an earlier request with the same `Idempotency-Key` (docs/idempotency.md)' },
} as const;

const REPLAYABLE_REFUSALS = new Set([403, 404, 409, 412, 422]);

/** Operation-level carriers (`x-` keys reach the operation; response objects keep only description, headers, content) moved into place by `finishDocument`. */
const ERROR_CODES_BY_STATUS = 'x-skyrocket-error-codes';
const OPTIONAL_BODY = 'x-skyrocket-optional-body';

const SHARED_HEADER_NAMES: Record<string, string> = {
  'x-request-id': 'RequestId',
  'x-ratelimit-limit': 'RateLimitLimit',
  'x-ratelimit-remaining': 'RateLimitRemaining',
  'x-ratelimit-reset': 'RateLimitReset',
  'retry-after': 'RetryAfter',
  'idempotent-replayed': 'IdempotentReplayed',
};

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type JsonObject = Record<string, unknown>;

/**
 * jsonSchemaTransform (zod → JSON Schema), keeping what it drops: the `headers` a response
 * declares and the codes of its problem responses; it adds the headers every answer carries.
 * A public route gets `security: []` (the document's default is the bearer token).
 */
function transform(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const result = jsonSchemaTransform(input);
  const original = (input.schema ?? {}) as JsonObject;
  const schema = result.schema as JsonObject | undefined;
  if (!schema || schema.hide) return result;
  const route = (input as TransformInput & { route?: { config?: { rateLimit?: unknown; idempotency?: boolean } } }).route;
  const rateLimited = route?.config?.rateLimit !== false;
  const idempotent = route?.config?.idempotency === true;
  const declared = (original.response ?? {}) as Record<string, JsonObject>;
  const responses = (schema.response ?? {}) as Record<string, JsonObject>;
  const codes: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(responses)) {
    const own = declared[status];
    const code = Number(status);
    const headers: JsonObject = {
      ...(own && typeof own === 'object' && 'headers' in own ? (own.headers as JsonObject) : {}),
      // 408 and 431 are written on the socket below Fastify (src/plugins/input.ts), 414 before routing: no hook ran for them.
      ...(code === 408 || code === 431 ? {} : REQUEST_ID_HEADER),
      ...(rateLimited && ![408, 414, 431].includes(code) ? RATE_LIMIT_HEADERS : {}),
      // What a replay restores: the handler's own answer, a success or a refusal it threw (docs/idempotency.md).
      ...(idempotent && (code < 300 || REPLAYABLE_REFUSALS.has(code)) ? REPLAYED_HEADER : {}),
    };
    response.headers = headers;
    if (own && typeof own === 'object' && ERROR_CODES_KEY in own) codes[status] = own[ERROR_CODES_KEY];
  }
  if (Object.keys(codes).length > 0) schema[ERROR_CODES_BY_STATUS] = codes;
  const body = original.body as { safeParse?: (v: unknown) => { success: boolean } } | undefined;
  if (body?.safeParse?.(undefined).success) schema[OPTIONAL_BODY] = true;
  schema.security ??= [];
  return result;
}

type Document = JsonObject & { paths?: unknown; components?: JsonObject & { schemas?: JsonObject } };

const TAGS = [
  { name: 'accounts', description: 'Registration, login and tokens, the password and email address, my profile' },
  { name: 'organisations', description: 'Organisations, their members and roles, and invitations to join them' },
  { name: 'competitions', description: 'Timed competitions: configuration, lifecycle (publish, judging, archive), deadline extensions and the audit log' },
  { name: 'proposals', description: 'Proposals to a competition: drafts, submission with signed receipts, teams, attachments and guardian consent' },
  { name: 'judging', description: 'Judging: the panel, conflicts, bids, automatic assignment with dry run, blind reviews, the explained ranking, the judge-bias report, the shortlist, decisions, signed results and feedback' },
  { name: 'receipts', description: 'Verifying the signed receipts of submissions' },
  { name: 'health', description: 'Liveness and readiness for load balancers and orchestrators' },
];

function refsIn(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) refsIn(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) found.add(value.slice('#/components/schemas/'.length));
      else refsIn(value, found);
    }
  }
}

function renameRefs(node: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => renameRefs(item, renames));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === '$ref' && typeof value === 'string') {
        const name = value.slice('#/components/schemas/'.length);
        return [key, renames.has(name) ? `#/components/schemas/${renames.get(name)}` : value];
      }
      return [key, renameRefs(value, renames)];
    }),
  );
}

/**
 * jsonSchemaTransformObject, then what the per-route transform could not do: the error codes and
 * optional bodies into place, and only the components the document uses. The zod registry yields
 * an input and an output component for every named schema (`FooInput`, `Foo`); the unused one of
 * each pair is dropped, and an input whose output twin is unused takes the plain name.
 */
function finishDocument(input: Parameters<typeof jsonSchemaTransformObject>[0]): ReturnType<typeof jsonSchemaTransformObject> {
  const document = jsonSchemaTransformObject(input) as Document;
  const paths = (document.paths ?? {}) as Record<string, Record<string, JsonObject>>;
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      const byStatus = operation[ERROR_CODES_BY_STATUS] as Record<string, unknown> | undefined;
      delete operation[ERROR_CODES_BY_STATUS];
      const responses = (operation.responses ?? {}) as Record<string, JsonObject>;
      for (const [status, codes] of Object.entries(byStatus ?? {})) {
        if (responses[status]) responses[status][ERROR_CODES_KEY] = codes;
      }
      if (operation[OPTIONAL_BODY]) (operation.requestBody as JsonObject).required = false;
      delete operation[OPTIONAL_BODY];
    }
  }
  // Headers every answer carries are written once, under components.headers, and referenced.
  const sharedHeaders = new Map<string, { name: string; json: string }>();
  for (const [header, name] of Object.entries(SHARED_HEADER_NAMES)) sharedHeaders.set(header, { name, json: '' });
  const headerComponents: Record<string, unknown> = {};
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      for (const response of Object.values((operation.responses ?? {}) as Record<string, JsonObject>)) {
        const headers = response.headers as Record<string, unknown> | undefined;
        for (const [header, value] of Object.entries(headers ?? {})) {
          const shared = sharedHeaders.get(header);
          if (!shared) continue;
          const json = JSON.stringify(value);
          if (!shared.json) {
            shared.json = json;
            headerComponents[shared.name] = value;
          }
          if (shared.json === json) headers![header] = { $ref: `#/components/headers/${shared.name}` };
        }
      }
    }
  }
  const schemas = (document.components?.schemas ?? {}) as Record<string, unknown>;
  const used = new Set<string>();
  refsIn({ ...document, components: { ...document.components, schemas: {} } }, used);
  for (const pending = [...used]; pending.length > 0; ) {
    const more = new Set<string>();
    refsIn(schemas[pending.pop()!], more);
    for (const name of more) {
      if (used.has(name)) continue;
      used.add(name);
      pending.push(name);
    }
  }
  const renames = new Map<string, string>();
  for (const name of used) {
    const plain = name.endsWith('Input') ? name.slice(0, -'Input'.length) : undefined;
    if (plain && plain in schemas && !used.has(plain)) renames.set(name, plain);
  }
  const kept = Object.fromEntries([...used].sort((a, b) => Object.keys(schemas).indexOf(a) - Object.keys(schemas).indexOf(b)).map((name) => [renames.get(name) ?? name, schemas[name]]));
  return renameRefs({ ...document, components: { ...document.components, schemas: kept, headers: headerComponents } }, renames) as ReturnType<typeof jsonSchemaTransformObject>;
}

export default fp(
  async (app, opts: { version: string; exposeUi: boolean }) => {
    app.addHook('onRoute', (route) => {
      if (route.schema?.hide || route.url.startsWith('/docs')) return;
      const schema = (route.schema ??= {}) as Record<string, unknown>;
      const declared = (schema.response ??= {}) as Record<string, unknown>;
      const method = Array.isArray(route.method) ? String(route.method[0]) : String(route.method);
      for (const [status, response] of Object.entries(commonResponses(schema, { method, idempotent: route.config?.idempotency === true, rateLimited: route.config?.rateLimit !== false }))) {
        declared[status] = mergeProblemResponses(declared[status], response);
      }
    });

    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Skyrocket API',
          version: opts.version,
          description:
            'Social-innovation marketplace: challenges, solutions, timed competitions, proposals and judging. ' +
            'Errors are RFC 9457 `application/problem+json` with a stable `code`.',
        },
        servers: [{ url: 'http://127.0.0.1:3000', description: 'A local instance (`npm run dev`); a deployment serves the same paths at its own origin' }],
        tags: TAGS,
        // Operations need a bearer token unless they say otherwise (`security: []`, or optional).
        security: [{ bearerAuth: [] }],
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
      transform,
      transformObject: finishDocument,
    });
    if (opts.exposeUi) {
      await app.register(swaggerUi, {
        routePrefix: '/docs',
        staticCSP: true,
        // Without `upgrade-insecure-requests`: over plain HTTP under any name but localhost the
        // browser would fetch the UI's own scripts over https:// and show a blank page. Every
        // source is 'self', so over HTTPS the directive changes nothing (docs/operations.md).
        transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/g, '').trim(),
      });
    }
  },
  { name: 'openapi' },
);
