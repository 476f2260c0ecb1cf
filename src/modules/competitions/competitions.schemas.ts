import { z } from 'zod';
import { COMPETITION_STATUSES } from '../../db/schema/competitions.js';
import * as ex from '../../lib/examples.js';
import { CountryCode, EARLIEST_DATE, Instant, instantOf, IsoDate, isInstantInRange, LATEST_DATE, nextCursorOf, PageCursor, PageLimit, Theme, Uuid, uuidOf } from '../../lib/schemas.js';
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
/** An opening or closing field: what the date form means for it, and an example of both forms. */
const instantOrDate = (description: string, examples: string[]) =>
  InstantOrDate.meta({ description: `${description}. ISO 8601 instant with offset, or a date YYYY-MM-DD in \`timezone\`; years 1900 to 2200`, examples });
const OPENS = 'Opening instant; a date means the start of that day';
const CLOSES = 'Closing instant, exclusive; a date means the end of that day (the first instant of the next)';

const Identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be lower case letters, digits and _, starting with a letter (max 64)');
const CURRENCY = 'ISO 4217 currency code, upper case';

export const Prize = z
  .strictObject({
    amount: z.number().int().min(0).max(1e13).meta({ description: 'Total, in minor units of `currency` (EUR 5,000.00 = 500000)', examples: [500000] }),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in upper case, e.g. EUR').meta({ description: CURRENCY, examples: ['EUR'] }),
    winners: z.number().int().min(1).max(100).default(1).describe('How many ranks win a share, 1 to 100'),
    split: z
      .array(z.number().int().min(0))
      .max(100)
      .optional()
      .describe('Minor units per rank, one per winner, summing to `amount`; default: even split, remainder to the top ranks'),
  })
  .meta({ id: 'Prize', description: 'The prize money and how it is shared', examples: [ex.prizeRequest] });

export const PrizeOut = z
  .object({
    amount: z.number().int().meta({ description: 'Total, in minor units of `currency` (EUR 5,000.00 = 500000)', examples: [500000] }),
    currency: z.string().meta({ description: CURRENCY, examples: ['EUR'] }),
    winners: z.number().int().describe('How many ranks win a share'),
    split: z.array(z.number().int()).describe('Minor units per rank, first place first, summing to `amount` (computed when not given)'),
  })
  .meta({ id: 'PrizeDetails', description: 'The prize money and each winning rank’s share', examples: [ex.prize] });

export const TimingInput = z
  .strictObject({
    opensAt: instantOrDate(OPENS, ['2026-09-01', '2026-09-01T09:00:00+02:00']),
    closesAt: instantOrDate(CLOSES, ['2026-10-31', '2026-10-31T18:00:00+01:00']),
    timezone: z.string().min(1).max(64).meta({ description: 'IANA time zone the dates are read in and `local` times shown in; offsets are refused', examples: ['Europe/Rome'] }),
    gracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(0)
      .describe('Seconds, 0 to 7 days: submissions received this long after `closesAt` are accepted and marked late'),
  })
  .meta({ id: 'CompetitionTimingRequest', description: 'When submissions are accepted', examples: [ex.timingRequest] });

