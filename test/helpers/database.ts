import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, migrationsFolder, type Database } from '../../src/db/client.js';

/** Which database the tests run on: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise. */
export const testDatabaseUrl = process.env.DATABASE_URL || undefined;

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(file).update(readFileSync(join(migrationsFolder, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * One database per test file on PostgreSQL, cloned from a template migrated once per migration
 * set: files run in parallel without seeing each other's rows.
 */
async function createIsolatedPostgres(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const template = `skyrocket_tpl_${migrationsHash()}`;
  const name = `skyrocket_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query('select pg_advisory_lock(727274)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.rowCount === 0) {
      await admin.query(`create database "${template}"`);
      const db = await createDatabase({ databaseUrl: withDatabase(baseUrl, template), poolSize: 1 });
      try {
        await db.migrate();
      } catch (err) {
        await db.close();
        await admin.query(`drop database if exists "${template}"`);
        throw err;
      }
      await db.close();
    }
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.query('select pg_advisory_unlock(727274)').catch(() => {});
    await admin.end();
  }
  return {
    url: withDatabase(baseUrl, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

export interface TestDatabase {
  database: Database;
  /** Set on PostgreSQL: the isolated database's URL, for raw clients in tests. */
  url: string | undefined;
  close(): Promise<void>;
}

export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  if (testDatabaseUrl) {
    const isolated = await createIsolatedPostgres(testDatabaseUrl);
    const database = await createDatabase({ databaseUrl: isolated.url, poolSize: options.poolSize ?? 10 });
    return {
      database,
      url: isolated.url,
      close: async () => {
        await database.close();
        await isolated.drop();
      },
    };
  }
  const database = await createDatabase({});
  await database.migrate();
  return { database, url: undefined, close: () => database.close() };
}
