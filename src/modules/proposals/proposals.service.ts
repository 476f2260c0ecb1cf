import { createHash } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { databaseNow } from '../../db/clock.js';
import type { Answers, RevisionContent } from '../../db/schema/proposals.js';
import { current, transaction } from '../../db/unit-of-work.js';
import { decodeCursor, pageOf } from '../../lib/cursor.js';
import { requireIfMatch } from '../../lib/etag.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../lib/errors.js';
import type { Receipt, ReceiptSigner } from '../../lib/receipts.js';
import { isoOrNull } from '../../lib/time.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import type { Access, Actor, ProposalFacts, ProposalRelation } from '../access/access.js';
import { appendAudit } from '../audit/audit.service.js';
import type { CompetitionService, SubmissionWindow } from '../competitions/competitions.service.js';
import { recordEvent } from '../events/events.js';
import type { IdentityService } from '../identity/identity.service.js';
import { enqueueEmail, mailText } from '../mail/mail.service.js';
import { bytesMatchType, isAllowedAttachmentType, ALLOWED_ATTACHMENT_TYPES, type AttachmentType } from './attachment-types.js';
import * as queries from './proposals.queries.js';
import { mailboxKey } from './proposals.rules.js';
import { closedError, withdrawnError, type Submissions, type Submitted } from './submission.service.js';

const INVITATION_TTL_SECONDS = 60 * 60 * 24 * 14;
const CONSENT_TTL_SECONDS = 60 * 60 * 24 * 30;
const MAX_ATTACHMENTS = 20;
/** Drafts (never submitted, not withdrawn) one applicant may hold in one competition; bounds storage a free account can take. */
export const MAX_DRAFTS_PER_COMPETITION = 10;

export type Relation = ProposalRelation;

/** The facts about a proposal that never change: which competition, which applicant. */
interface ProposalIdentity {
  id: string;
  competitionId: string;
  applicantId: string;
}

type AttachmentMeta = Awaited<ReturnType<typeof queries.selectDraftAttachments>>[number];

/** A team member as views show them: the membership row and, once accepted, the person's name. */
interface TeamRow {
  id: string;
  email: string;
  userId: string | null;
  status: 'invited' | 'accepted' | 'declined';
  displayName: string | null;
  createdAt: Date;
  respondedAt: Date | null;
}


/**
 * The first step of every write to a proposal but a submit, inside its transaction: the
 * competition's window for the applicant, locked FOR SHARE; refused (409 COMPETITION_CLOSED)
 * when, by PostgreSQL's clock, the applicant's deadline (closesAt, or their extension, plus
 * grace) has passed or the competition no longer takes proposals.
 */
async function requireAcceptingWindow(competitions: Pick<CompetitionService, 'lockSubmissionWindow'>, competitionId: string, applicantId: string): Promise<SubmissionWindow> {
  const window = await competitions.lockSubmissionWindow(competitionId, applicantId);
  if (window.phase !== 'open' && window.phase !== 'upcoming') throw closedError(window);
  return window;
}

/** Which of the frozen eligibility facts the person's profile no longer states (empty when nothing is frozen). */
function changedFacts(frozen: { country: string; birthDate: string | null } | undefined, profile: { country: string; birthDate: string | null } | undefined): Array<'country' | 'birthDate'> {
  if (!frozen || !profile) return [];
  const changed: Array<'country' | 'birthDate'> = [];
  if (frozen.country !== profile.country) changed.push('country');
  if (frozen.birthDate !== null && frozen.birthDate !== profile.birthDate) changed.push('birthDate');
  return changed;
}

