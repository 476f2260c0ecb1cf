import fp from 'fastify-plugin';
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
    // Helmet's defaults, built once. (@fastify/helmet builds a new helmet instance on every
    // request, which cost a twentieth of the API's CPU in the deadline-rush benchmark.)
    const setSecurityHeaders = helmet();
    app.addHook('onRequest', (request, reply, done) => {
      setSecurityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined));
    });

    await app.register(cors, {
      // An empty allow-list means no cross-origin browser access at all.
      origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
      credentials: false,
      exposedHeaders: ['x-request-id', 'etag', 'retry-after', 'location'],
    });

    await app.register(underPressure, {
      maxEventLoopDelay: config.pressure.maxEventLoopDelayMs,
      maxHeapUsedBytes: config.pressure.maxHeapBytes,
      retryAfter: 10,
      exposeStatusRoute: false,
      pressureHandler: (request, reply, type, value) => {
        // Liveness stays green under load: an orchestrator would restart a busy but healthy process.
        if (request.routeOptions.url === '/health/live') return;
        reply.header('retry-after', '10');
        request.log.warn({ type, value }, 'shedding load');
        void sendProblem(request, reply, 503, 'SERVICE_UNAVAILABLE', 'The server is overloaded; retry later');
      },
    });

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
