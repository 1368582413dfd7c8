// Deleting forks with ForkClient.deleteFork (the real wasm package, Node build) against a
// real sandbox: only a fork of the named source that carries the markForkDeletable tag
// and has no termination protection is deleted; every refusal sends no DELETE; a missing
// service is `deleted: false`; an unknown DELETE outcome is read again, never repeated
// blind. Also: markForkDeletable itself, and the plan price in the context and report.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { PROJECT, clearLog, getService, loadPackage, requestLog, setFaults, startSandbox } from './client-support.mjs';

const { ForkClient, ForkError, markForkDeletable, validateFork } = await loadPackage();

let sb;
let client;
before(async () => {
  sb = await startSandbox({ rebuildSecs: 1 });
  client = new ForkClient({ baseUrl: sb.url, token: sb.token });
});
after(async () => {
  await sb?.stop();
});

const request = (name, source = 'demo-pg', extra = {}) => ({ project: PROJECT, serviceName: name, source: { service: source }, ...extra });
const deletes = (log) => log.filter((e) => e.method === 'DELETE');

/** Rejects with a ForkError of `code`; returns it. */
async function refused(promise, code) {
  let caught;
  await assert.rejects(promise, (e) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof ForkError, `expected a ForkError, got ${caught}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

describe('markForkDeletable', () => {
  test('adds the source tag, keeps the caller tags, replaces a value given for the key, leaves the input alone', () => {
    const given = request('pr-1', 'demo-pg', { tags: { team: 'data', 'aiven-fork-source': 'other' }, copyTags: true });
    const before = structuredClone(given);
    const marked = markForkDeletable(given);
    assert.deepEqual(marked, { ...before, tags: { team: 'data', 'aiven-fork-source': 'demo-pg' } });
    assert.deepEqual(given, before);
    assert.deepEqual(markForkDeletable(request('pr-1')).tags, { 'aiven-fork-source': 'demo-pg' });
    assert.deepEqual(validateFork({ ...marked, serviceType: 'pg', plan: 'business-4' }).errors, []);
  });

  test('unreadable input is a ForkError', () => {
    assert.throws(() => markForkDeletable(42), (e) => e instanceof ForkError && e.code === 'invalid_request');
  });
});

describe('deleteFork', () => {
  test('deletes its own fork: one read, one DELETE, the service is gone', async () => {
    const { service } = await client.fork(markForkDeletable(request('del-own')));
    assert.deepEqual(service.tags, { 'aiven-fork-source': 'demo-pg' });
    await clearLog(sb);
    const result = await client.deleteFork(PROJECT, 'del-own', { forkedFrom: 'demo-pg' });
    assert.equal(result.deleted, true);
    assert.equal(result.service.service_name, 'del-own');
    assert.equal(result.service.user_config.service_to_fork_from, 'demo-pg');
    assert.deepEqual((await requestLog(sb)).map((e) => [e.method, e.path]), [
      ['GET', `/v1/project/${PROJECT}/service/del-own`],
      ['DELETE', `/v1/project/${PROJECT}/service/del-own`],
    ]);
    assert.equal(await getService(sb, 'del-own'), null);
  });

  test('a service that does not exist: deleted false, no DELETE', async () => {
    await clearLog(sb);
    assert.deepEqual(await client.deleteFork(PROJECT, 'never-made', { forkedFrom: 'demo-pg' }), { deleted: false, service: null });
    assert.deepEqual(deletes(await requestLog(sb)), []);
  });

  test('refuses a fork it did not make, a fork of another source, a protected fork and a service that is no fork', async () => {
    await client.fork(request('del-untagged'));
    await client.fork(markForkDeletable(request('del-other', 'demo-mysql')));
    await client.fork(markForkDeletable(request('del-protected', 'demo-pg', { terminationProtection: true })));
    await clearLog(sb);
    const cases = [
      ['del-untagged', 'fork_tag_missing', 'name',
        'service del-untagged in project demo-project is a fork of demo-pg but has no tag aiven-fork-source=demo-pg, which aiven-fork sets on the forks it makes deletable; it was not made by aiven-fork, so it is not deleted'],
      ['del-other', 'not_fork_of_source', 'forkedFrom',
        'service del-other in project demo-project is a fork of "demo-mysql", not of demo-pg, so it is not deleted'],
      ['del-protected', 'termination_protected', 'name',
        'service del-protected in project demo-project has termination protection on, so it is not deleted; turn the protection off first'],
      ['demo-mysql', 'not_fork_of_source', 'forkedFrom',
        'service demo-mysql in project demo-project is not a fork, so it is not deleted'],
    ];
    for (const [name, code, field, message] of cases) {
      const e = await refused(client.deleteFork(PROJECT, name, { forkedFrom: 'demo-pg' }), code);
      assert.equal(e.message, message);
      assert.deepEqual(e.errors, [{ code, field, message }]);
      assert.equal(e.status, undefined);
      assert.notEqual(await getService(sb, name), null, `${name} still exists`);
    }
    assert.deepEqual(deletes(await requestLog(sb)), []);
  });

  test('a 5xx after the DELETE was done: read again, found gone, deleted (one DELETE)', async () => {
    await client.fork(markForkDeletable(request('del-5xx')));
    await clearLog(sb);
    await setFaults(sb, { only: 'all', next: ['pass', '5xx'] });
    try {
      const result = await client.deleteFork(PROJECT, 'del-5xx', { forkedFrom: 'demo-pg' });
      assert.equal(result.deleted, true);
    } finally {
      await setFaults(sb, { only: 'create', next: [] });
    }
    const log = await requestLog(sb);
    assert.deepEqual(log.map((e) => [e.method, e.fault ?? null]), [['GET', null], ['DELETE', '5xx_after_create'], ['GET', null]]);
    assert.equal(await getService(sb, 'del-5xx'), null);
  });

  test('bad arguments are ForkErrors before any request', async () => {
    await clearLog(sb);
    await refused(client.deleteFork(PROJECT, 'x', {}), 'missing_field');
    await refused(client.deleteFork(PROJECT, '', { forkedFrom: 'demo-pg' }), 'missing_field');
    await refused(client.deleteFork(PROJECT, '..', { forkedFrom: 'demo-pg' }), 'invalid_path_segment');
    const controller = new AbortController();
    controller.abort();
    await refused(client.deleteFork(PROJECT, 'x', { forkedFrom: 'demo-pg', signal: controller.signal }), 'aborted');
    assert.deepEqual(await requestLog(sb), []);
  });
});

describe('plan prices', () => {
  test('the context carries the plan list prices and the report prices the fork', async () => {
    const ctx = await client.getForkContext(PROJECT, 'demo-pg');
    const business4 = ctx.plans.find((p) => p.name === 'business-4');
    assert.equal(business4.prices['google-europe-west1'], '0.2000');
    assert.equal(business4.prices['aws-eu-west-1'], '0.2200');
    const report = validateFork(request('priced'), ctx);
    assert.deepEqual(report.price, { plan: 'business-4', cloud: 'google-europe-west1', hourlyUsd: '0.2000' });
    const other = validateFork(request('priced', 'demo-pg', { plan: 'startup-4', cloud: 'aws-eu-west-1' }), ctx);
    assert.deepEqual(other.price, { plan: 'startup-4', cloud: 'aws-eu-west-1', hourlyUsd: '0.1100' });
    assert.equal('price' in validateFork(request('priced', 'demo-pg', { cloud: 'nowhere-1' }), ctx), false);
    assert.equal('price' in validateFork({ ...request('priced'), serviceType: 'pg', plan: 'business-4' }), false);
  });
});
