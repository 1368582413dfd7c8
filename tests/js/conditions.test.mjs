// What a page needs to show a fork under real conditions, answered by the library (the
// real Node build) against a real sandbox: times and durations for people, product
// names, one explanation per failure (transient or needs a fix), the connection of a
// wait (lost at once, back once), the clouds a project can use and the forks of a source
// already in a project (a page opened again finds a fork in progress).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { PROJECT, api, clearLog, creates, loadPackage, requestLog, setFaults, startSandbox, until } from './client-support.mjs';
import { closedUrl } from '../support/ports.mjs';

const {
  ForkClient, ForkError, describeConnection, explainForkError, formatDuration, formatTime, productName, validateFork,
} = await loadPackage();

let sb;
let client;

before(async () => {
  sb = await startSandbox({ rebuildSecs: 600 });
  client = new ForkClient({ baseUrl: sb.url, token: sb.token });
});
after(async () => {
  client?.free();
  await sb?.stop();
});

/** The ForkError `promise` rejects with. */
async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ForkError, String(e));
    return e;
  }
  assert.fail('did not reject');
}

describe('times, durations and type names for people', () => {
  test('formatTime: 24-hour, the zone named; local with its offset; whole seconds rounded as asked', () => {
    const t = '2026-11-22T20:58:41.383895+00:00';
    assert.equal(formatTime(t), '2026-11-22 20:58:41 UTC');
    assert.equal(formatTime(t, { seconds: 'up' }), '2026-11-22 20:58:42 UTC');
    assert.equal(formatTime(t, { seconds: 'exact' }), '2026-11-22 20:58:41.383895 UTC');
    assert.equal(formatTime(t, { offsetMinutes: 540 }), '2026-11-23 05:58:41 UTC+09:00');
    assert.equal(formatTime(t, { offsetMinutes: -300 }), '2026-11-22 15:58:41 UTC-05:00');
    assert.equal(formatTime(new Date('2026-03-08T07:30:00Z'), { offsetMinutes: -240 }), '2026-03-08 03:30:00 UTC-04:00');
    // What is shown reads back as the same time.
    const report = validateFork({
      project: PROJECT, serviceName: 'x', serviceType: 'pg', plan: 'startup-4', source: { service: 'demo-pg' },
      recovery: { mode: 'time', time: '2026-01-23 05:58:41 UTC+09:00' },
    });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.warnings, []);
    for (const [value, options, code] of [
      ['yesterday', undefined, 'invalid_time'],
      [12, undefined, 'invalid_type'],
      [t, { offsetMinutes: 1440 }, 'invalid_value'],
      [t, { offsetMinutes: 1.5 }, 'invalid_value'],
      [t, { seconds: 'round' }, 'invalid_value'],
      [t, { zone: 'Asia/Tokyo' }, 'unknown_field'],
    ]) {
      assert.throws(() => formatTime(value, options), (e) => e instanceof ForkError && e.code === code, `${value} ${JSON.stringify(options)}`);
    }
  });

  test('formatDuration and productName', () => {
    assert.deepEqual([0, 999, 40_000, 125_000, 3_780_000, -1, NaN, 'x'].map(formatDuration),
      ['0 s', '0 s', '40 s', '2 min 5 s', '1 h 3 min', '0 s', '0 s', '0 s']);
    assert.deepEqual(['kafka', 'pg', 'redis', 'cassandra', 'newdb', 7].map(productName),
      ['Apache Kafka', 'PostgreSQL', 'Caching', 'Apache Cassandra', 'newdb', '']);
  });
});

