// <aiven-fork> when the API goes away: the demo page talks to the sandbox through a relay
// (tests/support/relay.mjs) that is stopped (connections refused and cut, as when the API
// server stops) and started again on the same port, the sandbox keeping its state behind
// it. The widget says the connection is lost within one poll, counts the time since the
// last answer, resumes by itself, offers Stop waiting during the submit and the wait, and a
// later open picks up the fork still being created. Forks stay REBUILDING until a test
// moves them on (sb.advance), so nothing here races a clock.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  PROJECT, announced, assertAccessibleEverywhere, clearLog, createCalls, docsScreenshot, isFocused, newPage, services,
  startSandboxAndBrowser, stopSandboxAndBrowser, submitFork, until, waitRunning,
} from './helpers.mjs';
import { startRelay } from '../support/relay.mjs';

let sb;
let relay;
let browser;

before(async () => {
  ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 600 }));
  relay = await startRelay(sb.url);
});

after(async () => {
  await relay?.stop();
  await stopSandboxAndBrowser({ sb, browser });
});

/** The demo page served through the relay: the widget's API (location.origin) is the relay. */
async function openThroughRelay(page, service = 'demo-pg') {
  await page.goto(`${relay.url}/?project=${PROJECT}&service=${service}`);
  const w = page.locator('aiven-fork');
  await w.locator('form').waitFor();
  return w;
}

/** The failed loads Chromium logs while the relay is down are expected; nothing else. */
function assertOnlyOutageProblems(page) {
  assert.deepEqual(page.problems.filter((p) => !/ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|Failed to load resource/.test(p)), []);
}

const LOST = /^Connection lost, retrying \(last answer (\d+) s ago\)\.$/;

