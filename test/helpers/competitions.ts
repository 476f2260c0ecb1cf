import { randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { domainEvents, type EligibilityRules, type FormQuestion } from '../../src/db/schema/index.js';
import { createOrganisation, createUser, insertApplicants, type TestUser } from './factories.js';

// Competitions (and the proposals they receive) as a client makes them: over HTTP, as their
// organiser. The one thing HTTP cannot do is let time pass, so `moveWindow` moves a window
// relative to the database clock.

const DAY = 86_400_000;

/** An ISO instant `days` from the test machine's clock (the database shares it). */
export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** A complete, valid configuration of the create request; override any top-level part. */
export function competitionBody(overrides: Record<string, unknown> = {}) {
  return {
    title: `Competition ${randomBytes(3).toString('hex')}`,
    summary: 'The best educational proposal teaching social-innovation skills',
    description: 'Long description',
    themes: ['education', 'youth'],
    countries: ['IT', 'AT'],
    prize: { amount: 500000, currency: 'EUR', winners: 1 },
    timing: { opensAt: daysFromNow(-1), closesAt: daysFromNow(30), timezone: 'Europe/Rome', gracePeriodSeconds: 60 },
    eligibility: {
      minAge: 15,
      maxAge: 23,
      allowedCountries: ['AT', 'CZ', 'DE', 'HR', 'HU', 'IT', 'PL', 'SI', 'SK'],
      minTeamSize: 1,
      maxTeamSize: 5,
      maxProposalsPerApplicant: 1,
      guardianConsentUnderAge: 18,
    },
    form: [
      { id: 'title', type: 'text', label: 'Title', required: true, maxChars: 120 },
      { id: 'summary', type: 'longtext', label: 'Summary', required: true, maxWords: 300 },
      { id: 'target_group', type: 'choice', label: 'Target group', required: true, options: ['15-18', '19-23', 'both'] },
    ],
    rubric: [
      { id: 'impact', label: 'Social impact', weight: 40, scaleMin: 1, scaleMax: 10 },
      { id: 'innovation', label: 'Innovation', weight: 30, scaleMin: 1, scaleMax: 10 },
      { id: 'feasibility', label: 'Feasibility', weight: 30, scaleMin: 1, scaleMax: 10 },
    ],
    judging: { reviewsPerProposal: 3, tieBreaks: [{ kind: 'criterion', criterionId: 'impact' }, { kind: 'earliest_submission' }] },
    ...overrides,
  };
}

/** The form of the competitions made below: two required answers, two optional ones. */
export const defaultForm: FormQuestion[] = [
  { id: 'summary', type: 'longtext', label: 'Summary', required: true, maxWords: 50 },
  { id: 'audience', type: 'choice', label: 'Audience', required: true, options: ['students', 'teachers', 'families'] },
  { id: 'budget', type: 'number', label: 'Budget (EUR)', required: false, min: 0, max: 5000 },
  { id: 'website', type: 'url', label: 'Website', required: false },
];

/** Answers that pass `defaultForm`. */
export const validAnswers = { summary: 'A maker space for teenagers in Trieste.', audience: 'students', budget: 4000 };

/** Anyone, anywhere, any age; teams of up to four; three proposals each. */
export const openRules: EligibilityRules = { minTeamSize: 1, maxTeamSize: 4, maxProposalsPerApplicant: 3 };

/** POST /v1/organisations/:id/competitions with `competitionBody(overrides)`; throws unless 201. */
export async function createCompetition(app: FastifyInstance, user: TestUser, organisationId: string, overrides: Record<string, unknown> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: `/v1/organisations/${organisationId}/competitions`,
    headers: user.auth,
    payload: competitionBody(overrides),
  });
  if (res.statusCode !== 201) throw new Error(`create competition failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** POST /v1/competitions/:id/publish; throws unless 200. */
export async function publishCompetition(app: FastifyInstance, user: TestUser, competitionId: string) {
  const res = await app.inject({ method: 'POST', url: `/v1/competitions/${competitionId}/publish`, headers: user.auth });
  if (res.statusCode !== 200) throw new Error(`publish failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** POST /v1/competitions/:id/start-judging; throws unless 200 (the competition must be closed, grace included). */
export async function startJudging(app: FastifyInstance, user: TestUser, competitionId: string) {
  const res = await app.inject({ method: 'POST', url: `/v1/competitions/${competitionId}/start-judging`, headers: user.auth });
  if (res.statusCode !== 200) throw new Error(`start judging failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * Moves a competition's window relative to the database clock, as if time had passed: the only
 * way to a closed competition, since the API refuses windows in the past. `opensInSeconds`
 * defaults to a day before it closes (or before now, whichever is earlier).
 */
export async function moveWindow(app: FastifyInstance, competitionId: string, window: { opensInSeconds?: number; closesInSeconds: number }): Promise<void> {
  const opens = window.opensInSeconds ?? Math.min(window.closesInSeconds, 0) - 86_400;
  await app.database.db.execute(
    sql`update competitions set opens_at = now() + make_interval(secs => ${opens}), closes_at = now() + make_interval(secs => ${window.closesInSeconds}) where id = ${competitionId}`,
  );
}

export interface CompetitionOptions {
  /** Who organises it; a new user owning a new organisation when absent. */
  organiser?: TestUser;
  organisation?: { id: string };
  eligibility?: EligibilityRules;
  form?: FormQuestion[];
  graceSeconds?: number;
  timezone?: string;
  /** Any other part of the create request (`competitionBody` overrides); wins over the options above. */
  body?: Record<string, unknown>;
}

export interface CompetitionWorld {
  organiser: TestUser;
  organisation: { id: string };
  competitionId: string;
}

async function makeCompetition(app: FastifyInstance, options: CompetitionOptions, window: { opensAt: string; publish: boolean }) {
  const organiser = options.organiser ?? (await createUser(app));
  const organisation = options.organisation ?? (await createOrganisation(app, organiser));
  const competition = await createCompetition(app, organiser, organisation.id, {
    eligibility: options.eligibility ?? openRules,
    form: options.form ?? defaultForm,
    timing: { opensAt: window.opensAt, closesAt: daysFromNow(30), timezone: options.timezone ?? 'Europe/Rome', gracePeriodSeconds: options.graceSeconds ?? 0 },
    ...options.body,
  });
  if (window.publish) await publishCompetition(app, organiser, competition.id);
  const world: CompetitionWorld = { organiser, organisation, competitionId: competition.id };
  return { world, graceSeconds: competition.timing.gracePeriodSeconds as number };
}

/** Created, never published: invisible to applicants. */
export async function draftCompetition(app: FastifyInstance, options: CompetitionOptions = {}): Promise<CompetitionWorld> {
  return (await makeCompetition(app, options, { opensAt: daysFromNow(-1), publish: false })).world;
}

/** Published and open for proposals (opened a day ago, closes in 30 days; `moveWindow` to change). */
export async function openCompetition(app: FastifyInstance, options: CompetitionOptions = {}): Promise<CompetitionWorld> {
  return (await makeCompetition(app, options, { opensAt: daysFromNow(-1), publish: true })).world;
}

/** Published, opens tomorrow. */
export async function upcomingCompetition(app: FastifyInstance, options: CompetitionOptions = {}): Promise<CompetitionWorld> {
  return (await makeCompetition(app, options, { opensAt: daysFromNow(1), publish: true })).world;
}

/** Published, then closed an hour ago, grace period included; with `status: 'judging'`, judging started too. */
export async function closedCompetition(app: FastifyInstance, options: CompetitionOptions & { status?: 'published' | 'judging' } = {}): Promise<CompetitionWorld> {
  const { world, graceSeconds } = await makeCompetition(app, options, { opensAt: daysFromNow(-1), publish: true });
  await moveWindow(app, world.competitionId, { closesInSeconds: -(graceSeconds + 3600) });
  if (options.status === 'judging') await startJudging(app, world.organiser, world.competitionId);
  return world;
}

/**
 * An open competition with `count` proposals submitted by as many applicants (`insertApplicants`),
 * left open, closed (grace included) or in judging.
 */
export async function competitionWithSubmittedProposals(
  app: FastifyInstance,
  options: CompetitionOptions & { count: number; state?: 'open' | 'closed' | 'judging' },
): Promise<CompetitionWorld & { applicants: TestUser[]; proposalIds: string[] }> {
  const { world, graceSeconds } = await makeCompetition(app, options, { opensAt: daysFromNow(-1), publish: true });
  const applicants = await insertApplicants(app, options.count);
  const proposalIds: string[] = [];
  for (const [i, applicant] of applicants.entries()) {
    const draft = await createDraft(app, applicant, world.competitionId, { title: `Proposal ${i + 1}`, answers: validAnswers });
    const res = await submit(app, applicant, draft.id);
    if (res.statusCode !== 201) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
    proposalIds.push(draft.id);
  }
  if (options.state === 'closed' || options.state === 'judging') await moveWindow(app, world.competitionId, { closesInSeconds: -(graceSeconds + 3600) });
  if (options.state === 'judging') await startJudging(app, world.organiser, world.competitionId);
  return { ...world, applicants, proposalIds };
}

/** PUT an individual extension for `userId` ending `closesInSeconds` from the database clock, as the organiser. */
export async function grantExtension(app: FastifyInstance, organiser: TestUser, competitionId: string, userId: string, closesInSeconds: number) {
  const result = await app.database.db.execute(sql`select to_json(now() + make_interval(secs => ${closesInSeconds})) #>> '{}' as "closesAt"`);
  const { closesAt } = (result as unknown as { rows: Array<{ closesAt: string }> }).rows[0]!;
  const res = await app.inject({
    method: 'PUT',
    url: `/v1/competitions/${competitionId}/extensions/${userId}`,
    headers: organiser.auth,
    payload: { closesAt: new Date(closesAt).toISOString(), reason: 'test' },
  });
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`grant extension failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** POST a proposal draft; by default one whose answers pass `defaultForm`. Throws unless 201. */
export async function createDraft(app: FastifyInstance, user: TestUser, competitionId: string, payload: Record<string, unknown> = { title: 'Makers of Trieste', answers: validAnswers }) {
  const res = await app.inject({ method: 'POST', url: `/v1/competitions/${competitionId}/proposals`, headers: user.auth, payload });
  if (res.statusCode !== 201) throw new Error(`create proposal failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
}

/** POST /v1/proposals/:id/submit; the response, whatever it is. */
export function submit(app: FastifyInstance, user: TestUser, proposalId: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: `/v1/proposals/${proposalId}/submit`, headers: { ...user.auth, ...headers } });
}

/** The domain events of a competition, oldest first. */
export async function eventsOf(app: FastifyInstance, competitionId: string): Promise<Array<{ type: string; payload: Record<string, unknown> }>> {
  return app.database.db
    .select({ type: domainEvents.type, payload: domainEvents.payload })
    .from(domainEvents)
    .where(eq(domainEvents.competitionId, competitionId))
    .orderBy(asc(domainEvents.id));
}
