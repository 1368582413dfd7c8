//! aiven-fork: one set of Aiven service fork rules.
//!
//! * [`core`] — pure Rust: service-type table, request model, validation, the
//!   ServiceCreate payload and its equivalents (`avn`, curl, Terraform). No clock,
//!   no JavaScript types: `now` is passed in.
//! * [`transport`] — pure request/response planning (URLs, retries, idempotency)
//!   plus the only fetch code (gloo-net), which is wasm32-only.
//! * `bindings` — the only module that touches `JsValue` (wasm32-only).

pub mod core;
pub mod transport;

#[cfg(target_arch = "wasm32")]
pub mod bindings;
