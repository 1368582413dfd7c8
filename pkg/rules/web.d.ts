// `aiven-fork/rules/web`: the rules-only browser build without a bundler. Same API as
// `aiven-fork/rules`, plus `init` (await it once before calling anything) and `initSync`.
export * from './index.js';
export { default, initSync } from '../web.js';
export type { InitInput } from '../web.js';
