import t from 'tap';
import { sql } from 'drizzle-orm';
import { buildFeatureApp } from '../../helpers/app.js';
import { createTestDatabase, testDatabaseUrl } from '../../helpers/database.js';
import { createDraft, moveWindow, openCompetition, submit } from '../../helpers/competitions.js';
import { insertApplicants } from '../../helpers/factories.js';

// A real pool, so that transactions really run side by side on PostgreSQL.
const database = await createTestDatabase({ poolSize: 30 });
const { app } = await buildFeatureApp(t, { db: database });
t.teardown(() => database.close());

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

t.test('the quota holds when two proposals of one applicant are submitted at once', async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: { minTeamSize: 1, maxTeamSize: 3, maxProposalsPerApplicant: 1 } });
  const applicants = await insertApplicants(app, 10);
  const outcomes = await Promise.all(
    applicants.map(async (applicant) => {
      const [a, b] = [await createDraft(app, applicant, competitionId), await createDraft(app, applicant, competitionId)];
      const results = await Promise.all([submit(app, applicant, a.id), submit(app, applicant, b.id)]);
      return results.map((r) => r.statusCode).sort();
    }),
  );
  for (const statuses of outcomes) t.same(statuses, [201, 422], 'exactly one of the two is accepted');
  const [count] = rows<{ n: number; applicants: number }>(
    await app.database.db.execute(
      sql`select count(*)::int as n, count(distinct applicant_id)::int as applicants from proposals where competition_id = ${competitionId} and status = 'submitted'`,
    ),
  );
  t.same(count, { n: 10, applicants: 10 }, 'one submitted proposal per applicant in the database');
});

t.test('the quota holds on the one-statement path too (rules already frozen), and the counters match the proposals', async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: { minTeamSize: 1, maxTeamSize: 3, maxProposalsPerApplicant: 1 } });
  const [first, ...applicants] = await insertApplicants(app, 9);
  // Someone else's submission freezes the rules: every submit below can take the one-statement path.
  t.equal((await submit(app, first!, (await createDraft(app, first!, competitionId)).id)).statusCode, 201);
  const drafts = await Promise.all(applicants.map(async (a) => [await createDraft(app, a, competitionId), await createDraft(app, a, competitionId)] as const));
  const outcomes = await Promise.all(
    applicants.map(async (applicant, i) => {
      const results = await Promise.all(drafts[i]!.map((d) => submit(app, applicant, d.id)));
      return results.map((r) => r.statusCode).sort();
    }),
  );
  for (const statuses of outcomes) t.same(statuses, [201, 422], 'exactly one of the two is accepted');
  // Withdrawing frees the slot: the other draft can then be submitted.
  const applicant = applicants[0]!;
  const submittedFirst = (await app.inject({ method: 'GET', url: `/v1/proposals/${drafts[0]![0].id}`, headers: applicant.auth })).json().status === 'submitted';
  const [done, other] = submittedFirst ? drafts[0]! : [drafts[0]![1], drafts[0]![0]];
  t.equal((await app.inject({ method: 'POST', url: `/v1/proposals/${done.id}/withdraw`, headers: applicant.auth })).statusCode, 200);
  t.equal((await submit(app, applicant, other.id)).statusCode, 201, 'the freed slot is used');
  t.equal((await submit(app, applicant, done.id)).statusCode, 409, 'a withdrawn proposal stays withdrawn');

  const mismatches = rows<{ applicant_id: string }>(
    await app.database.db.execute(sql`
      select coalesce(p.applicant_id, c.applicant_id) as applicant_id
      from (select applicant_id, count(*)::int as n from proposals where competition_id = ${competitionId} and status = 'submitted' group by 1) p
      full join (select applicant_id, submitted as n from applicant_submission_counts where competition_id = ${competitionId} and submitted > 0) c
        on c.applicant_id = p.applicant_id
      where p.n is distinct from c.n`),
  );
  t.same(mismatches, [], 'each counter equals the applicant’s submitted proposals');
});

