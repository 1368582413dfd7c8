// ForkClient (the real wasm package, Node build) against a real sandbox over HTTP:
// forks of every forkable type followed to RUNNING, every fork rule caught before
// sending (and refused by the sandbox when sent raw), the idempotency cases one by
// one, abort, timeouts, 429 back-off, and base URL / option checks.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  PROJECT, api, clearLog, creates, getService, loadPackage, requestLog, resetSandbox, setFaults, startSandbox, until,
} from './client-support.mjs';
import { closedUrl } from '../support/ports.mjs';

const { ForkClient, ForkError, serviceTypes } = await loadPackage();

let sb;
let client;

before(async () => {
  sb = await startSandbox({ rebuildSecs: 1 });
  client = new ForkClient({ baseUrl: sb.url, token: sb.token });
});
after(async () => {
  await sb?.stop();
});

const FORK_KEYS = ['service_to_fork_from', 'project_to_fork_from', 'recovery_target_time', 'recovery_basebackup_name'];
const withoutForkKeys = (uc, dropSso) => {
  const out = { ...uc };
  for (const k of FORK_KEYS) delete out[k];
  if (dropSso) {
    delete out.saml;
    delete out.openid;
  }
  return out;
};

/** Rejects with a ForkError whose `errors` hold `code`; returns the error. */
async function refused(promise, code) {
  let caught;
  await assert.rejects(promise, (e) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof ForkError, `expected a ForkError, got ${caught}`);
  assert.ok(caught instanceof Error);
  assert.ok(
    caught.errors.some((i) => i.code === code),
    `expected ${code} in ${JSON.stringify(caught.errors)}`,
  );
  return caught;
}

describe('forks of every type serviceTypes() offers, followed to RUNNING', () => {
  // One demo source per offered type (`demo-<type>`): every type the library says can
  // be forked is forked here.
  const SOURCES = serviceTypes().map((t) => `demo-${t.name}`);

  test('each fork holds what Aiven copies and nothing it does not', async () => {
    assert.deepEqual(SOURCES, ['demo-pg', 'demo-mysql', 'demo-clickhouse', 'demo-grafana', 'demo-opensearch', 'demo-valkey']);
    const sources = Object.fromEntries(await Promise.all(SOURCES.map(async (s) => [s, await getService(sb, s)])));
    for (const t of serviceTypes()) assert.equal(sources[`demo-${t.name}`]?.service_type, t.name, `a ${t.name} source`);
    const valkeyContext = await client.getForkContext(PROJECT, 'demo-valkey');
    const namedBackup = valkeyContext.backups[0].backupName;

    const requests = SOURCES.map((s) => {
      const request = { project: PROJECT, serviceName: `copy-${s.replace('demo-', '')}`, source: { service: s } };
      if (s === 'demo-pg') {
        request.recovery = { mode: 'time', time: new Date(Date.now() - 60 * 60 * 1000) };
        request.copyTags = true;
      }
      if (s === 'demo-valkey') request.recovery = { mode: 'backup', name: namedBackup };
      return request;
    });

    const results = await Promise.all(requests.map(async (request) => {
      const forked = await client.fork(request);
      const events = [];
      const running = await client.waitUntilRunning(PROJECT, request.serviceName, {
        pollMs: 100,
        timeoutMs: 60_000,
        onProgress: (p) => events.push(p),
      });
      return { request, forked, running, events };
    }));

    for (const { request, forked, running, events } of results) {
      const src = sources[request.source.service];
      const name = request.serviceName;
      assert.equal(forked.created, true, name);
      assert.equal(forked.attempts, 1, name);
      assert.equal(forked.service.service_name, name);
      assert.equal(running.state, 'RUNNING', name);

      // Progress: phases while REBUILDING, 100% at RUNNING.
      assert.ok(events.length >= 2, `${name}: ${events.length} progress events`);
      assert.ok(events.some((p) => p.state === 'REBUILDING' && typeof p.phase === 'string'), `${name}: no phase reported`);
      for (const p of events) {
        assert.ok(p.percent === null || (p.percent >= 0 && p.percent <= 100), JSON.stringify(p));
        assert.ok(Array.isArray(p.nodes));
      }
      assert.deepEqual([events.at(-1).state, events.at(-1).percent], ['RUNNING', 100]);

      const fork = await getService(sb, name);
      assert.equal(fork.service_type, src.service_type);
      assert.equal(fork.user_config.service_to_fork_from, src.service_name);
      assert.equal(fork.user_config.project_to_fork_from, undefined);
      // Copied: configuration, databases, users, connection pools.
      const isOpenSearch = src.service_type === 'opensearch';
      assert.deepEqual(withoutForkKeys(fork.user_config, false), withoutForkKeys(src.user_config, isOpenSearch), `${name}: user_config`);
      assert.deepEqual(fork.databases ?? [], src.databases ?? [], `${name}: databases`);
      assert.deepEqual(fork.users ?? [], src.users ?? [], `${name}: users`);
      assert.deepEqual(fork.connection_pools ?? [], src.connection_pools ?? [], `${name}: connection pools`);
      // Not copied: integrations, OpenSearch SSO, tags (unless copyTags).
      assert.deepEqual(fork.service_integrations, [], `${name}: integrations`);
      if (isOpenSearch) {
        assert.ok(src.user_config.saml && src.user_config.openid, 'the OpenSearch source has SSO');
        assert.equal(fork.user_config.saml, undefined);
        assert.equal(fork.user_config.openid, undefined);
      }
      assert.deepEqual(fork.tags, request.copyTags ? src.tags : {}, `${name}: tags`);
    }

    // The sources really had what was not copied.
    assert.ok(sources['demo-pg'].service_integrations.length > 0);
    assert.ok(sources['demo-mysql'].service_integrations.length > 0);
    assert.ok(Object.keys(sources['demo-pg'].tags).length > 0);
    const pg = results.find((r) => r.request.source.service === 'demo-pg');
    assert.match(pg.forked.service.user_config.recovery_target_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?\+00:00$/);
    const valkey = results.find((r) => r.request.source.service === 'demo-valkey');
    assert.equal(valkey.forked.service.user_config.recovery_basebackup_name, namedBackup);
  });
});

