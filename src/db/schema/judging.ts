import { sql } from 'drizzle-orm';
import { bigint, boolean, check, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { competitions } from './competitions.js';
import { organisations } from './organisations.js';
import { proposals } from './proposals.js';
import { users } from './users.js';

const tz = { withTimezone: true } as const;

export const JUDGE_STATUSES = ['invited', 'accepted', 'declined', 'removed'] as const;
export const judgeStatus = pgEnum('judge_status', JUDGE_STATUSES);

export const CONFLICT_SOURCES = ['declared_by_judge', 'declared_by_organiser'] as const;
export const conflictSource = pgEnum('judge_conflict_source', CONFLICT_SOURCES);

export const BIDS = ['eager', 'willing', 'unwilling'] as const;
export const judgeBid = pgEnum('judge_bid', BIDS);

export const REVIEW_STATUSES = ['draft', 'submitted'] as const;
export const reviewStatus = pgEnum('review_status', REVIEW_STATUSES);

/**
 * A competition's panel: one row per invited address. `userId` is set when the invitation is
 * accepted (the invitee may have had no account when invited).
 */
export const judges = pgTable(
  'judges',
  {
    id: uuid().primaryKey().defaultRandom(),
    competitionId: uuid()
      .notNull()
      .references(() => competitions.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    userId: uuid().references(() => users.id, { onDelete: 'restrict' }),
    status: judgeStatus().notNull().default('invited'),
    tokenHash: text().notNull(),
    expiresAt: timestamp(tz).notNull(),
    /** At most this many assignments in a round; null: balancing alone decides. */
    maxLoad: integer(),
    /** When removed: whether the judge's submitted reviews still count (the organiser's audited choice). */
    keepReviews: boolean().notNull().default(false),
    invitedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    respondedAt: timestamp(tz),
    removedAt: timestamp(tz),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('judges_email_key').on(t.competitionId, sql`lower(${t.email})`),
    uniqueIndex('judges_user_key').on(t.competitionId, t.userId),
    /** What an assignment's (competition, judge) refers to: a judge of the same competition. */
    uniqueIndex('judges_competition_id_key').on(t.competitionId, t.id),
    index('judges_user_idx').on(t.userId),
    check('judges_max_load', sql`${t.maxLoad} is null or ${t.maxLoad} >= 0`),
    check('judges_accepted_user', sql`${t.status} <> 'accepted' or ${t.userId} is not null`),
  ],
);

/**
 * Declared conflicts (with a proposal or with a whole organisation). Detected conflicts (the
 * judge is the applicant, a team member, or shares an organisation with them) are computed on
 * every read from the current facts, never stored, so they cannot go stale.
 */
export const judgeConflicts = pgTable(
  'judge_conflicts',
  {
    id: uuid().primaryKey().defaultRandom(),
    competitionId: uuid()
      .notNull()
      .references(() => competitions.id, { onDelete: 'cascade' }),
    judgeId: uuid()
      .notNull()
      .references(() => judges.id, { onDelete: 'cascade' }),
    proposalId: uuid().references(() => proposals.id, { onDelete: 'cascade' }),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'cascade' }),
    source: conflictSource().notNull(),
    reason: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    index('judge_conflicts_judge_idx').on(t.judgeId),
    index('judge_conflicts_competition_idx').on(t.competitionId),
    check('judge_conflicts_target', sql`(${t.proposalId} is null) <> (${t.organisationId} is null)`),
  ],
);

export const judgeBids = pgTable(
  'judge_bids',
  {
    judgeId: uuid()
      .notNull()
      .references(() => judges.id, { onDelete: 'cascade' }),
    proposalId: uuid()
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    competitionId: uuid()
      .notNull()
      .references(() => competitions.id, { onDelete: 'cascade' }),
    bid: judgeBid().notNull(),
    updatedAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.judgeId, t.proposalId] }), index('judge_bids_competition_idx').on(t.competitionId)],
);

/**
 * Judging rounds: round 1 holds every submitted proposal; a shortlist round holds the proposals
 * chosen to advance (`judging_round_proposals`).
 */
export const judgingRounds = pgTable(
  'judging_rounds',
  {
    id: uuid().primaryKey().defaultRandom(),
    competitionId: uuid()
      .notNull()
      .references(() => competitions.id, { onDelete: 'cascade' }),
    number: integer().notNull(),
    reviewsPerProposal: integer().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('judging_rounds_number_key').on(t.competitionId, t.number),
    check('judging_rounds_number', sql`${t.number} >= 1`),
    check('judging_rounds_reviews', sql`${t.reviewsPerProposal} >= 1`),
  ],
);

export const judgingRoundProposals = pgTable(
  'judging_round_proposals',
  {
    roundId: uuid()
      .notNull()
      .references(() => judgingRounds.id, { onDelete: 'cascade' }),
    proposalId: uuid()
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.proposalId] })],
);