function toTeam(rows: TeamRow[], relation: Relation) {
  return rows
    .filter((m) => relation !== 'organiser' || m.status === 'accepted')
    .map((m) => ({
      id: m.id,
      userId: m.userId,
      displayName: m.displayName,
      email: relation === 'organiser' ? null : m.email,
      status: m.status,
      invitedAt: m.createdAt.toISOString(),
      respondedAt: isoOrNull(m.respondedAt),
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

/** The proposal row as the statement that stored `submitted` left it (it held the row's lock, so no read-back is needed). */
function asSubmitted(p: queries.ProposalRow, submitted: Submitted): queries.ProposalRow {
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

interface EligibilityFactsView {
  country: string;
  birthDate: string | null;
  frozenAt: string;
  changedSince: Array<'country' | 'birthDate'>;
}

function toProposal(
  p: queries.ProposalRow,
  relation: Relation,
  parts: {
    team: ReturnType<typeof toTeam>;
    attachments: Array<ReturnType<typeof toAttachment> | RevisionContent['attachments'][number]>;
    submitted: Submitted | null;
    content?: RevisionContent;
    eligibilityFacts?: EligibilityFactsView | null;
  },
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
    eligibilityFacts: parts.eligibilityFacts ?? null,
    late: p.late,
    firstSubmittedAt: isoOrNull(p.firstSubmittedAt),
    lastSubmittedAt: isoOrNull(p.lastSubmittedAt),
    withdrawnAt: isoOrNull(p.withdrawnAt),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type ProposalView = ReturnType<typeof toProposal>;

export interface UploadInput {
  filename: string | undefined;
  contentType: string;
  data: Buffer;
  /** The multipart part the file came in, which errors then name; undefined for a raw body. */
  part?: string;
}

/** Which competition and applicant a proposal belongs to never changes: remembered, it saves a round trip per request. */
function createHeadCache(limit = 50_000) {
  const heads = new Map<string, ProposalIdentity>();
  return {
    get: (proposalId: string): ProposalIdentity | undefined => heads.get(proposalId),
    set(head: ProposalIdentity): void {
      if (heads.size >= limit) heads.delete(heads.keys().next().value!);
      heads.set(head.id, head);
    },
  };
}

/** Proposals' facts about applicants, for features built before the proposals service (competitions' extensions). */
export function createApplicantDirectory(db: Db) {
  return {
    /** Whether the user has a proposal (draft or submitted, not withdrawn) in the competition. */
    hasProposal: (competitionId: string, userId: string): Promise<boolean> => queries.hasLiveProposal(current(db), competitionId, userId),
  };
}

/**
 * What the judging feature reads of proposals: the submitted ones of a competition (people,
 * organisation, title; no answers), one proposal's current revision, and a file of it. Who may
 * read them is judging's (through access) to decide; this answers only for submitted proposals.
 */
export function createJudgingDirectory(db: Db) {
  return {
    submittedProposals: (competitionId: string, proposalIds?: string[]) => queries.selectProposalsForJudging(current(db), competitionId, proposalIds),
    currentRevision: (proposalId: string) => queries.selectCurrentRevisionContent(current(db), proposalId),
    /** Keyset pages for the CSV export (proposals that reached organisers). */
    exportPage: (competitionId: string, afterId: string | null, limit: number) => queries.selectProposalsExportPage(current(db), competitionId, afterId, limit),
    submittedTitles: (proposalIds: string[]) => queries.selectSubmittedTitles(current(db), proposalIds),
    /** The facts access decides a caller's relation to the proposal on (undefined: no such proposal). */
    async accessFacts(proposalId: string, userId: string): Promise<ProposalFacts | undefined> {
      const p = await queries.selectProposal(current(db), proposalId);
      if (!p) return undefined;
      return {
        competitionId: p.competitionId,
        applicantId: p.applicantId,
        callerIsTeamMember: p.applicantId !== userId && (await queries.isAcceptedMember(current(db), proposalId, userId)),
        hasRevision: p.currentRevision !== null,
      };
    },
    /** A file of the proposal's current revision, or undefined. */
    async currentRevisionFile(proposalId: string, attachmentId: string) {
      const rev = await queries.selectCurrentRevisionContent(current(db), proposalId);
      if (!rev || !rev.content.attachments.some((a) => a.id === attachmentId)) return undefined;
      return queries.selectAttachmentFile(current(db), proposalId, attachmentId);
    },
  };
}
export type JudgingDirectory = ReturnType<typeof createJudgingDirectory>;

export interface ProposalDeps {
  db: Db;
  config: Config;
  access: Access;
  competitions: Pick<CompetitionService, 'lockSubmissionWindow'>;
  identity: Pick<IdentityService, 'profiles'>;
  receipts: ReceiptSigner;
  submissions: Submissions;
}

export function createProposalService({ db, config, access, competitions, identity, receipts, submissions }: ProposalDeps) {
  const heads = createHeadCache();

  async function proposalIdentity(proposalId: string): Promise<ProposalIdentity | undefined> {
    const cached = heads.get(proposalId);
    if (cached) return cached;
    const head = await queries.selectProposalHead(current(db), proposalId);
    if (head) heads.set(head);
    return head;
  }

  const isTeamMember = (proposalId: string, userId: string) => queries.isAcceptedMember(current(db), proposalId, userId);

  /** How the caller relates to the proposal; null means they may not know it exists (404). */
  async function relationTo(actor: Actor, p: queries.ProposalRow): Promise<Relation | null> {
    return access.proposalRelation(actor, {
      competitionId: p.competitionId,
      applicantId: p.applicantId,
      callerIsTeamMember: p.applicantId !== actor.userId && (await isTeamMember(p.id, actor.userId)),
      hasRevision: p.currentRevision !== null,
    });
  }

  /** The proposal's identity, if the caller is its applicant or (with `members`) an accepted team member. */
  async function requireAuthor(actor: Actor, proposalId: string, options: { members: boolean; action: string }): Promise<{ head: ProposalIdentity; relation: Relation }> {
    const head = await proposalIdentity(proposalId);
    if (!head) throw new NotFoundError('Proposal');
    const callerIsTeamMember = head.applicantId !== actor.userId && (await isTeamMember(head.id, actor.userId));
    return { head, relation: access.requireProposalAuthor(actor, { applicantId: head.applicantId, callerIsTeamMember }, options) };
  }

  /** Inside a transaction: the window (refusing after the deadline), then the proposal locked, If-Match and not withdrawn. */
  async function lockForWrite(tx: DbOrTx, head: ProposalIdentity, options: { ifMatch?: string | undefined } = {}) {
    const window = await requireAcceptingWindow(competitions, head.competitionId, head.applicantId);
    const proposal = await queries.lockProposal(tx, head.id);
    if (!proposal) throw new NotFoundError('Proposal');
    requireIfMatch(options.ifMatch, proposal.version, 'proposal');
    if (proposal.status === 'withdrawn') throw withdrawnError();
    return { window, proposal };
  }

  async function applicantEmail(applicantId: string): Promise<string | undefined> {
    return (await identity.profiles([applicantId])).get(applicantId)?.email;
  }

  async function teamOf(proposalId: string): Promise<TeamRow[]> {
    const members = await queries.selectTeam(current(db), proposalId);
    const people = await identity.profiles(members.flatMap((m) => (m.userId ? [m.userId] : [])));
    return members.map((m) => ({ ...m, displayName: m.userId ? (people.get(m.userId)?.displayName ?? null) : null }));
  }

  async function submittedSummary(p: queries.ProposalRow): Promise<{ summary: Submitted | null; content?: RevisionContent }> {
    if (p.currentRevision === null) return { summary: null };
    const rev = await queries.selectRevision(current(db), p.id, p.currentRevision);
    if (!rev) return { summary: null };
    return { summary: { revision: rev.revision, contentHash: rev.contentHash, receivedAt: rev.receivedAt, late: rev.late }, content: rev.content };
  }

  async function draftView(p: queries.ProposalRow, relation: Relation): Promise<ProposalView> {
    const team = await teamOf(p.id);
    const attachments = await queries.selectDraftAttachments(current(db), p.id);
    const { summary } = await submittedSummary(p);
    return toProposal(p, relation, { team: toTeam(team, relation), attachments: attachments.map(toAttachment), submitted: summary });
  }

  async function organiserView(p: queries.ProposalRow): Promise<ProposalView> {
    const { summary, content } = await submittedSummary(p);
    if (!content) throw new NotFoundError('Proposal');
    const names = await identity.profiles(content.team);
    const team = content.team.map((userId) => ({
      id: userId,
      userId,
      displayName: names.get(userId)?.displayName ?? null,
      email: null,
      status: 'accepted' as const,
      invitedAt: p.createdAt.toISOString(),
      respondedAt: null,
    }));
    const frozen = await queries.selectFrozenFacts(current(db), p.competitionId, p.applicantId);
    const profile = (await identity.profiles([p.applicantId])).get(p.applicantId);
    const eligibilityFacts = frozen
      ? { country: frozen.country, birthDate: frozen.birthDate, frozenAt: frozen.frozenAt.toISOString(), changedSince: changedFacts(frozen, profile) }
      : null;
    return toProposal(p, 'organiser', { team, attachments: content.attachments, submitted: summary, content, eligibilityFacts });
  }

  async function checkSubmittingOrganisation(actor: Actor, organisationId: string | null): Promise<void> {
    if (organisationId === null) return;
    if (!(await access.isOrganisationMember(actor, organisationId))) {
      throw new ValidationError([{ field: 'organisationId', code: 'not_a_member', message: 'You can only submit for an organisation you are a member of', in: 'body' }]);
    }
  }

  return {
    async create(actor: Actor, competitionId: string, input: { title: string; answers: Answers; organisationId: string | null }) {
      return transaction(db, async (tx) => {
        await requireAcceptingWindow(competitions, competitionId, actor.userId);
        await checkSubmittingOrganisation(actor, input.organisationId);
        // Serialises this applicant's creates in this competition, so concurrent ones cannot pass the cap together.
        await queries.lockApplicantDrafts(tx, competitionId, actor.userId);
        if ((await queries.countDrafts(tx, competitionId, actor.userId)) >= MAX_DRAFTS_PER_COMPETITION) {
          throw new ConflictError(
            'DRAFT_LIMIT_REACHED',
            `You already have ${MAX_DRAFTS_PER_COMPETITION} unsubmitted drafts in this competition; submit or withdraw one first`,
            { maxDrafts: MAX_DRAFTS_PER_COMPETITION },
          );
        }
        const row = await queries.insertProposal(tx, { competitionId, applicantId: actor.userId, organisationId: input.organisationId, title: input.title, answers: input.answers });
        return toProposal(row, 'applicant', { team: [], attachments: [], submitted: null });
      });
    },

    async get(actor: Actor, proposalId: string): Promise<ProposalView> {
      const p = await queries.selectProposal(db, proposalId);
      if (!p) throw new NotFoundError('Proposal');
      const relation = await relationTo(actor, p);
      if (!relation) throw new NotFoundError('Proposal');
      return relation === 'organiser' ? organiserView(p) : draftView(p, relation);
    },

    async update(actor: Actor, proposalId: string, patch: { title?: string | undefined; answers?: Record<string, Answers[string] | null> | undefined; organisationId?: string | null | undefined }, ifMatch?: string) {
      const { head, relation } = await requireAuthor(actor, proposalId, { members: true, action: 'edit' });
      if (patch.organisationId !== undefined) {
        access.requireProposalAuthor(actor, { applicantId: head.applicantId, callerIsTeamMember: relation === 'member' }, { members: false, action: 'change the organisation' });
      }
      return transaction(db, async (tx) => {
        const { proposal } = await lockForWrite(tx, head, { ifMatch });
        const changes: Parameters<typeof queries.touchProposal>[2] = {};
        if (patch.title !== undefined) changes.title = patch.title;
        if (patch.answers !== undefined) {
          const answers: Answers = { ...proposal.answers };
          for (const [id, value] of Object.entries(patch.answers)) {
            if (value === null) delete answers[id];
            else answers[id] = value;
          }
          changes.answers = answers;
        }
        if (patch.organisationId !== undefined) {
          await checkSubmittingOrganisation(actor, patch.organisationId);
          changes.organisationId = patch.organisationId;
        }
        const row = await queries.touchProposal(tx, proposalId, changes);
        return draftView(row, relation);
      });
    },

    async listMine(actor: Actor, query: { competitionId?: string | undefined; limit: number; cursor?: string | undefined }) {
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const rows = await queries.selectMyProposals(db, actor.userId, { competitionId: query.competitionId, limit: query.limit, after });
      const { page, nextCursor } = pageOf(rows, query.limit, (last) => ({ key: last.updatedAtKey, id: last.proposal.id }));
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
        nextCursor,
      };
    },

    async listForCompetition(actor: Actor, competitionId: string, query: { status: 'submitted' | 'withdrawn'; limit: number; cursor?: string | undefined }) {
      await access.requireCompetitionOrganiser(actor, competitionId);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const rows = await queries.selectCompetitionProposals(db, competitionId, { status: query.status, limit: query.limit, after });
      const { page, nextCursor } = pageOf(rows, query.limit, (last) => ({ key: last.firstSubmittedKey, id: last.id }));
      const applicants = await identity.profiles(page.map((r) => r.applicantId));
      return {
        items: page.map(({ firstSubmittedKey: _key, frozenCountry, frozenBirthDate, ...r }) => ({
          ...r,
          applicantName: applicants.get(r.applicantId)?.displayName ?? '',
          applicantCountry: frozenCountry ?? applicants.get(r.applicantId)?.country ?? '',
          eligibilityFactsChanged: changedFacts(frozenCountry === null ? undefined : { country: frozenCountry, birthDate: frozenBirthDate }, applicants.get(r.applicantId)),
          status: r.status as 'submitted' | 'withdrawn',
          currentRevision: r.currentRevision!,
          withdrawnAt: isoOrNull(r.withdrawnAt),
        })),
        nextCursor,
      };
    },

    /** Freezes the draft as a new revision: the submission writer decides and stores; this answers with the view and receipt. */
    /** `unchanged`: the draft equals the current revision, so nothing was stored and the answer is that revision (200, not 201). */
    async submit(actor: Actor, proposalId: string, ifMatch?: string): Promise<{ proposal: ProposalView; receipt: Receipt; unchanged: boolean }> {
      const { facts, submitted, receipt, unchanged } = await submissions.submit(actor, proposalId, ifMatch);
      const p = facts.proposal;
      heads.set({ id: p.id, competitionId: p.competitionId, applicantId: p.applicantId });
      const team = facts.team.map((m) => ({ ...m, createdAt: new Date(m.createdAt), respondedAt: m.respondedAt ? new Date(m.respondedAt) : null }));
      const attachments = facts.attachments.map((a) => ({ ...a, createdAt: new Date(a.createdAt) }));
      return {
        proposal: toProposal(unchanged ? p : asSubmitted(p, submitted), 'applicant', { team: toTeam(team, 'applicant'), attachments: attachments.map(toAttachment), submitted }),
        receipt,
        unchanged,
      };
    },

    async withdraw(actor: Actor, proposalId: string, ifMatch?: string): Promise<ProposalView> {
      const { head } = await requireAuthor(actor, proposalId, { members: false, action: 'withdraw' });
      return transaction(db, async (tx) => {
        const { window, proposal } = await lockForWrite(tx, head, { ifMatch });
        const row = await queries.markWithdrawn(tx, proposalId);
        if (proposal.status === 'submitted') await queries.uncountSubmission(tx, head.competitionId, head.applicantId);
        const facts = { proposalId, competitionId: head.competitionId, revision: row.currentRevision };
        await appendAudit(tx, { competitionId: head.competitionId, actorId: actor.userId, action: 'proposal.withdrawn', subjectType: 'proposal', subjectId: proposalId, data: facts });
        await recordEvent(tx, { type: 'proposal.withdrawn', organisationId: window.organisationId, competitionId: head.competitionId, subjectId: proposalId, payload: facts });
        return draftView(row, 'applicant');
      });
    },

    async listRevisions(actor: Actor, proposalId: string) {
      const p = await queries.selectProposal(db, proposalId);
      if (!p) throw new NotFoundError('Proposal');
      const relation = await relationTo(actor, p);
      if (!relation) throw new NotFoundError('Proposal');
      const rows = await queries.selectRevisions(db, proposalId);
      return { items: rows.map((r) => ({ ...r, current: r.revision === p.currentRevision })) };
    },

    /** One revision with its content and its receipt (Ed25519 is deterministic: the same receipt as at submit). */
    async getRevision(actor: Actor, proposalId: string, revision: number) {
      const p = await queries.selectProposal(db, proposalId);
      if (!p) throw new NotFoundError('Proposal');
      const relation = await relationTo(actor, p);
      if (!relation) throw new NotFoundError('Proposal');
      const rev = await queries.selectRevision(db, proposalId, revision);
      if (!rev) throw new NotFoundError('Revision');
      const receipt = await receipts.sign({ proposalId, competitionId: rev.competitionId, revision: rev.revision, contentHash: rev.contentHash, receivedAt: rev.receivedAt });
      return { ...rev, current: rev.revision === p.currentRevision, receipt };
    },

    async inviteMember(actor: Actor, proposalId: string, email: string) {
      const { head } = await requireAuthor(actor, proposalId, { members: false, action: 'invite team members' });
      await access.requireVerifiedEmail(actor, 'invite people');
      const token = newSecretToken();
      return transaction(db, async (tx) => {
        const { window } = await lockForWrite(tx, head);
        if (email === (await applicantEmail(head.applicantId))) {
          throw new ValidationError([{ field: 'email', code: 'is_applicant', message: 'You are the applicant; invite your team mates', in: 'body' }]);
        }
        const seats = await queries.countTeamSeats(tx, proposalId);
        if (1 + seats.accepted + seats.pending >= window.eligibility.maxTeamSize) {
          throw new ConflictError('TEAM_FULL', `Teams may have at most ${window.eligibility.maxTeamSize} people including you; cancel a pending invitation first`, {
            maxTeamSize: window.eligibility.maxTeamSize,
          });
        }
        const member = await queries.insertMemberInvitation(tx, { proposalId, email, tokenHash: hashToken(token), invitedBy: actor.userId, ttlSeconds: INVITATION_TTL_SECONDS });
        if (!member) throw new ConflictError('ALREADY_INVITED', 'This address is already invited to or part of the team');
        await enqueueEmail(tx, {
          to: email,
          template: 'proposal_invitation',
          // The subject is the template's; the competition title (user text) only in the body, made plain.
          body: mailText`You are invited to join a proposal team for the competition "${window.title}" on Skyrocket. Accept within 14 days: ${config.publicBaseUrl}/proposal-invitations/accept?token=${encodeURIComponent(token)}`,
          data: { token, proposalId, competitionId: head.competitionId },
        });
        return toTeam([{ ...member, displayName: null }], 'applicant')[0]!;
      });
    },

    /** Accepting or declining needs the invited address: the emailed token proves control of it. */
    async respondToInvitation(actor: Actor, token: string, answer: 'accepted' | 'declined') {
      const member = await queries.selectMemberByToken(db, hashToken(token));
      if (!member) throw new NotFoundError('Invitation', 'INVITATION_NOT_FOUND');
      const email = (await identity.profiles([actor.userId])).get(actor.userId)?.email;
      if (email !== member.email) throw new ForbiddenError('This invitation was sent to another email address', 'INVITATION_EMAIL_MISMATCH');
      const head = await proposalIdentity(member.proposalId);
      if (!head) throw new NotFoundError('Invitation', 'INVITATION_NOT_FOUND');
      return transaction(db, async (tx) => {
        const { window } = await lockForWrite(tx, head);
        if (answer === 'accepted') {
          const seats = await queries.countTeamSeats(tx, head.id);
          if (1 + seats.accepted >= window.eligibility.maxTeamSize) {
            throw new ConflictError('TEAM_FULL', `The team already has the maximum of ${window.eligibility.maxTeamSize} people`, { maxTeamSize: window.eligibility.maxTeamSize });
          }
        }
        const updated = await queries.respondToInvitation(tx, member.id, actor.userId, answer);
        if (!updated) throw new NotFoundError('Invitation', 'INVITATION_NOT_FOUND');
        if (answer === 'declined') return null;
        const row = await queries.touchProposal(tx, head.id);
        return draftView(row, 'member');
      });
    },

    /** The applicant removes anyone; a member may remove themselves (leave the team). */
    async removeMember(actor: Actor, proposalId: string, memberId: string) {
      const head = await proposalIdentity(proposalId);
      if (!head) throw new NotFoundError('Proposal');
      const member = await queries.selectMember(db, proposalId, memberId);
      const leaving = member?.userId === actor.userId && member.status === 'accepted';
      const callerIsTeamMember = head.applicantId !== actor.userId && !leaving && (await isTeamMember(proposalId, actor.userId));
      access.requireTeamRemoval(actor, { applicantId: head.applicantId, callerIsTeamMember }, leaving);
      if (!member) throw new NotFoundError('Team member');
      await transaction(db, async (tx) => {
        await lockForWrite(tx, head);
        const deleted = await queries.deleteMember(tx, proposalId, memberId);
        if (!deleted) throw new NotFoundError('Team member');
        if (deleted.status === 'accepted') await queries.touchProposal(tx, proposalId);
      });
    },

    async uploadAttachment(actor: Actor, proposalId: string, input: UploadInput) {
      const { head } = await requireAuthor(actor, proposalId, { members: true, action: 'attach files' });
      if (!isAllowedAttachmentType(input.contentType)) {
        throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Attachments must be one of ${ALLOWED_ATTACHMENT_TYPES.join(', ')}`);
      }
      const failures: FieldError[] = [];
      const body = input.part ?? '(body)';
      if (!input.filename) {
        failures.push(
          input.part
            ? { field: input.part, code: 'required', message: "Name the file in the part's Content-Disposition (filename=) or in ?filename=", in: 'body' }
            : { field: 'filename', code: 'required', message: 'Send the file name in ?filename= or the x-filename header', in: 'querystring' },
        );
      }
      if (input.data.length === 0) failures.push({ field: body, code: 'empty', message: 'The file is empty', in: 'body' });
      else if (!bytesMatchType(input.contentType, input.data)) {
        failures.push({ field: body, code: 'content_mismatch', message: `The file's bytes are not ${input.contentType}`, in: 'body' });
      }
      if (failures.length > 0) throw new ValidationError(failures, 'The attachment was refused', 'ATTACHMENT_INVALID');
      const sha256 = createHash('sha256').update(input.data).digest('hex');
      return transaction(db, async (tx) => {
        await lockForWrite(tx, head);
        if ((await queries.countDraftAttachments(tx, proposalId)) >= MAX_ATTACHMENTS) {
          throw new ConflictError('TOO_MANY_ATTACHMENTS', `A proposal can have at most ${MAX_ATTACHMENTS} attachments; remove one first`);
        }
        // The same file taken off the draft earlier (its bytes kept for a revision) comes back instead of a second copy.
        const row =
          (await queries.reviveAttachment(tx, { proposalId, filename: input.filename!, contentType: input.contentType, sha256 })) ??
          (await queries.insertAttachment(tx, { proposalId, filename: input.filename!, contentType: input.contentType, sha256, data: input.data, uploadedBy: actor.userId }));
        await queries.touchProposal(tx, proposalId);
        return toAttachment(row);
      });
    },

    /** The applicant and team get any file of the proposal; organisers only files of a submitted revision. */
    async downloadAttachment(actor: Actor, proposalId: string, attachmentId: string) {
      const p = await queries.selectProposal(db, proposalId);
      if (!p) throw new NotFoundError('Proposal');
      const relation = await relationTo(actor, p);
      if (!relation) throw new NotFoundError('Proposal');
      if (relation === 'organiser' && !(await queries.attachmentInRevision(db, proposalId, attachmentId))) throw new NotFoundError('Attachment');
      const file = await queries.selectAttachmentFile(db, proposalId, attachmentId);
      if (!file) throw new NotFoundError('Attachment');
      return file;
    },

    async deleteAttachment(actor: Actor, proposalId: string, attachmentId: string) {
      const { head } = await requireAuthor(actor, proposalId, { members: true, action: 'remove files' });
      await transaction(db, async (tx) => {
        await lockForWrite(tx, head);
        // A file a revision refers to keeps its bytes (the revision must stay verifiable); it only leaves the draft.
        const keepBytes = await queries.attachmentInRevision(tx, proposalId, attachmentId);
        if (!(await queries.removeAttachment(tx, proposalId, attachmentId, keepBytes))) throw new NotFoundError('Attachment');
        await queries.touchProposal(tx, proposalId);
      });
    },

    async requestGuardianConsent(actor: Actor, proposalId: string, guardianEmail: string) {
      const { head } = await requireAuthor(actor, proposalId, { members: false, action: 'request guardian consent' });
      const token = newSecretToken();
      return transaction(db, async (tx) => {
        const { window } = await lockForWrite(tx, head);
        if (window.eligibility.guardianConsentUnderAge == null) {
          throw new ConflictError('CONSENT_NOT_REQUIRED', 'This competition does not ask for guardian consent');
        }
        const ownEmail = await applicantEmail(head.applicantId);
        if (ownEmail !== undefined && mailboxKey(guardianEmail) === mailboxKey(ownEmail)) {
          throw new ValidationError(
            [{ field: 'guardianEmail', code: 'is_applicant', message: "A guardian must confirm from their own address, not the applicant's (or a +tag, dotted or differently cased form of it)", in: 'body' }],
            'The guardian address is the applicant\'s own mailbox',
          );
        }
        const consent = await queries.insertConsentRequest(tx, {
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
          body: mailText`A young person named you as their parent or guardian and asks for your consent to take part in the competition "${window.title}" on Skyrocket. If you agree, confirm within 30 days: ${config.publicBaseUrl}/guardian-consents/confirm?token=${encodeURIComponent(token)}. If you do not, ignore this email.`,
          data: { token, competitionId: head.competitionId, applicantId: head.applicantId },
        });
        return toConsent(consent, window.dbNow);
      });
    },

    async listGuardianConsents(actor: Actor, proposalId: string) {
      const { head } = await requireAuthor(actor, proposalId, { members: false, action: 'see guardian consents' });
      const rows = await queries.selectConsents(db, head.competitionId, head.applicantId);
      const now = await databaseNow(db);
      return { items: rows.map((r) => toConsent(r, now)) };
    },

    /** Unauthenticated: the guardian holds only the emailed token. */
    async confirmGuardianConsent(token: string) {
      return transaction(db, async (tx) => {
        const consent = await queries.confirmConsent(tx, hashToken(token));
        if (!consent) throw new NotFoundError('Consent request', 'CONSENT_NOT_FOUND');
        const window = await competitions.lockSubmissionWindow(consent.competitionId, consent.applicantId);
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
    confirmedAt: isoOrNull(c.confirmedAt),
  };
}

export type ProposalService = ReturnType<typeof createProposalService>;
