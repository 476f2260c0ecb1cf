import { z } from 'zod';
import * as ex from '../../lib/examples.js';
import { CountryCode, Email, instantOf, nullableInstantOf, nullableUuidOf, uuidOf } from '../../lib/schemas.js';
import { BIDS, JUDGE_STATUSES } from '../../db/schema/judging.js';
import { CONFLICT_KINDS } from './judging.rules.js';

const competitionIdParam = uuidOf('The competition’s id', ex.ids.competition);
const judgeIdOf = (d: string) => uuidOf(d, ex.ids.judge);
const proposalIdOf = (d: string) => uuidOf(d, ex.ids.proposal);
const when = (d: string) => instantOf(d, '2026-11-06T09:12:44.210Z');
const maybeWhen = (d: string) => nullableInstantOf(d, '2026-11-06T09:12:44.210Z');

export const CompetitionParams = z.object({ competitionId: competitionIdParam });
export const JudgeParams = z.object({ competitionId: competitionIdParam, judgeId: judgeIdOf('The judge’s id (their place on the panel)') });
export const ConflictParams = z.object({ competitionId: competitionIdParam, conflictId: uuidOf('The declared conflict’s id', ex.ids.conflict) });
export const PlanParams = z.object({ competitionId: competitionIdParam, planId: uuidOf('The plan’s id, from the dry run', ex.ids.plan) });
export const AssignmentParams = z.object({ competitionId: competitionIdParam, assignmentId: uuidOf('The assignment’s id', ex.ids.assignment) });
export const JudgeProposalParams = z.object({ competitionId: competitionIdParam, proposalId: proposalIdOf('An assigned proposal’s id') });
export const JudgeAttachmentParams = JudgeProposalParams.extend({ attachmentId: uuidOf('The attachment’s id', ex.ids.attachment) });
export const ProposalParams = z.object({ proposalId: proposalIdOf('The proposal’s id') });

export const RoundQuery = z.object({ round: z.coerce.number().int().min(1).max(2).optional().describe('Judging round: 1, or 2 for the shortlist round; default the current one') });
export const AssignmentQuery = z.object({
  judgeId: judgeIdOf('Only this judge’s assignments').optional(),
  proposalId: proposalIdOf('Only this proposal’s assignments').optional(),
});

export const InviteJudgeBody = z
  .strictObject({
    email: Email.describe('Where the invitation goes; the judge accepts logged in with this address (an account inside or outside the organisation)'),
    maxLoad: z.number().int().min(0).max(10_000).nullable().optional().describe('At most this many proposals in a round; null or absent: balancing alone decides'),
  })
  .meta({ id: 'InviteJudgeRequest', description: 'A judge to invite to the panel', examples: [{ email: 'marta.kowalska@example.org', maxLoad: 40 }] });

export const UpdateJudgeBody = z
  .strictObject({ maxLoad: z.number().int().min(0).max(10_000).nullable().describe('At most this many proposals in a round; null: no cap') })
  .meta({ id: 'UpdateJudgeRequest', description: 'A change to a judge’s place on the panel', examples: [{ maxLoad: 30 }] });

export const RemoveJudgeBody = z
  .strictObject({
    keepReviews: z.boolean().default(false).describe('Whether the judge’s submitted reviews still count in the ranking (default: they do not)'),
    reason: z.string().trim().min(1).max(2000).describe('Why the judge leaves the panel (kept in the audit log)'),
  })
  .meta({ id: 'RemoveJudgeRequest', description: 'Taking a judge off the panel', examples: [{ keepReviews: false, reason: 'Declared a late conflict with most of the proposals' }] });

const LoadSchema = z
  .object({ assigned: z.number().int().describe('Assignments in the current round'), submitted: z.number().int().describe('Of them, with a submitted review') })
  .meta({ id: 'JudgeLoad', description: 'A judge’s load in the current round', examples: [{ assigned: 30, submitted: 12 }] });

