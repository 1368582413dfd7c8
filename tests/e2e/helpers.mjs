// Shared helpers of the browser end-to-end tests: the system Chromium through playwright-core,
// a sandbox per test file (tests/support/sandbox.mjs), axe-core scans and screenshots.
// Nothing here stands in for the library: the page loads the real pkg/web build.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchChromium } from '../support/chromium.mjs';
import { api, clearLog, requestLog, startSandbox } from '../support/sandbox.mjs';

export { api, clearLog, requestLog, setFaults, startSandbox, until } from '../support/sandbox.mjs';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(ROOT, 'tests/e2e/screenshots');
const AXE = require.resolve('axe-core/axe.min.js');

export const PROJECT = 'demo-project';

/** The web build of the package must exist: build it once when it does not. */
export function ensurePackage() {
  if (!existsSync(path.join(ROOT, 'pkg/web/aiven_fork.js'))) {
    execFileSync('bash', [path.join(ROOT, 'scripts/build-pkg.sh')], { cwd: ROOT, stdio: 'inherit' });
  }
  assert.ok(existsSync(path.join(ROOT, 'pkg/web/aiven_fork.js')), 'pkg/web/aiven_fork.js was not built');
}

export { launchChromium as launchBrowser };

/**
 * What most test files start with: the package built (once), a sandbox of their own
 * (`startSandbox(options)`) and Chromium. Returns `{ sb, browser }`.
 */
export async function startSandboxAndBrowser(options) {
  ensurePackage();
  const sb = await startSandbox(options);
  const browser = await launchChromium();
  return { sb, browser };
}

/** Closes what {@link startSandboxAndBrowser} started (either may be missing after a failed start). */
export async function stopSandboxAndBrowser({ sb, browser }) {
  await browser?.close();
  await sb?.stop();
}

