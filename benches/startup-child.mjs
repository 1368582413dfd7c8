// One fresh Node process: time to import and instantiate the package, printed as JSON.
// node benches/startup-child.mjs node <entry>       (the package's Node entry)
// node benches/startup-child.mjs web <glue> <wasm>  (the web target, initSync with the bytes)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [mode, file, wasmFile] = process.argv.slice(2);
const t0 = performance.now();
if (mode === 'control') {
  // Node's own cost of a first import() of a CommonJS file, with no wasm at all.
  await import(pathToFileURL(file).href);
  process.stdout.write(JSON.stringify({ importMs: performance.now() - t0, firstCallMs: 0 }));
  process.exit(0);
}
let mod = await import(pathToFileURL(file).href);
if (mode === 'web') {
  mod.initSync({ module: readFileSync(wasmFile) });
} else if (mod.default && !mod.validateFork) {
  mod = mod.default;
}
const t1 = performance.now();
mod.serviceTypes();
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstCallMs: t2 - t1 }));
