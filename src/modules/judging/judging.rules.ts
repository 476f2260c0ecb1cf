/**
 * Judging's rules as pure functions: who conflicts with whom, what a valid review and a valid
 * decision are, the review lifecycle. No I/O; the service applies them.
 */
import type { FieldError } from '../../lib/errors.js';

/** The review lifecycle in one place (STYLE: a lifecycle as one typed table). */
export const REVIEW_TRANSITIONS = {
  save: { from: ['draft', 'submitted'], to: null },
  submit: { from: ['draft', 'submitted'], to: 'submitted' },
} as const satisfies Record<string, { from: readonly ('draft' | 'submitted')[]; to: 'submitted' | null }>;

export const CONFLICT_KINDS = [
  'declared_by_judge',
  'declared_by_organiser',
  'judge_is_applicant',
  'judge_is_team_member',
  'judge_in_proposal_organisation',
  'shared_organisation',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export interface Conflict {
  judgeId: string;
  proposalId: string;
  source: ConflictKind;
  /** The organisation behind an organisation-level conflict. */
  organisationId: string | null;
  organisationName: string | null;
  reason: string;
  /** The declared conflict's id (declared ones only). */
  conflictId: string | null;
}

export interface ConflictFacts {
  judges: Array<{ id: string; userId: string | null }>;
  proposals: Array<{ id: string; applicantId: string; organisationId: string | null; team: string[] }>;
  /** Each user's organisations (judges, applicants and team members). */
  memberships: Array<{ userId: string; organisationId: string; name: string }>;
  declared: Array<{ id: string; judgeId: string; proposalId: string | null; organisationId: string | null; source: 'declared_by_judge' | 'declared_by_organiser'; reason: string }>;
}

/**
 * Every conflict between the panel and the proposals: the declared ones (a declared organisation
 * conflicts with each proposal whose applicant, team or submitting organisation belongs to it, or
 * is it) and the detected ones. One entry per (judge, proposal, source, organisation); sorted.
 */
export function detectConflicts(facts: ConflictFacts): Conflict[] {
  const orgsOf = new Map<string, Map<string, string>>();
  const orgName = new Map<string, string>();
  for (const m of facts.memberships) {
    let orgs = orgsOf.get(m.userId);
    if (!orgs) orgsOf.set(m.userId, (orgs = new Map()));
    orgs.set(m.organisationId, m.name);
    orgName.set(m.organisationId, m.name);
  }
  const judgesByUser = new Map<string, string[]>();
  const userOfJudge = new Map(facts.judges.map((j) => [j.id, j.userId]));
  const judgesByOrg = new Map<string, string[]>();
  for (const j of facts.judges) {
    if (!j.userId) continue;
    judgesByUser.set(j.userId, [...(judgesByUser.get(j.userId) ?? []), j.id]);
    for (const orgId of orgsOf.get(j.userId)?.keys() ?? []) judgesByOrg.set(orgId, [...(judgesByOrg.get(orgId) ?? []), j.id]);
  }
  const declaredOrgs = new Map<string, typeof facts.declared>();
  const out = new Map<string, Conflict>();
  const add = (c: Conflict) => {
    const key = `${c.judgeId}|${c.proposalId}|${c.source}|${c.organisationId ?? ''}`;
    if (!out.has(key)) out.set(key, c);
  };
  for (const d of facts.declared) {
    if (d.proposalId) add({ judgeId: d.judgeId, proposalId: d.proposalId, source: d.source, organisationId: null, organisationName: null, reason: d.reason, conflictId: d.id });
    if (d.organisationId) declaredOrgs.set(d.organisationId, [...(declaredOrgs.get(d.organisationId) ?? []), d]);
  }
  const proposalIds = new Set(facts.proposals.map((p) => p.id));
  for (const p of facts.proposals) {
    for (const judgeId of judgesByUser.get(p.applicantId) ?? []) {
      add({ judgeId, proposalId: p.id, source: 'judge_is_applicant', organisationId: null, organisationName: null, reason: 'The judge is the applicant', conflictId: null });
    }
    for (const member of p.team) {
      for (const judgeId of judgesByUser.get(member) ?? []) {
        add({ judgeId, proposalId: p.id, source: 'judge_is_team_member', organisationId: null, organisationName: null, reason: 'The judge is a member of the proposal’s team', conflictId: null });
      }
    }
    // The organisations behind the proposal: the one it is submitted for, and every organisation of its people.
    // (With who is behind each: a judge on the proposal is not in conflict with their own memberships again.)
    const behind = new Map<string, string>();
    const peopleBehind = new Map<string, Set<string>>();
    if (p.organisationId) behind.set(p.organisationId, orgName.get(p.organisationId) ?? '');
    for (const person of [p.applicantId, ...p.team]) {
      for (const [orgId, name] of orgsOf.get(person) ?? []) {
        behind.set(orgId, name);
        peopleBehind.set(orgId, (peopleBehind.get(orgId) ?? new Set()).add(person));
      }
    }
    for (const [orgId, name] of behind) {
      const inProposalOrg = orgId === p.organisationId;
      for (const judgeId of judgesByOrg.get(orgId) ?? []) {
        const others = [...(peopleBehind.get(orgId) ?? [])].filter((u) => u !== userOfJudge.get(judgeId));
        if (!inProposalOrg && others.length === 0) continue;
        add({
          judgeId,
          proposalId: p.id,
          source: inProposalOrg ? 'judge_in_proposal_organisation' : 'shared_organisation',
          organisationId: orgId,
          organisationName: name || null,
          reason: inProposalOrg
            ? `The judge is a member of ${name || 'the organisation'}, for which the proposal is submitted`
            : `The judge and someone on the proposal are both members of ${name || 'an organisation'}`,
          conflictId: null,
        });
      }
      for (const d of declaredOrgs.get(orgId) ?? []) {
        add({ judgeId: d.judgeId, proposalId: p.id, source: d.source, organisationId: orgId, organisationName: name || null, reason: d.reason, conflictId: d.id });
      }
    }
  }
  return [...out.values()]
    .filter((c) => proposalIds.has(c.proposalId))
    .sort((a, b) => cmp(a.judgeId, b.judgeId) || cmp(a.proposalId, b.proposalId) || cmp(a.source, b.source) || cmp(a.organisationId ?? '', b.organisationId ?? ''));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Problems with a review's scores against the rubric; a submitted review needs every criterion. */
export function scoreProblems(rubric: Array<{ id: string; scaleMin: number; scaleMax: number }>, scores: Record<string, number>, submitting: boolean): FieldError[] {
  const problems: FieldError[] = [];
  const known = new Set(rubric.map((c) => c.id));
  for (const id of Object.keys(scores).sort()) {
    if (!known.has(id)) problems.push({ field: `scores.${id}`, message: `No rubric criterion "${id}"`, code: 'UNKNOWN_CRITERION' });
  }
  for (const c of rubric) {
    const value = scores[c.id];
    if (value === undefined) {
      if (submitting) problems.push({ field: `scores.${c.id}`, message: `A submitted review scores every criterion; "${c.id}" is missing`, code: 'REQUIRED' });
      continue;
    }
    if (!Number.isInteger(value) || value < c.scaleMin || value > c.scaleMax) {
      problems.push({ field: `scores.${c.id}`, message: `An integer from ${c.scaleMin} to ${c.scaleMax}`, code: 'OUT_OF_SCALE' });
    }
  }
  return problems;
}

/** Problems with a decision's prize shares: they sum to the prize, in minor units, one per winner. */
export function decisionProblems(prize: { amount: number; winners: number }, winners: Array<{ proposalId: string; prizeAmount: number }>, submitted: Set<string>): FieldError[] {
  const problems: FieldError[] = [];
  if (winners.length === 0) problems.push({ field: 'winners', message: 'At least one winner', code: 'REQUIRED' });
  if (winners.length > prize.winners) problems.push({ field: 'winners', message: `At most ${prize.winners} winner(s) for this prize`, code: 'TOO_MANY_WINNERS' });
  const seen = new Set<string>();
  winners.forEach((w, i) => {
    if (!submitted.has(w.proposalId)) problems.push({ field: `winners[${i}].proposalId`, message: 'Not a submitted proposal of this competition', code: 'UNKNOWN_PROPOSAL' });
    if (seen.has(w.proposalId)) problems.push({ field: `winners[${i}].proposalId`, message: 'Listed twice', code: 'DUPLICATE' });
    seen.add(w.proposalId);
    if (!Number.isInteger(w.prizeAmount) || w.prizeAmount < 0) problems.push({ field: `winners[${i}].prizeAmount`, message: 'Whole minor units, not negative', code: 'INVALID' });
  });
  const total = winners.reduce((sum, w) => sum + w.prizeAmount, 0);
  if (winners.length > 0 && total !== prize.amount) {
    problems.push({ field: 'winners', message: `The shares sum to ${total}; they must sum to the prize, ${prize.amount} (minor units)`, code: 'SHARES_DO_NOT_SUM' });
  }
  return problems;
}

/** Whether the winners, in order, are the top of the ranking (else the decision needs a reason). */
export function followsRanking(ranking: string[], winners: string[]): boolean {
  return winners.every((id, i) => ranking[i] === id);
}
