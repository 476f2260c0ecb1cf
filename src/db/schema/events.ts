import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tz = { withTimezone: true } as const;

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
