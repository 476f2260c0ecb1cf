import { createPublicKey, verify } from 'node:crypto';
import t from 'tap';
import { canonicalJson } from '../../../src/lib/canonical-json.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { eventsOf } from '../../helpers/competitions.js';
import { addMember, createOrganisation, createUser, emailToken, insertApplicants } from '../../helpers/factories.js';
import { addJudge, assignAll, judgingWorld, submitReview } from '../../helpers/judging.js';

// Judging end to end over HTTP: panel, conflicts, assignment with dry run and apply, blind
// reviews with If-Match, anti-anchoring, ranking, decision, signed results, feedback.

const { app } = await buildFeatureApp(t);
const c = (id: string) => `/v1/competitions/${id}`;

t.test('the panel: invitations by email, accepted by the invited address only, once per address', async (t) => {
  const world = await judgingWorld(app, { count: 1, judges: 0 });
  const judge = await createUser(app);
  const invite = await app.inject({ method: 'POST', url: `${c(world.competitionId)}/judges`, headers: world.organiser.auth, payload: { email: judge.email, maxLoad: 5 } });
  t.equal(invite.statusCode, 201);
  t.match(invite.json(), { status: 'invited', maxLoad: 5, userId: null });
  const again = await app.inject({ method: 'POST', url: `${c(world.competitionId)}/judges`, headers: world.organiser.auth, payload: { email: judge.email.toUpperCase() } });
  t.equal(again.json().code, 'JUDGE_ALREADY_INVITED', 'an address is invited once, whatever its case');

  const token = await emailToken(app, judge.email.toLowerCase(), 'judge_invitation');
  const stranger = await createUser(app);
  const wrong = await app.inject({ method: 'POST', url: '/v1/judging/invitations/accept', headers: stranger.auth, payload: { token } });
  t.equal(wrong.statusCode, 403);
  t.equal(wrong.json().code, 'INVITATION_EMAIL_MISMATCH');
  const accepted = await app.inject({ method: 'POST', url: '/v1/judging/invitations/accept', headers: judge.auth, payload: { token } });
  t.equal(accepted.statusCode, 200);
  t.equal(accepted.json().status, 'accepted');
  const reused = await app.inject({ method: 'POST', url: '/v1/judging/invitations/accept', headers: judge.auth, payload: { token } });
  t.equal(reused.json().code, 'INVITATION_NOT_FOUND', 'a token works once');

  const panel = await app.inject({ url: `${c(world.competitionId)}/judges`, headers: world.organiser.auth });
  t.equal(panel.statusCode, 200);
  t.match(panel.json().items, [{ email: judge.email.toLowerCase(), status: 'accepted', userId: judge.id, load: { assigned: 0, submitted: 0 } }]);
  t.equal((await app.inject({ url: `${c(world.competitionId)}/judges`, headers: judge.auth })).statusCode, 404, 'a judge does not list the panel');
  const mine = await app.inject({ url: '/v1/me/judging', headers: judge.auth });
  t.match(mine.json().items, [{ competitionId: world.competitionId, blind: true }]);
  t.ok(((await eventsOf(app, world.competitionId)).map((e) => e.type)).includes('judge.responded'));
});

