// The JavaScript side of the aiven-fork bindings (the Rust side is
// src/bindings/boundary.rs): the `ForkError` class, the safe input reader
// (`inputJson`), the output builder (`outputJson`, JSON.parse) and the
// `PreparedForkContext` handles with their module-private marker. Kept in JS on purpose: a real
// `class ... extends Error` can only be declared here, and reading untrusted
// objects (getters, Proxies, cycles, 100k-level nesting) with try/catch in JS
// never traps the WebAssembly module.
//
// This file is an ES module for the web and bundler builds; scripts/build-pkg.sh
// turns its last line into `module.exports` for the Node CommonJS build.

// Mirrors core::json::MAX_DEPTH / MAX_STRING_BYTES (the core re-checks both).
const MAX_DEPTH = 32;
const MAX_STRING = 65536;
const MAX_NODES = 100000;
const MIB = 1024 * 1024;

// Lone surrogates (half of a UTF-16 pair) are not text: JSON.stringify would write
// them as \udXXX escapes that no UTF-8 API can take. `isWellFormed` (native; captured
// here, so patching String.prototype later changes nothing) or, on engines without
// it, a Unicode-mode regex that matches only unpaired surrogates.
const nativeWellFormed = String.prototype.isWellFormed;
const LONE_SURROGATE = /\p{Surrogate}/u;
const wellFormed =
  typeof nativeWellFormed === 'function'
    ? (s) => nativeWellFormed.call(s)
    : (s) => !LONE_SURROGATE.test(s);

/** The error every aiven-fork entry point throws. */
class ForkError extends Error {
  /**
   * @param {string} code stable machine-readable code (`source_has_no_backup`, ...)
   * @param {string} message human-readable message
   * @param {Array<{code: string, field: string, message: string}>} [errors] every finding
   * @param {number} [status] HTTP status, for API failures
   * @param {string} [serverMessage] the API's own message, for API failures
   */
  constructor(code, message, errors, status, serverMessage) {
    super(message);
    this.name = 'ForkError';
    this.code = code;
    this.errors = Array.isArray(errors) ? errors : [{ code, field: '', message }];
    if (status !== undefined && status !== null) this.status = status;
    if (serverMessage !== undefined && serverMessage !== null) this.serverMessage = serverMessage;
  }
}

/** Called from Rust: a new ForkError (returned, not thrown; Rust returns it as `Err`). */
function newForkError(code, message, errors, status, serverMessage) {
  return new ForkError(code, message, errors, status, serverMessage);
}

const NOT_TEXT = 'not valid Unicode text (it holds a lone surrogate)';

function fail(code, field, message) {
  const text = (field === '' ? 'the request' : field) + ' ' + message;
  const error = new ForkError(code, text, [{ code, field, message: text }]);
  throw error;
}

/**
 * Called from Rust: JSON text for `value`, or a ForkError (returned) when it is
 * not JSON-like data or its JSON text would be longer than `maxBytes` (checked
 * while reading, so a huge input, or one string shared by a thousand fields, is
 * refused after reading about `maxBytes` of it). Dates become ISO strings (an
 * invalid Date becomes the text "Invalid Date", which the time rules reject as
 * `invalid_time`). `undefined` fields are dropped, as JSON.stringify does.
 */
