import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import { buildApp, redactPaths } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createDatabase } from './db/client.js';
import { serializeError } from './lib/log-serializers.js';

function loggerOptions(config: Config) {
  return {
    level: config.logLevel,
    redact: { paths: redactPaths, censor: '[redacted]' },
    // Errors keep SQLSTATE, constraint and table, never the query's values (src/lib/log-serializers.ts).
    serializers: { err: serializeError },
    // Pretty logs only for a human at a terminal; JSON everywhere else.
    ...(process.stdout.isTTY && config.env !== 'production' ? { transport: { target: 'pino-pretty' } } : {}),
  };
}

/** Where to point a browser: a wildcard bind is reachable on loopback, an IPv6 address needs brackets. */
function startupUrls(config: Pick<Config, 'host' | 'docsPublic' | 'metrics'>, address: AddressInfo) {
  const wildcard = ['0.0.0.0', '::', '[::]'].includes(config.host);
  const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : config.host;
  const base = `http://${host}:${address.port}`;
  return {
    api: `${base}/`,
    docs: config.docsPublic ? `${base}/docs` : undefined,
    metrics: config.metrics.enabled ? `${base}/metrics` : undefined,
    wildcard,
  };
}

function logListening(log: Logger, config: Config, address: AddressInfo) {
  const urls = startupUrls(config, address);
  log.info({ url: urls.api }, `API at ${urls.api}${urls.wildcard ? ` (listening on all interfaces, ${config.host})` : ''}`);
  if (urls.docs) log.info({ url: urls.docs }, `API docs at ${urls.docs}`);
  else log.info('API docs are off (DOCS_PUBLIC=false; the default in production)');
  if (urls.metrics) log.info({ url: urls.metrics }, `metrics at ${urls.metrics}${config.metrics.token ? ' (bearer METRICS_TOKEN)' : ''}`);
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }

  // One logger from the first line on: the database start and migrations report through it too.
  const log = pino(loggerOptions(config));
  if (config.databaseUrl) log.info('connecting to PostgreSQL (DATABASE_URL)');
  else if (existsSync(join(config.dataDir, 'pglite', 'PG_VERSION'))) log.info(`opening the embedded PGlite database in ${config.dataDir}`);
  else log.info(`first start: creating the embedded PGlite database in ${config.dataDir} (10-30 s)`);

  const database = await createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    timeouts: config.databaseTimeouts,
  });
  if (config.migrateOnStart) {
    const started = performance.now();
    const applied = await database.migrate(({ names }) =>
      log.info({ migrations: names }, `applying ${names.length} migration${names.length === 1 ? '' : 's'}: ${names[0]}${names.length > 1 ? ` … ${names.at(-1)}` : ''}`),
    );
    const ms = Math.round(performance.now() - started);
    log.info(applied ? `database schema migrated: ${applied} migration${applied === 1 ? '' : 's'} in ${ms} ms` : 'database schema is up to date');
  }
  const redis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;

  // Without a listener ioredis prints every reconnect failure raw to stderr; rate limits fail open meanwhile.
  const ignoreUntilLogging = () => {};
  redis?.on('error', ignoreUntilLogging);

  const app = await buildApp({ config, database, loggerInstance: log, redis });
  redis?.off('error', ignoreUntilLogging).on('error', (err) => app.log.warn({ err }, 'redis unavailable; rate limits are not shared'));

  closeWithGrace({ delay: config.shutdown.timeoutMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    // Readiness fails first so the load balancer stops sending traffic, then in-flight requests finish.
    app.lifecycle.shuttingDown = true;
    if (config.shutdown.drainMs > 0) await new Promise((r) => setTimeout(r, config.shutdown.drainMs));
    // app.close() waits for every open connection, and a keep-alive one becomes idle only after
    // its in-flight response: reap those as they appear instead of waiting for the client to hang up.
    const reaper = setInterval(() => app.server.closeIdleConnections(), 100);
    await app.close().finally(() => clearInterval(reaper));
    await database.close();
    redis?.disconnect();
  });

  await app.listen({ host: config.host, port: config.port });
  app.log.info(`database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}`);
  logListening(app.log as Logger, config, app.server.address() as AddressInfo);
}

void main();
