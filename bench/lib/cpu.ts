import { readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * CPU time (user + system, in ms) a set of Linux processes used: read from /proc/<pid>/stat, so
 * it counts every thread of the process and nothing else. On a shared 2-core machine throughput
 * swings with whatever else runs; CPU per request of the API and of PostgreSQL does not, which
 * makes it the figure to compare changes by. Returns null off Linux.
 */
export function processCpuMs(pids: number[]): number | null {
  let ticks = 0;
  try {
    for (const pid of pids) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces) start at the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return null;
  }
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** The server processes serving this database (all its backends), for `processCpuMs`. */
export async function backendPids(client: pg.Client, database: string): Promise<number[]> {
  const result = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
  return result.rows.map((r) => r.pid);
}
