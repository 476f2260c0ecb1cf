import { and, asc, eq, gt, isNotNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  assignmentPlans,
  assignments,
  competitionResults,
  judgeBids,
  judgeConflicts,
  judges,
  judgingDecisions,
  judgingRoundProposals,
  judgingRounds,
  reviews,
} from '../../db/schema/judging.js';

export type JudgeRow = typeof judges.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;
export type DeclaredConflictRow = typeof judgeConflicts.$inferSelect;
export type Bid = (typeof judgeBids.$inferSelect)['bid'];

/**
 * Serialises the writes that decide a competition's assignments (applying a plan, manual adds,
 * panel and conflict changes): a transaction-scoped advisory lock per competition, so two
 * organisers applying at once run one after the other and the second sees the first's rows.
 */
export async function lockCompetitionJudging(tx: DbOrTx, competitionId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`judging:${competitionId}`}, 0))`);
}

// Panel.

export async function insertJudge(tx: DbOrTx, values: { competitionId: string; email: string; tokenHash: string; ttlSeconds: number; maxLoad: number | null; invitedBy: string }): Promise<JudgeRow> {
  const { ttlSeconds, ...rest } = values;
  const [row] = await tx
    .insert(judges)
    .values({ ...rest, expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})` })
    .onConflictDoNothing()
    .returning();
  return row!;
}

export async function selectJudges(db: DbOrTx, competitionId: string): Promise<JudgeRow[]> {
  return db.select().from(judges).where(eq(judges.competitionId, competitionId)).orderBy(asc(judges.createdAt), asc(judges.id));
}

export async function selectJudge(db: DbOrTx, competitionId: string, judgeId: string): Promise<JudgeRow | undefined> {
  const [row] = await db.select().from(judges).where(and(eq(judges.competitionId, competitionId), eq(judges.id, judgeId))).limit(1);
  return row;
}

export async function selectJudgeOfUser(db: DbOrTx, competitionId: string, userId: string): Promise<JudgeRow | undefined> {
  const [row] = await db.select().from(judges).where(and(eq(judges.competitionId, competitionId), eq(judges.userId, userId))).limit(1);
  return row;
}

/** Every panel place of the user (any competition), for "my judging". */
export async function selectJudgePlacesOfUser(db: DbOrTx, userId: string): Promise<JudgeRow[]> {
  return db.select().from(judges).where(eq(judges.userId, userId)).orderBy(asc(judges.createdAt));
}

export async function lockLiveJudgeInvitation(tx: DbOrTx, tokenHash: string): Promise<JudgeRow | undefined> {
  const [row] = await tx
    .select()
    .from(judges)
    .where(and(eq(judges.tokenHash, tokenHash), eq(judges.status, 'invited'), sql`${judges.expiresAt} > now()`))
    .for('update');
  return row;
}

export async function updateJudge(tx: DbOrTx, judgeId: string, patch: Partial<Pick<JudgeRow, 'status' | 'userId' | 'maxLoad' | 'keepReviews'>> & { responded?: boolean; removed?: boolean }): Promise<JudgeRow> {
  const { responded, removed, ...rest } = patch;
  const [row] = await tx
    .update(judges)
    .set({ ...rest, ...(responded ? { respondedAt: sql`now()` } : {}), ...(removed ? { removedAt: sql`now()` } : {}) })
    .where(eq(judges.id, judgeId))
    .returning();
  return row!;
}

// Declared conflicts and bids.

export async function insertDeclaredConflict(
  tx: DbOrTx,
  values: { competitionId: string; judgeId: string; proposalId: string | null; organisationId: string | null; source: DeclaredConflictRow['source']; reason: string; createdBy: string },
): Promise<DeclaredConflictRow> {
  const [row] = await tx.insert(judgeConflicts).values(values).returning();
  return row!;
}

/** A competition's declared conflicts, oldest first; one JSON array parsed once (50,000 rows in the benchmark). */
export async function selectDeclaredConflicts(db: DbOrTx, competitionId: string): Promise<DeclaredConflictRow[]> {
  const c = judgeConflicts;
  const [row] = await db
    .select({
      rows: sql<string>`coalesce(json_agg(json_build_array(${c.id}, ${c.judgeId}, ${c.proposalId}, ${c.organisationId}, ${c.source}, ${c.reason}, ${c.createdBy}, ${c.createdAt}) order by ${c.createdAt}, ${c.id}), '[]')::text`,
    })
    .from(c)
    .where(eq(c.competitionId, competitionId));
  type Row = [string, string, string | null, string | null, DeclaredConflictRow['source'], string, string | null, string];
  return (JSON.parse(row?.rows ?? '[]') as Row[]).map(([id, judgeId, proposalId, organisationId, source, reason, createdBy, createdAt]) => ({
    id,
    competitionId,
    judgeId,
    proposalId,
    organisationId,
    source,
    reason,
    createdBy,
    createdAt: new Date(createdAt),
  }));
}

