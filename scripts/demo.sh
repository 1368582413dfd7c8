#!/usr/bin/env bash
# THE demo command: install what is missing, build the package, print a Node example,
# then serve the fork widget (www/) and the package (pkg/) from the sandbox, an
# Aiven-API-compatible server with a seeded demo project. Ctrl-C stops it.
#   PORT=8787 (default; falls back to a free port when taken)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
bash scripts/build-pkg.sh
cargo build --release -p aiven-fork-sandbox

printf '\n======== Node example (scripts/demo-example.mjs)\n'
node scripts/demo-example.mjs

PORT="${PORT:-8787}"
if (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is taken; using a free one"
  PORT=0
fi
LOG="$(mktemp)"
target/release/aiven-fork-sandbox --host 127.0.0.1 --port "$PORT" --serve-dir "$ROOT" >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; rm -f "$LOG"' EXIT INT TERM
for _ in $(seq 100); do grep -q "listening on" "$LOG" && break; sleep 0.1; done
URL="$(grep -o 'http://[0-9.:]*' "$LOG" | head -n1)"
if [[ -z "$URL" ]]; then
  cat "$LOG" >&2
  echo "demo: the sandbox did not start" >&2
  exit 1
fi
TOKEN="$(sed -n 's/^demo token: //p' "$LOG" | head -n1)"
printf '\n======== demo running\n'
echo "  open      $URL/"
echo "  API       $URL/v1/... (Authorization: aivenv1 $TOKEN; the page fills it in)"
echo "  package   $URL/pkg/web/aiven_fork.js"
echo "  Ctrl-C to stop"
wait "$PID"
