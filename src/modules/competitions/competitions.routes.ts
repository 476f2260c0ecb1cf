import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponse } from '../../lib/problem.js';
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
const notFound = problemResponse('No such competition, or it is a draft of an organisation you are not a member of (`NOT_FOUND`)');
const forbidden = problemResponse('Only owners and managers of the owning organisation may do this (`FORBIDDEN`)');
const stale = problemResponse(
  '`If-Match` names an older version, or a weak `W/` tag (compared strongly) (`PRECONDITION_FAILED`, with `currentVersion`); the current ETag is in the `etag` header',
);
const etagHeader = { etag: { type: 'string', description: 'The competition version as a strong ETag, `"v<version>"`; send it back in If-Match' } } as const;
const withEtag = (description: string) => ({ description, headers: etagHeader, content: { 'application/json': { schema: Competition } } });
const readEtagHeader = {
  etag: {
    type: 'string',
    description: 'Strong ETag of this answer, `"v<version>-<phase>"` (`-frozen` once the rules are frozen): it changes when the phase does. Send it in If-None-Match (304) or If-Match (names the version)',
  },
} as const;
const notModified = z.null().describe('Not modified: `If-None-Match` names the current ETag; no body');

const competitionRoutes: FastifyPluginAsyncZod<{ competitions: CompetitionService }> = async (app, { competitions }) => {
  const auth = { onRequest: app.requireUser };
  // Answers made once per kept view or page (the services keep those while they are current):
  // their JSON by the route's serializer, its ETag and compressed forms.
  const serialisedViews = new WeakMap<object, EncodedBody>();
  const listBodies = new WeakMap<object, EncodedBody & { etag: string }>();
  const organisationPages = new WeakMap<object, { profile: string; body: EncodedBody & { etag: string } }>();

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
          'Every configuration problem is reported at once (`422`, `errors[].field` names each). Date-only `opensAt`/`closesAt` mean the start/end of that day in `timing.timezone`; the response echoes the exact instants.',
        security: bearerSecurity,
        params: OrganisationParams,
        body: CreateCompetitionBody,
        response: {
          201: Competition,
          403: problemResponse('Your role in the organisation does not allow this (`FORBIDDEN`)'),
          404: problemResponse('No such organisation, or you are not a member (`NOT_FOUND`)'),
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
        security: bearerSecurity,
        params: OrganisationParams,
        querystring: OrganisationListQuery,
        response: { 200: CompetitionPage, 404: problemResponse('No such organisation, or you are not a member (`NOT_FOUND`)') },
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
        description: 'Public: no member data, never drafts. `phase` is derived from the database clock.',
        params: OrganisationParams,
        querystring: OrganisationPageQuery,
        response: { 200: OrganisationPublicPage, 304: notModified, 404: problemResponse('No such organisation (`NOT_FOUND`)') },
      },
    },
    async (request, reply) => {
      const { organisation, competitions: page } = await competitions.organisationPage(request.params.organisationId, request.query);
      // Kept with the (kept) page of competitions while the profile is the same.
      const profile = JSON.stringify(organisation);
      let kept = organisationPages.get(page);
      if (kept?.profile !== profile) {
        const json = String(reply.serializeInput({ organisation, competitions: page }, '200'));
        organisationPages.set(page, (kept = { profile, body: { ...encodedBody(json), etag: contentEtagOf(json) } }));
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
        description: 'Public: competitions that are published, in judging or with published results. `phase` is derived from the database clock.',
        querystring: PublicListQuery,
        response: { 200: CompetitionPage, 304: notModified },
      },
    },
    async (request, reply) => {
      const page = await competitions.listPublic(request.query);
      let body = listBodies.get(page);
      if (body === undefined) {
        const json = String(reply.serializeInput(page, '200'));
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
        description: 'Public once published; drafts only for members of the owning organisation (optional bearer token).',
        security: [{}, ...bearerSecurity],
        params: CompetitionParams,
        response: {
          200: { description: 'The competition', headers: readEtagHeader, content: { 'application/json': { schema: Competition } } },
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
          '`If-Match` is optional; when sent, a stale version is refused with 412. After publication: prize and time zone are fixed, ' +
          'opensAt until it opens, closesAt and grace only grow once open, eligibility/form/rubric until the first submission (`RULES_FROZEN`, audited).',
        security: bearerSecurity,
        params: CompetitionParams,
        headers: IfMatchHeaders,
        body: UpdateCompetitionBody,
        response: {
          200: withEtag('The competition after the change'),
          403: forbidden,
          404: notFound,
          409: problemResponse(
            'Not allowed in the current state: `RULES_FROZEN` (first proposal submitted), `CLOSES_AT_NOT_EXTENDABLE`, `GRACE_PERIOD_NOT_REDUCIBLE`, `FIELD_LOCKED`, `COMPETITION_ARCHIVED`',
          ),
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
      errors: {
        403: problemResponse(
          'Only owners and managers of the owning organisation may do this (`FORBIDDEN`), or your email address is not confirmed yet (`EMAIL_NOT_VERIFIED`; `POST /v1/me/verification-email` sends the link again)',
        ),
        409: problemResponse('Not a draft (`INVALID_TRANSITION`)'),
        422: problemResponse('Not ready: every missing part is listed (`COMPETITION_INCOMPLETE`), or invalid input'),
      },
    },
    {
      path: 'start-judging',
      transition: 'startJudging',
      operationId: 'startCompetitionJudging',
      summary: 'Move a closed competition into judging',
      errors: {
        409: problemResponse(
          'Not published (`INVALID_TRANSITION`), not closed yet including grace (`COMPETITION_NOT_CLOSED`), or individual extensions still running (`EXTENSIONS_RUNNING`)',
        ),
      },
    },
    {
      path: 'archive',
      transition: 'archive',
      operationId: 'archiveCompetition',
      summary: 'Archive a competition (from any status); it stays readable if it was ever published',
      errors: { 409: problemResponse('Already archived (`INVALID_TRANSITION`)') },
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
          security: bearerSecurity,
          params: CompetitionParams,
          headers: IfMatchHeaders,
          body: TransitionBody,
          response: { 200: withEtag('The competition in its new status'), 403: forbidden, 404: notFound, 412: stale, ...t.errors },
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
        security: bearerSecurity,
        params: CompetitionParams,
        headers: IfMatchHeaders,
        body: ExtendBody,
        response: {
          200: withEtag('The competition with its new closing instant'),
          403: forbidden,
          404: notFound,
          409: problemResponse('Not published (`COMPETITION_NOT_PUBLISHED`) or not later than the current closesAt (`CLOSES_AT_NOT_EXTENDABLE`)'),
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
        security: bearerSecurity,
        params: CompetitionParams,
        response: { 200: ExtensionList, 403: forbidden, 404: notFound },
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
        description: '`closesAt` must be later than the competition’s closesAt; a date means the end of that day in the competition’s time zone. The grace period applies on top.',
        security: bearerSecurity,
        params: ExtensionParams,
        body: GrantExtensionBody,
        response: {
          200: Extension.describe('Replaced an existing extension'),
          201: Extension.describe('Granted'),
          403: forbidden,
          404: problemResponse('No such competition (`NOT_FOUND`), or no applicant of it with this user id (`USER_NOT_FOUND`: the same answer whether or not such an account exists)'),
          409: problemResponse('Judging has started (`COMPETITION_NOT_PUBLISHED`)'),
          422: problemResponse('Invalid input, or closesAt not after the competition’s (`VALIDATION_FAILED`)'),
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
        security: bearerSecurity,
        params: ExtensionParams,
        response: { 204: z.null().describe('Revoked'), 403: forbidden, 404: problemResponse('No such competition or extension (`NOT_FOUND`)') },
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
        security: bearerSecurity,
        params: CompetitionParams,
        querystring: AuditQuery,
        response: { 200: AuditPage, 403: forbidden, 404: notFound },
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
        security: bearerSecurity,
        params: CompetitionParams,
        response: { 200: AuditVerification, 403: forbidden, 404: notFound },
      },
    },
    async (request) => competitions.verifyAudit(actorOf(request), request.params.competitionId),
  );
};

export default competitionRoutes;