describe('every fork rule: caught by the client before sending, refused by the sandbox when sent raw', () => {
  const inAnHour = () => new Date(Date.now() + 24 * 3600 * 1000).toISOString().replace('Z', '+00:00');
  const CASES = [
    {
      code: 'source_has_no_backup',
      request: { serviceName: 'rule-nobackup', source: { service: 'demo-pg-nobackup' } },
      raw: { service_name: 'rule-nobackup', service_type: 'pg', plan: 'startup-4', user_config: { service_to_fork_from: 'demo-pg-nobackup' } },
    },
    {
      code: 'service_type_mismatch',
      request: { serviceName: 'rule-type', serviceType: 'mysql', source: { service: 'demo-pg' } },
      raw: { service_name: 'rule-type', service_type: 'mysql', plan: 'business-4', user_config: { service_to_fork_from: 'demo-pg' } },
    },
    {
      code: 'service_type_not_forkable',
      request: { serviceName: 'rule-kafka', source: { service: 'demo-kafka' } },
      raw: { service_name: 'rule-kafka', service_type: 'kafka', plan: 'business-4', user_config: { service_to_fork_from: 'demo-kafka' } },
    },
    {
      code: 'invalid_service_name',
      request: { serviceName: 'Bad_Name', source: { service: 'demo-pg' } },
      raw: { service_name: 'Bad_Name', service_type: 'pg', plan: 'business-4', user_config: { service_to_fork_from: 'demo-pg' } },
    },
    {
      code: 'name_equals_source',
      request: { serviceName: 'demo-pg', source: { service: 'demo-pg' } },
      raw: { service_name: 'demo-pg', service_type: 'pg', plan: 'business-4', user_config: { service_to_fork_from: 'demo-pg' } },
      exists: true,
    },
    {
      code: 'name_taken',
      request: { serviceName: 'demo-mysql', source: { service: 'demo-pg' } },
      raw: { service_name: 'demo-mysql', service_type: 'pg', plan: 'business-4', user_config: { service_to_fork_from: 'demo-pg' } },
      exists: true,
    },
    {
      code: 'recovery_time_out_of_range',
      request: { serviceName: 'rule-old', source: { service: 'demo-pg' }, recovery: { mode: 'time', time: '2001-01-01 00:00:00+00:00' } },
      raw: { service_name: 'rule-old', service_type: 'pg', plan: 'business-4', user_config: { service_to_fork_from: 'demo-pg', recovery_target_time: '2001-01-01T00:00:00+00:00' } },
    },
    {
      code: 'recovery_time_in_future',
      request: () => ({ serviceName: 'rule-future', source: { service: 'demo-mysql' }, recovery: { mode: 'time', time: inAnHour() } }),
      raw: () => ({ service_name: 'rule-future', service_type: 'mysql', plan: 'business-4', user_config: { service_to_fork_from: 'demo-mysql', recovery_target_time: inAnHour() } }),
    },
    {
      code: 'invalid_time',
      request: { serviceName: 'rule-badtime', source: { service: 'demo-pg' }, recovery: { mode: 'time', time: 'yesterday' } },
      raw: { service_name: 'rule-badtime', service_type: 'pg', plan: 'business-4', user_config: { service_to_fork_from: 'demo-pg', recovery_target_time: 'yesterday' } },
    },
    {
      code: 'recovery_time_unsupported',
      request: { serviceName: 'rule-ch-time', source: { service: 'demo-clickhouse' }, recovery: { mode: 'time', time: '2026-01-01T00:00:00Z' } },
      raw: { service_name: 'rule-ch-time', service_type: 'clickhouse', plan: 'business-8', user_config: { service_to_fork_from: 'demo-clickhouse', recovery_target_time: '2026-01-01T00:00:00+00:00' } },
    },
    {
      code: 'basebackup_unsupported',
      request: { serviceName: 'rule-pg-backup', source: { service: 'demo-pg' }, recovery: { mode: 'backup', name: 'some-backup' } },
      raw: { service_name: 'rule-pg-backup', service_type: 'pg', plan: 'business-4', user_config: { service_to_fork_from: 'demo-pg', recovery_basebackup_name: 'some-backup' } },
    },
    {
      code: 'basebackup_not_found',
      request: { serviceName: 'rule-valkey-backup', source: { service: 'demo-valkey' }, recovery: { mode: 'backup', name: 'no-such-backup' } },
      raw: { service_name: 'rule-valkey-backup', service_type: 'valkey', plan: 'business-4', user_config: { service_to_fork_from: 'demo-valkey', recovery_basebackup_name: 'no-such-backup' } },
    },
    {
      code: 'fewer_nodes',
      request: { serviceName: 'rule-ch-small', plan: 'startup-16', source: { service: 'demo-clickhouse' } },
      raw: { service_name: 'rule-ch-small', service_type: 'clickhouse', plan: 'startup-16', user_config: { service_to_fork_from: 'demo-clickhouse' } },
    },
    {
      code: 'plan_not_found',
      request: { serviceName: 'rule-plan', plan: 'no-such-plan', source: { service: 'demo-pg' } },
      raw: { service_name: 'rule-plan', service_type: 'pg', plan: 'no-such-plan', user_config: { service_to_fork_from: 'demo-pg' } },
    },
    {
      code: 'persistence_off',
      request: { serviceName: 'rule-nopersist', source: { service: 'valkey-nopersist' } },
      raw: { service_name: 'rule-nopersist', service_type: 'valkey', plan: 'business-4', user_config: { service_to_fork_from: 'valkey-nopersist' } },
    },
    ...['demo-cassandra', 'demo-redis', 'demo-redis-nopersist', 'demo-m3db', 'demo-dragonfly'].map((source) => ({
      code: 'service_type_retired',
      request: { serviceName: `rule-${source}`, source: { service: source } },
      raw: () => ({ service_name: `rule-${source}`, service_type: retiredTypes[source], plan: 'business-4', user_config: { service_to_fork_from: source } }),
    })),
  ];
  // The types of the retired sources, read from the sandbox in `before`, and a Valkey
  // source with persistence off (no backups).
  const retiredTypes = {};
  before(async () => {
    const r = await api(sb, 'POST', '/_sandbox/services', {
      project: PROJECT,
      service: { service_name: 'valkey-nopersist', service_type: 'valkey', plan: 'business-4', cloud_name: 'google-europe-west1', node_count: 2, user_config: { valkey_persistence: 'off' } },
    });
    assert.equal(r.status, 200, r.text);
    for (const s of ['demo-cassandra', 'demo-redis', 'demo-redis-nopersist', 'demo-m3db', 'demo-dragonfly']) {
      retiredTypes[s] = (await getService(sb, s)).service_type;
    }
  });

  for (const c of CASES) {
    test(c.code, async () => {
      const request = { project: PROJECT, ...(typeof c.request === 'function' ? c.request() : c.request) };
      const raw = typeof c.raw === 'function' ? c.raw() : c.raw;
      await clearLog(sb);

      // The client: a ForkError naming the rule, and no create was sent.
      const error = await refused(client.fork(request), c.code);
      assert.equal(error.status, undefined, 'a client-side refusal has no HTTP status');
      for (const i of error.errors) {
        assert.deepEqual(Object.keys(i).sort(), ['code', 'field', 'message']);
        assert.equal(typeof i.message, 'string');
      }
      const log = await requestLog(sb);
      assert.deepEqual(creates(log), [], `${c.code}: the client sent a create`);

      // The sandbox: the same fork sent raw is refused with an Aiven-shaped error.
      const r = await api(sb, 'POST', `/v1/project/${PROJECT}/service`, raw);
      assert.ok(r.status === 400 || r.status === 409, `${c.code}: sandbox answered ${r.status} ${r.text}`);
      if (c.code === 'name_taken' || c.code === 'name_equals_source') assert.equal(r.status, 409);
      else assert.equal(r.status, 400);
      assert.equal(typeof r.json.message, 'string');
      assert.ok(Array.isArray(r.json.errors) && r.json.errors.length >= 1, r.text);
      assert.equal(typeof r.json.errors[0].message, 'string');
      assert.equal(r.json.errors[0].status, r.status);
      if (!c.exists) assert.equal(await getService(sb, raw.service_name), null, 'nothing was created');
    });
  }

  test('a request the core cannot read at all is refused before any read', async () => {
    await clearLog(sb);
    await refused(client.fork({ project: PROJECT, serviceName: 'x-1' }), 'missing_field');
    await refused(client.fork('not an object'), 'invalid_request');
    assert.deepEqual(await requestLog(sb), [], 'nothing at all was sent');
  });
});

