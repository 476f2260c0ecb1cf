import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type pg from 'pg';
import { Pool } from 'undici';
import { signAccessToken } from './deadline-rush.js';
import { defineBenchmark } from './lib/context.js';
import { cpuByName, cpuUsedBetween, processCpuMs } from './lib/cpu.js';
import { withClient } from './lib/database.js';
import { servers, startServer, type LoadFigures, type RunningServer } from './lib/harness.js';

/**
 * Judging at scale (issue #12), against the app started as the other benchmarks start it:
 *
 * 1. the automatic assignment of 10,000 submitted proposals x 3 reviews among 100 accepted judges,
 *    5% of the judge x proposal pairs declared conflicts, bids on 20% of them: the dry run
 *    (`POST …/assignments/plans`) and its apply, several times (assignments reset by SQL between runs);
 * 2. the full ranking of 10,000 proposals x 3 submitted reviews x 5 criteria with z-score normalisation;
 * 3. 100 judges submitting reviews at once (`PUT …/my-assignments/{proposalId}/review`, If-Match "v0"),
 *    on the competition of item 1 (its 5% declared conflicts) and on one without declared conflicts;
 * 4. the CSV export of 30,000 reviews: time to last byte and the server's peak RSS during it.
 *
 * Targets are reported next to the figures, never asserted. BENCH_SCALE (default 1) scales the
 * proposal counts, so a quick run (BENCH_SCALE=0.05) makes the fixture 20 times smaller; the panel
 * stays at 100 judges.
 */

