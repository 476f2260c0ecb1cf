import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { emailOutbox } from '../../db/schema/mail.js';

/** One key per inbox for the cap: lower case, `+tag` folded (the expression `email_outbox_recipient_idx` indexes). */
function recipientKeySql(address: AnyPgColumn | SQL): SQL {
  return sql`regexp_replace(lower(${address}), '\\+[^@]*@', '@')`;
}

/** Advisory lock class for per-recipient caps (two-key form: its own space beside single-key locks). */
const RECIPIENT_LOCK_CLASS = 7211;

/** Serialises enqueues to one inbox and template until the caller's transaction ends, so the count that follows is exact. */
export async function lockRecipient(tx: DbOrTx, to: string, template: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${RECIPIENT_LOCK_CLASS}::int, hashtext(${recipientKeySql(sql`${to}::text`)} || ' ' || ${template}::text))`);
}

/** Emails of a template sent to an inbox in the last hour, and when the oldest of them leaves that hour. */
export async function countRecentToRecipient(tx: DbOrTx, to: string, template: string): Promise<{ count: number; retryAfterSeconds: number | null }> {
  const [row] = await tx
    .select({
      count: sql<number>`count(*)::int`,
      retryAfterSeconds: sql<number | null>`ceil(extract(epoch from (min(${emailOutbox.createdAt}) + interval '1 hour' - now())))::int`,
    })
    .from(emailOutbox)
    .where(
      and(
        sql`${recipientKeySql(emailOutbox.toEmail)} = ${recipientKeySql(sql`${to}::text`)}`,
        eq(emailOutbox.template, template),
        sql`${emailOutbox.createdAt} > now() - interval '1 hour'`,
      ),
    );
  return { count: row?.count ?? 0, retryAfterSeconds: row?.retryAfterSeconds ?? null };
}

export async function insertEmail(tx: DbOrTx, email: { to: string; template: string; subject: string; body: string; data: Record<string, unknown> }): Promise<void> {
  await tx.insert(emailOutbox).values({ toEmail: email.to, template: email.template, subject: email.subject, body: email.body, data: email.data });
}

export interface ClaimedEmail {
  id: string;
  toEmail: string;
  template: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Claims due rows in one short statement: each is leased (its next attempt moved past the
 * lease) and its attempt counted, then the locks are gone. Sending happens outside any
 * transaction; a drainer that dies mid-send leaves the row to be claimed again when its lease ends.
 */
export async function claimDue(db: DbOrTx, limit: number, leaseMs: number): Promise<ClaimedEmail[]> {
  // A CTE, not `id in (subquery)`: PostgreSQL may rescan an IN subquery, and with SKIP LOCKED
  // a rescan picks further rows past the limit. A CTE with FOR UPDATE is evaluated once.
  const due = db.$with('due').as(
    db
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, sql`now()`)))
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true }),
  );
  return db
    .with(due)
    .update(emailOutbox)
    .set({ attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where(inArray(emailOutbox.id, db.select({ id: due.id }).from(due)))
    .returning({
      id: emailOutbox.id,
      toEmail: emailOutbox.toEmail,
      template: emailOutbox.template,
      subject: emailOutbox.subject,
      body: emailOutbox.body,
      attempts: emailOutbox.attempts,
    });
}

export async function markSent(db: DbOrTx, id: string): Promise<void> {
  await db
    .update(emailOutbox)
    .set({ status: 'sent', sentAt: sql`now()`, lastError: null })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'pending')));
}

export async function markRetry(db: DbOrTx, id: string, delayMs: number, lastError: string): Promise<void> {
  await db
    .update(emailOutbox)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})`, lastError })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'pending')));
}

export async function markDead(db: DbOrTx, id: string, lastError: string): Promise<void> {
  await db
    .update(emailOutbox)
    .set({ status: 'dead', lastError })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'pending')));
}

/**
 * Pending and dead rows, for the metrics scrape: both counts read partial indexes
 * (`email_outbox_due_idx`, `email_outbox_dead_idx`), never the sent rows that make up most of the table.
 */
export async function countOutbox(db: DbOrTx): Promise<{ pending: number; dead: number }> {
  const [row] = await db
    .select({
      pending: sql<number>`(select count(*)::int from ${emailOutbox} where ${emailOutbox.status} = 'pending')`,
      dead: sql<number>`(select count(*)::int from ${emailOutbox} where ${emailOutbox.status} = 'dead')`,
    })
    .from(sql`(select 1) as one`);
  return { pending: row?.pending ?? 0, dead: row?.dead ?? 0 };
}
