import { randomBytes } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import t from 'tap';
import { crc32 } from '../../../src/lib/document-metadata.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { createDraft, moveWindow, openCompetition, startJudging, submit, validAnswers } from '../../helpers/competitions.js';
import { createOrganisation, createUser, type TestUser } from '../../helpers/factories.js';
import { addJudge, assignAll } from '../../helpers/judging.js';

// Blind review (issue #12): nothing a judge can read — any judge route's answer, any file byte
// served to a judge — names the applicant, their email, their organisation or their ids. The
// non-blind control proves the search finds what it looks for; `withheld` serves no files at all.

const { app } = await buildFeatureApp(t);
const c = (id: string) => `/v1/competitions/${id}`;

const NAME = 'Zuzana Hrabovská';
const ORG = 'Spojená škola Prešov';

async function pdfWithAuthor(email: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText('Learning by making', { x: 20, y: 100, size: 12 });
  doc.setAuthor(NAME);
  doc.setCreator(ORG);
  doc.setSubject(`Contact: ${email}`);
  doc.setKeywords([NAME, ORG]);
  doc.setTitle('Proposal of Zuzana Hrabovsk\u00e1');
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${NAME}</dc:creator><dc:rights>${ORG} ${email}</dc:rights></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const stream = doc.context.stream(Buffer.from(xmp, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  return Buffer.from(await doc.save());
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

function pngWithAuthor(email: string): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', Buffer.concat([Buffer.from('Author\0', 'latin1'), Buffer.from(NAME, 'latin1')])),
    pngChunk('iTXt', Buffer.concat([Buffer.from('Copyright\0\0\0\0\0', 'latin1'), Buffer.from(`${ORG} ${email}`, 'utf8')])),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every text a PDF holds: its bytes, each stream inflated when it is compressed, each object printed. */
async function pdfTexts(bytes: Buffer): Promise<Buffer[]> {
  const out: Buffer[] = [bytes];
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    out.push(Buffer.from(object.toString(), 'latin1'));
    if (object instanceof PDFRawStream) {
      const raw = Buffer.from(object.getContents());
      out.push(raw);
      try {
        out.push(inflateSync(raw));
      } catch {
        // not Flate-encoded
      }
    }
  }
  for (const value of [doc.getAuthor(), doc.getCreator(), doc.getSubject(), doc.getKeywords(), doc.getTitle(), doc.getProducer()]) {
    if (value) out.push(Buffer.from(value, 'utf8'));
  }
  return out;
}

/** A needle in every encoding a response or a file may carry it in: UTF-8, Latin-1, UTF-16BE and its hex (PDF text strings). */
function encodings(needle: string): Buffer[] {
  const utf16 = Buffer.from(needle, 'utf16le').swap16();
  return [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'latin1'), utf16, Buffer.from(utf16.toString('hex').toUpperCase()), Buffer.from(utf16.toString('hex'))];
}

interface Blind {
  competitionId: string;
  organiser: TestUser;
  applicant: TestUser;
  organisationId: string;
  proposalId: string;
  judges: Array<TestUser & { judgeId: string }>;
}

async function blindWorld(judging: Record<string, unknown>): Promise<Blind> {
  const world = await openCompetition(app, { body: { judging: { reviewsPerProposal: 2, tieBreaks: [], bidding: true, ...judging } } });
  const tag = randomBytes(3).toString('hex');
  const applicant = await createUser(app, { displayName: NAME, email: `zuzana.hrabovska.${tag}@gymnazium-presov.example`, country: 'SK' });
  const org = await createOrganisation(app, applicant, { name: `${ORG} ${tag}`, country: 'SK', kind: 'public_body' });
  const draft = await createDraft(app, applicant, world.competitionId, { title: 'Learning by making', answers: validAnswers, organisationId: org.id });
  for (const [type, body, filename] of [
    ['application/pdf', await pdfWithAuthor(applicant.email), `${NAME} - plan.pdf`],
    ['image/png', pngWithAuthor(applicant.email), 'hrabovska-logo.png'],
  ] as const) {
    const up = await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/attachments?filename=${encodeURIComponent(filename)}`, headers: { ...applicant.auth, 'content-type': type }, payload: body });
    if (up.statusCode !== 201) throw new Error(`upload failed: ${up.statusCode} ${up.body}`);
  }
  const sent = await submit(app, applicant, draft.id);
  if (sent.statusCode !== 201) throw new Error(`submit failed: ${sent.statusCode} ${sent.body}`);
  await moveWindow(app, world.competitionId, { closesInSeconds: -3600 });
  await startJudging(app, world.organiser, world.competitionId);
  const judges: Blind['judges'] = [];
  for (let i = 0; i < 2; i++) {
    const judge = await createUser(app);
    judges.push({ ...judge, judgeId: await addJudge(app, world, judge) });
  }
  return { competitionId: world.competitionId, organiser: world.organiser, applicant, organisationId: org.id, proposalId: draft.id, judges };
}

/** Every answer a judge can get for the competition, in the order a judge meets them, and every file they may download. */
async function everythingAJudgeReads(w: Blind): Promise<{ bodies: Buffer[]; files: Array<{ contentType: string; data: Buffer; filename: string }>; proposal: Record<string, unknown> }> {
  const bodies: Buffer[] = [];
  const files: Array<{ contentType: string; data: Buffer; filename: string }> = [];
  const read = async (judge: TestUser, method: 'GET' | 'PUT', url: string, extra: { payload?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await app.inject({ method, url, headers: { ...judge.auth, ...(extra.headers ?? {}) }, ...(extra.payload ? { payload: extra.payload as Record<string, unknown> } : {}) });
    bodies.push(res.rawPayload, Buffer.from(JSON.stringify(res.headers)));
    return res;
  };
  const [j1, j2] = w.judges as [Blind['judges'][0], Blind['judges'][0]];
  await read(j1, 'GET', '/v1/me/judging');
  const bids = await read(j1, 'GET', `${c(w.competitionId)}/bids`);
  if (bids.statusCode !== 200) throw new Error(`bids: ${bids.statusCode} ${bids.body}`);
  await read(j1, 'PUT', `${c(w.competitionId)}/bids/${w.proposalId}`, { payload: { bid: 'eager' } });
  await read(j1, 'GET', `${c(w.competitionId)}/conflicts`);
  await assignAll(app, { competitionId: w.competitionId, organiser: w.organiser, organisation: { id: w.organisationId } });
  let proposal: Record<string, unknown> = {};
  for (const judge of [j1, j2]) {
    await read(judge, 'GET', `${c(w.competitionId)}/my-assignments`);
    const p = await read(judge, 'GET', `${c(w.competitionId)}/my-assignments/${w.proposalId}`);
    if (p.statusCode !== 200) throw new Error(`read proposal: ${p.statusCode} ${p.body}`);
    proposal = p.json();
    for (const a of p.json().attachments as Array<{ id: string; contentType: string }>) {
      const file = await read(judge, 'GET', `${c(w.competitionId)}/my-assignments/${w.proposalId}/attachments/${a.id}`);
      if (file.statusCode === 200) files.push({ contentType: a.contentType, data: file.rawPayload, filename: String(file.headers['content-disposition']) });
    }
    const review = await read(judge, 'GET', `${c(w.competitionId)}/my-assignments/${w.proposalId}/review`);
    await read(judge, 'PUT', `${c(w.competitionId)}/my-assignments/${w.proposalId}/review`, {
      headers: { 'if-match': review.headers.etag as string },
      payload: { scores: { impact: 8, innovation: 7, feasibility: 6 }, commentForApplicant: 'Clear plan', submit: true },
    });
    await read(judge, 'GET', `${c(w.competitionId)}/my-assignments/${w.proposalId}/other-reviews`);
  }
  return { bodies, files, proposal };
}

async function leaks(w: Blind, haystacks: Buffer[]): Promise<string[]> {
  const needles: Record<string, string> = {
    name: NAME,
    surname: 'Hrabovsk',
    email: w.applicant.email,
    'email user': w.applicant.email.split('@')[0]!,
    organisation: ORG,
    'organisation (ascii part)': 'Spojen',
    'applicant id': w.applicant.id,
    'organisation id': w.organisationId,
  };
  const found: string[] = [];
  for (const [what, needle] of Object.entries(needles)) {
    if (haystacks.some((h) => encodings(needle).some((e) => h.includes(e)))) found.push(what);
  }
  return found;
}

t.test('blind mode: no judge-readable answer or file byte names the applicant, their email or organisation', async (t) => {
  const w = await blindWorld({ blind: true, attachmentsForJudges: 'stripped' });
  const { bodies, files, proposal } = await everythingAJudgeReads(w);
  t.equal(proposal.blind, true);
  t.equal(files.length, 4, 'both judges downloaded both files (PDF and PNG)');
  t.ok(
    files.every((f) => new RegExp(`^attachment; filename="attachment-[12]\\.${f.contentType === 'application/pdf' ? 'pdf' : 'png'}"`).test(f.filename)),
    `neutral file names with the type's extension (${files.map((f) => f.filename).join(' | ')})`,
  );
  t.same(await leaks(w, bodies), [], 'no identity in any answer, header included');
  const fileTexts: Buffer[] = [];
  for (const f of files) fileTexts.push(...(f.contentType === 'application/pdf' ? await pdfTexts(f.data) : [f.data]));
  t.same(await leaks(w, fileTexts), [], 'no identity in any file byte, PDF streams inflated');
  const pdf = await PDFDocument.load(files.find((f) => f.contentType === 'application/pdf')!.data);
  t.equal(pdf.getPageCount(), 1, 'the stripped PDF still opens, with its page');
  t.equal(pdf.getAuthor(), undefined, 'and no Author');
});

