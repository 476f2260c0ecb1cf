import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { createDatabase, type Db } from '../src/db/client.js';
import { memberships, organisations, users } from '../src/db/schema/index.js';
import { endOfDay } from '../src/lib/time.js';
import { CreateCompetitionBody } from '../src/modules/competitions/competitions.schemas.js';
import { selectCompetitionIdByTitle } from '../src/modules/competitions/competitions.queries.js';
import { createServices } from '../src/services.js';
import { PAST_TITLE, REFERENCE_RUBRIC, seedPastEdition } from './seed-past-edition.js';

/**
 * Loads the reference competition of SPEC §3, "Be Social, Be Maker", with its organisation and
 * an owner account, through the services (the same rules as the API), and its finished 2019
 * edition with published results (scripts/seed-past-edition.ts). Idempotent: whatever
 * exists already (matched by email, organisation name, competition title) is kept.
 * Usage: npm run seed  (DATABASE_URL, or the embedded database under DATA_DIR)
 */

const OWNER_EMAIL = 'owner@socialimakers.example.org';
const ORGANISATION_NAME = 'Social(i)Makers';
const TITLE = 'Be Social, Be Maker';
const TIMEZONE = 'Europe/Rome';

/** The next 1 September – 31 October window that has not closed yet (by the database clock). */
async function competitionYear(db: Db): Promise<number> {
  const [row] = await db.select({ now: sql<string>`now()::text` }).from(sql`(select 1) as one`);
  const now = new Date(row!.now.replace(' ', 'T').replace(/\+00$/, 'Z'));
  const year = now.getUTCFullYear();
  return now.getTime() < endOfDay(`${year}-10-31`, TIMEZONE).getTime() ? year : year + 1;
}

const config = loadConfig();
const database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
await database.migrate();
const { db } = database;
const services = createServices({ config, database, signAccessToken: () => '' });

