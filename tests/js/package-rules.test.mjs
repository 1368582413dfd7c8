// The rules-only entries of the packed package (`aiven-fork/rules`, `aiven-fork/rules/web`,
// `aiven-fork/rules/bundler`): the same rules as the main entry without ForkClient, in a
// smaller module. `npm pack` pkg/, install the tarball into a fresh project, then use the
// rules through `import` and `require` (child processes), the web build with `initSync`
// and `init`, the bundler build, the TypeScript declarations, and the web build in
// headless Chromium (files served from the installed package).
//
// Needs the package built first (scripts/build-pkg.sh; scripts/test.sh does it).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../support/chromium.mjs';

import { EXPECTED_CALL, PKG, REQUEST, ROOT, packAndInstall, runIn } from './package-support.mjs';

const EXPECTED_TYPES = [
  'clickhouse',
  'grafana',
  'mysql',
  'opensearch',
  'pg',
  'valkey',
];
// Everything the main entry exports except the client.
const RULES_EXPORTS = [
  'ForkError',
  'PreparedForkContext',
  'buildForkRequest',
  'checkForkRequest',
  'forkChoices',
  'forkEquivalents',
  'formatDuration',
  'formatTime',
  'prepareForkContext',
  'productName',
  'serviceTypes',
  'validateFork',
];
const CONTEXT = {
  source: {
    project: 'demo-project',
    serviceName: 'demo-pg',
    serviceType: 'pg',
    plan: 'startup-4',
    cloudName: 'google-europe-west1',
    nodeCount: 1,
    state: 'RUNNING',
    userConfig: {},
    tags: {},
    integrations: [],
  },
  backups: [{ backupName: 'backup-1', backupTime: '2026-01-01T00:00:00Z', dataSize: 1024 }],
  pitr: { start: '2026-01-01T00:00:00Z', end: '2026-01-03T00:00:00Z' },
  plans: [{ name: 'startup-4', nodeCount: 1 }],
  takenNames: ['demo-pg'],
};

let dir;
let tarball;

/** Run a script inside the consumer project; return its parsed JSON output. */
const run = (file, args = []) => runIn(dir, file, args);

// The same checks, written once, for each way of loading the rules entry (`api`).
const CHECKS = `
const request = ${JSON.stringify(REQUEST)};
const context = ${JSON.stringify(CONTEXT)};
const out = {};
out.call = api.buildForkRequest(request);
out.report = api.validateFork(request);
out.withContext = api.validateFork({ ...request, serviceType: undefined, plan: undefined }, context);
const prepared = api.prepareForkContext(context);
out.preparedCall = api.buildForkRequest({ ...request, serviceType: undefined, plan: undefined }, prepared);
const eq = api.forkEquivalents(request);
out.equivalents = { cli: eq.cli.startsWith("avn service create 'demo-pg-fork' ") && eq.hints.cli === null, curl: eq.curl.includes('aivenv1 $AIVEN_TOKEN') };
out.types = api.serviceTypes().map((t) => t.name).sort();
try {
  api.buildForkRequest({ ...request, serviceName: 'Bad_Name' });
  out.error = 'did not throw';
} catch (e) {
  out.error = {
    isError: e instanceof Error,
    isForkError: e instanceof api.ForkError,
    protoIsError: Object.getPrototypeOf(api.ForkError.prototype) === Error.prototype,
    name: e.name,
    code: e.code,
    errors: e.errors.map((x) => ({ code: x.code, field: x.field })),
    messageIsFirst: e.message === e.errors[0].message,
    stackHasName: String(e.stack).startsWith('ForkError: '),
    toStringTag: Object.prototype.toString.call(e),
  };
}
try {
  api.validateFork(42);
  out.hostile = 'did not throw';
} catch (e) {
  out.hostile = { isForkError: e instanceof api.ForkError, code: e.code };
}
const direct = new api.ForkError('invalid_value', 'made by hand');
out.direct = { isError: direct instanceof Error, name: direct.name, code: direct.code, message: direct.message,
               errors: direct.errors };
out.forkErrorSource = api.ForkError.toString();
out.exports = Object.keys(api).filter((k) => k !== 'default' && k !== '__esModule').sort();
`;

