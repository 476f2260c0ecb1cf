import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../db/client.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { ValidationError } from '../../lib/errors.js';
import {
  countUnsealed,
  deletePending,
  insertAuditRow,
  insertSeals,
  lockSealer,
  selectAuditPage,
  selectChainHead,
  selectPendingRows,
  selectSealsWithRows,
  type AuditRow,
  type NewSeal,
} from './audit.queries.js';

export type { AuditRow } from './audit.queries.js';

/** The `prev_hash` of the first seal of every competition's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Advisory lock key held (per transaction) by whichever instance is sealing. */
export const AUDIT_SEALER_LOCK = 7_272_740_001;

export interface AuditEntry {
  competitionId: string;
  /** The user who acted; null for the system (scheduler, jobs). */
  actorId: string | null;
  /** Dotted verb, e.g. `competition.published`, `proposal.submitted`. */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** Details worth keeping (old and new values, reasons); must be JSON. */
  data?: Record<string, unknown>;
}

/**
 * Appends one row to the audit log inside the caller's transaction, so it commits or rolls
 * back with the change it records. A plain INSERT with no lock: chaining happens later in
 * `sealAudit`, so thousands of concurrent submits never queue behind each other here.
 */
export async function appendAudit(tx: DbOrTx, entry: AuditEntry): Promise<{ id: number }> {
  return insertAuditRow(tx, {
    competitionId: entry.competitionId,
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    data: entry.data ?? {},
  });
}

/**
 * For a statement that records many changes at once (proposals' submission writer): the INSERT
 * of their audit rows, reading `source`, a CTE with the columns `competition_id, actor_id,
 * subject_id, data`, all with the given action and subject type. The same row `appendAudit`
 * writes; the sealer chains it later in the same way.
 */
export function auditRowsSql(source: string, action: string, subjectType: string): string {
  if (!/^[a-z_.]+$/.test(action) || !/^[a-z_]+$/.test(subjectType)) throw new Error('audit action and subject type are identifiers');
  return `insert into audit_log (competition_id, actor_id, action, subject_type, subject_id, data)
    select s.competition_id, s.actor_id, '${action}', '${subjectType}', s.subject_id, s.data from ${source} s`;
}

/** The hash a seal at `seq` carries for `row` after `prevHash`; documented in docs/audit.md. */
export function auditSealHash(prevHash: string, seq: number, row: AuditRow): string {
  const content = canonicalJson({
    seq,
    id: row.id,
    competitionId: row.competitionId,
    actorId: row.actorId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    data: row.data,
    createdAt: row.createdAt,
  });
  return createHash('sha256').update(prevHash).update(content).digest('hex');
}

export interface SealResult {
  /** False when another instance holds the sealer lock (nothing was done). */
  locked: boolean;
  sealed: number;
  /** True when the batch was full: more rows may be waiting. */
  more: boolean;
}

/**
 * Chains unsealed rows, in id order per competition, onto each competition's hash chain. One
 * sealer at a time across all instances (transaction-level advisory lock); with `wait` the call
 * queues for the lock instead of giving up, for callers that need everything sealed (results
 * publication reads the head hash right after).
 */
export async function sealAudit(db: DbOrTx, options: { limit?: number; wait?: boolean } = {}): Promise<SealResult> {
  const limit = options.limit ?? 1000;
  return db.transaction(async (tx) => {
    if (!(await lockSealer(tx, AUDIT_SEALER_LOCK, options.wait ?? false))) return { locked: false, sealed: 0, more: false };

    const pending = await selectPendingRows(tx, limit);
    const orphans: number[] = [];
    const byCompetition = new Map<string, AuditRow[]>();
    for (const { pendingId, ...found } of pending) {
      // A queued row can only vanish if someone bypassed the append-only trigger; verification reports it.
      if (found.id === null) {
        orphans.push(pendingId);
        continue;
      }
      const row = found as AuditRow;
      const rows = byCompetition.get(row.competitionId) ?? [];
      rows.push(row);
      byCompetition.set(row.competitionId, rows);
    }

    const seals: NewSeal[] = [];
    for (const [competitionId, rows] of byCompetition) {
      const head = await selectChainHead(tx, competitionId);
      let seq = head?.seq ?? 0;
      let prevHash = head?.hash ?? GENESIS_HASH;
      for (const row of rows) {
        seq += 1;
        const hash = auditSealHash(prevHash, seq, row);
        seals.push({ auditId: row.id, competitionId, seq, prevHash, hash });
        prevHash = hash;
      }
    }
    await insertSeals(tx, seals);
    await deletePending(tx, [...seals.map((s) => s.auditId), ...orphans]);
    return { locked: true, sealed: seals.length, more: pending.length === limit };
  });
}

/**
 * Seals everything pending, in batches of `limit` rows (each its own short transaction, so the
 * sealer lock is never held long), until the queue is empty or another instance holds the lock.
 */
