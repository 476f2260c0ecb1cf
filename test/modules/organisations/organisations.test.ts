import t from 'tap';
import { eq } from 'drizzle-orm';
import { users } from '../../../src/db/schema/index.js';
import { buildTestApp } from '../../helpers/app.js';
import { addMember, createOrganisation, createUser, emailToken, login } from '../../helpers/factories.js';

t.test('create an organisation, invite a colleague who accepts', async (t) => {
  const { app } = await buildTestApp(t);
  const owner = await createUser(app);
  const create = await app.inject({
    method: 'POST',
    url: '/v1/organisations',
    headers: owner.auth,
    payload: { name: 'Fondazione Esempio', kind: 'foundation', country: 'IT', website: 'https://example.org', themes: ['education', 'youth'], sdgs: [4, 10] },
  });
  t.equal(create.statusCode, 201);
  const org = create.json();
  t.match(org, { name: 'Fondazione Esempio', kind: 'foundation', myRole: 'owner', themes: ['education', 'youth'], sdgs: [4, 10] });

  const colleague = await createUser(app);
  const invite = await app.inject({ method: 'POST', url: `/v1/organisations/${org.id}/invitations`, headers: owner.auth, payload: { email: colleague.email, role: 'manager' } });
  t.equal(invite.statusCode, 201);
  t.match(invite.json(), { email: colleague.email, role: 'manager', status: 'pending' });

  const token = await emailToken(app, colleague.email, 'organisation_invitation');
  const stranger = await createUser(app);
  const wrongPerson = await app.inject({ method: 'POST', url: '/v1/invitations/accept', headers: stranger.auth, payload: { token } });
  t.equal(wrongPerson.statusCode, 403, 'an invitation is for the invited address only');
  t.equal(wrongPerson.json().code, 'INVITATION_EMAIL_MISMATCH');

  const accept = await app.inject({ method: 'POST', url: '/v1/invitations/accept', headers: colleague.auth, payload: { token } });
  t.equal(accept.statusCode, 200);
  t.equal(accept.json().myRole, 'manager');
  const reuse = await app.inject({ method: 'POST', url: '/v1/invitations/accept', headers: colleague.auth, payload: { token } });
  t.equal(reuse.statusCode, 404);

  const members = await app.inject({ method: 'GET', url: `/v1/organisations/${org.id}/members`, headers: colleague.auth });
  t.equal(members.statusCode, 200);
  t.same(members.json().items.map((m: { role: string }) => m.role).sort(), ['manager', 'owner']);

  const mine = await app.inject({ method: 'GET', url: '/v1/me/organisations', headers: colleague.auth });
  t.same(mine.json().items.map((o: { id: string; myRole: string }) => [o.id, o.myRole]), [[org.id, 'manager']]);

  const publicProfile = await app.inject({ method: 'GET', url: `/v1/organisations/${org.id}` });
  t.equal(publicProfile.statusCode, 200, 'profiles are public');
  t.notOk('myRole' in publicProfile.json());
});

t.test('a member of organisation A cannot read or change B (404)', async (t) => {
  const { app } = await buildTestApp(t);
  const alice = await createUser(app);
  const bob = await createUser(app);
  const orgA = await createOrganisation(app, alice);
  const orgB = await createOrganisation(app, bob);
  const requests = [
    { method: 'GET' as const, url: `/v1/organisations/${orgB.id}/members` },
    { method: 'GET' as const, url: `/v1/organisations/${orgB.id}/invitations` },
    { method: 'PATCH' as const, url: `/v1/organisations/${orgB.id}`, payload: { name: 'Hijacked' } },
    { method: 'POST' as const, url: `/v1/organisations/${orgB.id}/invitations`, payload: { email: alice.email, role: 'owner' } },
    { method: 'PATCH' as const, url: `/v1/organisations/${orgB.id}/members/${bob.id}`, payload: { role: 'member' } },
    { method: 'DELETE' as const, url: `/v1/organisations/${orgB.id}/members/${bob.id}` },
  ];
  for (const r of requests) {
    const res = await app.inject({ ...r, headers: alice.auth });
    t.equal(res.statusCode, 404, `${r.method} ${r.url}`);
  }
  t.equal((await app.inject({ method: 'GET', url: `/v1/organisations/${orgB.id}` })).json().name, orgB.name, 'B is unchanged');
  t.equal((await app.inject({ method: 'GET', url: `/v1/organisations/${orgA.id}/members`, headers: alice.auth })).statusCode, 200);
});

