import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.js';
import { competitions as competitionsTable, emailOutbox, users } from '../src/db/schema/index.js';
import { endOfDay, startOfDay } from '../src/lib/time.js';
import type { Actor } from '../src/modules/access/access.js';
import { sealAllPending } from '../src/modules/audit/audit.service.js';
import { CreateCompetitionBody } from '../src/modules/competitions/competitions.schemas.js';
import { selectCompetitionIdByTitle } from '../src/modules/competitions/competitions.queries.js';
import type { Services } from '../src/services.js';

/**
 * The finished 2019 edition of "Be Social, Be Maker" (docs/judging.md, "The seeded 2019 edition"):
 * its real winner, "I4I: Inspire for Innovation" from Slovakia, and five proposals marked as
 * demo data, judged end to end through the services — panel, assignment, blind reviews, decision,
 * signed public results — so a new user sees a complete example.
 *
 * Everything goes through the same rules as the API, with one exception: once the proposals are
 * submitted (which needs an open window), the competition's window is moved back to 1 September –
 * 31 October 2019 by SQL. Receipts, audit entries and review times keep the real time of seeding:
 * signed facts are never back-dated.
 */

export const PAST_TITLE = 'Be Social, Be Maker 2019';
export const WINNER_TITLE = 'I4I: Inspire for Innovation';
const TIMEZONE = 'Europe/Rome';

/** The rubric of "Be Social, Be Maker", every edition (scripts/seed.ts loads the current one with it). */
export const REFERENCE_RUBRIC = [
  { id: 'social_impact', label: 'Social impact', description: 'Relevance for young people and expected change', weight: 40, scaleMin: 1, scaleMax: 10 },
  { id: 'innovation', label: 'Innovation', description: 'Originality of content and format', weight: 30, scaleMin: 1, scaleMax: 10 },
  { id: 'feasibility', label: 'Feasibility', description: 'Plan, resources and capacity to deliver', weight: 30, scaleMin: 1, scaleMax: 10 },
];

const DEMO = '[Demo data] ';
const proposals = [
  {
    key: 'i4i',
    title: WINNER_TITLE,
    organisation: { name: WINNER_TITLE, kind: 'citizen_group' as const, country: 'SK' },
    person: { displayName: 'I4I team', country: 'SK' },
    summary: 'A programme in which secondary-school students in Slovakia learn to spot a social problem in their town and build a solution with local partners, mentored by young social innovators.',
    scores: [9, 9, 8],
  },
  { key: 'demo1', title: `${DEMO}Maker space on wheels`, person: { displayName: 'Demo applicant 1', country: 'IT' }, summary: 'Demo data: a travelling maker space for rural schools.', scores: [7, 8, 6] },
  { key: 'demo2', title: `${DEMO}Civic hackathon for teenagers`, person: { displayName: 'Demo applicant 2', country: 'AT' }, summary: 'Demo data: a weekend hackathon on local civic problems.', scores: [6, 7, 7] },
  { key: 'demo3', title: `${DEMO}Impact measurement for youth clubs`, person: { displayName: 'Demo applicant 3', country: 'SI' }, summary: 'Demo data: teaching youth clubs to measure their social impact.', scores: [6, 5, 8] },
  { key: 'demo4', title: `${DEMO}Crowdfunding school`, person: { displayName: 'Demo applicant 4', country: 'PL' }, summary: 'Demo data: financing social projects through crowdfunding.', scores: [5, 6, 6] },
  { key: 'demo5', title: `${DEMO}Policy lab for young citizens`, person: { displayName: 'Demo applicant 5', country: 'HR' }, summary: 'Demo data: young people draft a local policy proposal.', scores: [5, 5, 5] },
];
const judges = ['Demo judge 1', 'Demo judge 2', 'Demo judge 3'];

