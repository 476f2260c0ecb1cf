import { spawnSync } from 'node:child_process';

// Lints openapi/openapi.json with Redocly (`recommended`, redocly.yaml) and Spectral (`spectral:oas`,
// .spectral.yaml). Both must report nothing: Redocly alone would pass with warnings.
const file = 'openapi/openapi.json';
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

const redocly = spawnSync('npx', ['--no-install', 'redocly', 'lint', '--format=json', file], { env, encoding: 'utf8' });
let totals: { errors: number; warnings: number } | undefined;
try {
  totals = (JSON.parse(redocly.stdout) as { totals: { errors: number; warnings: number } }).totals;
} catch {
  console.error(redocly.stdout, redocly.stderr);
}
if (!totals || totals.errors + totals.warnings > 0) {
  spawnSync('npx', ['--no-install', 'redocly', 'lint', file], { env, stdio: 'inherit' });
  console.error(`Redocly: ${totals?.errors ?? '?'} error(s), ${totals?.warnings ?? '?'} warning(s)`);
  process.exit(1);
}
console.log('Redocly recommended: 0 errors, 0 warnings');

const spectral = spawnSync('npx', ['--no-install', 'spectral', 'lint', '--fail-severity=hint', file], { env, stdio: 'inherit' });
if (spectral.status !== 0) process.exit(spectral.status ?? 1);
