#!/usr/bin/env bash
# Bench-only: both modules (full and rules-only) built at every rustc opt-level
# ("z", "s", 2, 3), each optimised by wasm-opt -Oz, -Os and -O3, into
# target/bench-opt/<module>-<opt-level>-<wasm-opt>/ (web target, glue as built by
# wasm-bindgen). benches/optlevels.mjs measures their size and speed side by side.
#
#   bash benches/opt-levels.sh            # every combination (8 cargo builds)
#   OPT_LEVELS="s 3" bash benches/opt-levels.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/target/bench-opt"
opt="$root/node_modules/.bin/wasm-opt"
levels="${OPT_LEVELS:-z s 2 3}"
passes="${WASM_OPT_PASSES:--Oz -Os -O3}"
mkdir -p "$out"
# Which tree the builds are of (benches/optlevels.mjs prints it).
git -C "$root" describe --always --dirty > "$out/commit"
for level in $levels; do
  for module in full rules; do
    features=()
    [[ $module == rules ]] && features=(--no-default-features)
    # One cargo target dir per opt-level, so the levels do not rebuild each other.
    CARGO_TARGET_DIR="$out/cargo-$level-$module" CARGO_PROFILE_RELEASE_OPT_LEVEL="$level" \
      nice -n 10 cargo build --release --target wasm32-unknown-unknown -p aiven-fork --lib \
      "${features[@]}" --manifest-path "$root/Cargo.toml"
    stage="$out/bindgen-$module-$level"
    rm -rf "$stage"
    wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name aiven_fork \
      "$out/cargo-$level-$module/wasm32-unknown-unknown/release/aiven_fork.wasm" 2> >(grep -v target_features >&2)
    for pass in $passes; do
      dir="$out/$module-$level-${pass#-}"
      rm -rf "$dir"
      cp -r "$stage" "$dir"
      # Same feature flags as scripts/build-pkg.sh.
      "$opt" "$pass" --strip-debug --strip-producers \
        --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-reference-types --enable-multivalue \
        "$stage/aiven_fork_bg.wasm" -o "$dir/aiven_fork_bg.wasm"
      # The snippets (boundary.js, client.js) stay where wasm-bindgen put them.
      echo "built $dir"
    done
  done
done
