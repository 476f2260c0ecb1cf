import t from 'tap';
import { eq, sql } from 'drizzle-orm';
import { proposalRevisions } from '../../../src/db/schema/index.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { competitionWithSubmittedProposals, createDraft, grantExtension, moveWindow, openCompetition, startJudging, submit } from '../../helpers/competitions.js';
import { createUser, emailToken } from '../../helpers/factories.js';

const { app } = await buildFeatureApp(t);

t.test('after the deadline nothing can be created, edited, submitted, withdrawn or changed', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const submitted = await createDraft(app, applicant, competitionId);
  t.equal((await submit(app, applicant, submitted.id)).statusCode, 201);
  const draft = await createDraft(app, applicant, competitionId);
  const invitee = await createUser(app);
  const invited = await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/members`, headers: applicant.auth, payload: { email: invitee.email } });
  t.equal(invited.statusCode, 201);

  await moveWindow(app, competitionId, { closesInSeconds: -1 });
  const result = await app.database.db.execute(sql`select to_json(closes_at) #>> '{}' as "closesAt" from competitions where id = ${competitionId}`);
  const { closesAt } = (result as unknown as { rows: Array<{ closesAt: string }> }).rows[0]!;

  const attempts = {
    create: await app.inject({ method: 'POST', url: `/v1/competitions/${competitionId}/proposals`, headers: applicant.auth, payload: {} }),
    edit: await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: applicant.auth, payload: { title: 'Too late' } }),
    submit: await submit(app, applicant, draft.id),
    resubmit: await submit(app, applicant, submitted.id),
    withdraw: await app.inject({ method: 'POST', url: `/v1/proposals/${submitted.id}/withdraw`, headers: applicant.auth }),
    invite: await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/members`, headers: applicant.auth, payload: { email: 'late@example.org' } }),
    accept: await app.inject({
      method: 'POST',
      url: '/v1/proposal-invitations/accept',
      headers: invitee.auth,
      payload: { token: await emailToken(app, invitee.email, 'proposal_invitation') },
    }),
    upload: await app.inject({
      method: 'POST',
      url: `/v1/proposals/${draft.id}/attachments?filename=a.txt`,
      headers: { ...applicant.auth, 'content-type': 'text/plain' },
      payload: 'hello',
    }),
  };
  for (const [name, res] of Object.entries(attempts)) {
    t.equal(res.statusCode, 409, `${name} is refused`);
    t.equal(res.json().code, 'COMPETITION_CLOSED', `${name}: COMPETITION_CLOSED`);
    t.equal(new Date(res.json().closesAt).getTime(), new Date(closesAt).getTime(), `${name}: the problem states the closing instant`);
    t.ok(res.json().effectiveClosesAt);
  }
  const read = await app.inject({ method: 'GET', url: `/v1/proposals/${submitted.id}`, headers: applicant.auth });
  t.equal(read.statusCode, 200, 'reading is still fine');
});

t.test('in the grace window a submission is accepted and marked late', async (t) => {
  const { competitionId } = await openCompetition(app, { graceSeconds: 600 });
  const applicant = await createUser(app);
  const onTime = await createDraft(app, applicant, competitionId);
  const first = await submit(app, applicant, onTime.id);
  t.equal(first.json().proposal.late, false);

  await moveWindow(app, competitionId, { closesInSeconds: -60 });
  const late = await createDraft(app, applicant, competitionId);
  const res = await submit(app, applicant, late.id);
  t.equal(res.statusCode, 201, 'accepted within the grace period');
  t.equal(res.json().proposal.late, true);
  t.equal(res.json().proposal.submitted.late, true);
  const [rev] = await app.database.db.select().from(proposalRevisions).where(eq(proposalRevisions.proposalId, late.id));
  t.equal(rev?.late, true, 'the revision is stored as late');

  await app.inject({ method: 'PATCH', url: `/v1/proposals/${onTime.id}`, headers: applicant.auth, payload: { title: 'Revised in the grace period' } });
  const resubmitted = await submit(app, applicant, onTime.id);
  t.equal(resubmitted.statusCode, 201, 'a resubmission in the grace period is accepted');
  t.equal(resubmitted.json().proposal.late, true, 'and marked late');
  t.equal(resubmitted.json().proposal.submitted.revision, 2);

  await moveWindow(app, competitionId, { closesInSeconds: -601 });
  const after = await submit(app, applicant, late.id);
  t.equal(after.statusCode, 409, 'after the grace period, refused');
  t.equal(after.json().code, 'COMPETITION_CLOSED');
  const resubmitAfter = await submit(app, applicant, onTime.id);
  t.equal(resubmitAfter.statusCode, 409, 'a resubmission after the grace period is refused too');
  t.equal(resubmitAfter.json().code, 'COMPETITION_CLOSED');
});

t.test('an individual extension lets one applicant submit after the close', async (t) => {
  const { competitionId, organiser } = await openCompetition(app);
  const extended = await createUser(app);
  const other = await createUser(app);
  const extendedDraft = await createDraft(app, extended, competitionId);
  const otherDraft = await createDraft(app, other, competitionId);
  // Closed first: an extension must end after the competition closes.
  await moveWindow(app, competitionId, { closesInSeconds: -5 });
  await grantExtension(app, organiser, competitionId, extended.id, 3600);

  const refused = await submit(app, other, otherDraft.id);
  t.equal(refused.statusCode, 409, 'others are closed');
  const accepted = await submit(app, extended, extendedDraft.id);
  t.equal(accepted.statusCode, 201, 'the extended applicant may still submit');
  t.equal(accepted.json().proposal.late, false, 'before their own deadline, it is not late');
  await app.inject({ method: 'PATCH', url: `/v1/proposals/${extendedDraft.id}`, headers: extended.auth, payload: { title: 'Revised' } });
  t.equal((await submit(app, extended, extendedDraft.id)).statusCode, 201, 'and may resubmit');
  t.equal((await submit(app, other, otherDraft.id)).statusCode, 409, 'others still may not');

  // A team member's edit is judged by the applicant's deadline, not their own.
  const member = await createUser(app);
  await moveWindow(app, competitionId, { closesInSeconds: 3600 });
  await app.inject({ method: 'POST', url: `/v1/proposals/${extendedDraft.id}/members`, headers: extended.auth, payload: { email: member.email } });
  const token = await emailToken(app, member.email, 'proposal_invitation');
  t.equal((await app.inject({ method: 'POST', url: '/v1/proposal-invitations/accept', headers: member.auth, payload: { token } })).statusCode, 200);
  await moveWindow(app, competitionId, { closesInSeconds: -5 });
  const edit = await app.inject({ method: 'PATCH', url: `/v1/proposals/${extendedDraft.id}`, headers: member.auth, payload: { title: 'Edited by the team' } });
  t.equal(edit.statusCode, 200, "the member edits within the applicant's extension");
});

t.test('a competition in judging accepts nothing', async (t) => {
  const { competitionId, organiser, applicants, proposalIds } = await competitionWithSubmittedProposals(app, { count: 1 });
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);
  await moveWindow(app, competitionId, { closesInSeconds: -5 });
  await startJudging(app, organiser, competitionId);
  const res = await submit(app, applicant, draft.id);
  t.equal(res.statusCode, 409);
  t.equal(res.json().code, 'COMPETITION_CLOSED');
  const resubmit = await submit(app, applicants[0]!, proposalIds[0]!);
  t.equal(resubmit.statusCode, 409, 'nor a resubmission of a submitted proposal');
  t.equal(resubmit.json().code, 'COMPETITION_CLOSED');
});
