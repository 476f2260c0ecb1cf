/**
 * What other features (proposals, judging) use of competitions: authorization of organisers and
 * the deadline lock taken by every proposal write.
 *
 *   lockCompetitionForSubmission(tx, competitionId, userId, { freezeRules? }) → SubmissionWindow
 *     Call first inside the transaction that writes a proposal. Locks the competition row
 *     (FOR SHARE, or FOR NO KEY UPDATE while it freezes the rules) so that a concurrent rules/form
 *     edit (FOR UPDATE in PATCH) waits for the write or vice versa, and returns the row as of now
 *     together with PostgreSQL's `now()` and the caller's effective deadline:
 *       deadline          = the later of the user's individual extension and the competition's closesAt
 *       effectiveClosesAt = deadline + gracePeriodSeconds (writes at or after it are refused)
 *       late              = dbNow >= deadline (inside the grace window)
 *       accepting         = status = 'published' and opensAt <= dbNow < effectiveClosesAt
 *     Throws NotFoundError('Competition') when it does not exist or is a draft. It does NOT
 *     throw for closed/judging competitions: the caller decides (409 COMPETITION_CLOSED with
 *     `effectiveClosesAt`).
 *     `freezeRules: true` (the submit path) also sets `rules_frozen_at = now()` the first time;
 *     the conditional UPDATE runs before the share lock, so the lock is never upgraded inside
 *     one transaction (no share→update deadlock among the first submitters), and later first
 *     submitters wait only for the first one's commit instead of queueing behind each other.
 *
 *   freezeCompetitionRules(dbx, competitionId)
 *     The freeze on its own (conditional UPDATE), for a submit that passed every check outside a
 *     transaction: it runs right before the statement that stores the submission.
 *
 *   requireCompetitionOrganiser(db, actor, competitionId) → CompetitionRef
 *     Owner/manager of the owning organisation (or platform admin). 404 for anyone who may not
 *     know a draft exists (unknown id, non-members), 403 for plain members.
 *   requireCompetitionMember(db, actor, competitionId) → CompetitionRef (any role; read access)
 *   canManageCompetition(db, actor, competition) → boolean (never throws)
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { competitions, type EligibilityRules, type FormQuestion, type RubricCriterion, type JudgingSettings } from '../../db/schema/index.js';
import { NotFoundError } from '../../lib/errors.js';
import { ANY_MEMBER, MANAGERS, organisationRole, requireOrganisationRole, type Actor, type MemberRole } from '../access/access.js';

export type CompetitionStatus = (typeof competitions.$inferSelect)['status'];
export type CompetitionPhase = 'upcoming' | 'open' | 'closed';

export interface SubmissionWindow {
  id: string;
  organisationId: string;
  title: string;
  status: CompetitionStatus;
  /** Phase of the competition for this user (their deadline incl. extension and grace). */
  phase: CompetitionPhase;
  opensAt: Date;
  /** The competition's own closing instant. */
  closesAt: Date;
  gracePeriodSeconds: number;
  /** The user's individual extension, if any. */
  extensionClosesAt: Date | null;
  /** max(extensionClosesAt, closesAt): submissions at or after it are `late`. */
  deadline: Date;
  /** deadline + grace: nothing is accepted at or after it. */
  effectiveClosesAt: Date;
  /** PostgreSQL's clock for this transaction; use it, never Date.now(). */
  dbNow: Date;
  late: boolean;
  accepting: boolean;
  eligibility: EligibilityRules;
  form: FormQuestion[];
  rubric: RubricCriterion[];
  judging: JudgingSettings;
  rulesFrozenAt: Date | null;
  version: number;
}

export interface CompetitionRef {
  id: string;
  organisationId: string;
  status: CompetitionStatus;
}

const asDate = competitions.closesAt;

