import t from 'tap';
import { canonicalJson } from '../../src/lib/canonical-json.js';

t.test('keys sorted by UTF-16 code units at every depth, no whitespace', async (t) => {
  t.equal(canonicalJson({ b: 1, a: [{ d: true, c: null }], é: 'x', Z: 'y' }), '{"Z":"y","a":[{"c":null,"d":true}],"b":1,"é":"x"}');
  t.equal(canonicalJson({ '\u{1F600}': 1, '\uFFFF': 2 }), '{"\u{1F600}":1,"\uFFFF":2}', 'a surrogate pair sorts by its code units');
  t.equal(canonicalJson('a"b\u2028'), JSON.stringify('a"b\u2028'));
  t.equal(canonicalJson(1e21), '1e+21');
});

t.test('integer-like keys sort as strings too (JavaScript would enumerate them first, numerically)', async (t) => {
  t.equal(canonicalJson({ 10: 'a', 9: 'b', '-1': 'c', x: { 2: 0, 1: 0 } }), '{"-1":"c","10":"a","9":"b","x":{"1":0,"2":0}}');
  t.equal(canonicalJson([{ b: 1, 1: 2 }]), '[{"1":2,"b":1}]');
});

t.test('a "__proto__" key is data, kept in place', async (t) => {
  const parsed = JSON.parse('{"z":1,"__proto__":{"polluted":true},"a":2}') as unknown;
  t.equal(canonicalJson(parsed), '{"__proto__":{"polluted":true},"a":2,"z":1}');
  t.equal(({} as { polluted?: boolean }).polluted, undefined);
});

t.test('as JSON.stringify: toJSON, undefined members dropped, null in arrays', async (t) => {
  t.equal(canonicalJson({ at: new Date('2026-10-31T23:00:00Z'), gone: undefined, f: () => 1, list: [undefined, 1] }), '{"at":"2026-10-31T23:00:00.000Z","list":[null,1]}');
});

t.test('values without a JSON form are refused', async (t) => {
  t.throws(() => canonicalJson(undefined), TypeError);
  t.throws(() => canonicalJson({ n: Number.NaN }), /finite/);
  t.throws(() => canonicalJson({ n: [Infinity] }), /finite/);
  t.throws(() => canonicalJson({ n: 1n }), /bigint/);
  t.throws(() => canonicalJson({ 1: { n: Number.NaN } }), /finite/, 'on the writer path too');
});
