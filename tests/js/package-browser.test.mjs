// The web build of the package in a real browser: headless Chromium loads
// pkg/web/aiven_fork.js over HTTP (served by the sandbox), awaits `init()`, and uses
// the API; ForkError must be a real Error subclass there too, and a ForkClient must
// reach the sandbox's API with fetch.
//
// Needs the package built first (scripts/build-pkg.sh; scripts/test.sh does it).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../support/chromium.mjs';
import { startSandbox, REPO_ROOT } from '../support/sandbox.mjs';

let sandbox;
let browser;

before(async () => {
  sandbox = await startSandbox({ serveDir: REPO_ROOT, rebuildSecs: 1 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
});

test('import init, { ... } from the web build works in Chromium', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Any same-origin page will do: the module is imported by URL.
  await page.goto(`${sandbox.url}/pkg/web/aiven_fork.js`);
  const out = await page.evaluate(
    async ({ base, token }) => {
      const mod = await import(`${base}/pkg/web/aiven_fork.js`);
      await mod.default();
      const request = {
        project: 'demo-project',
        serviceName: 'demo-pg-browser',
        serviceType: 'pg',
        plan: 'startup-4',
        source: { service: 'demo-pg' },
        recovery: { mode: 'time', time: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)) },
      };
      const result = { call: mod.buildForkRequest(request) };
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
      const client = new mod.ForkClient({ baseUrl: base, token });
      const context = await client.getForkContext('demo-project', 'demo-pg');
      result.contextSource = context.source.serviceName;
      result.validWithContext = mod.validateFork({ ...request, recovery: { mode: 'latest' } }, context).ok;
      result.clientName = mod.ForkClient.name;
      result.forkErrorName = mod.ForkError.name;
      return result;
    },
    { base: sandbox.url, token: sandbox.token },
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(out.call, {
    method: 'POST',
    path: '/v1/project/demo-project/service',
    body: {
      service_name: 'demo-pg-browser',
      service_type: 'pg',
      plan: 'startup-4',
      user_config: { service_to_fork_from: 'demo-pg', recovery_target_time: '2026-01-02T03:04:05.678000+00:00' },
    },
  });
  assert.deepEqual(out.error, {
    isError: true,
    isForkError: true,
    name: 'ForkError',
    code: 'invalid_service_name',
    field: 'serviceName',
    stackHasName: true,
  });
  assert.equal(out.contextSource, 'demo-pg');
  assert.equal(out.validWithContext, true);
  // The minified glue keeps class names (console output stays readable).
  assert.equal(out.clientName, 'ForkClient');
  assert.equal(out.forkErrorName, 'ForkError');
});