export const Judge = z
  .object({
    id: judgeIdOf('The judge’s id (their place on this panel)'),
    competitionId: competitionIdParam,
    email: z.string().describe('The invited address'),
    userId: nullableUuidOf('The account that accepted; null until then', ex.ids.judgeUser),
    displayName: z.string().nullable().describe('The judge’s display name once accepted'),
    status: z.enum(JUDGE_STATUSES).describe('invited → accepted or declined; removed by an organiser'),
    maxLoad: z.number().int().nullable().describe('Per-round cap; null: none'),
    keepReviews: z.boolean().describe('For a removed judge: whether their submitted reviews still count'),
    load: LoadSchema.describe('The judge’s load in the current round'),
    invitedAt: when('When the invitation was made'),
    expiresAt: when('When the invitation lapses unless answered'),
    respondedAt: maybeWhen('When the judge answered; null until then'),
    removedAt: maybeWhen('When the judge was removed; null if not'),
  })
  .meta({
    id: 'Judge',
    description: 'A judge on a competition’s panel, as organisers see it',
    examples: [
      {
        id: ex.ids.judge,
        competitionId: ex.ids.competition,
        email: 'marta.kowalska@example.org',
        userId: ex.ids.judgeUser,
        displayName: 'Marta Kowalska',
        status: 'accepted',
        maxLoad: 40,
        keepReviews: false,
        load: { assigned: 30, submitted: 12 },
        invitedAt: '2026-10-20T08:00:00.000Z',
        expiresAt: '2026-11-10T08:00:00.000Z',
        respondedAt: '2026-10-21T10:15:00.000Z',
        removedAt: null,
      },
    ],
  });

export const Panel = z
  .object({ round: z.number().int().describe('The current round, whose loads are shown'), items: z.array(Judge).describe('Every judge ever invited, oldest invitation first') })
  .meta({ id: 'Panel', description: 'A competition’s panel with each judge’s state and load' });

export const InvitationAnswerBody = z
  .strictObject({ token: z.string().min(16).max(200).describe('The token from the invitation email') })
  .meta({ id: 'JudgeInvitationAnswer', description: 'Accepting or declining a judge invitation', examples: [{ token: 'r7Jx0c3Vb2m9QpL1sT4uW8yZaBcDeFgH' }] });

export const InvitationOutcome = z
  .object({
    judgeId: judgeIdOf('Your place on the panel'),
    competitionId: competitionIdParam,
    competitionTitle: z.string().describe('The competition you were invited to judge'),
    status: z.enum(JUDGE_STATUSES).describe('accepted or declined'),
  })
  .meta({ id: 'JudgeInvitationOutcome', description: 'Your answer to a judge invitation' });

export const MyPanels = z
  .object({
    items: z
      .array(
        z.object({
          judgeId: judgeIdOf('Your place on the panel'),
          competitionId: competitionIdParam,
          competitionTitle: z.string().describe('The competition'),
          competitionStatus: z.string().describe('Its status (judging happens in `judging`)'),
          blind: z.boolean().describe('Whether reviewing is blind'),
          round: z.number().int().describe('The current round'),
          load: LoadSchema.describe('Your load in the current round'),
        }),
      )
      .describe('The panels you accepted'),
  })
  .meta({ id: 'MyPanels', description: 'The competitions you judge' });

export const DeclareConflictBody = z
  .strictObject({
    judgeId: judgeIdOf('Organisers: the judge the conflict is about (absent: you declare your own, as a judge)').optional(),
    proposalId: proposalIdOf('A conflict with one proposal').optional(),
    organisationId: uuidOf('A conflict with every proposal behind this organisation', ex.ids.organisation).optional(),
    reason: z.string().trim().min(1).max(2000).describe('Why (kept in the audit log)'),
  })
  .meta({ id: 'DeclareConflictRequest', description: 'A declared conflict: name exactly one of proposalId and organisationId', examples: [{ organisationId: ex.ids.organisation, reason: 'I sit on this foundation’s board' }] });

