/**
 * Judging: the panel, conflicts, bids, assignment (dry run and apply), and the judge's side of
 * reviewing. Ranking, decisions and results are in results.service.ts. Who may see or do what is
 * asked of access; what happened is written through the audit service and the events module.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { alongside, current, transaction } from '../../db/unit-of-work.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { decodeOffsetCursor, encodeOffsetCursor } from '../../lib/cursor.js';
import { ifMatchSatisfied } from '../../lib/etag.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { iso, isoOrNull } from '../../lib/time.js';
import { withoutIdentifyingMetadata } from '../../lib/document-metadata.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import type { Access, Actor } from '../access/access.js';
import { appendAudit } from '../audit/audit.service.js';
import type { CompetitionService, JudgingFacts } from '../competitions/competitions.service.js';
import { recordEvent } from '../events/events.js';
import type { IdentityService } from '../identity/identity.service.js';
import { enqueueEmail, mailText } from '../mail/mail.service.js';
import type { JudgingDirectory } from '../proposals/proposals.service.js';
import { assignmentReason, bidOfCode, compactPlan, expandAssignments, PLANNER_VERSION, prepareAssignment, type AssignmentInput, type CompactPlan } from './assignment.js';
import * as queries from './judging.queries.js';
import { detectConflicts, scoreProblems, type Conflict } from './judging.rules.js';

const INVITATION_TTL_SECONDS = 60 * 60 * 24 * 21;

export interface JudgingDeps {
  db: Db;
  config: Config;
  access: Access;
  competitions: Pick<CompetitionService, 'lockForJudging' | 'judgingFacts'>;
  identity: Pick<IdentityService, 'profiles'>;
  proposals: JudgingDirectory;
  memberships: { membershipsOf(userIds: string[]): Promise<Array<{ userId: string; organisationId: string; name: string }>> };
}

type JudgeRow = queries.JudgeRow;

/** The ETag of a review; a review not started yet is version 0 (`"v0"`), so the first save also sends `If-Match`. */
export const reviewEtagOf = (version: number): string => `"v${version}"`;

/** Writes of reviews and decisions need `If-Match`: several people edit them (428 without, 412 stale). */
export function requireIfMatchPresent(ifMatch: string | undefined, version: number, what: string): void {
  if (ifMatch === undefined) {
    throw new AppError(428, 'PRECONDITION_REQUIRED', `Send If-Match with the ETag of the ${what} you read (now ${reviewEtagOf(version)})`, { currentVersion: version }, { etag: reviewEtagOf(version) });
  }
  if (!ifMatchSatisfied(ifMatch, version)) {
    throw new AppError(412, 'PRECONDITION_FAILED', `The ${what} has changed since you read it (now version ${version}); read it again and retry`, { currentVersion: version }, { etag: reviewEtagOf(version) });
  }
}

/** Judging's actions need the competition in `judging` and judging not closed. */
export function requireJudgingOpen(facts: JudgingFacts, what: 'assign' | 'review' | 'decide'): void {
  if (facts.status === 'results_published' || facts.status === 'archived') {
    throw new ConflictError('RESULTS_PUBLISHED', `The competition is ${facts.status === 'archived' ? 'archived' : 'past its results'}: nothing in judging changes any more`, { competitionStatus: facts.status });
  }
  if (facts.status !== 'judging') {
    throw new ConflictError('JUDGING_NOT_STARTED', `The competition is ${facts.status}; judging starts with POST /v1/competitions/{competitionId}/start-judging`, { competitionStatus: facts.status });
  }
  if (what === 'review' && facts.judgingClosed) {
    throw new ConflictError('JUDGING_CLOSED', `Judging closed at ${facts.judging.judgingClosesAt}; reviews are frozen`, { judgingClosesAt: facts.judging.judgingClosesAt ?? null });
  }
}

function judgeView(j: JudgeRow, profile: { displayName: string; email: string } | undefined, load: { assigned: number; submitted: number }) {
  return {
    id: j.id,
    competitionId: j.competitionId,
    email: j.email,
    userId: j.userId,
    displayName: profile?.displayName ?? null,
    status: j.status,
    maxLoad: j.maxLoad,
    keepReviews: j.keepReviews,
    load,
    invitedAt: iso(j.createdAt),
    expiresAt: iso(j.expiresAt),
    respondedAt: isoOrNull(j.respondedAt),
    removedAt: isoOrNull(j.removedAt),
  };
}

function conflictView(c: Conflict) {
  return { ...c };
}

