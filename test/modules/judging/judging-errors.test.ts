import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import t from 'tap';
import { auditLog, judges, users } from '../../../src/db/schema/index.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { competitionWithSubmittedProposals } from '../../helpers/competitions.js';
import { addMember, createOrganisation, emailToken, insertApplicants, type TestUser } from '../../helpers/factories.js';
import { addJudge, assignAll, judgingWorld, submitReview, type JudgingWorld } from '../../helpers/judging.js';

// The judging feature's error paths and less-travelled branches, over HTTP: invitations declined,
// unknown or expired; the judge's max load; removing a judge (with and without their reviews);
// declared conflicts; bids; stale and applied plans; judging not started, closed or published;
// If-Match on decisions; the decision's departure from the ranking; the shortlist round; the
// organisers' dashboards; applicants' feedback. judging-flow.test.ts covers the main road.

const { app } = await buildFeatureApp(t);
const c = (id: string) => `/v1/competitions/${id}`;
const db = app.database.db;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
function call(method: Method, url: string, who: TestUser | undefined, payload?: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method, url, headers: { ...(who ? who.auth : {}), ...headers }, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
}

/** Every score of the default rubric (impact 40, innovation 30, feasibility 30, scales 1–10) set to `s`: weighted (s−1)/9·100. */
const all = (s: number) => ({ impact: s, innovation: s, feasibility: s });

/** A plain member (not owner nor manager) of the world's organisation. */
async function plainMember(world: JudgingWorld): Promise<TestUser> {
  const [member] = await insertApplicants(app, 1);
  await addMember(app, world.organisation, world.organiser, member!, 'member');
  return member!;
}

async function auditOf(competitionId: string, action: string) {
  return db.select({ data: auditLog.data, subjectId: auditLog.subjectId }).from(auditLog).where(and(eq(auditLog.competitionId, competitionId), eq(auditLog.action, action))).orderBy(asc(auditLog.id));
}

const byPair = (items: Array<{ judgeId: string; proposalId: string }>) => items.map((a) => `${a.judgeId}:${a.proposalId}`).sort();

t.test('invitations: declined, unknown, expired, and a second place on the same panel; only accepted judges are assigned', async (t) => {
  const world = await judgingWorld(app, { count: 1, judges: 0 });
  const [decliner, late, mover] = await insertApplicants(app, 3);
  const invite = (email: string) => call('POST', `${c(world.competitionId)}/judges`, world.organiser, { email });

  const declinerId = (await invite(decliner!.email)).json().id as string;
  const token = (await emailToken(app, decliner!.email, 'judge_invitation'))!;
  const declined = await call('POST', '/v1/judging/invitations/decline', decliner, { token });
  t.equal(declined.statusCode, 200);
  t.match(declined.json(), { judgeId: declinerId, competitionId: world.competitionId, status: 'declined' });
  t.equal((await call('POST', '/v1/judging/invitations/accept', decliner, { token })).json().code, 'INVITATION_NOT_FOUND', 'a declined invitation cannot be accepted afterwards');
  t.same((await call('GET', '/v1/me/judging', decliner)).json().items, [], 'a declined place is not one of my panels');

  const unknown = await call('POST', '/v1/judging/invitations/accept', decliner, { token: 'x'.repeat(43) });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'INVITATION_NOT_FOUND');

  const lateId = (await invite(late!.email)).json().id as string;
  const lateToken = (await emailToken(app, late!.email, 'judge_invitation'))!;
  await db.update(judges).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(judges.id, lateId));
  const expired = await call('POST', '/v1/judging/invitations/accept', late, { token: lateToken });
  t.equal(expired.statusCode, 404);
  t.equal(expired.json().code, 'INVITATION_NOT_FOUND', 'an expired token is refused like an unknown one');

  // A judge whose address changed after accepting, invited again at the new address: one place per person.
  await addJudge(app, world, mover!);
  const newEmail = `moved-${randomUUID()}@example.org`;
  await db.update(users).set({ email: newEmail }).where(eq(users.id, mover!.id));
  await invite(newEmail);
  const second = await call('POST', '/v1/judging/invitations/accept', mover, { token: (await emailToken(app, newEmail, 'judge_invitation'))! });
  t.equal(second.statusCode, 409);
  t.equal(second.json().code, 'JUDGE_ALREADY_INVITED');

  const panel = (await call('GET', `${c(world.competitionId)}/judges`, world.organiser)).json().items as Array<{ id: string; email: string; status: string; userId: string | null; respondedAt: string | null }>;
  t.match(panel.find((j) => j.id === declinerId), { status: 'declined', userId: null, respondedAt: String });
  t.match(panel.find((j) => j.id === lateId), { status: 'invited', userId: null, respondedAt: null }, 'the expired invitation is still unanswered');
  t.match(panel.find((j) => j.email === newEmail), { status: 'invited', userId: null }, 'the second invitation stays unanswered');
  t.same(panel.map((j) => j.status).sort(), ['accepted', 'declined', 'invited', 'invited']);

  for (const [judgeId, status] of [[declinerId, 'declined'], [lateId, 'invited']] as const) {
    const manual = await call('POST', `${c(world.competitionId)}/assignments`, world.organiser, { judgeId, proposalId: world.proposalIds[0] });
    t.equal(manual.statusCode, 409);
    t.match(manual.json(), { code: 'JUDGE_NOT_ACCEPTED', judgeStatus: status }, `a ${status} judge is not assigned by hand`);
  }
  const plan = (await call('POST', `${c(world.competitionId)}/assignments/plans`, world.organiser)).json();
  t.same(plan.loads.map((l: { judgeId: string }) => l.judgeId), [panel.find((j) => j.status === 'accepted')!.id], 'the dry run plans with the accepted judge alone');
  t.match(plan.uncovered, [{ proposalId: world.proposalIds[0], assigned: 1, missing: 1 }], 'one judge cannot give two reviews');
  t.same((await auditOf(world.competitionId, 'judge.declined')).map((a) => a.subjectId), [declinerId], 'the decline is audited');
});

