import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Answers, RevisionContent } from '../../db/schema/index.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError, type FieldError } from '../../lib/errors.js';
import type { Receipt, ReceiptSigner } from '../../lib/receipts.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import { organisationRole, type Actor } from '../access/access.js';
import { appendAudit } from '../audit/audit.service.js';
import { freezeCompetitionRules, lockCompetitionForSubmission, requireCompetitionOrganiser, type SubmissionWindow } from '../competitions/competitions.access.js';
import { enqueueEmail } from '../mail/mail.service.js';
import { bytesMatchType, isAllowedAttachmentType, ALLOWED_ATTACHMENT_TYPES, type AttachmentType } from './attachment-types.js';
import * as q from './proposals.queries.js';
import { checkEligibility, checkForm, contentHash, dateInZone, needsGuardianConsent, normaliseAnswers } from './proposals.rules.js';

const INVITATION_TTL_SECONDS = 60 * 60 * 24 * 14;
const CONSENT_TTL_SECONDS = 60 * 60 * 24 * 30;
const MAX_ATTACHMENTS = 20;

export type Relation = 'applicant' | 'member' | 'organiser';

type Head = NonNullable<Awaited<ReturnType<typeof q.selectProposalHead>>>;
type AttachmentMeta = Awaited<ReturnType<typeof q.selectDraftAttachments>>[number];
type SubmitRead = NonNullable<Awaited<ReturnType<ReturnType<typeof q.prepareReadForSubmit>>>>;

/** The ETag of a proposal version (strong: If-Match compares it byte for byte). */
export const etagOf = (version: number) => `"v${version}"`;

