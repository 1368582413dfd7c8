// Console-backend mode end to end in the system Chromium: the demo page signs in to the
// sandbox's console proxy (HttpOnly session cookie + CSRF header) and the widget runs with
// base-url="/aiven-api" and no token. A fork reaches RUNNING while no request from the page
// carries an Authorization header and the token is nowhere in the page. Bad input and broken
// APIs stay a clear message in the widget, never a broken page.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  PROJECT, assertNoAxeViolations, bodyOf, createCalls, newPage, pageTexts, screenshots, setFaults,
  startSandboxAndBrowser, stopSandboxAndBrowser,
} from './helpers.mjs';

let sb;
let browser;
before(async () => ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 2, args: ['--console-proxy'] })));
after(() => stopSandboxAndBrowser({ sb, browser }));

/** Every request the page sends, with all its headers. */
function recordRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    seen.push(r.allHeaders().then((headers) => ({ method: r.method(), url: r.url(), headers, body: r.postData() || '' })));
  });
  return () => Promise.all(seen);
}

async function openConsole(page, service, project = PROJECT) {
  await page.goto(`${sb.url}/?mode=console&project=${encodeURIComponent(project)}&service=${encodeURIComponent(service)}`);
  return page.locator('aiven-fork');
}

/** Every place in the page a token could sit: DOM (with shadow roots), storage, cookies
 * readable by script, the element's properties and the window's own values. */
async function everywhere(page) {
  const dom = (await pageTexts(page)).join('\n');
  const rest = await page.evaluate(() => {
    const out = [];
    const dump = (v) => {
      try {
        return typeof v === 'string' ? v : JSON.stringify(v) ?? '';
      } catch {
        return '';
      }
    };
    for (const store of [localStorage, sessionStorage]) {
      for (let i = 0; i < store.length; i++) out.push(store.key(i), store.getItem(store.key(i)));
    }
    out.push(document.cookie);
    const el = document.querySelector('aiven-fork');
    for (const key of ['token', 'headers', 'baseUrl', 'credentials', 'project', 'service']) out.push(dump(el[key]));
    for (const key of Object.getOwnPropertyNames(window)) {
      let v;
      try {
        v = window[key];
      } catch {
        continue;
      }
      if (typeof v === 'string' || (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)) out.push(dump(v));
    }
    return { texts: out, token: el.token, baseUrl: el.baseUrl, cookie: document.cookie };
  });
  return { dom, ...rest };
}

