import { createHmac } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { withRatio } from './lib/baseline.js';
import { defineBenchmark } from './lib/context.js';
import { cpuByName, cpuUsedBetween, processCpuMs } from './lib/cpu.js';
import { withClient } from './lib/database.js';
import { servers, startServer, type LoadFigures } from './lib/harness.js';

/**
 * The deadline rush of SPEC §4: many applicants (pre-registered, real access tokens) submit to one
 * competition, again and again, over a fixed time that crosses its closing instant. Besides
 * throughput and latency it checks the two promises that matter: nothing accepted after the
 * deadline, and no 2xx without its stored revision.
 */

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

const JWT_ISSUER = 'skyrocket';
const JWT_AUDIENCE = 'skyrocket-api';

/** An HS256 access token exactly like the app's (issuer, audience, expiry): real tokens without N logins. */
export function signAccessToken(secret: string, userId: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: userId, iss: JWT_ISSUER, aud: JWT_AUDIENCE, iat: now, exp: now + 3600 })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export interface Fixture {
  competitionId: string;
  applicants: Array<{ userId: string; proposalId: string; token: string }>;
}

const form = [
  { id: 'summary', type: 'longtext', label: 'Summary', required: true, maxWords: 300 },
  { id: 'audience', type: 'choice', label: 'Audience', required: true, options: ['students', 'teachers', 'families'] },
  { id: 'budget', type: 'number', label: 'Budget (EUR)', required: false, min: 0, max: 5000 },
];

export async function createFixture(databaseUrl: string, applicants: number, jwtSecret: string): Promise<Fixture> {
  return withClient(databaseUrl, async (client) => {
    const suffix = randomBytes(4).toString('hex');
    const owner = await client.query<{ id: string }>(
      `insert into users (email, password_hash, display_name, country) values ($1, 'unusable', 'Organiser', 'IT') returning id`,
      [`organiser-${suffix}@bench.example`],
    );
    const org = await client.query<{ id: string }>(`insert into organisations (name, kind, country) values ('Bench Foundation', 'foundation', 'IT') returning id`);
    await client.query(`insert into memberships (organisation_id, user_id, role) values ($1, $2, 'owner')`, [org.rows[0]!.id, owner.rows[0]!.id]);
    const competition = await client.query<{ id: string }>(
      `insert into competitions (organisation_id, title, status, opens_at, closes_at, timezone, grace_period_seconds,
         prize_amount, prize_currency, prize_winners, prize_split, eligibility, form, rubric, judging, published_at)
       values ($1, 'Deadline rush', 'published', now() - interval '30 days', now() + interval '1 day', 'Europe/Rome', 0,
         500000, 'EUR', 1, '{500000}', $2, $3, '[]', $4, now())
       returning id`,
      [
        org.rows[0]!.id,
        JSON.stringify({ minAge: 15, maxAge: 99, allowedCountries: ['AT', 'IT', 'SI'], minTeamSize: 1, maxTeamSize: 4, maxProposalsPerApplicant: 1 }),
        JSON.stringify(form),
        JSON.stringify({ reviewsPerProposal: 1, blind: false, aggregation: 'mean', normalisation: 'none', tieBreaks: [], showScoresToApplicants: false }),
      ],
    );
    const competitionId = competition.rows[0]!.id;
    const users = await client.query<{ id: string }>(
      `insert into users (email, password_hash, display_name, country, birth_date)
       select 'applicant-' || $1 || '-' || n || '@bench.example', 'unusable', 'Applicant ' || n, 'IT', date '2000-01-01'
       from generate_series(1, $2::int) n returning id`,
      [suffix, applicants],
    );
    const answers = JSON.stringify({ summary: 'A maker space where teenagers learn to prototype social innovations. '.repeat(4).trim(), audience: 'students', budget: 4500 });
    const proposals = await client.query<{ id: string; applicant_id: string }>(
      `insert into proposals (competition_id, applicant_id, title, answers)
       select $1, u, 'Makers of tomorrow', $2::jsonb from unnest($3::uuid[]) u returning id, applicant_id`,
      [competitionId, answers, users.rows.map((u) => u.id)],
    );
    return {
      competitionId,
      applicants: proposals.rows.map((p) => ({ userId: p.applicant_id, proposalId: p.id, token: signAccessToken(jwtSecret, p.applicant_id) })),
    };
  });
}

