import pg from 'pg';
import { createDatabase } from '../../src/db/client.js';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
// BENCH_DATABASE_NAME lets two checkouts benchmark on one PostgreSQL server without dropping each other's database.
export const BENCH_DATABASE = process.env.BENCH_DATABASE_NAME || 'skyrocket_bench';

export interface BenchDatabase {
  /** URL of the dedicated, freshly migrated benchmark database. */
  url: string;
  serverVersion: string;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Recreates `skyrocket_bench` on the server DATABASE_URL points at and applies the app's
 * migrations to it, so every run starts from the same empty schema.
 */
export async function prepareBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  let serverVersion: string;
  try {
    serverVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    await admin.query(`drop database if exists "${BENCH_DATABASE}" with (force)`);
    await admin.query(`create database "${BENCH_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, BENCH_DATABASE);
  const database = await createDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  return { url, serverVersion };
}

/** Runs SQL against the bench database on a short-lived connection (fixtures, counts). */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