describe('reports for people', () => {
  test('tags and integrations are said once: their warnings are marked as listed in notCopied', async () => {
    const ctx = await client.getForkContext(PROJECT, 'demo-mysql');
    const report = validateFork({ project: PROJECT, serviceName: 'demo-mysql-words', source: { service: 'demo-mysql' } }, ctx);
    const tags = Object.entries(ctx.source.tags).map(([k, v]) => `${k}=${v}`).join(', ');
    assert.deepEqual(report.warnings.map((w) => [w.code, w.listedInNotCopied]),
      [['integrations_not_copied', true], ['tags_not_copied', true]]);
    assert.equal(report.warnings[1].message, `the source's tags are not copied unless you choose to copy them: ${tags}`);
    const sso = validateFork({ project: PROJECT, serviceName: 'os-words', source: { service: 'demo-opensearch' } },
      await client.getForkContext(PROJECT, 'demo-opensearch'));
    assert.deepEqual(sso.warnings.map((w) => [w.code, w.listedInNotCopied]), [['sso_not_copied', false]]);
  });

  test('a time outside the window is written the way people read times', async () => {
    const ctx = await client.getForkContext(PROJECT, 'demo-pg');
    const start = ctx.pitr.start;
    const before = new Date(Date.parse(start) - 3_600_000);
    before.setUTCMilliseconds(0);
    const report = validateFork({ project: PROJECT, serviceName: 'demo-pg-words', source: { service: 'demo-pg' },
      recovery: { mode: 'time', time: before } }, ctx);
    assert.deepEqual(report.errors.map((e) => e.message), [
      `recovery time ${formatTime(before)} is outside the backup window ${formatTime(start, { seconds: 'up' })} to ${formatTime(ctx.pitr.end)}`,
    ]);
    assert.match(report.errors[0].message, /^recovery time \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC is outside the backup window \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC to \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  });
});

describe('one explanation per failure', () => {
  const names = { project: PROJECT, service: 'demo-pg', name: 'demo-pg-fork-x' };

  test('needs a fix: 401, 403, 404, a name taken by another service, a deleted fork; never retry', async () => {
    const badToken = new ForkClient({ baseUrl: sb.url, token: 'not-a-valid-token-123' });
    const e401 = await rejection(badToken.getForkContext(PROJECT, 'demo-pg'));
    badToken.free();
    assert.deepEqual(explainForkError(e401, { stage: 'load', ...names }), {
      transient: false, action: 'check_token', title: 'Could not load demo-pg',
      message: 'The API did not accept the credentials (“Invalid token”). Check the API token, or sign in again.',
      details: 'code api_error · HTTP 401',
    });
    const other = new ForkClient({ baseUrl: sb.url, token: sb.otherToken });
    const e403 = await rejection(other.getForkContext(PROJECT, 'demo-pg'));
    other.free();
    assert.deepEqual(explainForkError(e403, { stage: 'load', ...names }), {
      transient: false, action: 'check_access', title: 'Could not load demo-pg',
      message: 'No access to project demo-project (“Not a project member”). Check the project name, or ask for access to it.',
      details: 'code api_error · HTTP 403',
    });
    const e404 = await rejection(client.getForkContext(PROJECT, 'no-such-service'));
    assert.deepEqual(explainForkError(e404, { stage: 'load', ...names, service: 'no-such-service' }), {
      transient: false, action: 'pick_service', title: 'Could not load no-such-service',
      message: 'no-such-service does not exist in project demo-project. Pick another service.',
      details: 'code source_not_found · HTTP 404',
    });
    const ctx = await client.getForkContext(PROJECT, 'demo-pg');
    const taken = await rejection(client.fork({ project: PROJECT, serviceName: 'demo-mysql', source: { service: 'demo-pg' } }, { context: ctx }));
    assert.deepEqual(explainForkError(taken, { stage: 'submit', ...names, name: 'demo-mysql' }), {
      transient: false, action: 'edit_name', title: 'demo-mysql cannot be created',
      message: 'A service named demo-mysql already exists in project demo-project and is not a fork of demo-pg. Choose another name.',
      details: 'code name_taken',
    });
    const gone = await rejection(client.waitUntilRunning(PROJECT, 'deleted-fork', { pollMs: 10, timeoutMs: 10_000 }));
    assert.deepEqual(explainForkError(gone, { stage: 'wait', ...names, name: 'deleted-fork' }), {
      transient: false, action: 'new_fork', title: 'deleted-fork no longer exists',
      message: 'deleted-fork was deleted from project demo-project before it was running. Start a new fork.',
      details: 'code api_error · HTTP 404',
    });
  });

  test('transient: no answer, a server error, a stop; retry, and a submit says it never makes a second service', async () => {
    // No answer at all (a port that refuses connections): a read gives up after its few
    // retries; the code is what the explanation reads, whatever the step.
    const nowhere = new ForkClient({ baseUrl: await closedUrl(), token: sb.token, requestTimeoutMs: 2000 });
    const down = await rejection(nowhere.getForkContext(PROJECT, 'demo-pg'));
    nowhere.free();
    assert.equal(down.code, 'network_error');
    assert.deepEqual(explainForkError(down, { stage: 'submit', ...names }), {
      transient: true, action: 'retry', title: 'The fork demo-pg-fork-x was not confirmed',
      message: 'The API did not answer. It is not known whether demo-pg-fork-x was created. Retry checks first and never creates a second service.',
      details: 'code network_error',
    });
    await setFaults(sb, { only: 'all', next: Array(40).fill('5xx_after_create') });
    let e502;
    try {
      e502 = await rejection(client.getForkContext(PROJECT, 'demo-pg'));
    } finally {
      await setFaults(sb, { only: 'create', next: [] });
    }
    assert.deepEqual(explainForkError(e502, { stage: 'load', ...names }), {
      transient: true, action: 'retry', title: 'Could not load demo-pg',
      message: 'The API failed with a server error. Retry reads it again.', details: 'code api_error · HTTP 502',
    });
    const stop = new AbortController();
    stop.abort();
    const stopped = await rejection(client.waitUntilRunning(PROJECT, 'demo-pg', { signal: stop.signal }));
    assert.deepEqual(explainForkError(stopped, { stage: 'wait', ...names }), {
      transient: true, action: 'retry', title: 'Stopped waiting for demo-pg-fork-x',
      message: 'demo-pg-fork-x goes on at Aiven; this page finds it when opened again. Retry follows it again.',
      details: 'code aborted',
    });
    // Anything thrown, even not a ForkError, gets an explanation; a bad stage is refused.
    assert.equal(explainForkError(new TypeError('Failed to fetch'), { stage: 'load', ...names }).action, 'retry');
    assert.throws(() => explainForkError(down, { stage: 'later' }), (e) => e instanceof ForkError && e.code === 'invalid_value');
  });
});

describe('the connection of a wait', () => {
  test('lost at the first poll with no answer, back once; describeConnection says it for people', async () => {
    const name = 'demo-pg-conn';
    const ctx = await client.getForkContext(PROJECT, 'demo-pg');
    await client.fork({ project: PROJECT, serviceName: name, source: { service: 'demo-pg' } }, { context: ctx });
    const reports = [];
    const progress = [];
    const started = Date.now();
    const waiting = client.waitUntilRunning(PROJECT, name, {
      pollMs: 100,
      timeoutMs: 60_000,
      onProgress: (p) => progress.push(p.state),
      onConnection: (c) => reports.push(c),
    });
    await until(() => progress.length >= 1, 'the first read');
    await setFaults(sb, { only: 'all', next: ['drop', 'drop', '5xx_after_create'] });
    await until(() => reports.some((r) => r.state === 'ok'), 'the connection is back');
    await sb.advance(600);
    const running = await waiting;
    assert.equal(running.state, 'RUNNING');
    assert.deepEqual(reports.map((r) => [r.state, r.problem, r.status, r.retryInMs]), [
      ['lost', 'no_answer', null, 100],
      ['lost', 'no_answer', null, 100],
      ['lost', 'server_error', 502, 100],
      ['ok', null, null, null],
    ]);
    const [first, , third, back] = reports;
    assert.ok(first.lastAnswerAt >= started && first.lastAnswerAt <= first.lostSince, JSON.stringify(first));
    assert.equal(third.lostSince, first.lostSince);
    assert.equal(third.lastAnswerAt, first.lastAnswerAt);
    assert.ok(back.lastAnswerAt > third.lostSince && back.lostSince === null, JSON.stringify(back));
    assert.equal(describeConnection(first, first.lastAnswerAt + 40_400), 'Connection lost, retrying (last answer 40 s ago).');
    assert.equal(describeConnection(third, third.lastAnswerAt + 61_000), 'The API is failing (HTTP 502), retrying (last answer 1 min 1 s ago).');
    assert.equal(describeConnection(back), 'Connected again.');
    assert.equal(describeConnection({ state: 'lost', problem: 'no_answer', lastAnswerAt: null }, 0), 'Connection lost, retrying (no answer yet).');
    assert.throws(() => describeConnection(null), (e) => e instanceof ForkError && e.code === 'invalid_type');
  });
});

describe('lists for a fork form', () => {
  test('listClouds: the clouds the project can use, with region labels, in the API order', async () => {
    const answer = await api(sb, 'GET', `/v1/project/${PROJECT}/clouds`);
    const clouds = await client.listClouds(PROJECT);
    assert.deepEqual(clouds, answer.json.clouds.map((c) => ({
      cloudName: c.cloud_name, description: c.cloud_description, geoRegion: c.geo_region,
      regionLabel: c.geo_region.replace(/\b[a-z]/g, (x) => x.toUpperCase()), provider: c.provider,
    })));
    assert.deepEqual([...new Set(clouds.map((c) => c.regionLabel))], ['Europe', 'North America', 'East Asia']);
    const other = new ForkClient({ baseUrl: sb.url, token: sb.otherToken });
    const refused = await rejection(other.listClouds(PROJECT));
    other.free();
    assert.equal(refused.status, 403);
  });

  test('listForks: the forks of a source in a project, newest first, in progress or not, across projects too', async () => {
    const ctx = await client.getForkContext(PROJECT, 'demo-clickhouse');
    await clearLog(sb);
    for (const serviceName of ['demo-clickhouse-a', 'demo-clickhouse-b']) {
      await client.fork({ project: PROJECT, serviceName, source: { service: 'demo-clickhouse' } }, { context: ctx });
      await new Promise((r) => setTimeout(r, 1100)); // create times a second apart
    }
    await sb.advance(600);
    await client.fork({ project: PROJECT, serviceName: 'demo-clickhouse-c', source: { service: 'demo-clickhouse' } }, { context: ctx });
    assert.equal(creates(await requestLog(sb)).length, 3);
    const forks = await client.listForks(PROJECT, 'demo-clickhouse');
    assert.deepEqual(forks.map((f) => [f.serviceName, f.state, f.inProgress, f.serviceType]), [
      ['demo-clickhouse-c', 'REBUILDING', true, 'clickhouse'],
      ['demo-clickhouse-b', 'RUNNING', false, 'clickhouse'],
      ['demo-clickhouse-a', 'RUNNING', false, 'clickhouse'],
    ]);
    assert.deepEqual(await client.listForks(PROJECT, 'demo-grafana'), []);
    // A fork in another project names its source's project.
    const cross = await client.getForkContext(PROJECT, 'demo-grafana', { targetProject: 'demo-project-2' });
    await client.fork({ project: 'demo-project-2', serviceName: 'grafana-elsewhere', source: { service: 'demo-grafana', project: PROJECT } },
      { context: cross });
    assert.deepEqual((await client.listForks('demo-project-2', 'demo-grafana', { sourceProject: PROJECT })).map((f) => f.serviceName),
      ['grafana-elsewhere']);
    assert.deepEqual(await client.listForks('demo-project-2', 'demo-grafana'), []);
  });
});
