import fc from 'fast-check';
import t from 'tap';
import { canonicalAssignmentInput, planAssignment, type AssignmentInput, type AssignmentPlan, type Bid } from '../../../src/modules/judging/assignment.js';

// The automatic judge assignment (pure): hand-computed fixtures for every rule, text and edge case,
// then properties over random small instances, checked against the module's documented guarantees
// and, on tiny instances, against an exhaustive search for the optimum of the four tiers.

const plan = (partial: Partial<AssignmentInput>): AssignmentPlan =>
  planAssignment({ reviewsPerProposal: 1, proposals: [], judges: [], conflicts: [], bids: [], existing: [], ...partial });
const ids = (...list: string[]) => list.map((id) => ({ id }));
const pairs = (p: AssignmentPlan) => p.assignments.map((a) => `${a.proposalId}:${a.judgeId}`);
const totals = (p: AssignmentPlan) => Object.fromEntries(p.loads.map((l) => [l.judgeId, l.total]));

// ---------------------------------------------------------------------------------------------
// Fixtures: coverage, balance, explanations.

t.test('three judges, three proposals, two reviews each: every proposal covered, loads 2/2/2, the lowest index breaks ties', async (t) => {
  const result = plan({ reviewsPerProposal: 2, proposals: ids('p1', 'p2', 'p3'), judges: ids('a', 'b', 'c') });
  // Greedy, p1 → p3: p1 takes a, b (all at 0, lowest index); p2 takes c (0), then a (1, before b);
  // p3 takes b and c (1 each, a already at the level 2).
  t.same(pairs(result), ['p1:a', 'p1:b', 'p2:a', 'p2:c', 'p3:b', 'p3:c']);
  t.same(
    result.assignments.map((a) => [a.judgeLoadBefore, a.judgeLoadAfter, a.judgeLoadPlanned]),
    [[0, 1, 2], [0, 1, 2], [1, 2, 2], [0, 1, 2], [1, 2, 2], [1, 2, 2]],
    'loads before/after run in output order; planned is the final load',
  );
  t.same(result.loads, [
    { judgeId: 'a', existing: 0, added: 2, total: 2, maxLoad: null },
    { judgeId: 'b', existing: 0, added: 2, total: 2, maxLoad: null },
    { judgeId: 'c', existing: 0, added: 2, total: 2, maxLoad: null },
  ]);
  t.same(result.uncovered, []);
  t.same(result.targetLoad, { min: 2, max: 2 }, '6 reviews over 3 judges: exactly 2 each');
  t.equal(result.assignments[0]!.reason, 'No bid; chosen to keep loads balanced (load 0 → 1 of 2 planned, target 2–2; 3 of 3 judges had no conflict).');
  t.same(result.assignments.map((a) => [a.bid, a.eligibleJudges, a.conflictedJudges]), Array(6).fill([null, 3, 0]));
});

t.test('targetLoad: a range when the reviews do not divide evenly, a point when they do, zero when nothing is placed', async (t) => {
  t.same(plan({ proposals: ids('p1', 'p2', 'p3'), judges: ids('a', 'b') }).targetLoad, { min: 1, max: 2 }, '3 reviews over 2 judges');
  t.same(plan({ proposals: ids('p1', 'p2', 'p3', 'p4'), judges: ids('a', 'b') }).targetLoad, { min: 2, max: 2 }, '4 reviews over 2 judges');
  const capped = plan({ proposals: ids('p1', 'p2', 'p3', 'p4', 'p5'), judges: [{ id: 'a', maxLoad: 1 }, { id: 'b' }, { id: 'c' }] });
  t.same(capped.targetLoad, { min: 2, max: 2 }, 'a judge capped at 1 lifts the others to 2');
  t.same(totals(capped), { a: 1, b: 2, c: 2 });
  const withExisting = plan({ proposals: ids('p1', 'p2', 'p3'), judges: ids('a', 'b', 'c'), existing: [{ judgeId: 'a', proposalId: 'p1' }] });
  t.same(withExisting.targetLoad, { min: 1, max: 1 }, 'the level counts existing work: a already has 1');
  t.same(totals(withExisting), { a: 1, b: 1, c: 1 });
  t.same(plan({ proposals: [], judges: ids('a') }).targetLoad, { min: 0, max: 0 });
  t.same(plan({ proposals: ids('p1'), judges: [] }).targetLoad, { min: 0, max: 0 });
});

t.test('a judge never gets the same proposal twice, even when reviewsPerProposal exceeds the panel', async (t) => {
  const result = plan({ reviewsPerProposal: 3, proposals: ids('p1'), judges: ids('a', 'b') });
  t.same(pairs(result), ['p1:a', 'p1:b']);
  t.same(result.uncovered, [{ proposalId: 'p1', assigned: 2, missing: 1, reason: 'only 2 judges on the panel, 3 needed', fix: 'needs 1 more judge on the panel', eligibleJudges: 2 }]);
  const one = plan({ reviewsPerProposal: 3, proposals: ids('p1'), judges: ids('a') });
  t.same(one.uncovered, [{ proposalId: 'p1', assigned: 1, missing: 2, reason: 'only 1 judge on the panel, 3 needed', fix: 'needs 2 more judges on the panel', eligibleJudges: 1 }]);
});

t.test('no judges: nothing assigned, every proposal uncovered for lack of a panel', async (t) => {
  const result = plan({ reviewsPerProposal: 2, proposals: ids('p2', 'p1') });
  t.same(result, {
    assignments: [],
    loads: [],
    uncovered: [
      { proposalId: 'p1', assigned: 0, missing: 2, reason: 'only 0 judges on the panel, 2 needed', fix: 'needs 2 more judges on the panel', eligibleJudges: 0 },
      { proposalId: 'p2', assigned: 0, missing: 2, reason: 'only 0 judges on the panel, 2 needed', fix: 'needs 2 more judges on the panel', eligibleJudges: 0 },
    ],
    targetLoad: { min: 0, max: 0 },
  });
});

t.test('no proposals: an empty plan with every judge at zero', async (t) => {
  t.same(plan({ reviewsPerProposal: 3, judges: [{ id: 'b', maxLoad: 4 }, { id: 'a' }] }), {
    assignments: [],
    loads: [
      { judgeId: 'a', existing: 0, added: 0, total: 0, maxLoad: null },
      { judgeId: 'b', existing: 0, added: 0, total: 0, maxLoad: 4 },
    ],
    uncovered: [],
    targetLoad: { min: 0, max: 0 },
  });
});

t.test('invalid counts are refused with a RangeError naming the field', async (t) => {
  t.throws(() => plan({ reviewsPerProposal: 0 }), new RangeError('reviewsPerProposal must be an integer >= 1, got 0'));
  t.throws(() => plan({ reviewsPerProposal: 1.5 }), new RangeError('reviewsPerProposal must be an integer >= 1, got 1.5'));
  t.throws(() => plan({ judges: [{ id: 'a', maxLoad: -1 }] }), new RangeError('maxLoad of judge a must be an integer >= 0, got -1'));
  t.throws(() => plan({ judges: [{ id: 'a', maxLoad: 2.5 }] }), new RangeError('maxLoad of judge a must be an integer >= 0, got 2.5'));
  t.throws(() => canonicalAssignmentInput({ reviewsPerProposal: 0, proposals: [], judges: [], conflicts: [], bids: [], existing: [] }), RangeError);
  t.doesNotThrow(() => plan({ judges: [{ id: 'a', maxLoad: 0 }] }), 'a max load of 0 is allowed');
});