t.test('maxLoad: PATCH caps the next dry run and makes an earlier plan stale; unknown plan 404; two organisers applying at once', async (t) => {
  const world = await judgingWorld(app, { count: 3, judges: 3, judging: { reviewsPerProposal: 1 } });
  const [j1, j2, j3] = world.judges as [JudgingWorld['judges'][0], JudgingWorld['judges'][0], JudgingWorld['judges'][0]];
  const judgeUrl = (id: string) => `${c(world.competitionId)}/judges/${id}`;
  const plans = `${c(world.competitionId)}/assignments/plans`;

  const bids = await call('GET', `${c(world.competitionId)}/bids`, j1);
  t.equal(bids.statusCode, 409);
  t.equal(bids.json().code, 'JUDGING_NOT_STARTED', 'a competition without bidding lists nothing to bid on');
  t.equal((await call('PUT', `${c(world.competitionId)}/bids/${world.proposalIds[0]}`, j1, { bid: 'eager' })).json().code, 'JUDGING_NOT_STARTED', 'nor takes a bid');

  const before = (await call('POST', plans, world.organiser)).json();
  t.same(before.loads.map((l: { total: number }) => l.total), [1, 1, 1], 'uncapped: one proposal each');

  const patched = await call('PATCH', judgeUrl(j1.judgeId), world.organiser, { maxLoad: 0 });
  t.equal(patched.statusCode, 200);
  t.match(patched.json(), { id: j1.judgeId, maxLoad: 0, status: 'accepted', load: { assigned: 0, submitted: 0 } });
  t.match((await auditOf(world.competitionId, 'judge.updated'))[0]?.data, { maxLoad: 0, previousMaxLoad: null });
  t.equal((await call('PATCH', judgeUrl(randomUUID()), world.organiser, { maxLoad: 1 })).statusCode, 404, 'an unknown judge');
  t.equal((await call('PATCH', judgeUrl(j2.judgeId), j2, { maxLoad: 9 })).statusCode, 404, 'a judge does not change loads');
  const member = await plainMember(world);
  const forbidden = await call('PATCH', judgeUrl(j2.judgeId), member, { maxLoad: 9 });
  t.equal(forbidden.statusCode, 403);
  t.equal(forbidden.json().code, 'FORBIDDEN', 'a plain member of the organisation is not an organiser');
  const bad = await call('PATCH', judgeUrl(j2.judgeId), world.organiser, { maxLoad: -1 });
  t.equal(bad.statusCode, 422);
  t.same(bad.json().errors.map((e: { field: string }) => e.field), ['maxLoad']);

  const stale = await call('POST', `${plans}/${before.planId}/apply`, world.organiser);
  t.equal(stale.statusCode, 409);
  t.equal(stale.json().code, 'PLAN_STALE', 'a changed max load makes the earlier plan stale');

  const capped = (await call('POST', plans, world.organiser)).json();
  t.equal(capped.assignments.length, 3);
  t.notOk(capped.assignments.some((a: { judgeId: string }) => a.judgeId === j1.judgeId), 'a judge with max load 0 gets nothing');
  t.match(capped.loads.find((l: { judgeId: string }) => l.judgeId === j1.judgeId), { maxLoad: 0, added: 0, total: 0 });
  t.same(capped.uncovered, []);

  const unknown = await call('POST', `${plans}/${randomUUID()}/apply`, world.organiser);
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'NOT_FOUND');

  const [manager] = await insertApplicants(app, 1);
  await addMember(app, world.organisation, world.organiser, manager!, 'manager');
  const url = `${plans}/${capped.planId}/apply`;
  const [a, b] = await Promise.all([call('POST', url, world.organiser), call('POST', url, manager)]);
  t.same([a.statusCode, b.statusCode].sort(), [200, 409], 'two organisers at once: one applies');
  const loser = [a, b].find((r) => r.statusCode === 409)!.json();
  t.match(loser, { code: 'PLAN_ALREADY_APPLIED', appliedAt: String });
  t.match([a, b].find((r) => r.statusCode === 200)!.json(), { planId: capped.planId, round: 1, added: 3, uncovered: [] });
  const assigned = (await call('GET', `${c(world.competitionId)}/assignments`, world.organiser)).json().items;
  t.same(byPair(assigned), byPair(capped.assignments), 'exactly the plan shown, once');

  const j2Load = assigned.filter((x: { judgeId: string }) => x.judgeId === j2.judgeId).length;
  const again = await call('PATCH', judgeUrl(j2.judgeId), world.organiser, { maxLoad: null });
  t.match(again.json(), { maxLoad: null, load: { assigned: j2Load, submitted: 0 } }, 'the answer carries the judge’s current load');
  t.equal(j2Load + assigned.filter((x: { judgeId: string }) => x.judgeId === j3.judgeId).length, 3);
});

