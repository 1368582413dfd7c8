//! Conversions at the JS boundary, in one place.
//!
//! Inputs: an untrusted `JsValue` is read in JS (`boundary.js`, which catches cycles,
//! throwing getters and Proxies, symbols, BigInts, huge strings and deep nesting with
//! ordinary try/catch) into an input tape: one code per value and the texts of its
//! keys, strings and numbers, read by [`Doc::from_tape`] with the core's depth and
//! size limits, without parsing. No recursion over JS objects happens in Rust, so no
//! input can overflow the wasm stack. `Date`s arrive as ISO strings. A context is
//! read from its tape straight into a [`ForkContext`]; other inputs become a [`Value`].
//!
//! Outputs take one of two paths, and the reason there are two is who controls the
//! object keys:
//!
//! * JSON text — anything that holds a [`Value`], i.e. user- or API-controlled keys
//!   (the payload body with `tags` / `user_config`, a context, a service document):
//!   the core's JSON writer makes the text, `JSON.parse` in JS builds it
//!   ([`value_to_js`], [`call_to_js`], [`fork_result_to_js`]), so every object is plain
//!   and every key an own data property — even `__proto__`, which serde-wasm-bindgen's
//!   `obj[key] = value` would drop, or turn an object value into the output's
//!   prototype. Numbers keep their JSON text up to `JSON.parse`.
//! * [`to_js_fixed_keys`] — outputs whose keys are all field names of Rust structs
//!   (the validation `Report`, `serviceTypes()`, `forkChoices`, `Equivalents`,
//!   waitUntilRunning's progress, the `errors` of a `ForkError`): built directly by
//!   serde-wasm-bindgen (`Serializer::json_compatible()`), about 3x cheaper than JSON
//!   text + `JSON.parse`. User text only ever appears there as string *values*, never
//!   as keys, so the `__proto__` concern does not apply.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::bindings::boundary::{input_tape, input_tape_codes, new_check, output_json};
use crate::bindings::error;
use crate::core::context::ForkContext;
use crate::core::issue::Code;
use crate::core::json::{self, Doc, Value};
use crate::core::num::push_u64;
use crate::core::payload::{ApiCall, Check};

/// An untrusted JS value read as JSON data of at most `max_bytes` of JSON text, as
/// its input tape: `(text, codes)` for [`Doc::from_tape`]. `what` names it in
/// messages and `field`s (`""` for the request, `"context"` for a context). The JS
/// reader stops as soon as the bound is passed, so a huge input (or one string shared
/// by many fields) costs about `max_bytes` of work.
fn input(value: &JsValue, what: &str, max_bytes: usize) -> Result<(String, Vec<u32>), JsValue> {
    let bound = u32::try_from(max_bytes).unwrap_or(u32::MAX);
    let bytes = input_tape(value, what, bound)?;
    let codes = input_tape_codes();
    // `TextEncoder` output: always UTF-8.
    let text = String::from_utf8(bytes).map_err(|_| error::unconvertible())?;
    Ok((text, codes))
}

/// Read an untrusted JS value as JSON data of at most `max_bytes` of JSON text
/// (read in JS into an input tape, then [`Doc::from_tape`]).
pub fn read_input(value: &JsValue, what: &str, max_bytes: usize) -> Result<Value, JsValue> {
    let (text, codes) = input(value, what, max_bytes)?;
    let doc = Doc::from_tape(&text, &codes, what, max_bytes)
        .map_err(|issue| error::from_issues(&[issue]))?;
    Ok(doc.root().to_value())
}

/// Read a context object (at most [`json::MAX_INPUT_BYTES`] of JSON, the bound of
/// the API answers a context is read from) straight into a [`ForkContext`]: no
/// [`Value`] is built, only the strings the context keeps are copied.
pub fn read_context_object(value: &JsValue) -> Result<ForkContext, JsValue> {
    let max = json::MAX_INPUT_BYTES;
    let (text, codes) = input(value, "context", max)?;
    let doc = Doc::from_tape(&text, &codes, "context", max)
        .map_err(|issue| error::from_issues(&[issue]))?;
    ForkContext::from_doc(doc.root()).map_err(|issues| error::from_issues(&issues))
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

/// JSON text as a plain JS value (`JSON.parse`).
fn json_to_js(text: &str) -> Result<JsValue, JsValue> {
    output_json(text).map_err(|_| error::unconvertible())
}

/// `{"key": value, ...}` from fields whose values are already JSON text.
fn object_text(fields: &[(&str, &str)]) -> String {
    let len = fields
        .iter()
        .map(|(k, v)| k.len() + v.len() + 4)
        .sum::<usize>();
    let mut text = String::with_capacity(len + 2);
    text.push('{');
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        json::write_string(&mut text, key);
        text.push(':');
        text.push_str(value);
    }
    text.push('}');
    text
}

/// A JSON value (API JSON, a context, a service document) as a plain JS value.
pub fn value_to_js(value: &Value) -> Result<JsValue, JsValue> {
    json_to_js(&value.to_json())
}

/// Append the JSON text of the ServiceCreate call `{method, path, body}`.
fn push_call(text: &mut String, call: &ApiCall) {
    text.push_str("{\"method\":");
    json::write_string(text, call.method);
    text.push_str(",\"path\":");
    json::write_string(text, &call.path);
    text.push_str(",\"body\":");
    text.push_str(&call.body.to_json());
    text.push('}');
}

/// The ServiceCreate call `{method, path, body}` as a plain JS value.
pub fn call_to_js(call: &ApiCall) -> Result<JsValue, JsValue> {
    let mut text = String::with_capacity(call.path.len() + 512);
    push_call(&mut text, call);
    json_to_js(&text)
}

/// `{report, call}` of a request check (`call` null when the report has an error) as
/// a plain JS value: the report by serde-wasm-bindgen, the call by `JSON.parse`.
pub fn check_to_js(check: &Check) -> Result<JsValue, JsValue> {
    let report = to_js_fixed_keys(&check.report)?;
    let call = match &check.call {
        Some(call) => call_to_js(call)?,
        None => JsValue::NULL,
    };
    new_check(&report, &call).map_err(|_| error::unconvertible())
}

/// `{ok: true, service, created, attempts}` of a fork (`ok` only when `with_ok`, as
/// `forkMany` reports it) as a plain JS value.
pub fn fork_result_to_js(
    service: &Value,
    created: bool,
    attempts: u32,
    with_ok: bool,
) -> Result<JsValue, JsValue> {
    let mut digits = String::new();
    push_u64(&mut digits, u64::from(attempts));
    let service = service.to_json();
    let fields = [
        ("ok", "true"),
        ("service", service.as_str()),
        ("created", if created { "true" } else { "false" }),
        ("attempts", digits.as_str()),
    ];
    json_to_js(&object_text(if with_ok { &fields } else { &fields[1..] }))
}

/// `{deleted, service}` of `deleteFork` (`service` null when there was none) as a
/// plain JS value.
pub fn delete_result_to_js(deleted: bool, service: Option<&Value>) -> Result<JsValue, JsValue> {
    let service = service.map_or_else(|| "null".to_string(), Value::to_json);
    json_to_js(&object_text(&[
        ("deleted", if deleted { "true" } else { "false" }),
        ("service", service.as_str()),
    ]))
}

/// A Rust value whose object keys are all struct field names (no map with
/// user-controlled keys anywhere inside) as a plain JS value, built directly by
/// serde-wasm-bindgen. Never use it for anything holding a [`Value`] (a payload
/// body, a context): see the module docs for why those go through JSON text.
pub fn to_js_fixed_keys<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| error::unconvertible())
}
