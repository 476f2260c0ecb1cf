/**
 * The one answer to "may this caller see or do this?". Services call it first, before they read
 * or write anything of the object. It owns no table: the facts it decides on come from the
 * features that own them (organisation roles from organisations, a competition's owner from
 * competitions, a proposal's applicant and team from proposals), handed in as dependencies by
 * the composition root or as arguments. 404 for a caller who may not know the object exists, 403
 * for one who may know it but lacks the role.
 */
import type { FastifyRequest } from 'fastify';
import type { MEMBER_ROLES } from '../../db/schema/organisations.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../lib/errors.js';

export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Who is calling: the only input authorization decisions take about the caller. */
export interface Actor {
  userId: string;
  isAdmin: boolean;
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.user?.sub) throw new UnauthorizedError();
  return { userId: request.user.sub, isAdmin: request.user.adm === true };
}

export function optionalActorOf(request: FastifyRequest): Actor | undefined {
  return request.user?.sub ? { userId: request.user.sub, isAdmin: request.user.adm === true } : undefined;
}

export const MANAGERS: readonly MemberRole[] = ['owner', 'manager'];
export const ANY_MEMBER: readonly MemberRole[] = ['owner', 'manager', 'member'];

/** How a caller relates to a proposal; decides what of it they see. */
export type ProposalRelation = 'applicant' | 'member' | 'organiser';

export interface CompetitionRef {
  id: string;
  organisationId: string;
  status: string;
}

/** What access needs to know, from the features that own it. */
export interface AccessFacts {
  /** The user's role in the organisation (organisations' memberships), null if none. */
  roleIn(userId: string, organisationId: string): Promise<MemberRole | null>;
  /** The competition's owning organisation (competitions), undefined if it does not exist. */
  competitionRef(competitionId: string): Promise<CompetitionRef | undefined>;
  /** Whether the user has confirmed their email address (identity). */
  emailVerified(userId: string): Promise<boolean>;
}

/** What an unverified account may not do yet, for the 403's message. */
export type VerifiedAction = 'create an organisation' | 'manage organisation members' | 'invite people' | 'publish a competition';

/** The facts about a proposal that decide who may see it; gathered by proposals from its own tables. */
export interface ProposalFacts {
  competitionId: string;
  applicantId: string;
  /** Whether the caller is an accepted team member. */
  callerIsTeamMember: boolean;
  /** Whether anything was submitted yet: organisers see submitted revisions, never a draft in progress. */
  hasRevision: boolean;
}

/** The one rule for organisation roles: platform admins pass (moderation, audited by the callers); others need a listed role. */
function roleDecision(actor: Actor, role: MemberRole | null, allowed: readonly MemberRole[]): MemberRole | 'admin' | 'not_member' | 'wrong_role' {
  if (role !== null && allowed.includes(role)) return role;
  if (actor.isAdmin) return 'admin';
  return role === null ? 'not_member' : 'wrong_role';
}