describe('idempotency: never two services, never a lost one', () => {
  const request = (name, service = 'demo-mysql') => ({ project: PROJECT, serviceName: name, source: { service } });

  async function run(name, next) {
    await setFaults(sb, { next, rates: {}, latencyMs: 0 });
    await clearLog(sb);
    const result = await client.fork(request(name));
    await setFaults(sb, { next: [] });
    const log = (await requestLog(sb)).filter((e) => e.path.startsWith(`/v1/project/${PROJECT}/service`) && !e.path.endsWith('/backups'));
    const services = (await api(sb, 'GET', `/v1/project/${PROJECT}/service`)).json.services.filter((s) => s.service_name === name);
    assert.equal(services.length, 1, `${name}: exactly one service`);
    return { result, log };
  }

  const calls = (log, name) => log
    .filter((e) => (e.method === 'POST') || e.path.endsWith(`/service/${name}`))
    .map((e) => `${e.method} ${e.status ?? 'dropped'}${e.fault ? ` ${e.fault}` : ''}`);

  test('5xx after the create: checked, found, reported created once', async () => {
    // The fault queue applies to creates only (faults default to `only: create`).
    const { result, log } = await run('idem-5xx', ['5xx_after_create']);
    assert.deepEqual([result.created, result.attempts], [true, 1]);
    assert.deepEqual(calls(log, 'idem-5xx'), ['POST 502 5xx_after_create', 'GET 200']);
  });

  test('connection dropped after the create: checked, found', async () => {
    const { result, log } = await run('idem-dropafter', ['drop_after_create']);
    assert.deepEqual([result.created, result.attempts], [true, 1]);
    assert.equal(calls(log, 'idem-dropafter').at(-1), 'GET 200');
  });

  test('connection dropped before the create: checked, absent, created again', async () => {
    const { result, log } = await run('idem-drop', ['drop']);
    assert.deepEqual([result.created, result.attempts], [true, 2]);
    const c = calls(log, 'idem-drop');
    assert.equal(c.length, 3, c.join(', '));
    assert.match(c[0], /^POST/);
    assert.equal(c[1], 'GET 404');
    assert.equal(c[2], 'POST 200');
  });

  test('409 for a fork of the same source (context out of date): success, created false', async () => {
    const stale = await client.getForkContext(PROJECT, 'demo-mysql');
    await client.fork(request('idem-again'));
    await clearLog(sb);
    const result = await client.fork(request('idem-again'), { context: stale });
    assert.deepEqual([result.created, result.attempts], [false, 1]);
    assert.equal(result.service.service_name, 'idem-again');
    assert.deepEqual(calls(await requestLog(sb), 'idem-again'), ['POST 409', 'GET 200']);
  });

  test('repeating a fork that exists: no create sent, created false', async () => {
    await client.fork(request('idem-repeat'));
    await clearLog(sb);
    const result = await client.fork(request('idem-repeat'));
    assert.deepEqual([result.created, result.attempts], [false, 0]);
    assert.deepEqual(creates(await requestLog(sb)), []);
  });

  test('409 for another service (context out of date): name_taken with the server message', async () => {
    const stale = await client.getForkContext(PROJECT, 'demo-pg');
    stale.takenNames = [];
    await api(sb, 'POST', `/v1/project/${PROJECT}/service`, { service_name: 'idem-other', service_type: 'pg', plan: 'business-4' });
    const error = await refused(client.fork({ project: PROJECT, serviceName: 'idem-other', source: { service: 'demo-pg' } }, { context: stale }), 'name_taken');
    assert.equal(error.code, 'name_taken');
    assert.equal(error.status, 409);
    assert.equal(typeof error.serverMessage, 'string');
  });
});

