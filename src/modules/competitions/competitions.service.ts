import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { COMPETITION_STATUSES, type EligibilityRules, type FormQuestion, type JudgingSettings, type RubricCriterion } from '../../db/schema/competitions.js';
import { ambientTransaction, current, transaction } from '../../db/unit-of-work.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { decodeCursor, pageOf } from '../../lib/cursor.js';
import { requireIfMatch } from '../../lib/etag.js';
import { AppError, ConflictError, NotFoundError, ValidationError, type FieldError } from '../../lib/errors.js';
import { canonicalTimeZone, iso, isoOrNull, resolveInstant, toZonedIso } from '../../lib/time.js';
import { ANY_MEMBER, MANAGERS, type Access, type Actor } from '../access/access.js';
import { appendAudit, listAudit, verifyAuditChain } from '../audit/audit.service.js';
import { recordEvent } from '../events/events.js';
import type { IdentityService } from '../identity/identity.service.js';
import type { OrganisationView } from '../organisations/organisations.service.js';
import * as queries from './competitions.queries.js';
import type { CompetitionPhase, CompetitionStatus } from './competitions.queries.js';
import { canTransition, competitionConfigProblems, judgingSettingsOf, evenSplit, publishProblems, TRANSITIONS, withGrace, type CompetitionConfigInput, type Transition } from './competitions.rules.js';
import { PUBLIC_STATUSES, type CreateCompetitionInput, type UpdateCompetitionInput } from './competitions.schemas.js';

export type { CompetitionPhase, CompetitionStatus, SubmissionFactsColumns, SubmissionWindow } from './competitions.queries.js';

type ListQuery = {
  phase?: CompetitionPhase | undefined;
  status?: CompetitionStatus | undefined;
  organisationId?: string | undefined;
  country?: string | undefined;
  theme?: string | undefined;
  sort: 'closing_soon' | 'newest';
  limit: number;
  cursor?: string | undefined;
};


function timingOf(row: { opensAt: Date; closesAt: Date; timezone: string; gracePeriodSeconds: number; effectiveClosesAt: Date }) {
  return {
    opensAt: iso(row.opensAt),
    closesAt: iso(row.closesAt),
    timezone: row.timezone,
    gracePeriodSeconds: row.gracePeriodSeconds,
    effectiveClosesAt: iso(row.effectiveClosesAt),
    local: {
      opensAt: toZonedIso(row.opensAt, row.timezone),
      closesAt: toZonedIso(row.closesAt, row.timezone),
      effectiveClosesAt: toZonedIso(row.effectiveClosesAt, row.timezone),
    },
  };
}

function prizeOf(row: queries.CompetitionRow) {
  return { amount: row.prizeAmount, currency: row.prizeCurrency, winners: row.prizeWinners, split: row.prizeSplit };
}

