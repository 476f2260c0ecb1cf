import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import { memberships, organisationInvitations, organisations, type MEMBER_ROLES } from '../../db/schema/organisations.js';

export type OrganisationRow = typeof organisations.$inferSelect;
export type InvitationRow = typeof organisationInvitations.$inferSelect;
export type NewOrganisationRow = typeof organisations.$inferInsert;
type Role = (typeof MEMBER_ROLES)[number];

export async function insertOrganisation(tx: DbOrTx, values: NewOrganisationRow): Promise<OrganisationRow> {
  const [row] = await tx.insert(organisations).values(values).returning();
  return row!;
}

export async function selectOrganisation(db: DbOrTx, organisationId: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  return row;
}

const profileStatement = statement(
  'organisation_profile',
  'select id, name, kind, country, website, description, themes, sdgs, created_at, updated_at from organisations where id = $1',
);

/** `selectOrganisation` as a named statement (planned once per connection): the public page reads it on every request. */
export async function selectOrganisationProfile(db: DbOrTx, organisationId: string): Promise<OrganisationRow | undefined> {
  const [r] = await runStatement<Record<string, unknown>>(db, profileStatement, [organisationId]);
  if (!r) return undefined;
  return {
    id: r.id as string,
    name: r.name as string,
    kind: r.kind as OrganisationRow['kind'],
    country: r.country as string,
    website: r.website as string | null,
    description: r.description as string | null,
    themes: r.themes as string[],
    sdgs: r.sdgs as number[],
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

export async function updateOrganisation(db: DbOrTx, organisationId: string, patch: Partial<NewOrganisationRow>): Promise<OrganisationRow | undefined> {
  const [row] = await db
    .update(organisations)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(organisations.id, organisationId))
    .returning();
  return row;
}

/** Locks the organisation row: membership changes are serialised per organisation so one owner always remains. */
export async function lockOrganisation(tx: DbOrTx, organisationId: string): Promise<void> {
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for('update');
}

export async function selectMyOrganisations(db: DbOrTx, userId: string) {
  return db
    .select({ org: organisations, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name));
}

export async function selectRole(db: DbOrTx, userId: string, organisationId: string): Promise<Role | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .limit(1);
  return row?.role ?? null;
}

export async function selectMembers(db: DbOrTx, organisationId: string) {
  return db
    .select({ userId: memberships.userId, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(memberships.createdAt));
}

export async function selectMember(tx: DbOrTx, organisationId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

export async function insertMember(tx: DbOrTx, values: { organisationId: string; userId: string; role: Role }): Promise<void> {
  await tx.insert(memberships).values(values).onConflictDoNothing();
}

export async function updateMemberRole(tx: DbOrTx, organisationId: string, userId: string, role: Role) {
  const [row] = await tx
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .returning();
  return row!;
}

export async function deleteMember(tx: DbOrTx, organisationId: string, userId: string): Promise<void> {
  await tx.delete(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
}

export async function ownerCount(tx: DbOrTx, organisationId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, 'owner')));
  return row?.n ?? 0;
}

export async function insertInvitation(
  tx: DbOrTx,
  values: { organisationId: string; email: string; role: Role; tokenHash: string; invitedBy: string; ttlSeconds: number },
): Promise<InvitationRow> {
  const { ttlSeconds, ...rest } = values;
  const [row] = await tx
    .insert(organisationInvitations)
    .values({ ...rest, expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})` })
    .returning();
  return row!;
}

export async function selectInvitations(db: DbOrTx, organisationId: string): Promise<InvitationRow[]> {
  return db.select().from(organisationInvitations).where(eq(organisationInvitations.organisationId, organisationId)).orderBy(asc(organisationInvitations.createdAt));
}

export async function revokeInvitation(db: DbOrTx, organisationId: string, invitationId: string): Promise<boolean> {
  const rows = await db
    .update(organisationInvitations)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(organisationInvitations.id, invitationId),
        eq(organisationInvitations.organisationId, organisationId),
        sql`${organisationInvitations.acceptedAt} is null`,
      ),
    )
    .returning({ id: organisationInvitations.id });
  return rows.length > 0;
}

/** A live invitation by its token's hash, locked for acceptance. */
export async function lockLiveInvitation(tx: DbOrTx, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await tx
    .select()
    .from(organisationInvitations)
    .where(
      and(
        eq(organisationInvitations.tokenHash, tokenHash),
        sql`${organisationInvitations.acceptedAt} is null`,
        sql`${organisationInvitations.revokedAt} is null`,
        sql`${organisationInvitations.expiresAt} > now()`,
      ),
    )
    .for('update');
  return row;
}

export async function markInvitationAccepted(tx: DbOrTx, invitationId: string): Promise<void> {
  await tx.update(organisationInvitations).set({ acceptedAt: sql`now()` }).where(eq(organisationInvitations.id, invitationId));
}

/**
 * For statements of other features that keep an organisation's public profile: a scalar subquery
 * that changes whenever the profile does (`updateOrganisation` sets `updated_at`), null when there
 * is no such organisation.
 */
export function organisationProfileKeySql(organisationIdExpr: string): string {
  return `(select o.updated_at::text from organisations o where o.id = ${organisationIdExpr})`;
}

/** For statements of other features that show an organisation's name (public competition lists): a scalar subquery. */
export function organisationNameSql(organisationIdExpr: string): string {
  return `(select o.name from organisations o where o.id = ${organisationIdExpr})`;
}

/** Every organisation each of the users belongs to, with its name (for judging's conflict detection). */
export async function selectMembershipsOf(db: DbOrTx, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ userId: memberships.userId, organisationId: memberships.organisationId, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(sql`${memberships.userId} = any(${`{${userIds.join(',')}}`}::uuid[])`);
}
