import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSkyrocketClient, expectStatus, formDataBody, type JsonRequestBody, type Schemas, type SkyrocketClient } from './client.js';
import { startMailbox, type Mailbox } from './mailbox.js';

/**
 * The whole applicant flow through the generated client, as an integrator would write it: an
 * organiser registers, confirms their address from the emailed link, logs in, creates an
 * organisation and a competition and publishes it; an applicant registers, confirms, logs in,
 * reads the competition, starts a proposal, answers the form, uploads a PDF, submits, verifies
 * the signed receipt (with the API and offline with the public key) and reads the proposal back.
 *
 * Every call is typed by schema.d.ts (generated from openapi/openapi.json), so tsc fails on a
 * contract change; every unexpected status throws, so the program exits non-zero on a
 * behaviour change.
 *
 *   npm run client:flow                       starts a server of its own (embedded PGlite, or DATABASE_URL)
 *   SKYROCKET_URL=http://127.0.0.1:3000 \
 *   SKYROCKET_SMTP_PORT=2525 npm run client:flow   targets a running server whose SMTP_URL is smtp://127.0.0.1:2525
 */

export interface FlowOptions {
  baseUrl: string;
  /** Where the server's emails arrive. */
  mailbox: Pick<Mailbox, 'token'>;
  log?: (line: string) => void;
}

export interface FlowResult {
  competition: Schemas['Competition'];
  proposal: Schemas['Proposal'];
  attachment: Schemas['ProposalAttachment'];
  receipt: Schemas['Receipt'];
  pdf: Buffer;
}

const DAY_MS = 86_400_000;

/** A small but real PDF (header, one empty page, trailer). */
export function samplePdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}

/** The competition of the issue: "Be Social, Be Maker", EUR 5,000, 15–23-year-olds in Central Europe, open now. */
export function beSocialBeMaker(now: Date): JsonRequestBody<'/v1/organisations/{organisationId}/competitions', 'post'> {
  return {
    title: 'Be Social, Be Maker',
    summary: 'The best educational proposal teaching social-innovation and maker skills to young people',
    description: 'Proposals for workshops, clubs or courses where 15–23-year-olds learn to make things that help their community.',
    themes: ['education', 'youth'],
    countries: ['AT', 'CZ', 'DE', 'HR', 'HU', 'PL', 'SI', 'SK'],
    challengeId: null,
    prize: { amount: 500_000, currency: 'EUR', winners: 1 },
    timing: {
      opensAt: new Date(now.getTime() - 60_000).toISOString(),
      closesAt: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
      timezone: 'Europe/Vienna',
      gracePeriodSeconds: 60,
    },
    eligibility: {
      minAge: 15,
      maxAge: 23,
      allowedCountries: ['AT', 'CZ', 'DE', 'HR', 'HU', 'PL', 'SI', 'SK'],
      minTeamSize: 1,
      maxTeamSize: 5,
      maxProposalsPerApplicant: 1,
      guardianConsentUnderAge: 18,
    },
    form: [
      { id: 'summary', type: 'longtext', label: 'Summary', required: true, maxWords: 300 },
      { id: 'target_group', type: 'choice', label: 'Target group', required: true, options: ['15-18', '19-23', 'both'] },
      { id: 'budget', type: 'number', label: 'Budget (EUR)', required: false, min: 0, max: 5000 },
    ],
    rubric: [
      { id: 'impact', label: 'Social impact', weight: 50, scaleMin: 1, scaleMax: 10 },
      { id: 'feasibility', label: 'Feasibility', weight: 50, scaleMin: 1, scaleMax: 10 },
    ],
    judging: { reviewsPerProposal: 1, tieBreaks: [{ kind: 'earliest_submission' }] },
  };
}

