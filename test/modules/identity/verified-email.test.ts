import t from 'tap';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import type { Test } from 'tap';
import { buildFeatureApp } from '../../helpers/app.js';
import { addMember, createOrganisation, createUser, emailToken, uniqueEmail, type TestUser } from '../../helpers/factories.js';
import { createDraft, draftCompetition, openCompetition } from '../../helpers/competitions.js';

function refusedUnverified(t: Test, res: LightMyRequestResponse, what: string) {
  t.equal(res.statusCode, 403, `${what}: 403`);
  t.equal(res.json().code, 'EMAIL_NOT_VERIFIED', `${what}: EMAIL_NOT_VERIFIED`);
  t.match(res.json().detail, /verification-email/, `${what}: says how to get the link`);
}

async function verify(app: FastifyInstance, user: TestUser) {
  const token = await emailToken(app, user.email, 'verify_email');
  t.equal((await app.inject({ method: 'POST', url: '/v1/auth/verify-email', payload: { token } })).statusCode, 204);
}

t.test('an unverified account cannot create an organisation', async (t) => {
  const { app } = await buildFeatureApp(t);
  const user = await createUser(app, { verified: false });
  const res = await app.inject({ method: 'POST', url: '/v1/organisations', headers: user.auth, payload: { name: 'Spam Inc', kind: 'ngo', country: 'IT' } });
  refusedUnverified(t, res, 'create');
  await verify(app, user);
  t.equal((await app.inject({ method: 'POST', url: '/v1/organisations', headers: user.auth, payload: { name: 'Real Org', kind: 'ngo', country: 'IT' } })).statusCode, 201);
});

t.test('an unverified manager cannot invite, change roles, remove members, revoke invitations or publish; they may leave', async (t) => {
  const { app } = await buildFeatureApp(t);
  const owner = await createUser(app);
  const org = await createOrganisation(app, owner);
  const manager = await createUser(app, { verified: false });
  const member = await createUser(app);
  await addMember(app, org, owner, manager, 'manager');
  await addMember(app, org, owner, member, 'member');
  const { competitionId } = await draftCompetition(app, { organiser: owner, organisation: org });
  const pending = await app.inject({ method: 'POST', url: `/v1/organisations/${org.id}/invitations`, headers: owner.auth, payload: { email: uniqueEmail(), role: 'member' } });
  t.equal(pending.statusCode, 201);

  const as = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
    app.inject({ method, url, headers: manager.auth, ...(payload ? { payload } : {}) });
  refusedUnverified(t, await as('POST', `/v1/organisations/${org.id}/invitations`, { email: uniqueEmail(), role: 'member' }), 'invite');
  refusedUnverified(t, await as('PATCH', `/v1/organisations/${org.id}/members/${member.id}`, { role: 'manager' }), 'change role');
  refusedUnverified(t, await as('DELETE', `/v1/organisations/${org.id}/members/${member.id}`), 'remove member');
  refusedUnverified(t, await as('DELETE', `/v1/organisations/${org.id}/invitations/${pending.json().id}`), 'revoke invitation');
  refusedUnverified(t, await as('POST', `/v1/competitions/${competitionId}/publish`), 'publish');

  await verify(app, manager);
  t.equal((await as('POST', `/v1/organisations/${org.id}/invitations`, { email: uniqueEmail(), role: 'member' })).statusCode, 201, 'verified: invite');
  t.equal((await as('POST', `/v1/competitions/${competitionId}/publish`)).statusCode, 200, 'verified: publish');

  const leaver = await createUser(app, { verified: false });
  await addMember(app, org, owner, leaver, 'member');
  const leave = await app.inject({ method: 'DELETE', url: `/v1/organisations/${org.id}/members/${leaver.id}`, headers: leaver.auth });
  t.equal(leave.statusCode, 204, 'leaving needs no confirmed address');
});

t.test('an unverified applicant cannot invite to a proposal team', async (t) => {
  const { app } = await buildFeatureApp(t);
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app, { verified: false });
  const draft = await createDraft(app, applicant, competitionId);
  const invite = () => app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/members`, headers: applicant.auth, payload: { email: uniqueEmail() } });
  refusedUnverified(t, await invite(), 'team invite');
  await verify(app, applicant);
  t.equal((await invite()).statusCode, 201, 'verified: team invite');
});
