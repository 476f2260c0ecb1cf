import t from 'tap';
import { transaction } from '../../../src/db/unit-of-work.js';
import { createServices } from '../../../src/services.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { competitionBody, createCompetition, createDraft, daysFromNow, eventsOf, moveWindow, publishCompetition } from '../../helpers/competitions.js';
import { addMember, createOrganisation, createUser } from '../../helpers/factories.js';

const { app } = await buildFeatureApp(t);
const services = createServices({ config: app.config, database: app.database, signAccessToken: app.signAccessToken });
/** What the proposals feature sees inside its transaction. */
const lockWindow = (competitionId: string, userId: string) => transaction(app.database.db, () => services.competitions.lockSubmissionWindow(competitionId, userId));
const owner = await createUser(app);
const org = await createOrganisation(app, owner);
const member = await createUser(app);
await addMember(app, org, owner, member, 'member');
const outsider = await createUser(app);
await createOrganisation(app, outsider);
const applicant = await createUser(app);

const post = (id: string, path: string, payload?: object, user = owner, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/v1/competitions/${id}/${path}`, headers: { ...user.auth, ...headers }, ...(payload ? { payload } : {}) });
const get = (id: string) => app.inject({ url: `/v1/competitions/${id}` });

t.test('the phase is derived from the database clock while published', async (t) => {
  const upcoming = await createCompetition(app, owner, org.id, { timing: { opensAt: daysFromNow(2), closesAt: daysFromNow(9), timezone: 'UTC' } });
  const open = await createCompetition(app, owner, org.id, { timing: { opensAt: daysFromNow(-2), closesAt: daysFromNow(9), timezone: 'UTC' } });
  const closing = await createCompetition(app, owner, org.id, { timing: { opensAt: daysFromNow(-2), closesAt: daysFromNow(9), timezone: 'UTC', gracePeriodSeconds: 600 } });
  for (const c of [upcoming, open, closing]) await publishCompetition(app, owner, c.id);

  t.equal((await get(upcoming.id)).json().phase, 'upcoming');
  t.equal((await get(open.id)).json().phase, 'open');

  // Closed 5 minutes ago, but inside the 10-minute grace period: still open.
  await moveWindow(app, closing.id, { opensInSeconds: -86_400, closesInSeconds: -300 });
  t.equal((await get(closing.id)).json().phase, 'open', 'the grace window counts as open');
  await moveWindow(app, closing.id, { opensInSeconds: -86_400, closesInSeconds: -601 });
  const closed = (await get(closing.id)).json();
  t.equal(closed.phase, 'closed');
  t.ok(new Date(closed.timing.effectiveClosesAt).getTime() < Date.now() + 5_000);
});

t.test('publishing needs a complete competition and happens once', async (t) => {
  const bare = await createCompetition(app, owner, org.id, { summary: '', form: [], rubric: [], judging: {} });
  const incomplete = await post(bare.id, 'publish');
  t.equal(incomplete.statusCode, 422);
  t.equal(incomplete.json().code, 'COMPETITION_INCOMPLETE');
  t.same(new Set(incomplete.json().errors.map((e: { field: string }) => e.field)), new Set(['summary', 'form', 'rubric']));

  const past = await createCompetition(app, owner, org.id, { timing: { opensAt: daysFromNow(-10), closesAt: daysFromNow(-1), timezone: 'UTC' } });
  const late = await post(past.id, 'publish');
  t.equal(late.statusCode, 422);
  t.same(late.json().errors.map((e: { field: string }) => e.field), ['timing.closesAt']);

  const c = await createCompetition(app, owner, org.id);
  t.equal((await post(c.id, 'publish', undefined, owner, { 'if-match': '"v7"' })).statusCode, 412, 'If-Match applies to transitions');
  // Two publishes at once: the row lock and the status guard let exactly one through.
  const both = await Promise.all([post(c.id, 'publish'), post(c.id, 'publish')]);
  t.same(both.map((r) => r.statusCode).sort(), [200, 409]);
  const second = both.find((r) => r.statusCode === 409)!.json();
  t.equal(second.code, 'INVALID_TRANSITION');
  const published = (await get(c.id)).json();
  t.equal(published.status, 'published');
  t.ok(published.publishedAt);
  t.equal(published.version, 2);
  t.same((await eventsOf(app, c.id)).map((e) => e.type), ['competition.published'], 'one event');
});

t.test('judging starts only once closed, grace and individual extensions included', async (t) => {
  const draft = await createCompetition(app, owner, org.id);
  t.equal((await post(draft.id, 'start-judging')).json().code, 'INVALID_TRANSITION', 'not from draft');

  const c = await createCompetition(app, owner, org.id, { timing: { opensAt: daysFromNow(-5), closesAt: daysFromNow(5), timezone: 'Europe/Rome', gracePeriodSeconds: 60 } });
  await publishCompetition(app, owner, c.id);
  const open = await post(c.id, 'start-judging');
  t.equal(open.statusCode, 409);
  t.equal(open.json().code, 'COMPETITION_NOT_CLOSED');

  // Extensions are for applicants: users with a proposal in the competition.
  await createDraft(app, applicant, c.id);
  const grant = await app.inject({
    method: 'PUT',
    url: `/v1/competitions/${c.id}/extensions/${applicant.id}`,
    headers: owner.auth,
    payload: { closesAt: daysFromNow(7), reason: 'Hospitalised during the last week' },
  });
  t.equal(grant.statusCode, 201);

  await moveWindow(app, c.id, { opensInSeconds: -86_400 * 5, closesInSeconds: -30 });
  t.equal((await post(c.id, 'start-judging')).json().code, 'COMPETITION_NOT_CLOSED', 'inside the grace period');
  await moveWindow(app, c.id, { opensInSeconds: -86_400 * 5, closesInSeconds: -61 });
  const running = await post(c.id, 'start-judging');
  t.equal(running.statusCode, 409);
  t.equal(running.json().code, 'EXTENSIONS_RUNNING');
  t.equal(running.json().runningExtensions, 1);

  t.equal((await app.inject({ method: 'DELETE', url: `/v1/competitions/${c.id}/extensions/${applicant.id}`, headers: owner.auth })).statusCode, 204);
  const judging = await post(c.id, 'start-judging');
  t.equal(judging.statusCode, 200, judging.body);
  t.equal(judging.json().status, 'judging');
  t.equal(judging.json().phase, 'closed');
  t.equal((await post(c.id, 'extend', { closesAt: daysFromNow(10) })).json().code, 'COMPETITION_NOT_PUBLISHED', 'no extension during judging');
  t.equal(
    (await app.inject({ method: 'PATCH', url: `/v1/competitions/${c.id}`, headers: owner.auth, payload: { rubric: [] } })).json().code,
    'RULES_FROZEN',
    'the rubric is fixed once judging starts',
  );
  t.ok((await eventsOf(app, c.id)).some((e) => e.type === 'competition.judging_started'));
});

t.test('extending the deadline: later only, audited, with an event', async (t) => {
  const draft = await createCompetition(app, owner, org.id);
  t.equal((await post(draft.id, 'extend', { closesAt: daysFromNow(60) })).json().code, 'COMPETITION_NOT_PUBLISHED');

  const c = await createCompetition(app, owner, org.id, { timing: { opensAt: daysFromNow(-1), closesAt: '2099-10-31', timezone: 'Europe/Rome' } });
  await publishCompetition(app, owner, c.id);
  const earlier = await post(c.id, 'extend', { closesAt: '2099-10-30' });
  t.equal(earlier.statusCode, 409);
  t.equal(earlier.json().code, 'CLOSES_AT_NOT_EXTENDABLE');
  t.equal(earlier.json().closesAt, '2099-10-31T23:00:00.000Z');
  t.equal((await post(c.id, 'extend', { closesAt: '2099-10-31' })).statusCode, 409, 'the same instant is not an extension');
  t.equal((await post(c.id, 'extend', { closesAt: '2099-11-07' }, member)).statusCode, 403);
  t.equal((await post(c.id, 'extend', { closesAt: '2099-11-07' }, outsider)).statusCode, 404);

  const extended = await post(c.id, 'extend', { closesAt: '2099-11-07', reason: 'More time for schools' });
  t.equal(extended.statusCode, 200, extended.body);
  t.equal(extended.json().timing.closesAt, '2099-11-07T23:00:00.000Z', 'the end of 7 November in Rome');
  t.equal(extended.headers.etag, `"v${extended.json().version}"`);

  const events = await eventsOf(app, c.id);
  const event = events.find((e) => e.type === 'competition.extended');
  t.match(event?.payload, { previousClosesAt: '2099-10-31T23:00:00.000Z', closesAt: '2099-11-07T23:00:00.000Z' });
  const audit = (await app.inject({ url: `/v1/competitions/${c.id}/audit`, headers: owner.auth })).json();
  t.match(audit.items.find((e: { action: string }) => e.action === 'competition.extended'), {
    actorId: owner.id,
    data: { previousClosesAt: '2099-10-31T23:00:00.000Z', closesAt: '2099-11-07T23:00:00.000Z', reason: 'More time for schools' },
  });
});

t.test('individual extensions: granted, replaced, listed, revoked; honoured by the submission lock', async (t) => {
  const c = await createCompetition(app, owner, org.id, { timing: { opensAt: daysFromNow(-5), closesAt: daysFromNow(3), timezone: 'UTC', gracePeriodSeconds: 120 } });
  await publishCompetition(app, owner, c.id);
  const url = `/v1/competitions/${c.id}/extensions/${applicant.id}`;
  const put = (payload: object, user = owner) => app.inject({ method: 'PUT', url, headers: user.auth, payload });
  await createDraft(app, applicant, c.id);

  const early = await put({ closesAt: daysFromNow(2), reason: 'too early' });
  t.equal(early.statusCode, 422, 'must be later than the competition closes');
  t.same(early.json().errors.map((e: { field: string }) => e.field), ['closesAt']);
  t.equal((await put({ closesAt: daysFromNow(5), reason: 'no' }, member)).statusCode, 403);
  t.equal((await put({ closesAt: daysFromNow(5), reason: 'no' }, outsider)).statusCode, 404);
  const unknownUser = await app.inject({
    method: 'PUT',
    url: `/v1/competitions/${c.id}/extensions/00000000-0000-4000-8000-000000000000`,
    headers: owner.auth,
    payload: { closesAt: daysFromNow(5), reason: 'ghost' },
  });
  t.equal(unknownUser.statusCode, 404);
  t.equal(unknownUser.json().code, 'USER_NOT_FOUND');

  const closesAt = daysFromNow(5);
  const granted = await put({ closesAt, reason: 'Illness' });
  t.equal(granted.statusCode, 201, granted.body);
  t.match(granted.json(), { userId: applicant.id, closesAt, reason: 'Illness', grantedBy: owner.id });
  t.equal(new Date(granted.json().effectiveClosesAt).getTime() - new Date(closesAt).getTime(), 120_000, 'grace applies on top');

  const replaced = await put({ closesAt: daysFromNow(6), reason: 'Illness, longer' });
  t.equal(replaced.statusCode, 200, 'granting again replaces');
  const list = await app.inject({ url: `/v1/competitions/${c.id}/extensions`, headers: owner.auth });
  t.equal(list.statusCode, 200);
  t.equal(list.json().items.length, 1);
  t.equal(list.json().items[0].reason, 'Illness, longer');
  t.equal((await app.inject({ url: `/v1/competitions/${c.id}/extensions`, headers: member.auth })).statusCode, 403);

  // What the proposals feature sees inside its transaction.
  await moveWindow(app, c.id, { opensInSeconds: -86_400 * 5, closesInSeconds: -3600 });
  const mine = await lockWindow(c.id, applicant.id);
  t.equal(mine.phase, 'open', 'the competition closed an hour ago, but not for this applicant');
  t.ok(mine.dbNow.getTime() < mine.deadline.getTime(), 'not late');
  t.ok(mine.deadline.getTime() > mine.closesAt.getTime(), 'the extension is the deadline');
  const other = await lockWindow(c.id, owner.id);
  t.equal(other.phase, 'closed');
  t.same(other.deadline, other.closesAt);
  t.ok(other.dbNow.getTime() >= other.effectiveClosesAt.getTime());

  t.equal((await app.inject({ method: 'DELETE', url, headers: owner.auth })).statusCode, 204);
  t.equal((await app.inject({ method: 'DELETE', url, headers: owner.auth })).statusCode, 404);
  const after = await lockWindow(c.id, applicant.id);
  t.equal(after.phase, 'closed', 'revoked: closed for them too');

  const types = (await eventsOf(app, c.id)).map((e) => e.type);
  t.same(types.filter((e) => e.startsWith('competition.extension')), ['competition.extension_granted', 'competition.extension_granted', 'competition.extension_revoked']);
});

t.test('the submission lock refuses drafts and unknown competitions', async (t) => {
  const draft = await createCompetition(app, owner, org.id);
  const statusOf = (p: Promise<unknown>) => p.then(() => 200, (err: { status?: number }) => err.status);
  t.equal(await statusOf(lockWindow(draft.id, applicant.id)), 404);
  t.equal(await statusOf(lockWindow('00000000-0000-4000-8000-000000000000', applicant.id)), 404);
  await t.rejects(services.competitions.lockSubmissionWindow(draft.id, applicant.id), /needs a transaction/, 'a lock outside a transaction would be no lock');
  await publishCompetition(app, owner, draft.id);
  await services.competitions.freezeRules(draft.id);
  const frozen = await lockWindow(draft.id, applicant.id);
  t.ok(frozen.rulesFrozenAt, 'freezeRules sets rules_frozen_at');
  await transaction(app.database.db, () => services.competitions.freezeRules(draft.id));
  const again = await lockWindow(draft.id, applicant.id);
  t.same(again.rulesFrozenAt, frozen.rulesFrozenAt, 'only the first time');
});

t.test('archiving ends everything; published ones stay readable', async (t) => {
  const c = await createCompetition(app, owner, org.id);
  await publishCompetition(app, owner, c.id);
  const archived = await post(c.id, 'archive', { reason: 'Cancelled by the partnership' });
  t.equal(archived.statusCode, 200);
  t.equal(archived.json().status, 'archived');
  t.equal(archived.json().phase, 'closed');
  t.equal((await post(c.id, 'archive')).json().code, 'INVALID_TRANSITION');
  t.equal((await app.inject({ method: 'PATCH', url: `/v1/competitions/${c.id}`, headers: owner.auth, payload: { title: 'x'.repeat(5) } })).json().code, 'COMPETITION_ARCHIVED');
  t.equal((await get(c.id)).statusCode, 200, 'it was published, so it stays public');

  const draft = await createCompetition(app, owner, org.id);
  t.equal((await post(draft.id, 'archive')).statusCode, 200);
  t.equal((await get(draft.id)).statusCode, 404, 'an archived draft was never public');
  const audit = (await app.inject({ url: `/v1/competitions/${c.id}/audit`, headers: owner.auth })).json();
  t.match(audit.items.at(-1), { action: 'competition.archived', data: { from: 'published', to: 'archived', reason: 'Cancelled by the partnership' } });
});

t.test('the audit log records every consequential action and its chain verifies', async (t) => {
  const c = await createCompetition(app, owner, org.id, competitionBody({ timing: { opensAt: daysFromNow(-1), closesAt: daysFromNow(20), timezone: 'UTC' } }));
  await publishCompetition(app, owner, c.id);
  await post(c.id, 'extend', { closesAt: daysFromNow(25) });
  await createDraft(app, applicant, c.id);
  await app.inject({ method: 'PUT', url: `/v1/competitions/${c.id}/extensions/${applicant.id}`, headers: owner.auth, payload: { closesAt: daysFromNow(30), reason: 'r' } });

  const before = await app.inject({ url: `/v1/competitions/${c.id}/audit/verify`, headers: owner.auth });
  t.equal(before.statusCode, 200);
  t.match(before.json(), { competitionId: c.id, valid: true, sealedCount: 0, unsealedCount: 4 }, 'appended, not yet chained');

  await app.auditSealer.sealNow({ wait: true });
  const verified = (await app.inject({ url: `/v1/competitions/${c.id}/audit/verify`, headers: owner.auth })).json();
  t.match(verified, { valid: true, sealedCount: 4, unsealedCount: 0, headSeq: 4 });
  t.match(verified.headHash, /^[0-9a-f]{64}$/);

  const page1 = await app.inject({ url: `/v1/competitions/${c.id}/audit?limit=3`, headers: owner.auth });
  t.equal(page1.statusCode, 200);
  t.same(page1.json().items.map((e: { action: string }) => e.action), ['competition.created', 'competition.published', 'competition.extended']);
  t.ok(page1.json().items.every((e: { seal: unknown }) => e.seal !== null));
  const page2 = await app.inject({ url: `/v1/competitions/${c.id}/audit?limit=3&cursor=${page1.json().nextCursor}`, headers: owner.auth });
  t.same(page2.json().items.map((e: { action: string }) => e.action), ['competition.extension_granted']);
  t.equal(page2.json().nextCursor, null);

  t.equal((await app.inject({ url: `/v1/competitions/${c.id}/audit`, headers: outsider.auth })).statusCode, 404);
  t.equal((await app.inject({ url: `/v1/competitions/${c.id}/audit/verify`, headers: member.auth })).statusCode, 403);
  t.equal((await app.inject({ url: `/v1/competitions/${c.id}/audit` })).statusCode, 401);
});
