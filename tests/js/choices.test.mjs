// forkChoices against the built package (pkg/node) and contexts the real ForkClient read
// from a sandbox: the answer a form renders (modes, plans a fork may use, the node
// floor, blockers) with exact values; bad arguments are ForkErrors.
//
// Needs the package built first (scripts/build-pkg.sh; scripts/test.sh does it).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startSandbox } from '../support/sandbox.mjs';

const require = createRequire(import.meta.url);
const { ForkClient, ForkError, forkChoices, prepareForkContext, validateFork } = require('../../pkg/node/aiven_fork.cjs');

let sb;
let client;
before(async () => {
  sb = await startSandbox();
  client = new ForkClient({ baseUrl: sb.url, token: sb.token });
});
after(() => sb?.stop());

test('demo-clickhouse: named backups, plans with fewer nodes refused, floor of 3 nodes', async () => {
  const ctx = await client.getForkContext('demo-project', 'demo-clickhouse');
  const c = forkChoices(ctx);
  assert.equal(c.serviceType, 'clickhouse');
  assert.equal(c.product, 'ClickHouse');
  assert.deepEqual(c.blockers, []);
  assert.deepEqual(c.recovery, { latest: true, time: false, backup: true });
  assert.equal(c.minNodeCount, 3);
  assert.deepEqual(
    c.plans.filter((p) => !p.allowed).map((p) => [p.name, p.nodeCount]),
    ctx.plans.filter((p) => p.nodeCount < 3).map((p) => [p.name, p.nodeCount]),
  );
  assert.deepEqual(c.plans.filter((p) => p.current).map((p) => p.name), ['business-8']);
  assert.equal(c.plans.length, ctx.plans.length);
  // The same answer from a prepared context.
  const prepared = prepareForkContext(ctx);
  assert.deepEqual(forkChoices(prepared), c);
  prepared.free();
});

test('demo-pg: latest and point in time, every plan allowed, no floor', async () => {
  const ctx = await client.getForkContext('demo-project', 'demo-pg');
  const c = forkChoices(ctx);
  assert.deepEqual(c.recovery, { latest: true, time: true, backup: false });
  assert.equal(c.minNodeCount, null);
  assert.ok(c.plans.length > 1);
  assert.ok(c.plans.every((p) => p.allowed));
  assert.deepEqual(c.blockers, []);
});

test('blockers are the issues validateFork reports for the source: kafka, no backups, persistence off', async () => {
  const expected = {
    'demo-kafka': [{
      code: 'service_type_not_forkable',
      field: 'serviceType',
      message: 'Apache Kafka services cannot be forked: Aiven has no fork support for this type',
    }],
    'demo-pg-nobackup': [{
      code: 'source_has_no_backup',
      field: 'source.service',
      message: 'demo-pg-nobackup has no backups yet; a fork needs at least one (wait for the first backup)',
    }],
    // A retired type: that one blocker, whatever the persistence switch says.
    'demo-redis-nopersist': [{
      code: 'service_type_retired',
      field: 'serviceType',
      message: 'Caching is retired at Aiven: no new services since 2025-02-15, and every service was upgraded to Valkey on 2025-03-31; a fork would be a new service',
    }],
    'demo-cassandra': [{
      code: 'service_type_retired',
      field: 'serviceType',
      message: 'Apache Cassandra is retired at Aiven: no new services since 2025-12-03, and every service was deleted on 2026-01-07; a fork would be a new service',
    }],
  };
  for (const [service, blockers] of Object.entries(expected)) {
    const ctx = await client.getForkContext('demo-project', service);
    assert.deepEqual(forkChoices(ctx).blockers, blockers, service);
    const report = validateFork({ project: 'demo-project', serviceName: 'a-fork', source: { service } }, ctx);
    for (const b of blockers) assert.ok(report.errors.some((e) => e.code === b.code && e.message === b.message), service);
  }
});

test('without a context, or with an unreadable one: a ForkError', () => {
  assert.throws(() => forkChoices(), (e) => e instanceof ForkError && e.code === 'missing_field' && e.errors[0].field === 'context');
  assert.throws(() => forkChoices(null), (e) => e instanceof ForkError && e.code === 'missing_field');
  assert.throws(() => forkChoices({ source: 1 }), (e) => e instanceof ForkError && typeof e.code === 'string');
});
