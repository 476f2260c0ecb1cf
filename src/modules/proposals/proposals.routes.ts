import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emailCappedResponse, problemResponse } from '../../lib/problem.js';
import { bearerSecurity } from '../../plugins/auth.js';
import { actorOf } from '../access/access.js';
import { ALLOWED_ATTACHMENT_TYPES, cleanFilename, contentDisposition } from './attachment-types.js';
import { FILE_PART, MAX_PART_HEADER_BYTES, MAX_PARTS, MULTIPART_OVERHEAD_BYTES, UPLOAD_FORM_TYPE, parseUploadForm, rawUploadBody } from './attachment-upload.js';
import { etagOf } from '../../lib/etag.js';
import { AppError } from '../../lib/errors.js';
import type { ProposalService } from './proposals.service.js';
import { afterRollback } from './submission.service.js';
import {
  Attachment,
  AttachmentParams,
  AttachmentUploadBody,
  AttachmentUploadQuery,
  CompetitionParams,
  CompetitionProposalsQuery,
  CreateProposalBody,
  GuardianConsent,
  GuardianConsentBody,
  GuardianConsentConfirmation,
  GuardianConsentList,
  GuardianConsentTokenBody,
  IfMatchHeaders,
  InvitationTokenBody,
  InviteMemberBody,
  MemberParams,
  MyProposalList,
  MyProposalsQuery,
  Proposal,
  ProposalParams,
  Revision,
  RevisionList,
  RevisionParams,
  SubmitResult,
  SubmittedProposalList,
  TeamMember,
  UpdateProposalBody,
} from './proposals.schemas.js';

const tags = ['proposals'];
const notFound = problemResponse('No such proposal, or you may not see it (`NOT_FOUND`)');
const applicantOnly = problemResponse('Only the applicant may do this; team members can read and edit (`APPLICANT_ONLY`)');
const closed = problemResponse(
  'The deadline (closesAt, plus grace and any individual extension) has passed by the database clock (`COMPETITION_CLOSED`, with `closesAt` and `effectiveClosesAt`), ' +
    'or the proposal was withdrawn (`PROPOSAL_WITHDRAWN`)',
);
const stale = problemResponse(
  '`If-Match` does not match the current ETag (`"v<version>"`, compared strongly: a weak `W/` tag never matches): someone changed the proposal since you read it (`PRECONDITION_FAILED`, with `currentVersion`; the current ETag is in the `etag` header)',
);

const idempotent = { idempotency: true };

