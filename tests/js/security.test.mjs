// Security checks of the built package against a real sandbox: token hygiene,
// refusal of plain http to other hosts, path injection, HTML in API text, and
// oversized bodies. README "Security" lists each check with the test proving it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import util from 'node:util';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedUrl } from '../support/ports.mjs';
import { startSandbox } from '../support/sandbox.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const lib = require(path.join(root, 'pkg', 'node', 'aiven_fork.cjs'));
const { ForkClient, ForkError } = lib;

// A token that is also a valid service name, so a server can echo it in messages.
const TOKEN = 'tok-sec-7f3a9c21e5d4';
const PROJECT = 'demo-project';
const DAY = 86_400_000;

let sb;
before(async () => {
  sb = await startSandbox({ token: TOKEN, rebuildSecs: 600 });
});
after(async () => {
  await sb?.stop();
});

/** Record every fetch the package makes: url, method, headers, body. */
async function recording(fn) {
  const original = globalThis.fetch;
  const calls = [];
  globalThis.fetch = (input, init = {}) => {
    const headers = new Headers(init.headers ?? (typeof input === 'object' ? input.headers : undefined));
    calls.push({
      url: typeof input === 'string' ? input : input.url,
      method: init.method ?? 'GET',
      headers: [...headers.entries()],
      body: typeof init.body === 'string' ? init.body : init.body === undefined ? '' : String(init.body),
    });
    return original(input, init);
  };
  try {
    await fn();
  } finally {
    globalThis.fetch = original;
  }
  return calls;
}

/** Everything a thrown error can show: message, fields, stack, JSON, inspect. */
function allTextOf(e) {
  return [e?.message, e?.serverMessage, e?.stack, JSON.stringify(e), util.inspect(e, { depth: 6, showHidden: true }), String(e), JSON.stringify(e?.errors)].join('\n');
}

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ForkError, `rejected with ${e?.constructor?.name}: ${e?.message}`);
    return e;
  }
  assert.fail('expected a ForkError');
}

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ForkError, `threw ${e?.constructor?.name}: ${e?.message}`);
    return e;
  }
  assert.fail('expected a ForkError');
}

