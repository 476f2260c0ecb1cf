/**
 * scoring.ts on its own: weighted scores and their rounding, rankings (raw and z-score normalised,
 * mean and median, every tie-break), the unranked proposals, input validation and the judge-bias
 * report. Every fixture is computed by hand in the comments next to it; the properties at the end
 * cover what no single fixture can (permutation, order, input-order independence, invariances).
 */
import { deepStrictEqual } from 'node:assert/strict';
import t, { type Test } from 'tap';
import fc from 'fast-check';
import {
  NORMALISED_CENTRE,
  NORMALISED_SPREAD,
  OUTLIER_MINIMUM_OTHER_JUDGES,
  OUTLIER_MINIMUM_POINTS,
  OUTLIER_SPREAD_MULTIPLE,
  ROUNDING_RULE,
  ScoringInputError,
  biasReport,
  rankProposals,
  roundHalfAwayFromZero,
  weightedScore,
  weightedScoreHundredths,
  type RankableProposal,
  type ScoredReview,
  type ScoringCriterion,
  type ScoringInput,
  type ScoringSettings,
  type TieBreakRule,
} from '../../../src/modules/judging/scoring.js';

// ---------------------------------------------------------------------------------------------
// Helpers and rubrics

const criterion = (id: string, weight: number, scaleMin: number, scaleMax: number): ScoringCriterion => ({ id, weight, scaleMin, scaleMax });
const proposal = (id: string, firstSubmittedAt = '2024-03-01T09:00:00Z', calibration?: boolean): RankableProposal =>
  calibration === undefined ? { id, firstSubmittedAt } : { id, firstSubmittedAt, calibration };
const review = (proposalId: string, judgeId: string, scores: Record<string, number>): ScoredReview => ({ proposalId, judgeId, scores });
const settings = (over: Partial<ScoringSettings> = {}): ScoringSettings => ({ aggregation: 'mean', normalisation: 'none', tieBreaks: [], ...over });

/** impact ×3 on 1..5, feasibility ×2 on 1..5, clarity ×1 on 0..10. Exact path: weight units 3,2,1 (total 6), lcm(4,4,10) = 20,
 *  factors 3·20/4 = 15, 2·20/4 = 10, 1·20/10 = 2, denominator 20·6 = 120: raw = 100·points/120 with points = 15(i−1) + 10(f−1) + 2c. */
const R3 = [criterion('impact', 3, 1, 5), criterion('feasibility', 2, 1, 5), criterion('clarity', 1, 0, 10)];
/** q and c, weight 1 each on 0..10: raw = 100·(q + c)/20 = 5(q + c). */
const QC = [criterion('q', 1, 0, 10), criterion('c', 1, 0, 10)];
const qc = (q: number, c: number) => ({ q, c });
/** One criterion on 0..100, weight 1: raw = the score. */
const S = [criterion('s', 1, 0, 100)];
/** One criterion on 0..10000, weight 1: raw = score / 100, i.e. the score is the raw value in hundredths. */
const FINE = [criterion('f', 1, 0, 10000)];

function throwsScoring(t: Test, fn: () => unknown, message: RegExp, what: string) {
  let caught: unknown = null;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  t.ok(caught instanceof ScoringInputError, `${what}: a ScoringInputError`);
  t.equal((caught as Error | null)?.name, 'ScoringInputError', `${what}: its name`);
  t.match((caught as Error | null)?.message, message, `${what}: its message`);
}

/** The entries reduced to what most tests compare. */
const brief = (input: ScoringInput) =>
  rankProposals(input).entries.map((e) => ({ rank: e.rank, id: e.proposalId, score: e.score, above: e.tieBreakAbove, below: e.tieBreakBelow, tieBreak: e.tieBreak }));
const idsInOrder = (input: ScoringInput) => rankProposals(input).entries.map((e) => e.proposalId);

// ---------------------------------------------------------------------------------------------
// Constants

t.test('the published constants: T-score centre 50 and spread 10, outlier rule 2 × spread, 5 points, 2 other judges', async (t) => {
  t.equal(NORMALISED_CENTRE, 50);
  t.equal(NORMALISED_SPREAD, 10);
  t.equal(OUTLIER_SPREAD_MULTIPLE, 2);
  t.equal(OUTLIER_MINIMUM_POINTS, 5);
  t.equal(OUTLIER_MINIMUM_OTHER_JUDGES, 2);
  t.match(ROUNDING_RULE, /half away from zero/);
});

// ---------------------------------------------------------------------------------------------
// weightedScore / weightedScoreHundredths

t.test('weightedScore: weights and per-criterion scales, 0 at every minimum and 100 at every maximum', async (t) => {
  t.equal(weightedScore(R3, { impact: 1, feasibility: 1, clarity: 0 }), 0, 'all minimums: points 0');
  t.equal(weightedScore(R3, { impact: 5, feasibility: 5, clarity: 10 }), 100, 'all maximums: points 60 + 40 + 20 = 120 = denominator');
  // points 15·3 + 10·2 + 2·7 = 79; raw = 7900/120 = 65.8333…; hundredths 790000/120 = 6583.33 → 6583.
  t.equal(weightedScore(R3, { impact: 4, feasibility: 3, clarity: 7 }), 7900 / 120);
  t.equal(weightedScoreHundredths(R3, { impact: 4, feasibility: 3, clarity: 7 }), 6583);
  // The weight matters: impact at max alone is 3/6 of the total (50), clarity at max alone is 1/6 (16.666… → 16.67).
  t.equal(weightedScoreHundredths(R3, { impact: 5, feasibility: 1, clarity: 0 }), 5000);
  t.equal(weightedScoreHundredths(R3, { impact: 1, feasibility: 1, clarity: 10 }), 1667);
  t.equal(weightedScoreHundredths(R3, { impact: 1, feasibility: 5, clarity: 0 }), 3333, 'feasibility 2/6 = 33.333… → 33.33');
  // A scale below zero: −2..2, score −1 is one step of four above the minimum: 25.
  t.equal(weightedScore([criterion('n', 1, -2, 2)], { n: -1 }), 25);
  // Decimal weights are read as written: 0.1 and 0.3 are units 1 and 3 (total 4); on 0..10 scores 10 and 0 give 1/4 = 25.
  t.equal(weightedScoreHundredths([criterion('a', 0.1, 0, 10), criterion('b', 0.3, 0, 10)], { a: 10, b: 0 }), 2500);
});

