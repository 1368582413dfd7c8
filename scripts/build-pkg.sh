#!/usr/bin/env bash
# Build the npm package: release wasm -> wasm-bindgen (web, bundler, nodejs) ->
# wasm-opt (npm binaryen, never Debian's) -> pkg/{web,bundler,node}; and the same
# for the rules-only module (`--no-default-features`: no ForkClient) -> pkg/rules/{web,bundler,node}
# (the `aiven-fork/rules` entries). Web and bundler share one module built for size
# (opt-level "z", -Oz); the Node builds get one built for speed (opt-level 3, -O3).
# Prints the size of both web builds (.wasm + JS glue, raw and gzip -9).
#
# Usage: scripts/build-pkg.sh [--no-opt]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

OPT=1
[[ "${1:-}" == "--no-opt" ]] && OPT=0

NAME=aiven_fork
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WASM_FULL="$TARGET_DIR/wasm32-unknown-unknown/release/$NAME.wasm"
# The rules-only module is built under its own profile (`rules`, identical to `release`)
# in the same target dir: cargo keeps one fingerprint per profile, so both modules stay
# up to date side by side and an unchanged tree rebuilds neither.
RULES_PROFILE=(--profile rules --config 'profile.rules.inherits="release"')
WASM_RULES="$TARGET_DIR/wasm32-unknown-unknown/rules/$NAME.wasm"
# The Node builds (pkg/node, pkg/rules/node) are built for speed: Node never downloads the
# module, while web pages and bundlers do (benches/optlevels.mjs measures every level:
# opt-level 3 is about 1.5x the speed of "z" at +35% size). Profiles `node` and
# `rules-node`: `release` with opt-level 3.
NODE_PROFILE=(--profile node --config 'profile.node.inherits="release"' --config 'profile.node.opt-level=3')
RULES_NODE_PROFILE=(--profile rules-node --config 'profile.rules-node.inherits="release"' --config 'profile.rules-node.opt-level=3')
WASM_FULL_NODE="$TARGET_DIR/wasm32-unknown-unknown/node/$NAME.wasm"
WASM_RULES_NODE="$TARGET_DIR/wasm32-unknown-unknown/rules-node/$NAME.wasm"
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
ESBUILD="$ROOT/node_modules/.bin/esbuild"

# How both modules are built (README's size table names it).
SETTINGS='web and bundler builds: cargo release profile (`opt-level = "z"`, LTO, one codegen unit, `panic = "abort"`), `wasm-opt -Oz --converge --low-memory-unused` (npm binaryen), web glue minified by esbuild; Node builds: the same at `opt-level = 3`, `wasm-opt -O3`'

need() { command -v "$1" >/dev/null 2>&1 || { echo "build-pkg: '$1' not found; run scripts/setup.sh" >&2; exit 1; }; }
need cargo
need wasm-bindgen
if [[ $OPT == 1 && ( ! -x "$WASM_OPT" || ! -x "$ESBUILD" ) ]]; then
  echo "build-pkg: $WASM_OPT or $ESBUILD missing (npm binaryen, esbuild); run scripts/setup.sh (npm ci)" >&2
  exit 1
fi

want="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)"
have="$(wasm-bindgen --version | awk '{print $2}')"
if [[ "$want" != "$have" ]]; then
  echo "build-pkg: wasm-bindgen CLI is $have but Cargo.lock has $want; run scripts/setup.sh" >&2
  exit 1
fi

# Source paths of dependencies end up in the module (panic locations). Written relative to
# the registry, they do not name the build machine's home folder, and the module's bytes
# do not depend on where cargo keeps its registry (action/dist is compared byte for byte).
CARGO_HOME_DIR="${CARGO_HOME:-$HOME/.cargo}"
export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }--remap-path-prefix=$CARGO_HOME_DIR/registry/src=crates --remap-path-prefix=$ROOT=aiven-fork"

echo "== cargo build --release --target wasm32-unknown-unknown"
cargo build --release --target wasm32-unknown-unknown -p aiven-fork --lib
echo "== cargo build (rules only: --no-default-features, profile 'rules' = release)"
cargo build "${RULES_PROFILE[@]}" --target wasm32-unknown-unknown -p aiven-fork --lib --no-default-features
echo "== cargo build (Node builds: profiles 'node' and 'rules-node' = release at opt-level 3)"
cargo build "${NODE_PROFILE[@]}" --target wasm32-unknown-unknown -p aiven-fork --lib
cargo build "${RULES_NODE_PROFILE[@]}" --target wasm32-unknown-unknown -p aiven-fork --lib --no-default-features

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT

