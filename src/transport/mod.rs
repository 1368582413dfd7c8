//! Transport: pure planning of HTTP calls (URLs, retries, idempotency) and, on
//! wasm32 only, the fetch calls themselves (gloo-net).
//!
//! Everything outside `fetch` is plain Rust with no clock and no JavaScript:
//! times and random jitter are passed in, so every decision is tested natively.
//!
//! * [`advice`] — what a failed load, submit or wait means for people, and what helps.
//! * [`lists`] — the clouds a project can use and the forks of a source in a project.
//! * [`url`] — base URL check (https, or http to loopback) and path segments.
//! * [`endpoints`] — the exact URLs of the calls.
//! * [`response`] — reading answers: status classes, Aiven error messages, 429 waits.
//! * [`error`] — [`error::Failure`], what every step reports (a `ForkError` in JS),
//!   and the token's redaction from anything a server sends back.
//! * [`retry`] — limits, back-off, and the shared rate-limit gate.
//! * [`context`] — what to read for a fork context.
//! * [`fork`] — the create loop that never duplicates or loses a fork.
//! * [`check`] — a dry run of a fork: the full report against the live context, and
//!   the fork itself when it already exists.
//! * [`delete`] — deleting a fork: only a tagged fork of the named source, never a
//!   protected service; the delete loop that checks before every DELETE.
//! * [`poll`] — retried reads and the `waitUntilRunning` poll (and its connection reports).
//! * [`progress`] — phase and percent from `node_states[].progress_updates`.
//! * [`config`] — client settings; `Debug` never shows the token.
//! * [`join`] — run several futures at once (concurrent reads, `forkMany` workers).
//! * [`shared`] — reads shared by the forks of one `forkMany` call (each source read once).
//! * `fetch` (wasm32) — sending, sleeping and the clock; the only I/O.

pub mod advice;
pub mod check;
pub mod config;
pub mod context;
pub mod delete;
pub mod endpoints;
pub mod error;
pub mod fork;
pub mod join;
pub mod lists;
pub mod poll;
pub mod progress;
pub mod response;
pub mod retry;
pub mod shared;
pub mod url;

#[cfg(target_arch = "wasm32")]
pub mod fetch;
