/** Individual extensions go to applicants only, and the refusal does not tell which user ids exist (issue #10, item 17). */
import t from 'tap';
import { buildFeatureApp } from '../../helpers/app.js';
import { createDraft, daysFromNow, openCompetition } from '../../helpers/competitions.js';
import { createUser } from '../../helpers/factories.js';

const { app } = await buildFeatureApp(t);

t.test('USER_NOT_FOUND is the same answer for a made-up id and a real user without a proposal', async (t) => {
  const { competitionId, organiser } = await openCompetition(app);
  const stranger = await createUser(app);
  const applicant = await createUser(app);
  await createDraft(app, applicant, competitionId);
  const grant = (userId: string) =>
    app.inject({ method: 'PUT', url: `/v1/competitions/${competitionId}/extensions/${userId}`, headers: organiser.auth, payload: { closesAt: daysFromNow(40), reason: 'Illness' } });

  const made = await grant('00000000-0000-4000-8000-000000000000');
  const real = await grant(stranger.id);
  const strip = (body: Record<string, unknown>) => {
    const { requestId: _r, instance: _i, ...rest } = body;
    return rest;
  };
  t.equal(made.statusCode, 404);
  t.equal(made.json().code, 'USER_NOT_FOUND');
  t.equal(real.statusCode, 404, 'a real account without a proposal here');
  t.same(strip(real.json()), strip(made.json()), 'the same problem, word for word');
  t.equal((await grant(applicant.id)).statusCode, 201, 'an applicant with a draft gets it');

  const withdrawn = await createUser(app);
  const draft = await createDraft(app, withdrawn, competitionId);
  await app.inject({ method: 'POST', url: `/v1/proposals/${draft.id}/withdraw`, headers: withdrawn.auth });
  t.equal((await grant(withdrawn.id)).json().code, 'USER_NOT_FOUND', 'a withdrawn proposal no longer counts');
});
