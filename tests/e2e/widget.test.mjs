// <aiven-fork> end to end: the demo page and the widget in the system Chromium, the real
// pkg/web build, against a sandbox of its own. Every fork is checked in the sandbox's
// request log and service list; every refusal is checked to have sent no ServiceCreate.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  PROJECT, api, assertNoAxeViolations, backups, bodyOf, clearLog, createCalls, libraryReport, localUtc, messagesOf,
  newPage, openWidget, pageTexts, parseAiven, plans, screenshots, service, services, setFaults, startSandboxAndBrowser,
  stopSandboxAndBrowser, waitRunning,
} from './helpers.mjs';

let sb;
let browser;
before(async () => ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 2 })));
after(() => stopSandboxAndBrowser({ sb, browser }));

function assertNoProblems(page, allowed = null) {
  const problems = allowed ? page.problems.filter((p) => !allowed.test(p)) : page.problems;
  assert.deepEqual(problems, [], 'page errors / console errors');
}

/** A time inside the PITR window with non-zero seconds, as the control shows it (UTC). */
async function timeInWindow(name) {
  const b = await backups(sb, name);
  const start = parseAiven(b.pitr.primary_region.pitr_range_start);
  const end = b.pitr.primary_region.pitr_range_end ? parseAiven(b.pitr.primary_region.pitr_range_end) : new Date();
  const t = new Date(Math.floor((start.getTime() + (end.getTime() - start.getTime()) / 2) / 1000) * 1000);
  if (t.getUTCSeconds() === 0) t.setUTCSeconds(7);
  return { start, end, time: t };
}

describe('demo page', () => {
  test('lists the demo project services and opens the widget for the chosen one', async () => {
    const page = await newPage(browser, sb);
    await page.goto(sb.url + '/');
    const expected = (await services(sb)).map((s) => s.service_name).sort();
    const buttons = page.locator('#services button.svc');
    await buttons.first().waitFor();
    const names = await page.locator('#services .svc-name').allTextContents();
    assert.deepEqual(names, [...expected].sort((a, b) => a.localeCompare(b)));
    assert.ok(names.includes('demo-pg'));
    await assertNoAxeViolations(page, 'demo page, nothing chosen');
    await page.locator('#services button.svc', { hasText: 'demo-mysql' }).click();
    const w = page.locator('aiven-fork');
    await w.locator('form').waitFor();
    assert.equal(await w.locator('h2').textContent(), 'demo-mysql');
    assert.equal(await page.locator('#services button[aria-pressed=true] .svc-name').textContent(), 'demo-mysql');
    assertNoProblems(page);
    await page.context().close();
  });
});