t.test("a member cannot do a manager's job (403); a manager cannot touch owners", async (t) => {
  const { app } = await buildTestApp(t);
  const owner = await createUser(app);
  const manager = await createUser(app);
  const member = await createUser(app);
  const org = await createOrganisation(app, owner);
  await addMember(app, org, owner, manager, 'manager');
  await addMember(app, org, owner, member, 'member');

  const asMember = [
    { method: 'PATCH' as const, url: `/v1/organisations/${org.id}`, payload: { name: 'Renamed' } },
    { method: 'POST' as const, url: `/v1/organisations/${org.id}/invitations`, payload: { email: 'x@example.org', role: 'member' } },
    { method: 'GET' as const, url: `/v1/organisations/${org.id}/invitations` },
    { method: 'PATCH' as const, url: `/v1/organisations/${org.id}/members/${member.id}`, payload: { role: 'owner' } },
  ];
  for (const r of asMember) {
    const res = await app.inject({ ...r, headers: member.auth });
    t.equal(res.statusCode, 403, `member: ${r.method} ${r.url}`);
    t.equal(res.json().code, 'FORBIDDEN');
  }
  const inviteOwner = await app.inject({ method: 'POST', url: `/v1/organisations/${org.id}/invitations`, headers: manager.auth, payload: { email: 'y@example.org', role: 'owner' } });
  t.equal(inviteOwner.statusCode, 403, 'a manager cannot create owners');
  const demoteOwner = await app.inject({ method: 'PATCH', url: `/v1/organisations/${org.id}/members/${owner.id}`, headers: manager.auth, payload: { role: 'member' } });
  t.equal(demoteOwner.statusCode, 403);
  const promote = await app.inject({ method: 'PATCH', url: `/v1/organisations/${org.id}/members/${member.id}`, headers: manager.auth, payload: { role: 'manager' } });
  t.equal(promote.statusCode, 200);
  t.equal(promote.json().role, 'manager');
  const rename = await app.inject({ method: 'PATCH', url: `/v1/organisations/${org.id}`, headers: manager.auth, payload: { description: 'We build things' } });
  t.equal(rename.statusCode, 200);
});

t.test('the last owner cannot leave or be demoted; with two owners one may go', async (t) => {
  const { app } = await buildTestApp(t);
  const owner = await createUser(app);
  const org = await createOrganisation(app, owner);
  const leave = await app.inject({ method: 'DELETE', url: `/v1/organisations/${org.id}/members/${owner.id}`, headers: owner.auth });
  t.equal(leave.statusCode, 409);
  t.equal(leave.json().code, 'LAST_OWNER');
  const demote = await app.inject({ method: 'PATCH', url: `/v1/organisations/${org.id}/members/${owner.id}`, headers: owner.auth, payload: { role: 'manager' } });
  t.equal(demote.statusCode, 409);

  const second = await createUser(app);
  await addMember(app, org, owner, second, 'owner');
  const ok = await app.inject({ method: 'DELETE', url: `/v1/organisations/${org.id}/members/${owner.id}`, headers: owner.auth });
  t.equal(ok.statusCode, 204);
  const members = await app.inject({ method: 'GET', url: `/v1/organisations/${org.id}/members`, headers: second.auth });
  t.same(members.json().items.map((m: { userId: string; role: string }) => [m.userId, m.role]), [[second.id, 'owner']]);
});

t.test('two owners leaving at the same time: one stays', async (t) => {
  const { app } = await buildTestApp(t);
  for (let round = 0; round < 3; round++) {
    const a = await createUser(app);
    const b = await createUser(app);
    const org = await createOrganisation(app, a);
    await addMember(app, org, a, b, 'owner');
    const [ra, rb] = await Promise.all([
      app.inject({ method: 'DELETE', url: `/v1/organisations/${org.id}/members/${a.id}`, headers: a.auth }),
      app.inject({ method: 'DELETE', url: `/v1/organisations/${org.id}/members/${b.id}`, headers: b.auth }),
    ]);
    t.same([ra.statusCode, rb.statusCode].sort(), [204, 409], `round ${round}`);
  }
});

t.test('mass assignment on organisations is refused', async (t) => {
  const { app } = await buildTestApp(t);
  const owner = await createUser(app);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/organisations',
    headers: owner.auth,
    payload: { name: 'Org', kind: 'cartel', country: 'IT', id: '00000000-0000-0000-0000-000000000000', createdAt: '2000-01-01T00:00:00Z' },
  });
  t.equal(res.statusCode, 422);
  t.same(res.json().errors.map((e: { field: string }) => e.field).sort(), ['createdAt', 'id', 'kind']);
  const org = await createOrganisation(app, owner);
  const accept = await app.inject({ method: 'POST', url: '/v1/invitations/accept', headers: owner.auth, payload: { token: 'x', organisationId: org.id, role: 'owner' } });
  t.equal(accept.statusCode, 422);
});

t.test('platform admin comes from configuration for a verified address, never from the API', async (t) => {
  const { app } = await buildTestApp(t);
  const user = await createUser(app, { verified: false });
  const { app: configured } = await buildTestApp(t, { env: { ADMIN_EMAILS: user.email } });
  const unverified = await login(configured, user.email, user.password);
  t.equal((await configured.inject({ method: 'GET', url: '/v1/me', headers: unverified.auth })).json().isAdmin, false, 'an unverified address is not trusted');
  await app.database.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
  const admin = await login(configured, user.email, user.password);
  t.equal((await configured.inject({ method: 'GET', url: '/v1/me', headers: admin.auth })).json().isAdmin, true);
  // An admin moderates: it may read any organisation's members.
  const other = await createUser(app);
  const org = await createOrganisation(app, other);
  t.equal((await configured.inject({ method: 'GET', url: `/v1/organisations/${org.id}/members`, headers: admin.auth })).statusCode, 200);
});
