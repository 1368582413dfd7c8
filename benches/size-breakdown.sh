#!/usr/bin/env bash
# Bench-only: the package's wasm built again WITH its name section (target/bench-size),
# then wasm-bindgen and wasm-opt -Oz -g like scripts/build-pkg.sh, so benches/size.mjs can
# say which crates the bytes belong to (wasm-objdump from Debian's wabt).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/target/bench-size"
CARGO_TARGET_DIR="$out" CARGO_PROFILE_RELEASE_STRIP=false \
  cargo build --release --target wasm32-unknown-unknown -p aiven-fork --lib --manifest-path "$root/Cargo.toml"
wasm-bindgen --target web --no-typescript --out-dir "$out/bindgen" --out-name aiven_fork \
  "$out/wasm32-unknown-unknown/release/aiven_fork.wasm" 2> >(grep -v target_features >&2)
"$root/node_modules/.bin/wasm-opt" -Oz --converge --low-memory-unused -g \
  --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-reference-types --enable-multivalue \
  "$out/bindgen/aiven_fork_bg.wasm" -o "$out/named.wasm"
echo "named wasm: $out/named.wasm"