describe('forks', () => {
  test('pg to a point in time: source, window, name suggestion, exact ServiceCreate, progress until RUNNING', async () => {
    const page = await newPage(browser, sb);
    const opened = new Date();
    const w = await openWidget(page, sb, 'demo-pg');
    const src = await service(sb, 'demo-pg');
    // Source summary.
    const facts = await w.locator('dl.facts dd').allTextContents();
    assert.equal(facts[1], src.plan);
    assert.equal(facts[2], src.cloud_name);
    assert.equal(facts[3], String(src.node_count));
    assert.equal(facts[4], src.state);
    // Backups listed.
    const b = await backups(sb, 'demo-pg');
    assert.equal(await w.locator('ul.backup-list li').count(), b.backups.length);
    // Name suggestion: <source>-fork-YYYYMMDD (UTC), not taken. The widget read its clock
    // between `opened` and now: either day, if midnight passed in between.
    const day = (d) => d.toISOString().slice(0, 10).replaceAll('-', '');
    const name = await w.getByLabel('New service name').inputValue();
    const days = [...new Set([day(opened), day(new Date())])].map((d) => `demo-pg-fork-${d}`);
    assert.ok(days.includes(name), `${name} is not one of ${days}`);
    await assertNoAxeViolations(page, 'pg loaded');
    await screenshots(page, '01-pg-loaded');

    // Point in time: the control is limited to the window and read as UTC.
    await w.getByLabel('Point in time').check();
    const time = w.getByLabel('Restore to (UTC)');
    await time.waitFor();
    const { start, time: t } = await timeInWindow('demo-pg');
    // The window in the library's words for people: the start rounded up to the second, the
    // end (demo-pg's runs to now) read between opening the widget and now.
    const people = (d) => `${localUtc(d).replace('T', ' ')} UTC`;
    const hint = await time.evaluate((el) => el.getRootNode().getElementById(el.getAttribute('aria-describedby').split(' ')[0]).textContent);
    const m = /^From (.+ UTC) to (.+ UTC)\.$/.exec(hint);
    assert.ok(m, hint);
    assert.equal(m[1], people(new Date(Math.ceil(start.getTime() / 1000) * 1000)));
    assert.ok(m[2] >= people(new Date(Math.floor(opened.getTime() / 1000) * 1000)) && m[2] <= people(new Date()), `end ${m[2]} outside ${people(opened)} .. now`);
    await time.fill(localUtc(t));
    assert.deepEqual(await messagesOf(time), { invalid: null, messages: [] });
    // The equivalents describe the same fork, with the same time.
    const cli = await w.locator('[role=tabpanel]:not([hidden]) code').textContent();
    assert.ok(cli.includes(name), cli);
    assert.ok(cli.includes(`${localUtc(t)}+00:00`), cli);

    await clearLog(sb);
    await w.getByRole('button', { name: 'Fork service' }).click();
    await waitRunning(w, name);
    const progress = w.locator('progress');
    assert.equal(await progress.getAttribute('aria-valuenow'), '100');
    const calls = await createCalls(sb);
    assert.equal(calls.length, 1);
    const body = bodyOf(calls[0]);
    assert.equal(body.service_name, name);
    assert.equal(body.service_type, 'pg');
    assert.equal(body.plan, src.plan);
    assert.equal(body.cloud, src.cloud_name);
    assert.equal(body.user_config.service_to_fork_from, 'demo-pg');
    assert.equal(body.user_config.recovery_target_time, `${localUtc(t)}+00:00`);
    assert.equal(body.user_config.recovery_basebackup_name, undefined);
    const fork = await service(sb, name);
    assert.equal(fork.state, 'RUNNING');
    await assertNoAxeViolations(page, 'pg running');
    await screenshots(page, '05-pg-running');
    // A new fork: the suggestion skips the name just taken.
    await w.getByRole('button', { name: 'New fork' }).click();
    await w.locator('form').waitFor();
    assert.equal(await w.getByLabel('New service name').inputValue(), `${name}-2`);
    assertNoProblems(page);
    await page.context().close();
  });

  test('mysql from latest: lists the integrations that will not be copied', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-mysql');
    assert.equal(await w.getByLabel('Latest transaction').isChecked(), true);
    const src = await service(sb, 'demo-mysql');
    const integrations = (src.service_integrations || []).filter((i) => i.active !== false);
    assert.ok(integrations.length > 0, 'demo-mysql has integrations');
    const notCopied = await w.locator('.notice.info li[data-kind=integration]').allTextContents();
    assert.equal(notCopied.length, integrations.length);
    for (const i of integrations) {
      const other = i.source_service === 'demo-mysql' ? i.dest_service : i.source_service;
      assert.ok(notCopied.some((t) => t.includes(other)), `${other} in ${JSON.stringify(notCopied)}`);
    }
    // Tags are not copied unless asked; asking removes them from the list.
    const tagKeys = Object.keys(src.tags || {});
    assert.ok(tagKeys.length > 0, 'demo-mysql has tags');
    assert.equal(await w.locator('.notice.info li[data-kind=tags]').count(), tagKeys.length);
    await assertNoAxeViolations(page, 'mysql: integrations and tags not copied');
    await w.getByLabel(/^Copy the source’s \d+ tags?$/).check();
    assert.equal(await w.locator('.notice.info li[data-kind=tags]').count(), 0);
    const name = await w.getByLabel('New service name').inputValue();
    await clearLog(sb);
    await w.getByRole('button', { name: 'Fork service' }).click();
    await waitRunning(w, name);
    const calls = await createCalls(sb);
    assert.equal(calls.length, 1);
    const body = bodyOf(calls[0]);
    assert.equal(body.service_name, name);
    assert.equal(body.service_type, 'mysql');
    assert.equal(body.copy_tags, true);
    assert.equal(body.user_config.service_to_fork_from, 'demo-mysql');
    assert.equal(body.user_config.recovery_target_time, undefined);
    assert.equal((await service(sb, name)).state, 'RUNNING');
    assertNoProblems(page);
    await page.context().close();
  });

  test('clickhouse from a named backup with a plan that has enough nodes; fewer-node plans are not offered', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-clickhouse');
    const src = await service(sb, 'demo-clickhouse');
    // Only latest and named backup: no point in time for ClickHouse.
    assert.equal(await w.getByLabel('Point in time').count(), 0);
    const all = await plans(sb, 'clickhouse');
    const options = await w.getByLabel('Plan').locator('option').evaluateAll((os) =>
      os.map((o) => ({ value: o.value, disabled: o.disabled })));
    assert.deepEqual(
      [...options].sort((a, b) => a.value.localeCompare(b.value)),
      all.map((p) => ({ value: p.service_plan, disabled: p.node_count < src.node_count }))
        .sort((a, b) => a.value.localeCompare(b.value)),
    );
    const bigger = all.find((p) => p.node_count >= src.node_count && p.service_plan !== src.plan);
    assert.ok(bigger, 'a plan with enough nodes exists');
    await w.getByLabel('Plan').selectOption(bigger.service_plan);

    await w.getByLabel('Named backup').check();
    const b = await backups(sb, 'demo-clickhouse');
    const chosen = b.backups[0].backup_name;
    await w.getByLabel('Backup', { exact: true }).selectOption(chosen);
    await assertNoAxeViolations(page, 'clickhouse named backup');
    await screenshots(page, '02-clickhouse-backup');

    const name = await w.getByLabel('New service name').inputValue();
    await clearLog(sb);
    await w.getByRole('button', { name: 'Fork service' }).click();
    await waitRunning(w, name);
    const calls = await createCalls(sb);
    assert.equal(calls.length, 1);
    const body = bodyOf(calls[0]);
    assert.equal(body.service_name, name);
    assert.equal(body.service_type, 'clickhouse');
    assert.equal(body.plan, bigger.service_plan);
    assert.equal(body.user_config.service_to_fork_from, 'demo-clickhouse');
    assert.equal(body.user_config.recovery_basebackup_name, chosen);
    assert.equal((await service(sb, name)).plan, bigger.service_plan);
    assertNoProblems(page);
    await page.context().close();
  });

  test('opensearch with SSO: the warning is shown and the fork goes through', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-opensearch');
    const warning = w.locator('.notice.warn li[data-code=sso_not_copied]');
    await warning.waitFor();
    assert.equal(
      await warning.textContent(),
      'single sign-on is not copied to a forked OpenSearch service (saml, openid): it is bound to the old URLs; configure it on the fork or users may lose access',
    );
    const sso = await w.locator('.notice.info li[data-kind=sso]').allTextContents();
    assert.deepEqual(sso, ['Single sign-on saml', 'Single sign-on openid']);
    await assertNoAxeViolations(page, 'opensearch sso warning');
    await screenshots(page, '03-opensearch-sso');
    const name = await w.getByLabel('New service name').inputValue();
    await clearLog(sb);
    await w.getByRole('button', { name: 'Fork service' }).click();
    await waitRunning(w, name);
    const calls = await createCalls(sb);
    assert.equal(calls.length, 1);
    assert.equal(bodyOf(calls[0]).user_config.service_to_fork_from, 'demo-opensearch');
    assertNoProblems(page);
    await page.context().close();
  });
});

