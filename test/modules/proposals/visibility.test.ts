import t from 'tap';
import { buildFeatureApp } from '../../helpers/app.js';
import { createDraft, openCompetition, submit, validAnswers } from '../../helpers/competitions.js';
import { addMember, createOrganisation, createUser, emailToken } from '../../helpers/factories.js';

const { app } = await buildFeatureApp(t);

t.test('a proposal is invisible (404) to other applicants and to organisers of other organisations', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const stranger = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);
  t.equal((await submit(app, applicant, draft.id)).statusCode, 201);

  const otherOrganiser = await createUser(app);
  const otherOrg = await createOrganisation(app, otherOrganiser);
  await openCompetition(app, { organiser: otherOrganiser, organisation: otherOrg });

  for (const [who, user] of [
    ['another applicant', stranger],
    ['an organiser of another organisation', otherOrganiser],
  ] as const) {
    const urls = [
      ['GET', `/v1/proposals/${draft.id}`],
      ['GET', `/v1/proposals/${draft.id}/revisions`],
      ['GET', `/v1/proposals/${draft.id}/revisions/1`],
      ['PATCH', `/v1/proposals/${draft.id}`],
      ['POST', `/v1/proposals/${draft.id}/submit`],
      ['POST', `/v1/proposals/${draft.id}/withdraw`],
      ['POST', `/v1/proposals/${draft.id}/members`],
    ] as const;
    for (const [method, url] of urls) {
      const res = await app.inject({ method, url, headers: user.auth, payload: method === 'GET' ? undefined : url.endsWith('members') ? { email: 'x@example.org' } : {} });
      t.equal(res.statusCode, 404, `${method} ${url.replace(draft.id, ':id')} is 404 for ${who}`);
    }
    const list = await app.inject({ method: 'GET', url: `/v1/competitions/${competitionId}/proposals`, headers: user.auth });
    t.equal(list.statusCode, 404, `the competition's proposal list is 404 for ${who}`);
  }
  const mine = await app.inject({ method: 'GET', url: '/v1/me/proposals', headers: stranger.auth });
  t.same(mine.json().items, []);
});

t.test("organisers see submitted revisions, never drafts or a draft's later edits", async (t) => {
  const { competitionId, organiser, organisation } = await openCompetition(app);
  const plainMember = await createUser(app);
  await addMember(app, organisation, organiser, plainMember, 'member');
  const applicant = await createUser(app);
  const draftOnly = await createDraft(app, applicant, competitionId, { title: 'Secret draft', answers: {} });
  const submitted = await createDraft(app, applicant, competitionId, { title: 'Submitted title', answers: validAnswers });
  t.equal((await submit(app, applicant, submitted.id)).statusCode, 201);
  // Edited after the submit: the organiser must keep seeing revision 1.
  await app.inject({ method: 'PATCH', url: `/v1/proposals/${submitted.id}`, headers: applicant.auth, payload: { title: 'Private new wording' } });

  const draftRead = await app.inject({ method: 'GET', url: `/v1/proposals/${draftOnly.id}`, headers: organiser.auth });
  t.equal(draftRead.statusCode, 404, 'a draft does not exist for the organiser');

  const read = await app.inject({ method: 'GET', url: `/v1/proposals/${submitted.id}`, headers: organiser.auth });
  t.equal(read.statusCode, 200);
  t.match(read.json(), { view: 'submitted', viewerRole: 'organiser', title: 'Submitted title', unsubmittedChanges: false, currentRevision: 1 });

  const list = await app.inject({ method: 'GET', url: `/v1/competitions/${competitionId}/proposals`, headers: organiser.auth });
  t.equal(list.statusCode, 200);
  t.same(
    list.json().items.map((p: { id: string; title: string }) => [p.id, p.title]),
    [[submitted.id, 'Submitted title']],
    'only submitted proposals, with the submitted title',
  );

  const memberList = await app.inject({ method: 'GET', url: `/v1/competitions/${competitionId}/proposals`, headers: plainMember.auth });
  t.equal(memberList.statusCode, 403, 'plain members of the organisation are not organisers');
  const memberRead = await app.inject({ method: 'GET', url: `/v1/proposals/${submitted.id}`, headers: plainMember.auth });
  t.equal(memberRead.statusCode, 404);

  const edit = await app.inject({ method: 'PATCH', url: `/v1/proposals/${submitted.id}`, headers: organiser.auth, payload: { title: 'Organiser edit' } });
  t.equal(edit.statusCode, 404, 'organisers cannot edit');

  // Pagination of the organiser list.
  const more = await createUser(app);
  for (let i = 0; i < 2; i++) {
    const d = await createDraft(app, more, competitionId);
    await submit(app, more, d.id);
  }
  const page1 = await app.inject({ method: 'GET', url: `/v1/competitions/${competitionId}/proposals?limit=2`, headers: organiser.auth });
  t.equal(page1.json().items.length, 2);
  t.ok(page1.json().nextCursor);
  const page2 = await app.inject({ method: 'GET', url: `/v1/competitions/${competitionId}/proposals?limit=2&cursor=${page1.json().nextCursor}`, headers: organiser.auth });
  t.equal(page2.json().items.length, 1);
  t.equal(page2.json().nextCursor, null);
  const badCursor = await app.inject({ method: 'GET', url: `/v1/competitions/${competitionId}/proposals?cursor=nonsense`, headers: organiser.auth });
  t.equal(badCursor.statusCode, 422);
});