describe('token hygiene', () => {
  test('the token is not readable from the client object', () => {
    const client = new ForkClient({ baseUrl: sb.url, token: TOKEN });
    const views = [
      JSON.stringify(client),
      util.inspect(client, { depth: 8, showHidden: true, getters: true }),
      String(client),
      JSON.stringify(Object.entries(client)),
      Object.getOwnPropertyNames(client).join(','),
      JSON.stringify(Object.getOwnPropertyNames(Object.getPrototypeOf(client)).map((k) => {
        try {
          const v = client[k];
          return typeof v === 'function' ? k : `${k}=${v}`;
        } catch {
          return k;
        }
      })),
    ];
    for (const v of views) assert.ok(!v.includes(TOKEN), `token visible in ${v.slice(0, 200)}`);
    assert.equal(client.baseUrl, sb.url);
    client.free();
  });

  test('every failure path redacts the token, even when the server echoes it', async () => {
    const client = new ForkClient({ baseUrl: sb.url, token: TOKEN, maxRateLimitWaitMs: 20 });
    const errors = [];
    // The server's own message contains the token (a service named like it).
    const echoed = await rejection(client.getForkContext(PROJECT, TOKEN));
    assert.equal(echoed.code, 'source_not_found');
    assert.equal(echoed.status, 404);
    assert.equal(echoed.serverMessage, 'Service [redacted] does not exist');
    errors.push(echoed);
    errors.push(await rejection(client.fork({ project: PROJECT, serviceName: 'sec-copy-1', source: { service: TOKEN } })));
    errors.push(await rejection(client.waitUntilRunning(PROJECT, TOKEN, { timeoutMs: 1000, pollMs: 10 })));
    // Network failure (closed port), abort, rate limiting.
    errors.push(await rejection(new ForkClient({ baseUrl: await closedUrl(), token: TOKEN }).getForkContext(PROJECT, 'demo-pg')));
    const ac = new AbortController();
    ac.abort();
    errors.push(await rejection(client.fork({ project: PROJECT, serviceName: 'sec-copy-2', source: { service: 'demo-pg' } }, { signal: ac.signal })));
    // More 429s than any bounded retry loop makes (the queue is cleared afterwards).
    await sb.setFaults({ next: Array(40).fill('429'), retryAfterSecs: 1 });
    try {
      errors.push(await rejection(client.fork({ project: PROJECT, serviceName: 'sec-copy-3', source: { service: 'demo-pg' } })));
    } finally {
      await sb.setFaults({ next: [] });
    }
    // A wrong token: the server refuses it; the wrong token is not echoed either.
    const wrong = `${TOKEN}-wrong`;
    const e401 = await rejection(new ForkClient({ baseUrl: sb.url, token: wrong }).getForkContext(PROJECT, 'demo-pg'));
    assert.equal(e401.status, 401);
    assert.ok(!allTextOf(e401).includes(wrong));
    const codes = errors.map((e) => e.code);
    assert.deepEqual(codes, ['source_not_found', 'source_not_found', 'api_error', 'network_error', 'aborted', 'rate_limited']);
    for (const e of errors) assert.ok(!allTextOf(e).includes(TOKEN), `token in ${e.code}: ${allTextOf(e).slice(0, 300)}`);
  });

  test('the token travels only in the Authorization header, never in a URL or body', async () => {
    const client = new ForkClient({ baseUrl: sb.url, token: TOKEN });
    await sb.clearRequests();
    const calls = await recording(async () => {
      const context = await client.getForkContext(PROJECT, 'demo-pg');
      await client.fork({ project: PROJECT, serviceName: 'sec-fork-ok', source: { service: 'demo-pg' } }, { context });
      await client.forkMany([{ project: PROJECT, serviceName: 'sec-fork-many', source: { service: 'demo-mysql' } }]);
      await sb.advance(3600);
      await client.waitUntilRunning(PROJECT, 'sec-fork-ok', { timeoutMs: 10_000, pollMs: 10 });
    });
    assert.ok(calls.length >= 6, `only ${calls.length} requests recorded`);
    for (const c of calls) {
      assert.ok(!c.url.includes(TOKEN), `token in URL ${c.url}`);
      assert.ok(!c.body.includes(TOKEN), `token in body of ${c.method} ${c.url}`);
      const withToken = c.headers.filter(([, v]) => v.includes(TOKEN)).map(([k]) => k);
      assert.deepEqual(withToken, ['authorization'], `${c.method} ${c.url}`);
      assert.equal(Object.fromEntries(c.headers).authorization, `aivenv1 ${TOKEN}`);
    }
    // The sandbox saw every request authorised, and only API paths.
    const log = await sb.requests();
    assert.ok(log.every((r) => r.auth === 'valid' && r.path.startsWith('/v1/project/')), JSON.stringify(log.map((r) => [r.auth, r.path])));
  });

  test('nothing the package does writes the token to the console', async () => {
    const seen = [];
    const saved = {};
    for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
      saved[k] = console[k];
      console[k] = (...args) => seen.push(args.map((a) => (typeof a === 'string' ? a : util.inspect(a))).join(' '));
    }
    try {
      const client = new ForkClient({ baseUrl: sb.url, token: TOKEN, maxRateLimitWaitMs: 20 });
      await client.getForkContext(PROJECT, 'demo-pg');
      await client.getForkContext(PROJECT, TOKEN).catch(() => {});
      await client.fork({ project: PROJECT, serviceName: 'sec-log-1', source: { service: 'demo-pg' } });
      await client.fork({ project: PROJECT, serviceName: 'Bad Name', source: { service: 'demo-pg' } }).catch(() => {});
      await new ForkClient({ baseUrl: await closedUrl(), token: TOKEN }).getForkContext(PROJECT, 'demo-pg').catch(() => {});
      try {
        new ForkClient({ baseUrl: 'http://api.aiven.io', token: TOKEN });
      } catch {
        /* refused: checked elsewhere */
      }
    } finally {
      Object.assign(console, saved);
    }
    assert.deepEqual(seen.filter((line) => line.includes(TOKEN)), []);
  });

  test('a redirect to another origin does not carry the token', async () => {
    let seen = null;
    const other = http.createServer((req, res) => {
      seen = req.headers;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"nope","errors":[{"message":"nope","status":404}]}');
    });
    await new Promise((r) => other.listen(0, '127.0.0.1', r));
    const redirector = http.createServer((req, res) => {
      res.writeHead(307, { location: `http://127.0.0.1:${other.address().port}${req.url}` });
      res.end();
    });
    await new Promise((r) => redirector.listen(0, '127.0.0.1', r));
    try {
      const client = new ForkClient({ baseUrl: `http://127.0.0.1:${redirector.address().port}`, token: TOKEN });
      const e = await rejection(client.getForkContext(PROJECT, 'demo-pg'));
      assert.ok(!allTextOf(e).includes(TOKEN));
      assert.ok(seen !== null, 'the redirect was not followed at all');
      assert.equal(seen.authorization, undefined);
      assert.ok(!JSON.stringify(seen).includes(TOKEN));
    } finally {
      redirector.close();
      other.close();
    }
  });

  test('tokens that could inject headers are refused before any request', async () => {
    const calls = await recording(async () => {
      for (const token of [`${TOKEN}\r\nX-Injected: 1`, `${TOKEN}\n`, `${TOKEN}\u0000`, `aivenv1 ${TOKEN}`, `${TOKEN}é`]) {
        const e = thrown(() => new ForkClient({ baseUrl: sb.url, token }));
        assert.equal(e.code, 'invalid_value');
        assert.ok(!allTextOf(e).includes(TOKEN), allTextOf(e));
      }
    });
    assert.equal(calls.length, 0);
  });

  test('generated snippets use $AIVEN_TOKEN, never a real token', () => {
    const eq = lib.forkEquivalents({ project: PROJECT, serviceName: 'sec-eq', serviceType: 'pg', plan: 'business-4', source: { service: 'demo-pg' } });
    assert.match(eq.curl, /Authorization: aivenv1 \$AIVEN_TOKEN/);
    for (const s of [eq.cli, eq.curl, eq.terraform]) assert.ok(!s.includes(TOKEN));
  });
});

