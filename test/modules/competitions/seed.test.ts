import { execFile } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { eq } from 'drizzle-orm';
import { createDatabase } from '../../../src/db/client.js';
import { competitionResults, competitions, memberships, organisations, proposals, reviews, users } from '../../../src/db/schema/index.js';
import { canonicalJson } from '../../../src/lib/canonical-json.js';
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
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const env = {
  ...process.env,
  RECEIPT_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
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

t.test('the seed adds the finished 2019 edition: a panel, reviews, signed results with I4I (SK) winning EUR 5,000', async (t) => {
  const database = pg?.database ?? (await createDatabase({ dataDir }));
  if (!pg) t.teardown(() => database.close());
  const { db } = database;
  const [past] = await db.select().from(competitions).where(eq(competitions.title, 'Be Social, Be Maker 2019'));
  t.ok(past, 'the 2019 edition exists, once');
  t.equal((await db.select().from(competitions).where(eq(competitions.title, 'Be Social, Be Maker 2019'))).length, 1);
  t.equal(past!.status, 'results_published');
  t.equal(past!.opensAt.toISOString(), '2019-08-31T22:00:00.000Z', '1 September 2019 in Rome');
  t.equal(past!.closesAt.toISOString(), '2019-10-31T23:00:00.000Z');
  const entries = await db.select({ title: proposals.title, status: proposals.status }).from(proposals).where(eq(proposals.competitionId, past!.id));
  t.equal(entries.length, 6);
  t.ok(entries.every((p) => p.status === 'submitted'));
  t.same(entries.filter((p) => !p.title.startsWith('[Demo data] ')).map((p) => p.title), ['I4I: Inspire for Innovation'], 'every other proposal is marked as demo data');
  const submitted = await db.select({ status: reviews.status }).from(reviews).where(eq(reviews.competitionId, past!.id));
  t.equal(submitted.length, 18, 'three reviews of each of the six proposals');
  t.ok(submitted.every((r) => r.status === 'submitted'));

  const [published] = await db.select().from(competitionResults).where(eq(competitionResults.competitionId, past!.id));
  const document = published!.document as { winners: Array<{ title: string; by: { kind: string; name: string; country: string }; prize: { amount: number; currency: string }; rank: number }>; ranking?: unknown[]; auditHead: unknown };
  t.match(document.winners, [{ title: 'I4I: Inspire for Innovation', by: { kind: 'organisation', name: 'I4I: Inspire for Innovation', country: 'SK' }, prize: { amount: 500000, currency: 'EUR' }, rank: 1 }]);
  t.equal(document.winners.length, 1, 'a single winner');
  t.equal(document.ranking?.length, 6, 'with the full ranking');
  t.ok(document.auditHead, 'carrying the audit chain head');
  const bytes = Buffer.from(canonicalJson(document), 'utf8');
  t.ok(verify(null, bytes, createPublicKey(publicKey.export({ format: 'pem', type: 'spki' })), Buffer.from(published!.signature, 'base64url')), 'signed with the receipt key');
});
