// `aiven-fork/web`: the browser build without a bundler. Same API as the main
// entry, plus `init` (await it once before calling anything) and `initSync`.
export * from './aiven-fork.js';

/** Where to load the module from: a URL, a Response, bytes or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Load and instantiate the WebAssembly module (defaults to `aiven_fork_bg.wasm`
 * next to this file). Call once, before any other function.
 */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> },
): Promise<WebAssembly.Exports>;

/** Instantiate synchronously from bytes or a compiled module (Node, workers). */
export declare function initSync(module: { module: BufferSource | WebAssembly.Module }): WebAssembly.Exports;