/** A page that fails the test on any page error or console error. */
export async function newPage(browser, sb) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sb.url });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console: ${m.text()}`);
  });
  return page;
}

// ---------------------------------------------------------------- sandbox admin API

/** ServiceCreate calls (the forks) in the sandbox's request log. */
export async function createCalls(sb, project = PROJECT) {
  const log = await requestLog(sb);
  return log.filter((e) => e.method === 'POST' && e.path === `/v1/project/${project}/service`);
}

export function bodyOf(entry) {
  return typeof entry.body === 'string' ? JSON.parse(entry.body) : entry.body;
}

export async function services(sb, project = PROJECT) {
  const r = await api(sb, 'GET', `/v1/project/${project}/service`);
  assert.equal(r.status, 200, r.text);
  return r.json.services;
}

export async function service(sb, name, project = PROJECT) {
  const r = await api(sb, 'GET', `/v1/project/${project}/service/${encodeURIComponent(name)}`);
  assert.equal(r.status, 200, r.text);
  return r.json.service;
}

export async function backups(sb, name, project = PROJECT) {
  const r = await api(sb, 'GET', `/v1/project/${project}/service/${encodeURIComponent(name)}/backups`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

export async function plans(sb, type, project = PROJECT) {
  const r = await api(sb, 'GET', `/v1/project/${project}/service-types/${type}/plans`);
  assert.equal(r.status, 200, r.text);
  return r.json.service_plans;
}

// ---------------------------------------------------------------- the widget

/** Open the demo page with `service` chosen and wait until the widget shows its form. */
export async function openWidget(page, sb, serviceName, project = PROJECT) {
  await page.goto(`${sb.url}/?project=${encodeURIComponent(project)}&service=${encodeURIComponent(serviceName)}`);
  const w = page.locator('aiven-fork');
  await w.locator('form').waitFor();
  await assertTitle(w, serviceName);
  return w;
}

async function assertTitle(w, serviceName) {
  assert.equal(await w.locator('h2').textContent(), serviceName);
}

/** The text and codes of the messages an input points at with aria-describedby. */
export async function messagesOf(locator) {
  return locator.evaluate((el) => {
    const root = el.getRootNode();
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    const out = [];
    for (const id of ids) {
      const box = root.getElementById(id);
      if (!box) continue;
      for (const p of box.querySelectorAll('[data-code]')) out.push({ code: p.dataset.code, message: p.textContent });
    }
    return { invalid: el.getAttribute('aria-invalid'), messages: out };
  });
}

/** What the library itself says about `request` for this source (the widget must show the same). */
export async function libraryReport(page, sb, request) {
  return page.evaluate(async ({ request, baseUrl, token }) => {
    const m = await import('/pkg/web/aiven_fork.js');
    await m.default();
    const client = new m.ForkClient({ baseUrl, token });
    const ctx = await client.getForkContext(request.project, request.source.service);
    return m.validateFork(request, ctx);
  }, { request, baseUrl: sb.url, token: sb.token });
}

/**
 * Name the fork `name` in widget `w`, clear the sandbox's request log and submit the form;
 * resolves once the progress shows a current phase (the create was sent).
 */
export async function submitFork(w, sb, name) {
  await w.getByLabel('New service name').fill(name);
  await clearLog(sb);
  await w.getByRole('button', { name: 'Fork service' }).click();
  await w.locator('ol.phases li.current').waitFor({ timeout: 30_000 });
}

/** Wait for the fork to reach RUNNING in the widget. */
export async function waitRunning(w, name) {
  const done = w.locator('.result');
  await done.waitFor({ state: 'visible', timeout: 60_000 });
  assert.match(await done.textContent(), new RegExp(`^${name} is RUNNING`));
}

/** `YYYY-MM-DDTHH:MM:SS` of a Date, UTC (the datetime-local value the widget reads as UTC). */
export function localUtc(d) {
  return d.toISOString().slice(0, 19);
}

/** Parse an Aiven time (`2026-01-01T00:00:00.123456+00:00`). */
export function parseAiven(text) {
  return new Date(String(text).replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1'));
}

// ---------------------------------------------------------------- axe and screenshots

/**
 * Run axe-core on the whole page (it descends into the widget's open shadow root): its
 * violations, and its undecided ("incomplete") results, each decided here or left as a
 * problem. The only undecided results axe gives for this page are colour-contrast checks of
 * text over the widget header's gradient; `decideGradientContrast` decides those.
 */
export async function axeResults(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations', 'incomplete'] });
    const nodes = (v) => v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary, data: n.any.map((a) => a.data) }));
    return {
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: nodes(v) })),
      incomplete: r.incomplete.map((v) => ({ id: v.id, help: v.help, nodes: nodes(v) })),
    };
  });
}

/**
 * The contrast of a text node over a background gradient, decided: the text colour against
 * the gradient sampled at 21 points between every pair of stops (interpolated in sRGB, as
 * the browser paints it), the lowest ratio against the one axe asked for. Stops must be
 * opaque (so nothing behind them shows through). Returns null when decided and fine, else why not.
 */
async function decideGradientContrast(page, node) {
  const [host, inner] = node.target[0];
  const expected = Number(String(node.data[0]?.expectedContrastRatio ?? '').replace(':1', ''));
  if (!(expected > 0)) return `no expected ratio for ${inner}`;
  const found = await page.evaluate(({ host, inner }) => {
    const el = document.querySelector(host)?.shadowRoot?.querySelector(inner);
    if (!el) return null;
    let bg = el;
    while (bg && getComputedStyle(bg).backgroundImage === 'none') bg = bg.parentElement;
    return { color: getComputedStyle(el).color, gradient: bg ? getComputedStyle(bg).backgroundImage : null };
  }, { host, inner });
  if (!found || !found.gradient) return `no gradient behind ${inner}`;
  const rgb = (text) => {
    const m = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(text);
    return m ? { c: [Number(m[1]), Number(m[2]), Number(m[3])], a: m[4] === undefined ? 1 : Number(m[4]) } : null;
  };
  const stops = [...found.gradient.matchAll(/rgba?\([^)]*\)/g)].map((m) => rgb(m[0]));
  const text = rgb(found.color);
  if (stops.length < 2 || !text || text.a !== 1 || stops.some((s) => s.a !== 1)) return `undecidable: ${found.color} over ${found.gradient}`;
  const lum = ([r, g, b]) => {
    const f = (v) => {
      const x = v / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  let worst = Infinity;
  for (let i = 0; i + 1 < stops.length; i++) {
    for (let k = 0; k <= 20; k++) {
      const t = k / 20;
      const c = stops[i].c.map((v, j) => v + (stops[i + 1].c[j] - v) * t);
      worst = Math.min(worst, ratio(text.c, c));
    }
  }
  return worst >= expected ? null : `${inner}: contrast ${worst.toFixed(2)}:1 over ${found.gradient}, needs ${expected}:1`;
}

export async function assertNoAxeViolations(page, state) {
  const { violations, incomplete } = await axeResults(page);
  if (violations.length) console.log(`axe violations (${state}):\n${JSON.stringify(violations, null, 2)}`);
  assert.deepEqual(violations, [], `axe violations in state "${state}"`);
  // Every undecided result is decided here, or it fails the scan.
  const undecided = [];
  for (const r of incomplete) {
    for (const node of r.nodes) {
      const why = r.id === 'color-contrast' && node.data[0]?.messageKey === 'bgGradient'
        ? await decideGradientContrast(page, node)
        : `${r.id} (${r.help}) at ${JSON.stringify(node.target)}: ${node.summary}`;
      if (why) undecided.push(why);
    }
  }
  assert.deepEqual(undecided, [], `axe results left undecided in state "${state}"`);
}

/** Screenshots at 1440 and 360 px: the page (<name>-<width>.png) and the widget alone
 * (<name>-<width>-widget.png); an axe scan at 360 px. */
export async function screenshots(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize();
  for (const width of [1440, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 800 : 900 });
    await page.locator('aiven-fork').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    await page.locator('aiven-fork').screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}-widget.png`) });
    // The narrow layout is scanned too (the callers scan the wide one).
    if (width === 360) await assertNoAxeViolations(page, `${name} at 360 px`);
  }
  await page.setViewportSize(before);
}

