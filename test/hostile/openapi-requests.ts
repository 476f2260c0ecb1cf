import fc from 'fast-check';

/**
 * Requests built from `openapi/openapi.json` for schema-driven fuzzing: for each operation, path
 * parameters, query, headers and body drawn from the declared schemas, mixed with the hostile
 * values that broke the API before (NUL, lone surrogates, out-of-range dates, huge numbers, deep
 * nesting, wrong types, forged cursors).
 */

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  pattern?: string;
};

export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}

export interface FuzzOperation {
  method: string;
  path: string;
  operationId: string;
  declared: string[];
  arbitrary: fc.Arbitrary<FuzzRequest>;
}

export interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const json = (value: unknown) => JSON.stringify(value);

/** A forged keyset cursor: base64url of JSON, with keys a list never returns. */
const forgedCursor = fc
  .record({
    k: fc.constantFrom('0000-01-01 00:00:00+00', '2024-13-45 25:61:61+00', '99999-01-01 00:00:00+00', '2026-02-30 00:00:00+00', '2026-01-01 00:00:00.1234567+00', 'x'),
    id: fc.oneof(fc.uuid(), fc.constant('not-a-uuid')),
    s: fc.option(fc.constantFrom('closing_soon', 'newest', '\u0000', 'x'.repeat(40)), { nil: undefined }),
  })
  .map((c) => Buffer.from(json(c), 'utf8').toString('base64url'));

const hostileStrings = fc.constantFrom(
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '0000-01-01',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1899-12-31',
  '\u202eevil.pdf',
  'x'.repeat(5000),
  '',
  ' ',
  '1e400',
  '../../etc/passwd',
);
const hostileNumbers = fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 1e21, 0.5, -1, 0, 2147483648);

/** Deep nesting: JSON that is cheap to send and expensive to walk recursively. */
const deepJson = fc.constantFrom(20_000, 200).map((depth) => '['.repeat(depth) + ']'.repeat(depth));

