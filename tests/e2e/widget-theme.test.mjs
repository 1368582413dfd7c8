// <aiven-fork>'s themes and styling hooks: dark when the page prefers it (prefers-color-scheme)
// unless theme="light" says otherwise, dark with theme="dark" anywhere; the documented CSS
// custom properties and ::part() names style it from the page; axe finds nothing in either
// theme at 1440 and 360 px.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ROOT, assertAccessibleEverywhere, assertNoAxeViolations, docsScreenshot, newPage, openWidget, startSandboxAndBrowser,
  stopSandboxAndBrowser,
} from './helpers.mjs';

let sb;
let browser;
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'pkg/custom-elements.json'), 'utf8'));
const decl = manifest.modules[0].declarations[0];
const documented = (name) => decl.cssProperties.find((p) => p.name === name)?.default;

before(async () => ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 600 })));
after(() => stopSandboxAndBrowser({ sb, browser }));

/** The card's background and text colours and the colour scheme of its controls. */
function looks(w) {
  return w.evaluate((el) => {
    const card = getComputedStyle(el.shadowRoot.querySelector('[part=card]'));
    return { background: card.backgroundColor, color: card.color, scheme: getComputedStyle(el).colorScheme };
  });
}

const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const LIGHT = { background: rgb(documented('--af-surface')), color: rgb(documented('--af-text')), scheme: 'light' };
const DARK = { background: 'rgb(20, 25, 35)', color: 'rgb(231, 234, 242)', scheme: 'dark' };

test('dark follows prefers-color-scheme unless theme="light"; theme="dark" forces it', async () => {
  const page = await newPage(browser, sb);
  const w = await openWidget(page, sb, 'demo-grafana');
  assert.equal(await w.evaluate((el) => el.theme), 'auto');
  assert.deepEqual(await looks(w), LIGHT);
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.deepEqual(await looks(w), DARK);
  await assertNoAxeViolations(page, 'dark from prefers-color-scheme');
  await w.evaluate((el) => { el.theme = 'light'; });
  assert.equal(await w.getAttribute('theme'), 'light');
  assert.deepEqual(await looks(w), LIGHT);
  await page.emulateMedia({ colorScheme: 'light' });
  await w.evaluate((el) => el.setAttribute('theme', 'dark'));
  assert.deepEqual(await looks(w), DARK);
  // A theme change is styles only: nothing is read again, the form keeps what was typed.
  await w.getByLabel('New service name').fill('theme-kept');
  await w.evaluate((el) => { el.theme = 'auto'; });
  assert.equal(await w.getAttribute('theme'), null);
  assert.equal(await w.getByLabel('New service name').inputValue(), 'theme-kept');
  await assertAccessibleEverywhere(page, 'loaded');
  await page.setViewportSize({ width: 1100, height: 900 });
  await w.evaluate((el) => el.setAttribute('theme', 'dark'));
  await docsScreenshot(w, 'widget-dark');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the page styles it through the documented custom properties and ::part() names', async () => {
  const page = await newPage(browser, sb);
  const w = await openWidget(page, sb, 'demo-grafana');
  for (const name of ['--af-accent', '--af-on-accent', '--af-surface', '--af-radius']) assert.ok(documented(name), name);
  for (const part of ['card', 'submit', 'form']) assert.ok(decl.cssParts.some((p) => p.name === part), part);
  await page.addStyleTag({ content: `
    aiven-fork { --af-accent: #0a783c; --af-on-accent: #ffffff; --af-radius: 0px; }
    aiven-fork::part(card) { border-width: 3px; }
    aiven-fork::part(submit) { text-transform: uppercase; }
  ` });
  const styled = await w.evaluate((el) => {
    const s = (sel) => getComputedStyle(el.shadowRoot.querySelector(sel));
    return {
      submit: [s('[part=submit]').backgroundColor, s('[part=submit]').color, s('[part=submit]').textTransform],
      card: s('[part=card]').borderTopWidth,
      panel: s('[part=form]').borderTopLeftRadius,
    };
  });
  assert.deepEqual(styled, { submit: ['rgb(10, 120, 60)', 'rgb(255, 255, 255)', 'uppercase'], card: '3px', panel: '0px' });
  // The page's values win in the dark theme too.
  await w.evaluate((el) => el.setAttribute('theme', 'dark'));
  assert.equal(await w.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('[part=submit]')).backgroundColor), 'rgb(10, 120, 60)');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
