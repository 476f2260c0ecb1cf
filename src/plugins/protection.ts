import fp from 'fastify-plugin';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { AppError } from '../lib/errors.js';
import { sendProblem } from './errors.js';

export interface ProtectionOptions {
  config: Config;
  /** Shared store for rate limits across instances; in-memory when absent. */
  redis?: Redis | undefined;
}

/** Helmet headers, CORS allow-list, rate limits and load shedding. */
export default fp(
  async (app, { config, redis }: ProtectionOptions) => {
    // Helmet's default headers. They do not depend on the request, so helmet computes them once
    // and each reply copies them (running helmet's middleware per request was a twentieth of a
    // deadline-rush request's CPU).
    const securityHeaders = helmetHeaders();
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(securityHeaders);
      done();
    });

    await app.register(cors, {
      // An empty allow-list means no cross-origin browser access at all.
      origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
      credentials: false,
      // Every response header the OpenAPI document promises, so browser clients can read them too.
      exposedHeaders: ['x-request-id', 'etag', 'retry-after', 'location', 'idempotent-replayed', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    });

    await app.register(underPressure, {
      maxEventLoopDelay: config.pressure.maxEventLoopDelayMs,
      maxHeapUsedBytes: config.pressure.maxHeapBytes,
      retryAfter: 10,
      exposeStatusRoute: false,
      pressureHandler: (request, reply, type, value) => {
        // Liveness stays green under load: an orchestrator would restart a busy but healthy process.
        if (request.routeOptions.url === '/health/live') return;
        // No delay sample yet (the loop was busy starting up for the whole first interval):
        // under-pressure reports Infinity; that is not a measurement, the next interval is.
        if (type === 'eventLoopDelay' && !Number.isFinite(value)) return;
        reply.header('retry-after', '10');
        request.log.warn({ type, value }, 'shedding load');
        void sendProblem(request, reply, 503, 'SERVICE_UNAVAILABLE', 'The server is overloaded; retry later');
      },
    });

    // The database as the bottleneck: when the longest wait for a pooled connection passes the
    // bound, new requests are refused at once instead of joining a queue they would time out in.
    // Health routes are exempt (readiness pings on a connection of its own).
    const maxWait = config.pressure.maxDatabaseWaitMs;
    if (maxWait > 0) {
      app.addHook('onRequest', (request, reply, done) => {
        const { oldestWaitMs, waiting } = app.database.pressure();
        if (oldestWaitMs <= maxWait || request.url.startsWith('/health/')) return done();
        request.log.warn({ type: 'databaseWait', oldestWaitMs: Math.round(oldestWaitMs), waiting }, 'shedding load');
        reply.header('retry-after', '2');
        void sendProblem(request, reply, 503, 'SERVICE_UNAVAILABLE', 'The database is saturated; retry later');
      });
    }

    await app.register(rateLimit, {
      global: true,
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.windowMs,
      // A Redis outage skips the limit rather than failing every request with a 500.
      ...(redis ? { redis, nameSpace: 'skyrocket-rl:', skipOnError: true } : {}),
      // Authenticated callers are limited per account, others per address.
      keyGenerator: (request) => (request.user?.sub ? `user:${request.user.sub}` : `ip:${request.ip}`),
      allowList: (request) => request.url.startsWith('/health/'),
      errorResponseBuilder: (_request, context) =>
        new AppError(429, 'RATE_LIMITED', `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`, {}, {
          'retry-after': String(Math.ceil(context.ttl / 1000)),
        }),
    });
  },
  { name: 'protection', dependencies: ['errors'] },
);

/** Runs helmet's middleware once against a response that only records what it sets. */
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  helmet()({} as IncomingMessage, recorder as unknown as ServerResponse, () => {
    finished = true;
  });
  if (!finished || Object.keys(headers).length === 0) throw new Error('helmet did not produce its headers synchronously');
  return headers;
}
