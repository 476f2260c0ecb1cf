import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { renderErrorCatalogue } from '../src/lib/error-codes.js';

// Builds the app on an in-memory database and writes (or, with --check, compares) openapi/openapi.json,
// and docs/errors.md from the error catalogue.
const target = fileURLToPath(new URL('../openapi/openapi.json', import.meta.url));
const errorsTarget = fileURLToPath(new URL('../docs/errors.md', import.meta.url));
const check = process.argv.includes('--check');

// The receipt signer parses its key at startup, so even this throwaway build needs a real one.
const receiptKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'x'.repeat(32), RECEIPT_PRIVATE_KEY: receiptKey, DATA_DIR: '/tmp' });
const database = await createDatabase({});
const app = await buildApp({ config, database });
await app.ready();
const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await database.close();

const outputs = [
  { file: target, text: document, name: 'openapi/openapi.json' },
  { file: errorsTarget, text: renderErrorCatalogue(), name: 'docs/errors.md' },
];

if (check) {
  const stale = outputs.filter(({ file, text }) => {
    try {
      return readFileSync(file, 'utf8') !== text;
    } catch {
      return true; // missing counts as stale
    }
  });
  for (const { name } of stale) console.error(`${name} is stale: run \`npm run openapi\` and commit the result.`);
  if (stale.length > 0) process.exit(1);
  console.log('openapi/openapi.json and docs/errors.md are up to date');
} else {
  mkdirSync(fileURLToPath(new URL('../openapi/', import.meta.url)), { recursive: true });
  for (const { file, text } of outputs) {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