t.test('removing a judge: unreviewed assignments go, reviews count only with keepReviews; progress and judge-bias follow', async (t) => {
  const world = await judgingWorld(app, { count: 2, judges: 3, judging: { reviewsPerProposal: 3 } });
  const [j1, j2, j3] = world.judges as [JudgingWorld['judges'][0], JudgingWorld['judges'][0], JudgingWorld['judges'][0]];
  const [p1, p2] = world.proposalIds as [string, string];
  await assignAll(app, world);
  await submitReview(app, world.competitionId, j1, p1, all(10)); // 100
  await submitReview(app, world.competitionId, j2, p1, all(7)); // 66.67
  await submitReview(app, world.competitionId, j2, p2, all(7)); // 66.67
  await submitReview(app, world.competitionId, j3, p1, all(1)); // 0
  await submitReview(app, world.competitionId, j3, p2, all(4)); // 33.33
  const ranking = async () => (await call('GET', `${c(world.competitionId)}/ranking`, world.organiser)).json().entries.map((e: { proposalId: string; score: number; reviewCount: number }) => [e.proposalId, e.score, e.reviewCount]);
  t.same(await ranking(), [[p1, 55.56, 3], [p2, 50, 2]], 'p1: (100 + 66.67 + 0) / 3; p2: (66.67 + 33.33) / 2');

  const progressUrl = `${c(world.competitionId)}/judging-progress`;
  const progress = await call('GET', progressUrl, world.organiser);
  t.equal(progress.statusCode, 200);
  t.match(progress.json(), { round: 1, reviewsPerProposal: 3, totals: { assignments: 6, submitted: 5, missing: 1 } });
  t.same(
    progress.json().proposals,
    [
      { proposalId: p1, assigned: 3, submitted: 3, needed: 0 },
      { proposalId: p2, assigned: 3, submitted: 2, needed: 0 },
    ].sort((a, b) => (a.proposalId < b.proposalId ? -1 : 1)),
  );
  t.same(progress.json().judges.find((j: { judgeId: string }) => j.judgeId === j1.judgeId), { judgeId: j1.judgeId, status: 'accepted', assigned: 2, drafts: 0, submitted: 1 });

  const removeUrl = (id: string) => `${c(world.competitionId)}/judges/${id}/remove`;
  t.equal((await call('POST', removeUrl(j1.judgeId), world.organiser, { keepReviews: false })).statusCode, 422, 'a removal needs a reason');
  const removed = await call('POST', removeUrl(j1.judgeId), world.organiser, { keepReviews: false, reason: 'Scored without reading' });
  t.equal(removed.statusCode, 200);
  t.match(removed.json(), { id: j1.judgeId, status: 'removed', keepReviews: false, removedAt: String, load: { assigned: 1, submitted: 1 } }, 'the unstarted assignment is dropped, the reviewed one kept');
  t.match((await auditOf(world.competitionId, 'judge.removed'))[0]?.data, { keepReviews: false, reason: 'Scored without reading', assignmentsDropped: 1 });
  t.same(await ranking(), [[p2, 50, 2], [p1, 33.34, 2]], 'without the removed judge’s review p1 is (66.67 + 0) / 2 and falls below p2');
  const again = await call('POST', removeUrl(j1.judgeId), world.organiser, { keepReviews: true, reason: 'twice' });
  t.equal(again.statusCode, 404, 'a removed judge is not removed again');
  t.equal((await call('GET', `${c(world.competitionId)}/my-assignments`, j1)).statusCode, 404, 'a removed judge has no assignments to see');
  t.equal((await call('GET', `${c(world.competitionId)}/my-assignments/${p1}/review`, j1)).statusCode, 404, 'nor their own review');
  const manual = await call('POST', `${c(world.competitionId)}/assignments`, world.organiser, { judgeId: j1.judgeId, proposalId: p2 });
  t.match(manual.json(), { code: 'JUDGE_NOT_ACCEPTED', judgeStatus: 'removed' });

  const kept = await call('POST', removeUrl(j3.judgeId), world.organiser, { keepReviews: true, reason: 'Moved abroad' });
  t.match(kept.json(), { status: 'removed', keepReviews: true, load: { assigned: 2, submitted: 2 } });
  t.same(await ranking(), [[p2, 50, 2], [p1, 33.34, 2]], 'reviews kept still count: unchanged');

  const after = (await call('GET', progressUrl, world.organiser)).json();
  t.match(after.totals, { assignments: 5, submitted: 5, missing: 0 }, 'j1’s dropped assignment is gone');
  t.same(after.judges.map((j: { judgeId: string; status: string; assigned: number }) => [j.judgeId, j.status, j.assigned]).sort(), [[j1.judgeId, 'removed', 1], [j2.judgeId, 'accepted', 2], [j3.judgeId, 'removed', 2]].sort());
  t.match(after.proposals.find((p: { proposalId: string }) => p.proposalId === p2), { assigned: 2, needed: 1 }, 'p2 now needs a third review');

  const bias = await call('GET', `${c(world.competitionId)}/judge-bias`, world.organiser);
  t.equal(bias.statusCode, 200);
  t.equal(bias.json().round, 1);
  const biasJudges = bias.json().judges as Array<{ judgeId: string; count: number; mean: number; standardDeviation: number }>;
  t.same(biasJudges.map((j) => j.judgeId), [j2.judgeId, j3.judgeId].sort(), 'the judge removed without their reviews is not in the report');
  t.match(biasJudges.find((j) => j.judgeId === j2.judgeId), { count: 2, mean: 66.67, standardDeviation: 0 });
  t.match(biasJudges.find((j) => j.judgeId === j3.judgeId), { count: 2 });
  t.same(bias.json().rankings.map((r: { proposalId: string; rawRank: number }) => [r.proposalId, r.rawRank]), [[p2, 1], [p1, 2]]);

  const member = await plainMember(world);
  for (const path of ['judge-bias', 'judging-progress']) {
    const asMember = await call('GET', `${c(world.competitionId)}/${path}`, member);
    t.equal(asMember.statusCode, 403, `${path}: a plain member is refused`);
    t.equal(asMember.json().code, 'FORBIDDEN');
    t.equal((await call('GET', `${c(world.competitionId)}/${path}`, j2)).statusCode, 404, `${path}: a judge does not learn it exists`);
  }
  t.equal((await call('GET', `${c(world.competitionId)}/judge-bias?round=3`, world.organiser)).statusCode, 422, 'rounds are 1 or 2');
});

