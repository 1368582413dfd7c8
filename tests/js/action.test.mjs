// The GitHub Action (action/) run as the runner runs it: only action.yml and dist/ copied
// into an empty folder, `node dist/index.cjs` with the inputs as INPUT_* variables (names
// upper-cased, hyphens kept, action.yml's defaults filled in), outputs read back from the
// GITHUB_OUTPUT file, against a real sandbox. Fork, re-run (same service, created false),
// delete; refusals fail the step with an ::error:: annotation; the token and the URI's
// password appear on stdout only in ::add-mask:: lines. The committed bundle is what
// scripts/build-action.mjs builds from the current sources.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import YAML from 'yaml';

import { PROJECT, ROOT, clearLog, creates, getService, loadPackage, requestLog, startSandbox } from './client-support.mjs';

await loadPackage();
const TOKEN = 'action-test-token-93b7c0e2f1';
const ACTION = path.join(ROOT, 'action');
const META = YAML.parse(readFileSync(path.join(ACTION, 'action.yml'), 'utf8'));

let sb;
let work;
before(async () => {
  sb = await startSandbox({ rebuildSecs: 1, token: TOKEN });
  work = mkdtempSync(path.join(os.tmpdir(), 'aiven-fork-action-'));
  // What the runner downloads: the action's folder, no node_modules, no repository around it.
  for (const f of ['action.yml', 'dist']) cpSync(path.join(ACTION, f), path.join(work, 'action', f), { recursive: true });
});
after(async () => {
  await sb?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The environment the runner gives the action: every input (defaults from action.yml). */
function runnerEnv(inputs, outputFile) {
  const env = { PATH: process.env.PATH, GITHUB_OUTPUT: outputFile };
  for (const [name, spec] of Object.entries(META.inputs)) {
    const value = inputs[name] ?? spec.default;
    if (value !== undefined) env[`INPUT_${name.toUpperCase()}`] = String(value);
  }
  return env;
}

/** The GITHUB_OUTPUT file's `name<<delimiter` blocks as an object. */
function readOutputs(text) {
  const out = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(ghadelimiter_[0-9a-f-]+)$/.exec(lines[i]);
    if (!m) continue;
    const end = lines.indexOf(m[2], i + 1);
    assert.ok(end > i, `unterminated output ${m[1]}`);
    out[m[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return out;
}

/** Run the action like the runner; `{ code, stdout, stderr, outputs }`, every wait bounded. */
function runAction(inputs) {
  const dir = mkdtempSync(path.join(work, 'step-'));
  const outputFile = path.join(dir, 'output');
  writeFileSync(outputFile, '');
  const env = runnerEnv({ token: TOKEN, 'base-url': sb.url, project: PROJECT, 'poll-interval': '100ms', ...inputs }, outputFile);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(work, 'action', META.runs.main)], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the action did not finish in 60 s:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, outputs: readOutputs(readFileSync(outputFile, 'utf8')) });
    });
  });
}

/** Every secret appears on stdout only inside `::add-mask::` lines, and is masked before any other line. */
function assertMasked(stdout, secrets) {
  const lines = stdout.split('\n');
  for (const secret of secrets) {
    const maskAt = lines.indexOf(`::add-mask::${secret}`);
    assert.ok(maskAt >= 0, `no mask for a secret in:\n${stdout}`);
    lines.forEach((line, i) => {
      if (line.includes(secret)) assert.ok(line.startsWith('::add-mask::'), `unmasked secret on line ${i}: ${line}`);
    });
  }
  assert.equal(lines[0], `::add-mask::${TOKEN}`, 'the token is masked first');
}