export const DeclaredConflict = z
  .object({
    id: uuidOf('The declared conflict’s id', ex.ids.conflict),
    judgeId: judgeIdOf('The conflicted judge'),
    proposalId: nullableUuidOf('The proposal, for a conflict with one proposal', ex.ids.proposal),
    organisationId: nullableUuidOf('The organisation, for an organisation-wide conflict', ex.ids.organisation),
    source: z.enum(['declared_by_judge', 'declared_by_organiser']).describe('Who declared it'),
    reason: z.string().describe('Why'),
    createdAt: when('When it was declared'),
  })
  .meta({ id: 'DeclaredConflict', description: 'A conflict a judge or an organiser declared' });

export const Conflict = z
  .object({
    judgeId: judgeIdOf('The conflicted judge'),
    proposalId: proposalIdOf('The proposal they may not judge'),
    source: z.enum(CONFLICT_KINDS).describe('declared (by the judge or an organiser) or detected: the judge is the applicant, a team member, in the organisation the proposal is for, or shares an organisation with someone on it'),
    organisationId: nullableUuidOf('The organisation behind an organisation-level conflict', ex.ids.organisation),
    organisationName: z.string().nullable().describe('Its name'),
    reason: z.string().describe('In words'),
    conflictId: nullableUuidOf('The declared conflict behind it, if declared', ex.ids.conflict),
  })
  .meta({ id: 'Conflict', description: 'A conflict between a judge and a proposal, with its source' });

export const ConflictList = z
  .object({ items: z.array(Conflict).describe('Every (judge, proposal, source) conflict, sorted'), declared: z.array(DeclaredConflict).describe('The declared conflicts as declared') })
  .meta({ id: 'ConflictList', description: 'A competition’s conflicts, declared and detected' });

export const BidValue = z.enum(BIDS).describe('eager: wants it; willing: fine; unwilling: only if needed');
export const PutBidBody = z
  .strictObject({ bid: BidValue.nullable().describe('Your bid; null withdraws it') })
  .meta({ id: 'PutBidRequest', description: 'A bid on a proposal', examples: [{ bid: 'eager' }] });
export const BidOutcome = z.object({ proposalId: proposalIdOf('The proposal'), bid: BidValue.nullable().describe('Your bid; null: none') }).meta({ id: 'Bid', description: 'Your bid on a proposal' });
export const BiddingList = z
  .object({
    items: z
      .array(z.object({ proposalId: proposalIdOf('A proposal you may bid on'), title: z.string().nullable().describe('Its title; null in blind mode unless the organiser shows titles'), bid: BidValue.nullable().describe('Your bid; null: none') }))
      .describe('Every submitted proposal you do not conflict with'),
  })
  .meta({ id: 'BiddingList', description: 'The proposals open to your bids' });

const PlannedAssignment = z
  .object({
    judgeId: judgeIdOf('The judge'),
    proposalId: proposalIdOf('The proposal'),
    bid: BidValue.nullable().describe('The judge’s bid on it when planned; null: none'),
    judgeLoadBefore: z.number().int().describe('The judge’s load before this assignment'),
    judgeLoadAfter: z.number().int().describe('And after'),
    eligibleJudges: z.number().int().describe('Judges without a conflict with the proposal'),
    reason: z.string().describe('Why this judge, in words'),
  })
  .meta({ id: 'PlannedAssignment', description: 'One assignment of a plan, explained' });

const Uncovered = z
  .object({
    proposalId: proposalIdOf('The proposal not fully covered'),
    assigned: z.number().int().describe('Judges it has'),
    missing: z.number().int().describe('Judges it still needs'),
    reason: z.string().describe('Why it could not be covered'),
    fix: z.string().describe('What would fix it'),
    eligibleJudges: z.number().int().describe('Judges without a conflict with it'),
  })
  .meta({ id: 'UncoveredProposal', description: 'A proposal the plan could not give all its reviews, with the reason and the fix' });

