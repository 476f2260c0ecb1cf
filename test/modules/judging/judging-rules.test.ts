import t from 'tap';
import { decisionProblems, detectConflicts, followsRanking, scoreProblems } from '../../../src/modules/judging/judging.rules.js';

const judges = [
  { id: 'j1', userId: 'u-judge1' },
  { id: 'j2', userId: 'u-judge2' },
  { id: 'j3', userId: null },
];
const proposals = [
  { id: 'p1', applicantId: 'u-judge1', organisationId: null, team: [] },
  { id: 'p2', applicantId: 'u-a2', organisationId: 'o-school', team: ['u-t2'] },
  { id: 'p3', applicantId: 'u-a3', organisationId: null, team: ['u-judge2'] },
  { id: 'p4', applicantId: 'u-a4', organisationId: null, team: [] },
];
const memberships = [
  { userId: 'u-judge2', organisationId: 'o-school', name: 'Gymnázium Košice' },
  { userId: 'u-judge1', organisationId: 'o-ngo', name: 'Kruh' },
  { userId: 'u-t2', organisationId: 'o-ngo', name: 'Kruh' },
  { userId: 'u-a4', organisationId: 'o-club', name: 'Makers Club' },
];

t.test('detected conflicts: applicant, team member, the proposal’s organisation, a shared organisation', async (t) => {
  const found = detectConflicts({ judges, proposals, memberships, declared: [] }).map((c) => `${c.judgeId}:${c.proposalId}:${c.source}:${c.organisationId ?? ''}`);
  t.same(found, [
    'j1:p1:judge_is_applicant:',
    'j1:p2:shared_organisation:o-ngo',
    'j2:p2:judge_in_proposal_organisation:o-school',
    'j2:p3:judge_is_team_member:',
  ]);
});

t.test('declared conflicts: with one proposal, or with every proposal behind an organisation', async (t) => {
  const found = detectConflicts({
    judges,
    proposals,
    memberships,
    declared: [
      { id: 'd1', judgeId: 'j3', proposalId: 'p4', organisationId: null, source: 'declared_by_judge', reason: 'My cousin' },
      { id: 'd2', judgeId: 'j3', proposalId: null, organisationId: 'o-ngo', source: 'declared_by_organiser', reason: 'Board member' },
    ],
  }).filter((c) => c.judgeId === 'j3');
  t.same(
    found.map((c) => [c.proposalId, c.source, c.conflictId, c.organisationName]),
    [
      ['p1', 'declared_by_organiser', 'd2', 'Kruh'],
      ['p2', 'declared_by_organiser', 'd2', 'Kruh'],
      ['p4', 'declared_by_judge', 'd1', null],
    ],
    'o-ngo is behind p1 (its applicant is a member) and p2 (a team member is)',
  );
});

t.test('declared organisation conflicts reach proposals whose applicant belongs to it', async (t) => {
  const found = detectConflicts({ judges: [{ id: 'j9', userId: 'u-x' }], proposals, memberships, declared: [{ id: 'd', judgeId: 'j9', proposalId: null, organisationId: 'o-club', source: 'declared_by_judge', reason: 'r' }] });
  t.same(found.map((c) => c.proposalId), ['p4']);
});

t.test('scores: integers within each scale; unknown criteria refused; all of them to submit', async (t) => {
  const rubric = [
    { id: 'impact', scaleMin: 1, scaleMax: 10 },
    { id: 'feasibility', scaleMin: 0, scaleMax: 5 },
  ];
  t.same(scoreProblems(rubric, { impact: 10, feasibility: 0 }, true), []);
  t.same(scoreProblems(rubric, { impact: 3 }, false), [], 'a draft may be partial');
  t.same(
    scoreProblems(rubric, { impact: 0, feasibility: 2.5, extra: 1 }, true).map((p) => `${p.field}:${p.code}`),
    ['scores.extra:UNKNOWN_CRITERION', 'scores.impact:OUT_OF_SCALE', 'scores.feasibility:OUT_OF_SCALE'],
  );
  t.same(scoreProblems(rubric, { impact: 3 }, true).map((p) => `${p.field}:${p.code}`), ['scores.feasibility:REQUIRED']);
});

t.test('decisions: shares sum to the prize, winners known, not repeated, not too many', async (t) => {
  const known = new Set(['p1', 'p2', 'p3']);
  t.same(decisionProblems({ amount: 500000, winners: 2 }, [{ proposalId: 'p1', prizeAmount: 300000 }, { proposalId: 'p2', prizeAmount: 200000 }], known), []);
  const codes = (w: Array<{ proposalId: string; prizeAmount: number }>, winners = 1) => decisionProblems({ amount: 500000, winners }, w, known).map((p) => p.code);
  t.same(codes([{ proposalId: 'p1', prizeAmount: 400000 }]), ['SHARES_DO_NOT_SUM']);
  t.same(codes([]), ['REQUIRED']);
  t.same(codes([{ proposalId: 'p1', prizeAmount: 250000 }, { proposalId: 'p1', prizeAmount: 250000 }], 2), ['DUPLICATE']);
  t.same(codes([{ proposalId: 'p1', prizeAmount: 250000 }, { proposalId: 'p2', prizeAmount: 250000 }], 1), ['TOO_MANY_WINNERS']);
  t.same(codes([{ proposalId: 'zz', prizeAmount: 500000 }]), ['UNKNOWN_PROPOSAL']);
  t.same(codes([{ proposalId: 'p1', prizeAmount: -1 }, { proposalId: 'p2', prizeAmount: 500001 }], 2), ['INVALID']);
});

t.test('following the ranking means the winners are its top, in order', async (t) => {
  t.ok(followsRanking(['a', 'b', 'c'], ['a', 'b']));
  t.notOk(followsRanking(['a', 'b', 'c'], ['b', 'a']));
  t.notOk(followsRanking(['a', 'b', 'c'], ['a', 'c']));
});
