import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../lib/problem.js';

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
        response: { 200: HealthSchema },
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
        response: { 200: HealthSchema, 503: problemResponse('Not ready: shutting down (`SHUTTING_DOWN`) or database unreachable (`DATABASE_UNAVAILABLE`)') },
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