export const Plan = z
  .object({
    planId: uuidOf('Apply exactly this plan with POST …/assignments/plans/{planId}/apply', ex.ids.plan),
    round: z.number().int().describe('The round planned'),
    inputDigest: z.string().describe('SHA-256 of the facts the plan was made from; a change to them makes the apply 409 PLAN_STALE'),
    createdAt: when('When the dry run ran'),
    appliedAt: maybeWhen('When it was applied; null: not yet'),
    assignmentCount: z.number().int().describe('New assignments in the whole plan'),
    matchingAssignments: z.number().int().describe('Of them, those the `judgeId` filter keeps (all without it)'),
    assignments: z.array(PlannedAssignment).describe('One page of the new assignments, by proposal then judge (`limit`, default 1,000)'),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'The next page: `GET …/assignments/plans/{planId}?cursor=…` (with the same `judgeId`); null on the last page. Opaque', examples: ['eyJzIjoiMmZhN2Q4NzYtLi4uOiIsIm8iOjEwMDB9'] }),
    loads: z
      .array(z.object({ judgeId: judgeIdOf('The judge'), existing: z.number().int().describe('Assignments already held'), added: z.number().int().describe('Added by the plan'), total: z.number().int().describe('After the plan'), maxLoad: z.number().int().nullable().describe('The judge’s cap') }))
      .describe('Per-judge loads after the plan'),
    uncovered: z.array(Uncovered).describe('Proposals the plan cannot fully cover'),
    targetLoad: z.object({ min: z.number().int().describe('Least load'), max: z.number().int().describe('Most load') }).describe('The balanced load range the plan aims for'),
  })
  .meta({ id: 'AssignmentPlan', description: 'A dry run of the automatic assignment' });

export const PlanQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(1000).describe('Assignments per page: 1 to 1,000'),
  cursor: z.string().max(512).optional().describe('`nextCursor` of the previous page; omit for the first'),
  judgeId: judgeIdOf('Only this judge’s assignments in the plan').optional(),
});

export const ApplyOutcome = z
  .object({ planId: uuidOf('The applied plan', ex.ids.plan), round: z.number().int().describe('The round'), added: z.number().int().describe('Assignments created'), uncovered: z.array(Uncovered).describe('As in the plan') })
  .meta({ id: 'AssignmentApplyOutcome', description: 'The plan, applied' });

export const ManualAssignmentBody = z
  .strictObject({ judgeId: judgeIdOf('The judge'), proposalId: proposalIdOf('The proposal'), reason: z.string().trim().max(2000).optional().describe('Why (audited)') })
  .meta({ id: 'ManualAssignmentRequest', description: 'Assigning one judge by hand', examples: [{ judgeId: ex.ids.judge, proposalId: ex.ids.proposal, reason: 'Expert in digital education' }] });

export const Assignment = z
  .object({
    id: uuidOf('The assignment’s id', ex.ids.assignment),
    round: z.number().int().describe('The round'),
    judgeId: judgeIdOf('The judge'),
    proposalId: proposalIdOf('The proposal'),
    source: z.enum(['automatic', 'manual']).describe('How it was made'),
    planId: nullableUuidOf('The plan it came from (automatic)', ex.ids.plan),
    explanation: z.record(z.string(), z.unknown()).describe('Why this judge: load at the time, bid, conflicts checked, reason'),
    reviewStatus: z.enum(['not_started', 'draft', 'submitted']).describe('Its review’s state'),
    createdAt: when('When it was made'),
  })
  .meta({ id: 'Assignment', description: 'A judge assigned to a proposal, with why' });

export const AssignmentList = z
  .object({ round: z.number().int().describe('The current round'), items: z.array(Assignment).describe('By proposal then judge') })
  .meta({ id: 'AssignmentList', description: 'A round’s assignments' });