t.test('conflicts are detected (applicant, organisation-level) and a conflicted judge is never assigned nor reads the proposal', async (t) => {
  const world = await judgingWorld(app, { count: 4, judges: 3 });
  // One applicant also judges; another judge shares an organisation with the second applicant.
  const applicantJudge = world.applicants[0]!;
  const applicantJudgeId = await addJudge(app, world, applicantJudge);
  const shared = await createUser(app);
  const org = await createOrganisation(app, shared, { name: 'Kruh Mladých' });
  // The second applicant joins the judge's organisation after submitting: conflicts follow the current facts.
  await addMember(app, org, shared, world.applicants[1]!, 'member');
  const sharedJudgeId = await addJudge(app, world, shared);

  const conflicts = await app.inject({ url: `${c(world.competitionId)}/conflicts`, headers: world.organiser.auth });
  t.equal(conflicts.statusCode, 200);
  const has = (judgeId: string, proposalId: string, source: string) =>
    conflicts.json().items.some((x: { judgeId: string; proposalId: string; source: string }) => x.judgeId === judgeId && x.proposalId === proposalId && x.source === source);
  t.ok(has(applicantJudgeId, world.proposalIds[0]!, 'judge_is_applicant'), 'the judge is the applicant');
  t.ok(has(sharedJudgeId, world.proposalIds[1]!, 'shared_organisation'), 'an organisation-level conflict');
  t.match(conflicts.json().items.find((x: { source: string }) => x.source === 'shared_organisation'), { organisationId: org.id, organisationName: 'Kruh Mladých' });

  // An organisation-level conflict declared by the judge covers every proposal behind that organisation.
  const declared = await app.inject({ method: 'POST', url: `${c(world.competitionId)}/conflicts`, headers: shared.auth, payload: { proposalId: world.proposalIds[2], reason: 'I mentored this team' } });
  t.equal(declared.statusCode, 201);
  t.equal(declared.json().source, 'declared_by_judge');
  const both = await app.inject({ method: 'POST', url: `${c(world.competitionId)}/conflicts`, headers: shared.auth, payload: { proposalId: world.proposalIds[1], organisationId: org.id, reason: 'x' } });
  t.equal(both.statusCode, 422, 'exactly one of proposalId and organisationId');

  const plan = await assignAll(app, world);
  t.same(plan.uncovered, [], 'every proposal covered');
  const assignments = (await app.inject({ url: `${c(world.competitionId)}/assignments`, headers: world.organiser.auth })).json().items as Array<{ judgeId: string; proposalId: string; explanation: Record<string, unknown> }>;
  t.notOk(assignments.some((a) => a.judgeId === applicantJudgeId && a.proposalId === world.proposalIds[0]), 'the applicant never judges their own');
  t.notOk(assignments.some((a) => a.judgeId === sharedJudgeId && a.proposalId === world.proposalIds[1]), 'an organisation-level conflict is honoured');
  t.notOk(assignments.some((a) => a.judgeId === sharedJudgeId && a.proposalId === world.proposalIds[2]), 'a declared conflict is honoured');
  t.ok(assignments.every((a) => typeof a.explanation.reason === 'string' && a.explanation.conflictsChecked === true), 'each assignment explains itself');
  for (const p of world.proposalIds) t.equal(assignments.filter((a) => a.proposalId === p).length, 2, 'two reviews each');
  const loads = new Map<string, number>();
  for (const a of assignments) loads.set(a.judgeId, (loads.get(a.judgeId) ?? 0) + 1);
  t.ok(Math.max(...loads.values()) - Math.min(...loads.values()) <= 1, 'loads within one');

  const read = await app.inject({ url: `${c(world.competitionId)}/my-assignments/${world.proposalIds[0]}`, headers: applicantJudge.auth });
  t.equal(read.statusCode, 404, 'a conflicted judge cannot read the proposal');
  const manual = await app.inject({ method: 'POST', url: `${c(world.competitionId)}/assignments`, headers: world.organiser.auth, payload: { judgeId: applicantJudgeId, proposalId: world.proposalIds[0] } });
  t.equal(manual.json().code, 'JUDGE_CONFLICTED', 'nor be assigned by hand');
});

