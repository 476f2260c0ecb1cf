import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import { startSmtpSink } from '../modules/mail/smtp-sink.js';
import { createDatabase, type Database } from '../../src/db/client.js';
import { emailOutbox, users } from '../../src/db/schema/index.js';
import { competitionBody, defaultForm, openRules, validAnswers } from '../helpers/competitions.js';
import { createTestDatabase, testDatabaseUrl } from '../helpers/database.js';
import { withoutCoverage } from '../helpers/processes.js';

// Issue #10 item 9: a production-mode server, driven through the flows that handle secrets and
// through two database failures, logs none of them at the levels production uses.

const root = fileURLToPath(new URL('../..', import.meta.url));
t.setTimeout(300_000);

/** What production requires (SMTP is added per test: its sink's port). */
const PRODUCTION_ENV = {
  NODE_ENV: 'production',
  JWT_SECRET: randomBytes(32).toString('hex'),
  RECEIPT_PRIVATE_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  LOG_LEVEL: 'info',
};

/**
 * Two faults planted in the database before the server starts, so that real requests fail in
 * PostgreSQL: organisation names made unique (a unique violation whose detail quotes the name),
 * and a users trigger that casts the display name and password hash to int (a failure inside the
 * query whose message quotes both).
 */
const PLANTED_FAULTS = `
  create unique index log_test_organisation_name on organisations (name);
  create function log_test_fail() returns trigger language plpgsql as $$
  begin
    perform (new.display_name || new.password_hash)::int;
    return new;
  end $$;
  create trigger log_test_fail before update on users for each row when (new.display_name like 'boom-%') execute function log_test_fail();
`;

async function openDatabase(dataDir: string, url: string | undefined): Promise<Database> {
  return url ? createDatabase({ databaseUrl: url, poolSize: 1 }) : createDatabase({ dataDir });
}

