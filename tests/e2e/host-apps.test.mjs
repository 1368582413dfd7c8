// The widget from the packed tarball in real host apps: a Vite 8 build, a webpack 5 build, a
// page with no bundler and the React 19 example (examples/react, built with Vite after
// `tsc --strict`). pkg/ is packed once and installed once into a temporary directory; the
// apps are copied next to its node_modules and built there (nothing is installed or built in
// the repository). Each app is served by a small static server that also forwards the API
// paths to the sandbox (same origin, as a console would), loaded in the system Chromium and
// forks a service to RUNNING. The React app runs in console-backend mode (no token in the page).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { packAndInstall } from '../js/package-support.mjs';
import {
  ROOT, SCREENSHOTS, assertNoAxeViolations, bodyOf, clearLog, createCalls, ensurePackage, launchBrowser, startSandbox,
} from './helpers.mjs';

// Host dependencies the tarball does not bring: taken from the repository's own
// node_modules (pinned in package-lock.json), linked into the consumer directory.
const HOST_DEPS = ['react', 'react-dom', 'scheduler', '@types/react', '@types/react-dom', 'csstype', 'vite'];
const PROXIED = ['/v1/', '/aiven-api/', '/_console/'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

let sb;
let browser;
let dir;
let server;
let origin;
const sizes = {};

function link(name) {
  const target = path.join(dir, 'node_modules', name);
  mkdirSync(path.dirname(target), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules', name), target, 'dir');
}

/** Static files of `dir`, and the API paths forwarded to the sandbox. */
function serve(sandboxUrl) {
  const upstream = new URL(sandboxUrl);
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (PROXIED.some((p) => url.pathname.startsWith(p))) {
      const fwd = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url,
        headers: { ...req.headers, host: upstream.host } }, (up) => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      });
      fwd.on('error', () => res.destroy());
      req.pipe(fwd);
      return;
    }
    const file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
}

/** Bytes of the JS and wasm a built app ships (raw and gzip -9). */
function measure(distDir) {
  const files = [];
  const walk = (d) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      if (f.isDirectory()) walk(path.join(d, f.name));
      else if (/\.(js|wasm)$/.test(f.name)) files.push(path.join(d, f.name));
    }
  };
  walk(distDir);
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const b = readFileSync(f);
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return { files: files.length, raw, gzip: gz };
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
}

before(async () => {
  ensurePackage();
  sb = await startSandbox({ rebuildSecs: 2, args: ['--console-proxy'] });
  browser = await launchBrowser();
  ({ dir } = packAndInstall('aiven-fork-hosts-'));
  for (const name of HOST_DEPS) link(name);
  for (const app of ['vite', 'webpack', 'plain', 'common']) cpSync(path.join(ROOT, 'tests/hosts', app), path.join(dir, app), { recursive: true });
  cpSync(path.join(ROOT, 'examples/react'), path.join(dir, 'react'), { recursive: true,
    filter: (src) => !/node_modules|dist/.test(path.relative(path.join(ROOT, 'examples/react'), src)) });

  const { build } = await import('vite');
  await build({ root: path.join(dir, 'vite'), configFile: false, base: './', logLevel: 'warn',
    build: { outDir: 'dist', emptyOutDir: true } });
  run(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], path.join(dir, 'react'));
  await build({ root: path.join(dir, 'react'), configFile: path.join(dir, 'react/vite.config.js'), base: './',
    logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true } });
  const { default: webpack } = await import('webpack');
  const stats = await new Promise((resolve, reject) => webpack({
    mode: 'production', context: path.join(dir, 'webpack'), entry: './main.js',
    output: { path: path.join(dir, 'webpack/dist'), filename: 'main.js' }, performance: { hints: false },
  }).run((err, s) => (err ? reject(err) : resolve(s))));
  assert.equal(stats.hasErrors(), false, stats.toString('errors-only'));
  sizes.vite = measure(path.join(dir, 'vite/dist'));
  sizes.react = measure(path.join(dir, 'react/dist'));
  sizes.webpack = measure(path.join(dir, 'webpack/dist'));
  console.log(`host-app bundles (JS + wasm, bytes): ${JSON.stringify(sizes)}`);

  server = serve(sb.url);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  await sb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function newHostPage(config) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') page.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.sent = [];
  page.on('request', (r) => page.sent.push(r.allHeaders().then((h) => ({ url: r.url(), authorization: h.authorization }))));
  if (config) await page.addInitScript((c) => { window.hostConfig = c; }, config);
  return page;
}

