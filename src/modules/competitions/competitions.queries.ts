import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { runStatement, statement, type Statement } from '../../db/statements.js';
import { competitionExtensions, competitions, type EligibilityRules, type FormQuestion, type JudgingSettings, type RubricCriterion } from '../../db/schema/competitions.js';

export type CompetitionStatus = (typeof competitions.$inferSelect)['status'];
export type CompetitionPhase = 'upcoming' | 'open' | 'closed';

export type CompetitionRow = typeof competitions.$inferSelect;
export type NewCompetitionRow = typeof competitions.$inferInsert;

const asTimestamp = competitions.closesAt;
/** closesAt plus grace (`with_grace`, migration 0010): nothing is accepted at or after it. */
export const effectiveClosesAtSql = sql`with_grace(${competitions.closesAt}, ${competitions.gracePeriodSeconds})`;

/** The phase as of the database clock (`competition_phase`, migration 0010); drafts have none. */
export const phaseSql = sql<CompetitionPhase | null>`competition_phase(${competitions.status}, ${competitions.opensAt}, ${effectiveClosesAtSql})`;

/** Everything a read needs: the row plus what only the database clock can say about it. */
const derived = {
  phase: phaseSql,
  effectiveClosesAt: sql<Date>`${effectiveClosesAtSql}`.mapWith(asTimestamp),
  dbNow: sql<Date>`now()`.mapWith(asTimestamp),
};

export type CompetitionRecord = CompetitionRow & { phase: CompetitionPhase | null; effectiveClosesAt: Date; dbNow: Date };

export async function selectCompetition(db: DbOrTx, competitionId: string): Promise<CompetitionRecord | undefined> {
  const [row] = await db
    .select({ competition: competitions, ...derived })
    .from(competitions)
    .where(eq(competitions.id, competitionId))
    .limit(1);
  return row ? { ...row.competition, phase: row.phase, effectiveClosesAt: row.effectiveClosesAt, dbNow: row.dbNow } : undefined;
}

/**
 * The row locked: FOR UPDATE for rule edits and transitions (they serialise with each other and
 * with submits, which take FOR SHARE); FOR SHARE where only closesAt and status must hold still.
 */
export async function lockCompetition(tx: DbOrTx, competitionId: string, mode: 'update' | 'share' = 'update'): Promise<CompetitionRecord | undefined> {
  const [row] = await tx
    .select({ competition: competitions, ...derived })
    .from(competitions)
    .where(eq(competitions.id, competitionId))
    .for(mode);
  return row ? { ...row.competition, phase: row.phase, effectiveClosesAt: row.effectiveClosesAt, dbNow: row.dbNow } : undefined;
}

export async function insertCompetition(tx: DbOrTx, values: NewCompetitionRow): Promise<{ id: string }> {
  const [row] = await tx.insert(competitions).values(values).returning({ id: competitions.id });
  return row!;
}