interface Receipt {
  proposalId: string;
  revision: number;
  receivedAt: string;
}

/** An answer as the run recorded it, body still unparsed. */
interface Answer {
  status: number;
  latencyMs: number;
  /** Local monotonic time the response arrived, relative to the start of the run. */
  at: number;
  body: string;
}

/** An answer once parsed: the receipt of an accepted submit; the problem's code of a refusal. Nothing else is kept. */
interface Outcome extends Omit<Answer, 'body'> {
  receipt?: Receipt;
  code?: string;
}

/**
 * Every applicant keeps one request in flight until `until` (local monotonic ms). The client is
 * undici with one keep-alive connection per applicant, opened by the warm-up: the load generator
 * shares the machine's two cores with the server and PostgreSQL, so it should cost as little as
 * it can (node:http cost it twice as much CPU per request).
 */
export async function rush(client: Pool, fixture: Fixture, start: number, until: number): Promise<{ answers: Answer[]; errors: number }> {
  // Bodies are kept as text during the run and parsed after it (`outcomesOf`, after the CPU
  // readings): JSON.parse of every answer took CPU from the cores the server and PostgreSQL share.
  const answers: Answer[] = [];
  let errors = 0;
  await Promise.all(
    fixture.applicants.map(async (applicant) => {
      const request = { path: `/v1/proposals/${applicant.proposalId}/submit`, method: 'POST' as const, headers: { authorization: `Bearer ${applicant.token}` } };
      while (performance.now() < until) {
        const sent = performance.now();
        try {
          const res = await client.request(request);
          const body = await res.body.text();
          const now = performance.now();
          answers.push({ status: res.statusCode, latencyMs: now - sent, at: now - start, body });
        } catch {
          errors++;
        }
      }
    }),
  );
  return { answers, errors };
}

