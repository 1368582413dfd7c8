// Where the token goes from the demo page and the widget, recorded by the browser itself
// (page.on('request'): every request with all its headers and its body, and every console
// message): only in the Authorization header, only to the API's origin, never in a URL, a
// body, another header or the console. The sandbox's own log cannot show this: it redacts
// tokens before it logs.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PROJECT, startSandboxAndBrowser, stopSandboxAndBrowser, waitRunning } from './helpers.mjs';

// A token no page text, file or default contains.
const TOKEN = 'tok-e2e-9d41c7b0f3a2';

let sb;
let browser;
before(async () => ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 1, token: TOKEN })));
after(() => stopSandboxAndBrowser({ sb, browser }));

test('the widget sends the token only as Authorization to the API, never in a URL, a body or the console', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  const consoleLines = [];
  page.on('request', (r) => {
    requests.push(r.allHeaders().then((headers) => ({ url: r.url(), method: r.method(), headers, body: r.postData() ?? '' })));
  });
  page.on('console', (m) => consoleLines.push(m.text()));
  page.on('pageerror', (e) => consoleLines.push(e.message));

  // As a user does: the page, the token typed into its field, a source chosen, a fork.
  await page.goto(`${sb.url}/?project=${PROJECT}`);
  await page.fill('#token', TOKEN);
  await page.locator('#connect').evaluate((f) => f.requestSubmit());
  await page.locator('button.svc[data-service="demo-mysql"]').click();
  const w = page.locator('aiven-fork');
  await w.locator('form').waitFor();
  const name = 'token-e2e-fork';
  await w.getByLabel('New service name').fill(name);
  for (const tab of ['CLI (avn)', 'curl', 'Terraform']) await w.getByRole('tab', { name: tab }).click();
  await w.getByRole('button', { name: 'Fork service' }).click();
  await waitRunning(w, name);

  const api = new URL(sb.url).origin;
  const all = await Promise.all(requests);
  const withToken = all.filter((r) => Object.values(r.headers).some((v) => v.includes(TOKEN)));
  // The token did travel: the listing, the source's reads, the create and the wait.
  assert.ok(withToken.some((r) => r.method === 'POST' && r.url === `${api}/v1/project/${PROJECT}/service`), 'no create with the token');
  assert.ok(withToken.length >= 5, `${withToken.length} requests carried the token`);
  for (const r of all) {
    const where = `${r.method} ${r.url}`;
    assert.ok(!r.url.includes(TOKEN), `token in the URL of ${where}`);
    assert.ok(!r.body.includes(TOKEN), `token in the body of ${where}`);
    for (const [k, v] of Object.entries(r.headers)) {
      if (k !== 'authorization') assert.ok(!v.includes(TOKEN), `token in header ${k} of ${where}`);
    }
    if (r.headers.authorization !== undefined) {
      // Only to the API, and exactly as Aiven expects it.
      assert.equal(new URL(r.url).origin, api, `Authorization sent to ${where}`);
      assert.ok(new URL(r.url).pathname.startsWith('/v1/'), `Authorization sent to ${where}`);
      if (r.headers.authorization.includes(TOKEN)) assert.equal(r.headers.authorization, `aivenv1 ${TOKEN}`, where);
    }
  }
  // Page files (HTML, scripts, wasm, styles) never carry it.
  assert.ok(all.some((r) => r.url.endsWith('.wasm')), 'the wasm was loaded');
  for (const r of all.filter((x) => !new URL(x.url).pathname.startsWith('/v1/'))) {
    assert.equal(r.headers.authorization, undefined, `Authorization sent to ${r.url}`);
  }
  assert.ok(consoleLines.every((l) => !l.includes(TOKEN)), 'the token reached the console');
  await context.close();
});
