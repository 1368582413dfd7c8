// Shared helpers of the ForkClient tests (tests/js/client*.test.mjs): the real
// package build, a real sandbox per test file, and the sandbox's admin API.
// Nothing here stands in for the library or the server.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { api } from '../support/sandbox.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PROJECT = 'demo-project';

/** The Node build of the package; built once when missing. */
export async function loadPackage() {
  const entry = path.join(ROOT, 'pkg/node/aiven_fork.cjs');
  if (!existsSync(entry) || !existsSync(path.join(ROOT, 'pkg/web/aiven_fork.js'))) {
    execFileSync('bash', [path.join(ROOT, 'scripts/build-pkg.sh')], { cwd: ROOT, stdio: 'inherit' });
  }
  return import(entry);
}

export { api, clearLog, requestLog, setFaults, startSandbox, until } from '../support/sandbox.mjs';

export async function resetSandbox(sb) {
  const r = await api(sb, 'POST', '/_sandbox/reset');
  assert.ok(r.status >= 200 && r.status < 300, `POST /_sandbox/reset: ${r.text}`);
}

export async function getService(sb, name, project = PROJECT) {
  const r = await api(sb, 'GET', `/v1/project/${project}/service/${name}`);
  return r.status === 200 ? r.json.service : null;
}

export async function listServices(sb, project = PROJECT) {
  const r = await api(sb, 'GET', `/v1/project/${project}/service`);
  assert.equal(r.status, 200, r.text);
  return r.json.services;
}

/** Log entries that are service creations (`POST /v1/project/{p}/service`). */
export function creates(log) {
  return log.filter((e) => e.method === 'POST' && /^\/v1\/project\/[^/]+\/service$/.test(e.path));
}

/**
 * Creates the sandbox carried out (made a service): answered 200, or answered with an
 * injected 5xx / dropped after the work was done (`handledStatus` 200).
 */
export function acceptedCreates(log) {
  return creates(log).filter((e) => (e.fault ? e.handledStatus : e.status) === 200);
}

/** The `service_name` a logged create asked for. */
export function createdName(entry) {
  return entry.body?.service_name;
}

/** Every text a thrown value exposes: JSON, String(), stack, inspect, own props. */
export async function exposedTexts(value) {
  const { inspect } = await import('node:util');
  const out = [String(value), inspect(value, { depth: 10, showHidden: true })];
  try {
    out.push(JSON.stringify(value));
  } catch {
    out.push('<unserialisable>');
  }
  if (value && typeof value === 'object') {
    out.push(String(value.stack ?? ''));
    for (const k of Object.getOwnPropertyNames(value)) {
      try {
        out.push(`${k}=${JSON.stringify(value[k])}`);
      } catch {
        out.push(`${k}=?`);
      }
    }
  }
  return out.join('\n');
}