const MyAssignment = z.object({
  assignmentId: uuidOf('The assignment', ex.ids.assignment),
  proposalId: proposalIdOf('The proposal to review'),
  round: z.number().int().describe('The round'),
  reviewStatus: z.enum(['not_started', 'draft', 'submitted']).describe('Your review’s state'),
  submittedReviews: z.number().int().describe('Reviews of this proposal submitted so far by all judges'),
});

export const MyAssignments = z
  .object({
    round: z.number().int().describe('The current round'),
    progress: z.object({ assigned: z.number().int().describe('Assigned to you'), submitted: z.number().int().describe('Submitted'), drafts: z.number().int().describe('Started, not submitted') }).describe('Your progress'),
    next: MyAssignment.nullable().describe('The next proposal to review: the least-reviewed of those you have not submitted; null when done'),
    items: z.array(MyAssignment).describe('All your assignments in the round'),
  })
  .meta({ id: 'MyAssignments', description: 'Your assignments as a judge' });

export const JudgeProposal = z
  .object({
    proposalId: proposalIdOf('The proposal'),
    competitionId: competitionIdParam,
    round: z.number().int().describe('The round you review it in'),
    revision: z.number().int().describe('The submitted revision shown'),
    blind: z.boolean().describe('Blind mode: no applicant, team or organisation identity appears'),
    title: z.string().describe('Its title'),
    answers: z.record(z.string(), z.unknown()).describe('Answers by form question id'),
    attachments: z
      .array(z.object({ id: uuidOf('The file', ex.ids.attachment), filename: z.string().describe('Its name; in blind mode a neutral one (attachment-1.pdf)'), contentType: z.string().describe('Its media type'), size: z.number().int().describe('Bytes (before metadata removal)') }))
      .describe('The revision’s files (none when the competition withholds them from judges)'),
    attachmentsWithheld: z.boolean().describe('Whether files are withheld from judges'),
    people: z
      .object({
        applicant: z.object({ displayName: z.string().describe('The applicant’s name') }).nullable().describe('The applicant'),
        team: z.array(z.object({ displayName: z.string().describe('A member’s name') })).describe('The accepted team'),
        organisationId: nullableUuidOf('The organisation it is submitted for', ex.ids.organisation),
      })
      .optional()
      .describe('Who made it; absent in blind mode'),
  })
  .meta({ id: 'JudgeProposal', description: 'A proposal as its judge reads it' });

export const Review = z
  .object({
    id: nullableUuidOf('The review (null before the first save)', ex.ids.review),
    assignmentId: uuidOf('The assignment it belongs to', ex.ids.assignment),
    proposalId: proposalIdOf('The proposal'),
    round: z.number().int().describe('The round'),
    status: z.enum(['not_started', 'draft', 'submitted']).describe('draft, then submitted; editable until judging ends'),
    scores: z.record(z.string(), z.number().int()).describe('An integer per rubric criterion id, within its scale'),
    commentForApplicant: z.string().describe('Shown to the applicant (without your name) once results are published'),
    noteForOrganisers: z.string().describe('Seen by organisers only'),
    version: z.number().int().describe('The review’s version; its ETag is `"v<version>"` (`"v0"` before the first save)'),
    submittedAt: maybeWhen('When first submitted'),
    updatedAt: maybeWhen('Last change'),
  })
  .meta({
    id: 'Review',
    description: 'Your review of an assigned proposal',
    examples: [
      {
        id: ex.ids.review,
        assignmentId: ex.ids.assignment,
        proposalId: ex.ids.proposal,
        round: 1,
        status: 'draft',
        scores: { impact: 4, feasibility: 3 },
        commentForApplicant: 'A clear plan for the first cohort; say more about how mentors are found.',
        noteForOrganisers: 'Strong, but the budget looks thin.',
        version: 2,
        submittedAt: null,
        updatedAt: '2026-11-06T09:12:44.210Z',
      },
    ],
  });

