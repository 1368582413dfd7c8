// Hostile input to every JS entry point of the built package (pkg/node): each one
// must end in a ForkError with an exact code — never a panic, a trap, a string
// throw or a hang — and the module must keep working afterwards.
//
// Needs the package built first (scripts/build-pkg.sh; scripts/test.sh does it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { closedUrl } from '../support/ports.mjs';

const require = createRequire(import.meta.url);
const api = require('../../pkg/node/aiven_fork.cjs');
const { ForkError, ForkClient } = api;

const VALID = {
  project: 'demo-project',
  serviceName: 'demo-pg-fork',
  serviceType: 'pg',
  plan: 'startup-4',
  source: { service: 'demo-pg' },
};
const VALID_CALL = {
  method: 'POST',
  path: '/v1/project/demo-project/service',
  body: { service_name: 'demo-pg-fork', service_type: 'pg', plan: 'startup-4', user_config: { service_to_fork_from: 'demo-pg' } },
};
const TEN_MB = 'a'.repeat(10 * 1024 * 1024);

function deepObject(levels) {
  const root = {};
  let node = root;
  for (let i = 0; i < levels; i++) node = node.a = {};
  return root;
}
function deepArray(levels) {
  const root = [];
  let node = root;
  for (let i = 0; i < levels; i++) {
    const child = [];
    node.push(child);
    node = child;
  }
  return root;
}
function cyclic() {
  const r = { ...VALID };
  r.self = r;
  return r;
}
function withGetter(key, get) {
  const r = { ...VALID };
  Object.defineProperty(r, key, { get, enumerable: true });
  return r;
}

/** Assert `e` is a ForkError with `code`, and every entry of `errors` is well formed. */
function assertForkError(e, code, field) {
  assert.ok(e instanceof ForkError, `not a ForkError: ${typeof e} ${String(e)}`);
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'ForkError');
  assert.equal(e.code, code, e.message);
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length > 0);
  assert.ok(Array.isArray(e.errors) && e.errors.length >= 1);
  for (const issue of e.errors) {
    assert.deepEqual(Object.keys(issue), ['code', 'field', 'message']);
    assert.equal(typeof issue.code, 'string');
  }
  assert.equal(e.errors[0].code, code);
  if (field !== undefined) assert.equal(e.errors[0].field, field);
}

function assertStillWorks() {
  assert.deepEqual(api.buildForkRequest(VALID), VALID_CALL);
}

// Inputs that cannot be read as a request at all: every rule entry point throws.
const UNREADABLE = [
  ['null', () => null, 'invalid_request'],
  ['undefined', () => undefined, 'invalid_request'],
  ['a number', () => 42, 'invalid_request'],
  ['a string', () => 'demo-pg', 'invalid_request'],
  ['an array', () => [VALID], 'invalid_request'],
  ['a boolean', () => true, 'invalid_request'],
  ['a Symbol', () => Symbol('request'), 'invalid_type'],
  ['a BigInt', () => 10n, 'invalid_type'],
  ['a function', () => () => VALID, 'invalid_type'],
  ['a Symbol where a string belongs', () => ({ ...VALID, serviceName: Symbol('n') }), 'invalid_type', 'serviceName'],
  ['a BigInt where a number belongs', () => ({ ...VALID, diskSpaceMb: 1024n }), 'invalid_type', 'diskSpaceMb'],
  ['NaN where a number belongs', () => ({ ...VALID, diskSpaceMb: NaN }), 'invalid_value', 'diskSpaceMb'],
  ['Infinity where a number belongs', () => ({ ...VALID, diskSpaceMb: -Infinity }), 'invalid_value', 'diskSpaceMb'],
  ['a 10 MB string', () => ({ ...VALID, serviceName: TEN_MB }), 'field_too_long', 'serviceName'],
  ['a 10 MB string deep inside', () => ({ ...VALID, userConfig: { pg: { note: TEN_MB } } }), 'field_too_long', 'userConfig.pg.note'],
  ['a 10 MB key', () => ({ ...VALID, [TEN_MB]: 1 }), 'invalid_request'],
  ['200 000 values', () => ({ ...VALID, userConfig: { list: new Array(200000).fill(1) } }), 'invalid_request'],
  ['100 000 levels of objects', () => ({ ...VALID, userConfig: deepObject(100000) }), 'invalid_request'],
  ['100 000 levels of arrays', () => ({ ...VALID, userConfig: { a: deepArray(100000) } }), 'invalid_request'],
  ['a cycle', cyclic, 'invalid_request'],
  ['a Proxy whose traps throw', () => new Proxy(VALID, { ownKeys() { throw new Error('boom'); } }), 'invalid_request'],
  ['a Proxy whose get throws a non-Error', () => new Proxy(VALID, { get() { throw Symbol('x'); } }), 'invalid_request'],
  [
    'a revoked Proxy',
    () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
    'invalid_request',
  ],
  ['a throwing getter', () => withGetter('plan', () => { throw new TypeError('no'); }), 'invalid_request'],
  ['a toJSON that throws a string', () => ({ ...VALID, toJSON() { throw 'nope'; } }), 'invalid_request'],
];

