/**
 * The unit of work a request runs in. A write that must commit together with something the
 * caller owns (an idempotency record, see plugins/idempotency.ts) runs inside an ambient
 * transaction; `transaction()` joins it as a savepoint and `current()` reads through it, so
 * services need not pass a transaction around to take part. Without one they behave as usual.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, DbOrTx, Tx } from './client.js';

const ambient = new AsyncLocalStorage<Tx>();

/** The ambient transaction, if the caller runs inside one. */
export function ambientTransaction(): Tx | undefined {
  return ambient.getStore();
}

/** Where a read should go: the ambient transaction (on PGlite the only way not to wait for it), else the pool. */
export function current(db: Db): DbOrTx {
  return ambient.getStore() ?? db;
}

/** Runs `fn` in a transaction (a savepoint of the ambient one, if any) that is itself ambient for `fn`. */
export function transaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const outer = ambient.getStore();
  const run = (tx: Tx) => ambient.run(tx, () => fn(tx));
  return outer ? (outer.transaction(run) as Promise<T>) : (db.transaction(run) as Promise<T>);
}

/** Databases whose reads can run on another connection while a transaction holds one (a pool). */
const pooled = new WeakSet<Db>();

/** Called by db/client.ts for PostgreSQL's pool (PGlite has one connection, which a transaction holds). */
export function markPooled(db: Db): void {
  pooled.add(db);
}

/**
 * `read` beside the ambient transaction's `write`, for a write that must be checked against facts
 * it does not change (applying a plan: 30,000 inserted rows and a re-read of the facts behind
 * them). On a pool `read` runs outside the transaction, on connections of its own, at the same
 * time: under READ COMMITTED it sees what every statement inside the transaction would see (what
 * is committed), except the transaction's own writes, which is what a read made before `write`
 * sees. On PGlite's single connection `read` runs first, inside the transaction, then `write`.
 * Both settle before either's failure is thrown, so the transaction never rolls back under a
 * statement still running on its connection.
 */
export async function alongside<R, W>(db: Db, read: () => Promise<R>, write: () => Promise<W>): Promise<[R, W]> {
  if (!pooled.has(db)) {
    const r = await read();
    return [r, await write()];
  }
  const [r, w] = await Promise.allSettled([ambient.exit(read), write()]);
  if (r.status === 'rejected') throw r.reason;
  if (w.status === 'rejected') throw w.reason;
  return [r.value, w.value];
}
