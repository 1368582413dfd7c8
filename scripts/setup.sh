#!/usr/bin/env bash
# Install everything the build, tests and demo need; idempotent (each step is
# skipped when already done). Safe to run on a fresh Debian 12 machine with rustup,
# Node 20+ and npm.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n-- setup: %s\n' "$*"; }
as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

# 1. Rust target for WebAssembly.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen CLI at exactly the library's version (they must match).
#    No --locked: with it, resolution fails on a yanked transitive dependency.
want="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [[ -z "$want" ]]; then
  echo "setup: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if [[ "$have" != "$want" ]]; then
  step "cargo install wasm-bindgen-cli --version $want (have: ${have:-none}; ~3 min)"
  cargo install wasm-bindgen-cli --version "$want"
fi

# 3. Headless Chromium and its WebDriver (Debian's; no browser downloads).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  step "apt-get install chromium chromium-driver"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
fi

# 3b. Shells and a terminal multiplexer for the paste harness (tests/shell): commands
#     pasted into interactive bash and zsh under tmux, run as scripts by bash, dash
#     and zsh (bash, dash and perl are part of every Debian system).
if ! command -v tmux >/dev/null || ! command -v zsh >/dev/null || ! command -v dash >/dev/null; then
  step "apt-get install tmux zsh dash"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tmux zsh dash
fi

# 3c. The real curl, which runs the generated curl commands against the sandbox
#     (tests/js/equivalents-real.test.mjs).
if ! command -v curl >/dev/null; then
  step "apt-get install curl"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl ca-certificates
fi

# 4. JS dev tooling (binaryen's wasm-opt, typescript, playwright-core, ...), exactly
#    as package-lock.json pins it. Skipped when node_modules already matches the lock.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ||
      ! -x node_modules/.bin/wasm-opt || ! -x node_modules/.bin/tsc ]]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

# 5. The real avn CLI (in a venv) and HashiCorp's HCL parser, for the equivalents tests.
if [[ -f tests/avn/setup.sh ]]; then
  bash tests/avn/setup.sh
fi

echo "-- setup: ok (wasm-bindgen $want, $(chromium --version 2>/dev/null | head -n1), wasm-opt $(node_modules/.bin/wasm-opt --version | awk '{print $3}'), $(tmux -V), $(zsh --version | awk '{print $1, $2}'))"