t.test('weightedScoreHundredths rounds the exact value half away from zero (integer arithmetic on the exact path)', async (t) => {
  const one = (weight: number, max: number) => [criterion('x', weight, 0, max)];
  // 0..32: raw = 100·s/32 = 3.125·s. s = 1: 312.5 hundredths → 313; s = 3: 937.5 → 938.
  t.equal(weightedScore(one(1, 32), { x: 1 }), 3.125);
  t.equal(weightedScoreHundredths(one(1, 32), { x: 1 }), 313);
  t.equal(weightedScoreHundredths(one(1, 32), { x: 3 }), 938);
  // 0..20000, s = 201: the exact value is 1.005, i.e. 100.5 hundredths → 101. The double 1.005 is 1.00499999999999989…,
  // so rounding the double would give 100; the exact path does not.
  t.equal(weightedScoreHundredths(one(1, 20000), { x: 201 }), 101);
  t.equal(roundHalfAwayFromZero(weightedScore(one(1, 20000), { x: 201 }), 2), 1, 'the double itself rounds down');
  // Weights with up to 6 decimals keep the exact path; a 7th decimal falls back to the double, which rounds 1.00499… down.
  t.equal(weightedScoreHundredths(one(0.000001, 20000), { x: 201 }), 101, '6 decimals: exact');
  t.equal(weightedScoreHundredths(one(0.0000001, 20000), { x: 201 }), 100, '7 decimals: the double');
  // A weight that is no decimal fraction (1/3) also falls back; the ratio is the same 201/20000.
  t.equal(weightedScoreHundredths(one(1 / 3, 20000), { x: 201 }), 100);
  // 20000 × 2^36 is past 2^36, the exact limit: the double again.
  t.equal(weightedScoreHundredths(one(2 ** 36, 20000), { x: 201 }), 100);
  t.equal(weightedScoreHundredths(one(1e300, 20000), { x: 201 }), 100, 'a huge weight: the double');
});

t.test('weightedScore on the double path: thirds, a large lcm of scales, a large total weight, clamped to 0–100', async (t) => {
  // 1/3 and 2/3 on 0..10, scores 10 and 5: (1/3·10/10 + 2/3·5/10)/1 · 100 = (1/3 + 1/3)·100 = 66.666… → 66.67.
  const thirds = [criterion('a', 1 / 3, 0, 10), criterion('b', 2 / 3, 0, 10)];
  t.ok(Math.abs(weightedScore(thirds, { a: 10, b: 5 }) - 200 / 3) < 1e-9);
  t.equal(weightedScoreHundredths(thirds, { a: 10, b: 5 }), 6667);
  // Scales 0..1009, 0..1013, 0..1019, 0..1021 (primes): their lcm is past 2^36. Criterion 1 at max alone: 1/4 = 25.
  const primes = [1009, 1013, 1019, 1021].map((p, i) => criterion(`c${i}`, 1, 0, p));
  t.equal(weightedScore(primes, { c0: 1009, c1: 0, c2: 0, c3: 0 }), 25);
  t.equal(weightedScoreHundredths(primes, { c0: 1009, c1: 1013, c2: 1019, c3: 1021 }), 10000);
  // Weights 2^36 and 1 on 0..1: the units sum past the limit. a alone: 2^36/(2^36 + 1)·100 = 99.9999999985… → 100.00.
  const heavy = [criterion('a', 2 ** 36, 0, 1), criterion('b', 1, 0, 1)];
  t.ok(weightedScore(heavy, { a: 1, b: 0 }) < 100);
  t.equal(weightedScoreHundredths(heavy, { a: 1, b: 0 }), 10000);
  t.equal(weightedScoreHundredths(heavy, { a: 0, b: 1 }), 0, '100/(2^36 + 1) = 1.46e-9 → 0.00');
  // 1/3 on 0..3 at 3 plus 10 on 0..1 at 1: (1/3 ÷ 3 × 3 + 10)·100 / (10 + 1/3) is 100.00000000000001 in doubles; clamped to 100.
  const stray = [criterion('a', 1 / 3, 0, 3), criterion('b', 10, 0, 1)];
  t.ok((100 * (((1 / 3) / 3) * 3 + 10)) / (1 / 3 + 10) > 100, 'the unclamped double strays past 100');
  t.equal(weightedScore(stray, { a: 3, b: 1 }), 100);
  t.equal(weightedScoreHundredths(stray, { a: 3, b: 1 }), 10000);
});

t.test('weightedScore validates the rubric and the scores', async (t) => {
  const ok = { impact: 3, feasibility: 3, clarity: 5 };
  throwsScoring(t, () => weightedScore([], {}), /no criteria/, 'an empty rubric');
  throwsScoring(t, () => weightedScore([criterion('a', 1, 0, 5), criterion('a', 2, 0, 5)], { a: 1 }), /a appears twice/, 'a repeated criterion');
  for (const weight of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    throwsScoring(t, () => weightedScore([criterion('a', weight, 0, 5)], { a: 1 }), /a needs a positive weight/, `weight ${weight}`);
  }
  for (const [min, max] of [[0.5, 5], [0, 5.5], [3, 3], [5, 1], [0, 2 ** 53]]) {
    throwsScoring(t, () => weightedScore([criterion('a', 1, min!, max!)], { a: 1 }), /a needs integer scaleMin < scaleMax/, `scale ${min}..${max}`);
  }
  throwsScoring(t, () => weightedScore(R3, { ...ok, novelty: 3 }), /^The review scores novelty, which is not a rubric criterion$/, 'an unknown criterion');
  throwsScoring(t, () => weightedScore(R3, { impact: 3, feasibility: 3 }), /^The review has no score for clarity$/, 'a missing score');
  throwsScoring(t, () => weightedScoreHundredths(R3, { ...ok, clarity: undefined as unknown as number }), /no score for clarity/, 'an undefined score');
  for (const bad of [0, 6, 2.5, Number.NaN, '3' as unknown as number, null as unknown as number]) {
    throwsScoring(t, () => weightedScore(R3, { ...ok, impact: bad }), /scores impact .*, not an integer in 1\.\.5/, `impact ${String(bad)}`);
  }
  // The ends of the scale are on it: impact 5 gives points 60 + 20 + 10 = 90 → 75; impact 1 gives 0 + 20 + 10 = 30 → 25.
  t.equal(weightedScore(R3, { ...ok, impact: 5 }), 75);
  t.equal(weightedScore(R3, { ...ok, impact: 1 }), 25);
});

t.test('scores are read from own properties only: an inherited key is neither an unknown criterion nor a score', async (t) => {
  const inherited = Object.create({ novelty: 9, clarity: 4 }) as Record<string, number>;
  inherited.impact = 5;
  inherited.feasibility = 5;
  throwsScoring(t, () => weightedScore(R3, inherited), /no score for clarity/, 'clarity only on the prototype');
  inherited.clarity = 10;
  t.equal(weightedScore(R3, inherited), 100, 'novelty on the prototype is ignored');
});

// ---------------------------------------------------------------------------------------------
// roundHalfAwayFromZero

t.test('roundHalfAwayFromZero: exact halves go away from zero, on either side', async (t) => {
  t.equal(roundHalfAwayFromZero(2.5, 0), 3, 'not to even');
  t.equal(roundHalfAwayFromZero(-2.5, 0), -3);
  t.equal(roundHalfAwayFromZero(0.5, 0), 1);
  t.equal(roundHalfAwayFromZero(-0.5, 0), -1);
  t.equal(roundHalfAwayFromZero(0.125, 2), 0.13, '0.125 is exact in binary');
  t.equal(roundHalfAwayFromZero(-0.125, 2), -0.13);
  t.equal(roundHalfAwayFromZero(9.375, 2), 9.38);
  t.equal(roundHalfAwayFromZero(2.4, 0), 2);
  t.equal(roundHalfAwayFromZero(-2.6, 0), -3);
});

t.test('roundHalfAwayFromZero: decimal "halves" are decided by the double’s exact value', async (t) => {
  // 1.005 is 1.00499999999999989…, 2.675 is 2.67499999999999982…, 1.45 is 1.44999999999999995…: all below the half.
  t.equal(roundHalfAwayFromZero(1.005, 2), 1);
  t.equal(roundHalfAwayFromZero(-1.005, 2), -1);
  t.equal(roundHalfAwayFromZero(2.675, 2), 2.67);
  t.equal(roundHalfAwayFromZero(1.45, 1), 1.4);
  // 0.000005 is 5.00000000000000041e-6: above the half.
  t.equal(roundHalfAwayFromZero(0.000005, 5), 0.00001);
});

