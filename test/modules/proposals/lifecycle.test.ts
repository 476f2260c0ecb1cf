import { createHash, createPublicKey, verify } from 'node:crypto';
import t from 'tap';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, competitions, domainEvents, proposalRevisions } from '../../../src/db/schema/index.js';
import { canonicalJson } from '../../../src/lib/canonical-json.js';
import { receiptMessage } from '../../../src/lib/receipts.js';
import { verifyAuditChain } from '../../../src/modules/audit/audit.service.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { createDraft, draftCompetition, openCompetition, submit, upcomingCompetition, validAnswers } from '../../helpers/competitions.js';
import { createUser } from '../../helpers/factories.js';

// One app and database for the file; every test makes its own competition and users.
const { app } = await buildFeatureApp(t);

t.test('draft, edit with ETags, submit with a receipt, edit and resubmit, withdraw', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);

  const created = await app.inject({
    method: 'POST',
    url: `/v1/competitions/${competitionId}/proposals`,
    headers: applicant.auth,
    payload: { title: 'Makers', answers: { summary: 'First words' } },
  });
  t.equal(created.statusCode, 201);
  const draft = created.json();
  t.match(draft, { status: 'draft', view: 'draft', viewerRole: 'applicant', title: 'Makers', currentRevision: null, submitted: null, unsubmittedChanges: true, version: 1 });
  t.equal(created.headers.location, `/v1/proposals/${draft.id}`);
  t.equal(created.headers.etag, '"v1"');

  const edited = await app.inject({
    method: 'PATCH',
    url: `/v1/proposals/${draft.id}`,
    headers: { ...applicant.auth, 'if-match': '"v1"' },
    payload: { answers: { audience: 'students', summary: validAnswers.summary } },
  });
  t.equal(edited.statusCode, 200);
  t.equal(edited.headers.etag, '"v2"');
  t.same(edited.json().answers, { summary: validAnswers.summary, audience: 'students' }, 'answers are merged');

  const stale = await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: { ...applicant.auth, 'if-match': '"v1"' }, payload: { title: 'Lost update' } });
  t.equal(stale.statusCode, 412, 'a stale If-Match is refused');
  t.equal(stale.json().code, 'PRECONDITION_FAILED');

  const cleared = await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: applicant.auth, payload: { answers: { budget: 10, website: null } } });
  t.equal(cleared.statusCode, 200);
  t.same(cleared.json().answers, { summary: validAnswers.summary, audience: 'students', budget: 10 });

  const first = await submit(app, applicant, draft.id);
  t.equal(first.statusCode, 201, first.body);
  const { proposal, receipt } = first.json();
  t.match(proposal, { status: 'submitted', currentRevision: 1, unsubmittedChanges: false, late: false, submitted: { revision: 1, late: false } });
  t.match(receipt, { proposalId: draft.id, competitionId, revision: 1, algorithm: 'Ed25519' });
  t.equal(proposal.submitted.contentHash, receipt.contentHash);
  t.equal(proposal.submitted.receivedAt, receipt.receivedAt);

  // The receipt verifies offline with the published key, and through the API.
  const key = (await app.inject({ method: 'GET', url: '/v1/receipts/public-key' })).json();
  t.ok(verify(null, receiptMessage(receipt), createPublicKey(key.publicKeyPem), Buffer.from(receipt.signature, 'base64url')), 'signature verifies offline');
  t.same((await app.inject({ method: 'POST', url: '/v1/receipts/verify', payload: receipt })).json(), { valid: true });
  const forged = await app.inject({ method: 'POST', url: '/v1/receipts/verify', payload: { ...receipt, receivedAt: '2000-01-01T00:00:00.000000Z' } });
  t.same(forged.json(), { valid: false, reason: 'signature_mismatch' });

  // The revision is stored with the database clock and its hash is the SHA-256 of its canonical content.
  const revision = await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}/revisions/1`, headers: applicant.auth });
  t.equal(revision.statusCode, 200);
  const rev = revision.json();
  t.equal(rev.contentHash, createHash('sha256').update(canonicalJson(rev.content)).digest('hex'), 'hash = sha256(canonical content)');
  t.match(rev.content, { proposalId: draft.id, competitionId, applicantId: applicant.id, title: 'Makers', team: [], attachments: [] });
  t.same(rev.receipt, receipt, 'the revision re-issues the same receipt');
  const [stored] = await app.database.db
    .select({ receivedAt: sql<string>`to_char(${proposalRevisions.receivedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
    .from(proposalRevisions)
    .where(eq(proposalRevisions.proposalId, draft.id));
  t.equal(stored?.receivedAt, receipt.receivedAt, 'the receipt quotes received_at exactly');

  // Rules freeze with the first submit; the audit log and the outbox have the submit.
  const [competition] = await app.database.db.select({ frozen: competitions.rulesFrozenAt }).from(competitions).where(eq(competitions.id, competitionId));
  t.ok(competition?.frozen, 'rules_frozen_at is set by the first submit');
  const audits = await app.database.db.select().from(auditLog).where(and(eq(auditLog.competitionId, competitionId), eq(auditLog.action, 'proposal.submitted')));
  t.equal(audits.length, 1);
  t.match(audits[0]!.data, { revision: 1, contentHash: receipt.contentHash });
  const events = await app.database.db.select().from(domainEvents).where(and(eq(domainEvents.subjectId, draft.id), eq(domainEvents.type, 'proposal.submitted')));
  t.equal(events.length, 1);

  // Editing after submit starts a new draft; the submitted revision is untouched.
  const afterEdit = await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: applicant.auth, payload: { title: 'Makers of Trieste' } });
  t.match(afterEdit.json(), { status: 'submitted', title: 'Makers of Trieste', currentRevision: 1, unsubmittedChanges: true, submitted: { revision: 1 } });
  const second = await submit(app, applicant, draft.id);
  t.equal(second.statusCode, 201);
  t.equal(second.json().receipt.revision, 2);
  t.not(second.json().receipt.contentHash, receipt.contentHash, 'different content, different hash');

  // The resubmission (one-statement path) is audited and evented like the first submit, and the chain seals.
  const submitAudits = await app.database.db.select().from(auditLog).where(and(eq(auditLog.competitionId, competitionId), eq(auditLog.action, 'proposal.submitted')));
  t.same(submitAudits.map((a) => a.data.revision).sort(), [1, 2]);
  t.match(submitAudits.find((a) => a.data.revision === 2)?.data, { contentHash: second.json().receipt.contentHash, receivedAt: second.json().receipt.receivedAt, late: false });
  const submitEvents = await app.database.db.select().from(domainEvents).where(and(eq(domainEvents.subjectId, draft.id), eq(domainEvents.type, 'proposal.submitted')));
  t.equal(submitEvents.length, 2);
  await app.auditSealer.sealNow({ wait: true });
  const chain = await verifyAuditChain(app.database.db, competitionId);
  t.match(chain, { valid: true, unsealedCount: 0 }, 'every submit is sealed into the audit chain');
  t.ok(chain.sealedCount >= 2);

  const list = await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}/revisions`, headers: applicant.auth });
  t.same(
    list.json().items.map((r: { revision: number; current: boolean }) => [r.revision, r.current]),
    [
      [1, false],
      [2, true],
    ],
  );

  const mine = await app.inject({ method: 'GET', url: '/v1/me/proposals', headers: applicant.auth });
  t.equal(mine.statusCode, 200);
  t.same(mine.json().items.map((p: { id: string }) => p.id), [draft.id]);

  const withdrawn = await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/withdraw`, headers: applicant.auth });
  t.equal(withdrawn.statusCode, 200);
  t.match(withdrawn.json(), { status: 'withdrawn', currentRevision: 2 });
  t.ok(withdrawn.json().withdrawnAt);
  const afterWithdraw = await submit(app, applicant, draft.id);
  t.equal(afterWithdraw.statusCode, 409);
  t.equal(afterWithdraw.json().code, 'PROPOSAL_WITHDRAWN');
  const withdrawEvents = await app.database.db.select().from(domainEvents).where(and(eq(domainEvents.subjectId, draft.id), eq(domainEvents.type, 'proposal.withdrawn')));
  t.equal(withdrawEvents.length, 1);
});

