import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { users } from '../../db/schema/users.js';
import { AppError, UnauthorizedError, ValidationError, type FieldError } from '../../lib/errors.js';
import { hashPassword, needsRehash, passwordProblems, verifyPassword } from '../../lib/password.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import { enqueueEmail, mailText } from '../mail/mail.service.js';
import type { AccessTokenClaims } from '../../plugins/auth.js';
import * as queries from './identity.queries.js';
import { current } from '../../db/unit-of-work.js';

export type Profile = Awaited<ReturnType<typeof queries.selectProfiles>>[number];

const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;
const VERIFY_TTL_SECONDS = 60 * 60 * 48;
const RESET_TTL_SECONDS = 60 * 60;
const MAX_EMAILS_PER_HOUR = 3;

export interface IdentityDeps {
  db: Db;
  config: Config;
  signAccessToken(claims: AccessTokenClaims): string;
}

export interface RegisterInput {
  email: string;
  password: string;
  displayName: string;
  country: string;
  birthDate?: string | undefined;
  locale?: string | undefined;
}

export function toMe(u: queries.UserRow) {
  return {
    id: u.id,
    email: u.email,
    emailVerified: u.emailVerifiedAt !== null,
    displayName: u.displayName,
    country: u.country,
    birthDate: u.birthDate,
    locale: u.locale,
    isAdmin: u.isAdmin,
    createdAt: u.createdAt.toISOString(),
  };
}

function passwordFieldErrors(field: string, password: string, context: string[]): FieldError[] {
  return passwordProblems(password, context).map((message) => ({ field, message, code: 'weak_password', in: 'body' as const }));
}

