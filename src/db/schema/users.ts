import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const tz = { withTimezone: true } as const;

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stored lower-cased; uniqueness is enforced by the index below. */
    email: text().notNull(),
    passwordHash: text().notNull(),
    displayName: text().notNull(),
    country: text().notNull(),
    birthDate: date({ mode: 'string' }),
    locale: text().notNull().default('en'),
    isAdmin: boolean().notNull().default(false),
    emailVerifiedAt: timestamp(tz),
    passwordChangedAt: timestamp(tz).notNull().defaultNow(),
    createdAt: timestamp(tz).notNull().defaultNow(),
    updatedAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
    check('users_country_iso', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

/** Refresh tokens are stored hashed; a family is one login's chain of rotations. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    familyId: uuid().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    expiresAt: timestamp(tz).notNull(),
    usedAt: timestamp(tz),
    revokedAt: timestamp(tz),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash), index('refresh_tokens_family_idx').on(t.familyId), index('refresh_tokens_user_idx').on(t.userId)],
);

export const userTokenPurpose = pgEnum('user_token_purpose', ['verify_email', 'reset_password']);

/** Single-use emailed tokens (verification, password reset), stored hashed. */
export const userTokens = pgTable(
  'user_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: userTokenPurpose().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp(tz).notNull(),
    usedAt: timestamp(tz),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('user_tokens_hash_key').on(t.tokenHash), index('user_tokens_user_idx').on(t.userId)],
);

/**
 * Failed logins per account and client address: the address is throttled (progressively longer
 * waits), never the account itself, so a stranger cannot lock the owner out. One row per pair,
 * claimed and counted by one statement before the password is checked (see `claimLoginAttempt`).
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The client's address as the server sees it (an IPv6 address by its /64 prefix). */
    clientKey: text().notNull(),
    failures: integer().notNull(),
    lastFailureAt: timestamp(tz).notNull(),
    blockedUntil: timestamp(tz),
  },
  (t) => [primaryKey({ columns: [t.userId, t.clientKey] }), check('login_throttles_failures_positive', sql`${t.failures} >= 0`)],
);
