// <aiven-fork>'s cloud picker and a source in another project, to RUNNING: the clouds are
// read from the API (the project's list, grouped by region, the source's marked), a free
// text field when the list cannot be read (the browser refuses that one request), and a
// widget with source-project forks a service of one project into another.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  PROJECT, api, assertAccessibleEverywhere, bodyOf, createCalls, docsScreenshot, newPage, openWidget,
  service, startSandboxAndBrowser, stopSandboxAndBrowser, submitFork, waitRunning,
} from './helpers.mjs';

let sb;
let browser;
before(async () => ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 600 })));
after(() => stopSandboxAndBrowser({ sb, browser }));

describe('the cloud picker', () => {
  test('the project\'s clouds by region, the source\'s marked; the one chosen is the fork\'s, to RUNNING', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-pg');
    const cloud = w.getByLabel('Cloud');
    const clouds = (await api(sb, 'GET', `/v1/project/${PROJECT}/clouds`)).json.clouds;
    // Grouped by region (Aiven's geo_region, as people write it), in the API's order.
    const groups = await cloud.evaluate((el) => [...el.querySelectorAll('optgroup')].map((g) => ({
      label: g.label, options: [...g.querySelectorAll('option')].map((o) => [o.value, o.textContent]),
    })));
    const region = { europe: 'Europe', 'north america': 'North America', 'east asia': 'East Asia' };
    const expected = [];
    for (const c of clouds) {
      let g = expected.find((x) => x.label === region[c.geo_region]);
      if (!g) expected.push(g = { label: region[c.geo_region], options: [] });
      g.options.push([c.cloud_name, `${c.cloud_name} (${c.cloud_description})${c.cloud_name === 'google-europe-west1' ? ' · current' : ''}`]);
    }
    assert.deepEqual(groups, expected);
    assert.equal(await cloud.inputValue(), 'google-europe-west1');
    await cloud.selectOption('google-asia-northeast1');
    assert.equal(await w.locator('p.price').textContent(), '$0.2000 an hour (business-4 in google-asia-northeast1)');
    await assertAccessibleEverywhere(page, 'a cloud chosen from the list');
    await w.scrollIntoViewIfNeeded();
    await docsScreenshot(page, 'widget');
    const name = 'cloud-tokyo';
    await submitFork(w, sb, name);
    await sb.advance(600);
    await waitRunning(w, name);
    const calls = await createCalls(sb);
    assert.equal(calls.length, 1);
    assert.equal(bodyOf(calls[0]).cloud, 'google-asia-northeast1');
    assert.deepEqual([(await service(sb, name)).cloud_name, (await service(sb, name)).state], ['google-asia-northeast1', 'RUNNING']);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('when the list cannot be read: a text field, and the cloud typed is sent', async () => {
    const page = await newPage(browser, sb);
    // The browser refuses just this request (a proxy that does not forward it, say).
    await page.route(`${sb.url}/v1/project/${PROJECT}/clouds`, (route) => route.abort('failed'));
    const w = await openWidget(page, sb, 'demo-valkey');
    const cloud = w.getByLabel('Cloud');
    assert.equal(await cloud.evaluate((el) => el.tagName), 'INPUT');
    assert.equal(await cloud.inputValue(), 'google-europe-west1');
    const hint = await cloud.evaluate((el) => el.getRootNode().getElementById(el.getAttribute('aria-describedby').split(' ')[0]).textContent);
    assert.equal(hint, 'The project’s cloud list could not be read: type a cloud name, e.g. google-europe-west1.');
    await cloud.fill('aws-us-east-1');
    await assertAccessibleEverywhere(page, 'cloud list unreadable: free text');
    const name = 'cloud-typed';
    await submitFork(w, sb, name);
    assert.equal(bodyOf((await createCalls(sb))[0]).cloud, 'aws-us-east-1');
    await page.unroute(`${sb.url}/v1/project/${PROJECT}/clouds`);
    assert.deepEqual(page.problems.filter((p) => !/ERR_FAILED|Failed to load resource/.test(p)), []);
    await page.context().close();
  });
});

describe('a source in another project', () => {
  test('source-project: the source read where it is, the fork made in the widget\'s project, to RUNNING', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-pg');
    await w.evaluate((el) => {
      el.sourceProject = 'demo-project';
      el.project = 'demo-project-2';
    });
    await w.locator('.sub', { hasText: 'forks go to' }).waitFor();
    assert.equal(await w.locator('.sub').textContent(), 'PostgreSQL · project demo-project · forks go to project demo-project-2');
    assert.equal(await w.getAttribute('source-project'), 'demo-project');
    const warning = w.locator('.notice.warn li[data-code=cross_project_fork]');
    assert.equal(await warning.textContent(),
      'forking across projects (from demo-project into demo-project-2) works only when both projects are in the same organization; Aiven decides');
    await assertAccessibleEverywhere(page, 'a source in another project');
    const name = 'across-projects';
    await submitFork(w, sb, name);
    await sb.advance(600);
    await waitRunning(w, name);
    const calls = await createCalls(sb, 'demo-project-2');
    assert.equal(calls.length, 1);
    assert.deepEqual(bodyOf(calls[0]).user_config, { ...bodyOf(calls[0]).user_config, service_to_fork_from: 'demo-pg', project_to_fork_from: 'demo-project' });
    const fork = await service(sb, name, 'demo-project-2');
    assert.deepEqual([fork.state, fork.user_config.service_to_fork_from, fork.user_config.project_to_fork_from], ['RUNNING', 'demo-pg', 'demo-project']);
    assert.deepEqual(await createCalls(sb, PROJECT), []);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
