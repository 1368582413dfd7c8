//! The JavaScript API (wasm32 only): every function JS calls. Each one reads its
//! arguments, calls one core or transport function and converts the result; the
//! transport's fetch layer is the only other code that handles JS values.
//!
//! * [`api`] — `serviceTypes`, `validateFork`, `buildForkRequest`, `checkForkRequest`,
//!   `forkEquivalents`, `forkChoices`, `formatTime`, `formatDuration`, `productName`.
//! * [`prepared`] — `prepareForkContext` / `PreparedForkContext`: a context read once.
//! * `client` (full build only) — `ForkClient` (the fetch transport's JS face; its JS
//!   class is `client.js`), and what goes with it: `markForkDeletable`,
//!   `explainForkError`, `describeConnection`.
//! * [`convert`] — untrusted JS input to [`crate::core::json::Value`] or straight to a
//!   [`crate::core::context::ForkContext`] (from the input tape), Rust output to
//!   plain JS objects (serde-wasm-bindgen for fixed-key outputs such as the report;
//!   JSON text and `JSON.parse` for anything holding user keys).
//! * [`error`] — builds `ForkError`s (a real JS `Error` subclass, declared in `boundary.js`).
//! * [`boundary`] — the functions of `boundary.js`, the JavaScript side: the
//!   `ForkError` class, the safe input reader, `JSON.parse` for outputs, the
//!   `PreparedForkContext` handles.
//!
//! Dependencies run one way: `boundary` ← `error` ← `convert` ← the entry points.
//! Every entry point returns `Result<JsValue, JsValue>` whose error is a `ForkError`;
//! nothing here may panic (a trap poisons the whole module for the page).
//! TypeScript declarations are hand-written (`pkg/aiven-fork.d.ts`), so exports use
//! `skip_typescript`.

pub mod api;
pub mod boundary;
#[cfg(feature = "client")]
mod client;
pub mod convert;
pub mod error;
pub mod prepared;
