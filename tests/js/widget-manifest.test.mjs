// custom-elements.json and widget/index.d.ts against the element itself, so neither can
// drift: attributes (observedAttributes at run time), properties and methods (the class's
// prototype), events (EVENTS and every dispatch in the source), CSS custom properties
// (the :host block of the shared stylesheet) and parts (every `part` in the source and in
// the rendered shadow DOM). Also: importing the entry twice, or a second copy, does not throw.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { launchChromium } from '../support/chromium.mjs';
import { startSandbox } from '../support/sandbox.mjs';
import { PKG } from './package-support.mjs';

const WIDGET = path.join(PKG, 'widget');
const manifest = JSON.parse(readFileSync(path.join(PKG, 'custom-elements.json'), 'utf8'));
const pkgJson = JSON.parse(readFileSync(path.join(PKG, 'package.json'), 'utf8'));
const decl = manifest.modules.flatMap((m) => m.declarations).find((d) => d.tagName === 'aiven-fork');
const sources = Object.fromEntries(readdirSync(WIDGET).filter((f) => f.endsWith('.js'))
  .map((f) => [f, readFileSync(path.join(WIDGET, f), 'utf8')]));
const sorted = (xs) => [...xs].sort();

let sb;
let browser;
let runtime;
let serveDir;

