// Property tests (fast-check) of the built package (pkg/node): random values of any
// shape to every entry point never break the module; every thrown value is a
// ForkError (a real Error) with a code from the published list (aiven-fork.d.ts);
// a valid call still succeeds afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

import { oracleProblems } from './fork-oracle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const lib = require(path.join(root, 'pkg', 'node', 'aiven_fork.cjs'));

/** The code unions of the published declarations: the list users code against. */
function codesOf(typeName) {
  const dts = readFileSync(path.join(root, 'pkg', 'aiven-fork.d.ts'), 'utf8');
  const m = new RegExp(`export type ${typeName} =([^;]+);`).exec(dts);
  assert.ok(m, `${typeName} not found in aiven-fork.d.ts`);
  return new Set([...m[1].matchAll(/'([a-z_]+)'/g)].map((x) => x[1]));
}
const ERROR_CODES = codesOf('ErrorCode');
const WARNING_CODES = codesOf('WarningCode');
const RUNS = Number(process.env.FC_RUNS ?? 300);
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const params = { numRuns: RUNS, seed: SEED };
// What the generators must reach (both outcomes, enough accepted calls) is counted on a run
// with this fixed seed, so it holds on every run; the properties are also checked on a run
// with a random seed (FC_SEED replays one), which explores new inputs every time.
const COUNTED = { numRuns: RUNS, seed: 20261125 };

const VALID = {
  project: 'demo-project',
  serviceName: 'demo-pg-copy',
  serviceType: 'pg',
  plan: 'business-4',
  source: { service: 'demo-pg' },
  recovery: { mode: 'latest' },
};
const VALID_CONTEXT = {
  source: {
    project: 'demo-project',
    serviceName: 'demo-pg',
    serviceType: 'pg',
    plan: 'business-4',
    cloudName: 'google-europe-west1',
    nodeCount: 2,
    state: 'RUNNING',
    userConfig: { pg_version: '16' },
    tags: { env: 'prod' },
    integrations: [{ integrationType: 'metrics', sourceService: 'demo-pg', destService: 'demo-grafana' }],
  },
  backups: [{ backupName: 'b1', backupTime: new Date(Date.now() - 86_400_000).toISOString(), dataSize: 1000 }],
  pitr: { start: new Date(Date.now() - 2 * 86_400_000).toISOString(), end: null },
  plans: [
    { name: 'business-4', nodeCount: 2 },
    { name: 'startup-4', nodeCount: 1 },
  ],
  takenNames: ['demo-pg'],
};

/** The module still works: the same valid call gives the same exact payload. */
const EXPECTED_BODY = {
  service_name: 'demo-pg-copy',
  service_type: 'pg',
  plan: 'business-4',
  user_config: { service_to_fork_from: 'demo-pg' },
};
function assertModuleAlive() {
  const call = lib.buildForkRequest(VALID);
  assert.equal(call.method, 'POST');
  assert.equal(call.path, '/v1/project/demo-project/service');
  assert.deepEqual(call.body, EXPECTED_BODY);
  assert.equal(lib.validateFork(VALID, VALID_CONTEXT).ok, true);
}

/** A thrown value must be a ForkError with known codes and plain-data findings. */
function assertForkError(e) {
  assert.ok(e instanceof Error, `threw a non-Error: ${typeof e} ${String(e).slice(0, 80)}`);
  assert.ok(e instanceof lib.ForkError, `threw ${e?.constructor?.name}: ${e?.message}`);
  assert.equal(e.name, 'ForkError');
  assert.ok(ERROR_CODES.has(e.code), `unknown code ${e.code}`);
  assert.equal(typeof e.message, 'string');
  assert.ok(e.message.length > 0);
  assert.ok(Array.isArray(e.errors) && e.errors.length > 0, 'errors must list the findings');
  for (const issue of e.errors) {
    assert.ok(ERROR_CODES.has(issue.code), `unknown code ${issue.code} in errors`);
    assert.equal(typeof issue.field, 'string');
    assert.equal(typeof issue.message, 'string');
  }
}

