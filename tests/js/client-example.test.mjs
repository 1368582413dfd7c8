// examples/fork.mjs, run as a user would, against a real sandbox: a fork followed
// to RUNNING with a progress display, a rule refused before sending, usage errors,
// an API failure, and the exit codes the script documents. The token never shows.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { PROJECT, ROOT, creates, clearLog, getService, listServices, loadPackage, requestLog, startSandbox } from './client-support.mjs';

await loadPackage();
const SCRIPT = path.join(ROOT, 'examples/fork.mjs');
const TOKEN = 'example-test-token-7f3a9c21d4';

let sb;
before(async () => {
  sb = await startSandbox({ rebuildSecs: 1, token: TOKEN });
});
after(async () => {
  await sb?.stop();
});

function run(args, env = { AIVEN_TOKEN: TOKEN }) {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        assert.ok(!stdout.includes(TOKEN) && !stderr.includes(TOKEN), `token printed:\n${stdout}\n${stderr}`);
        resolve({ code, stdout, stderr });
      });
  });
}

const base = () => ['--base-url', sb.url, '--project', PROJECT];

test('forks and waits until RUNNING, showing progress', async () => {
  const r = await run([...base(), '--source', 'demo-pg', '--name', 'ex-pg', '--wait', '--poll-ms', '100', '--copy-tags']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^fork ex-pg of demo-pg in demo-project: created \(pg, business-4, REBUILDING; 1 create call\)$/m);
  assert.match(r.stdout, /^ex-pg is RUNNING$/m);
  assert.match(r.stderr, /^progress: (prepare|basebackup|stream|finalize)/m);
  const svc = await getService(sb, 'ex-pg');
  assert.equal(svc.user_config.service_to_fork_from, 'demo-pg');
  assert.deepEqual(svc.tags, (await getService(sb, 'demo-pg')).tags);
});

test('named backup, plan and cloud flags reach the payload', async () => {
  const backups = await (await fetch(`${sb.url}/v1/project/${PROJECT}/service/demo-clickhouse/backups`, { headers: { Authorization: `aivenv1 ${TOKEN}` } })).json();
  const name = backups.backups[0].backup_name;
  const r = await run([...base(), '--source', 'demo-clickhouse', '--name', 'ex-ch', '--backup', name, '--plan', 'business-8', '--cloud', 'aws-eu-west-1']);
  assert.equal(r.code, 0, r.stderr);
  const svc = await getService(sb, 'ex-ch');
  assert.deepEqual([svc.plan, svc.cloud_name, svc.user_config.recovery_basebackup_name], ['business-8', 'aws-eu-west-1', name]);
});

test('running it again: the fork already exists (exit 0, nothing created)', async () => {
  await clearLog(sb);
  const r = await run([...base(), '--source', 'demo-pg', '--name', 'ex-pg']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /: already existed \(/);
  assert.deepEqual(creates(await requestLog(sb)), []);
});

test('a rule violated: exit 1 with the code, nothing sent', async () => {
  await clearLog(sb);
  const r = await run([...base(), '--source', 'demo-pg', '--name', 'ex-old', '--time', '2001-01-01 00:00:00']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: recovery_time_out_of_range: /m);
  assert.deepEqual(creates(await requestLog(sb)), []);
});

test('usage errors: exit 2', async () => {
  assert.equal((await run([...base(), '--source', 'demo-pg'])).code, 2);
  assert.equal((await run([...base(), '--source', 'demo-pg', '--name', 'x', '--token', TOKEN])).code, 2);
  assert.equal((await run([...base(), '--source', 'demo-pg', '--name', 'x', '--time', 't', '--backup', 'b'])).code, 2);
  const noToken = await run([...base(), '--source', 'demo-pg', '--name', 'x'], {});
  assert.equal(noToken.code, 2);
  assert.match(noToken.stderr, /AIVEN_TOKEN/);
  const insecure = await run(['--base-url', 'http://example.com', '--project', PROJECT, '--source', 'demo-pg', '--name', 'x']);
  assert.equal(insecure.code, 2);
  assert.match(insecure.stderr, /^error: insecure_base_url: /m);
});

test('API failure: exit 3 with the status', async () => {
  const r = await run([...base(), '--source', 'demo-pg', '--name', 'x'], { AIVEN_TOKEN: 'wrong-token-123456' });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /^error: api_error: .*HTTP 401/m);
  assert.match(r.stderr, /^ {2}HTTP 401: Invalid token$/m);
});

test('--wait with a timeout that passes: exit 4', async () => {
  const slow = await startSandbox({ rebuildSecs: 600, token: TOKEN });
  try {
    const r = await run(['--base-url', slow.url, '--project', PROJECT, '--source', 'demo-grafana', '--name', 'ex-slow', '--wait', '--timeout-ms', '300', '--poll-ms', '50']);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /^error: wait_timeout: /m);
  } finally {
    await slow.stop();
  }
});

test('Ctrl-C during --wait: exit 130 (aborted), exactly one service, and running it again creates nothing', async () => {
  const slow = await startSandbox({ rebuildSecs: 600, token: TOKEN });
  try {
    const before = (await listServices(slow)).length;
    // Started as a user starts it; Ctrl-C once the fork is created and being waited for.
    const child = spawn(process.execPath, [SCRIPT, '--base-url', slow.url, '--project', PROJECT, '--source', 'demo-pg', '--name', 'ex-int', '--wait', '--poll-ms', '50'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, AIVEN_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      // The first progress line: the fork exists and the script is waiting for RUNNING.
      if (!interrupted && /^progress: /m.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`fork.mjs did not end within 30 s:\n${stdout}\n${stderr}`));
      }, 30_000);
      child.once('exit', (c, signal) => {
        clearTimeout(timer);
        resolve(c ?? signal);
      });
    });
    assert.ok(interrupted, `no progress was shown:\n${stdout}\n${stderr}`);
    assert.equal(code, 130, stderr);
    assert.match(stdout, /^fork ex-int of demo-pg in demo-project: created \(pg, business-4, REBUILDING; 1 create call\)$/m);
    assert.match(stderr, /^error: aborted: /m);
    assert.ok(!stdout.includes(TOKEN) && !stderr.includes(TOKEN));
    const services = await listServices(slow);
    assert.equal(services.length, before + 1);
    assert.equal(services.filter((s) => s.service_name === 'ex-int').length, 1);
    assert.equal(creates(await slow.requests()).length, 1);
    // The same command again: the fork already exists, no create is sent.
    await slow.clearRequests();
    const again = await run(['--base-url', slow.url, '--project', PROJECT, '--source', 'demo-pg', '--name', 'ex-int']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /: already existed \(/);
    assert.deepEqual(creates(await slow.requests()), []);
  } finally {
    await slow.stop();
  }
});