before(async () => {
  // Served: the package's web build and widget at /pkg/, and a second copy of both at
  // /pkg/copy/ (what a page gets when two packages each bring their own aiven-fork).
  serveDir = mkdtempSync(path.join(os.tmpdir(), 'aiven-fork-widget-'));
  for (const root of ['pkg', 'pkg/copy']) {
    for (const dir of ['web', 'widget']) cpSync(path.join(PKG, dir), path.join(serveDir, root, dir), { recursive: true });
  }
  cpSync(path.join(PKG, '..', 'www'), path.join(serveDir, 'www'), { recursive: true });
  sb = await startSandbox({ serveDir });
  browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${sb.url}/www/demo.css`);
  runtime = await page.evaluate(async ({ baseUrl, token }) => {
    const first = await import('/pkg/widget/index.js');
    const again = await import('/pkg/widget/index.js');
    // A second copy of the package on the page: another module instance of the same entry.
    let copyError = null;
    let copy = null;
    try {
      copy = await import('/pkg/copy/widget/index.js');
    } catch (e) {
      copyError = String(e);
    }
    const Cls = customElements.get('aiven-fork');
    const el = document.createElement('aiven-fork');
    el.setAttribute('project', 'demo-project');
    el.setAttribute('service', 'demo-pg');
    el.setAttribute('base-url', baseUrl);
    el.token = token;
    document.body.append(el);
    const deadline = Date.now() + 20000;
    while (!el.shadowRoot.querySelector('form') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const proto = Object.getOwnPropertyNames(Cls.prototype).filter((n) => n !== 'constructor');
    return {
      sameClass: first.AivenForkElement === Cls && again.AivenForkElement === Cls,
      copyError,
      copyIsOtherClass: copy ? copy.AivenForkElement !== Cls : null,
      observed: Cls.observedAttributes,
      events: Object.values(first.EVENTS),
      members: proto.map((n) => {
        const d = Object.getOwnPropertyDescriptor(Cls.prototype, n);
        return { name: n, kind: typeof d.value === 'function' ? 'method' : 'field', settable: !!d.set };
      }),
      parts: [...new Set([...el.shadowRoot.querySelectorAll('[part]')].map((e) => e.getAttribute('part')))],
      loaded: !!el.shadowRoot.querySelector('form'),
      adopted: el.shadowRoot.adoptedStyleSheets.length,
      styleElements: el.shadowRoot.querySelectorAll('style').length,
    };
  }, { baseUrl: sb.url, token: sb.token });
  await page.close();
});

after(async () => {
  await browser?.close();
  await sb?.stop();
  if (serveDir) rmSync(serveDir, { recursive: true, force: true });
});

test('package.json names the manifest, exports the widget entry and keeps it as a side effect', () => {
  assert.equal(pkgJson.customElements, 'custom-elements.json');
  assert.deepEqual(pkgJson.exports['./widget'], { types: './widget/index.d.ts', default: './widget/index.js' });
  assert.ok(pkgJson.sideEffects.includes('./widget/index.js'));
  assert.ok(pkgJson.files.includes('custom-elements.json'));
  assert.equal(decl.name, 'AivenForkElement');
});

test('importing the entry twice, or a second copy, does not throw; the first definition stays', () => {
  assert.equal(runtime.sameClass, true);
  assert.equal(runtime.copyError, null);
  assert.equal(runtime.copyIsOtherClass, true);
  assert.equal(runtime.loaded, true);
});

test('one shared constructable stylesheet, no <style> per instance', () => {
  assert.equal(runtime.adopted, 1);
  assert.equal(runtime.styleElements, 0);
});

test('attributes: the manifest lists exactly the observed attributes, each tied to its property', () => {
  assert.deepEqual(sorted(decl.attributes.map((a) => a.name)), sorted(runtime.observed));
  for (const a of decl.attributes) {
    const field = decl.members.find((m) => m.name === a.fieldName);
    assert.equal(field?.attribute, a.name, a.name);
  }
});

test('properties and methods: the manifest members are exactly the public prototype members', () => {
  const lifecycle = new Set(['connectedCallback', 'disconnectedCallback', 'attributeChangedCallback']);
  const publicMembers = runtime.members.filter((m) => !lifecycle.has(m.name));
  assert.deepEqual(sorted(decl.members.map((m) => `${m.kind}:${m.name}`)), sorted(publicMembers.map((m) => `${m.kind}:${m.name}`)));
  // Every field can be set (React 19 and other hosts assign properties).
  for (const m of publicMembers.filter((x) => x.kind === 'field')) assert.equal(m.settable, true, m.name);
});

test('index.d.ts declares every manifest member, attribute-backed or not, and the typed events', () => {
  const dts = readFileSync(path.join(WIDGET, 'index.d.ts'), 'utf8');
  const cls = dts.slice(dts.indexOf('export declare class AivenForkElement'), dts.indexOf('\n}\n', dts.indexOf('export declare class AivenForkElement')));
  const declared = new Set([...cls.matchAll(/^ {2}(?:static readonly )?(\w+)[:(]/gm)].map((m) => m[1]));
  for (const m of decl.members) assert.ok(declared.has(m.name), `index.d.ts lacks ${m.name}`);
  assert.ok(declared.has('observedAttributes'));
  for (const e of decl.events) assert.match(dts, new RegExp(`'${e.name}': CustomEvent<`), e.name);
  assert.match(dts, /'aiven-fork': AivenForkElement;/);
  assert.match(dts, /interface HTMLElementEventMap extends AivenForkEventMap/);
});

test('events: the manifest lists exactly EVENTS, and nothing is dispatched except through them', () => {
  assert.deepEqual(sorted(decl.events.map((e) => e.name)), sorted(runtime.events));
  for (const [file, text] of Object.entries(sources)) {
    if (file === 'events.js') continue;
    assert.doesNotMatch(text, /dispatchEvent|new CustomEvent|'aiven-fork-/, `${file} dispatches outside events.js`);
  }
  const used = new Set([...sources['element.js'].matchAll(/emit\(this, EVENTS\.(\w+)/g)].map((m) => m[1]));
  assert.deepEqual(sorted(used), sorted(['created', 'running', 'error']));
});

test('CSS custom properties: exactly the :host ones of the stylesheet, with their defaults', () => {
  const css = sources['styles.js'];
  const host = css.slice(css.indexOf(':host {'), css.indexOf('}', css.indexOf(':host {')));
  const props = [...host.matchAll(/(--af-[a-z-]+):\s*([^;]+);/g)].map((m) => ({ name: m[1], default: m[2].trim() }));
  assert.deepEqual(decl.cssProperties.map((p) => ({ name: p.name, default: p.default })), props);
  const all = new Set([...css.matchAll(/var\((--af-[a-z-]+)\)/g)].map((m) => m[1]));
  for (const p of all) assert.ok(props.some((x) => x.name === p), `${p} used but not declared on :host`);
});

test('parts: exactly those in the source, and all of them rendered once the source is loaded', () => {
  const inSource = new Set(Object.values(sources).flatMap((t) => [...t.matchAll(/part: '([a-z-]+)'/g)].map((m) => m[1])));
  assert.deepEqual(sorted(decl.cssParts.map((p) => p.name)), sorted(inSource));
  assert.deepEqual(sorted(runtime.parts), sorted(inSource));
});
