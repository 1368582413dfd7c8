#!/usr/bin/env bash
# Installs the real Aiven CLI (PyPI aiven-client, pinned in requirements.txt) into
# .tools/avn, for tests/equivalents_avn.rs. Idempotent: a no-op when the venv already
# holds exactly the pinned versions.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.tools/avn"
req="$root/tests/avn/requirements.txt"
stamp="$venv/.requirements.txt"
if [ -x "$venv/bin/avn" ] && [ -f "$stamp" ] && cmp -s "$req" "$stamp"; then
  exit 0
fi
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  echo "tests/avn/setup.sh: installing python3-venv" >&2
  apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
fi
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r "$req"
"$venv/bin/avn" --version >/dev/null
cp "$req" "$stamp"
echo "tests/avn/setup.sh: installed $(grep -i '^aiven-client' "$req") into .tools/avn"