/** Applies a change and bumps the version; `fromStatus` makes a transition conditional on the status it starts from. */
export async function updateCompetition(
  tx: DbOrTx,
  competitionId: string,
  set: PgUpdateSetSource<typeof competitions>,
  fromStatus?: readonly CompetitionStatus[],
): Promise<boolean> {
  const rows = await tx
    .update(competitions)
    .set({ ...set, version: sql`${competitions.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(competitions.id, competitionId), fromStatus ? inArray(competitions.status, [...fromStatus]) : undefined))
    .returning({ id: competitions.id });
  return rows.length > 0;
}

export interface ListFilters {
  organisationId?: string | undefined;
  statuses: readonly CompetitionStatus[];
  phase?: CompetitionPhase | undefined;
  country?: string | undefined;
  theme?: string | undefined;
  sort: 'closing_soon' | 'newest';
  after?: { key: string; id: string } | undefined;
  limit: number;
}

/**
 * One page in a stable order: the sort key, then the id. The key travels in the cursor as
 * PostgreSQL's own text form (sessions are UTC), so microseconds survive the round trip.
 */
/** `organisationName`: the organisations feature's SQL for an organisation's name (it owns the table). */
export async function listCompetitions(db: DbOrTx, f: ListFilters, organisationName: (organisationIdExpr: string) => string) {
  const key = f.sort === 'closing_soon' ? sql`${competitions.closesAt}` : sql`coalesce(${competitions.publishedAt}, ${competitions.createdAt})`;
  const conditions: (SQL | undefined)[] = [
    inArray(competitions.status, [...f.statuses]),
    f.organisationId ? eq(competitions.organisationId, f.organisationId) : undefined,
    f.phase ? sql`${phaseSql} = ${f.phase}` : undefined,
    f.theme ? sql`${f.theme} = any(${competitions.themes})` : undefined,
    f.country
      ? sql`(${f.country} = any(${competitions.countries}) or (${competitions.eligibility} -> 'allowedCountries') @> jsonb_build_array(${f.country}::text))`
      : undefined,
  ];
  if (f.after) {
    conditions.push(
      f.sort === 'closing_soon'
        ? sql`(${key}, ${competitions.id}) > (${f.after.key}::timestamptz, ${f.after.id}::uuid)`
        : sql`(${key}, ${competitions.id}) < (${f.after.key}::timestamptz, ${f.after.id}::uuid)`,
    );
  }
  return db
    .select({
      competition: competitions,
      organisationName: sql<string>`${sql.raw(organisationName('"competitions"."organisation_id"'))}`,
      ...derived,
      sortKey: sql<string>`(${key})::text`,
    })
    .from(competitions)
    .where(and(...conditions))
    .orderBy(...(f.sort === 'closing_soon' ? [asc(competitions.closesAt), asc(competitions.id)] : [desc(key), desc(competitions.id)]))
    .limit(f.limit);
}

const extensionColumns = {
  competitionId: competitionExtensions.competitionId,
  userId: competitionExtensions.userId,
  closesAt: competitionExtensions.closesAt,
  reason: competitionExtensions.reason,
  grantedBy: competitionExtensions.grantedBy,
  createdAt: competitionExtensions.createdAt,
};

export async function selectExtension(db: DbOrTx, competitionId: string, userId: string) {
  const [row] = await db
    .select(extensionColumns)
    .from(competitionExtensions)
    .where(and(eq(competitionExtensions.competitionId, competitionId), eq(competitionExtensions.userId, userId)))
    .limit(1);
  return row;
}

export async function selectExtensions(db: DbOrTx, competitionId: string) {
  return db
    .select(extensionColumns)
    .from(competitionExtensions)
    .where(eq(competitionExtensions.competitionId, competitionId))
    .orderBy(asc(competitionExtensions.closesAt), asc(competitionExtensions.userId));
}

/** One extension per applicant: granting again replaces it. */
export async function upsertExtension(tx: DbOrTx, values: { competitionId: string; userId: string; closesAt: Date; reason: string; grantedBy: string }) {
  await tx
    .insert(competitionExtensions)
    .values(values)
    .onConflictDoUpdate({
      target: [competitionExtensions.competitionId, competitionExtensions.userId],
      set: { closesAt: values.closesAt, reason: values.reason, grantedBy: values.grantedBy, createdAt: sql`now()` },
    });
}

export async function deleteExtension(tx: DbOrTx, competitionId: string, userId: string) {
  const rows = await tx
    .delete(competitionExtensions)
    .where(and(eq(competitionExtensions.competitionId, competitionId), eq(competitionExtensions.userId, userId)))
    .returning({ closesAt: competitionExtensions.closesAt, reason: competitionExtensions.reason });
  return rows[0];
}

/** Extensions still running at the database clock (their deadline plus grace is in the future). */
export async function countRunningExtensions(tx: DbOrTx, competitionId: string, gracePeriodSeconds: number): Promise<{ n: number; latest: Date | null }> {
  const [row] = await tx
    .select({
      n: sql<number>`count(*)::int`,
      latest: sql<Date | null>`max(${competitionExtensions.closesAt})`.mapWith(asTimestamp),
    })
    .from(competitionExtensions)
    .where(
      and(
        eq(competitionExtensions.competitionId, competitionId),
        sql`${competitionExtensions.closesAt} + make_interval(secs => ${gracePeriodSeconds}) > now()`,
      ),
    );
  return { n: row?.n ?? 0, latest: row?.latest ?? null };
}

/** For the seed: a competition of an organisation by title, so running twice finds the first. */
export async function selectCompetitionIdByTitle(db: DbOrTx, organisationId: string, title: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: competitions.id })
    .from(competitions)
    .where(and(eq(competitions.organisationId, organisationId), eq(competitions.title, title)))
    .limit(1);
  return row?.id;
}

/** A competition's id, owner and status: what access decisions need. */
export async function selectCompetitionRef(db: DbOrTx, competitionId: string) {
  const [row] = await db
    .select({ id: competitions.id, organisationId: competitions.organisationId, status: competitions.status })
    .from(competitions)
    .where(eq(competitions.id, competitionId))
    .limit(1);
  return row;
}

/** What a write to a proposal needs to know of its competition, for one applicant, as of the database clock. */
export interface SubmissionWindow {
  id: string;
  organisationId: string;
  title: string;
  status: CompetitionStatus;
  /** Phase for this applicant: their deadline with extension and grace. */
  phase: CompetitionPhase | null;
  opensAt: Date;
  /** The competition's own closing instant. */
  closesAt: Date;
  gracePeriodSeconds: number;
  timezone: string;
  /** The later of closesAt and the applicant's extension (`applicant_deadline`): submissions at or after it are late. */
  deadline: Date;
  /** deadline plus grace (`with_grace`): nothing is accepted at or after it. */
  effectiveClosesAt: Date;
  /** PostgreSQL's clock for this transaction. */
  dbNow: Date;
  eligibility: EligibilityRules;
  form: FormQuestion[];
  rubric: RubricCriterion[];
  judging: JudgingSettings;
  rulesFrozenAt: Date | null;
  version: number;
}

/**
 * The competition row FOR SHARE with the applicant's deadline: a concurrent rules/form edit (FOR
 * UPDATE) waits for the proposal write, or the write for the edit. Drafts are not returned.
 */
export async function lockSubmissionWindow(tx: DbOrTx, competitionId: string, applicantId: string): Promise<SubmissionWindow | undefined> {
  const deadline = sql`competition_deadline(${competitions.id}, ${competitions.closesAt}, ${applicantId}::uuid)`;
  const effective = sql`with_grace(${deadline}, ${competitions.gracePeriodSeconds})`;
  const [row] = await tx
    .select({
      id: competitions.id,
      organisationId: competitions.organisationId,
      title: competitions.title,
      status: competitions.status,
      opensAt: competitions.opensAt,
      closesAt: competitions.closesAt,
      gracePeriodSeconds: competitions.gracePeriodSeconds,
      timezone: competitions.timezone,
      eligibility: competitions.eligibility,
      form: competitions.form,
      rubric: competitions.rubric,
      judging: competitions.judging,
      rulesFrozenAt: competitions.rulesFrozenAt,
      version: competitions.version,
      deadline: sql<Date>`${deadline}`.mapWith(asTimestamp),
      effectiveClosesAt: sql<Date>`${effective}`.mapWith(asTimestamp),
      dbNow: sql<Date>`now()`.mapWith(asTimestamp),
      phase: sql<CompetitionPhase | null>`competition_phase(${competitions.status}, ${competitions.opensAt}, ${effective})`,
    })
    .from(competitions)
    .where(and(eq(competitions.id, competitionId), sql`${competitions.status} <> 'draft'`))
    .for('share');
  return row;
}

/**
 * Sets `rules_frozen_at = now()` if it is not set yet and the competition is published. A
 * conditional UPDATE, not a lock held for a whole submit: concurrent first submitters wait only
 * for the first to commit, then match no row. Rule edits lock the row FOR UPDATE and re-check
 * rules_frozen_at, so they cannot race it.
 */
export async function freezeRules(db: DbOrTx, competitionId: string): Promise<void> {
  await db
    .update(competitions)
    .set({ rulesFrozenAt: sql`now()` })
    .where(and(eq(competitions.id, competitionId), sql`${competitions.rulesFrozenAt} is null`, eq(competitions.status, 'published')));
}

/**
 * For the statement that reads everything a submit decides on (proposals' submission facts): a
 * join of the competition `c` of `competitionIdExpr` with the deadline `d` of the applicant
 * `applicantIdExpr`, and the columns it exposes, in the shape `SubmissionFactsColumns` names.
 */
export function submissionFactsJoinSql(competitionIdExpr: string, applicantIdExpr: string): string {
  return `join competitions c on c.id = ${competitionIdExpr}
  cross join lateral applicant_deadline(c.id, c.closes_at, ${applicantIdExpr}) ad
  cross join lateral (select ad.deadline, with_grace(ad.deadline, c.grace_period_seconds) as effective_closes_at) d`;
}

export const SUBMISSION_FACTS_COLUMNS_SQL = `c.version as competition_version,
    c.rules_frozen_at is not null as rules_frozen, c.eligibility, c.form, c.opens_at, c.closes_at, d.effective_closes_at,
    competition_phase(c.status, c.opens_at, d.effective_closes_at) as phase,
    competition_local_date(c.timezone)::text as local_date`;

/** The columns `SUBMISSION_FACTS_COLUMNS_SQL` exposes, as the driver returns them. */
export interface SubmissionFactsColumns {
  competition_version: number;
  rules_frozen: boolean;
  eligibility: EligibilityRules;
  form: FormQuestion[];
  opens_at: Date;
  closes_at: Date;
  effective_closes_at: Date;
  phase: CompetitionPhase | null;
  local_date: string;
}

/**
 * For the statement that stores submissions (proposals' submission writer): per row of `input`
 * (columns `proposal_id, competition_id, applicant_id, competition_version, local_date`), the
 * competition FOR SHARE and whether it still takes the submission by the statement's `now()`.
 * Re-checks only what can change after the read: the competition's version (status, rules and
 * timing edits bump it), its frozen rules, the applicant's deadline and the local date the age
 * rules were checked on. Exposes `proposal_id, competition_id, organisation_id, late`.
 */
export function submissionGuardSql(input: string): string {
  return `select i.proposal_id, c.id as competition_id, c.organisation_id, now() >= d.deadline as late
    from ${input} i
    join competitions c on c.id = i.competition_id
    cross join lateral applicant_deadline(c.id, c.closes_at, i.applicant_id) d
    where c.version = i.competition_version and c.rules_frozen_at is not null
      and now() < with_grace(d.deadline, c.grace_period_seconds)
      and competition_local_date(c.timezone) = i.local_date
    for share of c`;
}

/*
 * The public read path (docs/read-path.md): hand-written named statements, planned once per
 * connection, reading only the columns the answer shows. Drizzle's query building and row
 * mapping were a fifth of the API's CPU on these reads, and planning the list a third of
 * PostgreSQL's.
 */

const EFFECTIVE = 'with_grace(c.closes_at, c.grace_period_seconds)';
const PHASE = `competition_phase(c.status, c.opens_at, ${EFFECTIVE})`;

/**
 * `competition_phase(...) = <phase>` (migration 0010) spelt out so the planner can use the
 * (status, closes_at) index and stop after a page: upcoming and open are published only, and an
 * effective close after now() implies an opening before it (closes_at > opens_at, grace >= 0);
 * drafts have no phase.
 * Behind the function the planner guessed 1 matching row and scanned and sorted the whole table
 * (seven times the cost of a page of 20 at 360 competitions). test/modules/competitions/list.test.ts
 * checks each against the phase the same rows report.
 */
const PHASE_FILTER: Record<CompetitionPhase, string> = {
  upcoming: `(c.status = 'published' and now() < c.opens_at)`,
  open: `(c.status = 'published' and c.opens_at <= now() and now() < ${EFFECTIVE})`,
  closed: `(c.status <> 'draft' and (c.status <> 'published' or ${EFFECTIVE} <= now()))`,
};

/** What decides whether a cached view of a competition is still the current one, and who may see it. */
export interface CompetitionHead {
  id: string;
  organisationId: string;
  status: CompetitionStatus;
  publishedAt: Date | null;
  version: number;
  phase: CompetitionPhase | null;
  rulesFrozenAt: Date | null;
}

const headStatement = statement(
  'competition_head',
  `select c.id, c.organisation_id, c.status, c.published_at, c.version, ${PHASE} as phase, c.rules_frozen_at
   from competitions c where c.id = $1`,
);

export async function selectCompetitionHead(db: DbOrTx, competitionId: string): Promise<CompetitionHead | undefined> {
  const [r] = await runStatement<Record<string, unknown>>(db, headStatement, [competitionId]);
  if (!r) return undefined;
  return {
    id: r.id as string,
    organisationId: r.organisation_id as string,
    status: r.status as CompetitionStatus,
    publishedAt: r.published_at as Date | null,
    version: r.version as number,
    phase: r.phase as CompetitionPhase | null,
    rulesFrozenAt: r.rules_frozen_at as Date | null,
  };
}

const VIEW_COLUMNS = `c.id, c.organisation_id, c.challenge_id, c.title, c.summary, c.description, c.themes, c.countries, c.status,
  c.opens_at, c.closes_at, c.timezone, c.grace_period_seconds, c.prize_amount, c.prize_currency, c.prize_winners, c.prize_split,
  c.eligibility, c.form, c.rubric, c.judging, c.rules_frozen_at, c.published_at, c.version, c.created_by, c.created_at, c.updated_at,
  ${EFFECTIVE} as effective_closes_at, ${PHASE} as phase, now() as db_now`;

const viewStatement = statement('competition_view', `select ${VIEW_COLUMNS} from competitions c where c.id = $1`);

/** int8 arrives as a string from pg and as a bigint from PGlite; prizes are far below 2^53. */
const toNumber = (value: unknown) => Number(value);

/** `selectCompetition` as one named statement, rows mapped by hand. */
export async function selectCompetitionView(db: DbOrTx, competitionId: string): Promise<CompetitionRecord | undefined> {
  const [r] = await runStatement<Record<string, unknown>>(db, viewStatement, [competitionId]);
  if (!r) return undefined;
  return {
    id: r.id as string,
    organisationId: r.organisation_id as string,
    challengeId: r.challenge_id as string | null,
    title: r.title as string,
    summary: r.summary as string,
    description: r.description as string,
    themes: r.themes as string[],
    countries: r.countries as string[],
    status: r.status as CompetitionStatus,
    opensAt: r.opens_at as Date,
    closesAt: r.closes_at as Date,
    timezone: r.timezone as string,
    gracePeriodSeconds: r.grace_period_seconds as number,
    prizeAmount: toNumber(r.prize_amount),
    prizeCurrency: r.prize_currency as string,
    prizeWinners: r.prize_winners as number,
    prizeSplit: (r.prize_split as unknown[]).map(toNumber),
    eligibility: r.eligibility as EligibilityRules,
    form: r.form as FormQuestion[],
    rubric: r.rubric as RubricCriterion[],
    judging: r.judging as JudgingSettings,
    rulesFrozenAt: r.rules_frozen_at as Date | null,
    publishedAt: r.published_at as Date | null,
    version: r.version as number,
    createdBy: r.created_by as string | null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
    effectiveClosesAt: r.effective_closes_at as Date,
    phase: r.phase as CompetitionPhase | null,
    dbNow: r.db_now as Date,
  };
}

/** A row of a list: what a summary shows, its organisation's name and its sort key. */
export interface CompetitionSummaryRow {
  id: string;
  organisationId: string;
  organisationName: string;
  challengeId: string | null;
  title: string;
  summary: string;
  themes: string[];
  countries: string[];
  allowedCountries: string[];
  status: CompetitionStatus;
  phase: CompetitionPhase | null;
  opensAt: Date;
  closesAt: Date;
  timezone: string;
  gracePeriodSeconds: number;
  effectiveClosesAt: Date;
  prizeAmount: number;
  prizeCurrency: string;
  prizeWinners: number;
  prizeSplit: number[];
  publishedAt: Date | null;
  version: number;
  sortKey: string;
}

/**
 * One statement text per combination of filters present (a few in practice), so each is planned
 * for what it filters on: an `$n is null or …` catch-all would get one generic plan for all.
 */
const listStatements = new Map<string, Statement>();

function listStatement(f: ListFilters, organisationName: (organisationIdExpr: string) => string, columns: 'summary' | 'keys'): Statement {
  const shape = [columns, f.sort, f.organisationId ? 'o' : '', f.phase ?? '', f.theme ? 't' : '', f.country ? 'c' : '', f.after ? 'a' : ''].join('');
  const known = listStatements.get(shape);
  if (known) return known;
  const key = f.sort === 'closing_soon' ? 'c.closes_at' : 'coalesce(c.published_at, c.created_at)';
  // $1 statuses, $2 limit, then the filters present in this order.
  const params: string[] = [];
  const next = (cast: string) => {
    params.push(cast);
    return `$${params.length + 2}::${cast}`;
  };
  const where = ['c.status = any($1::competition_status[])'];
  if (f.organisationId) where.push(`c.organisation_id = ${next('uuid')}`);
  if (f.phase) where.push(PHASE_FILTER[f.phase]);
  if (f.theme) where.push(`${next('text')} = any(c.themes)`);
  if (f.country) {
    const country = next('text');
    where.push(`(${country} = any(c.countries) or (c.eligibility -> 'allowedCountries') @> jsonb_build_array(${country}))`);
  }
  if (f.after) where.push(`(${key}, c.id) ${f.sort === 'closing_soon' ? '>' : '<'} (${next('timestamptz')}, ${next('uuid')})`);
  const order = f.sort === 'closing_soon' ? 'c.closes_at asc, c.id asc' : `${key} desc, c.id desc`;
  const selected =
    columns === 'keys'
      ? `c.id, c.version, ${PHASE} as phase, ${organisationName('c.organisation_id')} as organisation_name`
      : `c.id, c.organisation_id, ${organisationName('c.organisation_id')} as organisation_name, c.challenge_id, c.title, c.summary,
      c.themes, c.countries, coalesce(nullif(c.eligibility -> 'allowedCountries', 'null'::jsonb), '[]'::jsonb) as allowed_countries, c.status, ${PHASE} as phase,
      c.opens_at, c.closes_at, c.timezone, c.grace_period_seconds, ${EFFECTIVE} as effective_closes_at,
      c.prize_amount, c.prize_currency, c.prize_winners, c.prize_split, c.published_at, c.version, (${key})::text as sort_key`;
  const text = `select ${selected}
    from competitions c
    where ${where.join(' and ')}
    order by ${order}
    limit $2`;
  const st = statement(`competition_list_${shape}`, text);
  listStatements.set(shape, st);
  return st;
}

function listValues(f: ListFilters): unknown[] {
  // Statuses as an array literal (plain identifiers): PGlite does not serialise a JS array for an enum array.
  const values: unknown[] = [`{${f.statuses.join(',')}}`, f.limit];
  if (f.organisationId) values.push(f.organisationId);
  if (f.theme) values.push(f.theme);
  if (f.country) values.push(f.country);
  if (f.after) values.push(f.after.key, f.after.id);
  return values;
}

/**
 * What decides a page's content besides versioned columns: the same page's ids in order, each
 * with its version, phase and organisation's name, as one string. Equal keys, equal pages.
 */
export function pageKeyOf(rows: Array<{ id: string; version: number; phase: CompetitionPhase | null; organisationName: string }>): string {
  return rows.map((r) => `${r.id}.${r.version}.${r.phase ?? ''}.${r.organisationName}`).join('\n');
}

/** The page key (`pageKeyOf`) of the rows `listCompetitionSummaries` would return, reading four columns. */
export async function listCompetitionPageKey(db: DbOrTx, f: ListFilters, organisationName: (organisationIdExpr: string) => string): Promise<string> {
  const rows = await runStatement<{ id: string; version: number; phase: CompetitionPhase | null; organisation_name: string }>(db, listStatement(f, organisationName, 'keys'), listValues(f));
  return pageKeyOf(rows.map((r) => ({ id: r.id, version: r.version, phase: r.phase, organisationName: r.organisation_name })));
}

const organisationPageStatements = new Map<string, Statement>();

/**
 * An organisation page's key in one statement: the organisation's profile key (null when there is
 * no such organisation) and the page key of its list (`listCompetitionPageKey`), so a kept page is
 * revalidated with one round trip. `f.organisationId` must be set.
 */
export async function organisationPageKey(
  db: DbOrTx,
  f: ListFilters,
  organisationName: (organisationIdExpr: string) => string,
  profileKey: (organisationIdExpr: string) => string,
): Promise<{ profileKey: string | null; pageKey: string }> {
  const keys = listStatement(f, organisationName, 'keys');
  let st = organisationPageStatements.get(keys.name);
  if (!st) {
    // $3 is the organisation id in every list statement that filters on it (listValues' order).
    // The lateral subquery's rows come back in its own order (a nested loop over one outer row);
    // were they ever not, keys would differ and the page would be rebuilt, never answered stale.
    st = statement(
      'organisation_page_key',
      `select p.profile_key, k.id, k.version, k.phase, k.organisation_name
      from (select ${profileKey('$3::uuid')} as profile_key) p
      left join lateral (${keys.text}) k on true`,
    );
    organisationPageStatements.set(keys.name, st);
  }
  const rows = await runStatement<{ profile_key: string | null; id: string | null; version: number; phase: CompetitionPhase | null; organisation_name: string }>(
    db,
    st,
    listValues(f),
  );
  const listed = rows.filter((r) => r.id !== null) as Array<{ id: string; version: number; phase: CompetitionPhase | null; organisation_name: string }>;
  return {
    profileKey: rows[0]?.profile_key ?? null,
    pageKey: pageKeyOf(listed.map((r) => ({ id: r.id, version: r.version, phase: r.phase, organisationName: r.organisation_name }))),
  };
}

/** `listCompetitions` as named statements with only the summary's columns. */
export async function listCompetitionSummaries(db: DbOrTx, f: ListFilters, organisationName: (organisationIdExpr: string) => string): Promise<CompetitionSummaryRow[]> {
  const rows = await runStatement<Record<string, unknown>>(db, listStatement(f, organisationName, 'summary'), listValues(f));
  return rows.map((r) => ({
    id: r.id as string,
    organisationId: r.organisation_id as string,
    organisationName: r.organisation_name as string,
    challengeId: r.challenge_id as string | null,
    title: r.title as string,
    summary: r.summary as string,
    themes: r.themes as string[],
    countries: r.countries as string[],
    allowedCountries: r.allowed_countries as string[],
    status: r.status as CompetitionStatus,
    phase: r.phase as CompetitionPhase | null,
    opensAt: r.opens_at as Date,
    closesAt: r.closes_at as Date,
    timezone: r.timezone as string,
    gracePeriodSeconds: r.grace_period_seconds as number,
    effectiveClosesAt: r.effective_closes_at as Date,
    prizeAmount: toNumber(r.prize_amount),
    prizeCurrency: r.prize_currency as string,
    prizeWinners: r.prize_winners as number,
    prizeSplit: (r.prize_split as unknown[]).map(toNumber),
    publishedAt: r.published_at as Date | null,
    version: r.version as number,
    sortKey: r.sort_key as string,
  }));
}