function assertReport(r) {
  assert.equal(typeof r, 'object');
  assert.equal(typeof r.ok, 'boolean');
  assert.equal(r.ok, r.errors.length === 0);
  for (const e of r.errors) assert.ok(ERROR_CODES.has(e.code), `unknown code ${e.code}`);
  for (const w of r.warnings) assert.ok(WARNING_CODES.has(w.code), `unknown warning ${w.code}`);
  assert.ok(Array.isArray(r.notCopied));
  assert.equal(typeof r.defaults, 'object');
}

/** Call `fn`; a throw must be a ForkError; a return is handed to `check`. */
const seen = { returned: 0, thrown: 0 };
function callSafely(fn, check) {
  let out;
  try {
    out = fn();
  } catch (e) {
    assertForkError(e);
    seen.thrown += 1;
    return;
  }
  seen.returned += 1;
  if (check) check(out);
}
/**
 * `run(params)` on a random seed, then on the fixed one, where the generators must reach
 * both outcomes (else it tests little).
 */
function bothOutcomes(run) {
  run(params);
  seen.returned = 0;
  seen.thrown = 0;
  run(COUNTED);
  assert.ok(seen.returned > 0, 'no call returned: the generators only make garbage');
  assert.ok(seen.thrown > 0, 'no call threw: the generators never reach the errors');
}

// ---- generators ----

/** Values that break naive code: cycles, throwing getters and Proxies, symbols, ... */
const hostile = fc.constantFrom(
  ...(() => {
    const cyc = { project: 'demo-project' };
    cyc.self = cyc;
    const throwing = {
      get project() {
        throw new Error('getter');
      },
    };
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    const deep = [];
    let d = deep;
    for (let i = 0; i < 5000; i++) d = d[0] = [];
    const throwingJson = { toJSON() { throw new Error('toJSON'); } };
    const throwsString = { toJSON() { throw 'a string'; } }; // eslint-disable-line no-throw-literal
    return [
      cyc,
      throwing,
      proxy,
      deep,
      throwingJson,
      throwsString,
      Symbol('s'),
      10n,
      () => 1,
      new Date(NaN),
      new Date(8.64e15),
      Object.create(null),
      { __proto__: { project: 'inherited' } },
      { project: 'x'.repeat(100_000) },
      new Map([['project', 'demo-project']]),
      new Uint8Array(4),
      [VALID],
      { ...VALID, recovery: { mode: 'time', time: new Date() } },
      { ...VALID, recovery: { mode: 'time', time: new Date(NaN) } },
      { ...VALID, recovery: { mode: 'time', time: 1_700_000_000_000 } },
      { ...VALID, diskSpaceMb: Infinity },
      { ...VALID, diskSpaceMb: NaN },
      { ...VALID, diskSpaceMb: -0 },
      { ...VALID, tags: { ['k'.repeat(70_000)]: 'v' } },
    ];
  })(),
);

