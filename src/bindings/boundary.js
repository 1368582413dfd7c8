// The JavaScript side of the aiven-fork bindings (the Rust side is
// src/bindings/boundary.rs): the `ForkError` class, the safe input reader
// (`inputTape`), the output builder (`outputJson`, JSON.parse) and the
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

const isArray = Array.isArray;
const keysOf = Object.keys;
const stringify = JSON.stringify;
const parse = JSON.parse;
const dateToJSON = Date.prototype.toJSON;
const protoOf = Object.getPrototypeOf;
const objectProto = Object.prototype;
const encoder = new TextEncoder();

// The input tape (read by core::json::Doc::from_tape): one u32 code per value, in
// JSON.stringify's order, and the text of every key, string and number, one after the
// other. A code's low 3 bits are its kind, the rest its length (a string's or number's
// text, in UTF-16 units) or count (an array's items, an object's fields; an object's
// fields are key, value, key, value, ...).
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const STRING = 3;
const NUMBER = 4;
const ARRAY = 5;
const OBJECT = 6;
// Codes and UTF-8 bytes are written into buffers reused from call to call (the glue
// copies them into wasm memory at once), up to these sizes; larger inputs get their own.
const SCRATCH_CODES = 16 * 1024;
const SCRATCH_TEXT = 64 * 1024;
/** @type {Uint32Array | null} */
let scratchCodes = new Uint32Array(1024);
let scratchBytes = new Uint8Array(4096);
/** The codes of the last `inputTape`, until `inputTapeCodes` takes them. */
const NO_CODES = new Uint32Array(0);
let lastCodes = NO_CODES;
/** What `tapeWalk` answers for data it cannot vouch for (see there). */
const NOT_PLAIN = false;

/** The field path of `keys` under `what`: `.key` and `[index]` segments. */
function pathOf(what, keys, length) {
  let path = what;
  for (let i = 0; i < length; i++) {
    const key = keys[i];
    path = typeof key === 'number' ? path + '[' + key + ']' : path === '' ? key : path + '.' + key;
  }
  return path;
}

/**
 * Reads `value` once, as JSON.stringify would, making every check of `exactJson`
 * (below) on each value in the same order with the same ForkErrors (thrown), and
 * writes the tape: `{codes, text}`. Answers NOT_PLAIN for objects with a `toJSON`
 * other than a valid Date's (an invalid Date, a custom toJSON) and objects that are
 * neither arrays nor plain objects (boxed primitives, class instances, Maps, ...),
 * which `inputTape` then reads with `exactJson`. One walk writing codes and concatenated text costs
 * less than JSON.stringify alone (no escaping, no quotes), and the core reads the
 * tape without parsing.
 */