export function createJudgingService({ db, config, access, competitions, identity, proposals, memberships }: JudgingDeps) {
  /** The competition's rounds, creating round 1 (every submitted proposal) on first use. */
  async function currentRound(competitionId: string, facts: JudgingFacts, actorId: string | null): Promise<{ number: number; reviewsPerProposal: number; proposalIds: string[] | null }> {
    const rounds = await queries.selectRounds(current(db), competitionId);
    const last = rounds.at(-1);
    if (!last) return { number: 1, reviewsPerProposal: facts.judging.reviewsPerProposal, proposalIds: null };
    if (last.number === 1) return { number: 1, reviewsPerProposal: last.reviewsPerProposal, proposalIds: null };
    void actorId;
    return { number: last.number, reviewsPerProposal: last.reviewsPerProposal, proposalIds: await queries.selectRoundProposalIds(current(db), last.id) };
  }

  /** Every fact a plan is made from, read in the caller's transaction (or snapshot). */
  async function gatherInput(competitionId: string, facts: JudgingFacts) {
    const round = await currentRound(competitionId, facts, null);
    // One after the other: inside applyPlan's transaction they share one connection (pg warns of,
    // and will refuse, overlapping queries on a client).
    const panel = await queries.selectJudges(current(db), competitionId);
    const submitted = await proposals.submittedProposals(competitionId, round.proposalIds ?? undefined);
    const bids = facts.judging.bidding ? await queries.selectBids(current(db), competitionId) : [];
    const existing = await queries.selectAssignments(current(db), competitionId, round.number);
    const accepted = panel.filter((j) => j.status === 'accepted');
    const conflicts = await conflictPairsOf(competitionId, accepted, submitted);
    const live = new Set(submitted.map((p) => p.id));
    const acceptedIds = new Set(accepted.map((j) => j.id));
    const input: AssignmentInput = {
      reviewsPerProposal: round.reviewsPerProposal,
      proposals: submitted.map((p) => ({ id: p.id })),
      judges: accepted.map((j) => ({ id: j.id, maxLoad: j.maxLoad })),
      conflicts: conflicts.map((c) => ({ judgeId: c.judgeId, proposalId: c.proposalId, source: c.source, organisationId: c.organisationId, organisationName: c.organisationName })),
      bids: bids.filter((b) => live.has(b.proposalId) && acceptedIds.has(b.judgeId)),
      // Assignments of judges no longer on the panel or proposals withdrawn since do not count towards coverage.
      existing: existing.filter((a) => live.has(a.proposalId) && acceptedIds.has(a.judgeId)).map((a) => ({ judgeId: a.judgeId, proposalId: a.proposalId })),
    };
    const prepared = prepareAssignment(input);
    const digest = createHash('sha256').update(canonicalJson(prepared.canonicalInput())).digest('hex');
    return { round, prepared, digest };
  }

  async function conflictsOf(
    panel: JudgeRow[],
    submitted: Array<{ id: string; applicantId: string; organisationId: string | null; team: string[] }>,
    declared: queries.DeclaredConflictRow[],
  ): Promise<Conflict[]> {
    const people = new Set<string>();
    for (const j of panel) if (j.userId) people.add(j.userId);
    for (const p of submitted) {
      people.add(p.applicantId);
      for (const m of p.team) people.add(m);
    }
    const rows = await memberships.membershipsOf([...people].sort());
    return detectConflicts({
      judges: panel.map((j) => ({ id: j.id, userId: j.userId })),
      proposals: submitted,
      memberships: rows,
      declared: declared.map((d) => ({ id: d.id, judgeId: d.judgeId, proposalId: d.proposalId, organisationId: d.organisationId, source: d.source, reason: d.reason })),
    });
  }

  /**
   * The conflicts planning and ranking need, without the declared ones' reasons: a declared
   * conflict with a proposal is that pair (read as pairs: 50,000 of them in the benchmark); the
   * declared conflicts with an organisation and the detected ones come from `detectConflicts`.
   */
  async function conflictPairsOf(
    competitionId: string,
    panel: JudgeRow[],
    submitted: Array<{ id: string; applicantId: string; organisationId: string | null; team: string[] }>,
  ): Promise<Array<Pick<Conflict, 'judgeId' | 'proposalId' | 'source' | 'organisationId' | 'organisationName'>>> {
    const pairs = await queries.selectDeclaredProposalPairs(current(db), competitionId);
    const organisationLevel = await queries.selectDeclaredOrganisationConflicts(current(db), competitionId);
    const live = new Set(submitted.map((p) => p.id));
    const declared = pairs.filter((c) => live.has(c.proposalId)).map((c) => ({ judgeId: c.judgeId, proposalId: c.proposalId, source: c.source, organisationId: null, organisationName: null }));
    return [...declared, ...(await conflictsOf(panel, submitted, organisationLevel))];
  }

  async function loadsOf(competitionId: string, round: number): Promise<Map<string, { assigned: number; submitted: number }>> {
    const rows = await queries.selectAssignments(current(db), competitionId, round);
    const loads = new Map<string, { assigned: number; submitted: number }>();
    for (const a of rows) {
      const l = loads.get(a.judgeId) ?? { assigned: 0, submitted: 0 };
      l.assigned += 1;
      if (a.reviewStatus === 'submitted') l.submitted += 1;
      loads.set(a.judgeId, l);
    }
    return loads;
  }

  /**
   * The submitted reviews of a proposal that count (as the ranking counts them): by a judge on
   * the panel, or removed with `keepReviews`, and not across a conflict. Shown to other judges
   * and, as comments, to the applicant; a review that does not count is shown to nobody.
   */
  async function countingReviewsOf(competitionId: string, proposalId: string, round?: number) {
    const all = (await queries.selectProposalReviews(current(db), competitionId, proposalId, round)).filter((r) => r.status === 'submitted');
    if (all.length === 0) return all;
    const panel = await queries.selectJudges(current(db), competitionId);
    const reviewers = panel.filter((j) => all.some((r) => r.judgeId === j.id) && (j.status === 'accepted' || (j.status === 'removed' && j.keepReviews)));
    const submitted = await proposals.submittedProposals(competitionId, [proposalId]);
    const conflicted = new Set((await conflictsOf(reviewers, submitted, await queries.selectDeclaredConflictsAbout(current(db), competitionId, proposalId))).map((c) => c.judgeId));
    const counting = new Set(reviewers.filter((j) => !conflicted.has(j.id)).map((j) => j.id));
    return all.filter((r) => counting.has(r.judgeId));
  }

  /** The caller's accepted judge row for the competition, or 404. */
  async function requireMyJudge(actor: Actor, competitionId: string): Promise<JudgeRow> {
    const judge = await queries.selectJudgeOfUser(current(db), competitionId, actor.userId);
    access.requirePanelMember(actor, judge);
    return judge!;
  }

  /**
   * A judge's right to one proposal, from the facts: accepted on the panel, assigned in some
   * round, no conflict. Returns the judge, assignment and competition facts.
   */
  async function requireReviewable(actor: Actor, competitionId: string, proposalId: string) {
    const judge = await queries.selectJudgeOfUser(current(db), competitionId, actor.userId);
    const assignment = judge ? await queries.selectJudgeAssignment(current(db), judge.id, proposalId) : undefined;
    let conflicted = false;
    if (judge && assignment) {
      const submitted = await proposals.submittedProposals(competitionId, [proposalId]);
      if (submitted.length === 0) throw new NotFoundError('Proposal');
      conflicted = (await conflictsOf([judge], submitted, await queries.selectDeclaredConflictsOfJudge(current(db), judge.id, proposalId))).length > 0;
    }
    access.requireAssignedJudge(actor, { judge, assigned: assignment !== undefined, conflicted });
    return { judge: judge!, assignment: assignment! };
  }

  function reviewView(r: queries.ReviewRow | undefined, assignment: { id: string; proposalId: string; round: number }) {
    if (!r) {
      return {
        id: null,
        assignmentId: assignment.id,
        proposalId: assignment.proposalId,
        round: assignment.round,
        status: 'not_started' as const,
        scores: {},
        commentForApplicant: '',
        noteForOrganisers: '',
        version: 0,
        submittedAt: null,
        updatedAt: null,
      };
    }
    return {
      id: r.id,
      assignmentId: r.assignmentId,
      proposalId: r.proposalId,
      round: r.round,
      status: r.status,
      scores: r.scores,
      commentForApplicant: r.commentForApplicant,
      noteForOrganisers: r.noteForOrganisers,
      version: r.version,
      submittedAt: isoOrNull(r.submittedAt),
      updatedAt: iso(r.updatedAt),
    };
  }

  return {
    // The panel.

    async inviteJudge(actor: Actor, competitionId: string, input: { email: string; maxLoad?: number | null | undefined }) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      await access.requireVerifiedEmail(actor, 'invite people');
      const token = newSecretToken();
      return transaction(db, async (tx) => {
        const facts = await competitions.lockForJudging(competitionId);
        if (facts.status === 'results_published' || facts.status === 'archived') {
          throw new ConflictError('RESULTS_PUBLISHED', 'The panel of a competition with published results (or archived) is closed', { competitionStatus: facts.status });
        }
        await queries.lockCompetitionJudging(tx, competitionId);
        const judge = await queries.insertJudge(tx, { competitionId, email: input.email, tokenHash: hashToken(token), ttlSeconds: INVITATION_TTL_SECONDS, maxLoad: input.maxLoad ?? null, invitedBy: actor.userId });
        if (!judge) throw new ConflictError('JUDGE_ALREADY_INVITED', `${input.email} is already on this competition's panel`);
        await enqueueEmail(tx, {
          to: input.email,
          template: 'judge_invitation',
          body: mailText`You are invited to judge the competition "${facts.title}" on Skyrocket. Log in with this address and accept within 21 days: ${config.publicBaseUrl}/judging/invitations/accept?token=${encodeURIComponent(token)}`,
          data: { token, competitionId },
        });
        await appendAudit(tx, { competitionId, actorId: actor.userId, action: 'judge.invited', subjectType: 'judge', subjectId: judge.id, data: { maxLoad: judge.maxLoad } });
        await recordEvent(tx, { type: 'judge.invited', organisationId: facts.organisationId, competitionId, subjectId: judge.id, payload: { competitionId, judgeId: judge.id } });
        return judgeView(judge, undefined, { assigned: 0, submitted: 0 });
      });
    },

    async listPanel(actor: Actor, competitionId: string) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      const facts = await competitions.judgingFacts(competitionId);
      const panel = await queries.selectJudges(current(db), competitionId);
      const round = await currentRound(competitionId, facts, null);
      const [profiles, loads] = await Promise.all([identity.profiles(panel.flatMap((j) => (j.userId ? [j.userId] : []))), loadsOf(competitionId, round.number)]);
      return { round: round.number, items: panel.map((j) => judgeView(j, j.userId ? profiles.get(j.userId) : undefined, loads.get(j.id) ?? { assigned: 0, submitted: 0 })) };
    },

    async respondToInvitation(actor: Actor, token: string, answer: 'accepted' | 'declined') {
      const me = (await identity.profiles([actor.userId])).get(actor.userId);
      return transaction(db, async (tx) => {
        const invitation = await queries.lockLiveJudgeInvitation(tx, hashToken(token));
        if (!invitation) throw new NotFoundError('Invitation', 'INVITATION_NOT_FOUND');
        if (me?.email.toLowerCase() !== invitation.email.toLowerCase()) {
          throw new ForbiddenError('This invitation was sent to another email address', 'INVITATION_EMAIL_MISMATCH');
        }
        const facts = await competitions.lockForJudging(invitation.competitionId);
        if (answer === 'accepted' && (await queries.selectJudgeOfUser(tx, invitation.competitionId, actor.userId))) {
          throw new ConflictError('JUDGE_ALREADY_INVITED', 'You are already on this competition’s panel under another invitation');
        }
        await queries.lockCompetitionJudging(tx, invitation.competitionId);
        const judge = await queries.updateJudge(tx, invitation.id, { status: answer, userId: answer === 'accepted' ? actor.userId : null, responded: true });
        await appendAudit(tx, { competitionId: invitation.competitionId, actorId: actor.userId, action: `judge.${answer}`, subjectType: 'judge', subjectId: judge.id });
        await recordEvent(tx, { type: 'judge.responded', organisationId: facts.organisationId, competitionId: invitation.competitionId, subjectId: judge.id, payload: { competitionId: invitation.competitionId, judgeId: judge.id, status: answer } });
        return { judgeId: judge.id, competitionId: judge.competitionId, competitionTitle: facts.title, status: judge.status };
      });
    },

    async updateJudge(actor: Actor, competitionId: string, judgeId: string, patch: { maxLoad: number | null }) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      return transaction(db, async (tx) => {
        await queries.lockCompetitionJudging(tx, competitionId);
        const judge = await queries.selectJudge(tx, competitionId, judgeId);
        if (!judge) throw new NotFoundError('Judge');
        const updated = await queries.updateJudge(tx, judgeId, { maxLoad: patch.maxLoad });
        await appendAudit(tx, { competitionId, actorId: actor.userId, action: 'judge.updated', subjectType: 'judge', subjectId: judgeId, data: { maxLoad: patch.maxLoad, previousMaxLoad: judge.maxLoad } });
        return judgeView(updated, undefined, (await loadsOf(competitionId, (await currentRound(competitionId, await competitions.judgingFacts(competitionId), null)).number)).get(judgeId) ?? { assigned: 0, submitted: 0 });
      });
    },

    /**
     * Takes a judge off the panel: their assignments without a review go; their started or
     * submitted reviews stay stored but count in the ranking only with `keepReviews` (audited).
     */
    async removeJudge(actor: Actor, competitionId: string, judgeId: string, input: { keepReviews: boolean; reason: string }) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      return transaction(db, async (tx) => {
        const facts = await competitions.lockForJudging(competitionId);
        if (facts.status === 'results_published' || facts.status === 'archived') throw new ConflictError('RESULTS_PUBLISHED', 'Results are published: the panel is frozen');
        await queries.lockCompetitionJudging(tx, competitionId);
        const judge = await queries.selectJudge(tx, competitionId, judgeId);
        if (!judge || judge.status === 'removed') throw new NotFoundError('Judge');
        const round = await currentRound(competitionId, facts, actor.userId);
        const own = await queries.selectAssignments(tx, competitionId, round.number, { judgeId });
        let dropped = 0;
        for (const a of own) if (a.reviewId === null && (await queries.deleteAssignmentWithoutReview(tx, competitionId, a.id))) dropped += 1;
        const removed = await queries.updateJudge(tx, judgeId, { status: 'removed', keepReviews: input.keepReviews, removed: true });
        await appendAudit(tx, { competitionId, actorId: actor.userId, action: 'judge.removed', subjectType: 'judge', subjectId: judgeId, data: { keepReviews: input.keepReviews, reason: input.reason, assignmentsDropped: dropped } });
        await recordEvent(tx, { type: 'judge.removed', organisationId: facts.organisationId, competitionId, subjectId: judgeId, payload: { competitionId, judgeId, keepReviews: input.keepReviews } });
        return judgeView(removed, undefined, { assigned: own.length - dropped, submitted: own.filter((a) => a.reviewStatus === 'submitted').length });
      });
    },

    /** The caller's places on panels (invitations they accepted), for a judge's home page. */
    async myPanels(actor: Actor) {
      const places = await queries.selectJudgePlacesOfUser(current(db), actor.userId);
      const items = [];
      for (const p of places) {
        if (p.status !== 'accepted') continue;
        const facts = await competitions.judgingFacts(p.competitionId);
        const round = await currentRound(p.competitionId, facts, null);
        const load = (await loadsOf(p.competitionId, round.number)).get(p.id) ?? { assigned: 0, submitted: 0 };
        items.push({ judgeId: p.id, competitionId: p.competitionId, competitionTitle: facts.title, competitionStatus: facts.status, blind: facts.judging.blind, round: round.number, load });
      }
      return { items };
    },

    // Conflicts and bids.

    /** A judge declares their own conflict; an organiser declares one for any judge (`judgeId`). */
    async declareConflict(actor: Actor, competitionId: string, input: { judgeId?: string | undefined; proposalId?: string | undefined; organisationId?: string | undefined; reason: string }) {
      if ((input.proposalId === undefined) === (input.organisationId === undefined)) {
        throw new ValidationError([{ field: 'proposalId', message: 'Name exactly one of proposalId and organisationId', code: 'ONE_OF' }]);
      }
      let judge: JudgeRow | undefined;
      let source: 'declared_by_judge' | 'declared_by_organiser';
      if (input.judgeId === undefined) {
        judge = await requireMyJudge(actor, competitionId);
        source = 'declared_by_judge';
      } else {
        await access.requireCompetitionOrganiser(actor, competitionId);
        judge = await queries.selectJudge(current(db), competitionId, input.judgeId);
        if (!judge) throw new NotFoundError('Judge');
        source = 'declared_by_organiser';
      }
      if (input.proposalId && (await proposals.submittedProposals(competitionId, [input.proposalId])).length === 0) throw new NotFoundError('Proposal');
      return transaction(db, async (tx) => {
        const facts = await competitions.lockForJudging(competitionId);
        if (facts.status === 'results_published' || facts.status === 'archived') throw new ConflictError('RESULTS_PUBLISHED', 'Results are published: conflicts are frozen');
        await queries.lockCompetitionJudging(tx, competitionId);
        const row = await queries.insertDeclaredConflict(tx, {
          competitionId,
          judgeId: judge.id,
          proposalId: input.proposalId ?? null,
          organisationId: input.organisationId ?? null,
          source,
          reason: input.reason,
          createdBy: actor.userId,
        });
        await appendAudit(tx, { competitionId, actorId: actor.userId, action: 'conflict.declared', subjectType: 'judge', subjectId: judge.id, data: { conflictId: row.id, source, proposalId: row.proposalId, organisationId: row.organisationId } });
        return { id: row.id, judgeId: row.judgeId, proposalId: row.proposalId, organisationId: row.organisationId, source: row.source, reason: row.reason, createdAt: iso(row.createdAt) };
      });
    },

    /** Every conflict of the panel with the proposals, declared and detected, each with its source. */
    async listConflicts(actor: Actor, competitionId: string) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      const [panel, submitted, declared] = await Promise.all([
        queries.selectJudges(current(db), competitionId),
        proposals.submittedProposals(competitionId),
        queries.selectDeclaredConflicts(current(db), competitionId),
      ]);
      const conflicts = await conflictsOf(
        panel.filter((j) => j.status !== 'declined'),
        submitted,
        declared,
      );
      return {
        items: conflicts.map(conflictView),
        declared: declared.map((d) => ({ id: d.id, judgeId: d.judgeId, proposalId: d.proposalId, organisationId: d.organisationId, source: d.source, reason: d.reason, createdAt: iso(d.createdAt) })),
      };
    },

    async deleteConflict(actor: Actor, competitionId: string, conflictId: string) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      await transaction(db, async (tx) => {
        const facts = await competitions.lockForJudging(competitionId);
        if (facts.status === 'results_published' || facts.status === 'archived') throw new ConflictError('RESULTS_PUBLISHED', 'Results are published: conflicts are frozen');
        await queries.lockCompetitionJudging(tx, competitionId);
        const row = await queries.deleteDeclaredConflict(tx, competitionId, conflictId);
        if (!row) throw new NotFoundError('Conflict');
        await appendAudit(tx, { competitionId, actorId: actor.userId, action: 'conflict.removed', subjectType: 'judge', subjectId: row.judgeId, data: { conflictId, reason: row.reason } });
      });
    },

    /** What a bidding judge sees: every submitted proposal but their conflicts, with a title unless blind hides it, and their bid. */
    async biddingList(actor: Actor, competitionId: string) {
      const judge = await requireMyJudge(actor, competitionId);
      const facts = await competitions.judgingFacts(competitionId);
      if (!facts.judging.bidding) throw new ConflictError('JUDGING_NOT_STARTED', 'This competition does not take bids');
      const [submitted, declared, bids] = await Promise.all([
        proposals.submittedProposals(competitionId),
        queries.selectDeclaredConflictsOfJudge(current(db), judge.id),
        queries.selectBids(current(db), competitionId, judge.id),
      ]);
      const conflicted = new Set((await conflictsOf([judge], submitted, declared)).map((c) => c.proposalId));
      const bidOf = new Map(bids.map((b) => [b.proposalId, b.bid]));
      const showTitles = access.judgeSeesIdentity(facts.judging.blind) || facts.judging.bidTitlesInBlind;
      return {
        items: submitted.filter((p) => !conflicted.has(p.id)).map((p) => ({ proposalId: p.id, title: showTitles ? p.title : null, bid: bidOf.get(p.id) ?? null })),
      };
    },

    async putBid(actor: Actor, competitionId: string, proposalId: string, bid: queries.Bid | null) {
      const judge = await requireMyJudge(actor, competitionId);
      const facts = await competitions.judgingFacts(competitionId);
      if (!facts.judging.bidding) throw new ConflictError('JUDGING_NOT_STARTED', 'This competition does not take bids');
      const submitted = await proposals.submittedProposals(competitionId, [proposalId]);
      const declared = await queries.selectDeclaredConflictsOfJudge(current(db), judge.id, proposalId);
      if (submitted.length === 0 || (await conflictsOf([judge], submitted, declared)).length > 0) throw new NotFoundError('Proposal');
      await transaction(db, async (tx) => {
        const locked = await competitions.lockForJudging(competitionId);
        if (locked.status === 'results_published' || locked.status === 'archived') throw new ConflictError('RESULTS_PUBLISHED', 'Results are published');
        if (bid === null) await queries.deleteBid(tx, judge.id, proposalId);
        else await queries.upsertBid(tx, { competitionId, judgeId: judge.id, proposalId, bid });
      });
      return { proposalId, bid };
    },

    // Assignment.

    /**
     * A dry run: the plan, kept under an id (compact); nothing is assigned until the same plan is
     * applied. Answers with the plan's first page of assignments (`readPlan` gives the others).
     */
    async planAssignments(actor: Actor, competitionId: string, page: PlanPage) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      const facts = await competitions.judgingFacts(competitionId);
      requireJudgingOpen(facts, 'assign');
      const { round, prepared, digest } = await gatherInput(competitionId, facts);
      const plan = prepared.plan();
      // Stored compact with the digest of the facts it was made from: applying re-reads the facts,
      // which must hash to `inputDigest` again, and applies exactly these rows.
      const compact = compactPlan(plan);
      const stored = await transaction(db, (tx) => queries.insertPlan(tx, { competitionId, round: round.number, inputDigest: digest, plan: compact, createdBy: actor.userId }));
      return planView({ id: stored.id, round: round.number, inputDigest: digest, createdAt: stored.createdAt, appliedAt: null }, compact, page);
    },

    /** A dry run's plan as it was made, one page of its assignments at a time (by proposal, then judge). */
    async readPlan(actor: Actor, competitionId: string, planId: string, page: PlanPage) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      const stored = await queries.selectPlan(current(db), competitionId, planId);
      if (!stored) throw new NotFoundError('Plan');
      return planView(stored, compactOf(stored), page);
    },

    /**
     * Applies exactly the plan shown: under the competition's judging lock the facts are read
     * again and must hash to the plan's digest (409 PLAN_STALE otherwise); all rows or none.
     */
    async applyPlan(actor: Actor, competitionId: string, planId: string) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      return transaction(db, async (tx) => {
        const facts = await competitions.lockForJudging(competitionId);
        requireJudgingOpen(facts, 'assign');
        await queries.lockCompetitionJudging(tx, competitionId);
        const stored = await queries.lockPlan(tx, competitionId, planId);
        if (!stored) throw new NotFoundError('Plan');
        if (stored.appliedAt) throw new ConflictError('PLAN_ALREADY_APPLIED', `This plan was applied at ${iso(stored.appliedAt)}`, { appliedAt: iso(stored.appliedAt) });
        const plan = compactOf(stored);
        if (plan.version !== PLANNER_VERSION) {
          throw new ConflictError('PLAN_STALE', 'The planner changed since this plan was made (the service was updated); make a new dry run', { planId });
        }
        // The stored rows go in while the facts are read again beside them (on PostgreSQL on
        // another connection: the insert and the re-read each take ~0.7 s at 30,000 rows); a
        // changed fact rolls the rows back with the transaction.
        const [{ round, digest }, added] = await alongside(
          db,
          () => gatherInput(competitionId, facts),
          () =>
            queries.insertAssignments(
              tx,
              {
                competitionId,
                round: stored.round,
                source: 'automatic',
                planId,
                createdBy: actor.userId,
                explanation: { conflictsChecked: true, planId, targetLoad: plan.targetLoad, judges: plan.loads.length },
                skipExisting: false,
              },
              plan.rows.map(([j, proposalId, code, before, eligible]) => ({
                judgeId: plan.loads[j]!.judgeId,
                proposalId,
                reason: null,
                bid: bidOfCode(code),
                judgeLoadBefore: before,
                judgeLoadPlanned: plan.loads[j]!.total,
                eligibleJudges: eligible,
              })),
            ),
        );
        if (digest !== stored.inputDigest || round.number !== stored.round) {
          throw new ConflictError('PLAN_STALE', 'The panel, conflicts, bids, proposals or assignments changed since this plan was made; make a new dry run', { planId });
        }
        await queries.markPlanApplied(tx, planId);
        await appendAudit(tx, { competitionId, actorId: actor.userId, action: 'assignments.applied', subjectType: 'plan', subjectId: planId, data: { round: round.number, added, uncovered: plan.uncovered.length } });
        await recordEvent(tx, { type: 'assignments.applied', organisationId: facts.organisationId, competitionId, subjectId: planId, payload: { competitionId, round: round.number, planId, added } });
        return { planId, round: round.number, added, uncovered: plan.uncovered };
      });
    },

    /** An organiser assigns one judge by hand: accepted, not conflicted, not yet assigned. */
    async assignManually(actor: Actor, competitionId: string, input: { judgeId: string; proposalId: string; reason?: string | undefined }) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      return transaction(db, async (tx) => {
        const facts = await competitions.lockForJudging(competitionId);
        requireJudgingOpen(facts, 'assign');
        await queries.lockCompetitionJudging(tx, competitionId);
        const judge = await queries.selectJudge(tx, competitionId, input.judgeId);
        if (!judge) throw new NotFoundError('Judge');
        if (judge.status !== 'accepted') throw new ConflictError('JUDGE_NOT_ACCEPTED', `The judge is ${judge.status}`, { judgeStatus: judge.status });
        const round = await currentRound(competitionId, facts, actor.userId);
        const submitted = await proposals.submittedProposals(competitionId, [input.proposalId]);
        if (submitted.length === 0 || (round.proposalIds && !round.proposalIds.includes(input.proposalId))) throw new NotFoundError('Proposal');
        const conflicts = await conflictsOf([judge], submitted, await queries.selectDeclaredConflictsOfJudge(tx, judge.id, input.proposalId));
        if (conflicts.length > 0) throw new ConflictError('JUDGE_CONFLICTED', `The judge conflicts with this proposal: ${conflicts.map((c) => c.reason).join('; ')}`, { conflicts: conflicts.map(conflictView) });
        const load = ((await loadsOf(competitionId, round.number)).get(judge.id) ?? { assigned: 0 }).assigned;
        const added = await queries.insertAssignments(
          tx,
          { competitionId, round: round.number, source: 'manual', planId: null, createdBy: actor.userId, explanation: { conflictsChecked: true }, skipExisting: true },
          [{ judgeId: judge.id, proposalId: input.proposalId, reason: input.reason ?? 'Assigned by an organiser', bid: null, judgeLoadBefore: load, judgeLoadPlanned: null, eligibleJudges: null }],
        );
        if (added === 0) throw new ConflictError('ASSIGNMENT_EXISTS', 'The judge is already assigned to this proposal');
        await appendAudit(tx, { competitionId, actorId: actor.userId, action: 'assignment.added', subjectType: 'proposal', subjectId: input.proposalId, data: { judgeId: judge.id, round: round.number, reason: input.reason ?? null } });
        const [row] = await queries.selectAssignments(tx, competitionId, round.number, { judgeId: judge.id, proposalId: input.proposalId });
        return assignmentView(row!);
      });
    },

    async removeAssignment(actor: Actor, competitionId: string, assignmentId: string) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      await transaction(db, async (tx) => {
        const facts = await competitions.lockForJudging(competitionId);
        requireJudgingOpen(facts, 'assign');
        await queries.lockCompetitionJudging(tx, competitionId);
        const row = await queries.selectAssignment(tx, competitionId, assignmentId);
        if (!row) throw new NotFoundError('Assignment');
        const deleted = await queries.deleteAssignmentWithoutReview(tx, competitionId, assignmentId);
        if (!deleted) throw new ConflictError('REVIEW_STARTED', 'The judge has started (or submitted) a review of this proposal; the assignment is kept');
        await appendAudit(tx, { competitionId, actorId: actor.userId, action: 'assignment.removed', subjectType: 'proposal', subjectId: row.proposalId, data: { judgeId: row.judgeId, round: row.round } });
      });
    },

    async listAssignments(actor: Actor, competitionId: string, filter: { judgeId?: string | undefined; proposalId?: string | undefined }) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      const facts = await competitions.judgingFacts(competitionId);
      const round = await currentRound(competitionId, facts, null);
      const rows = await queries.selectAssignments(current(db), competitionId, round.number, { ...(filter.judgeId ? { judgeId: filter.judgeId } : {}), ...(filter.proposalId ? { proposalId: filter.proposalId } : {}) });
      return { round: round.number, items: rows.map(assignmentView) };
    },

    // The judge's side.

    /** The caller's assignments in the current round with progress, and the next one to review (least-reviewed first). */
    async myAssignments(actor: Actor, competitionId: string) {
      const judge = await requireMyJudge(actor, competitionId);
      const facts = await competitions.judgingFacts(competitionId);
      const round = await currentRound(competitionId, facts, null);
      const [mine, all] = await Promise.all([queries.selectAssignments(current(db), competitionId, round.number, { judgeId: judge.id }), queries.selectAssignments(current(db), competitionId, round.number)]);
      const submittedCount = new Map<string, number>();
      for (const a of all) if (a.reviewStatus === 'submitted') submittedCount.set(a.proposalId, (submittedCount.get(a.proposalId) ?? 0) + 1);
      const items = mine.map((a) => ({ assignmentId: a.id, proposalId: a.proposalId, round: a.round, reviewStatus: a.reviewStatus ?? ('not_started' as const), submittedReviews: submittedCount.get(a.proposalId) ?? 0 }));
      const pending = items.filter((i) => i.reviewStatus !== 'submitted').sort((a, b) => a.submittedReviews - b.submittedReviews || (a.proposalId < b.proposalId ? -1 : 1));
      return {
        round: round.number,
        progress: { assigned: items.length, submitted: items.filter((i) => i.reviewStatus === 'submitted').length, drafts: items.filter((i) => i.reviewStatus === 'draft').length },
        next: pending[0] ?? null,
        items,
      };
    },

    /**
     * A proposal as its judge reads it: the current revision's title, answers and files. In blind
     * mode without applicant, team or organisation, and files without their names.
     */
    async readProposal(actor: Actor, competitionId: string, proposalId: string) {
      const { assignment } = await requireReviewable(actor, competitionId, proposalId);
      const facts = await competitions.judgingFacts(competitionId);
      const rev = await proposals.currentRevision(proposalId);
      if (!rev) throw new NotFoundError('Proposal');
      const sees = access.judgeSeesIdentity(facts.judging.blind);
      const withheld = !sees && facts.judging.attachmentsForJudges === 'withheld';
      const files = withheld
        ? []
        : rev.content.attachments.map((a, i) => ({ id: a.id, filename: sees ? a.filename : `attachment-${i + 1}${extensionOf(a.contentType)}`, contentType: a.contentType, size: a.size }));
      let people: { applicant: { displayName: string } | null; team: Array<{ displayName: string }>; organisationId: string | null } | null = null;
      if (sees) {
        const profiles = await identity.profiles([rev.content.applicantId, ...rev.content.team]);
        people = {
          applicant: { displayName: profiles.get(rev.content.applicantId)?.displayName ?? '' },
          team: rev.content.team.map((u) => ({ displayName: profiles.get(u)?.displayName ?? '' })),
          organisationId: rev.content.organisationId,
        };
      }
      return {
        proposalId,
        competitionId,
        round: assignment.round,
        revision: rev.revision,
        blind: !sees,
        title: rev.content.title,
        answers: rev.content.answers,
        attachments: files,
        attachmentsWithheld: withheld,
        ...(people ? { people } : {}),
      };
    },

    /** A file of an assigned proposal, for its judge; blind mode serves it without identifying metadata, or not at all. */
    async downloadAttachment(actor: Actor, competitionId: string, proposalId: string, attachmentId: string) {
      await requireReviewable(actor, competitionId, proposalId);
      const facts = await competitions.judgingFacts(competitionId);
      const sees = access.judgeSeesIdentity(facts.judging.blind);
      if (!sees && facts.judging.attachmentsForJudges === 'withheld') throw new NotFoundError('Attachment');
      const rev = await proposals.currentRevision(proposalId);
      const index = rev?.content.attachments.findIndex((a) => a.id === attachmentId) ?? -1;
      const file = index >= 0 ? await proposals.currentRevisionFile(proposalId, attachmentId) : undefined;
      if (!file || !rev) throw new NotFoundError('Attachment');
      if (sees) return { filename: file.filename, contentType: file.contentType, data: file.data };
      const clean = await stripMetadata(file.contentType, file.data);
      if (!clean.ok) throw new NotFoundError('Attachment');
      return { filename: `attachment-${index + 1}${extensionOf(file.contentType)}`, contentType: file.contentType, data: clean.data };
    },

    async getReview(actor: Actor, competitionId: string, proposalId: string) {
      const { assignment } = await requireReviewable(actor, competitionId, proposalId);
      return reviewView(await queries.selectReviewOfAssignment(current(db), assignment.id), assignment);
    },

    /** Saves (and with `submit`, submits) the caller's review; `If-Match` is required (`"v0"` before the first save). */
    async saveReview(actor: Actor, competitionId: string, proposalId: string, input: { scores: Record<string, number>; commentForApplicant?: string | undefined; noteForOrganisers?: string | undefined; submit: boolean }, ifMatch: string | undefined) {
      const { judge, assignment } = await requireReviewable(actor, competitionId, proposalId);
      return transaction(db, async (tx) => {
        const facts = await competitions.lockForJudging(competitionId);
        requireJudgingOpen(facts, 'review');
        const existing = await queries.lockReviewOfAssignment(tx, assignment.id);
        requireIfMatchPresent(ifMatch, existing?.version ?? 0, 'review');
        const submitting = input.submit || existing?.status === 'submitted';
        const problems = scoreProblems(facts.rubric, input.scores, submitting);
        if (problems.length > 0) throw new ValidationError(problems, submitting ? 'A submitted review scores every criterion within its scale' : 'Scores must be within each criterion’s scale');
        const fields = { scores: input.scores, commentForApplicant: input.commentForApplicant ?? existing?.commentForApplicant ?? '', noteForOrganisers: input.noteForOrganisers ?? existing?.noteForOrganisers ?? '' };
        let row: queries.ReviewRow | undefined;
        if (existing) {
          row = await queries.updateReview(tx, existing.id, { ...fields, submit: input.submit, wasSubmitted: existing.status === 'submitted' });
        } else {
          row = await queries.insertReview(tx, { assignmentId: assignment.id, competitionId, round: assignment.round, judgeId: judge.id, proposalId, ...fields, submit: input.submit });
          // A concurrent first save of the same review won: this one's `"v0"` is stale now.
          if (!row) requireIfMatchPresent(ifMatch, -1, 'review');
        }
        const justSubmitted = input.submit && existing?.status !== 'submitted';
        if (justSubmitted || (input.submit && existing?.status === 'submitted')) {
          await appendAudit(tx, { competitionId, actorId: actor.userId, action: justSubmitted ? 'review.submitted' : 'review.resubmitted', subjectType: 'proposal', subjectId: proposalId, data: { reviewId: row!.id, round: assignment.round, version: row!.version } });
        }
        if (justSubmitted) {
          await recordEvent(tx, { type: 'review.submitted', organisationId: facts.organisationId, competitionId, subjectId: row!.id, payload: { competitionId, proposalId, reviewId: row!.id, round: assignment.round } });
        }
        return reviewView(row, assignment);
      });
    },

    /**
     * Other judges' submitted reviews of the proposal (scores and comments, judges anonymous as
     * "Judge 1, 2, …"), only once the caller's own is submitted: anti-anchoring.
     */
    async otherReviews(actor: Actor, competitionId: string, proposalId: string) {
      const { judge, assignment } = await requireReviewable(actor, competitionId, proposalId);
      const own = await queries.selectReviewOfAssignment(current(db), assignment.id);
      if (!access.judgeSeesOtherReviews(own?.status === 'submitted')) {
        throw new ForbiddenError('Submit your own review of this proposal first: other judges’ reviews are hidden until then', 'REVIEW_NOT_SUBMITTED');
      }
      const others = (await countingReviewsOf(competitionId, proposalId, assignment.round)).filter((r) => r.judgeId !== judge.id);
      return { items: others.map((r, i) => ({ judge: `Judge ${i + 1}`, scores: r.scores, commentForApplicant: r.commentForApplicant, submittedAt: isoOrNull(r.submittedAt) })) };
    },

    /** Internal: the facts the ranking and the feedback need (results.service.ts). */
    internal: { gatherInput, conflictPairsOf, currentRound, countingReviewsOf },
  };

  function planView(stored: { id: string; round: number; inputDigest: string; createdAt: Date; appliedAt: Date | null }, plan: CompactPlan, page: PlanPage) {
    const scope = `${stored.id}:${page.judgeId ?? ''}`;
    const judgeIndex = page.judgeId === undefined ? -1 : plan.loads.findIndex((l) => l.judgeId === page.judgeId);
    const rows = page.judgeId === undefined ? plan.rows : plan.rows.filter(([j]) => j === judgeIndex);
    const from = page.cursor === undefined ? 0 : decodeOffsetCursor(page.cursor, scope, rows.length);
    const to = Math.min(rows.length, from + page.limit);
    return {
      planId: stored.id,
      round: stored.round,
      inputDigest: stored.inputDigest,
      createdAt: iso(stored.createdAt),
      appliedAt: isoOrNull(stored.appliedAt),
      assignmentCount: plan.rows.length,
      matchingAssignments: rows.length,
      assignments: expandAssignments(plan, rows.slice(from, to)),
      nextCursor: to < rows.length ? encodeOffsetCursor(scope, to) : null,
      loads: plan.loads,
      uncovered: plan.uncovered,
      targetLoad: plan.targetLoad,
    };
  }
}

