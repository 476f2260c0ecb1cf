/**
 * Eligibility facts are self-declared, so the first submit to a competition freezes the ones it
 * read (issue #10, item 15): a refused applicant cannot edit their profile and try again, and
 * organisers see when a profile no longer states what was frozen.
 */
import { sql } from 'drizzle-orm';
import t from 'tap';
import { runStatement, statement } from '../../../src/db/statements.js';
import { contentHash } from '../../../src/modules/proposals/proposals.rules.js';
import { storeSubmissionsSql, submissionFactsSql, type SubmissionFactsRow } from '../../../src/modules/proposals/submission.queries.js';
import { createServices, submissionSql } from '../../../src/services.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { createDraft, openCompetition, submit } from '../../helpers/competitions.js';
import { createUser, emailToken, type TestUser } from '../../helpers/factories.js';

const { app } = await buildFeatureApp(t);

const rules = {
  minAge: 15,
  maxAge: 23,
  ageReferenceDate: '2025-10-31',
  allowedCountries: ['IT', 'AT'],
  minTeamSize: 1,
  maxTeamSize: 3,
  maxProposalsPerApplicant: 3,
};

const editProfile = (user: TestUser, payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: '/v1/me', headers: user.auth, payload });

function failing(res: { json(): { errors?: Array<{ field: string; code: string }> } }): string[] {
  return (res.json().errors ?? []).map((e) => `${e.field}:${e.code}`).sort();
}

t.test('a refused 13-year-old from France cannot edit birth date and country to get in', async (t) => {
  const { competitionId, organiser } = await openCompetition(app, { eligibility: rules });
  const minor = await createUser(app, { birthDate: '2012-06-01', country: 'FR' });
  const draft = await createDraft(app, minor, competitionId);
  const refused = await submit(app, minor, draft.id);
  t.equal(refused.statusCode, 422);
  t.same(failing(refused), ['eligibility.age:too_young', 'eligibility.country:country_not_allowed']);

  t.equal((await editProfile(minor, { birthDate: '2005-01-01', country: 'IT' })).statusCode, 200, 'the profile edit itself is allowed');
  const again = await submit(app, minor, draft.id);
  t.equal(again.statusCode, 422, 'the frozen facts still decide');
  t.same(failing(again), ['eligibility.age:too_young', 'eligibility.country:country_not_allowed']);
  const other = await createDraft(app, minor, competitionId);
  t.equal((await submit(app, minor, other.id)).statusCode, 422, 'a second proposal to the same competition too');

  // Another competition has frozen nothing yet: the profile as it is now applies there.
  const elsewhere = await openCompetition(app, { eligibility: rules });
  t.equal((await submit(app, minor, (await createDraft(app, minor, elsewhere.competitionId)).id)).statusCode, 201);

  const list = (await app.inject({ url: `/v1/competitions/${elsewhere.competitionId}/proposals`, headers: elsewhere.organiser.auth })).json();
  t.match(list.items[0], { applicantCountry: 'IT', eligibilityFactsChanged: [] });
  t.ok(organiser, 'the first competition refused it, so its organisers have nothing to list');
});

t.test('an accepted applicant who edits their facts keeps the frozen ones; organisers see the change', async (t) => {
  const { competitionId, organiser } = await openCompetition(app, { eligibility: rules });
  const applicant = await createUser(app, { birthDate: '2005-03-03', country: 'AT' });
  const draft = await createDraft(app, applicant, competitionId);
  t.equal((await submit(app, applicant, draft.id)).statusCode, 201);

  const before = (await app.inject({ url: `/v1/proposals/${draft.id}`, headers: organiser.auth })).json();
  t.match(before.eligibilityFacts, { country: 'AT', birthDate: '2005-03-03', changedSince: [] });
  t.ok(Date.parse(before.eligibilityFacts.frozenAt));
  t.equal((await app.inject({ url: `/v1/proposals/${draft.id}`, headers: applicant.auth })).json().eligibilityFacts, null, 'organisers only');

  await editProfile(applicant, { birthDate: '1990-01-01', country: 'FR' });
  await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: applicant.auth, payload: { title: 'Edited after the change' } });
  const resubmit = await submit(app, applicant, draft.id);
  t.equal(resubmit.statusCode, 201, 'the frozen facts (AT, 20) still pass: a profile edit neither helps nor hurts');

  const after = (await app.inject({ url: `/v1/proposals/${draft.id}`, headers: organiser.auth })).json();
  t.match(after.eligibilityFacts, { country: 'AT', birthDate: '2005-03-03', frozenAt: before.eligibilityFacts.frozenAt });
  t.same(after.eligibilityFacts.changedSince, ['country', 'birthDate']);
  const list = (await app.inject({ url: `/v1/competitions/${competitionId}/proposals`, headers: organiser.auth })).json();
  t.match(list.items.find((p: { id: string }) => p.id === draft.id), { applicantCountry: 'AT', eligibilityFactsChanged: ['country', 'birthDate'] });
});

