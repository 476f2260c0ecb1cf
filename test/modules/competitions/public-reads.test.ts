import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import t from 'tap';
import { buildFeatureApp } from '../../helpers/app.js';
import { createCompetition, daysFromNow, moveWindow, publishCompetition } from '../../helpers/competitions.js';
import { addMember, createOrganisation, createUser } from '../../helpers/factories.js';

// The public read path (docs/read-path.md): conditional GET, Cache-Control per route,
// compression, and the organisation's public page.

const { app } = await buildFeatureApp(t);
const owner = await createUser(app);
const org = await createOrganisation(app, owner, { description: 'We fund young makers', website: 'https://makers.example' });
const member = await createUser(app);
await addMember(app, org, owner, member, 'member');

const open = async (overrides: Record<string, unknown> = {}) => {
  const c = await createCompetition(app, owner, org.id, overrides);
  await publishCompetition(app, owner, c.id);
  return c as { id: string };
};
const published = await open({ title: 'Makers of Trieste', timing: { opensAt: daysFromNow(-1), closesAt: daysFromNow(10), timezone: 'Europe/Rome' } });
const published2 = await open({ title: 'Makers of Graz', timing: { opensAt: daysFromNow(-1), closesAt: daysFromNow(20), timezone: 'Europe/Vienna' } });
const draft = (await createCompetition(app, owner, org.id, { title: 'Secret plans' })) as { id: string };

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });

t.test('a competition answers 304 to its current ETag, 200 to a stale one, and a new ETag after an edit', async (t) => {
  const url = `/v1/competitions/${published.id}`;
  const first = await get(url);
  t.equal(first.statusCode, 200);
  const etag = first.headers.etag as string;
  t.match(etag, /^"v\d+-open"$/, 'strong, names the version and the phase');

  const again = await get(url, { 'if-none-match': etag });
  t.equal(again.statusCode, 304);
  t.equal(again.body, '', 'no body');
  t.equal(again.headers.etag, etag, 'the 304 carries the tag');
  t.equal(again.headers['cache-control'], 'public, no-cache', 'and the caching rules');
  t.equal((await get(url, { 'if-none-match': `W/${etag}` })).statusCode, 304, 'If-None-Match compares weakly (RFC 9110)');
  t.equal((await get(url, { 'if-none-match': `"v0-open", ${etag}` })).statusCode, 304, 'any tag of a list');

  const stale = await get(url, { 'if-none-match': '"v0-open"' });
  t.equal(stale.statusCode, 200, 'a stale tag gets the answer');
  t.equal(stale.json().title, 'Makers of Trieste');

  const edited = await app.inject({ method: 'PATCH', url, headers: owner.auth, payload: { title: 'Makers of Trieste and Koper' } });
  t.equal(edited.statusCode, 200);
  const after = await get(url, { 'if-none-match': etag });
  t.equal(after.statusCode, 200, 'the old tag no longer matches');
  t.equal(after.json().title, 'Makers of Trieste and Koper', 'the edit shows at once');
  t.not(after.headers.etag, etag);

  // If-Match takes the read's tag as well as the version's.
  const patched = await app.inject({ method: 'PATCH', url, headers: { ...owner.auth, 'if-match': after.headers.etag as string }, payload: { summary: 'New summary' } });
  t.equal(patched.statusCode, 200, 'the read ETag is a valid If-Match');
  const refused = await app.inject({ method: 'PATCH', url, headers: { ...owner.auth, 'if-match': after.headers.etag as string }, payload: { summary: 'Newer' } });
  t.equal(refused.statusCode, 412, 'and a stale one is refused');
});

