import t from 'tap';
import { eq, sql } from 'drizzle-orm';
import { competitions } from '../../../src/db/schema/index.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { competitionBody, createCompetition, daysFromNow, eventsOf, publishCompetition } from '../../helpers/competitions.js';
import { addMember, createOrganisation, createUser } from '../../helpers/factories.js';

const { app } = await buildFeatureApp(t);
const owner = await createUser(app);
const org = await createOrganisation(app, owner);
const manager = await createUser(app);
const member = await createUser(app);
await addMember(app, org, owner, manager, 'manager');
await addMember(app, org, owner, member, 'member');
const outsider = await createUser(app);
const otherOrg = await createOrganisation(app, outsider);

const create = (payload: unknown, user = owner, organisationId = org.id) =>
  app.inject({ method: 'POST', url: `/v1/organisations/${organisationId}/competitions`, headers: user.auth, payload: payload as object });
const patch = (id: string, payload: object, user = owner, headers: Record<string, string> = {}) =>
  app.inject({ method: 'PATCH', url: `/v1/competitions/${id}`, headers: { ...user.auth, ...headers }, payload });

t.test('an organiser creates a draft with a full configuration, echoed back', async (t) => {
  const body = competitionBody({ prize: { amount: 100000, currency: 'EUR', winners: 3 } });
  const res = await create(body, manager);
  t.equal(res.statusCode, 201, res.body);
  const c = res.json();
  t.equal(res.headers.location, `/v1/competitions/${c.id}`);
  t.equal(res.headers.etag, '"v1"');
  t.match(c, {
    organisationId: org.id,
    title: body.title,
    status: 'draft',
    phase: null,
    version: 1,
    themes: ['education', 'youth'],
    countries: ['IT', 'AT'],
    eligibility: { minAge: 15, maxAge: 23, maxTeamSize: 5, guardianConsentUnderAge: 18 },
    judging: { reviewsPerProposal: 3, blind: true, aggregation: 'mean', normalisation: 'none', showScoresToApplicants: false },
    publishedAt: null,
    rulesFrozenAt: null,
  });
  t.same(c.prize, { amount: 100000, currency: 'EUR', winners: 3, split: [33334, 33333, 33333] }, 'even split, remainder to the top');
  t.equal(c.form.length, 3);
  t.equal(c.form[0].required, true);
  t.equal(c.rubric[0].weight, 40);
  t.equal(c.timing.opensAt, new Date(body.timing.opensAt).toISOString());
  t.equal(c.timing.gracePeriodSeconds, 60);
  t.equal(new Date(c.timing.effectiveClosesAt).getTime() - new Date(c.timing.closesAt).getTime(), 60_000);

  const read = await app.inject({ url: `/v1/competitions/${c.id}`, headers: owner.auth });
  t.equal(read.statusCode, 200);
  t.equal(read.headers.etag, '"v1-draft"', 'a read tags version and state (phase; drafts have none)');
  t.same(read.json(), c, 'the stored competition reads back as created');
});

t.test('"closes 31 October" in Europe/Rome is the end of that day, after the DST change', async (t) => {
  const res = await create(competitionBody({ timing: { opensAt: '2026-09-01', closesAt: '2026-10-31', timezone: 'Europe/Rome' } }));
  t.equal(res.statusCode, 201, res.body);
  const { timing } = res.json();
  t.equal(timing.opensAt, '2026-08-31T22:00:00.000Z', 'start of 1 September, CEST (+02:00)');
  t.equal(timing.closesAt, '2026-10-31T23:00:00.000Z', 'end of 31 October = midnight CET (+01:00), 23:00 UTC');
  t.equal(timing.timezone, 'Europe/Rome');
  t.equal(timing.gracePeriodSeconds, 0);
  t.equal(timing.local.opensAt, '2026-09-01T00:00:00+02:00');
  t.equal(timing.local.closesAt, '2026-11-01T00:00:00+01:00');

  const offset = await create(competitionBody({ timing: { opensAt: '2026-09-01T09:00:00+02:00', closesAt: '2026-10-31T18:00:00-05:00', timezone: 'America/New_York' } }));
  t.equal(offset.statusCode, 201);
  t.equal(offset.json().timing.closesAt, '2026-10-31T23:00:00.000Z', 'an instant with an offset is taken as is');
});

