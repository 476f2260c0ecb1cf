import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../lib/problem.js';
import { jsonResponse, type ResponseHeaders } from '../../lib/responses.js';
import { bearerSecurity } from '../../plugins/auth.js';
import { REVALIDATE } from '../../plugins/cache-control.js';
import { actorOf } from '../access/access.js';
import { ALLOWED_ATTACHMENT_TYPES, contentDisposition } from '../proposals/attachment-types.js';
import { reviewEtagOf, type JudgingService } from './judging.service.js';
import type { ResultsService } from './results.service.js';
import type { ExportService } from './exports.service.js';
import { csvStream } from '../../lib/csv.js';
import {
  ApplyOutcome,
  Assignment,
  AssignmentList,
  AssignmentParams,
  AssignmentQuery,
  BiasReportSchema,
  BiddingList,
  BidOutcome,
  CompetitionParams,
  ConflictList,
  ConflictParams,
  Decision,
  DeclareConflictBody,
  DeclaredConflict,
  ExportParams,
  ExportQuery,
  Feedback,
  IfMatchRequiredHeaders,
  InvitationAnswerBody,
  InvitationOutcome,
  InviteJudgeBody,
  Judge,
  JudgeAttachmentParams,
  JudgeParams,
  JudgeProposal,
  JudgeProposalParams,
  ManualAssignmentBody,
  MyAssignments,
  MyPanels,
  OtherReviews,
  Panel,
  Plan,
  PlanParams,
  PlanQuery,
  Progress,
  ProposalParams,
  PublishResultsBody,
  PutBidBody,
  PutDecisionBody,
  RankingSchema,
  RemoveJudgeBody,
  Review,
  RoundQuery,
  SaveReviewBody,
  Shortlist,
  ShortlistBody,
  SignedResults,
  UpdateJudgeBody,
} from './judging.schemas.js';

const tags = ['judging'];
const organiserOnly = problemResponse({ FORBIDDEN: 'Only owners and managers of the owning organisation may do this' });
const notFound = (what: string) => problemResponse({ NOT_FOUND: what });
const competitionNotFound = notFound('No such competition, or you are not one of its organisers');
const judgingState = (extra: Record<string, string> = {}) =>
  problemResponse({
    JUDGING_NOT_STARTED: 'The competition is not in judging yet',
    RESULTS_PUBLISHED: 'Results are published (or the competition is archived): judging is frozen',
    ...extra,
  } as Parameters<typeof problemResponse>[0]);
const reviewEtag: ResponseHeaders = { etag: { type: 'string', description: 'The review’s version as a strong ETag, `"v<version>"` (`"v0"` before the first save); send it in If-Match' } };
const decisionEtag: ResponseHeaders = { etag: { type: 'string', description: 'The decision’s version, `"v<version>"` (`"v0"` before the first); send it in If-Match' } };
const preconditions = {
  412: problemResponse({ PRECONDITION_FAILED: '`If-Match` names an older version; the body has `currentVersion`' }, undefined, reviewEtag),
  428: problemResponse({ PRECONDITION_REQUIRED: 'No `If-Match`: send the ETag you read' }, undefined, reviewEtag),
};

