// prepareForkContext / PreparedForkContext against the built package (pkg/node):
// a prepared context gives exactly the outputs and errors of the plain context it
// was made from; a freed, copied or forged handle is a ForkError with a code, never
// a panic, and the module keeps working.
//
// Needs the package built first (scripts/build-pkg.sh; scripts/test.sh does it).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startSandbox } from '../support/sandbox.mjs';

const require = createRequire(import.meta.url);
const api = require('../../pkg/node/aiven_fork.cjs');
const { ForkError, PreparedForkContext, prepareForkContext, validateFork, buildForkRequest, forkEquivalents } = api;

const DAY = 86_400_000;
const NOW = Date.now();
const iso = (ms) => new Date(ms).toISOString().replace('Z', '+00:00');

function context() {
  return {
    source: {
      project: 'demo-project',
      serviceName: 'demo-pg',
      serviceType: 'pg',
      plan: 'business-4',
      cloudName: 'google-europe-west1',
      nodeCount: 2,
      state: 'RUNNING',
      userConfig: { pg_version: '16', backup_hour: 3 },
      tags: { env: 'prod', team: 'payments' },
      integrations: [{ integrationType: 'metrics', sourceService: 'demo-pg', destService: 'demo-grafana' }],
    },
    backups: [
      { backupName: 'pg-backup-1', backupTime: iso(NOW - 3 * DAY), dataSize: 1000 },
      { backupName: 'pg-backup-2', backupTime: iso(NOW - 2 * DAY), dataSize: 1200 },
    ],
    pitr: { start: iso(NOW - 3 * DAY), end: null },
    plans: [
      { name: 'startup-4', nodeCount: 1 },
      { name: 'business-4', nodeCount: 2 },
    ],
    takenNames: ['demo-pg', 'taken-name'],
  };
}

const VALID = {
  project: 'demo-project',
  serviceName: 'demo-pg-fork',
  source: { service: 'demo-pg' },
  recovery: { mode: 'time', time: iso(NOW - 2.5 * DAY) },
  tags: { purpose: 'test' },
  copyTags: true,
};
// Requests whose outcome depends on the context: valid, warnings, and each kind of
// context-dependent error.
const REQUESTS = [
  ['valid point in time', VALID],
  ['latest, no tags', { project: 'demo-project', serviceName: 'fork-2', source: { service: 'demo-pg' } }],
  ['taken name', { ...VALID, serviceName: 'taken-name' }],
  ['unknown plan', { ...VALID, plan: 'premium-99' }],
  ['fewer nodes is fine for pg, type mismatch is not', { ...VALID, serviceType: 'mysql' }],
  ['time before the window', { ...VALID, recovery: { mode: 'time', time: iso(NOW - 10 * DAY) } }],
  ['time in the future', { ...VALID, recovery: { mode: 'time', time: iso(NOW + DAY) } }],
  ['Date object', { ...VALID, recovery: { mode: 'time', time: new Date(NOW - 2.5 * DAY) } }],
  ['cross project', { ...VALID, project: 'demo-project-2', source: { service: 'demo-pg', project: 'demo-project' } }],
  ['shape errors', { project: 'demo-project', serviceName: 'Bad Name!', source: {}, recovery: { mode: 'nope' } }],
];

/** Messages that name the clock ("(now is ...)") differ by the milliseconds between two calls. */
const clockless = (text) => text.replace(/\(now is [^)]*\)/g, '(now is NOW)');

/** The outcome of `fn()` as data: `{ok: value}` or `{error: {code, message, errors}}`. */
function outcome(fn) {
  try {
    return { ok: fn() };
  } catch (e) {
    assert.ok(e instanceof ForkError, `not a ForkError: ${String(e)}`);
    const errors = e.errors.map((issue) => ({ ...issue, message: clockless(issue.message) }));
    return { error: { name: e.name, code: e.code, message: clockless(e.message), errors } };
  }
}

function assertForkError(fn, code, field) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof ForkError, `expected a ForkError, got ${String(thrown)}`);
  assert.equal(thrown.code, code, thrown.message);
  assert.equal(thrown.errors[0].code, code);
  if (field !== undefined) assert.equal(thrown.errors[0].field, field);
  return thrown;
}

const stillWorks = () =>
  assert.deepEqual(buildForkRequest({ project: 'p', serviceName: 'svc-a', serviceType: 'pg', plan: 'startup-4', source: { service: 'src' } }), {
    method: 'POST',
    path: '/v1/project/p/service',
    body: { service_name: 'svc-a', service_type: 'pg', plan: 'startup-4', user_config: { service_to_fork_from: 'src' } },
  });

