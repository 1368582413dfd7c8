// Aborting ForkClient calls at every moment (tests/js/client-abort-matrix.mjs), in Node
// and in headless Chromium, against a real sandbox whose answers take a while (injected
// latency), so the aborts land before, during and after the requests.

import assert from 'node:assert/strict';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchChromium } from '../support/chromium.mjs';

import { ROOT, loadPackage, startSandbox } from './client-support.mjs';
import { runAbortMatrix } from './client-abort-matrix.mjs';

const lib = await loadPackage();
/** Every /v1 answer of the sandbox takes this long: a context read is two round trips. */
const LATENCY_MS = 15;
const DELAYS = 51; // 0..50 ms
const METHODS = ['getForkContext', 'fork', 'waitUntilRunning', 'forkMany'];

let sb;
before(async () => {
  sb = await startSandbox({ latencyMs: LATENCY_MS, rebuildSecs: 3600 });
});
after(async () => {
  await sb?.stop();
});

/**
 * Each method ran once per delay, and the abort 0 ms after the call (the first timer
 * tick, long before any answer LATENCY_MS later) was an abort for every method. How
 * many later delays finish first depends on the machine's load, so only the total is
 * checked for them (each outcome itself was checked exactly by the matrix).
 */
function assertCounts({ counts, atZero }) {
  for (const m of METHODS) {
    assert.equal(counts[m].aborted + counts[m].completed, DELAYS, `${m}: ${JSON.stringify(counts[m])}`);
  }
  assert.deepEqual(atZero, Object.fromEntries(METHODS.map((m) => [m, 'aborted'])));
}

test('Node: an abort at any millisecond rejects with ForkError aborted (or the exact result); the module keeps working', async () => {
  const crashes = [];
  const onError = (e) => crashes.push(String(e?.stack ?? e));
  process.on('unhandledRejection', onError);
  process.on('uncaughtException', onError);
  try {
    const summary = await runAbortMatrix(lib, { url: sb.url, token: sb.token, tag: 'abn' });
    const { counts, problems } = summary;
    assert.deepEqual(problems, []);
    assertCounts(summary);
    console.log(`node abort matrix: ${JSON.stringify(counts)}`);
  } finally {
    process.off('unhandledRejection', onError);
    process.off('uncaughtException', onError);
  }
  assert.deepEqual(crashes, []);
});

test('Chromium: an abort at any millisecond rejects with ForkError aborted (or the exact result); the page keeps working', async () => {
  // The page's origin serves the web build and the matrix module; the sandbox is another origin.
  const served = { '/tests/js/client-abort-matrix.mjs': true };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(ROOT, rel);
    const allowed = (rel.startsWith('/pkg/web/') || served[rel]) && !rel.includes('..');
    if (rel === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>abort</title>');
      return;
    }
    if (!allowed || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    res.writeHead(200, { 'Content-Type': type });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${origin}/`);
    const summary = await page.evaluate(async ({ url, token }) => {
      const lib = await import('/pkg/web/aiven_fork.js');
      await lib.default();
      const { runAbortMatrix } = await import('/tests/js/client-abort-matrix.mjs');
      return runAbortMatrix(lib, { url, token, tag: 'abc' });
    }, { url: sb.url, token: sb.token });
    const { counts, problems } = summary;
    assert.deepEqual(problems, []);
    assertCounts(summary);
    assert.deepEqual(pageErrors, []);
    console.log(`chromium abort matrix: ${JSON.stringify(counts)}`);
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
});