export function operations(spec: OpenApi, ids: { uuids: string[] }): FuzzOperation[] {
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(spec.components.schemas[schema.$ref.replace('#/components/schemas/', '')]!);
    return schema;
  };

  const valid = (raw: Schema, depth: number, name = ''): fc.Arbitrary<unknown> => {
    const schema = resolve(raw);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const union = schema.anyOf ?? schema.oneOf;
    if (union) return fc.oneof(...union.map((s) => valid(s, depth, name)));
    if (schema.allOf) return valid(schema.allOf[0]!, depth, name);
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    switch (type) {
      case 'string':
        return stringFor(schema, name);
      case 'integer':
        return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e9), max: Math.min(schema.maximum ?? 1000, 1e9) });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return depth > 4 ? fc.constant([]) : fc.array(schema.items ? valid(schema.items, depth + 1) : fc.string(), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
      case 'object': {
        if (depth > 4) return fc.constant({});
        const properties = schema.properties ?? {};
        const required = schema.required ?? [];
        if (Object.keys(properties).length === 0) return fc.dictionary(fc.constantFrom('title', 'summary', 'q1'), fc.string({ maxLength: 20 }), { maxKeys: 2 });
        return fc.record(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, valid(v, depth + 1, k)])), {
          requiredKeys: required.filter((k) => k in properties),
        });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  };

  const instants = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  const stringFor = (schema: Schema, name: string): fc.Arbitrary<unknown> => {
    // Plain strings the API reads as dates, zones or times: plausible values, so requests get past validation.
    if (!schema.format && /At$/.test(name)) return fc.oneof(instants, instants.map((i) => i.slice(0, 10)));
    if (name === 'timezone') return fc.constantFrom('Europe/Rome', 'UTC', 'America/New_York');
    switch (schema.format) {
      case 'uuid':
        return fc.oneof(fc.constantFrom(...ids.uuids), fc.uuid());
      case 'email':
        return fc.emailAddress();
      case 'date':
        return fc.date({ min: new Date('1950-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      case 'date-time':
        return fc.date({ min: new Date('1950-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      case 'uri':
        return fc.webUrl();
    }
    if (schema.pattern === '^[A-Z]{2}$') return fc.constantFrom('IT', 'AT', 'FR', 'ZZ');
    if (schema.pattern) {
      try {
        return fc.stringMatching(new RegExp(schema.pattern), { maxLength: 40 });
      } catch {
        // A pattern fast-check cannot generate from: arbitrary text below.
      }
    }
    return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) });
  };

  /** Usually valid, sometimes a hostile value or the wrong type in its place. */
  const fuzzed = (raw: Schema, depth: number, name = ''): fc.Arbitrary<unknown> => {
    const schema = resolve(raw);
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    if (type === 'object' && schema.properties && depth <= 4) {
      const required = schema.required ?? [];
      return fc.record(Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, fuzzed(v, depth + 1, k)])), {
        requiredKeys: required.filter((k) => k in schema.properties!),
      });
    }
    if (type === 'array' && schema.items && depth <= 4) {
      return fc.array(fuzzed(schema.items, depth + 1), { maxLength: 3 });
    }
    const base = valid(schema, depth, name);
    const tainted =
      type === 'string'
        ? fc.oneof(
            base.map((v) => `${String(v)}\u0000`),
            base.map((v) => `\ud800${String(v)}`),
            fc.constantFrom('0000-01-01', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '0000-12-31T23:00:00Z'),
          )
        : hostileNumbers;
    return fc.oneof(
      { weight: 3, arbitrary: tainted },
      // Mostly valid, so that a hostile value is often the only bad field and travels deep.
      { weight: 12, arbitrary: valid(schema, depth, name) },
      { weight: 2, arbitrary: hostileStrings },
      { weight: 1, arbitrary: hostileNumbers },
      { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.constant({}), fc.constant([]), fc.boolean(), fc.constant({ '\u0000': 1 })) },
    );
  };

  const paramValue = (parameter: Parameter): fc.Arbitrary<string | undefined> => {
    const schema = resolve(parameter.schema);
    const base: fc.Arbitrary<unknown> = parameter.name === 'cursor' ? fc.oneof(forgedCursor, hostileStrings) : fuzzed(schema, 0, parameter.name);
    const asText = base.map((v) => (typeof v === 'string' ? v : json(v)));
    return parameter.required ? asText : fc.option(asText, { nil: undefined });
  };

  const out: FuzzOperation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      const jsonBody = content['application/json']?.schema;
      const rawTypes = Object.keys(content).filter((type) => type !== 'application/json');

      const body: fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> = jsonBody
        ? fc.oneof(
            { weight: 8, arbitrary: fuzzed(jsonBody, 0).map((v) => ({ payload: json(v), contentType: 'application/json' })) },
            { weight: 1, arbitrary: deepJson.map((payload) => ({ payload, contentType: 'application/json' })) },
            { weight: 1, arbitrary: fc.constantFrom('{"a":', 'null', '"\\ud800"', '{"x":"\\u0000"}').map((payload) => ({ payload, contentType: 'application/json' })) },
          )
        : rawTypes.length > 0
          ? fc.record({ payload: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)), contentType: fc.constantFrom(...rawTypes) })
          : // No body declared: clients send one anyway (deep JSON, junk types).
            fc.oneof(
              { weight: 3, arbitrary: fc.constant({}) },
              { weight: 1, arbitrary: deepJson.map((payload) => ({ payload, contentType: 'application/json' })) },
              { weight: 1, arbitrary: fc.constantFrom('{"a":', 'junk').map((payload) => ({ payload, contentType: 'text/xml' })) },
            );

      const arbitrary = fc
        .record({
          values: fc.tuple(...parameters.map(paramValue)),
          body,
        })
        .map(({ values, body }) => {
          let url = path;
          const query = new URLSearchParams();
          const headers: Record<string, string> = {};
          parameters.forEach((parameter, i) => {
            const value = values[i];
            if (value === undefined) return;
            if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, encodeURIComponent(value.toWellFormed()));
            else if (parameter.in === 'query') query.append(parameter.name, value);
            // Header values must be printable ASCII here; the rest are sent percent-encoded (URLs cannot carry a lone surrogate).
            else if (parameter.in === 'header') headers[parameter.name] = /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value.toWellFormed());
          });
          const qs = query.toString();
          if (body.contentType) headers['content-type'] = body.contentType;
          return { url: qs ? `${url}?${qs}` : url, headers, ...(body.payload !== undefined ? { payload: body.payload } : {}) };
        });
      out.push({ method: method.toUpperCase(), path, operationId: operation.operationId, declared: Object.keys(operation.responses), arbitrary });
    }
  }
  return out;
}