t.test('an instance too large for exact integer costs is refused rather than planned approximately', async (t) => {
  // 100 judges and one proposal wanting 10⁹ reviews: the tier weights would pass 2⁵³.
  const judges = Array.from({ length: 100 }, (_, i) => ({ id: `j${String(i).padStart(3, '0')}` }));
  t.throws(() => plan({ reviewsPerProposal: 1_000_000_000, proposals: ids('p1'), judges }), new RangeError('assignment instance too large for exact costs'));
});

// ---------------------------------------------------------------------------------------------
// Max loads.

t.test('max loads are honoured and the fix names the smallest max load that covers everything', async (t) => {
  const result = plan({ reviewsPerProposal: 2, proposals: ids('p1', 'p2'), judges: [{ id: 'a', maxLoad: 1 }, { id: 'b', maxLoad: 1 }] });
  t.same(pairs(result), ['p1:a', 'p1:b'], 'the most constrained (then lowest) proposal is filled first');
  t.same(result.uncovered, [
    {
      proposalId: 'p2',
      assigned: 0,
      missing: 2,
      reason: '2 reviews could not be placed: the judges without a conflict who could take them are at their max load',
      fix: 'raise the max load of judges to 2',
      eligibleJudges: 2,
    },
  ]);
  t.same(result.loads.map((l) => [l.total, l.maxLoad]), [[1, 1], [1, 1]]);
  t.same(result.targetLoad, { min: 1, max: 1 });
});

t.test('all judges capped at 0: nothing placed, the fix is to raise the max load to 1', async (t) => {
  const result = plan({ proposals: ids('p1', 'p2'), judges: [{ id: 'a', maxLoad: 0 }, { id: 'b', maxLoad: 0 }] });
  t.same(result.assignments, []);
  t.same(result.uncovered.map((u) => [u.proposalId, u.assigned, u.missing, u.fix]), [['p1', 0, 1, 'raise the max load of judges to 1'], ['p2', 0, 1, 'raise the max load of judges to 1']]);
  t.same(result.uncovered[0]!.reason, '1 review could not be placed: the judges without a conflict who could take it are at their max load');
  t.same(result.targetLoad, { min: 0, max: 0 });
});

t.test('a capped judge beside an uncapped one: the uncapped judge takes the rest, the capped one never passes its cap', async (t) => {
  const result = plan({ reviewsPerProposal: 2, proposals: ids('p1'), judges: [{ id: 'a', maxLoad: 0 }, { id: 'b' }] });
  t.same(pairs(result), ['p1:b']);
  t.same(result.uncovered, [
    {
      proposalId: 'p1',
      assigned: 1,
      missing: 1,
      reason: '1 review could not be placed: the judges without a conflict who could take it are at their max load',
      fix: 'raise the max load of judges to 1',
      eligibleJudges: 2,
    },
  ]);
});

t.test('the suggested max load is a total load: existing work counts, and a judge already over its cap gets nothing', async (t) => {
  // a has 2 existing reviews (p0, p00) under a max load of 2; p1 can only go to a (b is conflicted).
  const result = plan({
    proposals: ids('p0', 'p00', 'p1'),
    judges: [{ id: 'a', maxLoad: 2 }, { id: 'b' }],
    conflicts: [{ judgeId: 'b', proposalId: 'p1', source: 'declared_by_judge' }],
    existing: [{ judgeId: 'a', proposalId: 'p0' }, { judgeId: 'a', proposalId: 'p00' }],
  });
  t.same(result.assignments, []);
  t.same(result.uncovered.map((u) => [u.proposalId, u.missing, u.fix, u.eligibleJudges]), [['p1', 1, 'raise the max load of judges to 3', 1]]);
  const over = plan({ proposals: ids('p0', 'p1', 'p2', 'p3'), judges: [{ id: 'a', maxLoad: 1 }, { id: 'b' }], existing: [{ judgeId: 'a', proposalId: 'p0' }, { judgeId: 'a', proposalId: 'p1' }] });
  t.same(pairs(over), ['p2:b', 'p3:b'], 'a at 2 over a cap of 1 takes nothing new');
  t.same(over.loads[0], { judgeId: 'a', existing: 2, added: 0, total: 2, maxLoad: 1 });
});

t.test('a judge listed twice keeps the tighter cap, in any order', async (t) => {
  const maxLoadOf = (judges: AssignmentInput['judges']) => plan({ judges }).loads.map((l) => [l.judgeId, l.maxLoad]);
  t.same(maxLoadOf([{ id: 'a', maxLoad: 3 }, { id: 'a' }, { id: 'a', maxLoad: 2 }]), [['a', 2]]);
  t.same(maxLoadOf([{ id: 'a' }, { id: 'a', maxLoad: 2 }, { id: 'a', maxLoad: 3 }]), [['a', 2]]);
  t.same(maxLoadOf([{ id: 'a', maxLoad: null }, { id: 'a' }]), [['a', null]]);
  t.same(maxLoadOf([{ id: 'a', maxLoad: 0 }, { id: 'a', maxLoad: 5 }]), [['a', 0]]);
});

// ---------------------------------------------------------------------------------------------
// Conflicts and their explanations.

t.test('a conflicted judge is never assigned; a judge conflicted with everything stays at zero (the balance exception)', async (t) => {
  const result = plan({
    proposals: ids('p1', 'p2'),
    judges: ids('a', 'b', 'c'),
    conflicts: [{ judgeId: 'a', proposalId: 'p1', source: 'judge_is_applicant' }, { judgeId: 'a', proposalId: 'p2', source: 'shared_organisation', organisationId: 'o1', organisationName: 'Kruh' }],
  });
  t.same(pairs(result), ['p1:b', 'p2:c']);
  t.same(totals(result), { a: 0, b: 1, c: 1 });
  t.same(result.assignments.map((a) => [a.eligibleJudges, a.conflictedJudges]), [[2, 1], [2, 1]]);
  t.same(result.targetLoad, { min: 0, max: 1 }, 'the level counts a, who has room, though a can take nothing');
  t.equal(result.assignments[0]!.reason, 'No bid; chosen to keep loads balanced (load 0 → 1 of 1 planned, target 0–1; 2 of 3 judges had no conflict).');
});

t.test('too few judges without a conflict: the reason counts the conflicts by source, the fix asks for judges without one', async (t) => {
  const result = plan({
    reviewsPerProposal: 2,
    proposals: ids('p1'),
    judges: ids('a', 'b', 'c'),
    conflicts: [
      { judgeId: 'b', proposalId: 'p1', source: 'judge_is_team_member' },
      { judgeId: 'a', proposalId: 'p1', source: 'judge_is_applicant' },
      { judgeId: 'a', proposalId: 'p1', source: 'judge_is_applicant' }, // the same conflict twice counts once
    ],
  });
  t.same(pairs(result), ['p1:c']);
  t.same(result.uncovered, [
    {
      proposalId: 'p1',
      assigned: 1,
      missing: 1,
      reason: 'only 1 judge without a conflict, 2 needed (1 judge has a judge_is_applicant conflict, 1 judge has a judge_is_team_member conflict)',
      fix: 'needs 1 more judge without a conflict on this proposal',
      eligibleJudges: 1,
    },
  ]);
  const two = plan({ reviewsPerProposal: 2, proposals: ids('p1'), judges: ids('a', 'b', 'c'), conflicts: ['a', 'b', 'c'].map((judgeId) => ({ judgeId, proposalId: 'p1', source: 'declared_by_judge' })) });
  t.same(two.uncovered.map((u) => [u.reason, u.fix]), [['only 0 judges without a conflict, 2 needed (3 judges have a declared_by_judge conflict)', 'needs 2 more judges without a conflict on this proposal']]);
});

