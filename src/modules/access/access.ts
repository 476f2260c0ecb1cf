import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import { memberships, type MEMBER_ROLES } from '../../db/schema/index.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../lib/errors.js';

export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Who is calling: the only input authorization decisions take about the caller. */
export interface Actor {
  userId: string;
  isAdmin: boolean;
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.user?.sub) throw new UnauthorizedError();
  return { userId: request.user.sub, isAdmin: request.user.adm === true };
}

export function optionalActorOf(request: FastifyRequest): Actor | undefined {
  return request.user?.sub ? { userId: request.user.sub, isAdmin: request.user.adm === true } : undefined;
}

export const MANAGERS: readonly MemberRole[] = ['owner', 'manager'];
export const ANY_MEMBER: readonly MemberRole[] = ['owner', 'manager', 'member'];

export async function organisationRole(db: DbOrTx, userId: string, organisationId: string): Promise<MemberRole | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .limit(1);
  return row?.role ?? null;
}

/**
 * The one answer to "may this caller act for this organisation in this way".
 * Non-members may not know a private object exists (404); members without the role get 403.
 * Platform admins pass (moderation); their actions are audited by the callers.
 */
export async function requireOrganisationRole(
  db: DbOrTx,
  actor: Actor,
  organisationId: string,
  allowed: readonly MemberRole[],
  what = 'Organisation',
): Promise<MemberRole | 'admin'> {
  const role = await organisationRole(db, actor.userId, organisationId);
  if (role === null) {
    if (actor.isAdmin) return 'admin';
    throw new NotFoundError(what);
  }
  if (!allowed.includes(role)) {
    if (actor.isAdmin) return 'admin';
    throw new ForbiddenError(`This needs one of the roles ${allowed.join(', ')} in the organisation; you are ${role}`);
  }
  return role;
}
