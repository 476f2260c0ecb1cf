import { randomUUID } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { users } from '../../db/schema/users.js';
import { AppError, UnauthorizedError, ValidationError, type FieldError } from '../../lib/errors.js';
import { createPasswordHasher, needsRehash, passwordProblems } from '../../lib/password.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import { enqueueEmail, mailText } from '../mail/mail.service.js';
import type { AccessTokenClaims } from '../../plugins/auth.js';
import * as queries from './identity.queries.js';
import { current } from '../../db/unit-of-work.js';

export type Profile = Awaited<ReturnType<typeof queries.selectProfiles>>[number];

const VERIFY_TTL_SECONDS = 60 * 60 * 48;
const RESET_TTL_SECONDS = 60 * 60;
const MAX_EMAILS_PER_HOUR = 3;

export interface IdentityDeps {
  db: Db;
  config: Config;
  signAccessToken(claims: AccessTokenClaims): string;
  /**
   * Runs work after the answer is sent (the password-reset request). Tests pass one that holds
   * the tasks; the default runs them at once and `drainBackgroundWork()` waits for them.
   */
  defer?: (task: () => Promise<void>) => void;
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

/** The throttle's key for an address: IPv4 as is, IPv6 by its /64 (one subscriber's usual allocation). */
export function clientKeyOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function passwordFieldErrors(field: string, password: string, context: string[]): FieldError[] {
  return passwordProblems(password, context).map((message) => ({ field, message, code: 'weak_password', in: 'body' as const }));
}

export function createIdentityService({ db, config, signAccessToken, defer }: IdentityDeps) {
  const running = new Set<Promise<void>>();
  let reportBackgroundError: (err: unknown) => void = () => {};
  const runLater =
    defer ??
    ((task: () => Promise<void>) => {
      const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(task)
        .catch((err: unknown) => reportBackgroundError(err))
        .finally(() => running.delete(done));
      running.add(done);
    });
  const cost = config.passwordHashCost;
  // Every scrypt of this service (register, login, the unknown-address decoy, password changes) goes through one capped pool.
  const hasher = createPasswordHasher(config.passwordHashing);
  const hashPassword = hasher.hash;
  const verifyPassword = hasher.verify;
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
    /** Password hashes running and waiting for a thread, and refusals being held (metrics). */
    hashingLoad: () => hasher.load(),
    /** Names, addresses and eligibility facts of users, for the features that show or check them. */
    async profiles(userIds: readonly string[]): Promise<Map<string, Profile>> {
      const rows = await queries.selectProfiles(current(db), [...new Set(userIds)]);
      return new Map(rows.map((r) => [r.id, r]));
    },

    /** Whether the user confirmed their address (access's verified-email rule). */
    async isEmailVerified(userId: string): Promise<boolean> {
      const user = await queries.findUserById(current(db), userId);
      return user?.emailVerifiedAt != null;
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

    /**
     * A wrong password throttles the address it came from, never the account (docs/identity.md,
     * "Failed logins"); `clientAddress` is the request's address as the server sees it.
     */
    async login(email: string, password: string, clientAddress: string) {
      // Beyond the hashing budget a login is refused before it costs the database anything
      // (the same for every address, so it reveals nothing; such a refusal is not counted).
      await hasher.refuseIfBusy();
      const user = await queries.findUserByEmail(db, email);
      if (!user) {
        // Spend the same time as a real check so response timing does not reveal registered addresses.
        decoy ??= hashPassword(newSecretToken(), cost);
        await verifyPassword(password, await decoy);
        throw new UnauthorizedError('Email or password is incorrect', 'INVALID_CREDENTIALS');
      }
      const clientKey = clientKeyOf(clientAddress);
      if (!(await queries.claimLoginAttempt(db, user.id, clientKey))) {
        const seconds = await queries.loginWaitSeconds(db, user.id, clientKey);
        throw new AppError(429, 'LOGIN_THROTTLED', `Too many failed logins from your address; retry in ${seconds} s`, {}, { 'retry-after': String(seconds) });
      }
      let correct: boolean;
      try {
        correct = await verifyPassword(password, user.passwordHash);
      } catch (err) {
        await queries.unclaimLoginAttempt(db, user.id, clientKey);
        throw err;
      }
      if (!correct) throw new UnauthorizedError('Email or password is incorrect', 'INVALID_CREDENTIALS');
      await queries.clearLoginThrottle(db, user.id, clientKey);
      const promote = !user.isAdmin && user.emailVerifiedAt !== null && config.adminEmails.includes(user.email);
      const rehash = needsRehash(user.passwordHash, cost) ? { passwordHash: await hashPassword(password, cost) } : {};
      const [updated] = await db
        .update(users)
        .set({ ...(promote ? { isAdmin: true } : {}), ...rehash, updatedAt: sql`now()` })
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

    /**
     * Always "accepted", and answered before anything is looked up: the lookup, the token and the
     * email run after the answer for every address alike, so timing cannot tell registered
     * addresses from unknown ones. At most a few reset emails an hour per account.
     */
    async requestPasswordReset(email: string): Promise<void> {
      runLater(async () => {
        const user = await queries.findUserByEmail(db, email);
        if (!user) return;
        await db.transaction((tx) => emailTokenCapped(tx, user, 'reset_password'));
      });
    },

    /** Waits for work started after an answer (on close, and in tests). */
    async drainBackgroundWork(): Promise<void> {
      while (running.size > 0) await Promise.all(running);
    },

    /** Where failures of that work are reported (the routes plugin logs them). */
    onBackgroundError(report: (err: unknown) => void): void {
      reportBackgroundError = report;
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
          .set({ passwordHash, passwordChangedAt: sql`now()`, updatedAt: sql`now()` })
          .where(eq(users.id, used.userId));
        await queries.clearAllLoginThrottles(tx, used.userId);
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
