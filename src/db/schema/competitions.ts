import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.js';
import { users } from './users.js';

const tz = { withTimezone: true } as const;

export const COMPETITION_STATUSES = ['draft', 'published', 'judging', 'results_published', 'archived'] as const;
export const competitionStatus = pgEnum('competition_status', COMPETITION_STATUSES);

/** Checked at submit time; stored as one JSON document because it changes as a whole and freezes as a whole. */
export interface EligibilityRules {
  minAge?: number | null;
  maxAge?: number | null;
  /** Date (YYYY-MM-DD) at which age is computed; the submission instant when absent. */
  ageReferenceDate?: string | null;
  /** ISO 3166-1 alpha-2; empty or absent means anywhere. Applies to the applicant and team members. */
  allowedCountries?: string[];
  minTeamSize: number;
  maxTeamSize: number;
  maxProposalsPerApplicant: number;
  /** Applicants younger than this need a guardian's consent before a proposal is accepted. */
  guardianConsentUnderAge?: number | null;
}

export type QuestionType = 'text' | 'longtext' | 'number' | 'choice' | 'multichoice' | 'url' | 'date' | 'boolean';
export interface FormQuestion {
  id: string;
  type: QuestionType;
  label: string;
  help?: string;
  required: boolean;
  maxChars?: number;
  maxWords?: number;
  min?: number;
  max?: number;
  options?: string[];
}

export interface RubricCriterion {
  id: string;
  label: string;
  description?: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
}

export interface JudgingSettings {
  reviewsPerProposal: number;
  blind: boolean;
  aggregation: 'mean' | 'median';
  normalisation: 'none' | 'zscore';
  tieBreaks: Array<{ kind: 'criterion'; criterionId: string } | { kind: 'earliest_submission' }>;
  judgingOpensAt?: string | null;
  judgingClosesAt?: string | null;
  shortlistSize?: number | null;
  showScoresToApplicants: boolean;
  /** Absent in competitions made before judging existed: read with `?? default`. */
  bidding?: boolean;
  bidTitlesInBlind?: boolean;
  attachmentsForJudges?: 'stripped' | 'withheld';
  publishFullRanking?: boolean;
}

export interface Prize {
  amount: number;
  currency: string;
  winners: number;
  /** Minor units per rank; sums to `amount`. */
  split: number[];
}

export const competitions = pgTable(
  'competitions',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    challengeId: uuid(),
    title: text().notNull(),
    summary: text().notNull().default(''),
    description: text().notNull().default(''),
    themes: text().array().notNull().default(sql`'{}'::text[]`),
    countries: text().array().notNull().default(sql`'{}'::text[]`),
    status: competitionStatus().notNull().default('draft'),
    opensAt: timestamp(tz).notNull(),
    closesAt: timestamp(tz).notNull(),
    timezone: text().notNull(),
    gracePeriodSeconds: integer().notNull().default(0),
    prizeAmount: bigint({ mode: 'number' }).notNull(),
    prizeCurrency: text().notNull(),
    prizeWinners: integer().notNull().default(1),
    prizeSplit: bigint({ mode: 'number' }).array().notNull(),
    eligibility: jsonb().$type<EligibilityRules>().notNull(),
    form: jsonb().$type<FormQuestion[]>().notNull(),
    rubric: jsonb().$type<RubricCriterion[]>().notNull(),
    judging: jsonb().$type<JudgingSettings>().notNull(),
    /** Set by the first submit; rules and form cannot change afterwards. */
    rulesFrozenAt: timestamp(tz),
    publishedAt: timestamp(tz),
    /** Bumped on every change; the ETag of the competition. */
    version: integer().notNull().default(1),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp(tz).notNull().defaultNow(),
    updatedAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    index('competitions_org_idx').on(t.organisationId),
    index('competitions_public_idx').on(t.status, t.closesAt),
    check('competitions_window', sql`${t.closesAt} > ${t.opensAt}`),
    check('competitions_grace', sql`${t.gracePeriodSeconds} >= 0`),
    check('competitions_prize', sql`${t.prizeAmount} >= 0 and ${t.prizeWinners} >= 1`),
    check('competitions_currency', sql`${t.prizeCurrency} ~ '^[A-Z]{3}$'`),
  ],
);

/** An organiser's individual deadline extension for one applicant. */
export const competitionExtensions = pgTable(
  'competition_extensions',
  {
    id: uuid().primaryKey().defaultRandom(),
    competitionId: uuid()
      .notNull()
      .references(() => competitions.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    closesAt: timestamp(tz).notNull(),
    reason: text().notNull(),
    grantedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('competition_extensions_user_key').on(t.competitionId, t.userId)],
);
