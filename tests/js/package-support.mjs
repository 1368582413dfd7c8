// Shared by the packed-package tests: the request both entries must build exactly, and
// `npm pack` pkg/ + install the tarball into a fresh consumer project.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PKG = path.join(ROOT, 'pkg');

export const REQUEST = {
  project: 'demo-project',
  serviceName: 'demo-pg-fork',
  serviceType: 'pg',
  plan: 'startup-4',
  source: { service: 'demo-pg' },
  recovery: { mode: 'time', time: '2026-01-02 03:04:05.678' },
};

export const EXPECTED_CALL = {
  method: 'POST',
  path: '/v1/project/demo-project/service',
  body: {
    service_name: 'demo-pg-fork',
    service_type: 'pg',
    plan: 'startup-4',
    user_config: {
      service_to_fork_from: 'demo-pg',
      recovery_target_time: '2026-01-02T03:04:05.678000+00:00',
    },
  },
};

/**
 * `npm pack` pkg/ into a new temporary consumer project and install the tarball there
 * (offline: the package has no dependencies). Returns `{ dir, tarball }`, where
 * `tarball` is npm's pack report (`filename`, `files`, ...).
 */
export function packAndInstall(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: PKG, encoding: 'utf8' }),
  );
  const tarball = packed[0];
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', path.join(dir, tarball.filename)], {
    cwd: dir,
    stdio: 'pipe',
  });
  return { dir, tarball };
}

/** Run a script inside the consumer project `dir`; return its parsed JSON output. */
export function runIn(dir, file, args = []) {
  const r = spawnSync(process.execPath, [...args, file], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, `${file} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}