const anyValue = fc.oneof(
  { weight: 4, arbitrary: fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true, withBoxedValues: true, maxDepth: 4 }) },
  { weight: 1, arbitrary: hostile },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, '', 0, -1, NaN, true, [], {}) },
);

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('demo-project', 'demo-pg', 'pg', 'mysql', 'kafka', 'redis', 'business-4', '../x', 'a%2Fb', 'a b', '<img src=x>', '\u0000', 'x'.repeat(65)),
);
const timeText = fc.oneof(
  fc.date({ min: new Date(-1e14), max: new Date(1e14) }).map((d) => (Number.isNaN(d.getTime()) ? 'bad' : d.toISOString())),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom('2026-11-20 10:00:00', '2026-11-20T10:00:00.123456789+02:00', '2026-02-30T00:00:00Z', 'now', ''),
  fc.string(),
);
/** Requests of the right outline with random field values (reach the deep rules). */
const shapedRequest = fc.record(
  {
    project: text,
    serviceName: text,
    serviceType: text,
    plan: text,
    cloud: text,
    source: fc.oneof(fc.record({ service: text, project: text }, { requiredKeys: ['service'] }), anyValue),
    recovery: fc.oneof(
      fc.constant({ mode: 'latest' }),
      fc.record({ mode: fc.constant('time'), time: timeText }),
      fc.record({ mode: fc.constant('backup'), name: text }),
      fc.record({ mode: text }),
      anyValue,
    ),
    diskSpaceMb: fc.oneof(fc.integer(), fc.double(), anyValue),
    terminationProtection: fc.oneof(fc.boolean(), anyValue),
    tags: fc.oneof(fc.dictionary(text, text, { maxKeys: 4 }), anyValue),
    copyTags: fc.oneof(fc.boolean(), anyValue),
    projectVpcId: fc.oneof(fc.uuid(), fc.constant(null), text),
    userConfig: fc.oneof(fc.dictionary(text, anyValue, { maxKeys: 4 }), anyValue),
  },
  { requiredKeys: [] },
);
/** Contexts of the right outline with random values. */
const shapedContext = fc.oneof(
  fc.constant(VALID_CONTEXT),
  fc.record(
    {
      source: fc.oneof(
        fc.record({
          project: text,
          serviceName: text,
          serviceType: fc.oneof(text, fc.constantFrom('pg', 'mysql', 'redis', 'clickhouse', 'cassandra', 'opensearch')),
          plan: text,
          cloudName: text,
          nodeCount: fc.oneof(fc.integer({ min: -2, max: 10 }), anyValue),
          state: fc.oneof(fc.constantFrom('RUNNING', 'POWEROFF'), anyValue),
          userConfig: fc.oneof(fc.dictionary(text, anyValue, { maxKeys: 3 }), anyValue),
          tags: fc.oneof(fc.dictionary(text, text, { maxKeys: 3 }), anyValue),
          integrations: fc.oneof(fc.array(fc.record({ integrationType: text, sourceService: text, destService: text }), { maxLength: 3 }), anyValue),
        }),
        anyValue,
      ),
      backups: fc.oneof(fc.array(fc.record({ backupName: text, backupTime: timeText, dataSize: fc.oneof(fc.nat(), anyValue) }), { maxLength: 4 }), anyValue),
      pitr: fc.oneof(fc.constant(null), fc.record({ start: fc.oneof(timeText, fc.constant(null)), end: fc.oneof(timeText, fc.constant(null)) }), anyValue),
      plans: fc.oneof(fc.array(fc.record({ name: text, nodeCount: fc.oneof(fc.nat(8), anyValue) }), { maxLength: 4 }), anyValue),
      takenNames: fc.oneof(fc.constant(null), fc.array(text, { maxLength: 4 }), anyValue),
    },
    { requiredKeys: [] },
  ),
  anyValue,
);
/** Valid requests with zero to two fields replaced by random values (reach success paths). */
const serviceName = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
const validRecovery = fc.oneof(
  fc.constant({ mode: 'latest' }),
  fc.constant(undefined),
  fc.integer({ min: 1, max: 47 }).map((h) => ({ mode: 'time', time: new Date(Date.now() - h * 3_600_000).toISOString() })),
  fc.integer({ min: 1, max: 47 }).map((h) => ({ mode: 'time', time: new Date(Date.now() - h * 3_600_000) })),
);
const nearValid = fc
  .record({
    serviceName,
    recovery: validRecovery,
    plan: fc.constantFrom('business-4', 'startup-4'),
    mutations: fc.array(fc.tuple(fc.constantFrom(...Object.keys(VALID), 'userConfig', 'tags', 'diskSpaceMb', 'extra'), fc.oneof(anyValue, text)), { maxLength: 2 }),
  })
  .map(({ serviceName: name, recovery, plan, mutations }) => {
    const req = { ...VALID, serviceName: name, plan, recovery };
    if (recovery === undefined) delete req.recovery;
    for (const [k, v] of mutations) req[k] = v;
    return req;
  });
const request = fc.oneof({ weight: 1, arbitrary: anyValue }, { weight: 2, arbitrary: shapedRequest }, { weight: 3, arbitrary: nearValid });
const context = fc.oneof(fc.constant(undefined), fc.constant(VALID_CONTEXT), shapedContext);

// ---- properties ----

test('serviceTypes ignores any arguments and always answers the same list', () => {
  const expected = lib.serviceTypes();
  assert.ok(Array.isArray(expected) && expected.length >= 6);
  fc.assert(
    fc.property(fc.array(anyValue, { maxLength: 3 }), (args) => {
      callSafely(() => lib.serviceTypes(...args), (out) => assert.deepEqual(out, expected));
    }),
    params,
  );
  assertModuleAlive();
});