export async function sealAllPending(db: DbOrTx, options: { limit: number; wait: boolean }): Promise<SealResult> {
  const total: SealResult = { locked: true, sealed: 0, more: false };
  // Bounded, so one pass after a rush ends even if writers keep queueing rows as fast as it seals.
  for (let batch = 0; batch < 400; batch++) {
    const result = await sealAudit(db, options);
    total.locked = result.locked;
    total.sealed += result.sealed;
    total.more = result.more;
    if (!result.locked || !result.more) break;
  }
  return total;
}

/** The newest seal of a competition's chain (null before the first), as published results quote it. */
export async function auditChainHead(db: DbOrTx, competitionId: string): Promise<{ seq: number; hash: string } | null> {
  return (await selectChainHead(db, competitionId)) ?? null;
}

export type AuditChainFault = 'seq_gap' | 'prev_hash_mismatch' | 'row_missing' | 'hash_mismatch';

export interface AuditVerification {
  valid: boolean;
  sealedCount: number;
  /** Rows appended but not chained yet; they become verifiable once the sealer has run. */
  unsealedCount: number;
  headHash: string | null;
  headSeq: number | null;
  firstInvalid?: { auditId: number; seq: number; reason: AuditChainFault };
}

/**
 * Recomputes a competition's whole chain from the rows themselves. Detects a changed row
 * (hash), a deleted row (seal without row), a deleted or reordered seal (seq gap, broken link)
 * and a rewritten seal hash. What it cannot see alone is the loss of the newest seals
 * together with their rows: that is what publishing the head hash is for.
 */
export async function verifyAuditChain(db: DbOrTx, competitionId: string): Promise<AuditVerification> {
  const pageSize = 5000;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let sealedCount = 0;
  let head: { seq: number; hash: string } | null = null;
  let firstInvalid: AuditVerification['firstInvalid'];

  let afterSeq = 0;
  for (;;) {
    const page = await selectSealsWithRows(db, competitionId, afterSeq, pageSize);
    for (const { seal, rowId, ...row } of page) {
      sealedCount += 1;
      head = { seq: seal.seq, hash: seal.hash };
      afterSeq = seal.seq;
      if (firstInvalid) continue;
      const fault = checkSeal(seal, rowId, row as AuditRow, expectedSeq, prevHash);
      if (fault) firstInvalid = { auditId: seal.auditId, seq: seal.seq, reason: fault };
      expectedSeq = seal.seq + 1;
      prevHash = seal.hash;
    }
    if (page.length < pageSize) break;
  }

  const unsealedCount = await countUnsealed(db, competitionId);
  return {
    valid: firstInvalid === undefined,
    sealedCount,
    unsealedCount,
    headHash: head?.hash ?? null,
    headSeq: head?.seq ?? null,
    ...(firstInvalid ? { firstInvalid } : {}),
  };
}

function checkSeal(
  seal: { seq: number; prevHash: string; hash: string },
  rowId: number | null,
  row: AuditRow,
  expectedSeq: number,
  prevHash: string,
): AuditChainFault | undefined {
  if (seal.seq !== expectedSeq) return 'seq_gap';
  if (seal.prevHash !== prevHash) return 'prev_hash_mismatch';
  if (rowId === null) return 'row_missing';
  if (auditSealHash(prevHash, seal.seq, row) !== seal.hash) return 'hash_mismatch';
  return undefined;
}

export interface AuditListEntry extends AuditRow {
  seal: { seq: number; hash: string; prevHash: string; sealedAt: string } | null;
}

export interface AuditPage {
  items: AuditListEntry[];
  nextCursor: string | null;
}

/** A competition's audit log, oldest first, with each row's seal once it has one. */
export async function listAudit(
  db: DbOrTx,
  competitionId: string,
  options: { cursor?: string | undefined; limit?: number | undefined } = {},
): Promise<AuditPage> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 100);
  const afterId = options.cursor ? decodeAuditCursor(options.cursor) : 0;
  const rows = await selectAuditPage(db, competitionId, afterId, limit + 1);
  const items = rows.slice(0, limit).map(({ sealSeq, sealHash, sealPrevHash, sealedAt, ...row }) => ({
    ...row,
    seal:
      sealSeq === null
        ? null
        : { seq: sealSeq, hash: sealHash!, prevHash: sealPrevHash!, sealedAt: sealedAt!.toISOString() },
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeAuditCursor(last.id) : null };
}

function encodeAuditCursor(id: number): string {
  return Buffer.from(`audit:${id}`).toString('base64url');
}

function decodeAuditCursor(cursor: string): number {
  const match = /^audit:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ValidationError([{ field: 'cursor', message: 'is not a cursor this list returned', code: 'invalid_cursor', in: 'querystring' }]);
  return Number(match[1]);
}
