import t from 'tap';
import { buildFeatureApp } from '../../helpers/app.js';
import { createDraft, openCompetition, submit, validAnswers } from '../../helpers/competitions.js';
import { createUser, emailToken, type TestUser } from '../../helpers/factories.js';

const { app } = await buildFeatureApp(t);

const REFERENCE_DATE = '2025-10-31';
const youthRules = {
  minAge: 15,
  maxAge: 23,
  ageReferenceDate: REFERENCE_DATE,
  allowedCountries: ['AT', 'CZ', 'DE', 'HR', 'HU', 'IT', 'PL', 'SI', 'SK'],
  minTeamSize: 1,
  maxTeamSize: 2,
  maxProposalsPerApplicant: 1,
};

function fields(body: { errors?: Array<{ field: string }> }): string[] {
  return (body.errors ?? []).map((e) => e.field).sort();
}

async function addTeamMember(owner: TestUser, proposalId: string, overrides: { country?: string } = {}): Promise<TestUser> {
  const member = await createUser(app, { country: overrides.country ?? 'IT', birthDate: '2005-01-01' });
  const invite = await app.inject({ method: 'POST', url: `/v1/proposals/${proposalId}/members`, headers: owner.auth, payload: { email: member.email } });
  if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.statusCode} ${invite.body}`);
  const token = await emailToken(app, member.email, 'proposal_invitation');
  const accept = await app.inject({ method: 'POST', url: '/v1/proposal-invitations/accept', headers: member.auth, payload: { token } });
  if (accept.statusCode !== 200) throw new Error(`accept failed: ${accept.statusCode} ${accept.body}`);
  return member;
}

t.test('age at the reference date: 14 and 24 refused, 15 and 23 accepted', async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: youthRules });
  const cases = [
    { age: 14, birthDate: '2010-11-01', ok: false, code: 'too_young' },
    { age: 15, birthDate: '2010-10-31', ok: true },
    { age: 23, birthDate: '2001-11-01', ok: true },
    { age: 24, birthDate: '2001-10-31', ok: false, code: 'too_old' },
  ];
  for (const c of cases) {
    const applicant = await createUser(app, { birthDate: c.birthDate, country: 'AT' });
    const draft = await createDraft(app, applicant, competitionId);
    const res = await submit(app, applicant, draft.id);
    if (c.ok) {
      t.equal(res.statusCode, 201, `age ${c.age} is accepted`);
    } else {
      t.equal(res.statusCode, 422, `age ${c.age} is refused`);
      t.equal(res.json().code, 'SUBMISSION_INVALID');
      t.match(res.json().errors, [{ field: 'eligibility.age', code: c.code, in: 'rule' }]);
    }
  }
  const noBirthDate = await createUser(app, { country: 'AT' });
  const draft = await createDraft(app, noBirthDate, competitionId);
  const res = await submit(app, noBirthDate, draft.id);
  t.equal(res.statusCode, 422, 'a missing birth date fails the age rule');
  t.match(res.json().errors, [{ field: 'eligibility.age', code: 'birth_date_missing' }]);
});

t.test('countries: an allowed one passes, a refused one fails, for the applicant and the team', async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: youthRules });
  const allowed = await createUser(app, { birthDate: '2005-05-05', country: 'SI' });
  t.equal((await submit(app, allowed, (await createDraft(app, allowed, competitionId)).id)).statusCode, 201, 'SI is allowed');

  const refused = await createUser(app, { birthDate: '2005-05-05', country: 'FR' });
  const res = await submit(app, refused, (await createDraft(app, refused, competitionId)).id);
  t.equal(res.statusCode, 422, 'FR is refused');
  t.same(fields(res.json()), ['eligibility.country']);

  const withForeignMember = await createUser(app, { birthDate: '2005-05-05', country: 'IT' });
  const draft = await createDraft(app, withForeignMember, competitionId);
  await addTeamMember(withForeignMember, draft.id, { country: 'US' });
  const teamRes = await submit(app, withForeignMember, draft.id);
  t.equal(teamRes.statusCode, 422);
  t.same(fields(teamRes.json()), ['eligibility.teamCountry']);
});

t.test('team size: too big is refused, and invitations beyond the limit are refused', async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: { ...youthRules, maxTeamSize: 3 } });
  const applicant = await createUser(app, { birthDate: '2005-05-05', country: 'IT' });
  const draft = await createDraft(app, applicant, competitionId);
  await addTeamMember(applicant, draft.id);
  await addTeamMember(applicant, draft.id);
  const full = await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/members`, headers: applicant.auth, payload: { email: 'fourth@example.org' } });
  t.equal(full.statusCode, 409, 'no fourth seat');
  t.equal(full.json().code, 'TEAM_FULL');
  t.equal((await submit(app, applicant, draft.id)).statusCode, 201, 'a team of three fits');

  const small = await openCompetition(app, { eligibility: { ...youthRules, maxTeamSize: 3 } });
  const other = await createUser(app, { birthDate: '2005-05-05', country: 'IT' });
  const otherDraft = await createDraft(app, other, small.competitionId);
  await addTeamMember(other, otherDraft.id);
  await addTeamMember(other, otherDraft.id);
  // Shrink the limit before any submission (rules are not frozen yet): the team is now too big.
  const shrunk = await app.inject({
    method: 'PATCH',
    url: `/v1/competitions/${small.competitionId}`,
    headers: small.organiser.auth,
    payload: { eligibility: { ...youthRules, maxTeamSize: 2 } },
  });
  t.equal(shrunk.statusCode, 200, 'the organiser may still change the rules');
  const tooBig = await submit(app, other, otherDraft.id);
  t.equal(tooBig.statusCode, 422);
  t.match(tooBig.json().errors, [{ field: 'eligibility.teamSize', code: 'team_too_large', in: 'rule' }]);
});