describe('the point-in-time control', () => {
  test('is limited to exactly the source\'s window, read as UTC', async () => {
    // A PostgreSQL source whose window is closed and known to the second.
    const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 3 * 86_400_000 + 400); // a fraction: min rounds up
    const end = new Date(Math.floor(Date.now() / 1000) * 1000 - 5 * 3_600_000);
    const add = await api(sb, 'POST', '/_sandbox/services', {
      project: PROJECT,
      service: { service_name: 'pitr-closed', service_type: 'pg', plan: 'business-4', cloud_name: 'google-europe-west1', node_count: 2, state: 'RUNNING', user_config: {} },
      backups: [{ backup_name: 'b-1', backup_time: new Date(start.getTime() + 3_600_000).toISOString(), data_size: 1024 }],
      pitr: { primary_region: { pitr_range_start: start.toISOString(), pitr_range_end: end.toISOString() } },
    });
    assert.equal(add.status, 200, add.text);
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'pitr-closed');
    await w.getByLabel('Point in time').check();
    const time = w.getByLabel('Restore to (UTC)');
    await time.waitFor();
    // A 24-hour text control, preset one hour before the end, in UTC.
    assert.equal(await time.getAttribute('type'), 'text');
    assert.equal(await time.getAttribute('placeholder'), 'YYYY-MM-DD HH:MM:SS');
    assert.equal(await time.inputValue(), localUtc(new Date(end.getTime() - 3_600_000)).replace('T', ' '));
    const hint = await time.evaluate((el) => el.getRootNode().getElementById(el.getAttribute('aria-describedby').split(' ')[0]).textContent);
    const utc = (d) => `${localUtc(d).replace('T', ' ')} UTC`;
    // The start rounded up to the whole second (the fraction is in the window), the end as it is.
    assert.equal(hint, `From ${utc(new Date(start.getTime() - 400 + 1000))} to ${utc(end)}.`);
    // One second past either end is out of range; each end itself is not.
    for (const [value, codes] of [
      [localUtc(new Date(end.getTime() + 1000)), ['recovery_time_out_of_range']],
      [localUtc(end), []],
      [localUtc(new Date(start.getTime() - 400)), ['recovery_time_out_of_range']],
      [localUtc(new Date(start.getTime() - 400 + 1000)), []],
    ]) {
      await time.fill(value);
      assert.deepEqual((await messagesOf(time)).messages.map((m) => m.code), codes, value);
    }
    await api(sb, 'DELETE', `/v1/project/${PROJECT}/service/pitr-closed`);
    assertNoProblems(page);
    await page.context().close();
  });
});

