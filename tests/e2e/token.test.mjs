// Where the token goes from the demo page and the widget, recorded by the browser itself
// (page.on('request'): every request with all its headers and its body, and every console
// message): only in the Authorization header, only to the API's origin, never in a URL, a
// body, another header or the console. The sandbox's own log cannot show this: it redacts
// tokens before it logs.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PROJECT, startSandboxAndBrowser, stopSandboxAndBrowser, waitRunning } from './helpers.mjs';
import { assertTokenOnlyAsAuthorization, recordRequests } from '../support/token-hygiene.mjs';

// A token no page text, file or default contains.
const TOKEN = 'tok-e2e-9d41c7b0f3a2';

let sb;
let browser;
before(async () => ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 1, token: TOKEN })));
after(() => stopSandboxAndBrowser({ sb, browser }));

test('the widget sends the token only as Authorization to the API, never in a URL, a body or the console', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = recordRequests(page);
  const consoleLines = [];
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
  const all = await requests();
  // The token did travel (the listing, the source's reads, the create and the wait), and
  // only as Authorization to the API's origin.
  const authorized = assertTokenOnlyAsAuthorization(all, { token: TOKEN, api, project: PROJECT, min: 5 });
  for (const r of authorized) {
    // Only to the API's paths, and exactly as Aiven expects it.
    const where = `${r.method} ${r.url}`;
    assert.ok(new URL(r.url).pathname.startsWith('/v1/'), `Authorization sent to ${where}`);
    if (r.headers.authorization.includes(TOKEN)) assert.equal(r.headers.authorization, `aivenv1 ${TOKEN}`, where);
  }
  // Page files (HTML, scripts, wasm, styles) never carry it.
  assert.ok(all.some((r) => r.url.endsWith('.wasm')), 'the wasm was loaded');
  for (const r of all.filter((x) => !new URL(x.url).pathname.startsWith('/v1/'))) {
    assert.equal(r.headers.authorization, undefined, `Authorization sent to ${r.url}`);
  }
  assert.ok(consoleLines.every((l) => !l.includes(TOKEN)), 'the token reached the console');
  await context.close();
});
