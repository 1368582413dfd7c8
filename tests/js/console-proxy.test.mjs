// The sandbox's console-backend proxy (--console-proxy) over real HTTP: sign-in sets an
// HttpOnly session cookie and returns a CSRF token; only the calls a fork needs are
// forwarded, with the token added by the proxy (the request log shows them arriving with a
// valid Authorization, via the proxy); everything else is refused in Aiven's error shape;
// the token is in no answer and no answer carries CORS headers. And ForkClient's side:
// a path base needs a browser page, headers and credentials are checked.
//
// Needs the package built first (scripts/build-pkg.sh; scripts/test.sh does it).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startSandbox } from '../support/sandbox.mjs';

const require = createRequire(import.meta.url);
const { ForkClient, ForkError } = require('../../pkg/node/aiven_fork.cjs');

let sb;
before(async () => {
  sb = await startSandbox({ args: ['--console-proxy'] });
});
after(() => sb?.stop());

async function signIn() {
  const res = await fetch(`${sb.url}/_console/login`, { method: 'POST' });
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /^aiven_console_session=[0-9a-f]{32}; Path=\/; HttpOnly; SameSite=Strict$/);
  const body = await res.json();
  assert.match(body.csrfToken, /^[0-9a-f]{32}$/);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  return { cookie: cookie.split(';')[0], csrf: body.csrfToken };
}