async function demoAccount(db: Db, services: Services, email: string, person: { displayName: string; country: string; birthDate?: string }): Promise<Actor> {
  let [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) {
    // Nobody logs in as a demo account: a random password, never printed.
    const account = { email, password: `Demo-${randomBytes(12).toString('base64url')}`, displayName: person.displayName, country: person.country, locale: 'en', ...(person.birthDate ? { birthDate: person.birthDate } : {}) };
    // Registrations are rate-limited like logins (503 AUTH_BUSY, Retry-After: 1): wait and retry, as a client would.
    for (let attempt = 0; ; attempt++) {
      try {
        await services.identity.register(account);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'AUTH_BUSY' || attempt >= 30) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    [row] = await db.update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` }).where(eq(users.email, email)).returning({ id: users.id });
  }
  return { userId: row!.id, isAdmin: false };
}

async function outboxToken(db: Db, to: string, template: string): Promise<string> {
  const [row] = await db.select({ data: emailOutbox.data }).from(emailOutbox).where(and(eq(emailOutbox.toEmail, to), eq(emailOutbox.template, template))).orderBy(desc(emailOutbox.createdAt)).limit(1);
  const token = row?.data.token;
  if (typeof token !== 'string') throw new Error(`no ${template} email to ${to}`);
  return token;
}

/** Loads the 2019 edition unless it exists; returns what it found or made. */
export async function seedPastEdition(db: Db, services: Services, owner: Actor, organisationId: string): Promise<{ competitionId: string; status: string; created: boolean }> {
  const existing = await selectCompetitionIdByTitle(db, organisationId, PAST_TITLE);
  if (existing) {
    const c = await services.competitions.get(owner, existing);
    if (c.status !== 'results_published') throw new Error(`"${PAST_TITLE}" exists but is ${c.status}: an earlier seed stopped half-way; remove it (or the database) and seed again`);
    return { competitionId: existing, status: c.status, created: false };
  }
  const { competitions, proposals: proposalService, judging, results } = services;
  // Created with a window open now (submissions need one), moved back to 2019 below.
  const now = new Date();
  const input = CreateCompetitionBody.parse({
    title: PAST_TITLE,
    summary: 'The 2019 edition: EUR 5,000 for the best educational proposal teaching social-innovation skills to young people aged 15–23 in Central Europe. Won by "I4I: Inspire for Innovation" (Slovakia).',
    description:
      'A finished past edition, kept as an example of judging end to end: a panel of three, blind reviews, a single winner and signed public results. ' +
      'The winner is the real winner of the 2019 edition; every other proposal, applicant and judge here is demo data.',
    themes: ['education', 'youth', 'inclusion'],
    countries: ['AT', 'CZ', 'DE', 'HR', 'HU', 'IT', 'PL', 'SI', 'SK'],
    prize: { amount: 500000, currency: 'EUR', winners: 1 },
    timing: { opensAt: new Date(now.getTime() - 86_400_000).toISOString(), closesAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(), timezone: TIMEZONE, gracePeriodSeconds: 300 },
    eligibility: { minAge: 15, maxAge: 23, ageReferenceDate: '2019-10-31', allowedCountries: ['AT', 'CZ', 'DE', 'HR', 'HU', 'IT', 'PL', 'SI', 'SK'], minTeamSize: 1, maxTeamSize: 5, maxProposalsPerApplicant: 1, guardianConsentUnderAge: 18 },
    form: [
      { id: 'summary', type: 'longtext', label: 'Summary', help: 'What will participants learn, and how?', required: true, maxWords: 300 },
      { id: 'target_group', type: 'choice', label: 'Main target group', required: true, options: ['Secondary-school students (15–18)', 'Young adults (19–23)', 'Both'] },
    ],
    rubric: REFERENCE_RUBRIC,
    judging: {
      reviewsPerProposal: 3,
      blind: true,
      aggregation: 'mean',
      normalisation: 'zscore',
      tieBreaks: [{ kind: 'criterion', criterionId: 'social_impact' }, { kind: 'earliest_submission' }],
      showScoresToApplicants: true,
      publishFullRanking: true,
    },
  });
  const competitionId = (await competitions.create(owner, organisationId, input)).id;
  await competitions.transition(owner, competitionId, 'publish', undefined);

  // The proposals, through the applicants' own accounts (19 to 22 on 31 October 2019).
  const ids = new Map<string, string>();
  for (const [i, p] of proposals.entries()) {
    const applicant = await demoAccount(db, services, `${p.key}.applicant.2019@demo.skyrocket.example`, { ...p.person, birthDate: `${1997 + i % 4}-03-1${i}` });
    const organisationIdOfProposal = p.organisation ? (await services.organisations.create(applicant, { ...p.organisation, description: 'Winner of Be Social, Be Maker 2019.', themes: ['education', 'youth'], sdgs: [4] })).id : null;
    const draft = await proposalService.create(applicant, competitionId, { title: p.title, answers: { summary: p.summary, target_group: 'Secondary-school students (15–18)' }, organisationId: organisationIdOfProposal });
    await proposalService.submit(applicant, draft.id);
    ids.set(p.key, draft.id);
  }

  // The window, back to 1 September – 31 October 2019 (Rome), so the edition is closed.
  await db
    .update(competitionsTable)
    .set({ opensAt: startOfDay('2019-09-01', TIMEZONE), closesAt: endOfDay('2019-10-31', TIMEZONE) })
    .where(eq(competitionsTable.id, competitionId));
  await competitions.transition(owner, competitionId, 'startJudging', undefined);

  // The panel: invited by email, accepted with the emailed token.
  const judgeActors: Actor[] = [];
  for (const [i, name] of judges.entries()) {
    const email = `judge${i + 1}.2019@demo.skyrocket.example`;
    const actor = await demoAccount(db, services, email, { displayName: name, country: 'IT' });
    await judging.inviteJudge(owner, competitionId, { email });
    await judging.respondToInvitation(actor, await outboxToken(db, email, 'judge_invitation'), 'accepted');
    judgeActors.push(actor);
  }
  const plan = await judging.planAssignments(owner, competitionId, { limit: 1 });
  await judging.applyPlan(owner, competitionId, plan.planId);

  // Blind reviews: each judge scores what they were given, in their own way (judge 3 is harsher).
  for (const [j, actor] of judgeActors.entries()) {
    for (const p of proposals) {
      const proposalId = ids.get(p.key)!;
      const offset = j === 2 ? -1 : 0;
      const [impact, innovation, feasibility] = p.scores.map((s) => Math.max(1, Math.min(10, s + offset + ((j + s) % 2))));
      await judging.saveReview(actor, competitionId, proposalId, {
        scores: { social_impact: impact!, innovation: innovation!, feasibility: feasibility! },
        commentForApplicant: p.key === 'i4i' ? 'A clear, tested programme with strong local partners.' : 'Demo review.',
        submit: true,
      }, '"v0"');
    }
  }

  // One winner, the whole prize, then the signed public results.
  const ranking = await results.ranking(owner, competitionId, {});
  if (ranking.entries[0]?.proposalId !== ids.get('i4i')) throw new Error('the seeded reviews do not rank I4I first');
  await results.putDecision(owner, competitionId, { winners: [{ proposalId: ids.get('i4i')!, prizeAmount: 500000 }] }, '"v0"');
  // No sealer runs in this script: seal the trail now, so the results carry its head (as the API's sealer would have).
  await sealAllPending(db, { limit: 10_000, wait: true });
  await results.publishResults(owner, competitionId, {});
  await sealAllPending(db, { limit: 10_000, wait: true });
  return { competitionId, status: 'results_published', created: true };
}
