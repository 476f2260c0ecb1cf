import type { FastifyBaseLogger } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import * as queries from './mail.queries.js';
import { TEMPLATES, type MailText, type TemplateName } from './mail.templates.js';

export { mailText, plainText, TEMPLATES, type MailText, type TemplateName } from './mail.templates.js';

export interface OutgoingEmail {
  to: string;
  template: TemplateName;
  /** Built with `mailText`, so user text in it is plain; the subject is the template's own. */
  body: MailText;
  /** Kept with the row for tests and operators; never logged. */
  data?: Record<string, unknown>;
}

export interface EnqueueResult {
  /** False when the recipient's hourly cap for this template dropped the email (`overCap: 'drop'` templates). */
  queued: boolean;
}

/** An address as our own schemas accept it: one line, one `@`; anything else is a caller's bug, not user input. */
const ADDRESS = /^[^\s@\p{Cc}\p{Cf}<>",;]+@[^\s@\p{Cc}\p{Cf}<>",;]+$/u;

/**
 * Written in the caller's transaction: an email exists exactly when the change that caused it
 * commits. At most `perRecipientPerHour` emails of a template reach one inbox in an hour:
 * enqueues to an inbox are serialised by an advisory lock held to the end of the transaction,
 * then counted, so concurrent requests cannot overshoot.
 */
export async function enqueueEmail(tx: DbOrTx, email: OutgoingEmail): Promise<EnqueueResult> {
  if (!('rollback' in tx)) return tx.transaction((own) => enqueueEmail(own, email));
  if (!ADDRESS.test(email.to)) throw new Error(`enqueueEmail: not a plain address for template ${email.template}`);
  const template = TEMPLATES[email.template];
  await queries.lockRecipient(tx, email.to, email.template);
  const recent = await queries.countRecentToRecipient(tx, email.to, email.template);
  if (recent.count >= template.perRecipientPerHour) {
    if (template.overCap === 'drop') return { queued: false };
    const retryAfter = String(Math.max(1, recent.retryAfterSeconds ?? 3600));
    throw new AppError(429, 'RECIPIENT_EMAIL_LIMIT', 'This address has received as many of these emails as it may in an hour; try again later', {}, { 'retry-after': retryAfter });
  }
  await queries.insertEmail(tx, { to: email.to, template: email.template, subject: template.subject, body: email.body, data: email.data ?? {} });
  return { queued: true };
}

/** What a delivery adapter is handed: the outbox id (a stable Message-ID) and the stored email. */
export interface DeliverableEmail {
  id: string;
  to: string;
  template: string;
  subject: string;
  body: string;
}

export interface DeliveryAdapter {
  send(email: DeliverableEmail): Promise<void>;
  close?(): Promise<void>;
}

/** A failed delivery, described without secrets; `permanent` when retrying the same message cannot help. */
export class DeliveryError extends Error {
  constructor(
    readonly summary: string,
    readonly permanent: boolean,
  ) {
    super(summary);
    this.name = 'DeliveryError';
  }
}

/**
 * The development adapter: the email, with its link, goes to the log. With `revealContent` off
 * (production, should it ever be wired there) only the id and template are written.
 */
export function logDelivery(log: FastifyBaseLogger, options: { revealContent: boolean }): DeliveryAdapter {
  return {
    async send(email) {
      if (options.revealContent) {
        log.info({ mail: { id: email.id, to: email.to, template: email.template, subject: email.subject, body: email.body } }, 'email (development delivery)');
      } else {
        log.warn({ mail: { id: email.id, template: email.template } }, 'email not delivered: no SMTP_URL (content withheld)');
      }
    },
  };
}

export interface DrainSettings {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Hard bound on one message; a send still running then counts as a transient failure. */
  sendTimeoutMs: number;
  batchSize?: number;
  concurrency?: number;
  random?: () => number;
}

/** Exponential backoff with equal jitter: attempt n waits between half and all of min(max, base·2^(n-1)). */
export function retryDelayMs(attempt: number, settings: Pick<DrainSettings, 'retryBaseMs' | 'retryMaxMs' | 'random'>): number {
  const ceiling = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + ((settings.random ?? Math.random)() * ceiling) / 2);
}

export interface DrainResult {
  sent: number;
  retried: number;
  dead: number;
}

function describe(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const code = (err as { code?: unknown }).code;
  return new DeliveryError(typeof code === 'string' ? code : err instanceof Error ? err.name : 'unknown error', false);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeliveryError(`send timed out after ${ms} ms`, false)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One pass: claim due rows (SKIP LOCKED, oldest due first), send them outside any transaction,
 * mark each sent, retried later or dead. Delivery is at least once: a process that dies after
 * the server accepted a message but before `markSent` sends it again when the lease ends (with
 * the same Message-ID).
 */
export async function drainOutbox(db: DbOrTx, adapter: DeliveryAdapter, settings: DrainSettings, log?: FastifyBaseLogger): Promise<DrainResult> {
  const batchSize = settings.batchSize ?? 10;
  const concurrency = settings.concurrency ?? 2;
  // Long enough for the whole batch at the worst each send may take, so no other drainer re-claims a row being sent.
  const leaseMs = settings.sendTimeoutMs * Math.ceil(batchSize / concurrency) + 30_000;
  const rows = await queries.claimDue(db, batchSize, leaseMs);
  const result: DrainResult = { sent: 0, retried: 0, dead: 0 };
  let next = 0;
  async function worker() {
    for (let row = rows[next++]; row; row = rows[next++]) {
      const email = { id: row.id, template: row.template, attempts: row.attempts };
      if (row.attempts > settings.maxAttempts) {
        // Claimed again after its last attempt was interrupted (a crash mid-send).
        await queries.markDead(db, row.id, 'interrupted after the last attempt');
        log?.warn({ email: { ...email, lastError: 'interrupted' } }, 'email dead-lettered');
        result.dead++;
        continue;
      }
      try {
        await withTimeout(adapter.send({ id: row.id, to: row.toEmail, template: row.template, subject: row.subject, body: row.body }), settings.sendTimeoutMs);
        await queries.markSent(db, row.id);
        result.sent++;
      } catch (err) {
        const failure = describe(err);
        const lastError = failure.summary.slice(0, 200);
        if (failure.permanent || row.attempts >= settings.maxAttempts) {
          await queries.markDead(db, row.id, lastError);
          log?.warn({ email: { ...email, lastError, permanent: failure.permanent } }, 'email dead-lettered');
          result.dead++;
        } else {
          const delayMs = retryDelayMs(row.attempts, settings);
          await queries.markRetry(db, row.id, delayMs, lastError);
          log?.info({ email: { ...email, lastError, retryInMs: delayMs } }, 'email delivery failed; will retry');
          result.retried++;
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  return result;
}

/** Emails waiting to be delivered and emails given up on (operators' metrics; docs/operations.md). */
export function outboxCounts(db: DbOrTx): Promise<{ pending: number; dead: number }> {
  return queries.countOutbox(db);
}
