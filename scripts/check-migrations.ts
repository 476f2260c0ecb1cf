import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

// Fails when the Drizzle schema has changes that no committed migration contains.
const scratch = mkdtempSync(join(tmpdir(), 'skyrocket-migrations-'));
try {
  cpSync('migrations', scratch, { recursive: true });
  const before = readdirSync(scratch).sort().join(',');
  execFileSync(
    'npx',
    // drizzle-kit prefixes `./` to --out, so an absolute path would silently point nowhere.
    ['drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', './src/db/schema/index.ts', '--out', relative(process.cwd(), scratch), '--casing', 'snake_case', '--name', 'pending'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const after = readdirSync(scratch).sort().join(',');
  if (before !== after) {
    console.error('migrations/ is stale: the schema has changes without a migration. Run `npm run db:generate` and commit it.');
    process.exit(1);
  }
  console.log('migrations/ is up to date');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