describe('refused before any request is sent', () => {
  test('a time outside the window', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-pg');
    await w.getByLabel('Point in time').check();
    const time = w.getByLabel('Restore to (UTC)');
    const { start } = await timeInWindow('demo-pg');
    const early = new Date(start.getTime() - 86_400_000 - 13_000);
    await time.fill(localUtc(early));
    const shown = await messagesOf(time);
    assert.equal(shown.invalid, 'true');
    assert.deepEqual(shown.messages.map((m) => m.code), ['recovery_time_out_of_range']);
    const name = await w.getByLabel('New service name').inputValue();
    const lib = await libraryReport(page, sb, {
      project: PROJECT, serviceName: name, plan: (await service(sb, 'demo-pg')).plan,
      cloud: (await service(sb, 'demo-pg')).cloud_name, source: { service: 'demo-pg' },
      recovery: { mode: 'time', time: `${localUtc(early)}+00:00` },
    });
    // The library's own message (the open end of the window is "now", so times are masked),
    // its times written for people.
    const mask = (m) => m.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? UTC/g, '<time>');
    assert.deepEqual(shown.messages.map((m) => ({ ...m, message: mask(m.message) })),
      lib.errors.map((e) => ({ code: e.code, message: mask(e.message) })));
    assert.ok(shown.messages[0].message.startsWith(`recovery time ${localUtc(early).replace('T', ' ')} UTC is outside the backup window `), shown.messages[0].message);
    await assertNoAxeViolations(page, 'time out of range');
    await screenshots(page, '04-pg-time-out-of-range');

    await clearLog(sb);
    await w.getByRole('button', { name: 'Fork service' }).click();
    // Refused: the invalid field gets the focus, nothing is sent.
    assert.equal(await time.evaluate((el) => el.getRootNode().activeElement === el), true);
    assert.deepEqual(await createCalls(sb), []);
    assert.equal(await w.locator('.progress-box').isVisible(), false);
    assertNoProblems(page);
    await page.context().close();
  });

  test('a taken name', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-pg');
    const nameInput = w.getByLabel('New service name');
    await nameInput.fill('demo-mysql');
    const shown = await messagesOf(nameInput);
    assert.equal(shown.invalid, 'true');
    assert.deepEqual(shown.messages.map((m) => m.code), ['name_taken']);
    assert.ok(shown.messages[0].message.includes('demo-mysql'), shown.messages[0].message);
    await assertNoAxeViolations(page, 'taken name');
    // The equivalents are withheld while the fork is invalid.
    assert.match(await w.locator('[role=tabpanel]:not([hidden]) code').textContent(), /^# Fix the problems above/);
    await clearLog(sb);
    await w.getByRole('button', { name: 'Fork service' }).click();
    assert.deepEqual(await createCalls(sb), []);
    // An invalid name too, and the source's own name.
    await nameInput.fill('Bad_Name');
    assert.deepEqual((await messagesOf(nameInput)).messages.map((m) => m.code), ['invalid_service_name']);
    await nameInput.fill('demo-pg');
    const own = (await messagesOf(nameInput)).messages.map((m) => m.code);
    assert.ok(own.includes('name_equals_source') || own.includes('name_taken'), JSON.stringify(own));
    await w.getByRole('button', { name: 'Fork service' }).click();
    assert.deepEqual(await createCalls(sb), []);
    assertNoProblems(page);
    await page.context().close();
  });

  test('a plan with fewer nodes (clickhouse), even when forced into the control', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-clickhouse');
    const src = await service(sb, 'demo-clickhouse');
    const smaller = (await plans(sb, 'clickhouse')).find((p) => p.node_count < src.node_count);
    const plan = w.getByLabel('Plan');
    // Not offered: disabled, in a group that says why.
    const opt = plan.locator(`option[value="${smaller.service_plan}"]`);
    assert.equal(await opt.isDisabled(), true);
    assert.match(await opt.evaluate((o) => o.parentElement.label), /fewer nodes/);
    // Forced anyway (as a crafted page could): the library's rule still refuses it.
    await opt.evaluate((o) => {
      o.disabled = false;
    });
    await plan.selectOption(smaller.service_plan);
    const shown = await messagesOf(plan);
    assert.equal(shown.invalid, 'true');
    assert.deepEqual(shown.messages.map((m) => m.code), ['fewer_nodes']);
    await assertNoAxeViolations(page, 'forced fewer-nodes plan');
    await clearLog(sb);
    await w.getByRole('button', { name: 'Fork service' }).click();
    assert.deepEqual(await createCalls(sb), []);
    assertNoProblems(page);
    await page.context().close();
  });

  for (const [source, codes] of [
    ['demo-pg-nobackup', ['source_has_no_backup']],
    ['demo-kafka', ['service_type_not_forkable']],
    ['demo-redis-nopersist', ['service_type_retired']],
  ]) {
    test(`a source that cannot be forked (${source}) says why and sends nothing`, async () => {
      const page = await newPage(browser, sb);
      const w = await openWidget(page, sb, source);
      const errors = w.locator('.notice.error li[data-code]');
      await errors.first().waitFor();
      assert.deepEqual(await errors.evaluateAll((ls) => ls.map((l) => l.dataset.code)), codes);
      // Nothing in the form can fix the source: the form is locked and cannot submit.
      await clearLog(sb);
      const submit = w.getByRole('button', { name: 'Fork service' });
      assert.equal(await submit.isDisabled(), true);
      assert.equal(await w.getByLabel('New service name').isDisabled(), true);
      await submit.click({ force: true });
      await w.locator('form').evaluate((f) => f.requestSubmit());
      assert.deepEqual(await createCalls(sb), []);
      await assertNoAxeViolations(page, `cannot fork ${source}`);
      if (source === 'demo-kafka') await screenshots(page, '09-kafka-not-forkable');
      assertNoProblems(page);
      await page.context().close();
    });
  }
});