t.test('organisation-level conflicts: named by organisation (name, else id), most judges first, and the fix names them', async (t) => {
  const conflicts = [
    { judgeId: 'a', proposalId: 'p1', source: 'shared_organisation', organisationId: 'o-kruh', organisationName: 'Kruh' },
    { judgeId: 'b', proposalId: 'p1', source: 'declared_by_organiser', organisationId: 'o-kruh', organisationName: 'Kruh' },
    // c conflicts with an organisation known only by its id, and also as the applicant: the organisation wins.
    { judgeId: 'c', proposalId: 'p1', source: 'judge_in_proposal_organisation', organisationId: 'o-abc', organisationName: null },
    { judgeId: 'c', proposalId: 'p1', source: 'judge_is_applicant' },
    { judgeId: 'd', proposalId: 'p1', source: 'judge_is_team_member' },
  ];
  const result = plan({ reviewsPerProposal: 2, proposals: ids('p1'), judges: ids('a', 'b', 'c', 'd', 'e'), conflicts });
  t.same(pairs(result), ['p1:e']);
  t.same(result.uncovered, [
    {
      proposalId: 'p1',
      assigned: 1,
      missing: 1,
      reason: 'only 1 judge without a conflict, 2 needed (2 judges conflict with organisation Kruh, 1 judge conflicts with organisation o-abc, 1 judge has a judge_is_team_member conflict)',
      fix: 'needs 1 more judge without a conflict with organisations Kruh and o-abc',
      eligibleJudges: 1,
    },
  ]);

  const one = plan({ proposals: ids('p1'), judges: ids('a'), conflicts: [conflicts[0]!] });
  t.same(one.uncovered.map((u) => [u.reason, u.fix]), [['only 0 judges without a conflict, 1 needed (1 judge conflicts with organisation Kruh)', 'needs 1 more judge without a conflict with organisation Kruh']]);

  // One judge in three organisations counts in each; three names read "A, B and C".
  const three = plan({
    proposals: ids('p1'),
    judges: ids('a'),
    conflicts: [
      { judgeId: 'a', proposalId: 'p1', source: 'shared_organisation', organisationId: 'o3', organisationName: 'Gamma' },
      { judgeId: 'a', proposalId: 'p1', source: 'shared_organisation', organisationId: 'o1', organisationName: 'Alpha' },
      { judgeId: 'a', proposalId: 'p1', source: 'shared_organisation', organisationId: 'o2', organisationName: 'Beta' },
    ],
  });
  t.same(three.uncovered.map((u) => [u.reason, u.fix]), [
    [
      'only 0 judges without a conflict, 1 needed (1 judge conflicts with organisation Alpha, 1 judge conflicts with organisation Beta, 1 judge conflicts with organisation Gamma)',
      'needs 1 more judge without a conflict with organisations Alpha, Beta and Gamma',
    ],
  ]);
});

t.test('conflicts and max loads together: both reasons, both fixes', async (t) => {
  const result = plan({
    reviewsPerProposal: 3,
    proposals: ids('p1'),
    judges: [{ id: 'a', maxLoad: 0 }, { id: 'b' }, { id: 'c' }],
    conflicts: [{ judgeId: 'c', proposalId: 'p1', source: 'declared_by_organiser' }],
  });
  t.same(pairs(result), ['p1:b']);
  t.same(result.uncovered, [
    {
      proposalId: 'p1',
      assigned: 1,
      missing: 2,
      reason: 'only 2 judges without a conflict, 3 needed (1 judge has a declared_by_organiser conflict); 1 review could not be placed: the judges without a conflict who could take it are at their max load',
      fix: 'needs 1 more judge without a conflict on this proposal and raise the max load of judges to 1',
      eligibleJudges: 2,
    },
  ]);
});

t.test('rows naming judges or proposals outside the instance are ignored', async (t) => {
  const base = { reviewsPerProposal: 1, proposals: ids('p1', 'p2'), judges: ids('a', 'b'), conflicts: [], bids: [], existing: [] } satisfies AssignmentInput;
  const noisy: AssignmentInput = {
    ...base,
    conflicts: [{ judgeId: 'removed', proposalId: 'p1', source: 'declared_by_judge' }, { judgeId: 'a', proposalId: 'withdrawn', source: 'declared_by_judge' }],
    bids: [{ judgeId: 'removed', proposalId: 'p1', bid: 'eager' }, { judgeId: 'a', proposalId: 'withdrawn', bid: 'unwilling' }, { judgeId: 'b', proposalId: 'p1', bid: 'maybe' as Bid }],
    existing: [{ judgeId: 'removed', proposalId: 'p1' }, { judgeId: 'a', proposalId: 'withdrawn' }],
  };
  t.same(planAssignment(noisy), planAssignment(base));
  t.same(canonicalAssignmentInput(noisy), canonicalAssignmentInput(base), 'and they leave the digest input unchanged');
  t.same(pairs(planAssignment(base)), ['p1:a', 'p2:b']);
});

t.test('duplicate proposals are planned once', async (t) => {
  const result = plan({ proposals: ids('p1', 'p1', 'p2'), judges: ids('a', 'b') });
  t.same(pairs(result), ['p1:a', 'p2:b']);
});

// ---------------------------------------------------------------------------------------------
// Bids.

t.test('bids: eager is preferred over no bid and willing; willing and no bid rank the same (lowest index wins)', async (t) => {
  const judges = ids('a', 'b', 'c');
  const eager = plan({ proposals: ids('p1'), judges, bids: [{ judgeId: 'c', proposalId: 'p1', bid: 'eager' }, { judgeId: 'b', proposalId: 'p1', bid: 'willing' }] });
  t.same(pairs(eager), ['p1:c']);
  t.equal(eager.assignments[0]!.bid, 'eager');
  t.equal(eager.assignments[0]!.reason, 'Bid eager and keeps loads balanced (load 0 → 1 of 1 planned, target 0–1; 3 of 3 judges had no conflict).');
  const willing = plan({ proposals: ids('p1'), judges, bids: [{ judgeId: 'b', proposalId: 'p1', bid: 'willing' }] });
  t.same(pairs(willing), ['p1:a'], 'willing b is no better than a without a bid');
  const willingFirst = plan({ proposals: ids('p1'), judges: ids('b', 'c'), bids: [{ judgeId: 'b', proposalId: 'p1', bid: 'willing' }] });
  t.equal(willingFirst.assignments[0]!.reason, 'Bid willing; chosen to keep loads balanced (load 0 → 1 of 1 planned, target 0–1; 2 of 2 judges had no conflict).');
  const twoReviews = plan({ reviewsPerProposal: 2, proposals: ids('p1'), judges, bids: [{ judgeId: 'c', proposalId: 'p1', bid: 'eager' }] });
  t.same(pairs(twoReviews), ['p1:a', 'p1:c']);
});

