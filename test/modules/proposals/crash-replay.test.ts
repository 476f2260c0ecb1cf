/**
 * The idempotency record of a submit commits in the transaction of the submission itself, so a
 * process that dies between that commit and its answer loses nothing: the client's same-key
 * retry, on any instance, gets the original 201 and receipt. (The death is simulated: the first
 * instance fails after the commit, while sending, so the client never sees the 201.)
 */
import t from 'tap';
import { eq, sql } from 'drizzle-orm';
import { proposalRevisions } from '../../../src/db/schema/proposals.js';
import { createUser } from '../../helpers/factories.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { createDraft, openCompetition, submit } from '../../helpers/competitions.js';

const { app: first, db } = await buildFeatureApp(t, {
  beforeReady: (app) => {
    app.addHook('onSend', async (request) => {
      if (request.headers['x-test-die-after-commit'] === 'yes') throw new Error('the instance died before answering');
    });
  },
});
// A second instance on the same database, as behind a load balancer (its own signing secret in
// tests, so callers get a token of its own).
const { app: second } = await buildFeatureApp(t, { db });
const onSecond = (user: { id: string }) => {
  const token = second.signAccessToken({ sub: user.id });
  return { ...user, accessToken: token, auth: { authorization: `Bearer ${token}` } };
};

t.test('a same-key retry after the instance died between commit and answer returns the original receipt', async (t) => {
  const { competitionId } = await openCompetition(first);
  const applicant = await createUser(first);
  const draft = await createDraft(first, applicant, competitionId);

  const lost = await submit(first, applicant, draft.id, { 'idempotency-key': 'rush-1', 'x-test-die-after-commit': 'yes' });
  t.equal(lost.statusCode, 500, 'the client never got its 201');
  const stored = await first.database.db.select().from(proposalRevisions).where(eq(proposalRevisions.proposalId, draft.id));
  t.equal(stored.length, 1, 'but the submission was committed');

  const retry = await submit(second, onSecond(applicant) as typeof applicant, draft.id, { 'idempotency-key': 'rush-1' });
  t.equal(retry.statusCode, 201, 'the retry on another instance answers 201');
  t.equal(retry.headers['idempotent-replayed'], 'true', 'replayed, not run again');
  const receipt = retry.json().receipt;
  t.equal(receipt.revision, 1);
  t.equal(receipt.contentHash, stored[0]!.contentHash, 'the receipt of the stored revision');
  const revision = await second.inject({ url: `/v1/proposals/${draft.id}/revisions/1`, headers: onSecond(applicant).auth });
  t.same(revision.json().receipt, receipt, 'the same signed receipt the revision carries');
  t.equal((await first.database.db.select().from(proposalRevisions).where(eq(proposalRevisions.proposalId, draft.id))).length, 1, 'no second revision');
});

t.test('a submit whose transaction never committed leaves no key behind: the retry runs again', async (t) => {
  const { competitionId } = await openCompetition(first);
  const applicant = await createUser(first);
  const draft = await createDraft(first, applicant, competitionId);
  // A failure inside the transaction (here: the database refuses the statement) rolls the record back with the write.
  await first.database.db.execute(sql.raw(`alter table proposal_revisions add constraint crash_test_no_revisions check (revision < 0) not valid`));
  try {
    const failed = await submit(first, applicant, draft.id, { 'idempotency-key': 'never-2' });
    t.equal(failed.statusCode, 500, 'the write failed');
  } finally {
    await first.database.db.execute(sql.raw(`alter table proposal_revisions drop constraint crash_test_no_revisions`));
  }
  const keys = await first.database.db.execute(sql.raw(`select count(*)::int as n from idempotency_keys where key = 'never-2'`));
  t.same((keys as unknown as { rows: unknown[] }).rows, [{ n: 0 }], 'no key was left behind');
  const again = await submit(second, onSecond(applicant) as typeof applicant, draft.id, { 'idempotency-key': 'never-2' });
  t.equal(again.statusCode, 201, 'the retry runs and stores the submission');
  t.notOk(again.headers['idempotent-replayed']);
});