test('the export is a class with free(); a handle has no readable fields', () => {
  assert.equal(typeof prepareForkContext, 'function');
  assert.equal(typeof PreparedForkContext, 'function');
  const p = prepareForkContext(context());
  assert.ok(p instanceof PreparedForkContext);
  assert.equal(typeof p.free, 'function');
  assert.deepEqual(Object.keys(PreparedForkContext.prototype).filter((k) => k !== 'free'), []);
  p.free();
});

test('a prepared context gives exactly the outputs and ForkErrors of the plain one', () => {
  const ctx = context();
  const p = prepareForkContext(ctx);
  try {
    for (const [name, request] of REQUESTS) {
      for (const fn of [validateFork, buildForkRequest, forkEquivalents]) {
        const plain = outcome(() => fn(request, ctx));
        const prepared = outcome(() => fn(request, p));
        if (prepared.ok?.errors) {
          for (const r of [plain.ok, prepared.ok]) for (const issue of r.errors) issue.message = clockless(issue.message);
        }
        assert.deepEqual(prepared, plain, `${fn.name}: ${name}`);
        // Same key order too (what JSON.stringify and a UI iterating keys see).
        assert.equal(JSON.stringify(prepared), JSON.stringify(plain), `${fn.name}: ${name}`);
      }
    }
    // Spot-check that the context was really used (defaults, tags copied, warnings).
    const { body } = buildForkRequest(VALID, p);
    assert.deepEqual(
      [body.service_type, body.plan, body.cloud, body.copy_tags, body.tags],
      ['pg', 'business-4', 'google-europe-west1', true, { purpose: 'test' }],
    );
    assert.equal(body.user_config.service_to_fork_from, 'demo-pg');
    assert.equal(body.user_config.pg_version, undefined);
    const report = validateFork(VALID, p);
    assert.equal(report.ok, true);
    assert.deepEqual(report.defaults, { serviceType: 'pg', plan: 'business-4', cloud: 'google-europe-west1' });
    assert.deepEqual(report.warnings.map((w) => w.code), ['integrations_not_copied']);
    assert.equal(validateFork({ ...VALID, serviceName: 'taken-name' }, p).errors[0].code, 'name_taken');
  } finally {
    p.free();
  }
});

test('the prepared context is a snapshot: later changes to the object do not leak in', () => {
  const ctx = context();
  const p = prepareForkContext(ctx);
  ctx.takenNames.push('demo-pg-fork');
  assert.equal(validateFork(VALID, p).ok, true);
  assert.equal(validateFork(VALID, ctx).errors[0].code, 'name_taken');
  p.free();
});

test('outputs stay plain objects; prototype-named tag keys and a __proto__ userConfig key stay own data with a prepared context', () => {
  const p = prepareForkContext(context());
  const report = validateFork(VALID, p);
  assert.equal(Object.getPrototypeOf(report), Object.prototype);
  assert.equal(Object.getPrototypeOf(report.errors), Array.prototype);
  const call = buildForkRequest(
    // (`__proto__` is not a tag key Aiven accepts: keys start with a letter.)
    { ...VALID, tags: JSON.parse('{"toString":"x","constructor":"y"}'), userConfig: JSON.parse('{"__proto__":{"polluted":true}}') },
    p,
  );
  assert.deepEqual(Object.keys(call.body.tags), ['toString', 'constructor']);
  assert.equal(Object.getOwnPropertyDescriptor(call.body.tags, 'toString').value, 'x');
  assert.deepEqual(Object.getOwnPropertyDescriptor(call.body.user_config, '__proto__').value, { polluted: true });
  assert.equal({}.polluted, undefined);
  p.free();
});

test('prepareForkContext refuses what validateFork refuses as a context, with the same ForkError', () => {
  const bad = [
    ['empty object', {}],
    ['wrong types', { ...context(), plans: 'all of them' }],
    ['bad backup time', { ...context(), backups: [{ backupName: 'b', backupTime: 'yesterday', dataSize: 1 }] }],
    ['a number', 42],
    ['a string', 'context'],
    ['cyclic', (() => { const c = context(); c.self = c; return c; })()],
    ['throwing getter', Object.defineProperty(context(), 'plans', { enumerable: true, get() { throw new Error('boom'); } })],
    ['BigInt', { ...context(), takenNames: [1n] }],
  ];
  for (const [name, ctx] of bad) {
    const viaValidate = outcome(() => validateFork(VALID, ctx));
    const viaPrepare = outcome(() => prepareForkContext(ctx));
    assert.ok(viaValidate.error, `${name}: validateFork accepted it`);
    assert.deepEqual(viaPrepare, viaValidate, name);
  }
  for (const missing of [undefined, null]) {
    assertForkError(() => prepareForkContext(missing), 'invalid_request', 'context');
  }
  const hostile = new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } });
  assertForkError(() => prepareForkContext(hostile), 'invalid_request');
  stillWorks();
});

