import { createHash, createPublicKey, verify } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import t from 'tap';
import { canonicalJson } from '../../src/lib/canonical-json.js';
import * as ex from '../../src/lib/examples.js';
import { encodeCursor } from '../../src/lib/cursor.js';
import { receiptMessage } from '../../src/lib/receipts.js';
import { endOfDay, startOfDay, toZonedIso } from '../../src/lib/time.js';
import { buildTestApp } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';

// The contract's descriptions and examples (docs/api-contract.md, "Descriptions and examples"):
// every example in the generated document is valid against the schema it illustrates, and every
// named schema, property and parameter says what it is.

type Json = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const pointer = (parts: (string | number)[]) => parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The subschemas of a JSON Schema 2020-12 node, with the path to each. */
function* subschemas(schema: Json, path: (string | number)[]): Generator<[Json, (string | number)[]]> {
  for (const key of ['properties', 'patternProperties', '$defs'] as const) {
    const map = schema[key];
    if (isObject(map)) for (const [name, sub] of Object.entries(map)) if (isObject(sub)) yield [sub, [...path, key, name]];
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames', 'not', 'contains'] as const) {
    const sub = schema[key];
    if (isObject(sub)) yield [sub, [...path, key]];
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) for (const [i, sub] of list.entries()) if (isObject(sub)) yield [sub, [...path, key, i]];
  }
}

function* walk(schema: Json, path: (string | number)[]): Generator<[Json, (string | number)[]]> {
  yield [schema, path];
  for (const [sub, subPath] of subschemas(schema, path)) yield* walk(sub, subPath);
}

const FORMATS_WITH_EXAMPLES = new Set(['uuid', 'date', 'date-time']);
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

t.test('every example in the OpenAPI document is valid against its schema', async (t) => {
  const { app } = await buildTestApp(t);
  const doc = app.swagger() as unknown as Doc;
  const base = 'https://skyrocket.dev/openapi.json';
  // The whole document as one schema resource, so `#/components/schemas/…` refs resolve and any
  // schema in it can be reached by its JSON pointer.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, formats: { binary: true } });
  addFormats.default(ajv);
  ajv.addSchema({ $id: base, ...doc }, base);

  const sites: { where: string; schemaPointer: string; value: unknown }[] = [];
  for (const [name, component] of Object.entries(doc.components.schemas)) {
    for (const [node, path] of walk(component, ['components', 'schemas', name])) {
      const examples = node.examples;
      if (examples === undefined) continue;
      t.ok(Array.isArray(examples), `${pointer(path)}: examples is an array (JSON Schema 2020-12)`);
      for (const [i, value] of (examples as unknown[]).entries()) sites.push({ where: `#/${pointer(path)}/examples/${i}`, schemaPointer: pointer(path), value });
    }
  }
  for (const [route, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const at = ['paths', route, method];
      const parameters = (operation.parameters ?? []) as Json[];
      for (const [i, parameter] of parameters.entries()) {
        const schemaPath = [...at, 'parameters', i, 'schema'];
        if ('example' in parameter) sites.push({ where: `#/${pointer([...at, 'parameters', i])}/example`, schemaPointer: pointer(schemaPath), value: parameter.example });
        for (const [key, example] of Object.entries((parameter.examples ?? {}) as Record<string, Json>)) {
          sites.push({ where: `#/${pointer([...at, 'parameters', i, 'examples', key])}`, schemaPointer: pointer(schemaPath), value: example.value });
        }
        if (isObject(parameter.schema)) {
          for (const [node, path] of walk(parameter.schema, schemaPath)) {
            for (const [j, value] of ((node.examples ?? []) as unknown[]).entries()) sites.push({ where: `#/${pointer(path)}/examples/${j}`, schemaPointer: pointer(path), value });
          }
        }
      }
      const media: [Json, (string | number)[]][] = [];
      const body = operation.requestBody as Json | undefined;
      if (isObject(body?.content)) for (const [type, m] of Object.entries(body.content)) media.push([m as Json, [...at, 'requestBody', 'content', type]]);
      for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, Json>)) {
        if (isObject(response.content)) for (const [type, m] of Object.entries(response.content)) media.push([m as Json, [...at, 'responses', status, 'content', type]]);
      }
      for (const [m, path] of media) {
        const schemaPointer = pointer([...path, 'schema']);
        if ('example' in m) sites.push({ where: `#/${pointer(path)}/example`, schemaPointer, value: m.example });
        for (const [key, example] of Object.entries((m.examples ?? {}) as Record<string, Json>)) {
          sites.push({ where: `#/${pointer([...path, 'examples', key])}`, schemaPointer, value: example.value });
        }
        if (isObject(m.schema)) {
          for (const [node, p] of walk(m.schema, [...path, 'schema'])) {
            for (const [j, value] of ((node.examples ?? []) as unknown[]).entries()) sites.push({ where: `#/${pointer(p)}/examples/${j}`, schemaPointer: pointer(p), value });
          }
        }
      }
    }
  }

  const objectExamples = sites.filter((s) => isObject(s.value)).length;
  t.comment(`${sites.length} examples (${objectExamples} objects) checked`);
  // A floor, so that examples cannot quietly disappear (measured: 400+ and 90+ when written).
  t.ok(sites.length >= 300, `at least 300 examples (${sites.length})`);
  t.ok(objectExamples >= 80, `at least 80 object examples (${objectExamples})`);

  for (const site of sites) {
    const validate = ajv.getSchema(`${base}#/${site.schemaPointer}`);
    if (!validate) {
      t.fail(`${site.where}: its schema ${site.schemaPointer} resolves`);
      continue;
    }
    const valid = validate(site.value);
    if (!valid) t.fail(`${site.where} is valid against its schema`, { errors: validate.errors });
  }

  // The main bodies and responses carry an object example of their own.
  const mustHaveExamples = [
    'CreateCompetitionRequest',
    'UpdateCompetitionRequest',
    'Competition',
    'CompetitionPage',
    'CreateProposal',
    'UpdateProposal',
    'Proposal',
    'SubmitResult',
    'Receipt',
    'ProposalAttachment',
    'AuditPage',
    'CompetitionExtension',
    'CreateOrganisationRequest',
    'Organisation',
    'MemberList',
    'Invitation',
    'RegisterRequest',
    'TokenPair',
    'Me',
  ];
  for (const name of mustHaveExamples) {
    const examples = doc.components.schemas[name]?.examples as unknown[] | undefined;
    t.ok(examples?.some(isObject), `${name} has an object example`);
  }
});

