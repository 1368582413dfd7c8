// Runs the generated avn and curl commands as a person would: bash, Debian's curl and the real
// Aiven CLI (PyPI aiven-client, installed into .tools/avn by scripts/setup.sh), in a home of
// their own, the token only in the environment (the commands read `$AIVEN_TOKEN`).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './sandbox.mjs';

export const AVN_BIN = path.join(REPO_ROOT, '.tools/avn/bin');

/** A shell for the commands, with `token` in its environment: `{ home, bash(script), dispose() }`. */
export function commandShell(token) {
  assert.ok(existsSync(path.join(AVN_BIN, 'avn')), 'the Aiven CLI is not installed: bash scripts/setup.sh installs it into .tools/avn');
  const home = mkdtempSync(path.join(os.tmpdir(), 'aiven-fork-commands-'));
  return {
    home,
    /** Runs `script` with bash (at most 60 s): `{ code, stdout, stderr }`. */
    bash(script) {
      return new Promise((resolve) => {
        execFile('bash', ['-c', script], {
          cwd: home,
          timeout: 60_000,
          env: {
            PATH: `${AVN_BIN}:/usr/local/bin:/usr/bin:/bin`,
            HOME: home,
            AIVEN_TOKEN: token,
            AIVEN_AUTH_TOKEN: token,
            AIVEN_CONFIG_DIR: path.join(home, 'avn'),
          },
        }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
      });
    },
    dispose() {
      rmSync(home, { recursive: true, force: true });
    },
  };
}
