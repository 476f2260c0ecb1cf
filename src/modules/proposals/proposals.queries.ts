import { and, asc, desc, eq, gt, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  applicantSubmissionCounts,
  frozenEligibilityFacts,
  guardianConsents,
  proposalAttachments,
  proposalMembers,
  proposalRevisions,
  proposals,
  type Answers,
} from '../../db/schema/proposals.js';

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

/** The proposal row locked for this transaction. */
export async function lockProposal(tx: DbOrTx, proposalId: string): Promise<ProposalRow | undefined> {
  const [row] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for('update');
  return row;
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
      createdAt: proposalMembers.createdAt,
      respondedAt: proposalMembers.respondedAt,
    })
    .from(proposalMembers)
    .where(eq(proposalMembers.proposalId, proposalId))
    .orderBy(asc(proposalMembers.createdAt), asc(proposalMembers.id));
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

/** A submitted proposal was withdrawn: it no longer counts against the applicant's quota. */
export async function uncountSubmission(tx: DbOrTx, competitionId: string, applicantId: string): Promise<void> {
  await tx
    .update(applicantSubmissionCounts)
    .set({ submitted: sql`${applicantSubmissionCounts.submitted} - 1` })
    .where(and(eq(applicantSubmissionCounts.competitionId, competitionId), eq(applicantSubmissionCounts.applicantId, applicantId)));
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
export async function selectMyProposals(db: DbOrTx, userId: string, options: { competitionId?: string; limit: number; after?: { key: string; id: string } }) {
  const mine = sql`(${proposals.applicantId} = ${userId} or exists (
    select 1 from ${proposalMembers} m where m.proposal_id = ${proposals.id} and m.user_id = ${userId} and m.status = 'accepted'))`;
  const conditions: SQL[] = [mine];
  if (options.competitionId) conditions.push(eq(proposals.competitionId, options.competitionId));
  if (options.after) {
    conditions.push(sql`(${proposals.updatedAt}, ${proposals.id}) < (${options.after.key}::timestamptz, ${options.after.id}::uuid)`);
  }
  return db
    .select({ proposal: proposals, updatedAtKey: sql<string>`(${proposals.updatedAt})::text` })
    .from(proposals)
    .where(and(...conditions))
    .orderBy(desc(proposals.updatedAt), desc(proposals.id))
    .limit(options.limit + 1);
}

/** Submitted (or withdrawn) proposals of a competition with their current revision, for organisers. */
export async function selectCompetitionProposals(
  db: DbOrTx,
  competitionId: string,
  options: { status: 'submitted' | 'withdrawn'; limit: number; after?: { key: string; id: string } },
) {
  const conditions: SQL[] = [eq(proposals.competitionId, competitionId), eq(proposals.status, options.status), sql`${proposals.currentRevision} is not null`];
  if (options.after) {
    conditions.push(sql`(${proposals.firstSubmittedAt}, ${proposals.id}) > (${options.after.key}::timestamptz, ${options.after.id}::uuid)`);
  }
  return db
    .select({
      id: proposals.id,
      status: proposals.status,
      applicantId: proposals.applicantId,
      organisationId: proposals.organisationId,
      currentRevision: proposals.currentRevision,
      firstSubmittedAt: isoMicros(sql`${proposals.firstSubmittedAt}`),
      firstSubmittedKey: sql<string>`(${proposals.firstSubmittedAt})::text`,
      withdrawnAt: proposals.withdrawnAt,
      title: sql<string>`${proposalRevisions.content} ->> 'title'`,
      contentHash: proposalRevisions.contentHash,
      receivedAt: isoMicros(proposalRevisions.receivedAt),
      late: proposalRevisions.late,
      frozenCountry: frozenEligibilityFacts.country,
      frozenBirthDate: frozenEligibilityFacts.birthDate,
    })
    .from(proposals)
    .innerJoin(proposalRevisions, and(eq(proposalRevisions.proposalId, proposals.id), eq(proposalRevisions.revision, proposals.currentRevision)))
    .leftJoin(frozenEligibilityFacts, and(eq(frozenEligibilityFacts.competitionId, proposals.competitionId), eq(frozenEligibilityFacts.userId, proposals.applicantId)))
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

/** A person's eligibility facts as frozen for a competition (see `frozen_eligibility_facts`). */
export async function selectFrozenFacts(db: DbOrTx, competitionId: string, userId: string) {
  const [row] = await db
    .select({ country: frozenEligibilityFacts.country, birthDate: frozenEligibilityFacts.birthDate, frozenAt: frozenEligibilityFacts.frozenAt })
    .from(frozenEligibilityFacts)
    .where(and(eq(frozenEligibilityFacts.competitionId, competitionId), eq(frozenEligibilityFacts.userId, userId)))
    .limit(1);
  return row;
}

export async function hasLiveProposal(db: DbOrTx, competitionId: string, applicantId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.competitionId, competitionId), eq(proposals.applicantId, applicantId), sql`${proposals.status} <> 'withdrawn'`))
    .limit(1);
  return row !== undefined;
}

