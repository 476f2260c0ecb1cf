import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

const tz = { withTimezone: true } as const;

export const ORGANISATION_KINDS = [
  'public_body',
  'ngo',
  'social_enterprise',
  'company',
  'university',
  'foundation',
  'financial_operator',
  'citizen_group',
] as const;
export const MEMBER_ROLES = ['owner', 'manager', 'member'] as const;

export const organisationKind = pgEnum('organisation_kind', ORGANISATION_KINDS);
export const memberRole = pgEnum('member_role', MEMBER_ROLES);

export const organisations = pgTable(
  'organisations',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    kind: organisationKind().notNull(),
    country: text().notNull(),
    website: text(),
    description: text(),
    themes: text().array().notNull().default(sql`'{}'::text[]`),
    sdgs: integer().array().notNull().default(sql`'{}'::integer[]`),
    createdAt: timestamp(tz).notNull().defaultNow(),
    updatedAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [check('organisations_country_iso', sql`${t.country} ~ '^[A-Z]{2}$'`)],
);

export const memberships = pgTable(
  'memberships',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole().notNull(),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const organisationInvitations = pgTable(
  'organisation_invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    role: memberRole().notNull(),
    tokenHash: text().notNull(),
    invitedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp(tz).notNull(),
    acceptedAt: timestamp(tz),
    revokedAt: timestamp(tz),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisation_invitations_token_key').on(t.tokenHash),
    index('organisation_invitations_org_idx').on(t.organisationId),
  ],
);
