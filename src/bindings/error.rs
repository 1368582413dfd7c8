//! `ForkError`: the one error type every entry point throws.
//!
//! The class itself is JavaScript (`boundary.js`) so that it is a true
//! `class ForkError extends Error` in every build (web, bundler, Node ESM and CJS);
//! Rust only constructs instances and returns them as the `Err` of an entry point.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::bindings::boundary::new_fork_error;
use crate::core::issue::{Code, Issue};

/// `issues` as `[{code, field, message}]` (fixed keys: serde-wasm-bindgen; see
/// `convert`); `undefined` if that fails, which `ForkError` turns into one entry.
fn errors_value(issues: &[Issue]) -> JsValue {
    issues
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::UNDEFINED)
}

/// A `ForkError` for a list of issues: `code` and `message` are the first issue's,
/// `errors` holds them all as `{code, field, message}` objects.
pub fn from_issues(issues: &[Issue]) -> JsValue {
    let (code, message) = match issues.first() {
        Some(first) => (first.code.as_str(), first.message.as_str()),
        None => ("invalid_request", "the request is invalid"),
    };
    new_fork_error(code, message, errors_value(issues), None, None)
}

/// A `ForkError` with one finding (`errors` is `[{code, field, message}]`).
pub fn new(code: Code, field: &str, message: &str) -> JsValue {
    from_issues(&[Issue::new(code, field, message)])
}

/// The `ForkError` for a result that could not be turned into a JS value.
pub fn unconvertible() -> JsValue {
    new(
        Code::InvalidResponse,
        "",
        "the result could not be converted to a JS value",
    )
}

/// A `ForkError` for a transport failure (code, message, every issue, and for API
/// answers the HTTP status and the server's message).
pub fn from_failure(failure: &crate::transport::error::Failure) -> JsValue {
    new_fork_error(
        failure.code.as_str(),
        &failure.message,
        errors_value(&failure.errors),
        failure.status,
        failure.server_message.clone(),
    )
}