try {
  // 1. The owner account.
  let password: string | undefined;
  let [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, OWNER_EMAIL));
  if (!owner) {
    password = `BeSocial-${randomBytes(9).toString('base64url')}`;
    const { identity } = services;
    await identity.register({ email: OWNER_EMAIL, password, displayName: 'Social(i)Makers partnership', country: 'IT', locale: 'en' });
    [owner] = await db
      .update(users)
      // A seeded account has no inbox to confirm from.
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.email, OWNER_EMAIL))
      .returning({ id: users.id });
  }
  const actor = { userId: owner!.id, isAdmin: false };

  // 2. The organisation, owned by that account.
  const [existingOrg] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .innerJoin(memberships, and(eq(memberships.organisationId, organisations.id), eq(memberships.userId, actor.userId)))
    .where(eq(organisations.name, ORGANISATION_NAME));
  const organisationId =
    existingOrg?.id ??
    (
      await services.organisations.create(actor, {
        name: ORGANISATION_NAME,
        kind: 'ngo',
        country: 'IT',
        website: 'https://skyrocketplatform.eu',
        description:
          'Interreg CENTRAL EUROPE partnership of 13 organisations from 7 countries, led by Democenter-Sipe Foundation, building the ' +
          'skills of a community of social innovators (entrepreneurs, funders, institutions and citizens) in Central Europe.',
        themes: ['education', 'youth', 'inclusion'],
        sdgs: [4, 8, 10],
      })
    ).id;

  // 3. The competition, published.
  const { competitions } = services;
  let competitionId = await selectCompetitionIdByTitle(db, organisationId, TITLE);
  let year: number | undefined;
  if (!competitionId) {
    year = await competitionYear(db);
    const input = CreateCompetitionBody.parse({
      title: TITLE,
      summary:
        'EUR 5,000 for the best educational proposal teaching social-innovation skills and tools to young people aged 15–23 living in Central Europe.',
      description:
        'The Social(i)Makers partnership invites proposals for an educational programme that brings social innovation to young people ' +
        'aged 15 to 23 living in Austria, Czechia, Germany, Croatia, Hungary, Italy, Poland, Slovenia and Slovakia. The winning proposal ' +
        'teaches the competences of the Social Innovation Academy: active citizenship, social entrepreneurship, technology for social ' +
        'problems, stakeholder engagement, impact measurement, financing and policy. One winner receives the whole prize.',
      themes: ['education', 'youth', 'inclusion'],
      countries: ['AT', 'CZ', 'DE', 'HR', 'HU', 'IT', 'PL', 'SI', 'SK'],
      prize: { amount: 500000, currency: 'EUR', winners: 1 },
      timing: { opensAt: `${year}-09-01`, closesAt: `${year}-10-31`, timezone: TIMEZONE, gracePeriodSeconds: 300 },
      eligibility: {
        minAge: 15,
        maxAge: 23,
        allowedCountries: ['AT', 'CZ', 'DE', 'HR', 'HU', 'IT', 'PL', 'SI', 'SK'],
        minTeamSize: 1,
        maxTeamSize: 5,
        maxProposalsPerApplicant: 1,
        guardianConsentUnderAge: 18,
      },
      form: [
        { id: 'title', type: 'text', label: 'Title of the proposal', required: true, maxChars: 120 },
        { id: 'summary', type: 'longtext', label: 'Summary', help: 'What will participants learn, and how?', required: true, maxWords: 300 },
        {
          id: 'target_group',
          type: 'choice',
          label: 'Main target group',
          required: true,
          options: ['Secondary-school students (15–18)', 'Young adults (19–23)', 'Both'],
        },
        {
          id: 'skills',
          type: 'multichoice',
          label: 'Social-innovation skills taught',
          required: true,
          min: 1,
          options: ['Active citizenship', 'Social entrepreneurship', 'Technology for social good', 'Stakeholder engagement', 'Impact measurement', 'Financing', 'Policy'],
        },
        { id: 'methodology', type: 'longtext', label: 'Methodology and activities', required: true, maxWords: 800 },
        { id: 'participants', type: 'number', label: 'Expected number of participants', required: true, min: 1, max: 100000 },
        { id: 'start_date', type: 'date', label: 'Earliest start date', required: false },
        { id: 'website', type: 'url', label: 'Website or material', required: false, maxChars: 500 },
        { id: 'tested_before', type: 'boolean', label: 'Has the programme been tested before?', required: true },
      ],
      rubric: REFERENCE_RUBRIC,
      judging: {
        reviewsPerProposal: 3,
        blind: true,
        aggregation: 'mean',
        normalisation: 'zscore',
        tieBreaks: [{ kind: 'criterion', criterionId: 'social_impact' }, { kind: 'earliest_submission' }],
        showScoresToApplicants: true,
      },
    });
    competitionId = (await competitions.create(actor, organisationId, input)).id;
  }
  const current = await competitions.get(actor, competitionId);
  if (current.status === 'draft') await competitions.transition(actor, competitionId, 'publish', undefined);
  const competition = await competitions.get(actor, competitionId);

  console.log(`organisation  ${ORGANISATION_NAME} (${organisationId})`);
  console.log(`competition   ${TITLE} (${competition.id}) ${competition.status}/${competition.phase}`);
  console.log(`              opens ${competition.timing.opensAt} (1 September, ${TIMEZONE})`);
  console.log(`              closes ${competition.timing.closesAt} (end of 31 October, ${TIMEZONE}; ${competition.timing.gracePeriodSeconds}s grace)`);
  const past = await seedPastEdition(db, services, actor, organisationId);
  console.log(`past edition  ${PAST_TITLE} (${past.competitionId}) ${past.status}${past.created ? '' : ' (kept)'}: winner "I4I: Inspire for Innovation" (SK), EUR 5,000`);
  console.log(`              public results: GET /v1/competitions/${past.competitionId}/results`);
  console.log(`owner         ${OWNER_EMAIL}`);
  console.log(password ? `password      ${password}` : 'password      (unchanged: the account already existed)');
} finally {
  await database.close();
}