/** Registers, confirms the address with the emailed link, logs in: a client holding the user's access token. */
async function signUp(
  options: FlowOptions,
  who: string,
  profile: Omit<JsonRequestBody<'/v1/auth/register', 'post'>, 'email' | 'password'>,
): Promise<{ client: SkyrocketClient; me: Schemas['Me'] }> {
  const anonymous = createSkyrocketClient(options.baseUrl);
  const email = `${who}-${randomBytes(6).toString('hex')}@skyrocket.test`;
  const password = `Flow-${randomBytes(12).toString('base64url')}`;
  expectStatus(`${who}: register`, 202, await anonymous.POST('/v1/auth/register', { body: { ...profile, email, password } }));
  const token = await options.mailbox.token(email, '/verify-email');
  expectStatus(`${who}: confirm the email address`, 204, await anonymous.POST('/v1/auth/verify-email', { body: { token } }));
  const tokens = expectStatus(`${who}: log in`, 200, await anonymous.POST('/v1/auth/login', { body: { email, password } }));
  const client = createSkyrocketClient(options.baseUrl, tokens.accessToken);
  const me = expectStatus(`${who}: read the profile`, 200, await client.GET('/v1/me'));
  if (!me.emailVerified) throw new Error(`${who}: the address is not confirmed after following the emailed link`);
  options.log?.(`${who} registered, confirmed ${email} and logged in`);
  return { client, me };
}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${what}`);
}

/** The canonical JSON of the five signed fields (keys sorted, no whitespace), per the Receipt schema. */
function receiptMessage(receipt: Schemas['Receipt']): Buffer {
  const { competitionId, contentHash, proposalId, receivedAt, revision } = receipt;
  return Buffer.from(JSON.stringify({ competitionId, contentHash, proposalId, receivedAt, revision }), 'utf8');
}

export async function runApplicantFlow(options: FlowOptions): Promise<FlowResult> {
  const log = options.log ?? (() => {});
  const now = new Date();

  // The organiser.
  const organiser = await signUp(options, 'organiser', { displayName: 'Maker Space Ljubljana', country: 'SI' });
  const organisation = expectStatus(
    'create the organisation',
    201,
    await organiser.client.POST('/v1/organisations', { body: { name: 'Maker Space Ljubljana', kind: 'ngo', country: 'SI', themes: ['education', 'youth'] } }),
  );
  const draft = expectStatus(
    'create the competition',
    201,
    await organiser.client.POST('/v1/organisations/{organisationId}/competitions', { params: { path: { organisationId: organisation.id } }, body: beSocialBeMaker(now) }),
  );
  const published = expectStatus(
    'publish the competition',
    200,
    await organiser.client.POST('/v1/competitions/{competitionId}/publish', { params: { path: { competitionId: draft.id } }, body: {} }),
  );
  check(published.status === 'published', 'the competition is published');
  log(`competition ${published.id} "${published.title}" published`);

  // The applicant: 19 years old, from Slovenia.
  const birthDate = `${now.getUTCFullYear() - 19}-03-14`;
  const applicant = await signUp(options, 'applicant', { displayName: 'Ana Novak', country: 'SI', birthDate });
  const competition = expectStatus('read the competition', 200, await applicant.client.GET('/v1/competitions/{competitionId}', { params: { path: { competitionId: published.id } } }));
  check(competition.title === 'Be Social, Be Maker' && competition.prize.amount === 500_000 && competition.prize.currency === 'EUR', 'the applicant reads the published terms');
  check(competition.eligibility.minAge === 15 && competition.eligibility.maxAge === 23, 'the age range is 15–23');

  const created = await applicant.client.POST('/v1/competitions/{competitionId}/proposals', {
    params: { path: { competitionId: competition.id } },
    body: { title: 'Repair Café for teenagers', answers: {}, organisationId: null },
  });
  const started = expectStatus('start a proposal', 201, created);
  let etag = created.response.headers.get('etag');
  check(etag, 'the new proposal has an ETag');

  const answered = await applicant.client.PATCH('/v1/proposals/{proposalId}', {
    params: { path: { proposalId: started.id }, header: { 'if-match': etag } },
    body: { answers: { summary: 'Weekly sessions where teenagers repair bikes and radios for their neighbours.', target_group: 'both', budget: 4500 } },
  });
  expectStatus('answer the form', 200, answered);
  etag = answered.response.headers.get('etag');
  check(etag, 'the edited proposal has an ETag');

  // The upload through the generated client: a File (name and type) in the multipart `file` part.
  const pdf = samplePdf();
  const attachment = expectStatus(
    'upload the PDF',
    201,
    await applicant.client.POST('/v1/proposals/{proposalId}/attachments', {
      params: { path: { proposalId: started.id } },
      body: { file: new File([pdf], 'Projektni načrt.pdf', { type: 'application/pdf' }) },
      bodySerializer: formDataBody,
    }),
  );
  check(attachment.filename === 'Projektni načrt.pdf' && attachment.contentType === 'application/pdf', 'the file keeps its name and type');
  check(attachment.size === pdf.length && attachment.sha256 === createHash('sha256').update(pdf).digest('hex'), 'the server stored the bytes sent');
  log(`uploaded ${attachment.filename} (${attachment.size} bytes)`);

  const current = expectStatus('read the draft before submitting', 200, await applicant.client.GET('/v1/proposals/{proposalId}', { params: { path: { proposalId: started.id } } }));
  const submitted = expectStatus(
    'submit',
    201,
    await applicant.client.POST('/v1/proposals/{proposalId}/submit', { params: { path: { proposalId: started.id }, header: { 'if-match': `"v${current.version}"` } } }),
  );
  const { receipt } = submitted;
  check(receipt.proposalId === started.id && receipt.revision === 1, 'the receipt is for revision 1 of this proposal');
  log(`submitted revision ${receipt.revision}, content hash ${receipt.contentHash}`);

  // The receipt: checked by the API, and offline with its published key.
  const verdict = expectStatus('verify the receipt', 200, await applicant.client.POST('/v1/receipts/verify', { body: receipt }));
  check(verdict.valid, `the API accepts its receipt (${verdict.reason ?? ''})`);
  const forged = expectStatus('verify an altered receipt', 200, await applicant.client.POST('/v1/receipts/verify', { body: { ...receipt, revision: receipt.revision + 1 } }));
  check(!forged.valid, 'the API refuses an altered receipt');
  const key = expectStatus('read the receipt public key', 200, await createSkyrocketClient(options.baseUrl).GET('/v1/receipts/public-key'));
  check(key.keyId === receipt.keyId, 'the receipt names the published key');
  check(verify(null, receiptMessage(receipt), key.publicKeyPem, Buffer.from(receipt.signature, 'base64url')), 'the signature verifies offline');

  // Read back: the proposal, its revision and the file.
  const proposal = expectStatus('read the proposal back', 200, await applicant.client.GET('/v1/proposals/{proposalId}', { params: { path: { proposalId: started.id } } }));
  check(proposal.currentRevision === 1 && proposal.submitted?.contentHash === receipt.contentHash && !proposal.unsubmittedChanges, 'the proposal shows the submitted revision');
  check(proposal.attachments.some((a) => a.id === attachment.id), 'the proposal lists the file');
  const revision = expectStatus('read the revision', 200, await applicant.client.GET('/v1/proposals/{proposalId}/revisions/{revision}', { params: { path: { proposalId: started.id, revision: 1 } } }));
  check(revision.contentHash === receipt.contentHash, 'the revision has the receipt\'s content hash');
  const download = await applicant.client.GET('/v1/proposals/{proposalId}/attachments/{attachmentId}', {
    params: { path: { proposalId: started.id, attachmentId: attachment.id } },
    parseAs: 'arrayBuffer',
  });
  const bytes = Buffer.from(expectStatus('download the file', 200, download));
  check(bytes.equals(pdf), 'the download is the file uploaded');
  log('read back the proposal, its revision and the file');

  return { competition, proposal, attachment, receipt, pdf };
}

/** A free TCP port on the loopback interface. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Starts `src/server.ts` with its mail going to `smtpUrl`, on embedded PGlite in a scratch directory unless DATABASE_URL is set. */
async function startServer(smtpUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'skyrocket-flow-'));
  const url = `http://127.0.0.1:${port}`;
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      PATH: process.env.PATH,
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_BASE_URL: url,
      SMTP_URL: smtpUrl,
      SMTP_REQUIRE_TLS: 'false',
      MAIL_FROM: 'noreply@skyrocket.test',
      MAIL_DRAIN_INTERVAL_MS: '100',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return { url, stop };
    if (performance.now() > deadline) {
      await stop();
      throw new Error('the server was not ready within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main(): Promise<void> {
  const target = process.env.SKYROCKET_URL;
  const smtpPort = process.env.SKYROCKET_SMTP_PORT;
  if (target && !smtpPort) throw new Error('SKYROCKET_URL needs SKYROCKET_SMTP_PORT: the port the server sends its mail to (its SMTP_URL), where this program listens');
  const mailbox = await startMailbox(smtpPort ? Number(smtpPort) : 0);
  const server = target ? { url: target.replace(/\/$/, ''), stop: async () => {} } : await startServer(mailbox.url);
  const started = performance.now();
  try {
    await runApplicantFlow({ baseUrl: server.url, mailbox, log: (line) => console.log(`  ${line}`) });
    console.log(`applicant flow: ok against ${server.url} (${Math.round(performance.now() - started)} ms)`);
  } finally {
    await server.stop();
    await mailbox.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`applicant flow FAILED: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