t.test('control: without blind mode the same search finds the applicant in the answers and in the PDF', async (t) => {
  const w = await blindWorld({ blind: false });
  const { bodies, files, proposal } = await everythingAJudgeReads(w);
  t.equal(proposal.blind, false);
  t.match(proposal, { people: { applicant: { displayName: NAME }, organisationId: w.organisationId } });
  t.ok((await leaks(w, bodies)).includes('name'), 'the name is found in the answers');
  const pdf = files.find((f) => f.contentType === 'application/pdf')!;
  t.ok((await leaks(w, await pdfTexts(pdf.data))).includes('name'), 'and in the original PDF (Author)');
  t.match(pdf.filename, /plan\.pdf/, 'with its own file name');
});

t.test('withheld: a blind competition that withholds files lists none and serves none', async (t) => {
  const w = await blindWorld({ blind: true, attachmentsForJudges: 'withheld' });
  const { bodies, files, proposal } = await everythingAJudgeReads(w);
  t.same(proposal.attachments, []);
  t.equal(proposal.attachmentsWithheld, true);
  t.equal(files.length, 0);
  t.same(await leaks(w, bodies), []);
  // Even with the id (known to the organiser), a judge cannot download it.
  const organiserView = await app.inject({ url: `/v1/proposals/${w.proposalId}`, headers: w.organiser.auth });
  const ids = (organiserView.json().submitted?.attachments ?? organiserView.json().attachments ?? []) as Array<{ id: string }>;
  t.ok(ids.length > 0, 'the organiser sees the files');
  const direct = await app.inject({ url: `${c(w.competitionId)}/my-assignments/${w.proposalId}/attachments/${ids[0]!.id}`, headers: w.judges[0]!.auth });
  t.equal(direct.statusCode, 404);
});
