// Start-up: import + instantiate the module in fresh Node processes (median of many),
// and fresh module instances inside one process (web target, initSync).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeEntry, webFiles } from './lib/pkg.mjs';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 50);
// Node entry in a fresh process; a fresh module instance in a warm process.
const TARGET_NODE_MS = 12;
const TARGET_INSTANCE_MS = 5;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x) => `${x.toFixed(2)} ms`;

function freshProcesses(args) {
  const child = path.join(path.dirname(new URL(import.meta.url).pathname), 'startup-child.mjs');
  const imports = [];
  const firsts = [];
  for (let i = 0; i < RUNS; i++) {
    const out = JSON.parse(execFileSync(process.execPath, [child, ...args], { encoding: 'utf8' }));
    imports.push(out.importMs);
    firsts.push(out.firstCallMs);
  }
  return { imports, firsts };
}

export async function run({ root, log }) {
  const entry = nodeEntry(root);
  const web = webFiles(root);
  log(`node entry: ${path.relative(root, entry)}; web: ${path.relative(root, web.glue)} + ${path.relative(root, web.wasm)}`);

  const nodeRuns = freshProcesses(['node', entry]);
  // Control: the same first import() of a tiny CommonJS file (Node's loader alone).
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(path.join(tmpdir(), 'aiven-fork-startup-'));
  const empty = path.join(dir, 'empty.cjs');
  writeFileSync(empty, 'exports.x = 1;\n');
  const controlRuns = freshProcesses(['control', empty]);
  const webRuns = freshProcesses(['web', web.glue, web.wasm]);

  // Fresh instances in one warm process: a new copy of the web glue module each time
  // (query string), compiled and instantiated from the bytes.
  const bytes = readFileSync(web.wasm);
  const inProc = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const mod = await import(`${pathToFileURL(web.glue).href}?instance=${i}`);
    mod.initSync({ module: bytes });
    inProc.push(performance.now() - t0);
  }
  // Compile once, instantiate many (what a page does with a cached module).
  const compiled = new WebAssembly.Module(bytes);
  const instOnly = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const mod = await import(`${pathToFileURL(web.glue).href}?inst=${i}`);
    mod.initSync({ module: compiled });
    instOnly.push(performance.now() - t0);
  }

  const nodeMedian = median(nodeRuns.imports);
  const instMedian = median(inProc);
  const rows = [
    {
      measure: 'start-up: fresh module instance, compile + instantiate (median)',
      value: ms(instMedian),
      target: `<= ${TARGET_INSTANCE_MS} ms`,
      status: instMedian <= TARGET_INSTANCE_MS ? 'pass' : 'miss',
    },
    {
      measure: 'start-up: Node entry in a fresh process, median',
      value: ms(nodeMedian),
      target: `<= ${TARGET_NODE_MS} ms`,
      status: nodeMedian <= TARGET_NODE_MS ? 'pass' : 'miss',
    },
    {
      measure: '  of which Node loading any CJS file (control)',
      value: ms(median(controlRuns.imports)),
      target: '',
      status: 'info',
    },
    { measure: 'start-up: web target import + initSync, fresh process', value: ms(median(webRuns.imports)), target: '', status: 'info' },
  ];
  const line = (name, xs) => `| ${name} | ${ms(median(xs))} | ${ms(pct(xs, 90))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} |`;
  const details = [
    `${RUNS} runs each. "Fresh process": a new \`node\` per run, timed inside it from just before \`import()\``,
    'to the module being ready (Node entry: import instantiates; web target: import + `initSync` with the file bytes).',
    '"In-process": a fresh copy of the web glue module per run in one warm process.',
    '',
    '| what | median | p90 | min | max |',
    '|---|---|---|---|---|',
    line(`Node entry \`${path.relative(root, entry)}\`, fresh process`, nodeRuns.imports),
    line('control: first import() of an empty CommonJS file, fresh process', controlRuns.imports),
    line('first call `serviceTypes()` after that', nodeRuns.firsts),
    line('web target import + initSync(bytes), fresh process', webRuns.imports),
    line('web target, in-process, compile + instantiate', inProc),
    line('web target, in-process, instantiate a compiled module', instOnly),
  ].join('\n');
  return { name: 'startup', title: 'Start-up', rows, details };
}
