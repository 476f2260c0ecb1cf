import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tz = { withTimezone: true } as const;

export const EMAIL_STATUSES = ['pending', 'sent', 'dead'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * Emails wait here until the drainer delivers them (SMTP; the log outside production). A row is
 * `pending` until delivered (`sent`) or given up on (`dead`, kept for operators: docs/mail.md).
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    toEmail: text().notNull(),
    template: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    status: text().$type<EmailStatus>().notNull().default('pending'),
    /** Delivery attempts started (a claim counts, so a crash mid-send counts too). */
    attempts: integer().notNull().default(0),
    /** When a pending row is next due; while a drainer holds it, the end of its lease. */
    nextAttemptAt: timestamp(tz).notNull().defaultNow(),
    /** The last failure, short and without secrets: an SMTP reply code and command, or an error code. */
    lastError: text(),
    createdAt: timestamp(tz).notNull().defaultNow(),
    sentAt: timestamp(tz),
  },
  (t) => [
    index('email_outbox_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    // Dead rows are few and counted on every metrics scrape: without this, counting them reads every sent row.
    index('email_outbox_dead_idx').on(t.createdAt).where(sql`status = 'dead'`),
    // The per-recipient cap counts recent rows by the normalised address (see recipientKeySql).
    index('email_outbox_recipient_idx').on(sql`regexp_replace(lower(${t.toEmail}), '\\+[^@]*@', '@')`, t.template, t.createdAt),
    check('email_outbox_status_check', sql`status in ('pending', 'sent', 'dead')`),
  ],
);