/**
 * The competition's declared conflicts with one proposal, as (judge, proposal, source) pairs: what
 * planning and ranking need of them (not the reason, author or time). Grouped per (judge, source)
 * and split here: 50,000 pairs in ~0.05 s, where the full rows as one JSON array took ~0.6 s.
 */
export async function selectDeclaredProposalPairs(db: DbOrTx, competitionId: string): Promise<Array<{ judgeId: string; proposalId: string; source: DeclaredConflictRow['source'] }>> {
  const c = judgeConflicts;
  const groups = await db
    .select({ judgeId: c.judgeId, source: c.source, proposalIds: sql<string>`string_agg(${c.proposalId}::text, ',')` })
    .from(c)
    .where(and(eq(c.competitionId, competitionId), isNotNull(c.proposalId)))
    .groupBy(c.judgeId, c.source);
  const out: Array<{ judgeId: string; proposalId: string; source: DeclaredConflictRow['source'] }> = [];
  for (const g of groups) for (const proposalId of g.proposalIds.split(',')) out.push({ judgeId: g.judgeId, proposalId, source: g.source });
  return out;
}

/** The competition's declared conflicts with an organisation (few: each one expands to the proposals it touches). */
export async function selectDeclaredOrganisationConflicts(db: DbOrTx, competitionId: string): Promise<DeclaredConflictRow[]> {
  return db
    .select()
    .from(judgeConflicts)
    .where(and(eq(judgeConflicts.competitionId, competitionId), isNotNull(judgeConflicts.organisationId)))
    .orderBy(asc(judgeConflicts.createdAt), asc(judgeConflicts.id));
}

/**
 * One judge's declared conflicts (judge_conflicts_judge_idx): a review, a bid or a manual
 * assignment checks only these, and with `proposalId` only those that can touch that proposal
 * (with it, or with an organisation): a judge with 500 declared conflicts reads one or two rows.
 */
export async function selectDeclaredConflictsOfJudge(db: DbOrTx, judgeId: string, proposalId?: string): Promise<DeclaredConflictRow[]> {
  const c = judgeConflicts;
  const about = proposalId === undefined ? undefined : or(eq(c.proposalId, proposalId), isNotNull(c.organisationId));
  return db.select().from(c).where(and(eq(c.judgeId, judgeId), about)).orderBy(asc(c.createdAt), asc(c.id));
}

/** The declared conflicts that can touch one proposal: with it, or with any organisation. */
export async function selectDeclaredConflictsAbout(db: DbOrTx, competitionId: string, proposalId: string): Promise<DeclaredConflictRow[]> {
  return db
    .select()
    .from(judgeConflicts)
    .where(and(eq(judgeConflicts.competitionId, competitionId), or(eq(judgeConflicts.proposalId, proposalId), isNotNull(judgeConflicts.organisationId))))
    .orderBy(asc(judgeConflicts.createdAt), asc(judgeConflicts.id));
}

export async function deleteDeclaredConflict(tx: DbOrTx, competitionId: string, conflictId: string): Promise<DeclaredConflictRow | undefined> {
  const [row] = await tx.delete(judgeConflicts).where(and(eq(judgeConflicts.competitionId, competitionId), eq(judgeConflicts.id, conflictId))).returning();
  return row;
}

export async function upsertBid(tx: DbOrTx, values: { competitionId: string; judgeId: string; proposalId: string; bid: Bid }): Promise<void> {
  await tx
    .insert(judgeBids)
    .values(values)
    .onConflictDoUpdate({ target: [judgeBids.judgeId, judgeBids.proposalId], set: { bid: values.bid, updatedAt: sql`now()` } });
}

export async function deleteBid(tx: DbOrTx, judgeId: string, proposalId: string): Promise<void> {
  await tx.delete(judgeBids).where(and(eq(judgeBids.judgeId, judgeId), eq(judgeBids.proposalId, proposalId)));
}

/**
 * Bids by judge and proposal: one row per (judge, bid) with its proposals joined by commas, split
 * here (200,000 bids in the benchmark: 300 rows, ~0.1 s, where one JSON array of 200,000 was ~1 s).
 */