describe('failures', () => {
  test('a 5xx during submit, then Retry: exactly one fork in the sandbox', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-pg');
    const name = 'demo-pg-retry';
    await w.getByLabel('New service name').fill(name);
    await clearLog(sb);
    // The create succeeds but answers 5xx; the existence checks that follow are answered
    // 429 (with no wait) until the client gives up, so the widget shows the failure.
    await setFaults(sb, { only: 'all', retryAfterSecs: 0, next: ['5xx_after_create', ...Array(30).fill('429')] });
    await w.getByRole('button', { name: 'Fork service' }).click();
    const alert = w.locator('.submit-alert');
    try {
      await alert.waitFor({ state: 'visible', timeout: 60_000 });
    } finally {
      await setFaults(sb, { next: [], only: 'create' });
    }
    assert.equal(await alert.getAttribute('role'), 'alert');
    // The library's explanation: transient, so Retry, and nothing contradicts it.
    assert.equal(await alert.locator('.title').textContent(), `The fork ${name} was not confirmed`);
    assert.equal(await alert.locator('.message').textContent(),
      `The API asked to slow down (too many requests). It is not known whether ${name} was created. Retry checks first and never creates a second service.`);
    assert.equal(await alert.locator('.details').textContent(), 'code rate_limited · HTTP 429');
    // The create did go through before the 5xx: the service exists already.
    const first = await createCalls(sb);
    assert.equal(first.length, 1);
    assert.equal(first[0].status, 502);
    assert.equal((await services(sb)).filter((s) => s.service_name === name).length, 1);
    await assertNoAxeViolations(page, 'submit failed');
    await screenshots(page, '06-pg-retry');
    await w.getByRole('button', { name: 'Retry' }).click();
    await waitRunning(w, name);
    await assertNoAxeViolations(page, 'RUNNING after Retry');
    const forks = (await services(sb)).filter((s) => s.service_name === name);
    assert.equal(forks.length, 1);
    // Both attempts sent the very same request body.
    const calls = await createCalls(sb);
    assert.equal(calls.length, 2);
    assert.equal(calls[1].status, 409);
    assert.deepEqual(bodyOf(calls[1]), bodyOf(calls[0]));
    // The injected failures are logged by the browser as failed loads; nothing else may be.
    assertNoProblems(page, /^console: Failed to load resource: the server responded with a status of (502|429|409) /);
    await page.context().close();
  });
});

