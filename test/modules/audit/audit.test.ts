import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import pg from 'pg';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../src/db/client.js';
import { auditLog, auditSeals } from '../../../src/db/schema/index.js';
import {
  AUDIT_SEALER_LOCK,
  GENESIS_HASH,
  appendAudit,
  listAudit,
  sealAudit,
  verifyAuditChain,
} from '../../../src/modules/audit/audit.service.js';
import { buildTestApp } from '../../helpers/app.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../../helpers/database.js';

// One database for the file (migrating a fresh PGlite costs seconds); every test uses its own competitions.
const shared: TestDatabase = await createTestDatabase();
t.teardown(() => shared.close());

async function database(_t: Test): Promise<{ db: Db; testDb: TestDatabase }> {
  return { db: shared.database.db, testDb: shared };
}

/** Changes the database as a superuser would, with triggers (append-only, foreign keys) switched off. */
async function tamper(db: Db, statement: SQL): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

async function appendSome(db: Db, competitionId: string, n: number, actorId: string | null = randomUUID()): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await appendAudit(db, {
      competitionId,
      actorId,
      action: 'proposal.submitted',
      subjectType: 'proposal',
      subjectId: randomUUID(),
      data: { revision: i + 1, note: `entry ${i}`, nested: { b: 2, a: [1, 'x', null] } },
    });
    ids.push(id);
  }
  return ids;
}

t.test('appended rows are reported unsealed, then chained per competition by the sealer', async (t) => {
  const { db } = await database(t);
  const competitionA = randomUUID();
  const competitionB = randomUUID();
  const idsA = await appendSome(db, competitionA, 3);
  await appendSome(db, competitionB, 2, null);

  const before = await verifyAuditChain(db, competitionA);
  t.same(before, { valid: true, sealedCount: 0, unsealedCount: 3, headHash: null, headSeq: null });

  const sealed = await sealAudit(db);
  t.same(sealed, { locked: true, sealed: 5, more: false });
  t.same(await sealAudit(db), { locked: true, sealed: 0, more: false }, 'nothing left to seal');

  const afterA = await verifyAuditChain(db, competitionA);
  t.equal(afterA.valid, true);
  t.equal(afterA.sealedCount, 3);
  t.equal(afterA.unsealedCount, 0);
  t.equal(afterA.headSeq, 3);
  t.match(afterA.headHash, /^[0-9a-f]{64}$/);
  const afterB = await verifyAuditChain(db, competitionB);
  t.equal(afterB.headSeq, 2, 'each competition has its own chain');

  const seals = await db.select().from(auditSeals).where(eq(auditSeals.competitionId, competitionA)).orderBy(auditSeals.seq);
  t.same(seals.map((s) => s.auditId), idsA, 'sealed in id order');
  t.equal(seals[0]!.prevHash, GENESIS_HASH);
  t.equal(seals[1]!.prevHash, seals[0]!.hash);

  // Later rows extend the chain from its head.
  const [next] = await appendSome(db, competitionA, 1);
  t.equal((await verifyAuditChain(db, competitionA)).unsealedCount, 1);
  await sealAudit(db);
  const extended = await verifyAuditChain(db, competitionA);
  t.same({ valid: extended.valid, sealedCount: extended.sealedCount, headSeq: extended.headSeq }, { valid: true, sealedCount: 4, headSeq: 4 });
  const [seal4] = await db.select().from(auditSeals).where(eq(auditSeals.auditId, next!));
  t.equal(seal4!.prevHash, afterA.headHash);
});

t.test('sealing works in batches', async (t) => {
  const { db } = await database(t);
  const competitionId = randomUUID();
  await appendSome(db, competitionId, 5);
  t.same(await sealAudit(db, { limit: 2 }), { locked: true, sealed: 2, more: true });
  t.equal((await verifyAuditChain(db, competitionId)).unsealedCount, 3);
  await sealAudit(db, { limit: 2 });
  await sealAudit(db, { limit: 2 });
  const result = await verifyAuditChain(db, competitionId);
  t.same({ valid: result.valid, sealedCount: result.sealedCount, unsealedCount: result.unsealedCount }, { valid: true, sealedCount: 5, unsealedCount: 0 });
});

