import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import t from 'tap';
import { buildFeatureApp } from '../../helpers/app.js';
import { createDraft, openCompetition } from '../../helpers/competitions.js';
import { createUser, type TestUser } from '../../helpers/factories.js';

// The documented upload form (docs/api-contract.md, "Uploads and the generated client"):
// multipart/form-data with one `file` part, built here with the platform's FormData exactly as
// generated clients build it.

const UPLOAD_LIMIT = 4096;
const { app } = await buildFeatureApp(t, { env: { UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT) } });

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

/** The bytes and Content-Type (with its boundary) that fetch sends for this form. */
async function encode(form: FormData): Promise<{ payload: Buffer; contentType: string }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

function form(parts: Array<[string, Blob | string, string?]>): FormData {
  const data = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') data.append(name, value);
    // An explicit `undefined` name is sent as "undefined" by Node 20's FormData.
    else if (filename === undefined) data.append(name, value);
    else data.append(name, value, filename);
  }
  return data;
}

async function post(proposalId: string, user: TestUser, body: FormData | { payload: Buffer | string; contentType: string }, query = '') {
  const { payload, contentType } = body instanceof FormData ? await encode(body) : body;
  return app.inject({
    method: 'POST',
    url: `/v1/proposals/${proposalId}/attachments${query}`,
    headers: { ...user.auth, 'content-type': contentType },
    payload,
  });
}

async function setup() {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);
  return { applicant, draft };
}

async function attachmentsOf(user: TestUser, proposalId: string) {
  return (await app.inject({ method: 'GET', url: `/v1/proposals/${proposalId}`, headers: user.auth })).json().attachments as Array<{ filename: string; contentType: string }>;
}

t.test('a file part is stored with its own name and type, and downloads byte for byte', async (t) => {
  const { applicant, draft } = await setup();
  const res = await post(draft.id, applicant, form([['file', new Blob([PDF], { type: 'application/pdf' }), 'Projektplan für Triest.pdf']]));
  t.equal(res.statusCode, 201, res.body);
  t.match(res.json(), { filename: 'Projektplan für Triest.pdf', contentType: 'application/pdf', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') });
  t.equal(res.headers.location, `/v1/proposals/${draft.id}/attachments/${res.json().id}`);
  const download = await app.inject({ method: 'GET', url: res.headers.location as string, headers: applicant.auth });
  t.equal(download.statusCode, 200);
  t.same(download.rawPayload, PDF);
  t.equal(download.headers['content-type'], 'application/pdf');

  const text = await post(draft.id, applicant, form([['file', new Blob(['notes\n'], { type: 'text/plain;charset=utf-8' }), 'notes.txt']]));
  t.equal(text.statusCode, 201, 'type parameters are ignored');
  t.equal(text.json().contentType, 'text/plain');
});

t.test('a part typed application/octet-stream is taken as the allowed type its bytes are', async (t) => {
  const { applicant, draft } = await setup();
  const png = await post(draft.id, applicant, form([['file', new Blob([PNG]), 'logo.png']]));
  t.equal(png.statusCode, 201, png.body);
  t.equal(png.json().contentType, 'image/png');
  const zip = await post(draft.id, applicant, form([['file', new Blob([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff])]), 'x.zip']]));
  t.equal(zip.statusCode, 415, 'bytes of no allowed type');
  t.equal(zip.json().code, 'UNSUPPORTED_MEDIA_TYPE');
  const declared = await post(draft.id, applicant, form([['file', new Blob([PNG], { type: 'application/zip' }), 'x.png']]));
  t.equal(declared.statusCode, 415, 'a declared type is never overridden by sniffing');
});

t.test('?filename= names a file whose part has no useful name (a bare Blob is "blob")', async (t) => {
  const { applicant, draft } = await setup();
  const bare = await post(draft.id, applicant, form([['file', new Blob([PDF], { type: 'application/pdf' })]]));
  t.equal(bare.json().filename, 'blob', 'what FormData sends for a Blob without a name');
  const named = await post(draft.id, applicant, form([['file', new Blob([PDF], { type: 'application/pdf' })]]), `?filename=${encodeURIComponent('plan.pdf')}`);
  t.equal(named.statusCode, 201);
  t.equal(named.json().filename, 'plan.pdf');
  const path = await post(draft.id, applicant, form([['file', new Blob([PDF], { type: 'application/pdf' }), '..\\..\\evil\u202Efdp.exe']]));
  t.equal(path.json().filename, 'evilfdp.exe', 'the part name is cleaned like any other');
});

