import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createTestDatabase, type TestDatabase } from './database.js';

const receiptKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

export function testConfig(env: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(join(tmpdir(), 'skyrocket-test-'));
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString('hex'),
    RECEIPT_PRIVATE_KEY: receiptKey,
    // Cheap hashes keep tests fast; the upgrade-on-login path is tested with a raised cost.
    PASSWORD_HASH_COST: '10',
    ...env,
  });
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
    db?: TestDatabase;
    /** Registers extra (test-only) routes or hooks before the app is sealed. */
    beforeReady?: (app: FastifyInstance) => void | Promise<void>;
  } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  const db = options.db ?? (await createTestDatabase());
  const app = await buildApp({ config, database: db.database, ...options.deps });
  await options.beforeReady?.(app);
  await app.ready();
  t.teardown(async () => {
    await app.close();
    if (!options.db) await db.close();
  });
  return { app, config, db };
}