t.test('a birth date missing at the first submit can be added once, then it is frozen too', async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: rules });
  const applicant = await createUser(app, { country: 'IT' });
  const draft = await createDraft(app, applicant, competitionId);
  t.same(failing(await submit(app, applicant, draft.id)), ['eligibility.age:birth_date_missing']);
  await editProfile(applicant, { birthDate: '2011-01-01' });
  t.same(failing(await submit(app, applicant, draft.id)), ['eligibility.age:too_young'], 'the added birth date is used');
  await editProfile(applicant, { birthDate: '2004-01-01' });
  t.same(failing(await submit(app, applicant, draft.id)), ['eligibility.age:too_young'], '...and frozen: a second edit does not count');
});

t.test("team members' facts freeze too", async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: rules });
  const applicant = await createUser(app, { birthDate: '2005-01-01', country: 'IT' });
  const member = await createUser(app, { birthDate: '2005-01-01', country: 'US' });
  const draft = await createDraft(app, applicant, competitionId);
  await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/members`, headers: applicant.auth, payload: { email: member.email } });
  const token = await emailToken(app, member.email, 'proposal_invitation');
  t.equal((await app.inject({ method: 'POST', url: '/v1/proposal-invitations/accept', headers: member.auth, payload: { token } })).statusCode, 200);
  t.same(failing(await submit(app, applicant, draft.id)), ['eligibility.teamCountry:country_not_allowed']);
  await editProfile(member, { country: 'AT' });
  t.same(failing(await submit(app, applicant, draft.id)), ['eligibility.teamCountry:country_not_allowed'], "the member's US stays frozen");
});

t.test('the freeze of a refused submit survives its rollback (Idempotency-Key: the request runs in one transaction)', async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: rules });
  const minor = await createUser(app, { birthDate: '2013-01-01', country: 'IT' });
  const draft = await createDraft(app, minor, competitionId);
  const refused = await submit(app, minor, draft.id, { 'idempotency-key': `freeze-${draft.id}` });
  t.equal(refused.statusCode, 422);
  await editProfile(minor, { birthDate: '2005-01-01' });
  t.same(failing(await submit(app, minor, draft.id)), ['eligibility.age:too_young']);
});

t.test('guardian consent must come from another mailbox than the applicant’s', async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: { ...rules, guardianConsentUnderAge: 18 } });
  const applicant = await createUser(app, { email: `Young.Person.${Date.now()}@gmail.com`, birthDate: '2009-01-01', country: 'IT' });
  const draft = await createDraft(app, applicant, competitionId);
  const [local, domain] = applicant.email.split('@') as [string, string];
  const ask = (guardianEmail: string) => app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/guardian-consent`, headers: applicant.auth, payload: { guardianEmail } });
  for (const alias of [
    applicant.email,
    applicant.email.toUpperCase(),
    `${local}+mum@${domain}`,
    `${local.replaceAll('.', '')}@${domain}`,
    `${local.replaceAll('.', '').split('').join('.')}@googlemail.com`,
  ]) {
    const res = await ask(alias);
    t.equal(res.statusCode, 422, `${alias} is the applicant's mailbox`);
    t.match(res.json().errors, [{ field: 'guardianEmail', code: 'is_applicant' }]);
  }
  t.equal((await ask(`parent.of.${local}@${domain}`)).statusCode, 201, 'another mailbox is accepted');
  t.equal((await ask(`${local}@example.org`)).statusCode, 201, 'the same local part at another domain is another mailbox (dots matter only at Gmail)');
});

