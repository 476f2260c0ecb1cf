import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tz = { withTimezone: true } as const;

/**
 * Idempotency-Key records, scoped to the caller. A row is `in_flight` while the first request
 * runs and `completed` once its response is stored for replay.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid().notNull(),
    key: text().notNull(),
    method: text().notNull(),
    route: text().notNull(),
    requestHash: text().notNull(),
    state: text().$type<'in_flight' | 'completed'>().notNull(),
    responseStatus: integer(),
    responseHeaders: jsonb().$type<Record<string, string>>(),
    responseBody: text(),
    createdAt: timestamp(tz).notNull().defaultNow(),
    expiresAt: timestamp(tz).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.key] }),
    index('idempotency_keys_expires_idx').on(t.expiresAt),
    check('idempotency_keys_state', sql`${t.state} in ('in_flight', 'completed')`),
    check('idempotency_keys_completed_has_response', sql`${t.state} = 'in_flight' or ${t.responseStatus} is not null`),
  ],
);
