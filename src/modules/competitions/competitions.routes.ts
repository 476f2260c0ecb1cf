import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../lib/problem.js';
import { etagHeader, jsonResponse, locationHeader, type ResponseHeaders } from '../../lib/responses.js';
import { bearerSecurity } from '../../plugins/auth.js';
import { actorOf, optionalActorOf } from '../access/access.js';
import {
  AuditPage,
  AuditQuery,
  AuditVerification,
  Competition,
  CompetitionPage,
  CompetitionParams,
  CreateCompetitionBody,
  Extension,
  ExtensionList,
  ExtensionParams,
  ExtendBody,
  GrantExtensionBody,
  IfMatchHeaders,
  OrganisationListQuery,
  OrganisationPageQuery,
  OrganisationPublicPage,
  OrganisationParams,
  PublicListQuery,
  TransitionBody,
  UpdateCompetitionBody,
} from './competitions.schemas.js';
import { encodedBody, sendKept, type EncodedBody } from '../../lib/encoded-body.js';
import { contentEtagOf, etagOf, readEtagOf } from '../../lib/etag.js';
import { REVALIDATE, SHORT_LIVED } from '../../plugins/cache-control.js';
import type { CompetitionService } from './competitions.service.js';

const tags = ['competitions'];
const notFound = problemResponse({ NOT_FOUND: 'No such competition, or it is a draft of an organisation you are not a member of' });
const forbidden = problemResponse({ FORBIDDEN: 'Only owners and managers of the owning organisation may do this' });
const forbiddenOrUnverified = problemResponse({
  FORBIDDEN: 'Only owners and managers of the owning organisation may do this',
  EMAIL_NOT_VERIFIED: 'Your email address is not confirmed yet (`POST /v1/me/verification-email` sends the link again)',
});
const stale = problemResponse(
  { PRECONDITION_FAILED: '`If-Match` names an older version, or a weak `W/` tag (compared strongly); the body has `currentVersion`' },
  undefined,
  etagHeader('current competition'),
);
const withEtag = (description: string) => jsonResponse(Competition, description, etagHeader('competition'));
const readEtagHeader: ResponseHeaders = {
  etag: {
    type: 'string',
    description: 'Strong ETag of this answer, `"v<version>-<phase>"` (`-frozen` once the rules are frozen): it changes when the phase does. Send it in If-None-Match (304) or If-Match (names the version)',
  },
};
const pageEtagHeader: ResponseHeaders = {
  etag: { type: 'string', description: 'Strong ETag of this page (a hash of its body); send it in If-None-Match to get 304 while it is unchanged' },
};
const notModified = z.null().describe('Not modified: `If-None-Match` names the current ETag; no body');

