// <aiven-fork> for people in any time zone: Chromium run with TZ=Asia/Tokyo and with
// TZ=America/New_York. The point-in-time field is one 24-hour control, typed in UTC or in
// the user's zone; the window and the chosen moment are shown in both, side by side; what is
// typed is what is sent (the exact recovery_target_time, in UTC, in the ServiceCreate the
// sandbox receives); the suggested name carries the user's own date. Expected local times
// are worked out here with Node's own zone rules (process.env.TZ), not by the widget's code.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  PROJECT, api, assertAccessibleEverywhere, bodyOf, createCalls, docsScreenshot, ensurePackage,
  launchBrowser, localUtc, newPage, openWidget, startSandbox, submitFork,
} from './helpers.mjs';

const SOURCE = 'pitr-zones';
let sb;
// A closed window known to the second: the start has a fraction (shown rounded up).
const second = Math.floor(Date.now() / 1000) * 1000;
const start = new Date(second - 3 * 86_400_000 + 400);
const end = new Date(second - 5 * 3_600_000);

before(async () => {
  ensurePackage();
  sb = await startSandbox({ rebuildSecs: 600 });
  const add = await api(sb, 'POST', '/_sandbox/services', {
    project: PROJECT,
    service: { service_name: SOURCE, service_type: 'pg', plan: 'business-4', cloud_name: 'google-europe-west1', node_count: 2, state: 'RUNNING', user_config: {} },
    backups: [{ backup_name: 'b-1', backup_time: new Date(start.getTime() + 3_600_000).toISOString(), data_size: 1024 }],
    pitr: { primary_region: { pitr_range_start: start.toISOString(), pitr_range_end: end.toISOString() } },
  });
  assert.equal(add.status, 200, add.text);
});

after(async () => {
  await sb?.stop();
});

const pad = (n) => String(n).padStart(2, '0');

/** Node's view of `d` in `tz`: the wall time `YYYY-MM-DD HH:MM:SS` and the offset (`+09:00`). */
function inZone(tz, d) {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    const off = -d.getTimezoneOffset();
    const wall = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    const offset = `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
    return { wall, offset, date: wall.slice(0, 10).replaceAll('-', '') };
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

const utc = (d) => `${localUtc(d).replace('T', ' ')} UTC`;
const local = (tz, d) => `${inZone(tz, d).wall} UTC${inZone(tz, d).offset}`;
const ceilSecond = new Date(Math.ceil(start.getTime() / 1000) * 1000);

for (const tz of ['Asia/Tokyo', 'America/New_York']) {
  describe(`Chromium in ${tz}`, () => {
    let browser;
    before(async () => {
      browser = await launchBrowser({ tz });
    });
    after(async () => {
      await browser?.close();
    });

    test('the window in UTC and in the zone; a UTC time and a local time each sent as exactly that moment', async () => {
      const page = await newPage(browser, sb);
      assert.equal(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), tz);
      let w = await openWidget(page, sb, SOURCE);
      await w.getByLabel('Point in time').check();
      const time = w.getByLabel('Restore to (UTC)');
      const hintOf = () => time.evaluate((el) => el.getRootNode().getElementById(el.getAttribute('aria-describedby').split(' ')[0]).textContent);
      const echoOf = (input) => input.evaluate((el) => el.getRootNode().getElementById(el.getAttribute('aria-describedby').split(' ')[1]).textContent);
      assert.equal(await hintOf(),
        `From ${utc(ceilSecond)} to ${utc(end)}.In ${tz}: ${local(tz, ceilSecond)} to ${local(tz, end)}.`);
      assert.equal(await w.getByLabel('UTC', { exact: true }).isChecked(), true);
      assert.equal(await w.getByLabel(`${tz} (your time zone)`).isChecked(), false);
      // 24-hour text, preset an hour before the end, in the zone chosen (UTC).
      const preset = new Date(end.getTime() - 3_600_000);
      assert.equal(await time.inputValue(), utc(preset).slice(0, 19));

      // A UTC time typed: sent as it is.
      const t1 = new Date(second - 2 * 86_400_000 + 7_000);
      await time.fill(utc(t1).slice(0, 19));
      assert.equal(await echoOf(time), `Restores to ${utc(t1)} · ${local(tz, t1)} (${tz})`);
      const first = `zones-utc-${tz.split('/')[1].toLowerCase().replace('_', '-')}`;
      await submitFork(w, sb, first);
      let calls = await createCalls(sb);
      assert.equal(calls.length, 1);
      assert.equal(bodyOf(calls[0]).user_config.recovery_target_time, `${localUtc(t1)}+00:00`);

      // A time typed in the user's zone: the preset keeps its moment when the zone changes,
      // and what is sent is that local time in UTC.
      w = await openWidget(page, sb, SOURCE);
      await w.getByLabel('Point in time').check();
      await w.getByLabel(`${tz} (your time zone)`).check();
      const localTime = w.getByLabel(`Restore to (${tz})`);
      assert.equal(await localTime.inputValue(), inZone(tz, preset).wall);
      const t2 = new Date(second - 36 * 3_600_000 + 13_000);
      await localTime.fill(inZone(tz, t2).wall);
      assert.equal(await echoOf(localTime), `Restores to ${utc(t2)} · ${local(tz, t2)} (${tz})`);
      assert.match(await w.locator('[role=tabpanel]:not([hidden]) code').textContent(), new RegExp(`--recovery-target-time '${localUtc(t2)}\\+00:00'`));
      await assertAccessibleEverywhere(page, `a local time typed in ${tz}`);
      if (tz === 'Asia/Tokyo') await docsScreenshot(w.locator('.time-field'), 'widget-time-zones');
      const second2 = `zones-local-${tz.split('/')[1].toLowerCase().replace('_', '-')}`;
      await submitFork(w, sb, second2);
      calls = await createCalls(sb);
      assert.equal(calls.length, 1);
      assert.equal(bodyOf(calls[0]).service_name, second2);
      assert.equal(bodyOf(calls[0]).user_config.recovery_target_time, `${localUtc(t2)}+00:00`);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });

    test('the suggested name carries the date where the user is', async () => {
      const page = await newPage(browser, sb);
      const opened = new Date();
      const w = await openWidget(page, sb, 'demo-pg');
      const days = [...new Set([inZone(tz, opened).date, inZone(tz, new Date()).date])].map((d) => `demo-pg-fork-${d}`);
      const name = await w.getByLabel('New service name').inputValue();
      assert.ok(days.includes(name), `${name} is not one of ${days}`);
      // 07:06 on 29 November in Tokyo is 22:06 on the 28th in UTC and 17:06 on the 28th in New York.
      const got = await page.evaluate(async () => {
        const { suggestName } = await import('/pkg/widget/format.js');
        return suggestName('orders-db', [], new Date('2026-11-28T22:06:00Z'));
      });
      assert.equal(got, tz === 'Asia/Tokyo' ? 'orders-db-fork-20261129' : 'orders-db-fork-20261128');
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  });
}
