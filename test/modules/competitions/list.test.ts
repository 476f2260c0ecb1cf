import t, { type Test } from 'tap';
import { eq, sql } from 'drizzle-orm';
import { competitions } from '../../../src/db/schema/index.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { closedCompetition, competitionBody, createCompetition, daysFromNow, publishCompetition } from '../../helpers/competitions.js';
import { addMember, createOrganisation, createUser } from '../../helpers/factories.js';

const { app } = await buildFeatureApp(t);
const owner = await createUser(app);
const org = await createOrganisation(app, owner);
const member = await createUser(app);
await addMember(app, org, owner, member, 'member');
const otherOwner = await createUser(app);
const otherOrg = await createOrganisation(app, otherOwner);

type Summary = { id: string; title: string; phase: string; status: string; timing: { closesAt: string }; publishedAt: string };
const list = async (query: string, headers: Record<string, string> = {}) => {
  const res = await app.inject({ url: `/v1/competitions${query}`, headers });
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as { items: Summary[]; nextCursor: string | null };
};
const ids = (page: { items: Summary[] }) => page.items.map((c) => c.id).sort();

/** Walks every page; fails on a repeated id. */
async function walk(t: Test, query: string, limit: number): Promise<Summary[]> {
  const seen: Summary[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await list(`${query}${query.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    t.ok(page.items.length <= limit);
    seen.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  t.equal(new Set(seen.map((c) => c.id)).size, seen.length, 'no duplicates across pages');
  return seen;
}

// A world of competitions: open, upcoming, closed, in judging, a draft and an archived one.
const anywhere = { allowedCountries: [], minTeamSize: 1, maxTeamSize: 1, maxProposalsPerApplicant: 1 };
const make = async (overrides: Record<string, unknown>, publish = true, user = owner, organisationId = org.id) => {
  const c = await createCompetition(app, user, organisationId, { eligibility: anywhere, ...overrides });
  if (publish) await publishCompetition(app, user, c.id);
  return c;
};
const open1 = await make({ themes: ['education'], countries: ['IT'], timing: { opensAt: daysFromNow(-3), closesAt: daysFromNow(10), timezone: 'UTC' } });
const open2 = await make({ themes: ['health'], countries: ['FR'], eligibility: { allowedCountries: ['DE', 'AT'], minTeamSize: 1, maxTeamSize: 1, maxProposalsPerApplicant: 1 }, timing: { opensAt: daysFromNow(-3), closesAt: daysFromNow(5), timezone: 'UTC' } });
const upcoming = await make({ themes: ['education', 'digital'], countries: ['PL'], eligibility: { allowedCountries: [], minTeamSize: 1, maxTeamSize: 1, maxProposalsPerApplicant: 1 }, timing: { opensAt: daysFromNow(3), closesAt: daysFromNow(20), timezone: 'UTC' } });
const makeClosed = (overrides: Record<string, unknown>, status: 'published' | 'judging') =>
  closedCompetition(app, { organiser: owner, organisation: org, status, body: { eligibility: anywhere, ...overrides } }).then((w) => ({ id: w.competitionId }));
const closed = await makeClosed({ themes: ['housing'], countries: ['IT'] }, 'published');
const judged = await makeClosed({ themes: ['culture'], countries: ['DE'] }, 'judging');
const draft = await make({ themes: ['education'] }, false);
const archived = await make({ themes: ['education'] });
await app.inject({ method: 'POST', url: `/v1/competitions/${archived.id}/archive`, headers: owner.auth });
const foreign = await make({ themes: ['mobility'], countries: ['SK'], timing: { opensAt: daysFromNow(-1), closesAt: daysFromNow(15), timezone: 'UTC' } }, true, otherOwner, otherOrg.id);
const foreignDraft = await make({}, false, otherOwner, otherOrg.id);
const publicIds = [open1, open2, upcoming, closed, judged, foreign].map((c) => c.id).sort();

t.test('the public list shows published, judging and results only, with their phase', async (t) => {
  const page = await list('?limit=100');
  t.same(ids(page), publicIds, 'no drafts, no archived');
  const byId = new Map(page.items.map((c) => [c.id, c]));
  t.equal(byId.get(open1.id)?.phase, 'open');
  t.equal(byId.get(upcoming.id)?.phase, 'upcoming');
  t.equal(byId.get(closed.id)?.phase, 'closed');
  t.match(byId.get(judged.id), { status: 'judging', phase: 'closed' });
  t.equal(page.nextCursor, null);
  t.notOk(ids(await list('?limit=100', owner.auth)).includes(draft.id), 'the public list stays public for organisers too');
});

t.test('filters', async (t) => {
  t.same(ids(await list('?phase=open')), [open1.id, open2.id, foreign.id].sort());
  t.same(ids(await list('?phase=upcoming')), [upcoming.id]);
  t.same(ids(await list('?phase=closed')), [closed.id, judged.id].sort(), 'closed includes judging');
  t.same(ids(await list('?status=judging')), [judged.id]);
  t.same(ids(await list(`?organisationId=${otherOrg.id}`)), [foreign.id]);
  t.same(ids(await list('?theme=education')), [open1.id, upcoming.id].sort());
  t.same(ids(await list('?country=IT')), [open1.id, closed.id].sort(), 'by the competition’s countries…');
  t.same(ids(await list('?country=AT')), [open2.id], '…or its eligible countries');
  t.same(ids(await list('?country=DE&phase=open')), [open2.id], 'filters combine');
  t.same(ids(await list('?theme=poverty')), []);

  const bad = await app.inject({ url: '/v1/competitions?status=draft&phase=soon&limit=101&country=it' });
  t.equal(bad.statusCode, 422);
  t.same(new Set(bad.json().errors.map((e: { field: string }) => e.field)), new Set(['status', 'phase', 'limit', 'country']));
});

t.test('closing soon: cursor pages walk everything once, in order', async (t) => {
  const all = await walk(t, '', 2);
  t.same(all.map((c) => c.id).sort(), publicIds);
  const order = all.map((c) => new Date(c.timing.closesAt).getTime());
  t.same(order, [...order].sort((a, b) => a - b), 'ascending closing instant');
  t.equal(all[0]?.id === closed.id || all[0]?.id === judged.id, true, 'the already closed come first');
});

t.test('newest first, with ties broken by id', async (t) => {
  // Give three competitions the same publication instant: only the id orders them.
  await app.database.db.update(competitions).set({ publishedAt: sql`'2030-01-01T00:00:00Z'` }).where(sql`${competitions.id} in (${open1.id}, ${open2.id}, ${closed.id})`);
  for (const limit of [1, 2, 4]) {
    const all = await walk(t, '?sort=newest', limit);
    t.same(all.map((c) => c.id).sort(), publicIds, `limit ${limit}: all of them`);
    const tied = all.filter((c) => [open1.id, open2.id, closed.id].includes(c.id)).map((c) => c.id);
    t.same(tied, [...tied].sort().reverse(), 'ties in descending id order');
    t.same(all.slice(0, 3).map((c) => c.id).sort(), [open1.id, open2.id, closed.id].sort(), 'the newest first');
  }
  await app.database.db.update(competitions).set({ publishedAt: sql`now()` }).where(eq(competitions.id, open1.id));
});

t.test('cursors are opaque and checked', async (t) => {
  const first = await list('?limit=2');
  t.type(first.nextCursor, 'string');
  const wrongSort = await app.inject({ url: `/v1/competitions?sort=newest&cursor=${first.nextCursor}` });
  t.equal(wrongSort.statusCode, 422);
  t.equal(wrongSort.json().errors[0].field, 'cursor');
  for (const cursor of ['garbage', Buffer.from('{"s":"closing_soon","k":"1; drop table x","id":"x"}').toString('base64url')]) {
    const res = await app.inject({ url: `/v1/competitions?cursor=${cursor}` });
    t.equal(res.statusCode, 422, `refused: ${cursor.slice(0, 12)}`);
  }
});

t.test('an organisation lists its own competitions, drafts included, to members only', async (t) => {
  const url = `/v1/organisations/${org.id}/competitions`;
  const mine = await app.inject({ url: `${url}?limit=100`, headers: member.auth });
  t.equal(mine.statusCode, 200);
  t.same(mine.json().items.map((c: Summary) => c.id).sort(), [open1, open2, upcoming, closed, judged, draft, archived].map((c) => c.id).sort());
  const drafts = await app.inject({ url: `${url}?status=draft`, headers: owner.auth });
  t.same(drafts.json().items.map((c: Summary) => c.id), [draft.id]);
  t.equal((await app.inject({ url, headers: otherOwner.auth })).statusCode, 404, 'another organisation’s organiser');
  t.equal((await app.inject({ url })).statusCode, 401);
  t.notOk(JSON.stringify(mine.json()).includes(foreignDraft.id));
});

t.test('a date-only closing day shows its exact instant in lists too', async (t) => {
  const c = await make(competitionBody({ themes: ['ageing'], timing: { opensAt: daysFromNow(-1), closesAt: '2099-10-31', timezone: 'Europe/Rome' } }));
  const [item] = (await list('?theme=ageing')).items;
  t.equal(item?.id, c.id);
  t.equal(item?.timing.closesAt, '2099-10-31T23:00:00.000Z');
});
