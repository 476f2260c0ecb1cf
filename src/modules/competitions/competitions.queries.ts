import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { competitionExtensions, competitions, domainEvents, organisations, users } from '../../db/schema/index.js';
import type { CompetitionPhase, CompetitionStatus } from './competitions.access.js';

export type CompetitionRow = typeof competitions.$inferSelect;
export type NewCompetitionRow = typeof competitions.$inferInsert;

const asTimestamp = competitions.closesAt;
const graceInterval = sql`make_interval(secs => ${competitions.gracePeriodSeconds})`;
export const effectiveClosesAtSql = sql`(${competitions.closesAt} + ${graceInterval})`;

/** The phase as of the database clock; drafts have none, judging and later are closed. */
export const phaseSql = sql<CompetitionPhase | null>`case
  when ${competitions.status} = 'draft' then null
  when ${competitions.status} <> 'published' then 'closed'
  when now() < ${competitions.opensAt} then 'upcoming'
  when now() < ${effectiveClosesAtSql} then 'open'
  else 'closed' end`;

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

function phaseFilter(phase: CompetitionPhase): SQL {
  switch (phase) {
    case 'upcoming':
      return sql`${competitions.status} = 'published' and now() < ${competitions.opensAt}`;
    case 'open':
      return sql`${competitions.status} = 'published' and now() >= ${competitions.opensAt} and now() < ${effectiveClosesAtSql}`;
    case 'closed':
      return sql`(${competitions.status} <> 'published' and ${competitions.status} <> 'draft') or (${competitions.status} = 'published' and now() >= ${effectiveClosesAtSql})`;
  }
}

/**
 * One page in a stable order: the sort key, then the id. The key travels in the cursor as
 * PostgreSQL's own text form (sessions are UTC), so microseconds survive the round trip.
 */
export async function listCompetitions(db: DbOrTx, f: ListFilters) {
  const key = f.sort === 'closing_soon' ? sql`${competitions.closesAt}` : sql`coalesce(${competitions.publishedAt}, ${competitions.createdAt})`;
  const conditions: (SQL | undefined)[] = [
    inArray(competitions.status, [...f.statuses]),
    f.organisationId ? eq(competitions.organisationId, f.organisationId) : undefined,
    f.phase ? sql`(${phaseFilter(f.phase)})` : undefined,
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
    .select({ competition: competitions, organisationName: organisations.name, ...derived, sortKey: sql<string>`(${key})::text` })
    .from(competitions)
    .innerJoin(organisations, eq(organisations.id, competitions.organisationId))
    .where(and(...conditions))
    .orderBy(...(f.sort === 'closing_soon' ? [asc(competitions.closesAt), asc(competitions.id)] : [desc(key), desc(competitions.id)]))
    .limit(f.limit);
}

export async function userExists(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
  return row !== undefined;
}

const extensionColumns = {
  competitionId: competitionExtensions.competitionId,
  userId: competitionExtensions.userId,
  displayName: users.displayName,
  closesAt: competitionExtensions.closesAt,
  reason: competitionExtensions.reason,
  grantedBy: competitionExtensions.grantedBy,
  createdAt: competitionExtensions.createdAt,
};

export async function selectExtension(db: DbOrTx, competitionId: string, userId: string) {
  const [row] = await db
    .select(extensionColumns)
    .from(competitionExtensions)
    .leftJoin(users, eq(users.id, competitionExtensions.userId))
    .where(and(eq(competitionExtensions.competitionId, competitionId), eq(competitionExtensions.userId, userId)))
    .limit(1);
  return row;
}

export async function selectExtensions(db: DbOrTx, competitionId: string) {
  return db
    .select(extensionColumns)
    .from(competitionExtensions)
    .leftJoin(users, eq(users.id, competitionExtensions.userId))
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

export interface DomainEvent {
  type: string;
  organisationId: string;
  competitionId: string;
  subjectId?: string | null;
  payload: Record<string, unknown>;
}

/** Outbox: written in the caller's transaction, delivered later (webhooks issue). */
export async function insertEvent(tx: DbOrTx, event: DomainEvent): Promise<void> {
  await tx.insert(domainEvents).values({ ...event, subjectId: event.subjectId ?? null });
}

export async function selectOrganisationExists(db: DbOrTx, organisationId: string): Promise<boolean> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).limit(1);
  return row !== undefined;
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
