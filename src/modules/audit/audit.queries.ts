import { and, asc, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, auditPending, auditSeals } from '../../db/schema/audit.js';

/** `created_at` exactly as stored (microseconds, UTC), so hashing loses nothing to JS dates. */
const createdAtIso = sql<string>`to_char(${auditLog.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The columns of an audit row that its seal hashes. */
export const auditRowColumns = {
  id: auditLog.id,
  competitionId: auditLog.competitionId,
  actorId: auditLog.actorId,
  action: auditLog.action,
  subjectType: auditLog.subjectType,
  subjectId: auditLog.subjectId,
  data: auditLog.data,
  createdAt: createdAtIso,
};

export interface AuditRow {
  id: number;
  competitionId: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: Record<string, unknown>;
  /** ISO-8601 in UTC with microseconds. */
  createdAt: string;
}

export type NewAuditRow = Omit<AuditRow, 'id' | 'createdAt'>;

export async function insertAuditRow(db: DbOrTx, row: NewAuditRow): Promise<{ id: number }> {
  const [inserted] = await db.insert(auditLog).values(row).returning({ id: auditLog.id });
  return inserted!;
}

/** Pending rows in id order; `id` is null where the queued row no longer exists. */
export async function selectPendingRows(db: DbOrTx, limit: number) {
  return db
    .select({ pendingId: auditPending.auditId, ...auditRowColumns })
    .from(auditPending)
    .leftJoin(auditLog, eq(auditLog.id, auditPending.auditId))
    .orderBy(asc(auditPending.auditId))
    .limit(limit);
}

export async function deletePending(db: DbOrTx, auditIds: number[]): Promise<void> {
  if (auditIds.length === 0) return;
  // One array parameter, however many rows: a deadline rush seals thousands per pass.
  await db.delete(auditPending).where(sql`${auditPending.auditId} = any(${sql.param(auditIds)}::bigint[])`);
}

export async function selectChainHead(db: DbOrTx, competitionId: string): Promise<{ seq: number; hash: string } | undefined> {
  const [head] = await db
    .select({ seq: auditSeals.seq, hash: auditSeals.hash })
    .from(auditSeals)
    .where(eq(auditSeals.competitionId, competitionId))
    .orderBy(desc(auditSeals.seq))
    .limit(1);
  return head;
}

export interface NewSeal {
  auditId: number;
  competitionId: string;
  seq: number;
  prevHash: string;
  hash: string;
}

export async function insertSeals(db: DbOrTx, seals: NewSeal[]): Promise<void> {
  if (seals.length === 0) return;
  // Five array parameters instead of five per row: building a multi-row VALUES list for thousands
  // of seals cost the API more CPU than the rest of the sealing.
  const column = <T>(pick: (s: NewSeal) => T) => sql.param(seals.map(pick));
  await db.execute(sql`
    insert into ${auditSeals} (audit_id, competition_id, seq, prev_hash, hash)
    select * from unnest(${column((s) => s.auditId)}::bigint[], ${column((s) => s.competitionId)}::uuid[], ${column((s) => s.seq)}::int[],
                         ${column((s) => s.prevHash)}::text[], ${column((s) => s.hash)}::text[])`);
}

/** One page of a competition's chain in seq order, each seal with its row (null fields if the row is gone). */
export async function selectSealsWithRows(db: DbOrTx, competitionId: string, afterSeq: number, limit: number) {
  return db
    .select({
      seal: {
        auditId: auditSeals.auditId,
        seq: auditSeals.seq,
        prevHash: auditSeals.prevHash,
        hash: auditSeals.hash,
      },
      rowId: auditLog.id,
      ...auditRowColumns,
    })
    .from(auditSeals)
    .leftJoin(auditLog, eq(auditLog.id, auditSeals.auditId))
    .where(and(eq(auditSeals.competitionId, competitionId), gt(auditSeals.seq, afterSeq)))
    .orderBy(asc(auditSeals.seq))
    .limit(limit);
}

export async function countUnsealed(db: DbOrTx, competitionId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .leftJoin(auditSeals, eq(auditSeals.auditId, auditLog.id))
    .where(and(eq(auditLog.competitionId, competitionId), isNull(auditSeals.auditId)));
  return row?.n ?? 0;
}

export async function selectAuditPage(db: DbOrTx, competitionId: string, afterId: number, limit: number) {
  return db
    .select({
      ...auditRowColumns,
      sealSeq: auditSeals.seq,
      sealHash: auditSeals.hash,
      sealPrevHash: auditSeals.prevHash,
      sealedAt: auditSeals.sealedAt,
    })
    .from(auditLog)
    .leftJoin(auditSeals, eq(auditSeals.auditId, auditLog.id))
    .where(and(eq(auditLog.competitionId, competitionId), gt(auditLog.id, afterId)))
    .orderBy(asc(auditLog.id))
    .limit(limit);
}

/** Transaction-level advisory lock: released by commit or rollback, so a crashed sealer never blocks. */
export async function lockSealer(db: DbOrTx, key: number, wait: boolean): Promise<boolean> {
  if (wait) {
    await db.execute(sql`select pg_advisory_xact_lock(${key}::bigint)`);
    return true;
  }
  const result = await db.execute(sql`select pg_try_advisory_xact_lock(${key}::bigint) as locked`);
  return rowsOf<{ locked: boolean }>(result)[0]?.locked === true;
}

/** `execute` returns `{ rows }` on both drivers; keep the cast in one place. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
