import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { createDatabase } from '../../../src/db/client.js';
import { announceListening, serverOptions, stopOn } from '../harness.js';

// This app as it runs in production (minus logging), on the already migrated bench database.
// Rate limits are raised and load shedding is off so they do not cut the measurement short.
const { databaseUrl, poolSize, env } = serverOptions<{
  databaseUrl: string;
  poolSize: number;
  env?: Record<string, string>;
}>();

const dataDir = mkdtempSync(join(tmpdir(), 'skyrocket-bench-'));
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_SIZE: String(poolSize),
  JWT_SECRET: randomBytes(32).toString('hex'),
  RECEIPT_PRIVATE_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  RATE_LIMIT_MAX: '1000000000',
  AUTH_RATE_LIMIT_MAX: '1000000000',
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
  PRESSURE_MAX_DATABASE_WAIT_MS: '0',
  MIGRATE_ON_START: 'false',
  // As in production: responses serialised from their schemas, not checked twice.
  RESPONSE_VALIDATION: 'false',
  ...env,
});
// Pooled connections stay open, so PostgreSQL's CPU per request is measured on the same processes throughout.
const database = await createDatabase({ databaseUrl, poolSize: config.databasePoolSize, idleTimeoutMs: 0, timeouts: config.databaseTimeouts });
// BENCH_SERVER_LOG=1 logs the server's warnings and errors to stdout (to see why requests failed).
const app = await buildApp({ config, database, ...(process.env.BENCH_SERVER_LOG ? { logger: { level: 'warn' } } : {}) });

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
announceListening(typeof address === 'object' && address ? address.port : 0);
stopOn(async () => {
  await app.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});
