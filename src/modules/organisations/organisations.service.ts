import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { databaseNow } from '../../db/clock.js';
import { current, transaction } from '../../db/unit-of-work.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import { ANY_MEMBER, MANAGERS, type Access, type Actor, type MemberRole } from '../access/access.js';
import type { IdentityService } from '../identity/identity.service.js';
import { enqueueEmail, mailText } from '../mail/mail.service.js';
import * as queries from './organisations.queries.js';

const INVITATION_TTL_SECONDS = 60 * 60 * 24 * 14;

type OrganisationRow = queries.OrganisationRow;
type InvitationRow = queries.InvitationRow;

export interface OrganisationProfile {
  name: string;
  kind: OrganisationRow['kind'];
  country: string;
  website?: string | null | undefined;
  description?: string | null | undefined;
  themes?: string[] | undefined;
  sdgs?: number[] | undefined;
}

function toOrganisation(o: OrganisationRow) {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    country: o.country,
    website: o.website,
    description: o.description,
    themes: o.themes,
    sdgs: o.sdgs,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export type OrganisationView = ReturnType<typeof toOrganisation>;

function toInvitation(i: InvitationRow, now: Date) {
  const status = i.acceptedAt ? 'accepted' : i.revokedAt ? 'revoked' : i.expiresAt <= now ? 'expired' : 'pending';
  return {
    id: i.id,
    organisationId: i.organisationId,
    email: i.email,
    role: i.role,
    status: status as 'pending' | 'accepted' | 'revoked' | 'expired',
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
  };
}

/** Organisations' membership facts, for the access module (built before it in the composition root). */
export function createMembershipDirectory(db: Db) {
  return {
    roleIn: (userId: string, organisationId: string): Promise<MemberRole | null> => queries.selectRole(current(db), userId, organisationId),
    /** The organisations of each user (with names): judging's organisation-level conflicts. */
    membershipsOf: (userIds: string[]) => queries.selectMembershipsOf(current(db), userIds),
  };
}

export interface OrganisationDeps {
  db: Db;
  config: Config;
  access: Access;
  identity: Pick<IdentityService, 'profiles'>;
}

export function createOrganisationService({ db, config, access, identity }: OrganisationDeps) {
  return {
    /** Organisations' SQL for statements of other features that show an organisation's name. */
    sql: { organisationName: queries.organisationNameSql, organisationProfileKey: queries.organisationProfileKeySql },

    async create(actor: Actor, input: OrganisationProfile) {
      await access.requireVerifiedEmail(actor, 'create an organisation');
      return transaction(db, async (tx) => {
        const org = await queries.insertOrganisation(tx, input);
        await queries.insertMember(tx, { organisationId: org.id, userId: actor.userId, role: 'owner' });
        return { ...toOrganisation(org), myRole: 'owner' as const };
      });
    },

    /** Organisation profiles are public; members and invitations are not. */
    async get(organisationId: string) {
      const org = await queries.selectOrganisationProfile(current(db), organisationId);
      if (!org) throw new NotFoundError('Organisation');
      return toOrganisation(org);
    },

    async listMine(actor: Actor) {
      const rows = await queries.selectMyOrganisations(db, actor.userId);
      return { items: rows.map((r) => ({ ...toOrganisation(r.org), myRole: r.role })) };
    },

    async update(actor: Actor, organisationId: string, patch: Partial<OrganisationProfile>) {
      await access.requireOrganisationRole(actor, organisationId, MANAGERS);
      const org = await queries.updateOrganisation(db, organisationId, patch);
      if (!org) throw new NotFoundError('Organisation');
      return toOrganisation(org);
    },

    /** Every member sees who is in and their role; only those who manage membership (owners, managers, admins) see addresses. */
    async listMembers(actor: Actor, organisationId: string) {
      const myRole = await access.requireOrganisationRole(actor, organisationId, ANY_MEMBER);
      const seesEmails = myRole === 'admin' || MANAGERS.includes(myRole);
      const rows = await queries.selectMembers(db, organisationId);
      const people = await identity.profiles(rows.map((r) => r.userId));
      return {
        items: rows.map((r) => ({
          userId: r.userId,
          role: r.role,
          joinedAt: r.joinedAt.toISOString(),
          displayName: people.get(r.userId)?.displayName ?? '',
          email: seesEmails || r.userId === actor.userId ? (people.get(r.userId)?.email ?? '') : null,
        })),
      };
    },

    async invite(actor: Actor, organisationId: string, input: { email: string; role: MemberRole }) {
      const myRole = await access.requireOrganisationRole(actor, organisationId, MANAGERS);
      await access.requireVerifiedEmail(actor, 'invite people');
      access.requireRoleAuthority(myRole, [input.role], 'Only an owner can invite an owner');
      const token = newSecretToken();
      return transaction(db, async (tx) => {
        const org = await queries.selectOrganisation(tx, organisationId);
        const invitation = await queries.insertInvitation(tx, {
          organisationId,
          email: input.email,
          role: input.role,
          tokenHash: hashToken(token),
          invitedBy: actor.userId,
          ttlSeconds: INVITATION_TTL_SECONDS,
        });
        await enqueueEmail(tx, {
          to: input.email,
          template: 'organisation_invitation',
          // The subject is the template's; the organisation's name (user text) only in the body, made plain.
          body: mailText`You are invited to join the organisation "${org?.name ?? 'an organisation'}" on Skyrocket. Accept within 14 days: ${config.publicBaseUrl}/invitations/accept?token=${encodeURIComponent(token)}`,
          data: { token, organisationId, role: input.role },
        });
        return toInvitation(invitation, await databaseNow(tx));
      });
    },

    async listInvitations(actor: Actor, organisationId: string) {
      await access.requireOrganisationRole(actor, organisationId, MANAGERS);
      const rows = await queries.selectInvitations(db, organisationId);
      const now = await databaseNow(db);
      return { items: rows.map((r) => toInvitation(r, now)) };
    },

    async revokeInvitation(actor: Actor, organisationId: string, invitationId: string) {
      await access.requireOrganisationRole(actor, organisationId, MANAGERS);
      await access.requireVerifiedEmail(actor, 'manage organisation members');
      if (!(await queries.revokeInvitation(db, organisationId, invitationId))) throw new NotFoundError('Invitation');
    },

    /** The emailed token proves control of the address; the caller must be logged in with that address. */
    async acceptInvitation(actor: Actor, token: string) {
      const me = (await identity.profiles([actor.userId])).get(actor.userId);
      return transaction(db, async (tx) => {
        const invitation = await queries.lockLiveInvitation(tx, hashToken(token));
        if (!invitation) throw new NotFoundError('Invitation', 'INVITATION_NOT_FOUND');
        if (me?.email !== invitation.email) {
          throw new ForbiddenError('This invitation was sent to another email address', 'INVITATION_EMAIL_MISMATCH');
        }
        await queries.insertMember(tx, { organisationId: invitation.organisationId, userId: actor.userId, role: invitation.role });
        await queries.markInvitationAccepted(tx, invitation.id);
        const org = await queries.selectOrganisation(tx, invitation.organisationId);
        const member = await queries.selectMember(tx, invitation.organisationId, actor.userId);
        return { ...toOrganisation(org!), myRole: member!.role };
      });
    },

    async changeRole(actor: Actor, organisationId: string, userId: string, role: MemberRole) {
      const myRole = await access.requireOrganisationRole(actor, organisationId, MANAGERS);
      await access.requireVerifiedEmail(actor, 'manage organisation members');
      const updated = await transaction(db, async (tx) => {
        await queries.lockOrganisation(tx, organisationId);
        const target = await queries.selectMember(tx, organisationId, userId);
        if (!target) throw new NotFoundError('Member');
        access.requireRoleAuthority(myRole, [target.role, role], 'Only an owner can grant or take away the owner role');
        if (target.role === 'owner' && role !== 'owner' && (await queries.ownerCount(tx, organisationId)) <= 1) {
          throw new ConflictError('LAST_OWNER', 'An organisation must keep at least one owner');
        }
        return queries.updateMemberRole(tx, organisationId, userId, role);
      });
      const person = (await identity.profiles([userId])).get(userId);
      return { userId, role: updated.role, joinedAt: updated.createdAt.toISOString(), displayName: person?.displayName ?? '', email: person?.email ?? '' };
    },

    /** Removing someone else needs a manager; anyone may remove themselves (leave). */
    async removeMember(actor: Actor, organisationId: string, userId: string) {
      const leaving = userId === actor.userId;
      const myRole = await access.requireOrganisationRole(actor, organisationId, leaving ? ANY_MEMBER : MANAGERS);
      // Leaving needs no confirmed address; removing someone else does.
      if (!leaving) await access.requireVerifiedEmail(actor, 'manage organisation members');
      await transaction(db, async (tx) => {
        await queries.lockOrganisation(tx, organisationId);
        const target = await queries.selectMember(tx, organisationId, userId);
        if (!target) throw new NotFoundError('Member');
        if (!leaving) access.requireRoleAuthority(myRole, [target.role], 'Only an owner can remove an owner');
        if (target.role === 'owner' && (await queries.ownerCount(tx, organisationId)) <= 1) {
          throw new ConflictError('LAST_OWNER', 'An organisation must keep at least one owner; make someone else owner first');
        }
        await queries.deleteMember(tx, organisationId, userId);
      });
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
