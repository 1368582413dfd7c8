// Size of each package target: the .wasm and the JS glue, raw and gzip (level 9).
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { TARGETS as SIZE_TARGETS, gz, measureTarget } from '../scripts/pkg-size.mjs';

const TARGETS = ['web', 'bundler', 'node'];
const KB = 1024;
const kb = (n) => `${(n / KB).toFixed(1)} KiB`;
const status = (ok) => (ok ? 'pass' : 'miss');

export { measureTarget };

/** Which crate a (demangled) function name belongs to. */
function owner(name) {
  // v0 mangling puts a hash after crate names (`core[c5930c85a12de822]::`).
  const n = name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/^_?<?/, '').replace(/^(core::ptr::drop_in_place<|&|\*const |\*mut )+/, '');
  const m = /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(n);
  const cast = /^[a-z0-9]+ as ([A-Za-z_][A-Za-z0-9_]*)::([a-z_]+)/.exec(n);
  if (cast) return `${cast[1]}::${cast[2]} (impls for primitives)`;
  if (/ (externref|multivalue) shim$/.test(n) || / externref shim/.test(n)) return 'wasm_bindgen (export shims)';
  if (m) {
    if (m[1] === 'aiven_fork') return `aiven_fork::${/^aiven_fork::([a-z_]+(?:::[a-z_]+)?)/.exec(n)?.[1] ?? '?'}`;
    if (m[1] === 'core') return `core::${/^core::([a-z_]+)/.exec(n)?.[1] ?? '?'}`;
    return m[1];
  }
  if (/^(__wbg|__wbindgen|wasm_bindgen)/.test(n)) return 'wasm_bindgen (glue)';
  if (/^(memcpy|memset|memmove|memcmp|__rust|__rdl|dlmalloc|__multi3|__ashl|__lshr|__udiv|__divti|__umodti)/.test(n)) return 'std/alloc runtime';
  return `other (${n.slice(0, 24)})`;
}