t.test('declared conflicts by a judge and by an organiser: listed, honoured by manual assignment, withdrawn; assignments removed unless a review started', async (t) => {
  const world = await judgingWorld(app, { count: 3, judges: 2, judging: { reviewsPerProposal: 1 } });
  const [j1, j2] = world.judges as [JudgingWorld['judges'][0], JudgingWorld['judges'][0]];
  const [p1, p2, p3] = world.proposalIds as [string, string, string];
  // p3's applicant belongs to an organisation neither judge is in.
  const [owner] = await insertApplicants(app, 1);
  const org = await createOrganisation(app, owner!, { name: 'Nadácia Pontis' });
  await addMember(app, org, owner!, world.applicants[2]!, 'member');
  const conflicts = `${c(world.competitionId)}/conflicts`;
  const member = await plainMember(world);
  const [stranger] = await insertApplicants(app, 1);

  const neither = await call('POST', conflicts, j1, { reason: 'x' });
  t.equal(neither.statusCode, 422);
  t.match(neither.json(), { code: 'VALIDATION_FAILED', errors: [{ field: 'proposalId', code: 'ONE_OF' }] }, 'neither proposalId nor organisationId');
  t.equal((await call('POST', conflicts, stranger, { proposalId: p1, reason: 'x' })).statusCode, 404, 'someone not on the panel declares nothing');
  t.equal((await call('POST', conflicts, j1, { proposalId: randomUUID(), reason: 'x' })).statusCode, 404, 'an unknown proposal');
  t.equal((await call('POST', conflicts, world.organiser, { judgeId: randomUUID(), proposalId: p1, reason: 'x' })).statusCode, 404, 'an unknown judge');
  t.equal((await call('POST', conflicts, member, { judgeId: j2.judgeId, proposalId: p1, reason: 'x' })).statusCode, 403, 'a plain member declares for no judge');

  const byJudge = await call('POST', conflicts, j1, { organisationId: org.id, reason: 'I sit on its board' });
  t.equal(byJudge.statusCode, 201);
  t.match(byJudge.json(), { judgeId: j1.judgeId, proposalId: null, organisationId: org.id, source: 'declared_by_judge', reason: 'I sit on its board' });
  const byOrganiser = await call('POST', conflicts, world.organiser, { judgeId: j2.judgeId, proposalId: p1, reason: 'Former colleague' });
  t.equal(byOrganiser.statusCode, 201);
  t.match(byOrganiser.json(), { judgeId: j2.judgeId, proposalId: p1, organisationId: null, source: 'declared_by_organiser' });

  const listed = (await call('GET', conflicts, world.organiser)).json();
  t.same(listed.declared.map((d: { id: string }) => d.id).sort(), [byJudge.json().id, byOrganiser.json().id].sort());
  t.same(
    listed.items.map((x: { judgeId: string; proposalId: string; source: string }) => `${x.judgeId}:${x.proposalId}:${x.source}`).sort(),
    [`${j1.judgeId}:${p3}:declared_by_judge`, `${j2.judgeId}:${p1}:declared_by_organiser`].sort(),
    'the organisation-level conflict reaches the proposal whose applicant is a member',
  );
  t.match(listed.items.find((x: { judgeId: string }) => x.judgeId === j1.judgeId), { organisationId: org.id, organisationName: 'Nadácia Pontis' });

  const assign = (judgeId: string, proposalId: string, reason?: string) => call('POST', `${c(world.competitionId)}/assignments`, world.organiser, { judgeId, proposalId, ...(reason ? { reason } : {}) });
  for (const [judge, proposal] of [[j1, p3], [j2, p1]] as const) {
    const refused = await assign(judge.judgeId, proposal);
    t.equal(refused.statusCode, 409);
    t.equal(refused.json().code, 'JUDGE_CONFLICTED', 'a declared conflict blocks a manual assignment');
  }
  t.equal((await call('GET', `${c(world.competitionId)}/bids`, j1)).json().code, 'JUDGING_NOT_STARTED');

  const conflictUrl = `${conflicts}/${byOrganiser.json().id}`;
  t.equal((await call('DELETE', conflictUrl, j2)).statusCode, 404, 'a judge does not withdraw conflicts');
  t.equal((await call('DELETE', conflictUrl, member)).statusCode, 403);
  const withdrawn = await call('DELETE', conflictUrl, world.organiser);
  t.equal(withdrawn.statusCode, 204);
  t.equal(withdrawn.body, '');
  const twice = await call('DELETE', conflictUrl, world.organiser);
  t.equal(twice.statusCode, 404);
  t.equal(twice.json().code, 'NOT_FOUND');
  t.same((await call('GET', conflicts, world.organiser)).json().declared.map((d: { id: string }) => d.id), [byJudge.json().id], 'one declared conflict left');
  t.match((await auditOf(world.competitionId, 'conflict.removed'))[0]?.data, { conflictId: byOrganiser.json().id, reason: 'Former colleague' });

  const manual = await assign(j2.judgeId, p1, 'Expert in digital education');
  t.equal(manual.statusCode, 201, 'assignable once the conflict is withdrawn');
  t.match(manual.json(), { judgeId: j2.judgeId, proposalId: p1, round: 1, source: 'manual', planId: null, reviewStatus: 'not_started', explanation: { reason: 'Expert in digital education', judgeLoadBefore: 0, judgeLoadAfter: 1, conflictsChecked: true } });
  const dup = await assign(j2.judgeId, p1);
  t.equal(dup.statusCode, 409);
  t.equal(dup.json().code, 'ASSIGNMENT_EXISTS');
  t.equal((await assign(randomUUID(), p1)).statusCode, 404, 'an unknown judge');
  t.equal((await assign(j2.judgeId, randomUUID())).statusCode, 404, 'an unknown proposal');
  const second = await assign(j2.judgeId, p2);
  t.match(second.json(), { explanation: { reason: 'Assigned by an organiser', judgeLoadBefore: 1, judgeLoadAfter: 2 } });

  // j2 starts reviewing p2: that assignment stays; the one of p1 can go.
  const draft = await call('PUT', `${c(world.competitionId)}/my-assignments/${p2}/review`, j2, { scores: { impact: 6 } }, { 'if-match': '"v0"' });
  t.equal(draft.statusCode, 200);
  const assignmentUrl = (id: string) => `${c(world.competitionId)}/assignments/${id}`;
  const started = await call('DELETE', assignmentUrl(second.json().id), world.organiser);
  t.equal(started.statusCode, 409);
  t.equal(started.json().code, 'REVIEW_STARTED');
  t.equal((await call('DELETE', assignmentUrl(manual.json().id), j2)).statusCode, 404, 'a judge removes no assignment');
  t.equal((await call('DELETE', assignmentUrl(manual.json().id), world.organiser)).statusCode, 204);
  t.equal((await call('DELETE', assignmentUrl(manual.json().id), world.organiser)).statusCode, 404, 'gone');
  const left = (await call('GET', `${c(world.competitionId)}/assignments`, world.organiser)).json().items;
  t.same(left.map((a: { id: string; reviewStatus: string }) => [a.id, a.reviewStatus]), [[second.json().id, 'draft']]);
  t.same((await call('GET', `${c(world.competitionId)}/assignments?proposalId=${p1}`, world.organiser)).json().items, []);
  t.equal((await call('GET', `${c(world.competitionId)}/assignments?judgeId=${j2.judgeId}`, world.organiser)).json().items.length, 1);
  t.equal((await call('GET', `${c(world.competitionId)}/my-assignments/${p1}`, j2)).statusCode, 404, 'the unassigned judge no longer reads p1');
  t.same((await call('GET', `${c(world.competitionId)}/my-assignments`, j2)).json().items.map((i: { proposalId: string }) => i.proposalId), [p2]);
  t.same((await auditOf(world.competitionId, 'assignment.removed')).map((a) => a.subjectId), [p1]);
});

t.test('bids: titles hidden in blind mode unless shown; a bid steers the dry run and stales an earlier plan; no bids on a conflict', async (t) => {
  const world = await judgingWorld(app, { count: 2, judges: 2, judging: { reviewsPerProposal: 1, bidding: true } });
  const [j1, j2] = world.judges as [JudgingWorld['judges'][0], JudgingWorld['judges'][0]];
  const [p1, p2] = [...world.proposalIds].sort() as [string, string];
  const bids = `${c(world.competitionId)}/bids`;
  const bid = (judge: TestUser, proposalId: string, value: string | null) => call('PUT', `${bids}/${proposalId}`, judge, { bid: value });

  const blind = await call('GET', bids, j1);
  t.equal(blind.statusCode, 200);
  t.same(blind.json().items.map((i: { title: unknown; bid: unknown }) => [i.title, i.bid]), [[null, null], [null, null]], 'no titles to bid on in blind mode');
  t.equal((await call('GET', bids, world.organiser)).statusCode, 404, 'an organiser is not on the panel');

  const eager = await bid(j1, p2, 'eager');
  t.equal(eager.statusCode, 200);
  t.same(eager.json(), { proposalId: p2, bid: 'eager' });
  await bid(j2, p1, 'eager');
  await bid(j1, p1, 'unwilling');
  t.same((await call('GET', bids, j1)).json().items.map((i: { proposalId: string; bid: string }) => [i.proposalId, i.bid]).sort(), [[p1, 'unwilling'], [p2, 'eager']].sort());
  t.equal((await bid(j1, randomUUID(), 'eager')).statusCode, 404, 'an unknown proposal');
  t.equal((await bid(j1, p1, 'keen')).statusCode, 422, 'bids are eager, willing or unwilling');

  const plan = (await call('POST', `${c(world.competitionId)}/assignments/plans`, world.organiser)).json();
  t.same(
    plan.assignments.map((a: { judgeId: string; proposalId: string; bid: string | null }) => `${a.judgeId}:${a.proposalId}:${a.bid}`).sort(),
    [`${j1.judgeId}:${p2}:eager`, `${j2.judgeId}:${p1}:eager`].sort(),
    'each judge gets the proposal they were eager for',
  );
  const withdrawn = await bid(j1, p1, null);
  t.same(withdrawn.json(), { proposalId: p1, bid: null });
  t.same((await call('GET', bids, j1)).json().items.find((i: { proposalId: string }) => i.proposalId === p1), { proposalId: p1, title: null, bid: null }, 'the bid is withdrawn');
  const stale = await call('POST', `${c(world.competitionId)}/assignments/plans/${plan.planId}/apply`, world.organiser);
  t.equal(stale.json().code, 'PLAN_STALE', 'a changed bid makes the plan stale');

  await db.execute(sql`update competitions set judging = judging || '{"bidTitlesInBlind": true}'::jsonb where id = ${world.competitionId}`);
  const titles = (await call('GET', bids, j2)).json().items.map((i: { proposalId: string; title: string }) => [i.proposalId, i.title]).sort();
  t.same(titles, [[world.proposalIds[0], 'Proposal 1'], [world.proposalIds[1], 'Proposal 2']].sort(), 'titles shown when the organiser allows them in blind mode');

  await call('POST', `${c(world.competitionId)}/conflicts`, j2, { proposalId: p2, reason: 'My neighbour' });
  t.same((await call('GET', bids, j2)).json().items.map((i: { proposalId: string }) => i.proposalId), [p1], 'a conflicted proposal is not offered');
  const conflicted = await bid(j2, p2, 'eager');
  t.equal(conflicted.statusCode, 404, 'nor takes a bid');
});