describe('safety', () => {
  test('names holding HTML appear literally', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const add = await api(sb, 'POST', '/_sandbox/services', {
      project: PROJECT,
      service: {
        service_name: 'html-names',
        service_type: 'grafana',
        plan: 'startup-1',
        cloud_name: '<b>cloud</b>',
        node_count: 1,
        state: 'RUNNING',
        user_config: {},
        tags: {},
        service_integrations: [
          { integration_type: 'dashboard', source_service: 'html-names', dest_service: `<i>${evil}</i>`, active: true, enabled: true },
        ],
      },
      backups: [{ backup_name: `<script>window.__pwned=2</script>`, backup_time: new Date(Date.now() - 3600_000).toISOString(), data_size: 1024 }],
    });
    assert.ok(add.status >= 200 && add.status < 300, `${add.status} ${add.text}`);
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'html-names');
    assert.deepEqual(await w.locator('ul.backup-list .bname').allTextContents(), ['<script>window.__pwned=2</script>']);
    const integ = await w.locator('.notice.info li[data-kind=integration]').allTextContents();
    assert.equal(integ.length, 1);
    assert.ok(integ[0].includes(`<i>${evil}</i>`), integ[0]);
    assert.equal(await w.locator('dl.facts dd').nth(2).textContent(), '<b>cloud</b>');
    const injected = await w.evaluate((el) => el.shadowRoot.querySelectorAll('img, script, i, b').length);
    assert.equal(injected, 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await screenshots(page, '07-html-names');
    // A service whose very name holds HTML is listed literally by the demo page.
    const weird = '<img src=x onerror="window.__pwned=3">';
    const add2 = await api(sb, 'POST', '/_sandbox/services', {
      project: PROJECT, service: { service_name: weird, service_type: 'pg', plan: 'startup-4', state: 'RUNNING' },
    });
    assert.ok(add2.status >= 200 && add2.status < 300, `${add2.status} ${add2.text}`);
    await page.goto(`${sb.url}/`);
    const listed = page.locator('#services .svc-name', { hasText: 'onerror' });
    await listed.waitFor();
    assert.equal(await listed.textContent(), weird);
    assert.equal(await page.locator('#services img').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await api(sb, 'POST', '/_sandbox/reset');
    assertNoProblems(page);
    await page.context().close();
  });

  test('the token never appears in the page, its attributes or the snippets; copy works', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-pg');
    assert.equal(await w.getAttribute('token'), null);
    const snippets = [];
    for (const tab of ['CLI (avn)', 'curl', 'Terraform']) {
      await w.getByRole('tab', { name: tab }).click();
      snippets.push(await w.locator('[role=tabpanel]:not([hidden]) code').textContent());
    }
    assert.ok(snippets[1].includes('$AIVEN_TOKEN'), snippets[1]);
    for (const text of [...(await pageTexts(page)), ...snippets]) {
      assert.ok(!text.includes(sb.token), 'token leaked');
    }
    // Copy the curl command.
    await w.getByRole('tab', { name: 'curl' }).click();
    await w.getByRole('button', { name: 'Copy the curl command' }).click();
    await w.locator('.copied').filter({ hasText: 'copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippets[1]);
    // Keyboard: arrows move between the tabs.
    await w.getByRole('tab', { name: 'curl' }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await w.getByRole('tab', { name: 'Terraform' }).getAttribute('aria-selected'), 'true');
    assertNoProblems(page);
    await page.context().close();
  });
});

describe('keyboard', () => {
  test('the form works from the keyboard with a visible focus ring', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-pg');
    const active = () => w.evaluate((el) => {
      const a = el.shadowRoot.activeElement;
      if (!a) return null;
      const cs = getComputedStyle(a);
      return { tag: a.tagName, type: a.type || '', value: a.value, checked: !!a.checked, outline: `${cs.outlineStyle} ${cs.outlineWidth}` };
    });
    await w.getByLabel('New service name').focus();
    await page.keyboard.press('Tab');
    assert.deepEqual(await active(), { tag: 'INPUT', type: 'radio', value: 'latest', checked: true, outline: 'solid 3px' });
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await active(), { tag: 'INPUT', type: 'radio', value: 'time', checked: true, outline: 'solid 3px' });
    assert.equal(await w.getByLabel('Restore to (UTC)').isVisible(), true);
    await assertNoAxeViolations(page, 'keyboard: point in time chosen, focus ring shown');
    await page.keyboard.press('ArrowUp');
    assert.equal((await active()).value, 'latest');
    assert.equal(await w.getByLabel('Restore to (UTC)').isVisible(), false);
    // Type a taken name and press Enter: refused, the focus goes back to the name.
    await w.getByLabel('New service name').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('demo-mysql');
    await clearLog(sb);
    await page.keyboard.press('Enter');
    const a = await active();
    assert.equal(a.tag, 'INPUT');
    assert.equal(a.value, 'demo-mysql');
    assert.deepEqual((await messagesOf(w.getByLabel('New service name'))).messages.map((m) => m.code), ['name_taken']);
    assert.deepEqual(await createCalls(sb), []);
    assertNoProblems(page);
    await page.context().close();
  });
});

