// <aiven-fork> says what went wrong in one voice and offers what helps: the library's
// explanation of a failure (explainForkError) with the code and HTTP status in a details
// line, the fix for a 401, a 404, a name taken by another service or a fork deleted while
// waiting (no Retry: it cannot help), and the skeleton gone when loading stops. And the
// words a user reads: each thing said once, times written the way people read them, no
// API field names. Demo page, real pkg/web build, a sandbox of its own (forks stay
// REBUILDING until a test moves them on).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  PROJECT, api, assertAccessibleEverywhere, clearLog, createCalls, docsScreenshot, isFocused, localUtc, newPage,
  openWidget, service, startSandboxAndBrowser, stopSandboxAndBrowser,
} from './helpers.mjs';

let sb;
let browser;
before(async () => ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 600 })));
after(() => stopSandboxAndBrowser({ sb, browser }));

/** Title, message, details and the buttons of a notice showing an explanation. */
async function explanation(box) {
  return {
    title: await box.locator('.title').textContent(),
    message: await box.locator('.message').textContent(),
    details: await box.locator('.details').textContent(),
    buttons: await box.getByRole('button').allTextContents(),
  };
}

/** Only the failed loads the test caused (by status) are expected in the console. */
function assertOnly(page, statuses) {
  const expected = new RegExp(`^console: Failed to load resource: the server responded with a status of (${statuses.join('|')}) `);
  assert.deepEqual(page.problems.filter((p) => !expected.test(p)), []);
}

describe('loading fails', () => {
  test('a 401 and a 404 name their fix, offer no Retry, and the skeleton is gone', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-pg');
    const banner = w.locator('.banner[role=alert]');
    await w.evaluate((el) => {
      el.token = 'not-a-valid-token-1234';
    });
    await banner.waitFor();
    assert.deepEqual(await explanation(banner), {
      title: 'Could not load demo-pg',
      message: 'The API did not accept the credentials (“Invalid token”). Check the API token, or sign in again.',
      details: 'code api_error · HTTP 401',
      buttons: [],
    });
    // Loading stopped: no skeleton shimmers under the error.
    assert.equal(await w.locator('.skeleton, .bone').count(), 0);
    assert.equal(await w.locator('.body').getAttribute('aria-busy'), null);
    await assertAccessibleEverywhere(page, 'load failed: 401');

    await w.evaluate((el, token) => {
      el.token = token;
      el.setAttribute('service', 'no-such-service');
    }, sb.token);
    await w.locator('.banner[role=alert]', { hasText: 'no-such-service' }).waitFor();
    assert.deepEqual(await explanation(banner), {
      title: 'Could not load no-such-service',
      message: 'no-such-service does not exist in project demo-project. Pick another service.',
      details: 'code source_not_found · HTTP 404',
      buttons: [],
    });
    assert.equal(await w.locator('.skeleton, .bone').count(), 0);
    await assertAccessibleEverywhere(page, 'load failed: 404');
    assertOnly(page, [401, 404]);
    await page.context().close();
  });
});

describe('submitting and waiting fail', () => {
  test('a name taken by another service (409): the fix is to change the name, focused; no Retry', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-mysql');
    const name = 'errors-taken';
    await w.getByLabel('New service name').fill(name);
    // Someone takes the name after the widget read the project.
    const add = await api(sb, 'POST', '/_sandbox/services', {
      project: PROJECT, service: { service_name: name, service_type: 'pg', plan: 'business-4' },
    });
    assert.equal(add.status, 200, add.text);
    await clearLog(sb);
    await w.getByRole('button', { name: 'Fork service' }).click();
    const alert = w.locator('.submit-alert');
    await alert.waitFor({ timeout: 30_000 });
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.deepEqual(await explanation(alert), {
      title: `${name} cannot be created`,
      message: `A service named ${name} already exists in project demo-project and is not a fork of demo-mysql. Choose another name.`,
      details: 'code name_taken · HTTP 409',
      buttons: ['Change the name'],
    });
    assert.equal(await isFocused(alert.getByRole('button', { name: 'Change the name' })), true);
    assert.deepEqual((await createCalls(sb)).map((c) => c.status), [409]);
    await assertAccessibleEverywhere(page, 'submit refused: name taken');
    await docsScreenshot(w.locator('[part=form]'), 'widget-name-taken');
    await alert.getByRole('button', { name: 'Change the name' }).click();
    const input = w.getByLabel('New service name');
    assert.equal(await isFocused(input), true);
    assert.equal(await input.isDisabled(), false);
    assert.equal(await alert.isVisible(), false);
    assertOnly(page, [409]);
    await page.context().close();
  });

  test('the fork deleted while waiting (404): "no longer exists", the next step is a new fork; no Retry', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-grafana');
    const name = 'errors-deleted';
    await w.getByLabel('New service name').fill(name);
    await w.getByRole('button', { name: 'Fork service' }).click();
    await w.locator('ol.phases li.current').waitFor({ timeout: 30_000 });
    const del = await api(sb, 'DELETE', `/v1/project/${PROJECT}/service/${name}`);
    assert.equal(del.status, 200, del.text);
    const alert = w.locator('.submit-alert');
    await alert.waitFor({ timeout: 30_000 });
    assert.deepEqual(await explanation(alert), {
      title: `${name} no longer exists`,
      message: `${name} was deleted from project demo-project before it was running. Start a new fork.`,
      details: 'code api_error · HTTP 404',
      buttons: ['New fork'],
    });
    assert.equal(await isFocused(alert.getByRole('button', { name: 'New fork' })), true);
    await assertAccessibleEverywhere(page, 'waiting failed: the fork was deleted');
    await alert.getByRole('button', { name: 'New fork' }).click();
    await w.locator('form').waitFor();
    assert.equal(await w.getByLabel('New service name').isDisabled(), false);
    assertOnly(page, [404]);
    await page.context().close();
  });
});

