import { randomBytes, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { DatabaseTimeouts } from './db/client.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const list = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** An address, a CIDR range or a proxy-addr name; anything else would fail later, unnamed. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [ip = '', prefix, ...rest] = entry.split('/');
  const family = isIP(ip);
  if (!family || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** Browsers send an origin without a path or trailing slash; an entry with one never matches. */
function isOrigin(entry: string): boolean {
  try {
    return new URL(entry).origin === entry;
  } catch {
    return false;
  }
}

/** The only reader of process.env: every setting, its default and its check. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/ })
      .optional()
      .describe('PostgreSQL server; the embedded PGlite database under DATA_DIR is used when unset'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    // Every wait has a bound (docs/operations.md, "Timeouts"); the defaults are in src/db/client.ts. 0 turns one off.
    DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(0).optional(),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).optional(),
    DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).optional(),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).optional(),
    DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).optional(),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
    DATA_DIR: z.string().min(1).default('./data'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_ISSUER: z.string().min(1).default('skyrocket'),
    JWT_AUDIENCE: z.string().min(1).default('skyrocket-api'),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
    REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).default(60 * 60 * 24 * 30),
    RECEIPT_PRIVATE_KEY: z
      .string()
      .includes('PRIVATE KEY', { message: 'must be a PEM-encoded Ed25519 private key' })
      .optional(),
    CORS_ORIGINS: list
      .refine((origins) => origins.every(isOrigin), 'must be comma-separated origins such as https://app.example.org (no path or trailing slash)')
      .default([]),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    TRUST_PROXY: z
      .string()
      .default('false')
      .refine(
        (v) => v === 'true' || v === 'false' || v.split(',').every((a) => isProxyAddress(a.trim())),
        'must be true, false, or a comma-separated list of proxy IP addresses/CIDRs',
      )
      .transform((v): boolean | string => (v === 'true' ? true : v === 'false' ? false : v))
      .describe('true, false, or a comma-separated list of proxy addresses/CIDRs'),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
    UPLOAD_LIMIT_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
    RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
    AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
    PRESSURE_MAX_HEAP_BYTES: z.coerce.number().int().min(0).default(0),
    PRESSURE_MAX_DATABASE_WAIT_MS: z.coerce.number().int().min(0).default(2000),
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(0),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
    PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(22).default(17),
    PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2).describe('password hashing threads (one scrypt each, ~128 MiB at cost 17)'),
    PASSWORD_HASH_QUEUE_MAX: z.coerce.number().int().min(0).max(1000).default(8).describe('password checks allowed to wait for a thread; more get 503 AUTH_BUSY'),
    PASSWORD_HASH_MAX_WAIT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    PASSWORD_HASH_NICE: z.coerce.number().int().min(0).max(19).default(10).describe('CPU niceness of the hashing threads (Linux)'),
    PASSWORD_HASH_MAX_PER_SECOND: z.coerce.number().int().min(0).default(4).describe('Hashes started per second at most (scrypt is memory-bound: niceness does not protect other work); 0 = no limit'),
    PASSWORD_HASH_REFUSAL_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(1000).describe('A login refused for the hashing budget is answered this late, so a flood slows to one try per delay per connection; 0 = at once'),
    MIGRATE_ON_START: bool.default(true),
    RESPONSE_VALIDATION: bool
      .optional()
      .describe('Check every response against its zod schema before sending it; default: on unless NODE_ENV=production'),
    ADMIN_EMAILS: list.default([]),
    // Email delivery (docs/mail.md). SMTP_URL holds a password: it is never logged or echoed.
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.org' })
      .optional()
      .describe('SMTP server (smtps:// implicit TLS, smtp:// STARTTLS); the log adapter is used when unset (not allowed in production)'),
    MAIL_FROM: z.email({ error: 'must be an email address, e.g. noreply@example.org' }).optional(),
    SMTP_REQUIRE_TLS: bool.default(true).describe('smtp:// only: refuse to send unless the server offers STARTTLS; false only for a local relay'),
    SMTP_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    SMTP_GREETING_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    SMTP_SOCKET_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    MAIL_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000).describe('Hard bound on one message, whatever the server does'),
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).default(60_000),
    MAIL_RETRY_MAX_MS: z.coerce.number().int().min(10).default(60 * 60_000),
    MAIL_DRAIN_INTERVAL_MS: z.coerce.number().int().min(10).default(2000),
    // Exposure of the API description (docs/security.md). The interactive docs (/docs, with
    // /docs/json) show every route and schema: useful to integrators, a map to attackers.
    // Default: public outside production, off in production (404); openapi/openapi.json stays in the repository.
    DOCS_PUBLIC: bool.optional().describe('Serve /docs (Swagger UI and /docs/json); default: on unless NODE_ENV=production'),
    // Operators (docs/operations.md). /metrics asks for this bearer token when it is set; production serves no /metrics without it.
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    // OpenTelemetry tracing, off by default: spans for requests (and pg queries) exported over OTLP/HTTP.
    TRACING_ENABLED: bool.default(false),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional().describe('OTLP/HTTP collector, e.g. http://otel-collector:4318 (default http://localhost:4318)'),
    OTEL_SERVICE_NAME: z.string().min(1).default('skyrocket'),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.JWT_SECRET, {
    path: ['JWT_SECRET'],
    message: 'is required when NODE_ENV=production',
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.RECEIPT_PRIVATE_KEY, {
    path: ['RECEIPT_PRIVATE_KEY'],
    message: 'is required when NODE_ENV=production',
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.SMTP_URL, {
    path: ['SMTP_URL'],
    message: 'is required when NODE_ENV=production (emails carry live tokens and are never written to the log there)',
  })
  .refine((env) => !env.SMTP_URL || env.MAIL_FROM, { path: ['MAIL_FROM'], message: 'is required when SMTP_URL is set' })
  .refine((env) => !env.SMTP_URL || !env.SMTP_URL.startsWith('smtp:') || env.SMTP_REQUIRE_TLS || !new URL(env.SMTP_URL).password, {
    path: ['SMTP_REQUIRE_TLS'],
    message: 'may be false only for an smtp:// URL without a password: credentials are never sent unencrypted',
  })
  .refine((env) => env.MAIL_RETRY_MAX_MS >= env.MAIL_RETRY_BASE_MS, { path: ['MAIL_RETRY_MAX_MS'], message: 'must be at least MAIL_RETRY_BASE_MS' })
  .refine((env) => env.NODE_ENV !== 'production' || env.PASSWORD_HASH_COST >= 17, {
    path: ['PASSWORD_HASH_COST'],
    message: 'must be at least 17 (OWASP scrypt N=2^17) when NODE_ENV=production',
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** Only the ones set; createDatabase fills in its defaults. */
  databaseTimeouts: Partial<DatabaseTimeouts>;
  /** Node's requestTimeout: the whole request (headers and body) must arrive within it. */
  requestTimeoutMs: number;
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  jwt: { secret: string; issuer: string; audience: string; accessTtlSeconds: number; refreshTtlSeconds: number };
  receiptPrivateKey: string;
  corsOrigins: string[];
  redisUrl: string | undefined;
  trustProxy: boolean | string;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  rateLimit: { max: number; windowMs: number; authMax: number };
  pressure: { maxEventLoopDelayMs: number; maxHeapBytes: number; maxDatabaseWaitMs: number };
  shutdown: { drainMs: number; timeoutMs: number };
  publicBaseUrl: string;
  passwordHashCost: number;
  passwordHashing: { concurrency: number; maxQueued: number; maxWaitMs: number; nice: number; maxPerSecond: number; refusalDelayMs: number };
  migrateOnStart: boolean;
  /** Responses checked against their zod schemas as well as serialised from them (development and tests). */
  validateResponses: boolean;
  adminEmails: string[];
  /** Whether /docs (UI and JSON) is served; off by default in production. */
  docsPublic: boolean;
  mail: MailConfig;
  /** `/metrics`: served when `enabled`; a bearer `token` is required when set (always, in production). */
  metrics: { enabled: boolean; token: string | undefined };
  tracing: { enabled: boolean; endpoint: string | undefined; serviceName: string };
}

/** Email delivery: SMTP when `smtp` is set, otherwise the development log adapter (never in production). */
export interface MailConfig {
  smtp: SmtpConfig | undefined;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  drainIntervalMs: number;
  sendTimeoutMs: number;
}

export interface SmtpConfig {
  url: string;
  from: string;
  requireTls: boolean;
  connectionTimeoutMs: number;
  greetingTimeoutMs: number;
  socketTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

interface DevSecrets {
  jwtSecret: string;
  receiptPrivateKey: string;
}

/** Development secrets are generated once and kept in the data dir, never hard-coded. */
function loadDevSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevSecrets>;
      if (typeof stored.jwtSecret === 'string' && typeof stored.receiptPrivateKey === 'string') return stored as DevSecrets;
    } catch {
      // reported below, naming the file
    }
    throw new ConfigError([`${file}: unreadable development secrets; delete the file to generate new ones, or set JWT_SECRET and RECEIPT_PRIVATE_KEY`]);
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    receiptPrivateKey: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * Any setting may come from a file instead: `X_FILE=/run/secrets/x` reads X from that file (Docker
 * and Kubernetes secrets), without its trailing newline. Setting both is an error naming both, so an
 * old value left in the environment never silently wins over the mounted secret (or the reverse).
 */
function readSettingFiles(source: Record<string, string>): { values: Record<string, string>; problems: string[] } {
  const values = { ...source };
  const problems: string[] = [];
  for (const name of Object.keys(envSchema.shape)) {
    const fileVariable = `${name}_FILE`;
    const path = source[fileVariable];
    if (path === undefined) continue;
    delete values[fileVariable];
    if (source[name] !== undefined) {
      problems.push(`${name}, ${fileVariable}: both are set; set one of them`);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      // The path and the error code only: never the content.
      problems.push(`${fileVariable}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    if (text.trim() === '') problems.push(`${fileVariable}: ${path} is empty`);
    else values[name] = text;
  }
  return { values, problems };
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as in most .env conventions.
  const cleaned = Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
  const { values, problems } = readSettingFiles(cleaned);
  const parsed = envSchema.safeParse(values);
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError([...problems, ...(parsed.error?.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`) ?? [])]);
  }
  const env = parsed.data;
  const dataDir = resolve(env.DATA_DIR);
  const needsDevSecrets = !env.JWT_SECRET || !env.RECEIPT_PRIVATE_KEY;
  const dev = needsDevSecrets ? loadDevSecrets(dataDir) : undefined;
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    databaseTimeouts: Object.fromEntries(
      Object.entries({
        acquireMs: env.DATABASE_ACQUIRE_TIMEOUT_MS,
        statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
        lockMs: env.DATABASE_LOCK_TIMEOUT_MS,
        idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
        queryMs: env.DATABASE_QUERY_TIMEOUT_MS,
      }).filter(([, v]) => v !== undefined),
    ),
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    dataDir,
    logLevel: env.LOG_LEVEL,
    jwt: {
      secret: env.JWT_SECRET ?? dev!.jwtSecret,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    },
    receiptPrivateKey: env.RECEIPT_PRIVATE_KEY ?? dev!.receiptPrivateKey,
    corsOrigins: env.CORS_ORIGINS,
    redisUrl: env.REDIS_URL,
    trustProxy: env.TRUST_PROXY,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    uploadLimitBytes: env.UPLOAD_LIMIT_BYTES,
    rateLimit: { max: env.RATE_LIMIT_MAX, windowMs: env.RATE_LIMIT_WINDOW_MS, authMax: env.AUTH_RATE_LIMIT_MAX },
    pressure: {
      maxEventLoopDelayMs: env.PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
      maxHeapBytes: env.PRESSURE_MAX_HEAP_BYTES,
      maxDatabaseWaitMs: env.PRESSURE_MAX_DATABASE_WAIT_MS,
    },
    shutdown: { drainMs: env.SHUTDOWN_DRAIN_MS, timeoutMs: env.SHUTDOWN_TIMEOUT_MS },
    publicBaseUrl: env.PUBLIC_BASE_URL,
    passwordHashCost: env.PASSWORD_HASH_COST,
    passwordHashing: {
      concurrency: env.PASSWORD_HASH_CONCURRENCY,
      maxQueued: env.PASSWORD_HASH_QUEUE_MAX,
      maxWaitMs: env.PASSWORD_HASH_MAX_WAIT_MS,
      nice: env.PASSWORD_HASH_NICE,
      maxPerSecond: env.PASSWORD_HASH_MAX_PER_SECOND,
      refusalDelayMs: env.PASSWORD_HASH_REFUSAL_DELAY_MS,
    },
    migrateOnStart: env.MIGRATE_ON_START,
    validateResponses: env.RESPONSE_VALIDATION ?? env.NODE_ENV !== 'production',
    adminEmails: env.ADMIN_EMAILS.map((e) => e.toLowerCase()),
    mail: {
      smtp: env.SMTP_URL
        ? {
            url: env.SMTP_URL,
            from: env.MAIL_FROM!,
            requireTls: env.SMTP_REQUIRE_TLS,
            connectionTimeoutMs: env.SMTP_CONNECTION_TIMEOUT_MS,
            greetingTimeoutMs: env.SMTP_GREETING_TIMEOUT_MS,
            socketTimeoutMs: env.SMTP_SOCKET_TIMEOUT_MS,
          }
        : undefined,
      maxAttempts: env.MAIL_MAX_ATTEMPTS,
      retryBaseMs: env.MAIL_RETRY_BASE_MS,
      retryMaxMs: env.MAIL_RETRY_MAX_MS,
      drainIntervalMs: env.MAIL_DRAIN_INTERVAL_MS,
      sendTimeoutMs: env.MAIL_SEND_TIMEOUT_MS,
    },
    docsPublic: env.DOCS_PUBLIC ?? env.NODE_ENV !== 'production',
    metrics: { enabled: env.NODE_ENV !== 'production' || env.METRICS_TOKEN !== undefined, token: env.METRICS_TOKEN },
    tracing: { enabled: env.TRACING_ENABLED, endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME },
  };
}