export function createAccess(facts: AccessFacts) {
  async function requireOrganisationRole(actor: Actor, organisationId: string, allowed: readonly MemberRole[], what = 'Organisation'): Promise<MemberRole | 'admin'> {
    const role = await facts.roleIn(actor.userId, organisationId);
    const decision = roleDecision(actor, role, allowed);
    if (decision === 'not_member') throw new NotFoundError(what);
    if (decision === 'wrong_role') throw new ForbiddenError(`This needs one of the roles ${allowed.join(', ')} in the organisation; you are ${role}`);
    return decision;
  }

  /** Owners and managers of the owning organisation (platform admins pass). 404 for outsiders, 403 for plain members. */
  async function requireCompetitionOrganiser(actor: Actor, competitionId: string): Promise<CompetitionRef & { role: MemberRole | 'admin' }> {
    const competition = await facts.competitionRef(competitionId);
    if (!competition) throw new NotFoundError('Competition');
    const role = await requireOrganisationRole(actor, competition.organisationId, MANAGERS, 'Competition');
    return { ...competition, role };
  }

  async function isCompetitionOrganiser(actor: Actor, competitionId: string): Promise<boolean> {
    const competition = await facts.competitionRef(competitionId);
    if (!competition) return false;
    const decision = roleDecision(actor, await facts.roleIn(actor.userId, competition.organisationId), MANAGERS);
    return decision !== 'not_member' && decision !== 'wrong_role';
  }

  return {
    requireOrganisationRole,
    requireCompetitionOrganiser,

    /**
     * Acting for others (an organisation, its members, invitees, the public) needs a confirmed
     * address, so an unconfirmed account cannot send mail to strangers or speak for anyone:
     * 403 `EMAIL_NOT_VERIFIED`, for platform admins too. Applying and editing one's own things do not.
     */
    async requireVerifiedEmail(actor: Actor, action: VerifiedAction): Promise<void> {
      if (await facts.emailVerified(actor.userId)) return;
      throw new ForbiddenError(
        `Confirm your email address before you ${action}: follow the link in the confirmation email, or ask for a new one with POST /v1/me/verification-email`,
        'EMAIL_NOT_VERIFIED',
      );
    },

    /**
     * Only owners grant, take away, invite or remove the owner role; a manager's authority stops
     * below it. `roles` are the roles the change touches (the target's current one and the new one).
     */
    requireRoleAuthority(myRole: MemberRole | 'admin', roles: ReadonlyArray<MemberRole | undefined>, message: string): void {
      if (myRole === 'manager' && roles.includes('owner')) throw new ForbiddenError(message);
    },

    /** Whether the caller may act for the organisation at all (any role): submitting a proposal on its behalf. */
    async isOrganisationMember(actor: Actor, organisationId: string): Promise<boolean> {
      return (await facts.roleIn(actor.userId, organisationId)) !== null;
    },

    /** A draft competition is visible to any member of its organisation (and admins); published ones to everyone. */
    async requireCompetitionMember(actor: Actor | undefined, organisationId: string): Promise<void> {
      if (!actor) throw new NotFoundError('Competition');
      await requireOrganisationRole(actor, organisationId, ANY_MEMBER, 'Competition');
    },

    /** The caller's relation to a proposal; null means they may not know it exists (404). */
    async proposalRelation(actor: Actor, proposal: ProposalFacts): Promise<ProposalRelation | null> {
      if (proposal.applicantId === actor.userId) return 'applicant';
      if (proposal.callerIsTeamMember) return 'member';
      if (!proposal.hasRevision) return null;
      return (await isCompetitionOrganiser(actor, proposal.competitionId)) ? 'organiser' : null;
    },

    /**
     * The applicant, or (with `members`) an accepted team member, may change the proposal; other
     * team members get 403 naming the action, everyone else 404.
     */
    requireProposalAuthor(actor: Actor, proposal: Pick<ProposalFacts, 'applicantId' | 'callerIsTeamMember'>, options: { members: boolean; action: string }): ProposalRelation {
      if (proposal.applicantId === actor.userId) return 'applicant';
      if (proposal.callerIsTeamMember) {
        if (options.members) return 'member';
        throw new ForbiddenError(`Only the applicant can ${options.action}`, 'APPLICANT_ONLY');
      }
      throw new NotFoundError('Proposal');
    },

    /**
     * A judge's right to a proposal: the caller is the accepted judge of the row, the proposal is
     * assigned to them in the round, and no conflict (declared or detected) stands between them.
     * Anything else is 404, so a judge cannot learn which proposals exist beyond their own.
     */
    requireAssignedJudge(actor: Actor, facts: { judge: { userId: string | null; status: string } | undefined; assigned: boolean; conflicted: boolean }): void {
      if (!facts.judge || facts.judge.userId !== actor.userId || facts.judge.status !== 'accepted' || !facts.assigned || facts.conflicted) {
        throw new NotFoundError('Proposal');
      }
    },

    /** The caller's own accepted place on a panel; 404 otherwise (also for invitations not yet accepted). */
    requirePanelMember(actor: Actor, judge: { userId: string | null; status: string } | undefined): void {
      if (!judge || judge.userId !== actor.userId || judge.status !== 'accepted') throw new NotFoundError('Judge');
    },

    /**
     * What a judge sees of who made a proposal: in blind mode nothing (no applicant, team or
     * organisation, and files only without their metadata); otherwise the people by name.
     */
    judgeSeesIdentity(blind: boolean): boolean {
      return !blind;
    },

    /** Anti-anchoring: other judges' reviews of a proposal only once the caller's own is submitted. */
    judgeSeesOtherReviews(ownReviewSubmitted: boolean): boolean {
      return ownReviewSubmitted;
    },

    /** The applicant removes anyone from the team; an accepted member may remove themselves (leave). */
    requireTeamRemoval(actor: Actor, proposal: Pick<ProposalFacts, 'applicantId' | 'callerIsTeamMember'>, removingSelf: boolean): void {
      if (proposal.applicantId === actor.userId || removingSelf) return;
      if (proposal.callerIsTeamMember) throw new ForbiddenError('Only the applicant can remove other team members', 'APPLICANT_ONLY');
      throw new NotFoundError('Proposal');
    },
  };
}

export type Access = ReturnType<typeof createAccess>;
