import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon, { type Request, type Result } from 'autocannon';

/** Settings shared by every benchmark in one `npm run bench` run. */
export interface BenchSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** pg pool size for the bare server and the app alike. */
  poolSize: number;
}

/** One measured scenario: what a row of the printed table and of the JSON file holds. */
export interface LoadFigures {
  scenario: string;
  requestsPerSecond: number;
  latencyMs: { average: number; p50: number; p97_5: number; p99: number; max: number };
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
  /** Requests per second divided by the bare INSERT baseline of the same run. */
  ratioToBareInsert?: number;
}

export interface LoadOptions {
  scenario: string;
  url: string;
  requests?: Request[];
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  durationSeconds?: number;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const int = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got ${raw}`);
    return value;
  };
  return {
    durationSeconds: int('BENCH_DURATION', 10, 1),
    warmupSeconds: int('BENCH_WARMUP', 2, 0),
    connections: int('BENCH_CONNECTIONS', 50, 1),
    poolSize: int('BENCH_POOL_SIZE', 20, 1),
  };
}

/** Runs autocannon against a URL: a short unrecorded warm-up (JIT, pools), then the measured run. */
export async function runLoad(settings: BenchSettings, options: LoadOptions): Promise<LoadFigures> {
  const base = {
    url: options.url,
    connections: options.connections ?? settings.connections,
    ...(options.requests ? { requests: options.requests } : {}),
    ...(options.method ? { method: options.method } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
  };
  if (settings.warmupSeconds > 0) await autocannon({ ...base, duration: settings.warmupSeconds });
  const result = await autocannon({ ...base, duration: options.durationSeconds ?? settings.durationSeconds });
  return figures(options.scenario, result);
}

function figures(scenario: string, result: Result): LoadFigures {
  const round = (n: number) => Math.round(n * 100) / 100;
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats)) statusCodes[code] = stats.count;
  return {
    scenario,
    requestsPerSecond: round(result.requests.average),
    latencyMs: {
      average: round(result.latency.average),
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    requests: result.totalCompletedRequests,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    durationSeconds: result.duration,
  };
}

export interface RunningServer {
  url: string;
  /** The server's process id (for CPU accounting). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a server module in its own Node process (through tsx) so the load generator does not
 * share an event loop with it. The module sends `{ port }` over IPC once it listens.
 */
/**
 * The V8 flags the API runs with in production (`npm start`, the Dockerfile): a 64 MB young
 * generation lets a request's objects die young instead of being promoted while it waits on
 * PostgreSQL (15-20% less API CPU per submit in the deadline rush).
 */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

export async function startServer(modulePath: string, options: Record<string, unknown>): Promise<RunningServer> {
  const child: ChildProcess = fork(modulePath, [], {
    // BENCH_CPU_PROFILE_DIR=<dir> writes a V8 CPU profile of each server to look at in DevTools.
    execArgv: ['--import', 'tsx', ...SERVER_NODE_FLAGS, ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []), ...(process.env.BENCH_CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`] : [])],
    env: { ...process.env, BENCH_SERVER_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${modulePath} did not start within 30 s`)), 30_000);
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      if (typeof message.port === 'number') resolve(message.port);
      else reject(new Error(`${modulePath} sent ${JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${modulePath} exited with code ${code} before listening`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Server entry points, for `startServer`. */
export const servers = {
  /** Bare Fastify 5 + pg Pool: the framework floor. */
  bare: fileURLToPath(new URL('./servers/bare.ts', import.meta.url)),
  /** Bare Fastify + pg: one competition row by id (the floor of the public reads). */
  floor: fileURLToPath(new URL('./servers/floor.ts', import.meta.url)),
  /** This app, built with buildApp from src/app.ts. */
  app: fileURLToPath(new URL('./servers/app.ts', import.meta.url)),
};

/** Called by a server module once it listens. */
export function announceListening(port: number): void {
  if (!process.send) throw new Error('bench servers are started by bench/lib/harness.ts startServer()');
  process.send({ port });
}

export function serverOptions<T>(): T {
  const raw = process.env.BENCH_SERVER_OPTIONS;
  if (!raw) throw new Error('BENCH_SERVER_OPTIONS is not set');
  return JSON.parse(raw) as T;
}

/** Stops the server when the harness asks (SIGTERM) or goes away (IPC channel closes). */
export function stopOn(close: () => Promise<void>): void {
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
}

export function formatTable(rows: LoadFigures[]): string {
  const header = ['scenario', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'max ms', 'errors', 'non-2xx', 'x bare insert'];
  const body = rows.map((r) => [
    r.scenario,
    r.requestsPerSecond.toFixed(0),
    String(r.latencyMs.p50),
    String(r.latencyMs.p97_5),
    String(r.latencyMs.p99),
    String(r.latencyMs.max),
    String(r.errors + r.timeouts),
    String(r.non2xx),
    r.ratioToBareInsert === undefined ? '' : r.ratioToBareInsert.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