t.test('quota: a second submitted proposal is refused until the first is withdrawn', async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: youthRules });
  const applicant = await createUser(app, { birthDate: '2005-05-05', country: 'IT' });
  const first = await createDraft(app, applicant, competitionId);
  const second = await createDraft(app, applicant, competitionId);
  t.equal((await submit(app, applicant, first.id)).statusCode, 201);
  await app.inject({ method: 'PATCH', url: `/v1/proposals/${first.id}`, headers: applicant.auth, payload: { title: 'Second revision' } });
  t.equal((await submit(app, applicant, first.id)).statusCode, 201, 'resubmitting the same proposal does not count twice');
  const res = await submit(app, applicant, second.id);
  t.equal(res.statusCode, 422);
  t.match(res.json().errors, [{ field: 'eligibility.maxProposalsPerApplicant', code: 'quota_reached', in: 'rule' }]);
  t.equal((await app.inject({ method: 'POST', url: `/v1/proposals/${first.id}/withdraw`, headers: applicant.auth })).statusCode, 200);
  t.equal((await submit(app, applicant, second.id)).statusCode, 201, 'after withdrawing, the quota has room again');
});

t.test('a minor needs a guardian to confirm consent before the proposal is accepted', async (t) => {
  const { competitionId } = await openCompetition(app, { eligibility: { ...youthRules, guardianConsentUnderAge: 18 } });
  const minor = await createUser(app, { birthDate: '2009-06-01', country: 'HR' });
  const draft = await createDraft(app, minor, competitionId);
  const refused = await submit(app, minor, draft.id);
  t.equal(refused.statusCode, 422, 'without consent');
  t.match(refused.json().errors, [{ field: 'eligibility.guardianConsent', code: 'guardian_consent_missing', in: 'rule' }]);

  const guardianEmail = `guardian-${minor.id}@example.org`;
  const requested = await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/guardian-consent`, headers: minor.auth, payload: { guardianEmail } });
  t.equal(requested.statusCode, 201);
  t.match(requested.json(), { status: 'pending', guardianEmail, competitionId });
  t.equal((await submit(app, minor, draft.id)).statusCode, 422, 'a pending request is not consent');

  const token = await emailToken(app, guardianEmail, 'guardian_consent');
  t.ok(token, 'the guardian got an email with a token');
  const wrong = await app.inject({ method: 'POST', url: '/v1/guardian-consents/confirm', payload: { token: 'not-the-token-at-all' } });
  t.equal(wrong.statusCode, 404);
  const confirmed = await app.inject({ method: 'POST', url: '/v1/guardian-consents/confirm', payload: { token } });
  t.equal(confirmed.statusCode, 200, 'the guardian confirms without an account');
  t.match(confirmed.json(), { confirmed: true, competitionId });
  const list = await app.inject({ method: 'GET', url: `/v1/proposals/${draft.id}/guardian-consents`, headers: minor.auth });
  t.match(list.json().items, [{ status: 'confirmed' }]);

  t.equal((await submit(app, minor, draft.id)).statusCode, 201, 'with consent');

  const adult = await createUser(app, { birthDate: '2004-01-01', country: 'HR' });
  t.equal((await submit(app, adult, (await createDraft(app, adult, competitionId)).id)).statusCode, 201, 'adults need no consent');
});

t.test('one 422 lists every failed rule and field', async (t) => {
  const { competitionId } = await openCompetition(app, {
    eligibility: { ...youthRules, guardianConsentUnderAge: 18, minTeamSize: 2 },
    form: [
      { id: 'summary', type: 'longtext', label: 'Summary', required: true, maxWords: 5 },
      { id: 'pitch', type: 'text', label: 'Pitch', required: true, maxChars: 10 },
      { id: 'audience', type: 'choice', label: 'Audience', required: true, options: ['students', 'teachers'] },
      { id: 'topics', type: 'multichoice', label: 'Topics', required: false, options: ['a', 'b'] },
      { id: 'budget', type: 'number', label: 'Budget', required: false, min: 0, max: 5000 },
      { id: 'website', type: 'url', label: 'Website', required: false },
      { id: 'start', type: 'date', label: 'Start', required: false },
      { id: 'consent', type: 'boolean', label: 'I agree', required: true },
    ],
  });
  const minorAbroad = await createUser(app, { birthDate: '2011-01-01', country: 'FR' });
  const draft = await createDraft(app, minorAbroad, competitionId, {
    title: '',
    answers: {
      summary: 'one two three four five six seven',
      audience: 'aliens',
      topics: ['a', 'z'],
      budget: 9000,
      website: 'javascript:alert(1)',
      start: '2025-02-30',
      stray: 'not a question',
    },
  });
  const res = await submit(app, minorAbroad, draft.id);
  t.equal(res.statusCode, 422);
  t.same(fields(res.json()), [
    'answers.audience',
    'answers.budget',
    'answers.consent',
    'answers.pitch',
    'answers.start',
    'answers.stray',
    'answers.summary',
    'answers.topics',
    'answers.website',
    'eligibility.age',
    'eligibility.country',
    'eligibility.guardianConsent',
    'eligibility.teamSize',
    'title',
  ]);
  const byField = Object.fromEntries(res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]));
  t.match(byField, {
    'answers.summary': 'too_many_words',
    'answers.pitch': 'required',
    'answers.audience': 'invalid_choice',
    'answers.consent': 'required',
    'eligibility.age': 'too_young',
    'eligibility.teamSize': 'team_too_small',
  });
  for (const e of res.json().errors.filter((e: { field: string }) => e.field.startsWith('eligibility.'))) t.equal(e.in, 'rule');
});

t.test('form validation alone: required missing, too many words and a bad choice are all listed', async (t) => {
  const { competitionId } = await openCompetition(app);
  const applicant = await createUser(app);
  const draft = await createDraft(app, applicant, competitionId, {
    title: 'Words',
    answers: { summary: Array.from({ length: 51 }, (_, i) => `w${i}`).join(' '), audience: 'robots' },
  });
  const res = await submit(app, applicant, draft.id);
  t.equal(res.statusCode, 422);
  t.same(fields(res.json()), ['answers.audience', 'answers.summary']);
  const fixed = await app.inject({ method: 'PATCH', url: `/v1/proposals/${draft.id}`, headers: applicant.auth, payload: { answers: validAnswers } });
  t.equal(fixed.statusCode, 200);
  t.equal((await submit(app, applicant, draft.id)).statusCode, 201);

  const missing = await createDraft(app, applicant, competitionId, { title: 'Nothing yet' });
  const res2 = await submit(app, applicant, missing.id);
  t.same(fields(res2.json()), ['answers.audience', 'answers.summary'], 'both required answers are missing');
  t.match(res2.json().errors, [{ code: 'required' }, { code: 'required' }]);
});