function assertChecks(out, extraExports = []) {
  assert.deepEqual(out.call, EXPECTED_CALL);
  assert.deepEqual(out.report, {
    ok: true,
    errors: [],
    warnings: [
      {
        code: 'time_without_zone',
        field: 'recovery.time',
        message: out.report.warnings[0]?.message,
        listedInNotCopied: false,
      },
    ],
    notCopied: [],
    defaults: {},
  });
  assert.equal(out.withContext.ok, true);
  assert.deepEqual(out.withContext.errors, []);
  assert.deepEqual(out.withContext.defaults, { serviceType: 'pg', plan: 'startup-4', cloud: 'google-europe-west1' });
  assert.deepEqual(out.preparedCall, {
    ...EXPECTED_CALL,
    body: { ...EXPECTED_CALL.body, cloud: 'google-europe-west1' },
  });
  assert.deepEqual(out.equivalents, { cli: true, curl: true });
  assert.deepEqual(out.types, EXPECTED_TYPES);
  assert.deepEqual(out.error, {
    isError: true,
    isForkError: true,
    protoIsError: true,
    name: 'ForkError',
    code: 'invalid_service_name',
    errors: [{ code: 'invalid_service_name', field: 'serviceName' }],
    messageIsFirst: true,
    stackHasName: true,
    toStringTag: '[object Error]',
  });
  assert.deepEqual(out.hostile, { isForkError: true, code: 'invalid_request' });
  assert.deepEqual(out.direct, {
    isError: true,
    name: 'ForkError',
    code: 'invalid_value',
    message: 'made by hand',
    errors: [{ code: 'invalid_value', field: '', message: 'made by hand' }],
  });
  assert.deepEqual(out.exports, [...RULES_EXPORTS, ...extraExports].sort());
}

