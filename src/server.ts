import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
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

  const database = await createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    timeouts: config.databaseTimeouts,
  });
  if (config.migrateOnStart) await database.migrate();
  const redis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;

  // Without a listener ioredis prints every reconnect failure raw to stderr; rate limits fail open meanwhile.
  const ignoreUntilLogging = () => {};
  redis?.on('error', ignoreUntilLogging);

  const app = await buildApp({ config, database, logger: loggerOptions(config), redis });
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
  app.log.info(`database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}; docs at /docs`);
}

void main();