export const SaveReviewBody = z
  .strictObject({
    scores: z.record(z.string().max(64), z.number()).describe('An integer per rubric criterion id, within its scale; all of them to submit'),
    commentForApplicant: z.string().max(20_000).optional().describe('Shown to the applicant without your name'),
    noteForOrganisers: z.string().max(20_000).optional().describe('Organisers only'),
    submit: z.boolean().default(false).describe('Submit now (every criterion scored); a submitted review stays submitted when edited'),
  })
  .meta({ id: 'SaveReviewRequest', description: 'Saving (or submitting) your review', examples: [{ scores: { impact: 4, feasibility: 3 }, commentForApplicant: 'A clear plan for the first cohort.', noteForOrganisers: '', submit: false }] });

export const OtherReviews = z
  .object({
    items: z
      .array(z.object({ judge: z.string().describe('An anonymous label (Judge 1, 2, …)'), scores: z.record(z.string(), z.number()).describe('Scores by criterion'), commentForApplicant: z.string().describe('Their comment for the applicant'), submittedAt: maybeWhen('When submitted') }))
      .describe('Other judges’ submitted reviews of the proposal in this round'),
  })
  .meta({ id: 'OtherReviews', description: 'Other judges’ reviews, once yours is submitted' });

export const IfMatchRequiredHeaders = z.looseObject({
  'if-match': z.string().max(200).optional().describe('Required: the ETag you read (`"v0"` for a review not started yet); 428 without it, 412 when stale'),
});

// Ranking, bias, progress, shortlist, decision, results, feedback.

const RankingEntry = z.object({
  rank: z.number().int().describe('1 = best; every ranked entry has its own rank'),
  proposalId: proposalIdOf('The proposal'),
  title: z.string().describe('Its title'),
  score: z.number().describe('The score ranked on (normalised when z-scores are on), rounded as `rounding` says'),
  rawScore: z.number().describe('The aggregate of the raw weighted scores, 0–100'),
  normalisedScore: z.number().nullable().describe('The aggregate of the normalised scores (null without normalisation)'),
  reviewCount: z.number().int().describe('Reviews counted'),
  reviews: z.array(z.object({ judgeId: judgeIdOf('The judge'), raw: z.number().describe('Weighted score 0–100'), normalised: z.number().nullable().describe('After z-score normalisation') })).describe('Each counted review'),
  criteria: z.array(z.object({ criterionId: z.string().describe('Rubric criterion'), mean: z.number().describe('Mean raw score'), median: z.number().describe('Median raw score') })).describe('Per criterion, in the criterion’s own scale'),
  tieBreak: z.string().nullable().describe('The tie-break that ordered it against a neighbour with the same score (`criterion:<id>`, `earliest_submission`, `proposal_id`)'),
  tieBreakAbove: z.string().nullable().describe('The rule that put it after the entry above, when their scores are equal'),
  tieBreakBelow: z.string().nullable().describe('The rule that put it before the entry below, when their scores are equal'),
});

export const RankingSchema = z
  .looseObject({
    round: z.number().int().describe('The round ranked'),
    entries: z.array(RankingEntry).describe('Best first'),
    unranked: z.array(z.object({ proposalId: proposalIdOf('The proposal'), reason: z.enum(['calibration', 'no_reviews']).describe('Why it is not ranked'), reviewCount: z.number().int().describe('Reviews counted') })).describe('Proposals without a rank'),
    rounding: z.string().describe('How scores are rounded'),
  })
  .meta({ id: 'Ranking', description: 'The explained ranking of a round' });

