import Fastify from 'fastify';
import pg from 'pg';
import { announceListening, serverOptions, stopOn } from '../harness.js';

// The framework floor: Fastify 5 and a pg Pool, no app code, no plugins. Same pool size as the app.
const { databaseUrl, poolSize } = serverOptions<{ databaseUrl: string; poolSize: number }>();

const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
pool.on('error', () => {});
const app = Fastify({ logger: false });

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;
const itemBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

const columns = 'id, name, created_at as "createdAt"';

// One indexed SELECT by primary key.
app.get<{ Params: { id: number } }>('/items/:id', { schema: { params: idParams } }, async (request, reply) => {
  const { rows } = await pool.query(`select ${columns} from bench_items where id = $1`, [request.params.id]);
  if (rows.length === 0) return reply.code(404).send({ message: 'not found' });
  return rows[0];
});

// One INSERT.
app.post<{ Body: { name: string } }>('/items', { schema: { body: itemBody } }, async (request, reply) => {
  const { rows } = await pool.query(`insert into bench_items (name) values ($1) returning ${columns}`, [request.body.name]);
  return reply.code(201).send(rows[0]);
});

// One indexed SELECT and one INSERT: the shape of a typical write route.
app.post<{ Params: { id: number } }>('/items/:id/copies', { schema: { params: idParams } }, async (request, reply) => {
  const found = await pool.query<{ name: string }>('select name from bench_items where id = $1', [request.params.id]);
  if (found.rows.length === 0) return reply.code(404).send({ message: 'not found' });
  const { rows } = await pool.query(`insert into bench_items (name) values ($1) returning ${columns}`, [found.rows[0]!.name]);
  return reply.code(201).send(rows[0]);
});

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
announceListening(typeof address === 'object' && address ? address.port : 0);
stopOn(async () => {
  await app.close();
  await pool.end();
});