export function toCompetition(row: queries.CompetitionRecord) {
  return {
    id: row.id,
    organisationId: row.organisationId,
    challengeId: row.challengeId,
    title: row.title,
    summary: row.summary,
    description: row.description,
    themes: row.themes,
    countries: row.countries,
    status: row.status,
    phase: row.phase,
    prize: prizeOf(row),
    timing: timingOf(row),
    eligibility: { ...row.eligibility, allowedCountries: row.eligibility.allowedCountries ?? [] },
    form: row.form,
    rubric: row.rubric,
    judging: judgingSettingsOf(row.judging),
    rulesFrozenAt: isoOrNull(row.rulesFrozenAt),
    publishedAt: isoOrNull(row.publishedAt),
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export type CompetitionView = ReturnType<typeof toCompetition>;

function toSummary(row: queries.CompetitionSummaryRow) {
  return {
    id: row.id,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    challengeId: row.challengeId,
    title: row.title,
    summary: row.summary,
    themes: row.themes,
    countries: row.countries,
    allowedCountries: row.allowedCountries,
    status: row.status,
    phase: row.phase,
    prize: { amount: row.prizeAmount, currency: row.prizeCurrency, winners: row.prizeWinners, split: row.prizeSplit },
    timing: timingOf(row),
    publishedAt: isoOrNull(row.publishedAt),
    version: row.version,
  };
}

/**
 * What a competition's view shows that can change without its version: the phase (the
 * database clock moves) and the rules freeze (the first submission sets it, version unchanged).
 * With the version, the key a cached view must match to be current; also in the read ETag.
 */
export function viewState(row: { phase: CompetitionPhase | null; rulesFrozenAt: Date | null }): string {
  return `${row.phase ?? 'draft'}${row.rulesFrozenAt ? '-frozen' : ''}`;
}

/** Views of competitions recently read, by id; least recently used out beyond the cap. */
const VIEW_CACHE_MAX = 1000;
/** Pages of lists recently answered, by query (filters, cursor, limit). */
const PAGE_CACHE_MAX = 200;

type CompetitionPage = { items: ReturnType<typeof toSummary>[]; nextCursor: string | null };

interface NormalisedConfig {
  opensAt: Date;
  closesAt: Date;
  timezone: string;
  gracePeriodSeconds: number;
  prize: { amount: number; currency: string; winners: number; split: number[] };
  eligibility: EligibilityRules;
  form: FormQuestion[];
  rubric: RubricCriterion[];
  judging: JudgingSettings;
}

type ConfigInput = CompetitionConfigInput & {
  eligibility: EligibilityRules;
  form: FormQuestion[];
  rubric: RubricCriterion[];
  judging: JudgingSettings;
};

/** Validates a whole configuration (422 naming every problem) and resolves date-only input to instants. */
function normalise(input: ConfigInput): NormalisedConfig {
  const problems = competitionConfigProblems(input);
  if (problems.length > 0) throw new ValidationError(problems, `The competition configuration has ${problems.length} problem(s)`);
  const timezone = canonicalTimeZone(input.timing.timezone);
  const resolve = (value: string, edge: 'start' | 'end') => resolveInstant(value, timezone, edge)!;
  const judging: JudgingSettings = {
    ...input.judging,
    judgingOpensAt: input.judging.judgingOpensAt ? iso(resolve(input.judging.judgingOpensAt, 'start')) : null,
    judgingClosesAt: input.judging.judgingClosesAt ? iso(resolve(input.judging.judgingClosesAt, 'end')) : null,
    shortlistSize: input.judging.shortlistSize ?? null,
  };
  return {
    opensAt: resolve(input.timing.opensAt, 'start'),
    closesAt: resolve(input.timing.closesAt, 'end'),
    timezone,
    gracePeriodSeconds: input.timing.gracePeriodSeconds,
    prize: { ...input.prize, split: input.prize.split ?? evenSplit(input.prize.amount, input.prize.winners) },
    eligibility: input.eligibility,
    form: input.form,
    rubric: input.rubric,
    judging,
  };
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** The configuration a patch would produce, in the shape `normalise` takes. */
function mergedConfig(row: queries.CompetitionRow, patch: UpdateCompetitionInput): ConfigInput {
  return {
    prize: patch.prize ?? prizeOf(row),
    timing: {
      opensAt: patch.timing?.opensAt ?? iso(row.opensAt),
      closesAt: patch.timing?.closesAt ?? iso(row.closesAt),
      timezone: patch.timing?.timezone ?? row.timezone,
      gracePeriodSeconds: patch.timing?.gracePeriodSeconds ?? row.gracePeriodSeconds,
    },
    eligibility: (patch.eligibility ?? row.eligibility) as EligibilityRules & { allowedCountries: string[] },
    form: (patch.form ?? row.form) as FormQuestion[],
    rubric: patch.rubric ?? row.rubric,
    judging: patch.judging ?? row.judging,
  };
}

const RULE_FIELDS = ['eligibility', 'form', 'rubric'] as const;

function fieldLocked(fields: string[], why: string): ConflictError {
  return new ConflictError('FIELD_LOCKED', `${fields.join(', ')} cannot change: ${why}`, { fields });
}

/** Competitions' facts for the access module, which is built before the service (it needs them). */
export function createCompetitionDirectory(db: Db) {
  return {
    competitionRef: (competitionId: string) => queries.selectCompetitionRef(current(db), competitionId),
  };
}

/** A competition as judging sees it. */
export interface JudgingFacts {
  id: string;
  organisationId: string;
  title: string;
  status: CompetitionStatus;
  rubric: RubricCriterion[];
  judging: ReturnType<typeof judgingSettingsOf>;
  prize: { amount: number; currency: string; winners: number; split: number[] };
  /** Whether `judging.judgingClosesAt` has passed, by the database clock. */
  judgingClosed: boolean;
}

function judgingFactsOf(row: { id: string; organisationId: string; title: string; status: CompetitionStatus; rubric: RubricCriterion[]; judging: JudgingSettings; prizeAmount: number; prizeCurrency: string; prizeWinners: number; prizeSplit: number[]; dbNow: Date }): JudgingFacts {
  const closesAt = row.judging.judgingClosesAt ? new Date(row.judging.judgingClosesAt) : null;
  return {
    id: row.id,
    organisationId: row.organisationId,
    title: row.title,
    status: row.status,
    rubric: row.rubric,
    judging: judgingSettingsOf(row.judging),
    prize: { amount: toNumberish(row.prizeAmount), currency: row.prizeCurrency, winners: row.prizeWinners, split: row.prizeSplit.map(toNumberish) },
    judgingClosed: closesAt !== null && closesAt.getTime() <= row.dbNow.getTime(),
  };
}

function toNumberish(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

export interface CompetitionDeps {
  db: Db;
  access: Access;
  identity: Pick<IdentityService, 'profiles'>;
  /** The proposals feature's directory of applicants (built before this service). */
  applicants: { hasProposal(competitionId: string, userId: string): Promise<boolean> };
  /** The organisations feature's SQL for an organisation's name, shown in lists. */
  organisationName: (organisationIdExpr: string) => string;
  /** The organisations feature's public profile of an organisation (404 when there is none). */
  organisationProfile: (organisationId: string) => Promise<OrganisationView>;
  /** The organisations feature's SQL for a key that changes with an organisation's public profile (null: no such organisation). */
  organisationProfileKey: (organisationIdExpr: string) => string;
}

export function createCompetitionService({ db, access, identity, applicants, organisationName, organisationProfile, organisationProfileKey }: CompetitionDeps) {
  async function read(tx: DbOrTx, competitionId: string) {
    const row = await queries.selectCompetition(tx, competitionId);
    if (!row) throw new NotFoundError('Competition');
    return toCompetition(row);
  }

  async function lockOrNotFound(tx: DbOrTx, competitionId: string) {
    const row = await queries.lockCompetition(tx, competitionId);
    if (!row) throw new NotFoundError('Competition');
    return row;
  }

  // Pages of lists recently answered, by query. A kept page is answered again only when the same
  // query's page key (ids in order, versions, phases, organisation names; four columns, no
  // summaries built) equals the kept one's, so an edit, a publish or a phase change shows at once.
  const pages = new Map<string, { key: string; page: CompetitionPage }>();
  function rememberPage(query: string, entry: { key: string; page: CompetitionPage }) {
    pages.delete(query);
    pages.set(query, entry);
    if (pages.size > PAGE_CACHE_MAX) pages.delete(pages.keys().next().value!);
  }

  function listFilters(filters: Omit<queries.ListFilters, 'after' | 'limit'>, limit: number, cursor: string | undefined): queries.ListFilters {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, filters.sort);
    return {
      statuses: filters.statuses,
      organisationId: filters.organisationId,
      phase: filters.phase,
      theme: filters.theme,
      country: filters.country,
      sort: filters.sort,
      after: after && { key: after.key, id: after.id },
      limit: limit + 1,
    };
  }

  // Organisation pages recently answered, by organisation and limit, under the keys read before they were built.
  type OrganisationPage = { organisation: OrganisationView; competitions: CompetitionPage };
  const organisationPages = new Map<string, { profileKey: string; pageKey: string; page: OrganisationPage }>();
  function rememberOrganisationPage(at: string, entry: { profileKey: string; pageKey: string; page: OrganisationPage }) {
    organisationPages.delete(at);
    organisationPages.set(at, entry);
    if (organisationPages.size > PAGE_CACHE_MAX) organisationPages.delete(organisationPages.keys().next().value!);
  }

  async function list(filters: Omit<queries.ListFilters, 'after' | 'limit'>, limit: number, cursor: string | undefined): Promise<CompetitionPage> {
    const f = listFilters(filters, limit, cursor);
    const query = JSON.stringify([f.statuses, f.organisationId, f.phase, f.theme, f.country, f.sort, f.after, f.limit]);
    const kept = pages.get(query);
    if (kept && (await queries.listCompetitionPageKey(db, f, organisationName)) === kept.key) {
      rememberPage(query, kept);
      return kept.page;
    }
    const rows = await queries.listCompetitionSummaries(db, f, organisationName);
    const { page, nextCursor } = pageOf(rows, limit, (last) => ({ sort: filters.sort, key: last.sortKey, id: last.id }));
    const entry = { key: queries.pageKeyOf(rows), page: { items: page.map(toSummary), nextCursor } };
    rememberPage(query, entry);
    return entry.page;
  }

  // A competition's view is rebuilt only when its version or state (viewState) moved; every read
  // still asks the database for both, so an edit, a publish or a phase change shows at once.
  const views = new Map<string, { version: number; state: string; view: CompetitionView }>();
  function remember(id: string, entry: { version: number; state: string; view: CompetitionView }) {
    views.delete(id);
    views.set(id, entry);
    if (views.size > VIEW_CACHE_MAX) views.delete(views.keys().next().value!);
  }

  async function readView(actor: Actor | undefined, competitionId: string): Promise<{ view: CompetitionView; version: number; state: string }> {
    const head = await queries.selectCompetitionHead(db, competitionId);
    if (!head) throw new NotFoundError('Competition');
    // Archiving keeps a published competition public; an archived draft never was.
    const isPublic = head.status !== 'draft' && (head.status !== 'archived' || head.publishedAt !== null);
    if (!isPublic) await access.requireCompetitionMember(actor, head.organisationId);
    const state = viewState(head);
    const cached = views.get(competitionId);
    if (cached && cached.version === head.version && cached.state === state) {
      remember(competitionId, cached);
      return cached;
    }
    // Read after the head: if it changed in between, this row is the newer one and is kept under its own key.
    const row = await queries.selectCompetitionView(db, competitionId);
    if (!row) throw new NotFoundError('Competition');
    const entry = { version: row.version, state: viewState(row), view: toCompetition(row) };
    remember(competitionId, entry);
    return entry;
  }

  async function extensionsView(rows: Awaited<ReturnType<typeof queries.selectExtensions>>, competition: { timezone: string; gracePeriodSeconds: number }) {
    const people = await identity.profiles(rows.map((e) => e.userId));
    return rows.map((e) => toExtension({ ...e, displayName: people.get(e.userId)?.displayName ?? null }, competition));
  }

  // The first submitters of a competition arrive together: one freezing UPDATE per competition at
  // a time (the others wait for it) instead of a queue of them on the competition's row lock.
  const freezing = new Map<string, Promise<void>>();

  return {
    /**
     * For proposal writes: the competition's window for one applicant (deadline with extension and
     * grace, phase, rules) as of the database clock, locked FOR SHARE until the caller's
     * transaction ends. Must run inside one (see db/unit-of-work.ts).
     */
    async lockSubmissionWindow(competitionId: string, applicantId: string): Promise<queries.SubmissionWindow> {
      const tx = ambientTransaction();
      if (!tx) throw new Error('lockSubmissionWindow needs a transaction');
      const window = await queries.lockSubmissionWindow(tx, competitionId, applicantId);
      if (!window) throw new NotFoundError('Competition');
      return window;
    },

    /**
     * What judging needs of a competition, inside the caller's transaction, as of the database
     * clock, locked FOR SHARE (publishing results locks it FOR UPDATE, so a review or a decision
     * either commits before the results or sees them): status, rubric, judging settings, prize.
     */
    async lockForJudging(competitionId: string): Promise<JudgingFacts> {
      const tx = ambientTransaction();
      if (!tx) throw new Error('lockForJudging needs a transaction');
      const row = await queries.lockCompetition(tx, competitionId, 'share');
      if (!row) throw new NotFoundError('Competition');
      return judgingFactsOf(row);
    },

    /** `lockForJudging` without the lock, for reads. */
    async judgingFacts(competitionId: string): Promise<JudgingFacts> {
      const row = await queries.selectCompetition(current(db), competitionId);
      if (!row) throw new NotFoundError('Competition');
      return judgingFactsOf(row);
    },

    /**
     * Judging's last step, inside the judging service's transaction (it has checked the organiser,
     * the reviews and the decision): `judging → results_published`, audited, with its event.
     */
    async markResultsPublished(actor: Actor, competitionId: string, data: Record<string, unknown>): Promise<void> {
      const tx = ambientTransaction();
      if (!tx) throw new Error('markResultsPublished needs a transaction');
      const { from, to, event } = TRANSITIONS.publishResults;
      const row = await lockOrNotFound(tx, competitionId);
      if (!canTransition('publishResults', row.status)) {
        throw new ConflictError('INVALID_TRANSITION', `Cannot publish results of a competition in ${row.status} (needs ${from.join(' or ')})`, {
          competitionStatus: row.status,
          allowedFrom: from,
        });
      }
      const moved = await queries.updateCompetition(tx, competitionId, { status: to }, from);
      if (!moved) throw new ConflictError('INVALID_TRANSITION', 'The competition changed status concurrently; read it again');
      await appendAudit(tx, { competitionId, actorId: actor.userId, action: event, subjectType: 'competition', subjectId: competitionId, data: { from: row.status, to, ...data } });
      await recordEvent(tx, {
        type: event,
        organisationId: row.organisationId,
        competitionId,
        subjectId: competitionId,
        payload: { competitionId, title: row.title, from: row.status, to, closesAt: iso(row.closesAt) },
      });
    },

    /** The competition's first valid submission freezes its rules and form (SPEC §3); a no-op once frozen. */
    freezeRules(competitionId: string): Promise<void> {
      const tx = ambientTransaction();
      if (tx) return queries.freezeRules(tx, competitionId);
      let pending = freezing.get(competitionId);
      if (!pending) {
        pending = queries.freezeRules(db, competitionId).finally(() => freezing.delete(competitionId));
        freezing.set(competitionId, pending);
      }
      return pending;
    },

    /** Competitions' SQL for the statements of the submit path, which read and guard a competition in the same round trip. */
    sql: {
      submissionFactsJoin: queries.submissionFactsJoinSql,
      submissionFactsColumns: queries.SUBMISSION_FACTS_COLUMNS_SQL,
      submissionGuard: queries.submissionGuardSql,
    },

    async create(actor: Actor, organisationId: string, input: CreateCompetitionInput): Promise<CompetitionView> {
      const role = await access.requireOrganisationRole(actor, organisationId, MANAGERS);
      const config = normalise(input as ConfigInput);
      return transaction(db, async (tx) => {
        const { id } = await queries.insertCompetition(tx, {
          organisationId,
          challengeId: input.challengeId ?? null,
          title: input.title,
          summary: input.summary,
          description: input.description,
          themes: input.themes,
          countries: input.countries,
          opensAt: config.opensAt,
          closesAt: config.closesAt,
          timezone: config.timezone,
          gracePeriodSeconds: config.gracePeriodSeconds,
          prizeAmount: config.prize.amount,
          prizeCurrency: config.prize.currency,
          prizeWinners: config.prize.winners,
          prizeSplit: config.prize.split,
          eligibility: config.eligibility,
          form: config.form,
          rubric: config.rubric,
          judging: config.judging,
          createdBy: actor.userId,
        });
        await appendAudit(tx, {
          competitionId: id,
          actorId: actor.userId,
          action: 'competition.created',
          subjectType: 'competition',
          subjectId: id,
          data: { title: input.title, organisationId, ...(role === 'admin' ? { asAdmin: true } : {}) },
        });
        return read(tx, id);
      });
    },

    /** Public once published (even after archiving); before that only members of the owning organisation see it. */
    async get(actor: Actor | undefined, competitionId: string): Promise<CompetitionView> {
      return (await readView(actor, competitionId)).view;
    },

    /** `get` with the version and state (`viewState`) of the view, which the read's ETag carries. */
    readView,

    async listPublic(query: ListQuery) {
      const statuses = query.status ? [query.status] : PUBLIC_STATUSES;
      return list({ ...query, statuses }, query.limit, query.cursor);
    },

    /** An organisation's public page: its profile and its public competitions, closing soonest first. No member data, never drafts. */
    async organisationPage(organisationId: string, query: { limit: number }): Promise<OrganisationPage> {
      const filters = { organisationId, statuses: PUBLIC_STATUSES, sort: 'closing_soon' as const };
      // One statement per request while the page is kept: the profile's key and the page's key together.
      // The keys are read before the content, so content built after an edit is never kept under older keys.
      const at = `${organisationId} ${query.limit}`;
      const keys = await queries.organisationPageKey(db, listFilters(filters, query.limit, undefined), organisationName, organisationProfileKey);
      if (keys.profileKey === null) throw new NotFoundError('Organisation');
      const kept = organisationPages.get(at);
      if (kept && keys.profileKey === kept.profileKey && keys.pageKey === kept.pageKey) {
        rememberOrganisationPage(at, kept);
        return kept.page;
      }
      const [organisation, competitions] = await Promise.all([organisationProfile(organisationId), list(filters, query.limit, undefined)]);
      const entry = { profileKey: keys.profileKey, pageKey: keys.pageKey, page: { organisation, competitions } };
      rememberOrganisationPage(at, entry);
      return entry.page;
    },

    async listForOrganisation(actor: Actor, organisationId: string, query: Omit<ListQuery, 'organisationId'>) {
      await access.requireOrganisationRole(actor, organisationId, ANY_MEMBER);
      const statuses = query.status ? [query.status] : COMPETITION_STATUSES;
      return list({ ...query, organisationId, statuses }, query.limit, query.cursor);
    },

    async update(actor: Actor, competitionId: string, patch: UpdateCompetitionInput, ifMatch: string | undefined): Promise<CompetitionView> {
      await access.requireCompetitionOrganiser(actor, competitionId);
      type Outcome = { view: CompetitionView } | { refused: { fields: string[]; rulesFrozenAt: Date | null; status: CompetitionStatus } };
      const outcome = await transaction(db, async (tx): Promise<Outcome> => {
        // FOR UPDATE: a first submission (FOR SHARE, then freezing the rules) either happened before, and we see
        // rules_frozen_at, or waits until this edit commits and is checked against the new rules.
        const row = await lockOrNotFound(tx, competitionId);
        requireIfMatch(ifMatch, row.version, 'competition');

        const ruleChanges = RULE_FIELDS.filter((f) => patch[f] !== undefined && !same(patch[f], row[f]));
        const frozen = row.rulesFrozenAt !== null || (row.status !== 'draft' && row.status !== 'published');
        if (ruleChanges.length > 0 && frozen) {
          await appendAudit(tx, {
            competitionId,
            actorId: actor.userId,
            action: 'competition.rules_change_refused',
            subjectType: 'competition',
            subjectId: competitionId,
            data: { fields: ruleChanges, status: row.status, rulesFrozenAt: isoOrNull(row.rulesFrozenAt) },
          });
          return { refused: { fields: ruleChanges, rulesFrozenAt: row.rulesFrozenAt, status: row.status } };
        }
        if (row.status === 'archived') throw new ConflictError('COMPETITION_ARCHIVED', 'An archived competition cannot change');

        const config = normalise(mergedConfig(row, patch));
        const changes: Record<string, unknown> = {};
        const changed: string[] = [];
        const note = (field: string, set: Record<string, unknown>) => {
          changed.push(field);
          Object.assign(changes, set);
        };
        for (const field of ['title', 'summary', 'description', 'themes', 'countries', 'challengeId'] as const) {
          if (patch[field] !== undefined && !same(patch[field], row[field])) note(field, { [field]: patch[field] });
        }
        if (!same(config.prize, prizeOf(row))) {
          note('prize', { prizeAmount: config.prize.amount, prizeCurrency: config.prize.currency, prizeWinners: config.prize.winners, prizeSplit: config.prize.split });
        }
        if (config.opensAt.getTime() !== row.opensAt.getTime()) note('timing.opensAt', { opensAt: config.opensAt });
        if (config.closesAt.getTime() !== row.closesAt.getTime()) note('timing.closesAt', { closesAt: config.closesAt });
        if (config.timezone !== row.timezone) note('timing.timezone', { timezone: config.timezone });
        if (config.gracePeriodSeconds !== row.gracePeriodSeconds) note('timing.gracePeriodSeconds', { gracePeriodSeconds: config.gracePeriodSeconds });
        for (const field of RULE_FIELDS) if (ruleChanges.includes(field)) note(field, { [field]: config[field] });
        if (!same(config.judging, row.judging)) note('judging', { judging: config.judging });

        if (changed.length === 0) return { view: toCompetition(row) };

        if (row.status !== 'draft') {
          const opened = row.dbNow.getTime() >= row.opensAt.getTime();
          const locked = changed.filter((f) => f === 'prize' || f === 'timing.timezone');
          if (locked.length > 0) throw fieldLocked(locked, 'the competition is published');
          if (row.status !== 'published') {
            const timing = changed.filter((f) => f.startsWith('timing.') || f === 'judging');
            if (timing.length > 0) throw fieldLocked(timing, `the competition is in ${row.status}`);
          }
          if (changed.includes('timing.opensAt') && opened) throw fieldLocked(['timing.opensAt'], 'the competition has opened');
          if (opened && config.closesAt.getTime() < row.closesAt.getTime()) {
            throw new ConflictError('CLOSES_AT_NOT_EXTENDABLE', `closesAt can only move later once the competition has opened (now ${iso(row.closesAt)})`, {
              closesAt: iso(row.closesAt),
            });
          }
          if (opened && config.gracePeriodSeconds < row.gracePeriodSeconds) {
            throw new ConflictError('GRACE_PERIOD_NOT_REDUCIBLE', `gracePeriodSeconds can only grow once the competition has opened (now ${row.gracePeriodSeconds})`);
          }
        }

        await queries.updateCompetition(tx, competitionId, changes);
        await appendAudit(tx, {
          competitionId,
          actorId: actor.userId,
          action: 'competition.updated',
          subjectType: 'competition',
          subjectId: competitionId,
          data: { fields: changed, version: row.version + 1 },
        });
        if (row.status !== 'draft') {
          if (changed.includes('timing.closesAt') || changed.includes('timing.gracePeriodSeconds')) {
            await recordExtension(tx, actor, row, config.closesAt, config.gracePeriodSeconds, undefined);
          }
          await recordEvent(tx, {
            type: 'competition.updated',
            organisationId: row.organisationId,
            competitionId,
            subjectId: competitionId,
            payload: { competitionId, fields: changed, version: row.version + 1 },
          });
        }
        return { view: await read(tx, competitionId) };
      });
      if ('refused' in outcome) {
        const { fields, rulesFrozenAt, status } = outcome.refused;
        throw new ConflictError(
          'RULES_FROZEN',
          rulesFrozenAt
            ? `${fields.join(', ')} cannot change: the first proposal was submitted at ${iso(rulesFrozenAt)}`
            : `${fields.join(', ')} cannot change: the competition is in ${status}`,
          { fields, rulesFrozenAt: isoOrNull(rulesFrozenAt) },
        );
      }
      return outcome.view;
    },

    async transition(actor: Actor, competitionId: string, transition: Exclude<Transition, 'publishResults'>, ifMatch: string | undefined, reason?: string) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      if (transition === 'publish') await access.requireVerifiedEmail(actor, 'publish a competition');
      const { from, to, event } = TRANSITIONS[transition];
      return transaction(db, async (tx) => {
        const row = await lockOrNotFound(tx, competitionId);
        requireIfMatch(ifMatch, row.version, 'competition');
        if (!canTransition(transition, row.status)) {
          throw new ConflictError('INVALID_TRANSITION', `Cannot ${transition} a competition in ${row.status} (needs ${from.join(' or ')})`, {
            competitionStatus: row.status,
            allowedFrom: from,
          });
        }
        const data: Record<string, unknown> = { from: row.status, to, ...(reason ? { reason } : {}) };
        if (transition === 'publish') {
          const problems = publishProblems(row, row.dbNow);
          if (problems.length > 0) throw new ValidationError(problems, 'The competition is not ready to publish', 'COMPETITION_INCOMPLETE');
        }
        if (transition === 'startJudging') {
          if (row.phase !== 'closed') {
            throw new ConflictError('COMPETITION_NOT_CLOSED', `Judging can start once the competition has closed (${iso(row.effectiveClosesAt)} including grace)`, {
              effectiveClosesAt: iso(row.effectiveClosesAt),
            });
          }
          const running = await queries.countRunningExtensions(tx, competitionId, row.gracePeriodSeconds);
          if (running.n > 0) {
            throw new ConflictError('EXTENSIONS_RUNNING', `${running.n} individual extension(s) are still running (the last until ${isoOrNull(running.latest)})`, {
              runningExtensions: running.n,
              latestClosesAt: isoOrNull(running.latest),
            });
          }
        }
        const moved = await queries.updateCompetition(tx, competitionId, { status: to, ...(transition === 'publish' ? { publishedAt: sql`now()` } : {}) }, from);
        if (!moved) throw new ConflictError('INVALID_TRANSITION', 'The competition changed status concurrently; read it again');
        await appendAudit(tx, { competitionId, actorId: actor.userId, action: event, subjectType: 'competition', subjectId: competitionId, data });
        await recordEvent(tx, {
          type: event,
          organisationId: row.organisationId,
          competitionId,
          subjectId: competitionId,
          payload: { competitionId, title: row.title, from: row.status, to, closesAt: iso(row.closesAt) },
        });
        return read(tx, competitionId);
      });
    },

    /** Moves closesAt later (while published); never earlier. */
    async extend(actor: Actor, competitionId: string, input: { closesAt: string; reason?: string | undefined }, ifMatch: string | undefined) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      return transaction(db, async (tx) => {
        const row = await lockOrNotFound(tx, competitionId);
        requireIfMatch(ifMatch, row.version, 'competition');
        if (row.status !== 'published') {
          throw new ConflictError('COMPETITION_NOT_PUBLISHED', row.status === 'draft' ? 'Edit the closing instant of a draft with PATCH' : `The competition is in ${row.status}`, {
            competitionStatus: row.status,
          });
        }
        const closesAt = resolveInstant(input.closesAt, row.timezone, 'end')!;
        if (closesAt.getTime() <= row.closesAt.getTime()) {
          throw new ConflictError('CLOSES_AT_NOT_EXTENDABLE', `An extension must move closesAt later than ${iso(row.closesAt)}; ${iso(closesAt)} is not`, {
            closesAt: iso(row.closesAt),
          });
        }
        const problems = competitionConfigProblems({ ...mergedConfig(row, {}), timing: { ...mergedConfig(row, {}).timing, closesAt: iso(closesAt) } }).map(
          (p): FieldError => (p.field === 'timing.closesAt' ? { ...p, field: 'closesAt' } : p),
        );
        if (problems.length > 0) throw new ValidationError(problems, 'The new closing instant conflicts with the configuration');
        await queries.updateCompetition(tx, competitionId, { closesAt });
        await recordExtension(tx, actor, row, closesAt, row.gracePeriodSeconds, input.reason);
        return read(tx, competitionId);
      });
    },

    async listExtensions(actor: Actor, competitionId: string) {
      const competition = await access.requireCompetitionOrganiser(actor, competitionId);
      const row = (await queries.selectCompetition(db, competition.id))!;
      return { items: await extensionsView(await queries.selectExtensions(db, competitionId), row) };
    },

    async grantExtension(actor: Actor, competitionId: string, userId: string, input: { closesAt: string; reason: string }) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      return transaction(db, async (tx) => {
        // Shared lock: keeps closesAt and status fixed while we compare, without blocking submitters.
        const current = await queries.lockCompetition(tx, competitionId, 'share');
        if (!current) throw new NotFoundError('Competition');
        if (current.status !== 'draft' && current.status !== 'published') {
          throw new ConflictError('COMPETITION_NOT_PUBLISHED', `Extensions can no longer be granted: the competition is in ${current.status}`, { competitionStatus: current.status });
        }
        // Only applicants of this competition can get one; anyone else -- with an account or not --
        // gets the same answer, so the route does not tell which user ids exist.
        if (!(await applicants.hasProposal(competitionId, userId))) {
          throw new AppError(404, 'USER_NOT_FOUND', 'No applicant of this competition has this user id (extensions are for users with a proposal in it)');
        }
        const closesAt = resolveInstant(input.closesAt, current.timezone, 'end')!;
        if (closesAt.getTime() <= current.closesAt.getTime()) {
          throw new ValidationError(
            [{ field: 'closesAt', code: 'not_after_closes_at', in: 'body', message: `must be later than the competition's closesAt (${iso(current.closesAt)}); it resolves to ${iso(closesAt)}` }],
            'An individual extension must end after the competition closes',
          );
        }
        const previous = await queries.selectExtension(tx, competitionId, userId);
        await queries.upsertExtension(tx, { competitionId, userId, closesAt, reason: input.reason, grantedBy: actor.userId });
        const effectiveClosesAt = withGrace(closesAt, current.gracePeriodSeconds);
        await appendAudit(tx, {
          competitionId,
          actorId: actor.userId,
          action: 'competition.extension_granted',
          subjectType: 'user',
          subjectId: userId,
          data: { userId, closesAt: iso(closesAt), previousClosesAt: previous ? iso(previous.closesAt) : null, reason: input.reason },
        });
        await recordEvent(tx, {
          type: 'competition.extension_granted',
          organisationId: current.organisationId,
          competitionId,
          subjectId: userId,
          payload: { competitionId, userId, closesAt: iso(closesAt), effectiveClosesAt: iso(effectiveClosesAt) },
        });
        const saved = await queries.selectExtension(tx, competitionId, userId);
        return { created: previous === undefined, extension: (await extensionsView([saved!], current))[0]! };
      });
    },

    async revokeExtension(actor: Actor, competitionId: string, userId: string) {
      const competition = await access.requireCompetitionOrganiser(actor, competitionId);
      await transaction(db, async (tx) => {
        const removed = await queries.deleteExtension(tx, competitionId, userId);
        if (!removed) throw new NotFoundError('Extension');
        await appendAudit(tx, {
          competitionId,
          actorId: actor.userId,
          action: 'competition.extension_revoked',
          subjectType: 'user',
          subjectId: userId,
          data: { userId, closesAt: iso(removed.closesAt) },
        });
        await recordEvent(tx, {
          type: 'competition.extension_revoked',
          organisationId: competition.organisationId,
          competitionId,
          subjectId: userId,
          payload: { competitionId, userId },
        });
      });
    },

    async audit(actor: Actor, competitionId: string, query: { limit: number; cursor?: string | undefined }) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      return listAudit(db, competitionId, query);
    },

    async verifyAudit(actor: Actor, competitionId: string) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      return { competitionId, ...(await verifyAuditChain(db, competitionId)) };
    },
  };
}

