import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import t, { type Test } from 'tap';
import { redactPaths } from '../src/app.js';
import { createTestDatabase, testDatabaseUrl } from './helpers/database.js';
import { withoutCoverage } from './helpers/processes.js';

const root = fileURLToPath(new URL('..', import.meta.url));

// A real process compiles with tsx and boots PGlite: slow on a busy machine, so allow more than the default.
t.setTimeout(240_000);

interface Server {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `src/server.ts` as a deploy would, on a free port, against its own database: a fresh
 * PGlite data dir, or an isolated PostgreSQL database when DATABASE_URL is set.
 */
async function spawnServer(t: Test, env: Record<string, string>, { waitForListen = true } = {}): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'skyrocket-server-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  let databaseUrl: string | undefined;
  if (testDatabaseUrl && waitForListen) {
    const db = await createTestDatabase({ poolSize: 1 });
    await db.database.close();
    databaseUrl = db.url;
    t.teardown(() => db.close().catch(() => {}));
  }
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...inherited,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      PASSWORD_HASH_COST: '10',
      // As in testConfig: a loaded machine (tsx compiling at boot) must not make the server shed load.
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
      // Tests register users many times a second; the per-second hashing budget is tested in test/lib/password.test.ts.
      PASSWORD_HASH_MAX_PER_SECOND: '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...withoutCoverage,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  // 'close', not 'exit': by then stdout and stderr have been read to the end.
  const exited = once(child, 'close').then(([code, signal]) => ({ code, signal }) as { code: number | null; signal: NodeJS.Signals | null });
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  let url = '';
  if (waitForListen) {
    const deadline = Date.now() + 60_000;
    while (!url) {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) url = match[1]!;
      else if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${out}\n${err}`);
      else if (Date.now() > deadline) throw new Error(`server did not listen in time:\n${out}\n${err}`);
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { child, url, stdout: () => out, stderr: () => err, exited };
}

/** Log lines arrive through a pipe, possibly after the response they describe. */
async function waitForOutput(server: Server, pattern: RegExp, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!pattern.test(server.stdout())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

const logLines = (server: Server) =>
  server
    .stdout()
    .split('\n')
    .filter((line) => line.trim() !== '');

t.test('serves, logs JSON with secrets redacted, and shuts down gracefully on SIGTERM', async (t) => {
  // Redis is configured but unreachable (nothing listens on port 1): the API must serve anyway.
  const server = await spawnServer(t, { SHUTDOWN_DRAIN_MS: '1500', REDIS_URL: 'redis://127.0.0.1:1' });

  const ready = await fetch(`${server.url}/health/ready`, {
    headers: { authorization: 'Bearer secret-value', cookie: 'session=cookie-secret', 'x-request-id': 'server-test-1' },
  });
  t.equal(ready.status, 200, 'ready');
  t.same(await ready.json(), { status: 'ok', checks: { database: 'ok' } });

  t.ok(
    await waitForOutput(server, /"reqId":"server-test-1".*"msg":"request completed"/),
    'the request is logged, under the caller\'s request id',
  );
  const lines = logLines(server);
  t.ok(lines.length >= 3, 'something was logged');
  const entries = lines.map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      t.fail(`not a JSON log line: ${line}`);
      return {};
    }
  });
  t.ok(entries.every((e) => typeof e.level === 'number' && typeof e.msg === 'string'), 'pino JSON, not pretty output');
  t.notMatch(server.stdout(), /secret-value|cookie-secret/, 'credentials never reach the log');

  const unknown = await fetch(`${server.url}/no/such/route`);
  t.equal(unknown.status, 404, 'rate-limited routes are served while Redis is down');
  t.ok(await waitForOutput(server, /"msg":"redis unavailable/), 'the Redis outage is logged as JSON');

  // An in-flight request: headers and half a body are sent before SIGTERM, the rest after.
  const inflight = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(`${server.url}/no/such/route`, {
      method: 'POST',
      agent: new Agent({ keepAlive: true, timeout: 5000 }),
      headers: { 'content-type': 'application/json', 'content-length': '16' },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.write('{"half": ');
    setTimeout(() => req.end('"done"}'), 2500);
  });
  await new Promise((r) => setTimeout(r, 200));

  server.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 400));

  const draining = await fetch(`${server.url}/health/ready`);
  t.equal(draining.status, 503, 'readiness fails first, while draining');
  t.equal(draining.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  t.equal(((await draining.json()) as { code: string }).code, 'SHUTTING_DOWN');
  t.ok(draining.headers.get('retry-after'), 'Retry-After while draining');
  const live = await fetch(`${server.url}/health/live`);
  t.equal(live.status, 200, 'liveness still answers while draining');

  const finished = await inflight;
  t.equal(finished.status, 404, 'the in-flight request was answered, not cut off');
  t.match(finished.body, /ROUTE_NOT_FOUND/);
  const answeredAt = Date.now();

  const { code, signal } = await server.exited;
  // The client keeps its connection alive for 5 s; the server must not wait for it to hang up.
  t.ok(Date.now() - answeredAt < 2000, `exits promptly once in-flight work is done (${Date.now() - answeredAt} ms)`);
  t.equal(code, 0, 'exit code 0');
  t.equal(signal, null);
  await t.rejects(fetch(`${server.url}/health/live`), 'no longer listening');
  t.match(server.stdout(), /"signal":"SIGTERM"/, 'the shutdown is logged');
  t.equal(server.stderr(), '', 'nothing on stderr (no raw ioredis errors either)');
});

t.test('start-up says what it is doing and where the API and its docs are', async (t) => {
  const server = await spawnServer(t, {});
  const port = new URL(server.url).port;
  t.ok(await waitForOutput(server, /API docs at/), 'the docs line arrives');
  const messages = logLines(server).map((line) => (JSON.parse(line) as { msg: string }).msg);
  t.ok(messages.includes(`API at http://127.0.0.1:${port}/`), 'the API\'s full URL');
  t.ok(messages.includes(`API docs at http://127.0.0.1:${port}/docs`), 'the docs\' full URL');
  t.ok(messages.includes(`metrics at http://127.0.0.1:${port}/metrics`), 'and the metrics\'');
  const listening = messages.findIndex((m) => m.startsWith('Server listening at'));
  if (testDatabaseUrl) {
    t.ok(messages.includes('connecting to PostgreSQL (DATABASE_URL)'));
    t.ok(messages.includes('database schema is up to date'), 'a migrated database: nothing to apply');
  } else {
    // A fresh DATA_DIR: PGlite initialises, then the pending migrations are announced before Drizzle applies them.
    const creating = messages.findIndex((m) => /^first start: creating the embedded PGlite database in .*\(10-30 s\)$/.test(m));
    t.ok(creating >= 0, 'the slow first start is announced');
    const announced = messages.findIndex((m) => /^applying \d+ migrations: 0000_init … \d{4}_\w+$/.test(m));
    t.ok(announced >= 0, 'the pending migrations are announced, first to last');
    const total = Number(/^applying (\d+)/.exec(messages[announced] ?? '')?.[1]);
    t.ok(total >= 15, `all of them (${total})`);
    const done = messages.findIndex((m) => new RegExp(`^database schema migrated: ${total} migrations in \\d+ ms$`).test(m));
    t.ok(creating < announced && announced < done && done < listening, 'announced before, reported after, then listening');
  }
  server.child.kill('SIGTERM');
  await server.exited;
});

