/**
 * The one writer of submissions. A submit reads every fact the rules need (one statement,
 * shared by the submits of the same event-loop turn), decides with one pure function
 * (`submissionProblems`), and stores with one statement that re-checks in SQL only what can
 * change in between (versions, the deadline, the quota). When that statement stores nothing,
 * something changed since the read: the submit reads again and either explains (409/412/422) or
 * tries again, a bounded number of times, then answers 409 SUBMISSION_CONFLICT.
 * Inside an ambient transaction (an idempotent request) both statements run in it, unbatched, so
 * the submission commits with the idempotency record.
 * The eligibility facts (country, birth date) of the applicant and team are frozen per competition
 * at the first submit that reaches the rules: with the revision when it is stored, on their own
 * when the rules refuse (docs/proposals.md). An identical resubmit stores nothing and answers the
 * current revision.
 */
import DataLoader from 'dataloader';
import type { Db, DbOrTx } from '../../db/client.js';
import type { RevisionContent } from '../../db/schema/proposals.js';
import { runStatement, statement } from '../../db/statements.js';
import { ambientTransaction } from '../../db/unit-of-work.js';
import { requireIfMatch } from '../../lib/etag.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js';
import type { Receipt, ReceiptSigner } from '../../lib/receipts.js';
import type { Access, Actor } from '../access/access.js';
import type { CompetitionService } from '../competitions/competitions.service.js';
import type { ProposalRow } from './proposals.queries.js';
import { contentHash, normaliseAnswers, submissionProblems, type SubmissionFacts } from './proposals.rules.js';
import { FREEZE_FACTS_SQL, storeSubmissionsSql, submissionFactsSql, type FrozenFacts, type StoredRow, type SubmissionFactsRow, type SubmissionInput, type SubmissionSqlParts } from './submission.queries.js';

/**
 * Work a refusal leaves for after its transaction has rolled back (the freeze of the facts a
 * refused submit read, inside an idempotent request's transaction). The submit route runs it
 * from its `onError` hook, before the answer is sent, so a client's next request finds it done.
 */
const afterRollbacks = new WeakMap<Error, () => Promise<void>>();

export async function afterRollback(error: Error): Promise<void> {
  const work = afterRollbacks.get(error);
  if (!work) return;
  afterRollbacks.delete(error);
  await work();
}

/** How many times a submit reads and tries again when the store finds something changed since its read. */
export const SUBMIT_ATTEMPTS = 3;

export interface Submitted {
  revision: number;
  contentHash: string;
  receivedAt: string;
  late: boolean;
}

/** A person's eligibility facts: the frozen ones where frozen, else the profile's (a missing frozen birth date taken from the profile). */
function effectiveFacts(profile: { country: string; birthDate: string | null }, frozen: { country: string | null; birthDate: string | null }) {
  return { country: frozen.country ?? profile.country, birthDate: frozen.birthDate ?? profile.birthDate };
}

/** Whether the decision reads a fact that is not frozen yet (never used, or a birth date added since). */
function needsFreeze(profile: { birthDate: string | null }, frozen: { country: string | null; birthDate: string | null }): boolean {
  return frozen.country === null || (frozen.birthDate === null && profile.birthDate !== null);
}

export type TeamFact = SubmissionFactsRow['team'][number];
export type AttachmentFact = SubmissionFactsRow['attachments'][number];

/** The facts of one proposal as the submit path uses them. */
export interface ProposalSubmitFacts {
  proposal: ProposalRow;
  competition: {
    id: string;
    version: number;
    rulesFrozen: boolean;
    phase: SubmissionFactsRow['phase'];
    opensAt: Date;
    closesAt: Date;
    effectiveClosesAt: Date;
  };
  rules: SubmissionFacts;
  team: TeamFact[];
  attachments: AttachmentFact[];
  /** The people whose eligibility facts this submit must freeze (see `frozen_eligibility_facts`). */
  freeze: FrozenFacts[];
  /** The current revision, for an identical resubmit (null before the first submit). */
  current: Submitted | null;
}