t.test('a plan is applied exactly as shown: once, and never after the facts changed', async (t) => {
  const world = await judgingWorld(app, { count: 6, judges: 3 });
  const dry = await app.inject({ method: 'POST', url: `${c(world.competitionId)}/assignments/plans`, headers: world.organiser.auth });
  t.equal(dry.statusCode, 201);
  t.equal(dry.json().assignments.length, 12);
  t.equal((await app.inject({ url: `${c(world.competitionId)}/assignments`, headers: world.organiser.auth })).json().items.length, 0, 'a dry run assigns nothing');

  // Two applies of the same plan at once: one wins.
  const url = `${c(world.competitionId)}/assignments/plans/${dry.json().planId}/apply`;
  const [a, b] = await Promise.all([app.inject({ method: 'POST', url, headers: world.organiser.auth }), app.inject({ method: 'POST', url, headers: world.organiser.auth })]);
  t.same([a.statusCode, b.statusCode].sort(), [200, 409]);
  t.equal([a, b].find((r) => r.statusCode === 409)!.json().code, 'PLAN_ALREADY_APPLIED');
  t.equal((await app.inject({ url: `${c(world.competitionId)}/assignments`, headers: world.organiser.auth })).json().items.length, 12, 'applied once');

  const next = await app.inject({ method: 'POST', url: `${c(world.competitionId)}/assignments/plans`, headers: world.organiser.auth });
  t.equal(next.json().assignments.length, 0, 'nothing left to plan: existing assignments are kept');
  await addJudge(app, world, (await insertApplicants(app, 1))[0]!);
  const stale = await app.inject({ method: 'POST', url: `${c(world.competitionId)}/assignments/plans/${next.json().planId}/apply`, headers: world.organiser.auth });
  t.equal(stale.statusCode, 409);
  t.equal(stale.json().code, 'PLAN_STALE', 'a changed panel makes the old plan stale');
});

t.test('reviewing: blind reads, If-Match, scales, anti-anchoring; a judge of one competition cannot touch another', async (t) => {
  const world = await judgingWorld(app, { count: 2, judges: 2 });
  await assignAll(app, world);
  const [j1, j2] = world.judges as [typeof world.judges[0], typeof world.judges[0]];
  const mine = (await app.inject({ url: `${c(world.competitionId)}/my-assignments`, headers: j1.auth })).json();
  t.equal(mine.progress.assigned, 2);
  t.ok(mine.next, 'a next proposal to review');
  const proposalId = mine.next.proposalId as string;

  const read = await app.inject({ url: `${c(world.competitionId)}/my-assignments/${proposalId}`, headers: j1.auth });
  t.equal(read.statusCode, 200);
  t.equal(read.json().blind, true);
  const applicant = world.applicants[world.proposalIds.indexOf(proposalId)]!;
  t.notOk(read.body.includes(applicant.email), 'no applicant email in a blind read');
  t.notOk(read.body.includes(applicant.id), 'no applicant id either');
  t.notOk('people' in read.json());

  const url = `${c(world.competitionId)}/my-assignments/${proposalId}/review`;
  const empty = await app.inject({ url, headers: j1.auth });
  t.equal(empty.headers.etag, '"v0"');
  const noIfMatch = await app.inject({ method: 'PUT', url, headers: j1.auth, payload: { scores: { impact: 5 } } });
  t.equal(noIfMatch.statusCode, 428);
  t.equal(noIfMatch.json().code, 'PRECONDITION_REQUIRED');
  const outOfScale = await app.inject({ method: 'PUT', url, headers: { ...j1.auth, 'if-match': '"v0"' }, payload: { scores: { impact: 11, nope: 3 } } });
  t.equal(outOfScale.statusCode, 422);
  t.same(outOfScale.json().errors.map((e: { field: string }) => e.field).sort(), ['scores.impact', 'scores.nope'], 'every bad score named');
  const draft = await app.inject({ method: 'PUT', url, headers: { ...j1.auth, 'if-match': '"v0"' }, payload: { scores: { impact: 7 }, noteForOrganisers: 'thin budget' } });
  t.equal(draft.statusCode, 200);
  t.equal(draft.json().status, 'draft');
  t.equal(draft.headers.etag, '"v1"');
  const staleSave = await app.inject({ method: 'PUT', url, headers: { ...j1.auth, 'if-match': '"v0"' }, payload: { scores: { impact: 8 } } });
  t.equal(staleSave.statusCode, 412, 'a stale If-Match');
  const incomplete = await app.inject({ method: 'PUT', url, headers: { ...j1.auth, 'if-match': '"v1"' }, payload: { scores: { impact: 7 }, submit: true } });
  t.equal(incomplete.statusCode, 422, 'a submitted review scores every criterion');

  const others = `${c(world.competitionId)}/my-assignments/${proposalId}/other-reviews`;
  await submitReview(app, world.competitionId, j2, proposalId, { impact: 9, innovation: 9, feasibility: 9 }, 'Great');
  const hidden = await app.inject({ url: others, headers: j1.auth });
  t.equal(hidden.statusCode, 403, 'other reviews hidden before one’s own is submitted');
  t.equal(hidden.json().code, 'REVIEW_NOT_SUBMITTED');
  await submitReview(app, world.competitionId, j1, proposalId, { impact: 7, innovation: 6, feasibility: 5 });
  const shown = await app.inject({ url: others, headers: j1.auth });
  t.equal(shown.statusCode, 200);
  t.match(shown.json().items, [{ judge: 'Judge 1', scores: { impact: 9 }, commentForApplicant: 'Great' }]);
  t.notOk(shown.body.includes(j2.judgeId), 'other judges are anonymous');

  // A judge of this competition, in another competition: 404 everywhere.
  const other = await judgingWorld(app, { count: 1, judges: 1 });
  await assignAll(app, other);
  t.equal((await app.inject({ url: `${c(other.competitionId)}/my-assignments`, headers: j1.auth })).statusCode, 404);
  t.equal((await app.inject({ url: `${c(other.competitionId)}/my-assignments/${other.proposalIds[0]}`, headers: j1.auth })).statusCode, 404);
  t.equal((await app.inject({ method: 'PUT', url: `${c(other.competitionId)}/my-assignments/${other.proposalIds[0]}/review`, headers: { ...j1.auth, 'if-match': '"v0"' }, payload: { scores: {} } })).statusCode, 404);
  t.equal((await app.inject({ url: `${c(world.competitionId)}/ranking`, headers: other.organiser.auth })).statusCode, 404, 'another organiser cannot rank this competition');
});