export const EligibilityRulesSchema = z
  .strictObject({
    minAge: z.number().int().min(0).max(120).nullable().optional().describe('The applicant’s youngest allowed age, whole years; null or absent: no lower limit'),
    maxAge: z.number().int().min(0).max(120).nullable().optional().describe('The applicant’s oldest allowed age, whole years (23 admits until the 24th birthday); null or absent: no upper limit'),
    ageReferenceDate: IsoDate.nullable().optional().describe('Age is computed at this date (YYYY-MM-DD); at the submission date when null or absent'),
    allowedCountries: z
      .array(CountryCode)
      .max(250)
      .default([])
      .meta({ description: 'Countries (ISO 3166-1 alpha-2) the applicant and accepted team members must live in; empty means anywhere', examples: [['SK', 'CZ', 'HU', 'PL', 'AT', 'SI']] }),
    minTeamSize: z.number().int().min(1).max(100).default(1).describe('Fewest people per proposal, the applicant included'),
    maxTeamSize: z.number().int().min(1).max(100).default(1).describe('Most people per proposal, the applicant included'),
    maxProposalsPerApplicant: z.number().int().min(1).max(100).default(1).describe('Submitted (not withdrawn) proposals one applicant may have in this competition'),
    guardianConsentUnderAge: z
      .number()
      .int()
      .min(1)
      .max(30)
      .nullable()
      .optional()
      .describe('Applicants younger than this (years) need a guardian’s consent before they submit; null or absent: nobody does'),
  })
  .meta({
    id: 'EligibilityRules',
    description: 'Who may submit; checked at submission against the applicant’s self-declared country and birth date',
    examples: [ex.eligibility],
  });

export const FormQuestionSchema = z
  .strictObject({
    id: Identifier.meta({ description: 'Key of the answer in `answers`; lower case letters, digits and _, unique in the form', examples: ['skills'] }),
    type: z
      .enum(QUESTION_TYPES)
      .describe('Answer type: text/longtext/url/date (string; date YYYY-MM-DD), number, boolean, choice (one option), multichoice (a list of options)'),
    label: z.string().trim().min(1).max(500).meta({ description: 'The question as shown to applicants', examples: ['Social-innovation skills taught'] }),
    help: z.string().max(2000).optional().describe('Guidance shown with the question'),
    required: z.boolean().default(false).describe('Must be answered to submit (drafts may leave it empty)'),
    maxChars: z.number().int().positive().max(100_000).optional().describe('text, longtext, url: most characters'),
    maxWords: z.number().int().positive().max(20_000).optional().describe('text, longtext: most words'),
    min: z.number().optional().describe('number: smallest value; multichoice: fewest selections'),
    max: z.number().optional().describe('number: largest value; multichoice: most selections'),
    options: z.array(z.string().trim().min(1).max(200)).max(100).optional().describe('choice, multichoice: the options, at least two, unique; answers quote them exactly'),
  })
  .meta({ id: 'FormQuestion', description: 'One question of the application form', examples: [ex.formQuestion] });

export const RubricCriterionSchema = z
  .strictObject({
    id: Identifier.meta({ description: 'Criterion key; lower case letters, digits and _, unique in the rubric', examples: ['social_impact'] }),
    label: z.string().trim().min(1).max(200).meta({ description: 'Name shown to judges', examples: ['Social impact'] }),
    description: z.string().max(2000).optional().describe('What judges should look for'),
    weight: z.number().positive().max(1000).describe('Relative weight in the total score (weights need not sum to 100)'),
    scaleMin: z.number().int().min(-1000).max(1000).describe('Lowest score a judge can give'),
    scaleMax: z.number().int().min(-1000).max(1000).describe('Highest score a judge can give; above `scaleMin`'),
  })
  .meta({ id: 'RubricCriterion', description: 'One criterion judges score', examples: [ex.rubricCriterion] });

export const TieBreak = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('criterion').describe('Higher score on one criterion wins'),
      criterionId: z.string().min(1).max(64).meta({ description: 'A rubric criterion’s `id`', examples: ['social_impact'] }),
    }),
    z.strictObject({ kind: z.literal('earliest_submission').describe('The earlier first submission wins') }),
  ])
  .meta({ id: 'TieBreak', description: 'How equal totals are ordered; applied in list order', examples: [ex.tieBreak] });

