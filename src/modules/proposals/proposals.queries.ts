import DataLoader from 'dataloader';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import {
  applicantSubmissionCounts,
  competitions,
  domainEvents,
  guardianConsents,
  proposalAttachments,
  proposalMembers,
  proposalRevisions,
  proposals,
  users,
  type Answers,
  type EligibilityRules,
  type FormQuestion,
  type RevisionContent,
} from '../../db/schema/index.js';

export type ProposalRow = typeof proposals.$inferSelect;
export type MemberRow = typeof proposalMembers.$inferSelect;

/** `timestamptz` exactly as stored (microseconds, UTC): receipts and revisions quote it verbatim. */
export const isoMicros = (column: SQL | typeof proposalRevisions.receivedAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The immutable facts about a proposal, read without a lock to find which competition to lock. */
export async function selectProposalHead(db: DbOrTx, proposalId: string) {
  const [row] = await db
    .select({
      id: proposals.id,
      competitionId: proposals.competitionId,
      applicantId: proposals.applicantId,
    })
    .from(proposals)
    .where(eq(proposals.id, proposalId))
    .limit(1);
  return row;
}

export async function selectProposal(db: DbOrTx, proposalId: string): Promise<ProposalRow | undefined> {
  const [row] = await db.select().from(proposals).where(eq(proposals.id, proposalId)).limit(1);
  return row;
}

/** The proposal row locked for this transaction, with what the rules need to know about its applicant. */
export async function lockProposal(tx: DbOrTx, proposalId: string) {
  const [row] = await tx
    .select({ proposal: proposals, applicantCountry: users.country, applicantBirthDate: users.birthDate, applicantEmail: users.email })
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.applicantId))
    .where(eq(proposals.id, proposalId))
    .for('update', { of: proposals });
  return row;
}

interface TeamJson {
  id: string;
  email: string;
  userId: string | null;
  status: MemberRow['status'];
  displayName: string | null;
  country: string | null;
  birthDate: string | null;
  createdAt: string;
  respondedAt: string | null;
}

interface AttachmentJson {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

// Correlated on `proposals.id`: usable in any statement whose FROM names the proposals table unaliased.
const TEAM_JSON = `coalesce((
    select json_agg(json_build_object(
      'id', m.id, 'email', m.email, 'userId', m.user_id, 'status', m.status, 'displayName', mu.display_name,
      'country', mu.country, 'birthDate', mu.birth_date, 'createdAt', m.created_at, 'respondedAt', m.responded_at
    ) order by m.created_at, m.id)
    from proposal_members m left join users mu on mu.id = m.user_id
    where m.proposal_id = proposals.id), '[]'::json)`;

const ATTACHMENTS_JSON = `coalesce((
    select json_agg(json_build_object(
      'id', a.id, 'filename', a.filename, 'contentType', a.content_type, 'size', a.size, 'sha256', a.sha256, 'createdAt', a.created_at
    ) order by a.created_at, a.id)
    from proposal_attachments a where a.proposal_id = proposals.id and a.removed_at is null), '[]'::json)`;

const teamJson = sql<TeamJson[]>`${sql.raw(TEAM_JSON)}`;
const attachmentsJson = sql<AttachmentJson[]>`${sql.raw(ATTACHMENTS_JSON)}`;

function withDates<T extends { team: TeamJson[]; attachments: AttachmentJson[] }>(row: T) {
  return {
    ...row,
    team: row.team.map((m) => ({ ...m, createdAt: new Date(m.createdAt), respondedAt: m.respondedAt ? new Date(m.respondedAt) : null })),
    attachments: row.attachments.map((a) => ({ ...a, createdAt: new Date(a.createdAt) })),
  };
}

/**
 * The submit path's one read: the proposal locked FOR UPDATE, its applicant, its whole team and
 * its draft attachments, in a single round trip (the deadline rush is bound by round trips).
 */
export async function lockProposalForSubmit(tx: DbOrTx, proposalId: string) {
  const [row] = await tx
    .select({
      proposal: proposals,
      applicantCountry: users.country,
      applicantBirthDate: users.birthDate,
      timezone: competitions.timezone,
      team: teamJson,
      attachments: attachmentsJson,
    })
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.applicantId))
    .innerJoin(competitions, eq(competitions.id, proposals.competitionId))
    .where(eq(proposals.id, proposalId))
    .for('update', { of: proposals });
  return row && withDates(row);
}

