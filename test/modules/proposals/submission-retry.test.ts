/**
 * The one submission writer when its store statement finds that something changed since the read
 * (forced here: the competitions guard is wrapped so that it refuses a given number of times). The
 * submit reads again and tries again; past `SUBMIT_ATTEMPTS` it answers 409 SUBMISSION_CONFLICT.
 */
import t from 'tap';
import { eq, sql } from 'drizzle-orm';
import { applicantSubmissionCounts, proposalRevisions } from '../../../src/db/schema/proposals.js';
import { createSubmissions, SUBMIT_ATTEMPTS } from '../../../src/modules/proposals/submission.service.js';
import { createServices, submissionSql } from '../../../src/services.js';
import { createUser } from '../../helpers/factories.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { createDraft, openCompetition, submit } from '../../helpers/competitions.js';

const { app } = await buildFeatureApp(t);
const db = app.database.db;
const services = createServices({ config: app.config, database: app.database, signAccessToken: app.signAccessToken });

/** A submission writer whose guard refuses the first `refusals` statements (a sequence counts them). */
async function writerRefusing(refusals: number) {
  const sequence = `guard_calls_${Math.random().toString(36).slice(2, 10)}`;
  await db.execute(sql.raw(`create sequence ${sequence}`));
  const parts = submissionSql(services);
  const submissions = createSubmissions({
    db,
    access: services.access,
    competitions: services.competitions,
    receipts: services.receipts,
    sql: { ...parts, submissionGuard: (input) => `select g.* from (${parts.submissionGuard(input)}) g where nextval('${sequence}') > ${refusals}` },
  });
  const calls = async () => {
    const result = (await db.execute(sql.raw(`select last_value::int as n from ${sequence}`))) as unknown as { rows: Array<{ n: number }> };
    return result.rows[0]!.n;
  };
  return { submissions, calls };
}

async function draftFor() {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);
  return { applicant, draft, competitionId, actor: { userId: applicant.id, isAdmin: false } };
}

t.test('a store that finds a change reads again and stores on the next attempt', async (t) => {
  const { draft, actor } = await draftFor();
  const { submissions, calls } = await writerRefusing(1);
  const result = await submissions.submit(actor, draft.id, undefined);
  t.equal(result.submitted.revision, 1);
  t.equal(result.receipt.revision, 1);
  t.equal(await calls(), 2, 'two store statements: refused once, then stored');
  const revisions = await db.select().from(proposalRevisions).where(eq(proposalRevisions.proposalId, draft.id));
  t.equal(revisions.length, 1);
  t.equal(revisions[0]!.contentHash, result.submitted.contentHash);
});

t.test('a store that keeps finding changes gives up with 409 SUBMISSION_CONFLICT and stores nothing', async (t) => {
  const { draft, actor, competitionId, applicant } = await draftFor();
  const { submissions, calls } = await writerRefusing(1_000);
  await t.rejects(submissions.submit(actor, draft.id, undefined), { status: 409, code: 'SUBMISSION_CONFLICT', headers: { 'retry-after': '1' } });
  t.equal(await calls(), SUBMIT_ATTEMPTS, `tried ${SUBMIT_ATTEMPTS} times`);
  t.same(await db.select().from(proposalRevisions).where(eq(proposalRevisions.proposalId, draft.id)), [], 'no revision');
  const counters = await db.select().from(applicantSubmissionCounts).where(eq(applicantSubmissionCounts.applicantId, applicant.id));
  t.ok(counters.every((c) => c.competitionId !== competitionId || c.submitted === 0), 'the quota was not taken');
});

t.test('one submission the database refuses does not sink the others stored by the same statement', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicants = await Promise.all([1, 2, 3].map(() => createUser(app)));
  const drafts = await Promise.all(applicants.map((a) => createDraft(app, a, competitionId)));
  const bad = drafts[1]!.id;
  // The database refuses this one proposal's revision: the batch statement fails as a whole.
  await db.execute(sql.raw(`alter table proposal_revisions add constraint retry_test_refuses check (proposal_id <> '${bad}') not valid`));
  try {
    const answers = await Promise.all(drafts.map((d, i) => submit(app, applicants[i]!, d.id)));
    t.same(
      answers.map((a) => a.statusCode),
      [201, 500, 201],
      'the others are stored, each retried alone',
    );
  } finally {
    await db.execute(sql.raw('alter table proposal_revisions drop constraint retry_test_refuses'));
  }
  for (const [i, d] of drafts.entries()) {
    const revisions = await db.select().from(proposalRevisions).where(eq(proposalRevisions.proposalId, d.id));
    t.equal(revisions.length, i === 1 ? 0 : 1, i === 1 ? 'nothing stored for the refused one' : 'stored');
  }
});
