// validateFork's contract (pkg/aiven-fork.d.ts, pkg/README.md): every rule failure is
// in the returned report; a ForkError is thrown only for input that cannot be read as
// JSON data, with an exact code, field and message. buildForkRequest and
// forkEquivalents read their input the same way, so they throw the same errors.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadPackage } from './client-support.mjs';

const { ForkError, validateFork, buildForkRequest, checkForkRequest, forkEquivalents } = await loadPackage();

const VALID = {
  project: 'demo-project', serviceName: 'orders-db-fork', serviceType: 'pg', plan: 'business-4',
  source: { service: 'orders-db' },
};
const NOT_TEXT = 'not valid Unicode text (it holds a lone surrogate)';

/** [name, request, code, field, message]: input that cannot be read. */
const UNREADABLE = [
  ['NaN', { ...VALID, userConfig: { x: NaN } }, 'invalid_value', 'userConfig.x', 'userConfig.x must be a finite number'],
  ['Infinity', { ...VALID, userConfig: { pg: { y: -Infinity } } }, 'invalid_value', 'userConfig.pg.y', 'userConfig.pg.y must be a finite number'],
  ['a 65,537-character string', { ...VALID, tags: { a: 'y'.repeat(65_537) } }, 'field_too_long', 'tags.a', 'tags.a is longer than 65536 characters'],
  ['a lone high surrogate', { ...VALID, tags: { a: 'x\ud800' } }, 'invalid_value', 'tags.a', `tags.a is ${NOT_TEXT}`],
  ['a lone low surrogate in an array', { ...VALID, userConfig: { ip_filter: ['10.0.0.0/8', '\udfff'] } }, 'invalid_value', 'userConfig.ip_filter[1]', `userConfig.ip_filter[1] is ${NOT_TEXT}`],
  ['a key with a lone surrogate', { ...VALID, tags: { ['k\udc00']: 'v' } }, 'invalid_value', 'tags', `tags has a key that is ${NOT_TEXT}`],
  ['a BigInt', { ...VALID, userConfig: { x: 1n } }, 'invalid_type', 'userConfig.x', 'userConfig.x must be JSON data, not a bigint'],
  ['a symbol', { ...VALID, tags: { a: Symbol('s') } }, 'invalid_type', 'tags.a', 'tags.a must be JSON data, not a symbol'],
  ['not an object', 'orders-db-fork', 'invalid_request', '', 'the request must be an object'],
];

for (const [name, request, code, field, message] of UNREADABLE) {
  test(`unreadable input throws a ForkError: ${name} (${code})`, () => {
    for (const fn of [validateFork, buildForkRequest, checkForkRequest, forkEquivalents]) {
      assert.throws(() => fn(request), (e) => {
        assert.ok(e instanceof ForkError, `${fn.name}: not a ForkError: ${e}`);
        assert.deepEqual([e.code, e.message, e.errors], [code, message, [{ code, field, message }]], fn.name);
        return true;
      });
    }
    // The module keeps working.
    assert.deepEqual(validateFork(VALID).errors, []);
  });
}

test('readable input is reported, never thrown, however wrong', () => {
  const report = validateFork({
    ...VALID, serviceName: 7, plan: 5, tags: { a: '😀 a well-formed pair' }, recovery: { mode: 'yesterday' },
  });
  assert.equal(report.ok, false);
  assert.deepEqual(report.errors.map((e) => [e.code, e.field]).sort(), [
    ['invalid_type', 'plan'],
    ['invalid_type', 'serviceName'],
    ['invalid_value', 'recovery.mode'],
  ]);
  // A surrogate pair is text: no error about it.
  assert.deepEqual(validateFork({ ...VALID, tags: { a: '😀' } }).errors, []);
});
