// The GitHub Actions runner protocol, the parts this action uses: inputs from
// `INPUT_<NAME>` (upper-cased, hyphens kept), outputs appended to the `GITHUB_OUTPUT`
// file, `::add-mask::` for secrets, `::error::` annotations. Written out here because the
// bundle must run with only `node` (no `npm install` on the runner).

import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

/** The input `name` (`base-url` is read from `INPUT_BASE-URL`), trimmed; `''` when unset. */
export function input(env, name) {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A workflow command's data with `%`, CR and LF escaped, so it stays one command. */
export function escapeData(text) {
  return String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Tell the runner to hide `secret` in every log line from now on. */
export function mask(out, secret) {
  if (secret) out.write(`::add-mask::${escapeData(secret)}\n`);
}

/** An error annotation of the step. */
export function error(out, message) {
  out.write(`::error title=aiven-fork::${escapeData(message)}\n`);
}

/**
 * Write the step outputs to the `GITHUB_OUTPUT` file, each as a `name<<delimiter` block
 * (a delimiter no value holds), so any value is safe.
 */
export function setOutputs(env, outputs) {
  const file = env.GITHUB_OUTPUT;
  if (!file) throw new Error('GITHUB_OUTPUT is not set: this action runs in a GitHub Actions job');
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    const v = String(value);
    let delimiter = `ghadelimiter_${randomUUID()}`;
    while (v.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${v}\n${delimiter}\n`;
  }
  appendFileSync(file, text, 'utf8');
}