export const JudgingSettingsSchema = z
  .strictObject({
    reviewsPerProposal: z.number().int().min(1).max(50).default(3).describe('Judges who score each proposal'),
    blind: z.boolean().default(true).describe('Judges do not see who the applicants are'),
    aggregation: z.enum(['mean', 'median']).default('mean').describe('How the judges’ scores of a proposal are combined'),
    normalisation: z.enum(['none', 'zscore']).default('none').describe('`zscore` evens out strict and lenient judges before combining'),
    tieBreaks: z.array(TieBreak).max(10).default([]).describe('Applied in order when totals are equal'),
    judgingOpensAt: InstantOrDate.nullable()
      .optional()
      .meta({
        description:
          'When judges may start, not before the competition closes; a date means the start of that day in `timezone`. ' +
          'Returned as a UTC instant; null: not scheduled',
        examples: ['2026-11-05'],
      }),
    judgingClosesAt: InstantOrDate.nullable()
      .optional()
      .meta({
        description: 'When scoring ends; a date means the end of that day in `timezone`. Returned as a UTC instant; null: no deadline',
        examples: ['2026-11-30'],
      }),
    shortlistSize: z.number().int().min(1).max(10_000).nullable().optional().describe('Top N advance to a second round; null or absent: one round'),
    showScoresToApplicants: z.boolean().default(false).describe('Applicants see their scores once results are published'),
    bidding: z.boolean().default(false).describe('Judges may bid on proposals (eager, willing, unwilling) before assignment; bids steer the automatic assignment'),
    bidTitlesInBlind: z.boolean().default(false).describe('In blind mode, whether bidding judges see proposal titles (titles may name people); otherwise they bid on ids only'),
    attachmentsForJudges: z
      .enum(['stripped', 'withheld'])
      .default('stripped')
      .describe('In blind mode: `stripped` serves files without identifying metadata (PDF Info/XMP, image EXIF/XMP/text chunks); `withheld` does not serve files to judges'),
    publishFullRanking: z.boolean().default(false).describe('Published results include the full ranking (titles and scores), not only the winners'),
  })
  .meta({ id: 'JudgingSettings', description: 'How proposals are reviewed and ranked', examples: [ex.judging] });

const content = {
  title: z.string().trim().min(3).max(200).meta({ description: 'Public title, 3 to 200 characters', examples: ['Be Social, Be Maker'] }),
  summary: z.string().trim().max(1000).describe('One paragraph for lists, at most 1,000 characters; needed to publish'),
  description: z.string().max(50_000).describe('The full call, plain text or Markdown, at most 50,000 characters'),
  themes: z.array(Theme).max(14).describe('Fields of social innovation it is about'),
  countries: z
    .array(CountryCode)
    .max(250)
    .meta({ description: 'Countries it is about or run in (ISO 3166-1 alpha-2); who may apply is `eligibility.allowedCountries`', examples: [['SK', 'CZ', 'HU', 'PL', 'AT', 'SI']] }),
  challengeId: Uuid.nullable().meta({ description: 'The challenge it answers; null: none', examples: [null] }),
};

export const CreateCompetitionBody = z
  .strictObject({
    title: content.title,
    summary: content.summary.default(''),
    description: content.description.default(''),
    themes: content.themes.default([]),
    countries: content.countries.default([]),
    challengeId: content.challengeId.optional(),
    prize: Prize.describe('The prize money'),
    timing: TimingInput.describe('Opening, closing and grace; dates are read in `timezone`'),
    eligibility: EligibilityRulesSchema.prefault({}).describe('Who may submit; default: anyone, alone, one proposal each'),
    form: z.array(FormQuestionSchema).max(200).default([]).describe('The questions applicants answer, in order; at least one to publish'),
    rubric: z.array(RubricCriterionSchema).max(50).default([]).describe('The criteria judges score; at least one to publish'),
    judging: JudgingSettingsSchema.prefault({}).describe('How proposals are reviewed; defaults: 3 blind reviews, mean, no normalisation'),
  })
  // Cross-field rules (closing before opening, split sums, tie-breaks…) reported with the field errors, all at once.
  .superRefine((value, ctx) => {
    for (const problem of competitionConfigProblems(value)) {
      ctx.addIssue({ code: 'custom', path: problem.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: problem.message, input: undefined });
    }
  })
  .meta({
    id: 'CreateCompetitionRequest',
    description: 'A new competition, created as a draft; every problem is reported at once (422 `errors`)',
    examples: [ex.createCompetition],
  });

