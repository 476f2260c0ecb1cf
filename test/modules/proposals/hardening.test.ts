/** Issue #10, item 17, for proposals: the draft cap, attachment storage, file names in downloads, no-store on personal answers. */
import { sql } from 'drizzle-orm';
import t from 'tap';
import { MAX_DRAFTS_PER_COMPETITION } from '../../../src/modules/proposals/proposals.service.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { createDraft, openCompetition, submit } from '../../helpers/competitions.js';
import { addMember, createOrganisation, createUser } from '../../helpers/factories.js';

const { app } = await buildFeatureApp(t);

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x41), Buffer.from('\n%%EOF\n')]);

const upload = (proposalId: string, auth: Record<string, string>, filename: string, body: Buffer = PDF) =>
  app.inject({ method: 'POST', url: `/v1/proposals/${proposalId}/attachments?filename=${encodeURIComponent(filename)}`, headers: { ...auth, 'content-type': 'application/pdf' }, payload: body });

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

t.test('drafts are capped per applicant per competition (409 DRAFT_LIMIT_REACHED), also under concurrency', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const create = () => app.inject({ method: 'POST', url: `/v1/competitions/${competitionId}/proposals`, headers: applicant.auth, payload: { title: 'x' } });
  const answers = await Promise.all(Array.from({ length: MAX_DRAFTS_PER_COMPETITION + 3 }, create));
  t.equal(answers.filter((r) => r.statusCode === 201).length, MAX_DRAFTS_PER_COMPETITION, 'exactly the cap is created, however many race');
  const refused = answers.find((r) => r.statusCode === 409)!;
  t.match(refused.json(), { code: 'DRAFT_LIMIT_REACHED', maxDrafts: MAX_DRAFTS_PER_COMPETITION });

  const one = answers.find((r) => r.statusCode === 201)!.json();
  t.equal((await app.inject({ method: 'POST', url: `/v1/proposals/${one.id}/withdraw`, headers: applicant.auth })).statusCode, 200);
  t.equal((await create()).statusCode, 201, 'withdrawing a draft frees its place');
  const elsewhere = await openCompetition(app);
  t.equal((await createDraft(app, applicant, elsewhere.competitionId)) !== undefined, true, 'the cap is per competition');
});

t.test('re-uploading a removed file of a revision reuses its stored bytes; a file no revision has is deleted', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);
  for (let cycle = 1; cycle <= 3; cycle++) {
    const up = await upload(draft.id, applicant.auth, 'plan.pdf');
    t.equal(up.statusCode, 201, up.body);
    await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: applicant.auth, payload: { title: `Cycle ${cycle}` } });
    t.equal((await submit(app, applicant, draft.id)).statusCode, 201);
    t.equal((await app.inject({ method: 'DELETE', url: `/v1/proposals/${draft.id}/attachments/${up.json().id}`, headers: applicant.auth })).statusCode, 204);
  }
  const [stored] = rows<{ copies: number; bytes: number }>(
    await app.database.db.execute(sql`select count(*)::int as copies, coalesce(sum(octet_length(data)), 0)::int as bytes from proposal_attachments where proposal_id = ${draft.id}`),
  );
  t.same(stored, { copies: 1, bytes: PDF.length }, 'three upload-submit-delete cycles keep one copy');

  const scratch = await upload(draft.id, applicant.auth, 'scratch.pdf', Buffer.concat([PDF, Buffer.from('other')]));
  await app.inject({ method: 'DELETE', url: `/v1/proposals/${draft.id}/attachments/${scratch.json().id}`, headers: applicant.auth });
  const [after] = rows<{ copies: number }>(await app.database.db.execute(sql`select count(*)::int as copies from proposal_attachments where proposal_id = ${draft.id}`));
  t.equal(after!.copies, 1, 'a file no revision refers to leaves with its bytes');
});

