/**
 * Scoring, ranking and the judge-bias report (issue #12, SPEC §5). Pure: the caller passes the
 * rubric, the settings, the proposals and the reviews that count; nothing here reads a clock or a
 * database, and the result depends only on the input's content, never on its order.
 * docs/scoring.md has the formulas, the rounding rule and a worked example (the test fixture).
 */

export interface ScoringCriterion {
  id: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
}

export interface ScoredReview {
  proposalId: string;
  judgeId: string;
  /** One integer per rubric criterion, within its scale. */
  scores: Record<string, number>;
}

export type TieBreakRule = { kind: 'criterion'; criterionId: string } | { kind: 'earliest_submission' };

export interface ScoringSettings {
  aggregation: 'mean' | 'median';
  normalisation: 'none' | 'zscore';
  tieBreaks: TieBreakRule[];
}

export interface RankableProposal {
  id: string;
  /** ISO 8601 instant. */
  firstSubmittedAt: string;
  /** Scored by every judge to calibrate them: its reviews count for each judge's mean and spread, but it is never ranked. */
  calibration?: boolean;
}

export interface ScoringInput {
  rubric: ScoringCriterion[];
  settings: ScoringSettings;
  proposals: RankableProposal[];
  reviews: ScoredReview[];
}

/** Which rule put one entry above its equal-scored neighbour; `proposal_id` is the final, always-decisive rule. */
export type TieBreakUsed = `criterion:${string}` | 'earliest_submission' | 'proposal_id';

export interface RankingEntry {
  /** 1..n, no two entries share one: the ranking is total. */
  rank: number;
  proposalId: string;
  /** The value ranked on: `normalisedScore` under zscore, else `rawScore`. Two decimals. */
  score: number;
  /** The configured aggregation of the reviews' `raw` values, 0–100, two decimals. */
  rawScore: number;
  /** The configured aggregation of the reviews' `normalised` values, 0–100, two decimals; null without normalisation. */
  normalisedScore: number | null;
  reviewCount: number;
  /** Sorted by judge id; every value already rounded to two decimals, and the aggregates are computed from exactly these. */
  reviews: Array<{ judgeId: string; raw: number; normalised: number | null }>;
  /** Rubric order; raw criterion scores in the criterion's own scale, two decimals. */
  criteria: Array<{ criterionId: string; mean: number; median: number }>;
  /** `tieBreakAbove` when there is one, else `tieBreakBelow`. */
  tieBreak: TieBreakUsed | null;
  /** The rule that ordered this entry after the one above it, when both have the same score. */
  tieBreakAbove: TieBreakUsed | null;
  /** The rule that ordered this entry before the one below it, when both have the same score. */
  tieBreakBelow: TieBreakUsed | null;
}

export interface UnrankedProposal {
  proposalId: string;
  reason: 'calibration' | 'no_reviews';
  reviewCount: number;
}

export interface Ranking {
  entries: RankingEntry[];
  /** Proposals that are not ranked, sorted by id: calibration proposals and proposals nobody reviewed. */
  unranked: UnrankedProposal[];
  settings: ScoringSettings;
  rounding: string;
}

export type JudgeFlag = 'non_discriminating' | 'outlier' | 'single_review';

export interface JudgeBias {
  judgeId: string;
  /** Reviews counted, calibration included. */
  count: number;
  /** Of the judge's raw review scores, 0–100, two decimals. */
  mean: number | null;
  /** Population standard deviation of the judge's raw review scores, two decimals; null with fewer than two reviews. */
  standardDeviation: number | null;
  /** Proposals this judge reviewed that at least one other judge reviewed too. */
  sharedProposals: number;
  /** Mean of (this judge's raw score − the other judges' mean raw score) over the shared proposals, two decimals; null with none. */
  meanOffset: number | null;
  /** Pearson correlation of this judge's raw scores with the other judges' mean on the shared proposals, three decimals; null below three, or with no variation in either series. */
  agreement: number | null;
  flags: JudgeFlag[];
}