describe('plain http refusal', () => {
  test('http:// to any host but this machine is insecure_base_url, before any request', async () => {
    const refused = [
      'http://api.aiven.io',
      'http://example.com:80',
      'http://10.0.0.1',
      'http://192.168.1.1:8787',
      'http://169.254.169.254',
      'http://0.0.0.0:8787',
      'http://[::2]:8787',
      'http://[::ffff:127.0.0.1]:8787',
      'http://localhost.evil.example',
      'HTTP://API.AIVEN.IO',
    ];
    const tricks = ['http://127.0.0.1@evil.example', 'http://evil.example#@127.0.0.1', 'http://evil.example\\@127.0.0.1', 'http://evil.example/?@127.0.0.1'];
    const calls = await recording(async () => {
      for (const baseUrl of refused) {
        const e = thrown(() => new ForkClient({ baseUrl, token: TOKEN }));
        assert.equal(e.code, 'insecure_base_url', baseUrl);
        assert.ok(!allTextOf(e).includes(TOKEN));
      }
      for (const baseUrl of tricks) {
        const e = thrown(() => new ForkClient({ baseUrl, token: TOKEN }));
        assert.equal(e.code, 'invalid_base_url', baseUrl);
      }
    });
    assert.equal(calls.length, 0);
    // Loopback stays allowed (the sandbox and local proxies).
    for (const baseUrl of ['http://127.0.0.1:1', 'http://localhost:1', 'http://[::1]:1', 'http://127.5.5.5:1']) {
      assert.ok(new ForkClient({ baseUrl, token: TOKEN }) instanceof ForkClient, baseUrl);
    }
  });
});