function inputJson(value, what, maxBytes) {
  if (value === undefined) return 'null';
  // object -> holder link {holder, key, depth}. Every object is registered before its
  // children are visited, so a holder missing here is JSON.stringify's wrapper (the
  // root, depth 0). The field path of a node is only built when an error must name it
  // (walking these links back), so a valid input costs one typeof per value and one
  // Map get + set per object, instead of a path string and a Map entry per value.
  // A Date arrives here as its toJSON() text (ISO); only an invalid one (toJSON null)
  // needs the original, read again only for null values.
  const links = new Map();
  let nodes = 0;
  // A lower bound of the JSON text's size in bytes: every key and string counts its
  // UTF-16 length (never more than its UTF-8 bytes), every other value one byte.
  // Passing `maxBytes` stops the read at once; the core checks the exact size.
  let size = 0;
  const tooLarge = () =>
    fail('invalid_request', what, 'is larger than ' + sizeText(maxBytes) + ' as JSON text');
  /** The field path of `holder[key]` (`what`, then `.key` / `[index]` segments). */
  function pathOf(holder, key) {
    const link = links.get(holder);
    if (link === undefined) return what;
    const base = pathOf(link.holder, link.key);
    if (Array.isArray(holder)) return base + '[' + key + ']';
    return base === '' ? key : base + '.' + key;
  }
  function replacer(key, val) {
    if (++nodes > MAX_NODES) fail('invalid_request', what, 'has more than ' + MAX_NODES + ' values');
    // Array indexes are not in the text; an element costs at least one byte.
    const inArray = Array.isArray(this);
    size += (inArray ? 0 : key.length) + 1;
    if (!inArray && !wellFormed(key)) {
      // The path would hold the broken key: name the object that has it.
      const link = links.get(this);
      fail('invalid_value', link === undefined ? what : pathOf(link.holder, link.key), 'has a key that is ' + NOT_TEXT);
    }
    switch (typeof val) {
      case 'string':
        if (val.length > MAX_STRING) fail('field_too_long', pathOf(this, key), 'is longer than ' + MAX_STRING + ' characters');
        if (!wellFormed(val)) fail('invalid_value', pathOf(this, key), 'is ' + NOT_TEXT);
        size += val.length;
        if (size > maxBytes) tooLarge();
        return val;
      case 'number':
        if (!Number.isFinite(val)) fail('invalid_value', pathOf(this, key), 'must be a finite number');
        return val;
      case 'boolean':
      case 'undefined':
        return val;
      case 'object': {
        if (val === null) {
          // An invalid Date's toJSON gives null: say "Invalid Date" so the time rules name it.
          const original = this[key];
          return original instanceof Date ? 'Invalid Date' : val;
        }
        const parent = links.get(this);
        const depth = parent === undefined ? 0 : parent.depth + 1;
        if (depth >= MAX_DEPTH) fail('invalid_request', pathOf(this, key), 'is nested more than ' + MAX_DEPTH + ' levels deep');
        if (size > maxBytes) tooLarge();
        links.set(val, { holder: this, key, depth });
        return val;
      }
      default:
        // bigint, symbol, function: not JSON data.
        fail('invalid_type', pathOf(this, key), 'must be JSON data, not a ' + typeof val);
    }
    return undefined;
  }
  try {
    const text = JSON.stringify(value, replacer);
    if (typeof text !== 'string') return 'null';
    // Escapes can make the text longer than the bound counted above.
    if (text.length > maxBytes) tooLarge();
    return text;
  } catch (error) {
    if (error instanceof ForkError) return error;
    // A cycle, a throwing getter or Proxy trap, a toJSON that threw: never
    // echo the thrown value itself (it may be anything, even a Proxy).
    return newForkError(
      'invalid_request',
      (what === '' ? 'request' : what) + ' could not be read as JSON data (a cycle, or a getter, proxy or toJSON threw)',
    );
  }
}

/** "1 MiB", "16 MiB", or bytes for other sizes. */
function sizeText(bytes) {
  return bytes % MIB === 0 ? bytes / MIB + ' MiB' : bytes + ' bytes';
}

/** Called from Rust: the `{ report, call }` answer of checkForkRequest. */
function newCheck(report, call) {
  return { report, call };
}

/** Called from Rust: every output object is built from JSON text (own data properties only). */
function outputJson(text) {
  return JSON.parse(text);
}

// PreparedForkContext handles (src/bindings/prepared.rs): each handle -> { id, owner },
// its id in the Rust registry and the private wasm-bindgen object whose release
// removes that entry (null once released). Module-private, so the marker cannot be forged (a handle has
// no properties at all); a WeakMap lookup runs no user code (no getters, no Proxy
// traps) and lets a dropped handle be collected, its owner with it.
const prepared = new WeakMap();

/** A fork context read once and kept in WebAssembly memory (`prepareForkContext`). */
class PreparedForkContext {
  constructor() {
    throw new ForkError(
      'invalid_request',
      'PreparedForkContext has no public constructor: use prepareForkContext(context)',
    );
  }

  /** Release the wasm-side copy now (garbage collection also does it); harmless when repeated. */
  free() {
    const entry = prepared.get(this);
    if (entry === undefined || entry.owner === null) return;
    const { owner } = entry;
    // The id stays: a freed handle is still recognised, and named as freed.
    entry.owner = null;
    owner.free();
  }
}
if (typeof Symbol.dispose === 'symbol') PreparedForkContext.prototype[Symbol.dispose] = PreparedForkContext.prototype.free;

/** Called from Rust: a new handle for prepared context `id`, owned by `owner`. */
function newPrepared(owner, id) {
  const handle = Object.create(PreparedForkContext.prototype);
  prepared.set(handle, { id, owner });
  return handle;
}

/** Called from Rust: the id of a PreparedForkContext handle (freed or not), or undefined for anything else. */
function preparedId(value) {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return prepared.get(value)?.id;
}

export { ForkError, PreparedForkContext, newForkError, inputJson, newCheck, outputJson, newPrepared, preparedId };
