import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { emailCappedResponse, problemResponse } from '../../lib/problem.js';
import { jsonResponse } from '../../lib/responses.js';
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
const notFound = problemResponse({ NOT_FOUND: 'No such organisation, or you are not a member' });
const forbidden = problemResponse({ FORBIDDEN: 'Your role in the organisation does not allow this' });
const unverified = 'Confirm your email address first (`POST /v1/me/verification-email` sends the link again)';
const forbiddenOrUnverified = problemResponse({ FORBIDDEN: 'Your role in the organisation does not allow this', EMAIL_NOT_VERIFIED: unverified });
const memberNotFound = problemResponse({ NOT_FOUND: 'No such organisation or member' });
const lastOwner = problemResponse(['LAST_OWNER']);

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
        description: 'Any logged-in user with a confirmed email address creates an organisation and becomes its first owner.',
        security: bearerSecurity,
        body: CreateOrganisationBody,
        response: { 201: jsonResponse(MyOrganisation, 'The new organisation, with your role (owner)'), 403: problemResponse({ EMAIL_NOT_VERIFIED: unverified }) },
      },
    },
    async (request, reply) => reply.code(201).send(await organisations.create(actorOf(request), request.body)),
  );

  app.get(
    '/v1/me/organisations',
    {
      ...auth,
      schema: {
        operationId: 'listMyOrganisations',
        tags,
        summary: 'Organisations I belong to, with my role',
        description: 'Every organisation the logged-in user is a member of, with their role in it.',
        security: bearerSecurity,
        response: { 200: jsonResponse(MyOrganisationList, 'My organisations') },
      },
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
        description: 'Public, no token needed: the name and profile an organisation shows to everyone.',
        params: OrganisationParams,
        response: { 200: jsonResponse(Organisation, 'The organisation'), 404: problemResponse({ NOT_FOUND: 'No such organisation' }) },
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
        description: 'Owners and managers change the public profile; other members get 403, non-members 404.',
        security: bearerSecurity,
        params: OrganisationParams,
        body: UpdateOrganisationBody,
        response: { 200: jsonResponse(Organisation, 'The organisation after the change'), 403: forbidden, 404: notFound },
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
        description: 'Any member lists the members and their roles; non-members get 404, as if the organisation did not exist.',
        security: bearerSecurity,
        params: OrganisationParams,
        response: { 200: jsonResponse(MemberList, 'Every member with their role'), 404: notFound },
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
        description: 'Owners change any role; managers only between non-owner roles. The last owner cannot be demoted (`LAST_OWNER`).',
        security: bearerSecurity,
        params: MemberParams,
        body: ChangeRoleBody,
        response: {
          200: jsonResponse(Member, 'The member with the new role'),
          403: forbiddenOrUnverified,
          404: memberNotFound,
          409: lastOwner,
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
        description: 'Owners and managers remove members (only owners remove owners); any member may remove themselves. The last owner cannot leave (`LAST_OWNER`).',
        security: bearerSecurity,
        params: MemberParams,
        response: {
          204: z.null().describe('Removed'),
          403: forbiddenOrUnverified,
          404: memberNotFound,
          409: lastOwner,
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
        description: 'Owners and managers with a confirmed email address invite by email; the invitee accepts with the emailed token. The address receives at most a few of these an hour.',
        security: bearerSecurity,
        params: OrganisationParams,
        body: CreateInvitationBody,
        response: { 201: jsonResponse(Invitation, 'The pending invitation'), 403: forbiddenOrUnverified, 404: notFound, 429: emailCappedResponse },
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
        description: 'Owners and managers list the invitations and their state.',
        security: bearerSecurity,
        params: OrganisationParams,
        response: { 200: jsonResponse(InvitationList, 'The organisation’s invitations'), 403: forbidden, 404: notFound },
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
        description: 'Owners and managers with a confirmed email address revoke an invitation that was not accepted yet; its token stops working.',
        security: bearerSecurity,
        params: InvitationParams,
        response: { 204: z.null().describe('Revoked'), 403: forbiddenOrUnverified, 404: problemResponse({ NOT_FOUND: 'No such organisation or pending invitation' }) },
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
        description: 'The invitee, logged in with the address the invitation was sent to, joins the organisation with the invited role.',
        security: bearerSecurity,
        body: AcceptInvitationBody,
        response: {
          200: jsonResponse(MyOrganisation, 'The organisation you joined, with your role'),
          403: problemResponse(['INVITATION_EMAIL_MISMATCH']),
          404: problemResponse(['INVITATION_NOT_FOUND']),
        },
      },
    },
    async (request) => organisations.acceptInvitation(actorOf(request), request.body.token),
  );
};

export default organisationRoutes;
