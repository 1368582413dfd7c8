// The demo page stays in step with the widget, as a host app would: the list is the
// project in the field (a project the token cannot read empties it and closes the widget:
// nothing of the old project can be forked), and it is read again when the widget says a
// fork was created and when it is running (the widget's aiven-fork-* events).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  PROJECT, assertNoAxeViolations, newPage, startSandboxAndBrowser, stopSandboxAndBrowser, waitRunning,
} from './helpers.mjs';

let sb;
let browser;
before(async () => ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 600 })));
after(() => stopSandboxAndBrowser({ sb, browser }));

/** The demo page's list: [name, meta] per service. */
function listed(page) {
  return page.locator('#services button.svc').evaluateAll((bs) => bs.map((b) => [b.querySelector('.svc-name').textContent, b.querySelector('.svc-meta').textContent]));
}

test('another project: a project the token cannot read closes the widget; one it can read lists its own services', async () => {
  const page = await newPage(browser, sb);
  await page.goto(`${sb.url}/?project=${PROJECT}&service=demo-pg`);
  const w = page.locator('aiven-fork');
  await w.locator('form').waitFor();
  await page.locator('#project').fill('nobody-s-project');
  await page.getByRole('button', { name: 'Load services' }).click();
  await page.locator('#services-status', { hasText: 'Could not list services' }).waitFor();
  assert.equal(await page.locator('#services-status').textContent(), 'Could not list services: Not a project member');
  // Nothing of demo-project stays forkable.
  assert.equal(await w.isVisible(), false);
  assert.equal(await w.getAttribute('service'), null);
  assert.deepEqual(await listed(page), []);
  assert.equal(await page.locator('#pick').textContent(), 'Nothing to fork: the services of nobody-s-project could not be read.');
  assert.equal(new URL(page.url()).searchParams.get('service'), null);
  await assertNoAxeViolations(page, 'demo: a project the token cannot read');

  await page.locator('#project').fill('other-org-project');
  await page.getByRole('button', { name: 'Load services' }).click();
  await page.locator('#services-status', { hasText: 'in other-org-project' }).waitFor();
  assert.deepEqual(await listed(page), [['other-pg', 'PostgreSQL · business-4 · RUNNING']]);
  assert.equal(await w.isVisible(), false);
  assert.deepEqual(page.problems.filter((p) => !/status of 403 /.test(p)), []);
  await page.context().close();
});

test('a fork made in the widget appears in the list when created, and RUNNING when it is', async () => {
  const page = await newPage(browser, sb);
  await page.goto(`${sb.url}/?project=${PROJECT}&service=demo-grafana`);
  const w = page.locator('aiven-fork');
  await w.locator('form').waitFor();
  const name = 'demo-list-refresh';
  assert.ok(!(await listed(page)).some(([n]) => n === name));
  await w.getByLabel('New service name').fill(name);
  await w.getByRole('button', { name: 'Fork service' }).click();
  const row = page.locator('#services button.svc', { hasText: name });
  await row.waitFor({ timeout: 15_000 });
  assert.equal(await row.locator('.svc-meta').textContent(), 'Grafana · startup-1 · REBUILDING');
  // The chosen service stays chosen; the widget is not reset by the page.
  assert.equal(await page.locator('#services button[aria-pressed=true] .svc-name').textContent(), 'demo-grafana');
  await sb.advance(600);
  await waitRunning(w, name);
  await row.locator('.svc-meta', { hasText: 'RUNNING' }).waitFor({ timeout: 15_000 });
  assert.equal(await row.locator('.svc-meta').textContent(), 'Grafana · startup-1 · RUNNING');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
