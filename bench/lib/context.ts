import type { Baseline } from './baseline.js';
import type { BenchSettings, LoadFigures } from './harness.js';

/** What the runner hands every benchmark. */
export interface BenchContext {
  settings: BenchSettings;
  /** The dedicated, migrated benchmark database (`skyrocket_bench`). */
  databaseUrl: string;
  serverVersion: string;
  /**
   * The framework floor of this run, measured on first use and shared by every benchmark in the
   * run, so ratios compare figures taken on the same machine minutes apart.
   */
  baseline(): Promise<Baseline>;
}

export interface BenchReport {
  rows: LoadFigures[];
  /** Anything else worth keeping with the figures (fixture sizes, correctness counts...). */
  notes?: Record<string, unknown>;
}

export interface Benchmark {
  /** The file name without `.ts`; `npm run bench -- <name>` picks it. */
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchReport>;
}

export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark;
}
