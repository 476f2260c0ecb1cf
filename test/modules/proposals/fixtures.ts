import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { competitionExtensions, competitions, users, type EligibilityRules, type FormQuestion } from '../../../src/db/schema/index.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { createOrganisation, createUser, type TestUser } from '../../helpers/factories.js';

/** Many users per test: lift the per-IP limit on register/login and the per-user limit. */
export function buildProposalsApp(t: Test, options: Parameters<typeof buildTestApp>[1] = {}): Promise<TestApp> {
  return buildTestApp(t, {
    ...options,
    env: { AUTH_RATE_LIMIT_MAX: '100000', RATE_LIMIT_MAX: '100000', ...options.env },
    deps: { auditSealIntervalMs: 0, ...options.deps },
  });
}

export const defaultForm: FormQuestion[] = [
  { id: 'summary', type: 'longtext', label: 'Summary', required: true, maxWords: 50 },
  { id: 'audience', type: 'choice', label: 'Audience', required: true, options: ['students', 'teachers', 'families'] },
  { id: 'budget', type: 'number', label: 'Budget (EUR)', required: false, min: 0, max: 5000 },
  { id: 'website', type: 'url', label: 'Website', required: false },
];

export const validAnswers = { summary: 'A maker space for teenagers in Trieste.', audience: 'students', budget: 4000 };

export const openRules: EligibilityRules = { minTeamSize: 1, maxTeamSize: 4, maxProposalsPerApplicant: 3 };

export interface CompetitionOptions {
  organisationId: string;
  /** Relative to the database clock. */
  opensInSeconds?: number;
  closesInSeconds?: number;
  graceSeconds?: number;
  eligibility?: EligibilityRules;
  form?: FormQuestion[];
  status?: 'draft' | 'published' | 'judging';
  timezone?: string;
}

/** Competitions are the competitions feature's business; these tests insert one directly, timed by the database clock. */
export async function insertCompetition(app: FastifyInstance, options: CompetitionOptions): Promise<{ id: string; closesAt: Date }> {
  const [row] = await app.database.db
    .insert(competitions)
    .values({
      organisationId: options.organisationId,
      title: `Competition ${randomBytes(3).toString('hex')}`,
      status: options.status ?? 'published',
      opensAt: sql`now() + make_interval(secs => ${options.opensInSeconds ?? -3600})`,
      closesAt: sql`now() + make_interval(secs => ${options.closesInSeconds ?? 3600})`,
      timezone: options.timezone ?? 'Europe/Rome',
      gracePeriodSeconds: options.graceSeconds ?? 0,
      prizeAmount: 500000,
      prizeCurrency: 'EUR',
      prizeWinners: 1,
      prizeSplit: [500000],
      eligibility: options.eligibility ?? openRules,
      form: options.form ?? defaultForm,
      rubric: [{ id: 'impact', label: 'Impact', weight: 1, scaleMin: 1, scaleMax: 10 }],
      judging: { reviewsPerProposal: 1, blind: false, aggregation: 'mean', normalisation: 'none', tieBreaks: [], showScoresToApplicants: false },
      publishedAt: sql`now()`,
    })
    .returning({ id: competitions.id, closesAt: competitions.closesAt });
  return row!;
}

export async function grantExtension(app: FastifyInstance, competitionId: string, userId: string, closesInSeconds: number): Promise<void> {
  await app.database.db.insert(competitionExtensions).values({
    competitionId,
    userId,
    closesAt: sql`now() + make_interval(secs => ${closesInSeconds})`,
    reason: 'test',
  });
}

/** Moves a competition's closing instant relative to the database clock (tests only). */
export async function closeCompetitionIn(app: FastifyInstance, competitionId: string, seconds: number, options: { opensInSeconds?: number } = {}): Promise<void> {
  const opens = options.opensInSeconds ?? -7200;
  await app.database.db.execute(
    sql`update competitions set opens_at = now() + make_interval(secs => ${opens}), closes_at = now() + make_interval(secs => ${seconds}) where id = ${competitionId}`,
  );
}

export interface World {
  organiser: TestUser;
  organisation: { id: string };
  competitionId: string;
}

export async function organiserWithCompetition(app: FastifyInstance, options: Omit<CompetitionOptions, 'organisationId'> = {}): Promise<World> {
  const organiser = await createUser(app);
  const organisation = await createOrganisation(app, organiser);
  const competition = await insertCompetition(app, { organisationId: organisation.id, ...options });
  return { organiser, organisation, competitionId: competition.id };
}

export async function createDraft(app: FastifyInstance, user: TestUser, competitionId: string, payload: Record<string, unknown> = { title: 'Makers of Trieste', answers: validAnswers }) {
  const res = await app.inject({ method: 'POST', url: `/v1/competitions/${competitionId}/proposals`, headers: user.auth, payload });
  if (res.statusCode !== 201) throw new Error(`create proposal failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
}

export function submit(app: FastifyInstance, user: TestUser, proposalId: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: `/v1/proposals/${proposalId}/submit`, headers: { ...user.auth, ...headers } });
}

/** Users inserted directly with a signed access token: for tests that need dozens of applicants quickly. */
export async function insertApplicants(app: FastifyInstance, count: number, overrides: { country?: string; birthDate?: string | null } = {}): Promise<TestUser[]> {
  const rows = await app.database.db
    .insert(users)
    .values(
      Array.from({ length: count }, (_, i) => ({
        email: `bulk-${process.pid}-${randomBytes(4).toString('hex')}-${i}@example.org`,
        passwordHash: 'unusable',
        displayName: `Applicant ${i}`,
        country: overrides.country ?? 'IT',
        birthDate: overrides.birthDate === undefined ? '2000-01-01' : overrides.birthDate,
      })),
    )
    .returning({ id: users.id, email: users.email });
  return rows.map((r) => {
    const accessToken = app.signAccessToken({ sub: r.id });
    return { id: r.id, email: r.email, password: '', accessToken, refreshToken: '', auth: { authorization: `Bearer ${accessToken}` } };
  });
}