export async function selectBids(db: DbOrTx, competitionId: string, judgeId?: string): Promise<Array<{ judgeId: string; proposalId: string; bid: Bid }>> {
  const b = judgeBids;
  const groups = await db
    .select({ judgeId: b.judgeId, bid: b.bid, proposalIds: sql<string>`string_agg(${b.proposalId}::text, ',')` })
    .from(b)
    .where(and(eq(b.competitionId, competitionId), judgeId ? eq(b.judgeId, judgeId) : undefined))
    .groupBy(b.judgeId, b.bid);
  const out: Array<{ judgeId: string; proposalId: string; bid: Bid }> = [];
  for (const g of groups) for (const proposalId of g.proposalIds.split(',')) out.push({ judgeId: g.judgeId, proposalId, bid: g.bid });
  return out;
}

// Rounds.

export async function selectRounds(db: DbOrTx, competitionId: string) {
  return db.select().from(judgingRounds).where(eq(judgingRounds.competitionId, competitionId)).orderBy(asc(judgingRounds.number));
}

export async function insertRound(tx: DbOrTx, values: { competitionId: string; number: number; reviewsPerProposal: number; createdBy: string | null }) {
  const [row] = await tx.insert(judgingRounds).values(values).onConflictDoNothing().returning();
  return row;
}

export async function insertRoundProposals(tx: DbOrTx, roundId: string, proposalIds: string[]): Promise<void> {
  if (proposalIds.length === 0) return;
  await tx.insert(judgingRoundProposals).values(proposalIds.map((proposalId) => ({ roundId, proposalId })));
}

export async function selectRoundProposalIds(db: DbOrTx, roundId: string): Promise<string[]> {
  const rows = await db.select({ id: judgingRoundProposals.proposalId }).from(judgingRoundProposals).where(eq(judgingRoundProposals.roundId, roundId)).orderBy(asc(judgingRoundProposals.proposalId));
  return rows.map((r) => r.id);
}

// Plans and assignments.

export async function insertPlan(tx: DbOrTx, values: { competitionId: string; round: number; inputDigest: string; plan: unknown; createdBy: string }) {
  const [row] = await tx.insert(assignmentPlans).values(values).returning({ id: assignmentPlans.id, createdAt: assignmentPlans.createdAt });
  return row!;
}

export async function selectPlan(db: DbOrTx, competitionId: string, planId: string) {
  const [row] = await db
    .select()
    .from(assignmentPlans)
    .where(and(eq(assignmentPlans.competitionId, competitionId), eq(assignmentPlans.id, planId)));
  return row;
}

export async function lockPlan(tx: DbOrTx, competitionId: string, planId: string) {
  const [row] = await tx
    .select()
    .from(assignmentPlans)
    .where(and(eq(assignmentPlans.competitionId, competitionId), eq(assignmentPlans.id, planId)))
    .for('update');
  return row;
}

export async function markPlanApplied(tx: DbOrTx, planId: string): Promise<void> {
  await tx.update(assignmentPlans).set({ appliedAt: sql`now()` }).where(eq(assignmentPlans.id, planId));
}

/** A round's assignments with their review's state (none, draft, submitted). */
export async function selectAssignments(db: DbOrTx, competitionId: string, round: number, filter: { judgeId?: string; proposalId?: string } = {}) {
  return db
    .select({
      id: assignments.id,
      round: assignments.round,
      judgeId: assignments.judgeId,
      proposalId: assignments.proposalId,
      source: assignments.source,
      planId: assignments.planId,
      explanation: assignments.explanation,
      createdAt: assignments.createdAt,
      reviewId: reviews.id,
      reviewStatus: reviews.status,
    })
    .from(assignments)
    .leftJoin(reviews, eq(reviews.assignmentId, assignments.id))
    .where(
      and(
        eq(assignments.competitionId, competitionId),
        eq(assignments.round, round),
        filter.judgeId ? eq(assignments.judgeId, filter.judgeId) : undefined,
        filter.proposalId ? eq(assignments.proposalId, filter.proposalId) : undefined,
      ),
    )
    .orderBy(asc(assignments.proposalId), asc(assignments.judgeId));
}

/**
 * Assignments of one competition, round and source in one statement: the per-row facts as arrays
 * (unnest), the explanation built here from them and the fields all rows share (30,000 rows in
 * one round trip of ~2.5 MB; one JSON document of the rows was 17 MB and three times slower). An
 * automatic row stores numbers only (its sentence is derived when read, `explainedAssignment`);
 * a manual one stores the organiser's reason. `skipExisting` skips a pair assigned already (a
 * manual add racing another); without it such a pair fails the statement, as it should for a
 * plan applied under the judging lock (the speculative insertion `on conflict` needs costs a
 * quarter of the insert).
 */