function tapeWalk(value, what, maxBytes) {
  let nodes = 0;
  let size = 0;
  // The reused buffer, taken while this walk writes it: a getter that calls the
  // library again (a walk inside this one) gets a buffer of its own.
  let codes = scratchCodes ?? new Uint32Array(1024);
  scratchCodes = null;
  let count = 0;
  let text = '';
  // The keys down to the value being read; the objects being read (cycles).
  const keys = [];
  const open = [];
  const failAt = (code, depth, message) => fail(code, pathOf(what, keys, depth), message);
  const tooLarge = () => fail('invalid_request', what, 'is larger than ' + sizeText(maxBytes) + ' as JSON text');
  function put(code) {
    if (count === codes.length) {
      const more = new Uint32Array(codes.length * 2);
      more.set(codes);
      codes = more;
    }
    codes[count++] = code;
  }
  // `val`, found at `keys[0..depth)`; `key` is its key in an object ('' for the root)
  // or undefined for an array item. A value JSON.stringify leaves out (undefined, in
  // an object) writes nothing.
  function visit(val, key, depth) {
    if (++nodes > MAX_NODES) fail('invalid_request', what, 'has more than ' + MAX_NODES + ' values');
    if (key === undefined) {
      size += 1;
    } else {
      size += key.length + 1;
      // The path would hold the broken key: name the object that has it.
      if (!wellFormed(key)) failAt('invalid_value', depth - 1, 'has a key that is ' + NOT_TEXT);
    }
    if (typeof val === 'object' && val !== null) {
      const toJSON = val.toJSON;
      if (typeof toJSON === 'function') {
        // A valid Date is its ISO text (Date.prototype.toJSON ignores its argument).
        if (toJSON !== dateToJSON || !(val instanceof Date)) return NOT_PLAIN;
        val = toJSON.call(val);
        if (typeof val !== 'string') return NOT_PLAIN;
      } else if (!isArray(val)) {
        // Plain objects only: JSON.stringify writes boxed primitives (new Number(1))
        // as their value and reads class instances, Maps, typed arrays, ... its own way.
        const proto = protoOf(val);
        if (proto !== objectProto && proto !== null) return NOT_PLAIN;
      }
    }
    switch (typeof val) {
      case 'string':
        if (val.length > MAX_STRING) failAt('field_too_long', depth, 'is longer than ' + MAX_STRING + ' characters');
        if (!wellFormed(val)) failAt('invalid_value', depth, 'is ' + NOT_TEXT);
        size += val.length;
        if (size > maxBytes) tooLarge();
        put(STRING | (val.length << 3));
        text += val;
        return true;
      case 'number': {
        if (val - val !== 0) failAt('invalid_value', depth, 'must be a finite number');
        // A finite number's text, as JSON.stringify writes it.
        const digits = '' + val;
        put(NUMBER | (digits.length << 3));
        text += digits;
        return true;
      }
      case 'boolean':
        put(val ? TRUE : FALSE);
        return true;
      case 'undefined':
        // JSON.stringify writes null for an array item (and the root), drops a field.
        if (key === undefined || depth === 0) put(NULL);
        return true;
      case 'object': {
        if (val === null) {
          put(NULL);
          return true;
        }
        // Depth counts objects: the root object is at 0.
        if (open.length >= MAX_DEPTH) failAt('invalid_request', depth, 'is nested more than ' + MAX_DEPTH + ' levels deep');
        if (size > maxBytes) tooLarge();
        // JSON.stringify throws on a cycle: the message below, as for a throwing getter.
        if (open.includes(val)) throw new TypeError('cycle');
        open.push(val);
        if (isArray(val)) {
          const n = val.length;
          put(ARRAY | (n << 3));
          for (let i = 0; i < n; i++) {
            keys[depth] = i;
            if (!visit(val[i], undefined, depth + 1)) return NOT_PLAIN;
          }
        } else {
          const names = keysOf(val);
          const at = count;
          let fields = 0;
          put(OBJECT);
          for (let i = 0; i < names.length; i++) {
            const name = names[i];
            const item = val[name];
            keys[depth] = name;
            if (item !== undefined) {
              put(STRING | (name.length << 3));
              text += name;
              fields++;
            }
            if (!visit(item, name, depth + 1)) return NOT_PLAIN;
          }
          codes[at] = OBJECT | (fields << 3);
        }
        open.pop();
        return true;
      }
      default:
        // JSON.stringify would call a BigInt.prototype.toJSON a page defined.
        if (typeof val === 'bigint' && typeof val.toJSON === 'function') return NOT_PLAIN;
        // bigint, symbol, function: not JSON data.
        return failAt('invalid_type', depth, 'must be JSON data, not a ' + typeof val);
    }
  }
  let plain;
  try {
    plain = visit(value, '', 0);
  } finally {
    // Handed back however the walk ended (its codes stay valid until the glue copies
    // them: no JS code of a caller runs in between).
    if (codes.length <= SCRATCH_CODES) scratchCodes = codes;
  }
  if (!plain) return NOT_PLAIN;
  // Keys are counted but not checked on the way (as JSON.stringify's reader did): a
  // text that passed the bound with keys only is refused here, before it is encoded.
  if (size > maxBytes) tooLarge();
  return { codes: codes.subarray(0, count), text };
}

/**
 * Called from Rust: reads an untrusted `value` as JSON data and answers the UTF-8
 * bytes of its tape's text; the codes follow with `inputTapeCodes()` (see `tapeWalk`).
 * Throws a ForkError when it is not JSON-like data or its JSON text would be longer
 * than `maxBytes` (checked while reading, so a huge input, or one string shared by a
 * thousand fields, is refused after reading about `maxBytes` of it; the core checks
 * the exact length). Dates become ISO strings (an invalid Date becomes the text
 * "Invalid Date", which the time rules reject as `invalid_time`). `undefined` fields
 * are dropped, as JSON.stringify does.
 */