test('validateFork: any request and context give a report or a ForkError', () => {
  fc.assert(
    fc.property(request, context, (req, ctx) => {
      callSafely(() => lib.validateFork(req, ctx), assertReport);
    }),
    params,
  );
  assertModuleAlive();
});

test('buildForkRequest: any input gives a ForkError or a call the documented rules accept', () => {
  const checked = { withContext: 0, withoutContext: 0 };
  bothOutcomes((p) => {
    checked.withContext = 0;
    checked.withoutContext = 0;
    fc.assert(
      fc.property(request, context, (req, ctx) => {
        callSafely(
          () => lib.buildForkRequest(req, ctx),
          (call) => {
            // The acceptance check: an oracle of its own (Aiven's schemas, the rules
            // document), not the library's validateFork.
            assert.deepEqual(oracleProblems(req, ctx, call, Date.now()), [], JSON.stringify({ req, ctx, body: call.body }));
            checked[ctx == null ? 'withoutContext' : 'withContext'] += 1;
            // And the library agrees with itself: what builds also validates.
            assert.equal(lib.validateFork(req, ctx).ok, true);
          },
        );
      }),
      p,
    );
  });
  console.log(`oracle checked ${JSON.stringify(checked)} (fixed seed)`);
  // Enough accepted calls reached the oracle for it to mean something.
  assert.ok(checked.withContext >= RUNS / 50 && checked.withoutContext >= RUNS / 50, JSON.stringify(checked));
  assertModuleAlive();
});

test('checkForkRequest: any input gives exactly what validateFork and buildForkRequest give', () => {
  const outcome = (fn) => {
    try {
      return { value: fn() };
    } catch (e) {
      assertForkError(e);
      return { error: [e.code, e.message, e.errors] };
    }
  };
  const seen = { ok: 0, invalid: 0, thrown: 0 };
  const compare = fc.property(request, context, (req, ctx) => {
    const checked = outcome(() => lib.checkForkRequest(req, ctx));
    const report = outcome(() => lib.validateFork(req, ctx));
    if (report.error) {
      // Unreadable input: the same ForkError.
      assert.deepEqual(checked, report);
      seen.thrown += 1;
      return;
    }
    const built = outcome(() => lib.buildForkRequest(req, ctx));
    assert.deepEqual(checked.value.report, report.value);
    assert.deepEqual(checked.value.call, built.error ? null : built.value);
    // A call exactly when the report has no error; otherwise build throws those errors.
    assert.equal(checked.value.call !== null, report.value.ok);
    if (built.error) assert.deepEqual(built.error[2], report.value.errors);
    seen[report.value.ok ? 'ok' : 'invalid'] += 1;
  });
  fc.assert(compare, params);
  Object.assign(seen, { ok: 0, invalid: 0, thrown: 0 });
  fc.assert(compare, COUNTED);
  console.log(`checkForkRequest compared ${JSON.stringify(seen)} (fixed seed)`);
  assert.ok(seen.ok >= RUNS / 50 && seen.invalid >= RUNS / 50 && seen.thrown >= 1, JSON.stringify(seen));
  assertModuleAlive();
});

test('forkEquivalents: any input gives three strings or a ForkError', () => {
  bothOutcomes((p) =>
    fc.assert(
      fc.property(request, context, (req, ctx) => {
        callSafely(
          () => lib.forkEquivalents(req, ctx),
          (eq) => {
            for (const k of ['cli', 'curl', 'terraform']) assert.equal(typeof eq[k], 'string');
          },
        );
      }),
      p,
    ),
  );
  assertModuleAlive();
});

test('new ForkClient(options): any options give a client or a ForkError', () => {
  const options = fc.oneof(
    anyValue,
    fc.record(
      {
        baseUrl: fc.oneof(
          fc.constantFrom('http://127.0.0.1:1', 'http://localhost:8787', 'https://api.aiven.io', 'http://example.com', 'ftp://x', 'https://', 'not a url', 'http://[::1]:9'),
          fc.webUrl(),
          anyValue,
        ),
        token: fc.oneof(fc.string(), anyValue),
      },
      { requiredKeys: [] },
    ),
  );
  bothOutcomes((p) =>
    fc.assert(
      fc.property(options, (opts) => {
        callSafely(
          () => new lib.ForkClient(opts),
          (client) => {
            assert.ok(client instanceof lib.ForkClient);
            client.free?.();
          },
        );
      }),
      p,
    ),
  );
  assertModuleAlive();
});

