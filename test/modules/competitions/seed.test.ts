import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { eq } from 'drizzle-orm';
import { createDatabase } from '../../../src/db/client.js';
import { competitions, memberships, organisations, users } from '../../../src/db/schema/index.js';
import { createTestDatabase } from '../../helpers/database.js';
import { withoutCoverage } from '../../helpers/processes.js';

const run = promisify(execFile);
t.setTimeout(300_000);

// PostgreSQL: an isolated database for this file; PGlite: a fresh data directory the script persists to.
const dataDir = mkdtempSync(join(tmpdir(), 'skyrocket-seed-'));
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
const pg = process.env.DATABASE_URL ? await createTestDatabase({ poolSize: 2 }) : undefined;
if (pg) {
  // Only the URL is needed; the script opens its own connections.
  t.teardown(() => pg.close());
}
const env = {
  ...process.env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATA_DIR: dataDir,
  PASSWORD_HASH_COST: '10',
  DATABASE_URL: pg?.url ?? '',
  ...withoutCoverage,
};
const seed = () => run(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], { env, timeout: 240_000 });

t.test('npm run seed loads "Be Social, Be Maker" once, however often it runs', async (t) => {
  const first = await seed();
  t.match(first.stdout, /Be Social, Be Maker \([0-9a-f-]{36}\) published\/(upcoming|open)/);
  t.match(first.stdout, /owner@socialimakers\.example\.org/);
  t.match(first.stdout, /password {6}\S{12,}/, 'a generated password is printed once');
  const second = await seed();
  t.match(second.stdout, /password {6}\(unchanged/, 'the second run keeps the account');

  const database = pg?.database ?? (await createDatabase({ dataDir }));
  if (!pg) t.teardown(() => database.close());
  const { db } = database;
  const rows = await db.select().from(competitions).where(eq(competitions.title, 'Be Social, Be Maker'));
  t.equal(rows.length, 1, 'one competition');
  t.equal((await db.select().from(organisations).where(eq(organisations.name, 'Social(i)Makers'))).length, 1, 'one organisation');
  t.equal((await db.select().from(users).where(eq(users.email, 'owner@socialimakers.example.org'))).length, 1, 'one owner');
  const c = rows[0]!;
  t.match(c, {
    status: 'published',
    prizeAmount: 500000,
    prizeCurrency: 'EUR',
    prizeWinners: 1,
    prizeSplit: [500000],
    timezone: 'Europe/Rome',
    eligibility: { minAge: 15, maxAge: 23, minTeamSize: 1, maxTeamSize: 5, maxProposalsPerApplicant: 1, guardianConsentUnderAge: 18 },
  });
  t.same([...c.eligibility.allowedCountries!].sort(), ['AT', 'CZ', 'DE', 'HR', 'HU', 'IT', 'PL', 'SI', 'SK']);
  t.ok(c.form.some((q) => q.type === 'choice' && (q.options?.length ?? 0) >= 2));
  t.same(c.rubric.map((r) => [r.id, r.weight]), [['social_impact', 40], ['innovation', 30], ['feasibility', 30]]);
  // 1 September to the end of 31 October in Rome: 22:00 and 23:00 UTC the evening before / of.
  const year = c.opensAt.getUTCFullYear();
  t.equal(c.opensAt.toISOString(), `${year}-08-31T22:00:00.000Z`);
  t.equal(c.closesAt.toISOString(), `${year}-10-31T23:00:00.000Z`);
  const [owner] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.email, 'owner@socialimakers.example.org'));
  t.equal(owner?.role, 'owner');
});
