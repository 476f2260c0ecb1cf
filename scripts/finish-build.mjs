// The second half of `npm run build`: what tsc alone does not put in dist/.
// - the password worker (plain JavaScript, loaded by URL);
// - the operator scripts (`npm run admin`, `npm run seed`) as dist/scripts/*.js, so the image runs them
//   without tsx: tsconfig.scripts.json compiles them (with a copy of src/ they import) into build/scripts/,
//   and here their `../src/` imports are pointed at dist/ itself, which holds the same modules.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

copyFileSync('src/lib/password.worker.mjs', 'dist/lib/password.worker.mjs');

mkdirSync('dist/scripts', { recursive: true });
for (const name of readdirSync('build/scripts/scripts').filter((f) => f.endsWith('.js'))) {
  const code = readFileSync(`build/scripts/scripts/${name}`, 'utf8');
  const rewritten = code.replace(/(from\s+|import\()(['"])\.\.\/src\//g, '$1$2../');
  if (/['"]\.\.\/src\//.test(rewritten)) throw new Error(`scripts/${name}: an import of ../src/ was left unrewritten`);
  writeFileSync(`dist/scripts/${name}`, rewritten);
}
rmSync('build', { recursive: true, force: true });
