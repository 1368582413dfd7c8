// The packed npm package as a user gets it: `npm pack` pkg/, install the tarball
// into a fresh project, and use it through every entry of the exports map —
// `import` and `require` in Node (child processes), the web build with `initSync`,
// the bundler build through Node's wasm ES-module loader, and the TypeScript
// declarations under `moduleResolution: node16` for both module kinds.
//
// Needs the package built first (scripts/build-pkg.sh; scripts/test.sh does it).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { EXPECTED_CALL, PKG, REQUEST, ROOT, packAndInstall, runIn } from './package-support.mjs';

const EXPECTED_ERROR = {
  isError: true,
  isForkError: true,
  name: 'ForkError',
  code: 'invalid_service_name',
  field: 'serviceName',
};

let dir;
let tarball;

/** Run a script inside the consumer project; return its parsed JSON output. */
const run = (file, args = []) => runIn(dir, file, args);

// The same checks, written once, for each way of loading the package.
const CHECKS = `
const request = ${JSON.stringify(REQUEST)};
const out = {};
out.call = api.buildForkRequest(request);
out.report = api.validateFork(request);
const eq = api.forkEquivalents(request);
out.equivalents = { cli: eq.cli.startsWith('avn service create'), curl: eq.curl.includes('aivenv1 $AIVEN_TOKEN') };
out.types = api.serviceTypes().map((t) => t.name).sort();
try {
  api.buildForkRequest({ ...request, serviceName: 'Bad_Name' });
  out.error = 'did not throw';
} catch (e) {
  out.error = { isError: e instanceof Error, isForkError: e instanceof api.ForkError, name: e.name,
                code: e.code, field: e.errors[0].field };
}
out.exports = Object.keys(api).filter((k) => k !== 'default' && k !== '__esModule').sort();
`;

