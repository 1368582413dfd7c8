#!/usr/bin/env bash
# One command for every benchmark: size, start-up, throughput (vs an ajv console
# baseline), round trips and load against the sandbox. Prints a table and writes
# BENCHMARKS.md. Not part of the test command: a missed target is reported, not failed.
#
#   bash benches/run.sh            # build what is needed, run everything
#   BENCH_SKIP_BUILD=1 bash benches/run.sh   # reuse pkg/ and target/ as they are
#   bash benches/run.sh size startup         # only some measures
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  # Idempotent: the wasm32 target, wasm-bindgen-cli, npm ci (ajv, yaml, binaryen), ...
  bash scripts/setup.sh
elif [ ! -d node_modules/ajv ] || [ ! -d node_modules/yaml ]; then
  npm ci --no-audit --no-fund
fi

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "== building the package (release, wasm-opt) =="
  bash scripts/build-pkg.sh
  echo "== building the sandbox =="
  cargo build --release -p aiven-fork-sandbox
  echo "== building the bench-only JSON-string entry point prototype =="
  bash benches/json-entry/build.sh
  echo "== building both modules at every opt-level x wasm-opt pass (benches/opt-levels.sh) =="
  bash benches/opt-levels.sh
  if ! command -v wasm-objdump >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get install -y --no-install-recommends wabt >/dev/null 2>&1 || true
  fi
  if command -v wasm-objdump >/dev/null 2>&1; then
    echo "== building a named copy of the wasm for the size breakdown =="
    bash benches/size-breakdown.sh
  else
    echo "(no wasm-objdump: size breakdown skipped; apt-get install wabt)"
  fi
fi

exec node benches/run.mjs "$@"