export interface BiasReport {
  /** Sorted by judge id. */
  judges: JudgeBias[];
  /** Both rankings use the configured aggregation and tie-breaks; sorted by `rawRank`. `change` = rawRank − normalisedRank (positive: normalisation moved it up). */
  rankings: Array<{ proposalId: string; rawRank: number; normalisedRank: number; change: number; rawScore: number; normalisedScore: number }>;
}

/** Inconsistent input (a score off its scale, a review of an unknown proposal…): the caller's data is wrong, not the request. */
export class ScoringInputError extends Error {
  override name = 'ScoringInputError';
}

export const ROUNDING_RULE =
  'Each review gets a raw and a normalised score rounded once to 2 decimals, half away from zero (the raw one exactly, from integer ' +
  'arithmetic, when every weight has at most 6 decimals; otherwise, and always for the normalised one, from the IEEE-754 double ' +
  'computed in a fixed order). A proposal’s score is the mean or median of those rounded values, rounded again to 2 decimals half ' +
  'away from zero with exact integer arithmetic. Ranking compares these 2-decimal scores, then the tie-breaks in order, then the ' +
  'proposal id (UTF-16 code units).';

/** Normalised review score = clamp(NORMALISED_CENTRE + NORMALISED_SPREAD × z, 0, 100): a T-score, see docs/scoring.md. */
export const NORMALISED_CENTRE = 50;
export const NORMALISED_SPREAD = 10;
/** Outlier rule for a judge's mean offset; see docs/scoring.md. */
export const OUTLIER_SPREAD_MULTIPLE = 2;
export const OUTLIER_MINIMUM_POINTS = 5;
export const OUTLIER_MINIMUM_OTHER_JUDGES = 2;

// ---------------------------------------------------------------------------------------------
// Rubric

/**
 * A rubric prepared once. On the exact path a review's weighted sum `points` is an integer and its
 * raw score is exactly 100 × points / denominator; on the fallback path both are doubles.
 */
interface CompiledRubric {
  criteria: ScoringCriterion[];
  indexById: Map<string, number>;
  exact: boolean;
  /** Per criterion: points per scale step. */
  factors: number[];
  denominator: number;
}

// 10000 × points must stay an exact integer: points ≤ weightUnits × lcm ≤ 2^36 keeps it below 2^53 with room for n × points.
const EXACT_LIMIT = 2 ** 36;

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function compileRubric(rubric: ScoringCriterion[]): CompiledRubric {
  if (rubric.length === 0) throw new ScoringInputError('The rubric has no criteria');
  const indexById = new Map<string, number>();
  for (const [i, c] of rubric.entries()) {
    if (indexById.has(c.id)) throw new ScoringInputError(`Criterion ${c.id} appears twice in the rubric`);
    if (!(Number.isFinite(c.weight) && c.weight > 0)) throw new ScoringInputError(`Criterion ${c.id} needs a positive weight`);
    if (!Number.isSafeInteger(c.scaleMin) || !Number.isSafeInteger(c.scaleMax) || c.scaleMax <= c.scaleMin) {
      throw new ScoringInputError(`Criterion ${c.id} needs integer scaleMin < scaleMax`);
    }
    indexById.set(c.id, i);
  }

  // Weights as the organiser wrote them in decimal (0.1 means a tenth), scaled to integers.
  let weightUnits: number[] | null = null;
  for (let decimals = 0; decimals <= 6 && weightUnits === null; decimals++) {
    const scale = 10 ** decimals;
    const units = rubric.map((c) => Math.round(c.weight * scale));
    if (units.every((u, i) => u / scale === rubric[i]!.weight)) weightUnits = units;
  }
  let commonMultiple = 1;
  for (const c of rubric) {
    const range = c.scaleMax - c.scaleMin;
    commonMultiple = (commonMultiple / greatestCommonDivisor(commonMultiple, range)) * range;
    if (commonMultiple > EXACT_LIMIT) break;
  }
  const totalUnits = weightUnits?.reduce((sum, u) => sum + u, 0) ?? Infinity;
  if (weightUnits !== null && commonMultiple * totalUnits <= EXACT_LIMIT) {
    const units = weightUnits;
    return {
      criteria: rubric,
      indexById,
      exact: true,
      factors: rubric.map((c, i) => units[i]! * (commonMultiple / (c.scaleMax - c.scaleMin))),
      denominator: commonMultiple * totalUnits,
    };
  }
  let totalWeight = 0;
  for (const c of rubric) totalWeight += c.weight;
  return { criteria: rubric, indexById, exact: false, factors: rubric.map((c) => c.weight / (c.scaleMax - c.scaleMin)), denominator: totalWeight };
}