t.test('bids: an unwilling judge is avoided even at the cost of balance, and used only when coverage needs it', async (t) => {
  const avoided = plan({ proposals: ids('p1', 'p2'), judges: ids('a', 'b'), bids: [{ judgeId: 'b', proposalId: 'p1', bid: 'unwilling' }, { judgeId: 'b', proposalId: 'p2', bid: 'unwilling' }] });
  t.same(pairs(avoided), ['p1:a', 'p2:a'], 'unwilling outranks balance: a takes both');
  t.same(totals(avoided), { a: 2, b: 0 });
  const proposals = ids('p1', 'p2', 'p3', 'p4', 'p5');
  const lopsided = plan({ proposals, judges: ids('a', 'b'), bids: proposals.map(({ id }) => ({ judgeId: 'b', proposalId: id, bid: 'unwilling' as const })) });
  t.same(totals(lopsided), { a: 5, b: 0 }, 'however large the imbalance, no unwilling assignment is made for balance');

  const needed = plan({
    proposals: ids('p1', 'p2'),
    judges: [{ id: 'a', maxLoad: 1 }, { id: 'b' }],
    bids: [{ judgeId: 'b', proposalId: 'p1', bid: 'unwilling' }, { judgeId: 'b', proposalId: 'p2', bid: 'unwilling' }],
  });
  t.same(pairs(needed), ['p1:a', 'p2:b'], 'coverage outranks unwilling: b takes one, only one');
  t.same(needed.uncovered, []);
  t.equal(needed.assignments[1]!.bid, 'unwilling');
  t.equal(
    needed.assignments[1]!.reason,
    'Bid unwilling, assigned because no plan placing as many reviews needs fewer unwilling assignments (load 0 → 1 of 1 planned, target 1–1; 2 of 2 judges had no conflict).',
  );

  const all = plan({ reviewsPerProposal: 3, proposals: ids('p1'), judges: ids('a', 'b', 'c'), bids: [{ judgeId: 'a', proposalId: 'p1', bid: 'unwilling' }] });
  t.same(pairs(all), ['p1:a', 'p1:b', 'p1:c'], 'all three are needed, so the unwilling one too');
});

t.test('bids: balance outranks eager bids', async (t) => {
  const result = plan({ proposals: ids('p1', 'p2'), judges: ids('a', 'b'), bids: [{ judgeId: 'a', proposalId: 'p1', bid: 'eager' }, { judgeId: 'a', proposalId: 'p2', bid: 'eager' }] });
  t.same(totals(result), { a: 1, b: 1 }, 'a is eager for both but gets one');
  t.same(pairs(result), ['p1:a', 'p2:b']);
  t.same(result.assignments.map((a) => a.bid), ['eager', null]);
});

t.test('several bids on one pair: the strongest objection wins, whatever their order', async (t) => {
  for (const order of [['eager', 'unwilling'], ['unwilling', 'eager']] as const) {
    const result = plan({ proposals: ids('p1'), judges: ids('a', 'b'), bids: order.map((bid) => ({ judgeId: 'a', proposalId: 'p1', bid })) });
    t.same(pairs(result), ['p1:b'], `${order.join(' then ')}: a counts as unwilling`);
  }
  for (const order of [['eager', 'willing'], ['willing', 'eager']] as const) {
    const result = plan({ proposals: ids('p1'), judges: ids('a', 'b'), bids: [...order.map((bid) => ({ judgeId: 'b', proposalId: 'p1', bid })), { judgeId: 'a', proposalId: 'p1', bid: 'eager' as const }] });
    t.same(pairs(result), ['p1:a'], `${order.join(' then ')}: b counts as willing, below a's eager bid`);
    const onlyB = plan({ proposals: ids('p1'), judges: ids('b'), bids: order.map((bid) => ({ judgeId: 'b', proposalId: 'p1', bid })) });
    t.equal(onlyB.assignments[0]!.bid, 'willing', 'the bid reported is the one that counted');
  }
  const digest = (bids: AssignmentInput['bids']) => canonicalAssignmentInput({ reviewsPerProposal: 1, proposals: ids('p1'), judges: ids('a'), conflicts: [], bids, existing: [] });
  t.same(digest([{ judgeId: 'a', proposalId: 'p1', bid: 'eager' }, { judgeId: 'a', proposalId: 'p1', bid: 'unwilling' }]), digest([{ judgeId: 'a', proposalId: 'p1', bid: 'unwilling' }]));
});

// ---------------------------------------------------------------------------------------------
// Existing assignments.

t.test('existing assignments are kept, count towards coverage and load, and are not planned again', async (t) => {
  const result = plan({ reviewsPerProposal: 2, proposals: ids('p1', 'p2'), judges: ids('a', 'b', 'c'), existing: [{ judgeId: 'a', proposalId: 'p1' }, { judgeId: 'a', proposalId: 'p2' }] });
  t.same(pairs(result), ['p1:b', 'p2:c']);
  t.same(result.loads, [
    { judgeId: 'a', existing: 2, added: 0, total: 2, maxLoad: null },
    { judgeId: 'b', existing: 0, added: 1, total: 1, maxLoad: null },
    { judgeId: 'c', existing: 0, added: 1, total: 1, maxLoad: null },
  ]);
  t.same(result.uncovered, []);
  t.same(result.targetLoad, { min: 1, max: 1 });

  const full = plan({ reviewsPerProposal: 1, proposals: ids('p1'), judges: ids('a', 'b'), existing: [{ judgeId: 'b', proposalId: 'p1' }, { judgeId: 'b', proposalId: 'p1' }] });
  t.same(full.assignments, [], 'a covered proposal gets nothing new');
  t.same(full.loads.map((l) => l.existing), [0, 1], 'an existing row listed twice counts once');

  const more = plan({ reviewsPerProposal: 1, proposals: ids('p1', 'p2'), judges: ids('a', 'b'), existing: [{ judgeId: 'a', proposalId: 'p1' }, { judgeId: 'b', proposalId: 'p1' }] });
  t.same(pairs(more), ['p2:a'], 'more existing reviews than needed: kept, nothing uncovered, ties by index');
  t.same(more.uncovered, []);
  t.equal(more.assignments[0]!.judgeLoadBefore, 1, 'the load before includes the existing review');
});

t.test('existing assignments count towards the max load', async (t) => {
  const result = plan({ proposals: ids('p1', 'p2', 'p3'), judges: [{ id: 'a', maxLoad: 2 }, { id: 'b', maxLoad: 1 }], existing: [{ judgeId: 'a', proposalId: 'p1' }] });
  // Both have room for one more; b (load 0) goes first, so a reaches its max load of 2 with one new review.
  t.same(pairs(result), ['p2:b', 'p3:a']);
  t.same(result.loads.map((l) => [l.existing, l.added, l.total]), [[1, 1, 2], [0, 1, 1]]);
});