test('a freed handle is a ForkError (invalid_request, field context) everywhere', () => {
  const p = prepareForkContext(context());
  assert.equal(validateFork(VALID, p).ok, true);
  p.free();
  // A second free() does nothing (no throw) and the module keeps working.
  assert.equal(p.free(), undefined);
  stillWorks();
  for (const fn of [validateFork, buildForkRequest, forkEquivalents, prepareForkContext]) {
    const e = assertForkError(() => (fn === prepareForkContext ? fn(p) : fn(VALID, p)), 'invalid_request', 'context');
    assert.match(e.message, /freed/);
  }
  stillWorks();
  // Ids are never reused: a new handle does not bring the freed one back to life.
  const q = prepareForkContext(context());
  assertForkError(() => validateFork(VALID, p), 'invalid_request', 'context');
  assert.equal(validateFork(VALID, q).ok, true);
  q.free();
});

test('preparing a prepared context gives an independent handle to the same data', () => {
  const p = prepareForkContext(context());
  const q = prepareForkContext(p);
  assert.ok(q instanceof PreparedForkContext);
  assert.notEqual(q, p);
  p.free();
  assert.deepEqual(validateFork(VALID, q), validateFork(VALID, context()));
  q.free();
  assertForkError(() => validateFork(VALID, q), 'invalid_request', 'context');
});

test('forged or copied handles are never taken for a prepared context', () => {
  const p = prepareForkContext(context());
  const plainEmpty = outcome(() => validateFork(VALID, {}));
  assert.ok(plainEmpty.error);
  // A copy of the handle's own properties (its pointer) is just an object.
  const copy = { ...p };
  assert.deepEqual(outcome(() => validateFork(VALID, copy)), outcome(() => validateFork(VALID, JSON.parse(JSON.stringify(copy)))));
  assert.ok(outcome(() => validateFork(VALID, copy)).error);
  // An object with the class's prototype but never prepared.
  const fake = Object.create(PreparedForkContext.prototype);
  assert.ok(outcome(() => validateFork(VALID, fake)).error);
  assert.deepEqual(outcome(() => validateFork(VALID, fake)), plainEmpty);
  // A writable pointer on a real handle cannot redirect it: the marker is not the pointer.
  const other = prepareForkContext({ ...context(), takenNames: ['demo-pg-fork'] });
  p.__wbg_ptr = other.__wbg_ptr;
  assert.equal(validateFork(VALID, p).ok, true);
  assert.equal(validateFork(VALID, other).errors[0].code, 'name_taken');
  // new PreparedForkContext() has no public constructor: whatever it gives is not a prepared context.
  let made;
  try {
    made = new PreparedForkContext();
  } catch {
    made = undefined;
  }
  if (made !== undefined) assert.ok(outcome(() => validateFork(VALID, made)).error);
  other.free();
  stillWorks();
});

test('many handles prepared and freed in any order keep working', () => {
  const handles = [];
  for (let i = 0; i < 50; i++) handles.push(prepareForkContext({ ...context(), takenNames: [`fork-${i}`] }));
  for (let i = 0; i < 50; i += 2) handles[i].free();
  for (let i = 0; i < 50; i++) {
    const request = { ...VALID, serviceName: `fork-${i}` };
    if (i % 2 === 0) assertForkError(() => validateFork(request, handles[i]), 'invalid_request', 'context');
    else assert.equal(validateFork(request, handles[i]).errors[0].code, 'name_taken');
  }
  for (let i = 1; i < 50; i += 2) handles[i].free();
  stillWorks();
});

let sb;
after(async () => {
  await sb?.stop();
});

test('a context read from the sandbox by ForkClient prepares to the same answers', async () => {
  sb = await startSandbox({ rebuildSecs: 1 });
  const client = new api.ForkClient({ baseUrl: sb.url, token: sb.token });
  const ctx = await client.getForkContext('demo-project', 'demo-pg');
  const p = prepareForkContext(ctx);
  const request = { project: 'demo-project', serviceName: 'demo-pg-prepared', source: { service: 'demo-pg' } };
  assert.deepEqual(validateFork(request, p), validateFork(request, ctx));
  assert.deepEqual(buildForkRequest(request, p), buildForkRequest(request, ctx));
  assert.deepEqual(forkEquivalents(request, p), forkEquivalents(request, ctx));
  assert.equal(validateFork({ ...request, serviceName: 'demo-mysql' }, p).errors[0].code, 'name_taken');
  p.free();
  client.free();
});
