import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { createSkyrocketClient, expectStatus, UnexpectedResponse } from '../../clients/typescript/client.js';
import { runApplicantFlow } from '../../clients/typescript/applicant-flow.js';
import { startMailbox } from '../../clients/typescript/mailbox.js';
import { buildFeatureApp } from '../helpers/app.js';

// The program CI runs against a started server (clients/typescript/applicant-flow.ts), here
// against this process's app on a real port, so coverage sees the routes it goes through. Its
// emails go over SMTP to the program's own sink, where it reads the confirmation links.

const mailbox = await startMailbox();
t.teardown(() => mailbox.close());
const { app } = await buildFeatureApp(t, {
  env: { SMTP_URL: mailbox.url, SMTP_REQUIRE_TLS: 'false', MAIL_FROM: 'noreply@skyrocket.test' },
  deps: { mailDrainIntervalMs: 50 },
});
await app.listen({ host: '127.0.0.1', port: 0 });
const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

t.test('the applicant flow runs end to end through the generated client', async (t) => {
  const steps: string[] = [];
  const result = await runApplicantFlow({ baseUrl, mailbox, log: (line) => steps.push(line) });
  t.equal(result.competition.title, 'Be Social, Be Maker');
  t.match(result.competition.prize, { amount: 500_000, currency: 'EUR' });
  t.match(result.proposal, { currentRevision: 1, unsubmittedChanges: false, submitted: { revision: 1, contentHash: result.receipt.contentHash } });
  t.match(result.attachment, { filename: 'Projektni načrt.pdf', contentType: 'application/pdf', size: result.pdf.length });
  t.match(steps, [/organiser registered/, /published/, /applicant registered/, /uploaded/, /submitted revision 1/, /read back/]);

  // What the flow left behind, seen from the organiser's side of the API.
  const stored = await app.inject({ method: 'GET', url: `/v1/competitions/${result.competition.id}` });
  t.equal(stored.json().status, 'published');
});

t.test('an unexpected status fails the step by name, with the problem the server sent', async (t) => {
  const client = createSkyrocketClient(baseUrl);
  const result = await client.GET('/v1/proposals/{proposalId}', { params: { path: { proposalId: '00000000-0000-4000-8000-000000000000' } } });
  const error = t.throws(() => expectStatus('read a proposal', 200, result)) as unknown as UnexpectedResponse;
  t.type(error, UnexpectedResponse);
  t.equal(error.status, 401);
  t.match(error.message, /^read a proposal: expected HTTP 200, got 401 .*UNAUTHENTICATED/);
});

t.test('the program exits non-zero when the flow fails', async (t) => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  // Nothing listens on port 9 (discard) of the loopback: the first request fails.
  const child = spawn(process.execPath, ['--import', 'tsx', 'clients/typescript/applicant-flow.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, SKYROCKET_URL: 'http://127.0.0.1:9', SKYROCKET_SMTP_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  t.equal(code, 1, stderr);
  t.match(stderr, /applicant flow FAILED/);
});
