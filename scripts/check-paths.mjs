// Fails when a tracked file names a path outside the clone: a folder beside the
// repository, a machine's home or work folder, or a relative path that climbs above
// the repository root. A fresh clone has nothing outside itself, so such a path works
// on one machine only. Run by scripts/test.sh; prints each offending line.
//
//   node scripts/check-paths.mjs            # the tracked files of this clone
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const self = path.relative(root, fileURLToPath(import.meta.url));

// Files whose content is data, not paths the project uses.
const SKIP = /\.(png|jpe?g|gif|ico|wasm|woff2?|lock)$|(^|\/)package-lock\.json$/;

// Absolute machine-specific folders (system tools such as /usr/bin/chromium are
// installed by scripts/setup.sh and are fine).
const MACHINE = /(^|[\s'"`(=,[{<])\/(work|root|home|Users|mnt|srv)\//;
// A sibling folder of the clone (the reference material of one workplace).
const SIBLING = /(^|[^.\w])\.\.\/shared(\/|\b)/;
// A relative path of one or more `..` segments.
const CLIMB = /(?:^|[\s'"`(=,[{<:])((?:\.\.\/)+)([\w.-]*)/g;

/** The folder a relative path in `file` is resolved against, by file kind. */
function bases(file) {
  const dir = path.dirname(path.join(root, file));
  if (file.endsWith('.rs')) {
    // Rust tests and build code resolve against CARGO_MANIFEST_DIR.
    let crate = dir;
    while (crate.startsWith(root) && !existsSync(path.join(crate, 'Cargo.toml'))) crate = path.dirname(crate);
    return [dir, crate];
  }
  if (file.endsWith('.sh')) return [dir, root];
  return [dir];
}

function escapes(base, rel) {
  const resolved = path.resolve(base, rel);
  return resolved !== root && !resolved.startsWith(root + path.sep);
}

const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((f) => f && f !== self && !SKIP.test(f) && existsSync(path.join(root, f)));

const found = [];
for (const file of files) {
  const text = readFileSync(path.join(root, file), 'utf8');
  if (text.includes('\0')) continue; // binary
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}: ${line.trim().slice(0, 160)}`;
    if (MACHINE.test(line) || SIBLING.test(line)) {
      found.push(where);
      return;
    }
    // A line may say why its climb is fine: `check-paths: ok` (a path written into a
    // generated file, relative to that file).
    if (line.includes('check-paths: ok')) return;
    for (const m of line.matchAll(CLIMB)) {
      if (m[2] === '') continue; // `../` named in prose, not a path
      const rel = m[1] + m[2];
      const kinds = bases(file);
      // .rs and .sh: flagged only when it climbs out from every base it may be read against.
      if (kinds.every((base) => escapes(base, rel))) {
        found.push(where);
        return;
      }
    }
  });
}

if (found.length > 0) {
  console.error(`check-paths: ${found.length} line(s) name a path outside the clone:`);
  for (const f of found) console.error('  ' + f);
  console.error('Copy what is needed into the repository (tests/data, docs) and refer to it there.');
  process.exit(1);
}
console.log(`check-paths: ${files.length} tracked files, no path outside the clone`);