describe('path injection', () => {
  const hostile = ['../demo-pg', '..%2Fdemo-pg', 'a%2Fb', '%2e%2e', 'demo pg', 'demo-pg?x=1', 'demo-pg#x', 'a\\b', '../../_sandbox/requests', 'démo', '/'];

  test('hostile service and project names are single encoded path segments', async () => {
    const client = new ForkClient({ baseUrl: sb.url, token: TOKEN });
    await sb.clearRequests();
    const calls = await recording(async () => {
      for (const name of hostile) {
        const e = await rejection(client.getForkContext(PROJECT, name));
        assert.ok(['source_not_found', 'invalid_path_segment'].includes(e.code), `${name}: ${e.code}`);
        const p = await rejection(client.getForkContext(name, 'demo-pg'));
        assert.ok(['api_error', 'source_not_found', 'invalid_path_segment'].includes(p.code), `${name}: ${p.code}`);
        const w = await rejection(client.waitUntilRunning(PROJECT, name, { timeoutMs: 1000, pollMs: 10 }));
        assert.ok(['api_error', 'source_not_found', 'invalid_path_segment'].includes(w.code), `${name}: ${w.code}`);
      }
    });
    // Every URL: /v1/project/<one segment>/service[/<one segment>[/backups]] or the plans list,
    // and each segment decodes back to exactly the name given.
    const names = new Set([...hostile, PROJECT, 'demo-pg']);
    for (const c of calls) {
      const segs = new URL(c.url).pathname.split('/').slice(1);
      assert.equal(segs[0], 'v1', c.url);
      assert.equal(segs[1], 'project', c.url);
      assert.ok(segs.length >= 4 && segs.length <= 6, `${c.url} has ${segs.length} segments`);
      assert.ok(names.has(decodeURIComponent(segs[2])), `project segment of ${c.url}`);
      if (segs[3] === 'service' && segs.length >= 5) assert.ok(names.has(decodeURIComponent(segs[4])), `service segment of ${c.url}`);
      assert.ok(['GET'].includes(c.method), c.method);
    }
    // The server saw only API paths under the projects: nothing reached the admin API.
    const log = await sb.requests();
    assert.ok(log.length > 0);
    for (const r of log) assert.match(r.path, /^\/v1\/project\/[^/]+\/(service|service-types)(\/[^/]+)*$/, r.path);
  });

  test('`.` and `..` are invalid_path_segment with no request sent', async () => {
    const client = new ForkClient({ baseUrl: sb.url, token: TOKEN });
    const calls = await recording(async () => {
      for (const name of ['.', '..']) {
        assert.equal((await rejection(client.getForkContext(PROJECT, name))).code, 'invalid_path_segment');
        assert.equal((await rejection(client.getForkContext(name, 'demo-pg'))).code, 'invalid_path_segment');
        assert.equal((await rejection(client.waitUntilRunning(PROJECT, name, { timeoutMs: 1000 }))).code, 'invalid_path_segment');
      }
    });
    assert.equal(calls.length, 0);
  });

  test('fork: hostile new names are refused before any request; hostile projects stay one encoded segment', async () => {
    const client = new ForkClient({ baseUrl: sb.url, token: TOKEN });
    const none = await recording(async () => {
      for (const name of hostile) {
        const e = await rejection(client.fork({ project: PROJECT, serviceName: name, source: { service: 'demo-pg' } }));
        assert.equal(e.code, 'invalid_service_name', name);
      }
    });
    assert.equal(none.length, 0);
    await sb.clearRequests();
    const calls = await recording(async () => {
      for (const name of hostile) {
        const p = await rejection(client.fork({ project: name, serviceName: 'sec-ok', source: { service: 'demo-pg' } }));
        // Refused statically, or refused by the server after reading the (encoded) project.
        assert.ok(['invalid_project_name', 'api_error'].includes(p.code), `${name}: ${p.code}`);
      }
    });
    for (const c of calls) {
      const segs = new URL(c.url).pathname.split('/').slice(1);
      assert.ok(hostile.includes(decodeURIComponent(segs[2])), c.url);
      assert.equal(c.method, 'GET', `a ${c.method} was sent for a hostile project`);
    }
    for (const r of await sb.requests()) assert.match(r.path, /^\/v1\/project\/[^/]+\/service(\/[^/]+)*$/, r.path);
    for (const name of ['.', '..']) {
      const none2 = await recording(async () => {
        const e = await rejection(client.fork({ project: name, serviceName: 'sec-ok', source: { service: 'demo-pg' } }));
        assert.ok(['invalid_project_name', 'invalid_path_segment'].includes(e.code), `${name}: ${e.code}`);
      });
      assert.equal(none2.length, 0, `requests sent for project ${name}`);
    }
  });

  // The core checks the target project name: without that, {project: '..'} would give
  // `/v1/project/../service`, which a URL parser resolves to `/v1/service`.
  test(
    'buildForkRequest never builds a path that leaves /v1/project/{project}/service',
    () => {
      const request = (project) => ({ project, serviceName: 'ok', serviceType: 'pg', plan: 'business-4', source: { service: 'demo-pg' } });
      // Hostile names are refused before any path is built.
      for (const project of ['..', '.', '../x', 'a/b', 'a b', 'a%2Fb', '%2e%2e', 'a?b', 'a#b', 'a\\b']) {
        assert.equal(thrown(() => lib.buildForkRequest(request(project))).code, 'invalid_project_name', project);
      }
      // Accepted names stay the one segment they are.
      for (const project of ['demo-project', 'a', 'p-1', `p${'x'.repeat(62)}`]) {
        const call = lib.buildForkRequest(request(project));
        assert.equal(call.path, `/v1/project/${project}/service`);
        assert.equal(new URL(call.path, 'https://api.aiven.io').pathname, call.path);
      }
    },
  );
});

