import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tap, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createTestDatabase, type TestDatabase } from './database.js';

const receiptKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

let dataDir: string | undefined;

export function testConfig(env: Record<string, string> = {}): Config {
  if (!dataDir) {
    const dir = mkdtempSync(join(tmpdir(), 'skyrocket-test-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    dataDir = dir;
  }
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    RECEIPT_PRIVATE_KEY: receiptKey,
    // Cheap hashes keep tests fast; the upgrade-on-login path is tested with a raised cost.
    PASSWORD_HASH_COST: '10',
    // PGlite runs on the event loop; a loaded CI machine must not make tests shed load.
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    // Tests register users many times a second; the per-second hashing budget is tested in test/lib/password.test.ts.
    PASSWORD_HASH_MAX_PER_SECOND: '0',
    PASSWORD_HASH_REFUSAL_DELAY_MS: '0',
    // A loaded CI machine can keep a queued hash waiting past production's 5 s; tests of that bound set their own.
    PASSWORD_HASH_MAX_WAIT_MS: '60000',
    // Nor a slow pool wait (test/faults/database.test.ts turns it on where it is tested).
    PRESSURE_MAX_DATABASE_WAIT_MS: '0',
    ...env,
  });
}

let shared: Promise<TestDatabase> | undefined;

/**
 * One database per test file (process), shared by the apps its tests build: starting PGlite or
 * cloning a PostgreSQL template costs seconds, and tests build their own uniquely named data.
 */
export function sharedTestDatabase(): Promise<TestDatabase> {
  if (!shared) {
    shared = createTestDatabase();
    tap.teardown(async () => {
      await (await shared!).close();
    });
  }
  return shared;
}

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  db: TestDatabase;
}

/** Builds the app against a real, isolated database and closes both when the test ends. */
export async function buildTestApp(
  t: Test,
  options: {
    env?: Record<string, string>;
    deps?: Partial<AppDeps>;
    /** A database of its own instead of the file's shared one (for tests that count global rows). */
    isolated?: boolean;
    db?: TestDatabase;
    /** Registers extra (test-only) routes or hooks before the app is sealed. */
    beforeReady?: (app: FastifyInstance) => void | Promise<void>;
  } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  const own = options.isolated === true && !options.db;
  const db = options.db ?? (own ? await createTestDatabase() : await sharedTestDatabase());
  const app = await buildApp({ config, database: db.database, ...options.deps });
  await options.beforeReady?.(app);
  await app.ready();
  t.teardown(async () => {
    await app.close();
    if (own) await db.close();
  });
  return { app, config, db };
}

/**
 * The app most feature tests want: many users and requests per file, so the rate limits are
 * lifted; the audit chain is sealed only when a test asks (`app.auditSealer.sealNow`).
 */
export function buildFeatureApp(t: Test, options: Parameters<typeof buildTestApp>[1] = {}): Promise<TestApp> {
  return buildTestApp(t, {
    ...options,
    env: { AUTH_RATE_LIMIT_MAX: '100000', RATE_LIMIT_MAX: '100000', ...options.env },
    deps: { auditSealIntervalMs: 0, ...options.deps },
  });
}