describe('loading', () => {
  test('a skeleton holds the place while the source loads', async () => {
    const page = await newPage(browser, sb);
    // The source's read is held in the browser until the loading state has been checked,
    // scanned and photographed (then it goes on to the sandbox): no timing to outlast.
    let release;
    const held = new Promise((r) => {
      release = r;
    });
    const source = `${sb.url}/v1/project/${PROJECT}/service/demo-pg`;
    await page.route(source, async (route) => {
      await held;
      await route.continue();
    });
    const w = page.locator('aiven-fork');
    try {
      await page.goto(`${sb.url}/?project=${PROJECT}&service=demo-pg`);
      await page.locator('#services button.svc').first().waitFor();
      await w.locator('.body[aria-busy=true] .skeleton').first().waitFor();
      assert.equal(await w.locator('form').count(), 0);
      await assertNoAxeViolations(page, 'loading');
      await screenshots(page, '00-loading');
      assert.equal(await w.locator('form').count(), 0, 'the source was read before it was let through');
    } finally {
      release();
    }
    await w.locator('form').waitFor();
    assert.equal(await w.locator('.body').getAttribute('aria-busy'), null);
    await page.unroute(source);
    assertNoProblems(page);
    await page.context().close();
  });

  test('a source that cannot be read shows the API error with Retry', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-pg');
    await w.evaluate((el) => {
      el.token = 'not-a-valid-token';
    });
    const banner = w.locator('.banner[role=alert]');
    await banner.waitFor();
    const text = await banner.textContent();
    assert.match(text, /^Could not load demo-pg/);
    assert.match(text, /HTTP 401/);
    assert.ok(!text.includes('not-a-valid-token'), text);
    await assertNoAxeViolations(page, 'load failed');
    // With the right token again, Retry loads the source.
    await w.evaluate((el, token) => {
      el.token = token;
    }, sb.token);
    await w.locator('form').waitFor();
    assert.equal(await banner.isVisible(), false);
    // A passing failure: every read answers 502 until the client gives up; Retry reads again.
    await setFaults(sb, { only: 'all', next: Array(40).fill('5xx') });
    try {
      await w.evaluate((el) => el.reload());
      await banner.waitFor();
      assert.match(await banner.textContent(), /^Could not load demo-pg.*HTTP 502/);
    } finally {
      await setFaults(sb, { only: 'create', next: [] });
    }
    await banner.getByRole('button', { name: 'Retry' }).click();
    await w.locator('form').waitFor();
    assert.equal(await banner.isVisible(), false);
    assertNoProblems(page, /^console: Failed to load resource: the server responded with a status of (401|502) /);
    await page.context().close();
  });
});