describe('the committed bundle', () => {
  test('action.yml: node20, dist/index.cjs, the documented inputs and outputs', () => {
    assert.deepEqual(META.runs, { using: 'node20', main: 'dist/index.cjs' });
    assert.deepEqual(Object.keys(META.inputs).sort(), [
      'base-url', 'cloud', 'copy-tags', 'mode', 'name', 'plan', 'poll-interval', 'project', 'recovery', 'source',
      'source-project', 'tags', 'timeout', 'token', 'wait',
    ]);
    assert.deepEqual(Object.keys(META.outputs).sort(), ['created', 'deleted', 'service-name', 'service-uri', 'state']);
    const readme = readFileSync(path.join(ACTION, 'README.md'), 'utf8');
    for (const name of [...Object.keys(META.inputs), ...Object.keys(META.outputs)]) assert.ok(readme.includes(`| \`${name}\``), `${name} documented`);
    // Every input the code reads is declared.
    const source = readFileSync(path.join(ACTION, 'src', 'main.mjs'), 'utf8');
    const read = [...source.matchAll(/(?:input|required|flag)\(env, '([a-z-]+)'/g)].map((m) => m[1]);
    assert.ok(read.length >= 10);
    for (const name of read) assert.ok(Object.hasOwn(META.inputs, name), `${name} is declared in action.yml`);
  });

  test('is up to date: a rebuild from the current sources gives the same bytes', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'aiven-fork-action-build-'));
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-action.mjs'), '--out', tmp], { cwd: ROOT, stdio: 'pipe' });
      for (const f of ['index.cjs', 'aiven_fork_bg.wasm']) {
        const fresh = readFileSync(path.join(tmp, f));
        const committed = readFileSync(path.join(ACTION, 'dist', f));
        assert.ok(fresh.equals(committed), `action/dist/${f} is stale: run bash scripts/build-pkg.sh && node scripts/build-action.mjs, then commit action/dist`);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('run as the runner runs it', () => {
  test('fork: created and RUNNING, outputs written, token and password masked', async () => {
    const r = await runAction({ source: 'demo-pg', name: 'pr-101', tags: 'pr=101, team=web' });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const svc = await getService(sb, 'pr-101');
    assert.deepEqual(r.outputs, { 'service-name': 'pr-101', 'service-uri': svc.service_uri, state: 'RUNNING', created: 'true' });
    assert.equal(svc.user_config.service_to_fork_from, 'demo-pg');
    assert.deepEqual(svc.tags, { pr: '101', team: 'web', 'aiven-fork-source': 'demo-pg' });
    const password = new URL(svc.service_uri).password;
    assert.ok(password.length >= 8);
    assertMasked(r.stdout, [TOKEN, svc.service_uri, password]);
    assert.match(r.stdout, /^aiven-fork: fork pr-101 of demo-pg in demo-project: created \(pg, business-4, google-europe-west1; REBUILDING\)$/m);
    assert.match(r.stdout, /^aiven-fork: pr-101 is RUNNING$/m);
    assert.equal(r.stderr, '');
  });

  test('a re-run for the same pull request: the same service, created false, no create sent', async () => {
    await clearLog(sb);
    const r = await runAction({ source: 'demo-pg', name: 'pr-101', tags: 'pr=101, team=web' });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const svc = await getService(sb, 'pr-101');
    assert.deepEqual(r.outputs, { 'service-name': 'pr-101', 'service-uri': svc.service_uri, state: 'RUNNING', created: 'false' });
    assertMasked(r.stdout, [TOKEN, new URL(svc.service_uri).password]);
    assert.match(r.stdout, /: already exists \(nothing created\)/);
    assert.deepEqual(creates(await requestLog(sb)), []);
  });

  test('delete: the fork is deleted; again: nothing to delete', async () => {
    const r = await runAction({ mode: 'delete', source: 'demo-pg', name: 'pr-101' });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.outputs, { 'service-name': 'pr-101', deleted: 'true' });
    assert.equal(await getService(sb, 'pr-101'), null);
    assert.equal(r.stdout, `::add-mask::${TOKEN}\naiven-fork: deleted pr-101 (a fork of demo-pg) in demo-project\n`);
    const again = await runAction({ mode: 'delete', source: 'demo-pg', name: 'pr-101' });
    assert.equal(again.code, 0);
    assert.deepEqual(again.outputs, { 'service-name': 'pr-101', deleted: 'false' });
  });

  test('refusals fail the step with an ::error:: annotation and send nothing', async () => {
    await clearLog(sb);
    const rule = await runAction({ source: 'demo-pg', name: 'pr-102', plan: 'nope-4' });
    assert.equal(rule.code, 1);
    assert.equal(rule.stdout, `::add-mask::${TOKEN}\n::error title=aiven-fork::plan_not_found: plan "nope-4" does not exist for pg\n`);
    assert.deepEqual(rule.outputs, {});
    const prod = await runAction({ mode: 'delete', source: 'demo-pg', name: 'demo-mysql' });
    assert.equal(prod.code, 1);
    assert.equal(prod.stdout, `::add-mask::${TOKEN}\n::error title=aiven-fork::not_fork_of_source: service demo-mysql in project demo-project is not a fork, so it is not deleted\n`);
    const log = await requestLog(sb);
    assert.deepEqual(creates(log), []);
    assert.deepEqual(log.filter((e) => e.method === 'DELETE'), []);
    assert.notEqual(await getService(sb, 'demo-mysql'), null);
    const bad = await runAction({ source: 'demo-pg', name: 'pr-103', wait: 'maybe' });
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^::error title=aiven-fork::the input wait must be true or false, got "maybe"$/m);
    const wrong = await runAction({ source: 'demo-pg', name: 'pr-104', token: 'wrong-token-4d2c9a' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout, /^::error title=aiven-fork::api_error: .*HTTP 401: Invalid token$/m);
    assert.ok(!wrong.stdout.split('\n').slice(1).some((l) => l.includes('wrong-token-4d2c9a')));
  });
});