t.test('a competition still published: judging actions are 409 JUDGING_NOT_STARTED, nothing to read for applicants', async (t) => {
  const world = await competitionWithSubmittedProposals(app, { count: 1, state: 'open', body: { judging: { reviewsPerProposal: 1, tieBreaks: [] } } });
  const [judge] = await insertApplicants(app, 1);
  const judgeId = await addJudge(app, world, judge!);
  const base = c(world.competitionId);
  const attempts: Array<[string, Promise<Awaited<ReturnType<typeof call>>>]> = [
    ['dry run', call('POST', `${base}/assignments/plans`, world.organiser)],
    ['manual assignment', call('POST', `${base}/assignments`, world.organiser, { judgeId, proposalId: world.proposalIds[0] })],
    ['decision', call('PUT', `${base}/decision`, world.organiser, { winners: [{ proposalId: world.proposalIds[0], prizeAmount: 500000 }] }, { 'if-match': '"v0"' })],
    ['publish', call('POST', `${base}/results/publish`, world.organiser)],
    ['shortlist', call('POST', `${base}/shortlist`, world.organiser, { size: 1 })],
  ];
  for (const [what, pending] of attempts) {
    const res = await pending;
    t.equal(res.statusCode, 409, what);
    t.match(res.json(), { code: 'JUDGING_NOT_STARTED', competitionStatus: 'published' }, what);
  }
  t.same((await call('GET', `${base}/assignments`, world.organiser)).json().items, [], 'nothing assigned');
  const feedback = await call('GET', `/v1/proposals/${world.proposalIds[0]}/feedback`, world.applicants[0]);
  t.equal(feedback.statusCode, 404);
  t.equal(feedback.json().code, 'RESULTS_NOT_PUBLISHED');
  t.equal((await call('GET', `${base}/results`, undefined)).json().code, 'RESULTS_NOT_PUBLISHED');
  t.match((await call('GET', '/v1/me/judging', judge)).json().items, [{ competitionId: world.competitionId, competitionStatus: 'published', round: 1, load: { assigned: 0, submitted: 0 } }]);
});

t.test('judging closed: reviews are frozen after judgingClosesAt; another competition’s proposal is 404 by either URL', async (t) => {
  const world = await judgingWorld(app, { count: 2, judges: 1, judging: { reviewsPerProposal: 1 } });
  await assignAll(app, world);
  const j1 = world.judges[0]!;
  const [p1, p2] = world.proposalIds as [string, string];
  const review = (p: string) => `${c(world.competitionId)}/my-assignments/${p}/review`;
  t.equal((await call('PUT', review(p1), j1, { scores: { impact: 4 } }, { 'if-match': '"v0"' })).statusCode, 200);
  const edited = await call('PUT', review(p1), j1, { scores: { impact: 4, innovation: 6 }, commentForApplicant: 'Promising' }, { 'if-match': '"v1"' });
  t.equal(edited.statusCode, 200);
  t.equal(edited.headers.etag, '"v2"', 'a second save of the draft is version 2');
  t.match(edited.json(), { status: 'draft', scores: { impact: 4, innovation: 6 }, commentForApplicant: 'Promising', version: 2, submittedAt: null });

  const closedAt = new Date(Date.now() - 86_400_000).toISOString();
  await db.execute(sql`update competitions set judging = jsonb_set(judging, '{judgingClosesAt}', to_jsonb(${closedAt}::text)) where id = ${world.competitionId}`);
  for (const [p, version] of [[p1, '"v2"'], [p2, '"v0"']] as const) {
    const frozen = await call('PUT', review(p), j1, { scores: all(5), submit: true }, { 'if-match': version });
    t.equal(frozen.statusCode, 409);
    t.match(frozen.json(), { code: 'JUDGING_CLOSED', judgingClosesAt: closedAt });
  }
  const kept = await call('GET', review(p1), j1);
  t.equal(kept.headers.etag, '"v2"', 'the draft is unchanged');
  t.same(kept.json().scores, { impact: 4, innovation: 6 });
  t.equal((await call('GET', review(p2), j1)).json().status, 'not_started');
  const read = await call('GET', `${c(world.competitionId)}/my-assignments/${p1}`, j1);
  t.equal(read.statusCode, 200, 'a closed judging still lets the judge read');
  t.match(read.json(), { proposalId: p1, blind: true, title: 'Proposal 1', attachments: [], attachmentsWithheld: false });
  t.notOk('people' in read.json());
  await db.execute(sql`update competitions set judging = judging || '{"blind": false}'::jsonb where id = ${world.competitionId}`);
  const open = (await call('GET', `${c(world.competitionId)}/my-assignments/${p1}`, j1)).json();
  t.match(open, { blind: false, people: { applicant: { displayName: 'Applicant 0' }, team: [], organisationId: null } }, 'outside blind mode the judge sees who applied');

  const other = await judgingWorld(app, { count: 1, judges: 0 });
  const foreign = other.proposalIds[0]!;
  t.equal((await call('GET', `${c(world.competitionId)}/my-assignments/${foreign}`, j1)).statusCode, 404, 'another competition’s proposal under this competition');
  t.equal((await call('GET', review(foreign), j1)).statusCode, 404);
  t.equal((await call('GET', `${c(other.competitionId)}/my-assignments/${foreign}/review`, j1)).statusCode, 404, 'under its own competition');
  t.equal((await call('GET', `${c(other.competitionId)}/my-assignments/${foreign}/other-reviews`, j1)).statusCode, 404);
  t.equal((await call('POST', `${c(other.competitionId)}/conflicts`, j1, { proposalId: foreign, reason: 'x' })).statusCode, 404, 'nor declares conflicts there');
});

