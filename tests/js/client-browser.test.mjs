// ForkClient in headless Chromium (the real pkg/web build): examples/browser.html
// used as a person would, and every forkable type forked and followed to RUNNING
// from page code. The page is served from its own origin, so every API call is a
// cross-origin fetch to the sandbox, as from a dashboard to api.aiven.io.

import assert from 'node:assert/strict';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchChromium } from '../support/chromium.mjs';
import { assertTokenOnlyAsAuthorization, recordRequests } from '../support/token-hygiene.mjs';

import { PROJECT, ROOT, clearLog, creates, getService, loadPackage, requestLog, startSandbox } from './client-support.mjs';

await loadPackage();
const TOKEN = 'browser-test-token-5c81e0aa';
// One source of each type serviceTypes() offers.
const TYPES = {
  pg: 'demo-pg', mysql: 'demo-mysql', clickhouse: 'demo-clickhouse',
  grafana: 'demo-grafana', opensearch: 'demo-opensearch', valkey: 'demo-valkey',
};
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

let sb;
let server;
let origin;
let browser;
let page;
const problems = [];
// Every request the page makes (with all its headers and its body) and every console line,
// as the browser sees them: the token's only way out must be the Authorization header.
let recorded;
const consoleLines = [];

before(async () => {
  sb = await startSandbox({ rebuildSecs: 1, token: TOKEN });
  // Static files for the page: examples/ and pkg/ only.
  server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(ROOT, rel);
    const allowed = (rel.startsWith('/examples/') || rel.startsWith('/pkg/')) && !rel.includes('..');
    if (!allowed || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    consoleLines.push(m.text());
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  recorded = recordRequests(page);
  await page.goto(`${origin}/examples/browser.html`);
  await page.waitForFunction(() => document.getElementById('status')?.dataset.state === 'idle');
});

after(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r()));
  await sb?.stop();
});

async function submit(fields) {
  await page.fill('input[name=baseUrl]', sb.url);
  await page.fill('input[name=token]', TOKEN);
  await page.fill('input[name=project]', PROJECT);
  for (const [k, v] of Object.entries(fields)) await page.fill(`input[name=${k}]`, v);
  await page.click('form#fork button:not([type=button])');
}

test('examples/browser.html forks a service and follows it to RUNNING', async () => {
  await submit({ source: 'demo-pg', name: 'br-example', time: '' });
  await page.waitForFunction(() => ['running', 'failed'].includes(document.getElementById('status').dataset.state), null, { timeout: 30_000 });
  assert.equal(await page.textContent('#status'), 'br-example is RUNNING');
  assert.equal(await page.$eval('#bar', (b) => b.value), 100);
  const svc = await getService(sb, 'br-example');
  assert.equal(svc.user_config.service_to_fork_from, 'demo-pg');
  const html = await page.content();
  assert.ok(!html.includes(TOKEN), 'the token is in the DOM');
  assert.ok(!page.url().includes(TOKEN));
  assert.deepEqual(problems, []);
});

test('examples/browser.html shows a rule violation and sends nothing', async () => {
  await clearLog(sb);
  await submit({ source: 'demo-pg-nobackup', name: 'br-nobackup', time: '' });
  await page.waitForFunction(() => document.getElementById('status').dataset.state === 'failed');
  assert.match(await page.textContent('#status'), /^source_has_no_backup: /);
  assert.match(await page.textContent('#errors'), /source_has_no_backup \(source\.service\)/);
  assert.deepEqual(creates(await requestLog(sb)), []);
});

test('ForkClient in the page: every type serviceTypes() offers forked and followed to RUNNING', async () => {
  const offered = await page.evaluate(async () => (await import('/pkg/web/aiven_fork.js')).serviceTypes().map((t) => t.name));
  assert.deepEqual(Object.keys(TYPES), offered);
  const outcome = await page.evaluate(async ({ url, token, project, types }) => {
    const { ForkClient } = await import('/pkg/web/aiven_fork.js');
    const client = new ForkClient({ baseUrl: url, token });
    return Promise.all(Object.entries(types).map(async ([type, source]) => {
      const name = `br-${type}`;
      const forked = await client.fork({ project, serviceName: name, source: { service: source } });
      const phases = new Set();
      const running = await client.waitUntilRunning(project, name, { pollMs: 100, timeoutMs: 60_000, onProgress: (p) => p.phase && phases.add(p.phase) });
      return { type, source, name, created: forked.created, state: running.state, phases: [...phases] };
    }));
  }, { url: sb.url, token: TOKEN, project: PROJECT, types: TYPES });

  assert.equal(outcome.length, Object.keys(TYPES).length);
  for (const r of outcome) {
    assert.deepEqual([r.created, r.state], [true, 'RUNNING'], r.name);
    assert.ok(r.phases.length >= 1, `${r.name}: no progress phase seen`);
    const fork = await getService(sb, r.name);
    const src = await getService(sb, r.source);
    assert.equal(fork.service_type, r.type);
    assert.equal(fork.user_config.service_to_fork_from, r.source);
    assert.deepEqual(fork.databases ?? [], src.databases ?? []);
    assert.deepEqual(fork.users ?? [], src.users ?? []);
    assert.deepEqual(fork.connection_pools ?? [], src.connection_pools ?? []);
    assert.deepEqual(fork.service_integrations, []);
    assert.deepEqual(fork.tags, {});
    if (r.type === 'opensearch') assert.deepEqual([fork.user_config.saml, fork.user_config.openid], [undefined, undefined]);
  }
  assert.deepEqual(problems, []);
});

test('ForkClient in the page: ForkError, abort and the http guard', async () => {
  const out = await page.evaluate(async ({ url, token, project }) => {
    const { ForkClient, ForkError } = await import('/pkg/web/aiven_fork.js');
    const client = new ForkClient({ baseUrl: url, token });
    const result = {};
    try {
      await client.fork({ project, serviceName: 'demo-pg', source: { service: 'demo-pg' } });
    } catch (e) {
      result.rule = [e instanceof ForkError, e instanceof Error, e.code];
    }
    try {
      await client.fork({ project, serviceName: 'br-abort', source: { service: 'demo-pg' } }, { signal: AbortSignal.abort() });
    } catch (e) {
      result.abort = e.code;
    }
    try {
      new ForkClient({ baseUrl: 'http://example.com', token });
    } catch (e) {
      result.insecure = e.code;
    }
    return result;
  }, { url: sb.url, token: TOKEN, project: PROJECT });
  assert.deepEqual(out, { rule: [true, true, 'name_equals_source'], abort: 'aborted', insecure: 'insecure_base_url' });
});

test('examples/browser.html and ForkClient in the page: the token only as Authorization, only to the API', async () => {
  // Runs after the tests above: the page's form forked, refused, and the in-page client ran.
  const api = new URL(sb.url).origin;
  const all = await recorded();
  const authorized = assertTokenOnlyAsAuthorization(all, { token: TOKEN, api, project: PROJECT, min: 10 });
  for (const r of authorized) assert.equal(r.headers.authorization, `aivenv1 ${TOKEN}`, `${r.method} ${r.url}`);
  // The page's own files come from another origin and never carry it.
  const files = all.filter((r) => new URL(r.url).origin === origin);
  assert.ok(files.some((r) => r.url.endsWith('/examples/browser.html')) && files.some((r) => r.url.endsWith('.wasm')));
  for (const r of files) assert.equal(r.headers.authorization, undefined, r.url);
  assert.ok(consoleLines.every((l) => !l.includes(TOKEN)), 'the token reached the console');
});