export const UpdateCompetitionBody = z
  .strictObject({
    title: content.title.optional(),
    summary: content.summary.optional(),
    description: content.description.optional(),
    themes: content.themes.optional(),
    countries: content.countries.optional(),
    challengeId: content.challengeId.optional(),
    prize: Prize.optional().describe('Replaces the prize (drafts only)'),
    timing: z
      .strictObject({
        opensAt: instantOrDate(OPENS, ['2026-09-01']).optional(),
        closesAt: instantOrDate(`${CLOSES}; once open it may only move later`, ['2026-11-02']).optional(),
        timezone: TimingInput.shape.timezone.optional(),
        gracePeriodSeconds: z
          .number()
          .int()
          .min(0)
          .max(7 * 86_400)
          .optional()
          .describe('Seconds, 0 to 7 days, accepted after `closesAt` and marked late; once open it may only grow'),
      })
      .optional()
      .describe('Timing fields to change; the others are kept'),
    eligibility: EligibilityRulesSchema.optional().describe('Replaces the eligibility rules (until the first submission)'),
    form: z.array(FormQuestionSchema).max(200).optional().describe('Replaces the whole form (until the first submission)'),
    rubric: z.array(RubricCriterionSchema).max(50).optional().describe('Replaces the whole rubric (until the first submission)'),
    judging: JudgingSettingsSchema.optional().describe('Replaces the judging settings (until judging starts)'),
  })
  .meta({
    id: 'UpdateCompetitionRequest',
    description:
      'Fields to change; objects (prize, eligibility, judging) and lists (form, rubric) are replaced whole. After publication only ' +
      'title, summary, description, themes, countries and challengeId change freely; closesAt and gracePeriodSeconds may only grow; ' +
      'eligibility, form and rubric until the first submission.',
    examples: [ex.updateCompetition],
  });

const LocalTimes = z
  .object({
    opensAt: z.string().meta({ description: '`opensAt` in `timezone`', examples: [ex.timing.local.opensAt] }),
    closesAt: z.string().meta({ description: '`closesAt` in `timezone`', examples: [ex.timing.local.closesAt] }),
    effectiveClosesAt: z.string().meta({ description: '`effectiveClosesAt` in `timezone`', examples: [ex.timing.local.effectiveClosesAt] }),
  })
  .describe("The same instants as wall-clock time in `timezone`, ISO 8601 with that zone’s offset; a fraction of a second is kept when there is one");

export const Timing = z
  .object({
    opensAt: instantOf('Submissions are accepted from this instant; UTC', ex.at.opens),
    closesAt: instantOf('Exclusive: submissions must arrive before it (plus grace); UTC', ex.at.closes),
    timezone: z.string().meta({ description: 'IANA time zone of the competition, canonical spelling', examples: ['Europe/Rome'] }),
    gracePeriodSeconds: z.number().int().describe('Seconds after `closesAt` in which submissions are still accepted, marked late'),
    effectiveClosesAt: instantOf('closesAt + gracePeriodSeconds: nothing is accepted from this instant on; UTC', ex.at.effectiveCloses),
    local: LocalTimes,
  })
  .meta({ id: 'CompetitionTiming', description: 'When submissions are accepted, resolved to instants', examples: [ex.timing] });

const Status = z
  .enum(COMPETITION_STATUSES)
  .describe('Lifecycle: draft → published → judging → results_published; archived from any of them');
const Phase = z
  .enum(PHASES)
  .nullable()
  .describe('While published: upcoming, open (until effectiveClosesAt), closed; judging and later: closed; null for drafts. Derived from the database clock at read time');

