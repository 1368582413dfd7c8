// Optimisation levels side by side: size (gzip -9) of both modules and the speed of
// the rules (validate + build, prepared and plain context, vs the ajv baseline in the
// same race) and compile time, for every rustc opt-level x wasm-opt pass built by
// benches/opt-levels.sh. The package uses the choice recorded in scripts/build-pkg.sh.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { makeConsoleBaseline } from './lib/console-baseline.mjs';
import { pgForkFixture } from './lib/fixtures.mjs';

const ROUND_MS = Number(process.env.BENCH_OPT_ROUND_MS ?? 200);
const ROUNDS = Number(process.env.BENCH_OPT_ROUNDS ?? 7);
const LEVELS = ['z', 's', '2', '3'];
const PASSES = ['Oz', 'Os', 'O3'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

function round(fn) {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ROUND_MS) {
    for (let i = 0; i < 16; i++) fn();
    n += 16;
    t = performance.now();
  }
  return (n * 1000) / (t - t0);
}

async function load(dir, tag) {
  const bytes = readFileSync(path.join(dir, 'aiven_fork_bg.wasm'));
  const t0 = performance.now();
  const compiled = new WebAssembly.Module(bytes);
  const compileMs = performance.now() - t0;
  const mod = await import(`${pathToFileURL(path.join(dir, 'aiven_fork.js')).href}?${tag}`);
  mod.initSync({ module: compiled });
  return { mod, bytes, compileMs };
}

export async function run({ root, log }) {
  const base = path.join(root, 'target', 'bench-opt');
  const have = existsSync(base) ? new Set(readdirSync(base)) : new Set();
  const variants = [];
  for (const level of LEVELS) {
    for (const pass of PASSES) {
      if (have.has(`rules-${level}-${pass}`)) variants.push({ level, pass });
    }
  }
  if (!variants.length) {
    return {
      name: 'optlevels',
      title: 'Optimisation levels',
      rows: [],
      details: 'Not built: run `bash benches/opt-levels.sh` (bench-only builds under target/bench-opt).',
    };
  }
  const { request, context } = pgForkFixture();
  const baseline = makeConsoleBaseline({ allErrors: true });
  const candidates = [
    {
      name: 'ajv',
      fn: () => {
        baseline.validate(request, context);
        baseline.build(request, context);
      },
    },
  ];
  let opLabel = 'validateFork + buildForkRequest';
  for (const v of variants) {
    const rules = await load(path.join(base, `rules-${v.level}-${v.pass}`), `rules-${v.level}-${v.pass}`);
    const fullDir = path.join(base, `full-${v.level}-${v.pass}`);
    v.rulesGzip = gz(rules.bytes);
    v.rulesRaw = rules.bytes.length;
    v.fullGzip = existsSync(fullDir) ? gz(readFileSync(path.join(fullDir, 'aiven_fork_bg.wasm'))) : null;
    v.compileMs = [];
    for (let i = 0; i < 9; i++) v.compileMs.push((await load(path.join(base, `rules-${v.level}-${v.pass}`), `c${i}-${v.level}-${v.pass}`)).compileMs);
    const lib = rules.mod;
    const prepared = lib.prepareForkContext(context);
    if (lib.checkForkRequest) opLabel = 'checkForkRequest';
    const one = lib.checkForkRequest
      ? (ctx) => lib.checkForkRequest(request, ctx)
      : (ctx) => {
          lib.validateFork(request, ctx);
          lib.buildForkRequest(request, ctx);
        };
    candidates.push({ name: `${v.level}/${v.pass} prepared`, v, key: 'prepared', fn: () => one(prepared) });
    candidates.push({ name: `${v.level}/${v.pass} plain`, v, key: 'plain', fn: () => one(context) });
  }
  for (const c of candidates) round(c.fn);
  const samples = candidates.map(() => []);
  for (let r = 0; r < ROUNDS; r++) candidates.forEach((c, i) => samples[i].push(round(c.fn)));
  const ajv = median(samples[0]);
  candidates.forEach((c, i) => {
    if (c.v) c.v[c.key] = median(samples[i]);
  });
  let commit = 'unknown';
  try {
    commit = readFileSync(path.join(base, 'commit'), 'utf8').trim();
  } catch {
    /* built before the stamp existed */
  }
  const md = [
    `Built from \`${commit}\`. Every rustc \`opt-level\` x \`wasm-opt\` pass (\`benches/opt-levels.sh\`: the same code, only these`,
    'settings differ). Size: the `.wasm` alone, gzip -9 (the JS glue is the same for every row). Speed: one',
    `operation of the rules module (\`${opLabel}\`) with a prepared and with a plain context, as a ratio to the ajv`,
    `baseline in the same interleaved race (${ROUNDS} x ${ROUND_MS} ms, median); compile: \`new WebAssembly.Module\``,
    'of the rules module, median of 9 (V8 compiles functions lazily, so this is mostly validation).',
    '',
    '| opt-level | wasm-opt | full .wasm gzip | rules .wasm gzip | rules .wasm raw | prepared (x ajv) | plain (x ajv) | compile |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const v of variants) {
    md.push(
      `| ${v.level} | -${v.pass} | ${v.fullGzip === null ? '' : kib(v.fullGzip)} | ${kib(v.rulesGzip)} | ${kib(v.rulesRaw)} | ${(v.prepared / ajv).toFixed(2)} | ${(v.plain / ajv).toFixed(2)} | ${median(v.compileMs).toFixed(2)} ms |`,
    );
    log(`opt-level ${v.level} wasm-opt -${v.pass}: full ${v.fullGzip} B, rules ${v.rulesGzip} B gz; prepared ${(v.prepared / ajv).toFixed(2)}x, plain ${(v.plain / ajv).toFixed(2)}x ajv`);
  }
  return { name: 'optlevels', title: 'Optimisation levels (size and speed)', rows: [], details: md.join('\n') };
}