# The JS side of the bindings lands under snippets/<crate-hash>/src/bindings/:
# boundary.js (ForkError, PreparedForkContext; every build) and client.js (ForkClient;
# the full build only). Each is copied next to the glue under its own name, so the
# package entry points can re-export the very classes the glue uses.
snippets_of() { find "$1/snippets" -name '*.js' | sort; }
# What each snippet adds to the entry's exports.
exports_of() {
  case "$1" in
    boundary) echo "ForkError, PreparedForkContext" ;;
    client) echo "ForkClient" ;;
    *) echo "build-pkg: unknown snippet $1.js" >&2; exit 1 ;;
  esac
}

# esm_entry <node dir>: Node's `import` entry, a small ES module that loads the CommonJS
# build with `require` and re-exports its names. `import` and `require` so share one
# instance (one ForkError class), and Node never runs its CommonJS export scan
# (cjs-module-lexer) over the whole glue, which an `import` of the .cjs itself does on
# every start. The names are read from the built module.
esm_entry() {
  local dir="$1" names
  names="$(node -e 'console.log(Object.keys(require(require("node:path").resolve(process.argv[1]))).sort().join(", "))' "$dir/$NAME.cjs")"
  [[ -n "$names" ]] || { echo "build-pkg: $dir/$NAME.cjs exports nothing" >&2; exit 1; }
  cat > "$dir/$NAME.mjs" <<ESM
// Node's ES-module entry (generated by scripts/build-pkg.sh): the CommonJS build, loaded
// once with require, so import and require share one instance.
import { createRequire } from 'node:module';

const lib = createRequire(import.meta.url)('./$NAME.cjs');
export default lib;
export const { $names } = lib;
ESM
}

# package <module.wasm> <node module.wasm> <out root> <stage dir> <d.cts source>: wasm-bindgen for the
# three targets, wasm-opt, the snippet rewrites and the web minification, into
# <out root>/{web,bundler,node}.
package() {
  local wasm_in="$1" node_in="$2" root="$3" stage="$4" dts="$5" target dir input
  for target in web bundler nodejs; do
    dir="$stage/$target"
    input="$wasm_in"
    [[ "$target" == nodejs ]] && input="$node_in"
    wasm-bindgen --target "$target" --no-typescript --out-dir "$dir" --out-name "$NAME" "$input" 2> >(grep -v "target_features" >&2)
  done
  # One optimised module serves the web and bundler targets: wasm-bindgen emits the same
  # .wasm for both (checked here), so optimise once and copy. Node gets its own (speed).
  if ! cmp -s "$stage/web/${NAME}_bg.wasm" "$stage/bundler/${NAME}_bg.wasm"; then
    echo "build-pkg: wasm-bindgen produced different modules per target" >&2
    exit 1
  fi

  local wasm_bg="$stage/web/${NAME}_bg.wasm" node_bg="$stage/nodejs/${NAME}_bg.wasm"
  if [[ $OPT == 1 ]]; then
    echo "== wasm-opt -Oz --converge (web, bundler) and -O3 (node) ($("$WASM_OPT" --version)) -> $root"
    # The features rustc enables by default for wasm32-unknown-unknown.
    local features=(--enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int
      --enable-sign-ext --enable-reference-types --enable-multivalue)
    # Web/bundler extras (benches/NOTES.md, Size): --converge repeats -Oz while it still
    # shrinks; --low-memory-unused folds constant offsets into loads and stores (sound for
    # rustc's output: data starts at 1 MiB and no pointer arithmetic wraps below 1 KiB);
    # --strip-target-features drops a section engines ignore.
    "$WASM_OPT" -Oz --converge --low-memory-unused --strip-debug --strip-producers --strip-target-features \
      "${features[@]}" "$wasm_bg" -o "$stage/opt.wasm"
    "$WASM_OPT" -O3 --strip-debug --strip-producers "${features[@]}" "$node_bg" -o "$stage/opt-node.wasm"
    wasm_bg="$stage/opt.wasm"
    node_bg="$stage/opt-node.wasm"
    # The web/bundler module's imports from its glue get short names (`__w0`, ...) in
    # the .wasm and both glue files: wasm-bindgen's hashed names do not compress.
    node scripts/short-imports.mjs "$wasm_bg" "$stage/web/$NAME.js" "$stage/bundler/${NAME}_bg.js"
  fi

  local src out snippet rel base names glue exports n
  for target in web bundler nodejs; do
    src="$stage/$target"
    out="$root/${target/nodejs/node}"
    rm -rf "$out"
    mkdir -p "$out"
    if [[ "$target" == nodejs ]]; then
      cp "$node_bg" "$out/${NAME}_bg.wasm"
    else
      cp "$wasm_bg" "$out/${NAME}_bg.wasm"
    fi
    # The file importing the snippets, and the re-exports added to the entry.
    glue="$src/$NAME.js"
    [[ "$target" == bundler ]] && glue="$src/${NAME}_bg.js"
    cp "$glue" "$stage/glue.js"
    exports=""
    for snippet in $(snippets_of "$src"); do
      rel="./${snippet#"$src/"}"
      base="$(basename "$snippet" .js)"
      names="$(exports_of "$base")"
      if [[ "$target" == nodejs ]]; then
        # CommonJS build: `.cjs` so it loads as CJS inside a "type": "module" package;
        # a snippet's own `import { X } from './y.js'` becomes a require of y.cjs.
        sed -e 's#^export { \(.*\) };$#module.exports = { \1 };#' \
            -e "s#^import { \(.*\) } from './\(.*\)\.js';\$#const { \1 } = require('./\2.cjs');#" \
            "$snippet" > "$out/$base.cjs"
        sed -i "s#String.raw\`$rel\`#'./$base.cjs'#" "$stage/glue.js"
        for n in ${names//,/ }; do
          exports+="exports.$n = require('./$base.cjs').$n;"$'\n'
        done
      else
        cp "$snippet" "$out/$base.js"
        sed -i "s#'$rel'#'./$base.js'#" "$stage/glue.js"
        exports+="export { $names } from './$base.js';"$'\n'
      fi
    done
    case "$target" in
      web) { cat "$stage/glue.js"; printf '%s' "$exports"; } > "$out/$NAME.js" ;;
      bundler)
        mv "$stage/glue.js" "$out/${NAME}_bg.js"
        { cat "$src/$NAME.js"; printf '%s' "$exports"; } > "$out/$NAME.js"
        ;;
      nodejs)
        { cat "$stage/glue.js"; printf '%s' "$exports"; } > "$out/$NAME.cjs"
        cp "$dts" "$out/$NAME.d.cts"
        esm_entry "$out"
        ;;
    esac
    rm -f "$stage/glue.js"
  done

  # The rewrites above must have happened; a wasm-bindgen upgrade that changes the
  # glue's import lines would otherwise ship a broken package.
  grep -q "from './boundary.js'" "$root/web/$NAME.js"
  grep -q "from './boundary.js'" "$root/bundler/${NAME}_bg.js"
  grep -q "require('./boundary.cjs')" "$root/node/$NAME.cjs"
  grep -q "^module.exports = { ForkError" "$root/node/boundary.cjs"
  if [[ -f "$root/node/client.cjs" ]]; then
    grep -q "^const { ForkError } = require('./boundary.cjs');" "$root/node/client.cjs"
    grep -q "^module.exports = { ForkClient" "$root/node/client.cjs"
  fi
  if grep -q "snippets/" "$root/web/$NAME.js" "$root/bundler/${NAME}_bg.js" "$root/node/$NAME.cjs"; then
    echo "build-pkg: a snippet import was not rewritten" >&2
    exit 1
  fi

  # The web build is what a page downloads: minify its glue (names kept, so
  # `ForkError.name` and `ForkClient.name` stay readable in a console). Bundler users
  # minify with their bundler; Node does not need it.
  if [[ $OPT == 1 ]]; then
    local f
    for f in "$root/web/$NAME.js" "$root/web/"{boundary,client}.js; do
      [[ -f "$f" ]] || continue
      "$ESBUILD" "$f" --minify --keep-names --format=esm --target=es2020 --log-level=warning --outfile="$f.min"
      mv "$f.min" "$f"
    done
  fi
}