before(() => {
  assert.ok(
    existsSync(path.join(PKG, 'node', 'aiven_fork.cjs')) && existsSync(path.join(PKG, 'web', 'aiven_fork.js')),
    'pkg/ is not built: run scripts/build-pkg.sh',
  );
  ({ dir, tarball } = packAndInstall('aiven-fork-consumer-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds the three builds, the rules-only builds, the widget, the aiven-fork command, the declarations, the custom elements manifest, the README and the docs it links, nothing else', () => {
  const files = tarball.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'README.md',
    'aiven-fork.d.ts',
    'bundler/aiven_fork.js',
    'bundler/aiven_fork_bg.js',
    'bundler/aiven_fork_bg.wasm',
    'bundler/boundary.js',
    'bundler/client.js',
    'cli/aiven-fork.mjs',
    'cli/args.mjs',
    'cli/commands.mjs',
    'cli/exit.mjs',
    'cli/main.mjs',
    'cli/output.mjs',
    'custom-elements.json',
    'docs/equivalents.md',
    'docs/fork-rules.md',
    'node/aiven_fork.cjs',
    'node/aiven_fork.d.cts',
    'node/aiven_fork.mjs',
    'node/aiven_fork_bg.wasm',
    'node/boundary.cjs',
    'node/client.cjs',
    'package.json',
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
    'web.d.ts',
    'web/aiven_fork.js',
    'web/aiven_fork_bg.wasm',
    'web/boundary.js',
    'web/client.js',
    'widget/dom.js',
    'widget/element.js',
    'widget/equivalents.js',
    'widget/events.js',
    'widget/form.js',
    'widget/format.js',
    'widget/index.d.ts',
    'widget/index.js',
    'widget/library.js',
    'widget/notice.js',
    'widget/progress.js',
    'widget/shell.js',
    'widget/source.js',
    'widget/styles.js',
    'widget/time.js',
  ]);
  assert.equal(tarball.name, 'aiven-fork');
  assert.equal(tarball.version, '0.1.0');
});

function assertChecks(out) {
  assert.deepEqual(out.call, EXPECTED_CALL);
  assert.equal(out.report.ok, true);
  assert.deepEqual(out.report.errors, []);
  assert.deepEqual(out.report.warnings.map((w) => w.code), ['time_without_zone']);
  assert.deepEqual(out.equivalents, { cli: true, curl: true });
  assert.deepEqual(out.types, [
    'clickhouse',
    'grafana',
    'mysql',
    'opensearch',
    'pg',
    'valkey',
  ]);
  assert.deepEqual(out.error, EXPECTED_ERROR);
  for (const name of ['ForkClient', 'ForkError', 'buildForkRequest', 'forkEquivalents', 'serviceTypes', 'validateFork']) {
    assert.ok(out.exports.includes(name), `${name} not exported: ${out.exports}`);
  }
}

test('Node ESM: import { ... } from "aiven-fork"', () => {
  writeFileSync(
    path.join(dir, 'esm.mjs'),
    `import * as api from 'aiven-fork';\n${CHECKS}\n` +
      `import { createRequire } from 'node:module';\n` +
      `out.sameClassAsRequire = createRequire(import.meta.url)('aiven-fork').ForkError === api.ForkError;\n` +
      `console.log(JSON.stringify(out));\n`,
  );
  const out = run('esm.mjs');
  assertChecks(out);
  // import and require share one module instance, so instanceof works across both.
  assert.equal(out.sameClassAsRequire, true);
});

test('Node CJS: require("aiven-fork")', () => {
  writeFileSync(path.join(dir, 'cjs.cjs'), `const api = require('aiven-fork');\n${CHECKS}\nconsole.log(JSON.stringify(out));\n`);
  assertChecks(run('cjs.cjs'));
});

test('web build: import init/initSync from "aiven-fork/web"', () => {
  writeFileSync(
    path.join(dir, 'web.mjs'),
    `import * as api from 'aiven-fork/web';\n` +
      `import { readFileSync } from 'node:fs';\n` +
      `api.initSync({ module: readFileSync(new URL(import.meta.resolve('aiven-fork/web/aiven_fork_bg.wasm'))) });\n` +
      `${CHECKS}\nconsole.log(JSON.stringify(out));\n`,
  );
  const out = run('web.mjs');
  assertChecks(out);
  assert.ok(out.exports.includes('initSync'));
});

test('web build: the async default init loads the .wasm next to the glue', () => {
  writeFileSync(
    path.join(dir, 'web-async.mjs'),
    `import init, * as api from 'aiven-fork/web';\n` +
      `import { readFile } from 'node:fs/promises';\n` +
      `await init({ module_or_path: readFile(new URL(import.meta.resolve('aiven-fork/web/aiven_fork_bg.wasm'))) });\n` +
      `${CHECKS}\nconsole.log(JSON.stringify(out));\n`,
  );
  assertChecks(run('web-async.mjs'));
});

test('bundler build: ES-module wasm integration (what webpack/Vite+plugin do)', () => {
  writeFileSync(
    path.join(dir, 'bundler.mjs'),
    `import * as api from 'aiven-fork/bundler';\n${CHECKS}\nconsole.log(JSON.stringify(out));\n`,
  );
  assertChecks(run('bundler.mjs', ['--experimental-wasm-modules', '--no-warnings']));
});

test('TypeScript: the declarations resolve for ESM and CJS consumers (node16)', () => {
  const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
  writeFileSync(
    path.join(dir, 'esm-check.mts'),
    `import { buildForkRequest, ForkError, type ApiCall, type ForkRequest } from 'aiven-fork';\n` +
      `const request: ForkRequest = ${JSON.stringify(REQUEST)};\n` +
      `const call: ApiCall = buildForkRequest(request);\n` +
      `const method: 'POST' = call.method;\n` +
      `try { buildForkRequest(request); } catch (e) { if (e instanceof ForkError) { const c: string = e.code; void c; } }\n` +
      `void method;\n`,
  );
  writeFileSync(
    path.join(dir, 'cjs-check.cts'),
    `import api = require('aiven-fork');\n` +
      `const report: api.ValidationReport = api.validateFork({ project: 'p', serviceName: 'n', source: { service: 's' } });\n` +
      `const ok: boolean = report.ok;\nvoid ok;\n`,
  );
  writeFileSync(
    path.join(dir, 'web-check.mts'),
    `import init, { validateFork } from 'aiven-fork/web';\n` +
      `await init();\nconst ok: boolean = validateFork({ project: 'p', serviceName: 'n', source: { service: 's' } }).ok;\nvoid ok;\n`,
  );
  const r = spawnSync(
    tsc,
    [
      '--noEmit',
      '--strict',
      '--module',
      'node16',
      '--moduleResolution',
      'node16',
      '--target',
      'es2022',
      '--lib',
      'es2022,dom',
      '--types',
      '',
      'esm-check.mts',
      'cjs-check.cts',
      'web-check.mts',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
  // A wrong type must be caught (the check can fail).
  writeFileSync(path.join(dir, 'bad.mts'), `import { buildForkRequest } from 'aiven-fork';\nbuildForkRequest({ project: 1 });\n`);
  const bad = spawnSync(tsc, ['--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--types', '', 'bad.mts'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.notEqual(bad.status, 0, 'tsc accepted a wrong request type');
});

test('the package README and manifest are what npm shows', () => {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'node_modules', 'aiven-fork', 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'aiven-fork');
  assert.equal(manifest.type, 'module');
  assert.ok(readFileSync(path.join(dir, 'node_modules', 'aiven-fork', 'README.md'), 'utf8').includes('buildForkRequest'));
});

test('every relative link in the installed package\'s markdown names a file the package holds', () => {
  const root = path.join(dir, 'node_modules', 'aiven-fork');
  const docs = ['README.md', 'docs/fork-rules.md', 'docs/equivalents.md'];
  const links = [];
  for (const doc of docs) {
    const text = readFileSync(path.join(root, doc), 'utf8');
    // [text](target) where the target has no scheme and is not an in-page anchor.
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
      links.push({ doc, target });
    }
  }
  assert.ok(links.length >= 4, `expected the docs to link each other, found ${JSON.stringify(links)}`);
  const broken = links.filter(({ doc, target }) => {
    const file = path.resolve(path.dirname(path.join(root, doc)), target.split('#')[0]);
    return !file.startsWith(root + path.sep) || !existsSync(file);
  });
  assert.deepEqual(broken, []);
});