t.test('the log and its seals refuse UPDATE, DELETE and TRUNCATE', async (t) => {
  const { db } = await database(t);
  const competitionId = randomUUID();
  const [id] = await appendSome(db, competitionId, 1);
  await sealAudit(db);

  // Drizzle wraps the database error; the trigger's message is in its cause.
  const refused = { cause: { message: /is append-only/ } };
  await t.rejects(async () => { await db.update(auditLog).set({ action: 'changed' }).where(eq(auditLog.id, id!)); }, refused);
  await t.rejects(async () => { await db.delete(auditLog).where(eq(auditLog.id, id!)); }, refused);
  await t.rejects(async () => { await db.execute(sql`truncate audit_log cascade`); }, refused);
  await t.rejects(async () => { await db.update(auditSeals).set({ hash: 'x' }).where(eq(auditSeals.auditId, id!)); }, refused);
  await t.rejects(async () => { await db.delete(auditSeals).where(eq(auditSeals.auditId, id!)); }, refused);
  await t.rejects(async () => { await db.execute(sql`truncate audit_seals`); }, refused);

  const [row] = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.id, id!));
  t.equal(row!.action, 'proposal.submitted', 'the row is unchanged');
  t.equal((await verifyAuditChain(db, competitionId)).valid, true);
});

t.test('verification finds a row changed in the database', async (t) => {
  const { db } = await database(t);
  const competitionId = randomUUID();
  const ids = await appendSome(db, competitionId, 4);
  await sealAudit(db);

  await tamper(db, sql`update audit_log set data = jsonb_set(data, '{note}', '"rewritten"') where id = ${ids[2]!}`);
  const result = await verifyAuditChain(db, competitionId);
  t.equal(result.valid, false);
  t.same(result.firstInvalid, { auditId: ids[2], seq: 3, reason: 'hash_mismatch' });
  t.equal(result.sealedCount, 4, 'still counts every seal');
});

t.test('verification finds a timestamp moved by one microsecond and an actor swapped', async (t) => {
  const { db } = await database(t);
  const competitionId = randomUUID();
  const ids = await appendSome(db, competitionId, 3);
  await sealAudit(db);

  await tamper(db, sql`update audit_log set created_at = created_at + interval '1 microsecond' where id = ${ids[1]!}`);
  t.same((await verifyAuditChain(db, competitionId)).firstInvalid, { auditId: ids[1], seq: 2, reason: 'hash_mismatch' });

  const other = randomUUID();
  const competition2 = randomUUID();
  const ids2 = await appendSome(db, competition2, 2);
  await sealAudit(db);
  await tamper(db, sql`update audit_log set actor_id = ${other} where id = ${ids2[0]!}`);
  t.same((await verifyAuditChain(db, competition2)).firstInvalid, { auditId: ids2[0], seq: 1, reason: 'hash_mismatch' });
});

t.test('verification finds a deleted row', async (t) => {
  const { db } = await database(t);
  const competitionId = randomUUID();
  const ids = await appendSome(db, competitionId, 4);
  await sealAudit(db);

  await tamper(db, sql`delete from audit_log where id = ${ids[1]!}`);
  const result = await verifyAuditChain(db, competitionId);
  t.equal(result.valid, false);
  t.same(result.firstInvalid, { auditId: ids[1], seq: 2, reason: 'row_missing' });
});