t.test('an identical resubmit makes no new revision: 200, the current revision, the same receipt', async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: rules });
  const applicant = await createUser(app, { birthDate: '2005-01-01', country: 'IT' });
  const draft = await createDraft(app, applicant, competitionId);
  const first = await submit(app, applicant, draft.id);
  t.equal(first.statusCode, 201);
  const same = await submit(app, applicant, draft.id);
  t.equal(same.statusCode, 200, 'nothing changed');
  t.same(same.json().receipt, first.json().receipt, 'the same receipt');
  t.equal(same.json().proposal.submitted.revision, 1);
  t.equal(same.headers.etag, first.headers.etag, 'the proposal did not change either');

  // Editing and editing back is still the same content.
  await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: applicant.auth, payload: { title: 'Other' } });
  await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: applicant.auth, payload: { title: 'Makers of Trieste' } });
  t.equal((await submit(app, applicant, draft.id)).statusCode, 200);

  await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: applicant.auth, payload: { title: 'A new title' } });
  const changed = await submit(app, applicant, draft.id);
  t.equal(changed.statusCode, 201, 'a change is a new revision');
  t.equal(changed.json().proposal.submitted.revision, 2);
  const revisions = (await app.inject({ url: `/v1/proposals/${draft.id}/revisions`, headers: applicant.auth })).json();
  t.equal(revisions.items.length, 2, 'two revisions for four submits');
});

t.test('the store refuses a decision made on facts that are no longer the frozen ones (a concurrent freeze)', async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: rules });
  const first = await createUser(app, { birthDate: '2005-01-01', country: 'IT' });
  t.equal((await submit(app, first, (await createDraft(app, first, competitionId)).id)).statusCode, 201, 'the rules are frozen');
  const applicant = await createUser(app, { birthDate: '2005-01-01', country: 'IT' });
  const draft = await createDraft(app, applicant, competitionId);

  // The submit path's own statements, as the service runs them: read, decide (IT passes), then --
  // before the store -- another submit freezes FR for this applicant.
  const services = createServices({ config: app.config, database: app.database, signAccessToken: app.signAccessToken });
  const parts = submissionSql(services);
  const [row] = await runStatement<SubmissionFactsRow>(app.database.db, statement('test_facts', submissionFactsSql(parts)), [[draft.id]]);
  t.equal(row!.frozen_country, null, 'nothing frozen at the read');
  const content = { proposalId: draft.id, competitionId, applicantId: applicant.id, organisationId: null, title: row!.title, answers: row!.answers, team: [], attachments: [] };
  const used = [{ user_id: applicant.id, country: 'IT', birth_date: '2005-01-01' }];
  const input = {
    proposal_id: draft.id, proposal_version: row!.version, revision: 1, competition_id: competitionId, competition_version: row!.competition_version,
    applicant_id: applicant.id, submitted_by: applicant.id, local_date: row!.local_date, content, content_hash: contentHash(content),
    payload: { proposalId: draft.id, competitionId, revision: 1, contentHash: contentHash(content) }, first_submit: true, max_proposals: 3,
    freeze_facts: used, facts_used: used,
  };
  const store = statement('test_store', storeSubmissionsSql(parts));
  await app.database.db.execute(sql`insert into frozen_eligibility_facts (competition_id, user_id, country, birth_date) values (${competitionId}, ${applicant.id}, 'FR', '2005-01-01')`);
  t.same(await runStatement(app.database.db, store, [JSON.stringify([input])]), [], 'stored nothing: the decision read IT, FR is frozen');

  await app.database.db.execute(sql`delete from frozen_eligibility_facts where competition_id = ${competitionId} and user_id = ${applicant.id}`);
  t.equal((await runStatement(app.database.db, store, [JSON.stringify([input])])).length, 1, 'the same input stores once the facts agree (the input is valid)');
  const result = await app.database.db.execute(sql`select country from frozen_eligibility_facts where competition_id = ${competitionId} and user_id = ${applicant.id}`);
  t.same((result as unknown as { rows: unknown[] }).rows, [{ country: 'IT' }], 'and froze what it decided on');
});
