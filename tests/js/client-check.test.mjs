// ForkClient.checkFork (the real wasm package, Node build) against a real sandbox: a dry
// run of fork that reads what fork reads plus the plans, reports every rule and the price,
// recognises a repeated fork as fork does, and never sends a create.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PROJECT, clearLog, creates, loadPackage, requestLog, startSandbox } from './client-support.mjs';

const { ForkClient, ForkError, markForkDeletable } = await loadPackage();

let sb;
let client;
before(async () => {
  sb = await startSandbox({ rebuildSecs: 1 });
  client = new ForkClient({ baseUrl: sb.url, token: sb.token });
});
after(async () => {
  await sb?.stop();
});

const request = (name, extra = {}) => markForkDeletable({ project: PROJECT, serviceName: name, source: { service: 'demo-pg' }, ...extra });

test('a new fork: the full report with its price, the context read, nothing created', async () => {
  await clearLog(sb);
  const { report, existing, context } = await client.checkFork(request('chk-new', { plan: 'startup-4' }));
  assert.equal(report.ok, true);
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.price, { plan: 'startup-4', cloud: 'google-europe-west1', hourlyUsd: '0.1000' });
  assert.deepEqual(report.defaults, { serviceType: 'pg', cloud: 'google-europe-west1' });
  assert.deepEqual(report.notCopied.filter((n) => n.kind === 'tags'), [{ kind: 'tags', name: 'env=demo' }, { kind: 'tags', name: 'team=data' }]);
  assert.equal(existing, null);
  assert.equal(context.source.serviceName, 'demo-pg');
  assert.ok(context.plans.every((p) => p.prices['google-europe-west1']));
  const log = await requestLog(sb);
  assert.deepEqual(creates(log), []);
  assert.deepEqual(log.map((e) => e.path).sort(), [
    `/v1/project/${PROJECT}/service`,
    `/v1/project/${PROJECT}/service-types/pg/plans`,
    `/v1/project/${PROJECT}/service/demo-pg`,
    `/v1/project/${PROJECT}/service/demo-pg/backups`,
  ]);
});

test('a repeated fork: existing is the fork (fork would say created: false), name_taken the only error', async () => {
  const { service } = await client.fork(request('chk-again'));
  await clearLog(sb);
  const { report, existing } = await client.checkFork(request('chk-again'));
  assert.deepEqual(report.errors.map((e) => e.code), ['name_taken']);
  assert.equal(existing.service_name, 'chk-again');
  assert.equal(existing.service_name, service.service_name);
  assert.deepEqual(creates(await requestLog(sb)), []);
  // Another service under the name is not the fork.
  const taken = await client.checkFork(request('demo-mysql'));
  assert.equal(taken.existing, null);
  assert.deepEqual(taken.report.errors.map((e) => e.code), ['name_taken']);
});

test('a static rule broken: the report without reading anything', async () => {
  await clearLog(sb);
  const { report, existing, context } = await client.checkFork(request('chk-old', { recovery: { mode: 'time', time: '2999-01-01T00:00:00Z' } }));
  assert.deepEqual(report.errors.map((e) => e.code), ['recovery_time_in_future']);
  assert.equal(report.price, undefined);
  assert.equal(existing, null);
  assert.equal(context, null);
  assert.deepEqual(await requestLog(sb), []);
});

test('a rule of the live context broken, a missing source, bad arguments', async () => {
  const { report } = await client.checkFork(request('chk-plan', { plan: 'nope-4' }));
  assert.deepEqual(report.errors.map((e) => [e.code, e.field]), [['plan_not_found', 'plan']]);
  await assert.rejects(client.checkFork({ ...request('chk-x'), source: { service: 'no-such-svc' } }),
    (e) => e instanceof ForkError && e.code === 'source_not_found');
  await assert.rejects(client.checkFork(42), (e) => e instanceof ForkError && e.code === 'invalid_request');
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(client.checkFork(request('chk-y'), { signal: controller.signal }), (e) => e instanceof ForkError && e.code === 'aborted');
});
