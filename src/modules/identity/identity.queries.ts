import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { refreshTokens, users, userTokens } from '../../db/schema/users.js';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function insertRefreshToken(db: DbOrTx, p: { userId: string; familyId: string; tokenHash: string; ttlSeconds: number }) {
  const [row] = await db
    .insert(refreshTokens)
    .values({
      userId: p.userId,
      familyId: p.familyId,
      tokenHash: p.tokenHash,
      expiresAt: sql`now() + make_interval(secs => ${p.ttlSeconds})`,
    })
    .returning({ expiresAt: refreshTokens.expiresAt });
  return row!;
}

/** Marks a live token used and returns it; exactly one of several concurrent callers gets the row. */
export async function consumeRefreshToken(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(refreshTokens.tokenHash, tokenHash),
        isNull(refreshTokens.usedAt),
        isNull(refreshTokens.revokedAt),
        gt(refreshTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: refreshTokens.userId, familyId: refreshTokens.familyId });
  return row;
}

export async function findRefreshToken(db: DbOrTx, tokenHash: string) {
  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
  return row;
}

export async function revokeFamily(db: DbOrTx, familyId: string): Promise<void> {
  await db.update(refreshTokens).set({ revokedAt: sql`now()` }).where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

export async function revokeAllSessions(db: DbOrTx, userId: string): Promise<void> {
  await db.update(refreshTokens).set({ revokedAt: sql`now()` }).where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

export async function insertUserToken(
  db: DbOrTx,
  p: { userId: string; purpose: 'verify_email' | 'reset_password'; tokenHash: string; ttlSeconds: number },
): Promise<void> {
  await db.insert(userTokens).values({
    userId: p.userId,
    purpose: p.purpose,
    tokenHash: p.tokenHash,
    expiresAt: sql`now() + make_interval(secs => ${p.ttlSeconds})`,
  });
}

/** Uses a single-use token atomically; returns its user when it was live. */
export async function consumeUserToken(db: DbOrTx, purpose: 'verify_email' | 'reset_password', tokenHash: string) {
  const [row] = await db
    .update(userTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(userTokens.tokenHash, tokenHash),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: userTokens.userId });
  return row;
}

export async function countRecentUserTokens(db: DbOrTx, userId: string, purpose: 'verify_email' | 'reset_password'): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(userTokens)
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), gt(userTokens.createdAt, sql`now() - interval '1 hour'`)));
  return row?.n ?? 0;
}

/** What other features may know of users: names, addresses and the facts eligibility rules read. */
export async function selectProfiles(db: DbOrTx, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ id: users.id, displayName: users.displayName, email: users.email, country: users.country, birthDate: users.birthDate })
    .from(users)
    .where(inArray(users.id, [...userIds]));
}

/**
 * For statements of other features that must read a user's public facts in the same round trip
 * (the submit path): a lateral join exposing `display_name`, `email`, `country` and `birth_date`
 * (as text) of the user whose id is `userIdExpr`, under `alias`.
 */
export function personJoinSql(alias: string, userIdExpr: string): string {
  return `left join lateral (select u.display_name, u.email, u.country, u.birth_date::text as birth_date from users u where u.id = ${userIdExpr}) ${alias} on true`;
}
