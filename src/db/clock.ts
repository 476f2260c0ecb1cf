import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

/**
 * The database clock, the only clock rules use. Inside a transaction it is the transaction's
 * start (`now()`), the same instant every statement of it sees.
 */
export async function databaseNow(db: DbOrTx): Promise<Date> {
  const result = (await db.execute(sql`select now() as now`)) as unknown as { rows: Array<{ now: Date | string }> };
  return new Date(result.rows[0]!.now);
}