t.test('an unknown time zone and an instant without offset are refused', async (t) => {
  const res = await create(competitionBody({ timing: { opensAt: '2026-09-01', closesAt: '2026-10-31', timezone: 'Europe/Atlantis' } }));
  t.equal(res.statusCode, 422);
  t.equal(res.json().code, 'VALIDATION_FAILED');
  t.ok(res.json().errors.some((e: { field: string }) => e.field === 'timing.timezone'));

  const noOffset = await create(competitionBody({ timing: { opensAt: '2026-09-01T00:00:00', closesAt: '2026-10-31', timezone: 'UTC' } }));
  t.equal(noOffset.statusCode, 422);
  t.same(noOffset.json().errors.map((e: { field: string }) => e.field), ['timing.opensAt']);

  const offsetZone = await create(competitionBody({ timing: { opensAt: '2026-09-01', closesAt: '2026-10-31', timezone: '+01:00' } }));
  t.equal(offsetZone.statusCode, 422, 'an offset is not a time zone');
});

t.test('an invalid configuration is refused with every problem named', async (t) => {
  const res = await create(
    competitionBody({
      title: 'x',
      prize: { amount: 1000, currency: 'eur', winners: 2, split: [600, 300] },
      timing: { opensAt: '2026-10-31T10:00:00Z', closesAt: '2026-10-01T10:00:00Z', timezone: 'Europe/Rome', gracePeriodSeconds: -5 },
      eligibility: { minAge: 23, maxAge: 15, allowedCountries: ['IT', 'IT'], minTeamSize: 4, maxTeamSize: 2, maxProposalsPerApplicant: 1 },
      form: [
        { id: 'pick', type: 'choice', label: 'Pick one', required: true },
        { id: 'pick', type: 'multichoice', label: 'Pick many', required: true, options: ['a', 'a'] },
        { id: 'words', type: 'longtext', label: 'Essay', required: true, maxWords: 0 },
        { id: 'n', type: 'number', label: 'How many', required: false, min: 10, max: 1 },
      ],
      rubric: [
        { id: 'impact', label: 'Impact', weight: 0, scaleMin: 1, scaleMax: 10 },
        { id: 'reach', label: 'Reach', weight: -3, scaleMin: 10, scaleMax: 10 },
      ],
      judging: { tieBreaks: [{ kind: 'criterion', criterionId: 'charisma' }] },
    }),
  );
  t.equal(res.statusCode, 422);
  const body = res.json();
  t.equal(body.code, 'VALIDATION_FAILED');
  const fields = new Set(body.errors.map((e: { field: string }) => e.field));
  for (const field of [
    'title',
    'prize.currency',
    'prize.split',
    'timing.closesAt',
    'timing.gracePeriodSeconds',
    'eligibility.maxAge',
    'eligibility.maxTeamSize',
    'eligibility.allowedCountries',
    'form.0.options',
    'form.1.id',
    'form.1.options',
    'form.2.maxWords',
    'form.3.max',
    'rubric.0.weight',
    'rubric.1.weight',
    'rubric.1.scaleMax',
    'judging.tieBreaks.0.criterionId',
  ]) {
    t.ok(fields.has(field), `names ${field}`);
  }
  t.ok(body.errors.every((e: { message: string }) => e.message.length > 0));
});

t.test('prize split: explicit splits must match the winners and sum to the amount', async (t) => {
  const ok = await create(competitionBody({ prize: { amount: 500000, currency: 'EUR', winners: 2, split: [300000, 200000] } }));
  t.equal(ok.statusCode, 201);
  t.same(ok.json().prize.split, [300000, 200000]);
  const bad = await create(competitionBody({ prize: { amount: 500000, currency: 'EUR', winners: 3, split: [300000, 100000] } }));
  t.equal(bad.statusCode, 422);
  t.same(
    bad.json().errors.filter((e: { field: string }) => e.field === 'prize.split').length,
    2,
    'both the length and the sum are reported',
  );
});

