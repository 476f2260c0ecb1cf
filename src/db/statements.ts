/**
 * Hand-written statements run on the driver itself: a named (once-planned) statement on pg, a
 * plain query on PGlite. Rows come back as the driver parses them (timestamps as Date, json
 * parsed), without Drizzle's row mapping. Feature modules name statements; only this file
 * knows which driver runs.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DbOrTx } from './client.js';

export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** A statement named for PostgreSQL by `name` and its text's hash: a connection prepares each distinct text once. */
export function statement(name: string, text: string): Statement {
  return { name: `${name}_${createHash('sha256').update(text).digest('hex').slice(0, 12)}`, text };
}

type PgLike = { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };
type PgliteLike = { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

/** The connection behind a Drizzle database or transaction (pool, pooled client, PGlite or its transaction). */
function clientOf(db: DbOrTx): PgLike | PgliteLike {
  return (db as unknown as { session: { client: PgLike | PgliteLike } }).session.client;
}

export async function runStatement<T>(db: DbOrTx, st: Statement, values: unknown[]): Promise<T[]> {
  const client = clientOf(db);
  const result =
    client instanceof pg.Pool || client instanceof pg.Client
      ? await (client as PgLike).query({ name: st.name, text: st.text, values })
      : await (client as PgliteLike).query(st.text, values);
  return result.rows as T[];
}
