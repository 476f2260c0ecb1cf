import { sql } from 'drizzle-orm';
import t from 'tap';
import { alongside, current, transaction } from '../../src/db/unit-of-work.js';
import { sharedTestDatabase } from '../helpers/app.js';

// `alongside`: a read beside the ambient transaction's write. On PostgreSQL (a pool) the read runs
// on another connection at the same time and sees what is committed, not the transaction's own
// writes; on PGlite it runs first, inside the transaction. Either way a failure of one side waits
// for the other and rolls the transaction back.

const { database } = await sharedTestDatabase();
const db = database.db;
await db.execute(sql`create table if not exists uow_probe (n int not null)`);
t.teardown(() => db.execute(sql`drop table if exists uow_probe`));

const count = async () => Number(((await current(db).execute(sql`select count(*)::int as n from uow_probe`)) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);
const backendPid = async () => Number(((await current(db).execute(sql`select pg_backend_pid() as pid`)) as unknown as { rows: Array<{ pid: number }> }).rows[0]!.pid);

t.beforeEach(() => db.execute(sql`delete from uow_probe`));

t.test('the read sees the state before the write, and the write commits with the transaction', async (t) => {
  await db.execute(sql`insert into uow_probe values (1)`);
  const [seen, written] = await transaction(db, async (tx) => {
    const txPid = await backendPid();
    return alongside(
      db,
      async () => ({ rows: await count(), elsewhere: (await backendPid()) !== txPid }),
      async () => {
        await tx.execute(sql`insert into uow_probe values (2), (3)`);
        return count();
      },
    );
  });
  t.equal(seen.rows, 1, 'the read does not see the transaction’s own rows');
  t.equal(written, 3, 'the write does');
  t.equal(seen.elsewhere, database.kind === 'postgres', database.kind === 'postgres' ? 'on PostgreSQL the read runs on another connection' : 'on PGlite on the only one');
  t.equal(await count(), 3, 'committed');
});

t.test('a failed read rolls the write back, after the write has finished', async (t) => {
  let writeFinished = false;
  await t.rejects(
    transaction(db, (tx) =>
      alongside(
        db,
        async () => {
          throw new Error('facts changed');
        },
        async () => {
          await tx.execute(sql`insert into uow_probe select generate_series(1, 1000)`);
          writeFinished = true;
        },
      ),
    ),
    { message: 'facts changed' },
  );
  t.equal(writeFinished, database.kind === 'postgres', database.kind === 'postgres' ? 'the write ran to its end before the rollback' : 'on PGlite the write never started');
  t.equal(await count(), 0, 'nothing stays');
});

t.test('a failed write is thrown once the read has settled', async (t) => {
  let readFinished = false;
  await t.rejects(
    transaction(db, (tx) =>
      alongside(
        db,
        async () => {
          await count();
          readFinished = true;
        },
        () => tx.execute(sql`insert into uow_probe values (null)`),
      ),
    ),
    { message: /Failed query: insert into uow_probe/, cause: { message: /null value/ } },
  );
  t.ok(readFinished, 'the read finished');
  t.equal(await count(), 0);
});
