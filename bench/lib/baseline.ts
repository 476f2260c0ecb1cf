import type { BenchSettings, LoadFigures } from './harness.js';
import { runLoad, servers, startServer } from './harness.js';
import { withClient } from './database.js';

/** Rows in `bench_items` before the run, so the SELECTs hit a real index. */
export const SEED_ROWS = 10_000;

export interface Baseline {
  /** Bare Fastify + pg: GET by primary key. */
  selectRps: number;
  /** Bare Fastify + pg: one INSERT. The denominator later benchmarks report against. */
  insertRps: number;
  /** Bare Fastify + pg: one indexed SELECT then one INSERT in the same route. */
  selectInsertRps: number;
  /** This app (buildApp): /health/live, no database. */
  appLiveRps: number;
  /** This app (buildApp): /health/ready, one `select 1`. */
  appReadyRps: number;
  rows: LoadFigures[];
}

const randomId = () => 1 + Math.floor(Math.random() * SEED_ROWS);
const json = { 'content-type': 'application/json' };

async function seedItems(databaseUrl: string): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    await client.query(`
      create table if not exists bench_items (
        id bigint generated always as identity primary key,
        name text not null,
        created_at timestamptz not null default now()
      )`);
    await client.query('truncate bench_items restart identity');
    await client.query(`insert into bench_items (name) select 'item ' || n from generate_series(1, $1::int) n`, [SEED_ROWS]);
    await client.query('analyze bench_items');
  });
}

/** Adds `ratioToBareInsert` (requests/s over the bare INSERT's) to each row. */
export function withRatio(rows: LoadFigures[], insertRps: number): LoadFigures[] {
  return rows.map((row) => ({
    ...row,
    ratioToBareInsert: insertRps > 0 ? Math.round((row.requestsPerSecond / insertRps) * 1000) / 1000 : 0,
  }));
}

/**
 * The framework floor, measured in the same run as what is compared with it: a bare Fastify 5 +
 * pg server doing one indexed SELECT and one INSERT, and this app's health routes.
 */
export async function measureBaseline(options: { databaseUrl: string; settings: BenchSettings }): Promise<Baseline> {
  const { databaseUrl, settings } = options;
  await seedItems(databaseUrl);
  const rows: LoadFigures[] = [];

  const bare = await startServer(servers.bare, { databaseUrl, poolSize: settings.poolSize });
  try {
    rows.push(
      await runLoad(settings, {
        scenario: 'bare: SELECT by primary key',
        url: bare.url,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/items/${randomId()}` }) }],
      }),
    );
    rows.push(
      await runLoad(settings, {
        scenario: 'bare: INSERT',
        url: `${bare.url}/items`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({ name: 'bench item' }),
      }),
    );
    rows.push(
      await runLoad(settings, {
        scenario: 'bare: SELECT + INSERT',
        url: bare.url,
        requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: `/items/${randomId()}/copies` }) }],
      }),
    );
  } finally {
    await bare.stop();
  }

  const app = await startServer(servers.app, { databaseUrl, poolSize: settings.poolSize });
  try {
    rows.push(await runLoad(settings, { scenario: 'app: GET /health/live', url: `${app.url}/health/live` }));
    rows.push(await runLoad(settings, { scenario: 'app: GET /health/ready', url: `${app.url}/health/ready` }));
  } finally {
    await app.stop();
  }

  const [select, insert, selectInsert, live, ready] = rows.map((r) => r.requestsPerSecond) as [number, number, number, number, number];
  return {
    selectRps: select,
    insertRps: insert,
    selectInsertRps: selectInsert,
    appLiveRps: live,
    appReadyRps: ready,
    rows: withRatio(rows, insert),
  };
}
