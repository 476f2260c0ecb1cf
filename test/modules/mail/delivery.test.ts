import { Writable } from 'node:stream';
import t, { type Test } from 'tap';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { emailOutbox } from '../../../src/db/schema/index.js';
import { drainOutbox, enqueueEmail, mailText, retryDelayMs } from '../../../src/modules/mail/mail.service.js';
import { smtpDelivery } from '../../../src/modules/mail/mail.smtp.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { createOrganisation, createUser, emailToken, uniqueEmail } from '../../helpers/factories.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

const FROM = 'noreply@skyrocket.example';

/** Every log line the app writes, parsed. */
function logCapture() {
  const lines: Array<Record<string, unknown>> = [];
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, text: () => text, logger: { level: 'trace', stream } };
}

async function mailApp(t: Test, sink: SmtpSink, env: Record<string, string> = {}, logger?: object) {
  return buildFeatureApp(t, {
    // Registrations arrive 15 at once below: the hashing queue (503 AUTH_BUSY beyond it) is not what is tested here.
    env: { SMTP_URL: sink.url, MAIL_FROM: FROM, SMTP_REQUIRE_TLS: 'false', MAIL_RETRY_BASE_MS: '200', MAIL_RETRY_MAX_MS: '400', PASSWORD_HASH_QUEUE_MAX: '100', ...env },
    deps: { mailDrainIntervalMs: 0, ...(logger ? { logger } : {}) },
  });
}

async function row(app: FastifyInstance, to: string) {
  const rows = await app.database.db.select().from(emailOutbox).where(eq(emailOutbox.toEmail, to));
  if (rows.length !== 1) throw new Error(`expected one outbox row to ${to}, found ${rows.length}`);
  return rows[0]!;
}

async function enqueue(app: FastifyInstance, to: string, text = 'hello') {
  await app.database.db.transaction((tx) => enqueueEmail(tx, { to, template: 'verify_email', body: mailText`Body: ${text}` }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('a registration email arrives over SMTP with the fixed headers and its link', async (t) => {
  const sink = await startSmtpSink(t);
  const { app } = await mailApp(t, sink);
  const email = uniqueEmail('smtp');
  const res = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password: 'a long enough passphrase 1', displayName: 'Ada', country: 'IT' } });
  t.equal(res.statusCode, 202);
  t.same(await app.mailDrainer.drainNow(), { sent: 1, retried: 0, dead: 0 });

  const [mail] = sink.to(email);
  t.ok(mail, 'delivered');
  t.same(mail!.rcptTo, [email], 'one recipient');
  t.equal(mail!.from, FROM, 'envelope sender is MAIL_FROM');
  const header = (name: string) => mail!.headers.filter(([n]) => n === name).map(([, v]) => v);
  t.same(header('subject'), ['Confirm your Skyrocket email address']);
  t.same(header('from'), [`Skyrocket <${FROM}>`]);
  t.same(header('to'), [email]);
  const stored = await row(app, email);
  t.same(header('message-id'), [`<${stored.id}@skyrocket.example>`], 'the outbox id is the Message-ID');
  t.same(header('auto-submitted'), ['auto-generated']);
  const token = await emailToken(app, email, 'verify_email');
  t.ok(token && mail!.body.replace(/=\r\n/g, '').includes(token), 'the body carries the verification link');
  t.equal(stored.status, 'sent');
  t.equal(stored.attempts, 1);
  t.ok(stored.sentAt);
});

