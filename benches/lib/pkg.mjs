// Finds the built package's entry files (pkg/package.json exports map), so the
// benchmarks load exactly what a user of the package loads.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function pickExport(entry, conditions) {
  if (typeof entry === 'string') return entry;
  if (!entry || typeof entry !== 'object') return null;
  for (const [cond, sub] of Object.entries(entry)) {
    if (cond === 'types') continue;
    if (conditions.includes(cond) || cond === 'default') {
      const hit = pickExport(sub, conditions);
      if (hit) return hit;
    }
  }
  return null;
}

/** Absolute path of the file Node's `import 'aiven-fork'` would load. */
export function nodeEntry(root) {
  const pkgDir = path.join(root, 'pkg');
  const manifest = path.join(pkgDir, 'package.json');
  if (existsSync(manifest)) {
    const pj = JSON.parse(readFileSync(manifest, 'utf8'));
    const exp = pj.exports?.['.'] ?? pj.exports;
    const rel = pickExport(exp, ['node', 'import']) ?? pj.module ?? pj.main;
    if (rel) return path.join(pkgDir, rel);
  }
  const dir = path.join(pkgDir, 'node');
  const js = readdirSync(dir).find((f) => /\.(m?js|cjs)$/.test(f) && !f.includes('_bg'));
  return path.join(dir, js);
}

/** `{glue, wasm}` of the web target (the one the browser and the widget load). */
export function webFiles(root) {
  const dir = path.join(root, 'pkg', 'web');
  const names = readdirSync(dir);
  const wasm = names.find((f) => f.endsWith('.wasm'));
  const glue = names.find((f) => f.endsWith('.js') && wasm && f === wasm.replace(/_bg\.wasm$/, '.js'));
  return { glue: path.join(dir, glue ?? names.find((f) => f.endsWith('.js'))), wasm: path.join(dir, wasm) };
}

/** Load the Node entry of the package (ESM or CJS). */
export async function loadPackage(root) {
  const mod = await import(pathToFileURL(nodeEntry(root)).href);
  return mod.default && !mod.validateFork ? mod.default : mod;
}