export async function insertAssignments(
  tx: DbOrTx,
  common: { competitionId: string; round: number; source: 'automatic' | 'manual'; planId: string | null; createdBy: string; explanation: Record<string, unknown>; skipExisting: boolean },
  rows: Array<{ judgeId: string; proposalId: string; reason: string | null; bid: Bid | null; judgeLoadBefore: number; judgeLoadPlanned: number | null; eligibleJudges: number | null }>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const column = <T>(pick: (r: (typeof rows)[number]) => T) => sql.param(rows.map(pick));
  const optional = (key: string, value: string) => sql.raw(`case when ${value} is null then '{}'::jsonb else jsonb_build_object('${key}', ${value}) end`);
  const result = (await tx.execute(sql`
    with inserted as (
      insert into ${assignments} (competition_id, round, judge_id, proposal_id, source, plan_id, explanation, created_by)
      select ${common.competitionId}::uuid, ${common.round}::int, x.judge_id, x.proposal_id, ${common.source}::assignment_source, ${common.planId}::uuid,
        ${JSON.stringify(common.explanation)}::jsonb || jsonb_build_object('bid', x.bid, 'judgeLoadBefore', x.before, 'judgeLoadAfter', x.before + 1)
          || ${optional('reason', 'x.reason')} || ${optional('judgeLoadPlanned', 'x.planned')} || ${optional('eligibleJudges', 'x.eligible')},
        ${common.createdBy}::uuid
      from unnest(${column((r) => r.judgeId)}::uuid[], ${column((r) => r.proposalId)}::uuid[], ${column((r) => r.reason)}::text[],
        ${column((r) => r.bid)}::text[], ${column((r) => r.judgeLoadBefore)}::int[], ${column((r) => r.judgeLoadPlanned)}::int[], ${column((r) => r.eligibleJudges)}::int[])
        as x(judge_id, proposal_id, reason, bid, before, planned, eligible)
      ${common.skipExisting ? sql`on conflict do nothing` : sql``}
      returning 1
    )
    select count(*)::int as n from inserted`)) as unknown as { rows: Array<{ n: number }> };
  return result.rows[0]?.n ?? 0;
}

export async function deleteAssignmentWithoutReview(tx: DbOrTx, competitionId: string, assignmentId: string) {
  const [row] = await tx
    .delete(assignments)
    .where(and(eq(assignments.competitionId, competitionId), eq(assignments.id, assignmentId), sql`not exists (select 1 from reviews r where r.assignment_id = ${assignments.id})`))
    .returning();
  return row;
}

export async function selectAssignment(db: DbOrTx, competitionId: string, assignmentId: string) {
  const [row] = await db.select().from(assignments).where(and(eq(assignments.competitionId, competitionId), eq(assignments.id, assignmentId))).limit(1);
  return row;
}

/** The judge's assignment of the proposal in its latest round with one. */
export async function selectJudgeAssignment(db: DbOrTx, judgeId: string, proposalId: string) {
  const [row] = await db
    .select()
    .from(assignments)
    .where(and(eq(assignments.judgeId, judgeId), eq(assignments.proposalId, proposalId)))
    .orderBy(sql`${assignments.round} desc`)
    .limit(1);
  return row;
}

// Reviews.

export async function selectReviewOfAssignment(db: DbOrTx, assignmentId: string): Promise<ReviewRow | undefined> {
  const [row] = await db.select().from(reviews).where(eq(reviews.assignmentId, assignmentId)).limit(1);
  return row;
}

export async function lockReviewOfAssignment(tx: DbOrTx, assignmentId: string): Promise<ReviewRow | undefined> {
  const [row] = await tx.select().from(reviews).where(eq(reviews.assignmentId, assignmentId)).for('update');
  return row;
}