mkdir -p "$STAGE/full" "$STAGE/rules" pkg/rules
package "$WASM_FULL" "$WASM_FULL_NODE" pkg "$STAGE/full" pkg/aiven-fork.d.ts
# The d.cts of the rules entry re-exports the rules part of the full CJS declarations.
sed "s#'\.\./aiven-fork\.js'#'../../node/aiven_fork.cjs'#" pkg/rules/index.d.ts > "$STAGE/rules.d.cts" # check-paths: ok
grep -q "'../../node/aiven_fork.cjs'" "$STAGE/rules.d.cts" # check-paths: ok
package "$WASM_RULES" "$WASM_RULES_NODE" pkg/rules "$STAGE/rules" "$STAGE/rules.d.cts"

# Each module has exactly its own API: ForkClient in the full build only.
grep -q "class ForkClient" pkg/node/client.cjs || { echo "build-pkg: ForkClient missing from the full build" >&2; exit 1; }
if [[ -e pkg/rules/node/client.cjs ]] || grep -q "ForkClient" pkg/rules/node/$NAME.cjs; then
  echo "build-pkg: the rules build holds ForkClient" >&2
  exit 1
fi

# The package README links the rules and equivalents docs: ship them beside it, so the
# links resolve in an installed package (tests/js/package.test.mjs follows every link).
mkdir -p pkg/docs
cp docs/fork-rules.md docs/equivalents.md pkg/docs/

# Sizes of both web entries, measured like benches/size.mjs; an optimised build also
# rewrites README.md's size table (between its size-table markers).
if [[ $OPT == 1 ]]; then
  AIVEN_FORK_BUILD_SETTINGS="$SETTINGS" node scripts/pkg-size.mjs --readme
else
  node scripts/pkg-size.mjs
fi
