import { createHash } from 'node:crypto';
import t from 'tap';
import { buildFeatureApp } from '../../helpers/app.js';
import { createDraft, openCompetition, submit } from '../../helpers/competitions.js';
import { createOrganisation, createUser } from '../../helpers/factories.js';

const UPLOAD_LIMIT = 4096;
const { app } = await buildFeatureApp(t, { env: { UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT) } });

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('1 0 obj << >> endobj\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

function upload(proposalId: string, auth: Record<string, string>, contentType: string, body: Buffer | string, filename = 'file.bin') {
  return app.inject({
    method: 'POST',
    url: `/v1/proposals/${proposalId}/attachments?filename=${encodeURIComponent(filename)}`,
    headers: { ...auth, 'content-type': contentType },
    payload: body,
  });
}

t.test('upload, list on the proposal, download, freeze in a revision, delete', async (t) => {
  const { competitionId, organiser } = await openCompetition(app);
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);

  const pdf = await upload(draft.id, applicant.auth, 'application/pdf', PDF, 'plan.pdf');
  t.equal(pdf.statusCode, 201, pdf.body);
  t.match(pdf.json(), { filename: 'plan.pdf', contentType: 'application/pdf', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') });
  const text = await app.inject({
    method: 'POST',
    url: `/v1/proposals/${draft.id}/attachments`,
    headers: { ...applicant.auth, 'content-type': 'text/plain; charset=utf-8', 'x-filename': encodeURIComponent('notes é.txt') },
    payload: 'Plain notes, with accents: é à ü\n',
  });
  t.equal(text.statusCode, 201, text.body);
  t.equal(text.json().filename, 'notes é.txt');
  const png = await upload(draft.id, applicant.auth, 'image/png', PNG, '../../etc/logo.png');
  t.equal(png.statusCode, 201);
  t.equal(png.json().filename, 'logo.png', 'paths are stripped from file names');

  const proposal = (await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}`, headers: applicant.auth })).json();
  t.equal(proposal.attachments.length, 3);

  const download = await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}/attachments/${pdf.json().id}`, headers: applicant.auth });
  t.equal(download.statusCode, 200);
  t.equal(download.headers['content-type'], 'application/pdf');
  t.match(download.headers['content-disposition'], /attachment; filename="plan.pdf"/);
  t.same(download.rawPayload, PDF, 'the same bytes come back');

  // Organisers cannot fetch files of a draft.
  t.equal((await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}/attachments/${pdf.json().id}`, headers: organiser.auth })).statusCode, 404);

  const submitted = await submit(app, applicant, draft.id);
  t.equal(submitted.statusCode, 201);
  const rev = (await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}/revisions/1`, headers: applicant.auth })).json();
  t.same(
    rev.content.attachments.map((a: { sha256: string }) => a.sha256).sort(),
    [pdf.json().sha256, text.json().sha256, png.json().sha256].sort(),
    'the revision lists the files by hash',
  );
  const organiserDownload = await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}/attachments/${pdf.json().id}`, headers: organiser.auth });
  t.equal(organiserDownload.statusCode, 200, 'organisers download files of a submitted revision');

  // Removing a submitted file takes it off the draft but keeps it for the revision.
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/proposals/${draft.id}/attachments/${pdf.json().id}`, headers: applicant.auth })).statusCode, 204);
  const after = (await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}`, headers: applicant.auth })).json();
  t.equal(after.attachments.length, 2);
  t.equal(after.unsubmittedChanges, true);
  t.equal((await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}/attachments/${pdf.json().id}`, headers: organiser.auth })).statusCode, 200, 'still there for the revision');
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/proposals/${draft.id}/attachments/${pdf.json().id}`, headers: applicant.auth })).statusCode, 404, 'already removed');
});

t.test('refusals: wrong magic bytes, unsupported type, too large, no name, empty', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);

  const fakePdf = await upload(draft.id, applicant.auth, 'application/pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'evil.pdf');
  t.equal(fakePdf.statusCode, 422, 'HTML labelled as PDF');
  t.equal(fakePdf.json().code, 'ATTACHMENT_INVALID');
  t.match(fakePdf.json().errors, [{ code: 'content_mismatch' }]);
  const pngAsJpeg = await upload(draft.id, applicant.auth, 'image/jpeg', PNG, 'x.jpg');
  t.equal(pngAsJpeg.statusCode, 422, 'a PNG labelled as JPEG');
  const binaryText = await upload(draft.id, applicant.auth, 'text/plain', Buffer.from([0x48, 0x00, 0xff, 0xfe]), 'x.txt');
  t.equal(binaryText.statusCode, 422, 'binary is not plain text');

  const zip = await upload(draft.id, applicant.auth, 'application/zip', Buffer.from('PK\x03\x04'), 'x.zip');
  t.equal(zip.statusCode, 415);
  const json = await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/attachments?filename=a.json`, headers: applicant.auth, payload: { a: 1 } });
  t.equal(json.statusCode, 415, 'JSON is not an attachment type');

  const big = await upload(draft.id, applicant.auth, 'application/pdf', Buffer.concat([PDF, Buffer.alloc(UPLOAD_LIMIT)]), 'big.pdf');
  t.equal(big.statusCode, 413);
  t.equal(big.json().code, 'BODY_TOO_LARGE');

  const unnamed = await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/attachments`, headers: { ...applicant.auth, 'content-type': 'application/pdf' }, payload: PDF });
  t.equal(unnamed.statusCode, 422);
  t.match(unnamed.json().errors, [{ field: 'filename' }]);

  const proposal = (await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}`, headers: applicant.auth })).json();
  t.equal(proposal.attachments.length, 0, 'nothing was stored');
});

t.test('downloads are 404 for anyone who may not see the proposal', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);
  const file = (await upload(draft.id, applicant.auth, 'application/pdf', PDF, 'plan.pdf')).json();
  t.equal((await submit(app, applicant, draft.id)).statusCode, 201);

  const stranger = await createUser(app);
  const otherOrganiser = await createUser(app);
  const otherOrg = await createOrganisation(app, otherOrganiser);
  await openCompetition(app, { organiser: otherOrganiser, organisation: otherOrg });
  for (const user of [stranger, otherOrganiser]) {
    const res = await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}/attachments/${file.id}`, headers: user.auth });
    t.equal(res.statusCode, 404);
    const del = await app.inject({ method: 'DELETE', url: `/v1/proposals/${draft.id}/attachments/${file.id}`, headers: user.auth });
    t.equal(del.statusCode, 404);
    const up = await upload(draft.id, user.auth, 'application/pdf', PDF, 'mine.pdf');
    t.equal(up.statusCode, 404);
  }
  const other = await createDraft(app, stranger, competitionId);
  const crossed = await app.inject({ method: 'GET', url: `/v1/proposals/${other.id}/attachments/${file.id}`, headers: stranger.auth });
  t.equal(crossed.statusCode, 404, "an attachment id under one's own proposal does not reach another proposal's file");
});