t.test('no password, hash, token or SQL parameter reaches the production log', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'skyrocket-logs-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  let url: string | undefined;
  if (testDatabaseUrl) {
    const db = await createTestDatabase({ poolSize: 1 });
    await db.database.close();
    url = db.url;
    t.teardown(() => db.close().catch(() => {}));
  }
  const prepared = await openDatabase(dataDir, url);
  await prepared.migrate();
  for (const statement of PLANTED_FAULTS.split(/;\s*(?=create)/)) await prepared.db.execute(sql.raw(statement));
  await prepared.close();

  // Production delivers mail over SMTP only (docs/mail.md): a local sink receives it.
  const sink = await startSmtpSink(t);
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...inherited,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
      // Tests register users many times a second; the per-second hashing budget is tested in test/lib/password.test.ts.
      PASSWORD_HASH_MAX_PER_SECOND: '0',
      PRESSURE_MAX_DATABASE_WAIT_MS: '0',
      ...(url ? { DATABASE_URL: url } : {}),
      ...withoutCoverage,
      ...PRODUCTION_ENV,
      SMTP_URL: sink.url,
      MAIL_FROM: 'noreply@example.org',
      SMTP_REQUIRE_TLS: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c));
  const exited = once(child, 'close');
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let base = '';
  for (const deadline = Date.now() + 90_000; !base; ) {
    const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (match) base = match[1]!;
    else if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    else await new Promise((r) => setTimeout(r, 50));
  }

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };

  const email = `owner-${randomBytes(4).toString('hex')}@example.org`;
  const password = `Pw-${randomBytes(12).toString('hex')}`;
  const newPassword = `Pw2-${randomBytes(12).toString('hex')}`;
  t.equal((await call('POST', '/v1/auth/register', { email, password, displayName: 'Owner', country: 'IT', birthDate: '1990-01-01' })).status, 202);
  t.equal((await call('POST', '/v1/auth/login', { email, password: `${password}-wrong` })).status, 401, 'a wrong password');
  const login = await call('POST', '/v1/auth/login', { email, password });
  t.equal(login.status, 200);
  const refreshed = await call('POST', '/v1/auth/refresh', { refreshToken: login.json.refreshToken });
  t.equal(refreshed.status, 200);
  const accessToken = refreshed.json.accessToken as string;
  const auth = { authorization: `Bearer ${accessToken}` };
  t.equal((await call('POST', '/v1/auth/refresh', { refreshToken: login.json.refreshToken })).status, 401, 'a reused refresh token');
  t.equal((await call('POST', '/v1/me/verification-email', undefined, auth)).status, 202);
  // Organisations need a verified address: follow the emailed link, as the owner would (from the SMTP sink).
  let verifyToken: string | undefined;
  for (const deadline = Date.now() + 20_000; !verifyToken && Date.now() < deadline; ) {
    const bodies = sink.to(email).map((m) => m.body.replace(/=\r\n/g, '').replace(/=3D/g, '='));
    verifyToken = bodies.map((b) => /verify-email\?token=([A-Za-z0-9_%-]+)/.exec(b)?.[1]).find(Boolean);
    if (!verifyToken) await new Promise((r) => setTimeout(r, 100));
  }
  t.ok(verifyToken, 'the verification email arrived over SMTP');
  t.equal((await call('POST', '/v1/auth/verify-email', { token: decodeURIComponent(verifyToken ?? '') })).status, 204);
  t.equal((await call('POST', '/v1/auth/password-reset', { email })).status, 202);
  t.equal((await call('POST', '/v1/auth/verify-email', { token: `forged-${randomBytes(8).toString('hex')}` })).status < 500, true);
  t.equal((await call('POST', '/v1/me/password', { currentPassword: password, newPassword }, auth)).status, 204);
  const relogin = await call('POST', '/v1/auth/login', { email, password: newPassword });
  t.equal(relogin.status, 200);
  const owner = { authorization: `Bearer ${relogin.json.accessToken as string}` };

  const organisationName = `Org secret-name-${randomBytes(4).toString('hex')}`;
  const organisation = await call('POST', '/v1/organisations', { name: organisationName, kind: 'ngo', country: 'IT' }, owner);
  t.equal(organisation.status, 201);
  const duplicate = await call('POST', '/v1/organisations', { name: organisationName, kind: 'ngo', country: 'IT' }, owner);
  t.equal(duplicate.status, 409, 'the planted unique index refuses the second organisation');

  const now = Date.now();
  const competition = await call(
    'POST',
    `/v1/organisations/${organisation.json.id as string}/competitions`,
    competitionBody({
      eligibility: openRules,
      form: defaultForm,
      timing: { opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString(), timezone: 'Europe/Rome' },
    }),
    owner,
  );
  t.equal(competition.status, 201);
  t.equal((await call('POST', `/v1/competitions/${competition.json.id as string}/publish`, undefined, owner)).status, 200);
  const draft = await call('POST', `/v1/competitions/${competition.json.id as string}/proposals`, { title: 'Logged proposal', answers: validAnswers }, owner);
  t.equal(draft.status, 201);
  const submitted = await call('POST', `/v1/proposals/${draft.json.id as string}/submit`, undefined, { ...owner, 'idempotency-key': `key-${randomBytes(6).toString('hex')}` });
  t.equal(submitted.status, 201);

  const boom = `boom-${randomBytes(6).toString('hex')}`;
  const failed = await call('PATCH', '/v1/me', { displayName: boom }, owner);
  t.equal(failed.status, 500, 'the planted trigger fails inside the query');

  // The answer is sent before its log line is written: wait for the 500's line, then stop.
  for (const deadline = Date.now() + 10_000; !/"msg":"unhandled error"/.test(out) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 25));
  child.kill('SIGTERM');
  await exited;

  const after = await openDatabase(dataDir, url);
  const [user] = await after.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, email));
  const mailed = await after.db.select({ data: emailOutbox.data }).from(emailOutbox).where(eq(emailOutbox.toEmail, email));
  await after.close();
  const emailTokens = mailed.map((row) => row.data.token).filter((token): token is string => typeof token === 'string');

  t.match(out, /"msg":"database conflict"/, 'the unique violation was logged');
  t.match(out, /"code":"23505"/, 'with its SQLSTATE');
  t.match(out, /log_test_organisation_name/, 'and its constraint');
  t.match(out, /"msg":"unhandled error"/, 'the failing query was logged');
  t.match(out, /"code":"22P02"/, 'with its SQLSTATE');

  const secrets: Array<[string, string | undefined]> = [
    ['the password', password],
    ['the new password', newPassword],
    ['the wrong password', `${password}-wrong`],
    ['the password hash', user?.passwordHash],
    ['the first access token', login.json.accessToken as string],
    ['the first refresh token', login.json.refreshToken as string],
    ['the refreshed access token', accessToken],
    ['the refreshed refresh token', refreshed.json.refreshToken as string],
    ['the latest access token', relogin.json.accessToken as string],
    ['the latest refresh token', relogin.json.refreshToken as string],
    ['an SQL parameter (the display name)', boom],
    ['an SQL parameter (the organisation name)', organisationName.slice(4)],
  ];
  t.ok(user?.passwordHash, 'the hash was read from the database');
  for (const [what, secret] of secrets) t.notOk(secret && out.includes(secret), `${what} is not in the log`);
  t.ok(emailTokens.length >= 2, `${emailTokens.length} emailed tokens (verification, reset) read from the outbox`);
  for (const token of emailTokens) {
    t.notOk(out.includes(token), 'an emailed token is not in the log');
  }
});
