import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.js';

const secret = 'x'.repeat(40);
const receiptKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'skyrocket-config-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Loads with secrets supplied, so nothing is written unless a test wants it. */
const load = (env: Record<string, string | undefined>) =>
  loadConfig({ DATA_DIR: '/nonexistent-skyrocket', JWT_SECRET: secret, RECEIPT_PRIVATE_KEY: receiptKey, ...env });

function refusal(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

t.test('defaults', async (t) => {
  const config = load({});
  t.equal(config.env, 'development');
  t.equal(config.port, 3000);
  t.equal(config.host, '127.0.0.1');
  t.equal(config.databaseUrl, undefined, 'embedded database by default');
  t.same(config.corsOrigins, [], 'no cross-origin access by default');
  t.equal(config.trustProxy, false);
  t.equal(config.migrateOnStart, true);
});

t.test('values are coerced and transformed', async (t) => {
  const config = load({
    PORT: '8080',
    DATABASE_URL: 'postgresql://u:p@db:5432/app',
    CORS_ORIGINS: ' https://a.example ,https://b.example,, ',
    TRUST_PROXY: '10.0.0.0/8',
    MIGRATE_ON_START: 'no',
    ADMIN_EMAILS: 'Root@Example.ORG',
    REDIS_URL: 'rediss://cache:6380',
  });
  t.equal(config.port, 8080);
  t.equal(config.databaseUrl, 'postgresql://u:p@db:5432/app');
  t.same(config.corsOrigins, ['https://a.example', 'https://b.example']);
  t.equal(config.trustProxy, '10.0.0.0/8');
  t.equal(config.migrateOnStart, false);
  t.same(config.adminEmails, ['root@example.org']);
  t.equal(config.redisUrl, 'rediss://cache:6380');
  t.equal(load({ TRUST_PROXY: 'true' }).trustProxy, true);
  t.equal(load({ TRUST_PROXY: 'loopback, 10.1.2.3, fd00::/8' }).trustProxy, 'loopback, 10.1.2.3, fd00::/8');
  t.same(load({ CORS_ORIGINS: 'http://localhost:5173' }).corsOrigins, ['http://localhost:5173']);
  t.equal(load({ PORT: '' }).port, 3000, 'an empty value means unset');
});

t.test('a bad value is refused with a message naming the variable', async (t) => {
  const cases: [Record<string, string>, string][] = [
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ RECEIPT_PRIVATE_KEY: 'not a pem' }, 'RECEIPT_PRIVATE_KEY'],
    [{ REDIS_URL: 'http://cache' }, 'REDIS_URL'],
    [{ BODY_LIMIT_BYTES: '10' }, 'BODY_LIMIT_BYTES'],
    [{ MIGRATE_ON_START: 'maybe' }, 'MIGRATE_ON_START'],
    [{ RATE_LIMIT_MAX: '0' }, 'RATE_LIMIT_MAX'],
    // Both used to pass here and then failed inside Fastify or silently never matched.
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/99' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'loopback, proxy.internal' }, 'TRUST_PROXY'],
    [{ CORS_ORIGINS: 'https://app.example/' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://app.example, app.example' }, 'CORS_ORIGINS'],
  ];
  for (const [env, name] of cases) {
    const err = refusal(() => load(env));
    t.match(err.message, new RegExp(`^\\s+- ${name}: `, 'm'), `${JSON.stringify(env)} names ${name}`);
    t.equal(err.problems.length, 1, 'and only that variable');
  }

  const several = refusal(() => load({ PORT: 'abc', LOG_LEVEL: 'loud' }));
  t.same(several.problems.map((p) => p.split(':')[0]).sort(), ['LOG_LEVEL', 'PORT'], 'every bad variable is named at once');
});

t.test('production refuses to start without its secrets', async (t) => {
  const dataDir = tempDir(t);
  const mail = { SMTP_URL: 'smtps://mailer:pw@smtp.example.org', MAIL_FROM: 'noreply@example.org' };
  const err = refusal(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir }));
  const named = err.problems.map((p) => p.split(':')[0]);
  t.ok(named.includes('JWT_SECRET'), 'names JWT_SECRET');
  t.ok(named.includes('RECEIPT_PRIVATE_KEY'), 'names RECEIPT_PRIVATE_KEY');
  t.notOk(existsSync(join(dataDir, 'secrets.json')), 'no development secrets are generated in production');

  const onlyKey = refusal(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, RECEIPT_PRIVATE_KEY: receiptKey, ...mail }));
  t.same(onlyKey.problems.map((p) => p.split(':')[0]), ['JWT_SECRET']);

  const weakHash = refusal(() =>
    loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, JWT_SECRET: secret, RECEIPT_PRIVATE_KEY: receiptKey, PASSWORD_HASH_COST: '10', ...mail }),
  );
  t.same(weakHash.problems.map((p) => p.split(':')[0]), ['PASSWORD_HASH_COST']);

  const ok = loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, JWT_SECRET: secret, RECEIPT_PRIVATE_KEY: receiptKey, ...mail });
  t.equal(ok.jwt.secret, secret);
  t.equal(ok.receiptPrivateKey, receiptKey);
  t.notOk(existsSync(join(dataDir, 'secrets.json')));
});

t.test('development secrets are generated once into the data dir and reused', async (t) => {
  const dataDir = join(tempDir(t), 'nested', 'data');
  const first = loadConfig({ DATA_DIR: dataDir });
  const file = join(dataDir, 'secrets.json');
  t.ok(existsSync(file), 'secrets.json written');
  t.equal(statSync(file).mode & 0o777, 0o600, 'readable by the owner only');
  t.ok(first.jwt.secret.length >= 32, 'a strong JWT secret');
  t.match(first.receiptPrivateKey, /-----BEGIN PRIVATE KEY-----/);
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  t.equal(stored.jwtSecret, first.jwt.secret);

  const second = loadConfig({ DATA_DIR: dataDir });
  t.equal(second.jwt.secret, first.jwt.secret, 'same JWT secret on the next start');
  t.equal(second.receiptPrivateKey, first.receiptPrivateKey, 'same receipt key on the next start');

  const other = loadConfig({ DATA_DIR: tempDir(t) });
  t.not(other.jwt.secret, first.jwt.secret, 'generated, not hard-coded');

  const explicit = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: secret });
  t.equal(explicit.jwt.secret, secret, 'an explicit secret wins over the stored one');
  t.equal(explicit.receiptPrivateKey, first.receiptPrivateKey);
});

t.test('a corrupt development secrets file stops start-up with a message naming it', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'skyrocket-config-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  writeFileSync(join(dataDir, 'secrets.json'), '{ not json');
  t.throws(() => loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir }), { name: 'ConfigError', message: /secrets\.json: unreadable development secrets/ });
  writeFileSync(join(dataDir, 'secrets.json'), '{"jwtSecret": 42}');
  t.throws(() => loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir }), ConfigError);
});
