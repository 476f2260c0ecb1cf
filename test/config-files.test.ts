import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.js';

const receiptKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

function secretsDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'skyrocket-secrets-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function refusal(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const production = { NODE_ENV: 'production', DATA_DIR: '/nonexistent-skyrocket' };

t.test('every secret can come from a file (Docker/Kubernetes secrets), without its trailing newline', async (t) => {
  const dir = secretsDir(t);
  const file = (name: string, content: string) => {
    writeFileSync(join(dir, name), content, { mode: 0o600 });
    return join(dir, name);
  };
  const config = loadConfig({
    ...production,
    JWT_SECRET_FILE: file('jwt', `${'j'.repeat(40)}\n`),
    RECEIPT_PRIVATE_KEY_FILE: file('receipt.pem', receiptKey),
    SMTP_URL_FILE: file('smtp', 'smtps://mailer:p%40ss@smtp.example.org\n'),
    MAIL_FROM: 'noreply@example.org',
    DATABASE_URL_FILE: file('db', 'postgres://app:secret@db.internal:5432/skyrocket\r\n'),
    METRICS_TOKEN_FILE: file('metrics', `${'m'.repeat(32)}\n`),
    REDIS_URL_FILE: file('redis', 'redis://:pw@redis:6379\n'),
  });
  t.equal(config.jwt.secret, 'j'.repeat(40), 'the newline an editor or echo adds is not part of the secret');
  t.equal(config.receiptPrivateKey, receiptKey.replace(/\n$/, ''), 'a PEM key read whole');
  t.equal(config.mail.smtp?.url, 'smtps://mailer:p%40ss@smtp.example.org');
  t.equal(config.databaseUrl, 'postgres://app:secret@db.internal:5432/skyrocket', 'CRLF too');
  t.same(config.metrics, { enabled: true, token: 'm'.repeat(32) }, 'a metrics token from a file turns /metrics on in production');
  t.equal(config.redisUrl, 'redis://:pw@redis:6379');
});

t.test('a value from a file is checked like the variable, naming the variable', async (t) => {
  const dir = secretsDir(t);
  writeFileSync(join(dir, 'jwt'), 'too-short\n');
  const err = refusal(() => loadConfig({ ...production, JWT_SECRET_FILE: join(dir, 'jwt'), RECEIPT_PRIVATE_KEY: receiptKey, SMTP_URL: 'smtps://a:b@h', MAIL_FROM: 'a@example.org' }));
  t.match(err.message, /JWT_SECRET: must be at least 32 characters/);
  t.notMatch(err.message, /too-short/, 'the content is never echoed');
});

t.test('both the variable and its file set is an error naming both', async (t) => {
  const dir = secretsDir(t);
  writeFileSync(join(dir, 'jwt'), 'f'.repeat(40));
  writeFileSync(join(dir, 'smtp'), 'smtps://a:b@smtp.example.org');
  const err = refusal(() =>
    loadConfig({
      ...production,
      JWT_SECRET: 'e'.repeat(40),
      JWT_SECRET_FILE: join(dir, 'jwt'),
      RECEIPT_PRIVATE_KEY: receiptKey,
      SMTP_URL: 'smtps://c:d@smtp.example.org',
      SMTP_URL_FILE: join(dir, 'smtp'),
      MAIL_FROM: 'a@example.org',
    }),
  );
  t.match(err.problems, [/^JWT_SECRET, JWT_SECRET_FILE: both are set; set one of them$/, /^SMTP_URL, SMTP_URL_FILE: both are set/], 'every conflict, each naming both variables');
  t.notMatch(err.message, /e{40}|f{40}|a:b|c:d/, 'no secret in the message');
});

t.test('an unreadable or empty file is refused, naming the variable and the path', async (t) => {
  const dir = secretsDir(t);
  writeFileSync(join(dir, 'empty'), '\n');
  const err = refusal(() =>
    loadConfig({
      DATA_DIR: '/nonexistent-skyrocket',
      JWT_SECRET_FILE: join(dir, 'missing'),
      RECEIPT_PRIVATE_KEY_FILE: join(dir, 'empty'),
    }),
  );
  t.ok(err.problems.includes(`JWT_SECRET_FILE: cannot read ${join(dir, 'missing')} (ENOENT)`), 'missing file');
  t.ok(err.problems.includes(`RECEIPT_PRIVATE_KEY_FILE: ${join(dir, 'empty')} is empty`), 'empty file');
});

t.test('an empty *_FILE counts as unset, and _FILE of something that is not a setting is ignored', async (t) => {
  const config = loadConfig({ DATA_DIR: '/nonexistent-skyrocket', JWT_SECRET: 'k'.repeat(40), JWT_SECRET_FILE: '', RECEIPT_PRIVATE_KEY: receiptKey, SOMETHING_ELSE_FILE: '/nonexistent' });
  t.equal(config.jwt.secret, 'k'.repeat(40));
});