export const BiasReportSchema = z
  .looseObject({
    round: z.number().int().describe('The round'),
    judges: z
      .array(
        z.object({
          judgeId: judgeIdOf('The judge'),
          count: z.number().int().describe('Reviews counted'),
          sharedProposals: z.number().int().describe('Proposals this judge reviewed that another judge reviewed too'),
          mean: z.number().nullable().describe('Mean weighted score'),
          standardDeviation: z.number().nullable().describe('Spread of their scores'),
          meanOffset: z.number().nullable().describe('Mean difference from the other judges on the same proposals'),
          agreement: z.number().nullable().describe('Correlation with the other judges on the same proposals'),
          flags: z.array(z.string()).describe('non_discriminating, outlier, single_review'),
        }),
      )
      .describe('Per judge'),
    rankings: z
      .array(
        z.object({
          proposalId: proposalIdOf('The proposal'),
          rawRank: z.number().int().describe('Rank on raw scores'),
          normalisedRank: z.number().int().describe('Rank on normalised scores'),
          change: z.number().int().describe('rawRank − normalisedRank (positive: normalisation moved it up)'),
          rawScore: z.number().describe('Aggregate raw score'),
          normalisedScore: z.number().describe('Aggregate normalised score'),
        }),
      )
      .describe('Raw and normalised rankings side by side'),
  })
  .meta({ id: 'BiasReport', description: 'How each judge scores compared with the others' });

export const Progress = z
  .object({
    round: z.number().int().describe('The current round'),
    reviewsPerProposal: z.number().int().describe('Reviews each proposal needs'),
    totals: z.object({ assignments: z.number().int().describe('Assignments'), submitted: z.number().int().describe('Submitted reviews'), missing: z.number().int().describe('Assignments of judges on the panel without a submitted review') }).describe('Totals'),
    judges: z.array(z.object({ judgeId: judgeIdOf('The judge'), status: z.string().describe('Panel status'), assigned: z.number().int().describe('Assigned'), drafts: z.number().int().describe('Drafts'), submitted: z.number().int().describe('Submitted') })).describe('Per judge'),
    proposals: z.array(z.object({ proposalId: proposalIdOf('The proposal'), assigned: z.number().int().describe('Judges assigned'), submitted: z.number().int().describe('Reviews submitted'), needed: z.number().int().describe('Judges still to assign') })).describe('Per proposal with assignments'),
  })
  .meta({ id: 'JudgingProgress', description: 'Organisers’ progress dashboard' });

export const ShortlistBody = z
  .strictObject({
    size: z.number().int().min(1).max(10_000).optional().describe('The top N of round 1 advance (default the competition’s shortlistSize)'),
    proposalIds: z.array(proposalIdOf('A proposal to advance')).min(1).max(10_000).optional().describe('Or exactly these; not the top of the ranking needs a reason'),
    reviewsPerProposal: z.number().int().min(1).max(50).optional().describe('Reviews per proposal in round 2 (default as in round 1)'),
    reason: z.string().trim().max(2000).optional().describe('Why, when the set departs from the ranking (audited)'),
  })
  .meta({ id: 'ShortlistRequest', description: 'The shortlist round', examples: [{ size: 10 }] });

export const Shortlist = z
  .object({ round: z.number().int().describe('2'), reviewsPerProposal: z.number().int().describe('Reviews per proposal in it'), proposalIds: z.array(proposalIdOf('An advancing proposal')).describe('The proposals that advance') })
  .meta({ id: 'Shortlist', description: 'The shortlist round created' });

const Winner = z.object({
  proposalId: proposalIdOf('The winning proposal'),
  position: z.number().int().describe('1 = first prize'),
  prizeAmount: z.number().int().describe('Its share of the prize in minor units (cents)'),
  rank: z.number().int().nullable().describe('Its rank in the final ranking'),
});

export const Decision = z
  .object({
    winners: z.array(Winner).describe('The winners in prize order'),
    departureReason: z.string().nullable().describe('Why the winners differ from the top of the ranking; null when they do not'),
    version: z.number().int().describe('Its ETag is `"v<version>"` (`"v0"` before the first decision)'),
    updatedAt: maybeWhen('When last changed'),
  })
  .meta({ id: 'Decision', description: 'The organisers’ decision' });