t.test('roundHalfAwayFromZero: many decimals, zero, no negative zero, large magnitudes, non-finite values', async (t) => {
  t.equal(roundHalfAwayFromZero(3.14159265358979, 4), 3.1416);
  t.equal(roundHalfAwayFromZero(2.718281828, 6), 2.718282);
  t.equal(roundHalfAwayFromZero(66.666666666, 2), 66.67);
  t.equal(roundHalfAwayFromZero(100, 2), 100);
  t.equal(roundHalfAwayFromZero(0, 2), 0);
  t.ok(Object.is(roundHalfAwayFromZero(-0.004, 2), 0), '−0.004 rounds to +0, not −0');
  // scaled past 1e8: the decimal expansion decides.
  t.equal(roundHalfAwayFromZero(1234567.891, 2), 1234567.89);
  t.equal(roundHalfAwayFromZero(-1234567.895, 2), -1234567.9, '−1234567.895 is −1234567.8950000000186…');
  t.equal(roundHalfAwayFromZero(1e20, 2), 1e20);
  // Doubles from 2^52 up are integers: rounding leaves them as they are (toFixed answers in exponent form from 1e21).
  t.equal(roundHalfAwayFromZero(1e21, 2), 1e21);
  t.equal(roundHalfAwayFromZero(-1.5e21, 2), -1.5e21);
  t.equal(roundHalfAwayFromZero(2 ** 52 + 1, 3), 2 ** 52 + 1);
  t.equal(roundHalfAwayFromZero(Number.POSITIVE_INFINITY, 2), Number.POSITIVE_INFINITY);
  t.ok(Number.isNaN(roundHalfAwayFromZero(Number.NaN, 2)));
});

t.test('property: roundHalfAwayFromZero is odd, idempotent, within half a unit, and sends k + ½ away from zero', async (t) => {
  fc.assert(
    fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
      const r = roundHalfAwayFromZero(x, d);
      return r === -roundHalfAwayFromZero(-x, d) && roundHalfAwayFromZero(r, d) === r && Math.abs(r - x) <= 0.5 * 10 ** -d + 1e-9 * Math.max(1, Math.abs(x));
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (k) => roundHalfAwayFromZero(k + 0.5, 0) === (k >= 0 ? k + 1 : k)),
    { numRuns: 200 },
  );
  t.pass('the properties held');
});

// ---------------------------------------------------------------------------------------------
// rankProposals: raw

/**
 * QC rubric (raw = 5(q + c)), three judges.
 *   p1: j1 (8,6) = 70, j2 (7,7) = 70, j3 (9,9) = 90   mean 230/3 = 76.666… → 76.67, median 70
 *   p2: j1 (9,5) = 70, j2 (4,6) = 50                  mean 60, median (70 + 50)/2 = 60
 *   p3: j3 (3,2) = 25                                 25
 *   px: j1 (8,7) = 75, j2 (8,7) = 75, j3 (0,0) = 0     mean 150/3 = 50, median 75
 *   p4: calibration, j1 (5,5), j2 (5,5): not ranked (its reviews only calibrate)
 *   p0: calibration, nobody reviewed it: reason calibration, not no_reviews
 *   p5: nobody reviewed it: no_reviews
 */
const RAW_INPUT: ScoringInput = {
  rubric: QC,
  settings: settings(),
  proposals: [proposal('p5'), proposal('p4', undefined, true), proposal('p3'), proposal('p2'), proposal('p1'), proposal('px'), proposal('p0', undefined, true)],
  reviews: [
    review('p1', 'j3', qc(9, 9)),
    review('p1', 'j1', qc(8, 6)),
    review('p1', 'j2', qc(7, 7)),
    review('p2', 'j2', qc(4, 6)),
    review('p2', 'j1', qc(9, 5)),
    review('p3', 'j3', qc(3, 2)),
    review('px', 'j1', qc(8, 7)),
    review('px', 'j2', qc(8, 7)),
    review('px', 'j3', qc(0, 0)),
    review('p4', 'j1', qc(5, 5)),
    review('p4', 'j2', qc(5, 5)),
  ],
};

t.test('raw ranking, mean: scores, ranks, reviews by judge, criterion means and medians, unranked proposals', async (t) => {
  const ranking = rankProposals(RAW_INPUT);
  t.same(
    ranking.entries.map((e) => [e.rank, e.proposalId, e.score, e.rawScore, e.normalisedScore, e.reviewCount, e.tieBreak]),
    [
      [1, 'p1', 76.67, 76.67, null, 3, null],
      [2, 'p2', 60, 60, null, 2, null],
      [3, 'px', 50, 50, null, 3, null],
      [4, 'p3', 25, 25, null, 1, null],
    ],
  );
  const p1 = ranking.entries[0]!;
  t.same(p1.reviews, [
    { judgeId: 'j1', raw: 70, normalised: null },
    { judgeId: 'j2', raw: 70, normalised: null },
    { judgeId: 'j3', raw: 90, normalised: null },
  ], 'sorted by judge id whatever the input order');
  // q: 8, 7, 9 → mean 8, median 8; c: 6, 7, 9 → mean 22/3 = 7.33, median 7.
  t.same(p1.criteria, [
    { criterionId: 'q', mean: 8, median: 8 },
    { criterionId: 'c', mean: 7.33, median: 7 },
  ]);
  // p2: q 9, 4 → 6.5 both; c 5, 6 → 5.5 both.
  t.same(ranking.entries[1]!.criteria, [
    { criterionId: 'q', mean: 6.5, median: 6.5 },
    { criterionId: 'c', mean: 5.5, median: 5.5 },
  ]);
  t.same(ranking.unranked, [
    { proposalId: 'p0', reason: 'calibration', reviewCount: 0 },
    { proposalId: 'p4', reason: 'calibration', reviewCount: 2 },
    { proposalId: 'p5', reason: 'no_reviews', reviewCount: 0 },
  ]);
  t.equal(ranking.rounding, ROUNDING_RULE);
  t.same(ranking.settings, RAW_INPUT.settings);
  t.not(ranking.settings, RAW_INPUT.settings, 'the settings are a copy');
});

t.test('raw ranking, median: px (median 75) overtakes p1 (median 70)', async (t) => {
  const input = { ...RAW_INPUT, settings: settings({ aggregation: 'median' }) };
  t.same(
    rankProposals(input).entries.map((e) => [e.proposalId, e.score]),
    [
      ['px', 75],
      ['p1', 70],
      ['p2', 60],
      ['p3', 25],
    ],
  );
});

