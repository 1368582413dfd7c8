// The fault run: ≥200 fork submissions through forkMany while the sandbox injects
// random faults on every API request (429 with Retry-After, 5xx after the create
// was done, connections dropped before and after the work, added latency). What can
// go wrong is counted in the sandbox's request log, not in its service list (the API
// itself refuses a second service of one name with 409):
//   - every create the sandbox carried out belongs to exactly one fork reported ok,
//     and every fork reported ok had exactly one (none lost, none made twice);
//   - no service exists for a fork reported failed (an orphan that costs money);
//   - a same-named service that is not a fork of the same source is refused as
//     name_taken and left as it was, never adopted as the fork;
//   - the create requests the client says it sent are the ones the sandbox logged.
// The counts are printed.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  PROJECT, acceptedCreates, api, clearLog, createdName, creates, getService, listServices, loadPackage, requestLog,
  setFaults, startSandbox,
} from './client-support.mjs';

const { ForkClient, ForkError } = await loadPackage();

const SUBMISSIONS = 220;
const SOURCES = ['demo-pg', 'demo-mysql', 'demo-clickhouse', 'demo-grafana', 'demo-valkey', 'demo-opensearch'];
const NO_FAULTS = { rates: { '429': 0, '5xx_after_create': 0, drop: 0, drop_after_create: 0 }, latencyMs: 0, only: 'create', next: [] };

let sb;
before(async () => {
  sb = await startSandbox({ rebuildSecs: 1 });
});
after(async () => {
  await sb?.stop();
});

/**
 * Services named like a fork that are not that fork: a fork of another source, the
 * same source name in another project, another type forked from the same name, and a
 * plain service. `source` is the fork's source service, `type` its type.
 */
function lookAlikes(name, source, type) {
  const base = { service_name: name, plan: 'business-4', cloud_name: 'google-europe-west1', node_count: 1, state: 'RUNNING' };
  return [
    { ...base, service_type: type, user_config: { service_to_fork_from: `${source}-other` } },
    { ...base, service_type: type, user_config: { service_to_fork_from: source, project_to_fork_from: 'demo-project-2' } },
    { ...base, service_type: type === 'mysql' ? 'pg' : 'mysql', user_config: { service_to_fork_from: source } },
    { ...base, service_type: type, user_config: {} },
  ];
}

/** Per service name: how many create requests were logged, and how many were carried out. */
function createsByName(log) {
  const sent = new Map();
  const accepted = new Map();
  for (const e of creates(log)) sent.set(createdName(e), (sent.get(createdName(e)) ?? 0) + 1);
  for (const e of acceptedCreates(log)) accepted.set(createdName(e), (accepted.get(createdName(e)) ?? 0) + 1);
  return { sent, accepted };
}

