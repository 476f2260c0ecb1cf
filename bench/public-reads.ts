import { defineBenchmark } from './lib/context.js';
import { cpuByName, cpuUsedBetween, processCpuMs } from './lib/cpu.js';
import { withClient } from './lib/database.js';
import type { Request } from 'autocannon';
import { runLoad, servers, startServer, type BenchSettings, type LoadFigures, type RunningServer } from './lib/harness.js';

/**
 * The public read path (issue #11): a competition by id, the public list with filters and an
 * organisation's public page, each against a floor measured in the same run: bare Fastify + pg
 * answering one competition row by id from the same database. Target: every public read at
 * least 0.70 of the floor, p99 under 50 ms at 50 connections. The list (the largest body) is
 * measured with and without `Accept-Encoding: gzip`, and the single read once more as a
 * conditional GET that revalidates (`If-None-Match` with the current ETag: 304).
 */

const ORGANISATIONS = 20;
const PUBLISHED_PER_ORGANISATION = 15;
const DRAFTS_PER_ORGANISATION = 3;
const THEMES = ['education', 'youth', 'environment', 'health', 'culture'];
const COUNTRIES = ['IT', 'AT', 'SI', 'DE', 'HR'];

interface Fixture {
  competitionIds: string[];
  organisationIds: string[];
}

const form = [
  { id: 'title', type: 'text', label: 'Title of the proposal', required: true, maxChars: 120 },
  { id: 'summary', type: 'longtext', label: 'Summary', help: 'What you will do, for whom, and why it matters', required: true, maxWords: 300 },
  { id: 'audience', type: 'choice', label: 'Target group', required: true, options: ['15-18', '19-23', 'both'] },
  { id: 'budget', type: 'number', label: 'Budget (EUR)', required: false, min: 0, max: 5000 },
  { id: 'website', type: 'url', label: 'Website', required: false },
  { id: 'partners', type: 'multichoice', label: 'Partners', required: false, options: ['school', 'municipality', 'ngo', 'company'] },
];
const rubric = [
  { id: 'impact', label: 'Social impact', description: 'How many people benefit, and how much', weight: 40, scaleMin: 1, scaleMax: 10 },
  { id: 'innovation', label: 'Innovation', weight: 30, scaleMin: 1, scaleMax: 10 },
  { id: 'feasibility', label: 'Feasibility', weight: 30, scaleMin: 1, scaleMax: 10 },
];
const eligibility = { minAge: 15, maxAge: 23, allowedCountries: ['AT', 'CZ', 'DE', 'HR', 'HU', 'IT', 'PL', 'SI', 'SK'], minTeamSize: 1, maxTeamSize: 5, maxProposalsPerApplicant: 1 };
const judging = {
  reviewsPerProposal: 3,
  blind: false,
  aggregation: 'mean',
  normalisation: 'none',
  tieBreaks: [{ kind: 'criterion', criterionId: 'impact' }, { kind: 'earliest_submission' }],
  showScoresToApplicants: false,
};

async function createFixture(databaseUrl: string): Promise<Fixture> {
  return withClient(databaseUrl, async (client) => {
    const orgs = await client.query<{ id: string }>(
      `insert into organisations (name, kind, country, website, description, themes, sdgs)
       select 'Foundation ' || n, 'foundation', 'IT', 'https://foundation-' || n || '.example', 'We fund young people''s social innovation in the Alps-Adriatic region.', '{education,youth}', '{4,10}'
       from generate_series(1, $1::int) n returning id`,
      [ORGANISATIONS],
    );
    const organisationIds = orgs.rows.map((r) => r.id);
    const competitionIds: string[] = [];
    for (const [o, organisationId] of organisationIds.entries()) {
      for (const draft of [false, true]) {
        const count = draft ? DRAFTS_PER_ORGANISATION : PUBLISHED_PER_ORGANISATION;
        const rows = await client.query<{ id: string }>(
          `insert into competitions (organisation_id, title, summary, description, themes, countries, status, opens_at, closes_at, timezone,
             grace_period_seconds, prize_amount, prize_currency, prize_winners, prize_split, eligibility, form, rubric, judging, published_at)
           select $1, 'Competition ' || $2::int || '-' || n, 'The best educational proposal teaching social-innovation skills',
             repeat('A long description of the competition, its aims and its rules. ', 20),
             $3::text[], $4::text[], $5::competition_status,
             now() - interval '10 days', now() + (n || ' days')::interval, 'Europe/Rome', 60,
             500000, 'EUR', 1, '{500000}', $6, $7, $8, $9, case when $5 = 'draft' then null else now() end
           from generate_series(1, $10::int) n returning id`,
          [
            organisationId,
            o,
            [THEMES[o % THEMES.length], THEMES[(o + 1) % THEMES.length]],
            [COUNTRIES[o % COUNTRIES.length], COUNTRIES[(o + 2) % COUNTRIES.length]],
            draft ? 'draft' : 'published',
            JSON.stringify(eligibility),
            JSON.stringify(form),
            JSON.stringify(rubric),
            JSON.stringify(judging),
            count,
          ],
        );
        if (!draft) competitionIds.push(...rows.rows.map((r) => r.id));
      }
    }
    await client.query('analyze organisations; analyze competitions');
    return { competitionIds, organisationIds };
  });
}

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