t.test('who may create and see drafts', async (t) => {
  t.equal((await create(competitionBody(), member)).statusCode, 403, 'a plain member cannot create');
  t.equal((await create(competitionBody(), outsider)).statusCode, 404, 'a non-member is told the organisation is not found');
  t.equal((await create(competitionBody(), outsider, otherOrg.id)).statusCode, 201, 'but can in their own');

  const draft = await createCompetition(app, owner, org.id);
  t.equal((await app.inject({ url: `/v1/competitions/${draft.id}`, headers: member.auth })).statusCode, 200, 'members see drafts');
  t.equal((await app.inject({ url: `/v1/competitions/${draft.id}` })).statusCode, 404, 'visitors do not');
  const foreign = await app.inject({ url: `/v1/competitions/${draft.id}`, headers: outsider.auth });
  t.equal(foreign.statusCode, 404, 'organisers of another organisation do not');
  t.equal(foreign.json().code, 'NOT_FOUND');

  t.equal((await patch(draft.id, { title: 'Taken over' }, outsider)).statusCode, 404, 'nor can they edit it');
  t.equal((await patch(draft.id, { title: 'Promoted' }, member)).statusCode, 403, 'a plain member cannot edit');
  for (const path of ['publish', 'archive']) {
    t.equal((await app.inject({ method: 'POST', url: `/v1/competitions/${draft.id}/${path}`, headers: outsider.auth })).statusCode, 404, `${path}: outsider 404`);
    t.equal((await app.inject({ method: 'POST', url: `/v1/competitions/${draft.id}/${path}`, headers: member.auth })).statusCode, 403, `${path}: member 403`);
  }

  await publishCompetition(app, owner, draft.id);
  const pub = await app.inject({ url: `/v1/competitions/${draft.id}` });
  t.equal(pub.statusCode, 200, 'published: public');
  t.equal(pub.json().phase, 'open');
  t.equal((await app.inject({ url: '/v1/competitions/00000000-0000-4000-8000-000000000000' })).statusCode, 404);
});

t.test('drafts are edited freely; If-Match guards against lost updates', async (t) => {
  const c = await createCompetition(app, owner, org.id);
  const stale = await patch(c.id, { title: 'Edited twice' }, owner, { 'if-match': '"v0"' });
  t.equal(stale.statusCode, 412);
  t.equal(stale.json().code, 'PRECONDITION_FAILED');
  t.equal(stale.headers.etag, '"v1"', 'the current version comes back');

  const ok = await patch(c.id, { title: 'Edited once', prize: { amount: 900, currency: 'CHF' }, timing: { closesAt: '2027-01-31' } }, owner, { 'if-match': '"v1"' });
  t.equal(ok.statusCode, 200, ok.body);
  t.equal(ok.headers.etag, '"v2"');
  t.match(ok.json(), { title: 'Edited once', version: 2, prize: { amount: 900, currency: 'CHF', winners: 1, split: [900] } });
  t.equal(ok.json().timing.closesAt, '2027-01-31T23:00:00.000Z', 'date-only in the stored time zone');

  t.equal((await patch(c.id, { title: 'Again' }, owner, { 'if-match': '"v1"' })).statusCode, 412, 'the old version is now stale');
  t.equal((await patch(c.id, { title: 'Without If-Match' })).statusCode, 200, 'If-Match is optional');
  t.equal((await patch(c.id, { title: 'Weak tag' }, owner, { 'if-match': 'W/"v3"' })).statusCode, 412, 'If-Match compares strongly: a weak tag never matches');
  t.equal((await patch(c.id, { title: 'Strong tag' }, owner, { 'if-match': '"v3"' })).statusCode, 200, 'the strong tag of the current version does');

  const noop = await patch(c.id, { title: 'Strong tag' });
  t.equal(noop.json().version, 4, 'an edit that changes nothing keeps the version');

  const invalid = await patch(c.id, { timing: { closesAt: daysFromNow(-30) }, rubric: [{ id: 'a', label: 'A', weight: 1, scaleMin: 3, scaleMax: 2 }] });
  t.equal(invalid.statusCode, 422, 'the merged configuration is validated');
  t.same(new Set(invalid.json().errors.map((e: { field: string }) => e.field)), new Set(['timing.closesAt', 'rubric.0.scaleMax', 'judging.tieBreaks.0.criterionId']));
});