async function call(method, path, { cookie, csrf, body, extra = {} } = {}) {
  const headers = { ...extra };
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  if (body) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${sb.url}/aiven-api${path}`, { method, headers, body: body && JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text), cors: res.headers.get('access-control-allow-origin') };
}

const aivenError = (status, message) => ({ errors: [{ message, status }], message });

test('a signed-in browser reads and forks through the proxy; the proxy adds the token', async () => {
  const s = await signIn();
  await sb.clearRequests();
  const list = await call('GET', '/v1/project/demo-project/service', s);
  assert.equal(list.status, 200);
  assert.ok(list.json.services.some((x) => x.service_name === 'demo-pg'));
  assert.equal(list.cors, null);
  for (const path of ['/v1/project/demo-project/service/demo-pg', '/v1/project/demo-project/service/demo-pg/backups',
    '/v1/project/demo-project/service-types/pg/plans']) {
    const r = await call('GET', path, s);
    assert.equal(r.status, 200, path);
    assert.ok(!r.text.includes(sb.token), path);
  }
  const created = await call('POST', '/v1/project/demo-project/service', { ...s, body: {
    service_name: 'demo-pg-proxy-fork', service_type: 'pg', plan: 'business-4',
    user_config: { service_to_fork_from: 'demo-pg' } } });
  assert.equal(created.status, 200, created.text);
  assert.equal(created.json.service.service_name, 'demo-pg-proxy-fork');
  // A browser's own Authorization header is dropped: the proxy's own token is used.
  const spoofed = await call('GET', '/v1/project/demo-project/service/demo-pg', { ...s, extra: { Authorization: 'aivenv1 nope' } });
  assert.equal(spoofed.status, 200);
  const log = await sb.requests();
  assert.deepEqual(log.map((e) => [e.method, e.path, e.auth, e.via, e.status]), [
    ['GET', '/v1/project/demo-project/service', 'valid', 'console-proxy', 200],
    ['GET', '/v1/project/demo-project/service/demo-pg', 'valid', 'console-proxy', 200],
    ['GET', '/v1/project/demo-project/service/demo-pg/backups', 'valid', 'console-proxy', 200],
    ['GET', '/v1/project/demo-project/service-types/pg/plans', 'valid', 'console-proxy', 200],
    ['POST', '/v1/project/demo-project/service', 'valid', 'console-proxy', 200],
    ['GET', '/v1/project/demo-project/service/demo-pg', 'valid', 'console-proxy', 200],
  ]);
});

test('no session cookie is a 401, a wrong or missing CSRF token a 403; nothing reaches the API', async () => {
  const s = await signIn();
  await sb.clearRequests();
  const path = '/v1/project/demo-project/service/demo-pg';
  const noCookie = await call('GET', path, { csrf: s.csrf });
  assert.equal(noCookie.status, 401);
  assert.deepEqual(noCookie.json, aivenError(401, 'Not signed in to the console: sign in first (no valid session cookie)'));
  const forged = await call('GET', path, { cookie: 'aiven_console_session=00000000000000000000000000000000', csrf: s.csrf });
  assert.equal(forged.status, 401);
  const noCsrf = await call('GET', path, { cookie: s.cookie });
  assert.deepEqual([noCsrf.status, noCsrf.json], [403, aivenError(403, 'Missing or wrong X-CSRF-Token header')]);
  const otherCsrf = await call('GET', path, { cookie: s.cookie, csrf: (await signIn()).csrf });
  assert.equal(otherCsrf.status, 403);
  assert.deepEqual(await sb.requests(), []);
});

test('calls outside the allow-list are 403 in Aiven\'s error shape, never forwarded (no open proxy)', async () => {
  const s = await signIn();
  await sb.clearRequests();
  for (const [method, path] of [
    ['DELETE', '/v1/project/demo-project/service/demo-pg'],
    ['GET', '/v1/me'],
    ['GET', '/v1/project'],
    ['GET', '/v1/project/demo-project/service-types/pg'],
    ['PUT', '/v1/project/demo-project/service/demo-pg'],
    ['GET', '/_sandbox/requests'],
    ['GET', '/v1/project/demo-project/service//backups'],
  ]) {
    const r = await call(method, path, s);
    assert.deepEqual([r.status, r.json], [403, aivenError(403, `${method} ${path} is not allowed through the console proxy`)], `${method} ${path}`);
    assert.equal(r.cors, null);
  }
  assert.deepEqual(await sb.requests(), []);
  // The service still exists: the DELETE never reached the API.
  assert.equal((await call('GET', '/v1/project/demo-project/service/demo-pg', s)).status, 200);
});

test('without --console-proxy there is no proxy and no sign-in', async () => {
  const plain = await startSandbox();
  try {
    const login = await fetch(`${plain.url}/_console/login`, { method: 'POST' });
    assert.equal(login.status, 405); // an unknown non-GET path of the static server
    assert.equal(login.headers.get('set-cookie'), null);
    assert.equal((await fetch(`${plain.url}/aiven-api/v1/project/demo-project/service`)).status, 404);
  } finally {
    await plain.stop();
  }
});

test('ForkClient: a path base needs a browser page; headers and credentials are checked', () => {
  const refused = (options, code, field, message) => assert.throws(() => new ForkClient(options), (e) => {
    assert.ok(e instanceof ForkError);
    assert.equal(e.code, code);
    assert.equal(e.errors[0].field, field);
    if (message) assert.match(e.message, message);
    return true;
  });
  refused({ baseUrl: '/aiven-api' }, 'invalid_base_url', 'baseUrl', /only a browser page can resolve/);
  refused({ baseUrl: sb.url }, 'missing_field', 'token', /unless baseUrl is a same-origin path/);
  refused({ baseUrl: sb.url, token: sb.token, headers: { Authorization: 'aivenv1 x' } }, 'invalid_value', 'headers.Authorization',
    /may not set Authorization/);
  refused({ baseUrl: sb.url, token: sb.token, headers: { Connection: 'close' } }, 'invalid_value', 'headers.Connection', /hop-by-hop/);
  refused({ baseUrl: sb.url, token: sb.token, headers: { 'X-A': 1 } }, 'invalid_type', 'headers');
  refused({ baseUrl: sb.url, token: sb.token, headers: ['x'] }, 'invalid_type', 'headers');
  refused({ baseUrl: sb.url, token: sb.token, credentials: 'always' }, 'invalid_value', 'credentials');
  refused({ baseUrl: 'http://api.aiven.io', token: 'tok' }, 'insecure_base_url', 'baseUrl');
  const ok = new ForkClient({ baseUrl: sb.url, token: sb.token, headers: { 'X-Request-Source': 'console' }, credentials: 'omit' });
  assert.equal(ok.baseUrl, sb.url);
  ok.free();
});
