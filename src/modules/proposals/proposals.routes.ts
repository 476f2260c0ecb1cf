import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emailCappedResponse, problemResponse } from '../../lib/problem.js';
import { etagHeader, jsonResponse, locationHeader } from '../../lib/responses.js';
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
const notFound = problemResponse({ NOT_FOUND: 'No such proposal, or you may not see it' });
const applicantOnly = problemResponse({ APPLICANT_ONLY: 'Only the applicant may do this; team members can read and edit' });
const closed = problemResponse(['COMPETITION_CLOSED', 'PROPOSAL_WITHDRAWN']);
const stale = problemResponse(
  {
    PRECONDITION_FAILED:
      '`If-Match` does not match the current ETag (`"v<version>"`, compared strongly: a weak `W/` tag never matches): someone changed the proposal since you read it; the body has `currentVersion`',
  },
  undefined,
  etagHeader('current proposal'),
);
const withEtag = (description: string) => jsonResponse(Proposal, description, etagHeader('proposal'));
const unverified = 'Your email address is not confirmed yet (`POST /v1/me/verification-email` sends the link again)';

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
        description:
          'Any logged-in user starts a draft in a published competition before its deadline; they become its applicant. With `organisationId` the proposal is submitted for an organisation they belong to. ' +
          'Send an `Idempotency-Key` to make a retry safe.',
        security: bearerSecurity,
        params: CompetitionParams,
        body: CreateProposalBody,
        response: {
          201: jsonResponse(Proposal, 'The new draft', { ...locationHeader('proposal'), ...etagHeader('proposal') }),
          404: problemResponse({ NOT_FOUND: 'No such published competition' }),
          409: problemResponse(['COMPETITION_CLOSED', 'DRAFT_LIMIT_REACHED']),
          422: problemResponse({ VALIDATION_FAILED: 'Invalid input, or not a member of `organisationId`' }),
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
        description: 'The caller’s own proposals (as applicant or accepted team member) across competitions, cursor-paginated.',
        security: bearerSecurity,
        querystring: MyProposalsQuery,
        response: { 200: jsonResponse(MyProposalList, 'A page of my proposals') },
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
        description: 'Owners and managers of the organising organisation page through the submitted proposals, each with its current revision; drafts are never shown to organisers.',
        security: bearerSecurity,
        params: CompetitionParams,
        querystring: CompetitionProposalsQuery,
        response: {
          200: jsonResponse(SubmittedProposalList, 'A page of submitted proposals'),
          403: problemResponse({ FORBIDDEN: 'Only owners and managers of the organising organisation' }),
          404: problemResponse({ NOT_FOUND: 'No such competition, or you are not in its organisation' }),
        },
      },
    },
    async (request) => proposals.listForCompetition(actorOf(request), request.params.competitionId, request.query),
  );

  app.get(
    '/v1/proposals/:proposalId',
    {
      ...auth,
      schema: {
        operationId: 'getProposal',
        tags,
        summary: 'A proposal: the draft for the applicant and team, the current submitted revision for organisers',
        description: 'The applicant and accepted team members read the draft; organisers of the competition read the current submitted revision only. Anyone else gets 404.',
        security: bearerSecurity,
        params: ProposalParams,
        response: { 200: withEtag('The proposal'), 404: notFound },
      },
    },
    async (request, reply) => {
      const proposal = await proposals.get(actorOf(request), request.params.proposalId);
      return reply.header('etag', etagOf(proposal.version)).send(proposal);
    },
  );

  app.patch(
    '/v1/proposals/:proposalId',
    {
      ...auth,
      schema: {
        operationId: 'updateProposal',
        tags,
        summary: 'Edit the draft (title, answers merged, organisation); after a submit this prepares the next revision',
        description:
          'The applicant and team members edit until the deadline (`COMPETITION_CLOSED`); some changes are the applicant’s only (`APPLICANT_ONLY`). `If-Match` is optional; a stale one is `412 PRECONDITION_FAILED`.',
        security: bearerSecurity,
        params: ProposalParams,
        headers: IfMatchHeaders,
        body: UpdateProposalBody,
        response: { 200: withEtag('The proposal after the change'), 403: applicantOnly, 404: notFound, 409: closed, 412: stale },
      },
    },
    async (request, reply) => {
      const proposal = await proposals.update(actorOf(request), request.params.proposalId, request.body, request.headers['if-match']);
      return reply.header('etag', etagOf(proposal.version)).send(proposal);
    },
  );

  app.post(
    '/v1/proposals/:proposalId/submit',
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
          200: jsonResponse(SubmitResult, 'Nothing changed since the current revision: that revision and its receipt', etagHeader('proposal')),
          201: jsonResponse(SubmitResult, 'Stored as a new revision, with its signed receipt', etagHeader('proposal')),
          403: applicantOnly,
          404: notFound,
          409: problemResponse(['COMPETITION_CLOSED', 'COMPETITION_NOT_OPEN', 'PROPOSAL_WITHDRAWN', 'SUBMISSION_CONFLICT']),
          412: stale,
          422: problemResponse(['SUBMISSION_INVALID']),
        },
      },
    },
    async (request, reply) => {
      const { unchanged, ...result } = await proposals.submit(actorOf(request), request.params.proposalId, request.headers['if-match']);
      reply.code(unchanged ? 200 : 201).header('etag', etagOf(result.proposal.version));
      return result;
    },
  );

  app.post(
    '/v1/proposals/:proposalId/withdraw',
    {
      ...auth,
      schema: {
        operationId: 'withdrawProposal',
        tags,
        summary: 'Withdraw the proposal (until the deadline); it can no longer be changed or submitted',
        description: 'The applicant withdraws before the deadline; submitted revisions stay readable, and the proposal can no longer change or be submitted.',
        security: bearerSecurity,
        params: ProposalParams,
        headers: IfMatchHeaders,
        response: { 200: withEtag('The withdrawn proposal'), 403: applicantOnly, 404: notFound, 409: closed, 412: stale },
      },
    },
    async (request, reply) => {
      const proposal = await proposals.withdraw(actorOf(request), request.params.proposalId, request.headers['if-match']);
      return reply.header('etag', etagOf(proposal.version)).send(proposal);
    },
  );

  app.get(
    '/v1/proposals/:proposalId/revisions',
    {
      ...auth,
      schema: {
        operationId: 'listProposalRevisions',
        tags,
        summary: 'The submitted revisions, oldest first',
        description: 'The applicant, team members and the competition’s organisers list every submitted revision with its hash and receipt.',
        security: bearerSecurity,
        params: ProposalParams,
        response: { 200: jsonResponse(RevisionList, 'Every submitted revision'), 404: notFound },
      },
    },
    async (request) => proposals.listRevisions(actorOf(request), request.params.proposalId),
  );

  app.get(
    '/v1/proposals/:proposalId/revisions/:revision',
    {
      ...auth,
      schema: {
        operationId: 'getProposalRevision',
        tags,
        summary: 'One submitted revision: its frozen content, hash and receipt',
        description: 'Who may read the proposal reads any of its revisions, exactly as submitted; the hash can be recomputed from the content.',
        security: bearerSecurity,
        params: RevisionParams,
        response: { 200: jsonResponse(Revision, 'The revision'), 404: problemResponse({ NOT_FOUND: 'No such proposal or revision, or you may not see it' }) },
      },
    },
    async (request) => proposals.getRevision(actorOf(request), request.params.proposalId, request.params.revision),
  );

  app.post(
    '/v1/proposals/:proposalId/members',
    {
      ...auth,
      schema: {
        operationId: 'inviteProposalMember',
        tags,
        summary: 'Invite a team member by email (the applicant); they accept with the emailed token',
        description:
          'The applicant, with a confirmed email address, invites someone by email until the deadline; the team (pending invitations included) may not exceed the competition’s maximum. The address receives at most a few of these an hour.',
        security: bearerSecurity,
        params: ProposalParams,
        body: InviteMemberBody,
        response: {
          201: jsonResponse(TeamMember, 'The invitation, pending until accepted'),
          403: problemResponse({ APPLICANT_ONLY: 'Only the applicant may do this', EMAIL_NOT_VERIFIED: unverified }),
          404: notFound,
          409: problemResponse(['COMPETITION_CLOSED', 'TEAM_FULL', 'ALREADY_INVITED']),
          422: problemResponse({ VALIDATION_FAILED: 'Invalid input, or the applicant’s own address (field `email`, code `is_applicant`)' }),
          429: emailCappedResponse,
        },
      },
    },
    async (request, reply) => reply.code(201).send(await proposals.inviteMember(actorOf(request), request.params.proposalId, request.body.email)),
  );

  app.delete(
    '/v1/proposals/:proposalId/members/:memberId',
    {
      ...auth,
      schema: {
        operationId: 'removeProposalMember',
        tags,
        summary: 'Remove a team member or cancel an invitation (the applicant), or leave the team (the member)',
        description: 'The applicant removes anyone from the team; a member removes only themselves. Until the deadline.',
        security: bearerSecurity,
        params: MemberParams,
        response: { 204: z.null().describe('Removed'), 403: applicantOnly, 404: problemResponse({ NOT_FOUND: 'No such proposal or member' }), 409: closed },
      },
    },
    async (request, reply) => {
      await proposals.removeMember(actorOf(request), request.params.proposalId, request.params.memberId);
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
        description: 'The invited person, logged in with the address the invitation was sent to, joins the team until the deadline and while it has room.',
        security: bearerSecurity,
        body: InvitationTokenBody,
        response: {
          200: withEtag('The proposal you joined'),
          403: problemResponse(['INVITATION_EMAIL_MISMATCH']),
          404: problemResponse(['INVITATION_NOT_FOUND']),
          409: problemResponse(['COMPETITION_CLOSED', 'TEAM_FULL']),
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
        description: 'The invited person, logged in with the invited address, declines; the invitation cannot be used afterwards.',
        security: bearerSecurity,
        body: InvitationTokenBody,
        response: {
          204: z.null().describe('Declined'),
          403: problemResponse(['INVITATION_EMAIL_MISMATCH']),
          404: problemResponse(['INVITATION_NOT_FOUND']),
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
      '/v1/proposals/:proposalId/attachments',
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
            201: jsonResponse(Attachment, 'The stored attachment', locationHeader('attachment')),
            400: problemResponse({
              MALFORMED_MULTIPART: 'Not valid multipart/form-data, e.g. no or a wrong boundary',
              MULTIPART_LIMIT: `More than ${MAX_PARTS} parts, or more than ${MAX_PART_HEADER_BYTES / 1024} KiB of headers in a part`,
            }),
            403: applicantOnly,
            404: notFound,
            409: problemResponse(['COMPETITION_CLOSED', 'PROPOSAL_WITHDRAWN', 'TOO_MANY_ATTACHMENTS']),
            413: problemResponse({ BODY_TOO_LARGE: 'Larger than the upload limit' }),
            415: problemResponse({ UNSUPPORTED_MEDIA_TYPE: 'Not an allowed type' }),
            422: problemResponse({ VALIDATION_FAILED: 'No single `file` part, or another part (each named)', ATTACHMENT_INVALID: 'The bytes are not of the declared type, the file is empty or has no name' }),
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
        const attachment = await proposals.uploadAttachment(actorOf(request), request.params.proposalId, {
          filename: filename ? cleanFilename(filename) || undefined : undefined,
          contentType: file.effectiveType,
          data: file.data,
          part: file.part,
        });
        return reply.code(201).header('location', `/v1/proposals/${request.params.proposalId}/attachments/${attachment.id}`).send(attachment);
      },
    );
  });

  app.get(
    '/v1/proposals/:proposalId/attachments/:attachmentId',
    {
      ...auth,
      schema: {
        operationId: 'downloadProposalAttachment',
        tags,
        summary: 'Download an attachment (applicant and team; organisers for files of a submitted revision)',
        description: 'The applicant and team download any attachment of the draft; organisers only files that are part of a submitted revision.',
        security: bearerSecurity,
        params: AttachmentParams,
        response: {
          200: {
            description: 'The file, with its Content-Type and a Content-Disposition naming it',
            headers: {
              etag: { type: 'string', description: 'The file’s SHA-256 as a strong ETag' },
              'content-disposition': { type: 'string', description: '`attachment` with the file name' },
            },
            content: Object.fromEntries(ALLOWED_ATTACHMENT_TYPES.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }])),
          },
          404: problemResponse({ NOT_FOUND: 'No such proposal or attachment, or you may not see it' }),
        },
      },
    },
    async (request, reply) => {
      const file = await proposals.downloadAttachment(actorOf(request), request.params.proposalId, request.params.attachmentId);
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
    '/v1/proposals/:proposalId/attachments/:attachmentId',
    {
      ...auth,
      schema: {
        operationId: 'deleteProposalAttachment',
        tags,
        summary: 'Remove an attachment from the draft (files of submitted revisions stay with those revisions)',
        description: 'The applicant and team remove a file from the draft until the deadline.',
        security: bearerSecurity,
        params: AttachmentParams,
        response: { 204: z.null().describe('Removed'), 404: problemResponse({ NOT_FOUND: 'No such proposal or attachment' }), 409: closed },
      },
    },
    async (request, reply) => {
      await proposals.deleteAttachment(actorOf(request), request.params.proposalId, request.params.attachmentId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/proposals/:proposalId/guardian-consent',
    {
      ...auth,
      schema: {
        operationId: 'requestGuardianConsent',
        tags,
        summary: "Ask a parent or guardian to consent (emails them a confirmation link); needed for applicants under the competition's consent age",
        description: 'The applicant names a guardian’s address (not their own mailbox in any form) until the deadline, in competitions that ask for consent.',
        security: bearerSecurity,
        params: ProposalParams,
        body: GuardianConsentBody,
        response: {
          201: jsonResponse(GuardianConsent, 'The consent request, pending until the guardian confirms'),
          403: applicantOnly,
          404: notFound,
          409: problemResponse(['COMPETITION_CLOSED', 'CONSENT_NOT_REQUIRED']),
          429: emailCappedResponse,
          422: problemResponse({
            VALIDATION_FAILED: "Invalid input, or `guardianEmail` is the applicant's own mailbox: the same address, another case, a `+tag`, or Gmail dots (field `guardianEmail`, code `is_applicant`)",
          }),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await proposals.requestGuardianConsent(actorOf(request), request.params.proposalId, request.body.guardianEmail)),
  );

  app.get(
    '/v1/proposals/:proposalId/guardian-consents',
    {
      ...auth,
      schema: {
        operationId: 'listGuardianConsents',
        tags,
        summary: "The applicant's consent requests for this competition and their state",
        description: 'The applicant lists the consent requests made for this competition and whether each was confirmed.',
        security: bearerSecurity,
        params: ProposalParams,
        response: { 200: jsonResponse(GuardianConsentList, 'Every consent request'), 403: applicantOnly, 404: notFound },
      },
    },
    async (request) => proposals.listGuardianConsents(actorOf(request), request.params.proposalId),
  );

  app.post(
    '/v1/guardian-consents/confirm',
    {
      schema: {
        operationId: 'confirmGuardianConsent',
        tags,
        summary: 'The guardian confirms consent with the emailed token (no account needed)',
        description: 'Public: whoever holds the emailed token confirms; the token is the proof, so no account or bearer token is needed.',
        body: GuardianConsentTokenBody,
        response: { 200: jsonResponse(GuardianConsentConfirmation, 'Consent confirmed'), 404: problemResponse(['CONSENT_NOT_FOUND']) },
      },
    },
    async (request) => proposals.confirmGuardianConsent(request.body.token),
  );
};

export default proposalRoutes;