before(() => {
  assert.ok(
    existsSync(path.join(PKG, 'rules', 'node', 'aiven_fork.cjs')) &&
      existsSync(path.join(PKG, 'rules', 'web', 'aiven_fork.js')) &&
      existsSync(path.join(PKG, 'node', 'aiven_fork.cjs')),
    'pkg/ is not built: run scripts/build-pkg.sh',
  );
  ({ dir, tarball } = packAndInstall('aiven-fork-rules-consumer-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds the three rules builds and their declarations', () => {
  const files = tarball.files.map((f) => f.path).filter((p) => p.startsWith('rules/')).sort();
  assert.deepEqual(files, [
    'rules/bundler/aiven_fork.js',
    'rules/bundler/aiven_fork_bg.js',
    'rules/bundler/aiven_fork_bg.wasm',
    'rules/bundler/boundary.js',
    'rules/index.d.ts',
    'rules/node/aiven_fork.cjs',
    'rules/node/aiven_fork.d.cts',
    'rules/node/aiven_fork.mjs',
    'rules/node/aiven_fork_bg.wasm',
    'rules/node/boundary.cjs',
    'rules/web.d.ts',
    'rules/web/aiven_fork.js',
    'rules/web/aiven_fork_bg.wasm',
    'rules/web/boundary.js',
  ]);
  // A different module from the full one (no client inside), one per build.
  const rulesWasm = readFileSync(path.join(dir, 'node_modules/aiven-fork/rules/web/aiven_fork_bg.wasm'));
  const fullWasm = readFileSync(path.join(dir, 'node_modules/aiven-fork/web/aiven_fork_bg.wasm'));
  assert.ok(rulesWasm.length < fullWasm.length, `rules ${rulesWasm.length} B vs full ${fullWasm.length} B`);
  // The bundler build shares the web module (built for size); the Node build has its own
  // (built for speed), also without the client.
  assert.ok(rulesWasm.equals(readFileSync(path.join(dir, 'node_modules/aiven-fork/rules/bundler/aiven_fork_bg.wasm'))), 'bundler');
  const rulesNode = readFileSync(path.join(dir, 'node_modules/aiven-fork/rules/node/aiven_fork_bg.wasm'));
  const fullNode = readFileSync(path.join(dir, 'node_modules/aiven-fork/node/aiven_fork_bg.wasm'));
  assert.ok(rulesNode.length < fullNode.length, `rules ${rulesNode.length} B vs full ${fullNode.length} B (node)`);
});

test('Node ESM: import { ... } from "aiven-fork/rules"', () => {
  writeFileSync(
    path.join(dir, 'rules-esm.mjs'),
    `import * as api from 'aiven-fork/rules';\nimport * as full from 'aiven-fork';\n${CHECKS}\n` +
      `import { createRequire } from 'node:module';\n` +
      `out.sameClassAsRequire = createRequire(import.meta.url)('aiven-fork/rules').ForkError === api.ForkError;\n` +
      `out.sameSourceAsFull = api.ForkError.toString() === full.ForkError.toString();\n` +
      `out.fullHasClient = typeof full.ForkClient;\n` +
      `console.log(JSON.stringify(out));\n`,
  );
  const out = run('rules-esm.mjs');
  assertChecks(out);
  // import and require share one instance of the rules module...
  assert.equal(out.sameClassAsRequire, true);
  // ...and its ForkError is the very class of the main entry (same source), in its own module.
  assert.equal(out.sameSourceAsFull, true);
  assert.match(out.forkErrorSource, /^class ForkError extends Error \{/);
  assert.equal(out.fullHasClient, 'function');
});

test('Node CJS: require("aiven-fork/rules")', () => {
  writeFileSync(
    path.join(dir, 'rules-cjs.cjs'),
    `const api = require('aiven-fork/rules');\n${CHECKS}\n` +
      `out.resolved = require.resolve('aiven-fork/rules').split('node_modules/aiven-fork/')[1];\n` +
      `console.log(JSON.stringify(out));\n`,
  );
  const out = run('rules-cjs.cjs');
  assertChecks(out);
  assert.equal(out.resolved, 'rules/node/aiven_fork.cjs');
});

test('rules web build: initSync and the async init from "aiven-fork/rules/web"', () => {
  writeFileSync(
    path.join(dir, 'rules-web.mjs'),
    `import * as api from 'aiven-fork/rules/web';\n` +
      `import { readFileSync } from 'node:fs';\n` +
      `api.initSync({ module: readFileSync(new URL(import.meta.resolve('aiven-fork/rules/web/aiven_fork_bg.wasm'))) });\n` +
      `${CHECKS}\nconsole.log(JSON.stringify(out));\n`,
  );
  assertChecks(run('rules-web.mjs'), ['initSync']);
  writeFileSync(
    path.join(dir, 'rules-web-async.mjs'),
    `import init, * as api from 'aiven-fork/rules/web';\n` +
      `import { readFile } from 'node:fs/promises';\n` +
      `await init({ module_or_path: readFile(new URL(import.meta.resolve('aiven-fork/rules/web/aiven_fork_bg.wasm'))) });\n` +
      `${CHECKS}\nconsole.log(JSON.stringify(out));\n`,
  );
  assertChecks(run('rules-web-async.mjs'), ['initSync']);
});

test('rules bundler build: ES-module wasm integration', () => {
  writeFileSync(
    path.join(dir, 'rules-bundler.mjs'),
    `import * as api from 'aiven-fork/rules/bundler';\n${CHECKS}\nconsole.log(JSON.stringify(out));\n`,
  );
  assertChecks(run('rules-bundler.mjs', ['--experimental-wasm-modules', '--no-warnings']));
});

test('TypeScript: the rules declarations resolve for ESM, CJS and web (node16), without ForkClient', () => {
  const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
  const flags = ['--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'es2022'];
  const tscRun = (files) => spawnSync(tsc, [...flags, '--lib', 'es2022,dom', '--types', '', ...files], { cwd: dir, encoding: 'utf8' });
  writeFileSync(
    path.join(dir, 'rules-esm-check.mts'),
    `import { buildForkRequest, prepareForkContext, ForkError, type ApiCall, type ForkRequest, type ForkContext } from 'aiven-fork/rules';\n` +
      `const request: ForkRequest = ${JSON.stringify(REQUEST)};\n` +
      `const context: ForkContext = ${JSON.stringify(CONTEXT)};\n` +
      `const call: ApiCall = buildForkRequest(request, prepareForkContext(context));\n` +
      `const method: 'POST' = call.method;\n` +
      `try { buildForkRequest(request); } catch (e) { if (e instanceof ForkError) { const c: string = e.code; void c; } }\n` +
      `void method;\n`,
  );
  writeFileSync(
    path.join(dir, 'rules-cjs-check.cts'),
    `import api = require('aiven-fork/rules');\n` +
      `const report: api.ValidationReport = api.validateFork({ project: 'p', serviceName: 'n', source: { service: 's' } });\n` +
      `const err: Error = new api.ForkError('invalid_value', 'm');\n` +
      `const ok: boolean = report.ok;\nvoid ok; void err;\n`,
  );
  writeFileSync(
    path.join(dir, 'rules-web-check.mts'),
    `import init, { validateFork, type InitInput } from 'aiven-fork/rules/web';\n` +
      `const input: InitInput = new URL('https://example.test/aiven_fork_bg.wasm');\n` +
      `await init({ module_or_path: input });\nconst ok: boolean = validateFork({ project: 'p', serviceName: 'n', source: { service: 's' } }).ok;\nvoid ok;\n`,
  );
  const r = tscRun(['rules-esm-check.mts', 'rules-cjs-check.cts', 'rules-web-check.mts']);
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
  // The client is not part of the rules entries (the check can fail).
  for (const [file, source] of [
    ['rules-no-client.mts', `import { ForkClient } from 'aiven-fork/rules';\nvoid ForkClient;\n`],
    ['rules-web-no-client.mts', `import { ForkClient } from 'aiven-fork/rules/web';\nvoid ForkClient;\n`],
    ['rules-cjs-no-client.cts', `import api = require('aiven-fork/rules');\nvoid api.ForkClient;\n`],
  ]) {
    writeFileSync(path.join(dir, file), source);
    const bad = tscRun([file]);
    assert.notEqual(bad.status, 0, `tsc accepted ForkClient from the rules entry (${file})`);
    assert.match(bad.stdout, /ForkClient/, file);
  }
});

test('rules web build in headless Chromium: init(), exact payload, ForkError subclass, no ForkClient', async () => {
  const served = path.join(dir, 'node_modules', 'aiven-fork');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    const requested = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') errors.push(m.text());
    });
    // The installed package, served as a web server would (no network involved).
    await page.route('http://aiven-fork.test/**', (route) => {
      const url = new URL(route.request().url());
      requested.push(url.pathname);
      if (url.pathname === '/') {
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>rules</title>' });
      }
      const file = path.join(served, path.normalize(url.pathname));
      if (!file.startsWith(served + path.sep) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
      const contentType = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
      return route.fulfill({ status: 200, contentType, body: readFileSync(file) });
    });
    await page.goto('http://aiven-fork.test/');
    const out = await page.evaluate(async (request) => {
      const mod = await import('/rules/web/aiven_fork.js');
      await mod.default();
      const result = {
        call: mod.buildForkRequest({ ...request, recovery: { mode: 'time', time: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)) } }),
        exports: Object.keys(mod).sort(),
      };
      try {
        mod.buildForkRequest({ ...request, serviceName: 'Bad_Name' });
      } catch (e) {
        result.error = {
          isError: e instanceof Error,
          isForkError: e instanceof mod.ForkError,
          name: e.name,
          code: e.code,
          field: e.errors[0].field,
          stackHasName: String(e.stack).startsWith('ForkError'),
        };
      }
      result.forkErrorName = mod.ForkError.name;
      return result;
    }, REQUEST);
    assert.deepEqual(errors, []);
    assert.deepEqual(out.call, EXPECTED_CALL);
    assert.deepEqual(out.error, {
      isError: true,
      isForkError: true,
      name: 'ForkError',
      code: 'invalid_service_name',
      field: 'serviceName',
      stackHasName: true,
    });
    assert.equal(out.forkErrorName, 'ForkError');
    assert.deepEqual(out.exports, [...RULES_EXPORTS, 'default', 'initSync'].sort());
    // The page fetched the rules module, not the full one.
    assert.deepEqual(
      requested.filter((p) => p.endsWith('.wasm')),
      ['/rules/web/aiven_fork_bg.wasm'],
    );
  } finally {
    await browser.close();
  }
});