t.test('the form must be exactly one file part: every missing, doubled or extra part is named', async (t) => {
  const { applicant, draft } = await setup();
  const pdf = () => new Blob([PDF], { type: 'application/pdf' });

  const none = await post(draft.id, applicant, form([['note', 'hello']]));
  t.equal(none.statusCode, 422);
  t.equal(none.json().code, 'VALIDATION_FAILED');
  t.match(none.json().errors, [{ field: 'file', in: 'body' }, { field: 'note', code: 'unrecognized_key' }]);

  const asText = await post(draft.id, applicant, form([['file', 'not a file']]));
  t.equal(asText.statusCode, 422, 'a text part is not a file');
  t.match(asText.json().errors, [{ field: 'file', message: /one file part/ }]);

  const twice = await post(draft.id, applicant, form([['file', pdf(), 'a.pdf'], ['file', pdf(), 'b.pdf']]));
  t.equal(twice.statusCode, 422, 'two files in one request');
  t.match(twice.json().errors, [{ field: 'file' }]);

  const proto = await post(draft.id, applicant, form([['file', pdf(), 'a.pdf'], ['__proto__', 'x'], ['constructor', pdf(), 'c.pdf']]));
  t.equal(proto.statusCode, 422, 'hostile part names are just unknown fields');
  t.same(proto.json().errors.map((e: { field: string }) => e.field).sort(), ['__proto__', 'constructor']);

  const empty = await post(draft.id, applicant, form([['file', new Blob([], { type: 'application/pdf' }), 'empty.pdf']]));
  t.equal(empty.statusCode, 422);
  t.equal(empty.json().code, 'ATTACHMENT_INVALID');
  t.match(empty.json().errors, [{ field: 'file', code: 'empty', in: 'body' }]);

  const html = await post(draft.id, applicant, form([['file', new Blob(['<html><script>alert(1)</script>'], { type: 'application/pdf' }), 'cv.pdf']]));
  t.equal(html.statusCode, 422, 'HTML labelled as PDF');
  t.match(html.json().errors, [{ field: 'file', code: 'content_mismatch' }]);

  t.same(await attachmentsOf(applicant, draft.id), [], 'nothing was stored');
});

t.test('a malformed or oversized form is a 4xx problem, never a 500', async (t) => {
  const { applicant, draft } = await setup();
  const noBoundary = await post(draft.id, applicant, { payload: '--x\r\n\r\n', contentType: 'multipart/form-data' });
  t.equal(noBoundary.statusCode, 400);
  t.equal(noBoundary.json().code, 'MALFORMED_MULTIPART');
  t.match(noBoundary.headers['content-type'], /application\/problem\+json/);
  const garbage = await post(draft.id, applicant, { payload: Buffer.from([0, 1, 2, 3]), contentType: 'multipart/form-data; boundary=abc' });
  t.equal(garbage.statusCode, 400);
  t.equal(garbage.json().code, 'MALFORMED_MULTIPART');

  const unterminated = await post(draft.id, applicant, { payload: '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-', contentType: 'multipart/form-data; boundary=abc' });
  t.equal(unterminated.statusCode, 400, 'a form the parser cannot finish (no closing delimiter)');
  t.equal(unterminated.json().code, 'MALFORMED_MULTIPART');
  const quoted = await post(draft.id, applicant, { payload: '--a\\"b\r\n\r\n', contentType: 'multipart/form-data; boundary="a\\"b"' });
  t.equal(quoted.json().code, 'MALFORMED_MULTIPART', 'a boundary of characters RFC 2046 does not allow is refused, not interpreted');
  const twoBoundaries = await post(draft.id, applicant, { payload: '--a\r\n\r\n', contentType: 'multipart/form-data; boundary=a; boundary=b' });
  t.equal(twoBoundaries.json().code, 'MALFORMED_MULTIPART');

  const atLimit = await post(draft.id, applicant, form([['file', new Blob([PDF, Buffer.alloc(UPLOAD_LIMIT - PDF.length, 0x20)], { type: 'application/pdf' }), 'max.pdf']]));
  t.equal(atLimit.statusCode, 201, 'a file of exactly the limit fits (the part headers do not count)');
  const over = await post(draft.id, applicant, form([['file', new Blob([PDF, Buffer.alloc(UPLOAD_LIMIT - PDF.length + 1, 0x20)], { type: 'application/pdf' }), 'big.pdf']]));
  t.equal(over.statusCode, 413);
  t.equal(over.json().code, 'BODY_TOO_LARGE');
  const huge = await post(draft.id, applicant, form([['file', new Blob([PDF, Buffer.alloc(200 * 1024)], { type: 'application/pdf' }), 'huge.pdf']]));
  t.equal(huge.statusCode, 413, 'past the limit and its header allowance: refused while reading');
  t.equal(huge.json().code, 'BODY_TOO_LARGE');
  t.same((await attachmentsOf(applicant, draft.id)).map((a) => a.filename), ['max.pdf']);
});

