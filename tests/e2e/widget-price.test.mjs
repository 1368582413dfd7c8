// <aiven-fork>'s plan choice shows the hourly price of the chosen plan in the chosen cloud:
// the price the library's report gives (from the plan list's regions.<cloud>.price_usd),
// updated as the plan and the cloud change, hidden when the plan list has none. Real
// pkg/web build in the system Chromium, the demo page, a sandbox of its own.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  PROJECT, assertNoAxeViolations, libraryReport, newPage, openWidget, plans, startSandboxAndBrowser,
  stopSandboxAndBrowser,
} from './helpers.mjs';

let sb;
let browser;
before(async () => ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 2 })));
after(() => stopSandboxAndBrowser({ sb, browser }));

test('the plan choice shows the report price, for each plan and cloud chosen', async () => {
  const page = await newPage(browser, sb);
  const w = await openWidget(page, sb, 'demo-pg');
  const price = w.locator('p.price');
  const plan = w.getByLabel('Plan');
  const cloud = w.getByLabel('Cloud');
  const priced = (await plans(sb, 'pg')).map((p) => [p.service_plan, p.regions]);

  // The source's plan in the source's cloud, as the library prices it.
  const name = await w.getByLabel('New service name').inputValue();
  const report = await libraryReport(page, sb, { project: PROJECT, serviceName: name, source: { service: 'demo-pg' } });
  assert.deepEqual(report.price, { plan: 'business-4', cloud: 'google-europe-west1', hourlyUsd: '0.2000' });
  assert.equal(await price.textContent(), '$0.2000 an hour (business-4 in google-europe-west1)');
  assert.equal(await price.isVisible(), true);
  assert.match(await plan.getAttribute('aria-describedby'), new RegExp(`\\b${await price.getAttribute('id')}\\b`));

  // Every plan, as the plan list prices it in that cloud.
  for (const [p, regions] of priced) {
    await plan.selectOption(p);
    assert.equal(await price.textContent(), `$${regions['google-europe-west1'].price_usd} an hour (${p} in google-europe-west1)`);
  }
  await plan.selectOption('startup-4');
  await cloud.selectOption('aws-eu-west-1');
  assert.equal(await price.textContent(), '$0.1100 an hour (startup-4 in aws-eu-west-1)');

  // A cloud the plan list does not price (the sandbox prices every cloud but this one): no price shown.
  await cloud.selectOption('upcloud-fi-hel1');
  assert.equal(await price.isVisible(), false);
  assert.equal(await price.textContent(), '');
  await cloud.selectOption('google-europe-west1');
  assert.equal(await price.textContent(), '$0.1000 an hour (startup-4 in google-europe-west1)');
  await assertNoAxeViolations(page, 'plan with its price');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