describe('the API stops while a fork is being created', () => {
  test('"connection lost" after the first failed poll, the time since the last answer counting up; it resumes by itself when the API is back', async () => {
    const page = await newPage(browser, sb);
    const w = await openThroughRelay(page);
    const name = 'outage-wait';
    await submitFork(w, sb, name);
    const line = w.locator('.connection');
    assert.equal(await line.isVisible(), false);

    // Polls after the stop: the first goes out (and fails: the API is gone); the next one is
    // held back until the line has been checked. So the line can only come from the first
    // failed poll: at once, not after retries or a timeout.
    const isPoll = (url) => url.pathname === `/v1/project/${PROJECT}/service/${name}`;
    let stopped = false;
    let pollsAfterStop = 0;
    const held = [];
    await page.route(isPoll, (route) => {
      if (!stopped || pollsAfterStop++ === 0) return route.continue();
      held.push(route);
      return undefined;
    });
    stopped = true;
    await relay.stop();
    try {
      await line.waitFor({ state: 'visible', timeout: 15_000 });
      assert.ok(pollsAfterStop >= 1 && pollsAfterStop <= 2, `${pollsAfterStop} polls after the stop`);
      const first = LOST.exec(await line.textContent());
      assert.ok(first, await line.textContent());
      // Announced once, in the same words.
      assert.match(await announced(w), LOST);
      // Polling goes on as before: the held poll goes out (and fails too).
      await page.unroute(isPoll);
      for (const route of held) await route.continue();
      // The age counts up while nothing answers; waiting can be stopped.
      await until(async () => Number(LOST.exec(await line.textContent())?.[1]) >= Number(first[1]) + 2, 'the age counts up', { timeoutMs: 10_000 });
      assert.equal(await w.getByRole('button', { name: 'Stop waiting' }).isVisible(), true);
      await assertAccessibleEverywhere(page, 'connection lost while waiting');
      await docsScreenshot(w.locator('.progress-box'), 'widget-connection-lost');
    } finally {
      await relay.start();
    }
    // Back: the line goes, and that is announced; the wait goes on to RUNNING.
    await line.waitFor({ state: 'hidden', timeout: 15_000 });
    assert.equal(await announced(w), 'Connected again.');
    await sb.advance(600);
    await waitRunning(w, name);
    assert.equal((await createCalls(sb)).length, 1);
    assert.equal((await services(sb)).filter((s) => s.service_name === name).length, 1);
    assertOnlyOutageProblems(page);
    await page.context().close();
  });

  test('Stop waiting ends the wait (the fork goes on: exactly one service); the widget opened again follows it to RUNNING', async () => {
    const page = await newPage(browser, sb);
    const w = await openThroughRelay(page);
    const name = 'outage-stop';
    await submitFork(w, sb, name);
    await relay.stop();
    try {
      await w.locator('.connection').waitFor({ state: 'visible', timeout: 15_000 });
      await w.getByRole('button', { name: 'Stop waiting' }).click();
      const stopped = w.locator('.submit-alert');
      await stopped.waitFor();
      // A stop asked for is a status, not an alarm; Retry follows the fork again.
      assert.equal(await stopped.getAttribute('role'), 'status');
      assert.equal(await stopped.locator('.title').textContent(), `Stopped waiting for ${name}`);
      assert.equal(await stopped.locator('.message').textContent(),
        `${name} goes on at Aiven; this page finds it when opened again. Retry follows it again.`);
      assert.equal(await stopped.locator('.details').textContent(), 'code aborted');
      assert.equal(await isFocused(stopped.getByRole('button', { name: 'Retry' })), true);
      assert.equal(await w.getByRole('button', { name: 'Stop waiting' }).isVisible(), false);
      assert.equal(await w.locator('.connection').isVisible(), false);
      await assertAccessibleEverywhere(page, 'stopped waiting');
    } finally {
      await relay.start();
    }
    // The fork went on at Aiven: one service, still being created, one create.
    const forks = (await services(sb)).filter((s) => s.service_name === name);
    assert.deepEqual(forks.map((s) => s.state), ['REBUILDING']);
    assert.equal((await createCalls(sb)).length, 1);

    // Opened again later: the fork under way is offered, and followed to RUNNING.
    await clearLog(sb);
    const again = await openThroughRelay(page);
    assert.equal(await again.locator('.in-progress h4').textContent(), 'A fork of demo-pg is being created');
    assert.deepEqual(await again.locator('.in-progress li span').allTextContents(), [`${name} (REBUILDING)`]);
    await assertAccessibleEverywhere(page, 'a fork in progress offered');
    await again.getByRole('button', { name: `Follow ${name}` }).click();
    await again.locator('ol.phases li.current').waitFor({ timeout: 30_000 });
    await sb.advance(600);
    await waitRunning(again, name);
    assert.deepEqual(await createCalls(sb), []);
    assert.equal((await services(sb)).filter((s) => s.service_name === name).length, 1);
    assertOnlyOutageProblems(page);
    await page.context().close();
  });

  test('Stop waiting while the fork is being submitted: nothing reached Aiven; Retry sends it once the API is back', async () => {
    const page = await newPage(browser, sb);
    const w = await openThroughRelay(page);
    const name = 'outage-submit';
    await w.getByLabel('New service name').fill(name);
    await clearLog(sb);
    await relay.stop();
    try {
      await w.getByRole('button', { name: 'Fork service' }).click();
      // The client keeps checking whether the create went through; the user stops it.
      await w.getByRole('button', { name: 'Stop waiting' }).click();
      const stopped = w.locator('.submit-alert');
      await stopped.waitFor();
      assert.equal(await stopped.getAttribute('role'), 'status');
      assert.equal(await stopped.locator('.title').textContent(), `Stopped before ${name} was confirmed`);
      assert.equal(await stopped.locator('.message').textContent(),
        'If the request reached Aiven, the fork goes on there and this page finds it when opened again. '
        + 'Retry sends the same request: it never creates a second service.');
      assert.equal(await isFocused(stopped.getByRole('button', { name: 'Retry' })), true);
    } finally {
      await relay.start();
    }
    assert.deepEqual(await createCalls(sb), []);
    await w.getByRole('button', { name: 'Retry' }).click();
    await w.locator('ol.phases li.current').waitFor({ timeout: 30_000 });
    await sb.advance(600);
    await waitRunning(w, name);
    assert.equal((await createCalls(sb)).length, 1);
    assert.equal((await services(sb)).filter((s) => s.service_name === name).length, 1);
    assertOnlyOutageProblems(page);
    await page.context().close();
  });
});