test('interleaved random calls to every entry point never poison the module', () => {
  const entry = fc.constantFrom('serviceTypes', 'validateFork', 'buildForkRequest', 'checkForkRequest', 'forkEquivalents', 'markForkDeletable', 'ForkClient');
  fc.assert(
    fc.property(fc.array(fc.tuple(entry, request, context), { minLength: 1, maxLength: 8 }), (calls) => {
      for (const [name, a, b] of calls) {
        callSafely(() => (name === 'ForkClient' ? new lib.ForkClient(a) : lib[name](a, b)));
      }
      assertModuleAlive();
    }),
    { ...params, numRuns: Math.max(20, Math.floor(RUNS / 3)) },
  );
});

test('ForkClient methods: any arguments against a live sandbox settle with a result or a ForkError', async () => {
  const { startSandbox } = await import('../support/sandbox.mjs');
  const sb = await startSandbox({ rebuildSecs: 1 });
  try {
    const client = new lib.ForkClient({ baseUrl: sb.url, token: sb.token, maxRateLimitWaitMs: 50, requestTimeoutMs: 2000 });
    const name = fc.oneof(text, fc.constantFrom('demo-pg', 'demo-redis', 'demo-kafka', 'demo-pg-nobackup'), anyValue);
    // Waits are bounded by the test, not by the random options.
    const waitOptions = fc.oneof(anyValue, fc.record({ timeoutMs: fc.oneof(fc.integer({ min: -5, max: 50 }), anyValue), pollMs: fc.oneof(fc.integer({ min: -5, max: 20 }), anyValue) }, { requiredKeys: [] }));
    const call = fc.oneof(
      fc.tuple(fc.constant('getForkContext'), fc.tuple(fc.constantFrom('demo-project', 'demo-project-2', 'other-org-project'), name)),
      fc.tuple(fc.constant('getForkContext'), fc.tuple(anyValue, anyValue)),
      fc.tuple(fc.constant('fork'), fc.tuple(request, fc.oneof(anyValue, fc.constant({})))),
      fc.tuple(fc.constant('forkMany'), fc.tuple(fc.oneof(fc.array(request, { maxLength: 3 }), anyValue), fc.oneof(anyValue, fc.record({ concurrency: fc.integer({ min: -1, max: 4 }) })))),
      fc.tuple(fc.constant('waitUntilRunning'), fc.tuple(fc.constant('demo-project'), name, waitOptions)),
      fc.tuple(fc.constant('deleteFork'), fc.tuple(fc.oneof(fc.constant('demo-project'), anyValue), name, fc.oneof(anyValue, fc.record({ forkedFrom: name, sourceProject: fc.oneof(text, anyValue) }, { requiredKeys: [] })))),
    );
    let settled = 0;
    await fc.assert(
      fc.asyncProperty(call, async ([method, args]) => {
        if (method === 'waitUntilRunning') {
          const opts = args[2];
          let bounded = opts ?? { timeoutMs: 300, pollMs: 10 };
          try {
            if (opts !== null && typeof opts === 'object' && !Array.isArray(opts)) bounded = { ...opts, timeoutMs: 300, pollMs: 10 };
          } catch {
            bounded = opts; // a hostile object: passed as is (the client must refuse it)
          }
          args[2] = bounded;
        }
        let out;
        try {
          out = await client[method](...args);
        } catch (e) {
          assertForkError(e);
          settled += 1;
          return;
        }
        settled += 1;
        if (method === 'deleteFork') assert.equal(typeof out.deleted, 'boolean');
        if (method === 'forkMany') {
          assert.ok(Array.isArray(out));
          for (const r of out) {
            assert.equal(typeof r.ok, 'boolean');
            if (!r.ok) assertForkError(r.error);
          }
        }
      }),
      { ...params, numRuns: Math.max(30, Math.floor(RUNS / 4)) },
    );
    assert.ok(settled > 0);
    // The client and the module still work.
    const ctx = await client.getForkContext('demo-project', 'demo-pg');
    assert.equal(ctx.source.serviceType, 'pg');
    assertModuleAlive();
  } finally {
    await sb.stop();
  }
});