/** Bytes per crate in the named build (benches/size-breakdown.sh), or null. */
export function breakdown(root) {
  const wasm = path.join(root, 'target', 'bench-size', 'named.wasm');
  if (!existsSync(wasm)) return null;
  let dump;
  try {
    dump = execFileSync('wasm-objdump', ['-x', wasm], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return null;
  }
  const byCrate = new Map();
  let code = 0;
  let data = 0;
  let section = '';
  for (const line of dump.split('\n')) {
    const sec = /^(\w+)\[\d+\]:/.exec(line);
    if (sec) section = sec[1];
    const f = /^ - func\[\d+\] size=(\d+) <(.*)>$/.exec(line);
    if (section === 'Code' && f) {
      const size = Number(f[1]);
      code += size;
      const who = owner(f[2]);
      byCrate.set(who, (byCrate.get(who) ?? 0) + size);
    }
    const d = /^ - segment\[\d+\] (?:<[^>]*> )?memory=\d+ size=(\d+)/.exec(line);
    if (section === 'Data' && d) data += Number(d[1]);
  }
  const total = readFileSync(wasm).length;
  return { total, code, data, rows: [...byCrate.entries()].sort((a, b) => b[1] - a[1]) };
}

export async function run({ root, log }) {
  const rows = [];
  const table = ['| target | .wasm raw | .wasm gzip | JS glue raw | JS glue gzip | total gzip | files |', '|---|---|---|---|---|---|---|'];
  let webTotal = null;
  for (const t of TARGETS) {
    const dir = path.join(root, 'pkg', t);
    if (!existsSync(dir)) {
      log(`pkg/${t}: missing (run scripts/build-pkg.sh)`);
      table.push(`| ${t} | missing | | | | | |`);
      continue;
    }
    const { wasm, glue } = measureTarget(dir);
    const total = wasm.gzip + glue.gzip;
    if (t === 'web') webTotal = total;
    log(`pkg/${t}: wasm ${wasm.raw} B (${wasm.gzip} B gz), glue ${glue.raw} B (${glue.gzip} B gz) [${glue.files.join(', ')}]`);
    table.push(
      `| ${t} | ${kb(wasm.raw)} | ${kb(wasm.gzip)} | ${kb(glue.raw)} | ${kb(glue.gzip)} | ${kb(total)} | ${[...wasm.files, ...glue.files].join(', ')} |`,
    );
    rows.push({
      measure:
        t === 'web'
          ? 'size: full package (aiven-fork/web, with ForkClient), .wasm + glue gzip -9'
          : `size ${t}: .wasm + glue gzip -9`,
      value: `${kb(total)} (${total} B)`,
      target: t === 'web' ? `<= ${kb(SIZE_TARGETS.web)}` : '',
      status: t === 'web' ? status(total <= SIZE_TARGETS.web) : 'info',
    });
  }
  // The rules-only entry (`aiven-fork/rules/web`, no ForkClient): same target.
  const rulesDir = path.join(root, 'pkg', 'rules', 'web');
  let rulesTotal = null;
  if (existsSync(rulesDir)) {
    const { wasm, glue } = measureTarget(rulesDir);
    rulesTotal = wasm.gzip + glue.gzip;
    log(`pkg/rules/web: wasm ${wasm.raw} B (${wasm.gzip} B gz), glue ${glue.raw} B (${glue.gzip} B gz) [${glue.files.join(', ')}]`);
    table.push(
      `| rules/web (no ForkClient) | ${kb(wasm.raw)} | ${kb(wasm.gzip)} | ${kb(glue.raw)} | ${kb(glue.gzip)} | ${kb(rulesTotal)} | ${[...wasm.files, ...glue.files].join(', ')} |`,
    );
    rows.push({
      measure: 'size: rules-only (aiven-fork/rules/web), .wasm + glue gzip -9',
      value: `${kb(rulesTotal)} (${rulesTotal} B)`,
      target: `<= ${kb(SIZE_TARGETS.rules)}`,
      status: status(rulesTotal <= SIZE_TARGETS.rules),
    });
  } else {
    log('pkg/rules/web: missing (run scripts/build-pkg.sh)');
    table.push('| rules/web | missing | | | | | |');
  }
  // The widget (`aiven-fork/widget`): hand-written modules shipped as written, loaded on top
  // of the web target.
  const widgetDir = path.join(root, 'pkg', 'widget');
  if (existsSync(widgetDir)) {
    const { glue } = measureTarget(widgetDir);
    const whole = gz(Buffer.concat(glue.files.map((f) => readFileSync(path.join(widgetDir, f)))));
    log(`pkg/widget: ${glue.files.length} modules, ${glue.raw} B raw, ${glue.gzip} B gzip per file, ${whole} B gzip as one file`);
    table.push(`| widget (aiven-fork/widget, JS only) | | | ${kb(glue.raw)} | ${kb(glue.gzip)} | | ${glue.files.length} modules, ${kb(whole)} gzip as one file |`);
    rows.push({
      measure: 'size widget: its own JS (on top of pkg/web), gzip per file',
      value: `${kb(glue.gzip)} (${glue.gzip} B; raw ${glue.raw} B)`,
      target: '',
      status: 'info',
    });
  }
  const details = [
    'Every `.wasm` and JS file of each generated target (`pkg/web`, `pkg/bundler`, `pkg/node`, and the rules-only',
    '`pkg/rules/web` behind `aiven-fork/rules/web`), gzip level 9 per file',
    `(as a server compresses them one by one); 1 KiB = 1024 bytes. Targets: \`aiven-fork/web\` ≤ ${kb(SIZE_TARGETS.web)}, \`aiven-fork/rules/web\` ≤ ${kb(SIZE_TARGETS.rules)}.`,
    '',
    ...table,
    '',
    webTotal === null ? 'The web target was not built.' : `Web target total: ${webTotal} bytes gzip.`,
    rulesTotal === null ? 'The rules-only web target was not built.' : `Rules-only web target total: ${rulesTotal} bytes gzip.`,
  ];
  const b = breakdown(root);
  if (b) {
    const top = b.rows.slice(0, 14);
    details.push(
      '',
      `Where the bytes are (the same build with its name section, \`benches/size-breakdown.sh\`; ${b.total} bytes): code ${b.code} B, data ${b.data} B.`,
      '',
      '| crate / module | code bytes | share of code |',
      '|---|---|---|',
      ...top.map(([k, v]) => `| ${k} | ${v} | ${((100 * v) / b.code).toFixed(1)}% |`),
    );
    log(`breakdown: ${top.slice(0, 8).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  return { name: 'size', title: 'Size', rows, details: details.join('\n') };
}