describe('HTML in API text', () => {
  test('the JS API returns HTML from the API as plain data, unchanged', async () => {
    const img = '<img src=x onerror=alert(1)>';
    const svg = '<svg onload=alert(2)>';
    await sb.addService(
      PROJECT,
      {
        service_name: 'html-pg',
        service_type: 'pg',
        plan: 'business-4',
        cloud_name: 'google-europe-west1',
        node_count: 2,
        state: 'RUNNING',
        user_config: { pg_version: '16' },
        tags: { '<b>team</b>': img },
        service_integrations: [{ integration_type: 'metrics', source_service: 'html-pg', dest_service: svg }],
      },
      {
        backups: [{ backup_name: 'b-1', backup_time: new Date(Date.now() - DAY).toISOString(), data_size: 10 }],
        pitr: { primary_region: { pitr_range_start: new Date(Date.now() - 2 * DAY).toISOString(), pitr_range_end: null } },
      },
    );
    const client = new ForkClient({ baseUrl: sb.url, token: TOKEN });
    const ctx = await client.getForkContext(PROJECT, 'html-pg');
    assert.deepEqual(ctx.source.tags, { '<b>team</b>': img });
    assert.deepEqual(ctx.source.integrations, [{ integrationType: 'metrics', sourceService: 'html-pg', destService: svg }]);
    const report = lib.validateFork({ project: PROJECT, serviceName: 'html-copy', source: { service: 'html-pg' } }, ctx);
    assert.equal(report.ok, true);
    assert.deepEqual(report.notCopied, [
      { kind: 'integration', name: `metrics: html-pg -> ${svg}` },
      { kind: 'tags', name: `<b>team</b>=${img}` },
    ]);
    assert.deepEqual(
      report.warnings.map((w) => w.code),
      ['integrations_not_copied', 'tags_not_copied'],
    );
    assert.ok(report.warnings[0].message.endsWith(svg), report.warnings[0].message);
    assert.ok(report.warnings[1].message.endsWith(`<b>team</b>=${img}`), report.warnings[1].message);
  });
});

/**
 * A ServiceCreate body the sandbox would carry out (a fork of demo-grafana named
 * `name`), padded with JSON whitespace to `bytes`.
 */
function paddedCreate(name, bytes) {
  const head = JSON.stringify({ service_name: name, service_type: 'grafana', plan: 'startup-1', user_config: { service_to_fork_from: 'demo-grafana' } });
  return `${head.slice(0, -1)}${' '.repeat(Math.max(0, bytes - head.length))}}`;
}

/**
 * POST over a raw socket and read the answer. `declared`: send only the headers with a
 * Content-Length of `body.length` (the server may refuse on the header alone);
 * otherwise send all of `body` chunked, then wait for the answer (the sandbox reads a
 * too-large body to its end before answering, so no unread bytes reset the connection).
 */
