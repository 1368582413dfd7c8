// The demo command, run as a user runs it: `bash scripts/demo.sh` (here with a free port and
// the package the test command already built), the page it prints opened in Chromium, one
// fork made with the widget, then Ctrl-C: the demo and its sandbox stop.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, test } from 'node:test';

import { ROOT, ensurePackage, launchBrowser } from './helpers.mjs';

const DEMO_TOKEN = 'sandbox-demo-token';

let demo;
let exited;
let browser;
const output = [];

before(async () => {
  ensurePackage();
  demo = spawn('bash', [path.join(ROOT, 'scripts/demo.sh'), '--no-build', '--port', '0'], {
    cwd: ROOT,
    detached: true, // its own process group: Ctrl-C reaches the script and the sandbox
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => demo.once('exit', (code, signal) => resolve({ code, signal })));
  demo.stderr.on('data', (d) => output.push(String(d)));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  // Whatever is left of the demo's process group (nothing, when Ctrl-C worked).
  try {
    if (demo) process.kill(-demo.pid, 'SIGKILL');
  } catch {
    // the group is gone
  }
});

/** The `open URL/` line the demo prints once it serves, within `ms`. */
function servedUrl(ms) {
  const lines = readline.createInterface({ input: demo.stdout });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo printed no URL within ${ms} ms:\n${output.join('')}`)), ms);
    lines.on('line', (line) => {
      output.push(`${line}\n`);
      const m = /^ {2}open {6}(http:\/\/127\.0\.0\.1:\d+)\/$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    exited.then(({ code, signal }) => reject(new Error(`the demo exited (${code ?? signal}):\n${output.join('')}`)));
  });
}

async function admin(url, method, p) {
  const res = await fetch(`${url}${p}`, { method, headers: { Authorization: `aivenv1 ${DEMO_TOKEN}` } });
  return res.json();
}

test('scripts/demo.sh serves the page; one fork through the widget; Ctrl-C stops it', async () => {
  const url = await servedUrl(60_000);
  // The Node example ran first and printed the exact call.
  assert.match(output.join(''), /buildForkRequest -> \{/);

  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  await page.goto(`${url}/`);
  // The page lists the demo project's services; choosing one opens the widget.
  await page.locator('button.svc[data-service="demo-pg"]').click({ timeout: 30_000 });
  const w = page.locator('aiven-fork');
  await w.locator('form').waitFor({ timeout: 30_000 });
  const name = await w.getByLabel(/name/i).first().inputValue();
  assert.match(name, /^demo-pg-fork-\d{8}(-\d+)?$/);
  await w.getByRole('button', { name: 'Fork service' }).click();
  await w.getByRole('progressbar').first().waitFor({ timeout: 30_000 });

  // Exactly one create reached the demo's sandbox, and the service is a fork of demo-pg.
  const log = await admin(url, 'GET', '/_sandbox/requests');
  const creates = log.filter((e) => e.method === 'POST' && e.path === '/v1/project/demo-project/service');
  assert.equal(creates.length, 1, JSON.stringify(creates));
  assert.equal(creates[0].body.service_name, name);
  const svc = await admin(url, 'GET', `/v1/project/demo-project/service/${name}`);
  assert.equal(svc.service.user_config.service_to_fork_from, 'demo-pg');
  assert.deepEqual(problems, []);

  // Ctrl-C (SIGINT to the demo's process group): the script and its sandbox stop.
  process.kill(-demo.pid, 'SIGINT');
  const stopped = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
  assert.notEqual(stopped, 'still running', 'the demo did not stop within 15 s of Ctrl-C');
  await assert.rejects(fetch(`${url}/`), 'the sandbox still answers after Ctrl-C');
});
