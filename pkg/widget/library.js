// The aiven-fork library as the widget uses it: the web build next to this folder
// (`../web/aiven_fork.js`, which finds its .wasm through import.meta.url, so no import map
// or bundler setting is needed), initialised once per page for every <aiven-fork>.

import init, { forkChoices, forkEquivalents, prepareForkContext, validateFork, ForkClient } from '../web/aiven_fork.js';

export { forkChoices, forkEquivalents, prepareForkContext, validateFork };

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
