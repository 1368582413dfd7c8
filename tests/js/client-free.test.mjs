// Objects with wasm-side state after free(): a ForkClient rejects every method (and
// throws from baseUrl) with ForkError `client_freed`, a PreparedForkContext is
// `invalid_request`, free() twice does nothing, neither object carries a pointer
// property, and the module keeps working. Also the web build used before init().

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

import { PROJECT, ROOT, loadPackage, startSandbox } from './client-support.mjs';

const lib = await loadPackage();
const { ForkClient, ForkError, PreparedForkContext, prepareForkContext, validateFork } = lib;

const FREED = 'this ForkClient was freed (free() was called) or is not a ForkClient; create a new client';
const VALID = {
  project: PROJECT, serviceName: 'free-fork', serviceType: 'pg', plan: 'business-4', source: { service: 'demo-pg' },
};

let sb;
before(async () => {
  sb = await startSandbox({ rebuildSecs: 3600 });
});
after(async () => {
  await sb?.stop();
});

/** `e` is exactly the client_freed ForkError. */
function assertFreed(e) {
  assert.ok(e instanceof ForkError, `not a ForkError: ${e}`);
  assert.equal(e.name, 'ForkError');
  assert.equal(e.code, 'client_freed');
  assert.equal(e.message, FREED);
  assert.deepEqual(e.errors, [{ code: 'client_freed', field: '', message: FREED }]);
}

async function rejection(promise) {
  assert.ok(promise instanceof Promise, 'a method must return a Promise, not throw');
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

/** The module still answers: rules, a new client's reads against the sandbox. */
async function stillWorks() {
  assert.deepEqual(validateFork(VALID).errors, []);
  const fresh = new ForkClient({ baseUrl: sb.url, token: sb.token });
  const ctx = await fresh.getForkContext(PROJECT, 'demo-pg');
  assert.equal(ctx.source.serviceName, 'demo-pg');
  fresh.free();
}

test('a freed ForkClient: every method rejects and baseUrl throws client_freed; free() again does nothing', async () => {
  const client = new ForkClient({ baseUrl: sb.url, token: sb.token });
  assert.equal(client.baseUrl, sb.url);
  assert.deepEqual(Reflect.ownKeys(client), [], 'no pointer or other property on the client');
  assert.equal(client.free(), undefined);
  assertFreed(await rejection(client.getForkContext(PROJECT, 'demo-pg')));
  assertFreed(await rejection(client.fork(VALID)));
  assertFreed(await rejection(client.waitUntilRunning(PROJECT, 'demo-pg')));
  assertFreed(await rejection(client.forkMany([VALID])));
  assert.throws(() => client.baseUrl, (e) => {
    assertFreed(e);
    return true;
  });
  assert.equal(client.free(), undefined);
  assert.equal(client.free(), undefined);
  assertFreed(await rejection(client.fork(VALID)));
  await stillWorks();
});

test('ForkClient methods on anything but a live client reject with client_freed', async () => {
  const { prototype } = ForkClient;
  const client = new ForkClient({ baseUrl: sb.url, token: sb.token });
  const copy = { ...client };
  const inheriting = Object.create(prototype);
  for (const target of [copy, inheriting, {}, undefined, new Proxy(client, {})]) {
    assertFreed(await rejection(prototype.getForkContext.call(target, PROJECT, 'demo-pg')));
    assertFreed(await rejection(prototype.fork.call(target, VALID)));
    assert.equal(prototype.free.call(target), undefined);
  }
  // The real client was never touched by the above.
  assert.equal((await client.getForkContext(PROJECT, 'demo-pg')).source.serviceName, 'demo-pg');
  client.free();
});

test('free() while calls are running: they finish normally, later calls are client_freed', async () => {
  const client = new ForkClient({ baseUrl: sb.url, token: sb.token });
  const reading = client.getForkContext(PROJECT, 'demo-pg');
  const forking = client.fork({ ...VALID, serviceName: 'free-while-running' });
  client.free();
  assert.equal((await reading).source.serviceName, 'demo-pg');
  const forked = await forking;
  assert.deepEqual([forked.created, forked.attempts, forked.service.service_name], [true, 1, 'free-while-running']);
  assertFreed(await rejection(client.getForkContext(PROJECT, 'demo-pg')));
  await stillWorks();
});

test('a client whose options are refused is a ForkError, and nothing is left to free', () => {
  assert.throws(() => new ForkClient({ baseUrl: 'http://example.com', token: sb.token }), (e) => {
    assert.ok(e instanceof ForkError);
    assert.equal(e.code, 'insecure_base_url');
    return true;
  });
  assert.throws(() => new ForkClient(), (e) => e instanceof ForkError && e.code === 'missing_field');
});

test('PreparedForkContext: free() twice does nothing, the handle has no properties, no public constructor', async () => {
  const ctx = await new ForkClient({ baseUrl: sb.url, token: sb.token }).getForkContext(PROJECT, 'demo-pg');
  const request = { project: PROJECT, serviceName: 'free-prepared', source: { service: 'demo-pg' } };
  const p = prepareForkContext(ctx);
  assert.ok(p instanceof PreparedForkContext);
  assert.deepEqual(Reflect.ownKeys(p), []);
  assert.deepEqual(validateFork(request, p), validateFork(request, ctx));
  assert.equal(p.free(), undefined);
  assert.equal(p.free(), undefined);
  assert.throws(() => validateFork(request, p), (e) => {
    assert.ok(e instanceof ForkError);
    assert.equal(e.code, 'invalid_request');
    assert.equal(e.message, 'context is a PreparedForkContext that was freed; prepare the context again');
    assert.deepEqual(e.errors, [{ code: 'invalid_request', field: 'context', message: e.message }]);
    return true;
  });
  assert.throws(() => new PreparedForkContext(), (e) => {
    assert.ok(e instanceof ForkError);
    assert.equal(e.code, 'invalid_request');
    assert.equal(e.message, 'PreparedForkContext has no public constructor: use prepareForkContext(context)');
    return true;
  });
  assert.equal(PreparedForkContext.prototype.free.call({}), undefined);
  assert.deepEqual(validateFork(request, ctx).errors, []);
  await stillWorks();
});

test('the web build: new ForkClient before init() is a TypeError saying so; after initSync it works', async () => {
  const web = await import(pathToFileURL(path.join(ROOT, 'pkg/web/aiven_fork.js')).href);
  assert.throws(() => new web.ForkClient({ baseUrl: sb.url, token: sb.token }), {
    name: 'TypeError',
    message: 'the aiven-fork module is not initialised yet: await its init() before new ForkClient()',
  });
  web.initSync({ module: readFileSync(path.join(ROOT, 'pkg/web/aiven_fork_bg.wasm')) });
  const client = new web.ForkClient({ baseUrl: sb.url, token: sb.token });
  assert.equal((await client.getForkContext(PROJECT, 'demo-pg')).source.serviceName, 'demo-pg');
  client.free();
  const e = await rejection(client.getForkContext(PROJECT, 'demo-pg'));
  assert.ok(e instanceof web.ForkError);
  assert.equal(e.code, 'client_freed');
});
