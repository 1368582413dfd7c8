#!/usr/bin/env bash
# Installs what the equivalents tests run for real, each a no-op when up to date:
#  - the Aiven CLI (PyPI aiven-client, pinned in requirements.txt) into .tools/avn,
#    for tests/equivalents_avn.rs;
#  - HashiCorp's HCL parser (npm @cdktf/hcl2json, pinned in hcl/package-lock.json)
#    into .tools/hcl, for tests/equivalents_hcl.rs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

venv="$root/.tools/avn"
req="$root/tests/avn/requirements.txt"
if ! { [ -x "$venv/bin/avn" ] && cmp -s "$req" "$venv/.requirements.txt"; }; then
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    echo "tests/avn/setup.sh: installing python3-venv" >&2
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
  fi
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$req"
  "$venv/bin/avn" --version >/dev/null
  cp "$req" "$venv/.requirements.txt"
  echo "tests/avn/setup.sh: installed $(grep -i '^aiven-client' "$req") into .tools/avn"
fi

hcl="$root/.tools/hcl"
lock="$root/tests/avn/hcl/package-lock.json"
if ! { [ -d "$hcl/node_modules/@cdktf/hcl2json" ] && cmp -s "$lock" "$hcl/package-lock.json"; }; then
  mkdir -p "$hcl"
  cp "$root/tests/avn/hcl/package.json" "$lock" "$hcl/"
  (cd "$hcl" && npm ci --no-audit --no-fund --silent)
  echo "tests/avn/setup.sh: installed @cdktf/hcl2json into .tools/hcl"
fi