for (const [name, entry] of [
  ['buildForkRequest', api.buildForkRequest],
  ['validateFork', api.validateFork],
  ['forkEquivalents', api.forkEquivalents],
]) {
  for (const [label, make, code, field] of UNREADABLE) {
    test(`${name}: ${label} -> ForkError ${code}`, () => {
      assert.throws(() => entry(make()), (e) => {
        assertForkError(e, code, field);
        return true;
      });
      assertStillWorks();
    });
  }
}

// Readable objects with wrong fields: build and equivalents throw; validate reports.
const WRONG = [
  ['a number where a string belongs', { ...VALID, serviceName: 123 }, 'invalid_type', 'serviceName'],
  ['a string where an object belongs', { ...VALID, source: 'demo-pg' }, 'invalid_type', 'source'],
  ['a number as the recovery time', { ...VALID, recovery: { mode: 'time', time: 12345 } }, 'invalid_type', 'recovery.time'],
  ['a string where a number belongs', { ...VALID, diskSpaceMb: '1024' }, 'invalid_type', 'diskSpaceMb'],
  ['a string where a boolean belongs', { ...VALID, terminationProtection: 'yes' }, 'invalid_type', 'terminationProtection'],
  ['an own __proto__ key', JSON.parse(`{"__proto__":{"serviceName":"x"},${JSON.stringify(VALID).slice(1)}`), 'unknown_field', '__proto__'],
  ['a constructor key', { ...VALID, constructor: 'x' }, 'unknown_field', 'constructor'],
  ['an invalid Date', { ...VALID, recovery: { mode: 'time', time: new Date(NaN) } }, 'invalid_time', 'recovery.time'],
  ['a missing source', { project: 'demo-project', serviceName: 'x' }, 'missing_field'],
];

for (const [label, request, code, field] of WRONG) {
  test(`buildForkRequest / forkEquivalents: ${label} -> ForkError ${code}`, () => {
    for (const entry of [api.buildForkRequest, api.forkEquivalents]) {
      assert.throws(() => entry(request), (e) => {
        assertForkError(e, code, field);
        return true;
      });
    }
    assertStillWorks();
  });
  test(`validateFork: ${label} -> report with ${code}`, () => {
    const report = api.validateFork(request);
    assert.equal(report.ok, false);
    assert.equal(report.errors[0].code, code);
    if (field !== undefined) assert.equal(report.errors[0].field, field);
  });
}

test('prototype keys inside tags and userConfig stay plain data', () => {
  const request = {
    ...VALID,
    // `__proto__` is not a tag key Aiven accepts (keys start with a letter).
    tags: JSON.parse('{"constructor":"y","toString":"x","hasOwnProperty":"z"}'),
    userConfig: JSON.parse('{"__proto__":{"polluted":true}}'),
  };
  const call = api.buildForkRequest(request);
  assert.deepEqual(Object.keys(call.body.tags), ['constructor', 'toString', 'hasOwnProperty']);
  assert.equal(call.body.tags.toString, 'x');
  assert.equal(Object.getPrototypeOf(call.body.tags), Object.prototype);
  assert.equal(Object.getPrototypeOf(call.body.user_config), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(call.body.user_config, '__proto__').value, { polluted: true });
  assert.equal({}.polluted, undefined);
  assert.equal(call.body.user_config.polluted, undefined);
  // A `__proto__` tag key is refused as a key Aiven would refuse, and pollutes nothing.
  assert.throws(() => api.buildForkRequest({ ...VALID, tags: JSON.parse('{"__proto__":{"polluted":"x"}}') }), (e) => {
    assertForkError(e, 'invalid_type', 'tags.__proto__');
    return true;
  });
  assert.throws(() => api.buildForkRequest({ ...VALID, tags: JSON.parse('{"__proto__":"x"}') }), (e) => {
    assertForkError(e, 'invalid_tag_key', 'tags.__proto__');
    return true;
  });
  assert.equal({}.polluted, undefined);
});

test('hostile contexts -> ForkError', () => {
  for (const [context, code] of [
    [42, 'invalid_value'],
    ['ctx', 'invalid_value'],
    [{}, 'invalid_value'],
    [Symbol('c'), 'invalid_type'],
    [cyclic(), 'invalid_request'],
    [deepObject(100000), 'invalid_request'],
    [new Proxy({}, { ownKeys() { throw new Error('boom'); } }), 'invalid_request'],
  ]) {
    for (const entry of [api.validateFork, api.buildForkRequest, api.forkEquivalents]) {
      assert.throws(() => entry(VALID, context), (e) => {
        assertForkError(e, code);
        return true;
      });
    }
  }
  // null and undefined mean "no context".
  assert.deepEqual(api.buildForkRequest(VALID, null), VALID_CALL);
  assert.deepEqual(api.buildForkRequest(VALID, undefined), VALID_CALL);
});

