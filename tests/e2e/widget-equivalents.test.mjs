// <aiven-fork>'s equivalent commands follow the API in use: on the demo page the widget talks
// to the sandbox (a base-url that is not Aiven's), so the avn command carries `--url`, curl
// posts there and the Terraform hint says how to point the provider at it; the commands
// shown are run for real by bash (Debian's curl, the Aiven CLI from .tools/avn) against the
// sandbox and make the fork. A command that cannot carry an option says so in its hint and
// stays a command. In console-backend mode the commands name the API behind the backend
// (api-url), and without api-url Aiven's own.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  PROJECT, assertAccessibleEverywhere, bodyOf, clearLog, createCalls, newPage, openWidget, service,
  startSandboxAndBrowser, stopSandboxAndBrowser,
} from './helpers.mjs';
import { commandShell } from '../support/commands.mjs';

let sb;
let browser;
let shell;

before(async () => {
  ({ sb, browser } = await startSandboxAndBrowser({ rebuildSecs: 600, args: ['--console-proxy'] }));
  shell = commandShell(sb.token);
});

after(async () => {
  await stopSandboxAndBrowser({ sb, browser });
  shell?.dispose();
});

/** Runs `script` with bash; the token only in the environment, as the commands expect. */
const bash = (script) => shell.bash(script);

/** The command (and hint) the widget shows in `tab`. */
async function shown(w, tab) {
  await w.getByRole('tab', { name: tab }).click();
  const panel = w.locator('[role=tabpanel]:not([hidden])');
  const hint = panel.locator('.lib-hint');
  return {
    command: await panel.locator('code').textContent(),
    hint: (await hint.isVisible()) ? await hint.textContent() : null,
    about: await panel.locator('.snippet-bar .hint').textContent(),
  };
}

describe('a base-url that is not Aiven\'s', () => {
  test('avn --url, curl to that API, the Terraform hint; the commands shown, run by bash, make the fork', async () => {
    const page = await newPage(browser, sb);
    const w = await openWidget(page, sb, 'demo-pg');
    const viaCurl = 'equiv-by-curl';
    await w.getByLabel('New service name').fill(viaCurl);
    // Copy tags: avn has no option for it; the CLI tab still shows a command, its hint says so.
    await w.getByLabel(/^Copy the source’s \d+ tags?$/).check();
    const cli = await shown(w, 'CLI (avn)');
    assert.ok(cli.command.startsWith(`avn --url '${sb.url}' service create '${viaCurl}' \\\n  --project '${PROJECT}'`), cli.command);
    assert.ok(!cli.command.split('\n').some((l) => l.trim().startsWith('#')), cli.command);
    assert.match(cli.hint, /copy_tags/);
    assert.ok(!cli.about.includes('same request body'), cli.about);
    const curl = await shown(w, 'curl');
    assert.ok(curl.command.startsWith(`curl -sS -X POST '${sb.url}/v1/project/${PROJECT}/service' \\`), curl.command);
    assert.ok(curl.command.includes('"copy_tags": true'), curl.command);
    const tf = await shown(w, 'Terraform');
    assert.match(tf.hint, new RegExp(`AIVEN_WEB_URL=${sb.url.replace(/[.]/g, '\\.')}`));
    await assertAccessibleEverywhere(page, 'equivalents with hints for another API');

    await clearLog(sb);
    const ranCurl = await bash(curl.command);
    assert.equal(ranCurl.code, 0, ranCurl.stderr);
    let calls = await createCalls(sb);
    assert.equal(calls.length, 1);
    assert.equal(calls[0].auth, 'valid');
    assert.deepEqual([bodyOf(calls[0]).service_name, bodyOf(calls[0]).copy_tags, bodyOf(calls[0]).user_config.service_to_fork_from],
      [viaCurl, true, 'demo-pg']);
    assert.equal((await service(sb, viaCurl)).user_config.service_to_fork_from, 'demo-pg');

    // avn, for another name: the command as the widget shows it.
    const viaAvn = 'equiv-by-avn';
    await w.getByLabel('New service name').fill(viaAvn);
    const avn = await shown(w, 'CLI (avn)');
    await clearLog(sb);
    const ranAvn = await bash(avn.command);
    assert.equal(ranAvn.code, 0, ranAvn.stderr);
    calls = await createCalls(sb);
    assert.equal(calls.length, 1);
    assert.deepEqual([bodyOf(calls[0]).service_name, bodyOf(calls[0]).user_config.service_to_fork_from], [viaAvn, 'demo-pg']);
    assert.equal((await service(sb, viaAvn)).service_type, 'pg');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});

describe('a console backend (a same-origin path)', () => {
  test('api-url names the API behind it; without api-url the commands name Aiven\'s', async () => {
    const page = await newPage(browser, sb);
    await page.goto(`${sb.url}/?mode=console&project=${PROJECT}&service=demo-mysql`);
    const w = page.locator('aiven-fork');
    await w.locator('form').waitFor();
    assert.equal(await w.getAttribute('base-url'), '/aiven-api');
    assert.equal(await w.getAttribute('api-url'), sb.url);
    assert.match((await shown(w, 'curl')).command, new RegExp(`^curl -sS -X POST '${sb.url.replace(/[.]/g, '\\.')}/v1/project/`));
    await w.evaluate((el) => el.removeAttribute('api-url'));
    assert.match((await shown(w, 'curl')).command, /^curl -sS -X POST 'https:\/\/api\.aiven\.io\/v1\/project\//);
    const cli = await shown(w, 'CLI (avn)');
    assert.ok(cli.command.startsWith("avn service create '"), cli.command);
    assert.equal((await shown(w, 'Terraform')).hint, null);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