export async function insertReview(tx: DbOrTx, values: typeof reviews.$inferInsert & { submit: boolean }): Promise<ReviewRow | undefined> {
  const { submit, ...rest } = values;
  const [row] = await tx
    .insert(reviews)
    .values({ ...rest, status: submit ? 'submitted' : 'draft', submittedAt: submit ? sql`now()` : null })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updateReview(tx: DbOrTx, reviewId: string, patch: { scores: Record<string, number>; commentForApplicant: string; noteForOrganisers: string; submit: boolean; wasSubmitted: boolean }): Promise<ReviewRow> {
  const submittedNow = patch.submit && !patch.wasSubmitted;
  const [row] = await tx
    .update(reviews)
    .set({
      scores: patch.scores,
      commentForApplicant: patch.commentForApplicant,
      noteForOrganisers: patch.noteForOrganisers,
      ...(patch.submit ? { status: 'submitted' as const } : {}),
      ...(submittedNow ? { submittedAt: sql`now()` } : {}),
      version: sql`${reviews.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(reviews.id, reviewId))
    .returning();
  return row!;
}

/** Submitted reviews of other judges on one proposal in one round (for a judge who has submitted). */
export async function selectProposalReviews(db: DbOrTx, competitionId: string, proposalId: string, round?: number): Promise<ReviewRow[]> {
  return db
    .select()
    .from(reviews)
    .where(and(eq(reviews.competitionId, competitionId), eq(reviews.proposalId, proposalId), round === undefined ? undefined : eq(reviews.round, round)))
    .orderBy(asc(reviews.round), asc(reviews.judgeId));
}

/** One keyset page of a competition's reviews (of one round, or all), by id, for the CSV export; `reviews_export_idx` serves it. */
export async function selectReviewsPage(db: DbOrTx, competitionId: string, round: number | undefined, afterId: string | null, limit: number) {
  return db
    .select({
      id: reviews.id,
      round: reviews.round,
      judgeId: reviews.judgeId,
      proposalId: reviews.proposalId,
      status: reviews.status,
      scores: reviews.scores,
      commentForApplicant: reviews.commentForApplicant,
      noteForOrganisers: reviews.noteForOrganisers,
      submittedAt: reviews.submittedAt,
      updatedAt: reviews.updatedAt,
    })
    .from(reviews)
    .where(and(eq(reviews.competitionId, competitionId), round === undefined ? undefined : eq(reviews.round, round), afterId ? gt(reviews.id, afterId) : undefined))
    .orderBy(asc(reviews.id))
    .limit(limit);
}

/**
 * The submitted reviews of a round with only what scoring reads (judge, proposal, scores): the
 * ranking of 30,000 reviews spends its time here, so no comments, notes or instants are fetched
 * or mapped.
 */
export async function selectSubmittedScores(db: DbOrTx, competitionId: string, round: number): Promise<Array<{ judgeId: string; proposalId: string; scores: Record<string, number> }>> {
  // One JSON array parsed once, not 30,000 rows decoded and mapped one by one (a third of the time).
  const [row] = await db
    .select({ rows: sql<string>`coalesce(json_agg(json_build_array(${reviews.judgeId}, ${reviews.proposalId}, ${reviews.scores})), '[]')::text` })
    .from(reviews)
    .where(and(eq(reviews.competitionId, competitionId), eq(reviews.round, round), eq(reviews.status, 'submitted')));
  return (JSON.parse(row?.rows ?? '[]') as Array<[string, string, Record<string, number>]>).map(([judgeId, proposalId, scores]) => ({ judgeId, proposalId, scores }));
}

/** How many assignments of the round have no submitted review, counting only judges still on the panel. */
export async function countMissingReviews(db: DbOrTx, competitionId: string, round: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(assignments)
    .innerJoin(judges, eq(judges.id, assignments.judgeId))
    .leftJoin(reviews, eq(reviews.assignmentId, assignments.id))
    .where(and(eq(assignments.competitionId, competitionId), eq(assignments.round, round), eq(judges.status, 'accepted'), sql`(${reviews.status} is null or ${reviews.status} <> 'submitted')`));
  return row!.n;
}

// Decisions and results.

export async function selectDecision(db: DbOrTx, competitionId: string) {
  const [row] = await db.select().from(judgingDecisions).where(eq(judgingDecisions.competitionId, competitionId)).limit(1);
  return row;
}

export async function lockDecision(tx: DbOrTx, competitionId: string) {
  const [row] = await tx.select().from(judgingDecisions).where(eq(judgingDecisions.competitionId, competitionId)).for('update');
  return row;
}

export async function upsertDecision(tx: DbOrTx, values: { competitionId: string; winners: Array<{ proposalId: string; position: number; prizeAmount: number; rank: number | null }>; departureReason: string | null; decidedBy: string }) {
  const [row] = await tx
    .insert(judgingDecisions)
    .values(values)
    .onConflictDoUpdate({
      target: judgingDecisions.competitionId,
      set: { winners: values.winners, departureReason: values.departureReason, decidedBy: values.decidedBy, version: sql`${judgingDecisions.version} + 1`, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

export async function insertResults(tx: DbOrTx, values: typeof competitionResults.$inferInsert) {
  const [row] = await tx.insert(competitionResults).values(values).onConflictDoNothing().returning();
  return row;
}

export async function selectResults(db: DbOrTx, competitionId: string) {
  const [row] = await db.select().from(competitionResults).where(eq(competitionResults.competitionId, competitionId)).limit(1);
  return row;
}

