//! `ForkError`: the one error type every entry point throws.
//!
//! The class itself is JavaScript (`fork_error.js`) so that it is a true
//! `class ForkError extends Error` in every build (web, bundler, Node ESM and CJS);
//! Rust only constructs instances and returns them as the `Err` of an entry point.

use wasm_bindgen::prelude::*;

use crate::core::issue::{Code, Issue};

#[wasm_bindgen(module = "/src/bindings/fork_error.js")]
extern "C" {
    /// `new ForkError(code, message, errors, status, serverMessage)`.
    #[wasm_bindgen(js_name = newForkError)]
    fn new_fork_error(
        code: &str,
        message: &str,
        errors: JsValue,
        status: Option<u16>,
        server_message: Option<String>,
    ) -> JsValue;

    /// JSON text of an untrusted JS value, or a `ForkError` object when it is not
    /// JSON-like data or its text would pass `max_bytes` (see `fork_error.js`).
    #[wasm_bindgen(js_name = inputJson)]
    pub(crate) fn input_json(value: &JsValue, what: &str, max_bytes: u32) -> JsValue;

    /// `JSON.parse(text)`; builds every output object.
    #[wasm_bindgen(catch, js_name = outputJson)]
    pub(crate) fn output_json(text: &str) -> Result<JsValue, JsValue>;

    /// Remember `handle` (a `PreparedForkContext` instance) as prepared context `id`
    /// (declared here: one extern block per snippet, so the glue imports it once).
    /// (`catch` and `Option` also keep these two behind named glue shims: a plain
    /// `(externref, f64)` signature would be imported straight into the module as a
    /// second import of the snippet, which scripts/build-pkg.sh does not rewrite.)
    #[wasm_bindgen(catch, js_name = registerPrepared)]
    pub(crate) fn register_prepared(handle: &JsValue, id: f64) -> Result<(), JsValue>;

    /// The id `value` was registered with, or `None` when it is not a prepared context.
    #[wasm_bindgen(js_name = preparedId)]
    pub(crate) fn prepared_id(value: &JsValue) -> Option<f64>;
}

/// A `ForkError` for a list of issues: `code` and `message` are the first issue's,
/// `errors` holds them all as `{code, field, message}` objects.
pub fn from_issues(issues: &[Issue]) -> JsValue {
    let (code, message) = match issues.first() {
        Some(first) => (first.code.as_str(), first.message.as_str()),
        None => ("invalid_request", "the request is invalid"),
    };
    // Issues are `{code, field, message}`: fixed keys.
    let errors = crate::bindings::convert::fixed_keys_value(issues).unwrap_or(JsValue::UNDEFINED);
    new_fork_error(code, message, errors, None, None)
}

/// A `ForkError` with one finding (`errors` is `[{code, field, message}]`).
pub fn new(code: Code, field: &str, message: &str) -> JsValue {
    from_issues(&[Issue::new(code, field, message)])
}

/// A `ForkError` for a failed API call: HTTP `status` and the server's own message.
pub fn api(code: Code, message: &str, status: u16, server_message: Option<String>) -> JsValue {
    new_fork_error(
        code.as_str(),
        message,
        JsValue::UNDEFINED,
        Some(status),
        server_message,
    )
}

/// A `ForkError` for a transport failure (code, message, every issue, and for API
/// answers the HTTP status and the server's message).
pub fn from_failure(failure: &crate::transport::error::Failure) -> JsValue {
    let errors =
        crate::bindings::convert::fixed_keys_value(&failure.errors).unwrap_or(JsValue::UNDEFINED);
    new_fork_error(
        failure.code.as_str(),
        &failure.message,
        errors,
        failure.status,
        failure.server_message.clone(),
    )
}
