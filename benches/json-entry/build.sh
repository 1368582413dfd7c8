#!/usr/bin/env bash
# Builds the bench-only boundary prototype into target/bench-json-entry/pkg (web target,
# wasm-opt -Oz like the package). Never part of the package or the tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/target/bench-json-entry"
CARGO_TARGET_DIR="$out/cargo" cargo build --release --target wasm32-unknown-unknown \
  --manifest-path "$here/Cargo.toml"
wasm-bindgen --target web --out-dir "$out/pkg" --out-name bench_entry \
  "$out/cargo/wasm32-unknown-unknown/release/aiven_fork_bench_entry.wasm"
opt="$root/node_modules/.bin/wasm-opt"
if [ -x "$opt" ]; then
  # Same flags as scripts/build-pkg.sh.
  "$opt" -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue \
    "$out/pkg/bench_entry_bg.wasm" -o "$out/pkg/bench_entry_bg.wasm"
fi
echo "bench entry: $out/pkg"