const number = (name: string, fallback: number, min: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min}, got ${raw}`);
  return value;
};

const SCALE = number('BENCH_SCALE', 1, 0.001);
const PROPOSALS = Math.max(10, Math.round(10_000 * SCALE));
const JUDGES = 100;
const REVIEWS_PER_PROPOSAL = 3;
const CONFLICT_PERCENT = 5;
const BID_PERCENT = 20;
/** Proposals of the competition without declared conflicts (item 3b): 90 assignments per judge at scale 1. */
const PLAIN_PROPOSALS = Math.max(10, Math.round(3_000 * SCALE));
const ASSIGNMENT_RUNS = Math.round(number('BENCH_JUDGING_RUNS', 3, 1));
const RANKING_CALLS = Math.round(number('BENCH_JUDGING_RANKING_CALLS', 10, 1));
const EXPORT_RUNS = Math.round(number('BENCH_JUDGING_EXPORT_RUNS', 3, 1));
const BURSTS = Math.round(number('BENCH_JUDGING_BURSTS', 5, 1));

const rubric = [
  { id: 'impact', label: 'Social impact', weight: 30, scaleMin: 1, scaleMax: 10 },
  { id: 'innovation', label: 'Innovation', weight: 20, scaleMin: 1, scaleMax: 10 },
  { id: 'feasibility', label: 'Feasibility', weight: 20, scaleMin: 1, scaleMax: 10 },
  { id: 'sustainability', label: 'Sustainability', weight: 15, scaleMin: 1, scaleMax: 10 },
  { id: 'team', label: 'Team', weight: 15, scaleMin: 1, scaleMax: 10 },
];
const form = [
  { id: 'summary', type: 'longtext', label: 'Summary', required: true, maxWords: 300 },
  { id: 'audience', type: 'choice', label: 'Audience', required: true, options: ['students', 'teachers', 'families'] },
  { id: 'budget', type: 'number', label: 'Budget (EUR)', required: false, min: 0, max: 5000 },
];
const answers = { summary: 'A maker space where teenagers learn to prototype social innovations with mentors from local firms. '.repeat(3).trim(), audience: 'students', budget: 4500 };
const judgingSettings = (overrides: Record<string, unknown>) => ({
  reviewsPerProposal: REVIEWS_PER_PROPOSAL,
  blind: true,
  aggregation: 'mean',
  normalisation: 'none',
  tieBreaks: [{ kind: 'criterion', criterionId: 'impact' }, { kind: 'earliest_submission' }],
  showScoresToApplicants: false,
  ...overrides,
});

interface Organiser {
  userId: string;
  organisationId: string;
}

interface BuiltCompetition {
  competitionId: string;
  proposals: number;
  /** Judge id -> user id, for the panel's tokens. */
  judges: Array<{ judgeId: string; userId: string }>;
}

async function createOrganiser(client: pg.Client, tag: string): Promise<Organiser> {
  const user = await client.query<{ id: string }>(
    `insert into users (email, password_hash, display_name, country, email_verified_at) values ($1, 'unusable', 'Organiser', 'IT', now()) returning id`,
    [`organiser-${tag}@bench.example`],
  );
  const org = await client.query<{ id: string }>(`insert into organisations (name, kind, country) values ('Judging Bench Foundation', 'foundation', 'IT') returning id`);
  await client.query(`insert into memberships (organisation_id, user_id, role) values ($1, $2, 'owner')`, [org.rows[0]!.id, user.rows[0]!.id]);
  return { userId: user.rows[0]!.id, organisationId: org.rows[0]!.id };
}

/**
 * A competition already in `judging` (closed ten days ago) with `proposals` submitted proposals
 * (one revision each, content as a submit writes it) by as many applicants, and an accepted panel
 * of JUDGES judges. All by bulk SQL.
 */
async function buildCompetition(client: pg.Client, organiser: Organiser, tag: string, proposals: number, judging: Record<string, unknown>): Promise<BuiltCompetition> {
  const competition = await client.query<{ id: string }>(
    `insert into competitions (organisation_id, title, status, opens_at, closes_at, timezone, grace_period_seconds,
       prize_amount, prize_currency, prize_winners, prize_split, eligibility, form, rubric, judging, published_at, rules_frozen_at, created_by)
     values ($1, $2, 'judging', now() - interval '40 days', now() - interval '10 days', 'Europe/Rome', 0,
       500000, 'EUR', 1, '{500000}', $3, $4, $5, $6, now() - interval '40 days', now() - interval '39 days', $7)
     returning id`,
    [
      organiser.organisationId,
      `Judging bench ${tag}`,
      JSON.stringify({ minAge: 15, maxAge: 99, allowedCountries: ['AT', 'IT', 'SI'], minTeamSize: 1, maxTeamSize: 4, maxProposalsPerApplicant: 1 }),
      JSON.stringify(form),
      JSON.stringify(rubric),
      JSON.stringify(judging),
      organiser.userId,
    ],
  );
  const competitionId = competition.rows[0]!.id;
  await client.query('drop table if exists fx_p; drop table if exists fx_j');
  await client.query(`create temp table fx_p as select n, gen_random_uuid() as user_id, gen_random_uuid() as proposal_id,
    now() - interval '20 days' + n * interval '7 seconds' as submitted_at from generate_series(1, $1::int) n`, [proposals]);
  await client.query(`create temp table fx_j as select n, gen_random_uuid() as user_id, gen_random_uuid() as judge_id from generate_series(1, $1::int) n`, [JUDGES]);
  await client.query(
    `insert into users (id, email, password_hash, display_name, country, birth_date)
     select user_id, 'applicant-' || $1 || '-' || n || '@bench.example', 'unusable', 'Applicant ' || n, 'IT', date '2000-01-01' from fx_p
     union all
     select user_id, 'judge-' || $1 || '-' || n || '@bench.example', 'unusable', 'Judge ' || n, 'AT', null from fx_j`,
    [tag],
  );
  await client.query(
    `insert into proposals (id, competition_id, applicant_id, status, title, answers, current_revision, unsubmitted_changes, first_submitted_at, last_submitted_at, version)
     select proposal_id, $1, user_id, 'submitted', 'Makers of tomorrow ' || n, $2::jsonb, 1, false, submitted_at, submitted_at, 2 from fx_p`,
    [competitionId, JSON.stringify(answers)],
  );
  // The revision's content exactly as a submit freezes it (RevisionContent), hashed like one.
  await client.query(
    `insert into proposal_revisions (proposal_id, revision, competition_id, submitted_by, content, content_hash, received_at)
     select proposal_id, 1, $1, user_id, content, encode(sha256(convert_to(content::text, 'UTF8')), 'hex'), submitted_at
     from (select proposal_id, user_id, submitted_at,
             jsonb_build_object('proposalId', proposal_id, 'competitionId', $1::uuid, 'applicantId', user_id, 'organisationId', null,
               'title', 'Makers of tomorrow ' || n, 'answers', $2::jsonb, 'team', '[]'::jsonb, 'attachments', '[]'::jsonb) as content
           from fx_p) c`,
    [competitionId, JSON.stringify(answers)],
  );
  await client.query(
    `insert into judges (id, competition_id, email, user_id, status, token_hash, expires_at, invited_by, responded_at, created_at)
     select judge_id, $1, 'judge-' || $2 || '-' || n || '@bench.example', user_id, 'accepted', md5(judge_id::text), now() + interval '21 days', $3, now(),
       now() - interval '9 days' + n * interval '1 second'
     from fx_j`,
    [competitionId, tag, organiser.userId],
  );
  const judges = await client.query<{ judgeId: string; userId: string }>('select judge_id as "judgeId", user_id as "userId" from fx_j order by n');
  return { competitionId, proposals, judges: judges.rows };
}

/** Declared conflicts on CONFLICT_PERCENT% of the judge x proposal pairs and bids on BID_PERCENT% of the others (by a hash of the pair). */
async function addConflictsAndBids(client: pg.Client, competitionId: string, organiserId: string): Promise<{ conflicts: number; bids: number }> {
  await client.query(`create temp table fx_pairs as
    select j.judge_id, p.proposal_id, abs(hashtext(j.judge_id::text || p.proposal_id::text)::bigint) % 100 as h,
           abs(hashtext(p.proposal_id::text || j.judge_id::text)::bigint) % 3 as kind
    from fx_j j cross join fx_p p`);
  const conflicts = await client.query(
    `insert into judge_conflicts (competition_id, judge_id, proposal_id, source, reason, created_by)
     select $1, judge_id, proposal_id, 'declared_by_organiser', 'Knows the applicant (bench)', $2 from fx_pairs where h < $3`,
    [competitionId, organiserId, CONFLICT_PERCENT],
  );
  const bids = await client.query(
    `insert into judge_bids (judge_id, proposal_id, competition_id, bid)
     select judge_id, proposal_id, $1, (array['eager', 'willing', 'unwilling'])[kind + 1]::judge_bid from fx_pairs where h >= $2 and h < $3`,
    [competitionId, CONFLICT_PERCENT, CONFLICT_PERCENT + BID_PERCENT],
  );
  await client.query('drop table fx_pairs');
  return { conflicts: conflicts.rowCount ?? 0, bids: bids.rowCount ?? 0 };
}

/** REVIEWS_PER_PROPOSAL assignments per proposal by SQL: proposal n to judges n, n+33, n+66 (mod 100). */
async function addAssignments(client: pg.Client, competitionId: string, organiserId: string): Promise<number> {
  const result = await client.query(
    `insert into assignments (competition_id, round, judge_id, proposal_id, source, explanation, created_by)
     select $1, 1, j.judge_id, p.proposal_id, 'manual', '{"reason":"bench fixture"}'::jsonb, $2
     from fx_p p cross join generate_series(0, $3::int - 1) k join fx_j j on j.n = ((p.n + k * 33) % $4) + 1`,
    [competitionId, organiserId, REVIEWS_PER_PROPOSAL, JUDGES],
  );
  return result.rowCount ?? 0;
}

/**
 * A submitted review for every assignment: scores 1-10 from the proposal's quality, the judge's
 * leniency (-2..+2: what z-scores even out) and noise; comments of ordinary length (one in fifty
 * starting with `=`, which the export escapes).
 */
async function addSubmittedReviews(client: pg.Client, competitionId: string): Promise<number> {
  const score = (criterion: string) =>
    `least(10, greatest(1, 3 + abs(hashtext(a.proposal_id::text || '${criterion}')::bigint) % 5 + (j.n % 5) - 2 + abs(hashtext(a.id::text || '${criterion}')::bigint) % 3 - 1))`;
  const result = await client.query(
    `insert into reviews (assignment_id, competition_id, round, judge_id, proposal_id, status, scores, comment_for_applicant, note_for_organisers, version, submitted_at, created_at, updated_at)
     select a.id, a.competition_id, 1, a.judge_id, a.proposal_id, 'submitted',
       jsonb_build_object(${rubric.map((c) => `'${c.id}', ${score(c.id)}`).join(', ')}),
       case when abs(hashtext(a.id::text)::bigint) % 50 = 0 then '=A formula-looking comment, escaped in the export' else
         'A clear plan for the first cohort; say more about how mentors are found and what the budget covers in the second year.' end,
       'Solid, but check the budget.', 1, now() - interval '1 day', now() - interval '2 days', now() - interval '1 day'
     from assignments a join fx_j j on j.judge_id = a.judge_id
     where a.competition_id = $1`,
    [competitionId],
  );
  return result.rowCount ?? 0;
}

// Measuring.

const round1 = (n: number) => Math.round(n * 10) / 10;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return round1(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!);
}

const median = (values: number[]) => percentile(values, 50);

/** A table row (the runner's shape) for a series of timed requests. */
function row(scenario: string, latencies: number[], seconds: number, statuses: Record<string, number>, errors = 0): LoadFigures {
  const ok = Object.entries(statuses).filter(([code]) => code.startsWith('2')).reduce((n, [, c]) => n + c, 0);
  return {
    scenario,
    requestsPerSecond: seconds > 0 ? Math.round((latencies.length / seconds) * 100) / 100 : 0,
    latencyMs: {
      average: round1(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
      p50: percentile(latencies, 50),
      p97_5: percentile(latencies, 97.5),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
    },
    requests: latencies.length,
    errors,
    timeouts: 0,
    non2xx: latencies.length - ok,
    statusCodes: statuses,
    durationSeconds: Math.round(seconds * 100) / 100,
  };
}

interface Timed {
  status: number;
  ms: number;
  body: string;
  bytes: number;
  headers: Record<string, string | string[] | undefined>;
  /** Server CPU (ms) spent between sending the request and its last byte. */
  serverCpuMs: number | null;
}

/** One request, timed from sending to its last byte (the body read as text; parsing is the caller's, after the clock stops). */
async function timed(client: Pool, server: RunningServer, options: { method: 'GET' | 'POST' | 'PUT'; path: string; token: string; headers?: Record<string, string>; body?: string }): Promise<Timed> {
  const cpuBefore = processCpuMs(server.pid);
  const sent = performance.now();
  const res = await client.request({
    method: options.method,
    path: options.path,
    headers: { authorization: `Bearer ${options.token}`, ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
  const body = await res.body.text();
  const ms = performance.now() - sent;
  const cpuAfter = processCpuMs(server.pid);
  return { status: res.statusCode, ms, body, bytes: Buffer.byteLength(body), headers: res.headers, serverCpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

function expectStatus(what: string, answer: Timed, status: number): void {
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}, expected ${status}: ${answer.body.slice(0, 500)}`);
}