t.test('an invalid environment stops start-up naming the variable', async (t) => {
  const server = await spawnServer(t, { PORT: 'abc', LOG_LEVEL: 'loud' }, { waitForListen: false });
  const { code } = await server.exited;
  t.not(code, 0, 'non-zero exit');
  t.equal(code, 78, 'EX_CONFIG');
  t.match(server.stderr(), /PORT/, 'stderr names PORT');
  t.match(server.stderr(), /LOG_LEVEL/, 'and every other bad variable');
  t.notMatch(server.stderr(), /\n\s+at /, 'a message, not a stack trace');
});

t.test('the redaction paths hide credentials wherever they are logged', async (t) => {
  let output = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  const log = pino({ redact: { paths: redactPaths, censor: '[redacted]' } }, sink);
  log.info({
    req: { headers: { authorization: 'Bearer tok-1', cookie: 'sid=tok-2', 'idempotency-key': 'tok-3', accept: 'x' } },
    res: { headers: { 'set-cookie': 'sid=tok-4' } },
    body: { email: 'a@example.org', password: 'tok-5', currentPassword: 'tok-6', newPassword: 'tok-7', refreshToken: 'tok-8', token: 'tok-9' },
  });
  t.notMatch(output, /tok-\d/, 'no credential survives');
  t.match(output, /a@example\.org/, 'ordinary fields are kept');
  t.match(output, /"accept":"x"/);
  t.equal(output.match(/\[redacted\]/g)?.length, 9, 'each credential is censored in place');
});