export const Competition = z
  .object({
    id: uuidOf('The competition’s id', ex.ids.competition),
    organisationId: uuidOf('The organisation that runs it', ex.ids.organisation),
    challengeId: Uuid.nullable().meta({ description: 'The challenge it answers; null: none', examples: [null] }),
    title: z.string().meta({ description: 'Public title', examples: ['Be Social, Be Maker'] }),
    summary: z.string().describe('One paragraph for lists; empty when not written yet'),
    description: z.string().describe('The full call'),
    themes: z.array(z.string()).describe('Fields of social innovation it is about'),
    countries: z.array(z.string()).describe('Countries it is about or run in, ISO 3166-1 alpha-2'),
    status: Status,
    phase: Phase,
    prize: PrizeOut.describe('The prize money and each rank’s share'),
    timing: Timing.describe('When submissions are accepted'),
    eligibility: EligibilityRulesSchema.describe('Who may submit, defaults filled in'),
    form: z.array(FormQuestionSchema).describe('The questions, in order'),
    rubric: z.array(RubricCriterionSchema).describe('The criteria judges score'),
    judging: JudgingSettingsSchema.describe('How proposals are reviewed; judging dates as UTC instants'),
    rulesFrozenAt: Instant.nullable().meta({
      description: 'Set by the first submission; eligibility, form and rubric are fixed from then on. UTC; null until then',
      examples: [ex.at.rulesFrozen],
    }),
    publishedAt: Instant.nullable().meta({ description: 'When it was published; UTC; null for drafts', examples: [ex.at.published] }),
    version: z.number().int().meta({ description: 'Increases with every change; also sent as the ETag `"v<version>"`: send it back in If-Match', examples: [3] }),
    createdAt: Instant.describe('When it was created; UTC, milliseconds'),
    updatedAt: Instant.describe('Last change of the stored configuration; UTC'),
  })
  .meta({
    id: 'Competition',
    description: 'A competition with its whole configuration; drafts are visible to the organisation’s members only',
    examples: [ex.competition],
  });

export const CompetitionSummary = z
  .object({
    id: uuidOf('The competition’s id', ex.ids.competition),
    organisationId: uuidOf('The organisation that runs it', ex.ids.organisation),
    organisationName: z.string().meta({ description: 'That organisation’s name', examples: ['Social(i)Makers'] }),
    challengeId: Uuid.nullable().meta({ description: 'The challenge it answers; null: none', examples: [null] }),
    title: z.string().meta({ description: 'Public title', examples: ['Be Social, Be Maker'] }),
    summary: z.string().describe('One paragraph'),
    themes: z.array(z.string()).describe('Fields of social innovation it is about'),
    countries: z.array(z.string()).describe('Countries it is about or run in, ISO 3166-1 alpha-2'),
    allowedCountries: z.array(z.string()).describe('Where applicants must live (`eligibility.allowedCountries`); empty means anywhere'),
    status: Status,
    phase: Phase,
    prize: PrizeOut.describe('The prize money'),
    timing: Timing.describe('When submissions are accepted'),
    publishedAt: Instant.nullable().describe('When it was published; UTC; null for drafts'),
    version: z.number().int().describe('The ETag’s version'),
  })
  .meta({ id: 'CompetitionSummary', description: 'A competition as lists show it', examples: [ex.competitionSummary] });

export const CompetitionPage = z
  .object({
    items: z.array(CompetitionSummary).describe('This page, in the requested sort'),
    nextCursor: nextCursorOf(ex.competitionCursor),
  })
  .meta({ id: 'CompetitionPage', description: 'One page of competitions', examples: [{ items: [ex.competitionSummary], nextCursor: ex.competitionCursor }] });

const listFilters = {
  phase: z.enum(PHASES).optional().describe('Derived phase; `closed` includes competitions in judging or with results'),
  country: CountryCode.optional().describe('Listed in the competition’s countries or its eligible countries'),
  theme: Theme.optional().describe('Only competitions with this theme'),
  sort: z.enum(['closing_soon', 'newest']).default('closing_soon').describe('`closing_soon`: by closesAt, soonest first; `newest`: by publication (else creation), newest first'),
  limit: PageLimit,
  cursor: PageCursor,
};

