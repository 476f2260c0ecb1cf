import { z } from 'zod';
import { COMPETITION_STATUSES } from '../../db/schema/competitions.js';
import { CountryCode, EARLIEST_DATE, Instant, IsoDate, isInstantInRange, LATEST_DATE, PageCursor, PageLimit, Theme, Uuid } from '../../lib/schemas.js';
import { isDateOnly, isRealDate, resolveInstant } from '../../lib/time.js';
import { Organisation } from '../organisations/organisations.schemas.js';
import { competitionConfigProblems } from './competitions.rules.js';

export const QUESTION_TYPES = ['text', 'longtext', 'number', 'choice', 'multichoice', 'url', 'date', 'boolean'] as const;
export const PHASES = ['upcoming', 'open', 'closed'] as const;
export const PUBLIC_STATUSES = ['published', 'judging', 'results_published'] as const;

/** A date-only value is resolved in the competition's time zone: the start of the day, or the end for closing instants. */
export const InstantOrDate = z
  .string()
  .max(40)
  .superRefine((v, ctx) => {
    const instant = isDateOnly(v) ? (isRealDate(v) ? resolveInstant(v, 'UTC', 'start') : undefined) : resolveInstant(v, 'UTC', 'start');
    if (instant === undefined) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 instant with offset (2026-10-31T18:00:00+01:00) or a date (2026-10-31)', input: v });
    } else if (!isInstantInRange(instant) || (isDateOnly(v) && (v < EARLIEST_DATE || v > LATEST_DATE))) {
      ctx.addIssue({ code: 'custom', message: `must be in the years 1900 to 2200 (${EARLIEST_DATE} to ${LATEST_DATE})`, input: v });
    }
  })
  .describe(
    'ISO 8601 instant with offset, or a date YYYY-MM-DD meaning the start (opening) or end (closing) of that day in `timezone`; ' +
      `years 1900 to 2200 (${EARLIEST_DATE} to ${LATEST_DATE})`,
  );

const Identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be lower case letters, digits and _, starting with a letter (max 64)');

export const Prize = z
  .strictObject({
    amount: z.number().int().min(0).max(1e13).describe('In minor units of `currency` (EUR 5,000.00 = 500000)'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in upper case, e.g. EUR'),
    winners: z.number().int().min(1).max(100).default(1),
    split: z
      .array(z.number().int().min(0))
      .max(100)
      .optional()
      .describe('Minor units per rank, one per winner, summing to `amount`; default: even split, remainder to the top ranks'),
  })
  .meta({ id: 'Prize' });

export const PrizeOut = z
  .object({ amount: z.number().int(), currency: z.string(), winners: z.number().int(), split: z.array(z.number().int()) })
  .meta({ id: 'PrizeDetails' });

export const TimingInput = z
  .strictObject({
    opensAt: InstantOrDate,
    closesAt: InstantOrDate,
    timezone: z.string().min(1).max(64).describe('IANA time zone, e.g. Europe/Rome'),
    gracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(0)
      .describe('Submissions received this long after `closesAt` are accepted and marked late'),
  })
  .meta({ id: 'CompetitionTimingRequest' });

export const EligibilityRulesSchema = z
  .strictObject({
    minAge: z.number().int().min(0).max(120).nullable().optional(),
    maxAge: z.number().int().min(0).max(120).nullable().optional(),
    ageReferenceDate: IsoDate.nullable().optional().describe('Age is computed at this date; at the submission instant when absent'),
    allowedCountries: z.array(CountryCode).max(250).default([]).describe('Applicant and team members; empty means anywhere'),
    minTeamSize: z.number().int().min(1).max(100).default(1),
    maxTeamSize: z.number().int().min(1).max(100).default(1),
    maxProposalsPerApplicant: z.number().int().min(1).max(100).default(1),
    guardianConsentUnderAge: z
      .number()
      .int()
      .min(1)
      .max(30)
      .nullable()
      .optional()
      .describe('Applicants younger than this need a guardian’s consent'),
  })
  .meta({ id: 'EligibilityRules' });

export const FormQuestionSchema = z
  .strictObject({
    id: Identifier,
    type: z.enum(QUESTION_TYPES),
    label: z.string().trim().min(1).max(500),
    help: z.string().max(2000).optional(),
    required: z.boolean().default(false),
    maxChars: z.number().int().positive().max(100_000).optional().describe('text, longtext, url'),
    maxWords: z.number().int().positive().max(20_000).optional().describe('text, longtext'),
    min: z.number().optional().describe('number: smallest value; multichoice: fewest selections'),
    max: z.number().optional().describe('number: largest value; multichoice: most selections'),
    options: z.array(z.string().trim().min(1).max(200)).max(100).optional().describe('choice, multichoice: at least two, unique'),
  })
  .meta({ id: 'FormQuestion' });

export const RubricCriterionSchema = z
  .strictObject({
    id: Identifier,
    label: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    weight: z.number().positive().max(1000),
    scaleMin: z.number().int().min(-1000).max(1000),
    scaleMax: z.number().int().min(-1000).max(1000),
  })
  .meta({ id: 'RubricCriterion' });

export const TieBreak = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('criterion'), criterionId: z.string().min(1).max(64) }),
    z.strictObject({ kind: z.literal('earliest_submission') }),
  ])
  .meta({ id: 'TieBreak' });

