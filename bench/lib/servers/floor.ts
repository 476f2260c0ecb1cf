import Fastify from 'fastify';
import pg from 'pg';
import { announceListening, serverOptions, stopOn } from '../harness.js';

// The floor of a public read: Fastify 5 and a pg Pool, no app code, no plugins, answering one
// competition row by primary key from the same database the app reads (its JSON columns
// included), as plain JSON. Same pool size as the app.
const { databaseUrl, poolSize } = serverOptions<{ databaseUrl: string; poolSize: number }>();

const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
pool.on('error', () => {});
const app = Fastify({ logger: false });

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

app.get<{ Params: { id: string } }>('/competitions/:id', { schema: { params: idParams } }, async (request, reply) => {
  const { rows } = await pool.query('select * from competitions where id = $1', [request.params.id]);
  if (rows.length === 0) return reply.code(404).send({ message: 'not found' });
  return rows[0];
});

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
announceListening(typeof address === 'object' && address ? address.port : 0);
stopOn(async () => {
  await app.close();
  await pool.end();
});
