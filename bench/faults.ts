import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { defineBenchmark } from './lib/context.js';
import { withClient } from './lib/database.js';
import { servers, startServer } from './lib/harness.js';
import { createFixture, type Fixture } from './deadline-rush.js';
import { stallingProxy } from '../test/helpers/stalling-proxy.js';

/**
 * The fault run of issue #10: applicants keep submitting with an Idempotency-Key while PostgreSQL
 * connections are cut (pg_terminate_backend, twice a second) and then while the network to
 * PostgreSQL swallows every byte (a stalling proxy between the API and the server). A client
 * retries a failed attempt with the same key, as docs/idempotency.md tells it to. Reported:
 * crashes, answers slower than the documented bounds, keys that never complete, the time from the
 * end of each fault to the first accepted submit, and the submit promises (no 201 without its
 * stored revision, no revision number twice).
 */

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

/** The longest a request may take by docs/operations.md: acquire (5 s) + the client read timeout (15 s). */
const HANG_MS = 20_000;

interface Sent {
  status: number;
  code?: string;
  sentAt: number;
  latencyMs: number;
  retryAfter?: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default defineBenchmark({
  name: 'faults',
  description: 'Submits with Idempotency-Keys while PostgreSQL connections are cut and the network stalls: crashes, hangs, stuck keys, recovery',
  async run(ctx) {
    const applicantCount = int('BENCH_FAULT_APPLICANTS', 100);
    const jwtSecret = randomBytes(32).toString('hex');
    const fixture: Fixture = await createFixture(ctx.databaseUrl, applicantCount, jwtSecret);
    const proxy = await stallingProxy(ctx.databaseUrl);
    const server = await startServer(servers.app, {
      databaseUrl: proxy.url,
      poolSize: ctx.settings.poolSize,
      // Production's shedding on pool wait (the bench server turns it off for throughput runs).
      env: { JWT_SECRET: jwtSecret, PRESSURE_MAX_DATABASE_WAIT_MS: '2000' },
    });
    const client = new Pool(server.url, { connections: applicantCount, pipelining: 1, headersTimeout: 60_000, bodyTimeout: 60_000 });
    const t0 = performance.now();
    const now = () => performance.now() - t0;
    const sent: Sent[] = [];
    let networkErrors = 0;
    let crashed = false;
    const watch = setInterval(() => {
      if (!alive(server.pid)) crashed = true;
    }, 100);
    const keys = new Map<string, { firstAt: number; doneAt?: number; attempts: number }>();
    let stopAt = Number.POSITIVE_INFINITY;
    const phases: Record<string, { from: number; to: number }> = {};

    /** One request, recorded (status, problem code, Retry-After, latency); undefined on a network error. */
    const send = async (path: string, method: 'POST' | 'PATCH', headers: Record<string, string>, body?: string) => {
      const sentAt = now();
      try {
        const res = await client.request({ path, method, headers, ...(body ? { body } : {}) });
        const text = await res.body.text();
        const code = res.statusCode >= 300 ? (JSON.parse(text) as { code?: string }).code : undefined;
        const retryAfter = res.headers['retry-after'];
        sent.push({ status: res.statusCode, sentAt, latencyMs: now() - sentAt, ...(code ? { code } : {}), ...(typeof retryAfter === 'string' ? { retryAfter } : {}) });
        return res.statusCode;
      } catch {
        networkErrors++;
        return undefined;
      }
    };
    const pause = () => new Promise((r) => setTimeout(r, 200));

    const applicantLoop = async (applicant: Fixture['applicants'][number]) => {
      const auth = { authorization: `Bearer ${applicant.token}` };
      for (let n = 0; now() < stopAt; n++) {
        // An identical resubmit stores nothing (200): each key submits an edited draft, so each is a write.
        while (now() < stopAt && (await send(`/v1/proposals/${applicant.proposalId}`, 'PATCH', { ...auth, 'content-type': 'application/json' }, JSON.stringify({ title: `Makers of tomorrow ${n}` }))) !== 200) await pause();
        if (now() >= stopAt) break;
        const key = `${applicant.proposalId}-${n}`;
        const record = { firstAt: now(), attempts: 0 } as { firstAt: number; doneAt?: number; attempts: number };
        keys.set(key, record);
        // A failed attempt is retried with the same key until it completes; after the run stops, for 30 s more.
        while (!record.doneAt && now() < stopAt + 30_000) {
          record.attempts++;
          const status = await send(`/v1/proposals/${applicant.proposalId}/submit`, 'POST', { ...auth, 'idempotency-key': key });
          if (status === 201 || status === 200) record.doneAt = now();
          else await pause();
        }
      }
    };

    try {
      const loops = Promise.all(fixture.applicants.map(applicantLoop));
      const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
      await wait(5_000);
      // Fault 1: every connection of the API is terminated, twice a second, for 5 s.
      phases.terminate = { from: now(), to: 0 };
      let terminated = 0;
      while (now() - phases.terminate.from < 5_000) {
        terminated += await withClient(ctx.databaseUrl, async (c) =>
          (await c.query<{ n: number }>(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`)).rows[0]!.n,
        );
        await wait(500);
      }
      phases.terminate.to = now();
      await wait(7_000);
      // Fault 2: the network swallows every byte for 4 s.
      phases.stall = { from: now(), to: 0 };
      proxy.stall();
      await wait(4_000);
      proxy.resume();
      phases.stall.to = now();
      await wait(10_000);
      stopAt = now();
      await loops;

      // By when the answer came: a request sent just before a fault and answered during it belongs to the fault.
      const byPhase = (from: number, to: number) => sent.filter((s) => s.sentAt + s.latencyMs >= from && s.sentAt + s.latencyMs < to);
      const recovery = (phase: { to: number }) => {
        const first = sent.filter((s) => s.status === 201 && s.sentAt >= phase.to).sort((a, b) => a.sentAt - b.sentAt)[0];
        return first ? Math.round(first.sentAt + first.latencyMs - phase.to) : null;
      };
      const statuses = (list: Sent[]) => {
        const out: Record<string, number> = {};
        for (const s of list) out[`${s.status}${s.code ? ` ${s.code}` : ''}`] = (out[`${s.status}${s.code ? ` ${s.code}` : ''}`] ?? 0) + 1;
        return out;
      };
      const unfinished = [...keys.values()].filter((k) => !k.doneAt).length;
      const accepted = sent.filter((s) => s.status === 201).length;
      const unchanged = sent.filter((s) => s.status === 200).length;
      const check = await withClient(ctx.databaseUrl, async (c) => {
        const stored = await c.query<{ n: number }>('select count(*)::int as n from proposal_revisions where competition_id = $1', [fixture.competitionId]);
        const duplicates = await c.query<{ n: number }>(
          'select count(*)::int as n from (select proposal_id, revision from proposal_revisions where competition_id = $1 group by 1, 2 having count(*) > 1) d',
          [fixture.competitionId],
        );
        return { stored: stored.rows[0]!.n, duplicates: duplicates.rows[0]!.n };
      });
      const completedKeys = [...keys.values()].filter((k) => k.doneAt).length;
      const notes = {
        applicants: applicantCount,
        crashed,
        serverAliveAtEnd: alive(server.pid),
        backendsTerminated: terminated,
        requests: sent.length,
        networkErrors,
        hangsOverBound: sent.filter((s) => s.latencyMs > HANG_MS).length,
        maxLatencyMs: Math.round(Math.max(...sent.map((s) => s.latencyMs))),
        fiveHundreds: sent.filter((s) => s.status === 500).length,
        unavailableWithoutRetryAfter: sent.filter((s) => s.status === 503 && !s.retryAfter).length,
        keys: keys.size,
        completedKeys,
        stuckKeys: unfinished,
        slowestKeyToCompleteMs: Math.round(Math.max(0, ...[...keys.values()].filter((k) => k.doneAt).map((k) => k.doneAt! - k.firstAt))),
        // Every completed key is one 201; every 201 is one stored revision (a 200 is a PATCH, or a
        // submit's replay after its first answer was lost).
        acceptedAnswers: accepted,
        okAnswers: unchanged,
        storedRevisions: check.stored,
        acceptedWithoutRevision: Math.max(0, accepted - check.stored),
        revisionsWithoutAnswer: Math.max(0, check.stored - accepted),
        duplicateRevisionNumbers: check.duplicates,
        recoveryMs: { afterTerminations: recovery(phases.terminate), afterStall: recovery(phases.stall) },
        answers: {
          beforeFaults: statuses(byPhase(0, phases.terminate.from)),
          duringTerminations: statuses(byPhase(phases.terminate.from, phases.terminate.to)),
          betweenFaults: statuses(byPhase(phases.terminate.to, phases.stall.from)),
          duringStall: statuses(byPhase(phases.stall.from, phases.stall.to)),
          afterFaults: statuses(byPhase(phases.stall.to, Number.POSITIVE_INFINITY)),
        },
      };
      console.log(JSON.stringify(notes, null, 2));
      if (crashed || notes.stuckKeys > 0 || notes.hangsOverBound > 0 || notes.acceptedWithoutRevision > 0 || notes.duplicateRevisionNumbers > 0) {
        throw new Error(`fault run failed: ${JSON.stringify({ crashed, stuck: notes.stuckKeys, hangs: notes.hangsOverBound, lost: notes.acceptedWithoutRevision })}`);
      }
      return { rows: [], notes };
    } finally {
      clearInterval(watch);
      await client.destroy();
      await server.stop();
      await proxy.close();
    }
  },
});
