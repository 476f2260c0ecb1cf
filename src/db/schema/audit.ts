import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const tz = { withTimezone: true } as const;

/**
 * The audit trail. Rows are only ever inserted: a trigger (migration `audit_append_only`)
 * refuses UPDATE, DELETE and TRUNCATE. `competition_id` carries no foreign key on purpose: the
 * log outlives anything it describes.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    competitionId: uuid().notNull(),
    actorId: uuid(),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: uuid(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [index('audit_log_competition_idx').on(t.competitionId, t.id), check('audit_log_action_not_empty', sql`${t.action} <> ''`)],
);

/**
 * The hash chain over `audit_log`, one seal per row, written by the background sealer in
 * order per competition. Insert-only like the log itself.
 */
export const auditSeals = pgTable(
  'audit_seals',
  {
    auditId: bigint({ mode: 'number' })
      .primaryKey()
      .references(() => auditLog.id, { onDelete: 'restrict' }),
    competitionId: uuid().notNull(),
    seq: integer().notNull(),
    prevHash: text().notNull(),
    hash: text().notNull(),
    sealedAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('audit_seals_competition_seq_key').on(t.competitionId, t.seq), check('audit_seals_seq_positive', sql`${t.seq} > 0`)],
);

/**
 * Work queue of rows not sealed yet, filled by an insert trigger on `audit_log` and drained by
 * the sealer, so that finding unsealed rows never scans the whole log. Not part of the
 * evidence: verification counts unsealed rows from `audit_log` itself.
 */
export const auditPending = pgTable('audit_pending', {
  auditId: bigint({ mode: 'number' }).primaryKey(),
});