t.test('every schema, property and parameter is described, and formatted properties have examples', async (t) => {
  const { app } = await buildTestApp(t);
  const doc = app.swagger() as unknown as Doc;
  const missing: string[] = [];
  const noExample: string[] = [];
  let properties = 0;
  let described = 0;
  for (const [name, component] of Object.entries(doc.components.schemas)) {
    if (typeof component.description !== 'string' || component.description.trim() === '') missing.push(`#/components/schemas/${name}`);
    for (const [node, path] of walk(component, ['components', 'schemas', name])) {
      if (!isObject(node.properties)) continue;
      for (const [property, schema] of Object.entries(node.properties)) {
        properties++;
        // At the property itself: a description inside an `anyOf` branch (what `.nullable()` wraps) is not shown for the field.
        if (isObject(schema) && typeof schema.description === 'string' && schema.description.trim() !== '') described++;
        else missing.push(`#/${pointer([...path, 'properties', property])}`);
        // Ids, dates and instants show their format by example (at the field, in a nullable branch, or per item).
        if (isObject(schema)) {
          const forms = [schema, ...((schema.anyOf ?? []) as Json[]), ...(isObject(schema.items) ? [schema.items] : [])];
          const formatted = forms.some((f) => typeof f.format === 'string' && FORMATS_WITH_EXAMPLES.has(f.format));
          if (formatted && !forms.some((f) => Array.isArray(f.examples))) noExample.push(`#/${pointer([...path, 'properties', property])}`);
        }
      }
    }
  }
  let parameters = 0;
  for (const [route, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      for (const parameter of (operation.parameters ?? []) as Json[]) {
        parameters++;
        if (typeof parameter.description !== 'string' || parameter.description.trim() === '') {
          missing.push(`${method.toUpperCase()} ${route}: ${String(parameter.in)} parameter ${String(parameter.name)}`);
        }
      }
    }
  }
  t.comment(`${Object.keys(doc.components.schemas).length} component schemas, ${described} of ${properties} properties described, ${parameters} parameters`);
  t.ok(properties > 400, `the document has its properties (${properties})`);
  t.same(missing, [], 'nothing undescribed');
  t.same(noExample, [], 'every uuid, date and date-time property has an example');
});