function ifMatchSatisfied(ifMatch: string | undefined, version: number): boolean {
  if (ifMatch === undefined) return true;
  const tags = ifMatch.split(',').map((t) => t.trim());
  return tags.includes('*') || tags.includes(etagOf(version));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function closedError(window: Pick<SubmissionWindow, 'closesAt' | 'effectiveClosesAt'>): ConflictError {
  return new ConflictError(
    'COMPETITION_CLOSED',
    `The competition no longer accepts changes to proposals: it closed at ${window.effectiveClosesAt.toISOString()}`,
    { closesAt: window.closesAt.toISOString(), effectiveClosesAt: window.effectiveClosesAt.toISOString() },
  );
}

/**
 * The first step of every write to a proposal: locks the competition row (FOR SHARE) inside
 * the caller's transaction and refuses the write when, by PostgreSQL's clock, the applicant's
 * deadline (closesAt, or their individual extension, plus grace) has passed.
 */
async function openWindow(
  tx: DbOrTx,
  competitionId: string,
  applicantId: string,
  options: { submit?: boolean; freezeRules?: boolean } = {},
): Promise<SubmissionWindow> {
  const window = await lockCompetitionForSubmission(tx, competitionId, applicantId, { freezeRules: options.freezeRules ?? false });
  if (window.status !== 'published' || window.phase === 'closed') throw closedError(window);
  if (options.submit && window.phase === 'upcoming') {
    throw new ConflictError('COMPETITION_NOT_OPEN', `Submissions open at ${window.opensAt.toISOString()}; drafts can be prepared until then`, {
      opensAt: window.opensAt.toISOString(),
    });
  }
  return window;
}

function withdrawnError(): ConflictError {
  return new ConflictError('PROPOSAL_WITHDRAWN', 'The proposal was withdrawn; it can no longer be changed or submitted');
}

function toTeam(rows: q.TeamRow[], relation: Relation) {
  return rows
    .filter((m) => relation !== 'organiser' || m.status === 'accepted')
    .map((m) => ({
      id: m.id,
      userId: m.userId,
      displayName: m.displayName,
      email: relation === 'organiser' ? null : m.email,
      status: m.status,
      invitedAt: m.createdAt.toISOString(),
      respondedAt: iso(m.respondedAt),
    }));
}

function toAttachment(a: AttachmentMeta) {
  return {
    id: a.id,
    filename: a.filename,
    contentType: a.contentType as AttachmentType,
    size: a.size,
    sha256: a.sha256,
    uploadedAt: a.createdAt.toISOString(),
  };
}

interface Submitted {
  revision: number;
  contentHash: string;
  receivedAt: string;
  late: boolean;
}

/** The proposal row as the statement that stored `submitted` left it (it held the row's lock, so no read-back is needed). */
function asSubmitted(p: q.ProposalRow, submitted: Submitted): q.ProposalRow {
  const receivedAt = new Date(submitted.receivedAt);
  return {
    ...p,
    status: 'submitted',
    currentRevision: submitted.revision,
    late: submitted.late,
    unsubmittedChanges: false,
    firstSubmittedAt: p.firstSubmittedAt ?? receivedAt,
    lastSubmittedAt: receivedAt,
    version: p.version + 1,
    updatedAt: receivedAt,
  };
}

function toProposal(
  p: q.ProposalRow,
  relation: Relation,
  parts: { team: ReturnType<typeof toTeam>; attachments: Array<ReturnType<typeof toAttachment> | RevisionContent['attachments'][number]>; submitted: Submitted | null; content?: RevisionContent },
) {
  const organiserView = relation === 'organiser' && parts.content !== undefined;
  return {
    id: p.id,
    competitionId: p.competitionId,
    applicantId: p.applicantId,
    organisationId: organiserView ? parts.content!.organisationId : p.organisationId,
    status: p.status,
    view: organiserView ? ('submitted' as const) : ('draft' as const),
    viewerRole: relation,
    title: organiserView ? parts.content!.title : p.title,
    answers: organiserView ? parts.content!.answers : p.answers,
    team: parts.team,
    attachments: parts.attachments.map((a) => ({ ...a, contentType: a.contentType as AttachmentType })),
    currentRevision: p.currentRevision,
    submitted: parts.submitted,
    unsubmittedChanges: organiserView ? false : p.unsubmittedChanges,
    late: p.late,
    firstSubmittedAt: iso(p.firstSubmittedAt),
    lastSubmittedAt: iso(p.lastSubmittedAt),
    withdrawnAt: iso(p.withdrawnAt),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type ProposalView = ReturnType<typeof toProposal>;

/** What a revision freezes: canonical content, so its hash is reproducible from the revision alone. */
function revisionContent(
  p: q.ProposalRow,
  acceptedTeam: Array<{ userId: string | null }>,
  attachments: Array<{ id: string; filename: string; contentType: string; size: number; sha256: string }>,
): RevisionContent {
  return {
    proposalId: p.id,
    competitionId: p.competitionId,
    applicantId: p.applicantId,
    organisationId: p.organisationId,
    title: p.title,
    answers: normaliseAnswers(p.answers),
    team: acceptedTeam.map((m) => m.userId!).sort(),
    attachments: attachments
      .map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256 }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

const MyProposalsCursor = z.object({ updatedAt: z.iso.datetime(), id: z.uuid() });
const CompetitionProposalsCursor = z.object({ firstSubmittedAt: z.iso.datetime(), id: z.uuid() });

export interface UploadInput {
  filename: string | undefined;
  contentType: string;
  data: Buffer;
}

/** Which competition and applicant a proposal belongs to never changes: remembered, it saves a round trip per request. */
function createHeadCache(limit = 50_000) {
  const heads = new Map<string, Head>();
  return {
    get: (proposalId: string): Head | undefined => heads.get(proposalId),
    set(head: Head): void {
      if (heads.size >= limit) heads.delete(heads.keys().next().value!);
      heads.set(head.id, head);
    },
  };
}

export function createProposalService({ db, kind, config, receipts }: { db: Db; kind: 'postgres' | 'pglite'; config: Config; receipts: ReceiptSigner }) {
  const headCache = createHeadCache();
  const readForSubmit = q.prepareReadForSubmit(db, kind);
  const writeSubmission = q.createSubmissionWriter(db, kind);

  // The first submitters of a competition arrive together: one freezing UPDATE per competition at
  // a time (the others wait for it) instead of a queue of them on the competition's row lock.
  const freezing = new Map<string, Promise<void>>();
  function freezeRulesOnce(competitionId: string): Promise<void> {
    let pending = freezing.get(competitionId);
    if (!pending) {
      pending = freezeCompetitionRules(db, competitionId).finally(() => freezing.delete(competitionId));
      freezing.set(competitionId, pending);
    }
    return pending;
  }

  async function proposalHead(proposalId: string): Promise<Head | undefined> {
    const cached = headCache.get(proposalId);
    if (cached) return cached;
    const head = await q.selectProposalHead(db, proposalId);
    if (head) headCache.set(head);
    return head;
  }

  /** How the caller relates to the proposal; null means they may not know it exists (404). */
  async function relationTo(actor: Actor, head: Pick<Head, 'id' | 'competitionId' | 'applicantId'>, options: { hasRevision: boolean }): Promise<Relation | null> {
    if (head.applicantId === actor.userId) return 'applicant';
    if (await q.isAcceptedMember(db, head.id, actor.userId)) return 'member';
    // Organisers see what was submitted, never the draft in progress.
    if (!options.hasRevision) return null;
    try {
      await requireCompetitionOrganiser(db, actor, head.competitionId);
      return 'organiser';
    } catch (err) {
      if (err instanceof AppError && (err.status === 404 || err.status === 403)) return null;
      throw err;
    }
  }

  /** Loads the proposal's head and checks the caller is the applicant or (with `members`) an accepted team member. */
  async function requireAuthor(actor: Actor, proposalId: string, options: { members: boolean; action: string }): Promise<{ head: Head; relation: Relation }> {
    const head = await proposalHead(proposalId);
    if (!head) throw new NotFoundError('Proposal');
    return { head, relation: await authorRelation(actor, head, options) };
  }

  /** The applicant, or (with `members`) an accepted team member; 403 for other members, 404 for everyone else. */
  async function authorRelation(actor: Actor, head: Head, options: { members: boolean; action: string }): Promise<Relation> {
    if (head.applicantId === actor.userId) return 'applicant';
    if (await q.isAcceptedMember(db, head.id, actor.userId)) {
      if (options.members) return 'member';
      throw new ForbiddenError(`Only the applicant can ${options.action}`, 'APPLICANT_ONLY');
    }
    throw new NotFoundError('Proposal');
  }

  async function lockForWrite(tx: DbOrTx, head: Head, options: { ifMatch?: string | undefined; submit?: boolean } = {}) {
    const window = await openWindow(tx, head.competitionId, head.applicantId, { submit: options.submit });
    const locked = await q.lockProposal(tx, head.id);
    if (!locked) throw new NotFoundError('Proposal');
    if (!ifMatchSatisfied(options.ifMatch, locked.proposal.version)) throw new PreconditionFailedError();
    if (locked.proposal.status === 'withdrawn') throw withdrawnError();
    return { window, locked };
  }

  async function submittedSummary(dbx: DbOrTx, p: q.ProposalRow): Promise<{ summary: Submitted | null; content?: RevisionContent }> {
    if (p.currentRevision === null) return { summary: null };
    const rev = await q.selectRevision(dbx, p.id, p.currentRevision);
    if (!rev) return { summary: null };
    return { summary: { revision: rev.revision, contentHash: rev.contentHash, receivedAt: rev.receivedAt, late: rev.late }, content: rev.content };
  }

  async function draftView(dbx: DbOrTx, p: q.ProposalRow, relation: Relation): Promise<ProposalView> {
    const team = await q.selectTeam(dbx, p.id);
    const attachments = await q.selectDraftAttachments(dbx, p.id);
    const { summary } = await submittedSummary(dbx, p);
    return toProposal(p, relation, { team: toTeam(team, relation), attachments: attachments.map(toAttachment), submitted: summary });
  }

  async function organiserView(p: q.ProposalRow): Promise<ProposalView> {
    const { summary, content } = await submittedSummary(db, p);
    if (!content) throw new NotFoundError('Proposal');
    const names = new Map((await q.selectUserNames(db, content.team)).map((u) => [u.id, u.displayName]));
    const team = content.team.map((userId) => ({
      id: userId,
      userId,
      displayName: names.get(userId) ?? null,
      email: null,
      status: 'accepted' as const,
      invitedAt: p.createdAt.toISOString(),
      respondedAt: null,
    }));
    return toProposal(p, 'organiser', { team, attachments: content.attachments, submitted: summary, content });
  }

  function sign(proposalId: string, competitionId: string, submitted: Submitted): Promise<Receipt> {
    return receipts.sign({ proposalId, competitionId, revision: submitted.revision, contentHash: submitted.contentHash, receivedAt: submitted.receivedAt });
  }

  /**
   * A submit -- an applicant's first of this proposal, or a resubmission: the unlocked read
   * already made, the checks in memory, then one statement (shared with the submits of the same
   * moment, see `createSubmissionWriter`) that takes the competition (FOR SHARE) and proposal
   * (FOR UPDATE) locks, re-checks the deadline against its own `now()`, that nothing read has
   * changed and (first submits) the quota, and writes revision, proposal, counter, event and
   * audit row. Returns undefined whenever anything is not as expected (closed, invalid, changed,
   * quota reached): the transactional path then decides, and explains.
   */
  async function submitAtOnce(actor: Actor, read: SubmitRead, ifMatch: string | undefined): Promise<{ proposal: ProposalView; receipt: Receipt } | undefined> {
    const p = read.proposal;
    if (p.status === 'withdrawn' || !read.accepting) return undefined;
    if (!ifMatchSatisfied(ifMatch, p.version)) return undefined;
    const firstSubmit = p.status === 'draft';
    const accepted = read.team.filter((m) => m.status === 'accepted' && m.userId !== null);
    const submissionDate = read.submissionDate;
    const failures = [
      ...checkEligibility({
        rules: read.eligibility,
        applicant: { userId: p.applicantId, country: read.applicantCountry, birthDate: read.applicantBirthDate },
        team: accepted.map((m) => ({ userId: m.userId!, country: m.country ?? '', birthDate: m.birthDate ?? null })),
        submissionDate,
        // The quota of a first submit is checked by the statement itself, against the counter's latest value.
        otherSubmitted: 0,
        alreadyCounted: true,
        hasGuardianConsent: read.hasGuardianConsent,
      }),
      ...checkForm(read.form, p.title, p.answers),
    ];
    if (failures.length > 0) return undefined;
    // The competition's first valid submission freezes its rules just before it is stored (if
    // the store then fails -- the deadline passed in between, the quota -- they stay frozen: the
    // safe side). The conditional UPDATE is its own short statement, so the first submitters of a
    // competition do not queue behind one transaction.
    if (!read.rulesFrozen) await freezeRulesOnce(p.competitionId);
    const content = revisionContent(p, accepted, read.attachments);
    const hash = contentHash(content);
    const revision = (p.currentRevision ?? 0) + 1;
    const stored = await writeSubmission({
      proposalId: p.id,
      proposalVersion: p.version,
      revision,
      competitionId: p.competitionId,
      competitionVersion: read.competitionVersion,
      applicantId: p.applicantId,
      submittedBy: actor.userId,
      timezone: read.timezone,
      submissionDate,
      content,
      contentHash: hash,
      facts: { proposalId: p.id, competitionId: p.competitionId, revision, contentHash: hash },
      firstSubmit,
      maxProposalsPerApplicant: read.eligibility.maxProposalsPerApplicant,
    });
    if (!stored) return undefined;
    const submitted: Submitted = { revision, contentHash: hash, receivedAt: stored.receivedAt, late: stored.late };
    return {
      proposal: toProposal(asSubmitted(p, submitted), 'applicant', { team: toTeam(read.team, 'applicant'), attachments: read.attachments.map(toAttachment), submitted }),
      receipt: await sign(p.id, p.competitionId, submitted),
    };
  }

  async function requireOrganisationMember(dbx: DbOrTx, actor: Actor, organisationId: string | null): Promise<void> {
    if (organisationId === null) return;
    if ((await organisationRole(dbx, actor.userId, organisationId)) === null) {
      throw new ValidationError([{ field: 'organisationId', code: 'not_a_member', message: 'You can only submit for an organisation you are a member of', in: 'body' }]);
    }
  }

  return {
    async create(actor: Actor, competitionId: string, input: { title: string; answers: Answers; organisationId: string | null }) {
      return db.transaction(async (tx) => {
        await openWindow(tx, competitionId, actor.userId);
        await requireOrganisationMember(tx, actor, input.organisationId);
        const row = await q.insertProposal(tx, { competitionId, applicantId: actor.userId, organisationId: input.organisationId, title: input.title, answers: input.answers });
        return toProposal(row, 'applicant', { team: [], attachments: [], submitted: null });
      });
    },

    async get(actor: Actor, proposalId: string): Promise<ProposalView> {
      const p = await q.selectProposal(db, proposalId);
      if (!p) throw new NotFoundError('Proposal');
      const relation = await relationTo(actor, p, { hasRevision: p.currentRevision !== null });
      if (!relation) throw new NotFoundError('Proposal');
      return relation === 'organiser' ? organiserView(p) : draftView(db, p, relation);
    },

    async update(actor: Actor, proposalId: string, patch: { title?: string | undefined; answers?: Record<string, Answers[string] | null> | undefined; organisationId?: string | null | undefined }, ifMatch?: string) {
      const { head, relation } = await requireAuthor(actor, proposalId, { members: true, action: 'edit' });
      if (patch.organisationId !== undefined && relation !== 'applicant') throw new ForbiddenError('Only the applicant can change the organisation', 'APPLICANT_ONLY');
      return db.transaction(async (tx) => {
        const { locked } = await lockForWrite(tx, head, { ifMatch });
        const changes: Parameters<typeof q.touchProposal>[2] = {};
        if (patch.title !== undefined) changes.title = patch.title;
        if (patch.answers !== undefined) {
          const answers: Answers = { ...locked.proposal.answers };
          for (const [id, value] of Object.entries(patch.answers)) {
            if (value === null) delete answers[id];
            else answers[id] = value;
          }
          changes.answers = answers;
        }
        if (patch.organisationId !== undefined) {
          await requireOrganisationMember(tx, actor, patch.organisationId);
          changes.organisationId = patch.organisationId;
        }
        const row = await q.touchProposal(tx, proposalId, changes);
        return draftView(tx, row, relation);
      });
    },

    async listMine(actor: Actor, query: { competitionId?: string | undefined; limit: number; cursor?: string | undefined }) {
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, MyProposalsCursor);
      const rows = await q.selectMyProposals(db, actor.userId, { competitionId: query.competitionId, limit: query.limit, after });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(({ proposal: p }) => ({
          id: p.id,
          competitionId: p.competitionId,
          applicantId: p.applicantId,
          organisationId: p.organisationId,
          status: p.status,
          viewerRole: p.applicantId === actor.userId ? ('applicant' as const) : ('member' as const),
          title: p.title,
          currentRevision: p.currentRevision,
          unsubmittedChanges: p.unsubmittedChanges,
          late: p.late,
          version: p.version,
          updatedAt: p.updatedAt.toISOString(),
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ updatedAt: last.updatedAtCursor, id: last.proposal.id }) : null,
      };
    },

    async listForCompetition(actor: Actor, competitionId: string, query: { status: 'submitted' | 'withdrawn'; limit: number; cursor?: string | undefined }) {
      await requireCompetitionOrganiser(db, actor, competitionId);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, CompetitionProposalsCursor);
      const rows = await q.selectCompetitionProposals(db, competitionId, { status: query.status, limit: query.limit, after });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          ...r,
          status: r.status as 'submitted' | 'withdrawn',
          currentRevision: r.currentRevision!,
          withdrawnAt: iso(r.withdrawnAt),
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ firstSubmittedAt: last.firstSubmittedAt, id: last.id }) : null,
      };
    },

    /**
     * Freezes the draft as a new revision. Everything happens in one transaction that starts
     * by locking the competition: the deadline check, eligibility and form rules, the quota
     * (serialised per applicant), the revision insert (guarded by `now()` in the statement),
     * the audit row and the domain event.
     */
    async submit(actor: Actor, proposalId: string, ifMatch?: string): Promise<{ proposal: ProposalView; receipt: Receipt }> {
      // The read comes first (it is shared with the submits of the same moment) and carries the
      // proposal's head: nothing of it is used before the caller is known to be the applicant.
      const read = await readForSubmit(proposalId);
      if (!read) throw new NotFoundError('Proposal');
      const head: Head = { id: proposalId, competitionId: read.proposal.competitionId, applicantId: read.proposal.applicantId };
      headCache.set(head);
      await authorRelation(actor, head, { members: false, action: 'submit' });
      // A refusal writes nothing, so one consistent read against the database clock decides it: no transaction, no lock.
      if (read.closed) throw closedError(read);
      // A submit that passes every check takes one more round trip (two for the competition's first).
      const fast = await submitAtOnce(actor, read, ifMatch);
      if (fast) return fast;
      // Stored nothing. At the closing instant that is every submit in flight: one more shared read
      // refuses them together, instead of a transaction each queueing for the pool.
      const reread = read.accepting ? await readForSubmit(proposalId) : undefined;
      if (reread?.closed) throw closedError(reread);
      const result = await db.transaction(async (tx) => {
        // Once the rules are frozen (every submit but the first few) the plain shared lock is enough.
        const window = await openWindow(tx, head.competitionId, head.applicantId, { submit: true, freezeRules: !read.rulesFrozen });
        const locked = await q.lockProposalForSubmit(tx, proposalId);
        if (!locked) throw new NotFoundError('Proposal');
        const p = locked.proposal;
        if (!ifMatchSatisfied(ifMatch, p.version)) throw new PreconditionFailedError();
        if (p.status === 'withdrawn') throw withdrawnError();
        const accepted = locked.team.filter((m) => m.status === 'accepted' && m.userId !== null);
        const rules = window.eligibility;
        const submissionDate = dateInZone(window.dbNow, locked.timezone);

        const alreadyCounted = p.status === 'submitted';
        // A first submit locks the applicant's quota counter: concurrent first submits are serialised and see each other.
        const otherSubmitted = alreadyCounted ? 0 : await q.lockSubmissionCount(tx, head.competitionId, head.applicantId);
        const hasGuardianConsent = needsGuardianConsent(rules, locked.applicantBirthDate, submissionDate)
          ? await q.hasConfirmedConsent(tx, head.competitionId, head.applicantId)
          : false;

        const failures: FieldError[] = [
          ...checkEligibility({
            rules,
            applicant: { userId: p.applicantId, country: locked.applicantCountry, birthDate: locked.applicantBirthDate },
            team: accepted.map((m) => ({ userId: m.userId!, country: m.country ?? '', birthDate: m.birthDate ?? null })),
            submissionDate,
            otherSubmitted,
            alreadyCounted,
            hasGuardianConsent,
          }),
          ...checkForm(window.form, p.title, p.answers),
        ];
        if (failures.length > 0) {
          throw new ValidationError(failures, `The proposal cannot be submitted: ${failures.length} rule(s) or field(s) fail`, 'SUBMISSION_INVALID');
        }

        const content = revisionContent(p, accepted, locked.attachments);
        const hash = contentHash(content);
        const revision = (p.currentRevision ?? 0) + 1;
        const facts = { proposalId, competitionId: head.competitionId, revision, contentHash: hash, late: window.late };
        const stored = await q.storeSubmission(tx, {
          proposalId,
          revision,
          competitionId: head.competitionId,
          organisationId: window.organisationId,
          submittedBy: actor.userId,
          content,
          contentHash: hash,
          late: window.late,
          effectiveClosesAt: window.effectiveClosesAt,
          event: facts,
          count: alreadyCounted ? null : { applicantId: head.applicantId },
        });
        if (!stored) throw closedError(window);
        await appendAudit(tx, {
          competitionId: head.competitionId,
          actorId: actor.userId,
          action: 'proposal.submitted',
          subjectType: 'proposal',
          subjectId: proposalId,
          data: { ...facts, receivedAt: stored.receivedAt },
        });
        // The row is locked by this transaction, so its new state is known without reading it back.
        const submitted: Submitted = { revision, contentHash: hash, receivedAt: stored.receivedAt, late: window.late };
        return { proposal: toProposal(asSubmitted(p, submitted), 'applicant', { team: toTeam(locked.team, 'applicant'), attachments: locked.attachments.map(toAttachment), submitted }), submitted };
      });
      const receipt = await sign(proposalId, head.competitionId, result.submitted);
      return { proposal: result.proposal, receipt };
    },

    async withdraw(actor: Actor, proposalId: string, ifMatch?: string): Promise<ProposalView> {
      const { head } = await requireAuthor(actor, proposalId, { members: false, action: 'withdraw' });
      return db.transaction(async (tx) => {
        const { window, locked } = await lockForWrite(tx, head, { ifMatch });
        const row = await q.markWithdrawn(tx, proposalId);
        if (locked.proposal.status === 'submitted') await q.uncountSubmission(tx, head.competitionId, head.applicantId);
        const facts = { proposalId, competitionId: head.competitionId, revision: row.currentRevision };
        await appendAudit(tx, { competitionId: head.competitionId, actorId: actor.userId, action: 'proposal.withdrawn', subjectType: 'proposal', subjectId: proposalId, data: facts });
        await q.insertDomainEvent(tx, { type: 'proposal.withdrawn', organisationId: window.organisationId, competitionId: head.competitionId, subjectId: proposalId, payload: facts });
        return draftView(tx, row, 'applicant');
      });
    },

    async listRevisions(actor: Actor, proposalId: string) {
      const p = await q.selectProposal(db, proposalId);
      if (!p) throw new NotFoundError('Proposal');
      const relation = await relationTo(actor, p, { hasRevision: p.currentRevision !== null });
      if (!relation) throw new NotFoundError('Proposal');
      const rows = await q.selectRevisions(db, proposalId);
      return { items: rows.map((r) => ({ ...r, current: r.revision === p.currentRevision })) };
    },

    /** One revision with its content and its receipt (Ed25519 is deterministic: the same receipt as at submit). */
    async getRevision(actor: Actor, proposalId: string, revision: number) {
      const p = await q.selectProposal(db, proposalId);
      if (!p) throw new NotFoundError('Proposal');
      const relation = await relationTo(actor, p, { hasRevision: p.currentRevision !== null });
      if (!relation) throw new NotFoundError('Proposal');
      const rev = await q.selectRevision(db, proposalId, revision);
      if (!rev) throw new NotFoundError('Revision');
      const receipt = await receipts.sign({ proposalId, competitionId: rev.competitionId, revision: rev.revision, contentHash: rev.contentHash, receivedAt: rev.receivedAt });
      return { ...rev, current: rev.revision === p.currentRevision, receipt };
    },

    async inviteMember(actor: Actor, proposalId: string, email: string) {
      const { head } = await requireAuthor(actor, proposalId, { members: false, action: 'invite team members' });
      const token = newSecretToken();
      return db.transaction(async (tx) => {
        const { window, locked } = await lockForWrite(tx, head);
        if (email === locked.applicantEmail) {
          throw new ValidationError([{ field: 'email', code: 'is_applicant', message: 'You are the applicant; invite your team mates', in: 'body' }]);
        }
        const seats = await q.countTeamSeats(tx, proposalId);
        if (1 + seats.accepted + seats.pending >= window.eligibility.maxTeamSize) {
          throw new ConflictError('TEAM_FULL', `Teams may have at most ${window.eligibility.maxTeamSize} people including you; cancel a pending invitation first`, {
            maxTeamSize: window.eligibility.maxTeamSize,
          });
        }
        const member = await q.insertMemberInvitation(tx, { proposalId, email, tokenHash: hashToken(token), invitedBy: actor.userId, ttlSeconds: INVITATION_TTL_SECONDS });
        if (!member) throw new ConflictError('ALREADY_INVITED', 'This address is already invited to or part of the team');
        await enqueueEmail(tx, {
          to: email,
          template: 'proposal_invitation',
          subject: `You are invited to join a proposal for "${window.title}" on Skyrocket`,
          body: `Accept within 14 days: ${config.publicBaseUrl}/proposal-invitations/accept?token=${encodeURIComponent(token)}`,
          data: { token, proposalId, competitionId: head.competitionId },
        });
        return toTeam([{ ...member, displayName: null, country: null, birthDate: null }], 'applicant')[0]!;
      });
    },

    /** Accepting or declining needs the invited address: the emailed token proves control of it. */
    async respondToInvitation(actor: Actor, token: string, answer: 'accepted' | 'declined') {
      const member = await q.selectMemberByToken(db, hashToken(token));
      if (!member) throw new NotFoundError('Invitation', 'INVITATION_NOT_FOUND');
      const email = await q.selectUserEmail(db, actor.userId);
      if (email !== member.email) throw new ForbiddenError('This invitation was sent to another email address', 'INVITATION_EMAIL_MISMATCH');
      const head = await proposalHead(member.proposalId);
      if (!head) throw new NotFoundError('Invitation', 'INVITATION_NOT_FOUND');
      return db.transaction(async (tx) => {
        const { window } = await lockForWrite(tx, head);
        if (answer === 'accepted') {
          const seats = await q.countTeamSeats(tx, head.id);
          if (1 + seats.accepted >= window.eligibility.maxTeamSize) {
            throw new ConflictError('TEAM_FULL', `The team already has the maximum of ${window.eligibility.maxTeamSize} people`, { maxTeamSize: window.eligibility.maxTeamSize });
          }
        }
        const updated = await q.respondToInvitation(tx, member.id, actor.userId, answer);
        if (!updated) throw new NotFoundError('Invitation', 'INVITATION_NOT_FOUND');
        if (answer === 'declined') return null;
        const row = await q.touchProposal(tx, head.id);
        return draftView(tx, row, 'member');
      });
    },

    /** The applicant removes anyone; a member may remove themselves (leave the team). */
    async removeMember(actor: Actor, proposalId: string, memberId: string) {
      const head = await proposalHead(proposalId);
      if (!head) throw new NotFoundError('Proposal');
      const member = await q.selectMember(db, proposalId, memberId);
      const leaving = member?.userId === actor.userId && member.status === 'accepted';
      if (head.applicantId !== actor.userId && !leaving) {
        if (await q.isAcceptedMember(db, proposalId, actor.userId)) throw new ForbiddenError('Only the applicant can remove other team members', 'APPLICANT_ONLY');
        throw new NotFoundError('Proposal');
      }
      if (!member) throw new NotFoundError('Team member');
      await db.transaction(async (tx) => {
        await lockForWrite(tx, head);
        const deleted = await q.deleteMember(tx, proposalId, memberId);
        if (!deleted) throw new NotFoundError('Team member');
        if (deleted.status === 'accepted') await q.touchProposal(tx, proposalId);
      });
    },

    async uploadAttachment(actor: Actor, proposalId: string, input: UploadInput) {
      const { head } = await requireAuthor(actor, proposalId, { members: true, action: 'attach files' });
      if (!isAllowedAttachmentType(input.contentType)) {
        throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Attachments must be one of ${ALLOWED_ATTACHMENT_TYPES.join(', ')}`);
      }
      const failures: FieldError[] = [];
      if (!input.filename) failures.push({ field: 'filename', code: 'required', message: 'Send the file name in ?filename= or the x-filename header', in: 'querystring' });
      if (input.data.length === 0) failures.push({ field: '(body)', code: 'empty', message: 'The file is empty', in: 'body' });
      else if (!bytesMatchType(input.contentType, input.data)) {
        failures.push({ field: '(body)', code: 'content_mismatch', message: `The file's bytes are not ${input.contentType}`, in: 'body' });
      }
      if (failures.length > 0) throw new ValidationError(failures, 'The attachment was refused', 'ATTACHMENT_INVALID');
      const sha256 = createHash('sha256').update(input.data).digest('hex');
      return db.transaction(async (tx) => {
        await lockForWrite(tx, head);
        if ((await q.countDraftAttachments(tx, proposalId)) >= MAX_ATTACHMENTS) {
          throw new ConflictError('TOO_MANY_ATTACHMENTS', `A proposal can have at most ${MAX_ATTACHMENTS} attachments; remove one first`);
        }
        const row = await q.insertAttachment(tx, { proposalId, filename: input.filename!, contentType: input.contentType, sha256, data: input.data, uploadedBy: actor.userId });
        await q.touchProposal(tx, proposalId);
        return toAttachment(row);
      });
    },

    /** The applicant and team get any file of the proposal; organisers only files of a submitted revision. */
    async downloadAttachment(actor: Actor, proposalId: string, attachmentId: string) {
      const p = await q.selectProposal(db, proposalId);
      if (!p) throw new NotFoundError('Proposal');
      const relation = await relationTo(actor, p, { hasRevision: p.currentRevision !== null });
      if (!relation) throw new NotFoundError('Proposal');
      if (relation === 'organiser' && !(await q.attachmentInRevision(db, proposalId, attachmentId))) throw new NotFoundError('Attachment');
      const file = await q.selectAttachmentFile(db, proposalId, attachmentId);
      if (!file) throw new NotFoundError('Attachment');
      return file;
    },

    async deleteAttachment(actor: Actor, proposalId: string, attachmentId: string) {
      const { head } = await requireAuthor(actor, proposalId, { members: true, action: 'remove files' });
      await db.transaction(async (tx) => {
        await lockForWrite(tx, head);
        // A file a revision refers to keeps its bytes (the revision must stay verifiable); it only leaves the draft.
        const keepBytes = await q.attachmentInRevision(tx, proposalId, attachmentId);
        if (!(await q.removeAttachment(tx, proposalId, attachmentId, keepBytes))) throw new NotFoundError('Attachment');
        await q.touchProposal(tx, proposalId);
      });
    },

    async requestGuardianConsent(actor: Actor, proposalId: string, guardianEmail: string) {
      const { head } = await requireAuthor(actor, proposalId, { members: false, action: 'request guardian consent' });
      const token = newSecretToken();
      return db.transaction(async (tx) => {
        const { window, locked } = await lockForWrite(tx, head);
        if (window.eligibility.guardianConsentUnderAge == null) {
          throw new ConflictError('CONSENT_NOT_REQUIRED', 'This competition does not ask for guardian consent');
        }
        if (guardianEmail === locked.applicantEmail) {
          throw new ValidationError([{ field: 'guardianEmail', code: 'is_applicant', message: 'A guardian must confirm from their own address', in: 'body' }]);
        }
        const consent = await q.insertConsentRequest(tx, {
          competitionId: head.competitionId,
          applicantId: head.applicantId,
          proposalId,
          guardianEmail,
          tokenHash: hashToken(token),
          ttlSeconds: CONSENT_TTL_SECONDS,
        });
        await enqueueEmail(tx, {
          to: guardianEmail,
          template: 'guardian_consent',
          subject: `Consent requested for participation in "${window.title}"`,
          body:
            `A young person named you as their parent or guardian and asks for your consent to take part in the competition "${window.title}" on Skyrocket. ` +
            `If you agree, confirm within 30 days: ${config.publicBaseUrl}/guardian-consents/confirm?token=${encodeURIComponent(token)}. If you do not, ignore this email.`,
          data: { token, competitionId: head.competitionId, applicantId: head.applicantId },
        });
        return toConsent(consent, window.dbNow);
      });
    },

    async listGuardianConsents(actor: Actor, proposalId: string) {
      const { head } = await requireAuthor(actor, proposalId, { members: false, action: 'see guardian consents' });
      const rows = await q.selectConsents(db, head.competitionId, head.applicantId);
      const now = await q.selectDbNow(db);
      return { items: rows.map((r) => toConsent(r, now)) };
    },

    /** Unauthenticated: the guardian holds only the emailed token. */
    async confirmGuardianConsent(token: string) {
      return db.transaction(async (tx) => {
        const consent = await q.confirmConsent(tx, hashToken(token));
        if (!consent) throw new NotFoundError('Consent request', 'CONSENT_NOT_FOUND');
        const window = await lockCompetitionForSubmission(tx, consent.competitionId, consent.applicantId);
        await appendAudit(tx, {
          competitionId: consent.competitionId,
          actorId: null,
          action: 'guardian_consent.confirmed',
          subjectType: 'guardian_consent',
          subjectId: consent.id,
          data: { applicantId: consent.applicantId },
        });
        return { confirmed: true as const, competitionId: consent.competitionId, competitionTitle: window.title, confirmedAt: consent.confirmedAt!.toISOString() };
      });
    },
  };
}

function toConsent(c: { id: string; competitionId: string; applicantId: string; guardianEmail: string; createdAt: Date; expiresAt: Date; confirmedAt: Date | null }, now: Date) {
  return {
    id: c.id,
    competitionId: c.competitionId,
    applicantId: c.applicantId,
    guardianEmail: c.guardianEmail,
    status: c.confirmedAt ? ('confirmed' as const) : c.expiresAt <= now ? ('expired' as const) : ('pending' as const),
    requestedAt: c.createdAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    confirmedAt: iso(c.confirmedAt),
  };
}

export type ProposalService = ReturnType<typeof createProposalService>;