/** A transaction-scoped advisory lock on (competition, applicant): creates of one applicant in one competition run one at a time. */
export async function lockApplicantDrafts(tx: DbOrTx, competitionId: string, applicantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`drafts:${competitionId}:${applicantId}`}, 0))`);
}

export async function countDrafts(db: DbOrTx, competitionId: string, applicantId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(proposals)
    .where(and(eq(proposals.competitionId, competitionId), eq(proposals.applicantId, applicantId), eq(proposals.status, 'draft')));
  return row?.n ?? 0;
}

/**
 * Puts a removed attachment with the same name, type and bytes (SHA-256) back on the draft, and
 * returns it; undefined when there is none. Removed rows exist only because a revision refers to
 * them, so re-uploading such a file costs no second copy of its bytes.
 */
export async function reviveAttachment(tx: DbOrTx, values: { proposalId: string; filename: string; contentType: string; sha256: string }) {
  const [row] = await tx
    .update(proposalAttachments)
    .set({ removedAt: null })
    .where(
      sql`${proposalAttachments.id} = (select a.id from ${proposalAttachments} a
        where a.proposal_id = ${values.proposalId} and a.sha256 = ${values.sha256} and a.content_type = ${values.contentType}
          and a.filename = ${values.filename} and a.removed_at is not null
        order by a.created_at limit 1)`,
    )
    .returning(attachmentColumns);
  return row;
}

/** What judging needs of the submitted proposals of a competition (no answers): people, organisation, title, times. */
export interface ProposalForJudging {
  id: string;
  applicantId: string;
  organisationId: string | null;
  /** Accepted team members' user ids in the current revision. */
  team: string[];
  title: string;
  revision: number;
  firstSubmittedAt: Date;
  lastSubmittedAt: Date;
}

export async function selectProposalsForJudging(db: DbOrTx, competitionId: string, proposalIds?: string[]): Promise<ProposalForJudging[]> {
  // One JSON array parsed once: judging reads every submitted proposal of a competition (10,000
  // in the benchmark) for each plan and ranking, and row-by-row decoding was most of that time.
  const [row] = await db
    .select({
      rows: sql<string>`coalesce(json_agg(json_build_array(
        ${proposals.id}, ${proposals.applicantId}, ${proposals.organisationId},
        coalesce(${proposalRevisions.content} -> 'team', '[]'::jsonb), ${proposalRevisions.content} ->> 'title', ${proposalRevisions.revision},
        ${proposals.firstSubmittedAt}, ${proposals.lastSubmittedAt}
      ) order by ${proposals.id}), '[]')::text`,
    })
    .from(proposals)
    .innerJoin(proposalRevisions, and(eq(proposalRevisions.proposalId, proposals.id), eq(proposalRevisions.revision, proposals.currentRevision)))
    .where(
      and(
        eq(proposals.competitionId, competitionId),
        eq(proposals.status, 'submitted'),
        proposalIds ? sql`${proposals.id} = any(${`{${proposalIds.join(',')}}`}::uuid[])` : undefined,
      ),
    );
  type Row = [string, string, string | null, string[], string, number, string, string];
  return (JSON.parse(row?.rows ?? '[]') as Row[]).map(([id, applicantId, organisationId, team, title, revision, first, last]) => ({
    id,
    applicantId,
    organisationId,
    team,
    title,
    revision,
    firstSubmittedAt: new Date(first),
    lastSubmittedAt: new Date(last),
  }));
}

/**
 * One keyset page of a competition's proposals that reached organisers (a revision exists:
 * submitted, or withdrawn after submitting), by id, for the CSV export: the current revision's
 * title and team size, never the draft.
 */
export async function selectProposalsExportPage(db: DbOrTx, competitionId: string, afterId: string | null, limit: number) {
  return db
    .select({
      id: proposals.id,
      status: proposals.status,
      title: sql<string>`${proposalRevisions.content} ->> 'title'`,
      applicantId: proposals.applicantId,
      organisationId: proposals.organisationId,
      teamSize: sql<number>`coalesce(jsonb_array_length(${proposalRevisions.content} -> 'team'), 0)::int`,
      revision: proposalRevisions.revision,
      late: proposals.late,
      firstSubmittedAt: proposals.firstSubmittedAt,
      lastSubmittedAt: proposals.lastSubmittedAt,
      withdrawnAt: proposals.withdrawnAt,
    })
    .from(proposals)
    .innerJoin(proposalRevisions, and(eq(proposalRevisions.proposalId, proposals.id), eq(proposalRevisions.revision, proposals.currentRevision)))
    .where(and(eq(proposals.competitionId, competitionId), isNotNull(proposals.currentRevision), afterId ? gt(proposals.id, afterId) : undefined))
    .orderBy(asc(proposals.id))
    .limit(limit);
}

/** Submitted titles by proposal id (the current revision's), for the reviews export. */
export async function selectSubmittedTitles(db: DbOrTx, proposalIds: string[]): Promise<Map<string, string>> {
  if (proposalIds.length === 0) return new Map();
  const rows = await db
    .select({ id: proposals.id, title: sql<string>`${proposalRevisions.content} ->> 'title'` })
    .from(proposals)
    .innerJoin(proposalRevisions, and(eq(proposalRevisions.proposalId, proposals.id), eq(proposalRevisions.revision, proposals.currentRevision)))
    .where(sql`${proposals.id} = any(${`{${proposalIds.join(',')}}`}::uuid[])`);
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** The current submitted revision's content of a submitted proposal, for a judge or an export. */
export async function selectCurrentRevisionContent(db: DbOrTx, proposalId: string) {
  const [row] = await db
    .select({ content: proposalRevisions.content, revision: proposalRevisions.revision, receivedAt: isoMicros(proposalRevisions.receivedAt), competitionId: proposals.competitionId })
    .from(proposals)
    .innerJoin(proposalRevisions, and(eq(proposalRevisions.proposalId, proposals.id), eq(proposalRevisions.revision, proposals.currentRevision)))
    .where(and(eq(proposals.id, proposalId), eq(proposals.status, 'submitted')))
    .limit(1);
  return row;
}