export const JudgingSettingsSchema = z
  .strictObject({
    reviewsPerProposal: z.number().int().min(1).max(50).default(3),
    blind: z.boolean().default(true),
    aggregation: z.enum(['mean', 'median']).default('mean'),
    normalisation: z.enum(['none', 'zscore']).default('none'),
    tieBreaks: z.array(TieBreak).max(10).default([]),
    judgingOpensAt: InstantOrDate.nullable().optional(),
    judgingClosesAt: InstantOrDate.nullable().optional(),
    shortlistSize: z.number().int().min(1).max(10_000).nullable().optional().describe('Top N advance to a second round'),
    showScoresToApplicants: z.boolean().default(false),
  })
  .meta({ id: 'JudgingSettings' });

const content = {
  title: z.string().trim().min(3).max(200),
  summary: z.string().trim().max(1000),
  description: z.string().max(50_000),
  themes: z.array(Theme).max(14),
  countries: z.array(CountryCode).max(250),
  challengeId: Uuid.nullable(),
};

export const CreateCompetitionBody = z
  .strictObject({
    title: content.title,
    summary: content.summary.default(''),
    description: content.description.default(''),
    themes: content.themes.default([]),
    countries: content.countries.default([]),
    challengeId: content.challengeId.optional(),
    prize: Prize,
    timing: TimingInput,
    eligibility: EligibilityRulesSchema.prefault({}),
    form: z.array(FormQuestionSchema).max(200).default([]),
    rubric: z.array(RubricCriterionSchema).max(50).default([]),
    judging: JudgingSettingsSchema.prefault({}),
  })
  // Cross-field rules (closing before opening, split sums, tie-breaks…) reported with the field errors, all at once.
  .superRefine((value, ctx) => {
    for (const problem of competitionConfigProblems(value)) {
      ctx.addIssue({ code: 'custom', path: problem.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: problem.message, input: undefined });
    }
  })
  .meta({ id: 'CreateCompetitionRequest' });

export const UpdateCompetitionBody = z
  .strictObject({
    title: content.title.optional(),
    summary: content.summary.optional(),
    description: content.description.optional(),
    themes: content.themes.optional(),
    countries: content.countries.optional(),
    challengeId: content.challengeId.optional(),
    prize: Prize.optional(),
    timing: z
      .strictObject({
        opensAt: InstantOrDate.optional(),
        closesAt: InstantOrDate.optional(),
        timezone: TimingInput.shape.timezone.optional(),
        gracePeriodSeconds: z.number().int().min(0).max(7 * 86_400).optional(),
      })
      .optional(),
    eligibility: EligibilityRulesSchema.optional(),
    form: z.array(FormQuestionSchema).max(200).optional(),
    rubric: z.array(RubricCriterionSchema).max(50).optional(),
    judging: JudgingSettingsSchema.optional(),
  })
  .meta({
    id: 'UpdateCompetitionRequest',
    description:
      'Fields to change; objects (prize, eligibility, judging) and lists (form, rubric) are replaced whole. After publication only ' +
      'title, summary, description, themes, countries and challengeId change freely; closesAt and gracePeriodSeconds may only grow; ' +
      'eligibility, form and rubric until the first submission.',
  });

const LocalTimes = z
  .object({ opensAt: z.string(), closesAt: z.string(), effectiveClosesAt: z.string() })
  .describe("The same instants as wall-clock time in `timezone`, ISO 8601 with that zone’s offset; a fraction of a second is kept when there is one");

export const Timing = z
  .object({
    opensAt: Instant,
    closesAt: Instant.describe('Exclusive: submissions must arrive before it (plus grace)'),
    timezone: z.string(),
    gracePeriodSeconds: z.number().int(),
    effectiveClosesAt: Instant.describe('closesAt + gracePeriodSeconds: nothing is accepted from this instant on'),
    local: LocalTimes,
  })
  .meta({ id: 'CompetitionTiming' });

const Status = z.enum(COMPETITION_STATUSES);
const Phase = z.enum(PHASES).nullable().describe('Derived from the database clock at read time; null for drafts');