describe('words a user reads', () => {
  test('each thing said once; times as people read them, the window and its message alike; no field names', async () => {
    const page = await newPage(browser, sb);
    // Integrations and tags: listed under "Will not be copied", not repeated as warnings.
    let w = await openWidget(page, sb, 'demo-mysql');
    const src = await service(sb, 'demo-mysql');
    const integrations = src.service_integrations.map((i) => `Integration ${i.integration_type}: ${i.source_service} -> ${i.dest_service}`);
    const tags = Object.entries(src.tags).map(([k, v]) => `Tag ${k}=${v}`);
    assert.deepEqual(await w.locator('.notice.info li').allTextContents(), [...integrations, ...tags]);
    assert.equal(await w.locator('.notice.warn').isVisible(), false);
    assert.equal(await w.locator('.notice.warn li').count(), 0);
    assert.ok(!(await w.locator('[part=form]').textContent()).includes('copyTags'));
    await assertAccessibleEverywhere(page, 'not copied, said once');

    // A time outside the window: the message writes times as the hint does.
    w = await openWidget(page, sb, 'demo-pg');
    await w.getByLabel('Point in time').check();
    const time = w.getByLabel('Restore to (UTC)');
    const hint = await time.evaluate((el) => el.getRootNode().getElementById(el.getAttribute('aria-describedby').split(' ')[0]).textContent);
    const [, start, end] = /^From (.+ UTC) to (.+ UTC)\.$/.exec(hint);
    const early = new Date(Date.parse(`${start.replace(' UTC', 'Z').replace(' ', 'T')}`) - 86_400_000);
    await time.fill(localUtc(early).replace('T', ' '));
    const msg = w.locator('.msg [data-code=recovery_time_out_of_range]');
    await msg.waitFor();
    assert.equal(await msg.textContent(), `recovery time ${localUtc(early).replace('T', ' ')} UTC is outside the backup window ${start} to ${end}`);

    // A ClickHouse plan rule without the product's name in a sentence; the type by its one name.
    w = await openWidget(page, sb, 'demo-clickhouse');
    const planHint = await w.getByLabel('Plan').evaluate((el) => el.getRootNode().getElementById(el.getAttribute('aria-describedby').split(' ')[0]).textContent);
    assert.equal(planHint, 'The fork needs at least as many nodes as the source (3); plans with fewer nodes are not offered.');
    assert.equal(await w.locator('dl.facts dd').first().textContent(), 'ClickHouse');

    // What was copied, named for what it is.
    for (const [tab, words] of [['CLI (avn)', 'The avn command was copied.'], ['Terraform', 'The Terraform configuration was copied.']]) {
      await w.getByRole('tab', { name: tab }).click();
      await w.locator('[role=tabpanel]:not([hidden])').getByRole('button', { name: 'Copy' }).click();
      await w.locator('.copied', { hasText: words }).waitFor();
    }
    // A retired type: its one name, no article before it.
    w = await openWidget(page, sb, 'demo-cassandra');
    assert.equal(await w.locator('.sub').textContent(), 'Apache Cassandra · project demo-project');
    assert.deepEqual(await w.locator('.notice.error li').allTextContents(), [
      'Apache Cassandra is retired at Aiven: no new services since 2025-12-03, and every service was deleted on 2026-01-07; a fork would be a new service',
    ]);
    assert.ok(!(await w.locator('aiven-fork, [part=card]').first().textContent()).includes('A Apache'));
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
