/**
 * The rules of a competition's configuration and lifecycle, as pure functions: what a valid
 * configuration is, and which status may follow which. No I/O; the service applies them.
 */
import type { FieldError } from '../../lib/errors.js';
import { isValidTimeZone, resolveInstant } from '../../lib/time.js';
import type { JudgingSettings } from '../../db/schema/competitions.js';
import type { CompetitionStatus } from './competitions.queries.js';

/** The whole lifecycle in one place: `transition` refuses anything not listed here. */
export const TRANSITIONS = {
  publish: { from: ['draft'], to: 'published', event: 'competition.published' },
  startJudging: { from: ['published'], to: 'judging', event: 'competition.judging_started' },
  publishResults: { from: ['judging'], to: 'results_published', event: 'results.published' },
  archive: { from: ['draft', 'published', 'judging', 'results_published'], to: 'archived', event: 'competition.archived' },
} as const satisfies Record<string, { from: readonly CompetitionStatus[]; to: CompetitionStatus; event: string }>;
export type Transition = keyof typeof TRANSITIONS;

export function canTransition(transition: Transition, from: CompetitionStatus): boolean {
  return (TRANSITIONS[transition].from as readonly CompetitionStatus[]).includes(from);
}

/** The parts of a configuration whose consistency is checked together (as received, before normalising). */
export interface CompetitionConfigInput {
  prize: { amount: number; currency: string; winners: number; split?: number[] | undefined };
  timing: { opensAt: string; closesAt: string; timezone: string; gracePeriodSeconds: number };
  eligibility: {
    minAge?: number | null | undefined;
    maxAge?: number | null | undefined;
    allowedCountries: string[];
    minTeamSize: number;
    maxTeamSize: number;
  };
  form: Array<{ id: string; type: string; maxChars?: number | undefined; maxWords?: number | undefined; min?: number | undefined; max?: number | undefined; options?: string[] | undefined }>;
  rubric: Array<{ id: string; scaleMin: number; scaleMax: number }>;
  judging: {
    tieBreaks: Array<{ kind: 'criterion'; criterionId: string } | { kind: 'earliest_submission' }>;
    judgingOpensAt?: string | null | undefined;
    judgingClosesAt?: string | null | undefined;
  };
}

const TEXT_TYPES = new Set(['text', 'longtext']);
const CHAR_LIMITED = new Set(['text', 'longtext', 'url']);
const CHOICE_TYPES = new Set(['choice', 'multichoice']);
const RANGED = new Set(['number', 'multichoice']);

/**
 * A deadline plus the grace period, for presenting an instant PostgreSQL did not compute (an
 * extension being granted). Decisions use SQL's `with_grace` (migration 0010), the same rule.
 */
export function withGrace(deadline: Date, gracePeriodSeconds: number): Date {
  return new Date(deadline.getTime() + gracePeriodSeconds * 1000);
}

/** Even split of `amount` over `winners`; the remainder goes one unit each to the top ranks. */
export function evenSplit(amount: number, winners: number): number[] {
  const base = Math.floor(amount / winners);
  const remainder = amount - base * winners;
  return Array.from({ length: winners }, (_, i) => base + (i < remainder ? 1 : 0));
}

function duplicates(values: string[]): Set<number> {
  const seen = new Map<string, number>();
  const dup = new Set<number>();
  values.forEach((v, i) => {
    if (seen.has(v)) dup.add(i);
    else seen.set(v, i);
  });
  return dup;
}

/**
 * Every cross-field problem of a configuration, with the path of the field to fix. Single-field
 * rules (types, ranges, formats) belong to the request schema; this runs on partially valid
 * input too, so it never assumes a value passed them.
 */
