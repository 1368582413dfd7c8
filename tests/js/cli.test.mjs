// The `aiven-fork` command as a user runs it: the packed package installed into an empty
// folder, its bin spawned as a process against a real sandbox. Forks to RUNNING, the
// repeated fork (created: false), a rule refused with the library's message and nothing
// sent, check (creates nothing, prices the fork), --json, Ctrl-C during --wait (130, one
// service), delete (refusals and its own fork), usage errors, API failures, timeouts and
// the exit codes of the documented table. The token never shows.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';

import { PROJECT, clearLog, creates, getService, listServices, loadPackage, requestLog, startSandbox } from './client-support.mjs';
import { PKG, packAndInstall } from './package-support.mjs';

const lib = await loadPackage();
const TOKEN = 'cli-test-token-5d1e8a73c2';

let sb;
let dir;
let bin;
before(async () => {
  sb = await startSandbox({ rebuildSecs: 1, token: TOKEN });
  ({ dir } = packAndInstall('aiven-fork-cli-'));
  bin = path.join(dir, 'node_modules', '.bin', 'aiven-fork');
});
after(async () => {
  await sb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Run the installed command; resolves `{ code, signal, stdout, stderr }` (every wait
 * bounded). `onStdout(text, child)` sees stdout as it arrives.
 */
function run(args, { env = { AIVEN_TOKEN: TOKEN }, command = bin, onStdout } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: dir, env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
      onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`aiven-fork ${args.join(' ')} did not finish in 60 s:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      assert.ok(!stdout.includes(TOKEN) && !stderr.includes(TOKEN), `token printed:\n${stdout}\n${stderr}`);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const at = (url = sb.url) => ['--base-url', url, '--project', PROJECT];
const client = () => new lib.ForkClient({ baseUrl: sb.url, token: TOKEN });

describe('installed from the packed tarball', () => {
  test('npx aiven-fork --help prints the commands and the exit codes; each command has its help', async () => {
    const npx = await run(['--offline', 'aiven-fork', '--help'], { command: 'npx' });
    assert.equal(npx.code, 0, npx.stderr);
    assert.match(npx.stdout, /^usage: aiven-fork <command> \[flags\]$/m);
    for (const c of ['fork', 'check', 'delete']) assert.match(npx.stdout, new RegExp(`^  ${c} +\\S`, 'm'));
    for (const code of [0, 1, 2, 3, 4, 5, 130]) assert.match(npx.stdout, new RegExp(`^ +${code}  \\S`, 'm'));
    for (const c of ['fork', 'check', 'delete']) {
      const h = await run([c, '--help'], { env: {} });
      assert.equal(h.code, 0);
      assert.match(h.stdout, new RegExp(`^usage: aiven-fork ${c} --project P `, 'm'));
      assert.match(h.stdout, /^ {2}--json +/m);
    }
    const v = await run(['--version'], { env: {} });
    assert.equal(v.stdout, `${JSON.parse(readFileSync(path.join(PKG, 'package.json'), 'utf8')).version}\n`);
  });
});

describe('fork', () => {
  test('forks and waits until RUNNING, with one progress line per phase (no terminal)', async () => {
    const r = await run(['fork', ...at(), '--source', 'demo-pg', '--name', 'cli-pg', '--wait', '--timeout', '30s', '--poll-interval', '100ms', '--tag', 'pr=12']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'fork cli-pg of demo-pg in demo-project: created (pg, business-4, google-europe-west1; REBUILDING)\ncli-pg is RUNNING\n');
    const phases = r.stderr.split('\n').filter(Boolean);
    assert.ok(phases.length >= 2, r.stderr);
    for (const line of phases) assert.match(line, /^progress: (prepare|basebackup|stream|finalize|running)( \d+%)?$/);
    assert.equal(new Set(phases.map((l) => l.split(' ')[1])).size, phases.length, 'one line per phase');
    assert.equal(phases.at(-1), 'progress: running 100%');
    const svc = await getService(sb, 'cli-pg');
    assert.equal(svc.state, 'RUNNING');
    assert.equal(svc.user_config.service_to_fork_from, 'demo-pg');
    assert.deepEqual(svc.tags, { pr: '12', 'aiven-fork-source': 'demo-pg' });
  });

  test('the same fork again: created false, nothing sent; --json parses and matches the service', async () => {
    await clearLog(sb);
    const r = await run(['fork', ...at(), '--source', 'demo-pg', '--name', 'cli-pg', '--tag', 'pr=12', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    const svc = await getService(sb, 'cli-pg');
    assert.deepEqual(doc, {
      command: 'fork',
      ok: true,
      exitCode: 0,
      created: false,
      attempts: 0,
      service: {
        service_name: svc.service_name,
        service_type: svc.service_type,
        plan: svc.plan,
        cloud_name: svc.cloud_name,
        state: svc.state,
        node_count: svc.node_count,
        disk_space_mb: svc.disk_space_mb,
        termination_protection: svc.termination_protection,
        tags: svc.tags,
        create_time: svc.create_time,
        update_time: svc.update_time,
        user_config: { service_to_fork_from: 'demo-pg' },
      },
    });
    assert.equal(r.stdout.includes(svc.users[0].password), false);
    assert.equal(r.stdout.includes('service_uri'), false);
    assert.deepEqual(creates(await requestLog(sb)), []);
    assert.equal((await listServices(sb)).filter((s) => s.service_name === 'cli-pg').length, 1);
  });

  test('a rule broken: exit 1 with the library message, no create sent', async () => {
    const request = lib.markForkDeletable({ project: PROJECT, serviceName: 'cli-old', source: { service: 'demo-pg' }, plan: 'nope-4' });
    const expected = (await client().checkFork(request)).report.errors;
    assert.deepEqual(expected.map((e) => e.code), ['plan_not_found']);
    await clearLog(sb);
    const r = await run(['fork', ...at(), '--source', 'demo-pg', '--name', 'cli-old', '--plan', 'nope-4']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `error: ${expected[0].code}: ${expected[0].message}\n`);
    assert.deepEqual(creates(await requestLog(sb)), []);
    assert.equal(await getService(sb, 'cli-old'), null);
    const j = await run(['fork', ...at(), '--source', 'demo-pg', '--name', 'cli-old', '--plan', 'nope-4', '--json']);
    assert.equal(j.code, 1);
    assert.deepEqual(JSON.parse(j.stdout), { command: 'fork', ok: false, exitCode: 1, error: { code: expected[0].code, message: expected[0].message, errors: expected } });
  });

  test('--explain prints the library equivalents before forking', async () => {
    const request = lib.markForkDeletable({ project: PROJECT, serviceName: 'cli-explained', source: { service: 'demo-mysql' }, recovery: { mode: 'latest' } });
    const eq = lib.forkEquivalents(request, await client().getForkContext(PROJECT, 'demo-mysql'), { baseUrl: sb.url });
    const r = await run(['fork', ...at(), '--source', 'demo-mysql', '--name', 'cli-explained', '--explain']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith('The same fork by hand:\n\n# avn\n'), r.stdout);
    for (const key of ['cli', 'curl', 'terraform']) assert.ok(r.stdout.includes(eq[key].trimEnd()), key);
    assert.match(r.stdout, /^fork cli-explained of demo-mysql in demo-project: created \(mysql, /m);
  });

  test('Ctrl-C during --wait: exit 130, one service; the same command again creates nothing', async () => {
    const slow = await startSandbox({ rebuildSecs: 600, token: TOKEN });
    try {
      const before = (await listServices(slow)).length;
      let sent = false;
      const r = await run(['fork', ...at(slow.url), '--source', 'demo-pg', '--name', 'cli-int', '--wait', '--poll-interval', '50ms'], {
        onStdout: (text, child) => {
          if (!sent && text.includes('created')) {
            sent = true;
            child.kill('SIGINT');
          }
        },
      });
      assert.ok(sent, r.stdout);
      assert.equal(r.code, 130, r.stderr);
      assert.match(r.stderr, /^error: aborted: /m);
      const services = await listServices(slow);
      assert.equal(services.length, before + 1);
      assert.equal(services.filter((s) => s.service_name === 'cli-int').length, 1);
      await slow.clearRequests();
      const again = await run(['fork', ...at(slow.url), '--source', 'demo-pg', '--name', 'cli-int', '--json']);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout).created, false);
      assert.deepEqual(creates(await slow.requests()), []);
      assert.equal((await listServices(slow)).length, before + 1);
    } finally {
      await slow.stop();
    }
  });

  test('--wait with a --timeout that passes: exit 4, the fork named', async () => {
    const slow = await startSandbox({ rebuildSecs: 600, token: TOKEN });
    try {
      const r = await run(['fork', ...at(slow.url), '--source', 'demo-grafana', '--name', 'cli-slow', '--wait', '--timeout', '300ms', '--poll-interval', '50ms', '--json']);
      assert.equal(r.code, 4, r.stderr);
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.error.code, 'wait_timeout');
      assert.equal(doc.created, true);
      assert.equal(doc.service.service_name, 'cli-slow');
    } finally {
      await slow.stop();
    }
  });
});

describe('check', () => {
  test('a dry run: the report with the price, exit 0, nothing created', async () => {
    await clearLog(sb);
    const r = await run(['check', ...at(), '--source', 'demo-pg', '--name', 'cli-check', '--plan', 'startup-4', '--cloud', 'aws-eu-west-1']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'check: fork cli-check of demo-pg in demo-project (pg, startup-4, aws-eu-west-1)');
    assert.equal(lines[1], 'price: $0.1100 an hour (startup-4 in aws-eu-west-1)');
    assert.match(r.stdout, /^warning: tags_not_copied: /m);
    assert.equal(lines.at(-2), 'ok: every rule passes; nothing was created');
    assert.deepEqual(creates(await requestLog(sb)), []);
    assert.equal(await getService(sb, 'cli-check'), null);
  });

  test('a broken rule: exit 1 with every error; --json holds the full report', async () => {
    await clearLog(sb);
    const r = await run(['check', ...at(), '--source', 'demo-pg', '--name', 'demo-mysql', '--plan', 'nope-4']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^error: name_taken \(serviceName\): /m);
    assert.match(r.stdout, /^error: plan_not_found \(plan\): plan "nope-4" does not exist for pg$/m);
    assert.match(r.stdout, /^refused: 2 errors; nothing was created$/m);
    const j = await run(['check', ...at(), '--source', 'demo-pg', '--name', 'demo-mysql', '--plan', 'nope-4', '--json']);
    assert.equal(j.code, 1, j.stderr);
    const doc = JSON.parse(j.stdout);
    assert.equal(doc.ok, false);
    assert.equal(doc.exitCode, 1);
    assert.deepEqual(doc.report.errors.map((e) => e.code), ['plan_not_found', 'name_taken']);
    assert.equal(doc.existing, null);
    assert.deepEqual(creates(await requestLog(sb)), []);
  });

  test('the fork exists already: exit 0, named as existing', async () => {
    const r = await run(['check', ...at(), '--source', 'demo-pg', '--name', 'cli-pg', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.ok, true);
    assert.equal(doc.existing.service_name, 'cli-pg');
    assert.deepEqual(doc.report.price, { plan: 'business-4', cloud: 'google-europe-west1', hourlyUsd: '0.2000' });
  });
});

describe('delete', () => {
  test('refuses what it did not make, a fork of another source, a protected fork; deletes its own', async () => {
    const c = client();
    await c.fork({ project: PROJECT, serviceName: 'cli-untagged', source: { service: 'demo-pg' } });
    await c.fork(lib.markForkDeletable({ project: PROJECT, serviceName: 'cli-mysql', source: { service: 'demo-mysql' } }));
    await c.fork(lib.markForkDeletable({ project: PROJECT, serviceName: 'cli-protected', source: { service: 'demo-pg' }, terminationProtection: true }));
    await clearLog(sb);
    for (const [name, code] of [['cli-untagged', 'fork_tag_missing'], ['cli-mysql', 'not_fork_of_source'], ['cli-protected', 'termination_protected'], ['demo-mysql', 'not_fork_of_source']]) {
      const r = await run(['delete', ...at(), '--name', name, '--forked-from', 'demo-pg']);
      assert.equal(r.code, 5, `${name}: ${r.stderr}`);
      const message = (await c.deleteFork(PROJECT, name, { forkedFrom: 'demo-pg' }).catch((e) => e)).message;
      assert.equal(r.stderr, `error: ${code}: ${message}\n`);
      assert.notEqual(await getService(sb, name), null, name);
    }
    assert.deepEqual((await requestLog(sb)).filter((e) => e.method === 'DELETE'), []);

    const mine = await run(['delete', ...at(), '--name', 'cli-pg', '--forked-from', 'demo-pg']);
    assert.equal(mine.code, 0, mine.stderr);
    assert.equal(mine.stdout, 'deleted cli-pg (a fork of demo-pg) in demo-project\n');
    assert.equal(await getService(sb, 'cli-pg'), null);
    const again = await run(['delete', ...at(), '--name', 'cli-pg', '--forked-from', 'demo-pg', '--json']);
    assert.equal(again.code, 0);
    assert.deepEqual(JSON.parse(again.stdout), { command: 'delete', ok: true, exitCode: 0, deleted: false, service: null });
  });
});

describe('usage errors, the token, failures', () => {
  test('usage errors exit 2 and name the problem', async () => {
    const cases = [
      [['fork', ...at(), '--source', 'demo-pg'], 'error: --name is required'],
      [['fork', ...at(), '--source', 'demo-pg', '--name', 'x', '--token', TOKEN], 'error: the token is read from AIVEN_TOKEN (or --token-file), never from a flag'],
      [['fork', ...at(), '--source', 'demo-pg', '--name', 'x', '--nope'], 'error: unknown flag --nope for fork (see aiven-fork fork --help)'],
      [['fork', ...at(), '--source', 'demo-pg', '--name', 'x', '--time', 't', '--backup', 'b'], 'error: --time and --backup exclude each other'],
      [['fork', ...at(), '--source', 'demo-pg', '--name', 'x', '--wait', '--timeout', '30'], 'error: --timeout takes a duration like 90s, 30m or 2h, got "30"'],
      [['fork', ...at(), '--source', 'demo-pg', '--name', 'x', '--tag', 'novalue'], 'error: --tag takes KEY=VALUE, got "novalue"'],
      [['fork', ...at(), '--source', 'demo-pg', '--name', '--wait'], 'error: --name needs a value'],
      [['fork', ...at(), 'stray', '--source', 'demo-pg', '--name', 'x'], 'error: unexpected argument: stray'],
      [['delete', ...at(), '--name', 'x'], 'error: --forked-from is required'],
      [['forks'], 'error: unknown command "forks" (commands: fork, check, delete)'],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('error: ')).join('\n'), message);
    }
    const noToken = await run(['check', ...at(), '--source', 'demo-pg', '--name', 'x'], { env: {} });
    assert.equal(noToken.code, 2);
    assert.equal(noToken.stderr, 'error: set AIVEN_TOKEN to an Aiven API token (or give --token-file)\n');
    const insecure = await run(['check', '--base-url', 'http://example.com', '--project', PROJECT, '--source', 'demo-pg', '--name', 'x']);
    assert.equal(insecure.code, 2);
    assert.match(insecure.stderr, /^error: insecure_base_url: /);
    const json = await run(['fork', ...at(), '--source', 'demo-pg', '--json']);
    assert.deepEqual(JSON.parse(json.stdout), { command: 'fork', ok: false, exitCode: 2, error: { code: 'usage_error', message: '--name is required', errors: [] } });
    const none = await run([], { env: {} });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^usage: aiven-fork/);
  });

  test('--token-file instead of AIVEN_TOKEN; a missing file is a usage error', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'aiven-fork-token-'));
    try {
      const file = path.join(tmp, 'token');
      writeFileSync(file, `${TOKEN}\n`, { mode: 0o600 });
      const r = await run(['check', ...at(), '--source', 'demo-pg', '--name', 'cli-tf', '--token-file', file], { env: {} });
      assert.equal(r.code, 0, r.stderr);
      const missing = await run(['check', ...at(), '--source', 'demo-pg', '--name', 'cli-tf', '--token-file', path.join(tmp, 'nope')], { env: {} });
      assert.equal(missing.code, 2);
      assert.equal(missing.stderr, `error: --token-file ${JSON.stringify(path.join(tmp, 'nope'))} cannot be read (ENOENT)\n`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('the API refuses: exit 3 with the status and its message', async () => {
    const r = await run(['fork', ...at(), '--source', 'demo-pg', '--name', 'x'], { env: { AIVEN_TOKEN: 'wrong-token-123456' } });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^error: api_error: .*HTTP 401/m);
    assert.match(r.stderr, /^ {2}HTTP 401: Invalid token$/m);
  });
});

test('progress on a terminal: one bar redrawn in place, ended by a newline', async () => {
  const { progressPrinter } = await import(path.join(PKG, 'cli', 'output.mjs'));
  const stream = new PassThrough();
  stream.isTTY = true;
  let text = '';
  stream.on('data', (d) => {
    text += d;
  });
  const bar = progressPrinter(stream);
  bar.update({ state: 'REBUILDING', phase: 'basebackup', percent: 50, nodes: [] });
  bar.update({ state: 'RUNNING', phase: null, percent: 100, nodes: [] });
  bar.end();
  await new Promise((r) => setImmediate(r));
  assert.equal(text, `\r[############............]  50% ${'basebackup'.padEnd(20)}\r[########################] 100% ${'running'.padEnd(20)}\n`);
});