describe('console-backend mode', () => {
  test('a fork to RUNNING with no Authorization header from the page and no token in it', async () => {
    const page = await newPage(browser, sb);
    const requests = recordRequests(page);
    const w = await openConsole(page, 'demo-pg');
    await w.locator('form').waitFor();
    assert.equal(await w.locator('h2').textContent(), 'demo-pg');
    const name = await w.getByLabel('New service name').inputValue();
    await assertNoAxeViolations(page, 'console mode loaded');
    await w.getByRole('button', { name: 'Fork service' }).click();
    const done = w.locator('.result');
    await done.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await done.textContent(), new RegExp(`^${name} is RUNNING`));

    // What the page sent: API calls only to /aiven-api (plus sign-in and static files),
    // never an Authorization header, never the token in a URL or body.
    const sent = await requests();
    const api = sent.filter((r) => new URL(r.url).pathname.startsWith('/aiven-api/'));
    assert.ok(api.some((r) => r.method === 'POST' && new URL(r.url).pathname === `/aiven-api/v1/project/${PROJECT}/service`));
    assert.ok(api.every((r) => r.headers['x-csrf-token']?.length === 32), 'every API call carries the CSRF header');
    for (const r of sent) {
      assert.equal(r.headers.authorization, undefined, `${r.method} ${r.url} carries Authorization`);
      assert.ok(!r.url.includes(sb.token) && !r.body.includes(sb.token), `${r.method} ${r.url} carries the token`);
      assert.ok(!new URL(r.url).pathname.startsWith('/v1/'), `${r.url} bypasses the proxy`);
    }
    // The API saw the fork arrive through the proxy, authenticated by the proxy.
    const calls = await createCalls(sb);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].via, 'console-proxy');
    assert.equal(calls[0].auth, 'valid');
    assert.equal(bodyOf(calls[0]).service_name, name);

    // Nowhere in the page: DOM, storage, script-readable cookies, element properties, window.
    const found = await everywhere(page);
    assert.equal(found.token, null);
    assert.equal(found.baseUrl, '/aiven-api');
    assert.equal(found.cookie, '', 'the session cookie is HttpOnly');
    assert.ok(!found.dom.includes(sb.token), 'token in the DOM');
    for (const t of found.texts) assert.ok(!String(t).includes(sb.token), `token in ${String(t).slice(0, 80)}`);
    // From the page itself: outside the allow-list is a 403, without the session cookie a 401.
    const refusals = await page.evaluate(async () => {
      const csrf = document.querySelector('aiven-fork').headers['X-CSRF-Token'];
      const ask = async (path, init) => {
        const r = await fetch(path, init);
        return [r.status, (await r.json()).message];
      };
      return {
        me: await ask('/aiven-api/v1/me', { headers: { 'X-CSRF-Token': csrf } }),
        del: await ask('/aiven-api/v1/project/demo-project/service/demo-pg', { method: 'DELETE', headers: { 'X-CSRF-Token': csrf } }),
        noCookie: await ask('/aiven-api/v1/project/demo-project/service', { credentials: 'omit', headers: { 'X-CSRF-Token': csrf } }),
      };
    });
    assert.deepEqual(refusals, {
      me: [403, 'GET /v1/me is not allowed through the console proxy'],
      del: [403, 'DELETE /v1/project/demo-project/service/demo-pg is not allowed through the console proxy'],
      noCookie: [401, 'Not signed in to the console: sign in first (no valid session cookie)'],
    });
    page.problems = page.problems.filter((p) => !/status of (401|403)/.test(p));
    await assertNoAxeViolations(page, 'console mode running');
    await screenshots(page, '20-console-running');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('equivalents', () => {
  test("each command's hint from the library is shown beside it, as text; no command, no Copy", async () => {
    const page = await newPage(browser, sb);
    const w = await openConsole(page, 'demo-pg');
    await w.locator('form').waitFor();
    const cliHint = w.locator('[data-hint=cli]');
    assert.equal(await cliHint.isVisible(), false);
    await w.getByLabel(/^Copy the source’s \d+ tags?$/).check();
    await cliHint.waitFor();
    // The very text forkEquivalents gives for the request the widget shows, for the API the
    // console backend forwards to (the demo names it with api-url: this sandbox).
    const name = await w.getByLabel('New service name').inputValue();
    const expected = await page.evaluate(async (serviceName) => {
      const m = await import('/pkg/web/aiven_fork.js');
      await m.default();
      const csrf = document.querySelector('aiven-fork').headers['X-CSRF-Token'];
      const client = new m.ForkClient({ baseUrl: '/aiven-api', headers: { 'X-CSRF-Token': csrf } });
      const ctx = await client.getForkContext('demo-project', 'demo-pg');
      return m.forkEquivalents({ project: 'demo-project', serviceName, plan: 'business-4', cloud: 'google-europe-west1',
        source: { service: 'demo-pg' }, recovery: { mode: 'latest' }, copyTags: true }, ctx, { baseUrl: location.origin }).hints;
    }, name);
    assert.match(expected.cli, /copy_tags/);
    assert.equal(await cliHint.textContent(), expected.cli);
    await w.getByRole('tab', { name: 'Terraform' }).click();
    assert.equal(await w.locator('[data-hint=terraform]').textContent(), expected.terraform);
    await assertNoAxeViolations(page, 'equivalents with hints');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('bad input stays a message in the widget', () => {
  async function banner(page) {
    const b = page.locator('aiven-fork').locator('.banner[role=alert]');
    await b.waitFor({ timeout: 60_000 });
    return b.textContent();
  }

  test('an unknown service and an unknown project', async () => {
    const page = await newPage(browser, sb);
    const w = await openConsole(page, 'demo-pg');
    await w.locator('form').waitFor();
    await w.evaluate((el) => el.setAttribute('service', 'no-such-service'));
    let text = await banner(page);
    // One message, the code and status in a details line, and no Retry (it cannot help).
    assert.equal(text, 'Could not load no-such-service'
      + 'no-such-service does not exist in project demo-project. Pick another service.'
      + 'code source_not_found · HTTP 404');
    await w.evaluate((el) => {
      el.setAttribute('project', 'nobody-s-project');
      el.setAttribute('service', 'demo-pg');
    });
    await page.locator('aiven-fork').locator('.banner[role=alert]', { hasText: 'nobody-s-project' }).waitFor();
    text = await banner(page);
    assert.equal(text, 'Could not load demo-pg'
      + 'No access to project nobody-s-project (“Not a project member”). Check the project name, or ask for access to it.'
      + 'code api_error · HTTP 403');
    await assertNoAxeViolations(page, 'unknown project');
    assert.deepEqual(page.problems.filter((p) => !/status of (403|404)/.test(p)), []);
    await page.context().close();
  });

  test('an API that answers 500 with an HTML page, then recovers: Retry loads the form', async () => {
    const page = await newPage(browser, sb);
    const w = await openConsole(page, 'demo-mysql');
    await w.locator('form').waitFor();
    await setFaults(sb, { only: 'all', status5xx: 500, next: Array(40).fill('5xx_after_create') });
    try {
      await w.evaluate((el) => el.reload());
      const text = await banner(page);
      assert.match(text, /^Could not load demo-mysql/);
      assert.match(text, /HTTP 500/);
      assert.ok(!text.includes('<html') && !text.includes('<h1'), text);
      assert.equal(await page.locator('aiven-fork').evaluate((el) => el.shadowRoot.querySelectorAll('h1, html, body').length), 0);
    } finally {
      await setFaults(sb, { only: 'create', next: [] });
    }
    await page.locator('aiven-fork').locator('.banner').getByRole('button', { name: 'Retry' }).click();
    await page.locator('aiven-fork').locator('form').waitFor();
    assert.deepEqual(page.problems.filter((p) => !/status of 500/.test(p)), []);
    await page.context().close();
  });

  test('a proxy that drops the connection: a network error message, then Retry works', async () => {
    const page = await newPage(browser, sb);
    const w = await openConsole(page, 'demo-clickhouse');
    await w.locator('form').waitFor();
    await setFaults(sb, { only: 'all', next: Array(60).fill('drop') });
    try {
      await w.evaluate((el) => el.reload());
      const text = await banner(page);
      assert.equal(text, 'Could not load demo-clickhouse'
        + 'The API did not answer. Retry reads it again.code network_errorRetry');
    } finally {
      await setFaults(sb, { only: 'create', next: [] });
    }
    await assertNoAxeViolations(page, 'connection dropped');
    await page.locator('aiven-fork').locator('.banner').getByRole('button', { name: 'Retry' }).click();
    await page.locator('aiven-fork').locator('form').waitFor();
    assert.deepEqual(page.problems.filter((p) => !/ERR_EMPTY_RESPONSE|Failed to load resource/.test(p)), []);
    await page.context().close();
  });
});