describe('cross-project forks', () => {
  test('into another project of the same organization, idempotent through a 5xx', async () => {
    await setFaults(sb, { next: ['5xx_after_create'] });
    await clearLog(sb);
    const result = await client.fork({ project: 'demo-project-2', serviceName: 'xp-pg', source: { service: 'demo-pg', project: PROJECT } });
    await setFaults(sb, { next: [] });
    assert.deepEqual([result.created, result.attempts], [true, 1]);
    const fork = await getService(sb, 'xp-pg', 'demo-project-2');
    assert.equal(fork.user_config.service_to_fork_from, 'demo-pg');
    assert.equal(fork.user_config.project_to_fork_from, PROJECT);
    const log = await requestLog(sb);
    // Source read from its project, names checked in the target, one create.
    assert.ok(log.some((e) => e.path === '/v1/project/demo-project/service/demo-pg'));
    assert.ok(log.some((e) => e.method === 'GET' && e.path === '/v1/project/demo-project-2/service'));
    assert.deepEqual(creates(log).map((e) => [e.path, e.status]), [['/v1/project/demo-project-2/service', 502]]);
  });

  test('into a project of another organization: the server decides (api_error with its status)', async () => {
    const error = await refused(
      client.fork({ project: 'other-org-project', serviceName: 'xo-pg', source: { service: 'demo-pg', project: PROJECT } }),
      'api_error',
    );
    assert.equal(error.status, 403);
    assert.match(error.serverMessage, /another organization/);
    assert.equal(await getService(sb, 'xo-pg', 'other-org-project'), null);
  });
});

