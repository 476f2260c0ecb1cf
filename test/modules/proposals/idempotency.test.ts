import t from 'tap';
import { eq } from 'drizzle-orm';
import { proposalRevisions, proposals } from '../../../src/db/schema/index.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { createDraft, openCompetition, submit } from '../../helpers/competitions.js';
import { createUser } from '../../helpers/factories.js';

const { app } = await buildFeatureApp(t);

t.test('create: the same key and body replay the first response; a different body is 422', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const headers = { ...applicant.auth, 'idempotency-key': 'create-1' };
  const url = `/v1/competitions/${competitionId}/proposals`;
  const first = await app.inject({ method: 'POST', url, headers, payload: { title: 'Once' } });
  t.equal(first.statusCode, 201);
  const replay = await app.inject({ method: 'POST', url, headers, payload: { title: 'Once' } });
  t.equal(replay.statusCode, 201);
  t.equal(replay.headers['idempotent-replayed'], 'true');
  t.same(replay.json(), first.json(), 'the same proposal comes back');
  t.equal(replay.headers.location, first.headers.location);
  const rows = await app.database.db.select({ id: proposals.id }).from(proposals).where(eq(proposals.applicantId, applicant.id));
  t.equal(rows.length, 1, 'only one proposal was created');

  const reused = await app.inject({ method: 'POST', url, headers, payload: { title: 'Twice' } });
  t.equal(reused.statusCode, 422);
  t.equal(reused.json().code, 'IDEMPOTENCY_KEY_REUSED');

  const otherUser = await createUser(app);
  const sameKeyOtherUser = await app.inject({ method: 'POST', url, headers: { ...otherUser.auth, 'idempotency-key': 'create-1' }, payload: { title: 'Once' } });
  t.equal(sameKeyOtherUser.statusCode, 201, 'keys are per caller');
  t.not(sameKeyOtherUser.json().id, first.json().id);
});

t.test('submit: a retry replays the receipt instead of making a second revision', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId);
  const first = await submit(app, applicant, draft.id, { 'idempotency-key': 'submit-1' });
  t.equal(first.statusCode, 201);
  const replay = await submit(app, applicant, draft.id, { 'idempotency-key': 'submit-1' });
  t.equal(replay.statusCode, 201);
  t.same(replay.json().receipt, first.json().receipt, 'the same receipt');
  const revisions = await app.database.db.select().from(proposalRevisions).where(eq(proposalRevisions.proposalId, draft.id));
  t.equal(revisions.length, 1, 'no second revision');

  // The submit takes no body (docs/input.md): one sent anyway is ignored, so it is the same request.
  const ignoredBody = await app.inject({
    method: 'POST',
    url: `/v1/proposals/${draft.id}/submit`,
    headers: { ...applicant.auth, 'idempotency-key': 'submit-1', 'content-type': 'application/json' },
    payload: { ignored: true },
  });
  t.equal(ignoredBody.statusCode, 201, 'a body on a body-less route is no part of the request');
  t.equal(ignoredBody.headers['idempotent-replayed'], 'true');
  const otherUrl = await app.inject({ method: 'POST', url: `/v1/competitions/${competitionId}/proposals`, headers: { ...applicant.auth, 'idempotency-key': 'submit-1' }, payload: {} });
  t.equal(otherUrl.statusCode, 422, 'same key, different request');
  t.equal(otherUrl.json().code, 'IDEMPOTENCY_KEY_REUSED');

  // A new key with a changed draft; with the same content a submit stores nothing (frozen-eligibility.test.ts).
  await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: applicant.auth, payload: { title: 'Changed' } });
  const fresh = await submit(app, applicant, draft.id, { 'idempotency-key': 'submit-2' });
  t.equal(fresh.statusCode, 201);
  t.equal(fresh.json().receipt.revision, 2, 'a new key is a new submit');
});

t.test('a refused submit is replayed as refused (the outcome is remembered, not re-run)', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId, { title: '' });
  const first = await submit(app, applicant, draft.id, { 'idempotency-key': 'refused-1' });
  t.equal(first.statusCode, 422);
  const replay = await submit(app, applicant, draft.id, { 'idempotency-key': 'refused-1' });
  t.equal(replay.statusCode, 422);
  t.same(replay.json().errors, first.json().errors);
});
