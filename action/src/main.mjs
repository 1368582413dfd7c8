// The aiven-fork GitHub Action: `mode: fork` forks the source (made deletable, reused on
// a re-run: `created` false) and waits until it is RUNNING; `mode: delete` deletes that
// fork, and nothing else. The same commands as `aiven-fork fork` / `delete`
// (pkg/cli/commands.mjs), inputs from the runner, outputs to it; the token and the
// fork's connection URI (and its password) are masked before anything is written.

import { UsageError, readDuration, readTags } from '../../pkg/cli/args.mjs';
import * as commands from '../../pkg/cli/commands.mjs';
import { forkedText, progressPrinter, runningText, safe } from '../../pkg/cli/output.mjs';
import { error, input, mask, setOutputs } from './runner.mjs';

/** Every line this action prints starts with this, so no API text can open a line (no `::` command). */
const PREFIX = 'aiven-fork: ';

function lines(out) {
  return { write: (text) => out.write(text.split('\n').map((l) => (l ? `${PREFIX}${l}` : l)).join('\n')) };
}

/** `latest`, `backup:NAME`, or a time. */
function recovery(text) {
  if (text === '' || text === 'latest') return {};
  if (text.startsWith('backup:')) return { backup: text.slice('backup:'.length) };
  return { time: text };
}

/** `k=v` pairs, one per line or separated by commas. */
function tags(text) {
  return readTags(text.split(/[\n,]/).map((t) => t.trim()).filter(Boolean));
}

function required(env, name) {
  const v = input(env, name);
  if (!v) throw new UsageError(`the input ${name} is required`);
  return v;
}

function flag(env, name, fallback) {
  const v = input(env, name).toLowerCase();
  if (v === '') return fallback;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new UsageError(`the input ${name} must be true or false, got ${JSON.stringify(v)}`);
}

/** `mask`, once per secret. */
function masker(out) {
  const done = new Set();
  return (secret) => {
    if (!secret || done.has(secret)) return;
    done.add(secret);
    mask(out, secret);
  };
}

/** Mask the connection URI and its password (as written and decoded) of `service`. */
function maskUri(hide, service) {
  const uri = service?.service_uri;
  if (typeof uri !== 'string' || uri === '') return '';
  hide(uri);
  try {
    const { password } = new URL(uri);
    if (password) {
      hide(password);
      hide(decodeURIComponent(password));
    }
  } catch {
    // Not a URL with credentials (Kafka's host:port): the whole URI is masked.
  }
  return uri;
}

/** Run the action: resolves the process exit code (0 done, 1 failed). */
export async function run(env, stdout, signal) {
  const out = lines(stdout);
  const hide = masker(stdout);
  const token = input(env, 'token');
  hide(token);
  try {
    if (!token) throw new UsageError('the input token is required (an Aiven API token, from a secret)');
    const mode = input(env, 'mode') || 'fork';
    if (mode !== 'fork' && mode !== 'delete') throw new UsageError(`the input mode must be fork or delete, got ${JSON.stringify(mode)}`);
    const project = required(env, 'project');
    const source = required(env, 'source');
    const name = required(env, 'name');
    const sourceProject = input(env, 'source-project') || undefined;
    const baseUrl = input(env, 'base-url') || undefined;
    if (mode === 'delete') {
      const api = commands.client(baseUrl, token);
      try {
        const result = await commands.remove(api, { project, name, forkedFrom: source, sourceProject, signal });
        out.write(result.deleted ? `deleted ${safe(name)} (a fork of ${safe(source)}) in ${safe(project)}\n` : `${safe(name)} does not exist in ${safe(project)}: nothing to delete\n`);
        setOutputs(env, { 'service-name': name, deleted: result.deleted });
      } finally {
        api.free();
      }
      return 0;
    }
    const wait = flag(env, 'wait', true);
    const timeout = input(env, 'timeout');
    const timeoutMs = timeout ? readDuration('timeout', timeout) : undefined;
    const poll = input(env, 'poll-interval');
    const pollMs = poll ? readDuration('poll-interval', poll) : undefined;
    const request = commands.forkRequest({
      project, source, name, sourceProject,
      ...recovery(input(env, 'recovery')),
      plan: input(env, 'plan') || undefined,
      cloud: input(env, 'cloud') || undefined,
      tags: tags(input(env, 'tags')),
      copyTags: flag(env, 'copy-tags', false),
    });
    const api = commands.client(baseUrl, token);
    const progress = progressPrinter(out);
    try {
      const result = await commands.fork(api, request, {
        wait, timeoutMs, pollMs, signal,
        onForked: (r) => {
          maskUri(hide, r.service);
          out.write(forkedText(request, r));
        },
        onProgress: (p) => progress.update(p),
      });
      const uri = maskUri(hide, result.service);
      if (wait) out.write(runningText(result.service));
      setOutputs(env, {
        'service-name': result.service.service_name,
        'service-uri': uri,
        state: result.service.state,
        created: result.created,
      });
    } finally {
      api.free();
    }
    return 0;
  } catch (e) {
    error(stdout, `${typeof e?.code === 'string' ? `${e.code}: ` : ''}${e?.message ?? e}`);
    return 1;
  }
}
