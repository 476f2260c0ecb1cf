import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';

// Writes (or, with --check, compares) clients/typescript/schema.d.ts: the types openapi-typescript
// generates from openapi/openapi.json, which the typed client (openapi-fetch) and the
// applicant-flow program are checked against. `npm run client:generate` regenerates the
// document first; `npm run client:check` fails when this file is stale.
const source = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url));
const target = fileURLToPath(new URL('./schema.d.ts', import.meta.url));
const check = process.argv.includes('--check');

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));

const document = JSON.parse(readFileSync(source, 'utf8')) as OpenAPI3;
const ast = await openapiTS(document, {
  // A property with a default is optional in a request (the *Input schemas leave it out of
  // `required`); openapi-typescript would make it required in every component schema. Response
  // schemas list such properties in `required` themselves, so their types do not change.
  defaultNonNullable: false,
  // `format: binary` is a file: a Blob (or File) the client appends to FormData. Without this
  // openapi-typescript types it `string`, and an upload would need a cast.
  transform(schema) {
    if (schema.format === 'binary') return BLOB;
    return undefined;
  },
});
const header = '// Generated from openapi/openapi.json by clients/typescript/generate.ts (`npm run client:generate`). Do not edit.\n\n';
const output = header + astToString(ast);

if (check) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== output) {
    console.error('clients/typescript/schema.d.ts is stale: run `npm run client:generate` and commit the result.');
    process.exit(1);
  }
  console.log('clients/typescript/schema.d.ts is up to date');
} else {
  writeFileSync(target, output);
  console.log(`wrote ${target}`);
}
