/**
 * From reviews to published results: the ranking and the judge-bias report (scoring.ts does the
 * arithmetic), the organiser's dashboard, the shortlist round, the decision, publishing signed
 * results, and each applicant's feedback. Visibility through access; changes audited and evented.
 */
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { databaseNow } from '../../db/clock.js';
import { current, transaction } from '../../db/unit-of-work.js';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import type { ReceiptSigner } from '../../lib/receipts.js';
import { iso } from '../../lib/time.js';
import type { Access, Actor } from '../access/access.js';
import { appendAudit, auditChainHead } from '../audit/audit.service.js';
import type { CompetitionService, JudgingFacts } from '../competitions/competitions.service.js';
import { recordEvent } from '../events/events.js';
import type { IdentityService } from '../identity/identity.service.js';
import type { JudgingDirectory } from '../proposals/proposals.service.js';
import type { JudgingService } from './judging.service.js';
import { requireIfMatchPresent, requireJudgingOpen } from './judging.service.js';
import * as queries from './judging.queries.js';
import { decisionProblems, followsRanking } from './judging.rules.js';
import type { SignedResults } from './judging.schemas.js';
import { biasReport, rankProposals, type Ranking } from './scoring.js';

type SignedResultsDocument = z.infer<typeof SignedResults>['document'];

export interface ResultsDeps {
  db: Db;
  access: Access;
  competitions: Pick<CompetitionService, 'lockForJudging' | 'judgingFacts' | 'markResultsPublished'>;
  identity: Pick<IdentityService, 'profiles'>;
  proposals: JudgingDirectory;
  organisationProfile: (organisationId: string) => Promise<{ name: string; country: string }>;
  judging: JudgingService;
  receipts: ReceiptSigner;
}