/** A stored plan's compact form; a plan stored by an earlier planner (another shape) reads as version 0. */
function compactOf(stored: { plan: unknown }): CompactPlan {
  const plan = stored.plan as Partial<CompactPlan>;
  return Array.isArray(plan.rows) && Array.isArray(plan.loads) ? (plan as CompactPlan) : { version: 0, targetLoad: { min: 0, max: 0 }, loads: [], uncovered: [], rows: [] };
}

/** One page of a plan's assignments: `limit` of them after `cursor`, optionally one judge's only. */
export interface PlanPage {
  limit: number;
  cursor?: string | undefined;
  judgeId?: string | undefined;
}

function assignmentView(a: Awaited<ReturnType<typeof queries.selectAssignments>>[number]) {
  return {
    id: a.id,
    round: a.round,
    judgeId: a.judgeId,
    proposalId: a.proposalId,
    source: a.source,
    planId: a.planId,
    explanation: explainedAssignment(a.explanation),
    reviewStatus: a.reviewStatus ?? ('not_started' as const),
    createdAt: iso(a.createdAt),
  };
}

/**
 * A stored explanation with its sentence: an automatic assignment stores the planner's numbers
 * (load before, planned, target, eligible judges, bid) and its sentence is derived from them, as
 * the plan derived it; a manual one stores the organiser's reason.
 */
function explainedAssignment(e: Record<string, unknown>): Record<string, unknown> {
  if (typeof e['reason'] === 'string') return e;
  const target = e['targetLoad'] as { min: number; max: number } | undefined;
  const [before, planned, eligible, judges] = [e['judgeLoadBefore'], e['judgeLoadPlanned'], e['eligibleJudges'], e['judges']];
  if (!target || typeof before !== 'number' || typeof planned !== 'number' || typeof eligible !== 'number' || typeof judges !== 'number') return e;
  return { ...e, reason: assignmentReason((e['bid'] as queries.Bid | null) ?? null, before, planned, target, eligible, judges) };
}

function extensionOf(contentType: string): string {
  return { 'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg', 'text/plain': '.txt' }[contentType] ?? '';
}

function stripMetadata(contentType: string, data: Buffer) {
  return withoutIdentifyingMetadata(contentType as Parameters<typeof withoutIdentifyingMetadata>[0], data);
}

export type JudgingService = ReturnType<typeof createJudgingService>;
