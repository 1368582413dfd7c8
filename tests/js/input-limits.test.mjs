// The size bound on inputs: a request is at most 1 MiB of JSON text (Aiven's limit
// for a request body), a context at most 16 MiB (the bound of the API answers it is
// read from). The reader stops as soon as a bound is passed, so an input that
// repeats one large string many times (shared references: cheap to build, huge to
// read) is refused after reading about the bound, with a ForkError.
//
// The time of each refusal is printed; what is asserted is the work done (how many
// elements were read before the refusal), not the time.
//
// Needs the package built first (scripts/build-pkg.sh; scripts/test.sh does it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { closedUrl } from '../support/ports.mjs';

const require = createRequire(import.meta.url);
const api = require('../../pkg/node/aiven_fork.cjs');
const { ForkError, ForkClient } = api;

const MIB = 1024 * 1024;
const VALID = {
  project: 'demo-project',
  serviceName: 'demo-pg-fork',
  serviceType: 'pg',
  plan: 'startup-4',
  source: { service: 'demo-pg' },
};
const BIG = 'y'.repeat(65536);

/** `n` copies of BIG behind a Proxy that counts the elements read. */
function countedShared(n) {
  const counter = { reads: 0 };
  const items = new Proxy(new Array(n).fill(BIG), {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { items, counter };
}

function refusal(fn) {
  const start = performance.now();
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  return { error, ms: performance.now() - start };
}

function assertTooLarge(error, field, message) {
  assert.ok(error instanceof ForkError, `not a ForkError: ${error}`);
  assert.equal(error.code, 'invalid_request');
  assert.equal(error.message, message);
  assert.deepEqual(error.errors, [{ code: 'invalid_request', field, message }]);
}

const REQUEST_TOO_LARGE = 'the request is larger than 1 MiB as JSON text';

test('a request of 99 999 references to one 64 KiB string is refused after reading 1 MiB of it', () => {
  // 99 999 references to one 64 KiB string: 6.5 GB as JSON.
  const { error, ms } = refusal(() =>
    api.validateFork({ ...VALID, userConfig: { big: new Array(99999).fill(BIG) } }),
  );
  console.log(`validateFork, 99 999 shared 64 KiB strings: ForkError after ${ms.toFixed(1)} ms`);
  assertTooLarge(error, '', REQUEST_TOO_LARGE);
});

for (const [name, call] of [
  ['validateFork', (r) => api.validateFork(r)],
  ['buildForkRequest', (r) => api.buildForkRequest(r)],
  ['forkEquivalents', (r) => api.forkEquivalents(r)],
]) {
  test(`${name}: a request over 1 MiB stops being read at the bound`, () => {
    const { items, counter } = countedShared(99999);
    const { error, ms } = refusal(() => call({ ...VALID, userConfig: { big: items } }));
    console.log(`${name}: refused after ${counter.reads} of 99 999 elements, ${ms.toFixed(1)} ms`);
    assertTooLarge(error, '', REQUEST_TOO_LARGE);
    // 16 strings of 64 KiB are 1 MiB: the 16th passes the bound with the other fields.
    assert.equal(counter.reads, 16);
    // The module still works.
    assert.equal(api.buildForkRequest(VALID).body.service_name, 'demo-pg-fork');
  });
}

test('ForkClient.fork: a request over 1 MiB is refused before anything is sent', async () => {
  const client = new ForkClient({ token: 'limits-test-token', baseUrl: await closedUrl() });
  const { items, counter } = countedShared(99999);
  const start = performance.now();
  const error = await client.fork({ ...VALID, userConfig: { big: items } }).then(
    () => assert.fail('fork resolved'),
    (e) => e,
  );
  console.log(`ForkClient.fork: refused after ${counter.reads} elements, ${(performance.now() - start).toFixed(1)} ms`);
  assertTooLarge(error, '', REQUEST_TOO_LARGE);
  assert.equal(counter.reads, 16);
  client.free();
});

test('exactly 1 MiB of request JSON is read; one byte more is refused', () => {
  // Pad so that JSON.stringify(request) is exactly 1 MiB (ASCII: bytes = length);
  // strings are at most 64 KiB, so the padding is spread over several keys.
  const userConfig = {};
  for (let i = 0; i < 17; i++) userConfig[`p${i}`] = 'x'.repeat(60000);
  userConfig.last = '';
  const exact = { ...VALID, userConfig };
  userConfig.last = 'x'.repeat(MIB - JSON.stringify(exact).length);
  assert.equal(JSON.stringify(exact).length, MIB);
  const report = api.validateFork(exact);
  assert.deepEqual(report.errors, []);
  assert.equal(report.ok, true);

  const over = { ...exact, userConfig: { ...userConfig, last: `${userConfig.last}x` } };
  assert.equal(JSON.stringify(over).length, MIB + 1);
  assertTooLarge(refusal(() => api.validateFork(over)).error, '', REQUEST_TOO_LARGE);
});

test('escapes count: a request whose JSON text passes 1 MiB only once escaped is refused', () => {
  // 15 strings of 64 KiB: under 1 MiB as characters, about 6 MiB as JSON (\u0001 each).
  const userConfig = {};
  for (let i = 0; i < 15; i++) userConfig[`c${i}`] = '\u0001'.repeat(65536);
  assertTooLarge(refusal(() => api.validateFork({ ...VALID, userConfig })).error, '', REQUEST_TOO_LARGE);
});

test('a context over 16 MiB stops being read at the bound', () => {
  const { items, counter } = countedShared(99999);
  const context = { source: { project: 'demo-project', serviceName: 'demo-pg', serviceType: 'pg', notes: items } };
  for (const [name, call] of [
    ['validateFork', () => api.validateFork(VALID, context)],
    ['prepareForkContext', () => api.prepareForkContext(context)],
  ]) {
    counter.reads = 0;
    const { error, ms } = refusal(call);
    console.log(`${name} (context): refused after ${counter.reads} elements, ${ms.toFixed(1)} ms`);
    assertTooLarge(error, 'context', 'context is larger than 16 MiB as JSON text');
    // 256 strings of 64 KiB are 16 MiB.
    assert.equal(counter.reads, 256);
  }
});
