// The command line of `aiven-fork`: the commands, their flags (read with node:util
// parseArgs), their help texts, and the checks that make a bad command line a usage
// error naming the flag. No request is built and nothing is sent here.

import { parseArgs } from 'node:util';

import { EXIT_TABLE } from './exit.mjs';

/** A usage error (exit 2): the message names what is wrong on the command line. */
export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

const COMMON = {
  'base-url': { type: 'string', arg: 'URL', help: 'API base URL (default https://api.aiven.io; plain http only to this machine)' },
  'token-file': { type: 'string', arg: 'FILE', help: 'read the token from FILE instead of AIVEN_TOKEN' },
  json: { type: 'boolean', help: 'print one JSON document on stdout (progress stays on stderr)' },
  help: { type: 'boolean', help: 'show this help' },
};

const REQUEST = {
  project: { type: 'string', arg: 'P', help: 'project the fork goes to (required)' },
  source: { type: 'string', arg: 'S', help: 'service to fork (required)' },
  name: { type: 'string', arg: 'N', help: "the fork's name (required)" },
  'source-project': { type: 'string', arg: 'SP', help: "the source's project, when it is not --project" },
  time: { type: 'string', arg: 'T', help: 'restore to this time (point-in-time recovery), e.g. "2026-03-01 09:30:00+00:00"' },
  backup: { type: 'string', arg: 'B', help: 'restore this named backup (default: the latest state)' },
  plan: { type: 'string', arg: 'PLAN', help: "the fork's plan (default: the source's)" },
  cloud: { type: 'string', arg: 'CLOUD', help: "the fork's cloud (default: the source's)" },
  tag: { type: 'string', multiple: true, arg: 'K=V', help: 'a tag of the fork (repeatable)' },
  'copy-tags': { type: 'boolean', help: "copy the source's tags to the fork" },
  explain: { type: 'boolean', help: 'also print the same fork as avn, curl and Terraform' },
};

const WAIT = {
  wait: { type: 'boolean', help: 'follow the fork until it is RUNNING (progress on stderr)' },
  timeout: { type: 'string', arg: 'DURATION', help: 'give up waiting after DURATION (90s, 30m, 2h; default: no limit)' },
  'poll-interval': { type: 'string', arg: 'DURATION', help: 'time between status reads while waiting (default 5s)' },
};

const DELETE = {
  project: { type: 'string', arg: 'P', help: "the fork's project (required)" },
  name: { type: 'string', arg: 'N', help: "the fork's name (required)" },
  'forked-from': { type: 'string', arg: 'S', help: 'the service it must be a fork of (required)' },
  'source-project': { type: 'string', arg: 'SP', help: "the source's project, when it is not --project" },
};

/** Every command: its flags, required flags, one-line summary and what it does. */
export const COMMANDS = {
  fork: {
    flags: { ...REQUEST, ...WAIT, ...COMMON },
    required: ['project', 'source', 'name'],
    summary: 'fork a service (checked against the live account first; running it again is safe)',
    about: [
      'Validates the fork against the live account first and sends nothing when a rule fails.',
      'Forking again with the same name and source creates nothing and reports created: false.',
      'The fork is tagged aiven-fork-source=<source>, which `aiven-fork delete` requires.',
    ],
  },
  check: {
    flags: { ...REQUEST, ...WAIT, ...COMMON },
    required: ['project', 'source', 'name'],
    summary: "a dry run of fork: every rule against the live account and the plan's price; creates nothing",
    about: [
      "Takes fork's flags (--wait, --timeout and --poll-interval have nothing to wait for and are ignored).",
      'Exit 0 when fork would succeed (or the fork already exists), 1 when a rule fails.',
    ],
  },
  delete: {
    flags: { ...DELETE, ...COMMON },
    required: ['project', 'name', 'forked-from'],
    summary: 'delete a fork made by aiven-fork from --forked-from (anything else is refused)',
    about: [
      'Deletes --name only when it is a fork of --forked-from carrying the tag aiven-fork sets on',
      'the forks it makes, and termination protection is off. A service that does not exist is',
      'not an error (nothing to delete).',
    ],
  },
};