t.test('an existing assignment on a now-conflicted pair stays and loads the judge, but does not cover the proposal', async (t) => {
  const conflicts = [{ judgeId: 'a', proposalId: 'p1', source: 'judge_is_team_member' }];
  const existing = [{ judgeId: 'a', proposalId: 'p1' }];
  const result = plan({ reviewsPerProposal: 2, proposals: ids('p1'), judges: ids('a', 'b', 'c'), conflicts, existing });
  t.same(pairs(result), ['p1:b', 'p1:c'], 'p1 still needs two reviews from judges without a conflict');
  t.same(result.loads.map((l) => [l.judgeId, l.existing, l.added, l.total]), [['a', 1, 0, 1], ['b', 0, 1, 1], ['c', 0, 1, 1]]);
  t.same(result.assignments.map((a) => [a.eligibleJudges, a.conflictedJudges]), [[2, 1], [2, 1]]);

  const short = plan({ reviewsPerProposal: 2, proposals: ids('p1'), judges: ids('a', 'b'), conflicts, existing });
  t.same(short.uncovered, [
    { proposalId: 'p1', assigned: 1, missing: 1, reason: 'only 1 judge without a conflict, 2 needed (1 judge has a judge_is_team_member conflict)', fix: 'needs 1 more judge without a conflict on this proposal', eligibleJudges: 1 },
  ]);
  const capped = plan({ proposals: ids('p1', 'p2'), judges: [{ id: 'a', maxLoad: 1 }, { id: 'b', maxLoad: 0 }], conflicts, existing });
  t.same(capped.assignments, [], 'the conflicted review uses up a’s max load of 1');
  // Max load 1 would give b room for one proposal only (a is at 1 already); 2 covers both.
  t.same(capped.uncovered.map((u) => [u.proposalId, u.assigned, u.eligibleJudges, u.fix]), [
    ['p1', 0, 1, 'raise the max load of judges to 2'],
    ['p2', 0, 2, 'raise the max load of judges to 2'],
  ]);
});

// ---------------------------------------------------------------------------------------------
// Search beyond the greedy pass: augmenting paths and cycle cancelling.

t.test('an augmenting chain: a review moves to a judge with room so that a constrained proposal gets covered', async (t) => {
  // p1 (free: a, b) looks more constrained than p2 (free: a, and x, y who have max load 0), so the
  // greedy pass fills p1 first, on a (lowest index). p2 can then only be covered by moving p1 to b.
  const declared = (judgeId: string, proposalId: string) => ({ judgeId, proposalId, source: 'declared_by_judge' });
  const result = plan({
    proposals: ids('p1', 'p2'),
    judges: [{ id: 'a', maxLoad: 1 }, { id: 'b', maxLoad: 1 }, { id: 'x', maxLoad: 0 }, { id: 'y', maxLoad: 0 }],
    conflicts: [declared('b', 'p2'), declared('x', 'p1'), declared('y', 'p1')],
  });
  t.same(pairs(result), ['p1:b', 'p2:a']);
  t.same(result.uncovered, []);
});

t.test('a longer chain: three reviews pass along to reach the only judge with room', async (t) => {
  // Eligible: p1 {a, b}, p2 {b, c}, p3 {c, d}, p4 {a} (plus x1..x3 at max load 0, so p4 is planned
  // last). Greedy gives p1 a, p2 b, p3 c; covering p4 needs a ← p4, b ← p1, c ← p2, d ← p3.
  const declared = (judgeId: string, ...proposals: string[]) => proposals.map((proposalId) => ({ judgeId, proposalId, source: 'declared_by_judge' }));
  const result = plan({
    proposals: ids('p1', 'p2', 'p3', 'p4'),
    judges: [...['a', 'b', 'c', 'd'].map((id) => ({ id, maxLoad: 1 })), ...['x1', 'x2', 'x3'].map((id) => ({ id, maxLoad: 0 }))],
    conflicts: [
      ...declared('a', 'p2', 'p3'),
      ...declared('b', 'p3', 'p4'),
      ...declared('c', 'p1', 'p4'),
      ...declared('d', 'p1', 'p2', 'p4'),
      ...['x1', 'x2', 'x3'].flatMap((x) => declared(x, 'p1', 'p2', 'p3')),
    ],
  });
  t.same(pairs(result), ['p1:b', 'p2:c', 'p3:d', 'p4:a']);
  t.same(result.uncovered, []);
});

// ---------------------------------------------------------------------------------------------
// canonicalAssignmentInput.

t.test('canonicalAssignmentInput: sorted ids, one character per pair, conflict labels and codes', async (t) => {
  const input: AssignmentInput = {
    reviewsPerProposal: 2,
    proposals: ids('p2', 'p1'),
    judges: [{ id: 'b', maxLoad: 2 }, { id: 'a' }],
    conflicts: [
      { judgeId: 'a', proposalId: 'p2', source: 'shared_organisation', organisationId: 'o1', organisationName: 'Kruh' },
      { judgeId: 'a', proposalId: 'p2', source: 'shared_organisation' },
      { judgeId: 'a', proposalId: 'p2', source: 'shared_organisation', organisationId: 'o1', organisationName: 'Kruh' },
      { judgeId: 'b', proposalId: 'p1', source: 'declared_by_judge', organisationId: null, organisationName: null },
    ],
    bids: [{ judgeId: 'b', proposalId: 'p2', bid: 'eager' }, { judgeId: 'a', proposalId: 'p1', bid: 'unwilling' }, { judgeId: 'b', proposalId: 'p1', bid: 'willing' }],
    existing: [{ judgeId: 'b', proposalId: 'p2' }, { judgeId: 'b', proposalId: 'p1' }],
  };
  // Judges [a, b], proposals [p1, p2]; pair index = proposal × 2 + judge.
  // p1: a unwilling, free → 'a'+3 = 'd'; b willing, conflicted and existing → 'a'+2+4·3 = 'o'.
  // p2: a conflicted → 'a'+4 = 'e'; b eager, existing → 'a'+1+8 = 'j'.
  // Labels sorted: declared_by_judge, shared_organisation (no organisation), shared_organisation =o1 =Kruh.
  // Codes: pair 1 (p1, b) × 3 + 0 = 3; pair 2 (p2, a) × 3 + 1 = 7 and × 3 + 2 = 8 (the duplicate row folded).
  t.same(canonicalAssignmentInput(input), {
    version: 1,
    encoding: 'pairs[p][j] = a + bid (0 none, 1 eager, 2 willing, 3 unwilling) + 4 × (0 free, 1 conflict, 2 existing, 3 existing and conflicted)',
    reviewsPerProposal: 2,
    proposals: ['p1', 'p2'],
    judges: [['a', null], ['b', 2]],
    pairs: ['do', 'ej'],
    conflictLabels: [['declared_by_judge', null, null], ['shared_organisation', null, null], ['shared_organisation', 'o1', 'Kruh']],
    conflicts: { encoding: 'pair index (proposal × judges + judge) × labels + label index', codes: [3, 7, 8] },
  });
});

t.test('canonicalAssignmentInput: labels with the same source sort by organisation id, then name; no conflicts gives empty lists', async (t) => {
  const canonical = canonicalAssignmentInput({
    reviewsPerProposal: 1,
    proposals: ids('p1'),
    judges: ids('a'),
    conflicts: [
      { judgeId: 'a', proposalId: 'p1', source: 's', organisationId: 'o2', organisationName: null },
      { judgeId: 'a', proposalId: 'p1', source: 's', organisationId: 'o1', organisationName: 'Zed' },
      { judgeId: 'a', proposalId: 'p1', source: 's', organisationId: null, organisationName: 'Named' },
      { judgeId: 'a', proposalId: 'p1', source: 's', organisationId: 'o1', organisationName: null },
    ],
    bids: [],
    existing: [],
  }) as { conflictLabels: unknown; conflicts: { codes: number[] }; pairs: string[] };
  t.same(canonical.conflictLabels, [['s', null, 'Named'], ['s', 'o1', null], ['s', 'o1', 'Zed'], ['s', 'o2', null]]);
  t.same(canonical.conflicts.codes, [0, 1, 2, 3]);
  t.same(canonical.pairs, ['e']);
  const empty = canonicalAssignmentInput({ reviewsPerProposal: 3, proposals: [], judges: [], conflicts: [], bids: [], existing: [] }) as Record<string, unknown>;
  t.same([empty.proposals, empty.judges, empty.pairs, empty.conflictLabels, (empty.conflicts as { codes: number[] }).codes], [[], [], [], [], []]);
});

