import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import t from 'tap';
import { assignmentPlans, assignments } from '../../../src/db/schema/index.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { addMember, insertApplicants, type TestUser } from '../../helpers/factories.js';
import { judgingWorld } from '../../helpers/judging.js';

// A dry run's plan kept compact and read page by page (GET …/assignments/plans/{planId}): cursors,
// the judge filter, forged and foreign cursors, who may read it; an apply inserts exactly the
// stored rows, explained as the plan explained them; a plan of another planner version is stale;
// assignments can only join a judge and a proposal of their own competition (composite keys).

const { app } = await buildFeatureApp(t);
const c = (id: string) => `/v1/competitions/${id}`;
const db = app.database.db;

type Method = 'GET' | 'POST';
const call = (method: Method, url: string, who: TestUser) => app.inject({ method, url, headers: who.auth });

interface PlannedRow {
  judgeId: string;
  proposalId: string;
  bid: string | null;
  judgeLoadBefore: number;
  judgeLoadAfter: number;
  eligibleJudges: number;
  reason: string;
}

t.test('a plan read page by page: the pages add up to the plan, in order; the judge filter; cursors of another plan or filter are refused', async (t) => {
  const world = await judgingWorld(app, { count: 7, judges: 3, judging: { reviewsPerProposal: 2 } });
  const plans = `${c(world.competitionId)}/assignments/plans`;

  const full = await call('POST', plans, world.organiser);
  t.equal(full.statusCode, 201);
  const plan = full.json();
  t.equal(plan.assignmentCount, 14, '7 proposals × 2 reviews');
  t.equal(plan.matchingAssignments, 14);
  t.equal(plan.assignments.length, 14, 'the default page holds the whole of a small plan');
  t.equal(plan.nextCursor, null);
  t.equal(plan.appliedAt, null);
  const order = (rows: PlannedRow[]) => rows.map((a) => `${a.proposalId}:${a.judgeId}`);
  t.same(order(plan.assignments), [...order(plan.assignments)].sort(), 'by proposal, then judge');

  const first = await call('POST', `${plans}?limit=5`, world.organiser);
  t.equal(first.statusCode, 201);
  t.equal(first.json().assignments.length, 5);
  t.type(first.json().nextCursor, 'string', 'a dry run with a small limit says where to continue');

  // Paging the first plan, 4 at a time.
  const seen: PlannedRow[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `${plans}/${plan.planId}?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await call('GET', url, world.organiser);
    t.equal(page.statusCode, 200, `page ${pages + 1}`);
    const body = page.json();
    t.equal(body.planId, plan.planId);
    t.same(body.loads, plan.loads, 'every page carries the loads');
    t.same(body.uncovered, plan.uncovered);
    seen.push(...body.assignments);
    cursor = body.nextCursor;
    pages++;
  } while (cursor !== null && pages < 10);
  t.equal(pages, 4, '14 assignments in pages of 4');
  t.same(seen, plan.assignments, 'the pages are the plan, explanations included');

  const judge = world.judges[0]!;
  const mine = (await call('GET', `${plans}/${plan.planId}?judgeId=${judge.judgeId}&limit=2`, world.organiser)).json();
  const expected = plan.assignments.filter((a: PlannedRow) => a.judgeId === judge.judgeId);
  t.equal(mine.matchingAssignments, expected.length);
  t.equal(mine.assignmentCount, 14, 'the count of the whole plan stays');
  t.same(mine.assignments, expected.slice(0, 2));
  const rest = (await call('GET', `${plans}/${plan.planId}?judgeId=${judge.judgeId}&limit=100&cursor=${encodeURIComponent(mine.nextCursor)}`, world.organiser)).json();
  t.same([...mine.assignments, ...rest.assignments], expected, 'a judge’s part of the plan, in two pages');

  const otherFilter = await call('GET', `${plans}/${plan.planId}?cursor=${encodeURIComponent(mine.nextCursor)}`, world.organiser);
  t.equal(otherFilter.statusCode, 422, 'a cursor of the judge filter is not a cursor of the whole plan');
  t.equal(otherFilter.json().code, 'VALIDATION_FAILED');
  t.same(otherFilter.json().errors.map((e: { field: string }) => e.field), ['cursor']);
  const otherPlan = await call('GET', `${plans}/${first.json().planId}?cursor=${encodeURIComponent(mine.nextCursor)}`, world.organiser);
  t.equal(otherPlan.statusCode, 422, 'nor of another plan');
  const forged = Buffer.from(JSON.stringify({ s: `${plan.planId}:`, o: 999 })).toString('base64url');
  t.equal((await call('GET', `${plans}/${plan.planId}?cursor=${forged}`, world.organiser)).statusCode, 422, 'an offset beyond the plan');
  t.equal((await call('GET', `${plans}/${plan.planId}?cursor=not-a-cursor`, world.organiser)).statusCode, 422, 'garbage');
  const badLimit = await call('GET', `${plans}/${plan.planId}?limit=0`, world.organiser);
  t.equal(badLimit.statusCode, 422);
  t.same(badLimit.json().errors.map((e: { field: string }) => e.field), ['limit']);
  t.equal((await call('GET', `${plans}/${plan.planId}?limit=1001`, world.organiser)).statusCode, 422, 'at most 1,000 per page');
});

t.test('who may read a plan: organisers of the competition only; another competition’s plan is 404', async (t) => {
  const world = await judgingWorld(app, { count: 2, judges: 2, judging: { reviewsPerProposal: 1 } });
  const other = await judgingWorld(app, { count: 1, judges: 1, judging: { reviewsPerProposal: 1 } });
  const plan = (await call('POST', `${c(world.competitionId)}/assignments/plans`, world.organiser)).json();
  const url = `${c(world.competitionId)}/assignments/plans/${plan.planId}`;

  t.equal((await call('GET', url, world.organiser)).statusCode, 200);
  const [member] = await insertApplicants(app, 1);
  await addMember(app, world.organisation, world.organiser, member!, 'member');
  const forbidden = await call('GET', url, member!);
  t.equal(forbidden.statusCode, 403, 'a plain member is not an organiser');
  t.equal(forbidden.json().code, 'FORBIDDEN');
  const judge = await call('GET', url, world.judges[0]!);
  t.ok([403, 404].includes(judge.statusCode), 'nor is a judge');
  t.notOk(judge.body.includes(plan.assignments[0].proposalId), 'and a judge learns nothing of the plan');
  const foreign = await call('GET', `${c(other.competitionId)}/assignments/plans/${plan.planId}`, other.organiser);
  t.equal(foreign.statusCode, 404, 'the plan of another competition, through a competition the caller organises');
  t.equal(foreign.json().code, 'NOT_FOUND');
  t.equal((await call('GET', `${c(world.competitionId)}/assignments/plans/${randomUUID()}`, world.organiser)).statusCode, 404, 'an unknown plan');
  const cross = await call('GET', url, other.organiser);
  t.not(other.organiser.email, world.organiser.email, 'the other competition has its own organiser');
  t.equal(cross.statusCode, 404, 'another organisation’s organiser: the competition is not theirs to organise');
  t.notOk(cross.body.includes(plan.assignments[0].proposalId));
});

t.test('applying inserts exactly the stored rows with their explanations; the read plan says when; another planner version is stale', async (t) => {
  const world = await judgingWorld(app, { count: 4, judges: 3, judging: { reviewsPerProposal: 2 } });
  const plans = `${c(world.competitionId)}/assignments/plans`;
  const plan = (await call('POST', plans, world.organiser)).json();

  const applied = await call('POST', `${plans}/${plan.planId}/apply`, world.organiser);
  t.equal(applied.statusCode, 200);
  t.equal(applied.json().added, 8);
  const read = (await call('GET', `${plans}/${plan.planId}`, world.organiser)).json();
  t.type(read.appliedAt, 'string', 'the plan says it was applied');
  t.same(read.assignments, plan.assignments, 'and is still the plan it was');

  const items = (await call('GET', `${c(world.competitionId)}/assignments`, world.organiser)).json().items as Array<{ judgeId: string; proposalId: string; planId: string; explanation: Record<string, unknown> }>;
  t.equal(items.length, 8);
  for (const a of plan.assignments as PlannedRow[]) {
    const row = items.find((i) => i.judgeId === a.judgeId && i.proposalId === a.proposalId);
    t.ok(row, `${a.proposalId}:${a.judgeId} assigned`);
    t.match(row?.explanation, { reason: a.reason, bid: a.bid, judgeLoadBefore: a.judgeLoadBefore, judgeLoadAfter: a.judgeLoadAfter, eligibleJudges: a.eligibleJudges, conflictsChecked: true, planId: plan.planId }, 'explained as in the plan');
  }

  // A plan kept by another version of the planner is never applied, even on the same facts.
  const second = await judgingWorld(app, { count: 2, judges: 2, judging: { reviewsPerProposal: 1 } });
  const secondPlans = `${c(second.competitionId)}/assignments/plans`;
  const old = (await call('POST', secondPlans, second.organiser)).json();
  await db.update(assignmentPlans).set({ plan: sql`jsonb_set(${assignmentPlans.plan}, '{version}', '1')` }).where(eq(assignmentPlans.id, old.planId));
  const stale = await call('POST', `${secondPlans}/${old.planId}/apply`, second.organiser);
  t.equal(stale.statusCode, 409);
  t.equal(stale.json().code, 'PLAN_STALE');
  t.match(stale.json().detail, /planner changed/);
  const shapeless = (await call('POST', secondPlans, second.organiser)).json();
  await db.update(assignmentPlans).set({ plan: { planDigest: 'from an earlier release', assignments: 2 } }).where(eq(assignmentPlans.id, shapeless.planId));
  t.equal((await call('POST', `${secondPlans}/${shapeless.planId}/apply`, second.organiser)).json().code, 'PLAN_STALE', 'a plan stored in an earlier shape is stale');
  const empty = (await call('GET', `${secondPlans}/${shapeless.planId}`, second.organiser)).json();
  t.match(empty, { assignmentCount: 0, assignments: [], nextCursor: null }, 'and reads as an empty plan');
  t.equal((await db.select().from(assignments).where(eq(assignments.competitionId, second.competitionId))).length, 0, 'nothing was assigned');
});

t.test('a plan whose facts changed is refused and leaves nothing behind: the rows inserted beside the re-read are rolled back', async (t) => {
  const world = await judgingWorld(app, { count: 6, judges: 3, judging: { reviewsPerProposal: 2 } });
  const plans = `${c(world.competitionId)}/assignments/plans`;
  const plan = (await call('POST', plans, world.organiser)).json();
  t.equal(plan.assignmentCount, 12);
  const patched = await app.inject({ method: 'PATCH', url: `${c(world.competitionId)}/judges/${world.judges[0]!.judgeId}`, headers: world.organiser.auth, payload: { maxLoad: 1 } });
  t.equal(patched.statusCode, 200);

  const stale = await call('POST', `${plans}/${plan.planId}/apply`, world.organiser);
  t.equal(stale.statusCode, 409);
  t.equal(stale.json().code, 'PLAN_STALE');
  t.equal((await db.select().from(assignments).where(eq(assignments.competitionId, world.competitionId))).length, 0, 'no row of the stale plan stays');
  t.equal((await call('GET', `${plans}/${plan.planId}`, world.organiser)).json().appliedAt, null, 'and the plan is not marked applied');

  const fresh = (await call('POST', plans, world.organiser)).json();
  const applied = await call('POST', `${plans}/${fresh.planId}/apply`, world.organiser);
  t.equal(applied.statusCode, 200);
  t.equal(applied.json().added, fresh.assignmentCount, 'a new dry run on the new facts applies');
  t.equal((await db.select().from(assignments).where(eq(assignments.competitionId, world.competitionId))).length, fresh.assignmentCount);
});

t.test('an assignment joins a judge and a proposal of its own competition only (composite foreign keys)', async (t) => {
  const a = await judgingWorld(app, { count: 1, judges: 1, judging: { reviewsPerProposal: 1 } });
  const b = await judgingWorld(app, { count: 1, judges: 1, judging: { reviewsPerProposal: 1 } });
  const row = (competitionId: string, judgeId: string, proposalId: string) => ({ competitionId, round: 1, judgeId, proposalId, source: 'manual' as const, explanation: {} });
  await t.rejects(db.insert(assignments).values(row(a.competitionId, b.judges[0]!.judgeId, a.proposalIds[0]!)), { cause: { code: '23503' } }, 'a judge of another competition');
  await t.rejects(db.insert(assignments).values(row(a.competitionId, a.judges[0]!.judgeId, b.proposalIds[0]!)), { cause: { code: '23503' } }, 'a proposal of another competition');
  await db.insert(assignments).values(row(a.competitionId, a.judges[0]!.judgeId, a.proposalIds[0]!));
  t.equal((await db.select().from(assignments).where(eq(assignments.competitionId, a.competitionId))).length, 1, 'its own judge and proposal');
});
