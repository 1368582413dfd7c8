// Size of the built web entries, measured one way everywhere (the build's report, the
// README's size table and benches/size.mjs): every `.wasm` and JS file of a target
// folder, raw and gzip level 9 per file (a server compresses them one by one).
//
//   node scripts/pkg-size.mjs            # print the two web entries
//   node scripts/pkg-size.mjs --readme   # also rewrite README.md's size table
//
// The README table sits between the markers `<!-- size-table:begin -->` and
// `<!-- size-table:end -->`; scripts/build-pkg.sh runs this with --readme after every
// optimised build, so the table always shows the tree that was last built.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The size targets of the two web entries (bytes, gzip level 9). */
export const TARGETS = { web: 72 * 1024, rules: 45 * 1024 };

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

/** Bytes of `buf` compressed with gzip level 9. */
export const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/** `{wasm: {raw, gzip, files}, glue: {raw, gzip, files}}` of one target folder. */
export function measureTarget(dir) {
  const all = files(dir);
  const pick = (pred) => {
    const list = all.filter(pred);
    const bufs = list.map((f) => readFileSync(f));
    return {
      files: list.map((f) => path.relative(dir, f)),
      raw: bufs.reduce((a, b) => a + b.length, 0),
      gzip: bufs.reduce((a, b) => a + gz(b), 0),
    };
  };
  return {
    wasm: pick((f) => f.endsWith('.wasm')),
    glue: pick((f) => /\.(m?js|cjs)$/.test(f)),
  };
}

/** "98 023" */
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
/** "95.7 KiB" */
export const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

/** The two web entries as measured now; `null` for one that is not built. */
export function measureWebEntries(base = root) {
  const entry = (dir) => (existsSync(path.join(base, dir)) ? measureTarget(path.join(base, dir)) : null);
  return { web: entry('pkg/web'), rules: entry('pkg/rules/web') };
}

function tableLines(m) {
  const lines = ['| web entry | file(s) | raw | gzip -9 | target |', '|---|---|---|---|---|'];
  const rows = [
    ['web', '`aiven-fork/web` (rules + ForkClient)', TARGETS.web],
    ['rules', '`aiven-fork/rules/web` (rules only)', TARGETS.rules],
  ];
  for (const [key, label, target] of rows) {
    const t = m[key];
    if (!t) {
      lines.push(`| ${label} | not built | | | |`);
      continue;
    }
    const total = t.wasm.gzip + t.glue.gzip;
    lines.push(`| ${label} | ${t.wasm.files.join(', ')} | ${grouped(t.wasm.raw)} B | ${grouped(t.wasm.gzip)} B | |`);
    lines.push(`| | ${t.glue.files.join(', ')} (JS) | ${grouped(t.glue.raw)} B | ${grouped(t.glue.gzip)} B | |`);
    lines.push(
      `| **total** | | ${grouped(t.wasm.raw + t.glue.raw)} B | **${grouped(total)} B (${kib(total)})** | ≤ ${kib(target)}: ${total <= target ? 'PASS' : 'MISS'} |`,
    );
  }
  return lines;
}

const BEGIN = '<!-- size-table:begin -->';
const END = '<!-- size-table:end -->';

/** Rewrite README.md's size table from `m`; returns whether the file changed. */
export function writeReadmeTable(m, settings) {
  const readme = path.join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${BEGIN} ... ${END} markers`);
  const block = [
    BEGIN,
    '<!-- written by scripts/pkg-size.mjs from the last optimised build; do not edit by hand -->',
    '',
    `Build settings: ${settings}. Gzip level 9 per file, KiB = 1024 bytes.`,
    '',
    ...tableLines(m),
    '',
  ].join('\n');
  const next = text.slice(0, a) + block + text.slice(b);
  if (next === text) return false;
  writeFileSync(readme, next);
  return true;
}

function print(m) {
  for (const [key, label] of [
    ['web', 'aiven-fork/web (everything)'],
    ['rules', 'aiven-fork/rules/web (rules only)'],
  ]) {
    const t = m[key];
    if (!t) {
      console.log(`== ${label}: not built`);
      continue;
    }
    const total = t.wasm.gzip + t.glue.gzip;
    console.log(`== ${label}`);
    console.log(`  ${'wasm'.padEnd(10)} ${String(t.wasm.raw).padStart(8)} bytes raw ${String(t.wasm.gzip).padStart(8)} bytes gzip -9`);
    console.log(`  ${'JS glue'.padEnd(10)} ${String(t.glue.raw).padStart(8)} bytes raw ${String(t.glue.gzip).padStart(8)} bytes gzip -9`);
    console.log(
      `  ${'total'.padEnd(10)} ${String(t.wasm.raw + t.glue.raw).padStart(8)} bytes raw ${String(total).padStart(8)} bytes gzip -9 (${kib(total)}; target ${kib(TARGETS[key])}: ${total <= TARGETS[key] ? 'PASS' : 'MISS'})`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const m = measureWebEntries();
  print(m);
  if (process.argv.includes('--readme')) {
    const settings = process.env.AIVEN_FORK_BUILD_SETTINGS ?? 'see scripts/build-pkg.sh';
    console.log(writeReadmeTable(m, settings) ? 'README.md: size table updated' : 'README.md: size table unchanged');
  }
}