/** The columns of `READ_FOR_SUBMIT`, as PostgreSQL returns them (timestamps and JSON already parsed by the driver). */
interface ReadForSubmitRow {
  id: string;
  competition_id: string;
  applicant_id: string;
  organisation_id: string | null;
  status: ProposalRow['status'];
  title: string;
  answers: Answers;
  current_revision: number | null;
  unsubmitted_changes: boolean;
  late: boolean;
  first_submitted_at: Date | null;
  last_submitted_at: Date | null;
  withdrawn_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  applicant_country: string;
  applicant_birth_date: string | null;
  timezone: string;
  competition_version: number;
  rules_frozen: boolean;
  eligibility: EligibilityRules;
  form: FormQuestion[];
  closes_at: Date;
  effective_closes_at: Date;
  submission_date: string;
  closed: boolean;
  accepting: boolean;
  has_guardian_consent: boolean;
  team: TeamJson[];
  attachments: AttachmentJson[];
}

/**
 * The proposals by id with everything a submit decides on. Written out by hand (a named,
 * once-planned statement whose rows are mapped directly: Drizzle's generic row mapping was a
 * twentieth of the API's CPU in a deadline rush).
 */
const READ_FOR_SUBMIT = `
  select proposals.id, proposals.competition_id, proposals.applicant_id, proposals.organisation_id, proposals.status,
    proposals.title, proposals.answers, proposals.current_revision, proposals.unsubmitted_changes, proposals.late,
    proposals.first_submitted_at, proposals.last_submitted_at, proposals.withdrawn_at, proposals.version,
    proposals.created_at, proposals.updated_at,
    u.country as applicant_country, u.birth_date::text as applicant_birth_date,
    c.timezone, c.version as competition_version, c.rules_frozen_at is not null as rules_frozen, c.eligibility, c.form,
    c.closes_at, d.effective_closes_at,
    -- The date in the competition's zone by the database clock: the age rules' reference date.
    (now() at time zone c.timezone)::date::text as submission_date,
    -- Past the applicant's deadline (or out of the published state): refused, whatever follows.
    c.status <> 'draft' and (c.status <> 'published' or now() >= d.effective_closes_at) as closed,
    -- A hint only (no lock): whether the one-statement submission can be tried at all.
    c.status = 'published' and now() >= c.opens_at and now() < d.effective_closes_at as accepting,
    exists (select 1 from guardian_consents g
      where g.competition_id = proposals.competition_id and g.applicant_id = proposals.applicant_id and g.confirmed_at is not null) as has_guardian_consent,
    ${TEAM_JSON} as team,
    ${ATTACHMENTS_JSON} as attachments
  from proposals
  join users u on u.id = proposals.applicant_id
  join competitions c on c.id = proposals.competition_id
  cross join lateral applicant_deadline(c.id, c.closes_at, proposals.applicant_id) ad
  cross join lateral (select ad.deadline + make_interval(secs => c.grace_period_seconds) as effective_closes_at) d
  where proposals.id = any($1::uuid[])`;