t.test('verification finds a row deleted together with its seal', async (t) => {
  const { db } = await database(t);
  const competitionId = randomUUID();
  const ids = await appendSome(db, competitionId, 4);
  await sealAudit(db);

  await tamper(db, sql`delete from audit_seals where audit_id = ${ids[1]!}`);
  await tamper(db, sql`delete from audit_log where id = ${ids[1]!}`);
  const result = await verifyAuditChain(db, competitionId);
  t.equal(result.valid, false);
  t.same(result.firstInvalid, { auditId: ids[2], seq: 3, reason: 'seq_gap' });
  t.equal(result.sealedCount, 3);
});

t.test('verification finds reordered and rewritten seals', async (t) => {
  const { db } = await database(t);
  const competitionId = randomUUID();
  const ids = await appendSome(db, competitionId, 4);
  await sealAudit(db);

  // Swap the positions of rows 2 and 3 in the chain.
  await tamper(db, sql`update audit_seals set seq = seq + 1000 where audit_id in (${ids[1]!}, ${ids[2]!})`);
  await tamper(db, sql`update audit_seals set seq = case when seq = 1002 then 3 else 2 end where audit_id in (${ids[1]!}, ${ids[2]!})`);
  const swapped = await verifyAuditChain(db, competitionId);
  t.equal(swapped.valid, false);
  t.same(swapped.firstInvalid, { auditId: ids[2], seq: 2, reason: 'prev_hash_mismatch' });

  const competition2 = randomUUID();
  const ids2 = await appendSome(db, competition2, 3);
  await sealAudit(db);
  // A forger rewrites a row and recomputes only its own seal: the next link breaks.
  await tamper(db, sql`update audit_seals set hash = ${'f'.repeat(64)} where audit_id = ${ids2[1]!}`);
  t.same((await verifyAuditChain(db, competition2)).firstInvalid, { auditId: ids2[1], seq: 2, reason: 'hash_mismatch' });
});

