import t from 'tap';
import { and, eq } from 'drizzle-orm';
import { emailOutbox } from '../../../src/db/schema/mail.js';
import { createIdentityService } from '../../../src/modules/identity/identity.service.js';
import { buildFeatureApp } from '../../helpers/app.js';
import { createUser, uniqueEmail } from '../../helpers/factories.js';

t.test('a reset request does the same before its answer for registered and unknown addresses: nothing but scheduling', async (t) => {
  const { app, config } = await buildFeatureApp(t);
  const user = await createUser(app);
  const held: Array<() => Promise<void>> = [];
  // A service of its own whose after-the-answer work the test holds, to see what ran before.
  const identity = createIdentityService({ db: app.database.db, config, signAccessToken: () => 'unused', defer: (task) => held.push(task) });
  const resets = () => app.database.db.select({ id: emailOutbox.id }).from(emailOutbox).where(and(eq(emailOutbox.toEmail, user.email), eq(emailOutbox.template, 'reset_password')));

  await identity.requestPasswordReset(user.email);
  await identity.requestPasswordReset(uniqueEmail());
  t.equal(held.length, 2, 'both requests scheduled exactly one task');
  t.equal((await resets()).length, 0, 'the registered address got nothing before the answer: no lookup, token or email yet');

  await Promise.all(held.map((task) => task()));
  t.equal((await resets()).length, 1, 'after the answer, the registered address gets its email');
});

t.test('over HTTP the answer is the same and comes before the email', async (t) => {
  const { app } = await buildFeatureApp(t);
  const user = await createUser(app);
  const known = await app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: user.email } });
  const unknown = await app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: uniqueEmail() } });
  t.equal(known.statusCode, 202);
  t.same(known.json(), unknown.json());
  t.same(known.headers['content-length'], unknown.headers['content-length']);
});