export function competitionConfigProblems(config: CompetitionConfigInput): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, code: string, message: string) => problems.push({ field, code, message, in: 'body' });

  // Timing
  const { timing } = config;
  const zoneOk = isValidTimeZone(timing.timezone);
  if (!zoneOk) add('timing.timezone', 'unknown_time_zone', `"${timing.timezone}" is not a known IANA time zone (e.g. Europe/Rome)`);
  const zone = zoneOk ? timing.timezone : 'UTC';
  const opensAt = resolveInstant(timing.opensAt, zone, 'start');
  const closesAt = resolveInstant(timing.closesAt, zone, 'end');
  if (opensAt && closesAt && closesAt.getTime() <= opensAt.getTime()) {
    add('timing.closesAt', 'closes_before_opens', `must be after opensAt (${opensAt.toISOString()}); it resolves to ${closesAt.toISOString()}`);
  }

  // Prize
  const { prize } = config;
  if (prize.split !== undefined) {
    if (prize.split.length !== prize.winners) {
      add('prize.split', 'split_length', `must have one amount per winner (${prize.winners}), not ${prize.split.length}`);
    }
    const sum = prize.split.reduce((a, b) => a + b, 0);
    if (sum !== prize.amount) add('prize.split', 'split_sum', `must sum to the prize amount ${prize.amount}, not ${sum}`);
    if (prize.split.some((v, i) => i > 0 && v > prize.split![i - 1]!)) {
      add('prize.split', 'split_order', 'must not give a lower rank more than a higher one');
    }
  }

  // Eligibility
  const e = config.eligibility;
  if (e.minAge != null && e.maxAge != null && e.minAge > e.maxAge) {
    add('eligibility.maxAge', 'age_range', `must be at least minAge (${e.minAge})`);
  }
  if (e.minTeamSize > e.maxTeamSize) add('eligibility.maxTeamSize', 'team_size_range', `must be at least minTeamSize (${e.minTeamSize})`);
  if (duplicates(e.allowedCountries).size > 0) add('eligibility.allowedCountries', 'duplicate_country', 'lists a country more than once');

  // Form
  const questionDup = duplicates(config.form.map((q) => q.id));
  config.form.forEach((q, i) => {
    const at = `form.${i}`;
    if (questionDup.has(i)) add(`${at}.id`, 'duplicate_id', `"${q.id}" is used by an earlier question`);
    if (CHOICE_TYPES.has(q.type)) {
      const options = q.options ?? [];
      if (new Set(options).size < 2) add(`${at}.options`, 'options_required', `a ${q.type} question needs at least two different options`);
      else if (duplicates(options).size > 0) add(`${at}.options`, 'duplicate_option', 'lists an option more than once');
    } else if (q.options !== undefined) {
      add(`${at}.options`, 'not_applicable', `only choice and multichoice questions have options, not ${q.type}`);
    }
    if (q.maxChars !== undefined && !CHAR_LIMITED.has(q.type)) add(`${at}.maxChars`, 'not_applicable', `does not apply to a ${q.type} question`);
    if (q.maxWords !== undefined && !TEXT_TYPES.has(q.type)) add(`${at}.maxWords`, 'not_applicable', `does not apply to a ${q.type} question`);
    for (const bound of ['min', 'max'] as const) {
      const value = q[bound];
      if (value === undefined) continue;
      if (!RANGED.has(q.type)) add(`${at}.${bound}`, 'not_applicable', `does not apply to a ${q.type} question`);
      else if (q.type === 'multichoice' && (!Number.isInteger(value) || value < 0 || value > (q.options?.length ?? 0))) {
        add(`${at}.${bound}`, 'selection_range', 'must be a whole number of selections between 0 and the number of options');
      }
    }
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) add(`${at}.max`, 'range', `must be at least min (${q.min})`);
  });

  // Rubric
  const criterionDup = duplicates(config.rubric.map((c) => c.id));
  config.rubric.forEach((c, i) => {
    if (criterionDup.has(i)) add(`rubric.${i}.id`, 'duplicate_id', `"${c.id}" is used by an earlier criterion`);
    if (c.scaleMin >= c.scaleMax) add(`rubric.${i}.scaleMax`, 'scale_range', `must be greater than scaleMin (${c.scaleMin})`);
  });

  // Judging
  const criteria = new Set(config.rubric.map((c) => c.id));
  config.judging.tieBreaks.forEach((t, i) => {
    if (t.kind === 'criterion' && !criteria.has(t.criterionId)) {
      add(`judging.tieBreaks.${i}.criterionId`, 'unknown_criterion', `"${t.criterionId}" is not a rubric criterion`);
    }
  });
  const judgingOpens = config.judging.judgingOpensAt ? resolveInstant(config.judging.judgingOpensAt, zone, 'start') : undefined;
  const judgingCloses = config.judging.judgingClosesAt ? resolveInstant(config.judging.judgingClosesAt, zone, 'end') : undefined;
  if (judgingOpens && judgingCloses && judgingCloses.getTime() <= judgingOpens.getTime()) {
    add('judging.judgingClosesAt', 'closes_before_opens', 'must be after judgingOpensAt');
  }
  if (judgingOpens && closesAt && judgingOpens.getTime() < closesAt.getTime()) {
    add('judging.judgingOpensAt', 'judging_before_close', `must not be before the competition closes (${closesAt.toISOString()})`);
  }
  return problems;
}

/** What publishing needs beyond a valid configuration; `now` is the database clock. */
export function publishProblems(c: { summary: string; form: unknown[]; rubric: unknown[]; closesAt: Date }, now: Date): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, code: string, message: string) => problems.push({ field, code, message, in: 'rule' });
  if (c.summary.trim() === '') add('summary', 'required', 'is needed before publishing');
  if (c.form.length === 0) add('form', 'form_empty', 'needs at least one question before publishing');
  if (c.rubric.length === 0) add('rubric', 'rubric_empty', 'needs at least one criterion before publishing');
  if (c.closesAt.getTime() <= now.getTime()) add('timing.closesAt', 'already_closed', `has passed (${c.closesAt.toISOString()}); move it later first`);
  return problems;
}

/** Judging settings with the defaults of fields added after a competition was stored. */
export function judgingSettingsOf(stored: JudgingSettings): Required<Pick<JudgingSettings, 'bidding' | 'bidTitlesInBlind' | 'attachmentsForJudges' | 'publishFullRanking'>> & JudgingSettings {
  return { ...stored, bidding: stored.bidding ?? false, bidTitlesInBlind: stored.bidTitlesInBlind ?? false, attachmentsForJudges: stored.attachmentsForJudges ?? 'stripped', publishFullRanking: stored.publishFullRanking ?? false };
}
