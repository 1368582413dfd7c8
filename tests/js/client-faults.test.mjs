// The fault run: ≥200 fork submissions through forkMany while the sandbox injects
// random faults on every API request (429 with Retry-After, 5xx after the create
// was done, connections dropped before and after the work, added latency). In the
// end there must be exactly one service per successful fork, none for a failed one,
// and every failure must carry a stable code. The counts are printed.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PROJECT, creates, listServices, loadPackage, requestLog, setFaults, startSandbox } from './client-support.mjs';

const { ForkClient, ForkError } = await loadPackage();

const SUBMISSIONS = 220;
const SOURCES = ['demo-pg', 'demo-mysql', 'demo-redis', 'demo-grafana', 'demo-valkey', 'demo-opensearch'];

let sb;
before(async () => {
  sb = await startSandbox({ rebuildSecs: 1 });
});
after(async () => {
  await sb?.stop();
});

test(`fault run: ${SUBMISSIONS} forks through random faults, no duplicates, none lost`, async () => {
  const client = new ForkClient({ baseUrl: sb.url, token: sb.token, requestTimeoutMs: 5_000 });
  const requests = [];
  for (let i = 0; i < SUBMISSIONS; i++) {
    const request = { project: PROJECT, serviceName: `fault-${i}`, source: { service: SOURCES[i % SOURCES.length] } };
    // Some submissions are wrong on purpose: they must fail with a code, create nothing.
    if (i % 37 === 5) request.source = { service: 'demo-pg-nobackup' };
    if (i % 41 === 7) request.serviceName = 'demo-kafka';
    requests.push(request);
  }

  await setFaults(sb, {
    seed: 20261125,
    only: 'all',
    latencyMs: 3,
    retryAfterSecs: 1,
    rates: { '429': 0.015, '5xx_after_create': 0.08, drop: 0.06, drop_after_create: 0.06 },
  });
  let results;
  try {
    results = await client.forkMany(requests, { concurrency: 8 });
  } finally {
    await setFaults(sb, { rates: { '429': 0, '5xx_after_create': 0, drop: 0, drop_after_create: 0 }, latencyMs: 0, only: 'create' });
  }
  assert.equal(results.length, SUBMISSIONS);

  const log = await requestLog(sb);
  const faults = {};
  for (const e of log) if (e.fault) faults[e.fault] = (faults[e.fault] ?? 0) + 1;

  const services = await listServices(sb);
  const byName = new Map();
  for (const s of services) byName.set(s.service_name, (byName.get(s.service_name) ?? []).concat([s]));

  let ok = 0;
  let created = 0;
  let lost = 0;
  let duplicates = 0;
  let orphans = 0;
  const failures = {};
  const attempts = {};
  const wanted = new Set();
  results.forEach((r, i) => {
    const req = requests[i];
    if (r.ok) {
      ok++;
      if (r.created) created++;
      attempts[r.attempts] = (attempts[r.attempts] ?? 0) + 1;
      wanted.add(req.serviceName);
      const found = (byName.get(req.serviceName) ?? []).filter((s) => s.user_config?.service_to_fork_from === req.source.service);
      if (found.length === 0) lost++;
      if (found.length > 1) duplicates++;
      assert.equal(r.service.service_name, req.serviceName);
      assert.equal(r.created, true, `${req.serviceName} was new: it must be reported created`);
    } else {
      assert.ok(r.error instanceof ForkError, `result ${i}: ${r.error}`);
      assert.match(r.error.code, /^[a-z_]+$/);
      failures[r.error.code] = (failures[r.error.code] ?? 0) + 1;
    }
  });
  // A service named like a submission that did not succeed would be a lost fork.
  for (const s of services) {
    if (/^fault-\d+$/.test(s.service_name) && !wanted.has(s.service_name)) orphans++;
  }
  const forkServices = services.filter((s) => /^fault-\d+$/.test(s.service_name)).length;

  const summary = {
    submissions: SUBMISSIONS,
    succeeded: ok,
    created,
    failed: SUBMISSIONS - ok,
    failuresByCode: failures,
    servicesFound: forkServices,
    duplicates,
    lost: lost + orphans,
    attemptsHistogram: attempts,
    apiRequests: log.length,
    createRequests: creates(log).length,
    injectedFaults: faults,
  };
  console.log(`fault run: ${JSON.stringify(summary, null, 2)}`);

  assert.ok(Object.values(faults).reduce((a, b) => a + b, 0) >= 50, 'enough faults were injected');
  assert.ok(faults['5xx_after_create'] > 0 && faults.drop > 0 && faults.drop_after_create > 0 && faults['429'] > 0, JSON.stringify(faults));
  assert.equal(duplicates, 0);
  assert.equal(lost, 0);
  assert.equal(orphans, 0);
  assert.equal(forkServices, ok, 'exactly one service per successful fork');
  // The deliberately wrong submissions failed with their rule's code.
  requests.forEach((req, i) => {
    if (req.source.service === 'demo-pg-nobackup') assert.equal(results[i].error?.code, 'source_has_no_backup');
    if (req.serviceName === 'demo-kafka') assert.equal(results[i].error?.code, 'name_taken');
  });
  const deliberate = requests.filter((r) => r.source.service === 'demo-pg-nobackup' || r.serviceName === 'demo-kafka').length;
  assert.ok(ok >= SUBMISSIONS - deliberate - 5, `too many forks failed: ${JSON.stringify(failures)}`);
});