function fromReadForSubmitRow(r: ReadForSubmitRow) {
  const proposal: ProposalRow = {
    id: r.id,
    competitionId: r.competition_id,
    applicantId: r.applicant_id,
    organisationId: r.organisation_id,
    status: r.status,
    title: r.title,
    answers: r.answers,
    currentRevision: r.current_revision,
    unsubmittedChanges: r.unsubmitted_changes,
    late: r.late,
    firstSubmittedAt: r.first_submitted_at,
    lastSubmittedAt: r.last_submitted_at,
    withdrawnAt: r.withdrawn_at,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  return withDates({
    proposal,
    applicantCountry: r.applicant_country,
    applicantBirthDate: r.applicant_birth_date,
    timezone: r.timezone,
    competitionVersion: r.competition_version,
    rulesFrozen: r.rules_frozen,
    eligibility: r.eligibility,
    form: r.form,
    submissionDate: r.submission_date,
    closesAt: r.closes_at,
    effectiveClosesAt: r.effective_closes_at,
    closed: r.closed,
    accepting: r.accepting,
    hasGuardianConsent: r.has_guardian_consent,
    team: r.team,
    attachments: r.attachments,
  });
}

/**
 * The submit path's first read, one round trip without locks, shared by the submits of the same
 * moment: the proposal, its applicant, team and files, the competition's rules and version, the
 * database clock, and whether the applicant's deadline has passed. A refusal after the deadline
 * needs nothing more (it writes nothing, so this consistent read decides it); a submission is
 * then written by `createSubmissionWriter`, which re-checks under its locks that none of it
 * changed.
 */
export function prepareReadForSubmit(db: Db, kind: 'postgres' | 'pglite') {
  // The reads of one turn of the event loop share a round trip (and one `now()`).
  const loader = new DataLoader<string, ReadForSubmitRow | undefined>(
    async (proposalIds) => {
      const rows = await rawQuery<ReadForSubmitRow>(db, kind, 'proposals_read_for_submit', READ_FOR_SUBMIT, [[...new Set(proposalIds)]]);
      const found = new Map(rows.map((row) => [row.id, row]));
      return proposalIds.map((id) => found.get(id));
    },
    { cache: false, maxBatchSize: 100, batchScheduleFn: (dispatch) => setImmediate(dispatch) },
  );
  return async (proposalId: string) => {
    const row = await loader.load(proposalId);
    return row && fromReadForSubmitRow(row);
  };
}

/**
 * `$1` is a JSON array, one object per submission (see `createSubmissionWriter`): one native
 * `JSON.stringify` of the batch costs the API a fifth of what fourteen text-array parameters did.
 * Written out by hand so it can be a named, once-planned statement.
 */
const STORE_SUBMISSIONS = `
  with input as (
    select * from jsonb_to_recordset($1::jsonb)
      as i(proposal_id uuid, proposal_version int, revision int, competition_id uuid, competition_version int, applicant_id uuid,
           submitted_by uuid, timezone text, submission_date date, content jsonb, content_hash text, facts jsonb,
           first_submit boolean, max_proposals int)
  ), window_ as (
    select i.proposal_id, c.id as competition_id, c.organisation_id, now() >= d.deadline as late
    from input i
    join competitions c on c.id = i.competition_id
    cross join lateral applicant_deadline(c.id, c.closes_at, i.applicant_id) d
    where c.status = 'published' and c.version = i.competition_version and c.rules_frozen_at is not null
      and now() >= c.opens_at and now() < d.deadline + make_interval(secs => c.grace_period_seconds)
      and (now() at time zone i.timezone)::date = i.submission_date
    for share of c
  ), proposal as (
    select p.id, i.first_submit from proposals p
    join input i on i.proposal_id = p.id
    where p.version = i.proposal_version and coalesce(p.current_revision, 0) = i.revision - 1
      and p.status = (case when i.first_submit then 'draft' else 'submitted' end)::proposal_status
      and exists (select 1 from window_ w where w.proposal_id = p.id)
    order by p.id
    for update of p
  ), counted as (
    insert into applicant_submission_counts (competition_id, applicant_id, submitted)
    select i.competition_id, i.applicant_id, 1 from proposal p join input i on i.proposal_id = p.id
    where p.first_submit
    order by i.competition_id, i.applicant_id
    on conflict (competition_id, applicant_id) do update set submitted = applicant_submission_counts.submitted + 1
      where applicant_submission_counts.submitted < (select i.max_proposals from input i
        where i.competition_id = excluded.competition_id and i.applicant_id = excluded.applicant_id)
    returning competition_id, applicant_id
  ), rev as (
    insert into proposal_revisions (proposal_id, revision, competition_id, submitted_by, content, content_hash, received_at, late)
    select i.proposal_id, i.revision, w.competition_id, i.submitted_by, i.content, i.content_hash, now(), w.late
    from proposal p
    join input i on i.proposal_id = p.id
    join window_ w on w.proposal_id = p.id
    where not p.first_submit
      or exists (select 1 from counted k where k.competition_id = i.competition_id and k.applicant_id = i.applicant_id)
    returning proposal_id, revision, competition_id, received_at, late,
      to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as received_at_iso
  ), updated as (
    update proposals p set
      status = 'submitted', current_revision = rev.revision, late = rev.late, unsubmitted_changes = false,
      first_submitted_at = coalesce(p.first_submitted_at, rev.received_at), last_submitted_at = rev.received_at,
      version = p.version + 1, updated_at = rev.received_at
    from rev where p.id = rev.proposal_id
    returning p.id
  ), facts as (
    select i.facts || jsonb_build_object('receivedAt', rev.received_at_iso, 'late', rev.late) as data,
      rev.proposal_id, rev.competition_id, i.submitted_by
    from rev join input i on i.proposal_id = rev.proposal_id
  ), event as (
    insert into domain_events (type, organisation_id, competition_id, subject_id, payload)
    select 'proposal.submitted', w.organisation_id, w.competition_id, f.proposal_id, f.data
    from facts f join window_ w on w.proposal_id = f.proposal_id
  ), audit as (
    insert into audit_log (competition_id, actor_id, action, subject_type, subject_id, data)
    select f.competition_id, f.submitted_by, 'proposal.submitted', 'proposal', f.proposal_id, f.data from facts f
  )
  select rev.proposal_id, rev.received_at_iso as received_at, rev.late from rev join updated on updated.id = rev.proposal_id`;

type RawClient = { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> } | { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

/** Runs a hand-written statement on the driver itself: a named (prepared) statement on pg, a plain query on PGlite. */
async function rawQuery<T>(db: Db, kind: 'postgres' | 'pglite', name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: RawClient }).$client;
  const result =
    kind === 'postgres'
      ? await (client as { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> }).query({ name, text, values })
      : await (client as { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> }).query(text, values);
  return result.rows as T[];
}

