// Shorten the names of the module's imports from its JS glue, in the .wasm and in the glue
// files that define them, consistently: wasm-bindgen names each one `__wbg_<name>_<hash>`
// (84 in the full module, 16 random hex digits each, in the .wasm and twice in the minified
// glue), which gzip cannot compress. They are private to the package: only the glue
// defines them and only the .wasm imports them, so `__w0`, `__w1`, ... link the same way.
// The module's exports (what `init()` resolves with) keep their names.
//
//   node scripts/short-imports.mjs <module.wasm> <glue.js>...
//
// Rewrites the files in place. Fails, writing nothing, when a glue file does not define
// every import, already uses a new name, or would still hold an old one.
import { readFileSync, writeFileSync } from 'node:fs';

const GLUE_MODULE = './aiven_fork_bg.js';
const PREFIX = '__wbg_';

/** Unsigned LEB128 at `pos`: `[value, next pos]`. */
function leb(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    if (b === undefined) throw new Error('short-imports: truncated LEB128');
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value, pos];
  }
}

/** Unsigned LEB128 bytes of `value`. */
function toLeb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return Buffer.from(out);
}

function name(buf, pos) {
  const [len, at] = leb(buf, pos);
  return [buf.subarray(at, at + len).toString('utf8'), at + len];
}

const nameBytes = (text) => {
  const b = Buffer.from(text, 'utf8');
  return Buffer.concat([toLeb(b.length), b]);
};

/** Skip an import's description at `pos` (after its kind byte `kind`). */
function skipDesc(buf, kind, pos) {
  const limits = (p) => {
    const flags = buf[p];
    if (flags > 1) throw new Error(`short-imports: limits flag ${flags} not handled`);
    let [, q] = leb(buf, p + 1);
    if (flags & 1) [, q] = leb(buf, q);
    return q;
  };
  switch (kind) {
    case 0: // function: type index
      return leb(buf, pos)[1];
    case 1: // table: reference type, limits
      return limits(pos + 1);
    case 2: // memory: limits
      return limits(pos);
    case 3: // global: value type, mutability
      return pos + 2;
    default:
      throw new Error(`short-imports: import kind ${kind} not handled`);
  }
}

/**
 * The .wasm with its glue function imports renamed, and the renaming (old -> new).
 * Every other byte is kept.
 */
export function renameImports(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100 || wasm.readUInt32LE(4) !== 1) {
    throw new Error('short-imports: not a WebAssembly module (version 1)');
  }
  const parts = [wasm.subarray(0, 8)];
  const renames = new Map();
  let pos = 8;
  let seen = false;
  while (pos < wasm.length) {
    const id = wasm[pos];
    const [size, start] = leb(wasm, pos + 1);
    const end = start + size;
    if (id !== 2) {
      parts.push(wasm.subarray(pos, end));
      pos = end;
      continue;
    }
    if (seen) throw new Error('short-imports: two import sections');
    seen = true;
    let [count, p] = leb(wasm, start);
    const body = [toLeb(count)];
    for (let i = 0; i < count; i++) {
      const [module, afterModule] = name(wasm, p);
      const [field, afterField] = name(wasm, afterModule);
      const kind = wasm[afterField];
      const descEnd = skipDesc(wasm, kind, afterField + 1);
      let newField = field;
      if (kind === 0 && module === GLUE_MODULE && field.startsWith(PREFIX)) {
        if (renames.has(field)) throw new Error(`short-imports: ${field} imported twice`);
        newField = `__w${renames.size.toString(36)}`;
        renames.set(field, newField);
      }
      body.push(nameBytes(module), nameBytes(newField), wasm.subarray(afterField, descEnd));
      p = descEnd;
    }
    if (p !== end) throw new Error('short-imports: import section length mismatch');
    const payload = Buffer.concat(body);
    parts.push(Buffer.from([2]), toLeb(payload.length), payload);
    pos = end;
  }
  if (!seen) throw new Error('short-imports: no import section');
  return { wasm: Buffer.concat(parts), renames };
}

/**
 * `text` with every whole-identifier occurrence of an old name replaced. In the web
 * glue the imports are function-valued properties of one object (`name: function(a) {`);
 * written as methods (`name(a) {`, called the same way: never with `new`), esbuild's
 * --keep-names does not wrap each one in a call that repeats its name.
 */
export function renameInGlue(text, renames) {
  const shorts = new Set(renames.values());
  return text
    .replace(/[A-Za-z0-9_$]+/g, (token) => renames.get(token) ?? token)
    .replace(/^(\s+)([A-Za-z0-9_$]+): function\(/gm, (line, indent, key) =>
      shorts.has(key) ? `${indent}${key}(` : line,
    );
}

function main(argv) {
  const [wasmPath, ...gluePaths] = argv;
  if (!wasmPath || gluePaths.length === 0) {
    console.error('usage: node scripts/short-imports.mjs <module.wasm> <glue.js>...');
    process.exit(2);
  }
  const { wasm, renames } = renameImports(readFileSync(wasmPath));
  const glues = gluePaths.map((p) => [p, readFileSync(p, 'utf8')]);
  const taken = new Set(renames.values());
  for (const [p, text] of glues) {
    for (const token of text.match(/[A-Za-z0-9_$]+/g) ?? []) {
      if (taken.has(token)) throw new Error(`short-imports: ${p} already uses the name ${token}`);
    }
  }
  const out = glues.map(([p, text]) => [p, renameInGlue(text, renames)]);
  for (const [p, text] of out) {
    for (const old of renames.keys()) {
      if (text.includes(old)) throw new Error(`short-imports: ${p} still holds ${old}`);
    }
  }
  // Every glue file given defines every import (web and bundler glue do, for one module).
  for (const [[p, text], [, renamed]] of glues.map((g, i) => [g, out[i]])) {
    const tokens = new Set(renamed.match(/[A-Za-z0-9_$]+/g) ?? []);
    for (const [old, short] of renames) {
      if (!text.includes(old)) throw new Error(`short-imports: ${p} does not define ${old}`);
      if (!tokens.has(short)) throw new Error(`short-imports: ${short} (was ${old}) missing from ${p}`);
    }
  }
  writeFileSync(wasmPath, wasm);
  for (const [p, text] of out) writeFileSync(p, text);
  console.log(`short-imports: ${renames.size} imports renamed in ${wasmPath} and ${gluePaths.length} glue file(s)`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
