import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import t from 'tap';
import { buildFeatureApp } from '../helpers/app.js';
import { competitionWithSubmittedProposals, createDraft, openCompetition } from '../helpers/competitions.js';
import { createUser } from '../helpers/factories.js';
import { operations, type OpenApi } from './openapi-requests.js';

// Schema-driven fuzzing of every operation in openapi/openapi.json, as the owner of real data and
// anonymously. FUZZ_RUNS (requests per operation and caller) makes a longer run; the suite's is short.
const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const SEED = process.env.FUZZ_SEED === undefined ? 20261002 : Number(process.env.FUZZ_SEED);

t.setTimeout(600_000);

t.test('no operation answers 5xx to generated or hostile input, and every 4xx is problem+json', async (t) => {
  const { app } = await buildFeatureApp(t);
  const world = await competitionWithSubmittedProposals(app, { count: 1 });
  const applicant = await createUser(app, { birthDate: '2000-01-01' });
  const open = await openCompetition(app, { organiser: world.organiser, organisation: world.organisation });
  const draft = await createDraft(app, applicant, open.competitionId);
  const uuids = [world.organisation.id, world.competitionId, open.competitionId, world.proposalIds[0]!, draft.id, world.organiser.id, applicant.id];

  const spec = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as OpenApi;
  const ops = operations(spec, { uuids });
  t.ok(ops.length >= 59, `${ops.length} operations`);

  const callers = [{ name: 'organiser', headers: world.organiser.auth }, { name: 'applicant', headers: applicant.auth }, { name: 'anonymous', headers: {} }];
  const failures: string[] = [];
  let sent = 0;
  let serverErrors = 0;
  for (const op of ops) {
    for (const [i, caller] of callers.entries()) {
      await fc.assert(
        fc.asyncProperty(op.arbitrary, async (request) => {
          sent++;
          const res = await app.inject({
            method: op.method as 'GET',
            url: request.url,
            headers: { ...caller.headers, ...request.headers },
            ...(request.payload !== undefined ? { payload: request.payload } : {}),
          });
          const where = `${op.method} ${request.url.slice(0, 160)} (${caller.name}) → ${res.statusCode}`;
          if (res.statusCode >= 500) serverErrors++;
          if (res.statusCode >= 500) failures.push(`${where}: ${res.body.slice(0, 300)} body=${String(request.payload ?? '').slice(0, 200)}`);
          if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json')) {
            failures.push(`${where}: not problem+json (${res.headers['content-type']})`);
          }
          if (!op.declared.includes(String(res.statusCode))) failures.push(`${where}: status not declared for ${op.operationId}`);
          return true;
        }),
        { numRuns: RUNS, seed: SEED + i },
      );
    }
  }
  t.comment(`fuzz: ${sent} requests over ${ops.length} operations, ${serverErrors} answered 5xx, ${failures.length} failures`);
  t.same(failures, [], 'no 5xx, problem+json for every error, only declared statuses');
});
