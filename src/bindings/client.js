// The JavaScript face of ForkClient (its logic is Rust: src/bindings/client.rs).
// The wasm-bindgen object holding a client's state is private to the module and
// kept here in a module-private WeakMap, never on the ForkClient itself. So:
// after free() every method is a ForkError (`client_freed`) instead of
// wasm-bindgen's plain "null pointer passed to rust"; free() twice does nothing;
// and a client has no writable pointer property that could be forged.
//
// An ES module for the web and bundler builds; scripts/build-pkg.sh turns its
// import and export lines into require / module.exports for the Node build.

import { ForkError } from './boundary.js';

/** Builds a client's state from the constructor options; installed by Rust at start. */
let createState;
/** ForkClient -> its state (a private wasm-bindgen object). */
const states = new WeakMap();

/** Called from Rust once, when the module is instantiated. */
function installClient(create) {
  createState = create;
}

function freed() {
  return new ForkError(
    'client_freed',
    'this ForkClient was freed (free() was called) or is not a ForkClient; create a new client',
  );
}

/** Runs `method` on the state of `client`, or rejects with `client_freed`. */
function call(client, method) {
  const state = states.get(client);
  return state === undefined ? Promise.reject(freed()) : method(state);
}

/** Submits forks built by the rules, safely (no duplicates, bounded abortable retries). */
class ForkClient {
  /** `new ForkClient({ baseUrl = "https://api.aiven.io", token, requestTimeoutMs?, maxRateLimitWaitMs? })` */
  constructor(options) {
    if (createState === undefined) {
      throw new TypeError('the aiven-fork module is not initialised yet: await its init() before new ForkClient()');
    }
    states.set(this, createState(options));
  }

  /** The checked base URL. */
  get baseUrl() {
    const state = states.get(this);
    if (state === undefined) throw freed();
    return state.baseUrl;
  }

  getForkContext(project, service, options) {
    return call(this, (state) => state.getForkContext(project, service, options));
  }

  fork(request, options) {
    return call(this, (state) => state.fork(request, options));
  }

  waitUntilRunning(project, name, options) {
    return call(this, (state) => state.waitUntilRunning(project, name, options));
  }

  forkMany(requests, options) {
    return call(this, (state) => state.forkMany(requests, options));
  }

  listClouds(project, options) {
    return call(this, (state) => state.listClouds(project, options));
  }

  listForks(project, source, options) {
    return call(this, (state) => state.listForks(project, source, options));
  }

  checkFork(request, options) {
    return call(this, (state) => state.checkFork(request, options));
  }

  deleteFork(project, name, options) {
    return call(this, (state) => state.deleteFork(project, name, options));
  }

  /** Release the wasm-side state now (garbage collection also does it); harmless when repeated. */
  free() {
    const state = states.get(this);
    if (state === undefined) return;
    states.delete(this);
    state.free();
  }
}
if (typeof Symbol.dispose === 'symbol') ForkClient.prototype[Symbol.dispose] = ForkClient.prototype.free;

export { ForkClient, installClient };