function windowColumns(userId: string) {
  // Spelled out: Drizzle leaves columns unqualified in a one-table select list, which would bind
  // them to the subquery's own table.
  const extension = sql<Date | null>`(select e.closes_at from competition_extensions e
    where e.competition_id = "competitions"."id" and e.user_id = ${userId})`;
  // competition_deadline (migrations 0006, 0009: it reads applicant_deadline) is the one definition:
  // the later of the competition's closing instant and the applicant's extension, so an
  // extension never shortens.
  const deadline = sql`competition_deadline(${competitions.id}, ${competitions.closesAt}, ${userId})`;
  const effective = sql`(${deadline} + make_interval(secs => ${competitions.gracePeriodSeconds}))`;
  return {
    id: competitions.id,
    organisationId: competitions.organisationId,
    title: competitions.title,
    status: competitions.status,
    opensAt: competitions.opensAt,
    closesAt: competitions.closesAt,
    gracePeriodSeconds: competitions.gracePeriodSeconds,
    eligibility: competitions.eligibility,
    form: competitions.form,
    rubric: competitions.rubric,
    judging: competitions.judging,
    rulesFrozenAt: competitions.rulesFrozenAt,
    version: competitions.version,
    extensionClosesAt: extension.mapWith(asDate),
    deadline: sql<Date>`${deadline}`.mapWith(asDate),
    effectiveClosesAt: sql<Date>`${effective}`.mapWith(asDate),
    dbNow: sql<Date>`now()`.mapWith(asDate),
    phase: sql<CompetitionPhase>`case when now() < ${competitions.opensAt} then 'upcoming' when now() < ${effective} then 'open' else 'closed' end`,
    late: sql<boolean>`now() >= ${deadline}`.mapWith(Boolean),
  };
}

async function selectWindow(tx: DbOrTx, competitionId: string, userId: string, lock: 'share') {
  const [row] = await tx
    .select(windowColumns(userId))
    .from(competitions)
    .where(and(eq(competitions.id, competitionId), sql`${competitions.status} <> 'draft'`))
    .for(lock);
  return row;
}

/**
 * Sets `rules_frozen_at = now()` if it is not set yet and the competition is published. A
 * conditional UPDATE, not a strong lock held for a whole submit: concurrent first submitters wait
 * only for the first to commit, then match no row. Rule edits lock the row FOR UPDATE and re-check
 * rules_frozen_at, so they cannot race it. Inside a submit's transaction, or on its own right
 * before a submission that passed every check (the one-statement submit path).
 */
export async function freezeCompetitionRules(dbx: DbOrTx, competitionId: string): Promise<void> {
  await dbx
    .update(competitions)
    .set({ rulesFrozenAt: sql`now()` })
    .where(and(eq(competitions.id, competitionId), sql`${competitions.rulesFrozenAt} is null`, eq(competitions.status, 'published')));
}

/** See the module comment. Must run inside a transaction (the lock lasts until it ends). */
export async function lockCompetitionForSubmission(
  tx: DbOrTx,
  competitionId: string,
  userId: string,
  options: { freezeRules?: boolean } = {},
): Promise<SubmissionWindow> {
  if (options.freezeRules) {
    // Unlocked peek: once frozen (the common case) nothing more happens here.
    const [peek] = await tx.select({ frozen: competitions.rulesFrozenAt }).from(competitions).where(eq(competitions.id, competitionId));
    if (peek && peek.frozen === null) await freezeCompetitionRules(tx, competitionId);
  }
  const row = await selectWindow(tx, competitionId, userId, 'share');
  if (!row) throw new NotFoundError('Competition');
  const accepting = row.status === 'published' && row.phase === 'open';
  return { ...row, accepting };
}

async function competitionRef(db: DbOrTx, competitionId: string): Promise<CompetitionRef | undefined> {
  const [row] = await db
    .select({ id: competitions.id, organisationId: competitions.organisationId, status: competitions.status })
    .from(competitions)
    .where(eq(competitions.id, competitionId))
    .limit(1);
  return row;
}

async function requireCompetitionRole(db: DbOrTx, actor: Actor, competitionId: string, roles: readonly MemberRole[]): Promise<CompetitionRef & { role: MemberRole | 'admin' }> {
  const competition = await competitionRef(db, competitionId);
  if (!competition) throw new NotFoundError('Competition');
  // Non-members get the same 404 as for an unknown id.
  const role = await requireOrganisationRole(db, actor, competition.organisationId, roles, 'Competition');
  return { ...competition, role };
}

/** Owners and managers of the owning organisation (platform admins pass). 404 for outsiders, 403 for plain members. */
export function requireCompetitionOrganiser(db: DbOrTx, actor: Actor, competitionId: string) {
  return requireCompetitionRole(db, actor, competitionId, MANAGERS);
}

/** Any member of the owning organisation: may read drafts and organiser views, not change them. */
export function requireCompetitionMember(db: DbOrTx, actor: Actor, competitionId: string) {
  return requireCompetitionRole(db, actor, competitionId, ANY_MEMBER);
}

/** Whether the actor may manage (edit, extend, judge-admin) the competition. Never throws. */
export async function canManageCompetition(db: DbOrTx, actor: Actor | undefined, competition: { organisationId: string }): Promise<boolean> {
  if (!actor) return false;
  if (actor.isAdmin) return true;
  const role = await organisationRole(db, actor.userId, competition.organisationId);
  return role !== null && MANAGERS.includes(role);
}