/** A dry run's plan, kept so an apply applies exactly it: `inputDigest` names the facts it was planned on. */
export const assignmentPlans = pgTable(
  'assignment_plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    competitionId: uuid()
      .notNull()
      .references(() => competitions.id, { onDelete: 'cascade' }),
    round: integer().notNull(),
    inputDigest: text().notNull(),
    plan: jsonb().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp(tz).notNull().defaultNow(),
    appliedAt: timestamp(tz),
  },
  (t) => [index('assignment_plans_competition_idx').on(t.competitionId)],
);

export const ASSIGNMENT_SOURCES = ['automatic', 'manual'] as const;
export const assignmentSource = pgEnum('assignment_source', ASSIGNMENT_SOURCES);

/**
 * A judge assigned to a proposal in a round; its review (if started) is in `reviews`. The judge
 * and the proposal are referenced together with the competition (composite keys), so an
 * assignment can only join a judge and a proposal of its own competition; those two checks also
 * stand for the competition (each cascades from it) and the plan (deleted only with it): two
 * foreign-key checks per row instead of five, which an apply of 30,000 rows pays for each.
 */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    competitionId: uuid().notNull(),
    round: integer().notNull(),
    judgeId: uuid().notNull(),
    proposalId: uuid().notNull(),
    source: assignmentSource().notNull(),
    /** The plan it came from (automatic); plans go only with their competition, and so do its assignments. */
    planId: uuid(),
    /** Why this judge: load at the time, bid, conflicts checked (the planner's words, or the organiser's). */
    explanation: jsonb().$type<Record<string, unknown>>().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'assignments_judge_fk', columns: [t.competitionId, t.judgeId], foreignColumns: [judges.competitionId, judges.id] }).onDelete('cascade'),
    foreignKey({ name: 'assignments_proposal_fk', columns: [t.competitionId, t.proposalId], foreignColumns: [proposals.competitionId, proposals.id] }).onDelete('cascade'),
    uniqueIndex('assignments_pair_key').on(t.competitionId, t.round, t.judgeId, t.proposalId),
    index('assignments_judge_idx').on(t.judgeId, t.round),
    index('assignments_proposal_idx').on(t.proposalId, t.round),
  ],
);

/** One review per assignment: scores per rubric criterion, a comment for the applicant, a note for organisers. */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    assignmentId: uuid()
      .notNull()
      .references(() => assignments.id, { onDelete: 'restrict' }),
    competitionId: uuid()
      .notNull()
      .references(() => competitions.id, { onDelete: 'cascade' }),
    round: integer().notNull(),
    judgeId: uuid()
      .notNull()
      .references(() => judges.id, { onDelete: 'cascade' }),
    proposalId: uuid()
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    status: reviewStatus().notNull().default('draft'),
    scores: jsonb().$type<Record<string, number>>().notNull().default({}),
    commentForApplicant: text().notNull().default(''),
    noteForOrganisers: text().notNull().default(''),
    version: integer().notNull().default(1),
    submittedAt: timestamp(tz),
    createdAt: timestamp(tz).notNull().defaultNow(),
    updatedAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reviews_assignment_key').on(t.assignmentId),
    index('reviews_competition_idx').on(t.competitionId, t.round),
    /** The export's keyset order over every round. */
    index('reviews_export_idx').on(t.competitionId, t.id),
    index('reviews_proposal_idx').on(t.proposalId),
    check('reviews_submitted_at', sql`(${t.status} = 'submitted') = (${t.submittedAt} is not null)`),
  ],
);

/** The organiser's decision: winners in order and their prize shares (minor units). */
export const judgingDecisions = pgTable(
  'judging_decisions',
  {
    competitionId: uuid()
      .primaryKey()
      .references(() => competitions.id, { onDelete: 'cascade' }),
    winners: jsonb().$type<Array<{ proposalId: string; position: number; prizeAmount: number; rank: number | null }>>().notNull(),
    /** Required when the winners are not the top of the ranking in order. */
    departureReason: text(),
    version: integer().notNull().default(1),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp(tz).notNull().defaultNow(),
  },
);

/** Published results: the signed public document, frozen. */
export const competitionResults = pgTable('competition_results', {
  competitionId: uuid()
    .primaryKey()
    .references(() => competitions.id, { onDelete: 'cascade' }),
  document: jsonb().$type<Record<string, unknown>>().notNull(),
  /** Ed25519 over the canonical JSON of `document`, with the receipt key. */
  signature: text().notNull(),
  keyId: text().notNull(),
  prizeTotal: bigint({ mode: 'number' }).notNull(),
  overrideReason: text(),
  publishedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  publishedAt: timestamp(tz).notNull().defaultNow(),
});
