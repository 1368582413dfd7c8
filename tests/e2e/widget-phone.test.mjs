// <aiven-fork> on a phone and from the keyboard: at 390×844 a source that cannot be forked
// says why on the first screen of the widget (as the demo page brings it into view when a
// service is chosen), a type is called by one name everywhere, a source with nothing to
// restore from offers no recovery choice; a keyboard submit moves the focus to the progress
// (in view), RUNNING and errors are announced and the focus lands on the next action.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  PROJECT, announced, api, assertAccessibleEverywhere, clearLog, createCalls, docsScreenshot, isFocused, newPage,
  openWidget, startSandboxAndBrowser, stopSandboxAndBrowser, waitRunning,
} from './helpers.mjs';

let sb;
let browser;
before(async () => ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 600 })));
after(() => stopSandboxAndBrowser({ sb, browser }));

/** Whether `locator`'s box lies inside the viewport. */
async function inView(page, locator) {
  const box = await locator.boundingBox();
  const { height, width } = page.viewportSize();
  return !!box && box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width;
}

describe('a phone, 390 × 844', () => {
  test('a locked source says why on the first screen of the widget; the type has one name everywhere', async () => {
    const page = await newPage(browser, sb);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${sb.url}/?project=${PROJECT}`);
    // Chosen from the list, as a user does: the demo page brings the widget into view.
    const chip = page.locator('#services button.svc', { hasText: 'demo-kafka' });
    assert.equal(await chip.locator('.svc-meta').textContent(), 'Apache Kafka · business-4 · RUNNING');
    await chip.click();
    const w = page.locator('aiven-fork');
    const reason = w.locator('.notice.error', { hasText: 'cannot be forked' });
    await reason.waitFor();
    await page.waitForFunction(() => Math.abs(document.querySelector('aiven-fork').getBoundingClientRect().top) < 2);
    assert.equal(await reason.locator('h4').textContent(), 'This source cannot be forked');
    assert.deepEqual(await reason.locator('li').allTextContents(),
      ['Apache Kafka services cannot be forked: Aiven has no fork support for this type']);
    assert.equal(await inView(page, reason), true, 'the reason is on the first screen of the widget');
    assert.equal(await w.locator('.sub').textContent(), 'Apache Kafka · project demo-project');
    assert.equal(await w.locator('dl.facts dd').first().textContent(), 'Apache Kafka');
    assert.ok(!/\bkafka\b/.test(await w.locator('[part=card]').evaluate((el) => el.innerText.replace(/demo-kafka[-\w]*/g, ''))),
      'the API type name is not shown beside the product name');
    await assertAccessibleEverywhere(page, 'locked source on a phone');
    await docsScreenshot(page, 'widget-phone-locked');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('nothing to restore from: no "Latest backup" (or any) recovery choice', async () => {
    const page = await newPage(browser, sb);
    await page.setViewportSize({ width: 390, height: 844 });
    for (const source of ['demo-pg-nobackup', 'demo-redis-nopersist']) {
      const w = await openWidget(page, sb, source);
      assert.equal(await w.locator('input[type=radio][value]').count(), 0, source);
      assert.equal(await w.getByLabel(/Latest (backup|transaction)/).count(), 0, source);
      assert.equal(await w.locator('fieldset.field .hint').first().textContent(), 'Nothing to restore from: this source cannot be forked (see above).');
    }
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('the keyboard, 1440 × 900', () => {
  test('Enter submits: the focus moves to the progress, in view; RUNNING is announced and the focus is on New fork', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-pg');
    const name = 'phone-keyboard';
    const input = w.getByLabel('New service name');
    await input.fill(name);
    await clearLog(sb);
    await input.press('Enter');
    const progress = w.locator('.progress-box');
    await progress.waitFor();
    assert.equal(await isFocused(progress), true, 'the focus is on the progress, not on the page');
    await page.waitForFunction(() => {
      const box = document.querySelector('aiven-fork').shadowRoot.querySelector('.progress-box').getBoundingClientRect();
      return box.top >= 0 && box.bottom <= innerHeight;
    });
    assert.equal(await inView(page, progress), true);
    await w.locator('ol.phases li.current').waitFor({ timeout: 30_000 });
    await assertAccessibleEverywhere(page, 'submitted from the keyboard: progress focused');
    await sb.advance(600);
    await waitRunning(w, name);
    assert.equal(await announced(w), `${name} is running.`);
    assert.equal(await isFocused(w.getByRole('button', { name: 'New fork' })), true);
    assert.equal((await createCalls(sb)).length, 1);
    await assertAccessibleEverywhere(page, 'RUNNING, focus on New fork');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('an error after a keyboard submit is an alert and the focus is on its action', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-grafana');
    const name = 'phone-taken';
    const input = w.getByLabel('New service name');
    await input.fill(name);
    const add = await api(sb, 'POST', '/_sandbox/services', { project: PROJECT, service: { service_name: name, service_type: 'pg', plan: 'business-4' } });
    assert.equal(add.status, 200, add.text);
    await input.press('Enter');
    const alert = w.locator('.submit-alert[role=alert]');
    await alert.waitFor({ timeout: 30_000 });
    assert.equal(await isFocused(alert.getByRole('button', { name: 'Change the name' })), true);
    await page.keyboard.press('Enter');
    assert.equal(await isFocused(input), true);
    assert.deepEqual(page.problems.filter((p) => !/status of 409 /.test(p)), []);
    await page.context().close();
  });
});
