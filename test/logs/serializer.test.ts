import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import t from 'tap';
import { users } from '../../src/db/schema/index.js';
import { serializeError } from '../../src/lib/log-serializers.js';
import { sharedTestDatabase } from '../helpers/app.js';

// Issue #10 item 9: an error logged with `{ err }` keeps what an operator needs (SQLSTATE,
// constraint, table, stack) and none of the values the failed query carried.

function capture() {
  let output = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  return { log: pino({ serializers: { err: serializeError } }, sink), output: () => output };
}

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the query to fail');
}

t.test('database errors lose their parameters, details and quoted values; names and codes stay', async (t) => {
  const { database } = await sharedTestDatabase();
  const db = database.db;
  const email = `secret-${Date.now()}@example.org`;
  const hash = `scrypt$secret-hash-${Date.now()}`;
  await db.insert(users).values({ email, passwordHash: hash, displayName: 'Logged', country: 'IT' });

  const unique = await failure(() => db.insert(users).values({ email, passwordHash: hash, displayName: 'Twice', country: 'IT' }));
  const cast = await failure(() => db.execute(sql`select ${`not-a-uuid-${hash}`}::uuid`));
  const nul = await failure(() => db.execute(sql`select ${'secret\u0000nul'}::text`));

  const { log, output } = capture();
  log.warn({ err: unique }, 'database conflict');
  log.error({ err: cast }, 'unhandled error');
  log.error({ err: nul }, 'unhandled error');
  const text = output();
  t.notMatch(text, email, 'no parameter value (the email)');
  t.notMatch(text, 'secret-hash-', 'no password hash, in params, detail or a quoted value');
  t.notMatch(text, 'not-a-uuid', 'no value quoted by a pg message');
  t.notMatch(text, /Key \(/, 'no pg detail');

  const [conflict, invalid] = text.trim().split('\n').map((line) => JSON.parse(line) as { err: Record<string, unknown> & { cause?: Record<string, unknown> } });
  const conflictDb = (conflict!.err.cause ?? conflict!.err) as Record<string, unknown>;
  t.equal(conflictDb.code, '23505', 'SQLSTATE kept');
  t.match(conflictDb.constraint, /email/, 'constraint name kept');
  t.equal(conflictDb.table, 'users', 'table kept');
  t.match(String(conflictDb.message), /duplicate key value violates unique constraint/, 'a naming message is kept whole');
  const invalidDb = (invalid!.err.cause ?? invalid!.err) as Record<string, unknown>;
  t.equal(invalidDb.code, '22P02');
  t.match(String(invalidDb.message), /^invalid input syntax for type uuid: \[redacted\]$/, 'a quoted value is cut from the message');
  t.match(String(invalid!.err.stack), /\n\s+at /, 'the stack frames stay');
  if (invalid!.err.cause) {
    t.equal(invalid!.err.message, 'Failed query', 'the Drizzle wrapper says only that a query failed');
    t.match(String(invalid!.err.query), /::uuid/, 'with the query text, whose values are placeholders');
    t.notOk('params' in invalid!.err, 'and no params');
  }
});

t.test('other errors keep their message, code and stack, without value-bearing fields', async (t) => {
  const err = Object.assign(new TypeError('boom'), { code: 'E_BOOM', statusCode: 500, params: ['p-secret'], detail: 'd-secret', body: { password: 'x' } });
  const out = serializeError(err);
  t.equal(out.type, 'TypeError');
  t.equal(out.message, 'boom');
  t.equal(out.code, 'E_BOOM');
  t.equal(out.statusCode, 500);
  t.notMatch(JSON.stringify(out), /secret/);
  const wrapped = serializeError(new Error('outer', { cause: Object.assign(new Error('inner'), { detail: 'Key (x)=(y-secret)' }) }));
  t.equal((wrapped.cause as { message: string }).message, 'inner', 'causes are kept, cleaned');
  t.notMatch(JSON.stringify(wrapped), /secret/);
});
