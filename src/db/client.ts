import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { markPooled } from './unit-of-work.js';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import * as schema from './schema/index.js';
import { databaseTimeout, isDatabaseUnavailable } from '../lib/pg-errors.js';

export type Schema = typeof schema;
/** Either driver: both extend PgDatabase, so queries are written once. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A query function accepts the database or an open transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  /** Which driver runs: for db/ and start-up messages only; features never branch on it. */
  kind: 'postgres' | 'pglite';
  /** Applies pending migrations (Drizzle's migrator, one transaction), saying first which; resolves to how many ran. */
  migrate(onPending?: (pending: MigrationsPending) => void): Promise<number>;
  /** Reachability, on a connection of its own (not the pool's queue), within `timeouts.pingMs`. */
  ping(): Promise<void>;
  /** How long the longest waiter for a pooled connection has waited, and how many wait (0 on PGlite). */
  pressure(): PoolPressure;
  close(): Promise<void>;
}

/** The migrations about to be applied, in order (their journal tags, e.g. `0000_init`). */
export interface MigrationsPending {
  names: string[];
}

export interface PoolPressure {
  waiting: number;
  oldestWaitMs: number;
  /** Connections open, and those of them idle (in use = total - idle); 0 on PGlite, which has no pool. */
  total: number;
  idle: number;
}

/**
 * Every wait on the database has a bound (docs/operations.md says what a client sees when one fires).
 * All in milliseconds; 0 turns one off.
 */
export interface DatabaseTimeouts {
  /** Waiting for a pooled connection, including opening one: then 503 DATABASE_TIMEOUT. */
  acquireMs: number;
  /** PostgreSQL `statement_timeout`: a statement running longer is cancelled (57014 → 503 DATABASE_TIMEOUT). */
  statementMs: number;
  /** PostgreSQL `lock_timeout`: waiting longer for a row or table lock fails (55P03 → 409 CONCURRENT_UPDATE, Retry-After). */
  lockMs: number;
  /** PostgreSQL `idle_in_transaction_session_timeout`: a transaction left open this long is ended by the server. */
  idleInTransactionMs: number;
  /** The client's own read timeout, for a server or network that stops answering: the connection is dropped. */
  queryMs: number;
  /** Readiness: the ping's connection and query together. */
  pingMs: number;
}

export const defaultDatabaseTimeouts: DatabaseTimeouts = {
  acquireMs: 5_000,
  statementMs: 10_000,
  lockMs: 5_000,
  idleInTransactionMs: 15_000,
  queryMs: 15_000,
  pingMs: 2_000,
};

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * The migrations Drizzle's migrator will apply: those newer than the last one recorded (its own
 * rule). Read only, so a start can say what it is about to do; applying stays Drizzle's.
 */
async function pendingMigrations(db: Db): Promise<string[]> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  const migrations = readMigrationFiles({ migrationsFolder }).map((m, i) => ({ ...m, name: journal.entries[i]?.tag ?? String(i) }));
  const recorded = (await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`)) as unknown as { rows: Array<{ present: boolean }> };
  if (!recorded.rows[0]?.present) return migrations.map((m) => m.name);
  const result = (await db.execute(sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`)) as unknown as {
    rows: Array<{ created_at: string | number }>;
  };
  const last = result.rows[0] ? Number(result.rows[0].created_at) : undefined;
  return migrations.filter((m) => last === undefined || last < m.folderMillis).map((m) => m.name);
}

