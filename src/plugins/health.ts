import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../lib/problem.js';
import { jsonResponse } from '../lib/responses.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']).describe('`ok` when the server can take traffic'),
    checks: z.record(z.string(), z.enum(['ok', 'failing'])).optional().describe('Readiness only: each dependency checked (`database`) and its state'),
  })
  .meta({ id: 'Health', description: 'Liveness or readiness', examples: [{ status: 'ok', checks: { database: 'ok' } }] });

const health: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health/live',
    {
      config: { rateLimit: false },
      schema: {
        operationId: 'getLiveness',
        tags: ['health'],
        summary: 'The process is up',
        description: 'Public, not rate limited, touches nothing: a liveness probe. Restart the instance only when this fails.',
        response: { 200: jsonResponse(HealthSchema, 'The process answers') },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: { rateLimit: false },
      schema: {
        operationId: 'getReadiness',
        tags: ['health'],
        summary: 'Ready for traffic: the database answers and the server is not shutting down',
        description: 'Public, not rate limited: a readiness probe that pings the database. Route traffic to the instance only while this answers 200.',
        response: { 200: jsonResponse(HealthSchema, 'Ready; every check passed'), 503: problemResponse(['SHUTTING_DOWN', 'DATABASE_UNAVAILABLE'], 'Not ready: take the instance out of rotation') },
      },
    },
    async (request, reply) => {
      if (app.lifecycle.shuttingDown) {
        reply.header('retry-after', '5');
        return reply.problem(503, 'SHUTTING_DOWN', 'The server is shutting down');
      }
      try {
        await app.database.ping();
      } catch (err) {
        request.log.error({ err }, 'readiness: database unreachable');
        reply.header('retry-after', '5');
        return reply.problem(503, 'DATABASE_UNAVAILABLE', 'The database is not reachable');
      }
      return { status: 'ok' as const, checks: { database: 'ok' as const } };
    },
  );
};

export default health;