t.test('forms that would hold the parser are refused by a scan first (parts, part headers)', async (t) => {
  const { applicant, draft } = await setup();
  const file = (): [string, Blob, string] => ['file', new Blob([PDF], { type: 'application/pdf' }), 'a.pdf'];
  const extras = (n: number) => Array.from({ length: n }, (_, i): [string, string] => [`extra${i}`, 'x']);

  const ten = await post(draft.id, applicant, form([file(), ...extras(9)]));
  t.equal(ten.statusCode, 422, 'ten parts are parsed, so the schema names the nine extra ones');
  t.equal(ten.json().errors.length, 9);
  const eleven = await post(draft.id, applicant, form([file(), ...extras(10)]));
  t.equal(eleven.statusCode, 400);
  t.equal(eleven.json().code, 'MULTIPART_LIMIT');
  const many = await post(draft.id, applicant, form([file(), ...extras(500)]));
  t.equal(many.json().code, 'MULTIPART_LIMIT', 'hundreds of parts are refused without parsing them');

  const boundary = 'skyrocketTestBoundary';
  const longHeaders = [
    `--${boundary}`,
    'Content-Disposition: form-data; name="file"; filename="a.pdf"',
    'Content-Type: application/pdf',
    ...Array.from({ length: 2000 }, (_, i) => `X-Padding-${i}: ${'p'.repeat(8)}`),
    '',
    PDF.toString('latin1'),
    `--${boundary}--`,
    '',
  ].join('\r\n');
  const headers = await post(draft.id, applicant, { payload: longHeaders, contentType: `multipart/form-data; boundary=${boundary}` });
  t.equal(headers.statusCode, 400);
  t.equal(headers.json().code, 'MULTIPART_LIMIT');
  t.same(await attachmentsOf(applicant, draft.id), []);
});

t.test('only the applicant and team upload: the multipart form keeps the access rules', async (t) => {
  const { applicant, draft } = await setup();
  const stranger = await createUser(app);
  const res = await post(draft.id, stranger, form([['file', new Blob([PDF], { type: 'application/pdf' }), 'x.pdf']]));
  t.equal(res.statusCode, 404);
  const anonymous = await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/attachments`, ...(await encode(form([['file', new Blob([PDF]), 'x.pdf']]))) });
  t.equal(anonymous.statusCode, 401);
  t.same(await attachmentsOf(applicant, draft.id), []);
});

t.test('the raw body of older clients still works', async (t) => {
  const { applicant, draft } = await setup();
  const raw = await post(draft.id, applicant, { payload: PDF, contentType: 'application/pdf' }, '?filename=old.pdf');
  t.equal(raw.statusCode, 201, raw.body);
  t.match(raw.json(), { filename: 'old.pdf', contentType: 'application/pdf' });
  const unnamed = await post(draft.id, applicant, { payload: PDF, contentType: 'application/pdf' });
  t.match(unnamed.json().errors, [{ field: 'filename', in: 'querystring' }], 'errors name the raw form\'s fields');
});

t.test('the OpenAPI document describes one upload form: multipart/form-data with a binary `file`', async (t) => {
  const doc = JSON.parse(readFileSync(new URL('../../../openapi/openapi.json', import.meta.url), 'utf8'));
  const operation = Object.values(doc.paths as Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>)
    .flatMap((methods) => Object.values(methods))
    .find((o) => o.operationId === 'uploadProposalAttachment')!;
  t.same(Object.keys(operation.requestBody!.content), ['multipart/form-data'], 'no raw media types that generators would pick one of');
  const ref = operation.requestBody!.content['multipart/form-data']!.schema.$ref!;
  const schema = doc.components.schemas[ref.split('/').pop()!];
  t.match(schema, { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
});
