// The widget's events (aiven-fork-created, -running, -error: bubbling, composed, with their
// detail), seen by a listener on the page's document; a wait that ends in a failure that
// needs a fix (no Retry), then the fork followed again from the widget (no second create).
// Forks stay REBUILDING until a test moves them on (sb.advance).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  PROJECT, assertNoAxeViolations, clearLog, createCalls, newPage, requestLog, service, setFaults,
  startSandboxAndBrowser, stopSandboxAndBrowser, waitRunning,
} from './helpers.mjs';

let sb;
let browser;
before(async () => ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 600 })));
after(() => stopSandboxAndBrowser({ sb, browser }));

/** Open the demo page on `source` with a listener for the widget's events on `document`. */
async function openWithEvents(page, source) {
  await page.addInitScript(() => {
    window.__events = [];
    for (const type of ['aiven-fork-created', 'aiven-fork-running', 'aiven-fork-error']) {
      document.addEventListener(type, (e) => {
        window.__events.push({ type, detail: JSON.parse(JSON.stringify(e.detail)), bubbles: e.bubbles, composed: e.composed, target: e.target.tagName });
      });
    }
  });
  await page.goto(`${sb.url}/?project=${PROJECT}&service=${source}`);
  const w = page.locator('aiven-fork');
  await w.locator('form').waitFor();
  return w;
}

const events = (page) => page.evaluate(() => window.__events);