function rawPost(pathname, body, { declared = false } = {}) {
  const { hostname, port } = new URL(sb.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      const [head, rest = ''] = answer.split('\r\n\r\n');
      const status = Number(head.slice(9, 12));
      const text = /transfer-encoding: chunked/i.test(head) ? dechunk(rest) : rest;
      resolve({ status, head, body: text });
    };
    const fail = (why) => {
      if (settled) return;
      settled = true;
      reject(new Error(why));
    };
    socket.setTimeout(20_000, () => {
      socket.destroy();
      fail('no answer within 20 s');
    });
    socket.on('data', (d) => {
      answer += d.toString('utf8');
    });
    socket.on('error', (e) => (answer ? done() : fail(`connection failed before any answer: ${e.code ?? e.message}`)));
    socket.on('close', () => (answer ? done() : fail('closed without an answer')));
    socket.on('connect', () => {
      const auth = `Authorization: aivenv1 ${TOKEN}\r\nContent-Type: application/json\r\nConnection: close\r\n`;
      if (declared) {
        socket.write(`POST ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\n${auth}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
        return;
      }
      socket.write(`POST ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\n${auth}Transfer-Encoding: chunked\r\n\r\n`);
      for (let at = 0; at < body.length; at += 65_536) {
        const piece = body.slice(at, at + 65_536);
        socket.write(`${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`);
      }
      socket.write('0\r\n\r\n');
    });
  });
}

function dechunk(text) {
  let out = '';
  let rest = text;
  for (;;) {
    const nl = rest.indexOf('\r\n');
    if (nl < 0) break;
    const n = parseInt(rest.slice(0, nl), 16);
    if (!n) break;
    out += rest.slice(nl + 2, nl + 2 + n);
    rest = rest.slice(nl + 2 + n + 2);
  }
  return out;
}

describe('oversized bodies', () => {
  const limit = 'Request body is too large (limit 1048576 bytes)';
  test('a body over 1 MiB is a 413 in Aiven error shape, declared or streamed', async () => {
    const create = `/v1/project/${PROJECT}/service`;
    // The same body under the limit is carried out: so a refused one that was read
    // anyway would leave its service behind.
    const small = await rawPost(create, paddedCreate('sec-body-small', 512 * 1024));
    assert.equal(small.status, 200, small.head);
    // No Content-Length: 2 MiB chunked, refused once the limit is passed.
    const streamed = await rawPost(create, paddedCreate('sec-body-streamed', 2 * 1024 * 1024));
    assert.equal(streamed.status, 413, streamed.head);
    assert.match(streamed.head, /content-type: application\/json/i);
    assert.deepEqual(JSON.parse(streamed.body), { errors: [{ message: limit, status: 413 }], message: limit });
    // Content-Length over the limit: refused on the header (the body is never sent).
    const declared = await rawPost(create, paddedCreate('sec-body-declared', 2 * 1024 * 1024), { declared: true });
    assert.equal(declared.status, 413, declared.head);
    assert.deepEqual(JSON.parse(declared.body), { errors: [{ message: limit, status: 413 }], message: limit });
    // The server is still fine, and only the small body made a service.
    const list = await fetch(`${sb.url}/v1/project/${PROJECT}/service`, { headers: { authorization: `aivenv1 ${TOKEN}` } });
    assert.equal(list.status, 200);
    const names = (await list.json()).services.map((s) => s.service_name).filter((n) => n.startsWith('sec-body-'));
    assert.deepEqual(names, ['sec-body-small']);
  });

  test('oversized input to the library is a ForkError, not a hang or a crash', () => {
    const base = { project: PROJECT, serviceName: 'ok-name', serviceType: 'pg', plan: 'business-4', source: { service: 'demo-pg' } };
    assert.equal(thrown(() => lib.validateFork({ ...base, userConfig: { pad: 'x'.repeat(70_000) } })).code, 'field_too_long');
    const wide = Object.fromEntries(Array.from({ length: 120_000 }, (_, i) => [`k${i}`, i]));
    assert.equal(thrown(() => lib.validateFork({ ...base, userConfig: wide })).code, 'invalid_request');
    // Still usable afterwards.
    assert.equal(lib.buildForkRequest(base).body.service_name, 'ok-name');
  });
});