const judgingRoutes: FastifyPluginAsyncZod<{ judging: JudgingService; results: ResultsService; exports: ExportService }> = async (app, { judging, results, exports }) => {
  const auth = { onRequest: app.requireUser };

  // The panel.

  app.post(
    '/v1/competitions/:competitionId/judges',
    {
      ...auth,
      schema: {
        operationId: 'inviteJudge',
        tags,
        summary: 'Invite a judge to the panel by email (organisers)',
        description:
          'Owners and managers with a confirmed address invite anyone by email, inside the organisation or not; the judge accepts logged in with that address (`POST /v1/judging/invitations/accept`). An address is invited once per competition (`409 JUDGE_ALREADY_INVITED`).',
        security: bearerSecurity,
        params: CompetitionParams,
        body: InviteJudgeBody,
        response: {
          201: jsonResponse(Judge, 'The invited judge'),
          403: problemResponse({ FORBIDDEN: 'Not an organiser', EMAIL_NOT_VERIFIED: 'Your address is not confirmed' }),
          404: competitionNotFound,
          409: problemResponse({ JUDGE_ALREADY_INVITED: 'Already on the panel', RESULTS_PUBLISHED: 'Results are published' }),
          429: problemResponse({ RECIPIENT_EMAIL_LIMIT: 'The address got too many invitations this hour' }),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await judging.inviteJudge(actorOf(request), request.params.competitionId, request.body)),
  );

  app.get(
    '/v1/competitions/:competitionId/judges',
    {
      ...auth,
      schema: {
        operationId: 'listJudges',
        tags,
        summary: 'The panel with each judge’s state and load (organisers)',
        description: 'Every judge ever invited, with their state (invited, accepted, declined, removed) and their load in the current round.',
        security: bearerSecurity,
        params: CompetitionParams,
        response: { 200: jsonResponse(Panel, 'The panel'), 403: organiserOnly, 404: competitionNotFound },
      },
    },
    async (request) => judging.listPanel(actorOf(request), request.params.competitionId),
  );

  app.patch(
    '/v1/competitions/:competitionId/judges/:judgeId',
    {
      ...auth,
      schema: {
        operationId: 'updateJudge',
        tags,
        summary: 'Change a judge’s maximum load (organisers)',
        description: 'Sets the judge’s per-round cap; the next dry run plans with it (and a plan made before is stale).',
        security: bearerSecurity,
        params: JudgeParams,
        body: UpdateJudgeBody,
        response: { 200: jsonResponse(Judge, 'The judge'), 403: organiserOnly, 404: notFound('No such competition or judge') },
      },
    },
    async (request) => judging.updateJudge(actorOf(request), request.params.competitionId, request.params.judgeId, request.body),
  );

  app.post(
    '/v1/competitions/:competitionId/judges/:judgeId/remove',
    {
      ...auth,
      schema: {
        operationId: 'removeJudge',
        tags,
        summary: 'Take a judge off the panel (organisers)',
        description:
          'Their assignments without a review are dropped; their reviews stay stored, and count in the ranking only with `keepReviews: true`. The choice and the reason are audited.',
        security: bearerSecurity,
        params: JudgeParams,
        body: RemoveJudgeBody,
        response: { 200: jsonResponse(Judge, 'The removed judge'), 403: organiserOnly, 404: notFound('No such competition or judge (or already removed)'), 409: problemResponse({ RESULTS_PUBLISHED: 'Results are published' }) },
      },
    },
    async (request) => judging.removeJudge(actorOf(request), request.params.competitionId, request.params.judgeId, request.body),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/v1/judging/invitations/${answer}`,
      {
        ...auth,
        schema: {
          operationId: answer === 'accept' ? 'acceptJudgeInvitation' : 'declineJudgeInvitation',
          tags,
          summary: answer === 'accept' ? 'Accept an invitation to judge' : 'Decline an invitation to judge',
          description: `The invited person, logged in with the invited address, ${answer}s with the token from the email (valid 21 days).`,
          security: bearerSecurity,
          body: InvitationAnswerBody,
          response: {
            200: jsonResponse(InvitationOutcome, 'Your answer'),
            403: problemResponse({ INVITATION_EMAIL_MISMATCH: 'Sent to another address' }),
            404: problemResponse({ INVITATION_NOT_FOUND: 'Unknown, used or expired token' }),
            409: problemResponse({ JUDGE_ALREADY_INVITED: 'You are already on this panel' }),
          },
        },
      },
      async (request) => judging.respondToInvitation(actorOf(request), request.body.token, answer === 'accept' ? 'accepted' : 'declined'),
    );
  }

  app.get(
    '/v1/me/judging',
    {
      ...auth,
      schema: {
        operationId: 'listMyPanels',
        tags,
        summary: 'The competitions I judge',
        description: 'Every panel the caller accepted, with the round and their load.',
        security: bearerSecurity,
        response: { 200: jsonResponse(MyPanels, 'Your panels') },
      },
    },
    async (request) => judging.myPanels(actorOf(request)),
  );

  // Conflicts and bids.

  app.post(
    '/v1/competitions/:competitionId/conflicts',
    {
      ...auth,
      schema: {
        operationId: 'declareConflict',
        tags,
        summary: 'Declare a conflict (a judge their own; an organiser for any judge)',
        description:
          'A conflict with one proposal or with an organisation (then with every proposal whose applicant, team or submitting organisation belongs to it). A conflicted judge is never assigned, cannot read the proposal, and their review is not counted.',
        security: bearerSecurity,
        params: CompetitionParams,
        body: DeclareConflictBody,
        response: {
          201: jsonResponse(DeclaredConflict, 'The declared conflict'),
          403: organiserOnly,
          404: notFound('No such competition, judge or proposal, or you are not on its panel'),
          409: problemResponse({ RESULTS_PUBLISHED: 'Results are published' }),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await judging.declareConflict(actorOf(request), request.params.competitionId, request.body)),
  );

  app.get(
    '/v1/competitions/:competitionId/conflicts',
    {
      ...auth,
      schema: {
        operationId: 'listConflicts',
        tags,
        summary: 'Every conflict, declared and detected, with its source (organisers)',
        description: 'Detected conflicts are computed from the current facts: the judge is the applicant or a team member, in the organisation the proposal is submitted for, or shares an organisation with the applicant or a team member.',
        security: bearerSecurity,
        params: CompetitionParams,
        response: { 200: jsonResponse(ConflictList, 'The conflicts'), 403: organiserOnly, 404: competitionNotFound },
      },
    },
    async (request) => judging.listConflicts(actorOf(request), request.params.competitionId),
  );

  app.delete(
    '/v1/competitions/:competitionId/conflicts/:conflictId',
    {
      ...auth,
      schema: {
        operationId: 'deleteConflict',
        tags,
        summary: 'Withdraw a declared conflict (organisers)',
        description: 'Detected conflicts cannot be withdrawn: they follow the facts.',
        security: bearerSecurity,
        params: ConflictParams,
        response: { 204: z.null().describe('Withdrawn'), 403: organiserOnly, 404: notFound('No such declared conflict'), 409: problemResponse({ RESULTS_PUBLISHED: 'Results are published' }) },
      },
    },
    async (request, reply) => {
      await judging.deleteConflict(actorOf(request), request.params.competitionId, request.params.conflictId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/competitions/:competitionId/bids',
    {
      ...auth,
      schema: {
        operationId: 'listMyBids',
        tags,
        summary: 'Proposals open to my bids (judges, when the competition takes bids)',
        description: 'Every submitted proposal the judge does not conflict with; titles are hidden in blind mode unless the organiser shows them.',
        security: bearerSecurity,
        params: CompetitionParams,
        response: { 200: jsonResponse(BiddingList, 'The proposals and your bids'), 404: notFound('No such competition, or you are not on its panel'), 409: problemResponse({ JUDGING_NOT_STARTED: 'The competition does not take bids' }) },
      },
    },
    async (request) => judging.biddingList(actorOf(request), request.params.competitionId),
  );

  app.put(
    '/v1/competitions/:competitionId/bids/:proposalId',
    {
      ...auth,
      schema: {
        operationId: 'putBid',
        tags,
        summary: 'Bid on a proposal (judges)',
        description: 'eager, willing or unwilling; null withdraws the bid. The automatic assignment prefers eager and avoids unwilling where it can.',
        security: bearerSecurity,
        params: JudgeProposalParams,
        body: PutBidBody,
        response: {
          200: jsonResponse(BidOutcome, 'Your bid'),
          404: notFound('No such proposal, you conflict with it, or you are not on the panel'),
          409: problemResponse({ JUDGING_NOT_STARTED: 'The competition does not take bids', RESULTS_PUBLISHED: 'Results are published' }),
        },
      },
    },
    async (request) => judging.putBid(actorOf(request), request.params.competitionId, request.params.proposalId, request.body.bid),
  );

  // Assignment.

  app.post(
    '/v1/competitions/:competitionId/assignments/plans',
    {
      ...auth,
      schema: {
        operationId: 'planAssignments',
        tags,
        summary: 'Dry run of the automatic assignment (organisers)',
        description:
          'Plans the current round: every submitted proposal gets its reviews, never from a conflicted judge, loads within one where feasible, bids honoured, existing assignments kept. Returns the plan with per-judge loads, every proposal it cannot cover with the reason and the fix, and the first page of its assignments (`nextCursor` continues with `GET …/assignments/plans/{planId}`). The plan is kept; nothing is assigned until it is applied.',
        security: bearerSecurity,
        params: CompetitionParams,
        querystring: PlanQuery,
        response: { 201: jsonResponse(Plan, 'The plan'), 403: organiserOnly, 404: competitionNotFound, 409: judgingState() },
      },
    },
    async (request, reply) => reply.code(201).send(await judging.planAssignments(actorOf(request), request.params.competitionId, request.query)),
  );

  app.get(
    '/v1/competitions/:competitionId/assignments/plans/:planId',
    {
      ...auth,
      schema: {
        operationId: 'getAssignmentPlan',
        tags,
        summary: 'A dry run’s plan, page by page (organisers)',
        description:
          'The plan as the dry run made it (it never changes; `appliedAt` says whether it was applied): loads, uncovered proposals, and one page of its assignments, optionally only one judge’s. A cursor from another plan or filter is `422 VALIDATION_FAILED` on `cursor`.',
        security: bearerSecurity,
        params: PlanParams,
        querystring: PlanQuery,
        response: { 200: jsonResponse(Plan, 'The plan'), 403: organiserOnly, 404: notFound('No such competition or plan') },
      },
    },
    async (request) => judging.readPlan(actorOf(request), request.params.competitionId, request.params.planId, request.query),
  );

  app.post(
    '/v1/competitions/:competitionId/assignments/plans/:planId/apply',
    {
      ...auth,
      schema: {
        operationId: 'applyAssignmentPlan',
        tags,
        summary: 'Apply exactly the plan of a dry run (organisers)',
        description:
          'All or nothing. If the panel, conflicts, bids, proposals or assignments changed since the dry run the apply is `409 PLAN_STALE` (make a new dry run), never a different plan; of two organisers applying at once, one wins and the other gets 409.',
        security: bearerSecurity,
        params: PlanParams,
        response: {
          200: jsonResponse(ApplyOutcome, 'The plan, applied'),
          403: organiserOnly,
          404: notFound('No such competition or plan'),
          409: judgingState({ PLAN_STALE: 'The facts changed since the dry run', PLAN_ALREADY_APPLIED: 'Applied already' }),
        },
      },
    },
    async (request) => judging.applyPlan(actorOf(request), request.params.competitionId, request.params.planId),
  );

  app.post(
    '/v1/competitions/:competitionId/assignments',
    {
      ...auth,
      schema: {
        operationId: 'assignJudge',
        tags,
        summary: 'Assign one judge to one proposal by hand (organisers)',
        description: 'The judge must have accepted and have no conflict with the proposal.',
        security: bearerSecurity,
        params: CompetitionParams,
        body: ManualAssignmentBody,
        response: {
          201: jsonResponse(Assignment, 'The assignment'),
          403: organiserOnly,
          404: notFound('No such competition, judge or proposal'),
          409: judgingState({ JUDGE_NOT_ACCEPTED: 'The judge has not accepted', JUDGE_CONFLICTED: 'The judge conflicts with the proposal', ASSIGNMENT_EXISTS: 'Already assigned' }),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await judging.assignManually(actorOf(request), request.params.competitionId, request.body)),
  );

  app.get(
    '/v1/competitions/:competitionId/assignments',
    {
      ...auth,
      schema: {
        operationId: 'listAssignments',
        tags,
        summary: 'The current round’s assignments, each with why (organisers)',
        description: 'Filter by judge or proposal; each assignment explains itself (load at the time, bid, conflicts checked).',
        security: bearerSecurity,
        params: CompetitionParams,
        querystring: AssignmentQuery,
        response: { 200: jsonResponse(AssignmentList, 'The assignments'), 403: organiserOnly, 404: competitionNotFound },
      },
    },
    async (request) => judging.listAssignments(actorOf(request), request.params.competitionId, request.query),
  );

  app.delete(
    '/v1/competitions/:competitionId/assignments/:assignmentId',
    {
      ...auth,
      schema: {
        operationId: 'removeAssignment',
        tags,
        summary: 'Remove an assignment without a review (organisers)',
        description: 'An assignment whose review was started is kept (`409 REVIEW_STARTED`).',
        security: bearerSecurity,
        params: AssignmentParams,
        response: { 204: z.null().describe('Removed'), 403: organiserOnly, 404: notFound('No such assignment'), 409: judgingState({ REVIEW_STARTED: 'A review was started' }) },
      },
    },
    async (request, reply) => {
      await judging.removeAssignment(actorOf(request), request.params.competitionId, request.params.assignmentId);
      return reply.code(204).send(null);
    },
  );

  // Reviewing.

  app.get(
    '/v1/competitions/:competitionId/my-assignments',
    {
      ...auth,
      schema: {
        operationId: 'listMyAssignments',
        tags,
        summary: 'My assignments with progress and the next proposal to review (judges)',
        description: '`next` is the least-reviewed proposal you have not submitted a review for: "save and next".',
        security: bearerSecurity,
        params: CompetitionParams,
        response: { 200: jsonResponse(MyAssignments, 'Your assignments'), 404: notFound('No such competition, or you are not on its panel') },
      },
    },
    async (request) => judging.myAssignments(actorOf(request), request.params.competitionId),
  );

  const notAssigned = notFound('Not a proposal assigned to you (or you conflict with it)');

  app.get(
    '/v1/competitions/:competitionId/my-assignments/:proposalId',
    {
      ...auth,
      schema: {
        operationId: 'readAssignedProposal',
        tags,
        summary: 'Read an assigned proposal (judges)',
        description: 'The current submitted revision. In blind mode no applicant, team or organisation identity appears, and files have neutral names.',
        security: bearerSecurity,
        params: JudgeProposalParams,
        response: { 200: jsonResponse(JudgeProposal, 'The proposal'), 404: notAssigned },
      },
    },
    async (request) => judging.readProposal(actorOf(request), request.params.competitionId, request.params.proposalId),
  );

  app.get(
    '/v1/competitions/:competitionId/my-assignments/:proposalId/attachments/:attachmentId',
    {
      ...auth,
      schema: {
        operationId: 'downloadAssignedAttachment',
        tags,
        summary: 'Download a file of an assigned proposal (judges)',
        description: 'In blind mode the file is served without identifying metadata (PDF Info and XMP, image EXIF/XMP/text chunks) under a neutral name, or not at all when the competition withholds files from judges (404).',
        security: bearerSecurity,
        params: JudgeAttachmentParams,
        response: {
          200: {
            description: 'The file',
            headers: { 'content-disposition': { type: 'string', description: '`attachment` with the (neutral, in blind mode) file name' } },
            content: Object.fromEntries(ALLOWED_ATTACHMENT_TYPES.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }])),
          },
          404: notFound('Not assigned to you, no such file, or files are withheld from judges'),
        },
      },
    },
    async (request, reply) => {
      const file = await judging.downloadAttachment(actorOf(request), request.params.competitionId, request.params.proposalId, request.params.attachmentId);
      return reply
        .header('content-type', file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.data as unknown as string);
    },
  );

  app.get(
    '/v1/competitions/:competitionId/my-assignments/:proposalId/review',
    {
      ...auth,
      schema: {
        operationId: 'getMyReview',
        tags,
        summary: 'My review of an assigned proposal (judges)',
        description: 'Before the first save an empty review with version 0 (ETag `"v0"`).',
        security: bearerSecurity,
        params: JudgeProposalParams,
        response: { 200: jsonResponse(Review, 'Your review', reviewEtag), 404: notAssigned },
      },
    },
    async (request, reply) => {
      const review = await judging.getReview(actorOf(request), request.params.competitionId, request.params.proposalId);
      return reply.header('etag', reviewEtagOf(review.version)).send(review);
    },
  );

  app.put(
    '/v1/competitions/:competitionId/my-assignments/:proposalId/review',
    {
      ...auth,
      schema: {
        operationId: 'saveMyReview',
        tags,
        summary: 'Save or submit my review (judges; If-Match required)',
        description:
          'Integer scores per rubric criterion within its scale (all of them to submit), a comment for the applicant and a note for organisers. Editable until judging ends. `If-Match` is required: 428 without it, 412 when stale.',
        security: bearerSecurity,
        params: JudgeProposalParams,
        headers: IfMatchRequiredHeaders,
        body: SaveReviewBody,
        response: {
          200: jsonResponse(Review, 'Your review', reviewEtag),
          404: notAssigned,
          409: judgingState({ JUDGING_CLOSED: 'Judging has ended' }),
          ...preconditions,
        },
      },
    },
    async (request, reply) => {
      const review = await judging.saveReview(actorOf(request), request.params.competitionId, request.params.proposalId, request.body, request.headers['if-match']);
      return reply.header('etag', reviewEtagOf(review.version)).send(review);
    },
  );

  app.get(
    '/v1/competitions/:competitionId/my-assignments/:proposalId/other-reviews',
    {
      ...auth,
      schema: {
        operationId: 'listOtherReviews',
        tags,
        summary: 'Other judges’ reviews of a proposal, once mine is submitted (judges)',
        description: 'Anti-anchoring: `403 REVIEW_NOT_SUBMITTED` until your own review is submitted. Other judges are anonymous.',
        security: bearerSecurity,
        params: JudgeProposalParams,
        response: { 200: jsonResponse(OtherReviews, 'The other reviews'), 403: problemResponse({ REVIEW_NOT_SUBMITTED: 'Submit yours first' }), 404: notAssigned },
      },
    },
    async (request) => judging.otherReviews(actorOf(request), request.params.competitionId, request.params.proposalId),
  );

  // Ranking and results.

  app.get(
    '/v1/competitions/:competitionId/ranking',
    {
      ...auth,
      schema: {
        operationId: 'getRanking',
        tags,
        summary: 'The explained ranking (organisers)',
        description: 'Each entry shows how its score was made: raw and normalised, per criterion, per review, the tie-break used. Counts submitted reviews of judges on the panel (or removed with reviews kept), never across a conflict.',
        security: bearerSecurity,
        params: CompetitionParams,
        querystring: RoundQuery,
        response: { 200: jsonResponse(RankingSchema, 'The ranking'), 403: organiserOnly, 404: notFound('No such competition or round') },
      },
    },
    async (request) => results.ranking(actorOf(request), request.params.competitionId, request.query),
  );

  app.get(
    '/v1/competitions/:competitionId/judge-bias',
    {
      ...auth,
      schema: {
        operationId: 'getJudgeBiasReport',
        tags,
        summary: 'The judge-bias report (organisers)',
        description: 'Per judge: count, mean, spread, offset from and agreement with the other judges on the same proposals, flags; raw and normalised rankings side by side.',
        security: bearerSecurity,
        params: CompetitionParams,
        querystring: RoundQuery,
        response: { 200: jsonResponse(BiasReportSchema, 'The report'), 403: organiserOnly, 404: notFound('No such competition or round') },
      },
    },
    async (request) => results.biasReport(actorOf(request), request.params.competitionId, request.query),
  );

  app.get(
    '/v1/competitions/:competitionId/judging-progress',
    {
      ...auth,
      schema: {
        operationId: 'getJudgingProgress',
        tags,
        summary: 'Progress per judge and per proposal (organisers)',
        description: 'The current round’s assignments and reviews, counted.',
        security: bearerSecurity,
        params: CompetitionParams,
        response: { 200: jsonResponse(Progress, 'The progress'), 403: organiserOnly, 404: competitionNotFound },
      },
    },
    async (request) => results.progress(actorOf(request), request.params.competitionId),
  );

  app.get(
    '/v1/competitions/:competitionId/exports/:dataset',
    {
      ...auth,
      schema: {
        operationId: 'exportJudgingData',
        tags,
        summary: 'Export proposals, reviews or the ranking as CSV (organisers)',
        description:
          'UTF-8 CSV after RFC 4180 (CRLF, a header row, fields quoted as needed), streamed in pages so an export of any size is served in constant memory. ' +
          'Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with `\'`. ' +
          'Reviews carry one `score:<criterionId>` column per rubric criterion, the ranking one `mean:<criterionId>` column. Each export is audited (`export.downloaded`).',
        security: bearerSecurity,
        params: ExportParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The CSV file',
            headers: {
              'content-disposition': { type: 'string', description: '`attachment` with the file name, e.g. `reviews-<competitionId>.csv`' },
              'cache-control': { type: 'string', description: '`no-store`: the file holds personal data' },
            },
            content: { 'text/csv': { schema: z.string().meta({ description: 'RFC 4180 CSV, UTF-8', examples: ['review_id,round,proposal_id,proposal_title,judge_id,judge_name,judge_email,judge_status,status,weighted_score,score:impact,comment_for_applicant,note_for_organisers,submitted_at,updated_at\r\n'] }) } },
          },
          403: organiserOnly,
          404: notFound('No such competition or round, or you are not one of its organisers'),
        },
      },
    },
    async (request, reply) => {
      const file = await exports.export(actorOf(request), request.params.competitionId, request.params.dataset, request.query);
      const body = csvStream(file.columns, file.rows, {
        bom: request.query.bom === 'true',
        onError: (error) => request.log.error({ err: error, dataset: request.params.dataset }, 'the export failed mid-stream'),
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .send(body as unknown as string);
    },
  );

  app.post(
    '/v1/competitions/:competitionId/shortlist',
    {
      ...auth,
      schema: {
        operationId: 'createShortlist',
        tags,
        summary: 'Start the shortlist round (organisers)',
        description: 'The top N of round 1 (or a chosen set, with a reason when it departs from the ranking) advance to round 2, with its own assignments and reviews; the final ranking uses round 2.',
        security: bearerSecurity,
        params: CompetitionParams,
        body: ShortlistBody,
        response: { 201: jsonResponse(Shortlist, 'The round'), 403: organiserOnly, 404: competitionNotFound, 409: judgingState({ ROUND_NOT_ALLOWED: 'Already shortlisted, or nothing ranked yet' }) },
      },
    },
    async (request, reply) => reply.code(201).send(await results.createShortlist(actorOf(request), request.params.competitionId, request.body)),
  );

  app.get(
    '/v1/competitions/:competitionId/decision',
    {
      ...auth,
      schema: {
        operationId: 'getDecision',
        tags,
        summary: 'The winners decided so far (organisers)',
        description: 'Version 0 (ETag `"v0"`) before the first decision.',
        security: bearerSecurity,
        params: CompetitionParams,
        response: { 200: jsonResponse(Decision, 'The decision', decisionEtag), 403: organiserOnly, 404: competitionNotFound },
      },
    },
    async (request, reply) => {
      const decision = await results.getDecision(actorOf(request), request.params.competitionId);
      return reply.header('etag', reviewEtagOf(decision.version)).send(decision);
    },
  );

  app.put(
    '/v1/competitions/:competitionId/decision',
    {
      ...auth,
      schema: {
        operationId: 'putDecision',
        tags,
        summary: 'Decide the winners and their prize shares (organisers; If-Match required)',
        description: 'Shares in minor units sum to the prize. Winners other than the top of the final ranking in order need `departureReason` (audited).',
        security: bearerSecurity,
        params: CompetitionParams,
        headers: IfMatchRequiredHeaders,
        body: PutDecisionBody,
        response: { 200: jsonResponse(Decision, 'The decision', decisionEtag), 403: organiserOnly, 404: competitionNotFound, 409: judgingState(), ...preconditions },
      },
    },
    async (request, reply) => {
      const decision = await results.putDecision(actorOf(request), request.params.competitionId, request.body, request.headers['if-match']);
      return reply.header('etag', reviewEtagOf(decision.version)).send(decision);
    },
  );

  app.post(
    '/v1/competitions/:competitionId/results/publish',
    {
      ...auth,
      schema: {
        operationId: 'publishResults',
        tags,
        summary: 'Publish the signed results (organisers)',
        description:
          'Needs a decision and every assigned review of the last round submitted, or `override: true` with a `reason` (audited). The results are signed with the receipt key and carry the audit chain’s head; the competition moves to `results_published` and judging freezes.',
        security: bearerSecurity,
        params: CompetitionParams,
        body: PublishResultsBody,
        response: {
          200: jsonResponse(SignedResults, 'The published results'),
          403: organiserOnly,
          404: competitionNotFound,
          409: judgingState({ REVIEWS_MISSING: 'Reviews missing and no override', DECISION_MISSING: 'No decision yet', INVALID_TRANSITION: 'Not in judging' }),
        },
      },
    },
    async (request) => results.publishResults(actorOf(request), request.params.competitionId, request.body ?? {}),
  );

  app.get(
    '/v1/competitions/:competitionId/results',
    {
      config: { cache: { cacheControl: REVALIDATE, etag: 'content' } },
      schema: {
        operationId: 'getResults',
        tags,
        summary: 'Published results, signed (public)',
        description: 'No token needed. Verify offline: Ed25519 over the canonical JSON of `document` (sorted keys, no whitespace) with the key from GET /v1/receipts/public-key (docs/judging.md).',
        security: [],
        params: CompetitionParams,
        response: { 200: jsonResponse(SignedResults, 'The signed results'), 404: problemResponse({ RESULTS_NOT_PUBLISHED: 'No published results' }) },
      },
    },
    async (request) => results.publicResults(request.params.competitionId),
  );

  app.get(
    '/v1/proposals/:proposalId/feedback',
    {
      ...auth,
      schema: {
        operationId: 'getProposalFeedback',
        tags,
        summary: 'Judges’ feedback on my proposal (applicant and team)',
        description: 'Once results are published: the judges’ comments without their identities, and score and rank where the competition shows them.',
        security: bearerSecurity,
        params: ProposalParams,
        response: { 200: jsonResponse(Feedback, 'The feedback'), 404: problemResponse({ NOT_FOUND: 'No such proposal of yours', RESULTS_NOT_PUBLISHED: 'Results are not published yet' }) },
      },
    },
    async (request) => results.feedback(actorOf(request), request.params.proposalId),
  );
};

export default judgingRoutes;
