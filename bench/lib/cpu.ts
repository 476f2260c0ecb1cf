import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system, in ms) of Linux processes, read from /proc/<pid>/stat: every thread
 * of a process and nothing else. On a shared 2-core machine throughput swings with whatever else
 * runs; CPU per request of the API and of PostgreSQL does not, which makes it the figure to
 * compare changes by. Everything here returns null off Linux.
 */
function cpuMsOf(pid: number): { name: string; ms: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // Fields after the command name (which may contain spaces) start at the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { name, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 }; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

export function processCpuMs(pid: number): number | null {
  return cpuMsOf(pid)?.ms ?? null;
}

/** CPU so far of every process with this command name (e.g. all of PostgreSQL: backends, WAL writer, checkpointer...). */
export function cpuByName(name: string): Map<number, number> | null {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return null;
  }
  const found = new Map<number, number>();
  for (const pid of pids) {
    const cpu = cpuMsOf(pid);
    if (cpu?.name === name) found.set(pid, cpu.ms);
  }
  return found;
}

/** CPU used between two `cpuByName` readings; processes that ended in between are not counted (`ended` says how many). */
export function cpuUsedBetween(before: Map<number, number> | null, after: Map<number, number> | null): { ms: number; ended: number } | null {
  if (!before || !after) return null;
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  const ended = [...before.keys()].filter((pid) => !after.has(pid)).length;
  return { ms, ended };
}