t.test('decision and publication: If-Match, a departure with its reason, DECISION_MISSING; after publication everything is frozen and applicants get comments without scores', async (t) => {
  const world = await judgingWorld(app, { count: 3, judges: 1, judging: { reviewsPerProposal: 1, bidding: true, publishFullRanking: true } });
  await assignAll(app, world);
  const j1 = world.judges[0]!;
  const [p1, p2, p3] = world.proposalIds as [string, string, string];
  await submitReview(app, world.competitionId, j1, p1, all(9), 'Strong plan, clear budget'); // 88.89
  await submitReview(app, world.competitionId, j1, p2, all(5)); // 44.44
  await submitReview(app, world.competitionId, j1, p3, all(2), '   '); // 11.11
  const base = c(world.competitionId);

  const noRound2 = await call('GET', `${base}/ranking?round=2`, world.organiser);
  t.equal(noRound2.statusCode, 404, 'no shortlist round yet');
  t.equal(noRound2.json().code, 'NOT_FOUND');
  t.equal((await call('GET', `${base}/judge-bias?round=2`, world.organiser)).statusCode, 404);

  const empty = await call('GET', `${base}/decision`, world.organiser);
  t.equal(empty.statusCode, 200);
  t.equal(empty.headers.etag, '"v0"');
  t.same(empty.json(), { winners: [], departureReason: null, version: 0, updatedAt: null });
  t.equal((await call('GET', `${base}/decision`, j1)).statusCode, 404, 'a judge does not see the decision');

  const undecided = await call('POST', `${base}/results/publish`, world.organiser);
  t.equal(undecided.statusCode, 409);
  t.equal(undecided.json().code, 'DECISION_MISSING', 'every review is in, but nobody decided');
  const early = await call('GET', `/v1/proposals/${p1}/feedback`, world.applicants[0]);
  t.equal(early.statusCode, 404);
  t.equal(early.json().code, 'RESULTS_NOT_PUBLISHED');

  const decisionUrl = `${base}/decision`;
  const second = { winners: [{ proposalId: p2, prizeAmount: 500000 }], departureReason: 'The top proposal was funded elsewhere' };
  const noIfMatch = await call('PUT', decisionUrl, world.organiser, second);
  t.equal(noIfMatch.statusCode, 428);
  t.match(noIfMatch.json(), { code: 'PRECONDITION_REQUIRED', currentVersion: 0 });
  t.equal(noIfMatch.headers.etag, '"v0"');
  const unknown = await call('PUT', decisionUrl, world.organiser, { winners: [{ proposalId: randomUUID(), prizeAmount: 500000 }], departureReason: 'x' }, { 'if-match': '"v0"' });
  t.equal(unknown.statusCode, 422);
  t.same(unknown.json().errors.map((e: { code: string }) => e.code), ['UNKNOWN_PROPOSAL']);
  const decided = await call('PUT', decisionUrl, world.organiser, second, { 'if-match': '"v0"' });
  t.equal(decided.statusCode, 200);
  t.equal(decided.headers.etag, '"v1"');
  t.match(decided.json(), { winners: [{ proposalId: p2, position: 1, prizeAmount: 500000, rank: 2 }], departureReason: 'The top proposal was funded elsewhere', version: 1 });
  const stale = await call('PUT', decisionUrl, world.organiser, { winners: [{ proposalId: p1, prizeAmount: 500000 }] }, { 'if-match': '"v0"' });
  t.equal(stale.statusCode, 412);
  t.match(stale.json(), { code: 'PRECONDITION_FAILED', currentVersion: 1 });
  t.equal(stale.headers.etag, '"v1"');
  t.same((await call('GET', decisionUrl, world.organiser)).json().winners.map((w: { proposalId: string }) => w.proposalId), [p2], 'the stale write changed nothing');
  t.match((await auditOf(world.competitionId, 'decision.recorded')).map((a) => a.data), [{ followsRanking: false, departureReason: 'The top proposal was funded elsewhere', round: 1 }]);

  const published = await call('POST', `${base}/results/publish`, world.organiser, {});
  t.equal(published.statusCode, 200, 'published with every review in and a decision');
  const document = published.json().document;
  t.match(document, { winners: [{ position: 1, proposalId: p2, rank: 2, prize: { amount: 500000, currency: 'EUR' } }], decision: { followsRanking: false, departureReason: 'The top proposal was funded elsewhere' }, override: null });
  t.same(document.ranking.map((r: { rank: number; proposalId: string; score: number }) => [r.rank, r.proposalId, r.score]), [[1, p1, 88.89], [2, p2, 44.44], [3, p3, 11.11]], 'publishFullRanking: the whole ranking is published');
  t.same((await call('GET', `${base}/results`, undefined)).json().document, document, 'the public results are the document published');

  // Frozen: every write of judging is 409 RESULTS_PUBLISHED.
  const [newcomer] = await insertApplicants(app, 1);
  const frozen: Array<[string, Promise<Awaited<ReturnType<typeof call>>>]> = [
    ['publish again', call('POST', `${base}/results/publish`, world.organiser)],
    ['invite', call('POST', `${base}/judges`, world.organiser, { email: newcomer!.email })],
    ['remove a judge', call('POST', `${base}/judges/${j1.judgeId}/remove`, world.organiser, { keepReviews: true, reason: 'late' })],
    ['declare a conflict', call('POST', `${base}/conflicts`, world.organiser, { judgeId: j1.judgeId, proposalId: p3, reason: 'late' })],
    ['withdraw a conflict', call('DELETE', `${base}/conflicts/${randomUUID()}`, world.organiser)],
    ['bid', call('PUT', `${base}/bids/${p1}`, j1, { bid: 'eager' })],
    ['dry run', call('POST', `${base}/assignments/plans`, world.organiser)],
    ['manual assignment', call('POST', `${base}/assignments`, world.organiser, { judgeId: j1.judgeId, proposalId: p1 })],
    ['remove an assignment', call('DELETE', `${base}/assignments/${randomUUID()}`, world.organiser)],
    ['shortlist', call('POST', `${base}/shortlist`, world.organiser, { size: 1 })],
  ];
  for (const [what, pending] of frozen) {
    const res = await pending;
    t.equal(res.statusCode, 409, what);
    t.equal(res.json().code, 'RESULTS_PUBLISHED', what);
  }
  t.equal((await call('GET', `${base}/judges`, world.organiser)).json().items.length, 1, 'the panel is unchanged');

  const feedback = await call('GET', `/v1/proposals/${p1}/feedback`, world.applicants[0]);
  t.equal(feedback.statusCode, 200);
  t.same(feedback.json(), { proposalId: p1, competitionId: world.competitionId, comments: [{ round: 1, comment: 'Strong plan, clear budget' }] }, 'comments only: no score or rank unless the competition shows them');
  t.same((await call('GET', `/v1/proposals/${p3}/feedback`, world.applicants[2])).json().comments, [], 'a blank comment is not feedback');
  const asOrganiser = await call('GET', `/v1/proposals/${p1}/feedback`, world.organiser);
  t.equal(asOrganiser.statusCode, 404, 'feedback is the applicant’s, not the organiser’s');
  t.equal(asOrganiser.json().code, 'NOT_FOUND');
  t.equal((await call('GET', `/v1/proposals/${p1}/feedback`, j1)).statusCode, 404, 'nor the judge’s');
});