// On PostgreSQL the submits run side by side on a pool of 30; on PGlite they queue for its one
// connection, which still races the closing instant: each write takes now() when its turn comes.
t.test(`60 applicants submit across the closing instant: none accepted after it, none lost (${testDatabaseUrl ? 'PostgreSQL, pool of 30' : 'PGlite, one connection'})`, async (t) => {
  const N = 60;
  const { competitionId } = await openCompetition(app);
  const applicants = await insertApplicants(app, N);
  const drafts = await Promise.all(applicants.map((a) => createDraft(app, a, competitionId)));
  await moveWindow(app, competitionId, { closesInSeconds: 3 });

  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  interface Accepted {
    proposalId: string;
    revision: number;
    receivedAt: string;
  }
  const accepted: Accepted[] = [];
  const unchanged: Accepted[] = [];
  const statuses = new Map<number, number>();
  const closedBodies: Array<{ closesAt: string }> = [];

  // Each applicant submits again and again until the competition says it is closed, then tries twice more.
  await Promise.all(
    applicants.map(async (applicant, i) => {
      const proposalId = drafts[i]!.id;
      let afterClose = 0;
      for (let attempt = 0; attempt < 5000 && afterClose < 3; attempt++) {
        const res = await fetch(`${address}/v1/proposals/${proposalId}/submit`, { method: 'POST', headers: applicant.auth });
        const body = (await res.json()) as { receipt?: Accepted; code?: string; closesAt?: string };
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 201) accepted.push({ proposalId, revision: body.receipt!.revision, receivedAt: body.receipt!.receivedAt });
        // An identical resubmit stores nothing: 200 with the current revision's receipt.
        else if (res.status === 200) unchanged.push({ proposalId, revision: body.receipt!.revision, receivedAt: body.receipt!.receivedAt });
        else if (res.status === 409 && body.code === 'COMPETITION_CLOSED') {
          afterClose++;
          closedBodies.push({ closesAt: body.closesAt! });
        } else throw new Error(`unexpected ${res.status}: ${JSON.stringify(body)}`);
      }
    }),
  );
  t.comment(`responses by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
  t.ok(accepted.length > 0, `${accepted.length} submits were accepted before the close`);
  t.ok(closedBodies.length >= N * 3, 'every applicant hit the closed competition');

  const [deadline] = rows<{ closesAt: string }>(
    await app.database.db.execute(sql`select to_char(closes_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "closesAt" from competitions where id = ${competitionId}`),
  );
  const closesAt = deadline!.closesAt;
  t.ok(closedBodies.every((b) => new Date(b.closesAt).getTime() === new Date(closesAt).getTime()), 'every refusal states the closing instant');

  const [late] = rows<{ n: number }>(
    await app.database.db.execute(
      sql`select count(*)::int as n from proposal_revisions where competition_id = ${competitionId} and received_at >= (select closes_at from competitions where id = ${competitionId})`,
    ),
  );
  t.equal(late!.n, 0, 'no stored revision was received at or after the deadline');
  t.ok([...accepted, ...unchanged].every((a) => a.receivedAt < closesAt), 'every 2xx quotes a receipt time before the deadline');

  const stored = rows<{ proposalId: string; revision: number; receivedAt: string }>(
    await app.database.db.execute(
      sql`select proposal_id as "proposalId", revision, to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "receivedAt"
          from proposal_revisions where competition_id = ${competitionId}`,
    ),
  );
  t.equal(stored.length, accepted.length, 'as many stored revisions as 201 responses');
  const storedByKey = new Map(stored.map((s) => [`${s.proposalId}/${s.revision}`, s.receivedAt]));
  const lost = accepted.filter((a) => storedByKey.get(`${a.proposalId}/${a.revision}`) !== a.receivedAt);
  t.equal(lost.length, 0, 'every 201 has its stored revision, with the same received-at');
  t.ok(unchanged.every((a) => storedByKey.get(`${a.proposalId}/${a.revision}`) === a.receivedAt), 'every 200 quotes a stored revision');
});
