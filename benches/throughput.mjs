// Throughput: validateFork + buildForkRequest per second in Node on a realistic pg
// fork (point in time, with a context), side by side in the same run with the ajv
// console baseline; then where the time goes across the JS<->wasm boundary.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPackage } from './lib/pkg.mjs';
import { makeConsoleBaseline } from './lib/console-baseline.mjs';
import { pgForkFixture } from './lib/fixtures.mjs';

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const TARGET_RATIO = 1.0;
const TARGET_PLAIN_RATIO = 0.5;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const fmt = (n) => (n >= 1000 ? `${Math.round(n).toLocaleString('en-US')}` : n.toFixed(1));
const us = (opsPerSec) => `${(1e6 / opsPerSec).toFixed(1)} µs`;

/** ops/s of `fn` over one round (batches of 32 calls between clock reads). */
function round(fn) {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ROUND_MS) {
    for (let i = 0; i < 32; i++) fn();
    n += 32;
    t = performance.now();
  }
  return (n * 1000) / (t - t0);
}

/** Interleaved rounds so every candidate sees the same machine noise; median ops/s. */
function race(candidates) {
  for (const c of candidates) round(c.fn); // warm-up (JIT, ajv, wasm tier-up)
  const samples = candidates.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    candidates.forEach((c, i) => samples[i].push(round(c.fn)));
  }
  return candidates.map((c, i) => ({ ...c, ops: median(samples[i]) }));
}

/** The web build of the package (pkg/web), instantiated from its bytes; null if absent. */
async function loadWebBuild(root) {
  const dir = path.join(root, 'pkg', 'web');
  if (!existsSync(path.join(dir, 'aiven_fork.js'))) return null;
  const mod = await import(pathToFileURL(path.join(dir, 'aiven_fork.js')).href);
  mod.initSync({ module: readFileSync(path.join(dir, 'aiven_fork_bg.wasm')) });
  return mod;
}

async function loadBenchEntry(root) {
  const dir = path.join(root, 'target', 'bench-json-entry', 'pkg');
  const glue = path.join(dir, 'bench_entry.js');
  if (!existsSync(glue)) return null;
  const mod = await import(pathToFileURL(glue).href);
  mod.initSync({ module: readFileSync(path.join(dir, 'bench_entry_bg.wasm')) });
  return mod;
}