describe('429 back-off', () => {
  test('waits as the server says, then creates', async () => {
    await setFaults(sb, { next: ['429', '429'], retryAfterSecs: 1 });
    await clearLog(sb);
    const result = await client.fork({ project: PROJECT, serviceName: 'rl-ok', source: { service: 'demo-grafana' } });
    assert.deepEqual([result.created, result.attempts], [true, 3]);
    const statuses = creates(await requestLog(sb)).map((e) => e.status);
    assert.deepEqual(statuses, [429, 429, 200]);
  });

  test('the wait is bounded by maxRateLimitWaitMs (a one-hour Retry-After does not stall)', async () => {
    const c = new ForkClient({ baseUrl: sb.url, token: sb.token, maxRateLimitWaitMs: 50 });
    await setFaults(sb, { next: ['429'], retryAfterSecs: 3600 });
    const result = await c.fork({ project: PROJECT, serviceName: 'rl-bounded', source: { service: 'demo-grafana' } });
    assert.deepEqual([result.created, result.attempts], [true, 2]);
  });

  test('attempts are bounded: rate_limited with the status and message', async () => {
    const c = new ForkClient({ baseUrl: sb.url, token: sb.token, maxRateLimitWaitMs: 10 });
    await setFaults(sb, { next: ['429', '429', '429', '429', '429', '429'], retryAfterSecs: 1 });
    await clearLog(sb);
    const error = await refused(c.fork({ project: PROJECT, serviceName: 'rl-never', source: { service: 'demo-grafana' } }), 'rate_limited');
    await setFaults(sb, { next: [] });
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.status, 429);
    assert.match(error.serverMessage, /try again in 1s/);
    assert.equal(creates(await requestLog(sb)).length, 5);
    assert.equal(await getService(sb, 'rl-never'), null);
  });
});

