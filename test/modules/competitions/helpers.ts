import { randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { domainEvents } from '../../../src/db/schema/index.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import type { TestUser } from '../../helpers/factories.js';

const DAY = 86_400_000;

/** An ISO instant `days` from the test machine's clock (the database shares it). */
export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** A complete, valid configuration; override any top-level part. */
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

export async function publishCompetition(app: FastifyInstance, user: TestUser, competitionId: string) {
  const res = await app.inject({ method: 'POST', url: `/v1/competitions/${competitionId}/publish`, headers: user.auth });
  if (res.statusCode !== 200) throw new Error(`publish failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Many users and requests per test file: lift the rate limits; seal the audit chain only when asked. */
export function buildCompetitionsApp(t: Test): Promise<TestApp> {
  return buildTestApp(t, {
    env: { AUTH_RATE_LIMIT_MAX: '100000', RATE_LIMIT_MAX: '100000' },
    deps: { auditSealIntervalMs: 0 },
  });
}

/** Moves a competition's window relative to the database clock, as if time had passed (tests only). */
export async function shiftWindow(app: FastifyInstance, competitionId: string, opensInSeconds: number, closesInSeconds: number): Promise<void> {
  await app.database.db.execute(
    sql`update competitions set opens_at = now() + make_interval(secs => ${opensInSeconds}), closes_at = now() + make_interval(secs => ${closesInSeconds}) where id = ${competitionId}`,
  );
}

export async function eventsOf(app: FastifyInstance, competitionId: string): Promise<Array<{ type: string; payload: Record<string, unknown> }>> {
  return app.database.db
    .select({ type: domainEvents.type, payload: domainEvents.payload })
    .from(domainEvents)
    .where(eq(domainEvents.competitionId, competitionId))
    .orderBy(asc(domainEvents.id));
}