function inputTape(value, what, maxBytes) {
  let tape;
  try {
    tape = tapeWalk(value, what, maxBytes);
    // Not plain: the exact reader's text, read back as plain data.
    if (tape === NOT_PLAIN) tape = tapeWalk(parse(exactJson(value, what, maxBytes) ?? 'null'), what, maxBytes);
  } catch (error) {
    if (error instanceof ForkError) throw error;
    // A cycle, a throwing getter or Proxy trap, a toJSON that threw: never
    // echo the thrown value itself (it may be anything, even a Proxy).
    throw newForkError(
      'invalid_request',
      (what === '' ? 'request' : what) + ' could not be read as JSON data (a cycle, or a getter, proxy or toJSON threw)',
    );
  }
  lastCodes = tape.codes;
  return utf8(tape.text);
}

/** Called from Rust right after `inputTape`: the codes of its tape. */
function inputTapeCodes() {
  const codes = lastCodes;
  lastCodes = NO_CODES;
  return codes;
}

/** The UTF-8 bytes of `text`; valid only until the next call (see SCRATCH_TEXT). */
function utf8(text) {
  if (text.length > SCRATCH_TEXT) return encoder.encode(text);
  // At most three bytes per UTF-16 unit.
  if (scratchBytes.length < text.length * 3) scratchBytes = new Uint8Array(SCRATCH_TEXT * 3);
  const { written } = encoder.encodeInto(text, scratchBytes);
  return scratchBytes.subarray(0, written);
}

/**
 * JSON text for any `value` `tapeWalk` does not vouch for, by JSON.stringify with a
 * replacer that makes the same checks on every value (throwing the same ForkErrors).
 */
function exactJson(value, what, maxBytes) {
  // object -> holder link {holder, key, depth}. Every object is registered before its
  // children are visited, so a holder missing here is JSON.stringify's wrapper (the
  // root, depth 0). The field path of a node is only built when an error must name it
  // (walking these links back). A Date arrives here as its toJSON() text (ISO); only
  // an invalid one (toJSON null) needs the original, read again only for null values.
  const links = new Map();
  let nodes = 0;
  // A lower bound of the JSON text's size in bytes: every key and string counts its
  // UTF-16 length (never more than its UTF-8 bytes), every other value one byte.
  // Passing `maxBytes` stops the read at once; the core checks the exact size.
  let size = 0;
  const tooLarge = () =>
    fail('invalid_request', what, 'is larger than ' + sizeText(maxBytes) + ' as JSON text');
  /** The field path of `holder[key]` (`what`, then `.key` / `[index]` segments). */
  function linkPath(holder, key) {
    const link = links.get(holder);
    if (link === undefined) return what;
    const base = linkPath(link.holder, link.key);
    if (isArray(holder)) return base + '[' + key + ']';
    return base === '' ? key : base + '.' + key;
  }
  function replacer(key, val) {
    if (++nodes > MAX_NODES) fail('invalid_request', what, 'has more than ' + MAX_NODES + ' values');
    // Array indexes are not in the text; an element costs at least one byte.
    const inArray = isArray(this);
    size += (inArray ? 0 : key.length) + 1;
    if (!inArray && !wellFormed(key)) {
      // The path would hold the broken key: name the object that has it.
      const link = links.get(this);
      fail('invalid_value', link === undefined ? what : linkPath(link.holder, link.key), 'has a key that is ' + NOT_TEXT);
    }
    switch (typeof val) {
      case 'string':
        if (val.length > MAX_STRING) fail('field_too_long', linkPath(this, key), 'is longer than ' + MAX_STRING + ' characters');
        if (!wellFormed(val)) fail('invalid_value', linkPath(this, key), 'is ' + NOT_TEXT);
        size += val.length;
        if (size > maxBytes) tooLarge();
        return val;
      case 'number':
        if (!Number.isFinite(val)) fail('invalid_value', linkPath(this, key), 'must be a finite number');
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
        if (depth >= MAX_DEPTH) fail('invalid_request', linkPath(this, key), 'is nested more than ' + MAX_DEPTH + ' levels deep');
        if (size > maxBytes) tooLarge();
        links.set(val, { holder: this, key, depth });
        return val;
      }
      default:
        // bigint, symbol, function: not JSON data.
        fail('invalid_type', linkPath(this, key), 'must be JSON data, not a ' + typeof val);
    }
    return undefined;
  }
  return stringify(value, replacer);
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

export { ForkError, PreparedForkContext, newForkError, inputTape, inputTapeCodes, newCheck, outputJson, newPrepared, preparedId };