export const PublicListQuery = z
  .object({
    ...listFilters,
    status: z.enum(PUBLIC_STATUSES).optional().describe('Only this status; default: all public ones'),
    organisationId: Uuid.optional().meta({ description: 'Only this organisation’s competitions', examples: [ex.ids.organisation] }),
  })
;
export const OrganisationPageQuery = z.object({ limit: PageLimit.describe('How many of its competitions, closing soonest first') });

export const OrganisationPublicPage = z
  .object({
    organisation: Organisation.describe('The organisation’s public profile'),
    competitions: CompetitionPage.describe(
      'Its public competitions (published, in judging or with published results; never drafts), closing soonest first; `nextCursor` continues with `GET /v1/competitions?organisationId=…&cursor=…`',
    ),
  })
  .meta({ id: 'OrganisationPublicPage', description: 'An organisation’s public page: its profile and its public competitions; no member data' });

export const OrganisationListQuery = z.object({ ...listFilters, status: Status.optional().describe('Only this status, drafts and archived included; default: all') });

export const ExtendBody = z
  .strictObject({
    closesAt: instantOrDate('The new closing instant, later than the current one; a date means the end of that day', ['2026-11-02']),
    reason: z.string().trim().max(2000).optional().describe('Why; recorded in the audit log'),
  })
  .meta({
    id: 'ExtendCompetitionRequest',
    description: 'Move the deadline of a published competition later, for everyone',
    examples: [{ closesAt: '2026-11-02', reason: 'More time for school teams after the autumn holidays.' }],
  });

export const TransitionBody = z
  .strictObject({ reason: z.string().trim().max(2000).optional().describe('Why, recorded in the audit log') })
  .meta({
    id: 'CompetitionTransitionRequest',
    description: 'Optional body of a lifecycle change (publish, start judging, archive)',
    examples: [{ reason: 'Rubric and form reviewed by the jury on 14 July.' }],
  })
  .nullish();

export const GrantExtensionBody = z
  .strictObject({
    closesAt: instantOrDate('The applicant’s own deadline, later than the competition’s; a date means the end of that day', ['2026-11-03']),
    reason: z.string().trim().min(1).max(2000).meta({ description: 'Why; recorded in the audit log', examples: [ex.extensionReason] }),
  })
  .meta({
    id: 'GrantExtensionRequest',
    description: 'Give one applicant a later deadline; granting again replaces it',
    examples: [{ closesAt: '2026-11-03', reason: ex.extensionReason }],
  });

export const Extension = z
  .object({
    competitionId: uuidOf('The competition', ex.ids.competition),
    userId: uuidOf('The applicant it applies to', ex.ids.applicant),
    displayName: z.string().nullable().meta({ description: 'The applicant’s display name; null if the account is gone', examples: ['Zuzana Kováčová'] }),
    closesAt: instantOf('The applicant’s own deadline, exclusive; UTC', ex.at.extensionCloses),
    effectiveClosesAt: instantOf('closesAt + the competition’s grace period; UTC', ex.at.extensionEffectiveCloses),
    localClosesAt: z.string().meta({ description: '`closesAt` as wall-clock time in the competition’s time zone, with offset', examples: [ex.extension.localClosesAt] }),
    reason: z.string().describe('Why it was granted'),
    grantedBy: Uuid.nullable().meta({ description: 'The organiser who granted it; null if that account is gone', examples: [ex.ids.owner] }),
    createdAt: Instant.describe('When it was granted; UTC'),
  })
  .meta({ id: 'CompetitionExtension', description: 'An individual deadline extension for one applicant (organisers only)', examples: [ex.extension] });
export const ExtensionList = z
  .object({ items: z.array(Extension).describe('Every extension of the competition') })
  .meta({ id: 'CompetitionExtensionList', description: 'The competition’s individual extensions', examples: [{ items: [ex.extension] }] });