/** The review's weighted sum in the compiled rubric's units; also checks the scores. */
function reviewPoints(compiled: CompiledRubric, scores: Record<string, number>, review: ScoredReview | null): number {
  // Built only for an error: a template per review costs more than the arithmetic.
  const what = () => (review ? `The review of ${review.proposalId} by ${review.judgeId}` : 'The review');
  let points = 0;
  for (const key in scores) {
    if (Object.hasOwn(scores, key) && !compiled.indexById.has(key)) throw new ScoringInputError(`${what()} scores ${key}, which is not a rubric criterion`);
  }
  const { criteria, factors } = compiled;
  for (let k = 0; k < criteria.length; k++) {
    const c = criteria[k]!;
    const score = Object.hasOwn(scores, c.id) ? scores[c.id] : undefined;
    if (score === undefined) throw new ScoringInputError(`${what()} has no score for ${c.id}`);
    if (!Number.isInteger(score) || score < c.scaleMin || score > c.scaleMax) {
      throw new ScoringInputError(`${what()} scores ${c.id} ${score}, not an integer in ${c.scaleMin}..${c.scaleMax}`);
    }
    points += factors[k]! * (score - c.scaleMin);
  }
  return points;
}

function rawFromPoints(compiled: CompiledRubric, points: number): number {
  // Only the double path can stray, by an ulp, past the ends (1/3 ÷ 3 × 3 + 10 over 10 1/3 is 100.00000000000001).
  return Math.min(100, Math.max(0, (100 * points) / compiled.denominator));
}

function rawHundredthsFromPoints(compiled: CompiledRubric, points: number): number {
  return compiled.exact ? divideRounded(10000 * points, compiled.denominator) : hundredthsOf(rawFromPoints(compiled, points));
}

/** 0–100: sum of weight × (score − min)/(max − min) over criteria, divided by total weight, × 100. Full precision. */
export function weightedScore(rubric: ScoringCriterion[], scores: Record<string, number>): number {
  const compiled = compileRubric(rubric);
  return rawFromPoints(compiled, reviewPoints(compiled, scores, null));
}

/** The same score in integer hundredths, rounded as the ranking rounds it (ROUNDING_RULE). */
export function weightedScoreHundredths(rubric: ScoringCriterion[], scores: Record<string, number>): number {
  const compiled = compileRubric(rubric);
  return rawHundredthsFromPoints(compiled, reviewPoints(compiled, scores, null));
}

// ---------------------------------------------------------------------------------------------
// Rounding

/** numerator / denominator rounded half away from zero; both integers, denominator > 0, |numerator| < 2^53. */
function divideRounded(numerator: number, denominator: number): number {
  const magnitude = Math.abs(numerator);
  let quotient = Math.floor(magnitude / denominator);
  let remainder = magnitude - quotient * denominator;
  // The float division can land one off for very large operands; the exact remainder corrects it.
  if (remainder < 0) {
    quotient -= 1;
    remainder += denominator;
  } else if (remainder >= denominator) {
    quotient += 1;
    remainder -= denominator;
  }
  if (2 * remainder >= denominator) quotient += 1;
  return numerator < 0 && quotient !== 0 ? -quotient : quotient;
}

/** The double's exact value × 10^decimals, rounded half away from zero: what toFixed computes, without a string on the usual path. */
function scaledRounded(value: number, decimals: number): number {
  const magnitude = Math.abs(value);
  const scaled = magnitude * 10 ** decimals;
  const whole = Math.floor(scaled);
  const fraction = scaled - whole;
  let rounded: number;
  // The product errs by under half an ulp (< 1e-8 here); only a fraction that close to one half needs the exact decimal expansion.
  if (scaled < 1e8 && Math.abs(fraction - 0.5) > 1e-6) rounded = fraction > 0.5 ? whole + 1 : whole;
  else rounded = Number(magnitude.toFixed(decimals).replace('.', ''));
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

function hundredthsOf(value: number): number {
  return scaledRounded(value, 2);
}

/** Half away from zero on the double's exact value; deterministic on every IEEE-754 platform. */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  // From 2^52 up a double is an integer already (and from 1e21 toFixed would answer in exponent form); NaN stays NaN.
  if (!(Math.abs(value) < 2 ** 52)) return value;
  return scaledRounded(value, decimals) / 10 ** decimals;
}


