// Size of each package target: the .wasm and the JS glue, raw and gzip (level 9).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const TARGETS = ['web', 'bundler', 'node'];
const KB = 1024;
const TARGET_GZIP = 60 * KB;

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / KB).toFixed(1)} KB`;

/** `{wasm: {raw, gzip, files}, glue: {raw, gzip, files}}` of one target folder. */
export function measureTarget(dir) {
  const all = files(dir);
  const pick = (pred) => {
    const list = all.filter(pred);
    const bufs = list.map((f) => readFileSync(f));
    return {
      files: list.map((f) => path.relative(dir, f)),
      raw: bufs.reduce((a, b) => a + b.length, 0),
      // Served files are compressed one by one: sum of per-file gzip sizes.
      gzip: bufs.reduce((a, b) => a + gz(b), 0),
    };
  };
  return {
    wasm: pick((f) => f.endsWith('.wasm')),
    glue: pick((f) => /\.(m?js|cjs)$/.test(f) && !f.endsWith('.d.ts')),
  };
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
      measure: `size ${t}: .wasm + glue gzip`,
      value: `${kb(total)} (${total} B)`,
      target: t === 'web' ? `<= ${kb(TARGET_GZIP)}` : '',
      status: t === 'web' ? (total <= TARGET_GZIP ? 'pass' : 'miss') : 'info',
    });
  }
  const details = [
    'Every `.wasm` and JS file of each generated target (`pkg/web`, `pkg/bundler`, `pkg/node`), gzip level 9 per file',
    `(as a server compresses them one by one); 1 KB = 1024 bytes. Target: web \`.wasm\` + glue ≤ ${kb(TARGET_GZIP)} gzip.`,
    '',
    ...table,
    '',
    webTotal === null ? 'The web target was not built.' : `Web target total: ${webTotal} bytes gzip.`,
  ].join('\n');
  return { name: 'size', title: 'Size', rows, details };
}