t.test('the shortlist round by size: round 2 has its own plan, reviews and ranking; ?round=1 keeps the first; a second shortlist is refused', async (t) => {
  const world = await judgingWorld(app, { count: 4, judges: 2, judging: { reviewsPerProposal: 1 } });
  const [j1, j2] = world.judges as [JudgingWorld['judges'][0], JudgingWorld['judges'][0]];
  const [p1, p2, p3, p4] = world.proposalIds as [string, string, string, string];
  const base = c(world.competitionId);
  await assignAll(app, world);

  const nothingRanked = await call('POST', `${base}/shortlist`, world.organiser, { size: 2 });
  t.equal(nothingRanked.statusCode, 409);
  t.equal(nothingRanked.json().code, 'ROUND_NOT_ALLOWED', 'no reviews: nothing to shortlist');
  const noSize = await call('POST', `${base}/shortlist`, world.organiser, {});
  t.equal(noSize.statusCode, 422);
  t.match(noSize.json().errors, [{ field: 'size', code: 'REQUIRED' }], 'no size and no shortlistSize configured');

  const mine = (judge: TestUser) => call('GET', `${base}/my-assignments`, judge).then((r) => r.json().items.map((i: { proposalId: string }) => i.proposalId) as string[]);
  const scores = new Map([[p1, all(9)], [p2, all(7)], [p3, all(5)], [p4, all(3)]]);
  for (const judge of [j1, j2]) for (const p of await mine(judge)) await submitReview(app, world.competitionId, judge, p, scores.get(p)!);
  const round1 = async () => (await call('GET', `${base}/ranking?round=1`, world.organiser)).json();
  t.same((await round1()).entries.map((e: { proposalId: string }) => e.proposalId), [p1, p2, p3, p4]);

  t.equal((await call('POST', `${base}/shortlist`, j1, { size: 2 })).statusCode, 404, 'a judge does not shortlist');
  const shortlist = await call('POST', `${base}/shortlist`, world.organiser, { size: 2, reviewsPerProposal: 2 });
  t.equal(shortlist.statusCode, 201);
  t.same(shortlist.json(), { round: 2, reviewsPerProposal: 2, proposalIds: [p1, p2] }, 'the top two advance');
  const twice = await call('POST', `${base}/shortlist`, world.organiser, { size: 1 });
  t.equal(twice.statusCode, 409);
  t.equal(twice.json().code, 'ROUND_NOT_ALLOWED', 'one shortlist round per competition');

  const fresh = (await call('GET', `${base}/ranking`, world.organiser)).json();
  t.equal(fresh.round, 2, 'the current round by default');
  t.same(fresh.entries, []);
  t.same(fresh.unranked.map((u: { proposalId: string; reason: string }) => [u.proposalId, u.reason]), [[p1, 'no_reviews'], [p2, 'no_reviews']].sort());
  t.same((await call('GET', `${base}/assignments`, world.organiser)).json(), { round: 2, items: [] }, 'round 2 starts without assignments');
  t.equal((await call('GET', `${base}/judges`, world.organiser)).json().round, 2);
  const outside = await call('POST', `${base}/assignments`, world.organiser, { judgeId: j1.judgeId, proposalId: p3 });
  t.equal(outside.statusCode, 404, 'a proposal not shortlisted is not assigned in round 2');

  const plan = (await call('POST', `${base}/assignments/plans`, world.organiser)).json();
  t.equal(plan.round, 2);
  t.same(byPair(plan.assignments), byPair([j1, j2].flatMap((j) => [p1, p2].map((proposalId) => ({ judgeId: j.judgeId, proposalId })))), 'both judges review both shortlisted proposals');
  t.equal((await call('POST', `${base}/assignments/plans/${plan.planId}/apply`, world.organiser)).statusCode, 200);
  const myRound2 = (await call('GET', `${base}/my-assignments`, j1)).json();
  t.match(myRound2, { round: 2, progress: { assigned: 2, submitted: 0, drafts: 0 } });
  t.match((await call('GET', `${base}/judging-progress`, world.organiser)).json(), { round: 2, reviewsPerProposal: 2, totals: { assignments: 4, submitted: 0, missing: 4 } });
  t.equal((await call('GET', `${base}/my-assignments/${p1}/review`, j1)).headers.etag, '"v0"', 'a new review for the new round');

  // Round 2 reverses the order of the two.
  for (const judge of [j1, j2]) {
    await submitReview(app, world.competitionId, judge, p1, all(6)); // 55.56
    await submitReview(app, world.competitionId, judge, p2, all(8)); // 77.78
  }
  const final = (await call('GET', `${base}/ranking`, world.organiser)).json();
  t.same(final.entries.map((e: { proposalId: string; score: number; reviewCount: number }) => [e.proposalId, e.score, e.reviewCount]), [[p2, 77.78, 2], [p1, 55.56, 2]]);
  t.same((await round1()).entries.map((e: { proposalId: string }) => e.proposalId), [p1, p2, p3, p4], 'round 1 keeps its own ranking');
  const bias = (await call('GET', `${base}/judge-bias?round=2`, world.organiser)).json();
  t.equal(bias.round, 2);
  t.same(bias.judges.map((j: { judgeId: string; count: number; mean: number }) => [j.judgeId, j.count, j.mean]).sort(), [[j1.judgeId, 2, 66.67], [j2.judgeId, 2, 66.67]].sort());

  const decided = await call('PUT', `${base}/decision`, world.organiser, { winners: [{ proposalId: p2, prizeAmount: 500000 }] }, { 'if-match': '"v0"' });
  t.equal(decided.statusCode, 200, 'the top of round 2 needs no departure reason');
  t.match(decided.json(), { winners: [{ proposalId: p2, rank: 1 }], departureReason: null });
  const published = await call('POST', `${base}/results/publish`, world.organiser);
  t.equal(published.statusCode, 200, 'every round-2 review is in');
  const feedback = (await call('GET', `/v1/proposals/${p1}/feedback`, world.applicants[0])).json();
  t.same(feedback.comments, [], 'no comments were written');
});