/** Audit and event for a published competition's deadline moving later (extend, or PATCH of closesAt/grace). */
async function recordExtension(tx: DbOrTx, actor: Actor, row: queries.CompetitionRecord, closesAt: Date, gracePeriodSeconds: number, reason: string | undefined) {
  const effectiveClosesAt = withGrace(closesAt, gracePeriodSeconds);
  await appendAudit(tx, {
    competitionId: row.id,
    actorId: actor.userId,
    action: 'competition.extended',
    subjectType: 'competition',
    subjectId: row.id,
    data: {
      previousClosesAt: iso(row.closesAt),
      closesAt: iso(closesAt),
      previousGracePeriodSeconds: row.gracePeriodSeconds,
      gracePeriodSeconds,
      ...(reason ? { reason } : {}),
    },
  });
  await recordEvent(tx, {
    type: 'competition.extended',
    organisationId: row.organisationId,
    competitionId: row.id,
    subjectId: row.id,
    payload: { competitionId: row.id, previousClosesAt: iso(row.closesAt), closesAt: iso(closesAt), effectiveClosesAt: iso(effectiveClosesAt) },
  });
}

function toExtension(
  e: { competitionId: string; userId: string; displayName: string | null; closesAt: Date; reason: string; grantedBy: string | null; createdAt: Date },
  competition: { timezone: string; gracePeriodSeconds: number },
) {
  return {
    competitionId: e.competitionId,
    userId: e.userId,
    displayName: e.displayName,
    closesAt: iso(e.closesAt),
    effectiveClosesAt: iso(withGrace(e.closesAt, competition.gracePeriodSeconds)),
    localClosesAt: toZonedIso(e.closesAt, competition.timezone),
    reason: e.reason,
    grantedBy: e.grantedBy,
    createdAt: iso(e.createdAt),
  };
}

export type CompetitionService = ReturnType<typeof createCompetitionService>;
