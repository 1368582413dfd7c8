// Starts an aiven-fork sandbox for one test file (Node 20, ESM).
//
//   import { startSandbox } from '../support/sandbox.mjs';
//   const sb = await startSandbox({ rebuildSecs: 2 });
//   ... fetch(`${sb.url}/v1/project/demo-project/service`, { headers: { Authorization: `aivenv1 ${sb.token}` } })
//   await sb.stop();
//
// Spawns target/release/aiven-fork-sandbox --port 0 (built with cargo when missing; set
// SANDBOX_BIN to use another binary), reads the URL from its first stdout line, and kills it
// when stop() is called or this process exits. The sandbox also exits by itself when this
// process dies (its stdin closes).

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO_TOKEN = 'sandbox-demo-token';
export const OTHER_TOKEN = 'sandbox-other-token';
export const DEMO_PROJECT = 'demo-project';

const running = new Set();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

/** Path of the sandbox binary, building it when missing. */
export function sandboxBinary() {
  if (process.env.SANDBOX_BIN) return process.env.SANDBOX_BIN;
  const bin = path.join(REPO_ROOT, 'target', 'release', 'aiven-fork-sandbox');
  if (!existsSync(bin)) {
    const r = spawnSync('cargo', ['build', '--release', '-p', 'aiven-fork-sandbox'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0 || !existsSync(bin)) {
      throw new Error(`building the sandbox failed (cargo exit ${r.status})`);
    }
  }
  return bin;
}

function flags(opts) {
  const a = ['--port', String(opts.port ?? 0), '--exit-on-stdin-eof'];
  const add = (flag, v) => {
    if (v !== undefined && v !== null) a.push(flag, String(v));
  };
  add('--host', opts.host);
  add('--token', opts.token);
  add('--other-token', opts.otherToken);
  add('--rebuild-secs', opts.rebuildSecs);
  add('--latency-ms', opts.latencyMs);
  add('--serve-dir', opts.serveDir);
  add('--fault-seed', opts.faultSeed ?? opts.seed);
  add('--retry-after-secs', opts.retryAfterSecs);
  add('--status-5xx', opts.status5xx);
  add('--faults-only', opts.faultsOnly ?? opts.only);
  const rates = opts.rates ?? {};
  add('--rate-429', rates['429']);
  add('--rate-5xx', rates['5xx_after_create']);
  add('--rate-drop', rates.drop);
  add('--rate-drop-after-create', rates.drop_after_create);
  const next = opts.faultsNext ?? opts.next;
  if (Array.isArray(next) && next.length > 0) add('--faults-next', next.join(','));
  if (Array.isArray(opts.args)) a.push(...opts.args.map(String));
  return a;
}

/**
 * Starts a sandbox.
 * @param {object} [opts] rebuildSecs, latencyMs, token, otherToken, serveDir, host, port,
 *   faultSeed, rates {"429","5xx_after_create","drop","drop_after_create"}, retryAfterSecs,
 *   status5xx, faultsOnly ("create"|"all"), faultsNext (array of fault kinds), args (extra flags),
 *   startTimeoutMs (default 30000)
 */
export async function startSandbox(opts = {}) {
  installExitHook();
  const bin = sandboxBinary();
  const child = spawn(bin, flags(opts), {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    if (stderr.length < 8192) stderr += d;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => running.delete(child));

  const lines = readline.createInterface({ input: child.stdout });
  const header = await new Promise((resolve, reject) => {
    const got = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sandbox did not start within ${opts.startTimeoutMs ?? 30000} ms: ${stderr}`));
    }, opts.startTimeoutMs ?? 30000);
    lines.on('line', (line) => {
      got.push(line);
      if (got.length === 2) {
        clearTimeout(timer);
        resolve(got);
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited (${code ?? signal}) before listening: ${stderr}`));
    });
  });
  const m = /^aiven-fork sandbox listening on (http:\/\/\S+)$/.exec(header[0]);
  const t = /^demo token: (.+)$/.exec(header[1]);
  if (!m || !t) {
    child.kill('SIGKILL');
    throw new Error(`unexpected sandbox output: ${JSON.stringify(header)}`);
  }
  const url = m[1];
  const token = t[1];
  const otherToken = opts.otherToken ?? OTHER_TOKEN;

  async function admin(method, adminPath, body) {
    const res = await fetch(`${url}/_sandbox/${adminPath}`, {
      method,
      headers: {
        Authorization: `aivenv1 ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const msg = json && typeof json.message === 'string' ? json.message : text;
      throw new Error(`sandbox admin ${method} ${adminPath}: ${res.status} ${msg}`);
    }
    return json;
  }

  let stopped = false;
  return {
    url,
    token,
    otherToken,
    project: DEMO_PROJECT,
    pid: child.pid,
    /** Stops the sandbox; resolves when the process has exited. */
    async stop() {
      if (!stopped) {
        stopped = true;
        child.kill('SIGTERM');
      }
      await exited;
    },
    /** The request log: [{seq, method, path, query?, auth, status, fault?, handledStatus?, body?}]. */
    requests: () => admin('GET', 'requests'),
    clearRequests: () => admin('DELETE', 'requests'),
    /** Replaces the fault configuration (fields not given take the start-up values). */
    setFaults: (faults) => admin('PUT', 'faults', faults ?? {}),
    getFaults: () => admin('GET', 'faults'),
    /** Restores the seed data and the start-up faults, clears the log. */
    reset: () => admin('POST', 'reset', {}),
    /** Adds a raw service (rendered exactly as given); extra: {backups?, pitr?}. */
    addService: (project, service, extra = {}) =>
      admin('POST', 'services', { project, service, ...extra }),
    /** Moves every rebuild forward by `seconds` (no waiting in tests). */
    advance: (seconds) => admin('POST', 'advance', { seconds }),
    admin,
  };
}

// ---------------------------------------------------------------- calls to a running sandbox

/** A call to the sandbox (API or admin), with the sandbox's own token: `{ status, json, text, headers }`. */
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

/** The sandbox's request log. */
export async function requestLog(sb) {
  const r = await api(sb, 'GET', '/_sandbox/requests');
  assert.equal(r.status, 200, `GET /_sandbox/requests: ${r.text}`);
  return Array.isArray(r.json) ? r.json : r.json.requests;
}

export async function clearLog(sb) {
  const r = await api(sb, 'DELETE', '/_sandbox/requests');
  assert.ok(r.status >= 200 && r.status < 300, `DELETE /_sandbox/requests: ${r.status} ${r.text}`);
}

/** Replaces the sandbox's faults; the configuration it answers with. */
export async function setFaults(sb, faults) {
  const r = await api(sb, 'PUT', '/_sandbox/faults', faults);
  assert.equal(r.status, 200, `PUT /_sandbox/faults: ${r.text}`);
  return r.json;
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