t.test('the shortlist round by chosen proposals: unknown ones refused, a departure from the ranking needs a reason (audited)', async (t) => {
  const world = await judgingWorld(app, { count: 3, judges: 1, judging: { reviewsPerProposal: 1 } });
  const j1 = world.judges[0]!;
  const [p1, p2, p3] = world.proposalIds as [string, string, string];
  const base = c(world.competitionId);
  await assignAll(app, world);
  for (const [p, s] of [[p1, 9], [p2, 5], [p3, 2]] as const) await submitReview(app, world.competitionId, j1, p, all(s));

  const stranger = randomUUID();
  const unknown = await call('POST', `${base}/shortlist`, world.organiser, { proposalIds: [p1, stranger] });
  t.equal(unknown.statusCode, 422);
  t.match(unknown.json().errors, [{ field: 'proposalIds', code: 'UNKNOWN_PROPOSAL' }]);
  t.ok(unknown.json().errors[0].message.includes(stranger), 'the unknown id is named');
  const noReason = await call('POST', `${base}/shortlist`, world.organiser, { proposalIds: [p3, p1] });
  t.equal(noReason.statusCode, 422);
  t.match(noReason.json().errors, [{ field: 'reason', code: 'REQUIRED' }], 'p1 and p3 are not the top two');
  const member = await plainMember(world);
  t.equal((await call('POST', `${base}/shortlist`, member, { proposalIds: [p1] })).statusCode, 403);

  const chosen = await call('POST', `${base}/shortlist`, world.organiser, { proposalIds: [p3, p1, p3], reason: 'p3 is the only rural project' });
  t.equal(chosen.statusCode, 201);
  t.same(chosen.json(), { round: 2, reviewsPerProposal: 1, proposalIds: [p3, p1] }, 'duplicates dropped; reviews per proposal as in round 1');
  t.match((await auditOf(world.competitionId, 'round.created')).map((a) => a.data), [{ round: 2, proposals: [p3, p1], reason: 'p3 is the only rural project' }]);
  const ranking = (await call('GET', `${base}/ranking?round=2`, world.organiser)).json();
  t.equal(ranking.round, 2);
  t.same(ranking.unranked.map((u: { proposalId: string }) => u.proposalId), [p1, p3].sort(), 'round 2 holds exactly the chosen proposals');
  t.same(ranking.entries, []);
  const plan = (await call('POST', `${base}/assignments/plans`, world.organiser)).json();
  t.same(byPair(plan.assignments), byPair([p1, p3].map((proposalId) => ({ judgeId: j1.judgeId, proposalId }))));
  t.equal((await call('POST', `${base}/assignments/plans/${plan.planId}/apply`, world.organiser)).statusCode, 200);

  // Only p3 is reviewed in round 2: publishing needs an override, which the document and the audit log record.
  await submitReview(app, world.competitionId, j1, p3, all(6));
  const decided = await call('PUT', `${base}/decision`, world.organiser, { winners: [{ proposalId: p3, prizeAmount: 500000 }] }, { 'if-match': '"v0"' });
  t.match(decided.json(), { winners: [{ proposalId: p3, rank: 1 }], departureReason: null }, 'p3 tops the round-2 ranking');
  const missing = await call('POST', `${base}/results/publish`, world.organiser, { override: false });
  t.equal(missing.statusCode, 409);
  t.match(missing.json(), { code: 'REVIEWS_MISSING', missing: 1, round: 2 }, 'the last round’s reviews are the ones that must be in');
  const overridden = await call('POST', `${base}/results/publish`, world.organiser, { override: true, reason: 'The judge is unreachable' });
  t.equal(overridden.statusCode, 200);
  t.same(overridden.json().document.override, { missingReviews: 1, reason: 'The judge is unreachable' });
  t.notOk('ranking' in overridden.json().document, 'the full ranking is not published unless asked');
  t.match((await auditOf(world.competitionId, 'results.published')).map((a) => a.data), [{ override: true, reason: 'The judge is unreachable', missingReviews: 1, round: 2 }]);
});

t.test('an unreviewed submitted proposal may be shortlisted and may win (with a reason); reviews that do not count are shown to nobody', async (t) => {
  const world = await judgingWorld(app, { count: 3, judges: 2, judging: { reviewsPerProposal: 2, showScoresToApplicants: false } });
  await assignAll(app, world);
  const [j1, j2] = world.judges as [JudgingWorld['judges'][0], JudgingWorld['judges'][0]];
  const [p1, p2, p3] = world.proposalIds as [string, string, string];
  await submitReview(app, world.competitionId, j1, p1, all(8), 'Strong, from judge one');
  await submitReview(app, world.competitionId, j2, p1, all(6), 'Fine, from judge two');
  await submitReview(app, world.competitionId, j1, p2, all(5));
  // p3 has no submitted review: not ranked, but a submitted proposal all the same.
  const otherUrl = `${c(world.competitionId)}/my-assignments/${p1}/other-reviews`;
  t.equal((await call('GET', otherUrl, j2)).json().items.length, 1, 'judge two sees judge one’s review');
  const removed = await call('POST', `${c(world.competitionId)}/judges/${j1.judgeId}/remove`, world.organiser, { keepReviews: false, reason: 'Late conflict' });
  t.equal(removed.statusCode, 200, removed.body);
  t.same((await call('GET', otherUrl, j2)).json().items, [], 'a review that no longer counts is not shown to other judges');

  const shortlist = await call('POST', `${c(world.competitionId)}/shortlist`, world.organiser, { proposalIds: [p1, p3], reason: 'p3 was never reviewed; the panel wants a look' });
  t.equal(shortlist.statusCode, 201, shortlist.body);
  t.same(shortlist.json().proposalIds, [p1, p3]);

  // A one-round competition for the decision and the feedback.
  const other = await judgingWorld(app, { count: 2, judges: 2, judging: { reviewsPerProposal: 2 } });
  await assignAll(app, other);
  const [k1, k2] = other.judges as [JudgingWorld['judges'][0], JudgingWorld['judges'][0]];
  await submitReview(app, other.competitionId, k1, other.proposalIds[0]!, all(7), 'Shown to the applicant');
  await submitReview(app, other.competitionId, k2, other.proposalIds[0]!, all(3), 'From a judge removed without their reviews');
  t.equal((await call('POST', `${c(other.competitionId)}/judges/${k2.judgeId}/remove`, other.organiser, { keepReviews: false, reason: 'Biased' })).statusCode, 200);
  const unranked = other.proposalIds[1]!;
  const noReason = await call('PUT', `${c(other.competitionId)}/decision`, other.organiser, { winners: [{ proposalId: unranked, prizeAmount: 500000 }] }, { 'if-match': '"v0"' });
  t.equal(noReason.statusCode, 422);
  t.same(noReason.json().errors.map((e: { field: string }) => e.field), ['departureReason'], 'an unranked winner is a departure, not an unknown proposal');
  const decided = await call('PUT', `${c(other.competitionId)}/decision`, other.organiser, { winners: [{ proposalId: unranked, prizeAmount: 500000 }], departureReason: 'Its reviews were lost; the panel read it together' }, { 'if-match': '"v0"' });
  t.equal(decided.statusCode, 200, decided.body);
  t.match(decided.json().winners, [{ proposalId: unranked, rank: null }]);

  const published = await call('POST', `${c(other.competitionId)}/results/publish`, other.organiser, { override: true, reason: 'Reviews of the second proposal were lost' });
  t.equal(published.statusCode, 200, published.body);
  const feedback = await call('GET', `/v1/proposals/${other.proposalIds[0]}/feedback`, other.applicants[0]);
  t.equal(feedback.statusCode, 200, feedback.body);
  t.same(feedback.json().comments.map((x: { comment: string }) => x.comment), ['Shown to the applicant'], 'the removed judge’s comment does not reach the applicant');
});