const TOKEN_NOTE = 'The token is read from the AIVEN_TOKEN environment variable (or --token-file), never from a flag, and never printed.';

function flagLines(flags) {
  const rows = Object.entries(flags).map(([name, f]) => [`--${name}${f.arg ? ` ${f.arg}` : ''}`, f.help]);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`);
}

/** The help of the whole command. */
export function mainHelp() {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'usage: aiven-fork <command> [flags]',
    '',
    'Fork Aiven services safely: every fork rule checked before anything is sent.',
    '',
    'commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n].summary}`),
    '',
    'Run `aiven-fork <command> --help` for its flags.',
    TOKEN_NOTE,
    '',
    'exit codes:',
    ...EXIT_TABLE.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`),
    '',
  ].join('\n');
}

/** The help of one command. */
export function commandHelp(name) {
  const c = COMMANDS[name];
  const usage = c.required.map((f) => `--${f} ${c.flags[f].arg}`).join(' ');
  return [
    `usage: aiven-fork ${name} ${usage} [flags]`,
    '',
    `${c.summary[0].toUpperCase()}${c.summary.slice(1)}.`,
    ...c.about,
    '',
    'flags:',
    ...flagLines(c.flags),
    '',
    TOKEN_NOTE,
    '',
  ].join('\n');
}

/**
 * Read `args` (the words after the command name) for `command`: `{ values }` with every
 * flag given (`tag` a list). Throws UsageError for the first problem in order: an
 * unknown flag, a short option, a stray word, a missing value, a value given to a
 * switch, a token flag, then a missing required flag.
 */
export function readFlags(command, args) {
  const { flags, required } = COMMANDS[command];
  const options = Object.fromEntries(Object.entries(flags).map(([k, f]) => [k, { type: f.type, multiple: f.multiple === true }]));
  const { values, tokens } = parseArgs({ args, options, strict: false, tokens: true, allowPositionals: true });
  for (const token of tokens) {
    if (token.kind === 'option-terminator') throw new UsageError('unexpected argument: --');
    if (token.kind === 'positional') throw new UsageError(`unexpected argument: ${token.value}`);
    if (!token.rawName.startsWith('--')) throw new UsageError(`unexpected argument: ${args[token.index]}`);
    const name = token.name;
    if (name === 'token') throw new UsageError('the token is read from AIVEN_TOKEN (or --token-file), never from a flag');
    const flag = Object.hasOwn(flags, name) ? flags[name] : undefined;
    if (flag === undefined) throw new UsageError(`unknown flag --${name} for ${command} (see aiven-fork ${command} --help)`);
    if (flag.type === 'boolean' && token.value !== undefined) throw new UsageError(`--${name} takes no value`);
    if (flag.type === 'string' && (token.value === undefined || (token.inlineValue !== true && token.value.startsWith('--')))) {
      throw new UsageError(`--${name} needs a value`);
    }
  }
  if (values.help) return { values };
  for (const f of required) {
    if (values[f] === undefined || values[f] === '') throw new UsageError(`--${f} is required`);
  }
  if (values.time !== undefined && values.backup !== undefined) throw new UsageError('--time and --backup exclude each other');
  return { values };
}

/** `k=v` tags as an object; throws UsageError for a word without `=`, or a key given twice. */
export function readTags(list = []) {
  const tags = {};
  for (const item of list) {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`--tag takes KEY=VALUE, got ${JSON.stringify(item)}`);
    const key = item.slice(0, at);
    if (Object.hasOwn(tags, key)) throw new UsageError(`--tag ${key} is given twice`);
    tags[key] = item.slice(at + 1);
  }
  return tags;
}

const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration (`500ms`, `90s`, `30m`, `1.5h`) in milliseconds; UsageError otherwise. */
export function readDuration(flag, text) {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  const ms = m ? Number(m[1]) * UNITS[m[2]] : NaN;
  if (!(ms > 0) || !Number.isFinite(ms)) throw new UsageError(`--${flag} takes a duration like 90s, 30m or 2h, got ${JSON.stringify(text)}`);
  return ms;
}
