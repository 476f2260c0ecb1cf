import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { competitions } from './competitions.js';
import { organisations } from './organisations.js';
import { users } from './users.js';

const tz = { withTimezone: true } as const;

/** Attachment bytes live in PostgreSQL so every API instance serves the same files. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // PGlite hands back a Uint8Array, node-postgres a Buffer; callers always get a Buffer.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const PROPOSAL_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export const proposalStatus = pgEnum('proposal_status', PROPOSAL_STATUSES);

export const TEAM_MEMBER_STATUSES = ['invited', 'accepted', 'declined'] as const;
export const teamMemberStatus = pgEnum('proposal_member_status', TEAM_MEMBER_STATUSES);

/** One answer to a form question, as the applicant typed it. */
export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;

/** What a revision freezes; its canonical JSON is what `content_hash` hashes. */
export interface RevisionContent {
  proposalId: string;
  competitionId: string;
  applicantId: string;
  organisationId: string | null;
  title: string;
  answers: Answers;
  /** Accepted team members' user ids, sorted; the applicant is not repeated here. */
  team: string[];
  /** Sorted by id. */
  attachments: Array<{ id: string; filename: string; contentType: string; size: number; sha256: string }>;
}

/**
 * A proposal: the working draft (`title`, `answers`) plus a pointer to its current submitted
 * revision. Submitted content never changes in place; it lives in `proposal_revisions`.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: uuid().primaryKey().defaultRandom(),
    competitionId: uuid()
      .notNull()
      .references(() => competitions.id, { onDelete: 'restrict' }),
    applicantId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** Submitting on behalf of an organisation the applicant belongs to. */
    organisationId: uuid().references(() => organisations.id, { onDelete: 'set null' }),
    status: proposalStatus().notNull().default('draft'),
    title: text().notNull().default(''),
    answers: jsonb().$type<Answers>().notNull().default({}),
    currentRevision: integer(),
    /** True when the draft differs from the current revision (edited after the last submit). */
    unsubmittedChanges: boolean().notNull().default(true),
    late: boolean().notNull().default(false),
    firstSubmittedAt: timestamp(tz),
    lastSubmittedAt: timestamp(tz),
    withdrawnAt: timestamp(tz),
    /** Bumped by every change; the proposal's ETag. */
    version: integer().notNull().default(1),
    createdAt: timestamp(tz).notNull().defaultNow(),
    updatedAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    index('proposals_competition_idx').on(t.competitionId, t.status),
    /** What a judging assignment's (competition, proposal) refers to: a proposal of the same competition. */
    uniqueIndex('proposals_competition_id_key').on(t.competitionId, t.id),
    index('proposals_applicant_idx').on(t.applicantId, t.competitionId),
    check('proposals_submitted_has_revision', sql`${t.status} <> 'submitted' or ${t.currentRevision} is not null`),
    check('proposals_revision_positive', sql`${t.currentRevision} is null or ${t.currentRevision} >= 1`),
    check('proposals_title_length', sql`char_length(${t.title}) <= 300`),
  ],
);

