// Helpers shared by the round-trip and load benchmarks: the sandbox admin API and
// a timing log of every HTTP request the package makes (global fetch, wrapped).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Start a sandbox through the tests' own helper (builds the binary when missing). */
export async function startBenchSandbox(root, options) {
  const { startSandbox } = await import(pathToFileURL(path.join(root, 'tests', 'support', 'sandbox.mjs')).href);
  return startSandbox(options);
}

/** Raw admin calls (`/_sandbox/...`, same token as the API). */
export function admin(sb) {
  const call = async (method, p, body) => {
    const res = await fetch(`${sb.url}${p}`, {
      method,
      headers: { authorization: `aivenv1 ${sb.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return {
    requests: async () => {
      const r = await call('GET', '/_sandbox/requests');
      return Array.isArray(r) ? r : (r?.requests ?? []);
    },
    clearRequests: () => call('DELETE', '/_sandbox/requests'),
    faults: (f) => call('PUT', '/_sandbox/faults', f),
    reset: () => call('POST', '/_sandbox/reset'),
    api: (method, p, body) => call(method, p, body),
  };
}

/**
 * Wrap the global fetch to record `{method, url, start, end, status}` of every call
 * (the package binds the global `fetch`, so this sees exactly what it sends).
 * Returns `{log, restore}`.
 */
export function recordFetches() {
  const original = globalThis.fetch;
  const log = [];
  globalThis.fetch = async function recorded(input, init) {
    const entry = {
      method: init?.method ?? input?.method ?? 'GET',
      url: typeof input === 'string' ? input : (input?.url ?? String(input)),
      start: performance.now(),
      end: null,
      status: null,
    };
    log.push(entry);
    try {
      const res = await original(input, init);
      entry.status = res.status;
      // The time the body is read is part of the round trip.
      const body = await res.arrayBuffer();
      entry.end = performance.now();
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } catch (e) {
      entry.end = performance.now();
      throw e;
    }
  };
  return {
    log,
    restore: () => {
      globalThis.fetch = original;
    },
  };
}

/** Number of sequential round trips: requests that overlap in time count as one. */
export function roundTrips(entries) {
  const sorted = [...entries].filter((e) => e.end !== null).sort((a, b) => a.start - b.start);
  let groups = 0;
  let groupEnd = -Infinity;
  for (const e of sorted) {
    if (e.start >= groupEnd) {
      groups += 1;
      groupEnd = e.end;
    } else {
      groupEnd = Math.max(groupEnd, e.end);
    }
  }
  return groups;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
