/**
 * One owner per table: a feature's tables are read and written only by that feature's code.
 * Other features ask its service (or use SQL its service hands over). This test reads the
 * source, so the rule stays true as the code grows; docs/architecture.md has the map.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

/** Which module owns each schema file, and the tables in it. */
const OWNERS: Record<string, { owner: string; tables: string[] }> = {
  'users.ts': { owner: 'modules/identity', tables: ['users', 'refresh_tokens', 'user_tokens', 'login_throttles'] },
  'organisations.ts': { owner: 'modules/organisations', tables: ['organisations', 'memberships', 'organisation_invitations'] },
  'competitions.ts': { owner: 'modules/competitions', tables: ['competitions', 'competition_extensions'] },
  'proposals.ts': {
    owner: 'modules/proposals',
    tables: ['proposals', 'proposal_revisions', 'proposal_members', 'proposal_attachments', 'guardian_consents', 'applicant_submission_counts', 'frozen_eligibility_facts'],
  },
  'audit.ts': { owner: 'modules/audit', tables: ['audit_log', 'audit_seals', 'audit_pending'] },
  'events.ts': { owner: 'modules/events', tables: ['domain_events'] },
  'mail.ts': { owner: 'modules/mail', tables: ['email_outbox'] },
  'idempotency.ts': { owner: 'plugins/idempotency', tables: ['idempotency_keys'] },
  'judging.ts': {
    owner: 'modules/judging',
    tables: ['judges', 'judge_conflicts', 'judge_bids', 'judging_rounds', 'judging_round_proposals', 'assignment_plans', 'assignments', 'reviews', 'judging_decisions', 'competition_results'],
  },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** `modules/proposals` for src/modules/proposals/x.ts, `plugins/idempotency` for src/plugins/idempotency.ts, else the folder. */
function unitOf(file: string): string {
  const rel = relative(src, file).replaceAll('\\', '/');
  const parts = rel.split('/');
  if (parts[0] === 'modules') return `modules/${parts[1]}`;
  if (parts[0] === 'plugins') return `plugins/${parts[1]!.replace(/\.ts$/, '')}`;
  return parts[0]!.replace(/\.ts$/, '');
}

/** The source without comments, so prose may name tables. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1').replace(/^\s*--.*$/gm, '');
}

interface Import {
  spec: string;
  typeOnly: boolean;
}

function importsOf(text: string): Import[] {
  const found: Import[] = [];
  for (const m of text.matchAll(/import\s+(type\s+)?([^'"]*?)\s*from\s*'([^']+)'/g)) {
    const names = m[2]!;
    // `import { type A, type B }` is type-only as well.
    const allTypes = m[1] !== undefined || (/^\{[^}]*\}$/.test(names.trim()) && names.replace(/[{}\s]/g, '').split(',').filter(Boolean).every((n) => n.startsWith('type')));
    found.push({ spec: m[3]!, typeOnly: allTypes });
  }
  return found;
}

const featureFiles = filesUnder(src).filter((f) => /\/src\/(modules|plugins)\//.test(f.replaceAll('\\', '/')));

t.test('every table has exactly one owner, and the map names every table of the schema', async (t) => {
  const schemaDir = join(src, 'db', 'schema');
  const declared = new Set<string>();
  for (const file of readdirSync(schemaDir).filter((f) => f !== 'index.ts')) {
    t.ok(OWNERS[file], `schema file ${file} has an owner in this test's map`);
    for (const m of readFileSync(join(schemaDir, file), 'utf8').matchAll(/pgTable\(\s*'([a-z_]+)'/g)) {
      declared.add(m[1]!);
      t.ok(OWNERS[file]?.tables.includes(m[1]!), `${m[1]} (in ${file}) is listed under its owner`);
    }
  }
  const listed = Object.values(OWNERS).flatMap((o) => o.tables);
  t.same([...listed].sort(), [...declared].sort(), 'no table is listed that the schema does not declare');
  t.equal(new Set(listed).size, listed.length, 'no table has two owners');
});

t.test("no feature imports another feature's queries or tables", async (t) => {
  const violations: string[] = [];
  let checked = 0;
  for (const file of featureFiles) {
    const unit = unitOf(file);
    const rel = relative(root, file);
    for (const { spec, typeOnly } of importsOf(readFileSync(file, 'utf8'))) {
      checked++;
      const queries = /(?:\/modules\/|^\.\.\/)([a-z-]+)\/[a-z.-]+\.queries\.js$/.exec(spec);
      if (queries && `modules/${queries[1]}` !== unit) violations.push(`${rel} imports ${spec}: another feature's queries`);
      if (/db\/schema\/index\.js$/.test(spec)) violations.push(`${rel} imports the whole schema (${spec}); import the owner's schema file`);
      const schema = /db\/schema\/([a-z-]+)\.js$/.exec(spec);
      const owner = schema && OWNERS[`${schema[1]}.ts`]?.owner;
      if (schema && !typeOnly && owner !== unit) violations.push(`${rel} imports tables of ${schema[1]}.ts (owned by ${owner})`);
    }
  }
  t.ok(checked > 100, `checked ${checked} imports of ${featureFiles.length} files`);
  t.same(violations, [], 'every import respects table ownership');
});

t.test("no feature's SQL names another feature's tables", async (t) => {
  const tableOwner = new Map(Object.values(OWNERS).flatMap((o) => o.tables.map((table) => [table, o.owner] as const)));
  const pattern = new RegExp(`\\b(from|join|into|update|table)\\s+"?(${[...tableOwner.keys()].join('|')})"?\\b`, 'gi');
  const violations: string[] = [];
  let statements = 0;
  for (const file of featureFiles) {
    const unit = unitOf(file);
    for (const m of code(readFileSync(file, 'utf8')).matchAll(pattern)) {
      statements++;
      const table = m[2]!.toLowerCase();
      if (tableOwner.get(table) !== unit) violations.push(`${relative(root, file)}: "${m[0]}" touches ${table}, owned by ${tableOwner.get(table)}`);
    }
  }
  t.ok(statements > 10, `found ${statements} table references in hand-written SQL`);
  t.same(violations, [], 'hand-written SQL touches only its own tables');
});

t.test('authorization, events, audit rows and the driver each have one home', async (t) => {
  const violations: string[] = [];
  for (const file of featureFiles) {
    const rel = relative(root, file).replaceAll('\\', '/');
    const text = code(readFileSync(file, 'utf8'));
    if (!rel.includes('modules/access/') && /function\s+require(Organisation|Competition|Proposal)\w*\s*\(/.test(text)) violations.push(`${rel} defines an authorization check outside modules/access`);
    if (/\.kind\s*===?\s*'(postgres|pglite)'|\$client|session\.client/.test(text)) violations.push(`${rel} reaches for the database driver (only src/db does)`);
    if (!rel.includes('modules/events/') && /\bdomainEvents\b/.test(text)) violations.push(`${rel} writes domain events itself (use recordEvent)`);
    if (!rel.includes('modules/audit/') && /\bauditLog\b/.test(text)) violations.push(`${rel} writes audit rows itself (use appendAudit)`);
  }
  t.same(violations, []);
});

t.test('services are built only by the composition root', async (t) => {
  const violations: string[] = [];
  for (const file of filesUnder(src)) {
    const rel = relative(root, file).replaceAll('\\', '/');
    if (rel === 'src/services.ts') continue;
    for (const m of code(readFileSync(file, 'utf8')).matchAll(/(export\s+function\s+)?\bcreate(\w+)(Service|Submissions|Access|Directory)\s*\(/g)) {
      if (m[1] === undefined) violations.push(`${rel} builds ${m[0]}…)`);
    }
  }
  t.same(violations, [], 'only src/services.ts calls the service factories');
});
