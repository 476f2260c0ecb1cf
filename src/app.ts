import { randomUUID } from 'node:crypto';
import compress from '@fastify/compress';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import errors, { frameworkErrors } from './plugins/errors.js';
import openapi from './plugins/openapi.js';
import cacheControl from './plugins/cache-control.js';
import protection from './plugins/protection.js';
import auth from './plugins/auth.js';
import health from './plugins/health.js';
import metrics from './plugins/metrics.js';
import tracing from './plugins/tracing.js';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import idempotency from './plugins/idempotency.js';
import input, { clientErrorHandler } from './plugins/input.js';
import auditSealer from './modules/audit/audit.sealer.js';
import receiptSigner from './modules/receipts/receipts.plugin.js';
import receiptRoutes from './modules/receipts/receipts.routes.js';
import mailDrainer from './modules/mail/mail.drainer.js';
import { outboxCounts } from './modules/mail/mail.service.js';
import identityRoutes from './modules/identity/identity.routes.js';
import organisationRoutes from './modules/organisations/organisations.routes.js';
import proposalRoutes from './modules/proposals/proposals.routes.js';
import competitionRoutes from './modules/competitions/competitions.routes.js';
import judgingRoutes from './modules/judging/judging.routes.js';
import { COMPRESSION_THRESHOLD_BYTES } from './lib/encoded-body.js';
import { createResponseSerializerCompiler } from './lib/response-serializer.js';
import { createServices } from './services.js';

export interface AppDeps {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** A pino logger made before the app (server.ts: start-up and migrations log through it); wins over `logger`. */
  loggerInstance?: FastifyBaseLogger;
  redis?: Redis;
  /** With TRACING_ENABLED: where spans go instead of OTLP (tests). */
  spanExporter?: SpanExporter;
  /** How often the audit sealer runs; 0 turns the timer off (default 1000 ms). */
  auditSealIntervalMs?: number;
  /** How often the email outbox is drained; 0 turns the timer off (default MAIL_DRAIN_INTERVAL_MS; tests call `mailDrainer.drainNow`). */
  mailDrainIntervalMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    lifecycle: { shuttingDown: boolean };
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const API_VERSION = '0.1.0';

export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.refreshToken',
  '*.token',
];

/** Builds the whole application from its infrastructure; never listens. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const app = Fastify({
    ...(deps.loggerInstance ? { loggerInstance: deps.loggerInstance } : { logger: deps.logger ?? false }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Accept a caller's request id when it is safe to log and echo; otherwise make one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Requests that arrive once closing has begun get a problem (below), not Fastify's own 503 body.
    return503OnClosing: false,
    // The whole request must arrive within this (Node closes slower sockets with a 408).
    requestTimeout: config.requestTimeoutMs,
    // How often Node checks that bound (its default, 30 s, would let a dribbling socket live half a
    // minute longer), and its headers bound, which Node applies to the body too: no longer than the request's.
    http: {
      connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(config.requestTimeoutMs / 4) || 5_000)),
      ...(config.requestTimeoutMs > 0 ? { headersTimeout: Math.min(config.requestTimeoutMs, 60_000) } : {}),
    },
    // Malformed URLs, malformed HTTP and oversized headers are answered before routing; make those problems too.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createResponseSerializerCompiler({ validate: config.validateResponses }));

  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('lifecycle', { shuttingDown: false });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // From the moment app.close() begins, a request on a kept-alive connection is told to go elsewhere.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!closing) return;
    reply.header('retry-after', '5').header('connection', 'close');
    return reply.problem(503, 'SHUTTING_DOWN', 'The server is shutting down; retry on another instance or later');
  });

  // First: it instruments the routes and hooks registered after it.
  if (config.tracing.enabled) await app.register(tracing, { tracing: config.tracing, exporter: deps.spanExporter });
  await app.register(errors);
  await app.register(input);
  await app.register(cacheControl);
  // Before the routes (it attaches itself to each). Bodies under the threshold cost more to
  // compress than they save (docs/read-path.md has the measurements).
  await app.register(compress, { threshold: COMPRESSION_THRESHOLD_BYTES, encodings: ['br', 'gzip'] });
  await app.register(openapi, { version: API_VERSION, exposeUi: config.docsPublic });
  await app.register(auth, { config });
  await app.register(protection, { config, redis: deps.redis });
  await app.register(health);
  // Before any feature routes: it attaches itself to routes declaring `config.idempotency`.
  await app.register(idempotency);
  await app.register(auditSealer, { intervalMs: deps.auditSealIntervalMs });
  const services = createServices({ config, database, signAccessToken: app.signAccessToken });
  if (config.metrics.enabled) {
    await app.register(metrics, { token: config.metrics.token, hashingLoad: services.identity.hashingLoad, outboxCounts: () => outboxCounts(database.db) });
  }
  await app.register(receiptSigner, { signer: services.receipts });
  await app.register(receiptRoutes);
  await app.register(mailDrainer, { intervalMs: deps.mailDrainIntervalMs });
  await app.register(identityRoutes, { identity: services.identity });
  await app.register(organisationRoutes, { organisations: services.organisations });
  await app.register(competitionRoutes, { competitions: services.competitions });
  await app.register(proposalRoutes, { proposals: services.proposals });
  await app.register(judgingRoutes, { judging: services.judging, results: services.results, exports: services.exports });

  return app;
}
