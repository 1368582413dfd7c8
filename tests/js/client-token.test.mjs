// The token never leaves the Authorization header: not in an error (message,
// JSON, String(), stack, inspect), not in a result, not in console output, not in
// a request URL — also when a server echoes the header back.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { inspect } from 'node:util';

import { PROJECT, exposedTexts, loadPackage, setFaults, startSandbox } from './client-support.mjs';
import { closedUrl } from '../support/ports.mjs';

const { ForkClient, ForkError } = await loadPackage();

const TOKEN = `tok-${randomUUID()}-${randomUUID()}`;
let sb;
let echo;
const echoSeen = [];
const consoleSeen = [];
const originalConsole = {};

before(async () => {
  sb = await startSandbox({ rebuildSecs: 1, token: TOKEN });
  // A hostile server: answers every request with the Authorization header in the message.
  echo = http.createServer((req, res) => {
    echoSeen.push({ url: req.url, authorization: req.headers.authorization });
    const status = req.method === 'POST' ? 400 : req.url.endsWith('/backups') ? 500 : 403;
    res.writeHead(status, { 'Content-Type': status === 500 ? 'text/plain' : 'application/json' });
    res.end(status === 500
      ? `upstream said: ${req.headers.authorization}`
      : JSON.stringify({ message: `bad credentials ${req.headers.authorization}`, errors: [{ message: `token ${req.headers.authorization} refused`, status }] }));
  });
  await new Promise((r) => echo.listen(0, '127.0.0.1', r));
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    originalConsole[level] = console[level];
    console[level] = (...args) => {
      consoleSeen.push(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
      originalConsole[level].apply(console, args);
    };
  }
});

after(async () => {
  Object.assign(console, originalConsole);
  await sb?.stop();
  await new Promise((r) => echo?.close(r) ?? r());
});

async function assertClean(what, value) {
  const text = await exposedTexts(value);
  assert.ok(!text.includes(TOKEN), `${what} exposes the token:\n${text}`);
  return text;
}

async function caught(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

test('no error, result or client object shows the token', async () => {
  const client = new ForkClient({ baseUrl: sb.url, token: TOKEN });
  await assertClean('the client', client);
  assert.ok(!JSON.stringify(client).includes(TOKEN));
  assert.deepEqual(Object.keys(client).filter((k) => k !== '__wbg_ptr'), []);

  const errors = [];
  // Client-side refusal, API refusals (404, 401, 409), a 429 give-up.
  errors.push(await caught(client.fork({ project: PROJECT, serviceName: 'Bad_Name', source: { service: 'demo-pg' } })));
  errors.push(await caught(client.getForkContext(PROJECT, 'no-such-service')));
  errors.push(await caught(new ForkClient({ baseUrl: sb.url, token: `${TOKEN}-expired` }).getForkContext(PROJECT, 'demo-pg')));
  const stale = await client.getForkContext(PROJECT, 'demo-pg');
  stale.takenNames = [];
  errors.push(await caught(client.fork({ project: PROJECT, serviceName: 'demo-mysql', source: { service: 'demo-pg' } }, { context: stale })));
  const limited = new ForkClient({ baseUrl: sb.url, token: TOKEN, maxRateLimitWaitMs: 1 });
  await setFaults(sb, { next: ['429', '429', '429', '429', '429'] });
  errors.push(await caught(limited.fork({ project: PROJECT, serviceName: 'tok-rl', source: { service: 'demo-grafana' } })));
  // Network failures, timeouts, aborts, wait timeouts.
  errors.push(await caught(new ForkClient({ baseUrl: await closedUrl(), token: TOKEN }).getForkContext(PROJECT, 'demo-pg')));
  await setFaults(sb, { latencyMs: 500 });
  errors.push(await caught(new ForkClient({ baseUrl: sb.url, token: TOKEN, requestTimeoutMs: 50 }).getForkContext(PROJECT, 'demo-pg')));
  await setFaults(sb, { latencyMs: 0, next: [] });
  errors.push(await caught(client.fork({ project: PROJECT, serviceName: 'tok-ab', source: { service: 'demo-pg' } }, { signal: AbortSignal.abort() })));
  const forked = await client.fork({ project: PROJECT, serviceName: 'tok-ok', source: { service: 'demo-pg' } });
  await assertClean('a fork result', forked);
  errors.push(await caught(client.waitUntilRunning(PROJECT, 'tok-ok', { timeoutMs: 1, pollMs: 1 })));
  // Constructor refusals with the token in hand.
  for (const baseUrl of ['http://example.com', 'not a url']) {
    try {
      new ForkClient({ baseUrl, token: TOKEN });
      assert.fail('expected a refusal');
    } catch (e) {
      errors.push(e);
    }
  }
  const many = await client.forkMany([{ project: PROJECT, serviceName: 'Bad_Name', source: { service: 'demo-pg' } }]);
  await assertClean('forkMany results', many);

  const codes = [];
  for (const e of errors) {
    assert.ok(e instanceof ForkError, `not a ForkError: ${e}`);
    codes.push(e.code);
    await assertClean(`ForkError ${e.code}`, e);
  }
  assert.deepEqual(codes, [
    'invalid_service_name', 'source_not_found', 'api_error', 'name_taken', 'rate_limited',
    'network_error', 'network_error', 'aborted', 'wait_timeout', 'insecure_base_url', 'invalid_base_url',
  ]);
});

test('a server that echoes the Authorization header: redacted in every error text', async () => {
  const client = new ForkClient({ baseUrl: `http://127.0.0.1:${echo.address().port}`, token: TOKEN });
  const context = await caught(client.getForkContext(PROJECT, 'demo-pg'));
  assert.ok(context instanceof ForkError);
  const text = await assertClean('echoed error', context);
  assert.ok(text.includes('[redacted]'), text);
  assert.equal(context.status, 403);
  assert.equal(context.serverMessage, 'bad credentials aivenv1 [redacted]');

  const backups = await caught(client.fork(
    { project: PROJECT, serviceName: 'echo-fork', source: { service: 'demo-pg' } },
    { context: { source: { project: PROJECT, serviceName: 'demo-pg', serviceType: 'pg', plan: 'business-4', cloudName: 'google-europe-west1', nodeCount: 2, state: 'RUNNING', userConfig: {}, tags: {}, integrations: [] }, backups: [{ backupName: 'b1', backupTime: '2026-01-01T00:00:00+00:00', dataSize: 1 }], pitr: null, plans: [], takenNames: [] } },
  ));
  assert.equal(backups.status, 400);
  await assertClean('echoed create error', backups);
  assert.match(backups.serverMessage, /\[redacted\]/);

  // The token did travel, in the header only.
  assert.ok(echoSeen.length >= 2);
  for (const r of echoSeen) {
    assert.equal(r.authorization, `aivenv1 ${TOKEN}`);
    assert.ok(!r.url.includes(TOKEN), r.url);
  }
});

// Request URLs, headers and bodies are recorded where they are sent, not in the sandbox's
// log (which redacts tokens before logging): in Node by security.test.mjs ("the token travels
// only in the Authorization header"), in Chromium by client-browser.test.mjs and
// tests/e2e/token.test.mjs.
test('no console line holds the token', async () => {
  for (const line of consoleSeen) assert.ok(!line.includes(TOKEN), line);
});