export function createIdentityService({ db, config, signAccessToken }: IdentityDeps) {
  const cost = config.passwordHashCost;
  let decoy: Promise<string> | undefined;
  const link = (path: string, token: string) => `${config.publicBaseUrl}${path}?token=${encodeURIComponent(token)}`;

  async function issueTokens(user: queries.UserRow, familyId: string = randomUUID(), tx: DbOrTx = db) {
    const refreshToken = newSecretToken();
    const stored = await queries.insertRefreshToken(tx, {
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      ttlSeconds: config.jwt.refreshTtlSeconds,
    });
    return {
      tokenType: 'Bearer' as const,
      accessToken: signAccessToken({ sub: user.id, ...(user.isAdmin ? { adm: true } : {}) }),
      expiresIn: config.jwt.accessTtlSeconds,
      refreshToken,
      refreshExpiresAt: stored.expiresAt.toISOString(),
    };
  }

  const EMAILED_TOKENS = {
    verify_email: {
      ttlSeconds: VERIFY_TTL_SECONDS,
      body: (token: string) => mailText`Confirm your address: ${link('/verify-email', token)}`,
    },
    reset_password: {
      ttlSeconds: RESET_TTL_SECONDS,
      body: (token: string) => mailText`Choose a new password within an hour: ${link('/password-reset', token)}`,
    },
  } as const;

  /** Stores a single-use token's hash and emails the token, in the caller's transaction. */
  async function emailToken(tx: DbOrTx, user: { id: string; email: string }, purpose: keyof typeof EMAILED_TOKENS) {
    const message = EMAILED_TOKENS[purpose];
    const token = newSecretToken();
    await queries.insertUserToken(tx, { userId: user.id, purpose, tokenHash: hashToken(token), ttlSeconds: message.ttlSeconds });
    await enqueueEmail(tx, { to: user.email, template: purpose, body: message.body(token), data: { token } });
  }

  /** The same, at most a few times an hour per account; requests for one account are serialised by a row lock. */
  async function emailTokenCapped(tx: DbOrTx, user: { id: string; email: string }, purpose: keyof typeof EMAILED_TOKENS) {
    await tx.execute(sql`select 1 from ${users} where ${users.id} = ${user.id} for update`);
    if ((await queries.countRecentUserTokens(tx, user.id, purpose)) >= MAX_EMAILS_PER_HOUR) return;
    await emailToken(tx, user, purpose);
  }

  return {
    /** Names, addresses and eligibility facts of users, for the features that show or check them. */
    async profiles(userIds: readonly string[]): Promise<Map<string, Profile>> {
      const rows = await queries.selectProfiles(current(db), [...new Set(userIds)]);
      return new Map(rows.map((r) => [r.id, r]));
    },

    async exists(userId: string): Promise<boolean> {
      return (await queries.selectProfiles(current(db), [userId])).length > 0;
    },

    /** SQL of identity's for statements that read users' facts in the same round trip (see `personJoinSql`). */
    sql: { personJoin: queries.personJoinSql },

    /** Always "accepted": the answer never tells whether the address already has an account. */
    async register(input: RegisterInput): Promise<void> {
      const problems = passwordFieldErrors('password', input.password, [input.email.split('@')[0] ?? '', input.displayName]);
      if (problems.length) throw new ValidationError(problems);
      const passwordHash = await hashPassword(input.password, cost);
      await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(users)
          .values({
            email: input.email,
            passwordHash,
            displayName: input.displayName,
            country: input.country,
            birthDate: input.birthDate ?? null,
            locale: input.locale ?? 'en',
          })
          .onConflictDoNothing({ target: users.email })
          .returning({ id: users.id, email: users.email });
        if (created) {
          await emailToken(tx, created, 'verify_email');
        } else {
          await enqueueEmail(tx, {
            to: input.email,
            template: 'already_registered',
            // At most one an hour per inbox (TEMPLATES): more are dropped, and the answer is the same.
            body: mailText`This address already has a Skyrocket account. If it was you, log in or reset your password: ${config.publicBaseUrl}/password-reset`,
          });
        }
      });
    },

    async login(email: string, password: string) {
      const user = await queries.findUserByEmail(db, email);
      if (!user) {
        // Spend the same time as a real check so response timing does not reveal registered addresses.
        decoy ??= hashPassword(newSecretToken(), cost);
        await verifyPassword(password, await decoy);
        throw new UnauthorizedError('Email or password is incorrect', 'INVALID_CREDENTIALS');
      }
      const [lock] = await db
        .select({ seconds: sql<number>`ceil(extract(epoch from (${users.lockedUntil} - now())))::int` })
        .from(users)
        .where(sql`${users.id} = ${user.id} and ${users.lockedUntil} > now()`);
      if (lock) {
        throw new AppError(429, 'LOGIN_LOCKED', 'Too many failed logins; try again later', {}, { 'retry-after': String(Math.max(1, lock.seconds)) });
      }
      if (!(await verifyPassword(password, user.passwordHash))) {
        await db
          .update(users)
          .set({
            failedLoginCount: sql`${users.failedLoginCount} + 1`,
            lockedUntil: sql`case when (${users.failedLoginCount} + 1) % ${LOCK_AFTER_FAILURES} = 0 then now() + make_interval(mins => ${LOCK_MINUTES}) else ${users.lockedUntil} end`,
          })
          .where(eq(users.id, user.id));
        throw new UnauthorizedError('Email or password is incorrect', 'INVALID_CREDENTIALS');
      }
      const promote = !user.isAdmin && user.emailVerifiedAt !== null && config.adminEmails.includes(user.email);
      const [updated] = await db
        .update(users)
        .set({
          failedLoginCount: 0,
          lockedUntil: null,
          ...(promote ? { isAdmin: true } : {}),
          ...(needsRehash(user.passwordHash, cost) ? { passwordHash: await hashPassword(password, cost) } : {}),
        })
        .where(eq(users.id, user.id))
        .returning();
      return issueTokens(updated!);
    },

    /** Rotates a refresh token; presenting a used one revokes its whole family (token theft). */
    async refresh(refreshToken: string) {
      const tokenHash = hashToken(refreshToken);
      const pair = await db.transaction(async (tx) => {
        const consumed = await queries.consumeRefreshToken(tx, tokenHash);
        if (!consumed) return undefined;
        const user = await queries.findUserById(tx, consumed.userId);
        if (!user) return undefined;
        return issueTokens(user, consumed.familyId, tx);
      });
      if (pair) return pair;
      const known = await queries.findRefreshToken(db, tokenHash);
      if (known?.usedAt && !known.revokedAt) {
        await queries.revokeFamily(db, known.familyId);
        throw new UnauthorizedError('This refresh token was already used; every session of its login is now revoked', 'REFRESH_TOKEN_REUSED');
      }
      if (known?.revokedAt) throw new UnauthorizedError('This refresh token has been revoked', 'REFRESH_TOKEN_REVOKED');
      if (known) throw new UnauthorizedError('This refresh token has expired', 'REFRESH_TOKEN_EXPIRED');
      throw new UnauthorizedError('Unknown refresh token', 'REFRESH_TOKEN_INVALID');
    },

    async logout(refreshToken: string): Promise<void> {
      const known = await queries.findRefreshToken(db, hashToken(refreshToken));
      if (known) await queries.revokeFamily(db, known.familyId);
    },

    async me(userId: string) {
      const user = await queries.findUserById(db, userId);
      if (!user) throw new UnauthorizedError('The account no longer exists', 'TOKEN_INVALID');
      return toMe(user);
    },

    async updateMe(userId: string, patch: { displayName?: string | undefined; country?: string | undefined; birthDate?: string | null | undefined; locale?: string | undefined }) {
      const [user] = await db
        .update(users)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(users.id, userId))
        .returning();
      if (!user) throw new UnauthorizedError('The account no longer exists', 'TOKEN_INVALID');
      return toMe(user);
    },

    async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<void> {
      const user = await queries.findUserById(db, userId);
      if (!user) throw new UnauthorizedError('The account no longer exists', 'TOKEN_INVALID');
      const errors: FieldError[] = [];
      if (!(await verifyPassword(currentPassword, user.passwordHash))) {
        errors.push({ field: 'currentPassword', message: 'is incorrect', code: 'incorrect', in: 'body' });
      }
      errors.push(...passwordFieldErrors('newPassword', newPassword, [user.email.split('@')[0] ?? '', user.displayName]));
      if (errors.length) throw new ValidationError(errors);
      const passwordHash = await hashPassword(newPassword, cost);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash, passwordChangedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(users.id, userId));
        await queries.revokeAllSessions(tx, userId);
      });
    },

    /** Always "accepted"; at most a few reset emails an hour per account. */
    async requestPasswordReset(email: string): Promise<void> {
      const user = await queries.findUserByEmail(db, email);
      if (!user) return;
      await db.transaction((tx) => emailTokenCapped(tx, user, 'reset_password'));
    },

    async completePasswordReset(token: string, newPassword: string): Promise<void> {
      const problems = passwordFieldErrors('newPassword', newPassword, []);
      if (problems.length) throw new ValidationError(problems);
      const passwordHash = await hashPassword(newPassword, cost);
      await db.transaction(async (tx) => {
        const used = await queries.consumeUserToken(tx, 'reset_password', hashToken(token));
        if (!used) throw new AppError(400, 'TOKEN_INVALID', 'The reset link is invalid, used or expired');
        await tx
          .update(users)
          .set({ passwordHash, passwordChangedAt: sql`now()`, failedLoginCount: 0, lockedUntil: null, updatedAt: sql`now()` })
          .where(eq(users.id, used.userId));
        await queries.revokeAllSessions(tx, used.userId);
      });
    },

    async verifyEmail(token: string): Promise<void> {
      await db.transaction(async (tx) => {
        const used = await queries.consumeUserToken(tx, 'verify_email', hashToken(token));
        if (!used) throw new AppError(400, 'TOKEN_INVALID', 'The verification link is invalid, used or expired');
        await tx.update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` }).where(eq(users.id, used.userId));
      });
    },

    async resendVerification(userId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const user = await queries.findUserById(tx, userId);
        if (!user || user.emailVerifiedAt) return;
        await emailTokenCapped(tx, user, 'verify_email');
      });
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