/** Fork `service` in the widget of an open page: exactly one ServiceCreate, then RUNNING. */
async function forkToRunning(page, service) {
  const w = page.locator('aiven-fork');
  await w.locator('form').waitFor({ timeout: 30_000 });
  assert.equal(await w.locator('h2').textContent(), service);
  const name = await w.getByLabel('New service name').inputValue();
  await clearLog(sb);
  await w.getByRole('button', { name: 'Fork service' }).click();
  const done = w.locator('.result');
  await done.waitFor({ state: 'visible', timeout: 60_000 });
  assert.match(await done.textContent(), new RegExp(`^${name} is RUNNING`));
  const calls = await createCalls(sb);
  assert.equal(calls.length, 1);
  assert.equal(bodyOf(calls[0]).service_name, name);
  assert.equal(bodyOf(calls[0]).user_config.service_to_fork_from, service);
  return { name, calls };
}

async function eventsOf(page) {
  return page.locator('#events li').allTextContents();
}

const tokenConfig = (service) => ({ project: 'demo-project', service, baseUrl: '', token: null });

describe('host apps built from the packed tarball', () => {
  for (const [host, url, service] of [
    ['Vite 8 build', '/vite/dist/index.html', 'demo-pg'],
    ['webpack 5 build', '/webpack/index.html', 'demo-mysql'],
    ['a page with no bundler (script type=module from node_modules, no import map)', '/plain/index.html', 'demo-clickhouse'],
  ]) {
    test(`${host}: the widget loads its wasm and forks ${service} to RUNNING`, async () => {
      const page = await newHostPage({ ...tokenConfig(service), baseUrl: origin, token: sb.token });
      await page.goto(origin + url);
      const { name } = await forkToRunning(page, service);
      assert.deepEqual(await eventsOf(page), [`aiven-fork-created ${name}`, `aiven-fork-running ${name}`]);
      // The wasm came from the app's own files (bundled asset or the installed package).
      const sent = await Promise.all(page.sent);
      const wasm = sent.filter((r) => r.url.endsWith('.wasm'));
      assert.equal(wasm.length, 1, JSON.stringify(sent.map((r) => r.url)));
      assert.ok(wasm[0].url.startsWith(origin), wasm[0].url);
      if (url.startsWith('/plain/')) assert.equal(wasm[0].url, `${origin}/node_modules/aiven-fork/web/aiven_fork_bg.wasm`);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }

  test('React 19 (examples/react, tsc --strict + Vite): properties and events in JSX, console backend, fork to RUNNING', async () => {
    const page = await newHostPage(null);
    await page.goto(`${origin}/react/dist/index.html?service=demo-pg`);
    const w = page.locator('aiven-fork');
    // Props became properties (headers, project) and an attribute (base-url).
    await w.locator('form').waitFor({ timeout: 30_000 });
    const props = await w.evaluate((el) => ({ project: el.project, baseUrl: el.getAttribute('base-url'),
      credentials: el.credentials, token: el.token, csrf: el.headers?.['X-CSRF-Token']?.length }));
    assert.deepEqual(props, { project: 'demo-project', baseUrl: '/aiven-api', credentials: 'same-origin', token: null, csrf: 32 });
    const { name, calls } = await forkToRunning(page, 'demo-pg');
    assert.equal(calls[0].via, 'console-proxy');
    assert.deepEqual(await eventsOf(page), [`created ${name} (new: true)`, `running ${name}`]);
    assert.equal(await page.locator('#running').textContent(), `${name} is RUNNING`);
    for (const r of await Promise.all(page.sent)) assert.equal(r.authorization, undefined, r.url);
    await assertNoAxeViolations(page, 'React host, fork running');
    mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = process.env.UPDATE_DOCS_SCREENSHOTS ? path.join(ROOT, 'docs/widget-react.png') : path.join(SCREENSHOTS, 'widget-react.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