t.test('aggregation rounds the mean and the even median half away from zero; the median sorts its values', async (t) => {
  // FINE: a score is its raw value in hundredths. Judges' order (j1..j4) differs from the values' order.
  const input = (aggregation: ScoringSettings['aggregation']): ScoringInput => ({
    rubric: FINE,
    settings: settings({ aggregation }),
    proposals: [proposal('a'), proposal('b'), proposal('c')],
    reviews: [
      // a: 1, 2 → mean 1.5 → 2 hundredths; median of two = the same 1.5 → 2.
      review('a', 'j1', { f: 2 }),
      review('a', 'j2', { f: 1 }),
      // b: 0, 1, 1 → mean 2/3 → 1 hundredth; median 1.
      review('b', 'j1', { f: 1 }),
      review('b', 'j2', { f: 0 }),
      review('b', 'j3', { f: 1 }),
      // c: 10, 9, 2, 1 → sorted 1, 2, 9, 10 → median (2 + 9)/2 = 5.5 → 6; mean 22/4 = 5.5 → 6.
      review('c', 'j1', { f: 10 }),
      review('c', 'j2', { f: 9 }),
      review('c', 'j3', { f: 2 }),
      review('c', 'j4', { f: 1 }),
    ],
  });
  const scores = (aggregation: ScoringSettings['aggregation']) => Object.fromEntries(rankProposals(input(aggregation)).entries.map((e) => [e.proposalId, e.score]));
  t.same(scores('mean'), { a: 0.02, b: 0.01, c: 0.06 });
  t.same(scores('median'), { a: 0.02, b: 0.01, c: 0.06 });
  // The odd median picks the middle one: 9, 0, 1 → median 1, mean 10/3 → 3.
  const odd = (aggregation: ScoringSettings['aggregation']) =>
    rankProposals({
      rubric: FINE,
      settings: settings({ aggregation }),
      proposals: [proposal('d')],
      reviews: [review('d', 'j1', { f: 9 }), review('d', 'j2', { f: 0 }), review('d', 'j3', { f: 1 })],
    }).entries[0]!;
  t.equal(odd('median').score, 0.01);
  t.equal(odd('mean').score, 0.03);
  t.same(odd('median').criteria, [{ criterionId: 'f', mean: 3.33, median: 1 }], 'criterion aggregates are of the scale’s own values');
});

// ---------------------------------------------------------------------------------------------
// rankProposals: tie-breaks

/**
 * One judge, QC rubric; a, b, c, d, f all score 50:
 *   e (10,10) = 100, submitted 09:00
 *   a (7,3)  submitted 10:00      b (5,5) 09:00      c (3,7) 09:00      d (5,5) 08:00      f (5,5) 09:00
 * The instant of d is written with an offset: 10:00+02:00 is 08:00Z, earlier than b's 09:00Z though later as a string.
 */
const TIE_INPUT = (tieBreaks: TieBreakRule[]): ScoringInput => ({
  rubric: QC,
  settings: settings({ tieBreaks }),
  proposals: [
    proposal('f', '2024-03-01T09:00Z'),
    proposal('e', '2024-03-01T09:00:00.000Z'),
    proposal('d', '2024-03-01T10:00+02:00'),
    proposal('c', '2024-03-01T09:00:00Z'),
    proposal('b', '2024-03-01T09:00:00.0Z'),
    proposal('a', '2024-03-01T10:00:00Z'),
  ],
  reviews: [
    review('a', 'j1', qc(7, 3)),
    review('b', 'j1', qc(5, 5)),
    review('c', 'j1', qc(3, 7)),
    review('d', 'j1', qc(5, 5)),
    review('e', 'j1', qc(10, 10)),
    review('f', 'j1', qc(5, 5)),
  ],
});

t.test('tie-breaks: criterion q (higher first), then earliest submission, then proposal id; which rule separated whom', async (t) => {
  // 50s by q: a (7) | b, d, f (5) | c (3). Among b, d, f: d at 08:00Z first, b and f at 09:00 by id.
  t.same(brief(TIE_INPUT([{ kind: 'criterion', criterionId: 'q' }, { kind: 'earliest_submission' }])), [
    { rank: 1, id: 'e', score: 100, above: null, below: null, tieBreak: null },
    { rank: 2, id: 'a', score: 50, above: null, below: 'criterion:q', tieBreak: 'criterion:q' },
    { rank: 3, id: 'd', score: 50, above: 'criterion:q', below: 'earliest_submission', tieBreak: 'criterion:q' },
    { rank: 4, id: 'b', score: 50, above: 'earliest_submission', below: 'proposal_id', tieBreak: 'earliest_submission' },
    { rank: 5, id: 'f', score: 50, above: 'proposal_id', below: 'criterion:q', tieBreak: 'proposal_id' },
    { rank: 6, id: 'c', score: 50, above: 'criterion:q', below: null, tieBreak: 'criterion:q' },
  ]);
});

t.test('tie-breaks: none configured, the proposal id decides', async (t) => {
  t.same(brief(TIE_INPUT([])), [
    { rank: 1, id: 'e', score: 100, above: null, below: null, tieBreak: null },
    { rank: 2, id: 'a', score: 50, above: null, below: 'proposal_id', tieBreak: 'proposal_id' },
    { rank: 3, id: 'b', score: 50, above: 'proposal_id', below: 'proposal_id', tieBreak: 'proposal_id' },
    { rank: 4, id: 'c', score: 50, above: 'proposal_id', below: 'proposal_id', tieBreak: 'proposal_id' },
    { rank: 5, id: 'd', score: 50, above: 'proposal_id', below: 'proposal_id', tieBreak: 'proposal_id' },
    { rank: 6, id: 'f', score: 50, above: 'proposal_id', below: null, tieBreak: 'proposal_id' },
  ]);
});

t.test('tie-breaks: earliest submission alone compares instants, not strings', async (t) => {
  // d 08:00Z; b, c, e, f 09:00Z (e is above on score); a 10:00Z.
  t.same(idsInOrder(TIE_INPUT([{ kind: 'earliest_submission' }])), ['e', 'd', 'b', 'c', 'f', 'a']);
  t.same(
    brief(TIE_INPUT([{ kind: 'earliest_submission' }])).map((e) => e.below),
    [null, 'earliest_submission', 'proposal_id', 'proposal_id', 'earliest_submission', null],
  );
});

t.test('tie-breaks: criterion c alone, then proposal id', async (t) => {
  // c by criterion c: c (7) | b, d, f (5) | a (3).
  t.same(idsInOrder(TIE_INPUT([{ kind: 'criterion', criterionId: 'c' }])), ['e', 'c', 'b', 'd', 'f', 'a']);
});

t.test('a criterion tie-break compares the configured aggregation of the criterion', async (t) => {
  // m: (10,0), (4,6), (4,6): all 50; q mean 18/3 = 6, median 4.   n: (5,5) ×3: all 50; q 5 either way.
  const input = (aggregation: ScoringSettings['aggregation']): ScoringInput => ({
    rubric: QC,
    settings: settings({ aggregation, tieBreaks: [{ kind: 'criterion', criterionId: 'q' }] }),
    proposals: [proposal('m'), proposal('n')],
    reviews: ['j1', 'j2', 'j3'].flatMap((j, i) => [review('m', j, i === 0 ? qc(10, 0) : qc(4, 6)), review('n', j, qc(5, 5))]),
  });
  t.same(brief(input('mean')).map((e) => [e.id, e.score, e.tieBreak]), [
    ['m', 50, 'criterion:q'],
    ['n', 50, 'criterion:q'],
  ]);
  t.same(idsInOrder(input('median')), ['n', 'm']);
});

// ---------------------------------------------------------------------------------------------
// rankProposals: normalised