t.test('bidi overrides and other invisible characters are stripped from file names; downloads name them safely (RFC 6266)', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);
  const spoof = await upload(draft.id, applicant.auth, 'invoice\u202Efdp.exe');
  t.equal(spoof.json().filename, 'invoicefdp.exe', 'U+202E RIGHT-TO-LEFT OVERRIDE is removed, so the name shows as what it is');
  const hidden = await upload(draft.id, applicant.auth, 'a\u200Bb\u2066c\uFEFF\u2028d.pdf', Buffer.concat([PDF, Buffer.from('2')]));
  t.equal(hidden.json().filename, 'abcd.pdf', 'zero-width, isolate, BOM and line separators too');
  const accents = await upload(draft.id, applicant.auth, "Résumé 'final' (2).pdf", Buffer.concat([PDF, Buffer.from('3')]));
  const res = await app.inject({ url: `/v1/proposals/${draft.id}/attachments/${accents.json().id}`, headers: applicant.auth });
  t.equal(res.headers['content-disposition'], `attachment; filename="R_sum_ 'final' (2).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%27final%27%20%282%29.pdf`);

  // A name stored before the cleaning existed is cleaned on the way out too.
  await app.database.db.execute(sql`update proposal_attachments set filename = ${'old\u202Egpj.exe'} where id = ${spoof.json().id}`);
  const old = await app.inject({ url: `/v1/proposals/${draft.id}/attachments/${spoof.json().id}`, headers: applicant.auth });
  t.equal(old.headers['content-disposition'], `attachment; filename="oldgpj.exe"; filename*=UTF-8''oldgpj.exe`);
});

t.test('Cache-Control: no-store on every authenticated answer and every write; anonymous reads stay cacheable', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);
  const file = await upload(draft.id, applicant.auth, 'plan.pdf');
  const noStore = [
    await app.inject({ url: '/v1/me', headers: applicant.auth }),
    await app.inject({ url: `/v1/proposals/${draft.id}`, headers: applicant.auth }),
    await app.inject({ url: `/v1/proposals/${draft.id}/attachments/${file.json().id}`, headers: applicant.auth }),
    await app.inject({ url: `/v1/competitions/${competitionId}`, headers: applicant.auth }),
    await app.inject({ url: '/v1/me', headers: { authorization: 'Bearer forged' } }),
    await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: applicant.email, password: applicant.password } }),
    await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: applicant.email, password: 'wrong-password-1' } }),
    await submit(app, applicant, draft.id),
  ];
  for (const [i, res] of noStore.entries()) t.equal(res.headers['cache-control'], 'no-store', `answer ${i} (${res.statusCode}): no-store`);
  t.equal(noStore[5]!.statusCode, 200, 'the login that answers tokens is among them');
  const anonymous = await app.inject({ url: `/v1/competitions/${competitionId}` });
  t.equal(anonymous.statusCode, 200);
  t.equal(anonymous.headers['cache-control'], 'public, no-cache', 'a public anonymous read keeps its route\'s policy (src/plugins/cache-control.ts)');
});

t.test('member lists: emails for owners and managers (and each member’s own), names and roles for everyone', async (t) => {
  const owner = await createUser(app);
  const org = await createOrganisation(app, owner);
  const manager = await createUser(app);
  const member = await createUser(app);
  await addMember(app, org, owner, manager, 'manager');
  await addMember(app, org, owner, member, 'member');
  const list = async (user: typeof owner) => (await app.inject({ url: `/v1/organisations/${org.id}/members`, headers: user.auth })).json().items as Array<{ userId: string; email: string | null; role: string; displayName: string }>;

  for (const viewer of [owner, manager]) {
    const items = await list(viewer);
    t.same(items.map((i) => i.email).sort(), [owner.email, manager.email, member.email].sort(), 'managers see every address');
  }
  const asMember = await list(member);
  t.equal(asMember.length, 3, 'a member still sees everyone');
  t.ok(asMember.every((i) => i.role && i.displayName), 'with name and role');
  t.same(
    asMember.map((i) => [i.userId, i.email]).sort(),
    [[owner.id, null], [manager.id, null], [member.id, member.email]].sort(),
    "but only their own address",
  );
});
