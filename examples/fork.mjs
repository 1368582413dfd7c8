#!/usr/bin/env node
// Fork an Aiven service from the command line with aiven-fork's ForkClient.
//
//   AIVEN_TOKEN=... node examples/fork.mjs --project P --source S --name N \
//       [--source-project SP] [--time T | --backup B] [--plan PLAN] [--cloud CLOUD] \
//       [--copy-tags] [--wait] [--timeout-ms MS] [--poll-ms MS] [--base-url URL]
//
// The token comes from the AIVEN_TOKEN environment variable only (a flag would end
// up in shell history and `ps`), and is never printed.
//
// Exit codes: 0 forked (or the same fork already existed) [and RUNNING with --wait],
// 1 refused before sending (a fork rule), 2 usage error, 3 API or network failure,
// 4 --wait timed out, 130 interrupted (Ctrl-C aborts cleanly).
//
// In your own project: `import { ForkClient } from 'aiven-fork';`
import { parseArgs } from 'node:util';

import { ForkClient } from '../pkg/node/aiven_fork.cjs';

const USAGE = `usage: AIVEN_TOKEN=... node examples/fork.mjs --project P --source S --name N
  [--source-project SP] [--time T | --backup B] [--plan PLAN] [--cloud CLOUD]
  [--copy-tags] [--wait] [--timeout-ms MS] [--poll-ms MS] [--base-url URL]`;

const EXIT = { ok: 0, refused: 1, usage: 2, failed: 3, timeout: 4, interrupted: 130 };

/** The flags, as `node:util` parseArgs options. The token is deliberately not one. */
const OPTIONS = {
  project: { type: 'string' },
  source: { type: 'string' },
  name: { type: 'string' },
  'source-project': { type: 'string' },
  time: { type: 'string' },
  backup: { type: 'string' },
  plan: { type: 'string' },
  cloud: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'poll-ms': { type: 'string' },
  'base-url': { type: 'string' },
  wait: { type: 'boolean' },
  'copy-tags': { type: 'boolean' },
  help: { type: 'boolean' },
};

function usage(message) {
  if (message) process.stderr.write(`error: ${message}\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(EXIT.usage);
}

/**
 * The flags as `{ project: 'P', wait: true, ... }` (`--flag value` or `--flag=value`;
 * the last of a repeated flag wins). parseArgs reads them; its tokens are checked in
 * order, so the first problem is the one reported, as a usage error (exit 2).
 */
function readFlags(args) {
  const { values, tokens } = parseArgs({ args, options: OPTIONS, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'option-terminator') usage('unknown flag --');
    // Positionals and short options (`-x`, `-abc`): named as typed.
    if (token.kind === 'positional' || !token.rawName.startsWith('--')) usage(`unexpected argument: ${args[token.index]}`);
    const flag = token.name;
    if (flag === 'token') usage('the token is read from AIVEN_TOKEN, never from a flag');
    const type = Object.hasOwn(OPTIONS, flag) ? OPTIONS[flag].type : undefined;
    if (type === undefined) usage(`unknown flag --${flag}`);
    if (type === 'boolean' && token.value !== undefined) usage(`--${flag} takes no value`);
    if (type === 'string' && (token.value === undefined || token.value.startsWith('--'))) usage(`--${flag} needs a value`);
  }
  return values;
}

function positiveNumber(opts, flag) {
  if (opts[flag] === undefined) return undefined;
  const n = Number(opts[flag]);
  if (!Number.isFinite(n) || n <= 0) usage(`--${flag} must be a positive number`);
  return n;
}

/** `[#######.............]  35% basebackup` on a terminal; one line per phase otherwise. */
function progressPrinter() {
  const tty = process.stderr.isTTY;
  let last = '';
  return {
    update(p) {
      const phase = p.phase ?? p.state.toLowerCase();
      const pct = p.percent ?? 0;
      if (tty) {
        const width = 24;
        const done = Math.round((pct / 100) * width);
        process.stderr.write(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${String(Math.floor(pct)).padStart(3)}% ${phase.padEnd(20)}`);
      } else if (phase !== last) {
        process.stderr.write(`progress: ${phase}${p.percent === null ? '' : ` ${Math.floor(pct)}%`}\n`);
      }
      last = phase;
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

function report(error) {
  // ForkError: a stable code, a message, every finding; never the token.
  process.stderr.write(`error: ${error.code ?? 'unexpected'}: ${error.message}\n`);
  if (Array.isArray(error.errors) && error.errors.length > 1) {
    for (const e of error.errors) process.stderr.write(`  - ${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message}\n`);
  }
  if (error.status !== undefined) process.stderr.write(`  HTTP ${error.status}${error.serverMessage ? `: ${error.serverMessage}` : ''}\n`);
}

function exitCodeFor(error) {
  if (error?.code === 'aborted') return EXIT.interrupted;
  if (error?.code === 'wait_timeout') return EXIT.timeout;
  if (['insecure_base_url', 'invalid_base_url', 'missing_field'].includes(error?.code) && error.status === undefined && error.errors?.[0]?.field === 'baseUrl') return EXIT.usage;
  if (error?.status !== undefined || ['network_error', 'rate_limited', 'api_error', 'invalid_response'].includes(error?.code)) return EXIT.failed;
  return EXIT.refused;
}

async function main() {
  const opts = readFlags(process.argv.slice(2));
  if (opts.help) usage();
  for (const f of ['project', 'source', 'name']) if (!opts[f]) usage(`--${f} is required`);
  if (opts.time && opts.backup) usage('--time and --backup exclude each other');
  const token = process.env.AIVEN_TOKEN;
  if (!token) usage('set AIVEN_TOKEN to an Aiven API token');
  const timeoutMs = positiveNumber(opts, 'timeout-ms');
  const pollMs = positiveNumber(opts, 'poll-ms');

  let client;
  try {
    client = new ForkClient({ baseUrl: opts['base-url'], token });
  } catch (error) {
    report(error);
    process.exit(EXIT.usage);
  }

  const request = {
    project: opts.project,
    serviceName: opts.name,
    source: { service: opts.source, ...(opts['source-project'] ? { project: opts['source-project'] } : {}) },
    recovery: opts.time ? { mode: 'time', time: opts.time } : opts.backup ? { mode: 'backup', name: opts.backup } : { mode: 'latest' },
    ...(opts.plan ? { plan: opts.plan } : {}),
    ...(opts.cloud ? { cloud: opts.cloud } : {}),
    ...(opts['copy-tags'] ? { copyTags: true } : {}),
  };

  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());

  try {
    const { service, created, attempts } = await client.fork(request, { signal: controller.signal });
    const how = created ? 'created' : 'already existed';
    process.stdout.write(`fork ${service.service_name} of ${opts.source} in ${opts.project}: ${how} (${service.service_type}, ${service.plan}, ${service.state}; ${attempts} create call${attempts === 1 ? '' : 's'})\n`);
    if (opts.wait) {
      const bar = progressPrinter();
      try {
        const running = await client.waitUntilRunning(opts.project, opts.name, {
          signal: controller.signal,
          onProgress: (p) => bar.update(p),
          ...(timeoutMs ? { timeoutMs } : {}),
          ...(pollMs ? { pollMs } : {}),
        });
        bar.end();
        process.stdout.write(`${running.service_name} is ${running.state}\n`);
      } catch (error) {
        bar.end();
        throw error;
      }
    }
    return EXIT.ok;
  } catch (error) {
    report(error);
    return exitCodeFor(error);
  }
}

process.exitCode = await main();