t.test('user text with CR/LF never becomes a header; subjects are the template\'s', async (t) => {
  const sink = await startSmtpSink(t);
  const { app } = await mailApp(t, sink);
  const owner = await createUser(app);
  const hostile = 'Evil\r\nBcc: victim@evil.example\r\nSubject: Win\u202e\u0000\r\n\r\nInjected body';
  const org = await createOrganisation(app, owner);
  const to = uniqueEmail('inject');
  await app.database.db.transaction((tx) => enqueueEmail(tx, { to, template: 'organisation_invitation', body: mailText`Join "${hostile}" (${org.id})` }));
  await app.mailDrainer.drainNow();

  const [mail] = sink.to(to);
  t.ok(mail, 'delivered');
  t.same(mail!.rcptTo, [to], 'no injected recipient');
  t.same(mail!.headers.map(([n]) => n).filter((n) => n === 'bcc' || n === 'subject'), ['subject'], 'one Subject header, no Bcc');
  t.same(mail!.headers.find(([n]) => n === 'subject')?.[1], 'You are invited to join an organisation on Skyrocket');
  t.notOk(/^(bcc|subject: win)/im.test(mail!.raw.slice(mail!.raw.indexOf('\r\n\r\n'))), 'no header-looking line in the body either');
  t.match((await row(app, to)).body, /^Join "Evil Bcc: victim@evil\.example Subject: Win Injected body" \(/, 'control and bidi characters made spaces');
});

t.test('an invitation through the API keeps the organisation name out of the subject', async (t) => {
  const sink = await startSmtpSink(t);
  const { app } = await mailApp(t, sink);
  const owner = await createUser(app);
  const org = await createOrganisation(app, owner, { name: 'Totally Official Prize Committee' });
  const to = uniqueEmail('invitee');
  const res = await app.inject({ method: 'POST', url: `/v1/organisations/${org.id}/invitations`, headers: owner.auth, payload: { email: to, role: 'member' } });
  t.equal(res.statusCode, 201);
  await app.mailDrainer.drainNow();
  const [mail] = sink.to(to);
  t.equal(mail?.headers.find(([n]) => n === 'subject')?.[1], 'You are invited to join an organisation on Skyrocket');
  t.match(mail?.body, /Totally Official Prize Committee/, 'the name is in the body');
});

t.test('a 4xx is retried with backoff and then delivered', async (t) => {
  const sink = await startSmtpSink(t);
  const { app } = await mailApp(t, sink);
  const to = uniqueEmail('busy');
  sink.reject = (address, attempt) => (address === to && attempt <= 2 ? 451 : undefined);
  await enqueue(app, to);

  t.same(await app.mailDrainer.drainNow(), { sent: 0, retried: 1, dead: 0 });
  const first = await row(app, to);
  t.equal(first.status, 'pending');
  t.equal(first.attempts, 1);
  t.equal(first.lastError, 'smtp 451 RCPT TO EENVELOPE', 'a short error: code and command, no server text');
  t.ok(first.nextAttemptAt.getTime() > first.createdAt.getTime() + 50, 'the next attempt waits');
  t.same(await app.mailDrainer.drainNow(), { sent: 0, retried: 0, dead: 0 }, 'not retried before its time');

  for (let i = 0; i < 40 && sink.to(to).length === 0; i++) {
    await sleep(100);
    await app.mailDrainer.drainNow();
  }
  t.equal(sink.to(to).length, 1, 'delivered once');
  t.equal(sink.attempts.get(to), 3, 'on the third attempt');
  const done = await row(app, to);
  t.equal(done.status, 'sent');
  t.equal(done.attempts, 3);
  t.equal(done.lastError, null);
});

t.test('a 5xx for one address makes its row dead while the next rows are delivered', async (t) => {
  const sink = await startSmtpSink(t);
  const log = logCapture();
  const { app } = await mailApp(t, sink, {}, log.logger);
  const bad = uniqueEmail('nobody');
  const good = [uniqueEmail('good'), uniqueEmail('good')];
  sink.reject = (address) => (address === bad ? 550 : undefined);
  await enqueue(app, bad, 'secret-body-text');
  for (const to of good) await enqueue(app, to);

  t.same(await app.mailDrainer.drainNow(), { sent: 2, retried: 0, dead: 1 });
  for (const to of good) t.equal(sink.to(to).length, 1, 'the next rows are delivered');
  const dead = await row(app, bad);
  t.equal(dead.status, 'dead', 'a permanent rejection is dead at once');
  t.equal(dead.attempts, 1);
  t.equal(dead.lastError, 'smtp 550 RCPT TO EENVELOPE');
  await app.mailDrainer.drainNow();
  t.equal(sink.attempts.get(bad), 1, 'a dead row is never retried');

  const warned = log.lines.filter((l) => l.msg === 'email dead-lettered');
  t.equal(warned.length, 1);
  t.equal(warned[0]!.level, 40, 'at warn');
  t.match(warned[0]!.email, { id: dead.id, template: 'verify_email', attempts: 1, permanent: true });
  t.notMatch(log.text(), /secret-body-text/, 'the log has no body');
  t.notMatch(log.text(), new RegExp(bad.replace(/[.+]/g, '\\$&')), 'nor the address');
});

t.test('transient failures give up after MAIL_MAX_ATTEMPTS; a failing row never holds the head of the queue', async (t) => {
  const sink = await startSmtpSink(t);
  const { app, config } = await mailApp(t, sink, { MAIL_MAX_ATTEMPTS: '3' });
  const stuck = uniqueEmail('stuck');
  const next = uniqueEmail('next');
  sink.reject = (address) => (address === stuck ? 450 : undefined);
  await enqueue(app, stuck);
  await enqueue(app, next);

  // One row per pass: the old drainer, ordered by creation, retried the failing row forever.
  const adapter = smtpDelivery(config.mail.smtp!);
  t.teardown(() => adapter.close?.());
  const settings = { ...config.mail, batchSize: 1 };
  t.same(await drainOutbox(app.database.db, adapter, settings), { sent: 0, retried: 1, dead: 0 });
  t.same(await drainOutbox(app.database.db, adapter, settings), { sent: 1, retried: 0, dead: 0 }, 'the next row goes while the first waits');
  t.equal(sink.to(next).length, 1);

  for (let i = 0; i < 40 && (await row(app, stuck)).status === 'pending'; i++) {
    await sleep(100);
    await drainOutbox(app.database.db, adapter, settings);
  }
  const dead = await row(app, stuck);
  t.equal(dead.status, 'dead');
  t.equal(dead.attempts, 3);
  t.equal(sink.attempts.get(stuck), 3);
});

t.test('a drainer that died mid-send leaves the row to the next one when its lease ends', async (t) => {
  const sink = await startSmtpSink(t);
  const { app, config } = await mailApp(t, sink);
  const to = uniqueEmail('lease');
  await enqueue(app, to);
  // A claim whose sender never returns: the row is leased (not due), not lost.
  const hanging = { send: () => new Promise<void>(() => {}) };
  const claimed = drainOutbox(app.database.db, hanging, { ...config.mail, sendTimeoutMs: 300 });
  await sleep(50);
  t.same(await app.mailDrainer.drainNow(), { sent: 0, retried: 0, dead: 0 }, 'another drainer does not take a leased row');
  t.same(await claimed, { sent: 0, retried: 1, dead: 0 }, 'the hung send times out as a transient failure');
  t.equal((await row(app, to)).lastError, 'send timed out after 300 ms');
  for (let i = 0; i < 40 && sink.to(to).length === 0; i++) {
    await sleep(100);
    await app.mailDrainer.drainNow();
  }
  t.equal(sink.to(to).length, 1, 'and it is delivered by the next attempt');
});

t.test('smtp:// requires STARTTLS unless SMTP_REQUIRE_TLS=false', async (t) => {
  const sink = await startSmtpSink(t);
  const { app } = await mailApp(t, sink, { SMTP_REQUIRE_TLS: 'true' });
  const to = uniqueEmail('plain');
  await enqueue(app, to);
  t.same(await app.mailDrainer.drainNow(), { sent: 0, retried: 1, dead: 0 });
  t.equal(sink.received.length, 0, 'nothing sent in the clear');
  t.match((await row(app, to)).lastError, /ETLS|STARTTLS/);
  // Out of the way of the tests that follow on this database.
  await app.database.db.delete(emailOutbox).where(eq(emailOutbox.toEmail, to));
});

t.test('the backoff doubles up to its cap, with jitter between half and all of it', async (t) => {
  const s = { retryBaseMs: 60_000, retryMaxMs: 3_600_000 };
  t.same([1, 2, 3, 7, 8].map((n) => retryDelayMs(n, { ...s, random: () => 1 })), [60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
  t.equal(retryDelayMs(3, { ...s, random: () => 0 }), 120_000);
});

t.test('the per-recipient cap holds under concurrent requests', async (t) => {
  const sink = await startSmtpSink(t);
  const { app } = await mailApp(t, sink);

  await t.test('15 registrations of a taken address send its owner one notice', async (t) => {
    const owner = await createUser(app);
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/v1/auth/register',
          remoteAddress: `198.51.100.${i + 1}`,
          payload: { email: owner.email, password: 'another long passphrase 7', displayName: 'Mallory', country: 'IT' },
        }),
      ),
    );
    t.same(new Set(answers.map((a) => a.statusCode)), new Set([202]), 'the answer never changes');
    const notices = await app.database.db.select().from(emailOutbox).where(eq(emailOutbox.toEmail, owner.email));
    t.equal(notices.filter((n) => n.template === 'already_registered').length, 1);
  });

  await t.test('invitations beyond the cap are refused with 429, plus-tags folded', async (t) => {
    const owner = await createUser(app);
    const org = await createOrganisation(app, owner);
    const [local, domain] = uniqueEmail('victim').split('@');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        app.inject({ method: 'POST', url: `/v1/organisations/${org.id}/invitations`, headers: owner.auth, payload: { email: `${local}+${i}@${domain}`, role: 'member' } }),
      ),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    t.same(codes, [201, 201, 201, 201, 201, 429, 429, 429], 'five reach the inbox in an hour');
    const refused = answers.find((a) => a.statusCode === 429)!;
    t.equal(refused.json().code, 'RECIPIENT_EMAIL_LIMIT');
    t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.ok(Number(refused.headers['retry-after']) > 3000, 'Retry-After: when the oldest leaves the hour');
    const list = await app.inject({ url: `/v1/organisations/${org.id}/invitations`, headers: owner.auth });
    t.equal(list.json().items.length, 5, 'a refused invitation is not created');
  });
});
