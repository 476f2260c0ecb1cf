import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { hashPassword } from '../src/lib/password.js';
import { createFixture, figures, outcomesOf, rush } from './deadline-rush.js';
import { defineBenchmark } from './lib/context.js';
import { withClient } from './lib/database.js';
import { servers, startServer } from './lib/harness.js';

/**
 * Issue #10 item 10: the deadline rush alone, then the same rush (a fresh competition, first
 * submits included) while 40 clients flood `POST /v1/auth/login` with wrong passwords, each
 * attempt from a new address (`x-forwarded-for` behind TRUST_PROXY), half for a real account at
 * the production cost (scrypt N=2^17), half for unknown addresses (the decoy hash). Once a second
 * a correct login from yet another address measures what the owner sees. Target: the rush's p99
 * with the flood ≤ 1.5 × its p99 alone.
 */

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

let addressCounter = 0;
/** A new documentation-range-free address per attempt: 10.x.y.z, never repeating within a run. */
const nextAddress = () => {
  const n = ++addressCounter;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

interface Timed {
  status: number;
  latencyMs: number;
  code?: string;
}

function summary(answers: Timed[]) {
  const sorted = answers.map((a) => a.latencyMs).sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10 : 0);
  const statuses: Record<string, number> = {};
  for (const a of answers) {
    const key = a.code ? `${a.status} ${a.code}` : String(a.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  return { count: answers.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1), statuses };
}

async function login(client: Pool, email: string, password: string): Promise<Timed> {
  const sent = performance.now();
  const res = await client.request({
    path: '/v1/auth/login',
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
    body: JSON.stringify({ email, password }),
  });
  const text = await res.body.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = 'NOT_JSON';
  }
  return { status: res.statusCode, latencyMs: performance.now() - sent, ...(code ? { code } : {}) };
}

export default defineBenchmark({
  name: 'login-flood',
  description: 'The deadline rush alone vs the same rush under a flood of wrong-password logins from many addresses',
  async run(ctx) {
    const applicantCount = int('BENCH_RUSH_APPLICANTS', 200);
    const seconds = int('BENCH_FLOOD_SECONDS', 10);
    const flooders = int('BENCH_FLOOD_CLIENTS', 40);
    const jwtSecret = randomBytes(32).toString('hex');
    const warmupFixture = await createFixture(ctx.databaseUrl, applicantCount, jwtSecret);
    const alone = await createFixture(ctx.databaseUrl, applicantCount, jwtSecret);
    const flooded = await createFixture(ctx.databaseUrl, applicantCount, jwtSecret);
    const owner = { email: `owner-${randomBytes(4).toString('hex')}@bench.example`, password: `Correct-Horse-${randomBytes(6).toString('hex')}` };
    const ownerHash = await hashPassword(owner.password, 17);
    await withClient(ctx.databaseUrl, (client) =>
      client.query(`insert into users (email, password_hash, display_name, country, email_verified_at) values ($1, $2, 'Owner', 'IT', now())`, [owner.email, ownerHash]),
    );

    const server = await startServer(servers.app, {
      databaseUrl: ctx.databaseUrl,
      poolSize: ctx.settings.poolSize,
      env: { JWT_SECRET: jwtSecret, TRUST_PROXY: 'true', PASSWORD_HASH_COST: '17', ...(process.env.BENCH_SERVER_ENV ? JSON.parse(process.env.BENCH_SERVER_ENV) as Record<string, string> : {}) },
    });
    const rushClient = new Pool(server.url, { connections: applicantCount, pipelining: 1 });
    const loginClient = new Pool(server.url, { connections: flooders + 2, pipelining: 1 });
    try {
      const warm = performance.now();
      await rush(rushClient, warmupFixture, warm, warm + ctx.settings.warmupSeconds * 1000);
      // One correct login before measuring: the hashing threads exist, as on a server that has served logins.
      const first = await login(loginClient, owner.email, owner.password);
      if (first.status !== 200) throw new Error(`the owner's login answered ${first.status} ${first.code}`);

      const measure = async (fixture: typeof alone, scenario: string, flood: boolean) => {
        const start = performance.now();
        const until = start + seconds * 1000;
        const floodAnswers: Timed[] = [];
        const ownerAnswers: Timed[] = [];
        const flooding = flood
          ? Promise.all(
              Array.from({ length: flooders }, async (_, i) => {
                while (performance.now() < until) {
                  const email = i % 2 === 0 ? owner.email : `nobody-${i}-${addressCounter}@bench.example`;
                  floodAnswers.push(await login(loginClient, email, 'wrong-password-guess'));
                }
              }),
            )
          : Promise.resolve();
        const probing = (async () => {
          while (performance.now() < until - 1000) {
            await new Promise((r) => setTimeout(r, 1000));
            ownerAnswers.push(await login(loginClient, owner.email, owner.password));
          }
        })();
        const { answers, errors } = await rush(rushClient, fixture, start, until);
        const elapsed = (performance.now() - start) / 1000;
        await Promise.all([flooding, probing]);
        const outcomes = outcomesOf(answers);
        const row = figures(scenario, outcomes, elapsed, errors);
        return { row, flood: summary(floodAnswers), owner: summary(ownerAnswers) };
      };

      const quiet = await measure(alone, 'deadline-rush alone', false);
      const loud = await measure(flooded, `deadline-rush + ${flooders} flooding logins`, true);
      const revisions = await withClient(ctx.databaseUrl, async (client) =>
        (await client.query<{ n: number }>('select count(*)::int as n from proposal_revisions where competition_id = any($1::uuid[])', [[alone.competitionId, flooded.competitionId]])).rows[0]!.n,
      );
      const ratio = Math.round((loud.row.latencyMs.p99 / Math.max(0.1, quiet.row.latencyMs.p99)) * 100) / 100;
      const notes = {
        applicants: applicantCount,
        seconds,
        flooders,
        rushAloneP99Ms: quiet.row.latencyMs.p99,
        rushFloodedP99Ms: loud.row.latencyMs.p99,
        p99Ratio: ratio,
        floodLogins: loud.flood,
        ownerLoginsDuringFlood: loud.owner,
        ownerLoginsQuiet: quiet.owner,
        storedRevisions: revisions,
        target: 'rush p99 with the flood <= 1.5 x rush p99 alone; the owner gets an answer within PASSWORD_HASH_MAX_WAIT_MS + one hash',
        targetMet: ratio <= 1.5,
      };
      console.log(JSON.stringify(notes, null, 2));
      return { rows: [quiet.row, loud.row], notes };
    } finally {
      await rushClient.destroy();
      await loginClient.destroy();
      await server.stop();
    }
  },
});