const proposalRoutes: FastifyPluginAsyncZod<{ proposals: ProposalService }> = async (app, { proposals }) => {
  const auth = { onRequest: app.requireUser };

  app.post(
    '/v1/competitions/:competitionId/proposals',
    {
      ...auth,
      config: idempotent,
      schema: {
        operationId: 'createProposal',
        tags,
        summary: 'Start a draft proposal (while the competition is published and not closed)',
        security: bearerSecurity,
        params: CompetitionParams,
        body: CreateProposalBody,
        response: {
          201: Proposal,
          404: problemResponse('No such published competition (`NOT_FOUND`)'),
          409: problemResponse(
            'The competition is closed (`COMPETITION_CLOSED`, with `closesAt`), you hold the maximum of unsubmitted drafts in it (`DRAFT_LIMIT_REACHED`, with `maxDrafts`), ' +
              'or a retry of a request still running (`IDEMPOTENCY_IN_PROGRESS`)',
          ),
          422: problemResponse('Invalid input, or not a member of `organisationId` (`VALIDATION_FAILED`)'),
        },
      },
    },
    async (request, reply) => {
      const proposal = await proposals.create(actorOf(request), request.params.competitionId, request.body);
      reply.code(201).header('location', `/v1/proposals/${proposal.id}`).header('etag', etagOf(proposal.version));
      return proposal;
    },
  );

  app.get(
    '/v1/me/proposals',
    {
      ...auth,
      schema: {
        operationId: 'listMyProposals',
        tags,
        summary: 'Proposals I applied with or joined as a team member, most recently changed first',
        security: bearerSecurity,
        querystring: MyProposalsQuery,
        response: { 200: MyProposalList },
      },
    },
    async (request) => proposals.listMine(actorOf(request), request.query),
  );

  app.get(
    '/v1/competitions/:competitionId/proposals',
    {
      ...auth,
      schema: {
        operationId: 'listCompetitionProposals',
        tags,
        summary: "Organisers: the competition's submitted proposals with their current revision (never drafts)",
        security: bearerSecurity,
        params: CompetitionParams,
        querystring: CompetitionProposalsQuery,
        response: {
          200: SubmittedProposalList,
          403: problemResponse('Only owners and managers of the organising organisation (`FORBIDDEN`)'),
          404: problemResponse('No such competition, or you are not in its organisation (`NOT_FOUND`)'),
        },
      },
    },
    async (request) => proposals.listForCompetition(actorOf(request), request.params.competitionId, request.query),
  );

  app.get(
    '/v1/proposals/:id',
    {
      ...auth,
      schema: {
        operationId: 'getProposal',
        tags,
        summary: 'A proposal: the draft for the applicant and team, the current submitted revision for organisers',
        security: bearerSecurity,
        params: ProposalParams,
        response: { 200: Proposal, 404: notFound },
      },
    },
    async (request, reply) => {
      const proposal = await proposals.get(actorOf(request), request.params.id);
      return reply.header('etag', etagOf(proposal.version)).send(proposal);
    },
  );

  app.patch(
    '/v1/proposals/:id',
    {
      ...auth,
      schema: {
        operationId: 'updateProposal',
        tags,
        summary: 'Edit the draft (title, answers merged, organisation); after a submit this prepares the next revision',
        security: bearerSecurity,
        params: ProposalParams,
        headers: IfMatchHeaders,
        body: UpdateProposalBody,
        response: { 200: Proposal, 403: applicantOnly, 404: notFound, 409: closed, 412: stale },
      },
    },
    async (request, reply) => {
      const proposal = await proposals.update(actorOf(request), request.params.id, request.body, request.headers['if-match']);
      return reply.header('etag', etagOf(proposal.version)).send(proposal);
    },
  );

  app.post(
    '/v1/proposals/:id/submit',
    {
      ...auth,
      config: idempotent,
      // A refused submit's freeze of eligibility facts, once its transaction has rolled back. A
      // failure leaves nothing frozen (the next submit freezes); only its SQLSTATE is logged, never parameters.
      onError: async (request, _reply, error) =>
        afterRollback(error).catch((err: unknown) => request.log.warn({ sqlState: (err as { code?: unknown }).code }, 'freezing eligibility facts after a refused submit failed')),
      schema: {
        operationId: 'submitProposal',
        tags,
        summary: 'Submit the draft as a new immutable revision and get a signed receipt',
        description:
          'Checks against the database clock the deadline, every eligibility rule and every form field, and stores the revision in one statement that ' +
          're-checks the deadline, the quota and that nothing changed since the check. A refusal lists every failure (`errors[]`, eligibility ones with `in: "rule"`). ' +
          'A resubmit whose content equals the current revision stores nothing and answers `200` with that revision and its (identical) receipt; a new revision answers `201`. ' +
          "Eligibility reads the country and birth date frozen for this competition at the applicant's (and each team member's) first submit, not the profile as edited since.",
        security: bearerSecurity,
        params: ProposalParams,
        headers: IfMatchHeaders,
        response: {
          200: SubmitResult,
          201: SubmitResult,
          403: applicantOnly,
          404: notFound,
          409: problemResponse(
            'Deadline passed (`COMPETITION_CLOSED`, with `closesAt`), not open yet (`COMPETITION_NOT_OPEN`), withdrawn (`PROPOSAL_WITHDRAWN`), ' +
              'the proposal or competition kept changing while it was stored (`SUBMISSION_CONFLICT`, with `Retry-After`: read and retry), ' +
              'or a retry of a request still running (`IDEMPOTENCY_IN_PROGRESS`)',
          ),
          412: stale,
          422: problemResponse('Eligibility rules or form fields fail; `errors` lists every one (`SUBMISSION_INVALID`)'),
        },
      },
    },
    async (request, reply) => {
      const { unchanged, ...result } = await proposals.submit(actorOf(request), request.params.id, request.headers['if-match']);
      reply.code(unchanged ? 200 : 201).header('etag', etagOf(result.proposal.version));
      return result;
    },
  );

  app.post(
    '/v1/proposals/:id/withdraw',
    {
      ...auth,
      schema: {
        operationId: 'withdrawProposal',
        tags,
        summary: 'Withdraw the proposal (until the deadline); it can no longer be changed or submitted',
        security: bearerSecurity,
        params: ProposalParams,
        headers: IfMatchHeaders,
        response: { 200: Proposal, 403: applicantOnly, 404: notFound, 409: closed, 412: stale },
      },
    },
    async (request, reply) => {
      const proposal = await proposals.withdraw(actorOf(request), request.params.id, request.headers['if-match']);
      return reply.header('etag', etagOf(proposal.version)).send(proposal);
    },
  );

  app.get(
    '/v1/proposals/:id/revisions',
    {
      ...auth,
      schema: {
        operationId: 'listProposalRevisions',
        tags,
        summary: 'The submitted revisions, oldest first',
        security: bearerSecurity,
        params: ProposalParams,
        response: { 200: RevisionList, 404: notFound },
      },
    },
    async (request) => proposals.listRevisions(actorOf(request), request.params.id),
  );

  app.get(
    '/v1/proposals/:id/revisions/:revision',
    {
      ...auth,
      schema: {
        operationId: 'getProposalRevision',
        tags,
        summary: 'One submitted revision: its frozen content, hash and receipt',
        security: bearerSecurity,
        params: RevisionParams,
        response: { 200: Revision, 404: problemResponse('No such proposal or revision, or you may not see it (`NOT_FOUND`)') },
      },
    },
    async (request) => proposals.getRevision(actorOf(request), request.params.id, request.params.revision),
  );

  app.post(
    '/v1/proposals/:id/members',
    {
      ...auth,
      schema: {
        operationId: 'inviteProposalMember',
        tags,
        summary: 'Invite a team member by email (the applicant); they accept with the emailed token',
        security: bearerSecurity,
        params: ProposalParams,
        body: InviteMemberBody,
        response: {
          201: TeamMember,
          403: problemResponse('Only the applicant may do this (`APPLICANT_ONLY`), or your email address is not confirmed yet (`EMAIL_NOT_VERIFIED`; `POST /v1/me/verification-email` sends the link again)'),
          404: notFound,
          409: problemResponse('Deadline passed (`COMPETITION_CLOSED`), team full (`TEAM_FULL`), or already invited (`ALREADY_INVITED`)'),
          429: emailCappedResponse,
        },
      },
    },
    async (request, reply) => reply.code(201).send(await proposals.inviteMember(actorOf(request), request.params.id, request.body.email)),
  );

  app.delete(
    '/v1/proposals/:id/members/:memberId',
    {
      ...auth,
      schema: {
        operationId: 'removeProposalMember',
        tags,
        summary: 'Remove a team member or cancel an invitation (the applicant), or leave the team (the member)',
        security: bearerSecurity,
        params: MemberParams,
        response: { 204: z.null().describe('Removed'), 403: applicantOnly, 404: problemResponse('No such proposal or member (`NOT_FOUND`)'), 409: closed },
      },
    },
    async (request, reply) => {
      await proposals.removeMember(actorOf(request), request.params.id, request.params.memberId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/proposal-invitations/accept',
    {
      ...auth,
      schema: {
        operationId: 'acceptProposalInvitation',
        tags,
        summary: 'Join a proposal team with the emailed token (logged in with the invited address)',
        security: bearerSecurity,
        body: InvitationTokenBody,
        response: {
          200: Proposal,
          403: problemResponse('The invitation was sent to another address (`INVITATION_EMAIL_MISMATCH`)'),
          404: problemResponse('Unknown, used or expired invitation (`INVITATION_NOT_FOUND`)'),
          409: problemResponse('Deadline passed (`COMPETITION_CLOSED`) or the team is full (`TEAM_FULL`)'),
        },
      },
    },
    async (request, reply) => {
      const proposal = (await proposals.respondToInvitation(actorOf(request), request.body.token, 'accepted'))!;
      return reply.header('etag', etagOf(proposal.version)).send(proposal);
    },
  );

  app.post(
    '/v1/proposal-invitations/decline',
    {
      ...auth,
      schema: {
        operationId: 'declineProposalInvitation',
        tags,
        summary: 'Decline an invitation to a proposal team',
        security: bearerSecurity,
        body: InvitationTokenBody,
        response: {
          204: z.null().describe('Declined'),
          403: problemResponse('The invitation was sent to another address (`INVITATION_EMAIL_MISMATCH`)'),
          404: problemResponse('Unknown, used or expired invitation (`INVITATION_NOT_FOUND`)'),
          409: closed,
        },
      },
    },
    async (request, reply) => {
      await proposals.respondToInvitation(actorOf(request), request.body.token, 'declined');
      return reply.code(204).send(null);
    },
  );

  // Uploads get their own context: multipart/form-data (the documented form) and, for older
  // clients, raw bodies of the allowed types, with the upload size limit (docs/api-contract.md).
  await app.register(async (scope) => {
    const uploads = scope.withTypeProvider<ZodTypeProvider>();
    const limit = app.config.uploadLimitBytes;
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser(UPLOAD_FORM_TYPE, { parseAs: 'buffer', bodyLimit: limit + MULTIPART_OVERHEAD_BYTES }, (request: FastifyRequest, body: Buffer) =>
      parseUploadForm(body, request.headers['content-type'] ?? ''),
    );
    uploads.addContentTypeParser([...ALLOWED_ATTACHMENT_TYPES], { parseAs: 'buffer', bodyLimit: limit }, (request, body, done) =>
      done(null, rawUploadBody(body as Buffer, request.headers['content-type'])),
    );

    uploads.post(
      '/v1/proposals/:id/attachments',
      {
        ...auth,
        bodyLimit: limit + MULTIPART_OVERHEAD_BYTES,
        schema: {
          operationId: 'uploadProposalAttachment',
          tags,
          summary: `Attach a file to the draft (multipart/form-data, one \`${FILE_PART}\` part; ${ALLOWED_ATTACHMENT_TYPES.join(', ')}; checked against its bytes)`,
          description:
            `Send \`multipart/form-data\` with one part named \`${FILE_PART}\`: the file name in its Content-Disposition and the file's type in its Content-Type ` +
            `(\`application/octet-stream\` is taken as the allowed type the bytes are). At most ${limit} bytes of file. ` +
            'Older clients may instead send the file as the raw body with its own Content-Type and the name in `?filename=` or `x-filename`; ' +
            'that form is not described here because generated clients cannot send it (docs/api-contract.md).',
          security: bearerSecurity,
          params: ProposalParams,
          consumes: [UPLOAD_FORM_TYPE],
          querystring: AttachmentUploadQuery,
          headers: z.looseObject({ 'x-filename': z.string().max(1024).optional().describe('URL-encoded file name (the raw form)') }),
          body: AttachmentUploadBody,
          response: {
            201: Attachment,
            400: problemResponse(
              'Not valid multipart/form-data, e.g. no or a wrong boundary (`MALFORMED_MULTIPART`), ' +
                `or more than ${MAX_PARTS} parts or ${MAX_PART_HEADER_BYTES / 1024} KiB of headers in a part (\`MULTIPART_LIMIT\`)`,
            ),
            403: applicantOnly,
            404: notFound,
            409: problemResponse('Deadline passed (`COMPETITION_CLOSED`), withdrawn, or too many attachments (`TOO_MANY_ATTACHMENTS`)'),
            413: problemResponse('Larger than the upload limit (`BODY_TOO_LARGE`)'),
            415: problemResponse('Not an allowed type (`UNSUPPORTED_MEDIA_TYPE`)'),
            422: problemResponse(
              'No single `file` part, or another part (`VALIDATION_FAILED`, naming each); the bytes are not of the declared type, the file is empty or has no name (`ATTACHMENT_INVALID`)',
            ),
          },
        },
      },
      async (request, reply) => {
        const { file } = request.body;
        if (file.data.length > limit) throw new AppError(413, 'BODY_TOO_LARGE', `The file is larger than the upload limit of ${limit} bytes`);
        const header = request.headers['x-filename'];
        let filename = request.query.filename;
        if (!filename && typeof header === 'string') {
          try {
            filename = decodeURIComponent(header);
          } catch {
            filename = header;
          }
        }
        filename ??= file.filename;
        const attachment = await proposals.uploadAttachment(actorOf(request), request.params.id, {
          filename: filename ? cleanFilename(filename) || undefined : undefined,
          contentType: file.effectiveType,
          data: file.data,
          part: file.part,
        });
        return reply.code(201).header('location', `/v1/proposals/${request.params.id}/attachments/${attachment.id}`).send(attachment);
      },
    );
  });

  app.get(
    '/v1/proposals/:id/attachments/:attachmentId',
    {
      ...auth,
      schema: {
        operationId: 'downloadProposalAttachment',
        tags,
        summary: 'Download an attachment (applicant and team; organisers for files of a submitted revision)',
        security: bearerSecurity,
        params: AttachmentParams,
        response: {
          200: {
            description: 'The file, with its Content-Type and a Content-Disposition naming it',
            content: Object.fromEntries(ALLOWED_ATTACHMENT_TYPES.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }])),
          },
          404: problemResponse('No such proposal or attachment, or you may not see it (`NOT_FOUND`)'),
        },
      },
    },
    async (request, reply) => {
      const file = await proposals.downloadAttachment(actorOf(request), request.params.id, request.params.attachmentId);
      return reply
        .header('content-type', file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('etag', `"${file.sha256}"`)
        .header('x-content-type-options', 'nosniff')
        // A Buffer is sent as is (never serialized); the schema only documents it as binary.
        .send(file.data as unknown as string);
    },
  );

  app.delete(
    '/v1/proposals/:id/attachments/:attachmentId',
    {
      ...auth,
      schema: {
        operationId: 'deleteProposalAttachment',
        tags,
        summary: 'Remove an attachment from the draft (files of submitted revisions stay with those revisions)',
        security: bearerSecurity,
        params: AttachmentParams,
        response: { 204: z.null().describe('Removed'), 404: problemResponse('No such proposal or attachment (`NOT_FOUND`)'), 409: closed },
      },
    },
    async (request, reply) => {
      await proposals.deleteAttachment(actorOf(request), request.params.id, request.params.attachmentId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/proposals/:id/guardian-consent',
    {
      ...auth,
      schema: {
        operationId: 'requestGuardianConsent',
        tags,
        summary: "Ask a parent or guardian to consent (emails them a confirmation link); needed for applicants under the competition's consent age",
        security: bearerSecurity,
        params: ProposalParams,
        body: GuardianConsentBody,
        response: {
          201: GuardianConsent,
          403: applicantOnly,
          404: notFound,
          409: problemResponse('Deadline passed (`COMPETITION_CLOSED`) or the competition needs no consent (`CONSENT_NOT_REQUIRED`)'),
          429: emailCappedResponse,
          422: problemResponse(
            "Invalid input, or `guardianEmail` is the applicant's own mailbox: the same address, another case, a `+tag`, or Gmail dots (`VALIDATION_FAILED`, field `guardianEmail`, code `is_applicant`)",
          ),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await proposals.requestGuardianConsent(actorOf(request), request.params.id, request.body.guardianEmail)),
  );

  app.get(
    '/v1/proposals/:id/guardian-consents',
    {
      ...auth,
      schema: {
        operationId: 'listGuardianConsents',
        tags,
        summary: "The applicant's consent requests for this competition and their state",
        security: bearerSecurity,
        params: ProposalParams,
        response: { 200: GuardianConsentList, 403: applicantOnly, 404: notFound },
      },
    },
    async (request) => proposals.listGuardianConsents(actorOf(request), request.params.id),
  );

  app.post(
    '/v1/guardian-consents/confirm',
    {
      schema: {
        operationId: 'confirmGuardianConsent',
        tags,
        summary: 'The guardian confirms consent with the emailed token (no account needed)',
        body: GuardianConsentTokenBody,
        response: { 200: GuardianConsentConfirmation, 404: problemResponse('Unknown or expired token (`CONSENT_NOT_FOUND`)') },
      },
    },
    async (request) => proposals.confirmGuardianConsent(request.body.token),
  );
};

export default proposalRoutes;