export const PutDecisionBody = z
  .strictObject({
    winners: z.array(z.strictObject({ proposalId: proposalIdOf('A winner'), prizeAmount: z.number().int().min(0).describe('Its share in minor units') })).min(1).max(100).describe('In prize order; shares sum to the prize'),
    departureReason: z.string().trim().min(1).max(4000).optional().describe('Required when the winners are not the top of the ranking in order (audited)'),
  })
  .meta({ id: 'PutDecisionRequest', description: 'Deciding the winners', examples: [{ winners: [{ proposalId: ex.ids.proposal, prizeAmount: 500_000 }] }] });

export const PublishResultsBody = z
  .strictObject({
    override: z.boolean().default(false).describe('Publish although some assigned reviews are not submitted (audited; needs reason)'),
    reason: z.string().trim().min(1).max(4000).optional().describe('Why the override'),
  })
  .meta({ id: 'PublishResultsRequest', description: 'Publishing the results (optional body)', examples: [{ override: false }] })
  .nullish();

export const SignedResults = z
  .object({
    document: z
      .looseObject({
        kind: z.string().describe('skyrocket.results.v1'),
        competitionId: competitionIdParam,
        winners: z
          .array(
            z.looseObject({
              position: z.number().int().describe('Prize position'),
              proposalId: proposalIdOf('The proposal'),
              title: z.string().describe('Its title'),
              by: z.object({ kind: z.enum(['organisation', 'team']).describe('Who entered'), name: z.string().describe('The organisation, or the team’s names'), country: CountryCode.nullable().describe('Their country') }).describe('Who won'),
              prize: z.object({ amount: z.number().int().describe('Minor units'), currency: z.string().describe('ISO 4217') }).describe('Their prize'),
            }),
          )
          .describe('The winners'),
        auditHead: z.object({ seq: z.number().int().describe('Last sealed audit row'), hash: z.string().describe('Its chain hash') }).nullable().describe('The audit chain’s head at publication'),
        publishedAt: when('When published (database clock)'),
      })
      .describe('The signed document; verify Ed25519 over its canonical JSON (sorted keys, no whitespace)'),
    signature: z.string().describe('Ed25519 signature, base64url'),
    algorithm: z.literal('Ed25519').describe('Signature algorithm'),
    keyId: z.string().describe('The receipt key’s id (GET /v1/receipts/public-key)'),
  })
  .meta({ id: 'SignedResults', description: 'Published results, signed with the receipt key so anyone can verify them offline' });

export const Feedback = z
  .object({
    proposalId: proposalIdOf('Your proposal'),
    competitionId: competitionIdParam,
    comments: z.array(z.object({ round: z.number().int().describe('The round'), comment: z.string().describe('A judge’s comment, without their identity') })).describe('Judges’ comments'),
    score: z.number().nullable().optional().describe('Your score, where the competition shows it'),
    rank: z.number().int().nullable().optional().describe('Your rank, where shown'),
    ranked: z.number().int().optional().describe('How many proposals were ranked'),
    round: z.number().int().optional().describe('The round of the score'),
  })
  .meta({ id: 'Feedback', description: 'Judges’ feedback on your proposal' });

export const ExportParams = z.object({
  competitionId: competitionIdParam,
  dataset: z.enum(['proposals', 'reviews', 'ranking']).meta({ description: 'What to export: the proposals that reached organisers, every review, or the ranking', examples: ['reviews'] }),
});
export const ExportQuery = z.object({
  round: z.coerce.number().int().min(1).max(2).optional().describe('reviews: only this round (default every round); ranking: this round (default the current one); ignored for proposals'),
  bom: z.enum(['true', 'false']).optional().describe('`true` starts the file with a UTF-8 byte order mark, for spreadsheet programs that need it'),
});