/** Immutable submitted snapshots; rows are only inserted (a trigger refuses UPDATE and DELETE). */
export const proposalRevisions = pgTable(
  'proposal_revisions',
  {
    proposalId: uuid()
      .notNull()
      .references(() => proposals.id, { onDelete: 'restrict' }),
    revision: integer().notNull(),
    competitionId: uuid()
      .notNull()
      .references(() => competitions.id, { onDelete: 'restrict' }),
    submittedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    content: jsonb().$type<RevisionContent>().notNull(),
    /** SHA-256 (hex) of the canonical JSON of `content`. */
    contentHash: text().notNull(),
    /** The database clock at the submitting transaction: the only clock that counts. */
    receivedAt: timestamp(tz).notNull().defaultNow(),
    late: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.proposalId, t.revision] }),
    index('proposal_revisions_competition_idx').on(t.competitionId, t.receivedAt),
    check('proposal_revisions_revision_positive', sql`${t.revision} >= 1`),
    check('proposal_revisions_hash_hex', sql`${t.contentHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Team members: invited by email, counted once they accept. */
export const proposalMembers = pgTable(
  'proposal_members',
  {
    id: uuid().primaryKey().defaultRandom(),
    proposalId: uuid()
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    /** Set when the invitation is accepted (or declined) by a logged-in user with that address. */
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    status: teamMemberStatus().notNull().default('invited'),
    tokenHash: text().notNull(),
    invitedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp(tz).notNull(),
    respondedAt: timestamp(tz),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('proposal_members_email_key').on(t.proposalId, t.email),
    uniqueIndex('proposal_members_user_key').on(t.proposalId, t.userId),
    uniqueIndex('proposal_members_token_key').on(t.tokenHash),
    index('proposal_members_user_idx').on(t.userId),
    check('proposal_members_email_lower', sql`${t.email} = lower(${t.email})`),
    check('proposal_members_accepted_user', sql`${t.status} = 'invited' or ${t.userId} is not null`),
  ],
);

/**
 * Files attached to the draft. A file that a submitted revision refers to is only marked
 * `removed_at` when taken off the draft, so the revision's files stay downloadable.
 */
export const proposalAttachments = pgTable(
  'proposal_attachments',
  {
    id: uuid().primaryKey().defaultRandom(),
    proposalId: uuid()
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    filename: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    data: bytea().notNull(),
    uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    removedAt: timestamp(tz),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    index('proposal_attachments_proposal_idx').on(t.proposalId),
    check('proposal_attachments_size', sql`${t.size} > 0 and ${t.size} = octet_length(${t.data})`),
    check('proposal_attachments_sha256_hex', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('proposal_attachments_filename', sql`char_length(${t.filename}) between 1 and 255`),
  ],
);

/** A guardian's consent for a minor to take part in one competition, confirmed through an emailed token. */
export const guardianConsents = pgTable(
  'guardian_consents',
  {
    id: uuid().primaryKey().defaultRandom(),
    competitionId: uuid()
      .notNull()
      .references(() => competitions.id, { onDelete: 'cascade' }),
    applicantId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The proposal from which consent was requested (informational; consent covers the competition). */
    proposalId: uuid().references(() => proposals.id, { onDelete: 'set null' }),
    guardianEmail: text().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp(tz).notNull(),
    confirmedAt: timestamp(tz),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('guardian_consents_token_key').on(t.tokenHash),
    index('guardian_consents_applicant_idx').on(t.competitionId, t.applicantId),
    check('guardian_consents_email_lower', sql`${t.guardianEmail} = lower(${t.guardianEmail})`),
  ],
);

/**
 * How many proposals each applicant has submitted (and not withdrawn) in a competition: the
 * quota counter. Incremented by an applicant's first submit of a proposal, decremented by the
 * withdrawal of a submitted one, always in the same transaction. A conditional increment
 * (`... where submitted < max`) holds under concurrency without any other lock, because
 * PostgreSQL re-checks the condition on the row's latest version after waiting for it.
 */
export const applicantSubmissionCounts = pgTable(
  'applicant_submission_counts',
  {
    competitionId: uuid()
      .notNull()
      .references(() => competitions.id, { onDelete: 'cascade' }),
    applicantId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    submitted: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.competitionId, t.applicantId] }), check('applicant_submission_counts_not_negative', sql`${t.submitted} >= 0`)],
);

/**
 * The eligibility facts (country, birth date) a person's profile declared when a submit to the
 * competition first read them -- as the applicant or as an accepted team member -- whether that
 * submit was accepted or refused. Later submits to the competition decide on these, not on the
 * profile as edited since: a refused applicant cannot edit their way in. A birth date missing
 * when frozen may be added once (`birth_date` goes from null to a value, never back or to another).
 */
export const frozenEligibilityFacts = pgTable(
  'frozen_eligibility_facts',
  {
    competitionId: uuid()
      .notNull()
      .references(() => competitions.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    country: text().notNull(),
    birthDate: date({ mode: 'string' }),
    frozenAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.competitionId, t.userId] }), check('frozen_eligibility_facts_country_iso', sql`${t.country} ~ '^[A-Z]{2}$'`)],
);
