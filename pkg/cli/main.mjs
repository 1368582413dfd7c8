// `aiven-fork <command> [flags]`: reads the command line and the token, runs the command
// (commands.mjs), prints its outcome (output.mjs) and answers the exit code (exit.mjs).

import { readFileSync } from 'node:fs';

import { COMMANDS, UsageError, commandHelp, mainHelp, readDuration, readFlags, readTags } from './args.mjs';
import * as commands from './commands.mjs';
import { EXIT, exitCodeFor } from './exit.mjs';
import * as out from './output.mjs';

/** The package version, for `--version`. */
function version() {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

/** The token: `--token-file` (its first line) when given, else `AIVEN_TOKEN`. */
function readToken(values, env) {
  if (values['token-file'] !== undefined) {
    let text;
    try {
      text = readFileSync(values['token-file'], 'utf8');
    } catch (e) {
      throw new UsageError(`--token-file ${JSON.stringify(values['token-file'])} cannot be read (${e.code ?? 'error'})`);
    }
    const token = text.split(/\r?\n/, 1)[0].trim();
    if (!token) throw new UsageError(`--token-file ${JSON.stringify(values['token-file'])} holds no token`);
    return token;
  }
  const token = env.AIVEN_TOKEN?.trim();
  if (!token) throw new UsageError('set AIVEN_TOKEN to an Aiven API token (or give --token-file)');
  return token;
}

/** The options of fork and check, from their flags. */
function forkOptions(v) {
  return {
    project: v.project,
    source: v.source,
    name: v.name,
    sourceProject: v['source-project'],
    time: v.time,
    backup: v.backup,
    plan: v.plan,
    cloud: v.cloud,
    tags: readTags(v.tag),
    copyTags: v['copy-tags'] === true,
  };
}

/**
 * Run `aiven-fork` with `argv` (the words after the program name). `io`: `stdout`,
 * `stderr` (writable streams), `env`, and `signal` (aborted on Ctrl-C). Resolves the
 * exit code; never rejects.
 */
export async function main(argv, io) {
  const { stdout, stderr, env, signal } = io;
  const json = argv.includes('--json');
  const [command, ...rest] = argv;
  const fail = (code, error, result = {}) => {
    if (json) stdout.write(out.jsonDocument({ command: command ?? null, ok: false, exitCode: code, ...result, error: out.errorJson(error) }));
    else stderr.write(error instanceof UsageError ? `error: ${out.safe(error.message)}\n` : out.errorText(error));
    return code;
  };

  if (command === undefined || command === '--help' || command === 'help') {
    (command === undefined ? stderr : stdout).write(mainHelp());
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version') {
    stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    const e = new UsageError(`unknown command ${JSON.stringify(command)} (commands: ${Object.keys(COMMANDS).join(', ')})`);
    if (!json) stderr.write(mainHelp());
    return fail(EXIT.usage, Object.assign(e, { code: 'usage_error' }));
  }

  let v;
  let options;
  let timeoutMs;
  let pollMs;
  let token;
  let api;
  try {
    v = readFlags(command, rest).values;
    if (v.help) {
      stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    if (command !== 'delete') options = forkOptions(v);
    if (command === 'fork') {
      if (v.timeout !== undefined) timeoutMs = readDuration('timeout', v.timeout);
      if (v['poll-interval'] !== undefined) pollMs = readDuration('poll-interval', v['poll-interval']);
    }
    token = readToken(v, env);
  } catch (e) {
    if (e instanceof UsageError) return fail(EXIT.usage, Object.assign(e, { code: 'usage_error' }));
    throw e;
  }

  try {
    api = commands.client(v['base-url'], token);
    if (command === 'delete') {
      const o = { project: v.project, name: v.name, forkedFrom: v['forked-from'], sourceProject: v['source-project'], signal };
      const result = await commands.remove(api, o);
      if (json) stdout.write(out.jsonDocument({ command, ok: true, exitCode: EXIT.ok, deleted: result.deleted, service: commands.summary(result.service) }));
      else stdout.write(out.deleteText(o, result));
      return EXIT.ok;
    }

    const request = commands.forkRequest(options);
    if (command === 'check') {
      const result = await commands.check(api, request, { explain: v.explain === true, signal });
      const code = result.ok ? EXIT.ok : EXIT.refused;
      if (json) {
        stdout.write(out.jsonDocument({ command, ok: result.ok, exitCode: code, report: result.report, existing: commands.summary(result.existing), ...(result.equivalents ? { equivalents: result.equivalents } : {}) }));
      } else {
        if (result.equivalents) stdout.write(out.equivalentsText(result.equivalents));
        stdout.write(out.checkText(request, result));
      }
      return code;
    }

    const wait = v.wait === true;
    const bar = out.progressPrinter(stderr);
    let forked;
    try {
      const result = await commands.fork(api, request, {
        explain: v.explain === true,
        wait,
        timeoutMs,
        pollMs,
        signal,
        onForked: (r) => {
          forked = r;
          if (json) return;
          if (r.equivalents) stdout.write(out.equivalentsText(r.equivalents));
          stdout.write(out.forkedText(request, r));
        },
        onProgress: (p) => bar.update(p),
      });
      bar.end();
      if (json) {
        stdout.write(out.jsonDocument({ command, ok: true, exitCode: EXIT.ok, created: result.created, attempts: result.attempts, service: commands.summary(result.service), ...(result.equivalents ? { equivalents: result.equivalents } : {}) }));
      } else if (wait) {
        stdout.write(out.runningText(result.service));
      }
      return EXIT.ok;
    } catch (e) {
      bar.end();
      // The fork exists when waiting failed: say so (a run of the same command follows it again).
      const known = forked ? { created: forked.created, attempts: forked.attempts, service: commands.summary(forked.service) } : {};
      return fail(exitCodeFor(e), e, known);
    }
  } catch (e) {
    return fail(exitCodeFor(e), e);
  } finally {
    api?.free();
  }
}