t.test('from reviews to signed public results, frozen afterwards, with feedback for applicants', async (t) => {
  const world = await judgingWorld(app, { count: 3, judges: 2, judging: { reviewsPerProposal: 2, showScoresToApplicants: true } });
  await assignAll(app, world);
  const scores = [
    { impact: 9, innovation: 8, feasibility: 8 },
    { impact: 5, innovation: 5, feasibility: 5 },
    { impact: 2, innovation: 3, feasibility: 2 },
  ];
  for (const [i, p] of world.proposalIds.entries()) {
    await submitReview(app, world.competitionId, world.judges[0]!, p, scores[i]!, `Comment ${i} from the first judge`);
  }
  // One review missing: publishing needs an override.
  for (const [i, p] of world.proposalIds.slice(0, 2).entries()) await submitReview(app, world.competitionId, world.judges[1]!, p, scores[i]!);

  const ranking = await app.inject({ url: `${c(world.competitionId)}/ranking`, headers: world.organiser.auth });
  t.equal(ranking.statusCode, 200);
  t.same(ranking.json().entries.map((e: { proposalId: string }) => e.proposalId), world.proposalIds, 'ranked by score');
  const winner = world.proposalIds[0]!;

  const decisionUrl = `${c(world.competitionId)}/decision`;
  const badSum = await app.inject({ method: 'PUT', url: decisionUrl, headers: { ...world.organiser.auth, 'if-match': '"v0"' }, payload: { winners: [{ proposalId: winner, prizeAmount: 100 }] } });
  t.equal(badSum.statusCode, 422);
  t.ok(badSum.json().errors.some((e: { code: string }) => e.code === 'SHARES_DO_NOT_SUM'));
  const departs = await app.inject({ method: 'PUT', url: decisionUrl, headers: { ...world.organiser.auth, 'if-match': '"v0"' }, payload: { winners: [{ proposalId: world.proposalIds[2], prizeAmount: 500000 }] } });
  t.equal(departs.statusCode, 422, 'departing from the ranking needs a reason');
  t.ok(departs.json().errors.some((e: { field: string }) => e.field === 'departureReason'));
  const decided = await app.inject({ method: 'PUT', url: decisionUrl, headers: { ...world.organiser.auth, 'if-match': '"v0"' }, payload: { winners: [{ proposalId: winner, prizeAmount: 500000 }] } });
  t.equal(decided.statusCode, 200);
  t.equal(decided.headers.etag, '"v1"');

  const publishUrl = `${c(world.competitionId)}/results/publish`;
  const missing = await app.inject({ method: 'POST', url: publishUrl, headers: world.organiser.auth });
  t.equal(missing.statusCode, 409);
  t.match(missing.json(), { code: 'REVIEWS_MISSING', missing: 1 });
  t.equal((await app.inject({ url: `${c(world.competitionId)}/results` })).json().code, 'RESULTS_NOT_PUBLISHED');
  const noReason = await app.inject({ method: 'POST', url: publishUrl, headers: world.organiser.auth, payload: { override: true } });
  t.equal(noReason.statusCode, 422);
  const published = await app.inject({ method: 'POST', url: publishUrl, headers: world.organiser.auth, payload: { override: true, reason: 'The second judge fell ill' } });
  t.equal(published.statusCode, 200, published.body);
  t.equal((await app.inject({ url: c(world.competitionId) })).json().status, 'results_published');

  const results = await app.inject({ url: `${c(world.competitionId)}/results` });
  t.equal(results.statusCode, 200);
  const { document, signature } = results.json();
  t.match(document.winners, [{ position: 1, proposalId: winner, prize: { amount: 500000, currency: 'EUR' } }]);
  const key = (await app.inject({ url: '/v1/receipts/public-key' })).json();
  const publicKey = createPublicKey(key.publicKeyPem);
  t.ok(verify(null, Buffer.from(canonicalJson(document)), publicKey, Buffer.from(signature, 'base64url')), 'the results verify offline with the public key');
  const bytes = Buffer.from(canonicalJson(document));
  bytes[bytes.indexOf(Buffer.from('500000'))] = '6'.charCodeAt(0);
  t.notOk(verify(null, bytes, publicKey, Buffer.from(signature, 'base64url')), 'one changed byte fails verification');

  const frozenReview = await app.inject({
    method: 'PUT',
    url: `${c(world.competitionId)}/my-assignments/${world.proposalIds[2]}/review`,
    headers: { ...world.judges[1]!.auth, 'if-match': '"v0"' },
    payload: { scores: scores[2] },
  });
  t.equal(frozenReview.json().code, 'RESULTS_PUBLISHED', 'reviews are frozen after publication');
  const frozenDecision = await app.inject({ method: 'PUT', url: decisionUrl, headers: { ...world.organiser.auth, 'if-match': '"v1"' }, payload: { winners: [{ proposalId: winner, prizeAmount: 500000 }] } });
  t.equal(frozenDecision.json().code, 'RESULTS_PUBLISHED', 'and so is the decision');

  const feedback = await app.inject({ url: `/v1/proposals/${winner}/feedback`, headers: world.applicants[0]!.auth });
  t.equal(feedback.statusCode, 200);
  t.match(feedback.json(), { rank: 1, comments: [{ comment: 'Comment 0 from the first judge' }] });
  t.notOk(feedback.body.includes(world.judges[0]!.judgeId), 'no judge identity in feedback');
  t.equal((await app.inject({ url: `/v1/proposals/${winner}/feedback`, headers: world.applicants[1]!.auth })).statusCode, 404, 'only one’s own feedback');
  const types = (await eventsOf(app, world.competitionId)).map((e) => e.type);
  t.ok(types.includes('review.submitted') && types.includes('results.published'), 'judging emits its events');
});

