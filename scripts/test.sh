#!/usr/bin/env bash
# THE test command: everything, in order, stopping at the first failure.
#   setup -> paths outside the clone -> fmt -> clippy (native, wasm32) -> native tests -> package build ->
#   wasm-bindgen tests in Node and headless Chromium -> JS tests of the packed
#   package -> paste harness (generated commands in real shells) -> browser
#   end-to-end tests -> TypeScript check.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

START=$SECONDS
section() {
  printf '\n\033[1m======== %s  (t+%ds)\033[0m\n' "$*" "$((SECONDS - START))"
}
trap 'rc=$?; if [[ $rc != 0 ]]; then printf "\n\033[1;31m======== FAILED (exit %d) after %ds\033[0m\n" "$rc" "$((SECONDS - START))"; fi' EXIT

section "setup"
bash scripts/setup.sh

section "no path outside the clone (scripts/check-paths.mjs)"
node scripts/check-paths.mjs

section "cargo fmt --check"
cargo fmt --all -- --check

# wasm-bindgen-test suites: tests/wasm/main.rs (target `wasm`) and tests/wasm_*.rs.
WASM_TESTS=()
[[ -f tests/wasm/main.rs ]] && WASM_TESTS+=(--test wasm)
for f in tests/wasm_*.rs; do
  [[ -f "$f" ]] && WASM_TESTS+=(--test "$(basename "$f" .rs)")
done

section "cargo clippy (native, -D warnings)"
cargo clippy --workspace --all-targets -- -D warnings

section "cargo clippy (wasm32, -D warnings)"
cargo clippy -p aiven-fork --target wasm32-unknown-unknown --lib "${WASM_TESTS[@]}" -- -D warnings

section "cargo test --workspace (native)"
cargo test --workspace

section "build the npm package (release wasm, wasm-bindgen, wasm-opt)"
bash scripts/build-pkg.sh

section "build the sandbox (release)"
cargo build --release -p aiven-fork-sandbox

if [[ ${#WASM_TESTS[@]} -gt 0 ]]; then
  # One sandbox for the wasm suites that talk HTTP; they read its address at
  # compile time (option_env!).
  SANDBOX_LOG="$(mktemp)"
  target/release/aiven-fork-sandbox --port 0 --serve-dir "$ROOT" >"$SANDBOX_LOG" 2>&1 &
  SANDBOX_PID=$!
  trap 'rc=$?; kill "$SANDBOX_PID" 2>/dev/null || true; if [[ $rc != 0 ]]; then printf "\n\033[1;31m======== FAILED (exit %d) after %ds\033[0m\n" "$rc" "$((SECONDS - START))"; fi' EXIT
  for _ in $(seq 100); do grep -q "listening on" "$SANDBOX_LOG" && break; sleep 0.1; done
  export AIVEN_FORK_SANDBOX_URL="$(grep -o 'http://[0-9.:]*' "$SANDBOX_LOG" | head -n1)"
  export AIVEN_FORK_SANDBOX_TOKEN="$(sed -n 's/^demo token: //p' "$SANDBOX_LOG" | head -n1)"
  echo "sandbox: $AIVEN_FORK_SANDBOX_URL"

  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
  section "wasm-bindgen tests in Node (${WASM_TESTS[*]})"
  cargo test -p aiven-fork --target wasm32-unknown-unknown "${WASM_TESTS[@]}"

  section "wasm-bindgen tests in headless Chromium (${WASM_TESTS[*]})"
  # Chromium flags (run as root, closed network) come from tests/wasm/webdriver.json.
  WASM_BINDGEN_USE_BROWSER=1 WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/wasm/webdriver.json" \
    cargo test -p aiven-fork --target wasm32-unknown-unknown "${WASM_TESTS[@]}"
  unset CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER
fi

shopt -s nullglob
# Longest a single node:test test may run (the slowest, the fault run, takes about a
# minute on a busy 2-core machine).
TEST_TIMEOUT_MS=300000
JS_TESTS=(tests/js/*.test.mjs)
if [[ ${#JS_TESTS[@]} -gt 0 ]]; then
  section "JS tests: node --test (${#JS_TESTS[@]} files)"
  # Every test has a bound: a hang fails that test (naming it) instead of stalling CI.
  node --test --test-concurrency=2 --test-timeout="$TEST_TIMEOUT_MS" "${JS_TESTS[@]}"
fi

section "paste harness: generated commands pasted into bash -i and zsh -f (tmux) and run by bash, dash, zsh (tests/shell)"
node --test tests/shell/paste.test.mjs

E2E_TESTS=(tests/e2e/*.test.mjs)
if [[ ${#E2E_TESTS[@]} -gt 0 ]]; then
  section "browser end-to-end tests (${#E2E_TESTS[@]} files, headless Chromium)"
  node --test --test-concurrency=1 --test-timeout="$TEST_TIMEOUT_MS" "${E2E_TESTS[@]}"
fi

section "TypeScript: tsc --noEmit --strict (tests/ts)"
node_modules/.bin/tsc -p tests/ts/tsconfig.json

section "all tests passed in $((SECONDS - START))s"
