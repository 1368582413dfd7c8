//! aiven-fork: one set of Aiven service fork rules.
//!
//! * [`core`] — pure Rust: service-type table, request model, validation, the
//!   ServiceCreate payload and its equivalents (`avn`, curl, Terraform). No clock,
//!   no JavaScript types: `now` is passed in.
//! * [`transport`] — pure request/response planning (URLs, retries, idempotency)
//!   plus the only fetch code (`transport::fetch`, gloo-net, wasm32-only), which
//!   also touches JS values: the abort signal, timers, `fetch` itself.
//! * `bindings` — the JS API (wasm32-only): reads JS arguments, calls the core or
//!   the transport, converts the result; the only module JS calls into.

pub mod core;
pub mod transport;

#[cfg(target_arch = "wasm32")]
pub mod bindings;
