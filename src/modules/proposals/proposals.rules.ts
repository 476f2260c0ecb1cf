import { createHash } from 'node:crypto';
import type { EligibilityRules, FormQuestion } from '../../db/schema/competitions.js';
import type { Answers, AnswerValue, RevisionContent } from '../../db/schema/proposals.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import type { FieldError } from '../../lib/errors.js';

/** Pure submit-time rules: every check returns failures instead of throwing, so a 422 can list them all. */

export interface Person {
  userId: string;
  country: string;
  birthDate: string | null;
}

export interface EligibilityInput {
  rules: EligibilityRules;
  applicant: Person;
  /** Accepted team members, the applicant excluded. */
  team: Person[];
  /** The submission instant as a calendar date in the competition's time zone (YYYY-MM-DD). */
  submissionDate: string;
  /** The applicant's other proposals in this competition that are currently submitted. */
  otherSubmitted: number;
  /** Whether this proposal already counts towards the quota (it is submitted now). */
  alreadyCounted: boolean;
  hasGuardianConsent: boolean;
}

/** Whole years between a birth date and a reference date, both YYYY-MM-DD. */
export function ageAt(birthDate: string, referenceDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = referenceDate.split('-').map(Number) as [number, number, number];
  let age = ry - by;
  if (rm < bm || (rm === bm && rd < bd)) age--;
  return age;
}

const rule = (field: string, code: string, message: string): FieldError => ({ field, code, message, in: 'rule' });

export function checkEligibility(input: EligibilityInput): FieldError[] {
  const { rules, applicant, team } = input;
  const failures: FieldError[] = [];
  const referenceDate = rules.ageReferenceDate ?? input.submissionDate;
  const hasAgeRange = rules.minAge != null || rules.maxAge != null;
  const needsAge = hasAgeRange || rules.guardianConsentUnderAge != null;

  let age: number | null = null;
  if (applicant.birthDate) age = ageAt(applicant.birthDate, referenceDate);
  else if (needsAge) {
    failures.push(rule('eligibility.age', 'birth_date_missing', 'Your birth date is needed to check the age rules; add it to your profile'));
  }

  if (age !== null && hasAgeRange) {
    const tooYoung = rules.minAge != null && age < rules.minAge;
    const tooOld = rules.maxAge != null && age > rules.maxAge;
    if (tooYoung || tooOld) {
      const range = `${rules.minAge ?? 0}–${rules.maxAge ?? '∞'}`;
      failures.push(rule('eligibility.age', tooYoung ? 'too_young' : 'too_old', `Applicants must be aged ${range} on ${referenceDate}; you are ${age}`));
    }
  }

  const allowed = rules.allowedCountries ?? [];
  if (allowed.length > 0) {
    if (!allowed.includes(applicant.country)) {
      failures.push(rule('eligibility.country', 'country_not_allowed', `Applicants must live in ${allowed.join(', ')}; your country is ${applicant.country}`));
    }
    const outside = team.filter((m) => !allowed.includes(m.country));
    if (outside.length > 0) {
      failures.push(
        rule(
          'eligibility.teamCountry',
          'country_not_allowed',
          `Team members must live in ${allowed.join(', ')}; ${outside.length} accepted member(s) do not (${[...new Set(outside.map((m) => m.country))].join(', ')})`,
        ),
      );
    }
  }

  const teamSize = team.length + 1;
  if (teamSize < rules.minTeamSize) {
    failures.push(rule('eligibility.teamSize', 'team_too_small', `Teams need at least ${rules.minTeamSize} people including you; yours has ${teamSize} (only accepted invitations count)`));
  }
  if (teamSize > rules.maxTeamSize) {
    failures.push(rule('eligibility.teamSize', 'team_too_large', `Teams may have at most ${rules.maxTeamSize} people including you; yours has ${teamSize}`));
  }

  if (!input.alreadyCounted && input.otherSubmitted >= rules.maxProposalsPerApplicant) {
    failures.push(
      rule(
        'eligibility.maxProposalsPerApplicant',
        'quota_reached',
        `You already have ${input.otherSubmitted} submitted proposal(s) in this competition; the limit is ${rules.maxProposalsPerApplicant} (withdraw one first)`,
      ),
    );
  }

  if (age !== null && rules.guardianConsentUnderAge != null && age < rules.guardianConsentUnderAge && !input.hasGuardianConsent) {
    failures.push(
      rule(
        'eligibility.guardianConsent',
        'guardian_consent_missing',
        `Applicants under ${rules.guardianConsentUnderAge} need a guardian's confirmed consent (POST /v1/proposals/{id}/guardian-consent)`,
      ),
    );
  }
  return failures;
}

/** Everything the submission rules decide on, gathered by one read (see submission.queries.ts). */
export interface SubmissionFacts {
  rules: EligibilityRules;
  form: FormQuestion[];
  title: string;
  answers: Answers;
  applicant: Person;
  /** Accepted team members, the applicant excluded. */
  team: Person[];
  /** Today in the competition's time zone by the database clock (`competition_local_date`): the age rules' reference date unless the competition sets one. */
  localDate: string;
  /** The applicant's submitted proposals in this competition (the quota counter). */
  submittedCount: number;
  /** Whether this proposal is submitted already (it counts in `submittedCount`). */
  alreadyCounted: boolean;
  hasGuardianConsent: boolean;
}

