import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';

// Builds the app on an in-memory database and writes (or, with --check, compares) openapi/openapi.json.
const target = fileURLToPath(new URL('../openapi/openapi.json', import.meta.url));
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

if (check) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== document) {
    console.error('openapi/openapi.json is stale: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi/openapi.json is up to date');
} else {
  mkdirSync(fileURLToPath(new URL('../openapi/', import.meta.url)), { recursive: true });
  writeFileSync(target, document);
  console.log(`wrote ${target}`);
}