/** Every string of the page a token could leak into: HTML, shadow HTML, attributes, snippets. */
export async function pageTexts(page) {
  return page.evaluate(() => {
    const out = [document.documentElement.outerHTML];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        for (const a of el.attributes) out.push(`${a.name}=${a.value}`);
        if (el.shadowRoot) {
          out.push(el.shadowRoot.innerHTML);
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
    return out;
  });
}

// ---------------------------------------------------------------- real conditions

/**
 * axe with zero violations (and nothing undecided) in one state of the widget, at 1440 and
 * 360 px, in both themes (the widget's theme attribute); the viewport and the theme are put
 * back afterwards.
 */
export async function assertAccessibleEverywhere(page, state) {
  const before = page.viewportSize();
  const w = page.locator('aiven-fork');
  const theme = await w.getAttribute('theme');
  try {
    for (const width of [1440, 360]) {
      await page.setViewportSize({ width, height: width === 360 ? 800 : 900 });
      for (const t of ['light', 'dark']) {
        await w.evaluate((el, value) => el.setAttribute('theme', value), t);
        await assertNoAxeViolations(page, `${state} (${t}, ${width} px)`);
      }
    }
  } finally {
    await w.evaluate((el, value) => (value === null ? el.removeAttribute('theme') : el.setAttribute('theme', value)), theme);
    await page.setViewportSize(before);
  }
}

/**
 * A screenshot of `locator` for the widget docs: docs/<name>.png with
 * UPDATE_DOCS_SCREENSHOTS=1 (www/README.md shows them), else tests/e2e/screenshots/.
 */
export async function docsScreenshot(locator, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = process.env.UPDATE_DOCS_SCREENSHOTS ? path.join(ROOT, 'docs', `${name}.png`) : path.join(SCREENSHOTS, `${name}.png`);
  await locator.screenshot({ path: file });
}

/** The text of the widget's live region (what a screen reader was last told). */
export function announced(w) {
  return w.evaluate((el) => el.shadowRoot.querySelector('.sr-only[role=status]').textContent);
}

/** Whether the widget's focused element is `locator`'s element. */
export function isFocused(locator) {
  return locator.evaluate((el) => el.getRootNode().activeElement === el);
}