function toFacts(r: SubmissionFactsRow): ProposalSubmitFacts {
  const proposal: ProposalRow = {
    id: r.id,
    competitionId: r.competition_id,
    applicantId: r.applicant_id,
    organisationId: r.organisation_id,
    status: r.status,
    title: r.title,
    answers: r.answers,
    currentRevision: r.current_revision,
    unsubmittedChanges: r.unsubmitted_changes,
    late: r.late,
    firstSubmittedAt: r.first_submitted_at,
    lastSubmittedAt: r.last_submitted_at,
    withdrawnAt: r.withdrawn_at,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  const accepted = r.team.filter((m) => m.status === 'accepted' && m.userId !== null);
  const applicantProfile = { country: r.applicant_country, birthDate: r.applicant_birth_date };
  const applicantFrozen = { country: r.frozen_country, birthDate: r.frozen_birth_date };
  const applicant = { userId: r.applicant_id, ...effectiveFacts(applicantProfile, applicantFrozen) };
  const team = accepted.map((m) => ({
    userId: m.userId!,
    profile: { country: m.country ?? '', birthDate: m.birthDate },
    frozen: { country: m.frozenCountry, birthDate: m.frozenBirthDate },
  }));
  const freeze: FrozenFacts[] = [
    ...(needsFreeze(applicantProfile, applicantFrozen) ? [{ user_id: applicant.userId, country: applicant.country, birth_date: applicant.birthDate }] : []),
    ...team.filter((m) => needsFreeze(m.profile, m.frozen)).map((m) => {
      const facts = effectiveFacts(m.profile, m.frozen);
      return { user_id: m.userId, country: facts.country, birth_date: facts.birthDate };
    }),
  ];
  return {
    proposal,
    competition: {
      id: r.competition_id,
      version: r.competition_version,
      rulesFrozen: r.rules_frozen,
      phase: r.phase,
      opensAt: r.opens_at,
      closesAt: r.closes_at,
      effectiveClosesAt: r.effective_closes_at,
    },
    rules: {
      rules: r.eligibility,
      form: r.form,
      title: r.title,
      answers: r.answers,
      applicant,
      team: team.map((m) => ({ userId: m.userId, ...effectiveFacts(m.profile, m.frozen) })),
      localDate: r.local_date,
      submittedCount: r.submitted_count,
      alreadyCounted: r.status === 'submitted',
      hasGuardianConsent: r.has_guardian_consent,
    },
    team: r.team,
    attachments: r.attachments,
    freeze,
    current:
      r.current_content_hash === null
        ? null
        : { revision: r.current_revision!, contentHash: r.current_content_hash, receivedAt: r.current_received_at!, late: r.current_late! },
  };
}

export function closedError(window: { closesAt: Date; effectiveClosesAt: Date }): ConflictError {
  return new ConflictError(
    'COMPETITION_CLOSED',
    `The competition no longer accepts changes to proposals: it closed at ${window.effectiveClosesAt.toISOString()}`,
    { closesAt: window.closesAt.toISOString(), effectiveClosesAt: window.effectiveClosesAt.toISOString() },
  );
}

export function withdrawnError(): ConflictError {
  return new ConflictError('PROPOSAL_WITHDRAWN', 'The proposal was withdrawn; it can no longer be changed or submitted');
}

/** What a revision freezes: canonical content, so its hash is reproducible from the revision alone. */
function revisionContent(
  p: ProposalRow,
  acceptedTeam: Array<{ userId: string }>,
  attachments: Array<{ id: string; filename: string; contentType: string; size: number; sha256: string }>,
): RevisionContent {
  return {
    proposalId: p.id,
    competitionId: p.competitionId,
    applicantId: p.applicantId,
    organisationId: p.organisationId,
    title: p.title,
    answers: normaliseAnswers(p.answers),
    team: acceptedTeam.map((m) => m.userId).sort(),
    attachments: attachments
      .map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256 }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

export interface SubmissionDeps {
  db: Db;
  access: Access;
  competitions: Pick<CompetitionService, 'freezeRules'>;
  receipts: ReceiptSigner;
  sql: SubmissionSqlParts;
}

export function createSubmissions({ db, access, competitions, receipts, sql }: SubmissionDeps) {
  const factsStatement = statement('proposals_submission_facts', submissionFactsSql(sql));
  const storeStatement = statement('proposals_store_submissions', storeSubmissionsSql(sql));
  const freezeStatement = statement('proposals_freeze_eligibility_facts', FREEZE_FACTS_SQL);

  /** Freezes facts for a submit that stores no revision (refused, or identical), on `connection`. */
  async function freezeOn(connection: DbOrTx, facts: ProposalSubmitFacts): Promise<void> {
    if (facts.freeze.length > 0) await runStatement(connection, freezeStatement, [facts.competition.id, JSON.stringify(facts.freeze)]);
  }

  async function readRows(connection: DbOrTx, proposalIds: readonly string[]): Promise<Map<string, SubmissionFactsRow>> {
    const rows = await runStatement<SubmissionFactsRow>(connection, factsStatement, [[...new Set(proposalIds)]]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async function storeRows(connection: DbOrTx, batch: readonly SubmissionInput[]): Promise<Map<string, StoredRow>> {
    const rows = await runStatement<StoredRow>(connection, storeStatement, [JSON.stringify(batch)]);
    return new Map(rows.map((r) => [r.proposal_id, r]));
  }

  // The reads of one turn of the event loop share a round trip (and one `now()`). Loaders always
  // use the pool: a batch must not run in the ambient transaction of whichever caller started it.
  const factsLoader = new DataLoader<string, SubmissionFactsRow | undefined>(
    async (ids) => {
      const found = await readRows(db, ids);
      return ids.map((id) => found.get(id));
    },
    { cache: false, maxBatchSize: 100, batchScheduleFn: (dispatch) => setImmediate(dispatch) },
  );

  // Group commit: the submissions of one turn are stored by one statement (its own transaction),
  // at most one per applicant (the counter upsert may touch a row once per statement); if the
  // statement fails as a whole, each submission is tried alone so one bad one cannot sink the rest.
  const storeLoader = new DataLoader<SubmissionInput, StoredRow | undefined>(
    async (submissions) => {
      const results = new Map<SubmissionInput, StoredRow | undefined | Error>();
      let pending = [...submissions];
      while (pending.length > 0) {
        const seen = new Set<string>();
        const round = pending.filter((v) => !seen.has(v.applicant_id) && seen.add(v.applicant_id));
        pending = pending.filter((v) => !round.includes(v));
        try {
          const stored = await storeRows(db, round);
          for (const v of round) results.set(v, stored.get(v.proposal_id));
        } catch (err) {
          if (round.length === 1) {
            results.set(round[0]!, err as Error);
            continue;
          }
          for (const v of round) {
            results.set(v, await storeRows(db, [v]).then((stored) => stored.get(v.proposal_id), (e: unknown) => e as Error));
          }
        }
      }
      return submissions.map((v) => results.get(v));
    },
    { cache: false, maxBatchSize: 100, batchScheduleFn: (dispatch) => setImmediate(dispatch) },
  );

  async function readFacts(proposalId: string): Promise<ProposalSubmitFacts | undefined> {
    const tx = ambientTransaction();
    const row = tx ? (await readRows(tx, [proposalId])).get(proposalId) : await factsLoader.load(proposalId);
    return row && toFacts(row);
  }

  async function store(input: SubmissionInput): Promise<StoredRow | undefined> {
    const tx = ambientTransaction();
    return tx ? (await storeRows(tx, [input])).get(input.proposal_id) : storeLoader.load(input);
  }

  /** Throws the answer for a submit the phase, If-Match or the proposal's state refuse. */
  function refuse(facts: ProposalSubmitFacts, ifMatch: string | undefined): void {
    const c = facts.competition;
    if (c.phase === 'upcoming') {
      throw new ConflictError('COMPETITION_NOT_OPEN', `Submissions open at ${c.opensAt.toISOString()}; drafts can be prepared until then`, {
        opensAt: c.opensAt.toISOString(),
      });
    }
    if (c.phase !== 'open') throw closedError(c);
    requireIfMatch(ifMatch, facts.proposal.version, 'proposal');
    if (facts.proposal.status === 'withdrawn') throw withdrawnError();
  }

  /** Throws the 422 for facts the rules refuse (after freezing the eligibility facts it read). */
  async function refuseRules(facts: ProposalSubmitFacts): Promise<void> {
    const problems = submissionProblems(facts.rules);
    if (problems.length > 0) {
      // The refusal's own transaction (an idempotent request's) rolls back; the freeze must not.
      // Outside one it goes to the pool now; inside, it waits until that transaction has ended
      // (on PGlite the pool's one connection is that transaction's): see `afterRollback`.
      const error = new ValidationError(problems, `The proposal cannot be submitted: ${problems.length} rule(s) or field(s) fail`, 'SUBMISSION_INVALID');
      if (ambientTransaction()) afterRollbacks.set(error, () => freezeOn(db, facts));
      else await freezeOn(db, facts);
      throw error;
    }
  }

  return {
    /**
     * Freezes the draft as a new revision (see the module comment); returns the facts of the read
     * that led to the stored submission, for the caller to build its answer from.
     */
    async submit(
      actor: Actor,
      proposalId: string,
      ifMatch: string | undefined,
    ): Promise<{ facts: ProposalSubmitFacts; submitted: Submitted; receipt: Receipt; unchanged: boolean }> {
      for (let attempt = 1; ; attempt++) {
        const facts = await readFacts(proposalId);
        if (!facts) throw new NotFoundError('Proposal');
        const p = facts.proposal;
        // Nothing of the read is used before the caller is known to be the applicant.
        access.requireProposalAuthor(actor, { applicantId: p.applicantId, callerIsTeamMember: facts.team.some((m) => m.userId === actor.userId && m.status === 'accepted') }, {
          members: false,
          action: 'submit',
        });
        refuse(facts, ifMatch);
        await refuseRules(facts);
        // The competition's first valid submission freezes its rules just before it is stored; if
        // the store then fails (the deadline passed in between, the quota), they stay frozen: the safe side.
        if (!facts.competition.rulesFrozen) await competitions.freezeRules(facts.competition.id);
        const accepted = facts.rules.team.map((m) => ({ userId: m.userId }));
        const content = revisionContent(p, accepted, facts.attachments);
        const hash = contentHash(content);
        // An identical resubmit stores nothing: the current revision and its receipt are the answer.
        if (p.status === 'submitted' && facts.current?.contentHash === hash) {
          await freezeOn(ambientTransaction() ?? db, facts);
          const c = facts.current;
          const receipt = await receipts.sign({ proposalId: p.id, competitionId: p.competitionId, revision: c.revision, contentHash: c.contentHash, receivedAt: c.receivedAt });
          return { facts, submitted: c, receipt, unchanged: true };
        }
        const revision = (p.currentRevision ?? 0) + 1;
        const stored = await store({
          proposal_id: p.id,
          proposal_version: p.version,
          revision,
          competition_id: p.competitionId,
          competition_version: facts.competition.version,
          applicant_id: p.applicantId,
          submitted_by: actor.userId,
          local_date: facts.rules.localDate,
          content,
          content_hash: hash,
          payload: { proposalId: p.id, competitionId: p.competitionId, revision, contentHash: hash },
          first_submit: p.status === 'draft',
          max_proposals: facts.rules.rules.maxProposalsPerApplicant,
          freeze_facts: facts.freeze,
          facts_used: [facts.rules.applicant, ...facts.rules.team].map((m) => ({ user_id: m.userId, country: m.country, birth_date: m.birthDate })),
        });
        if (stored) {
          const submitted: Submitted = { revision, contentHash: hash, receivedAt: stored.received_at, late: stored.late };
          const receipt = await receipts.sign({ proposalId: p.id, competitionId: p.competitionId, revision, contentHash: hash, receivedAt: stored.received_at });
          return { facts, submitted, receipt, unchanged: false };
        }
        if (attempt >= SUBMIT_ATTEMPTS) {
          throw new AppError(
            409,
            'SUBMISSION_CONFLICT',
            'The proposal or its competition kept changing while it was being submitted; read it again and retry',
            {},
            { 'retry-after': '1' },
          );
        }
      }
    },
  };
}

export type Submissions = ReturnType<typeof createSubmissions>;
