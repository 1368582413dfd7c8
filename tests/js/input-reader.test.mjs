// The input reader (src/bindings/boundary.js): every argument is read as the JSON data
// JSON.stringify would write (Dates as ISO text, an invalid Date as "Invalid Date"),
// whichever way it takes: plain objects and arrays are read in one walk that writes
// the input tape (codes and texts, core::json::Doc::from_tape); anything else (boxed
// primitives, class instances, Maps, a custom toJSON, an invalid Date) by
// JSON.stringify with a checking replacer. Both give the same data and the same errors.
//
// Needs the package built first (scripts/build-pkg.sh; scripts/test.sh does it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';

const require = createRequire(import.meta.url);
const api = require('../../pkg/node/aiven_fork.cjs');
const { ForkError } = api;

const VALID = {
  project: 'demo-project',
  serviceName: 'demo-pg-copy',
  serviceType: 'pg',
  plan: 'business-4',
  source: { service: 'demo-pg' },
};
const RUNS = Number(process.env.FC_RUNS ?? 300);

/** `value` as the library reads it, by the documented rule. */
function asJson(value) {
  const text = JSON.stringify(value, function replace(key, val) {
    const original = this[key];
    return original instanceof Date && Number.isNaN(original.getTime()) ? 'Invalid Date' : val;
  });
  return text === undefined ? undefined : JSON.parse(text);
}

/** What the library read of `value`, echoed back in the payload's user_config. */
function echoed(value) {
  return api.buildForkRequest({ ...VALID, userConfig: { x: value } }).body.user_config.x;
}

class Point {
  constructor() {
    this.x = 1;
    this.y = [2, 'three'];
  }
}

const SHAPES = [
  ['plain data with every JSON type', { s: 'a"b\\c\n\u0001\u007f é😀', n: [0, -0, 1.5, 1e21, -2e-7, 2 ** 53 + 2], t: true, f: false, z: null, o: { '': {}, 'é😀': [] } }],
  ['undefined: a dropped field, null in an array', { a: undefined, b: [1, undefined, , 3], c: 1 }], // eslint-disable-line no-sparse-arrays
  ['a valid Date', { at: new Date(Date.UTC(2026, 2, 1, 9, 30)) }],
  ['an invalid Date', { at: new Date(Number.NaN), list: [new Date('nope')] }],
  ['boxed primitives', { n: new Number(5), s: new String('ab'), b: new Boolean(false) }],
  ['a class instance, a Map, a typed array', { p: new Point(), m: new Map([[1, 2]]), t: new Uint8Array([1, 2]) }],
  ['a null-prototype object', Object.assign(Object.create(null), { z: 1, nested: Object.assign(Object.create(null), { y: 'x' }) })],
  ['an own __proto__ key', JSON.parse('{"__proto__":{"q":1},"r":2}')],
  ['a custom toJSON, nested', { a: { toJSON: () => ({ replaced: [1, 2] }) }, b: 2 }],
  ['a custom toJSON at the top', { toJSON: () => ({ top: true }) }],
  ['a field named toJSON holding data', { toJSON: 'text', n: 1 }],
];

for (const [name, value] of SHAPES) {
  test(`read as JSON.stringify writes it: ${name}`, () => {
    assert.deepEqual(echoed(value), asJson(value));
    // The same data given as plain JSON (the one-walk reader) reads the same.
    assert.deepEqual(echoed(asJson(value)), asJson(value));
  });
}

test('random JSON-like values are read as JSON.stringify writes them', () => {
  const arbitrary = fc.anything({
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
    withObjectString: true,
    withBoxedValues: true,
    maxDepth: 4,
  });
  let read = 0;
  fc.assert(
    fc.property(arbitrary, (value) => {
      let got;
      try {
        got = echoed(value);
      } catch (e) {
        // Only what JSON data cannot hold is refused, with a ForkError.
        assert.ok(e instanceof ForkError, String(e));
        assert.ok(['invalid_value', 'invalid_type', 'invalid_request', 'field_too_long', 'unknown_field'].includes(e.code), e.code);
        return;
      }
      read += 1;
      assert.deepEqual(got, asJson(value));
    }),
    { numRuns: RUNS },
  );
  assert.ok(read > RUNS / 4, `only ${read} of ${RUNS} values were read`);
});

test('plain data is read once: every property and item is got exactly once', () => {
  const gets = new Map();
  const counted = (target, name) =>
    new Proxy(target, {
      get(t, key, receiver) {
        const k = `${name}.${String(key)}`;
        gets.set(k, (gets.get(k) ?? 0) + 1);
        return Reflect.get(t, key, receiver);
      },
    });
  const userConfig = counted({ a: 1, list: counted([1, 'two', null], 'list'), nested: counted({ b: true }, 'nested') }, 'root');
  const body = api.buildForkRequest({ ...VALID, userConfig }).body;
  assert.deepEqual(body.user_config, { a: 1, list: [1, 'two', null], nested: { b: true }, service_to_fork_from: 'demo-pg' });
  for (const [key, n] of gets) {
    // Reading `length` of the array and `toJSON` of each object is what JSON.stringify does too.
    assert.equal(n, 1, `${key} was read ${n} times`);
  }
  assert.deepEqual(
    [...gets.keys()].sort(),
    ['list.0', 'list.1', 'list.2', 'list.length', 'list.toJSON', 'nested.b', 'nested.toJSON', 'root.a', 'root.list', 'root.nested', 'root.toJSON'],
  );
});

