import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emailCappedResponse, problemResponse } from '../../lib/problem.js';
import { bearerSecurity } from '../../plugins/auth.js';
import { actorOf } from '../access/access.js';
import type { OrganisationService } from './organisations.service.js';
import {
  AcceptInvitationBody,
  ChangeRoleBody,
  CreateInvitationBody,
  CreateOrganisationBody,
  Invitation,
  InvitationList,
  InvitationParams,
  Member,
  MemberList,
  MemberParams,
  MyOrganisation,
  MyOrganisationList,
  Organisation,
  OrganisationParams,
  UpdateOrganisationBody,
} from './organisations.schemas.js';

const tags = ['organisations'];
const notFound = problemResponse('No such organisation, or you are not a member (`NOT_FOUND`)');
const forbidden = problemResponse('Your role in the organisation does not allow this (`FORBIDDEN`)');
const unverified = '`EMAIL_NOT_VERIFIED`: confirm your email address first (`POST /v1/me/verification-email` sends the link again)';
const forbiddenOrUnverified = problemResponse(`Your role in the organisation does not allow this (\`FORBIDDEN\`), or ${unverified}`);

const organisationRoutes: FastifyPluginAsyncZod<{ organisations: OrganisationService }> = async (app, { organisations }) => {
  const auth = { onRequest: app.requireUser };

  app.post(
    '/v1/organisations',
    {
      ...auth,
      schema: {
        operationId: 'createOrganisation',
        tags,
        summary: 'Create an organisation; you become its owner',
        security: bearerSecurity,
        body: CreateOrganisationBody,
        response: { 201: MyOrganisation, 403: problemResponse(unverified) },
      },
    },
    async (request, reply) => reply.code(201).send(await organisations.create(actorOf(request), request.body)),
  );

  app.get(
    '/v1/me/organisations',
    {
      ...auth,
      schema: { operationId: 'listMyOrganisations', tags, summary: 'Organisations I belong to, with my role', security: bearerSecurity, response: { 200: MyOrganisationList } },
    },
    async (request) => organisations.listMine(actorOf(request)),
  );

  app.get(
    '/v1/organisations/:organisationId',
    {
      schema: {
        operationId: 'getOrganisation',
        tags,
        summary: 'Public profile of an organisation',
        params: OrganisationParams,
        response: { 200: Organisation, 404: problemResponse('No such organisation (`NOT_FOUND`)') },
      },
    },
    async (request) => organisations.get(request.params.organisationId),
  );

  app.patch(
    '/v1/organisations/:organisationId',
    {
      ...auth,
      schema: {
        operationId: 'updateOrganisation',
        tags,
        summary: 'Update the profile (owners and managers)',
        security: bearerSecurity,
        params: OrganisationParams,
        body: UpdateOrganisationBody,
        response: { 200: Organisation, 403: forbidden, 404: notFound },
      },
    },
    async (request) => organisations.update(actorOf(request), request.params.organisationId, request.body),
  );

  app.get(
    '/v1/organisations/:organisationId/members',
    {
      ...auth,
      schema: {
        operationId: 'listMembers',
        tags,
        summary: 'Members and their roles (members only)',
        security: bearerSecurity,
        params: OrganisationParams,
        response: { 200: MemberList, 404: notFound },
      },
    },
    async (request) => organisations.listMembers(actorOf(request), request.params.organisationId),
  );

  app.patch(
    '/v1/organisations/:organisationId/members/:userId',
    {
      ...auth,
      schema: {
        operationId: 'changeMemberRole',
        tags,
        summary: "Change a member's role (owners; managers for non-owner roles)",
        security: bearerSecurity,
        params: MemberParams,
        body: ChangeRoleBody,
        response: {
          200: Member,
          403: forbiddenOrUnverified,
          404: problemResponse('No such organisation or member (`NOT_FOUND`)'),
          409: problemResponse('The organisation would have no owner left (`LAST_OWNER`)'),
        },
      },
    },
    async (request) => organisations.changeRole(actorOf(request), request.params.organisationId, request.params.userId, request.body.role),
  );

  app.delete(
    '/v1/organisations/:organisationId/members/:userId',
    {
      ...auth,
      schema: {
        operationId: 'removeMember',
        tags,
        summary: 'Remove a member, or leave when it is you',
        security: bearerSecurity,
        params: MemberParams,
        response: {
          204: z.null().describe('Removed'),
          403: forbiddenOrUnverified,
          404: problemResponse('No such organisation or member (`NOT_FOUND`)'),
          409: problemResponse('The organisation would have no owner left (`LAST_OWNER`)'),
        },
      },
    },
    async (request, reply) => {
      await organisations.removeMember(actorOf(request), request.params.organisationId, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/organisations/:organisationId/invitations',
    {
      ...auth,
      schema: {
        operationId: 'inviteMember',
        tags,
        summary: 'Invite someone by email with a role (owners and managers; only owners invite owners)',
        security: bearerSecurity,
        params: OrganisationParams,
        body: CreateInvitationBody,
        response: { 201: Invitation, 403: forbiddenOrUnverified, 404: notFound, 429: emailCappedResponse },
      },
    },
    async (request, reply) => reply.code(201).send(await organisations.invite(actorOf(request), request.params.organisationId, request.body)),
  );

  app.get(
    '/v1/organisations/:organisationId/invitations',
    {
      ...auth,
      schema: {
        operationId: 'listInvitations',
        tags,
        summary: 'Invitations of the organisation (owners and managers)',
        security: bearerSecurity,
        params: OrganisationParams,
        response: { 200: InvitationList, 403: forbidden, 404: notFound },
      },
    },
    async (request) => organisations.listInvitations(actorOf(request), request.params.organisationId),
  );

  app.delete(
    '/v1/organisations/:organisationId/invitations/:invitationId',
    {
      ...auth,
      schema: {
        operationId: 'revokeInvitation',
        tags,
        summary: 'Revoke a pending invitation',
        security: bearerSecurity,
        params: InvitationParams,
        response: { 204: z.null().describe('Revoked'), 403: forbiddenOrUnverified, 404: problemResponse('No such organisation or pending invitation') },
      },
    },
    async (request, reply) => {
      await organisations.revokeInvitation(actorOf(request), request.params.organisationId, request.params.invitationId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/invitations/accept',
    {
      ...auth,
      schema: {
        operationId: 'acceptInvitation',
        tags,
        summary: 'Accept an invitation with the emailed token (logged in with the invited address)',
        security: bearerSecurity,
        body: AcceptInvitationBody,
        response: {
          200: MyOrganisation,
          403: problemResponse('The invitation was sent to another address (`INVITATION_EMAIL_MISMATCH`)'),
          404: problemResponse('Unknown, used, revoked or expired invitation (`INVITATION_NOT_FOUND`)'),
        },
      },
    },
    async (request) => organisations.acceptInvitation(actorOf(request), request.body.token),
  );
};

export default organisationRoutes;