t.test('canonicalAssignmentInput differs whenever a fact the plan depends on differs', async (t) => {
  const base: AssignmentInput = { reviewsPerProposal: 2, proposals: ids('p1', 'p2'), judges: ids('a', 'b'), conflicts: [], bids: [], existing: [] };
  const json = (input: AssignmentInput) => JSON.stringify(canonicalAssignmentInput(input));
  const variants: Array<[string, AssignmentInput]> = [
    ['reviewsPerProposal', { ...base, reviewsPerProposal: 1 }],
    ['a proposal', { ...base, proposals: ids('p1') }],
    ['a judge', { ...base, judges: ids('a', 'b', 'c') }],
    ['a max load', { ...base, judges: [{ id: 'a', maxLoad: 1 }, { id: 'b' }] }],
    ['a conflict', { ...base, conflicts: [{ judgeId: 'a', proposalId: 'p1', source: 'x' }] }],
    ['a bid', { ...base, bids: [{ judgeId: 'a', proposalId: 'p1', bid: 'willing' }] }],
    ['an existing assignment', { ...base, existing: [{ judgeId: 'a', proposalId: 'p1' }] }],
  ];
  const seen = new Set([json(base)]);
  for (const [what, variant] of variants) {
    t.notOk(seen.has(json(variant)), `changing ${what} changes the digest input`);
    seen.add(json(variant));
  }
  const labelled = (organisationName: string | null) => json({ ...base, conflicts: [{ judgeId: 'a', proposalId: 'p1', source: 'x', organisationId: 'o', organisationName }] });
  t.not(labelled('Kruh'), labelled('Other'), 'a conflict label is part of it');
  t.not(labelled(null), labelled('Kruh'));
});

// ---------------------------------------------------------------------------------------------
// Properties. An independent normalisation of the input, the module's invariants, and on tiny
// instances an exhaustive search for the lexicographic optimum
// (coverage ↑, unwilling ↓, Σ total load² ↓, eager ↑).

const BID_RANK: Record<string, number> = { eager: 1, willing: 2, unwilling: 3 };

interface Model {
  judges: string[];
  proposals: string[];
  r: number;
  cap: Map<string, number | null>;
  conflicted: Set<string>;
  existing: Set<string>;
  bid: Map<string, Bid>;
}
const key = (judgeId: string, proposalId: string) => `${judgeId}|${proposalId}`;

function model(input: AssignmentInput): Model {
  const judges = [...new Set(input.judges.map((j) => j.id))].sort();
  const proposals = [...new Set(input.proposals.map((p) => p.id))].sort();
  const cap = new Map<string, number | null>();
  for (const j of input.judges) {
    const c = j.maxLoad ?? null;
    const seen = cap.has(j.id) ? cap.get(j.id)! : undefined;
    cap.set(j.id, seen === undefined || seen === null ? c : c === null ? seen : Math.min(seen, c));
  }
  const known = (judgeId: string, proposalId: string) => judges.includes(judgeId) && proposals.includes(proposalId);
  const conflicted = new Set(input.conflicts.filter((c) => known(c.judgeId, c.proposalId)).map((c) => key(c.judgeId, c.proposalId)));
  const existing = new Set(input.existing.filter((e) => known(e.judgeId, e.proposalId)).map((e) => key(e.judgeId, e.proposalId)));
  const bid = new Map<string, Bid>();
  for (const b of input.bids) {
    if (!known(b.judgeId, b.proposalId)) continue;
    const k = key(b.judgeId, b.proposalId);
    if (!bid.has(k) || BID_RANK[b.bid]! > BID_RANK[bid.get(k)!]!) bid.set(k, b.bid);
  }
  return { judges, proposals, r: input.reviewsPerProposal, cap, conflicted, existing, bid };
}

const existingLoad = (m: Model, j: string) => m.proposals.filter((p) => m.existing.has(key(j, p))).length;
/** Existing reviews that count for a proposal: not on a conflicted pair. */
const existingCover = (m: Model, p: string) => m.judges.filter((j) => m.existing.has(key(j, p)) && !m.conflicted.has(key(j, p))).length;
const roomOf = (m: Model, j: string) => {
  const cap = m.cap.get(j)!;
  return cap === null ? Infinity : Math.max(0, cap - existingLoad(m, j));
};
const isFree = (m: Model, j: string, p: string) => !m.conflicted.has(key(j, p)) && !m.existing.has(key(j, p));

type Objective = [coverage: number, unwilling: number, squares: number, eager: number];
function objectiveOf(p: AssignmentPlan): Objective {
  return [
    p.assignments.length,
    p.assignments.filter((a) => a.bid === 'unwilling').length,
    p.loads.reduce((s, l) => s + l.total * l.total, 0),
    p.assignments.filter((a) => a.bid === 'eager').length,
  ];
}
const better = (a: Objective, b: Objective) => a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] !== b[2] ? a[2] < b[2] : a[3] > b[3];

/** Exhaustive search over every set of new assignments that respects conflicts, max loads and demands. */
function optimum(m: Model): Objective {
  const added = new Map(m.judges.map((j) => [j, 0]));
  const base = new Map(m.judges.map((j) => [j, existingLoad(m, j)]));
  const room = new Map(m.judges.map((j) => [j, roomOf(m, j)]));
  let best: Objective | null = null;
  const visit = (pi: number, coverage: number, unwilling: number, eager: number) => {
    if (pi === m.proposals.length) {
      const squares = m.judges.reduce((s, j) => s + (base.get(j)! + added.get(j)!) ** 2, 0);
      const candidate: Objective = [coverage, unwilling, squares, eager];
      if (!best || better(candidate, best)) best = candidate;
      return;
    }
    const p = m.proposals[pi]!;
    const demand = Math.max(0, m.r - existingCover(m, p));
    const free = m.judges.filter((j) => isFree(m, j, p));
    const choose = (from: number, left: number, cov: number, unw: number, eag: number) => {
      visit(pi + 1, cov, unw, eag);
      if (left === 0) return;
      for (let i = from; i < free.length; i++) {
        const j = free[i]!;
        if (added.get(j)! >= room.get(j)!) continue;
        const b = m.bid.get(key(j, p));
        added.set(j, added.get(j)! + 1);
        choose(i + 1, left - 1, cov + 1, unw + (b === 'unwilling' ? 1 : 0), eag + (b === 'eager' ? 1 : 0));
        added.set(j, added.get(j)! - 1);
      }
    };
    choose(0, demand, coverage, unwilling, eager);
  };
  visit(0, 0, 0, 0);
  return best!;
}