export interface SubmissionAtOnce {
  proposalId: string;
  proposalVersion: number;
  revision: number;
  competitionId: string;
  competitionVersion: number;
  applicantId: string;
  submittedBy: string;
  timezone: string;
  submissionDate: string;
  content: RevisionContent;
  contentHash: string;
  facts: Record<string, unknown>;
  firstSubmit: boolean;
  maxProposalsPerApplicant: number;
}

export type StoredSubmission = { receivedAt: string; late: boolean } | undefined;

async function storeSubmissions(db: Db, kind: 'postgres' | 'pglite', batch: readonly SubmissionAtOnce[]): Promise<Map<string, { receivedAt: string; late: boolean }>> {
  const input = batch.map((v) => ({
    proposal_id: v.proposalId,
    proposal_version: v.proposalVersion,
    revision: v.revision,
    competition_id: v.competitionId,
    competition_version: v.competitionVersion,
    applicant_id: v.applicantId,
    submitted_by: v.submittedBy,
    timezone: v.timezone,
    submission_date: v.submissionDate,
    content: v.content,
    content_hash: v.contentHash,
    facts: v.facts,
    first_submit: v.firstSubmit,
    max_proposals: v.maxProposalsPerApplicant,
  }));
  const rows = await rawQuery<{ proposal_id: string; received_at: string; late: boolean }>(db, kind, 'proposals_store_submissions', STORE_SUBMISSIONS, [
    JSON.stringify(input),
  ]);
  return new Map(rows.map((r) => [r.proposal_id, { receivedAt: r.received_at, late: r.late }]));
}

/**
 * Stores submissions -- an applicant's first of a proposal, or a resubmission, once the
 * competition's rules are frozen -- in ONE statement per batch (its own transaction). Submits
 * that arrive while the event loop is busy are written together, as PostgreSQL groups commits:
 * one round trip, one plan execution and one WAL flush for the lot. Each submission is judged on
 * its own; the statement takes the same locks as the transactional path -- the competition row
 * FOR SHARE, the proposals FOR UPDATE (in id order) -- and stores a revision only if, by the
 * statement's `now()`:
 *   - the competition is published, open, its rules frozen and unchanged since the read (version),
 *   - the applicant's deadline (the later of closesAt and their extension, plus grace; the same
 *     rule as `lockCompetitionForSubmission`) has not passed,
 *   - the proposal is unchanged since the read (version) and still a draft (`firstSubmit`) or
 *     submitted at the revision read,
 *   - on a first submit, the applicant's quota counter could be raised: the conditional upsert on
 *     `applicant_submission_counts` waits for any concurrent submit of the same applicant and
 *     re-checks `submitted < max` on the counter's latest version,
 *   - the submission date in the competition's zone is the one the age rules were checked on.
 * Anything else stores nothing for that submission and resolves undefined; the caller then takes
 * the transactional path, which says exactly why. Audit rows and domain events are written by the
 * same statement. A batch holds at most one submission per applicant (the counter upsert may touch
 * a row once); if the statement fails as a whole, each submission is retried alone.
 */
export function createSubmissionWriter(db: Db, kind: 'postgres' | 'pglite') {
  const loader = new DataLoader<SubmissionAtOnce, StoredSubmission>(
    async (submissions) => {
      const results = new Map<SubmissionAtOnce, StoredSubmission | Error>();
      let pending = [...submissions];
      while (pending.length > 0) {
        // One submission per applicant per statement; the others wait for the next round.
        const seen = new Set<string>();
        const round = pending.filter((v) => !seen.has(v.applicantId) && seen.add(v.applicantId));
        pending = pending.filter((v) => !round.includes(v));
        try {
          const stored = await storeSubmissions(db, kind, round);
          for (const v of round) results.set(v, stored.get(v.proposalId));
        } catch (err) {
          if (round.length === 1) {
            results.set(round[0]!, err as Error);
            continue;
          }
          // One bad submission must not sink the others: each alone.
          for (const v of round) {
            results.set(v, await storeSubmissions(db, kind, [v]).then((stored) => stored.get(v.proposalId), (e: unknown) => e as Error));
          }
        }
      }
      return submissions.map((v) => results.get(v)!);
    },
    // Everything submitted during one turn of the event loop goes into one batch; no timer, no added wait.
    { cache: false, maxBatchSize: 100, batchScheduleFn: (dispatch) => setImmediate(dispatch) },
  );
  return (submission: SubmissionAtOnce): Promise<StoredSubmission> => loader.load(submission);
}

