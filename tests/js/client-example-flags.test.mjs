// examples/fork.mjs flag handling (node:util parseArgs, then its own checks in order):
// every malformed command line is a usage error, exit 2, with the script's message
// on the first line of stderr and the usage after it. Nothing here reaches a network.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { before, test } from 'node:test';

import { ROOT, loadPackage } from './client-support.mjs';

const SCRIPT = path.join(ROOT, 'examples/fork.mjs');
const TOKEN = 'flags-test-token-5e1b7d';
const USAGE = 'usage: AIVEN_TOKEN=... node examples/fork.mjs --project P --source S --name N';
const VALID = ['--base-url', 'http://127.0.0.1:9', '--project', 'p', '--source', 's', '--name', 'n'];

before(async () => {
  await loadPackage();
});

function run(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, AIVEN_TOKEN: TOKEN }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
  });
}

async function usageError(args, message) {
  const r = await run(args);
  assert.equal(r.code, 2, `${args.join(' ')}\n${r.stderr}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n');
  assert.equal(lines[0], `error: ${message}`);
  assert.equal(lines[1], USAGE);
  assert.ok(!r.stderr.includes(TOKEN));
}

test('an unknown flag names the flag', async () => {
  await usageError([...VALID, '--bogus'], 'unknown flag --bogus');
  await usageError(['--bogus=1', ...VALID], 'unknown flag --bogus');
});

test('short options and positional arguments are refused as typed', async () => {
  await usageError([...VALID, '-w'], 'unexpected argument: -w');
  await usageError([...VALID, '-abc'], 'unexpected argument: -abc');
  await usageError([...VALID, 'extra'], 'unexpected argument: extra');
  await usageError([...VALID, '--', 'x'], 'unknown flag --');
});

test('the token is never a flag', async () => {
  await usageError([...VALID, '--token', TOKEN], 'the token is read from AIVEN_TOKEN, never from a flag');
  await usageError([`--token=${TOKEN}`, ...VALID], 'the token is read from AIVEN_TOKEN, never from a flag');
});

test('switches take no value and value flags need one', async () => {
  await usageError([...VALID, '--wait=yes'], '--wait takes no value');
  await usageError([...VALID, '--copy-tags='], '--copy-tags takes no value');
  await usageError([...VALID, '--plan'], '--plan needs a value');
  await usageError(['--project', '--source', 's', '--name', 'n'], '--project needs a value');
  await usageError(['--project=--source', 's'], '--project needs a value');
});

test('the first problem on the command line is the one reported', async () => {
  await usageError(['--bogus', '--token', 'x'], 'unknown flag --bogus');
  await usageError(['--token', 'x', '--bogus'], 'the token is read from AIVEN_TOKEN, never from a flag');
});

test('values are checked after reading', async () => {
  await usageError(['--project=', '--source', 's', '--name', 'n'], '--project is required');
  await usageError([...VALID, '--timeout-ms', '-5'], '--timeout-ms must be a positive number');
  await usageError([...VALID, '--poll-ms=0'], '--poll-ms must be a positive number');
});

test('--help prints the usage only', async () => {
  const r = await run(['--help']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `${USAGE}\n  [--source-project SP] [--time T | --backup B] [--plan PLAN] [--cloud CLOUD]\n  [--copy-tags] [--wait] [--timeout-ms MS] [--poll-ms MS] [--base-url URL]\n`);
});
