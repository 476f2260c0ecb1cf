// `npm run bench [-- name ...]`: runs every benchmark module in bench/ (or the named ones) against
// a real PostgreSQL, writes each one's figures to bench/results/<name>.json and prints a table.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { measureBaseline, type Baseline } from './lib/baseline.js';
import type { Benchmark, BenchContext } from './lib/context.js';
import { DEFAULT_DATABASE_URL, prepareBenchDatabase } from './lib/database.js';
import { formatTable, readSettings } from './lib/harness.js';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const resultsDir = join(benchDir, 'results');

/** Benchmark names: every bench/<name>.ts but the runner itself. */
function benchmarkNames(): string[] {
  return readdirSync(benchDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

async function loadBenchmark(name: string): Promise<Benchmark> {
  const mod = (await import(pathToFileURL(join(benchDir, `${name}.ts`)).href)) as { default?: Benchmark };
  const benchmark = mod.default;
  if (!benchmark || typeof benchmark.run !== 'function') {
    throw new Error(`bench/${name}.ts must default-export defineBenchmark({ name, description, run })`);
  }
  if (benchmark.name !== name) throw new Error(`bench/${name}.ts is named '${benchmark.name}'; a benchmark's name is its file name`);
  return benchmark;
}

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const available = benchmarkNames();
  const unknown = wanted.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
    process.exit(2);
  }
  // Only the chosen modules are loaded; the baseline runs first so a full run measures the floor
  // before anything else has loaded the database.
  const names = (wanted.length > 0 ? available.filter((n) => wanted.includes(n)) : available).sort(
    (a, b) => Number(b === 'baseline') - Number(a === 'baseline'),
  );
  const selected: Benchmark[] = [];
  for (const name of names) selected.push(await loadBenchmark(name));

  const settings = readSettings();
  const adminUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const database = await prepareBenchDatabase(adminUrl);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    postgres: database.serverVersion,
    // Anything else running skews the figures; keep the evidence with them.
    loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
  };
  console.log(
    `benchmarks: ${selected.map((b) => b.name).join(', ')}\n` +
      `database: ${new URL(database.url).host}/${new URL(database.url).pathname.slice(1)} (PostgreSQL ${database.serverVersion}); ` +
      `${settings.connections} connections, ${settings.durationSeconds} s each after ${settings.warmupSeconds} s warm-up; ` +
      `${machine.cpus} cores (server, load generator and PostgreSQL share them)`,
  );

  let baseline: Promise<Baseline> | undefined;
  const ctx: BenchContext = {
    settings,
    databaseUrl: database.url,
    serverVersion: database.serverVersion,
    baseline: () => (baseline ??= measureBaseline({ databaseUrl: database.url, settings })),
  };

  mkdirSync(resultsDir, { recursive: true });
  let failed = false;
  for (const benchmark of selected) {
    console.log(`\n## ${benchmark.name}: ${benchmark.description}`);
    const startedAt = new Date();
    try {
      const report = await benchmark.run(ctx);
      const finishedAt = new Date();
      const floor = baseline ? await baseline : undefined;
      const output = {
        benchmark: benchmark.name,
        description: benchmark.description,
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        machine,
        settings,
        ...(floor
          ? {
              baseline: {
                selectRps: floor.selectRps,
                insertRps: floor.insertRps,
                selectInsertRps: floor.selectInsertRps,
                appLiveRps: floor.appLiveRps,
                appReadyRps: floor.appReadyRps,
              },
            }
          : {}),
        rows: report.rows,
        ...(report.notes ? { notes: report.notes } : {}),
      };
      const file = join(resultsDir, `${benchmark.name}.json`);
      writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
      console.log(formatTable(report.rows));
      const broken = report.rows.filter((r) => r.errors + r.timeouts > 0);
      if (broken.length > 0) {
        failed = true;
        console.error(`connection errors or timeouts in: ${broken.map((r) => r.scenario).join(', ')}`);
      }
      console.log(`wrote ${join('bench', 'results', `${benchmark.name}.json`)}`);
    } catch (err) {
      failed = true;
      console.error(`benchmark ${benchmark.name} failed:`, err);
    }
  }
  process.exit(failed ? 1 : 0);
}

await main();