const competitionRoutes: FastifyPluginAsyncZod<{ competitions: CompetitionService }> = async (app, { competitions }) => {
  const auth = { onRequest: app.requireUser };
  // Answers made once per kept view or page (the services keep those while they are current):
  // their JSON by the route's serializer, its ETag and compressed forms.
  const serialisedViews = new WeakMap<object, EncodedBody>();
  const listBodies = new WeakMap<object, EncodedBody & { etag: string }>();
  const organisationPages = new WeakMap<object, { body: EncodedBody & { etag: string } }>();

  app.post(
    '/v1/organisations/:organisationId/competitions',
    {
      ...auth,
      config: { idempotency: true },
      schema: {
        operationId: 'createCompetition',
        tags,
        summary: 'Create a draft competition (owners and managers)',
        description:
          'Owners and managers of the organisation create a competition in `draft`; only they see it until it is published. ' +
          'Every configuration problem is reported at once (`422 VALIDATION_FAILED`, `errors[].field` names each). Date-only `opensAt`/`closesAt` mean the start/end of that day in `timing.timezone`; the response echoes the exact instants. ' +
          'Send an `Idempotency-Key` to make a retry safe.',
        security: bearerSecurity,
        params: OrganisationParams,
        body: CreateCompetitionBody,
        response: {
          201: jsonResponse(Competition, 'The draft competition', { ...locationHeader('competition'), ...etagHeader('competition') }),
          403: problemResponse({ FORBIDDEN: 'Your role in the organisation does not allow this (members cannot organise)' }),
          404: problemResponse({ NOT_FOUND: 'No such organisation, or you are not a member' }),
        },
      },
    },
    async (request, reply) => {
      const competition = await competitions.create(actorOf(request), request.params.organisationId, request.body);
      reply.code(201).header('location', `/v1/competitions/${competition.id}`).header('etag', etagOf(competition.version));
      return competition;
    },
  );

  app.get(
    '/v1/organisations/:organisationId/competitions',
    {
      ...auth,
      schema: {
        operationId: 'listOrganisationCompetitions',
        tags,
        summary: 'All competitions of an organisation, drafts included (members)',
        description: 'Any member of the organisation lists its competitions in every status, newest first, cursor-paginated (`nextCursor`). Non-members get 404, as if the organisation did not exist.',
        security: bearerSecurity,
        params: OrganisationParams,
        querystring: OrganisationListQuery,
        response: { 200: jsonResponse(CompetitionPage, 'A page of the organisation’s competitions'), 404: problemResponse({ NOT_FOUND: 'No such organisation, or you are not a member' }) },
      },
    },
    async (request) => competitions.listForOrganisation(actorOf(request), request.params.organisationId, request.query),
  );

  app.get(
    '/v1/organisations/:organisationId/public',
    {
      config: { cache: { cacheControl: SHORT_LIVED, etag: 'header' } },
      schema: {
        operationId: 'getOrganisationPublicPage',
        tags: ['organisations'],
        summary: 'An organisation’s public page: its profile and its public competitions',
        description:
          'Public, no token needed: the organisation’s profile and the first page of its public competitions (published, in judging or with published results), closing soonest first. No member data, never drafts, not even for members. `phase` is derived from the database clock. An unknown id is `404 NOT_FOUND`.',
        params: OrganisationParams,
        querystring: OrganisationPageQuery,
        response: {
          200: jsonResponse(OrganisationPublicPage, 'The organisation’s public page', pageEtagHeader),
          304: notModified,
          404: problemResponse({ NOT_FOUND: 'No such organisation' }),
        },
      },
    },
    async (request, reply) => {
      const page = await competitions.organisationPage(request.params.organisationId, request.query);
      // Serialised once per kept page (the service answers the same object while it is current).
      let kept = organisationPages.get(page);
      if (!kept) {
        const json = String(reply.serializeInput(page, '200', 'application/json'));
        organisationPages.set(page, (kept = { body: { ...encodedBody(json), etag: contentEtagOf(json) } }));
      }
      return sendKept(request, reply, kept.body);
    },
  );

  app.get(
    '/v1/competitions',
    {
      config: { cache: { cacheControl: SHORT_LIVED, etag: 'header' } },
      schema: {
        operationId: 'listCompetitions',
        tags,
        summary: 'Published competitions, filtered and cursor-paginated',
        description:
          'Public, no token needed: competitions that are published, in judging or with published results (never drafts or archived ones), cursor-paginated. `phase` is derived from the database clock. A bad filter or cursor is `422 VALIDATION_FAILED`.',
        querystring: PublicListQuery,
        response: { 200: jsonResponse(CompetitionPage, 'A page of public competitions', pageEtagHeader), 304: notModified },
      },
    },
    async (request, reply) => {
      const page = await competitions.listPublic(request.query);
      let body = listBodies.get(page);
      if (body === undefined) {
        const json = String(reply.serializeInput(page, '200', 'application/json'));
        listBodies.set(page, (body = { ...encodedBody(json), etag: contentEtagOf(json) }));
      }
      return sendKept(request, reply, body);
    },
  );

  app.get(
    '/v1/competitions/:competitionId',
    {
      config: { cache: { cacheControl: REVALIDATE, etag: 'header', variesWithAuthorization: true } },
      schema: {
        operationId: 'getCompetition',
        tags,
        summary: 'A competition with its phase and exact closing instant',
        description:
          'Public once published; a draft only for members of the owning organisation, who send their bearer token (optional here). Anyone else gets 404 for a draft. The `ETag` is the version to send in `If-Match` when changing it.',
        security: [{}, ...bearerSecurity],
        params: CompetitionParams,
        response: {
          200: jsonResponse(Competition, 'The competition', readEtagHeader),
          304: notModified,
          404: notFound,
        },
      },
    },
    async (request, reply) => {
      const { view, version, state } = await competitions.readView(optionalActorOf(request), request.params.competitionId);
      // A kept view is the same object until it changes: its JSON (by the route's serializer) and
      // its compressed forms are made once. @fastify/compress leaves an answer with a coding alone.
      let body = serialisedViews.get(view);
      if (body === undefined) serialisedViews.set(view, (body = encodedBody(String(reply.serializeInput(view, '200', 'application/json')))));
      reply.header('etag', readEtagOf(version, state));
      return sendKept(request, reply, body);
    },
  );

  app.patch(
    '/v1/competitions/:competitionId',
    {
      ...auth,
      schema: {
        operationId: 'updateCompetition',
        tags,
        summary: 'Edit a competition (owners and managers); what may change depends on its status',
        description:
          'Owners and managers change any fields of a draft. `If-Match` is optional; when sent, a stale version is refused with `412 PRECONDITION_FAILED`. After publication: prize and time zone are fixed (`FIELD_LOCKED`), ' +
          'opensAt until it opens, closesAt and grace only grow once open (`CLOSES_AT_NOT_EXTENDABLE`, `GRACE_PERIOD_NOT_REDUCIBLE`), eligibility/form/rubric until the first submission (`RULES_FROZEN`); such changes are audited. An archived competition never changes.',
        security: bearerSecurity,
        params: CompetitionParams,
        headers: IfMatchHeaders,
        body: UpdateCompetitionBody,
        response: {
          200: withEtag('The competition after the change'),
          403: forbidden,
          404: notFound,
          409: problemResponse(['RULES_FROZEN', 'CLOSES_AT_NOT_EXTENDABLE', 'GRACE_PERIOD_NOT_REDUCIBLE', 'FIELD_LOCKED', 'COMPETITION_ARCHIVED'], 'Not allowed in the current status'),
          412: stale,
        },
      },
    },
    async (request, reply) => {
      const competition = await competitions.update(actorOf(request), request.params.competitionId, request.body, request.headers['if-match']);
      return reply.header('etag', etagOf(competition.version)).send(competition);
    },
  );

  const transitions = [
    {
      path: 'publish',
      transition: 'publish',
      operationId: 'publishCompetition',
      summary: 'Publish a draft: it becomes public, upcoming or open by the clock',
      description:
        'Owners and managers with a confirmed email address publish a draft. Every missing or inconsistent part is listed at once (`422 COMPETITION_INCOMPLETE`); a competition that is not a draft is `409 INVALID_TRANSITION`.',
      errors: {
        403: forbiddenOrUnverified,
        409: problemResponse({ INVALID_TRANSITION: 'Not a draft' }),
        422: problemResponse({ COMPETITION_INCOMPLETE: 'Not ready: every missing part is listed in `errors[]`' }),
      },
    },
    {
      path: 'start-judging',
      transition: 'startJudging',
      operationId: 'startCompetitionJudging',
      summary: 'Move a closed competition into judging',
      description: 'Owners and managers start judging once the deadline including grace has passed and no individual extension is still running; submissions are then final.',
      errors: {
        403: forbidden,
        409: problemResponse({
          INVALID_TRANSITION: 'Not published',
          COMPETITION_NOT_CLOSED: 'Not closed yet, grace included',
          EXTENSIONS_RUNNING: 'Individual extensions are still running',
        }),
      },
    },
    {
      path: 'archive',
      transition: 'archive',
      operationId: 'archiveCompetition',
      summary: 'Archive a competition (from any status); it stays readable if it was ever published',
      description: 'Owners and managers archive a competition in any status; it no longer changes, and stays publicly readable if it was ever published.',
      errors: { 403: forbidden, 409: problemResponse({ INVALID_TRANSITION: 'Already archived' }) },
    },
  ] as const;

  for (const t of transitions) {
    app.post(
      `/v1/competitions/:competitionId/${t.path}`,
      {
        ...auth,
        schema: {
          operationId: t.operationId,
          tags,
          summary: t.summary,
          description: `${t.description} The body is optional (an optional \`reason\`, kept in the audit log); \`If-Match\` is optional too.`,
          security: bearerSecurity,
          params: CompetitionParams,
          headers: IfMatchHeaders,
          body: TransitionBody,
          response: { 200: withEtag('The competition in its new status'), 404: notFound, 412: stale, ...t.errors },
        },
      },
      async (request, reply) => {
        const competition = await competitions.transition(
          actorOf(request),
          request.params.competitionId,
          t.transition,
          request.headers['if-match'],
          request.body?.reason,
        );
        return reply.header('etag', etagOf(competition.version)).send(competition);
      },
    );
  }

  app.post(
    '/v1/competitions/:competitionId/extend',
    {
      ...auth,
      schema: {
        operationId: 'extendCompetition',
        tags,
        summary: 'Move the closing instant later (published competitions); audited, emits competition.extended',
        description:
          'Owners and managers move `closesAt` of a published competition later (never earlier: `CLOSES_AT_NOT_EXTENDABLE`); a date means the end of that day in the competition’s time zone. The change is audited with its reason.',
        security: bearerSecurity,
        params: CompetitionParams,
        headers: IfMatchHeaders,
        body: ExtendBody,
        response: {
          200: withEtag('The competition with its new closing instant'),
          403: forbidden,
          404: notFound,
          409: problemResponse({ COMPETITION_NOT_PUBLISHED: 'Not published (a draft is edited with PATCH; judging has started)', CLOSES_AT_NOT_EXTENDABLE: 'Not later than the current closesAt' }),
          412: stale,
        },
      },
    },
    async (request, reply) => {
      const competition = await competitions.extend(actorOf(request), request.params.competitionId, request.body, request.headers['if-match']);
      return reply.header('etag', etagOf(competition.version)).send(competition);
    },
  );

  app.get(
    '/v1/competitions/:competitionId/extensions',
    {
      ...auth,
      schema: {
        operationId: 'listCompetitionExtensions',
        tags,
        summary: 'Individual deadline extensions (organisers)',
        description: 'Owners and managers list the applicants with an individual deadline, with its instant and reason.',
        security: bearerSecurity,
        params: CompetitionParams,
        response: { 200: jsonResponse(ExtensionList, 'Every individual extension of the competition'), 403: forbidden, 404: notFound },
      },
    },
    async (request) => competitions.listExtensions(actorOf(request), request.params.competitionId),
  );

  app.put(
    '/v1/competitions/:competitionId/extensions/:userId',
    {
      ...auth,
      schema: {
        operationId: 'grantCompetitionExtension',
        tags,
        summary: 'Grant (or replace) one applicant’s individual deadline; audited, emits competition.extension_granted',
        description:
          'Owners and managers give one applicant (a user with a proposal in the competition) a later deadline while it is published. `closesAt` must be later than the competition’s closesAt; a date means the end of that day in the competition’s time zone. The grace period applies on top.',
        security: bearerSecurity,
        params: ExtensionParams,
        body: GrantExtensionBody,
        response: {
          200: jsonResponse(Extension, 'Replaced the applicant’s existing extension'),
          201: jsonResponse(Extension, 'Granted a new extension'),
          403: forbidden,
          404: problemResponse({ NOT_FOUND: 'No such competition', USER_NOT_FOUND: 'No applicant of it with this user id (the same answer whether or not such an account exists)' }),
          409: problemResponse({ COMPETITION_NOT_PUBLISHED: 'Not published, or judging has started' }),
          422: problemResponse({ VALIDATION_FAILED: 'Invalid input, or closesAt not after the competition’s' }),
        },
      },
    },
    async (request, reply) => {
      const { created, extension } = await competitions.grantExtension(actorOf(request), request.params.competitionId, request.params.userId, request.body);
      return reply.code(created ? 201 : 200).send(extension);
    },
  );

  app.delete(
    '/v1/competitions/:competitionId/extensions/:userId',
    {
      ...auth,
      schema: {
        operationId: 'revokeCompetitionExtension',
        tags,
        summary: 'Revoke an individual extension; audited, emits competition.extension_revoked',
        description: 'Owners and managers remove an applicant’s individual deadline; the competition’s own deadline applies again.',
        security: bearerSecurity,
        params: ExtensionParams,
        response: { 204: z.null().describe('Revoked'), 403: forbidden, 404: problemResponse({ NOT_FOUND: 'No such competition or extension' }) },
      },
    },
    async (request, reply) => {
      await competitions.revokeExtension(actorOf(request), request.params.competitionId, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/competitions/:competitionId/audit',
    {
      ...auth,
      schema: {
        operationId: 'listCompetitionAudit',
        tags,
        summary: 'The competition’s audit log, oldest first, each entry with its seal once chained (organisers)',
        description: 'Owners and managers page through every audited change (who, when, what, why), cursor-paginated; sealed entries carry their hash-chain seal.',
        security: bearerSecurity,
        params: CompetitionParams,
        querystring: AuditQuery,
        response: { 200: jsonResponse(AuditPage, 'A page of audit entries'), 403: forbidden, 404: notFound },
      },
    },
    async (request) => competitions.audit(actorOf(request), request.params.competitionId, request.query),
  );

  app.get(
    '/v1/competitions/:competitionId/audit/verify',
    {
      ...auth,
      schema: {
        operationId: 'verifyCompetitionAudit',
        tags,
        summary: 'Recompute the hash chain from the stored rows; reports rows not sealed yet (organisers)',
        description: 'Owners and managers check that no audit entry was altered or removed: the chain is recomputed from the stored rows and compared with the seals.',
        security: bearerSecurity,
        params: CompetitionParams,
        response: { 200: jsonResponse(AuditVerification, 'The outcome of the check'), 403: forbidden, 404: notFound },
      },
    },
    async (request) => competitions.verifyAudit(actorOf(request), request.params.competitionId),
  );
};

export default competitionRoutes;