export const AuditEntry = z
  .object({
    id: z.number().int().meta({ description: 'Row id, increasing; not the chain order (that is `seal.seq`)', examples: [42] }),
    competitionId: uuidOf('The competition', ex.ids.competition),
    actorId: Uuid.nullable().meta({ description: 'Who did it; null for the system', examples: [ex.ids.owner] }),
    action: z.string().meta({ description: 'What happened, `<subject>.<verb>` (docs/competitions.md lists them)', examples: ['competition.extension_granted'] }),
    subjectType: z.string().meta({ description: 'What kind of thing `subjectId` names', examples: ['user'] }),
    subjectId: Uuid.nullable().meta({ description: 'The thing acted on; null when none', examples: [ex.ids.applicant] }),
    data: z.record(z.string(), z.unknown()).describe('Details of the action, as recorded; its shape depends on `action`'),
    createdAt: z.string().meta({ description: 'UTC, microseconds, exactly as hashed', examples: [ex.auditEntry.createdAt] }),
    seal: z
      .object({
        seq: z.number().int().describe('Position in the competition’s chain, from 1, without gaps'),
        hash: z.string().meta({ description: 'SHA-256 (hex) of `prevHash` followed by the row’s canonical JSON', examples: [ex.auditEntry.seal.hash] }),
        prevHash: z.string().describe('The previous seal’s `hash`; 64 zeros for seq 1'),
        sealedAt: Instant.describe('When it was chained; UTC'),
      })
      .nullable()
      .describe('Null until the background sealer chains it (seconds)'),
  })
  .meta({ id: 'AuditEntry', description: 'One row of a competition’s append-only audit log', examples: [ex.auditEntry] });
export const AuditPage = z
  .object({ items: z.array(AuditEntry).describe('This page, oldest first'), nextCursor: nextCursorOf(ex.auditCursor) })
  .meta({ id: 'AuditPage', description: 'One page of the audit log', examples: [{ items: [ex.auditEntry], nextCursor: ex.auditCursor }] });
export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).describe('Page size: 1 to 100 rows'),
  cursor: z.string().max(512).optional().describe('Opaque cursor from `nextCursor` of the previous page; omit for the first page'),
});

export const AuditVerification = z
  .object({
    competitionId: uuidOf('The competition', ex.ids.competition),
    valid: z.boolean().describe('Every sealed row matches its seal and the chain is unbroken'),
    sealedCount: z.number().int().describe('Rows in the chain'),
    unsealedCount: z.number().int().describe('Rows appended but not chained yet; verified once the sealer has run'),
    headHash: z.string().nullable().meta({ description: 'The last seal’s hash; keep it to detect a rewritten history later. Null when nothing is sealed', examples: [ex.auditEntry.seal.hash] }),
    headSeq: z.number().int().nullable().describe('The last seal’s `seq`; null when nothing is sealed'),
    firstInvalid: z
      .object({
        auditId: z.number().int().describe('The audit row’s `id`'),
        seq: z.number().int().describe('Its position in the chain'),
        reason: z.enum(['seq_gap', 'prev_hash_mismatch', 'row_missing', 'hash_mismatch']).describe('What is wrong there'),
      })
      .optional()
      .describe('Where the chain first breaks; absent when valid'),
  })
  .meta({ id: 'AuditVerification', description: 'The result of recomputing the audit hash chain', examples: [ex.auditVerification] });

const competitionIdParam = uuidOf('The competition’s id', ex.ids.competition);
export const CompetitionParams = z.object({ competitionId: competitionIdParam });
export const ExtensionParams = z.object({ competitionId: competitionIdParam, userId: uuidOf('The applicant’s user id', ex.ids.applicant) });
export const OrganisationParams = z.object({ organisationId: uuidOf('The organisation’s id', ex.ids.organisation) });
export { IfMatchHeaders } from '../../lib/schemas.js';

export type CreateCompetitionInput = z.infer<typeof CreateCompetitionBody>;
export type UpdateCompetitionInput = z.infer<typeof UpdateCompetitionBody>;