t.test('team members who accepted see and edit the proposal; only the applicant submits', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const member = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);

  const invited = await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/members`, headers: applicant.auth, payload: { email: member.email } });
  t.equal(invited.statusCode, 201);
  t.match(invited.json(), { email: member.email, status: 'invited', userId: null });
  const again = await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/members`, headers: applicant.auth, payload: { email: member.email } });
  t.equal(again.statusCode, 409);
  t.equal(again.json().code, 'ALREADY_INVITED');
  const self = await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/members`, headers: applicant.auth, payload: { email: applicant.email } });
  t.equal(self.statusCode, 422);

  t.equal((await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}`, headers: member.auth })).statusCode, 404, 'invisible before accepting');

  const token = await emailToken(app, member.email, 'proposal_invitation');
  const intruder = await createUser(app);
  const wrongUser = await app.inject({ method: 'POST', url: '/v1/proposal-invitations/accept', headers: intruder.auth, payload: { token } });
  t.equal(wrongUser.statusCode, 403);
  t.equal(wrongUser.json().code, 'INVITATION_EMAIL_MISMATCH');
  const accepted = await app.inject({ method: 'POST', url: '/v1/proposal-invitations/accept', headers: member.auth, payload: { token } });
  t.equal(accepted.statusCode, 200);
  t.match(accepted.json(), { viewerRole: 'member', id: draft.id });

  const read = await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}`, headers: member.auth });
  t.equal(read.statusCode, 200);
  t.match(read.json().team, [{ userId: member.id, status: 'accepted' }]);
  const edit = await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: member.auth, payload: { title: 'Team wording' } });
  t.equal(edit.statusCode, 200, 'members edit the draft');
  const memberSubmit = await submit(app, member, draft.id);
  t.equal(memberSubmit.statusCode, 403);
  t.equal(memberSubmit.json().code, 'APPLICANT_ONLY');
  const mine = await app.inject({ method: 'GET', url: '/v1/me/proposals', headers: member.auth });
  t.match(mine.json().items, [{ id: draft.id, viewerRole: 'member' }]);

  const submitted = await submit(app, applicant, draft.id);
  t.equal(submitted.statusCode, 201);
  const rev = await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}/revisions/1`, headers: member.auth });
  t.same(rev.json().content.team, [member.id], 'the revision freezes the accepted team');

  const memberId = read.json().team[0].id;
  const leave = await app.inject({ method: 'DELETE', url: `/v1/proposals/${draft.id}/members/${memberId}`, headers: member.auth });
  t.equal(leave.statusCode, 204, 'a member can leave');
  t.equal((await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}`, headers: member.auth })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}`, headers: applicant.auth })).json().unsubmittedChanges, true, 'a team change is a draft change');
});