test('a fork dispatches aiven-fork-created, then aiven-fork-running with the service', async () => {
  const page = await newPage(browser, sb);
  const w = await openWithEvents(page, 'demo-grafana');
  const name = 'events-grafana';
  await w.getByLabel('New service name').fill(name);
  await w.getByRole('button', { name: 'Fork service' }).click();
  await w.locator('ol.phases li.current').waitFor();
  await sb.advance(600);
  await waitRunning(w, name);
  const seen = await events(page);
  const svc = await service(sb, name);
  assert.deepEqual(seen.map((e) => e.type), ['aiven-fork-created', 'aiven-fork-running']);
  for (const e of seen) assert.deepEqual([e.bubbles, e.composed, e.target], [true, true, 'AIVEN-FORK']);
  assert.deepEqual(seen[0].detail, { serviceName: name, created: true });
  assert.deepEqual(Object.keys(seen[1].detail).sort(), ['service', 'serviceName']);
  assert.equal(seen[1].detail.serviceName, name);
  assert.equal(seen[1].detail.service.service_name, name);
  assert.equal(seen[1].detail.service.state, 'RUNNING');
  assert.equal(seen[1].detail.service.user_config.service_to_fork_from, svc.user_config.service_to_fork_from);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('waiting fails after the create (401): aiven-fork-error, the fix named, no Retry; opened again, the widget follows the fork (no second create) to RUNNING', async () => {
  const page = await newPage(browser, sb);
  const w = await openWithEvents(page, 'demo-pg');
  const name = 'events-wait-retry';
  await w.getByLabel('New service name').fill(name);
  await clearLog(sb);
  // The create goes through (the widget already holds the context, so it is the first API
  // request); then the first read of the wait and the demo page's own read of the list
  // (it refreshes on aiven-fork-created) answer 401 (a token revoked a moment ago), which
  // ends the wait (a 5xx or a dropped connection would only be read again).
  try {
    await setFaults(sb, { only: 'all', next: ['none', '401', '401'] });
    await w.getByRole('button', { name: 'Fork service' }).click();
    await w.locator('.submit-alert').waitFor({ state: 'visible', timeout: 60_000 });
  } finally {
    await setFaults(sb, { only: 'create', next: [] });
  }
  const alert = w.locator('.submit-alert');
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.equal(await alert.locator('.title').textContent(), `Waiting for ${name} stopped`);
  assert.equal(await alert.locator('.message').textContent(),
    `The API did not accept the credentials (“Invalid token”). Check the API token, or sign in again. ${name} goes on at Aiven.`);
  assert.equal(await alert.locator('.details').textContent(), 'code api_error · HTTP 401');
  // Retrying cannot fix a refused token: no Retry, and the request cannot be edited (the fork exists).
  assert.equal(await alert.getByRole('button').count(), 0);
  assert.equal(await w.getByRole('button', { name: 'Edit the request' }).count(), 0);
  // Nothing to press: the focus is on the alert itself.
  assert.equal(await alert.evaluate((el) => el.getRootNode().activeElement === el), true);
  const seen = await events(page);
  assert.deepEqual(seen.map((e) => e.type), ['aiven-fork-created', 'aiven-fork-error']);
  assert.deepEqual(seen[0].detail, { serviceName: name, created: true });
  assert.deepEqual(Object.keys(seen[1].detail).sort(), ['code', 'message']);
  assert.equal(seen[1].detail.code, 'api_error');
  assert.equal(seen[1].detail.message, await alert.locator('.message').textContent());
  const creates = await createCalls(sb);
  assert.equal(creates.length, 1);
  assert.equal(creates[0].status, 200);
  await assertNoAxeViolations(page, 'waiting failed on a 401, the fix named');

  // The host signs in again and reloads the widget: it finds the fork under way and follows it.
  await clearLog(sb);
  await w.evaluate((el) => el.reload());
  const follow = w.getByRole('button', { name: `Follow ${name}` });
  await follow.waitFor();
  assert.equal(await w.locator('.in-progress h4').textContent(), 'A fork of demo-pg is being created');
  await follow.click();
  await w.locator('ol.phases li.current').waitFor();
  await sb.advance(600);
  await waitRunning(w, name);
  // Followed by reading the service until RUNNING; no create.
  assert.deepEqual(await createCalls(sb), []);
  assert.ok((await requestLog(sb)).some((e) => e.method === 'GET' && e.path === `/v1/project/${PROJECT}/service/${name}`));
  const after = await events(page);
  assert.deepEqual(after.map((e) => e.type), ['aiven-fork-created', 'aiven-fork-error', 'aiven-fork-running']);
  assert.equal(after[2].detail.serviceName, name);
  assert.equal(after[2].detail.service.state, 'RUNNING');
  assert.equal((await service(sb, name)).state, 'RUNNING');
  await assertNoAxeViolations(page, 'RUNNING after following the fork again');
  // The injected 401 is logged by the browser as a failed load; nothing else may be.
  assert.deepEqual(page.problems.filter((p) => !/^console: Failed to load resource: the server responded with a status of 401 /.test(p)), []);
  await page.context().close();
});

test('a refused submit dispatches aiven-fork-error with the code; nothing is created', async () => {
  const page = await newPage(browser, sb);
  const w = await openWithEvents(page, 'demo-mysql');
  const name = 'events-refused';
  await w.getByLabel('New service name').fill(name);
  await clearLog(sb);
  // The name is taken after the widget read the project (a 409 for another service).
  const add = await fetch(`${sb.url}/_sandbox/services`, {
    method: 'POST',
    headers: { Authorization: `aivenv1 ${sb.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ project: PROJECT, service: { service_name: name, service_type: 'pg', plan: 'business-4' } }),
  });
  assert.equal(add.status, 200);
  await w.getByRole('button', { name: 'Fork service' }).click();
  await w.locator('.submit-alert').waitFor({ state: 'visible', timeout: 30_000 });
  const seen = await events(page);
  assert.deepEqual(seen.map((e) => e.type), ['aiven-fork-error']);
  assert.equal(seen[0].detail.code, 'name_taken');
  assert.equal((await service(sb, name)).service_type, 'pg', 'the other service is left as it was');
  assert.deepEqual((await createCalls(sb)).map((c) => c.status), [409]);
  assert.deepEqual(page.problems.filter((p) => !/^console: Failed to load resource: the server responded with a status of 409 /.test(p)), []);
  await page.context().close();
});
