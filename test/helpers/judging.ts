import type { FastifyInstance } from 'fastify';
import { competitionWithSubmittedProposals, type CompetitionOptions, type CompetitionWorld } from './competitions.js';
import { emailToken, insertApplicants, type TestUser } from './factories.js';

/** Invites `judge` to the competition's panel as its organiser and accepts as the judge; returns the judge id. */
export async function addJudge(app: FastifyInstance, world: CompetitionWorld, judge: TestUser, maxLoad?: number | null): Promise<string> {
  const invite = await app.inject({ method: 'POST', url: `/v1/competitions/${world.competitionId}/judges`, headers: world.organiser.auth, payload: { email: judge.email, ...(maxLoad !== undefined ? { maxLoad } : {}) } });
  if (invite.statusCode !== 201) throw new Error(`invite judge failed: ${invite.statusCode} ${invite.body}`);
  const token = await emailToken(app, judge.email.toLowerCase(), 'judge_invitation');
  const accept = await app.inject({ method: 'POST', url: '/v1/judging/invitations/accept', headers: judge.auth, payload: { token } });
  if (accept.statusCode !== 200) throw new Error(`accept judge failed: ${accept.statusCode} ${accept.body}`);
  return invite.json().id as string;
}

export interface JudgingWorld extends CompetitionWorld {
  applicants: TestUser[];
  proposalIds: string[];
  judges: Array<TestUser & { judgeId: string }>;
}

/** A competition in judging with `count` submitted proposals and `judges` accepted judges (none assigned yet). */
export async function judgingWorld(app: FastifyInstance, options: CompetitionOptions & { count: number; judges: number; judging?: Record<string, unknown> }): Promise<JudgingWorld> {
  const body = { judging: { reviewsPerProposal: 2, tieBreaks: [], ...options.judging }, ...(options.body ?? {}) };
  const world = await competitionWithSubmittedProposals(app, { ...options, body, state: 'judging' });
  const people = options.judges > 0 ? await insertApplicants(app, options.judges) : [];
  const judges: JudgingWorld['judges'] = [];
  for (const person of people) judges.push({ ...person, judgeId: await addJudge(app, world, person) });
  return { ...world, judges };
}

/** Dry run and apply as the organiser; returns the plan. */
export async function assignAll(app: FastifyInstance, world: CompetitionWorld) {
  const plan = await app.inject({ method: 'POST', url: `/v1/competitions/${world.competitionId}/assignments/plans`, headers: world.organiser.auth });
  if (plan.statusCode !== 201) throw new Error(`plan failed: ${plan.statusCode} ${plan.body}`);
  const apply = await app.inject({ method: 'POST', url: `/v1/competitions/${world.competitionId}/assignments/plans/${plan.json().planId}/apply`, headers: world.organiser.auth });
  if (apply.statusCode !== 200) throw new Error(`apply failed: ${apply.statusCode} ${apply.body}`);
  return plan.json();
}

/** Saves and submits a review as the judge (reads its ETag first). */
export async function submitReview(app: FastifyInstance, competitionId: string, judge: TestUser, proposalId: string, scores: Record<string, number>, comment = '') {
  const url = `/v1/competitions/${competitionId}/my-assignments/${proposalId}/review`;
  const current = await app.inject({ method: 'GET', url, headers: judge.auth });
  if (current.statusCode !== 200) throw new Error(`get review failed: ${current.statusCode} ${current.body}`);
  const res = await app.inject({ method: 'PUT', url, headers: { ...judge.auth, 'if-match': current.headers.etag as string }, payload: { scores, commentForApplicant: comment, submit: true } });
  if (res.statusCode !== 200) throw new Error(`submit review failed: ${res.statusCode} ${res.body}`);
  return res.json();
}