describe('abort and timeouts', () => {
  test('an already aborted signal: aborted, nothing sent', async () => {
    await clearLog(sb);
    const error = await refused(client.fork({ project: PROJECT, serviceName: 'ab-pre', source: { service: 'demo-pg' } }, { signal: AbortSignal.abort() }), 'aborted');
    assert.equal(error.code, 'aborted');
    assert.deepEqual(await requestLog(sb), []);
  });

  test('abort during a 429 back-off ends the fork at once', async () => {
    await setFaults(sb, { next: ['429'], retryAfterSecs: 3000 });
    await clearLog(sb);
    const controller = new AbortController();
    // A client of its own: the 429 closes this client's shared gate for a minute.
    const c = new ForkClient({ baseUrl: sb.url, token: sb.token });
    const pending = c.fork({ project: PROJECT, serviceName: 'ab-backoff', source: { service: 'demo-grafana' } }, { signal: controller.signal });
    try {
      // Abort once the 429 has been answered (the client is then sleeping 50 minutes).
      await until(async () => creates(await requestLog(sb)).some((e) => e.status === 429), 'the create answered 429');
      controller.abort();
      const error = await refused(pending, 'aborted');
      assert.match(error.message, /aborted/);
      assert.equal(await getService(sb, 'ab-backoff'), null);
    } finally {
      controller.abort();
      await setFaults(sb, { next: [], retryAfterSecs: 1 });
    }
  });

  test('abort while waiting for RUNNING', async () => {
    await client.fork({ project: PROJECT, serviceName: 'ab-wait', source: { service: 'demo-grafana' } });
    const controller = new AbortController();
    const pending = client.waitUntilRunning(PROJECT, 'ab-wait', {
      pollMs: 60_000,
      timeoutMs: 120_000,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await refused(pending, 'aborted');
  });

  test('waitUntilRunning: wait_timeout at the caller\'s timeout', async () => {
    const slow = await startSandbox({ rebuildSecs: 600 });
    try {
      const c = new ForkClient({ baseUrl: slow.url, token: slow.token });
      await c.fork({ project: PROJECT, serviceName: 'slow-fork', source: { service: 'demo-grafana' } });
      const seen = [];
      const error = await refused(c.waitUntilRunning(PROJECT, 'slow-fork', { timeoutMs: 300, pollMs: 50, onProgress: (p) => seen.push(p.state) }), 'wait_timeout');
      assert.equal(error.code, 'wait_timeout');
      assert.match(error.message, /last state: REBUILDING/);
      assert.ok(seen.length >= 1 && seen.every((s) => s === 'REBUILDING'));
    } finally {
      await slow.stop();
    }
  });

  test('a request that does not answer in time is a network_error after bounded retries', async () => {
    const c = new ForkClient({ baseUrl: sb.url, token: sb.token, requestTimeoutMs: 100 });
    await setFaults(sb, { latencyMs: 1000 });
    try {
      const error = await refused(c.getForkContext(PROJECT, 'demo-pg'), 'network_error');
      assert.match(error.message, /did not answer in time/);
      assert.equal(error.status, undefined);
    } finally {
      await setFaults(sb, { latencyMs: 0 });
    }
  });

  test('a closed port is a network_error', async () => {
    const c = new ForkClient({ baseUrl: await closedUrl(), token: sb.token });
    const error = await refused(c.getForkContext(PROJECT, 'demo-pg'), 'network_error');
    assert.match(error.message, /no answer from the API/);
  });
});

describe('reading the context', () => {
  test('getForkContext: the camelCase context, from service, backups, plans and the project list', async () => {
    await clearLog(sb);
    const ctx = await client.getForkContext(PROJECT, 'demo-pg');
    assert.equal(ctx.source.serviceName, 'demo-pg');
    assert.equal(ctx.source.serviceType, 'pg');
    assert.ok(ctx.backups.length > 0);
    assert.ok(ctx.pitr && typeof ctx.pitr.start === 'string');
    assert.ok(ctx.plans.some((p) => p.name === 'business-4'));
    assert.ok(ctx.takenNames.includes('demo-mysql'));
    assert.deepEqual(ctx.source.integrations.length, 2);
    const paths = (await requestLog(sb)).map((e) => `${e.method} ${e.path}`).sort();
    assert.deepEqual(paths, [
      'GET /v1/project/demo-project/service',
      'GET /v1/project/demo-project/service-types/pg/plans',
      'GET /v1/project/demo-project/service/demo-pg',
      'GET /v1/project/demo-project/service/demo-pg/backups',
    ]);
  });

  test('a missing source is source_not_found with the status', async () => {
    const error = await refused(client.getForkContext(PROJECT, 'no-such-service'), 'source_not_found');
    assert.equal(error.status, 404);
  });

  test('names are percent-encoded path segments, never paths', async () => {
    await clearLog(sb);
    await refused(client.getForkContext(PROJECT, '../../_sandbox/requests'), 'source_not_found');
    const paths = (await requestLog(sb)).map((e) => e.path);
    assert.ok(paths.every((p) => p.startsWith('/v1/project/demo-project/')), paths.join(' '));
    await refused(client.getForkContext(PROJECT, '..'), 'invalid_path_segment');
    await refused(client.getForkContext('', 'demo-pg'), 'missing_field');
  });

  test('a wrong token: api_error 401 with the server message', async () => {
    const c = new ForkClient({ baseUrl: sb.url, token: 'not-the-right-token' });
    const error = await refused(c.getForkContext(PROJECT, 'demo-pg'), 'api_error');
    assert.equal(error.status, 401);
    assert.equal(error.serverMessage, 'Invalid token');
  });
});

describe('constructor and options', () => {
  test('https to any host, http only to loopback', () => {
    for (const baseUrl of ['https://api.aiven.io', 'http://127.0.0.1:1', 'http://localhost:8787', 'http://[::1]:8787']) {
      assert.ok(new ForkClient({ baseUrl, token: 'tok-12345678' }));
    }
    assert.equal(new ForkClient({ token: 'tok-12345678' }).baseUrl, 'https://api.aiven.io');
    assert.equal(new ForkClient({ baseUrl: 'HTTPS://API.AIVEN.IO/', token: 'tok-12345678' }).baseUrl, 'https://api.aiven.io');
    const codeOf = (options) => {
      try {
        new ForkClient(options);
      } catch (e) {
        assert.ok(e instanceof ForkError);
        return e.code;
      }
      return 'ok';
    };
    assert.equal(codeOf({ baseUrl: 'http://api.aiven.io', token: 't' }), 'insecure_base_url');
    assert.equal(codeOf({ baseUrl: 'http://127.0.0.1.nip.io', token: 't' }), 'insecure_base_url');
    assert.equal(codeOf({ baseUrl: 'api.aiven.io', token: 't' }), 'invalid_base_url');
    assert.equal(codeOf({ baseUrl: 'https://user:pw@api.aiven.io', token: 't' }), 'invalid_base_url');
    assert.equal(codeOf({ token: '' }), 'missing_field');
    assert.equal(codeOf(undefined), 'missing_field');
    assert.equal(codeOf({ token: 42 }), 'invalid_type');
  });

  test('bad options are ForkErrors, not crashes', async () => {
    await refused(client.fork({ project: PROJECT, serviceName: 'o-1', source: { service: 'demo-pg' } }, { signal: 'nope' }), 'invalid_type');
    await refused(client.waitUntilRunning(PROJECT, 'demo-pg', { pollMs: -1 }), 'invalid_value');
    await refused(client.waitUntilRunning(PROJECT, 'demo-pg', { onProgress: 3 }), 'invalid_type');
    await refused(client.forkMany('nope'), 'invalid_type');
    await refused(client.forkMany([], { concurrency: 0 }), 'invalid_value');
  });
});

describe('forkMany', () => {
  test('results in input order; one failure does not stop the rest', async () => {
    await resetSandbox(sb);
    const seen = [];
    const results = await client.forkMany([
      { project: PROJECT, serviceName: 'many-1', source: { service: 'demo-pg' } },
      { project: PROJECT, serviceName: 'many-2', source: { service: 'demo-pg-nobackup' } },
      { project: PROJECT, serviceName: 'many-3', source: { service: 'demo-mysql' } },
    ], { concurrency: 2, onResult: (r, i) => seen.push(i) });
    assert.deepEqual(results.map((r) => r.ok), [true, false, true]);
    assert.equal(results[0].service.service_name, 'many-1');
    assert.equal(results[0].created, true);
    assert.ok(results[1].error instanceof ForkError);
    assert.equal(results[1].error.code, 'source_has_no_backup');
    assert.equal(results[2].service.service_name, 'many-3');
    assert.deepEqual(seen.sort(), [0, 1, 2]);
  });

  test('each distinct source is read once per call, every fork still checked against it', async () => {
    await resetSandbox(sb);
    await clearLog(sb);
    const results = await client.forkMany([
      { project: PROJECT, serviceName: 'once-1', source: { service: 'demo-pg' } },
      { project: PROJECT, serviceName: 'once-2', source: { service: 'demo-pg' } },
      { project: PROJECT, serviceName: 'once-3', source: { service: 'demo-mysql' } },
      { project: PROJECT, serviceName: 'once-4', source: { service: 'demo-pg' } },
      { project: PROJECT, serviceName: 'demo-kafka', source: { service: 'demo-pg' } },
    ], { concurrency: 3 });
    assert.deepEqual(results.map((r) => r.ok), [true, true, true, true, false]);
    assert.equal(results[4].error.code, 'name_taken');
    // Per source: the service, its backups and the target project's list (no plan named: no plans).
    const reads = (await requestLog(sb)).filter((e) => e.method === 'GET').map((e) => e.path).sort();
    assert.deepEqual(reads, [
      `/v1/project/${PROJECT}/service`,
      `/v1/project/${PROJECT}/service`,
      `/v1/project/${PROJECT}/service/demo-mysql`,
      `/v1/project/${PROJECT}/service/demo-mysql/backups`,
      `/v1/project/${PROJECT}/service/demo-pg`,
      `/v1/project/${PROJECT}/service/demo-pg/backups`,
    ]);
    assert.equal(creates(await requestLog(sb)).length, 4);
  });

  test('aborted: every unfinished fork reports aborted', async () => {
    const results = await client.forkMany([
      { project: PROJECT, serviceName: 'many-ab-1', source: { service: 'demo-pg' } },
      { project: PROJECT, serviceName: 'many-ab-2', source: { service: 'demo-pg' } },
    ], { signal: AbortSignal.abort() });
    assert.deepEqual(results.map((r) => [r.ok, r.error?.code]), [[false, 'aborted'], [false, 'aborted']]);
  });
});