/**
 * S rubric (raw = the score).
 *   j1: p1 20, p2 40, p3 60  → mean 40, population SD √(800/3) = 16.33, z = −1.2247, 0, +1.2247
 *                              → T = 50 ∓ 12.247: 37.75, 50, 62.25
 *   j2: p1 70, p2 90         → z = −1, +1 → T = 40, 60
 *   j3: p3 50                → a single review: the centre, 50
 *   j4: p4 70, p5 70         → no spread: both at the centre, 50
 *   p1: raw (20 + 70)/2 = 45,  normalised (37.75 + 40)/2 = 38.875 → 38.88
 *   p2: raw (40 + 90)/2 = 65,  normalised (50 + 60)/2 = 55
 *   p3: raw (60 + 50)/2 = 55,  normalised (62.25 + 50)/2 = 56.125 → 56.13
 *   p4, p5: raw 70, normalised 50 (tied: by id)
 */
const Z_INPUT = (over: Partial<ScoringSettings> = {}): ScoringInput => ({
  rubric: S,
  settings: settings({ normalisation: 'zscore', ...over }),
  proposals: ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => proposal(id)),
  reviews: [
    review('p1', 'j1', { s: 20 }),
    review('p2', 'j1', { s: 40 }),
    review('p3', 'j1', { s: 60 }),
    review('p1', 'j2', { s: 70 }),
    review('p2', 'j2', { s: 90 }),
    review('p3', 'j3', { s: 50 }),
    review('p4', 'j4', { s: 70 }),
    review('p5', 'j4', { s: 70 }),
  ],
});

t.test('normalised ranking: per-judge T-scores, single reviews and zero spread at the centre, rank on the normalised mean', async (t) => {
  const ranking = rankProposals(Z_INPUT());
  t.same(
    ranking.entries.map((e) => [e.rank, e.proposalId, e.score, e.rawScore, e.normalisedScore, e.tieBreak]),
    [
      [1, 'p3', 56.13, 55, 56.13, null],
      [2, 'p2', 55, 65, 55, null],
      [3, 'p4', 50, 70, 50, 'proposal_id'],
      [4, 'p5', 50, 70, 50, 'proposal_id'],
      [5, 'p1', 38.88, 45, 38.88, null],
    ],
  );
  const byId = Object.fromEntries(ranking.entries.map((e) => [e.proposalId, e.reviews]));
  t.same(byId.p1, [
    { judgeId: 'j1', raw: 20, normalised: 37.75 },
    { judgeId: 'j2', raw: 70, normalised: 40 },
  ]);
  t.same(byId.p3, [
    { judgeId: 'j1', raw: 60, normalised: 62.25 },
    { judgeId: 'j3', raw: 50, normalised: 50 },
  ]);
  t.same(byId.p4, [{ judgeId: 'j4', raw: 70, normalised: 50 }]);
  // The same input without normalisation: p4, p5 (70) first, then p2 65, p3 55, p1 45.
  t.same(idsInOrder({ ...Z_INPUT(), settings: settings() }), ['p4', 'p5', 'p2', 'p3', 'p1']);
});

t.test('normalised ranking with the median; a judge’s calibration reviews count for their scale', async (t) => {
  // Median of two = mean of two, so the Z_INPUT order holds with the median too.
  t.same(idsInOrder(Z_INPUT({ aggregation: 'median' })), ['p3', 'p2', 'p4', 'p5', 'p1']);
  // A calibration proposal k scored 100 by j2 widens j2's scale: j2 has 70, 90, 100 → mean 86.67, SD √(1400/9) = 12.47;
  // z(70) = −16.67/12.47 = −1.336 → 36.64; z(90) = 3.33/12.47 = 0.267 → 52.67. k itself is not ranked.
  const input = Z_INPUT();
  input.proposals.push(proposal('k', undefined, true));
  input.reviews.push(review('k', 'j2', { s: 100 }));
  const ranking = rankProposals(input);
  const byId = Object.fromEntries(ranking.entries.map((e) => [e.proposalId, e.reviews]));
  t.same(byId.p1!.map((r) => r.normalised), [37.75, 36.64]);
  t.same(byId.p2!.map((r) => r.normalised), [50, 52.67]);
  t.same(ranking.unranked, [{ proposalId: 'k', reason: 'calibration', reviewCount: 1 }]);
});