export async function run({ root, log }) {
  const lib = await loadPackage(root);
  const { request, context, nowMs } = pgForkFixture();
  const baseline = makeConsoleBaseline({ allErrors: true });
  const baselineFirstError = makeConsoleBaseline({ allErrors: false });

  // Sanity: both sides accept the request and build the same call.
  const ours = lib.buildForkRequest(request, context);
  const theirs = baseline.build(request, context, nowMs);
  const report = lib.validateFork(request, context);
  if (!report.ok) throw new Error(`validateFork rejected the fixture: ${JSON.stringify(report.errors)}`);
  const same = JSON.stringify(ours) === JSON.stringify(theirs);
  log(`ours:     ${JSON.stringify(ours)}`);
  if (!same) log(`baseline: ${JSON.stringify(theirs)}`);

  // Recommended usage: the context prepared once (as the baseline compiles its schema
  // once), then validate + build per request. Same outputs as with the plain object
  // (checked here); the plain-context row is measured in the same race.
  const prepared = lib.prepareForkContext ? lib.prepareForkContext(context) : null;
  if (prepared) {
    const a = JSON.stringify([lib.validateFork(request, context).errors, lib.buildForkRequest(request, context)]);
    const b = JSON.stringify([lib.validateFork(request, prepared).errors, lib.buildForkRequest(request, prepared)]);
    if (a !== b) throw new Error('prepared context gave different outputs than the plain context');
  }
  // One operation of ours: validate + build. With checkForkRequest that is one call
  // (one reading of the request and the context, one run of the rules); the two-call
  // form is measured beside it.
  const one = lib.checkForkRequest
    ? { label: 'checkForkRequest', fn: (ctx) => lib.checkForkRequest(request, ctx) }
    : {
        label: 'validateFork + buildForkRequest',
        fn: (ctx) => {
          lib.validateFork(request, ctx);
          lib.buildForkRequest(request, ctx);
        },
      };
  if (lib.checkForkRequest) {
    const checked = lib.checkForkRequest(request, context);
    const a = JSON.stringify([checked.report, checked.call]);
    const b = JSON.stringify([lib.validateFork(request, context), lib.buildForkRequest(request, context)]);
    if (a !== b) throw new Error('checkForkRequest answered differently from validateFork + buildForkRequest');
  }
  // The web build (what a page downloads, built for size) in the same race: the package's
  // Node entry above is the Node build (built for speed, scripts/build-pkg.sh).
  const web = await loadWebBuild(root);
  const webPrepared = web?.checkForkRequest ? web.prepareForkContext(context) : null;
  const main = race([
    ...(prepared
      ? [
          {
            name: `aiven-fork: ${one.label}, context prepared once (prepareForkContext)`,
            fn: () => one.fn(prepared),
          },
        ]
      : []),
    {
      name: 'JS console: ajv (allErrors) + hand checks, validate + build',
      fn: () => {
        baseline.validate(request, context);
        baseline.build(request, context);
      },
    },
    ...(webPrepared
      ? [
          {
            name: 'web build (aiven-fork/web, opt-level "z"): checkForkRequest, prepared context',
            web: true,
            fn: () => web.checkForkRequest(request, webPrepared),
          },
          {
            name: 'web build (aiven-fork/web, opt-level "z"): checkForkRequest, plain context each call',
            web: true,
            fn: () => web.checkForkRequest(request, context),
          },
        ]
      : []),
    {
      name: `aiven-fork: ${one.label}, plain context object each call`,
      fn: () => one.fn(context),
    },
  ]);
  const webR = main.filter((c) => c.web);
  const ajvR = main.find((c) => c.name.startsWith('JS console'));
  const plainR = main[main.length - 1];
  const oursR = prepared ? main[0] : plainR;
  const ratio = oursR.ops / ajvR.ops;
  const plainRatio = plainR.ops / ajvR.ops;
  log(`${oursR.name}: ${fmt(oursR.ops)}/s; ${plainR.name}: ${fmt(plainR.ops)}/s; ${ajvR.name}: ${fmt(ajvR.ops)}/s; ratio ${ratio.toFixed(2)} (plain ${plainRatio.toFixed(2)})`);

  // ---- where the time goes ----
  const reqText = JSON.stringify(request);
  const ctxText = JSON.stringify(context);
  const now = Date.now();
  const bench = await loadBenchEntry(root);
  const Ajv = (await import('ajv')).default;
  const { userConfigSchemas } = await import('./lib/aiven-schema.mjs');
  const schemaCheck = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(userConfigSchemas().pg);
  const sentUserConfig = theirs.body.user_config;
  // The package's own JS input reader (boundary.js), to time the input side alone:
  // `inputTape` answers the tape's text as UTF-8, `inputTapeCodes` its codes.
  let reader = null;
  try {
    const { createRequire } = await import('node:module');
    const boundary = createRequire(import.meta.url)(path.join(root, 'pkg', 'node', 'boundary.cjs'));
    if (boundary.inputTape && boundary.inputTapeCodes) reader = boundary;
  } catch {
    reader = null;
  }
  const parts = [
    ...(prepared && lib.checkForkRequest
      ? [
          {
            name: 'validateFork + buildForkRequest (two calls), prepared context',
            fn: () => {
              lib.validateFork(request, prepared);
              lib.buildForkRequest(request, prepared);
            },
          },
          {
            name: 'validateFork + buildForkRequest (two calls), plain context each call',
            fn: () => {
              lib.validateFork(request, context);
              lib.buildForkRequest(request, context);
            },
          },
        ]
      : []),
    ...(prepared
      ? [
          { name: 'validateFork alone, prepared context', fn: () => lib.validateFork(request, prepared) },
          { name: 'buildForkRequest alone, prepared context', fn: () => lib.buildForkRequest(request, prepared) },
          { name: 'validateFork alone, no context (static rules only)', fn: () => lib.validateFork(request) },
          { name: 'prepareForkContext(context) + free() (the one-time cost)', fn: () => lib.prepareForkContext(context).free() },
        ]
      : []),
    { name: 'validateFork alone, plain context', fn: () => lib.validateFork(request, context) },
    { name: 'buildForkRequest alone, plain context', fn: () => lib.buildForkRequest(request, context) },
    {
      name: 'ajv (first error only) + hand checks, validate + build',
      fn: () => {
        baselineFirstError.validate(request, context);
        baselineFirstError.build(request, context);
      },
    },
    { name: 'ajv schema check alone (user_config, once)', fn: () => schemaCheck(sentUserConfig) },
    ...(reader
      ? [
          {
            name: "JS: the package's safe input reader (inputTape: one walk writing the tape) on request + context",
            fn: () => {
              reader.inputTape(request, '', 1 << 20);
              reader.inputTapeCodes();
              reader.inputTape(context, 'context', 1 << 24);
              reader.inputTapeCodes();
            },
          },
        ]
      : []),
    {
      name: 'JS: JSON.stringify(request) + JSON.stringify(context)',
      fn: () => {
        JSON.stringify(request);
        JSON.stringify(context);
      },
    },
  ];
  if (bench) {
    const benchCtx = bench.BenchPreparedContext.from_json(ctxText);
    parts.push(
      {
        name: 'JSON text in/out: JSON.stringify x2 -> wasm (check) -> JSON.parse',
        short: 'JSON text in/out, plain context, one call',
        fn: () => JSON.parse(bench.bench_check_json(JSON.stringify(request), JSON.stringify(context), Date.now())),
      },
      {
        name: 'prepared context, request as JSON.stringify text (no guards), JSON text out',
        short: 'prepared context, JSON text in/out',
        fn: () => JSON.parse(benchCtx.check_json(JSON.stringify(request), Date.now())),
      },
      {
        name: 'prepared context, request walked from Rust (direct JsValue walk, same guards), package outputs',
        short: 'prepared context, direct JsValue walk in',
        fn: () => benchCtx.check_walk(request, Date.now()),
      },
    );
    // The input path alone, on the request and the context: the package's reader, and
    // JSON text (what the package read before the tape) through two parsers.
    if (reader) {
      const tape = (value, what, bound) => {
        const bytes = reader.inputTape(value, what, bound);
        return bench.bench_read_tape(bytes, reader.inputTapeCodes());
      };
      parts.push(
        {
          name: "input: the package's reader (JS inputTape + Doc::from_tape), request + context",
          fn: () => {
            tape(request, '', 1 << 20);
            tape(context, 'context', 1 << 24);
          },
        },
        {
          name: 'input: JSON.stringify (no guards) + json::parse, request + context',
          fn: () => {
            bench.bench_parse_text(JSON.stringify(request));
            bench.bench_parse_text(JSON.stringify(context));
          },
        },
        {
          name: 'input: JSON.stringify (no guards) + serde_json::from_str + guard walk, request + context',
          fn: () => {
            bench.bench_serde_parse_text(JSON.stringify(request));
            bench.bench_serde_parse_text(JSON.stringify(context));
          },
        },
        {
          name: 'input: direct JsValue walk from Rust (js-sys), request + context',
          fn: () => {
            bench.bench_walk_js(request);
            bench.bench_walk_js(context);
          },
        },
      );
    }
  }
  const partR = race(parts);
  // In-wasm loops: per-op cost without any boundary crossing.
  const inWasm = [];
  if (bench) {
    const loop = (name, f, iters = 2000) => {
      f(200);
      const xs = [];
      for (let r = 0; r < 5; r++) {
        const t0 = performance.now();
        f(iters);
        xs.push(((performance.now() - t0) * 1000) / iters);
      }
      inWasm.push({ name, usPerOp: median(xs) });
    };
    loop('core only: check_value (validate + build), inputs already parsed', (n) => bench.bench_core_loop(reqText, ctxText, now, n));
    loop("read inputs in Rust, the package's way: Doc::from_tape x2 + ForkContext::from_doc", (n) => bench.bench_tape_loop(reqText, ctxText, n));
    loop('read inputs in Rust from JSON text: json::parse x2 + ForkContext::from_value', (n) => bench.bench_parse_loop(reqText, ctxText, n));
    loop("output: report + call the package's way (report by serde-wasm-bindgen, call by JSON.parse)", (n) => bench.bench_output_package_loop(reqText, ctxText, now, n));
    loop('output: report + call as one JSON text + JSON.parse', (n) => bench.bench_output_text_parse_loop(reqText, ctxText, now, n));
    loop('output: report + call as JSON text only (no JS objects)', (n) => bench.bench_output_text_loop(reqText, ctxText, now, n));
  }

  const rows = [
    {
      measure: `throughput: aiven-fork validate + build${prepared ? ', prepared context (recommended)' : ''}`,
      value: `${fmt(oursR.ops)} ops/s`,
      target: '',
      status: 'info',
    },
    ...(prepared
      ? [{ measure: 'throughput: aiven-fork validate + build, plain context each call', value: `${fmt(plainR.ops)} ops/s`, target: '', status: 'info' }]
      : []),
    { measure: 'throughput: ajv console baseline', value: `${fmt(ajvR.ops)} ops/s`, target: '', status: 'info' },
    {
      measure: `throughput ratio (ours / ajv)${prepared ? ', prepared context' : ''}`,
      value: ratio.toFixed(2),
      target: `>= ${TARGET_RATIO.toFixed(1)}`,
      status: ratio >= TARGET_RATIO ? 'pass' : 'miss',
    },
    {
      measure: '  ratio with a plain context each call',
      value: plainRatio.toFixed(2),
      target: `>= ${TARGET_PLAIN_RATIO.toFixed(1)}`,
      status: plainRatio >= TARGET_PLAIN_RATIO ? 'pass' : 'miss',
    },
  ];
  if (webR.length === 2) {
    rows.push({
      measure: '  web build (what a page downloads, opt-level "z"): prepared / plain',
      value: `${(webR[0].ops / ajvR.ops).toFixed(2)} / ${(webR[1].ops / ajvR.ops).toFixed(2)} x ajv`,
      target: '',
      status: 'info',
    });
  }
  for (const p of partR.filter((c) => c.short)) {
    rows.push({ measure: `  alternative: ${p.short}`, value: `${(p.ops / ajvR.ops).toFixed(2)} x ajv`, target: '', status: 'info' });
  }

  const md = [];
  md.push(
    `One operation = validate + build: \`${one.label === 'checkForkRequest' ? 'checkForkRequest(request, ctx)' : 'validateFork(request, ctx)` + `buildForkRequest(request, ctx)'}\` on a PostgreSQL`,
    'point-in-time fork with a full context (14 backups, PITR window, 15 plans, 28 taken names, 2 integrations,',
    'tags) — `benches/lib/fixtures.mjs`. The baseline does the same work the way a JS console does it today:',
    "ajv compiled against Aiven's published pg `user_config` schema (`service_types.yml`, snake_case meta keys",
    'converted, unknown keys refused) plus hand-written checks (name pattern, taken names, type, time parse and',
    'PITR window, plan and node count, backup exists) and hand-assembled payload (`benches/lib/console-baseline.mjs`);',
    'its "build" re-validates (`checkForkRequest` answers the report and the call from one run of the rules; the',
    'two-call form, which validates twice like the baseline, is measured below). The headline row passes',
    '`ctx = prepareForkContext(context)`, made once',
    '(the recommended usage for repeated validation, as the baseline compiles its schema once); the plain-context',
    'row passes the context object to every call (read again each time). Same process, interleaved rounds',
    `(${ROUNDS} x ${ROUND_MS} ms each after a warm-up), median ops/s. "aiven-fork" rows load the package's Node entry`,
    '(the Node build, built for speed: `opt-level = 3`); the "web build" rows run `aiven-fork/web` (built for size,',
    '`opt-level = "z"`: what a page downloads) in the same race.',
    '',
    `Both sides build the same ServiceCreate call: ${same ? 'yes (byte-identical JSON)' : 'no — see the log of the run'}.`,
    '',
    '| candidate | ops/s | per op | vs ajv baseline |',
    '|---|---|---|---|',
  );
  for (const c of [...main, ...partR]) md.push(`| ${c.name} | ${fmt(c.ops)} | ${us(c.ops)} | ${(c.ops / ajvR.ops).toFixed(2)} |`);
  if (inWasm.length) {
    md.push('', 'Inside wasm, no boundary crossing (bench-only loops in `benches/json-entry`):', '', '| step | per op |', '|---|---|');
    for (const w of inWasm) md.push(`| ${w.name} | ${w.usPerOp.toFixed(1)} µs |`);
  } else {
    md.push('', '(The bench-only boundary prototype `benches/json-entry` was not built; run `bash benches/json-entry/build.sh`.)');
  }
  prepared?.free();
  return { name: 'throughput', title: 'Throughput (validate + build vs the ajv console baseline)', rows, details: md.join('\n'), data: { main, partR, inWasm } };
}
