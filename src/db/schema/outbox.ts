import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid, bigserial } from 'drizzle-orm/pg-core';

const tz = { withTimezone: true } as const;

/** Emails wait here until the delivery adapter drains them (logged in development). */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    toEmail: text().notNull(),
    template: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer().notNull().default(0),
    createdAt: timestamp(tz).notNull().defaultNow(),
    sentAt: timestamp(tz),
  },
  (t) => [index('email_outbox_pending_idx').on(t.createdAt).where(sqlPending())],
);

/** Domain events, written in the same transaction as the change they describe. */
export const domainEvents = pgTable(
  'domain_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    type: text().notNull(),
    organisationId: uuid(),
    competitionId: uuid(),
    subjectId: uuid(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp(tz).notNull().defaultNow(),
    dispatchedAt: timestamp(tz),
  },
  (t) => [index('domain_events_type_idx').on(t.type, t.occurredAt)],
);


function sqlPending() {
  return sql`sent_at is null`;
}
