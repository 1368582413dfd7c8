// Shared helpers of the ForkClient tests (tests/js/client*.test.mjs): the real
// package build, a real sandbox per test file, and the sandbox's admin API.
// Nothing here stands in for the library or the server.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

export { startSandbox } from '../support/sandbox.mjs';

/** A call to the sandbox (API or admin), with the sandbox's own token. */
export async function api(sb, method, urlPath, body, token = sb.token) {
  const res = await fetch(`${sb.url}${urlPath}`, {
    method,
    headers: {
      Authorization: `aivenv1 ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, text, headers: res.headers };
}

export async function requestLog(sb) {
  const r = await api(sb, 'GET', '/_sandbox/requests');
  assert.equal(r.status, 200, `GET /_sandbox/requests: ${r.text}`);
  return Array.isArray(r.json) ? r.json : r.json.requests;
}

export async function clearLog(sb) {
  const r = await api(sb, 'DELETE', '/_sandbox/requests');
  assert.ok(r.status >= 200 && r.status < 300, `DELETE /_sandbox/requests: ${r.status} ${r.text}`);
}

export async function setFaults(sb, faults) {
  const r = await api(sb, 'PUT', '/_sandbox/faults', faults);
  assert.equal(r.status, 200, `PUT /_sandbox/faults: ${r.text}`);
  return r.json;
}

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

/**
 * Resolves once `check()` (sync or async) is truthy, polling every `everyMs`; rejects
 * naming `what` after `timeoutMs`. Every wait of a test goes through a bound like this.
 */
export async function until(check, what, { timeoutMs = 15_000, everyMs = 20 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
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