export function createResultsService({ db, access, competitions, identity, proposals, organisationProfile, judging, receipts }: ResultsDeps) {
  const { conflictPairsOf, currentRound, countingReviewsOf } = judging.internal;

  /**
   * The scoring input of a round: its submitted proposals and the reviews that count — submitted,
   * by judges on the panel (or removed with their reviews kept), never across a conflict.
   */
  async function scoringInput(competitionId: string, facts: JudgingFacts, roundNumber?: number) {
    const round = await currentRound(competitionId, facts, null);
    const number = roundNumber ?? round.number;
    const rounds = await queries.selectRounds(current(db), competitionId);
    const roundRow = rounds.find((r) => r.number === number);
    if (number !== 1 && !roundRow) throw new NotFoundError('Round');
    const ids = number === 1 ? undefined : await queries.selectRoundProposalIds(current(db), roundRow!.id);
    // One after the other: publishResults reads these inside its transaction, on one connection.
    const submitted = await proposals.submittedProposals(competitionId, ids);
    const panel = await queries.selectJudges(current(db), competitionId);
    const reviews = await queries.selectSubmittedScores(current(db), competitionId, number);
    const counting = new Set(panel.filter((j) => j.status === 'accepted' || (j.status === 'removed' && j.keepReviews)).map((j) => j.id));
    const conflicted = new Set((await conflictPairsOf(competitionId, panel, submitted)).map((c) => `${c.judgeId}|${c.proposalId}`));
    const live = new Set(submitted.map((p) => p.id));
    const counted = reviews.filter((r) => counting.has(r.judgeId) && live.has(r.proposalId) && !conflicted.has(`${r.judgeId}|${r.proposalId}`));
    return {
      round: number,
      submitted,
      input: {
        rubric: facts.rubric,
        settings: { aggregation: facts.judging.aggregation, normalisation: facts.judging.normalisation, tieBreaks: facts.judging.tieBreaks },
        proposals: submitted.map((p) => ({ id: p.id, firstSubmittedAt: iso(p.firstSubmittedAt) })),
        reviews: counted.map((r) => ({ proposalId: r.proposalId, judgeId: r.judgeId, scores: r.scores })),
      },
    };
  }

  function rankingView(ranking: Ranking, titles: Map<string, string>) {
    return { ...ranking, entries: ranking.entries.map((e) => ({ ...e, title: titles.get(e.proposalId) ?? '' })) };
  }

  async function finalRanking(competitionId: string, facts: JudgingFacts) {
    const { input, submitted, round } = await scoringInput(competitionId, facts);
    const ranking = rankProposals(input);
    return { round, ranking, titles: new Map(submitted.map((p) => [p.id, p.title])) };
  }

  return {
    /** The explained ranking of a round (the current one by default), for organisers. */
    async ranking(actor: Actor, competitionId: string, query: { round?: number | undefined }) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      const facts = await competitions.judgingFacts(competitionId);
      const { input, submitted, round } = await scoringInput(competitionId, facts, query.round);
      return { round, ...rankingView(rankProposals(input), new Map(submitted.map((p) => [p.id, p.title]))) };
    },

    async biasReport(actor: Actor, competitionId: string, query: { round?: number | undefined }) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      const facts = await competitions.judgingFacts(competitionId);
      const { input, round } = await scoringInput(competitionId, facts, query.round);
      return { round, ...biasReport(input) };
    },

    /** Progress per judge and per proposal in the current round. */
    async progress(actor: Actor, competitionId: string) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      const facts = await competitions.judgingFacts(competitionId);
      const round = await currentRound(competitionId, facts, null);
      const [assignments, panel] = await Promise.all([queries.selectAssignments(current(db), competitionId, round.number), queries.selectJudges(current(db), competitionId)]);
      const perJudge = new Map<string, { assigned: number; drafts: number; submitted: number }>();
      const perProposal = new Map<string, { assigned: number; submitted: number }>();
      for (const a of assignments) {
        const j = perJudge.get(a.judgeId) ?? { assigned: 0, drafts: 0, submitted: 0 };
        j.assigned += 1;
        if (a.reviewStatus === 'draft') j.drafts += 1;
        if (a.reviewStatus === 'submitted') j.submitted += 1;
        perJudge.set(a.judgeId, j);
        const p = perProposal.get(a.proposalId) ?? { assigned: 0, submitted: 0 };
        p.assigned += 1;
        if (a.reviewStatus === 'submitted') p.submitted += 1;
        perProposal.set(a.proposalId, p);
      }
      const missing = await queries.countMissingReviews(current(db), competitionId, round.number);
      return {
        round: round.number,
        reviewsPerProposal: round.reviewsPerProposal,
        totals: { assignments: assignments.length, submitted: assignments.filter((a) => a.reviewStatus === 'submitted').length, missing },
        judges: panel.filter((j) => j.status === 'accepted' || perJudge.has(j.id)).map((j) => ({ judgeId: j.id, status: j.status, ...(perJudge.get(j.id) ?? { assigned: 0, drafts: 0, submitted: 0 }) })),
        proposals: [...perProposal.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([proposalId, p]) => ({ proposalId, ...p, needed: Math.max(0, round.reviewsPerProposal - p.assigned) })),
      };
    },

    /** The shortlist round: the top N of round 1 (or a chosen set) advance, with their own assignments and reviews. */
    async createShortlist(actor: Actor, competitionId: string, input: { size?: number | undefined; proposalIds?: string[] | undefined; reviewsPerProposal?: number | undefined; reason?: string | undefined }) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      return transaction(db, async (tx) => {
        const facts = await competitions.lockForJudging(competitionId);
        requireJudgingOpen(facts, 'assign');
        await queries.lockCompetitionJudging(tx, competitionId);
        const rounds = await queries.selectRounds(tx, competitionId);
        if (rounds.some((r) => r.number >= 2)) throw new ConflictError('ROUND_NOT_ALLOWED', 'This competition already has its shortlist round');
        const { ranking, titles } = await finalRanking(competitionId, facts);
        const ranked = ranking.entries.filter((e) => e.rank !== null).map((e) => e.proposalId);
        let chosen: string[];
        if (input.proposalIds) {
          // Any submitted proposal of the round may advance, reviewed or not (with a reason, below).
          const known = new Set(titles.keys());
          const unknown = input.proposalIds.filter((id) => !known.has(id));
          if (unknown.length > 0) throw new ValidationError(unknown.map((id) => ({ field: 'proposalIds', message: `${id} is not a submitted proposal of this competition`, code: 'UNKNOWN_PROPOSAL' })));
          chosen = [...new Set(input.proposalIds)];
          if (!followsRanking(ranked, chosen.slice().sort((a, b) => ranked.indexOf(a) - ranked.indexOf(b))) && !input.reason) {
            throw new ValidationError([{ field: 'reason', message: 'A shortlist that is not the top of the ranking needs a reason (audited)', code: 'REQUIRED' }]);
          }
        } else {
          const size = input.size ?? facts.judging.shortlistSize;
          if (!size) throw new ValidationError([{ field: 'size', message: 'Give size (or proposalIds); the competition has no shortlistSize', code: 'REQUIRED' }]);
          chosen = ranked.slice(0, size);
        }
        if (chosen.length === 0) throw new ConflictError('ROUND_NOT_ALLOWED', 'No ranked proposal to shortlist yet: round 1 needs submitted reviews first');
        if (!rounds.some((r) => r.number === 1)) await queries.insertRound(tx, { competitionId, number: 1, reviewsPerProposal: facts.judging.reviewsPerProposal, createdBy: actor.userId });
        const round = await queries.insertRound(tx, { competitionId, number: 2, reviewsPerProposal: input.reviewsPerProposal ?? facts.judging.reviewsPerProposal, createdBy: actor.userId });
        if (!round) throw new ConflictError('ROUND_NOT_ALLOWED', 'This competition already has its shortlist round');
        await queries.insertRoundProposals(tx, round.id, chosen);
        await appendAudit(tx, { competitionId, actorId: actor.userId, action: 'round.created', subjectType: 'round', subjectId: round.id, data: { round: 2, proposals: chosen, reason: input.reason ?? null } });
        await recordEvent(tx, { type: 'round.created', organisationId: facts.organisationId, competitionId, subjectId: round.id, payload: { competitionId, round: 2, proposals: chosen.length } });
        return { round: 2, reviewsPerProposal: round.reviewsPerProposal, proposalIds: chosen };
      });
    },

    async getDecision(actor: Actor, competitionId: string) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      const row = await queries.selectDecision(current(db), competitionId);
      return decisionView(row);
    },

    /**
     * The winners and their prize shares (minor units, summing to the prize). Winners that are not
     * the top of the final ranking in order need `departureReason` (audited). `If-Match` required.
     */
    async putDecision(actor: Actor, competitionId: string, input: { winners: Array<{ proposalId: string; prizeAmount: number }>; departureReason?: string | undefined }, ifMatch: string | undefined) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      return transaction(db, async (tx) => {
        const facts = await competitions.lockForJudging(competitionId);
        requireJudgingOpen(facts, 'decide');
        const existing = await queries.lockDecision(tx, competitionId);
        requireIfMatchPresent(ifMatch, existing?.version ?? 0, 'decision');
        const { ranking, round, titles } = await finalRanking(competitionId, facts);
        const ranked = ranking.entries.filter((e) => e.rank !== null);
        // Any submitted proposal of the last round may win, ranked or not (a departure: with a reason).
        const problems = decisionProblems(facts.prize, input.winners, new Set(titles.keys()));
        const follows = followsRanking(
          ranked.map((e) => e.proposalId),
          input.winners.map((w) => w.proposalId),
        );
        if (!follows && !input.departureReason) {
          problems.push({ field: 'departureReason', message: 'The winners are not the top of the ranking in order: give the reason (audited)', code: 'REQUIRED' });
        }
        if (problems.length > 0) throw new ValidationError(problems, 'The decision is not valid');
        const rankOf = new Map(ranked.map((e) => [e.proposalId, e.rank]));
        const winners = input.winners.map((w, i) => ({ proposalId: w.proposalId, position: i + 1, prizeAmount: w.prizeAmount, rank: rankOf.get(w.proposalId) ?? null }));
        const row = await queries.upsertDecision(tx, { competitionId, winners, departureReason: follows ? null : input.departureReason!, decidedBy: actor.userId });
        await appendAudit(tx, { competitionId, actorId: actor.userId, action: 'decision.recorded', subjectType: 'competition', subjectId: competitionId, data: { winners, followsRanking: follows, departureReason: row.departureReason, round } });
        return decisionView(row);
      });
    },

    /**
     * Publishes the results: every assigned review of the last round submitted (or `override` with
     * a reason, audited), a decision made; the document is signed with the receipt key, carries the
     * audit chain's head, and freezes judging (the competition moves to `results_published`).
     */
    async publishResults(actor: Actor, competitionId: string, input: { override?: boolean | undefined; reason?: string | undefined }) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      if (input.override && !input.reason) throw new ValidationError([{ field: 'reason', message: 'An override needs a reason (audited)', code: 'REQUIRED' }]);
      const facts0 = await competitions.judgingFacts(competitionId);
      requireJudgingOpen(facts0, 'decide');
      return transaction(db, async (tx) => {
        const round = await currentRound(competitionId, facts0, actor.userId);
        const missing = await queries.countMissingReviews(tx, competitionId, round.number);
        if (missing > 0 && !input.override) {
          throw new ConflictError('REVIEWS_MISSING', `${missing} assigned review(s) of round ${round.number} are not submitted; wait, or publish with override and a reason`, { missing, round: round.number });
        }
        const decision = await queries.lockDecision(tx, competitionId);
        if (!decision) throw new ConflictError('DECISION_MISSING', 'Decide the winners first (PUT …/decision)');
        // Locks the competition FOR UPDATE and moves it: reviews and decisions (FOR SHARE) wait or see it.
        await competitions.markResultsPublished(actor, competitionId, { override: input.override === true, reason: input.reason ?? null, missingReviews: missing, round: round.number });
        const facts = await competitions.judgingFacts(competitionId);
        const { ranking, titles } = await finalRanking(competitionId, facts);
        const byId = new Map((await proposals.submittedProposals(competitionId, decision.winners.map((w) => w.proposalId))).map((p) => [p.id, p]));
        const people = await identity.profiles([...byId.values()].flatMap((p) => [p.applicantId, ...p.team]));
        const winners = [];
        for (const w of decision.winners) {
          const p = byId.get(w.proposalId);
          const org = p?.organisationId ? await organisationProfile(p.organisationId) : null;
          const applicant = p ? people.get(p.applicantId) : undefined;
          winners.push({
            position: w.position,
            proposalId: w.proposalId,
            title: titles.get(w.proposalId) ?? p?.title ?? '',
            // Winners are named as they entered: their organisation, else their team (applicant first).
            by: org ? { kind: 'organisation' as const, name: org.name, country: org.country } : { kind: 'team' as const, name: [applicant?.displayName ?? '', ...(p?.team ?? []).map((u) => people.get(u)?.displayName ?? '')].filter(Boolean).join(', '), country: applicant?.country ?? null },
            prize: { amount: w.prizeAmount, currency: facts.prize.currency },
            rank: w.rank,
          });
        }
        const head = await auditChainHead(tx, competitionId);
        const publishedAt = iso(await databaseNow(tx));
        const document = {
          kind: 'skyrocket.results.v1',
          competitionId,
          competitionTitle: facts.title,
          prize: { amount: facts.prize.amount, currency: facts.prize.currency },
          winners,
          ...(facts.judging.publishFullRanking
            ? { ranking: ranking.entries.filter((e) => e.rank !== null).map((e) => ({ rank: e.rank, proposalId: e.proposalId, title: titles.get(e.proposalId) ?? '', score: e.score })) }
            : {}),
          decision: { followsRanking: decision.departureReason === null, departureReason: decision.departureReason },
          override: input.override ? { missingReviews: missing, reason: input.reason ?? '' } : null,
          auditHead: head,
          publishedAt,
          keyId: receipts.keyId,
          algorithm: 'Ed25519',
        };
        const signature = await receipts.signDocument(document);
        await queries.insertResults(tx, { competitionId, document, signature, keyId: receipts.keyId, prizeTotal: facts.prize.amount, overrideReason: input.override ? input.reason! : null, publishedBy: actor.userId });
        return { document, signature, algorithm: 'Ed25519' as const, keyId: receipts.keyId };
      });
    },

    /** Public: the signed results document. Verify: Ed25519 over the canonical JSON of `document` with GET /v1/receipts/public-key. */
    async publicResults(competitionId: string) {
      const row = await queries.selectResults(current(db), competitionId);
      if (!row) throw new NotFoundError('Results', 'RESULTS_NOT_PUBLISHED');
      // Stored as published (the same document publishResults returned and signed).
      return { document: row.document as SignedResultsDocument, signature: row.signature, algorithm: 'Ed25519' as const, keyId: row.keyId };
    },

    /**
     * An applicant's (or team member's) feedback once results are published: the judges' comments
     * without their identities, and score and rank where the competition shows them.
     */
    async feedback(actor: Actor, proposalId: string) {
      const facts = await proposals.accessFacts(proposalId, actor.userId);
      if (!facts) throw new NotFoundError('Proposal');
      const relation = await access.proposalRelation(actor, facts);
      if (relation !== 'applicant' && relation !== 'member') throw new NotFoundError('Proposal');
      const competition = await competitions.judgingFacts(facts.competitionId);
      if (competition.status !== 'results_published') {
        throw new NotFoundError('Feedback (shown once the results are published)', 'RESULTS_NOT_PUBLISHED');
      }
      const { ranking, round } = await finalRanking(facts.competitionId, competition);
      const reviews = await countingReviewsOf(facts.competitionId, proposalId);
      const entry = ranking.entries.find((e) => e.proposalId === proposalId);
      return {
        proposalId,
        competitionId: facts.competitionId,
        comments: reviews.filter((r) => r.commentForApplicant.trim() !== '').map((r) => ({ round: r.round, comment: r.commentForApplicant })),
        ...(competition.judging.showScoresToApplicants && entry ? { score: entry.score, rank: entry.rank, ranked: ranking.entries.filter((e) => e.rank !== null).length, round } : {}),
      };
    },
  };
}

function decisionView(row: Awaited<ReturnType<typeof queries.selectDecision>>) {
  if (!row) return { winners: [], departureReason: null, version: 0, updatedAt: null };
  return { winners: row.winners, departureReason: row.departureReason, version: row.version, updatedAt: iso(row.updatedAt) };
}

export type ResultsService = ReturnType<typeof createResultsService>;