test('new ForkClient with hostile options -> ForkError', () => {
  for (const [options, code, field] of [
    [undefined, 'missing_field', 'token'],
    [null, 'missing_field', 'token'],
    [Symbol('o'), 'invalid_type', 'options'],
    [{}, 'missing_field', 'token'],
    [{ token: 5 }, 'invalid_type', 'token'],
    [{ token: 'a b' }, 'invalid_value', 'token'],
    [{ token: 't', baseUrl: 'http://example.com' }, 'insecure_base_url', 'baseUrl'],
    [{ token: 't', baseUrl: 'not a url' }, 'invalid_base_url', 'baseUrl'],
    [{ token: 't', baseUrl: 42 }, 'invalid_type', 'baseUrl'],
    [new Proxy({}, { get() { throw new Error('x'); } }), 'invalid_value', 'baseUrl'],
  ]) {
    assert.throws(() => new ForkClient(options), (e) => {
      assertForkError(e, code, field);
      return true;
    });
  }
  assertStillWorks();
});

test('ForkClient methods with hostile arguments reject with a ForkError (no request sent)', async () => {
  // A port that refuses connections: nothing may get that far.
  const client = new ForkClient({ token: 'sandbox-demo-token', baseUrl: await closedUrl() });
  const cases = [
    [() => client.getForkContext(Symbol('p'), 'demo-pg'), 'invalid_type'],
    [() => client.getForkContext(undefined, 'demo-pg'), 'missing_field'],
    [() => client.getForkContext('demo-project', 12), 'invalid_type'],
    [() => client.fork(cyclic()), 'invalid_request'],
    [() => client.fork(null), 'invalid_request'],
    [() => client.fork(VALID, { signal: 5 }), 'invalid_type'],
    [() => client.waitUntilRunning('demo-project', 'x', { timeoutMs: -1 }), 'invalid_value'],
    [() => client.waitUntilRunning(Symbol('p'), 'x'), 'invalid_type'],
    [() => client.forkMany('not an array'), 'invalid_type'],
    [() => client.forkMany([], { concurrency: 0 }), 'invalid_value'],
  ];
  for (const [call, code] of cases) {
    await assert.rejects(call(), (e) => {
      assertForkError(e, code);
      return true;
    });
  }
  assertStillWorks();
});

test('ForkClient arguments whose reading throws reject with a ForkError; nothing escapes uncaught', async () => {
  const client = new ForkClient({ token: 'sandbox-demo-token', baseUrl: 'http://127.0.0.1:9' });
  const escaped = [];
  const onEscape = (e) => escaped.push(String(e));
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
  try {
    const revoked = Proxy.revocable([], {});
    revoked.revoke();
    const forged = Object.create(AbortSignal.prototype);
    const redefined = new AbortController().signal;
    Object.defineProperty(redefined, 'aborted', { get() { throw new Error('aborted getter'); } });
    const throwingIterator = [VALID];
    throwingIterator[Symbol.iterator] = () => { throw new Error('iterator'); };
    const cases = [
      ['a Proxy of requests whose get throws', () => client.forkMany(new Proxy([VALID], { get() { throw new Error('get'); } })), 'invalid_request', 'requests'],
      ['an array whose iterator throws', () => client.forkMany(throwingIterator), 'invalid_request', 'requests'],
      ['a revoked Proxy of requests', () => client.forkMany(revoked.proxy), 'invalid_type', 'requests'],
      ['a forged AbortSignal (getForkContext)', () => client.getForkContext('demo-project', 'demo-pg', { signal: forged }), 'invalid_type', 'signal'],
      ['a forged AbortSignal (fork)', () => client.fork(VALID, { signal: forged }), 'invalid_type', 'signal'],
      ['a forged AbortSignal (waitUntilRunning)', () => client.waitUntilRunning('demo-project', 'x', { signal: forged }), 'invalid_type', 'signal'],
      ['a forged AbortSignal (forkMany)', () => client.forkMany([VALID], { signal: forged }), 'invalid_type', 'signal'],
      ['a signal whose aborted getter throws', () => client.getForkContext('demo-project', 'demo-pg', { signal: redefined }), 'invalid_type', 'signal'],
    ];
    for (const [name, call, code, field] of cases) {
      const settled = await Promise.race([
        call().then(() => 'resolved', (e) => e),
        new Promise((r) => setTimeout(() => r('never settled'), 5_000)),
      ]);
      assert.ok(settled instanceof ForkError, `${name}: ${settled}`);
      assertForkError(settled, code, field);
    }
  } finally {
    process.off('uncaughtException', onEscape);
    process.off('unhandledRejection', onEscape);
  }
  assert.deepEqual(escaped, []);
  assertStillWorks();
});