export function outcomesOf(answers: Answer[]): Outcome[] {
  return answers.map(({ body, ...answer }): Outcome => {
    let parsed: { receipt?: Receipt; code?: string };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      // Counted with the other unexpected answers (status and code are reported).
      return { ...answer, code: 'NOT_JSON' };
    }
    if (answer.status !== 201 && answer.status !== 200) return { ...answer, code: parsed.code };
    if (!parsed.receipt) return { ...answer, code: 'NO_RECEIPT' };
    const { proposalId, revision, receivedAt } = parsed.receipt;
    return { ...answer, receipt: { proposalId, revision, receivedAt } };
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

export function figures(scenario: string, outcomes: Outcome[], seconds: number, errors: number): LoadFigures {
  const latencies = outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
  const statusCodes: Record<string, number> = {};
  for (const o of outcomes) statusCodes[o.status] = (statusCodes[o.status] ?? 0) + 1;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    scenario,
    requestsPerSecond: round(outcomes.length / seconds),
    latencyMs: {
      average: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
      p50: percentile(latencies, 50),
      p97_5: percentile(latencies, 97.5),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
    },
    requests: outcomes.length,
    errors,
    timeouts: 0,
    non2xx: outcomes.filter((o) => o.status < 200 || o.status >= 300).length,
    statusCodes,
    durationSeconds: round(seconds),
  };
}

export default defineBenchmark({
  name: 'deadline-rush',
  description: 'Applicants with real tokens submit, then resubmit, to one competition across its closing instant (PostgreSQL clock)',
  async run(ctx) {
    const applicantCount = int('BENCH_RUSH_APPLICANTS', 200);
    const totalSeconds = int('BENCH_RUSH_SECONDS', 15);
    const closeAfterSeconds = int('BENCH_RUSH_CLOSE_AFTER', 10);
    const warmupSeconds = ctx.settings.warmupSeconds;

    // The floor first, on an idle database, as the runner does for every benchmark.
    const baseline = await ctx.baseline();

    const jwtSecret = randomBytes(32).toString('hex');
    // The warm-up gets its own competition, so the measured one starts untouched: its first
    // submits (rules freeze, quota lock) are part of the measurement, then everyone resubmits.
    const warmupFixture = await createFixture(ctx.databaseUrl, applicantCount, jwtSecret);
    const fixture = await createFixture(ctx.databaseUrl, applicantCount, jwtSecret);
    const server = await startServer(servers.app, { databaseUrl: ctx.databaseUrl, poolSize: ctx.settings.poolSize, env: { JWT_SECRET: jwtSecret } });
    const client = new Pool(server.url, { connections: applicantCount, pipelining: 1 });
    try {
      // Warm-up (JIT, pool, prepared statements, and the applicants' keep-alive connections: 200
      // TCP handshakes in the same millisecond are not what is measured), unmeasured, on the other competition.
      if (warmupSeconds > 0) {
        const warm = performance.now();
        await rush(client, warmupFixture, warm, warm + warmupSeconds * 1000);
      }
      // A real server has served ordinary writes before a rush (drafts edited, proposals created):
      // one such write puts it in that state (its unit of work enables AsyncLocalStorage for good).
      if (process.env.BENCH_RUSH_NO_PRIOR_WRITE !== '1') {
        const editor = warmupFixture.applicants[0]!;
        const edit = await client.request({
          path: `/v1/proposals/${editor.proposalId}`,
          method: 'PATCH',
          headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'Makers of tomorrow, edited' }),
        });
        await edit.body.text();
        if (edit.statusCode !== 200) throw new Error(`the warm-up edit answered ${edit.statusCode}`);
      }
      const revisionsBefore = await withClient(ctx.databaseUrl, async (client) => {
        await client.query(`update competitions set closes_at = now() + make_interval(secs => $2) where id = $1`, [fixture.competitionId, closeAfterSeconds]);
        return (await client.query<{ n: number }>('select count(*)::int as n from proposal_revisions where competition_id = $1', [fixture.competitionId])).rows[0]!.n;
      });
      // PostgreSQL's CPU is that of all its processes (backends, WAL writer...) on this machine.
      const cpuBefore = { api: processCpuMs(server.pid), pg: cpuByName('postgres'), load: processCpuMs(process.pid) };
      const start = performance.now();
      const { answers, errors } = await rush(client, fixture, start, start + totalSeconds * 1000);
      const elapsed = (performance.now() - start) / 1000;
      const cpuAfter = { api: processCpuMs(server.pid), pg: cpuByName('postgres'), load: processCpuMs(process.pid) };
      const outcomes = outcomesOf(answers);
      const pgCpu = cpuUsedBetween(cpuBefore.pg, cpuAfter.pg);
      const perRequest = (ms: number | null | undefined) => (ms === null || ms === undefined || outcomes.length === 0 ? null : Math.round((ms / outcomes.length) * 1000) / 1000);
      const used = (before: number | null, after: number | null) => (before === null || after === null ? null : after - before);

      // Check every answer against the database.
      const accepted = outcomes.filter((o) => o.status === 201 && o.receipt !== undefined);
      const closed = outcomes.filter((o) => o.status === 409 && o.code === 'COMPETITION_CLOSED');
      // An identical resubmit stores nothing and answers 200 with the current revision's receipt (docs/proposals.md).
      const unchanged = outcomes.filter((o) => o.status === 200 && o.receipt !== undefined);
      const other = outcomes.filter(
        (o) => !(o.receipt !== undefined && (o.status === 201 || o.status === 200)) && !(o.status === 409 && o.code === 'COMPETITION_CLOSED'),
      );
      const receipts = accepted.map((o) => o.receipt!);
      const check = await withClient(ctx.databaseUrl, async (client) => {
        const deadline = await client.query<{ closes_at: string }>(
          `select to_char(closes_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as closes_at from competitions where id = $1`,
          [fixture.competitionId],
        );
        const late = await client.query<{ n: number }>(
          `select count(*)::int as n from proposal_revisions r join competitions c on c.id = r.competition_id
           where r.competition_id = $1 and r.received_at >= c.closes_at + make_interval(secs => c.grace_period_seconds)`,
          [fixture.competitionId],
        );
        const found = await client.query<{ n: number }>(
          `select count(*)::int as n from proposal_revisions r
           join unnest($2::uuid[], $3::int[], $4::text[]) as x(proposal_id, revision, received_at)
             on r.proposal_id = x.proposal_id and r.revision = x.revision
                and to_char(r.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') = x.received_at
           where r.competition_id = $1`,
          [fixture.competitionId, receipts.map((r) => r.proposalId), receipts.map((r) => r.revision), receipts.map((r) => r.receivedAt)],
        );
        const stored = await client.query<{ n: number }>('select count(*)::int as n from proposal_revisions where competition_id = $1', [fixture.competitionId]);
        return { closesAt: deadline.rows[0]!.closes_at, late: late.rows[0]!.n, found: found.rows[0]!.n, storedInRun: stored.rows[0]!.n - revisionsBefore };
      });
      const acceptedAfterCloseByReceipt = receipts.filter((r) => r.receivedAt >= check.closesAt).length;
      const lost = accepted.length - check.found;
      // The open phase is the part of the run before the closing instant; the last accepted answer bounds it.
      const openSeconds = Math.min(closeAfterSeconds, accepted.reduce((max, o) => Math.max(max, o.at), 0) / 1000) || closeAfterSeconds;

      const rows = withRatio(
        [
          figures('deadline-rush: accepted submits (open phase)', accepted, openSeconds, 0),
          figures('deadline-rush: every request (incl. 409 after close)', outcomes, elapsed, errors),
        ],
        baseline.insertRps,
      );
      const acceptedRow = rows[0]!;
      const notes = {
        applicants: applicantCount,
        firstSubmits: new Set(receipts.filter((r) => r.revision === 1).map((r) => r.proposalId)).size,
        totalSeconds,
        closeAfterSeconds,
        poolSize: ctx.settings.poolSize,
        closesAt: check.closesAt,
        accepted: accepted.length,
        unchangedResubmits: unchanged.length,
        refusedClosed: closed.length,
        otherResponses: other.length,
        otherStatuses: [...new Set(other.map((o) => o.status))],
        connectionErrors: errors,
        acceptedAfterClose: check.late + acceptedAfterCloseByReceipt,
        acceptedAfterCloseStored: check.late,
        acceptedAfterCloseByReceipt,
        lost,
        storedRevisionsInRun: check.storedInRun,
        bareInsertRps: baseline.insertRps,
        // CPU per request (accepted or refused) over the whole rush: steadier than req/s on a shared machine.
        apiCpuMsPerRequest: perRequest(used(cpuBefore.api, cpuAfter.api)),
        postgresCpuMsPerRequest: perRequest(pgCpu?.ms),
        postgresProcessesEndedDuringRun: pgCpu?.ended ?? null,
        loadGeneratorCpuMsPerRequest: perRequest(used(cpuBefore.load, cpuAfter.load)),
        ratioToBareInsert: acceptedRow.ratioToBareInsert,
        acceptedP99Ms: acceptedRow.latencyMs.p99,
        // Per second of the run: answers, accepted, and the p99 of those answered in that second.
        timeline: Array.from({ length: Math.ceil(elapsed) }, (_, second) => {
          const inSecond = outcomes.filter((o) => Math.floor(o.at / 1000) === second);
          return { second, answers: inSecond.length, accepted: inSecond.filter((o) => o.status === 201).length, p99Ms: percentile(inSecond.map((o) => o.latencyMs).sort((a, b) => a - b), 99) };
        }),
        target: 'accepted submits/s >= 40% of the bare INSERT, p99 < 150 ms, 0 accepted after close, 0 lost',
        targetMet: (acceptedRow.ratioToBareInsert ?? 0) >= 0.4 && acceptedRow.latencyMs.p99 < 150 && check.late + acceptedAfterCloseByReceipt === 0 && lost === 0,
      };
      console.log(JSON.stringify(notes, null, 2));
      if (notes.acceptedAfterClose > 0 || lost > 0) throw new Error(`correctness violated: ${notes.acceptedAfterClose} accepted after close, ${lost} lost`);
      return { rows, notes };
    } finally {
      await client.destroy();
      await server.stop();
    }
  },
});