test(`fault run: ${SUBMISSIONS} forks through random faults: one carried-out create per fork reported ok, no orphans`, async () => {
  const client = new ForkClient({ baseUrl: sb.url, token: sb.token, requestTimeoutMs: 5_000 });
  const types = Object.fromEntries(await Promise.all(SOURCES.map(async (s) => [s, (await getService(sb, s)).service_type])));
  const requests = [];
  const occupied = new Map();
  for (let i = 0; i < SUBMISSIONS; i++) {
    const request = { project: PROJECT, serviceName: `fault-${i}`, source: { service: SOURCES[i % SOURCES.length] } };
    // Some submissions are wrong on purpose: they must fail with a code, create nothing.
    if (i % 37 === 5) request.source = { service: 'demo-pg-nobackup' };
    else if (i % 41 === 7) request.serviceName = 'demo-kafka';
    else if (i % 23 === 11) {
      // The name is held by a service that only looks like this fork.
      const all = lookAlikes(request.serviceName, request.source.service, types[request.source.service]);
      const doc = all[occupied.size % all.length];
      await sb.addService(PROJECT, doc);
      occupied.set(request.serviceName, await getService(sb, request.serviceName));
    }
    requests.push(request);
  }
  assert.ok(occupied.size >= 8, `only ${occupied.size} occupied names`);
  await clearLog(sb);

  let results;
  try {
    await setFaults(sb, {
      seed: 20261125,
      only: 'all',
      latencyMs: 3,
      retryAfterSecs: 1,
      // forkMany reads each source once, so nearly every request is a create or its
      // check: the rates are set for about 280 requests to carry at least 50 faults.
      rates: { '429': 0.02, '5xx_after_create': 0.1, drop: 0.08, drop_after_create: 0.08 },
    });
    results = await client.forkMany(requests, { concurrency: 8 });
  } finally {
    await setFaults(sb, NO_FAULTS);
  }
  assert.equal(results.length, SUBMISSIONS);

  const log = await requestLog(sb);
  const faults = {};
  for (const e of log) if (e.fault) faults[e.fault] = (faults[e.fault] ?? 0) + 1;
  const { sent, accepted } = createsByName(log);
  const services = new Map((await listServices(sb)).map((s) => [s.service_name, s]));

  let ok = 0;
  let attemptsOfOk = 0;
  const failures = {};
  const attempts = {};
  const problems = [];
  results.forEach((r, i) => {
    const req = requests[i];
    const name = req.serviceName;
    if (r.ok) {
      ok++;
      attemptsOfOk += r.attempts;
      attempts[r.attempts] = (attempts[r.attempts] ?? 0) + 1;
      assert.equal(r.service.service_name, name);
      assert.equal(r.created, true, `${name} was new: it must be reported created`);
      // Exactly one carried-out create for a fork reported ok, and the service is that fork.
      if ((accepted.get(name) ?? 0) !== 1) problems.push(`${name} ok with ${accepted.get(name) ?? 0} carried-out creates`);
      if (services.get(name)?.user_config?.service_to_fork_from !== req.source.service) problems.push(`${name} ok but not in the project as that fork`);
      // The client's count of create calls is the sandbox's.
      if ((sent.get(name) ?? 0) !== r.attempts) problems.push(`${name}: attempts ${r.attempts}, sandbox logged ${sent.get(name) ?? 0} creates`);
    } else {
      assert.ok(r.error instanceof ForkError, `result ${i}: ${r.error}`);
      assert.match(r.error.code, /^[a-z_]+$/);
      failures[r.error.code] = (failures[r.error.code] ?? 0) + 1;
      // A fork reported failed made nothing: no carried-out create, no service (an orphan).
      if ((accepted.get(name) ?? 0) !== 0) problems.push(`${name} failed (${r.error.code}) but ${accepted.get(name)} create(s) were carried out`);
      if (occupied.has(name)) {
        assert.equal(r.error.code, 'name_taken', `${name}: ${r.error.message}`);
        assert.deepEqual(services.get(name), occupied.get(name), `${name}: the look-alike service was changed`);
      } else if (name !== 'demo-kafka' && services.has(name)) {
        problems.push(`orphan: ${name} exists although its fork failed (${r.error.code})`);
      }
    }
  });
  const acceptedTotal = acceptedCreates(log).length;
  const createRequests = creates(log).length;
  const createsOfFailed = results.reduce((n, r, i) => n + (r.ok ? 0 : sent.get(requests[i].serviceName) ?? 0), 0);

  const summary = {
    submissions: SUBMISSIONS,
    succeeded: ok,
    failed: SUBMISSIONS - ok,
    failuresByCode: failures,
    carriedOutCreates: acceptedTotal,
    createRequests,
    createRequestsOfFailedForks: createsOfFailed,
    lookAlikesRefused: occupied.size,
    attemptsHistogram: attempts,
    apiRequests: log.length,
    injectedFaults: faults,
  };
  console.log(`fault run: ${JSON.stringify(summary, null, 2)}`);

  assert.deepEqual(problems, []);
  assert.ok(Object.values(faults).reduce((a, b) => a + b, 0) >= 50, 'enough faults were injected');
  assert.ok(faults['5xx_after_create'] > 0 && faults.drop > 0 && faults.drop_after_create > 0 && faults['429'] > 0, JSON.stringify(faults));
  assert.ok(faults.drop_after_create + faults['5xx_after_create'] > 0, 'some answers to carried-out work were lost');
  // Every carried-out create is one fork reported ok, and the printed counts add up.
  assert.equal(acceptedTotal, ok, 'carried-out creates = forks reported ok');
  assert.equal(createRequests, attemptsOfOk + createsOfFailed, 'every create request logged is one the client counted');
  // The deliberately wrong submissions failed with their rule's code and sent no create.
  requests.forEach((req, i) => {
    if (req.source.service === 'demo-pg-nobackup') assert.equal(results[i].error?.code, 'source_has_no_backup');
    if (req.serviceName === 'demo-kafka') assert.equal(results[i].error?.code, 'name_taken');
    if (req.source.service === 'demo-pg-nobackup' || occupied.has(req.serviceName)) {
      assert.equal(sent.get(req.serviceName) ?? 0, 0, `${req.serviceName}: a create was sent`);
    }
  });
  assert.equal(sent.get('demo-kafka') ?? 0, 0, 'a create was sent for the taken name demo-kafka');
  const deliberate = requests.filter((r) => r.source.service === 'demo-pg-nobackup' || r.serviceName === 'demo-kafka' || occupied.has(r.serviceName)).length;
  assert.ok(ok >= SUBMISSIONS - deliberate - 5, `too many forks failed: ${JSON.stringify(failures)}`);
});