export async function isAcceptedMember(db: DbOrTx, proposalId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: proposalMembers.id })
    .from(proposalMembers)
    .where(and(eq(proposalMembers.proposalId, proposalId), eq(proposalMembers.userId, userId), eq(proposalMembers.status, 'accepted')))
    .limit(1);
  return row !== undefined;
}

export async function selectTeam(db: DbOrTx, proposalId: string) {
  return db
    .select({
      id: proposalMembers.id,
      email: proposalMembers.email,
      userId: proposalMembers.userId,
      status: proposalMembers.status,
      displayName: users.displayName,
      country: users.country,
      birthDate: users.birthDate,
      createdAt: proposalMembers.createdAt,
      respondedAt: proposalMembers.respondedAt,
    })
    .from(proposalMembers)
    .leftJoin(users, eq(users.id, proposalMembers.userId))
    .where(eq(proposalMembers.proposalId, proposalId))
    .orderBy(asc(proposalMembers.createdAt), asc(proposalMembers.id));
}

export type TeamRow = Awaited<ReturnType<typeof selectTeam>>[number];

export async function selectUserNames(db: DbOrTx, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, userIds));
}

/** Attachment metadata (never the bytes) of the draft. */
export const attachmentColumns = {
  id: proposalAttachments.id,
  filename: proposalAttachments.filename,
  contentType: proposalAttachments.contentType,
  size: proposalAttachments.size,
  sha256: proposalAttachments.sha256,
  createdAt: proposalAttachments.createdAt,
};

export async function selectDraftAttachments(db: DbOrTx, proposalId: string) {
  return db
    .select(attachmentColumns)
    .from(proposalAttachments)
    .where(and(eq(proposalAttachments.proposalId, proposalId), isNull(proposalAttachments.removedAt)))
    .orderBy(asc(proposalAttachments.createdAt), asc(proposalAttachments.id));
}

export async function countDraftAttachments(db: DbOrTx, proposalId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(proposalAttachments)
    .where(and(eq(proposalAttachments.proposalId, proposalId), isNull(proposalAttachments.removedAt)));
  return row?.n ?? 0;
}

export async function selectAttachmentFile(db: DbOrTx, proposalId: string, attachmentId: string) {
  const [row] = await db
    .select({ ...attachmentColumns, data: proposalAttachments.data, removedAt: proposalAttachments.removedAt })
    .from(proposalAttachments)
    .where(and(eq(proposalAttachments.id, attachmentId), eq(proposalAttachments.proposalId, proposalId)))
    .limit(1);
  return row;
}