t.test('normalised scores are clamped to 0–100', async (t) => {
  // j1 gives 100 to q01 and 0 to q02..q27; j2 the reverse. With 27 reviews the lone extreme has z = ±√26 = ±5.099:
  // 50 ± 50.99 is clamped to 100 (j1 on q01) and 0 (j2 on q01); the others sit at 50 ∓ 10/√26 = 48.04 (j1) and 51.96 (j2).
  const ids = Array.from({ length: 27 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`);
  const ranking = rankProposals({
    rubric: S,
    settings: settings({ normalisation: 'zscore' }),
    proposals: ids.map((id) => proposal(id)),
    reviews: ids.flatMap((id, i) => [review(id, 'j1', { s: i === 0 ? 100 : 0 }), review(id, 'j2', { s: i === 0 ? 0 : 100 })]),
  });
  const q01 = ranking.entries.find((e) => e.proposalId === 'q01')!;
  t.same(q01.reviews.map((r) => r.normalised), [100, 0]);
  t.equal(q01.score, 50);
  const q02 = ranking.entries.find((e) => e.proposalId === 'q02')!;
  t.same(q02.reviews.map((r) => r.normalised), [48.04, 51.96]);
  t.equal(q02.score, 50, '(48.04 + 51.96)/2');
});

// ---------------------------------------------------------------------------------------------
// rankProposals: input errors

t.test('rankProposals refuses inconsistent input with a ScoringInputError', async (t) => {
  const base = (): ScoringInput => ({
    rubric: QC,
    settings: settings(),
    proposals: [proposal('p1'), proposal('p2')],
    reviews: [review('p1', 'j1', qc(5, 5))],
  });
  const withInput = (change: (input: ScoringInput) => void) => () => {
    const input = base();
    change(input);
    return rankProposals(input);
  };
  throwsScoring(t, withInput((i) => (i.rubric = [])), /no criteria/, 'an empty rubric');
  throwsScoring(t, withInput((i) => (i.settings.tieBreaks = [{ kind: 'criterion', criterionId: 'zz' }])), /^Tie-break criterion zz is not in the rubric$/, 'an unknown tie-break criterion');
  throwsScoring(t, withInput((i) => i.proposals.push(proposal('p1'))), /^Proposal p1 appears twice$/, 'a repeated proposal');
  for (const instant of ['yesterday', '2024-03-01', '2024-03-01 09:00Z', '2024-03-01T09:00', '2024-13-01T09:00Z', '2024-03-01T25:00Z']) {
    throwsScoring(t, withInput((i) => i.proposals.push(proposal('p3', instant))), /^Proposal p3 has an unreadable firstSubmittedAt$/, `firstSubmittedAt ${instant}`);
  }
  throwsScoring(t, withInput((i) => i.reviews.push(review('p9', 'j2', qc(1, 1)))), /^A review by j2 is of unknown proposal p9$/, 'a review of an unknown proposal');
  throwsScoring(t, withInput((i) => i.reviews.push(review('p1', 'j1', qc(6, 6)))), /^Judge j1 has two reviews of p1$/, 'two reviews by one judge of one proposal');
  throwsScoring(t, withInput((i) => i.reviews.push(review('p2', 'j1', { q: 5, c: 11 }))), /^The review of p2 by j1 scores c 11, not an integer in 0\.\.10$/, 'a score off its scale');
  throwsScoring(t, withInput((i) => i.reviews.push(review('p2', 'j2', { q: 5 }))), /^The review of p2 by j2 has no score for c$/, 'a missing score');
  throwsScoring(t, withInput((i) => i.reviews.push(review('p2', 'j2', { q: 5, c: 5, x: 1 }))), /^The review of p2 by j2 scores x, which is not a rubric criterion$/, 'an unknown criterion');
  throwsScoring(t, () => biasReport({ ...base(), reviews: [review('p1', 'j1', { q: -1, c: 0 })] }), /scores q -1/, 'biasReport validates as well');
  t.equal(rankProposals(base()).entries.length, 1, 'the unchanged input ranks');
});

t.test('rankProposals refuses more judges × proposals × reviews than its sort keys can hold (2^53)', async (t) => {
  // 2048 judges × 1025 proposals × (2^32 − 1) reviews ≥ 2^53. The reviews array is sparse: only its iterator yields reviews,
  // which is all the check needs before it refuses (nothing is allocated per review before it).
  const proposals = Array.from({ length: 1025 }, (_, i) => proposal(`p${i}`));
  const reviews = Object.assign(new Array<ScoredReview>(2 ** 32 - 1), {
    *[Symbol.iterator]() {
      for (let j = 0; j < 2048; j++) yield review('p0', `j${j}`, qc(1, 1));
    },
  });
  throwsScoring(t, () => rankProposals({ rubric: QC, settings: settings(), proposals, reviews }), /^Too many judges, proposals and reviews to rank at once$/, 'the product past 2^53');
});

t.test('no proposals or no reviews: an empty ranking, everything unranked', async (t) => {
  t.same(rankProposals({ rubric: QC, settings: settings(), proposals: [], reviews: [] }).entries, []);
  const ranking = rankProposals({ rubric: QC, settings: settings({ normalisation: 'zscore' }), proposals: [proposal('b'), proposal('a')], reviews: [] });
  t.same(ranking.entries, []);
  t.same(ranking.unranked, [
    { proposalId: 'a', reason: 'no_reviews', reviewCount: 0 },
    { proposalId: 'b', reason: 'no_reviews', reviewCount: 0 },
  ]);
  t.same(biasReport({ rubric: QC, settings: settings(), proposals: [proposal('a')], reviews: [] }), { judges: [], rankings: [] });
});

// ---------------------------------------------------------------------------------------------
// biasReport

t.test('biasReport: mean, SD, offsets and agreement against the other judges; one harsh judge flagged as an outlier', async (t) => {
  /**
   * S rubric.          P1   P2   P3
   *   j1                60   70   80     mean 70,  SD √(200/3) = 8.16
   *   j2                62   72   82     mean 72,  SD 8.16
   *   j3                58   68   78     mean 68,  SD 8.16
   *   j4                20   30   50     mean 33.33, SD √(1400/9) = 12.47
   * Offset on a proposal = own − mean of the others:
   *   j1: 60 − 140/3, 70 − 170/3, 80 − 70      = 13.33, 13.33, 10     → 12.22
   *   j2: 62 − 46,    72 − 56,    82 − 208/3   = 16, 16, 12.67        → 14.89
   *   j3: 58 − 142/3, 68 − 172/3, 78 − 212/3   = 10.67, 10.67, 7.33   → 9.56
   *   j4: 20 − 60,    30 − 70,    50 − 80      = −40, −40, −30        → −36.67
   * Outlier (leave one out): j4 is 36.67 + 12.22 = 48.89 from the others' mean offset (12.22), whose SD is
   *   √((0² + 2.67² + 2.67²)/3) = 2.18: 48.89 ≥ 5 and > 2 × 2.18 → outlier.
   *   j1 is |12.22 − (14.89 + 9.56 − 36.67)/3| = 16.30 from the others, whose SD is ≈ 23.6: 16.30 ≤ 47.2 → not.
   * Agreement (Pearson with the others' means): j1 with (46.67, 56.67, 70) = 0.9966 → 0.997 (j2, j3 likewise);
   *   j4: dx (−13.33, −3.33, 16.67), dy (−10, 0, 10): 300/√(466.67 × 200) = 0.98198 → 0.982.
   */
  const reviews = [
    [60, 70, 80],
    [62, 72, 82],
    [58, 68, 78],
    [20, 30, 50],
  ].flatMap((row, j) => row.map((s, p) => review(`P${p + 1}`, `j${j + 1}`, { s })));
  const report = biasReport({ rubric: S, settings: settings(), proposals: ['P1', 'P2', 'P3'].map((id) => proposal(id)), reviews });
  t.same(report.judges, [
    { judgeId: 'j1', count: 3, mean: 70, standardDeviation: 8.16, sharedProposals: 3, meanOffset: 12.22, agreement: 0.997, flags: [] },
    { judgeId: 'j2', count: 3, mean: 72, standardDeviation: 8.16, sharedProposals: 3, meanOffset: 14.89, agreement: 0.997, flags: [] },
    { judgeId: 'j3', count: 3, mean: 68, standardDeviation: 8.16, sharedProposals: 3, meanOffset: 9.56, agreement: 0.997, flags: [] },
    { judgeId: 'j4', count: 3, mean: 33.33, standardDeviation: 12.47, sharedProposals: 3, meanOffset: -36.67, agreement: 0.982, flags: ['outlier'] },
  ]);
});

t.test('biasReport: raw and normalised rankings side by side, whatever the configured normalisation', async (t) => {
  /**
   * Z_INPUT: raw p4 70, p5 70, p2 65, p3 55, p1 45; normalised p3 56.13, p2 55, p4 50, p5 50, p1 38.88.
   * change = rawRank − normalisedRank: p4 1 − 3 = −2, p5 2 − 4 = −2, p2 3 − 2 = 1, p3 4 − 1 = 3, p1 0.
   * Judges: j1 20, 40, 60 with others' (70, 90, 50) → offsets −50, −50, 10 → −30;
   *   agreement: dx (−20, 0, 20), dy (0, 20, −20) → −400/√(800 × 800) = −0.5.
   *   j2 70, 90 against j1's 20, 40 → +50, +50 → 50; two shared: no agreement.
   *   j3 50 against j1's 60 → −10.   j4: nobody else on p4, p5 → no offset, and two equal scores → non_discriminating.
   * Outliers: j2 is |50 − (−30 − 10)/2| = 70 from the others (SD of −30, −10 = 10): 70 > 20 → outlier.
   *   j1 is |−30 − 20| = 50 from (50, −10), SD 30: 50 ≤ 60 → not. j3 is |−10 − 10| = 20, SD 40 → not.
   */
  for (const normalisation of ['none', 'zscore'] as const) {
    const report = biasReport(Z_INPUT({ normalisation }));
    t.same(report.rankings, [
      { proposalId: 'p4', rawRank: 1, normalisedRank: 3, change: -2, rawScore: 70, normalisedScore: 50 },
      { proposalId: 'p5', rawRank: 2, normalisedRank: 4, change: -2, rawScore: 70, normalisedScore: 50 },
      { proposalId: 'p2', rawRank: 3, normalisedRank: 2, change: 1, rawScore: 65, normalisedScore: 55 },
      { proposalId: 'p3', rawRank: 4, normalisedRank: 1, change: 3, rawScore: 55, normalisedScore: 56.13 },
      { proposalId: 'p1', rawRank: 5, normalisedRank: 5, change: 0, rawScore: 45, normalisedScore: 38.88 },
    ], `normalisation ${normalisation}`);
    t.same(report.judges, [
      { judgeId: 'j1', count: 3, mean: 40, standardDeviation: 16.33, sharedProposals: 3, meanOffset: -30, agreement: -0.5, flags: [] },
      { judgeId: 'j2', count: 2, mean: 80, standardDeviation: 10, sharedProposals: 2, meanOffset: 50, agreement: null, flags: ['outlier'] },
      { judgeId: 'j3', count: 1, mean: 50, standardDeviation: null, sharedProposals: 1, meanOffset: -10, agreement: null, flags: ['single_review'] },
      { judgeId: 'j4', count: 2, mean: 70, standardDeviation: 0, sharedProposals: 0, meanOffset: null, agreement: null, flags: ['non_discriminating'] },
    ], `normalisation ${normalisation}`);
  }
});

t.test('biasReport: the rankings use the configured aggregation and tie-breaks', async (t) => {
  // TIE_INPUT: one judge, scores 100 and five 50s: mean 350/6 = 58.33, SD √(2083.33/6) = 18.63;
  // z(100) = 41.67/18.63 = 2.236 → 72.36, z(50) = −8.33/18.63 = −0.447 → 45.53. Both rankings: e, a, d, b, f, c as in the raw test.
  const report = biasReport(TIE_INPUT([{ kind: 'criterion', criterionId: 'q' }, { kind: 'earliest_submission' }]));
  t.same(report.rankings.map((r) => [r.proposalId, r.rawRank, r.normalisedRank, r.normalisedScore]), [
    ['e', 1, 1, 72.36],
    ['a', 2, 2, 45.53],
    ['d', 3, 3, 45.53],
    ['b', 4, 4, 45.53],
    ['f', 5, 5, 45.53],
    ['c', 6, 6, 45.53],
  ]);
  t.same(report.judges, [{ judgeId: 'j1', count: 6, mean: 58.33, standardDeviation: 18.63, sharedProposals: 0, meanOffset: null, agreement: null, flags: [] }]);
});

t.test('biasReport: agreement is null with no variation in either series; calibration reviews count', async (t) => {
  /**
   * j8 gives 50 to R1, R2, R3; j9 gives 40, 60, 80; K is a calibration proposal both score 50.
   *   j8: mine (50, 50, 50, 50) is constant → agreement null; offsets 10, −10, −30, 0 → −7.5; non_discriminating, SD 0.
   *   j9: the others' series (50, 50, 50, 50) is constant → null; offsets −10, 10, 30, 0 → 7.5;
   *       mean 57.5, SD √((17.5² + 2.5² + 22.5² + 7.5²)/4) = √218.75 = 14.79.
   *   Raw ranking: R3 (80 + 50)/2 = 65, R2 55, R1 45.
   * Only two judges with an offset: neither can be an outlier (each has one other, fewer than 2).
   */
  const report = biasReport({
    rubric: S,
    settings: settings(),
    proposals: [proposal('R1'), proposal('R2'), proposal('R3'), proposal('K', undefined, true)],
    reviews: [
      review('R1', 'j8', { s: 50 }),
      review('R2', 'j8', { s: 50 }),
      review('R3', 'j8', { s: 50 }),
      review('K', 'j8', { s: 50 }),
      review('R1', 'j9', { s: 40 }),
      review('R2', 'j9', { s: 60 }),
      review('R3', 'j9', { s: 80 }),
      review('K', 'j9', { s: 50 }),
    ],
  });
  t.same(report.judges, [
    { judgeId: 'j8', count: 4, mean: 50, standardDeviation: 0, sharedProposals: 4, meanOffset: -7.5, agreement: null, flags: ['non_discriminating'] },
    { judgeId: 'j9', count: 4, mean: 57.5, standardDeviation: 14.79, sharedProposals: 4, meanOffset: 7.5, agreement: null, flags: [] },
  ]);
  t.same(report.rankings.map((r) => [r.proposalId, r.rawScore]), [['R3', 65], ['R2', 55], ['R1', 45]], 'K is not ranked');
});

t.test('biasReport: the outlier point floor is OUTLIER_MINIMUM_POINTS, inclusive', async (t) => {
  /**
   * FINE rubric (score = raw in hundredths). Three judges at 50 and a fourth at 50 − d on one proposal:
   *   each of the three: 50 − (50 + 50 + 50 − d)/3 = d/3; the fourth: (50 − d) − 50 = −d.
   *   The fourth is d + d/3 = 4d/3 from the others' offsets (all d/3, SD 0).
   *   d = 3.75 (score 4625): exactly 5 → outlier.  d = 3.74 (score 4626): 4.9867 → not.
   */
  const flagsWith = (score: number) =>
    biasReport({
      rubric: FINE,
      settings: settings(),
      proposals: [proposal('P')],
      reviews: [review('P', 'j1', { f: 5000 }), review('P', 'j2', { f: 5000 }), review('P', 'j3', { f: 5000 }), review('P', 'j4', { f: score })],
    }).judges.map((j) => [j.judgeId, j.meanOffset, j.flags]);
  t.same(flagsWith(4625), [
    ['j1', 1.25, ['single_review']],
    ['j2', 1.25, ['single_review']],
    ['j3', 1.25, ['single_review']],
    ['j4', -3.75, ['single_review', 'outlier']],
  ]);
  t.same(flagsWith(4626), [
    ['j1', 1.25, ['single_review']],
    ['j2', 1.25, ['single_review']],
    ['j3', 1.25, ['single_review']],
    ['j4', -3.74, ['single_review']],
  ]);
});

t.test('biasReport: an outlier needs OUTLIER_MINIMUM_OTHER_JUDGES other judges with an offset', async (t) => {
  /**
   * S rubric, one proposal. Three judges 50, 50, 44: offsets 50 − 47 = 3, 3, 44 − 50 = −6; j3 is 6 + 3 = 9 from
   * the two others (SD 0): outlier. With j1 gone, j3 (−6) and j2 (+6) each have a single other judge: no outlier.
   */
  const judgesOn = (scores: Record<string, number>) =>
    biasReport({ rubric: S, settings: settings(), proposals: [proposal('P')], reviews: Object.entries(scores).map(([j, s]) => review('P', j, { s })) }).judges.map((j) => [
      j.judgeId,
      j.meanOffset,
      j.flags.includes('outlier'),
    ]);
  t.same(judgesOn({ j1: 50, j2: 50, j3: 44 }), [
    ['j1', 3, false],
    ['j2', 3, false],
    ['j3', -6, true],
  ]);
  t.same(judgesOn({ j2: 50, j3: 44 }), [
    ['j2', 6, false],
    ['j3', -6, false],
  ]);
});

// ---------------------------------------------------------------------------------------------
// Properties

const PROPOSAL_IDS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
const JUDGE_IDS = ['j0', 'j1', 'j2', 'j3'];
const tieBreakRules: TieBreakRule[] = [{ kind: 'criterion', criterionId: 'q' }, { kind: 'criterion', criterionId: 'c' }, { kind: 'earliest_submission' }];

/** A small random input: up to 6 proposals × 4 judges, each pair reviewed or not, scores 0..maxScore on QC-like criteria. */
const inputArb = (options: { maxScore?: number; weights?: fc.Arbitrary<[number, number]> } = {}) =>
  fc
    .record({
      proposalCount: fc.integer({ min: 1, max: 6 }),
      judgeCount: fc.integer({ min: 1, max: 4 }),
      cells: fc.array(fc.option(fc.tuple(fc.integer({ min: 0, max: options.maxScore ?? 10 }), fc.integer({ min: 0, max: options.maxScore ?? 10 })), { nil: null, freq: 3 }), {
        minLength: 24,
        maxLength: 24,
      }),
      hours: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 }),
      calibration: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      weights: options.weights ?? fc.constant<[number, number]>([1, 1]),
      aggregation: fc.constantFrom<ScoringSettings['aggregation']>('mean', 'median'),
      normalisation: fc.constantFrom<ScoringSettings['normalisation']>('none', 'zscore'),
      tieBreaks: fc.shuffledSubarray(tieBreakRules),
    })
    .map((r): ScoringInput => {
      const proposals = PROPOSAL_IDS.slice(0, r.proposalCount).map((id, p) => proposal(id, `2024-03-01T0${r.hours[p]}:00Z`, r.calibration[p] && p % 3 === 0));
      const reviews: ScoredReview[] = [];
      for (let p = 0; p < r.proposalCount; p++) {
        for (let j = 0; j < r.judgeCount; j++) {
          const cell = r.cells[p * 4 + j];
          if (cell) reviews.push(review(PROPOSAL_IDS[p]!, JUDGE_IDS[j]!, qc(cell[0], cell[1])));
        }
      }
      return {
        rubric: [criterion('q', r.weights[0], 0, 10), criterion('c', r.weights[1], 0, 10)],
        settings: settings({ aggregation: r.aggregation, normalisation: r.normalisation, tieBreaks: r.tieBreaks }),
        proposals,
        reviews,
      };
    });

t.test('property: ranks are 1..n over exactly the rankable proposals, scores non-increasing, tie-break labels where scores tie', async (t) => {
  fc.assert(
    fc.property(inputArb(), (input) => {
      const ranking = rankProposals(input);
      const reviewed = new Set(input.reviews.map((r) => r.proposalId));
      const rankable = input.proposals.filter((p) => !p.calibration && reviewed.has(p.id)).map((p) => p.id).sort();
      const { entries } = ranking;
      if (entries.map((e) => e.proposalId).sort().join() !== rankable.join()) return false;
      if (!entries.every((e, i) => e.rank === i + 1)) return false;
      if (ranking.unranked.length + entries.length !== input.proposals.length) return false;
      for (const [i, e] of entries.entries()) {
        if (e.score !== (input.settings.normalisation === 'zscore' ? e.normalisedScore : e.rawScore)) return false;
        if (e.rawScore < 0 || e.rawScore > 100) return false;
        if (e.reviewCount !== input.reviews.filter((r) => r.proposalId === e.proposalId).length) return false;
        const previous = entries[i - 1];
        if (previous) {
          if (previous.score < e.score) return false;
          if ((previous.score === e.score) !== (e.tieBreakAbove !== null)) return false;
          if (previous.tieBreakBelow !== e.tieBreakAbove) return false;
        }
        if (e.tieBreak !== (e.tieBreakAbove ?? e.tieBreakBelow)) return false;
        // Each review's raw score is the rubric's weighted score of that review, rounded as documented.
        for (const r of e.reviews) {
          const scores = input.reviews.find((x) => x.proposalId === e.proposalId && x.judgeId === r.judgeId)!.scores;
          if (r.raw !== weightedScoreHundredths(input.rubric, scores) / 100) return false;
        }
      }
      return true;
    }),
    { numRuns: 200 },
  );
  t.pass('the property held');
});

t.test('property: the ranking and the bias report depend on the content, not on the order of proposals and reviews', async (t) => {
  const shuffled = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });
  fc.assert(
    fc.property(
      inputArb().chain((input) => fc.tuple(fc.constant(input), shuffled(input.proposals), shuffled(input.reviews))),
      ([input, proposals, reviews]) => {
        const reordered = { ...input, proposals, reviews };
        deepStrictEqual(rankProposals(reordered), rankProposals(input));
        deepStrictEqual(biasReport(reordered), biasReport(input));
        deepStrictEqual(rankProposals(structuredClone(input)), rankProposals(input), 'deterministic');
      },
    ),
    { numRuns: 100 },
  );
  t.pass('the property held');
});

t.test('property: adding a constant to every score of one judge leaves the normalised ranking unchanged', async (t) => {
  // Scores 0..5 so that adding up to 5 stays on the 0..10 scale. Tie-breaks on criteria compare raw values, which the
  // shift changes, so only the submission instant and the id break ties here. A judge with no spread stays at the centre.
  fc.assert(
    fc.property(inputArb({ maxScore: 5 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom(...JUDGE_IDS), fc.boolean(), (input, shift, judge, earliest) => {
      const base: ScoringInput = { ...input, settings: settings({ aggregation: input.settings.aggregation, normalisation: 'zscore', tieBreaks: earliest ? [{ kind: 'earliest_submission' }] : [] }) };
      const shifted: ScoringInput = {
        ...base,
        reviews: base.reviews.map((r) => (r.judgeId === judge ? review(r.proposalId, r.judgeId, qc(r.scores.q! + shift, r.scores.c! + shift)) : r)),
      };
      const view = (i: ScoringInput) => rankProposals(i).entries.map((e) => [e.proposalId, e.score, e.tieBreak, e.reviews.map((r) => r.normalised)]);
      deepStrictEqual(view(shifted), view(base));
      const normalisedRanks = (i: ScoringInput) => biasReport(i).rankings.map((r) => `${r.proposalId}:${r.normalisedRank}:${r.normalisedScore}`).sort();
      deepStrictEqual(normalisedRanks(shifted), normalisedRanks(base));
    }),
    { numRuns: 100 },
  );
  t.pass('the property held');
});

t.test('property: scaling every weight by one factor changes no score and no order', async (t) => {
  const weights = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }));
  // Any factor keeps the exact raw scores; a power of two also keeps every double of the normalisation bit for bit.
  fc.assert(
    fc.property(inputArb({ weights }), fc.constantFrom(0.25, 0.5, 2, 3, 10), (input, factor) => {
      const raw = { ...input, settings: { ...input.settings, normalisation: 'none' as const } };
      const scaled = { ...raw, rubric: raw.rubric.map((c) => ({ ...c, weight: c.weight * factor })) };
      deepStrictEqual(rankProposals(scaled).entries, rankProposals(raw).entries);
    }),
    { numRuns: 100 },
  );
  fc.assert(
    fc.property(inputArb({ weights }), fc.constantFrom(2, 4, 8), (input, factor) => {
      const z = { ...input, settings: { ...input.settings, normalisation: 'zscore' as const } };
      const scaled = { ...z, rubric: z.rubric.map((c) => ({ ...c, weight: c.weight * factor })) };
      deepStrictEqual(rankProposals(scaled).entries, rankProposals(z).entries);
    }),
    { numRuns: 100 },
  );
  t.pass('the properties held');
});
