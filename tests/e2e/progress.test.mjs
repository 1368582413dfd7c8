// The progress bar while a fork is being restored: a rebuild that stays in its phase until the
// test moves it on (sb.advance), so nothing here races a clock.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  PROJECT, assertNoAxeViolations, clearLog, createCalls, newPage, screenshots, service, startSandboxAndBrowser,
  stopSandboxAndBrowser,
} from './helpers.mjs';

let sb;
let browser;
before(async () => ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 600 })));
after(() => stopSandboxAndBrowser({ sb, browser }));

test('the progress bar follows the restore phases reported by the service', async () => {
  const page = await newPage(browser, sb);
  await page.goto(`${sb.url}/?project=${PROJECT}&service=demo-pg`);
  const w = page.locator('aiven-fork');
  await w.locator('form').waitFor();
  const name = await w.getByLabel('New service name').inputValue();
  await clearLog(sb);
  await w.getByRole('button', { name: 'Fork service' }).click();

  // The form is locked while the fork is under way; the bar is a labelled progressbar.
  const bar = w.getByRole('progressbar');
  await bar.waitFor();
  assert.equal(await w.getByLabel('New service name').isDisabled(), true);
  assert.equal(await w.getByRole('button', { name: 'Fork service' }).isVisible(), false);

  // Restoring the backup: 120 s of 600 is inside the second phase (10% to 70% of the rebuild):
  // second phase current, first done, the bar past the first quarter.
  await sb.advance(120);
  await w.locator('ol.phases li.current[data-phase=basebackup]').waitFor({ timeout: 60_000 });
  assert.deepEqual(await w.locator('ol.phases li.done').evaluateAll((ls) => ls.map((l) => l.dataset.phase)), ['prepare']);
  const now = Number(await bar.getAttribute('aria-valuenow'));
  assert.ok(now >= 25 && now < 50, `aria-valuenow ${now}`);
  assert.equal((await service(sb, name)).state, 'REBUILDING');
  assert.equal((await createCalls(sb)).length, 1);
  await assertNoAxeViolations(page, 'fork in progress');
  await screenshots(page, '08-pg-progress');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
