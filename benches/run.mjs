// Runs the benchmarks, prints a table and writes BENCHMARKS.md.
// Usage: node benches/run.mjs [size] [startup] [throughput] [roundtrips] [load] [optlevels]
import { writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALL = ['size', 'startup', 'throughput', 'roundtrips', 'load', 'optlevels'];
const wanted = process.argv.slice(2).filter((a) => ALL.includes(a));
const measures = wanted.length ? wanted : ALL;

function machine() {
  let cpu = 'unknown';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    cpu = /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? cpu;
  } catch {
    cpu = os.cpus()[0]?.model ?? cpu;
  }
  const version = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return 'unavailable';
    }
  };
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu,
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    rustc: version('rustc', ['--version']),
    commit: version('git', ['-C', root, 'rev-parse', '--short', 'HEAD']),
  };
}

const m = machine();
console.log(`machine: ${m.nproc} cores, ${m.cpu}, node ${m.node}, ${m.rustc}, ${m.date}`);

const sections = [];
for (const name of measures) {
  console.log(`\n== ${name} ==`);
  const mod = await import(`./${name}.mjs`);
  try {
    sections.push(await mod.run({ root, log: (...a) => console.log(...a) }));
  } catch (e) {
    console.log(`${name} failed: ${e?.stack ?? e}`);
    sections.push({
      name,
      title: name,
      rows: [{ measure: name, value: 'not measured', target: '', status: 'error' }],
      details: `The ${name} benchmark could not run: \`${String(e?.message ?? e).split('\n')[0]}\``,
    });
  }
}

// ---- the table ----
const rows = sections.flatMap((s) => s.rows);
const mark = (s) => ({ pass: 'PASS', miss: 'MISS', info: '', error: 'ERROR' })[s] ?? s;
const cols = [
  ['measure', (r) => r.measure],
  ['value', (r) => r.value],
  ['target', (r) => r.target ?? ''],
  ['', (r) => mark(r.status)],
];
const widths = cols.map(([h, f]) => Math.max(h.length, ...rows.map((r) => String(f(r)).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log('\n' + line(cols.map(([h]) => h)));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(cols.map(([, f]) => f(r))));

if (wanted.length && wanted.length < ALL.length) {
  console.log('\n(partial run: BENCHMARKS.md not rewritten)');
} else {
  const md = [];
  md.push('# Benchmarks', '');
  md.push('Written by `bash benches/run.sh` (not part of the test command; targets are reported, never failed).', '');
  md.push('## Machine', '');
  md.push('| | |', '|---|---|');
  md.push(`| date | ${m.date} |`);
  md.push(`| commit | ${m.commit} |`);
  md.push(`| cores (nproc) | ${m.nproc} |`);
  md.push(`| CPU | ${m.cpu} |`);
  md.push(`| memory | ${m.memGiB} GiB |`);
  md.push(`| OS | ${m.os} |`);
  md.push(`| node | ${m.node} |`);
  md.push(`| rustc | ${m.rustc} |`);
  md.push('');
  md.push('## Summary', '');
  md.push('| measure | value | target | |', '|---|---|---|---|');
  for (const r of rows) md.push(`| ${r.measure} | ${r.value} | ${r.target ?? ''} | ${mark(r.status)} |`);
  md.push('');
  for (const s of sections) {
    md.push(`## ${s.title}`, '');
    if (s.details) md.push(s.details.trim(), '');
  }
  // Hand-written analysis (why a target is missed, what would fix it): benches/NOTES.md.
  try {
    md.push(readFileSync(path.join(root, 'benches', 'NOTES.md'), 'utf8').trim(), '');
  } catch {
    /* no notes */
  }
  writeFileSync(path.join(root, 'BENCHMARKS.md'), md.join('\n'));
  console.log('\nwrote BENCHMARKS.md');
}
