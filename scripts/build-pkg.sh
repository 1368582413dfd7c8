#!/usr/bin/env bash
# Build the npm package: release wasm -> wasm-bindgen (web, bundler, nodejs) ->
# wasm-opt -Oz (npm binaryen, never Debian's) -> pkg/{web,bundler,node}.
# Prints the size of the web build (.wasm + JS glue, raw and gzip -9).
#
# Usage: scripts/build-pkg.sh [--no-opt]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

OPT=1
[[ "${1:-}" == "--no-opt" ]] && OPT=0

NAME=aiven_fork
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WASM_IN="$TARGET_DIR/wasm32-unknown-unknown/release/$NAME.wasm"
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
ESBUILD="$ROOT/node_modules/.bin/esbuild"

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

echo "== cargo build --release --target wasm32-unknown-unknown"
cargo build --release --target wasm32-unknown-unknown -p aiven-fork --lib

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT

# One optimised module serves all three targets: wasm-bindgen emits the same
# .wasm for each (checked below), so optimise once and copy.
for target in web bundler nodejs; do
  dir="$STAGE/$target"
  wasm-bindgen --target "$target" --no-typescript --out-dir "$dir" --out-name "$NAME" "$WASM_IN" 2> >(grep -v "target_features" >&2)
done
if ! cmp -s "$STAGE/web/${NAME}_bg.wasm" "$STAGE/nodejs/${NAME}_bg.wasm" ||
   ! cmp -s "$STAGE/web/${NAME}_bg.wasm" "$STAGE/bundler/${NAME}_bg.wasm"; then
  echo "build-pkg: wasm-bindgen produced different modules per target" >&2
  exit 1
fi

WASM_BG="$STAGE/web/${NAME}_bg.wasm"
if [[ $OPT == 1 ]]; then
  echo "== wasm-opt -Oz ($("$WASM_OPT" --version))"
  # The features rustc enables by default for wasm32-unknown-unknown.
  "$WASM_OPT" -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue \
    "$WASM_BG" -o "$STAGE/opt.wasm"
  WASM_BG="$STAGE/opt.wasm"
fi

# The ForkError snippet lands under snippets/<crate-hash>/...; give it a stable
# name so the package entry points can re-export the very class the glue uses.
snippet_of() { find "$1/snippets" -name fork_error.js | head -n 1; }

for target in web bundler nodejs; do
  src="$STAGE/$target"
  out="pkg/${target/nodejs/node}"
  rm -rf "$out"
  mkdir -p "$out"
  snippet="$(snippet_of "$src")"
  [[ -n "$snippet" ]] || { echo "build-pkg: fork_error.js snippet missing for $target" >&2; exit 1; }
  rel="./${snippet#"$src/"}"
  cp "$WASM_BG" "$out/${NAME}_bg.wasm"
  case "$target" in
    web)
      cp "$snippet" "$out/fork_error.js"
      sed "s#'$rel'#'./fork_error.js'#" "$src/$NAME.js" > "$out/$NAME.js"
      printf "export { ForkError } from './fork_error.js';\n" >> "$out/$NAME.js"
      ;;
    bundler)
      cp "$snippet" "$out/fork_error.js"
      sed "s#'$rel'#'./fork_error.js'#" "$src/${NAME}_bg.js" > "$out/${NAME}_bg.js"
      cp "$src/$NAME.js" "$out/$NAME.js"
      printf "export { ForkError } from './fork_error.js';\n" >> "$out/$NAME.js"
      ;;
    nodejs)
      # CommonJS build: `.cjs` so it loads as CJS inside a "type": "module" package.
      sed 's#^export { \(.*\) };$#module.exports = { \1 };#' "$snippet" > "$out/fork_error.cjs"
      sed "s#String.raw\`$rel\`#'./fork_error.cjs'#" "$src/$NAME.js" > "$out/$NAME.cjs"
      printf "exports.ForkError = require('./fork_error.cjs').ForkError;\n" >> "$out/$NAME.cjs"
      cp pkg/aiven-fork.d.ts "$out/$NAME.d.cts"
      ;;
  esac
