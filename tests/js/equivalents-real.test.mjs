// The `curl` and `avn` equivalents run for real against the sandbox: each command of
// `forkEquivalents(request, context, { baseUrl })`, as generated, run by bash with the real
// curl (Debian's) and the real Aiven CLI (PyPI aiven-client in .tools/avn, `avn --url`).
// The ServiceCreate each sends must be the library's body (avn: after the API defaults it
// always adds), and the service the sandbox creates must be the fork that body asks for.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PROJECT, clearLog, creates, getService, loadPackage, requestLog, startSandbox } from './client-support.mjs';
import { commandShell } from '../support/commands.mjs';

const { ForkClient, buildForkRequest, forkEquivalents } = await loadPackage();
const TOKEN = 'equivalents-real-token-41b9c2';

let sb;
let client;
let shell;
before(async () => {
  shell = commandShell(TOKEN);
  sb = await startSandbox({ rebuildSecs: 1, token: TOKEN });
  client = new ForkClient({ baseUrl: sb.url, token: TOKEN });
});
after(async () => {
  await sb?.stop();
  shell?.dispose();
});

/** Runs `script` with bash; the token only in the environment, as the commands expect. */
const bash = (script) => shell.bash(script);

/** The fork cases: [name, request, context options]. */
function cases(backupName) {
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  return [
    ['pg-time', (n) => ({
      project: PROJECT, serviceName: n, source: { service: 'demo-pg' }, recovery: { mode: 'time', time: hourAgo },
      cloud: 'aws-eu-west-1', terminationProtection: true, tags: { team: "data 'ops' $HOME `id` \\ \"q\"", env: 'dev' },
    })],
    ['ch-backup', (n) => ({
      project: PROJECT, serviceName: n, source: { service: 'demo-clickhouse' }, plan: 'business-16', recovery: { mode: 'backup', name: backupName },
    })],
    ['mysql-xp', (n) => ({ project: 'demo-project-2', serviceName: n, source: { service: 'demo-mysql', project: PROJECT } })],
    ['grafana-uc', (n) => ({ project: PROJECT, serviceName: n, source: { service: 'demo-grafana' }, userConfig: { alerting_enabled: true } })],
    ['os-latest', (n) => ({ project: PROJECT, serviceName: n, source: { service: 'demo-opensearch' } })],
    ['valkey-copy', (n) => ({ project: PROJECT, serviceName: n, source: { service: 'demo-valkey' }, copyTags: true })],
  ];
}

/** The created service is the fork `body` asks for (what the sandbox adds aside). */
async function assertServiceIs(project, body, label) {
  const svc = await getService(sb, body.service_name, project);
  assert.ok(svc, `${label}: no service ${body.service_name}`);
  assert.equal(svc.service_type, body.service_type, label);
  assert.equal(svc.plan, body.plan, label);
  if (body.cloud !== undefined) assert.equal(svc.cloud_name, body.cloud, label);
  assert.equal(svc.termination_protection, body.termination_protection ?? false, label);
  for (const [k, v] of Object.entries(body.user_config)) assert.deepEqual(svc.user_config[k], v, `${label}: user_config.${k}`);
  if (!body.copy_tags) assert.deepEqual(svc.tags, body.tags ?? {}, `${label}: tags`);
}

test('curl: each generated command, run by bash with the real curl, creates exactly the library\'s fork', async () => {
  const backup = (await client.getForkContext(PROJECT, 'demo-clickhouse')).backups[0].backupName;
  for (const [label, make] of cases(backup)) {
    const request = make(`real-${label}-curl`);
    const context = await client.getForkContext(request.source.project ?? request.project, request.source.service, { targetProject: request.project });
    const call = buildForkRequest(request, context);
    const eq = forkEquivalents(request, context, { baseUrl: sb.url });
    assert.ok(eq.curl.startsWith(`curl -sS -X POST '${sb.url}/v1/project/`), eq.curl);
    await clearLog(sb);
    const r = await bash(eq.curl);
    assert.equal(r.code, 0, `${label}: ${r.stderr}`);
    assert.equal(r.stderr, '', label);
    assert.equal(JSON.parse(r.stdout).service.service_name, request.serviceName, label);
    const sent = creates(await requestLog(sb));
    assert.equal(sent.length, 1, `${label}: creates sent`);
    assert.equal(sent[0].auth, 'valid', label);
    assert.equal(sent[0].path, call.path, label);
    assert.deepEqual(sent[0].body, call.body, `${label}: the body curl sent`);
    await assertServiceIs(request.project, call.body, `${label} (curl)`);
  }
});

test('avn: each generated command, run by bash with the real avn --url, creates the library\'s fork', async () => {
  const backup = (await client.getForkContext(PROJECT, 'demo-clickhouse')).backups[0].backupName;
  let ran = 0;
  for (const [label, make] of cases(backup)) {
    const request = make(`real-${label}-avn`);
    const context = await client.getForkContext(request.source.project ?? request.project, request.source.service, { targetProject: request.project });
    const call = buildForkRequest(request, context);
    const eq = forkEquivalents(request, context, { baseUrl: sb.url });
    // What avn cannot send is left out of its command and named in the hint: here only
    // copy_tags (avn has no option for it; the curl test sends it).
    const expected = { ...call.body };
    if (call.body.copy_tags) {
      assert.match(eq.hints.cli, /copy_tags/, label);
      delete expected.copy_tags;
    } else {
      assert.equal(eq.hints.cli, null, label);
    }
    assert.ok(eq.cli.startsWith(`avn --url '${sb.url}' service create `), eq.cli);
    await clearLog(sb);
    const r = await bash(eq.cli);
    assert.equal(r.code, 0, `${label}: ${r.stderr}\n${eq.cli}`);
    const log = await requestLog(sb);
    const sent = creates(log);
    assert.equal(sent.length, 1, `${label}: creates sent`);
    assert.equal(sent[0].auth, 'valid', label);
    assert.equal(sent[0].path, call.path, label);
    // avn always sends these; where the library leaves one out, avn's is the API default.
    const defaults = { cloud: null, service_integrations: [], static_ips: [], termination_protection: false };
    const body = { ...sent[0].body };
    for (const [k, v] of Object.entries(defaults)) {
      if (!(k in expected)) {
        assert.deepEqual(body[k], v, `${label}: avn's ${k}`);
        delete body[k];
      }
    }
    // Tags go in a second command, `avn service tags replace`.
    const tagPuts = log.filter((e) => e.method === 'PUT' && e.path === `/v1/project/${request.project}/service/${request.serviceName}/tags`);
    if (expected.tags) {
      assert.equal(tagPuts.length, 1, `${label}: tag replacements`);
      assert.deepEqual(tagPuts[0].body, { tags: expected.tags }, `${label}: the tags avn sent`);
      body.tags = tagPuts[0].body.tags;
    } else {
      assert.equal(tagPuts.length, 0, label);
    }
    assert.deepEqual(body, expected, `${label}: the body avn sent`);
    await assertServiceIs(request.project, expected, `${label} (avn)`);
    ran++;
  }
  assert.equal(ran, 6);
});