/** Reports what is pending, then lets Drizzle's migrator apply it (one transaction); resolves to how many were pending. */
async function migrateReporting(db: Db, apply: () => Promise<void>, onPending?: (pending: MigrationsPending) => void): Promise<number> {
  const names = await pendingMigrations(db);
  if (names.length === 0) return 0;
  onPending?.({ names });
  await apply();
  return names.length;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `undefined` keeps the embedded database in memory. */
  dataDir?: string | undefined;
  poolSize?: number;
  /** How long an idle pooled connection stays open (pg's default 10 s); 0 keeps it (the benchmarks count its CPU). */
  idleTimeoutMs?: number;
  timeouts?: Partial<DatabaseTimeouts> | undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a single-process database: a second process (a seed or migration while the server
 * runs) on the same directory silently loses or corrupts data. A pid file refuses that up front;
 * a stale file from a crashed process is taken over.
 */
function lockDataDir(dir: string): () => void {
  const file = join(dir, 'skyrocket.pid');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${dir} is in use by process ${holder}. PGlite allows one process at a time: stop it first, or use DATABASE_URL.`,
        { cause: err },
      );
    }
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return createPostgres(options.databaseUrl, options);
  let dataDir: string | undefined;
  let unlock = () => {};
  if (options.dataDir) {
    dataDir = join(options.dataDir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir ? { dataDir } : {});
  } catch (err) {
    unlock();
    throw err;
  }
  await client.exec(`set timezone = 'UTC'`);
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: (onPending) => migrateReporting(db, () => migratePglite(db as never, { migrationsFolder }), onPending),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    // One connection, and its queue is inside PGlite: there is no pool wait to measure.
    pressure: () => ({ waiting: 0, oldestWaitMs: 0, total: 0, idle: 0 }),
    close: async () => {
      await client.close();
      unlock();
    },
  };
}

/**
 * A pg pool that knows how long its callers wait for a connection (load shedding reads it). Every
 * connection it opens has an `error` listener for its whole life: pg emits `error` on a checked-out
 * connection that the server or the network drops, and without a listener that is an uncaught
 * exception that ends the process. The failed query itself still rejects, so the request answers.
 */
class WatchedPool extends pg.Pool {
  private readonly waiters = new Set<{ since: number }>();

  constructor(config: pg.PoolConfig) {
    super(config);
    this.on('connect', (client) => client.on('error', () => {}));
    // An idle connection that errors (a server restart) must not crash the process either.
    this.on('error', () => {});
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    const waiter = { since: performance.now() };
    this.waiters.add(waiter);
    const done = () => this.waiters.delete(waiter);
    if (callback) {
      super.connect((err, client, release) => {
        done();
        callback(err, client, release);
      });
      return;
    }
    return super.connect().finally(done);
  }

  pressure(): PoolPressure {
    const oldest = this.waiters.values().next().value;
    return { waiting: this.waiters.size, oldestWaitMs: oldest ? performance.now() - oldest.since : 0, total: this.totalCount, idle: this.idleCount };
  }
}

/** The connection is unusable after this error: give it back to be closed, not reused. */
function breaksConnection(err: unknown): boolean {
  return isDatabaseUnavailable(err) || databaseTimeout(err) === 'read';
}

function createPostgres(databaseUrl: string, options: DatabaseOptions): Database {
  const timeouts = { ...defaultDatabaseTimeouts, ...options.timeouts };
  const serverSettings = [
    // The database clock is the application clock: keep sessions in UTC.
    '-c timezone=UTC',
    `-c statement_timeout=${timeouts.statementMs}`,
    `-c lock_timeout=${timeouts.lockMs}`,
    `-c idle_in_transaction_session_timeout=${timeouts.idleInTransactionMs}`,
  ].join(' ');
  const pool = new WatchedPool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 20,
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMillis: options.idleTimeoutMs } : {}),
    connectionTimeoutMillis: timeouts.acquireMs,
    query_timeout: timeouts.queryMs || undefined,
    // A peer that vanished without a FIN (a network cut) is noticed by the kernel, not never.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    options: serverSettings,
  });
  const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
  markPooled(db);

  // Drizzle's pool transaction leaks its connection when BEGIN fails and gives a broken connection
  // back for reuse: run each transaction on a connection checked out here, released in `finally`
  // (destroyed when the failure broke it). One Drizzle instance per pooled connection, made once.
  const onConnection = new WeakMap<pg.PoolClient, Db>();
  const poolTransaction = async (fn: (tx: Tx) => Promise<unknown>, config?: unknown) => {
    const client = await pool.connect();
    let broken: unknown = undefined;
    try {
      let clientDb = onConnection.get(client);
      if (!clientDb) {
        clientDb = drizzlePg(client, { schema, casing: 'snake_case' }) as unknown as Db;
        onConnection.set(client, clientDb);
      }
      return await clientDb.transaction(fn, config as never);
    } catch (err) {
      if (breaksConnection(err)) broken = err;
      throw err;
    } finally {
      client.release(broken !== undefined);
    }
  };
  (db as unknown as { transaction: typeof poolTransaction }).transaction = poolTransaction;

  // Readiness has a connection of its own, so a saturated pool does not make it wait in line.
  const pinger = new WatchedPool({
    connectionString: databaseUrl,
    max: 1,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: timeouts.pingMs,
    query_timeout: timeouts.pingMs,
    options: `-c statement_timeout=${timeouts.pingMs}`,
  });
  let closed: Promise<void> | undefined;
  return {
    db,
    kind: 'postgres',
    // Migrations may take longer than a request's statement: they run on their own connection, without its timeouts.
    migrate: async (onPending) => {
      const migrator = new WatchedPool({ connectionString: databaseUrl, max: 1, options: '-c timezone=UTC' });
      try {
        const migratorDb = drizzlePg(migrator, { schema, casing: 'snake_case' });
        return await migrateReporting(migratorDb as unknown as Db, () => migratePg(migratorDb, { migrationsFolder }), onPending);
      } finally {
        await migrator.end();
      }
    },
    ping: async () => {
      await pinger.query('select 1');
    },
    pressure: () => pool.pressure(),
    close: () => (closed ??= Promise.all([pool.end(), pinger.end()]).then(() => {})),
  };
}