// The name is taken after the context was read (so the create is sent): whether the
// create answers 409, is dropped before the sandbox did anything, or does its work and
// answers 502, the existing service is read and, not being this fork, refused.
test('a same-named service that is not a fork of this source: name_taken, never adopted', async () => {
  const client = new ForkClient({ baseUrl: sb.url, token: sb.token });
  const stale = await client.getForkContext(PROJECT, 'demo-pg');
  const paths = [[], ['drop'], ['5xx_after_create']];
  let n = 0;
  for (const next of paths) {
    for (const doc of lookAlikes('', 'demo-pg', 'pg')) {
      const name = `taken-${n++}`;
      await sb.addService(PROJECT, { ...doc, service_name: name });
      const before = await getService(sb, name);
      await clearLog(sb);
      let error;
      try {
        await setFaults(sb, { ...NO_FAULTS, next });
        await client.fork({ project: PROJECT, serviceName: name, source: { service: 'demo-pg' } }, { context: stale }).then(
          (r) => assert.fail(`${name} (${next}): adopted ${JSON.stringify(r.service.user_config)} as the fork`),
          (e) => (error = e),
        );
      } finally {
        await setFaults(sb, NO_FAULTS);
      }
      assert.ok(error instanceof ForkError, String(error));
      assert.equal(error.code, 'name_taken', `${name} (${next}): ${error.message}`);
      const log = await requestLog(sb);
      assert.equal(creates(log).length, 1, `${name} (${next}): create requests`);
      assert.equal(acceptedCreates(log).length, 0, `${name} (${next}): a create was carried out`);
      assert.deepEqual(await getService(sb, name), before, `${name} (${next}): the existing service changed`);
    }
  }
  // The refusals did not stop a real fork of that source under a free name.
  const r = await client.fork({ project: PROJECT, serviceName: 'taken-free', source: { service: 'demo-pg' } }, { context: stale });
  assert.deepEqual([r.created, r.attempts], [true, 1]);
  const list = await api(sb, 'GET', `/v1/project/${PROJECT}/service`);
  assert.equal(list.json.services.filter((s) => s.service_name.startsWith('taken-')).length, n + 1);
});