/** Mean of integer hundredths, rounded half away from zero. */
function meanHundredths(values: Float64Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i]!;
  return divideRounded(sum, count);
}

/** Median of integer hundredths; an even count takes the mean of the two middle values. Sorts `values[0..count)` in place. */
function medianHundredths(values: Float64Array, count: number): number {
  // Insertion sort: a proposal has a handful of reviews, and this allocates nothing.
  for (let i = 1; i < count; i++) {
    const v = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > v) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = v;
  }
  const middle = count >> 1;
  return count % 2 === 1 ? values[middle]! : divideRounded(values[middle - 1]! + values[middle]!, 2);
}

function aggregateHundredths(values: Float64Array, count: number, aggregation: ScoringSettings['aggregation']): number {
  return aggregation === 'mean' ? meanHundredths(values, count) : medianHundredths(values, count);
}

// ---------------------------------------------------------------------------------------------
// Preparation shared by the ranking and the report
//
// Columns rather than an object per review: 10,000 proposals × 3 reviews is mostly allocation and
// garbage collection otherwise (see bench/judging-scoring-pure.ts).

interface Prepared {
  compiled: CompiledRubric;
  settings: ScoringSettings;
  /** Proposals sorted by id; a proposal's index is its position here. */
  proposalIds: string[];
  submittedAt: Float64Array;
  calibration: Uint8Array;
  /** Judges sorted by id. */
  judgeIds: string[];
  /** Reviews in (judge id, proposal id) order; judge j's are [judgeStart[j], judgeStart[j + 1]). */
  judgeStart: Int32Array;
  reviewJudge: Int32Array;
  reviewProposal: Int32Array;
  reviewScores: Array<Record<string, number>>;
  points: Float64Array;
  raw: Float64Array;
  rawHundredths: Float64Array;
  normalisedHundredths: Float64Array;
  /** Proposal p's reviews, in judge order, are byProposal[proposalStart[p] .. proposalStart[p + 1]). */
  proposalStart: Int32Array;
  byProposal: Int32Array;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function prepare(input: ScoringInput): Prepared {
  const compiled = compileRubric(input.rubric);
  for (const rule of input.settings.tieBreaks) {
    if (rule.kind === 'criterion' && !compiled.indexById.has(rule.criterionId)) {
      throw new ScoringInputError(`Tie-break criterion ${rule.criterionId} is not in the rubric`);
    }
  }

  const sorted = [...input.proposals].sort((a, b) => compareCodeUnits(a.id, b.id));
  const proposalCount = sorted.length;
  const proposalIndex = new Map<string, number>();
  const proposalIds: string[] = [];
  const submittedAt = new Float64Array(proposalCount);
  const calibration = new Uint8Array(proposalCount);
  for (let p = 0; p < proposalCount; p++) {
    const proposal = sorted[p]!;
    if (p > 0 && sorted[p - 1]!.id === proposal.id) throw new ScoringInputError(`Proposal ${proposal.id} appears twice`);
    proposalIndex.set(proposal.id, p);
    proposalIds.push(proposal.id);
    // Only the ISO form, whose parsing the language specifies; Date.parse guesses at anything else per engine.
    const instant = ISO_INSTANT.test(proposal.firstSubmittedAt) ? Date.parse(proposal.firstSubmittedAt) : NaN;
    if (Number.isNaN(instant)) throw new ScoringInputError(`Proposal ${proposal.id} has an unreadable firstSubmittedAt`);
    submittedAt[p] = instant;
    calibration[p] = proposal.calibration === true ? 1 : 0;
  }

  const judgeSeen = new Map<string, number>();
  for (const r of input.reviews) if (!judgeSeen.has(r.judgeId)) judgeSeen.set(r.judgeId, 0);
  const judgeIds = [...judgeSeen.keys()].sort(compareCodeUnits);
  for (const [j, id] of judgeIds.entries()) judgeSeen.set(id, j);

  // Each review as one number, ((judge × P) + proposal) × R + position: a native numeric sort puts them in (judge, proposal)
  // order with no comparator, and equal pairs land side by side, so a judge's second review of a proposal is found too.
  const reviewCount = input.reviews.length;
  if (judgeIds.length * proposalCount * reviewCount >= 2 ** 53) throw new ScoringInputError('Too many judges, proposals and reviews to rank at once');
  const keys = new Float64Array(reviewCount);
  for (let i = 0; i < reviewCount; i++) {
    const r = input.reviews[i]!;
    const p = proposalIndex.get(r.proposalId);
    if (p === undefined) throw new ScoringInputError(`A review by ${r.judgeId} is of unknown proposal ${r.proposalId}`);
    keys[i] = (judgeSeen.get(r.judgeId)! * proposalCount + p) * reviewCount + i;
  }
  keys.sort();

  const judgeStart = new Int32Array(judgeIds.length + 1);
  const reviewJudge = new Int32Array(reviewCount);
  const reviewProposal = new Int32Array(reviewCount);
  const reviewScores: Array<Record<string, number>> = new Array(reviewCount);
  const points = new Float64Array(reviewCount);
  const raw = new Float64Array(reviewCount);
  const rawHundredths = new Float64Array(reviewCount);
  const proposalStart = new Int32Array(proposalCount + 1);
  let previousPair = -1;
  for (let i = 0; i < reviewCount; i++) {
    // Exact: every operand is an integer below 2^53.
    const pair = Math.floor(keys[i]! / reviewCount);
    const review = input.reviews[keys[i]! - pair * reviewCount]!;
    if (pair === previousPair) throw new ScoringInputError(`Judge ${review.judgeId} has two reviews of ${review.proposalId}`);
    previousPair = pair;
    const j = Math.floor(pair / proposalCount);
    const p = pair - j * proposalCount;
    reviewJudge[i] = j;
    reviewProposal[i] = p;
    reviewScores[i] = review.scores;
    judgeStart[j + 1]! += 1;
    proposalStart[p + 1]! += 1;
    const weighted = reviewPoints(compiled, review.scores, review);
    points[i] = weighted;
    raw[i] = rawFromPoints(compiled, weighted);
    rawHundredths[i] = rawHundredthsFromPoints(compiled, weighted);
  }
  for (let j = 0; j < judgeIds.length; j++) judgeStart[j + 1]! += judgeStart[j]!;
  for (let p = 0; p < proposalCount; p++) proposalStart[p + 1]! += proposalStart[p]!;
  // Filled in judge order, so each proposal's reviews come out sorted by judge.
  const byProposal = new Int32Array(reviewCount);
  const cursor = proposalStart.slice(0, proposalCount);
  for (let i = 0; i < reviewCount; i++) byProposal[cursor[reviewProposal[i]!]!++] = i;

  const prepared: Prepared = {
    compiled,
    settings: input.settings,
    proposalIds,
    submittedAt,
    calibration,
    judgeIds,
    judgeStart,
    reviewJudge,
    reviewProposal,
    reviewScores,
    points,
    raw,
    rawHundredths,
    normalisedHundredths: new Float64Array(reviewCount),
    proposalStart,
    byProposal,
  };
  normalise(prepared);
  return prepared;
}

/**
 * Per-judge z-scores over all of the judge's reviews (calibration included), population standard
 * deviation. Deviations are taken as n × points − Σ points, integers on the exact path, so adding a
 * constant to every score of one judge leaves their z-scores bit for bit unchanged.
 */
function normalise(prepared: Prepared): void {
  const { judgeStart, points, normalisedHundredths } = prepared;
  for (let j = 0; j + 1 < judgeStart.length; j++) {
    const start = judgeStart[j]!;
    const end = judgeStart[j + 1]!;
    const n = end - start;
    let total = 0;
    let spread = false;
    for (let i = start; i < end; i++) {
      total += points[i]!;
      if (points[i] !== points[start]) spread = true;
    }
    if (n < 2 || !spread) {
      // Nothing to learn about this judge's scale: their reviews sit at the centre and neither help nor hurt.
      normalisedHundredths.fill(NORMALISED_CENTRE * 100, start, end);
      continue;
    }
    let sumOfSquares = 0;
    for (let i = start; i < end; i++) {
      const deviation = n * points[i]! - total;
      sumOfSquares += deviation * deviation;
    }
    const scale = Math.sqrt(sumOfSquares / n);
    for (let i = start; i < end; i++) {
      const z = (n * points[i]! - total) / scale;
      normalisedHundredths[i] = hundredthsOf(Math.min(100, Math.max(0, NORMALISED_CENTRE + NORMALISED_SPREAD * z)));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Ranking

/** The proposals that can be ranked, as columns indexed by candidate (not proposal) number. */
interface Candidates {
  count: number;
  proposal: Int32Array;
  rawHundredths: Float64Array;
  normalisedHundredths: Float64Array;
  /** candidate × criteria + k, raw criterion scores × 100, rubric order. */
  criterionMeans: Float64Array;
  criterionMedians: Float64Array;
  /** candidate × rules + r: the value tie-break r compares (criterion aggregate in hundredths, or the submission instant). */
  tieValues: Float64Array;
}

function buildCandidates(prepared: Prepared): Candidates {
  const { compiled, settings, proposalStart, byProposal, calibration } = prepared;
  const criteria = compiled.criteria;
  const rules = settings.tieBreaks;
  const ruleCriteria = rules.map((rule) => (rule.kind === 'criterion' ? compiled.indexById.get(rule.criterionId)! : -1));
  const eligible: number[] = [];
  let mostReviews = 0;
  for (let p = 0; p < prepared.proposalIds.length; p++) {
    const n = proposalStart[p + 1]! - proposalStart[p]!;
    if (calibration[p] === 1 || n === 0) continue;
    eligible.push(p);
    if (n > mostReviews) mostReviews = n;
  }
  const count = eligible.length;
  const K = criteria.length;
  const R = rules.length;
  const out: Candidates = {
    count,
    proposal: Int32Array.from(eligible),
    rawHundredths: new Float64Array(count),
    normalisedHundredths: new Float64Array(count),
    criterionMeans: new Float64Array(count * K),
    criterionMedians: new Float64Array(count * K),
    tieValues: new Float64Array(count * R),
  };
  const scratch = new Float64Array(mostReviews);
  for (let c = 0; c < count; c++) {
    const p = eligible[c]!;
    const start = proposalStart[p]!;
    const n = proposalStart[p + 1]! - start;
    for (let i = 0; i < n; i++) scratch[i] = prepared.rawHundredths[byProposal[start + i]!]!;
    out.rawHundredths[c] = aggregateHundredths(scratch, n, settings.aggregation);
    for (let i = 0; i < n; i++) scratch[i] = prepared.normalisedHundredths[byProposal[start + i]!]!;
    out.normalisedHundredths[c] = aggregateHundredths(scratch, n, settings.aggregation);
    for (let k = 0; k < K; k++) {
      const id = criteria[k]!.id;
      for (let i = 0; i < n; i++) scratch[i] = prepared.reviewScores[byProposal[start + i]!]![id]! * 100;
      out.criterionMeans[c * K + k] = meanHundredths(scratch, n);
      out.criterionMedians[c * K + k] = medianHundredths(scratch, n);
    }
    const chosen = settings.aggregation === 'mean' ? out.criterionMeans : out.criterionMedians;
    for (let r = 0; r < R; r++) {
      const k = ruleCriteria[r]!;
      out.tieValues[c * R + r] = k === -1 ? prepared.submittedAt[p]! : chosen[c * K + k]!;
    }
  }
  return out;
}

function ruleName(rule: TieBreakRule): TieBreakUsed {
  return rule.kind === 'criterion' ? `criterion:${rule.criterionId}` : 'earliest_submission';
}

/** Candidate numbers, best first. Total: proposal ids are unique. */
function order(prepared: Prepared, candidates: Candidates, scores: Float64Array): number[] {
  const rules = prepared.settings.tieBreaks;
  const R = rules.length;
  const higherWins = rules.map((rule) => rule.kind === 'criterion');
  const { tieValues, proposal } = candidates;
  const ranked = Array.from({ length: candidates.count }, (_, c) => c);
  return ranked.sort((a, b) => {
    if (scores[a] !== scores[b]) return scores[b]! - scores[a]!;
    for (let r = 0; r < R; r++) {
      const x = tieValues[a * R + r]!;
      const y = tieValues[b * R + r]!;
      if (x !== y) return higherWins[r] ? y - x : x - y;
    }
    // Proposals are numbered in id order.
    return proposal[a]! - proposal[b]!;
  });
}

/** Which rule put `above` before `below`; null when their scores differ. */
function separatingRule(prepared: Prepared, candidates: Candidates, scores: Float64Array, above: number, below: number): TieBreakUsed | null {
  if (scores[above] !== scores[below]) return null;
  const rules = prepared.settings.tieBreaks;
  const R = rules.length;
  for (let r = 0; r < R; r++) if (candidates.tieValues[above * R + r] !== candidates.tieValues[below * R + r]) return ruleName(rules[r]!);
  return 'proposal_id';
}

export function rankProposals(input: ScoringInput): Ranking {
  const prepared = prepare(input);
  const { compiled, settings, proposalIds, proposalStart, byProposal, judgeIds, reviewJudge } = prepared;
  const normalised = settings.normalisation === 'zscore';
  const candidates = buildCandidates(prepared);
  const scores = normalised ? candidates.normalisedHundredths : candidates.rawHundredths;
  const ordered = order(prepared, candidates, scores);
  const K = compiled.criteria.length;

  const entries = ordered.map((c, i): RankingEntry => {
    const p = candidates.proposal[c]!;
    const above = i > 0 ? separatingRule(prepared, candidates, scores, ordered[i - 1]!, c) : null;
    const below = i + 1 < ordered.length ? separatingRule(prepared, candidates, scores, c, ordered[i + 1]!) : null;
    const reviews: RankingEntry['reviews'] = [];
    for (let at = proposalStart[p]!; at < proposalStart[p + 1]!; at++) {
      const r = byProposal[at]!;
      reviews.push({ judgeId: judgeIds[reviewJudge[r]!]!, raw: prepared.rawHundredths[r]! / 100, normalised: normalised ? prepared.normalisedHundredths[r]! / 100 : null });
    }
    return {
      rank: i + 1,
      proposalId: proposalIds[p]!,
      score: scores[c]! / 100,
      rawScore: candidates.rawHundredths[c]! / 100,
      normalisedScore: normalised ? candidates.normalisedHundredths[c]! / 100 : null,
      reviewCount: reviews.length,
      reviews,
      criteria: compiled.criteria.map((criterion, k) => ({
        criterionId: criterion.id,
        mean: candidates.criterionMeans[c * K + k]! / 100,
        median: candidates.criterionMedians[c * K + k]! / 100,
      })),
      tieBreak: above ?? below,
      tieBreakAbove: above,
      tieBreakBelow: below,
    };
  });

  const unranked: UnrankedProposal[] = [];
  for (let p = 0; p < proposalIds.length; p++) {
    const reviewCount = proposalStart[p + 1]! - proposalStart[p]!;
    if (prepared.calibration[p] === 1) unranked.push({ proposalId: proposalIds[p]!, reason: 'calibration', reviewCount });
    else if (reviewCount === 0) unranked.push({ proposalId: proposalIds[p]!, reason: 'no_reviews', reviewCount });
  }

  return {
    entries,
    unranked,
    settings: { aggregation: settings.aggregation, normalisation: settings.normalisation, tieBreaks: settings.tieBreaks.map((r) => ({ ...r })) },
    rounding: ROUNDING_RULE,
  };
}

// ---------------------------------------------------------------------------------------------
// Judge-bias report

function mean(values: number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function populationStandardDeviation(values: number[]): number {
  const centre = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - centre) * (v - centre);
  return Math.sqrt(sum / values.length);
}

function allEqual(values: number[]): boolean {
  return values.every((v) => v === values[0]);
}

function pearson(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

interface JudgeFigures {
  judgeId: string;
  count: number;
  mean: number;
  standardDeviation: number | null;
  spread: boolean;
  shared: number;
  offset: number | null;
  agreement: number | null;
}

export function biasReport(input: ScoringInput): BiasReport {
  const prepared = prepare(input);
  const { judgeIds, judgeStart, proposalIds, proposalStart, byProposal, raw, points, reviewProposal } = prepared;

  // Per proposal, the sum of its reviews' raw scores in judge order, so "the others' mean" is one subtraction away.
  const rawTotals = new Float64Array(proposalIds.length);
  for (let p = 0; p < proposalIds.length; p++) {
    for (let at = proposalStart[p]!; at < proposalStart[p + 1]!; at++) rawTotals[p]! += raw[byProposal[at]!]!;
  }

  const figures: JudgeFigures[] = judgeIds.map((judgeId, j) => {
    const start = judgeStart[j]!;
    const end = judgeStart[j + 1]!;
    const raws = Array.from(raw.subarray(start, end));
    const spread = !allEqual(Array.from(points.subarray(start, end)));
    const mine: number[] = [];
    const others: number[] = [];
    for (let i = start; i < end; i++) {
      const p = reviewProposal[i]!;
      const count = proposalStart[p + 1]! - proposalStart[p]!;
      if (count < 2) continue;
      mine.push(raw[i]!);
      others.push((rawTotals[p]! - raw[i]!) / (count - 1));
    }
    const offsets = mine.map((m, i) => m - others[i]!);
    return {
      judgeId,
      count: end - start,
      mean: mean(raws),
      standardDeviation: raws.length < 2 ? null : spread ? populationStandardDeviation(raws) : 0,
      spread,
      shared: mine.length,
      offset: offsets.length === 0 ? null : mean(offsets),
      agreement: mine.length < 3 || allEqual(mine) || allEqual(others) ? null : pearson(mine, others),
    };
  });

  const judges = figures.map((f): JudgeBias => {
    const flags: JudgeFlag[] = [];
    if (f.count === 1) flags.push('single_review');
    if (f.count >= 2 && !f.spread) flags.push('non_discriminating');
    if (isOutlier(f, figures)) flags.push('outlier');
    return {
      judgeId: f.judgeId,
      count: f.count,
      mean: roundHalfAwayFromZero(f.mean, 2),
      standardDeviation: f.standardDeviation === null ? null : roundHalfAwayFromZero(f.standardDeviation, 2),
      sharedProposals: f.shared,
      meanOffset: f.offset === null ? null : roundHalfAwayFromZero(f.offset, 2),
      agreement: f.agreement === null ? null : roundHalfAwayFromZero(f.agreement, 3),
      flags,
    };
  });

  const candidates = buildCandidates(prepared);
  const normalisedRank = new Int32Array(candidates.count);
  order(prepared, candidates, candidates.normalisedHundredths).forEach((c, i) => (normalisedRank[c] = i + 1));
  const rankings = order(prepared, candidates, candidates.rawHundredths).map((c, i) => ({
    proposalId: proposalIds[candidates.proposal[c]!]!,
    rawRank: i + 1,
    normalisedRank: normalisedRank[c]!,
    change: i + 1 - normalisedRank[c]!,
    rawScore: candidates.rawHundredths[c]! / 100,
    normalisedScore: candidates.normalisedHundredths[c]! / 100,
  }));
  return { judges, rankings };
}

/**
 * Leave-one-out: a judge's offset is compared with the other judges' offsets, so one harsh judge
 * on a small panel does not hide inside a spread they inflate themselves; the point floor keeps a
 * panel of near-identical judges from flagging differences too small to matter.
 */
function isOutlier(judge: JudgeFigures, all: JudgeFigures[]): boolean {
  if (judge.offset === null) return false;
  const others = all.filter((f) => f !== judge && f.offset !== null).map((f) => f.offset!);
  if (others.length < OUTLIER_MINIMUM_OTHER_JUDGES) return false;
  const distance = Math.abs(judge.offset - mean(others));
  return distance >= OUTLIER_MINIMUM_POINTS && distance > OUTLIER_SPREAD_MULTIPLE * populationStandardDeviation(others);
}