/** Whether any submitted revision of the proposal lists the attachment. */
export async function attachmentInRevision(db: DbOrTx, proposalId: string, attachmentId: string): Promise<boolean> {
  const [row] = await db
    .select({ revision: proposalRevisions.revision })
    .from(proposalRevisions)
    .where(
      and(
        eq(proposalRevisions.proposalId, proposalId),
        sql`${proposalRevisions.content} -> 'attachments' @> jsonb_build_array(jsonb_build_object('id', ${attachmentId}::text))`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function insertAttachment(
  tx: DbOrTx,
  values: { proposalId: string; filename: string; contentType: string; sha256: string; data: Buffer; uploadedBy: string },
) {
  const [row] = await tx
    .insert(proposalAttachments)
    .values({ ...values, size: values.data.length })
    .returning(attachmentColumns);
  return row!;
}

export async function removeAttachment(tx: DbOrTx, proposalId: string, attachmentId: string, keepBytes: boolean): Promise<boolean> {
  const where = and(eq(proposalAttachments.id, attachmentId), eq(proposalAttachments.proposalId, proposalId), isNull(proposalAttachments.removedAt));
  const rows = keepBytes
    ? await tx.update(proposalAttachments).set({ removedAt: sql`now()` }).where(where).returning({ id: proposalAttachments.id })
    : await tx.delete(proposalAttachments).where(where).returning({ id: proposalAttachments.id });
  return rows.length > 0;
}

/** Every change to a proposal bumps its version (the ETag); draft changes mark it as differing from the revision. */
export async function touchProposal(tx: DbOrTx, proposalId: string, changes: Partial<Pick<ProposalRow, 'title' | 'answers' | 'organisationId'>> = {}) {
  const [row] = await tx
    .update(proposals)
    .set({ ...changes, unsubmittedChanges: true, version: sql`${proposals.version} + 1`, updatedAt: sql`now()` })
    .where(eq(proposals.id, proposalId))
    .returning();
  return row!;
}

export async function insertProposal(
  tx: DbOrTx,
  values: { competitionId: string; applicantId: string; organisationId: string | null; title: string; answers: Answers },
) {
  const [row] = await tx.insert(proposals).values(values).returning();
  return row!;
}

/**
 * Locks the applicant's quota counter in this competition for the rest of the transaction and
 * returns how many of their proposals are submitted now (the row is created at 0 the first time).
 * Every first submit goes through this row, so concurrent ones are serialised and each sees the
 * others' committed counts.
 */
export async function lockSubmissionCount(tx: DbOrTx, competitionId: string, applicantId: string): Promise<number> {
  const [row] = await tx
    .insert(applicantSubmissionCounts)
    .values({ competitionId, applicantId, submitted: 0 })
    .onConflictDoUpdate({ target: [applicantSubmissionCounts.competitionId, applicantSubmissionCounts.applicantId], set: { submitted: sql`${applicantSubmissionCounts.submitted}` } })
    .returning({ submitted: applicantSubmissionCounts.submitted });
  return row!.submitted;
}

/** A submitted proposal was withdrawn: it no longer counts against the applicant's quota. */
export async function uncountSubmission(tx: DbOrTx, competitionId: string, applicantId: string): Promise<void> {
  await tx
    .update(applicantSubmissionCounts)
    .set({ submitted: sql`${applicantSubmissionCounts.submitted} - 1` })
    .where(and(eq(applicantSubmissionCounts.competitionId, competitionId), eq(applicantSubmissionCounts.applicantId, applicantId)));
}

export async function hasConfirmedConsent(db: DbOrTx, competitionId: string, applicantId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: guardianConsents.id })
    .from(guardianConsents)
    .where(
      and(eq(guardianConsents.competitionId, competitionId), eq(guardianConsents.applicantId, applicantId), sql`${guardianConsents.confirmedAt} is not null`),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Stores the revision, points the proposal at it and writes the domain event, in one statement:
 * each step only happens if the revision insert did, and that insert only happens while
 * `now()` (the transaction's clock, also stored as `received_at`) is before the deadline.
 * Returns `received_at` as stored (microseconds), or undefined when the deadline has passed.
 */
export async function storeSubmission(
  tx: DbOrTx,
  values: {
    proposalId: string;
    revision: number;
    competitionId: string;
    organisationId: string;
    submittedBy: string;
    content: RevisionContent;
    contentHash: string;
    late: boolean;
    effectiveClosesAt: Date;
    event: Record<string, unknown>;
    /** The applicant's first submit of this proposal: raise their quota counter (locked by `lockSubmissionCount`). */
    count: { applicantId: string } | null;
  },
): Promise<{ receivedAt: string } | undefined> {
  const v = values;
  const result = await tx.execute(sql`
    with rev as (
      insert into ${proposalRevisions} (proposal_id, revision, competition_id, submitted_by, content, content_hash, received_at, late)
      select ${v.proposalId}, ${v.revision}, ${v.competitionId}, ${v.submittedBy}, ${JSON.stringify(v.content)}::jsonb, ${v.contentHash}, now(), ${v.late}
      where now() < ${v.effectiveClosesAt.toISOString()}::timestamptz
      returning proposal_id, revision, received_at,
        to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as received_at_iso
    ), updated as (
      update ${proposals} p set
        status = 'submitted', current_revision = rev.revision, late = ${v.late}, unsubmitted_changes = false,
        first_submitted_at = coalesce(p.first_submitted_at, rev.received_at), last_submitted_at = rev.received_at,
        version = p.version + 1, updated_at = rev.received_at
      from rev where p.id = rev.proposal_id
      returning p.id
    ), event as (
      insert into ${domainEvents} (type, organisation_id, competition_id, subject_id, payload)
      select 'proposal.submitted', ${v.organisationId}, ${v.competitionId}, rev.proposal_id,
        ${JSON.stringify(v.event)}::jsonb || jsonb_build_object('receivedAt', rev.received_at_iso)
      from rev
    ), counted as (
      update ${applicantSubmissionCounts} set submitted = submitted + 1
      where competition_id = ${v.competitionId} and applicant_id = ${v.count?.applicantId ?? null}::uuid and exists (select 1 from rev)
    )
    select rev.received_at_iso as received_at from rev join updated on updated.id = rev.proposal_id`);
  const row = (result as unknown as { rows: Array<{ received_at: string }> }).rows[0];
  return row ? { receivedAt: row.received_at } : undefined;
}

export async function markWithdrawn(tx: DbOrTx, proposalId: string) {
  const [row] = await tx
    .update(proposals)
    .set({ status: 'withdrawn', withdrawnAt: sql`now()`, version: sql`${proposals.version} + 1`, updatedAt: sql`now()` })
    .where(eq(proposals.id, proposalId))
    .returning();
  return row!;
}

const revisionColumns = {
  proposalId: proposalRevisions.proposalId,
  competitionId: proposalRevisions.competitionId,
  revision: proposalRevisions.revision,
  contentHash: proposalRevisions.contentHash,
  receivedAt: isoMicros(proposalRevisions.receivedAt),
  late: proposalRevisions.late,
  submittedBy: proposalRevisions.submittedBy,
};

export async function selectRevisions(db: DbOrTx, proposalId: string) {
  return db.select(revisionColumns).from(proposalRevisions).where(eq(proposalRevisions.proposalId, proposalId)).orderBy(asc(proposalRevisions.revision));
}

export async function selectRevision(db: DbOrTx, proposalId: string, revision: number) {
  const [row] = await db
    .select({ ...revisionColumns, content: proposalRevisions.content })
    .from(proposalRevisions)
    .where(and(eq(proposalRevisions.proposalId, proposalId), eq(proposalRevisions.revision, revision)))
    .limit(1);
  return row;
}

/** A page of the proposals a user applied for or joined, newest change first. */
export async function selectMyProposals(db: DbOrTx, userId: string, options: { competitionId?: string; limit: number; after?: { updatedAt: string; id: string } }) {
  const mine = sql`(${proposals.applicantId} = ${userId} or exists (
    select 1 from ${proposalMembers} m where m.proposal_id = ${proposals.id} and m.user_id = ${userId} and m.status = 'accepted'))`;
  const conditions: SQL[] = [mine];
  if (options.competitionId) conditions.push(eq(proposals.competitionId, options.competitionId));
  if (options.after) {
    conditions.push(sql`(${proposals.updatedAt}, ${proposals.id}) < (${options.after.updatedAt}::timestamptz, ${options.after.id}::uuid)`);
  }
  return db
    .select({ proposal: proposals, updatedAtCursor: isoMicros(sql`${proposals.updatedAt}`) })
    .from(proposals)
    .where(and(...conditions))
    .orderBy(desc(proposals.updatedAt), desc(proposals.id))
    .limit(options.limit + 1);
}

/** Submitted (or withdrawn) proposals of a competition with their current revision, for organisers. */
export async function selectCompetitionProposals(
  db: DbOrTx,
  competitionId: string,
  options: { status: 'submitted' | 'withdrawn'; limit: number; after?: { firstSubmittedAt: string; id: string } },
) {
  const conditions: SQL[] = [eq(proposals.competitionId, competitionId), eq(proposals.status, options.status), sql`${proposals.currentRevision} is not null`];
  if (options.after) {
    conditions.push(sql`(${proposals.firstSubmittedAt}, ${proposals.id}) > (${options.after.firstSubmittedAt}::timestamptz, ${options.after.id}::uuid)`);
  }
  return db
    .select({
      id: proposals.id,
      status: proposals.status,
      applicantId: proposals.applicantId,
      applicantName: users.displayName,
      applicantCountry: users.country,
      organisationId: proposals.organisationId,
      currentRevision: proposals.currentRevision,
      firstSubmittedAt: isoMicros(sql`${proposals.firstSubmittedAt}`),
      withdrawnAt: proposals.withdrawnAt,
      title: sql<string>`${proposalRevisions.content} ->> 'title'`,
      contentHash: proposalRevisions.contentHash,
      receivedAt: isoMicros(proposalRevisions.receivedAt),
      late: proposalRevisions.late,
    })
    .from(proposals)
    .innerJoin(users, eq(users.id, proposals.applicantId))
    .innerJoin(proposalRevisions, and(eq(proposalRevisions.proposalId, proposals.id), eq(proposalRevisions.revision, proposals.currentRevision)))
    .where(and(...conditions))
    .orderBy(asc(proposals.firstSubmittedAt), asc(proposals.id))
    .limit(options.limit + 1);
}

export async function insertMemberInvitation(
  tx: DbOrTx,
  values: { proposalId: string; email: string; tokenHash: string; invitedBy: string; ttlSeconds: number },
): Promise<MemberRow | undefined> {
  const { ttlSeconds, ...rest } = values;
  const expiresAt = sql`now() + make_interval(secs => ${ttlSeconds})`;
  // A declined or expired invitation to the same address is renewed; a pending or accepted one is left alone.
  const [row] = await tx
    .insert(proposalMembers)
    .values({ ...rest, status: 'invited', expiresAt })
    .onConflictDoUpdate({
      target: [proposalMembers.proposalId, proposalMembers.email],
      set: { status: 'invited', userId: null, tokenHash: rest.tokenHash, invitedBy: rest.invitedBy, expiresAt, respondedAt: null, createdAt: sql`now()` },
      setWhere: sql`${proposalMembers.status} = 'declined' or (${proposalMembers.status} = 'invited' and ${proposalMembers.expiresAt} <= now())`,
    })
    .returning();
  return row;
}

export async function selectMemberByToken(tx: DbOrTx, tokenHash: string) {
  const [row] = await tx
    .select()
    .from(proposalMembers)
    .where(and(eq(proposalMembers.tokenHash, tokenHash), eq(proposalMembers.status, 'invited'), sql`${proposalMembers.expiresAt} > now()`))
    .limit(1);
  return row;
}

export async function countTeamSeats(tx: DbOrTx, proposalId: string): Promise<{ accepted: number; pending: number }> {
  const [row] = await tx
    .select({
      accepted: sql<number>`count(*) filter (where ${proposalMembers.status} = 'accepted')::int`,
      pending: sql<number>`count(*) filter (where ${proposalMembers.status} = 'invited' and ${proposalMembers.expiresAt} > now())::int`,
    })
    .from(proposalMembers)
    .where(eq(proposalMembers.proposalId, proposalId));
  return row ?? { accepted: 0, pending: 0 };
}

export async function respondToInvitation(tx: DbOrTx, memberId: string, userId: string, status: 'accepted' | 'declined') {
  const [row] = await tx
    .update(proposalMembers)
    .set({ status, userId, respondedAt: sql`now()` })
    .where(and(eq(proposalMembers.id, memberId), eq(proposalMembers.status, 'invited')))
    .returning();
  return row;
}

export async function deleteMember(tx: DbOrTx, proposalId: string, memberId: string) {
  const [row] = await tx
    .delete(proposalMembers)
    .where(and(eq(proposalMembers.id, memberId), eq(proposalMembers.proposalId, proposalId)))
    .returning();
  return row;
}

export async function selectMember(db: DbOrTx, proposalId: string, memberId: string) {
  const [row] = await db
    .select()
    .from(proposalMembers)
    .where(and(eq(proposalMembers.id, memberId), eq(proposalMembers.proposalId, proposalId)))
    .limit(1);
  return row;
}

export async function insertConsentRequest(
  tx: DbOrTx,
  values: { competitionId: string; applicantId: string; proposalId: string; guardianEmail: string; tokenHash: string; ttlSeconds: number },
) {
  const { ttlSeconds, ...rest } = values;
  const [row] = await tx
    .insert(guardianConsents)
    .values({ ...rest, expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})` })
    .returning();
  return row!;
}

/** Confirms a pending, unexpired consent by its token; a confirmed token stays confirmed (idempotent). */
export async function confirmConsent(tx: DbOrTx, tokenHash: string) {
  const [row] = await tx
    .update(guardianConsents)
    .set({ confirmedAt: sql`coalesce(${guardianConsents.confirmedAt}, now())` })
    .where(and(eq(guardianConsents.tokenHash, tokenHash), sql`(${guardianConsents.confirmedAt} is not null or ${guardianConsents.expiresAt} > now())`))
    .returning();
  return row;
}

export async function selectConsents(db: DbOrTx, competitionId: string, applicantId: string) {
  return db
    .select()
    .from(guardianConsents)
    .where(and(eq(guardianConsents.competitionId, competitionId), eq(guardianConsents.applicantId, applicantId)))
    .orderBy(desc(guardianConsents.createdAt));
}

export async function insertDomainEvent(
  tx: DbOrTx,
  event: { type: string; organisationId: string; competitionId: string; subjectId: string; payload: Record<string, unknown> },
): Promise<void> {
  await tx.insert(domainEvents).values(event);
}

export async function selectUserEmail(db: DbOrTx, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.email;
}

export async function selectDbNow(db: DbOrTx): Promise<Date> {
  const result = (await db.execute(sql`select now() as now`)) as unknown as { rows: Array<{ now: Date | string }> };
  return new Date(result.rows[0]!.now);
}