done

# The rewrites above must have happened; a wasm-bindgen upgrade that changes the
# glue's import lines would otherwise ship a broken package.
grep -q "from './fork_error.js'" pkg/web/$NAME.js
grep -q "from './fork_error.js'" pkg/bundler/${NAME}_bg.js
grep -q "require('./fork_error.cjs')" pkg/node/$NAME.cjs
grep -q "^module.exports = { ForkError" pkg/node/fork_error.cjs
if grep -q "snippets/" pkg/web/$NAME.js pkg/bundler/${NAME}_bg.js pkg/node/$NAME.cjs; then
  echo "build-pkg: a snippet import was not rewritten" >&2
  exit 1
fi

# The web build is what a page downloads: minify its glue (names kept, so
# `ForkError.name` and `ForkClient.name` stay readable in a console). Bundler users
# minify with their bundler; Node does not need it.
if [[ $OPT == 1 ]]; then
  for f in pkg/web/$NAME.js pkg/web/fork_error.js; do
    "$ESBUILD" "$f" --minify --keep-names --format=esm --target=es2020 --log-level=warning --outfile="$f.min"
    mv "$f.min" "$f"
  done
fi

size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$@" | wc -c; }
wasm="pkg/web/${NAME}_bg.wasm"
glue=(pkg/web/$NAME.js pkg/web/fork_error.js)
raw_total=$(( $(size "$wasm") + $(cat "${glue[@]}" | wc -c) ))
gz_wasm=$(gz "$wasm")
gz_glue=$(cat "${glue[@]}" | gzip -9 -c | wc -c)
echo "== package built in pkg/ (web target sizes)"
printf '  %-28s %8d bytes raw %8d bytes gzip -9\n' "wasm ($NAME""_bg.wasm)" "$(size "$wasm")" "$gz_wasm"
printf '  %-28s %8d bytes raw %8d bytes gzip -9\n' "JS glue (+ fork_error.js)" "$(cat "${glue[@]}" | wc -c)" "$gz_glue"
printf '  %-28s %8d bytes raw %8d bytes gzip -9 (%d.%d KB)\n' "total" "$raw_total" "$((gz_wasm + gz_glue))" \
  "$(( (gz_wasm + gz_glue) / 1024 ))" "$(( ((gz_wasm + gz_glue) % 1024) * 10 / 1024 ))"

# The same web build without ForkClient (`--no-default-features`): what a page that
# only validates and builds requests would download. Measured, not shipped.
if [[ $OPT == 1 && "${BUILD_PKG_SKIP_RULES_SIZE:-0}" != 1 ]]; then
  cargo build --release --target wasm32-unknown-unknown -p aiven-fork --lib --no-default-features --quiet
  rules="$STAGE/rules"
  wasm-bindgen --target web --no-typescript --out-dir "$rules" --out-name "$NAME" "$WASM_IN" 2> >(grep -v "target_features" >&2)
  "$WASM_OPT" -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue \
    "$rules/${NAME}_bg.wasm" -o "$rules/opt.wasm"
  "$ESBUILD" "$rules/$NAME.js" --minify --keep-names --format=esm --target=es2020 --log-level=warning --outfile="$rules/glue.min.js"
  r_wasm=$(gz "$rules/opt.wasm")
  r_glue=$(cat "$rules/glue.min.js" pkg/web/fork_error.js | gzip -9 -c | wc -c)
  printf '  %-28s %8d bytes raw %8d bytes gzip -9 (%d.%d KB: wasm %d + glue %d)\n' "rules only (no ForkClient)" \
    "$(( $(size "$rules/opt.wasm") + $(cat "$rules/glue.min.js" pkg/web/fork_error.js | wc -c) ))" "$((r_wasm + r_glue))" \
    "$(( (r_wasm + r_glue) / 1024 ))" "$(( ((r_wasm + r_glue) % 1024) * 10 / 1024 ))" "$r_wasm" "$r_glue"
  # Leave target/ holding the full module again (a later build then only re-copies it).
  cargo build --release --target wasm32-unknown-unknown -p aiven-fork --lib --quiet
fi