t.test('after publication: content editable, prize and window protected, rules until the first submission', async (t) => {
  const c = await createCompetition(app, owner, org.id);
  const published = await publishCompetition(app, owner, c.id);
  t.equal(published.status, 'published');

  const text = await patch(c.id, { title: 'Renamed', summary: 'New summary', description: 'New text' });
  t.equal(text.statusCode, 200);
  t.equal(text.json().title, 'Renamed');

  const prize = await patch(c.id, { prize: { amount: 1, currency: 'EUR' } });
  t.equal(prize.statusCode, 409);
  t.equal(prize.json().code, 'FIELD_LOCKED');

  const earlier = await patch(c.id, { timing: { closesAt: daysFromNow(10) } });
  t.equal(earlier.statusCode, 409, 'closesAt never moves earlier once open');
  t.equal(earlier.json().code, 'CLOSES_AT_NOT_EXTENDABLE');
  t.equal((await patch(c.id, { timing: { gracePeriodSeconds: 0 } })).json().code, 'GRACE_PERIOD_NOT_REDUCIBLE');
  t.equal((await patch(c.id, { timing: { opensAt: daysFromNow(-2) } })).json().code, 'FIELD_LOCKED', 'opensAt is past');

  const later = await patch(c.id, { timing: { closesAt: daysFromNow(40) } });
  t.equal(later.statusCode, 200, 'later is fine');
  t.ok((await eventsOf(app, c.id)).some((e) => e.type === 'competition.extended'), 'and emits competition.extended');

  const form = [...competitionBody().form, { id: 'extra', type: 'boolean', label: 'Extra?', required: false }];
  const beforeFreeze = await patch(c.id, { form });
  t.equal(beforeFreeze.statusCode, 200, 'the form may change before any submission');

  // The first submission sets rules_frozen_at (proposals feature); simulate it.
  await app.database.db.update(competitions).set({ rulesFrozenAt: sql`now()` }).where(eq(competitions.id, c.id));
  const frozen = await patch(c.id, { form: competitionBody().form });
  t.equal(frozen.statusCode, 409);
  t.equal(frozen.json().code, 'RULES_FROZEN');
  t.same(frozen.json().fields, ['form']);
  const rubric = await patch(c.id, { rubric: [{ id: 'impact', label: 'Impact', weight: 1, scaleMin: 1, scaleMax: 5 }], eligibility: { minTeamSize: 1, maxTeamSize: 1, maxProposalsPerApplicant: 1 } });
  t.equal(rubric.json().code, 'RULES_FROZEN');
  t.same(rubric.json().fields, ['eligibility', 'rubric']);

  const unchanged = await patch(c.id, { form: beforeFreeze.json().form, title: 'Still editable' });
  t.equal(unchanged.statusCode, 200, 'sending the frozen rules unchanged is fine');

  const audit = await app.inject({ url: `/v1/competitions/${c.id}/audit`, headers: owner.auth });
  const refused = audit.json().items.filter((e: { action: string }) => e.action === 'competition.rules_change_refused');
  t.equal(refused.length, 2, 'each refused rule change is audited');
  t.same(refused[0].data.fields, ['form']);
});

t.test('an upcoming published competition may still move its window', async (t) => {
  const c = await createCompetition(app, owner, org.id, { timing: { opensAt: daysFromNow(5), closesAt: daysFromNow(30), timezone: 'UTC' } });
  await publishCompetition(app, owner, c.id);
  const res = await patch(c.id, { timing: { opensAt: daysFromNow(3), closesAt: daysFromNow(20) } });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().phase, 'upcoming');
});
