//! Conversions at the JS boundary, in one place.
//!
//! Inputs: an untrusted `JsValue` becomes JSON text in JS (`boundary.js`, which
//! catches cycles, throwing getters and Proxies, symbols, BigInts, huge strings and
//! deep nesting with ordinary try/catch), then [`json::parse`] reads it with the
//! core's depth and size limits. No recursion over JS objects happens in Rust, so no
//! input can overflow the wasm stack. `Date`s arrive as ISO strings.
//!
//! Outputs, two paths chosen by who controls the object keys:
//!
//! * [`to_js`] — anything that holds user-controlled keys (the payload body with
//!   `tags` / `user_config`, a context): serialized to JSON text in Rust and parsed by
//!   `JSON.parse` in JS, so every object is plain and every key an own data property
//!   (even `__proto__`, which `obj[key] = value` would drop or turn into a prototype).
//! * [`to_js_fixed_keys`] — outputs whose keys are all field names of Rust structs
//!   (the validation `Report`, `serviceTypes()`, `Equivalents`, the `errors` of a
//!   `ForkError`): built directly by serde-wasm-bindgen
//!   (`Serializer::json_compatible()`), about 3x cheaper than JSON text + `JSON.parse`.
//!   User text only ever appears there as string *values*, never as keys, so the
//!   `__proto__` concern does not apply.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::bindings::boundary::{input_json, output_json};
use crate::bindings::error;
use crate::bindings::to_value::to_value;
use crate::core::issue::Code;
use crate::core::json::{self, Value};
use crate::core::payload::ApiCall;

/// Read an untrusted JS value as JSON data of at most `max_bytes` of JSON text.
/// `what` names it in messages and `field`s (`""` for the request, `"context"` for
/// a context). The JS reader stops as soon as the bound is passed, so a huge input
/// (or one string shared by many fields) costs about `max_bytes` of work.
pub fn read_input(value: &JsValue, what: &str, max_bytes: usize) -> Result<Value, JsValue> {
    let bound = u32::try_from(max_bytes).unwrap_or(u32::MAX);
    let text = input_json(value, what, bound);
    match text.as_string() {
        Some(text) => {
            json::parse_limited(&text, max_bytes).map_err(|issue| error::from_issues(&[issue]))
        }
        // Not a string: `input_json` returned a ForkError.
        None => Err(text),
    }
}

/// Read a context argument (at most [`json::MAX_INPUT_BYTES`] of JSON, the bound of
/// the API answers a context is read from).
pub fn read_context_input(value: &JsValue) -> Result<Value, JsValue> {
    read_input(value, "context", json::MAX_INPUT_BYTES)
}

/// Read the request argument: an object of at most [`json::MAX_REQUEST_BYTES`] of
/// JSON (Aiven's limit for a request body).
pub fn read_request(value: &JsValue) -> Result<Value, JsValue> {
    let request = read_input(value, "", json::MAX_REQUEST_BYTES)?;
    match request {
        Value::Object(_) => Ok(request),
        _ => Err(error::new(
            Code::InvalidRequest,
            "",
            "the request must be an object",
        )),
    }
}

/// A Rust value as a plain JS value: serialized to JSON text in Rust, built by
/// `JSON.parse` in JS (see [`crate::bindings::to_value`] for why not serde-wasm-bindgen).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let value = to_value(value).map_err(|_| error::unconvertible())?;
    output_json(&value.to_json()).map_err(|_| error::unconvertible())
}

/// The ServiceCreate call `{method, path, body}` as a plain JS value: the JSON text is
/// written straight from the core's `Value` body (no serde walk copying it into a second
/// `Value` first), then built by `JSON.parse` like every output holding user keys. Same
/// text, same key order as [`to_js`] of the `ApiCall`.
pub fn call_to_js(call: &ApiCall) -> Result<JsValue, JsValue> {
    let body = call.body.to_json();
    let mut text = String::with_capacity(body.len() + call.path.len() + 40);
    text.push_str("{\"method\":");
    json::write_string(&mut text, call.method);
    text.push_str(",\"path\":");
    json::write_string(&mut text, &call.path);
    text.push_str(",\"body\":");
    text.push_str(&body);
    text.push('}');
    output_json(&text).map_err(|_| error::unconvertible())
}

/// A Rust value whose object keys are all struct field names (no map with
/// user-controlled keys anywhere inside) as a plain JS value, built directly by
/// serde-wasm-bindgen. Never use it for a payload body or a context: see the module
/// docs for why those go through [`to_js`].
pub fn to_js_fixed_keys<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| error::unconvertible())
}
