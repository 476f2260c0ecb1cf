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