t.test('the phase is part of the answer and its ETag: when the clock closes a competition, the old tag stops matching', async (t) => {
  const c = await open({ title: 'Closing soon' });
  const url = `/v1/competitions/${c.id}`;
  const before = await get(url);
  t.equal(before.json().phase, 'open');
  await moveWindow(app, c.id, { closesInSeconds: -3600 });
  const after = await get(url, { 'if-none-match': before.headers.etag as string });
  t.equal(after.statusCode, 200);
  t.equal(after.json().phase, 'closed', 'no cached view outlives its phase');
  t.match(after.headers.etag, /-closed"$/);
});

t.test('Cache-Control per route: public reads shared, personal ones no-store', async (t) => {
  const single = await get(`/v1/competitions/${published.id}`);
  t.equal(single.headers['cache-control'], 'public, no-cache', 'a single read: stored, revalidated each time');
  t.match(single.headers.vary, /authorization/, 'its answer depends on credentials (drafts for members)');
  t.match(single.headers.vary, /accept-encoding/);

  const list = await get('/v1/competitions');
  t.equal(list.headers['cache-control'], 'public, max-age=10, stale-while-revalidate=30', 'a list: shared, short-lived');
  t.ok(list.headers.etag, 'with a strong ETag of its bytes');
  t.equal((await get('/v1/competitions', { 'if-none-match': list.headers.etag as string })).statusCode, 304);

  const page = await get(`/v1/organisations/${org.id}/public`);
  t.equal(page.headers['cache-control'], 'public, max-age=10, stale-while-revalidate=30');

  const asMember = await get(`/v1/competitions/${draft.id}`, member.auth);
  t.equal(asMember.statusCode, 200, 'a member reads the draft');
  t.equal(asMember.headers['cache-control'], 'no-store', 'a draft read with a bearer token is never stored');
  t.match(asMember.headers.vary, /authorization/);
  const publishedWithToken = await get(`/v1/competitions/${published.id}`, member.auth);
  t.equal(publishedWithToken.headers['cache-control'], 'no-store', 'nothing sent with credentials is cacheable');

  const hidden = await get(`/v1/competitions/${draft.id}`);
  t.equal(hidden.statusCode, 404);
  t.equal(hidden.headers['cache-control'], 'no-cache', 'a 404 for a draft must not outlive its publication');

  const mine = await get('/v1/me/organisations', owner.auth);
  t.equal(mine.headers['cache-control'], 'no-store', 'personal data');
});

t.test('large bodies are compressed when the client accepts it; small ones never', async (t) => {
  const plain = await get('/v1/competitions?limit=50');
  t.notOk(plain.headers['content-encoding'], 'no Accept-Encoding, no compression');
  t.ok(plain.rawPayload.length > 1024, 'the list is above the threshold');

  const gzip = await get('/v1/competitions?limit=50', { 'accept-encoding': 'gzip' });
  t.equal(gzip.headers['content-encoding'], 'gzip');
  t.match(gzip.headers.vary, /accept-encoding/);
  t.ok(gzip.rawPayload.length < plain.rawPayload.length / 2, `smaller (${gzip.rawPayload.length} < ${plain.rawPayload.length} bytes)`);
  t.same(JSON.parse(gunzipSync(gzip.rawPayload).toString('utf8')), plain.json(), 'the same answer');

  const br = await get(`/v1/competitions/${published2.id}`, { 'accept-encoding': 'br' });
  t.equal(br.headers['content-encoding'], 'br');
  t.same(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8')), (await get(`/v1/competitions/${published2.id}`)).json());

  const gz = await get(`/v1/competitions/${published2.id}`, { 'accept-encoding': 'gzip;q=0.5, br;q=0' });
  t.equal(gz.headers['content-encoding'], 'gzip', 'the client\'s preference is followed');
  await app.inject({ method: 'PATCH', url: `/v1/competitions/${published2.id}`, headers: owner.auth, payload: { title: 'Makers of Graz and Maribor' } });
  const editedBr = await get(`/v1/competitions/${published2.id}`, { 'accept-encoding': 'br' });
  t.equal(JSON.parse(brotliDecompressSync(editedBr.rawPayload).toString('utf8')).title, 'Makers of Graz and Maribor', 'a compressed answer is never an old one');
  t.not(editedBr.headers.etag, br.headers.etag);

  const small = await get('/health/live', { 'accept-encoding': 'gzip, br' });
  t.equal(small.statusCode, 200);
  t.ok(small.rawPayload.length < 1024, 'a small body');
  t.notOk(small.headers['content-encoding'], 'is sent as it is');
  const missing = await get('/v1/competitions/00000000-0000-4000-8000-000000000000', { 'accept-encoding': 'gzip' });
  t.equal(missing.statusCode, 404);
  t.notOk(missing.headers['content-encoding'], 'so is a problem');

  const notModified = await get(`/v1/competitions/${published2.id}`, { 'accept-encoding': 'gzip', 'if-none-match': editedBr.headers.etag as string });
  t.equal(notModified.statusCode, 304, 'the ETag names the answer, whatever its content coding');
});

t.test("an organisation's public page: its profile and published competitions, never drafts or members", async (t) => {
  const res = await get(`/v1/organisations/${org.id}/public`);
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.match(body.organisation, { id: org.id, name: org.name, description: 'We fund young makers', website: 'https://makers.example' });
  const ids = body.competitions.items.map((c: { id: string }) => c.id);
  t.ok(ids.includes(published.id) && ids.includes(published2.id), 'its published competitions');
  t.notOk(ids.includes(draft.id), 'no draft');
  t.notOk(JSON.stringify(body).includes('Secret plans'), 'nothing of the draft at all');
  t.notOk(JSON.stringify(body).includes(owner.email) || JSON.stringify(body).includes(member.email), 'no member data');
  t.same(Object.keys(body).sort(), ['competitions', 'organisation']);

  const asMember = await get(`/v1/organisations/${org.id}/public`, member.auth);
  t.notOk(asMember.json().competitions.items.some((c: { id: string }) => c.id === draft.id), 'not even for members: the page is public');

  const firstPage = (await get(`/v1/organisations/${org.id}/public?limit=1`)).json();
  t.equal(firstPage.competitions.items.length, 1);
  t.ok(firstPage.competitions.nextCursor);
  const rest = (await get(`/v1/competitions?organisationId=${org.id}&cursor=${firstPage.competitions.nextCursor}`)).json();
  t.ok(rest.items.length >= 1, 'nextCursor continues in the public list');
  t.notOk(rest.items.some((c: { id: string }) => c.id === firstPage.competitions.items[0].id));

  const before = await get(`/v1/organisations/${org.id}/public`);
  const added = await open({ title: 'Makers of Ljubljana' });
  const after = await get(`/v1/organisations/${org.id}/public`, { 'if-none-match': before.headers.etag as string });
  t.equal(after.statusCode, 200, 'a newly published competition changes the page and its ETag');
  t.ok(after.json().competitions.items.some((c: { id: string }) => c.id === added.id));

  t.equal((await get('/v1/organisations/00000000-0000-4000-8000-000000000000/public')).statusCode, 404);
  t.equal((await get('/v1/organisations/not-a-uuid/public')).statusCode, 422);
});

t.test('each phase filter returns exactly the competitions reporting that phase', async (t) => {
  const upcoming = await open({ timing: { opensAt: daysFromNow(5), closesAt: daysFromNow(9), timezone: 'UTC' } });
  const closed = await open({});
  await moveWindow(app, closed.id, { closesInSeconds: -60 });
  const all = (await get('/v1/competitions?limit=100')).json().items as Array<{ id: string; phase: string }>;
  for (const phase of ['upcoming', 'open', 'closed']) {
    const filtered = (await get(`/v1/competitions?limit=100&phase=${phase}`)).json().items as Array<{ id: string; phase: string }>;
    t.same(filtered.map((c) => c.id).sort(), all.filter((c) => c.phase === phase).map((c) => c.id).sort(), phase);
  }
  t.ok(all.some((c) => c.id === upcoming.id && c.phase === 'upcoming'));
  t.ok(all.some((c) => c.id === closed.id && c.phase === 'closed'));
});

t.test('a kept page of a list or an organisation page never outlives a change', async (t) => {
  const c = await open({ title: 'Kept page', themes: ['poverty'] });
  const url = '/v1/competitions?theme=poverty';
  const first = await get(url);
  t.equal(first.json().items[0].title, 'Kept page');
  t.equal((await get(url, { 'if-none-match': first.headers.etag as string })).statusCode, 304, 'unchanged: 304');

  await app.inject({ method: 'PATCH', url: `/v1/competitions/${c.id}`, headers: owner.auth, payload: { title: 'Kept page, edited' } });
  const edited = await get(url, { 'if-none-match': first.headers.etag as string });
  t.equal(edited.statusCode, 200, 'an edit changes the ETag');
  t.equal(edited.json().items[0].title, 'Kept page, edited', 'and shows at once');

  const renamed = await app.inject({ method: 'PATCH', url: `/v1/organisations/${org.id}`, headers: owner.auth, payload: { name: 'Makers Foundation' } });
  t.equal(renamed.statusCode, 200);
  t.equal((await get(url)).json().items[0].organisationName, 'Makers Foundation', "an organisation's new name shows at once");
  t.equal((await get(`/v1/organisations/${org.id}/public`)).json().organisation.name, 'Makers Foundation', 'on its page too');

  await moveWindow(app, c.id, { closesInSeconds: -60 });
  t.equal((await get(url)).json().items[0].phase, 'closed', 'the clock closing it shows at once');
  t.same((await get(`${url}&phase=open`)).json().items, [], 'and it leaves the open list');

  const other = await open({ title: 'Second in the theme', themes: ['poverty'] });
  t.ok((await get(url)).json().items.some((i: { id: string }) => i.id === other.id), 'a newly published competition joins the kept query');
});

t.test('a kept organisation page is answered again only while its profile and its competitions are unchanged', async (t) => {
  const pageUrl = `/v1/organisations/${org.id}/public?limit=100`;
  const first = await get(pageUrl);
  t.equal(first.statusCode, 200);
  const again = await get(pageUrl);
  t.equal(again.headers.etag, first.headers.etag, 'unchanged: the same kept answer');
  t.equal(again.body, first.body);

  // A profile field that is not in any competition's summary: only the profile key sees it.
  const described = await app.inject({ method: 'PATCH', url: `/v1/organisations/${org.id}`, headers: owner.auth, payload: { description: 'We fund young makers, and their mentors' } });
  t.equal(described.statusCode, 200);
  const afterProfile = await get(pageUrl, { 'if-none-match': first.headers.etag as string });
  t.equal(afterProfile.statusCode, 200, 'a profile edit changes the ETag');
  t.equal(afterProfile.json().organisation.description, 'We fund young makers, and their mentors', 'and shows at once');

  const c = await open({ title: 'Joins the organisation page' });
  const afterPublish = (await get(pageUrl)).json();
  t.ok(afterPublish.competitions.items.some((i: { id: string }) => i.id === c.id), 'a newly published competition joins the kept page');

  await app.inject({ method: 'PATCH', url: `/v1/competitions/${c.id}`, headers: owner.auth, payload: { summary: 'Edited on the page' } });
  const afterEdit = (await get(pageUrl)).json();
  t.equal(afterEdit.competitions.items.find((i: { id: string }) => i.id === c.id).summary, 'Edited on the page', "a competition's edit shows at once");
  t.equal((await get('/v1/organisations/00000000-0000-4000-8000-000000000000/public?limit=100')).statusCode, 404, 'an unknown organisation is still 404 with pages kept');
});