/** Every invariant a plan must satisfy whatever its input; returns the first violation or null. */
function violation(input: AssignmentInput, p: AssignmentPlan): string | null {
  const m = model(input);
  const J = m.judges.length;
  const seen = new Set<string>();
  const addedBy = new Map(m.judges.map((j) => [j, 0]));
  const newFor = new Map(m.proposals.map((q) => [q, 0]));
  const running = new Map(m.judges.map((j) => [j, existingLoad(m, j)]));
  const total = new Map(p.loads.map((l) => [l.judgeId, l.total]));
  let previous = '';
  for (const a of p.assignments) {
    const k = key(a.judgeId, a.proposalId);
    if (!m.judges.includes(a.judgeId) || !m.proposals.includes(a.proposalId)) return `unknown ${k}`;
    if (m.conflicted.has(k)) return `conflicted pair ${k}`;
    if (m.existing.has(k)) return `existing pair planned again ${k}`;
    if (seen.has(k)) return `duplicate ${k}`;
    seen.add(k);
    const order = `${a.proposalId}\u0000${a.judgeId}`;
    if (order <= previous) return `not sorted at ${k}`;
    previous = order;
    if (a.bid !== (m.bid.get(k) ?? null)) return `bid of ${k} is ${a.bid}`;
    const conflictedJudges = m.judges.filter((j) => m.conflicted.has(key(j, a.proposalId))).length;
    if (a.conflictedJudges !== conflictedJudges || a.eligibleJudges !== J - conflictedJudges) return `eligible/conflicted counts of ${k}`;
    if (a.judgeLoadBefore !== running.get(a.judgeId) || a.judgeLoadAfter !== a.judgeLoadBefore + 1 || a.judgeLoadPlanned !== total.get(a.judgeId)) return `loads of ${k}`;
    running.set(a.judgeId, a.judgeLoadAfter);
    addedBy.set(a.judgeId, addedBy.get(a.judgeId)! + 1);
    newFor.set(a.proposalId, newFor.get(a.proposalId)! + 1);
  }
  if (JSON.stringify(p.loads.map((l) => l.judgeId)) !== JSON.stringify(m.judges)) return 'loads not one per judge, sorted';
  for (const l of p.loads) {
    if (l.existing !== existingLoad(m, l.judgeId) || l.added !== addedBy.get(l.judgeId) || l.total !== l.existing + l.added) return `load row of ${l.judgeId}`;
    if (l.maxLoad !== m.cap.get(l.judgeId)) return `maxLoad of ${l.judgeId}`;
    if (l.added > roomOf(m, l.judgeId)) return `max load of ${l.judgeId} exceeded`;
  }
  const uncovered = new Map(p.uncovered.map((u) => [u.proposalId, u]));
  let accounted = p.assignments.length;
  for (const q of m.proposals) {
    const cover = existingCover(m, q);
    const assigned = cover + newFor.get(q)!;
    if (newFor.get(q)! > Math.max(0, m.r - cover)) return `${q} over-assigned`;
    accounted += Math.min(m.r, cover);
    const u = uncovered.get(q);
    if (assigned >= m.r) {
      if (u) return `${q} covered but listed uncovered`;
      continue;
    }
    if (!u) return `${q} short but not listed`;
    accounted += u.missing;
    const eligible = m.judges.filter((j) => !m.conflicted.has(key(j, q))).length;
    if (u.assigned !== assigned || u.missing !== m.r - assigned || u.eligibleJudges !== eligible) return `uncovered row of ${q}`;
    // Maximal: no judge free on a short proposal still has room (else one more review would fit).
    const idle = m.judges.find((j) => isFree(m, j, q) && !seen.has(key(j, q)) && addedBy.get(j)! < roomOf(m, j));
    if (idle) return `${q} short while ${idle} could take it`;
    const conflictShort = Math.max(0, m.r - eligible);
    const capacityShort = u.missing - conflictShort;
    if ((conflictShort > 0) !== u.fix.includes('needs ')) return `conflict fix of ${q}: ${u.fix}`;
    if ((capacityShort > 0) !== /raise the max load of judges to \d+$/.test(u.fix)) return `capacity fix of ${q}: ${u.fix}`;
  }
  if (p.uncovered.length !== uncovered.size || p.uncovered.some((u, i) => i > 0 && u.proposalId <= p.uncovered[i - 1]!.proposalId)) return 'uncovered not sorted and unique';
  if (accounted !== m.proposals.length * m.r) return `placed + shortfall ${accounted} ≠ ${m.proposals.length} × ${m.r}`;
  return null;
}

interface Shape {
  judges: number;
  proposals: number;
  r: number;
  caps: boolean;
  conflicts: boolean;
  bids: Bid[];
  existing: boolean;
  /** Bids per judge: none, on every proposal, or on a random subset (so one judge can be unwilling or eager on everything). */
  denseBids?: boolean;
}
function instance(shape: Shape): fc.Arbitrary<AssignmentInput> {
  const judgeIds = Array.from({ length: shape.judges }, (_, i) => `j${i}`);
  return fc
    .record({
      J: fc.integer({ min: 0, max: shape.judges }),
      P: fc.integer({ min: 0, max: shape.proposals }),
      r: fc.integer({ min: 1, max: shape.r }),
    })
    .chain(({ J, P, r }) => {
      const judges = judgeIds.slice(0, J);
      const proposals = Array.from({ length: P }, (_, i) => `p${String(i).padStart(2, '0')}`);
      const pair = J > 0 && P > 0 ? fc.record({ judgeId: fc.constantFrom(...judges), proposalId: fc.constantFrom(...proposals) }) : fc.constant(null);
      const rows = <T>(arb: fc.Arbitrary<T | null>, on: boolean, max: number) => (on ? fc.array(arb, { maxLength: max }).map((list) => list.filter((x): x is T => x !== null)) : fc.constant([] as T[]));
      return fc.record({
        reviewsPerProposal: fc.constant(r),
        proposals: fc.constant(proposals.map((id) => ({ id }))),
        judges: fc.tuple(...judges.map((id) => (shape.caps ? fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 2 }) : fc.constant(null)).map((maxLoad) => ({ id, maxLoad })))),
        conflicts: rows(pair.map((x) => x && { ...x, source: 'declared_by_judge' }), shape.conflicts, Math.ceil((J * P) / 3)),
        bids: shape.denseBids
          ? fc
              .tuple(...judges.map((judgeId) => fc.tuple(fc.oneof(fc.constant([]), fc.constant(proposals), fc.subarray(proposals)), fc.constantFrom(...shape.bids)).map(([on, bid]) => on.map((proposalId) => ({ judgeId, proposalId, bid })))))
              .map((perJudge) => perJudge.flat())
          : rows(shape.bids.length > 0 ? fc.tuple(pair, fc.constantFrom(...shape.bids)).map(([x, bid]) => x && { ...x, bid }) : fc.constant(null), shape.bids.length > 0, J * P),
        existing: rows(pair, shape.existing, Math.ceil((J * P) / 4)),
      });
    });
}

const ALL_BIDS: Bid[] = ['eager', 'willing', 'unwilling'];
const general = instance({ judges: 8, proposals: 20, r: 4, caps: true, conflicts: true, bids: ALL_BIDS, existing: true });

t.test('property: every plan is valid (no conflict, no duplicate, caps kept, coverage maximal, placed + shortfall = proposals × r)', async (t) => {
  fc.assert(
    fc.property(general, (input) => {
      const problem = violation(input, planAssignment(input));
      if (problem) throw new Error(problem);
    }),
    { numRuns: 200 },
  );
  t.pass('200 random instances up to 8 judges × 20 proposals');
});

