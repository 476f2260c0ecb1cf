import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbOrTx } from '../../db/client.js';
import { emailOutbox } from '../../db/schema/mail.js';

export interface OutgoingEmail {
  to: string;
  template: string;
  subject: string;
  body: string;
  data?: Record<string, unknown>;
}

/** Written in the caller's transaction: an email exists exactly when the change that caused it commits. */
export async function enqueueEmail(tx: DbOrTx, email: OutgoingEmail): Promise<void> {
  await tx.insert(emailOutbox).values({
    toEmail: email.to,
    template: email.template,
    subject: email.subject,
    body: email.body,
    data: email.data ?? {},
  });
}

export type DeliveryAdapter = (email: OutgoingEmail) => Promise<void>;

/** The development adapter: the email, with its link, goes to the log. */
export function logDelivery(log: FastifyBaseLogger): DeliveryAdapter {
  return async (email) => {
    log.info({ mail: { to: email.to, template: email.template, subject: email.subject, body: email.body } }, 'email (development delivery)');
  };
}

/** Sends pending emails; rows are claimed with SKIP LOCKED so several instances can drain together. */
export async function drainOutbox(db: Db, deliver: DeliveryAdapter, batch = 20): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(emailOutbox)
      .where(isNull(emailOutbox.sentAt))
      .orderBy(asc(emailOutbox.createdAt))
      .limit(batch)
      .for('update', { skipLocked: true });
    let sent = 0;
    for (const row of rows) {
      try {
        await deliver({ to: row.toEmail, template: row.template, subject: row.subject, body: row.body, data: row.data });
        await tx.update(emailOutbox).set({ sentAt: sql`now()`, attempts: sql`${emailOutbox.attempts} + 1` }).where(eq(emailOutbox.id, row.id));
        sent++;
      } catch {
        await tx.update(emailOutbox).set({ attempts: sql`${emailOutbox.attempts} + 1` }).where(and(eq(emailOutbox.id, row.id)));
      }
    }
    return sent;
  });
}
