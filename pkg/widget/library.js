// The aiven-fork library as the widget uses it: the web build next to this folder
// (`../web/aiven_fork.js`, which finds its .wasm through import.meta.url, so no import map
// or bundler setting is needed), initialised once per page for every <aiven-fork>.

import init, {
  describeConnection, explainForkError, forkChoices, forkEquivalents, formatTime, prepareForkContext, productName,
  validateFork, ForkClient,
} from '../web/aiven_fork.js';

import { localOffsetOf, parseTime } from './format.js';

export { describeConnection, explainForkError, forkChoices, forkEquivalents, prepareForkContext, productName, validateFork };

let ready = null;

/** Load the WebAssembly module once; a failed load is tried again on the next call (Retry). */
export function ensureReady() {
  if (!ready) {
    ready = init().catch((err) => {
      ready = null;
      throw err;
    });
  }
  return ready;
}

/**
 * A ForkClient for the element's settings: `baseUrl` always, `token`, `headers` and
 * `credentials` only when set. The library decides what is allowed (e.g. no token with a
 * same-origin path such as `/aiven-api`); its ForkError is the caller's to show.
 */
export function newClient({ baseUrl, token, headers, credentials }) {
  const options = { baseUrl };
  if (token) options.token = token;
  if (headers) options.headers = headers;
  if (credentials) options.credentials = credentials;
  return new ForkClient(options);
}

/**
 * A time as the library writes it for people (`2026-11-22 20:58:41 UTC`), or in this
 * browser's zone with its offset there (`local: true`), or at a given `offsetMinutes`;
 * `seconds` as formatTime takes it. The text itself when the library cannot read it.
 */
export function peopleTime(time, { local = false, offsetMinutes, seconds = 'down' } = {}) {
  try {
    const options = { seconds };
    if (offsetMinutes !== undefined) {
      options.offsetMinutes = offsetMinutes;
    } else if (local) {
      const at = parseTime(time);
      if (!at) return String(time ?? '');
      options.offsetMinutes = localOffsetOf(at.getTime());
    }
    return formatTime(time, options);
  } catch {
    return String(time ?? '');
  }
}