t.test('listAudit pages through a competition with its seals', async (t) => {
  const { db } = await database(t);
  const competitionId = randomUUID();
  const ids = await appendSome(db, competitionId, 5);
  await appendSome(db, randomUUID(), 2);
  await sealAudit(db);
  await appendSome(db, competitionId, 1);

  const first = await listAudit(db, competitionId, { limit: 4 });
  t.same(first.items.map((i) => i.id), ids.slice(0, 4));
  t.ok(first.nextCursor);
  t.match(first.items[0], {
    competitionId,
    action: 'proposal.submitted',
    subjectType: 'proposal',
    data: { revision: 1, nested: { a: [1, 'x', null], b: 2 } },
    seal: { seq: 1, prevHash: GENESIS_HASH },
  });
  t.match(first.items[0]!.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

  const second = await listAudit(db, competitionId, { cursor: first.nextCursor!, limit: 4 });
  t.equal(second.items.length, 2);
  t.equal(second.items[0]!.id, ids[4]);
  t.equal(second.items[1]!.seal, null, 'the newest row is not sealed yet');
  t.equal(second.nextCursor, null);

  await t.rejects(listAudit(db, competitionId, { cursor: 'bm9wZQ' }), { status: 422, code: 'VALIDATION_FAILED' });
});

/** Polls the chain (every 20 ms, at most 5 s) until the background sealer has sealed `count` rows. */
async function waitForSeals(db: Db, competitionId: string, count: number) {
  let result = await verifyAuditChain(db, competitionId);
  for (let i = 0; i < 250 && result.sealedCount < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    result = await verifyAuditChain(db, competitionId);
  }
  return result;
}

t.test('the app seals in the background and stops on close', async (t) => {
  const { app } = await buildTestApp(t, { db: shared, deps: { auditSealIntervalMs: 20 } });
  t.equal(app.auditSealer.runsOn, 'event-loop', 'no server URL of its own (PGlite, or a database handed in): sealed on the event loop');
  const db = app.database.db;
  const competitionId = randomUUID();
  await appendSome(db, competitionId, 3);
  const result = await waitForSeals(db, competitionId, 3);
  t.same({ valid: result.valid, sealedCount: result.sealedCount, unsealedCount: result.unsealedCount }, { valid: true, sealedCount: 3, unsealedCount: 0 });

  await appendSome(db, competitionId, 1);
  const now = await app.auditSealer.sealNow({ wait: true });
  t.equal(now.locked, true);
  t.equal((await verifyAuditChain(db, competitionId)).unsealedCount, 0);
  await app.close();
  t.equal(app.auditSealer.runsOn, 'off');
});

t.test('on PostgreSQL', { skip: testDatabaseUrl ? false : 'needs DATABASE_URL (PostgreSQL)' }, async (t) => {
  t.test('with a server URL the app seals on its own thread, and stops it on close', async (t) => {
    const { app } = await buildTestApp(t, { db: shared, env: { DATABASE_URL: shared.url! }, deps: { auditSealIntervalMs: 20 } });
    t.equal(app.auditSealer.runsOn, 'thread');
    const db = app.database.db;
    const competitionId = randomUUID();
    await appendSome(db, competitionId, 600);
    const result = await waitForSeals(db, competitionId, 600);
    t.same({ valid: result.valid, sealedCount: result.sealedCount, unsealedCount: result.unsealedCount }, { valid: true, sealedCount: 600, unsealedCount: 0 }, 'sealed in batches by the thread');
    await app.close();
    t.equal(app.auditSealer.runsOn, 'off', 'the thread is gone after close');
  });

  t.test('a sealer on another instance holds the lock: this one skips, or waits with `wait`', async (t) => {
    const { db, testDb } = await database(t);
    const competitionId = randomUUID();
    await appendSome(db, competitionId, 2);

    const other = new pg.Client({ connectionString: testDb.url });
    await other.connect();
    t.teardown(() => other.end());
    await other.query('begin');
    await other.query('select pg_advisory_xact_lock($1::bigint)', [AUDIT_SEALER_LOCK]);

    t.same(await sealAudit(db), { locked: false, sealed: 0, more: false });
    const waiting = sealAudit(db, { wait: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await other.query('commit');
    t.same(await waiting, { locked: true, sealed: 2, more: false });
  });

  t.test('50 concurrent appends with concurrent sealers: every row sealed exactly once, chain valid', async (t) => {
    const testDb = await createTestDatabase({ poolSize: 30 });
    t.teardown(() => testDb.close());
    const db = testDb.database.db;
    const competitionId = randomUUID();

    let appending = true;
    const sealers = Array.from({ length: 4 }, async () => {
      let sealed = 0;
      while (appending) {
        sealed += (await sealAudit(db, { limit: 7 })).sealed;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return sealed;
    });
    const appends = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.transaction(async (tx) => {
          const row = await appendAudit(tx, { competitionId, actorId: randomUUID(), action: 'proposal.submitted', subjectType: 'proposal', data: { i } });
          // Hold some transactions open so that ids commit out of order.
          await new Promise((resolve) => setTimeout(resolve, (i * 7) % 13));
          return row.id;
        }),
      ),
    );
    appending = false;
    const sealedByRacers = (await Promise.all(sealers)).reduce((a, b) => a + b, 0);
    let rest = 0;
    for (;;) {
      const r = await sealAudit(db, { wait: true });
      rest += r.sealed;
      if (!r.more) break;
    }
    t.equal(sealedByRacers + rest, 50, 'each row sealed exactly once across sealers');

    const result = await verifyAuditChain(db, competitionId);
    t.same(result, { valid: true, sealedCount: 50, unsealedCount: 0, headHash: result.headHash, headSeq: 50 });
    const seals = await db.select({ auditId: auditSeals.auditId, seq: auditSeals.seq }).from(auditSeals).where(eq(auditSeals.competitionId, competitionId));
    t.same(new Set(seals.map((s) => s.auditId)), new Set(appends));
    t.same(seals.map((s) => s.seq).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
  });
});