/** One scenario with the CPU the server and PostgreSQL spent per request. */
async function measure(settings: BenchSettings, server: RunningServer, options: Parameters<typeof runLoad>[1]): Promise<LoadFigures & { cpuMsPerRequest?: { server: number | null; postgres: number | null } }> {
  const serverBefore = processCpuMs(server.pid);
  const postgresBefore = cpuByName('postgres');
  const row = await runLoad(settings, options);
  const serverAfter = processCpuMs(server.pid);
  const postgresAfter = cpuByName('postgres');
  // The warm-up is included in the CPU reading; count its requests too (at the same rate).
  const requests = row.requestsPerSecond * (settings.durationSeconds + settings.warmupSeconds);
  const per = (ms: number | null) => (ms === null || requests === 0 ? null : Math.round((ms / requests) * 1000) / 1000);
  return {
    ...row,
    cpuMsPerRequest: {
      server: per(serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore),
      postgres: per(cpuUsedBetween(postgresBefore, postgresAfter)?.ms ?? null),
    },
  };
}

export default defineBenchmark({
  name: 'public-reads',
  description: 'public reads (competition by id, filtered list, organisation page) against bare Fastify + pg reading one competition row, same run',
  async run(ctx) {
    const { settings, databaseUrl } = ctx;
    const fixture = await createFixture(databaseUrl);
    const floor = await startServer(servers.floor, { databaseUrl, poolSize: settings.poolSize });
    const app = await startServer(servers.app, { databaseUrl, poolSize: settings.poolSize });
    type Row = LoadFigures & { cpuMsPerRequest?: unknown; ratioToFloor?: number; floorRps?: number };
    const rows: Row[] = [];
    // On a shared machine the others' load moves within a run: each read is measured right after
    // a floor reading of its own (both servers stay up; an idle one costs nothing), and its ratio
    // is to that reading.
    const floorRequest = () => ({ method: 'GET', setupRequest: (req: Request) => ({ ...req, path: `/competitions/${pick(fixture.competitionIds)}` }) });
    const pair = async (scenario: string, requests: Request[]) => {
      const base = await measure(settings, floor, { scenario: `floor before "${scenario}"`, url: floor.url, requests: [floorRequest()] });
      const read = await measure(settings, app, { scenario, url: app.url, requests });
      rows.push(base, { ...read, floorRps: base.requestsPerSecond, ratioToFloor: Math.round((read.requestsPerSecond / base.requestsPerSecond) * 1000) / 1000 });
    };
    const get = (path: () => string, headers: Record<string, string> = {}): Request[] => [
      { method: 'GET', setupRequest: (req: Request) => ({ ...req, path: path(), headers: { ...req.headers, ...headers } }) },
    ];
    try {
      await pair('app: GET /v1/competitions/{id}', get(() => `/v1/competitions/${pick(fixture.competitionIds)}`));
      await pair('app: same, Accept-Encoding: gzip, deflate, br', get(() => `/v1/competitions/${pick(fixture.competitionIds)}`, { 'accept-encoding': 'gzip, deflate, br' }));
      const listPath = () => `/v1/competitions?limit=20&phase=open&country=${pick(COUNTRIES)}&sort=closing_soon`;
      await pair('app: GET /v1/competitions?limit=20&phase=open&country=…', get(listPath));
      await pair('app: same list, Accept-Encoding: gzip', get(listPath, { 'accept-encoding': 'gzip' }));
      await pair('app: GET /v1/organisations/{id}/public', get(() => `/v1/organisations/${pick(fixture.organisationIds)}/public`));
      await pair('app: same organisation page, Accept-Encoding: gzip', get(() => `/v1/organisations/${pick(fixture.organisationIds)}/public`, { 'accept-encoding': 'gzip' }));
      // Revalidation: a client that has the current version sends its ETag back.
      const etags = new Map<string, string>();
      for (const id of fixture.competitionIds) {
        const res = await fetch(`${app.url}/v1/competitions/${id}`);
        etags.set(id, res.headers.get('etag') ?? '');
      }
      await pair(
        'app: GET /v1/competitions/{id}, If-None-Match current (304)',
        [{ method: 'GET', setupRequest: (req: Request) => {
          const id = pick(fixture.competitionIds);
          return { ...req, path: `/v1/competitions/${id}`, headers: { ...req.headers, 'if-none-match': etags.get(id)! } };
        } }],
      );
    } finally {
      await app.stop();
      await floor.stop();
    }

    // The shared table's ratio column ("x bare insert") shows each read's ratio to its own floor reading.
    const table = rows.map((r) => ({ ...r, ratioToBareInsert: r.ratioToFloor ?? 1 }));
    const reads = rows.filter((r) => r.ratioToFloor !== undefined);
    return {
      rows: table,
      notes: {
        ratioColumn: 'ratioToBareInsert (the table\'s "x bare insert") holds requests/s over the floor reading taken just before (1 for the floor rows)',
        fixture: { organisations: ORGANISATIONS, publishedPerOrganisation: PUBLISHED_PER_ORGANISATION, draftsPerOrganisation: DRAFTS_PER_ORGANISATION },
        target: { ratioToFloor: 0.7, p99Ms: 50 },
        reads: Object.fromEntries(
          reads.map((r) => [r.scenario, { rps: r.requestsPerSecond, floorRps: r.floorRps, ratioToFloor: r.ratioToFloor, p50: r.latencyMs.p50, p99: r.latencyMs.p99, targetMet: (r.ratioToFloor ?? 0) >= 0.7 && r.latencyMs.p99 < 50 }]),
        ),
        cpuMsPerRequest: Object.fromEntries(rows.map((r) => [r.scenario, r.cpuMsPerRequest])),
      },
    };
  },
});