/** Every eligibility rule and form field a submission fails, all at once (for one 422). */
export function submissionProblems(f: SubmissionFacts): FieldError[] {
  return [
    ...checkEligibility({
      rules: f.rules,
      applicant: f.applicant,
      team: f.team,
      submissionDate: f.localDate,
      otherSubmitted: f.alreadyCounted ? 0 : f.submittedCount,
      alreadyCounted: f.alreadyCounted,
      hasGuardianConsent: f.hasGuardianConsent,
    }),
    ...checkForm(f.form, f.title, f.answers),
  ];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isBlank(value: AnswerValue | undefined): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

function isValidDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function checkAnswer(q: FormQuestion, value: AnswerValue): Omit<FieldError, 'field'> | null {
  const fail = (code: string, message: string) => ({ code, message });
  switch (q.type) {
    case 'text':
    case 'longtext': {
      if (typeof value !== 'string') return fail('invalid_type', 'must be text');
      const chars = [...value].length;
      if (q.maxChars != null && chars > q.maxChars) return fail('too_many_characters', `must be at most ${q.maxChars} characters; it has ${chars}`);
      const words = countWords(value);
      if (q.maxWords != null && words > q.maxWords) return fail('too_many_words', `must be at most ${q.maxWords} words; it has ${words}`);
      return null;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('invalid_type', 'must be a number');
      if (q.min != null && value < q.min) return fail('too_small', `must be at least ${q.min}`);
      if (q.max != null && value > q.max) return fail('too_big', `must be at most ${q.max}`);
      return null;
    }
    case 'choice':
      if (typeof value !== 'string') return fail('invalid_type', 'must be one of the options');
      return q.options?.includes(value) ? null : fail('invalid_choice', `must be one of: ${(q.options ?? []).join(', ')}`);
    case 'multichoice': {
      if (!Array.isArray(value)) return fail('invalid_type', 'must be a list of options');
      const unknown = value.filter((v) => !q.options?.includes(v));
      if (unknown.length > 0) return fail('invalid_choice', `${unknown.join(', ')} not among the options: ${(q.options ?? []).join(', ')}`);
      if (new Set(value).size !== value.length) return fail('duplicate_choice', 'lists an option more than once');
      if (q.min != null && value.length < q.min) return fail('too_few_choices', `choose at least ${q.min}`);
      if (q.max != null && value.length > q.max) return fail('too_many_choices', `choose at most ${q.max}`);
      return null;
    }
    case 'url': {
      if (typeof value !== 'string' || !isHttpUrl(value)) return fail('invalid_url', 'must be an http(s) URL');
      const chars = [...value].length;
      return q.maxChars != null && chars > q.maxChars ? fail('too_many_characters', `must be at most ${q.maxChars} characters; it has ${chars}`) : null;
    }
    case 'date':
      return typeof value === 'string' && isValidDate(value) ? null : fail('invalid_date', 'must be a date, YYYY-MM-DD');
    case 'boolean':
      return typeof value === 'boolean' ? null : fail('invalid_type', 'must be true or false');
  }
}

/** Checks the draft against the form: title, required answers, types, limits, unknown questions. */
export function checkForm(form: FormQuestion[], title: string, answers: Answers): FieldError[] {
  const failures: FieldError[] = [];
  if (title.trim() === '') failures.push({ field: 'title', code: 'required', message: 'A proposal needs a title' });
  const known = new Set(form.map((q) => q.id));
  for (const q of form) {
    const value = answers[q.id];
    if (isBlank(value)) {
      if (q.required) failures.push({ field: `answers.${q.id}`, code: 'required', message: `"${q.label}" is required` });
      continue;
    }
    const problem = checkAnswer(q, value!);
    if (problem) failures.push({ field: `answers.${q.id}`, ...problem });
  }
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) failures.push({ field: `answers.${id}`, code: 'unknown_question', message: 'is not a question of this form; remove it' });
  }
  return failures;
}

/** Answers without blanks, so that an emptied optional field and a missing one hash the same. */
export function normaliseAnswers(answers: Answers): Answers {
  const out: Answers = {};
  for (const [id, value] of Object.entries(answers)) if (!isBlank(value)) out[id] = value;
  return out;
}

/** SHA-256 (hex) of the canonical JSON; anyone holding the content can recompute it. */
export function contentHash(content: RevisionContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** Providers where dots in the local part are ignored (one mailbox); googlemail.com is gmail.com. */
const DOTLESS_DOMAINS: Record<string, string> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/**
 * The mailbox an address delivers to, as far as the address alone tells: case folded, a `+tag`
 * dropped (sub-addressing, honoured by most providers), and for Gmail dots ignored and
 * googlemail.com folded in. Two addresses with the same key reach the same person. It cannot see
 * aliases, forwarding, custom domains or a second account: see docs/proposals.md.
 */
export function mailboxKey(email: string): string {
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at).toLowerCase();
  let domain = email.slice(at + 1).toLowerCase().replace(/\.$/, '');
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const dotless = DOTLESS_DOMAINS[domain];
  if (dotless) {
    domain = dotless;
    local = local.replaceAll('.', '');
  }
  return `${local}@${domain}`;
}