t.test('property: without caps, every proposal gets min(r, judges without a conflict) reviews', async (t) => {
  fc.assert(
    fc.property(instance({ judges: 8, proposals: 20, r: 4, caps: false, conflicts: true, bids: ALL_BIDS, existing: true }), (input) => {
      const m = model(input);
      const result = planAssignment(input);
      for (const q of m.proposals) {
        const eligible = m.judges.filter((j) => !m.conflicted.has(key(j, q))).length;
        const got = existingCover(m, q) + result.assignments.filter((a) => a.proposalId === q).length;
        if (got < Math.min(m.r, eligible)) throw new Error(`${q}: ${got} of min(${m.r}, ${eligible})`);
      }
      if (result.uncovered.some((u) => u.fix.includes('max load'))) throw new Error('a max-load fix without max loads');
    }),
    { numRuns: 150 },
  );
  t.pass('150 instances without max loads');
});

t.test('property: uncapped, no conflicts, no existing work, no unwilling bids → loads differ by at most one and lie in targetLoad', async (t) => {
  fc.assert(
    fc.property(instance({ judges: 8, proposals: 20, r: 4, caps: false, conflicts: false, bids: ['eager', 'willing'], existing: false }), (input) => {
      const result = planAssignment(input);
      const m = model(input);
      if (result.assignments.length !== m.proposals.length * Math.min(m.r, m.judges.length)) throw new Error('not every proposal fully covered');
      const loads = result.loads.map((l) => l.total);
      if (loads.length === 0) return;
      const [lo, hi] = [Math.min(...loads), Math.max(...loads)];
      if (hi - lo > 1) throw new Error(`loads ${loads.join(',')}`);
      if (lo < result.targetLoad.min || hi > result.targetLoad.max) throw new Error(`loads ${lo}–${hi} outside target ${result.targetLoad.min}–${result.targetLoad.max}`);
    }),
    { numRuns: 150 },
  );
  t.pass('150 instances with equal, uncapped judges');
});

t.test('property: the suggested max load is the smallest that removes every capacity shortfall', async (t) => {
  fc.assert(
    fc.property(instance({ judges: 6, proposals: 10, r: 3, caps: true, conflicts: true, bids: [], existing: true }), (input) => {
      const result = planAssignment(input);
      const suggested = result.uncovered.map((u) => /raise the max load of judges to (\d+)$/.exec(u.fix)).find((x) => x);
      if (!suggested) return;
      const level = Number(suggested[1]);
      const raise = (to: number): AssignmentInput => ({ ...input, judges: input.judges.map((j) => ({ id: j.id, maxLoad: j.maxLoad === null || j.maxLoad === undefined ? null : Math.max(j.maxLoad, to) })) });
      const capacityShort = (p: AssignmentPlan) => p.uncovered.some((u) => u.fix.includes('raise the max load'));
      if (capacityShort(planAssignment(raise(level)))) throw new Error(`raising to ${level} is not enough`);
      if (!capacityShort(planAssignment(raise(level - 1)))) throw new Error(`raising to ${level - 1} would do`);
    }),
    { numRuns: 150 },
  );
  t.pass('150 instances with a capacity shortfall or none');
});

t.test('property: exactly optimal for coverage, then unwilling, then balance, then eager (exhaustive search, tiny instances)', async (t) => {
  const tiny = instance({ judges: 4, proposals: 4, r: 2, caps: true, conflicts: true, bids: ALL_BIDS, existing: true });
  fc.assert(
    fc.property(tiny, (input) => {
      const got = objectiveOf(planAssignment(input));
      const best = optimum(model(input));
      if (JSON.stringify(got) !== JSON.stringify(best)) throw new Error(`plan ${JSON.stringify(got)}, optimum ${JSON.stringify(best)}`);
    }),
    { numRuns: 300 },
  );
  const wide = instance({ judges: 3, proposals: 6, r: 2, caps: true, conflicts: true, bids: ALL_BIDS, existing: false });
  fc.assert(
    fc.property(wide, (input) => {
      const got = objectiveOf(planAssignment(input));
      const best = optimum(model(input));
      if (JSON.stringify(got) !== JSON.stringify(best)) throw new Error(`plan ${JSON.stringify(got)}, optimum ${JSON.stringify(best)}`);
    }),
    { numRuns: 150 },
  );
  // Dense bids of one kind: many unwilling (or eager) pairs on a judge, where tiers are traded hardest.
  for (const kind of ['unwilling', 'eager'] as const) {
    const dense = instance({ judges: 3, proposals: 5, r: 2, caps: false, conflicts: false, bids: [kind], existing: true, denseBids: true });
    fc.assert(
      fc.property(dense, (input) => {
        const got = objectiveOf(planAssignment(input));
        const best = optimum(model(input));
        if (JSON.stringify(got) !== JSON.stringify(best)) throw new Error(`plan ${JSON.stringify(got)}, optimum ${JSON.stringify(best)}`);
      }),
      { numRuns: 250 },
    );
  }
  t.pass('the plan’s objective equals the exhaustive optimum on 950 instances');
});

/** The same facts, listed in another order, with some rows repeated. */
const reordered = (input: AssignmentInput) =>
  fc.record({
    proposals: fc.shuffledSubarray(input.proposals, { minLength: input.proposals.length }),
    judges: fc.shuffledSubarray(input.judges, { minLength: input.judges.length }),
    conflicts: fc.shuffledSubarray(input.conflicts, { minLength: input.conflicts.length }),
    bids: fc.shuffledSubarray(input.bids, { minLength: input.bids.length }),
    existing: fc.shuffledSubarray(input.existing, { minLength: input.existing.length }),
    repeat: fc.boolean(),
  }).map(({ repeat, ...rows }): AssignmentInput => ({
    reviewsPerProposal: input.reviewsPerProposal,
    ...(repeat ? { ...rows, proposals: [...rows.proposals, ...rows.proposals], conflicts: [...rows.conflicts, ...rows.conflicts], bids: [...rows.bids, ...rows.bids], existing: [...rows.existing, ...rows.existing] } : rows),
  }));

t.test('property: deterministic and independent of input order and repeated rows; canonicalAssignmentInput likewise', async (t) => {
  fc.assert(
    fc.property(general.chain((input) => fc.tuple(fc.constant(input), reordered(input))), ([input, other]) => {
      const first = planAssignment(input);
      if (JSON.stringify(planAssignment(input)) !== JSON.stringify(first)) throw new Error('two runs differ');
      if (JSON.stringify(planAssignment(other)) !== JSON.stringify(first)) throw new Error('reordered input plans differently');
      if (JSON.stringify(canonicalAssignmentInput(other)) !== JSON.stringify(canonicalAssignmentInput(input))) throw new Error('reordered input has another digest input');
    }),
    { numRuns: 150 },
  );
  t.pass('150 instances, each also reordered');
});

t.test('property: planning does not modify its input', async (t) => {
  fc.assert(
    fc.property(general, (input) => {
      const before = JSON.stringify(input);
      planAssignment(input);
      canonicalAssignmentInput(input);
      if (JSON.stringify(input) !== before) throw new Error('input changed');
    }),
    { numRuns: 50 },
  );
  t.pass('50 instances');
});