test('the errors of both readers are the same, with the same field paths', () => {
  const lone = 'x\ud800y';
  const cases = [
    [{ a: [1, { b: Number.NaN }] }, 'invalid_value', 'userConfig.x.a[1].b', 'userConfig.x.a[1].b must be a finite number'],
    [{ a: { [lone]: 1 } }, 'invalid_value', 'userConfig.x.a', 'userConfig.x.a has a key that is not valid Unicode text (it holds a lone surrogate)'],
    [{ a: [lone] }, 'invalid_value', 'userConfig.x.a[0]', 'userConfig.x.a[0] is not valid Unicode text (it holds a lone surrogate)'],
    [{ a: () => 1 }, 'invalid_type', 'userConfig.x.a', 'userConfig.x.a must be JSON data, not a function'],
    [{ a: 'y'.repeat(65537) }, 'field_too_long', 'userConfig.x.a', 'userConfig.x.a is longer than 65536 characters'],
  ];
  for (const [x, code, field, message] of cases) {
    // Plain, and after a boxed value that sends the whole request to the replacer reader.
    for (const request of [
      { ...VALID, userConfig: { x } },
      { boxed: new Number(1), ...VALID, userConfig: { x } },
    ]) {
      let error;
      try {
        api.validateFork(request);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof ForkError, `${message}: ${error}`);
      assert.deepEqual([error.code, error.message, error.errors], [code, message, [{ code, field, message }]]);
    }
  }
});

test('the limits the JSON text reader checked give its errors: size in UTF-16 units, then in UTF-8 bytes, then strings', () => {
  // Each request refused by both readers (plain, and after a boxed value) with the
  // error `expect` names for the request given.
  const refused = (request, expect) => {
    for (const r of [request, { boxed: new Number(1), ...request }]) {
      let error;
      try {
        api.validateFork(r);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof ForkError, String(error));
      const [code, field, message] = typeof expect === 'function' ? expect(r) : expect;
      assert.deepEqual([error.code, error.message, error.errors], [code, message, [{ code, field, message }]]);
    }
  };
  const big = (n, s) => Object.fromEntries(Array.from({ length: n }, (_, i) => ['k' + i, s]));
  // Escapes pass the bound (17 x 60000 newlines are 1,020,000 units, 2,040,000 written).
  refused({ ...VALID, userConfig: big(17, '\n'.repeat(60000)) }, [
    'invalid_request',
    '',
    'the request is larger than 1 MiB as JSON text',
  ]);
  // 600,000 units of JSON text, 1,200,000 bytes of UTF-8.
  refused({ ...VALID, userConfig: big(12, 'é'.repeat(50000)) }, ['invalid_request', '', 'JSON text is larger than 1 MiB']);
  // 40,000 characters, 80,000 bytes: refused where the parser stopped in the text.
  refused({ ...VALID, userConfig: { a: 'é'.repeat(40000) } }, (request) => {
    const text = JSON.stringify(request);
    const start = Buffer.byteLength(text.slice(0, text.indexOf('"é') + 1));
    return ['invalid_request', '', `invalid JSON at byte ${start + 65537}: string longer than 64 KiB`];
  });
  // Keys count towards the size, checked where values are: a later non-finite number
  // is named first.
  const key = 'k'.repeat(1 << 20);
  refused({ ...VALID, userConfig: { [key]: 1, b: Number.NaN } }, [
    'invalid_value',
    'userConfig.b',
    'userConfig.b must be a finite number',
  ]);
  refused({ ...VALID, userConfig: { [key]: 1, b: 2 } }, ['invalid_request', '', 'the request is larger than 1 MiB as JSON text']);
});

test('a getter that calls the library while an input is read leaves that read whole', () => {
  let inner;
  const userConfig = {
    a: 'first',
    get b() {
      inner = api.buildForkRequest({ ...VALID, serviceName: 'demo-pg-inner', userConfig: { c: [1, 2, 3], d: { e: 'x' } } });
      return ['second', 3];
    },
    f: { g: null },
  };
  const outer = api.buildForkRequest({ ...VALID, userConfig });
  assert.deepEqual(outer.body.user_config, { a: 'first', b: ['second', 3], f: { g: null }, service_to_fork_from: 'demo-pg' });
  assert.equal(outer.body.service_name, 'demo-pg-copy');
  assert.deepEqual(inner.body.user_config, { c: [1, 2, 3], d: { e: 'x' }, service_to_fork_from: 'demo-pg' });
  assert.equal(inner.body.service_name, 'demo-pg-inner');
});