/** VmRSS and VmHWM (kB) of a Linux process, or null. */
function memoryOf(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** Resets the process's peak RSS (VmHWM) to its current RSS (Linux: `echo 5 > /proc/<pid>/clear_refs`). */
function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

const mb = (kb: number | null | undefined) => (kb === null || kb === undefined || Number.isNaN(kb) ? null : Math.round((kb / 1024) * 10) / 10);

/**
 * JUDGES clients (one keep-alive connection each) submit reviews of their own assignments, one
 * request in flight each, until `until` or until they run out. The first save of a review sends
 * If-Match "v0" (what GET …/review answers before it exists).
 */
/** One judge submits one new review (`If-Match: "v0"`). */
function putReview(client: Pool, competitionId: string, token: string, proposalId: string, scores: Record<string, number>) {
  return client.request({
    method: 'PUT',
    path: `/v1/competitions/${competitionId}/my-assignments/${proposalId}/review`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': '"v0"' },
    body: JSON.stringify({ scores, commentForApplicant: 'Clear goals; the budget needs a second look.', noteForOrganisers: '', submit: true }),
  });
}

async function submitReviews(client: Pool, competitionId: string, work: Map<string, { token: string; proposalIds: string[] }>, until: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let index = 0;
  await Promise.all(
    [...work.values()].map(async (judge) => {
      const salt = index++;
      while (judge.proposalIds.length > 0 && performance.now() < until) {
        const proposalId = judge.proposalIds.shift()!;
        const scores = Object.fromEntries(rubric.map((c, i) => [c.id, 1 + ((salt + i * 3 + proposalId.charCodeAt(0)) % 10)]));
        const sent = performance.now();
        try {
          const res = await putReview(client, competitionId, judge.token, proposalId, scores);
          const text = await res.body.text();
          latencies.push(performance.now() - sent);
          let key = String(res.statusCode);
          if (res.statusCode !== 200) {
            try {
              key += ` ${(JSON.parse(text) as { code?: string }).code ?? ''}`;
            } catch {
              key += ' NOT_JSON';
            }
          }
          statuses[key] = (statuses[key] ?? 0) + 1;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, statuses, errors };
}

/**
 * 100 judges pressing "submit" at the same moment, `bursts` times with a pause between: each
 * judge sends one review per burst (the reading of "100 judges submitting concurrently" that a
 * panel produces), unlike the closed loop above, where every judge submits again the moment an
 * answer arrives and latency is clients / throughput.
 */
async function burstReviews(client: Pool, competitionId: string, work: Map<string, { token: string; proposalIds: string[] }>, bursts: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  for (let b = 0; b < bursts; b++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.all(
      [...work.values()].map(async (judge, salt) => {
        const proposalId = judge.proposalIds.shift();
        if (!proposalId) return;
        const scores = Object.fromEntries(rubric.map((c, i) => [c.id, 1 + ((salt + i * 3 + b) % 10)]));
        const sent = performance.now();
        try {
          const res = await putReview(client, competitionId, judge.token, proposalId, scores);
          await res.body.text();
          latencies.push(performance.now() - sent);
          statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
        } catch {
          errors++;
        }
      }),
    );
  }
  return { latencies, statuses, errors };
}

async function assignmentsOf(databaseUrl: string, competitionId: string, judges: BuiltCompetition['judges'], secret: string) {
  const rows = await withClient(databaseUrl, (client) =>
    client.query<{ judge_id: string; proposal_id: string }>(
      `select a.judge_id, a.proposal_id from assignments a left join reviews r on r.assignment_id = a.id
       where a.competition_id = $1 and r.id is null order by a.judge_id, a.proposal_id`,
      [competitionId],
    ),
  );
  const userOf = new Map(judges.map((j) => [j.judgeId, j.userId]));
  const work = new Map<string, { token: string; proposalIds: string[] }>();
  for (const r of rows.rows) {
    let entry = work.get(r.judge_id);
    if (!entry) work.set(r.judge_id, (entry = { token: signAccessToken(secret, userOf.get(r.judge_id)!), proposalIds: [] }));
    entry.proposalIds.push(r.proposal_id);
  }
  return work;
}

export default defineBenchmark({
  name: 'judging',
  description: 'Judging at 10,000 proposals x 3 reviews x 100 judges: assignment dry run and apply, z-score ranking, 100 judges submitting at once, CSV export of 30,000 reviews',
  async run(ctx) {
    const { databaseUrl, settings } = ctx;
    const secret = randomBytes(32).toString('hex');
    const tag = randomBytes(3).toString('hex');
    const fixtureStarted = performance.now();

    // The fixture: A for assignment (conflicts, bids), B for ranking and export (30,000 submitted reviews),
    // C for concurrent submits without declared conflicts.
    const fixture = await withClient(databaseUrl, async (client) => {
      const organiser = await createOrganiser(client, tag);
      const a = await buildCompetition(client, organiser, `${tag}-a`, PROPOSALS, judgingSettings({ bidding: true }));
      const declared = await addConflictsAndBids(client, a.competitionId, organiser.userId);
      const b = await buildCompetition(client, organiser, `${tag}-b`, PROPOSALS, judgingSettings({ normalisation: 'zscore' }));
      const bAssignments = await addAssignments(client, b.competitionId, organiser.userId);
      const bReviews = await addSubmittedReviews(client, b.competitionId);
      const c = await buildCompetition(client, organiser, `${tag}-c`, PLAIN_PROPOSALS, judgingSettings({}));
      const cAssignments = await addAssignments(client, c.competitionId, organiser.userId);
      await client.query('drop table if exists fx_p; drop table if exists fx_j');
      await client.query('vacuum analyze');
      return { organiser, a, b, c, declared, bAssignments, bReviews, cAssignments };
    });
    const fixtureSeconds = round1((performance.now() - fixtureStarted) / 1000);
    console.log(`fixture built in ${fixtureSeconds} s: ${JSON.stringify({ proposals: PROPOSALS, judges: JUDGES, ...fixture.declared, rankingReviews: fixture.bReviews, plainProposals: PLAIN_PROPOSALS })}`);
    const organiserToken = signAccessToken(secret, fixture.organiser.userId);
    const serverOptions = { databaseUrl, poolSize: settings.poolSize, env: { JWT_SECRET: secret } };
    const rows: LoadFigures[] = [];
    const notes: Record<string, unknown> = {
      scale: SCALE,
      fixture: {
        seconds: fixtureSeconds,
        proposalsPerCompetition: PROPOSALS,
        judges: JUDGES,
        reviewsPerProposal: REVIEWS_PER_PROPOSAL,
        criteria: rubric.length,
        assignmentCompetition: { declaredConflicts: fixture.declared.conflicts, bids: fixture.declared.bids, conflictPercent: CONFLICT_PERCENT, bidPercent: BID_PERCENT },
        rankingCompetition: { assignments: fixture.bAssignments, submittedReviews: fixture.bReviews, normalisation: 'zscore' },
        plainCompetition: { proposals: PLAIN_PROPOSALS, assignments: fixture.cAssignments, declaredConflicts: 0 },
      },
      poolSize: settings.poolSize,
    };

    const server = await startServer(servers.app, serverOptions);
    const client = new Pool(server.url, { connections: JUDGES, pipelining: 1, bodyTimeout: 120_000, headersTimeout: 120_000 });
    try {
      // 2. The ranking, first thing in a fresh server process.
      const rankingPath = `/v1/competitions/${fixture.b.competitionId}/ranking`;
      const first = await timed(client, server, { method: 'GET', path: rankingPath, token: organiserToken });
      expectStatus('the first ranking', first, 200);
      const ranking = JSON.parse(first.body) as { entries: Array<{ rank: number | null; reviewCount: number; normalisedScore?: number | null }> };
      for (let i = 0; i < 3; i++) expectStatus('a warm-up ranking', await timed(client, server, { method: 'GET', path: rankingPath, token: organiserToken }), 200);
      const rankingCalls: Timed[] = [];
      for (let i = 0; i < RANKING_CALLS; i++) {
        const answer = await timed(client, server, { method: 'GET', path: rankingPath, token: organiserToken });
        expectStatus('a ranking', answer, 200);
        rankingCalls.push(answer);
      }
      const rankingMs = rankingCalls.map((c) => c.ms);
      rows.push(row('ranking: GET …/ranking, first call in a fresh process', [first.ms], first.ms / 1000, { 200: 1 }));
      rows.push(row(`ranking: GET …/ranking, warm (${RANKING_CALLS} calls after 3 warm-up)`, rankingMs, rankingMs.reduce((a, b) => a + b, 0) / 1000, { 200: RANKING_CALLS }));
      notes.ranking = {
        target: 'warm p50/p95 < 300 ms',
        firstCallMs: round1(first.ms),
        warmMs: rankingMs.map(round1),
        medianMs: median(rankingMs),
        p95Ms: percentile(rankingMs, 95),
        targetMet: percentile(rankingMs, 95) < 300,
        responseBytes: first.bytes,
        serverCpuMsPerCall: median(rankingCalls.map((c) => c.serverCpuMs ?? NaN)),
        entries: ranking.entries.length,
        ranked: ranking.entries.filter((e) => e.rank !== null).length,
        reviewsCounted: ranking.entries.reduce((n, e) => n + e.reviewCount, 0),
      };
      console.log(`ranking: ${JSON.stringify(notes.ranking)}`);

      // 1. Assignment: dry run then apply, ASSIGNMENT_RUNS times; between runs the assignments and plans go by SQL.
      const plansPath = `/v1/competitions/${fixture.a.competitionId}/assignments/plans`;
      const runs: Array<Record<string, unknown>> = [];
      const planMs: number[] = [];
      const applyMs: number[] = [];
      for (let run = 1; run <= ASSIGNMENT_RUNS; run++) {
        if (run > 1) {
          await withClient(databaseUrl, async (db) => {
            await db.query('delete from assignments where competition_id = $1', [fixture.a.competitionId]);
            await db.query('delete from assignment_plans where competition_id = $1', [fixture.a.competitionId]);
            await db.query('vacuum analyze assignments, assignment_plans');
          });
        }
        const plan = await timed(client, server, { method: 'POST', path: plansPath, token: organiserToken });
        expectStatus(`dry run ${run}`, plan, 201);
        const planBody = JSON.parse(plan.body) as { planId: string; assignmentCount: number; uncovered: unknown[]; targetLoad: unknown; loads: Array<{ total: number }> };
        const apply = await timed(client, server, { method: 'POST', path: `${plansPath}/${planBody.planId}/apply`, token: organiserToken });
        expectStatus(`apply ${run}`, apply, 200);
        const applied = JSON.parse(apply.body) as { added: number; uncovered: unknown[] };
        planMs.push(plan.ms);
        applyMs.push(apply.ms);
        const totals = planBody.loads.map((l) => l.total);
        runs.push({
          run,
          dryRunMs: round1(plan.ms),
          applyMs: round1(apply.ms),
          dryRunServerCpuMs: plan.serverCpuMs,
          applyServerCpuMs: apply.serverCpuMs,
          planResponseBytes: plan.bytes,
          planned: planBody.assignmentCount,
          uncovered: planBody.uncovered.length,
          added: applied.added,
          judgeLoad: { min: Math.min(...totals), max: Math.max(...totals) },
          targetLoad: planBody.targetLoad,
        });
        console.log(`assignment run ${run}: ${JSON.stringify(runs.at(-1))}`);
      }
      rows.push(row(`assignment: POST …/assignments/plans (dry run), ${ASSIGNMENT_RUNS} runs`, planMs, planMs.reduce((a, b) => a + b, 0) / 1000, { 201: ASSIGNMENT_RUNS }));
      rows.push(row(`assignment: POST …/plans/{planId}/apply, ${ASSIGNMENT_RUNS} runs`, applyMs, applyMs.reduce((a, b) => a + b, 0) / 1000, { 200: ASSIGNMENT_RUNS }));
      notes.assignment = {
        target: 'dry run < 1 s and apply < 1 s',
        runs,
        dryRunMedianMs: median(planMs),
        applyMedianMs: median(applyMs),
        targetMet: median(planMs) < 1000 && median(applyMs) < 1000,
        resetBetweenRuns: 'delete from assignments / assignment_plans of the competition, vacuum analyze',
      };

      // 3. 100 judges submitting at once: on A (the plan's assignments, 5% declared conflicts), then on C (none declared).
      const concurrent: Record<string, unknown> = { target: 'p99 < 100 ms', clients: JUDGES, ifMatch: '"v0" (a review not started yet)' };
      for (const [label, built] of [
        ['assignment competition (5% of pairs declared conflicts, 20% bids)', fixture.a],
        ['competition without declared conflicts', fixture.c],
      ] as const) {
        const work = await assignmentsOf(databaseUrl, built.competitionId, built.judges, secret);
        const available = [...work.values()].reduce((n, w) => n + w.proposalIds.length, 0);
        if (settings.warmupSeconds > 0) {
          const warm = performance.now();
          await submitReviews(client, built.competitionId, work, warm + settings.warmupSeconds * 1000);
        }
        const cpuBefore = { api: processCpuMs(server.pid), pg: cpuByName('postgres') };
        const start = performance.now();
        const result = await submitReviews(client, built.competitionId, work, start + settings.durationSeconds * 1000);
        const elapsed = (performance.now() - start) / 1000;
        const cpuAfter = { api: processCpuMs(server.pid), pg: cpuByName('postgres') };
        const perRequest = (ms: number | null | undefined) => (ms === null || ms === undefined || result.latencies.length === 0 ? null : Math.round((ms / result.latencies.length) * 100) / 100);
        const figures = row(`submit reviews, ${JUDGES} judges at once: ${label}`, result.latencies, elapsed, result.statuses, result.errors);
        rows.push(figures);
        concurrent[label] = {
          competitionId: built.competitionId,
          assignmentsWithoutReviewAtStart: available,
          requests: figures.requests,
          requestsPerSecond: figures.requestsPerSecond,
          p50Ms: figures.latencyMs.p50,
          p99Ms: figures.latencyMs.p99,
          maxMs: figures.latencyMs.max,
          statuses: result.statuses,
          connectionErrors: result.errors,
          seconds: round1(elapsed),
          // In flight / throughput: with every client always waiting, latency is clients / requests per second (Little's law).
          apiCpuMsPerRequest: perRequest(cpuBefore.api === null || cpuAfter.api === null ? null : cpuAfter.api - cpuBefore.api),
          postgresCpuMsPerRequest: perRequest(cpuUsedBetween(cpuBefore.pg, cpuAfter.pg)?.ms),
          targetMet: result.latencies.length > 0 && figures.latencyMs.p99 < 100 && figures.non2xx === 0 && result.errors === 0,
        };
        console.log(`submit reviews (${label}): ${JSON.stringify(concurrent[label])}`);
        const burst = await burstReviews(client, built.competitionId, work, BURSTS);
        const burstRow = row(`submit reviews, ${JUDGES} judges in one burst, ${BURSTS} bursts: ${label}`, burst.latencies, burst.latencies.reduce((a, b) => Math.max(a, b), 0) / 1000, burst.statuses, burst.errors);
        rows.push(burstRow);
        concurrent[`${label}, bursts`] = {
          bursts: BURSTS,
          requests: burst.latencies.length,
          p50Ms: burstRow.latencyMs.p50,
          p99Ms: burstRow.latencyMs.p99,
          maxMs: burstRow.latencyMs.max,
          statuses: burst.statuses,
          connectionErrors: burst.errors,
          targetMet: burst.latencies.length > 0 && burstRow.latencyMs.p99 < 100 && burstRow.non2xx === 0 && burst.errors === 0,
        };
        console.log(`submit reviews in bursts (${label}): ${JSON.stringify(concurrent[`${label}, bursts`])}`);
      }
      notes.concurrentReviews = concurrent;
    } finally {
      await client.destroy();
      await server.stop();
    }

    // 4. The CSV export of B's reviews on a fresh server, its peak RSS sampled and read from VmHWM.
    const exportServer = await startServer(servers.app, serverOptions);
    const exportClient = new Pool(exportServer.url, { connections: 1, bodyTimeout: 120_000, headersTimeout: 120_000 });
    try {
      const exportPath = `/v1/competitions/${fixture.b.competitionId}/exports/reviews`;
      const exportRuns: Array<Record<string, unknown>> = [];
      const exportMs: number[] = [];
      for (let run = 1; run <= EXPORT_RUNS; run++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const before = memoryOf(exportServer.pid);
        const reset = resetPeakRss(exportServer.pid);
        let sampledPeakKb = before?.rssKb ?? 0;
        const sampler = setInterval(() => {
          const now = memoryOf(exportServer.pid);
          if (now && now.rssKb > sampledPeakKb) sampledPeakKb = now.rssKb;
        }, 10);
        let answer: Timed;
        try {
          answer = await timed(exportClient, exportServer, { method: 'GET', path: exportPath, token: organiserToken });
        } finally {
          clearInterval(sampler);
        }
        const after = memoryOf(exportServer.pid);
        expectStatus(`export ${run}`, answer, 200);
        const lines = answer.body.split('\r\n').filter((l) => l.length > 0).length;
        exportMs.push(answer.ms);
        exportRuns.push({
          run,
          timeToLastByteMs: round1(answer.ms),
          serverCpuMs: answer.serverCpuMs,
          bytes: answer.bytes,
          dataRows: lines - 1,
          rssBeforeMb: mb(before?.rssKb),
          peakRssSampledMb: mb(sampledPeakKb),
          peakRssVmHwmMb: reset ? mb(after?.hwmKb) : null,
          peakRssIncreaseMb: mb(Math.max(sampledPeakKb, reset ? (after?.hwmKb ?? 0) : 0) - (before?.rssKb ?? 0)),
          rssAfterMb: mb(after?.rssKb),
          vmHwmReset: reset,
        });
        console.log(`export run ${run}: ${JSON.stringify(exportRuns.at(-1))}`);
      }
      rows.push(row(`export: GET …/exports/reviews (${fixture.bReviews} reviews), ${EXPORT_RUNS} runs, fresh server`, exportMs, exportMs.reduce((a, b) => a + b, 0) / 1000, { 200: EXPORT_RUNS }));
      notes.export = {
        target: 'streamed in constant memory (time to last byte and peak RSS reported; no numeric target given)',
        reviews: fixture.bReviews,
        runs: exportRuns,
        timeToLastByteMedianMs: median(exportMs),
        peakRss: 'VmHWM of the server process after resetting it (clear_refs 5) just before the request, and VmRSS sampled every 10 ms during it',
      };
    } finally {
      await exportClient.destroy();
      await exportServer.stop();
    }

    notes.loadAverageAtEnd = loadavg().map((n) => Math.round(n * 100) / 100);
    return { rows, notes };
  },
});