t.test('the request examples, sent to the API, give the response examples', async (t) => {
  const { app } = await buildTestApp(t);
  const register = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { ...ex.register, email: 'zuzana.kovacova.example@example.sk' } });
  t.equal(register.statusCode, 202, 'the RegisterRequest example registers (its password passes the policy)');

  const owner = await createUser(app, { displayName: 'Social(i)Makers partnership' });
  const org = await app.inject({ method: 'POST', url: '/v1/organisations', headers: owner.auth, payload: ex.organisationRequest });
  t.equal(org.statusCode, 201, 'the CreateOrganisationRequest example is accepted');
  const { id: _orgId, createdAt: _oc, updatedAt: _ou, ...organisationProfile } = ex.organisation;
  t.match(org.json(), organisationProfile, 'and answers the Organisation example');

  const created = await app.inject({ method: 'POST', url: `/v1/organisations/${org.json().id}/competitions`, headers: owner.auth, payload: ex.createCompetition });
  t.equal(created.statusCode, 201, 'the CreateCompetitionRequest example is accepted');
  const competition = created.json();
  for (const group of ['title', 'summary', 'description', 'themes', 'countries', 'prize', 'timing', 'eligibility', 'form', 'rubric', 'judging'] as const) {
    t.same(competition[group], ex.competition[group], `${group} is the Competition example's`);
  }
  t.equal(competition.status, 'draft');

  // The Problem example is the answer to a competition closing before it opens.
  const problem = (app.swagger() as unknown as Doc).components.schemas.Problem!.examples as Json[];
  const refused = await app.inject({
    method: 'POST',
    url: `/v1/organisations/${org.json().id}/competitions`,
    headers: owner.auth,
    payload: { ...ex.createCompetition, timing: { ...ex.timingRequest, closesAt: '2026-08-30' } },
  });
  const { requestId: _r, instance: _i, ...expected } = problem[0]!;
  t.same({ ...refused.json(), requestId: undefined, instance: undefined }, { ...expected, requestId: undefined, instance: undefined }, 'a create closing before it opens answers the Problem example');

  const updated = await app.inject({ method: 'PATCH', url: `/v1/competitions/${competition.id}`, headers: { ...owner.auth, 'if-match': `"v${competition.version}"` }, payload: ex.updateCompetition });
  t.equal(updated.statusCode, 200, 'the UpdateCompetitionRequest example is accepted', { body: updated.json() });
  t.equal(updated.json().timing.closesAt, endOfDay('2026-11-02', 'Europe/Rome').toISOString(), 'its closesAt date is the end of that day in the zone');
});

t.test('the examples agree with each other and with the code', async (t) => {
  // The receipt example is a real one: its contentHash is the hash of the revision content
  // example, and its signature verifies with the example public key, as a client checks it.
  const hash = createHash('sha256').update(canonicalJson(ex.revisionContent), 'utf8').digest('hex');
  t.equal(ex.contentHash, hash, 'contentHash is the SHA-256 of the canonical revision content');
  const key = createPublicKey(ex.receiptPublicKey.publicKeyPem);
  t.equal(key.export({ format: 'jwk' }).x, ex.receiptPublicKey.jwk.x, 'the PEM and the JWK are the same key');
  t.equal(createHash('sha256').update(key.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16), ex.receipt.keyId, 'keyId names that key');
  const signature = Buffer.from(ex.receipt.signature, 'base64url');
  t.ok(verify(null, receiptMessage(ex.receipt), key, signature), 'the receipt signature verifies');
  t.notOk(verify(null, receiptMessage({ ...ex.receipt, revision: 3 }), key, signature), 'and would not for other fields');

  // Cursors are what the lists would return after the example rows.
  t.equal(ex.competitionCursor, encodeCursor({ sort: 'closing_soon', key: '2026-10-31 23:00:00+00', id: ex.ids.competition }));
  t.equal(ex.proposalCursor, encodeCursor({ key: '2026-10-28 19:03:27.418362+00', id: ex.ids.proposal }));
  t.equal(Buffer.from(ex.auditCursor, 'base64url').toString('utf8'), `audit:${ex.auditEntry.id}`);

  // The timeline: 1 September to the end of 31 October 2026 in Europe/Rome, 300 s of grace.
  t.equal(ex.at.opens, startOfDay('2026-09-01', 'Europe/Rome').toISOString());
  t.equal(ex.at.closes, endOfDay('2026-10-31', 'Europe/Rome').toISOString());
  t.equal(ex.timing.local.closesAt, toZonedIso(new Date(ex.at.closes), 'Europe/Rome'));
  t.equal(ex.extension.localClosesAt, toZonedIso(new Date(ex.extension.closesAt), 'Europe/Rome'));
  t.equal(Date.parse(ex.at.effectiveCloses) - Date.parse(ex.at.closes), ex.timing.gracePeriodSeconds * 1000);
});