export const Competition = z
  .object({
    id: Uuid,
    organisationId: Uuid,
    challengeId: Uuid.nullable(),
    title: z.string(),
    summary: z.string(),
    description: z.string(),
    themes: z.array(z.string()),
    countries: z.array(z.string()),
    status: Status,
    phase: Phase,
    prize: PrizeOut,
    timing: Timing,
    eligibility: EligibilityRulesSchema,
    form: z.array(FormQuestionSchema),
    rubric: z.array(RubricCriterionSchema),
    judging: JudgingSettingsSchema,
    rulesFrozenAt: Instant.nullable().describe('Set by the first submission; eligibility, form and rubric are fixed from then on'),
    publishedAt: Instant.nullable(),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Competition' });

export const CompetitionSummary = z
  .object({
    id: Uuid,
    organisationId: Uuid,
    organisationName: z.string(),
    challengeId: Uuid.nullable(),
    title: z.string(),
    summary: z.string(),
    themes: z.array(z.string()),
    countries: z.array(z.string()),
    allowedCountries: z.array(z.string()),
    status: Status,
    phase: Phase,
    prize: PrizeOut,
    timing: Timing,
    publishedAt: Instant.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'CompetitionSummary' });

export const CompetitionPage = z
  .object({
    items: z.array(CompetitionSummary),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'CompetitionPage' });

const listFilters = {
  phase: z.enum(PHASES).optional().describe('Derived phase; `closed` includes competitions in judging or with results'),
  country: CountryCode.optional().describe('Listed in the competition’s countries or its eligible countries'),
  theme: Theme.optional(),
  sort: z.enum(['closing_soon', 'newest']).default('closing_soon'),
  limit: PageLimit,
  cursor: PageCursor,
};

export const PublicListQuery = z
  .object({ ...listFilters, status: z.enum(PUBLIC_STATUSES).optional(), organisationId: Uuid.optional() })
;
export const OrganisationPageQuery = z.object({ limit: PageLimit.describe('How many of its competitions, closing soonest first') });

export const OrganisationPublicPage = z
  .object({
    organisation: Organisation,
    competitions: CompetitionPage.describe(
      'Its public competitions (published, in judging or with published results; never drafts), closing soonest first; `nextCursor` continues with `GET /v1/competitions?organisationId=…&cursor=…`',
    ),
  })
  .meta({ id: 'OrganisationPublicPage' });

export const OrganisationListQuery = z.object({ ...listFilters, status: Status.optional() });

export const ExtendBody = z
  .strictObject({ closesAt: InstantOrDate, reason: z.string().trim().max(2000).optional() })
  .meta({ id: 'ExtendCompetitionRequest' });

export const TransitionBody = z
  .strictObject({ reason: z.string().trim().max(2000).optional() })
  .meta({ id: 'CompetitionTransitionRequest' })
  .nullish();

export const GrantExtensionBody = z
  .strictObject({ closesAt: InstantOrDate, reason: z.string().trim().min(1).max(2000) })
  .meta({ id: 'GrantExtensionRequest' });

export const Extension = z
  .object({
    competitionId: Uuid,
    userId: Uuid,
    displayName: z.string().nullable(),
    closesAt: Instant,
    effectiveClosesAt: Instant.describe('closesAt + the competition’s grace period'),
    localClosesAt: z.string(),
    reason: z.string(),
    grantedBy: Uuid.nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'CompetitionExtension' });
export const ExtensionList = z.object({ items: z.array(Extension) }).meta({ id: 'CompetitionExtensionList' });

export const AuditEntry = z
  .object({
    id: z.number().int(),
    competitionId: Uuid,
    actorId: Uuid.nullable(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: Uuid.nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string().describe('UTC, microseconds, exactly as hashed'),
    seal: z.object({ seq: z.number().int(), hash: z.string(), prevHash: z.string(), sealedAt: Instant }).nullable().describe('Null until the background sealer chains it'),
  })
  .meta({ id: 'AuditEntry' });
export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }).meta({ id: 'AuditPage' });
export const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: z.string().max(512).optional() });

export const AuditVerification = z
  .object({
    competitionId: Uuid,
    valid: z.boolean().describe('Every sealed row matches its seal and the chain is unbroken'),
    sealedCount: z.number().int(),
    unsealedCount: z.number().int().describe('Rows appended but not chained yet; verified once the sealer has run'),
    headHash: z.string().nullable(),
    headSeq: z.number().int().nullable(),
    firstInvalid: z
      .object({ auditId: z.number().int(), seq: z.number().int(), reason: z.enum(['seq_gap', 'prev_hash_mismatch', 'row_missing', 'hash_mismatch']) })
      .optional(),
  })
  .meta({ id: 'AuditVerification' });

export const CompetitionParams = z.object({ competitionId: Uuid });
export const ExtensionParams = z.object({ competitionId: Uuid, userId: Uuid });
export const OrganisationParams = z.object({ organisationId: Uuid });
export { IfMatchHeaders } from '../../lib/schemas.js';

export type CreateCompetitionInput = z.infer<typeof CreateCompetitionBody>;
export type UpdateCompetitionInput = z.infer<typeof UpdateCompetitionBody>;
