import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { loginThrottles, refreshTokens, users, userTokens } from '../../db/schema/users.js';

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

/** How the per-address login throttle counts; see docs/identity.md ("Failed logins"). */
export const LOGIN_THROTTLE = {
  /** Failures an address may make before it must wait. */
  freeFailures: 5,
  /** Once the account has this many recent failures from all addresses together, it is under attack... */
  accountCeiling: 20,
  /** ...and every address, a new one too, waits after its first failure. */
  freeFailuresUnderAttack: 1,
  /** Waits double from 1 s up to this. */
  maxWaitSeconds: 900,
  /** Failures older than this are forgotten. */
  windowSeconds: 3600,
} as const;

/**
 * Counts a login attempt from `clientKey` as a failure before the password is checked, in one
 * statement, so parallel guesses from one address all count and only one passes a wait. Returns
 * undefined when the address must still wait; the caller un-counts an attempt that was never
 * checked and deletes the row on success.
 */
export async function claimLoginAttempt(db: DbOrTx, userId: string, clientKey: string): Promise<{ failures: number } | undefined> {
  // The limits are constants of this file, written into the statement (untyped parameters would be text).
  const n = (value: number) => sql.raw(String(Math.trunc(value)));
  const t = LOGIN_THROTTLE;
  const fresh = sql`${loginThrottles.lastFailureAt} < now() - interval '${n(t.windowSeconds)} seconds'`;
  const free = sql`(case when (select coalesce(sum(a.failures), 0) from login_throttles a
      where a.user_id = ${userId} and a.last_failure_at > now() - interval '${n(t.windowSeconds)} seconds') >= ${n(t.accountCeiling)}
    then ${n(t.freeFailuresUnderAttack)} else ${n(t.freeFailures)} end)`;
  const wait = (failures: ReturnType<typeof sql>) =>
    sql`case when ${failures} >= ${free} then now() + make_interval(secs => least(power(2, ${failures} - ${free}), ${n(t.maxWaitSeconds)})) end`;
  const next = sql`(case when ${fresh} then 1 else ${loginThrottles.failures} + 1 end)`;
  const [row] = await db
    .insert(loginThrottles)
    .values({ userId, clientKey, failures: 1, lastFailureAt: sql`now()`, blockedUntil: wait(sql`1`) })
    .onConflictDoUpdate({
      target: [loginThrottles.userId, loginThrottles.clientKey],
      set: { failures: next, lastFailureAt: sql`now()`, blockedUntil: wait(next) },
      setWhere: sql`${loginThrottles.blockedUntil} is null or ${loginThrottles.blockedUntil} <= now()`,
    })
    .returning({ failures: loginThrottles.failures });
  return row;
}

/** Seconds until the address may try again (at least 1). */
export async function loginWaitSeconds(db: DbOrTx, userId: string, clientKey: string): Promise<number> {
  const [row] = await db
    .select({ seconds: sql<number>`ceil(extract(epoch from (${loginThrottles.blockedUntil} - now())))::int` })
    .from(loginThrottles)
    .where(and(eq(loginThrottles.userId, userId), eq(loginThrottles.clientKey, clientKey)));
  return Math.max(1, row?.seconds ?? 1);
}

/** An attempt whose password was never checked (the hashing pool was full) does not count. */
export async function unclaimLoginAttempt(db: DbOrTx, userId: string, clientKey: string): Promise<void> {
  await db
    .update(loginThrottles)
    .set({ failures: sql`greatest(${loginThrottles.failures} - 1, 0)`, blockedUntil: null })
    .where(and(eq(loginThrottles.userId, userId), eq(loginThrottles.clientKey, clientKey)));
}

/** A successful login clears its address's failures, and forgets the account's stale rows. */
export async function clearLoginThrottle(db: DbOrTx, userId: string, clientKey: string): Promise<void> {
  await db
    .delete(loginThrottles)
    .where(
      and(
        eq(loginThrottles.userId, userId),
        sql`(${loginThrottles.clientKey} = ${clientKey} or ${loginThrottles.lastFailureAt} < now() - interval '${sql.raw(String(LOGIN_THROTTLE.windowSeconds))} seconds')`,
      ),
    );
}

/** A password reset (the emailed link) lifts every address's wait. */
export async function clearAllLoginThrottles(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.userId, userId));
}
