import { and, asc, eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { memberships, organisationInvitations, organisations, users } from '../../db/schema/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import { ANY_MEMBER, MANAGERS, requireOrganisationRole, type Actor, type MemberRole } from '../access/access.js';
import { enqueueEmail } from '../mail/mail.service.js';

const INVITATION_TTL_SECONDS = 60 * 60 * 24 * 14;

type OrganisationRow = typeof organisations.$inferSelect;
type InvitationRow = typeof organisationInvitations.$inferSelect;

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

async function dbNow(db: DbOrTx): Promise<Date> {
  const [row] = await db.select({ now: sql<string>`now()` }).from(sql`(select 1) as one`);
  return new Date(row!.now);
}

/** Locks the organisation row: membership changes are serialised per organisation so one owner always remains. */
async function lockOrganisation(tx: DbOrTx, organisationId: string): Promise<void> {
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for('update');
}

async function ownerCount(tx: DbOrTx, organisationId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, 'owner')));
  return row?.n ?? 0;
}

async function memberRow(tx: DbOrTx, organisationId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

export function createOrganisationService({ db, config }: { db: Db; config: Config }) {
  return {
    async create(actor: Actor, input: OrganisationProfile) {
      return db.transaction(async (tx) => {
        const [org] = await tx.insert(organisations).values(input).returning();
        await tx.insert(memberships).values({ organisationId: org!.id, userId: actor.userId, role: 'owner' });
        return { ...toOrganisation(org!), myRole: 'owner' as const };
      });
    },

    /** Organisation profiles are public; members and invitations are not. */
    async get(organisationId: string) {
      const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1);
      if (!org) throw new NotFoundError('Organisation');
      return toOrganisation(org);
    },

    async listMine(actor: Actor) {
      const rows = await db
        .select({ org: organisations, role: memberships.role })
        .from(memberships)
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(eq(memberships.userId, actor.userId))
        .orderBy(asc(organisations.name));
      return { items: rows.map((r) => ({ ...toOrganisation(r.org), myRole: r.role })) };
    },

    async update(actor: Actor, organisationId: string, patch: Partial<OrganisationProfile>) {
      await requireOrganisationRole(db, actor, organisationId, MANAGERS);
      const [org] = await db
        .update(organisations)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(organisations.id, organisationId))
        .returning();
      if (!org) throw new NotFoundError('Organisation');
      return toOrganisation(org);
    },

    async listMembers(actor: Actor, organisationId: string) {
      await requireOrganisationRole(db, actor, organisationId, ANY_MEMBER);
      const rows = await db
        .select({ userId: memberships.userId, role: memberships.role, joinedAt: memberships.createdAt, displayName: users.displayName, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.organisationId, organisationId))
        .orderBy(asc(memberships.createdAt));
      return { items: rows.map((r) => ({ ...r, joinedAt: r.joinedAt.toISOString() })) };
    },

    async invite(actor: Actor, organisationId: string, input: { email: string; role: MemberRole }) {
      const myRole = await requireOrganisationRole(db, actor, organisationId, MANAGERS);
      if (input.role === 'owner' && myRole === 'manager') throw new ForbiddenError('Only an owner can invite an owner');
      const token = newSecretToken();
      return db.transaction(async (tx) => {
        const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
        const [invitation] = await tx
          .insert(organisationInvitations)
          .values({
            organisationId,
            email: input.email,
            role: input.role,
            tokenHash: hashToken(token),
            invitedBy: actor.userId,
            expiresAt: sql`now() + make_interval(secs => ${INVITATION_TTL_SECONDS})`,
          })
          .returning();
        await enqueueEmail(tx, {
          to: input.email,
          template: 'organisation_invitation',
          subject: `You are invited to join ${org?.name ?? 'an organisation'} on Skyrocket`,
          body: `Accept within 14 days: ${config.publicBaseUrl}/invitations/accept?token=${encodeURIComponent(token)}`,
          data: { token, organisationId, role: input.role },
        });
        return toInvitation(invitation!, await dbNow(tx));
      });
    },

    async listInvitations(actor: Actor, organisationId: string) {
      await requireOrganisationRole(db, actor, organisationId, MANAGERS);
      const rows = await db
        .select()
        .from(organisationInvitations)
        .where(eq(organisationInvitations.organisationId, organisationId))
        .orderBy(asc(organisationInvitations.createdAt));
      const now = await dbNow(db);
      return { items: rows.map((r) => toInvitation(r, now)) };
    },

    async revokeInvitation(actor: Actor, organisationId: string, invitationId: string) {
      await requireOrganisationRole(db, actor, organisationId, MANAGERS);
      const [row] = await db
        .update(organisationInvitations)
        .set({ revokedAt: sql`now()` })
        .where(
          and(
            eq(organisationInvitations.id, invitationId),
            eq(organisationInvitations.organisationId, organisationId),
            sql`${organisationInvitations.acceptedAt} is null`,
          ),
        )
        .returning();
      if (!row) throw new NotFoundError('Invitation');
    },

    /** The emailed token proves control of the address; the caller must be logged in with that address. */
    async acceptInvitation(actor: Actor, token: string) {
      return db.transaction(async (tx) => {
        const [invitation] = await tx
          .select()
          .from(organisationInvitations)
          .where(
            and(
              eq(organisationInvitations.tokenHash, hashToken(token)),
              sql`${organisationInvitations.acceptedAt} is null`,
              sql`${organisationInvitations.revokedAt} is null`,
              sql`${organisationInvitations.expiresAt} > now()`,
            ),
          )
          .for('update');
        if (!invitation) throw new NotFoundError('Invitation', 'INVITATION_NOT_FOUND');
        const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
        if (user?.email !== invitation.email) {
          throw new ForbiddenError('This invitation was sent to another email address', 'INVITATION_EMAIL_MISMATCH');
        }
        await tx
          .insert(memberships)
          .values({ organisationId: invitation.organisationId, userId: actor.userId, role: invitation.role })
          .onConflictDoNothing();
        await tx.update(organisationInvitations).set({ acceptedAt: sql`now()` }).where(eq(organisationInvitations.id, invitation.id));
        const [org] = await tx.select().from(organisations).where(eq(organisations.id, invitation.organisationId));
        const member = await memberRow(tx, invitation.organisationId, actor.userId);
        return { ...toOrganisation(org!), myRole: member!.role };
      });
    },

    async changeRole(actor: Actor, organisationId: string, userId: string, role: MemberRole) {
      const myRole = await requireOrganisationRole(db, actor, organisationId, MANAGERS);
      return db.transaction(async (tx) => {
        await lockOrganisation(tx, organisationId);
        const target = await memberRow(tx, organisationId, userId);
        if (!target) throw new NotFoundError('Member');
        if (myRole === 'manager' && (target.role === 'owner' || role === 'owner')) {
          throw new ForbiddenError('Only an owner can grant or take away the owner role');
        }
        if (target.role === 'owner' && role !== 'owner' && (await ownerCount(tx, organisationId)) <= 1) {
          throw new ConflictError('LAST_OWNER', 'An organisation must keep at least one owner');
        }
        const [updated] = await tx
          .update(memberships)
          .set({ role })
          .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
          .returning();
        const [user] = await tx.select({ displayName: users.displayName, email: users.email }).from(users).where(eq(users.id, userId));
        return { userId, role: updated!.role, joinedAt: updated!.createdAt.toISOString(), displayName: user!.displayName, email: user!.email };
      });
    },

    /** Removing someone else needs a manager; anyone may remove themselves (leave). */
    async removeMember(actor: Actor, organisationId: string, userId: string) {
      const leaving = userId === actor.userId;
      const myRole = await requireOrganisationRole(db, actor, organisationId, leaving ? ANY_MEMBER : MANAGERS);
      await db.transaction(async (tx) => {
        await lockOrganisation(tx, organisationId);
        const target = await memberRow(tx, organisationId, userId);
        if (!target) throw new NotFoundError('Member');
        if (!leaving && myRole === 'manager' && target.role === 'owner') throw new ForbiddenError('Only an owner can remove an owner');
        if (target.role === 'owner' && (await ownerCount(tx, organisationId)) <= 1) {
          throw new ConflictError('LAST_OWNER', 'An organisation must keep at least one owner; make someone else owner first');
        }
        await tx.delete(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
      });
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