describe('name suggestion', () => {
  test('<source>-fork-YYYYMMDD, then -2, -3, never over 64 characters', async () => {
    const page = await newPage(browser, sb);
    await page.goto(`${sb.url}/`);
    const got = await page.evaluate(async () => {
      const { suggestName } = await import('/pkg/widget/format.js');
      const day = new Date('2026-01-02T23:59:59Z');
      const long = `a${'-b'.repeat(31)}c`; // 64 characters
      return [
        suggestName('orders-db', [], day),
        suggestName('orders-db', ['orders-db-fork-20260102'], day),
        suggestName('orders-db', ['orders-db-fork-20260102', 'orders-db-fork-20260102-2'], day),
        suggestName(long, [], day),
        suggestName(long, [`a${'-b'.repeat(24)}-fork-20260102`], day),
      ];
    });
    assert.deepEqual(got, [
      'orders-db-fork-20260102',
      'orders-db-fork-20260102-2',
      'orders-db-fork-20260102-3',
      // The source part is cut so the whole fits 64, without a dangling hyphen.
      `a${'-b'.repeat(24)}-fork-20260102`, // 63
      `a${'-b'.repeat(23)}-fork-20260102-2`, // 63
    ]);
    for (const n of got) assert.match(n, /^[a-z][-a-z0-9]{0,63}$/);
    assertNoProblems(page);
    await page.context().close();
  });
});
