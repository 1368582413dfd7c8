#!/usr/bin/env bash
# THE demo command: install what is missing, build the package, print a Node example,
# then serve the fork widget (www/) and the package (pkg/) from the sandbox, an
# Aiven-API-compatible server with a seeded demo project. Ctrl-C stops it.
#   --port N    (or PORT=N) 8787 by default, falling back to a free port when taken;
#               0 picks a free port
#   --no-build  serve the package and sandbox already built (pkg/, target/release), as the
#               test command's smoke test does; fails when they are missing
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

PORT="${PORT:-8787}"
BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || { echo "demo: --port needs a number" >&2; exit 2; }
      PORT="$2"
      shift 2
      ;;
    --no-build) BUILD=0; shift ;;
    *) echo "demo: unknown option $1 (options: --port N, --no-build)" >&2; exit 2 ;;
  esac
done

bash scripts/setup.sh
if [[ $BUILD == 1 ]]; then
  bash scripts/build-pkg.sh
  cargo build --release -p aiven-fork-sandbox
elif [[ ! -f pkg/web/aiven_fork.js || ! -f pkg/node/aiven_fork.cjs || ! -x target/release/aiven-fork-sandbox ]]; then
  echo "demo: --no-build, but the package or the sandbox is not built (bash scripts/build-pkg.sh; cargo build --release -p aiven-fork-sandbox)" >&2
  exit 1
fi

printf '\n======== Node example (scripts/demo-example.mjs)\n'
node scripts/demo-example.mjs

if [[ $PORT != 0 ]] && (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is taken; using a free one"
  PORT=0
fi
LOG="$(mktemp)"
target/release/aiven-fork-sandbox --host 127.0.0.1 --port "$PORT" --serve-dir "$ROOT" --console-proxy >"$LOG" 2>&1 &
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
echo "  console   $URL/?mode=console (console-backend mode: no token in the page)"
echo "  API       $URL/v1/... (Authorization: aivenv1 $TOKEN; the page fills it in)"
echo "  package   $URL/pkg/web/aiven_fork.js"
echo "  Ctrl-C to stop"
wait "$PID"