t.test('revisions cannot be changed in the database', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);
  t.equal((await submit(app, applicant, draft.id)).statusCode, 201);
  await t.rejects(app.database.db.execute(sql`update proposal_revisions set content_hash = repeat('0', 64)`), 'UPDATE is refused');
  await t.rejects(app.database.db.execute(sql`delete from proposal_revisions`), 'DELETE is refused');
});

t.test('drafts need a published competition, and submitting needs it open', async (t) => {
  const applicant = await createUser(app);
  const unpublished = await draftCompetition(app);
  const hidden = await app.inject({ method: 'POST', url: `/v1/competitions/${unpublished.competitionId}/proposals`, headers: applicant.auth, payload: {} });
  t.equal(hidden.statusCode, 404, 'an unpublished competition does not exist for applicants');

  const upcoming = await upcomingCompetition(app);
  const draft = await createDraft(app, applicant, upcoming.competitionId);
  const early = await submit(app, applicant, draft.id);
  t.equal(early.statusCode, 409);
  t.equal(early.json().code, 'COMPETITION_NOT_OPEN');
  t.ok(early.json().opensAt);

  const org = await app.inject({ method: 'POST', url: `/v1/competitions/${upcoming.competitionId}/proposals`, headers: applicant.auth, payload: { organisationId: upcoming.organisation.id } });
  t.equal(org.statusCode, 422, 'one can only submit for an organisation one belongs to');
  t.equal(org.json().errors[0].field, 'organisationId');
});

t.test('validation of the request itself', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const res = await app.inject({
    method: 'POST',
    url: `/v1/competitions/${competitionId}/proposals`,
    headers: applicant.auth,
    payload: { title: 'x'.repeat(301), answers: { 'bad id!': 'x' }, extra: true },
  });
  t.equal(res.statusCode, 422);
  t.equal(res.json().code, 'VALIDATION_FAILED');
  const unauthenticated = await app.inject({ method: 'POST', url: `/v1/competitions/${competitionId}/proposals`, payload: {} });
  t.equal(unauthenticated.statusCode, 401);
});
