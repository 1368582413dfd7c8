#!/usr/bin/env node
// The `aiven-fork` command (the package's `bin`): `npx aiven-fork --help`.
// Ctrl-C aborts the request in flight and exits 130; a second Ctrl-C stops at once.

import { main } from './main.mjs';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
});
