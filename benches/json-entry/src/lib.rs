//! Bench-only entry points (never shipped): the package's validate + build
//! (`core::payload::check_value`, what `checkForkRequest` runs) with other ways across
//! the JS<->wasm boundary, other input readers measured against the package's, and
//! loops that stay inside wasm to time the core alone.
//!
//! Input readers, each with the package's guards (nesting <= 32, strings <= 64 KiB,
//! <= 100 000 values, finite numbers, no lone surrogate, JSON data only):
//! * the package's: the input tape from the JS reader (`inputTape`: one walk writing
//!   codes and texts), then `json::Doc::from_tape` (`bench_read_tape`; the JS half is
//!   timed in JS);
//! * JSON text (as the package read inputs before the tape) through `json::parse`
//!   (`bench_parse_text`), or through `serde_json::from_str` and a walk that applies
//!   the guards serde_json lacks (`bench_serde_parse_text`);
//! * a direct walk of the JS value from Rust (`bench_walk_js`): typeof checks,
//!   `Object.keys` and `Reflect.get` per field, numbers written by JS.

use aiven_fork::bindings::convert::{call_to_js, check_to_js, to_js_fixed_keys};
use aiven_fork::core::context::ForkContext;
use aiven_fork::core::json::{self, Value};
use aiven_fork::core::num::Number;
use aiven_fork::core::payload::{self, Check};
use aiven_fork::core::time::Timestamp;
use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;

const MAX_DEPTH: usize = 32;
const MAX_STRING: usize = 65_536;
const MAX_NODES: usize = 100_000;

fn parse_both(req: &str, ctx: &str) -> Option<(Value, ForkContext)> {
    let req = json::parse(req).ok()?;
    let ctx = ForkContext::from_value(&json::parse(ctx).ok()?).ok()?;
    Some((req, ctx))
}

/// The package's way in Rust: both inputs from their tapes (request as a `Value`, the
/// context straight into a `ForkContext`).
fn read_tapes(req: &(String, Vec<u32>), ctx: &(String, Vec<u32>)) -> Option<(Value, ForkContext)> {
    let req = json::Doc::from_tape(&req.0, &req.1, "", json::MAX_REQUEST_BYTES).ok()?;
    let ctx = json::Doc::from_tape(&ctx.0, &ctx.1, "context", json::MAX_INPUT_BYTES).ok()?;
    Some((req.root().to_value(), ForkContext::from_doc(ctx.root()).ok()?))
}

/// The report and the call as JSON text (serde_json for the report, the core's
/// writer for the call): what a JSON-text boundary would hand to `JSON.parse`.
fn check_text(check: &Check) -> String {
    let report = serde_json::to_string(&check.report).unwrap_or_default();
    let call = match &check.call {
        Some(call) => format!(
            "{{\"method\":{},\"path\":{},\"body\":{}}}",
            serde_json::to_string(call.method).unwrap_or_default(),
            serde_json::to_string(&call.path).unwrap_or_default(),
            call.body.to_json()
        ),
        None => "null".to_string(),
    };
    format!("{{\"report\":{report},\"call\":{call}}}")
}

/// JSON text in (request and context), JSON text out, one call.
#[wasm_bindgen]
pub fn bench_check_json(req: &str, ctx: &str, now_ms: f64) -> String {
    match parse_both(req, ctx) {
        Some((req, ctx)) => check_text(&payload::check_value(
            &req,
            Some(&ctx),
            Timestamp::from_unix_millis(now_ms),
        )),
        None => "null".to_string(),
    }
}

/// The core alone, inputs parsed once: `iters` x check_value. Returns the count of ok.
#[wasm_bindgen]
pub fn bench_core_loop(req: &str, ctx: &str, now_ms: f64, iters: u32) -> u32 {
    let Some((req, ctx)) = parse_both(req, ctx) else {
        return 0;
    };
    let now = Timestamp::from_unix_millis(now_ms);
    (0..iters)
        .filter(|_| payload::check_value(&req, Some(&ctx), now).report.ok)
        .count() as u32
}

/// Reading the inputs in Rust, JSON text: `iters` x (json::parse x2 +
/// ForkContext::from_value).
#[wasm_bindgen]
pub fn bench_parse_loop(req: &str, ctx: &str, iters: u32) -> u32 {
    (0..iters)
        .filter(|_| parse_both(req, ctx).is_some())
        .count() as u32
}

/// Reading the inputs in Rust, the package's way: `iters` x (Doc::from_tape x2, the
/// request as a `Value`, ForkContext::from_doc) on the tapes of the two JSON texts.
#[wasm_bindgen]
pub fn bench_tape_loop(req: &str, ctx: &str, iters: u32) -> u32 {
    let (Ok(req), Ok(ctx)) = (json::parse(req), json::parse(ctx)) else {
        return 0;
    };
    let (req, ctx) = (req.to_tape(), ctx.to_tape());
    (0..iters)
        .filter(|_| read_tapes(&req, &ctx).is_some())
        .count() as u32
}

/// Output: `iters` x the report and call as JS objects, the package's way (report by
/// serde-wasm-bindgen, call by JSON text + JSON.parse).
#[wasm_bindgen]
pub fn bench_output_package_loop(req: &str, ctx: &str, now_ms: f64, iters: u32) -> u32 {
    let Some((req, ctx)) = parse_both(req, ctx) else {
        return 0;
    };
    let check = payload::check_value(&req, Some(&ctx), Timestamp::from_unix_millis(now_ms));
    (0..iters).filter(|_| check_to_js(&check).is_ok()).count() as u32
}

/// Output: `iters` x report and call as one JSON text + JSON.parse in JS.
#[wasm_bindgen]
pub fn bench_output_text_parse_loop(req: &str, ctx: &str, now_ms: f64, iters: u32) -> u32 {
    let Some((req, ctx)) = parse_both(req, ctx) else {
        return 0;
    };
    let check = payload::check_value(&req, Some(&ctx), Timestamp::from_unix_millis(now_ms));
    (0..iters)
        .filter(|_| js_sys::JSON::parse(&check_text(&check)).is_ok())
        .count() as u32
}

/// Output: `iters` x report and call as JSON text only (no JS objects).
#[wasm_bindgen]
pub fn bench_output_text_loop(req: &str, ctx: &str, now_ms: f64, iters: u32) -> u32 {
    let Some((req, ctx)) = parse_both(req, ctx) else {
        return 0;
    };
    let check = payload::check_value(&req, Some(&ctx), Timestamp::from_unix_millis(now_ms));
    (0..iters).map(|_| check_text(&check).len() as u32).sum()
}

/// Output: `iters` x the report alone by serde-wasm-bindgen, and the call alone.
#[wasm_bindgen]
pub fn bench_output_parts_loop(req: &str, ctx: &str, now_ms: f64, iters: u32) -> u32 {
    let Some((req, ctx)) = parse_both(req, ctx) else {
        return 0;
    };
    let check = payload::check_value(&req, Some(&ctx), Timestamp::from_unix_millis(now_ms));
    let Some(call) = &check.call else { return 0 };
    (0..iters)
        .filter(|_| to_js_fixed_keys(&check.report).is_ok() && call_to_js(call).is_ok())
        .count() as u32
}

// ---------------------------------------------------------------- input readers

/// The package's Rust half: `Doc::from_tape` of the JS reader's tape, the value
/// built (values read).
#[wasm_bindgen]
pub fn bench_read_tape(text: &[u8], codes: &[u32]) -> u32 {
    let Ok(text) = core::str::from_utf8(text) else {
        return 0;
    };
    json::Doc::from_tape(text, codes, "", json::MAX_INPUT_BYTES).map_or(0, |doc| count(&doc.root().to_value()))
}

/// JSON text through `json::parse` (values read).
#[wasm_bindgen]
pub fn bench_parse_text(text: &str) -> u32 {
    json::parse(text).map_or(0, |v| count(&v))
}

fn count(v: &Value) -> u32 {
    match v {
        Value::Array(items) => 1 + items.iter().map(count).sum::<u32>(),
        Value::Object(fields) => 1 + fields.iter().map(|(_, v)| count(v)).sum::<u32>(),
        _ => 1,
    }
}

/// serde_json on the same text, then the guards serde_json does not apply (its own
/// nesting limit is 128; no string or value-count limit). Values read, 0 if refused.
#[wasm_bindgen]
pub fn bench_serde_parse_text(text: &str) -> u32 {
    fn guard(v: &serde_json::Value, depth: usize, nodes: &mut usize) -> bool {
        *nodes += 1;
        if *nodes > MAX_NODES || depth > MAX_DEPTH {
            return false;
        }
        match v {
            serde_json::Value::String(s) => s.len() <= MAX_STRING,
            serde_json::Value::Array(items) => items.iter().all(|i| guard(i, depth + 1, nodes)),
            serde_json::Value::Object(fields) => fields
                .iter()
                .all(|(k, v)| k.len() <= MAX_STRING && guard(v, depth + 1, nodes)),
            _ => true,
        }
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => {
            let mut nodes = 0;
            if guard(&v, 0, &mut nodes) {
                nodes as u32
            } else {
                0
            }
        }
        Err(_) => 0,
    }
}

/// Walk a JS value from Rust into a core `Value` with the package's guards. Recursion
/// is bounded by MAX_DEPTH. A getter or Proxy that throws ends the walk (`None`).
fn walk(v: &JsValue, depth: usize, nodes: &mut usize) -> Option<Value> {
    *nodes += 1;
    if *nodes > MAX_NODES || depth > MAX_DEPTH {
        return None;
    }
    if v.is_null() || v.is_undefined() {
        return Some(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Some(Value::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        if !n.is_finite() {
            return None;
        }
        // The number's JSON text as JS writes it (the core writes no floats).
        let text = js_sys::Number::from(n).to_string_with_radix(10).ok()?;
        return Number::parse(&String::from(text)).map(Value::Number);
    }
    if v.is_string() {
        let s: &JsString = v.unchecked_ref();
        if s.length() as usize > MAX_STRING || !s.is_valid_utf16() {
            return None;
        }
        return Some(Value::String(String::from(s)));
    }
    if !v.is_object() {
        // bigint, symbol, function
        return None;
    }
    if let Some(date) = v.dyn_ref::<js_sys::Date>() {
        return Some(Value::String(String::from(date.to_iso_string())));
    }
    if Array::is_array(v) {
        let array: &Array = v.unchecked_ref();
        let mut items = Vec::with_capacity(array.length() as usize);
        for i in 0..array.length() {
            let item = Reflect::get_u32(array, i).ok()?;
            items.push(walk(&item, depth + 1, nodes)?);
        }
        return Some(Value::Array(items));
    }
    let object: &Object = v.unchecked_ref();
    let keys = Object::keys(object);
    let mut fields = Vec::with_capacity(keys.length() as usize);
    for key in keys.iter() {
        let name: &JsString = key.unchecked_ref();
        if !name.is_valid_utf16() {
            return None;
        }
        let item = Reflect::get(object, &key).ok()?;
        if item.is_undefined() {
            continue;
        }
        fields.push((String::from(name), walk(&item, depth + 1, nodes)?));
    }
    Some(Value::Object(fields))
}

/// The direct walk: values read, 0 if refused.
#[wasm_bindgen]
pub fn bench_walk_js(value: JsValue) -> u32 {
    let mut nodes = 0;
    walk(&value, 0, &mut nodes).map_or(0, |v| count(&v))
}

// ---------------------------------------------------------------- prepared context

/// A context read once and kept in wasm (like `prepareForkContext`), with entry
/// points that take the request as JSON text or as a JS object.
#[wasm_bindgen]
pub struct BenchPreparedContext {
    ctx: ForkContext,
}

#[wasm_bindgen]
impl BenchPreparedContext {
    /// Read the context from JSON text.
    pub fn from_json(ctx: &str) -> Option<BenchPreparedContext> {
        let ctx = ForkContext::from_value(&json::parse(ctx).ok()?).ok()?;
        Some(BenchPreparedContext { ctx })
    }

    /// Request as JSON text in, report + call as JSON text out.
    pub fn check_json(&self, req: &str, now_ms: f64) -> String {
        match json::parse(req) {
            Ok(req) => check_text(&payload::check_value(
                &req,
                Some(&self.ctx),
                Timestamp::from_unix_millis(now_ms),
            )),
            Err(_) => "null".to_string(),
        }
    }

    /// Request as a JS object read by the direct walk, the package's outputs.
    pub fn check_walk(&self, req: JsValue, now_ms: f64) -> Result<JsValue, JsValue> {
        let mut nodes = 0;
        let req = walk(&req, 0, &mut nodes).ok_or(JsValue::NULL)?;
        check_to_js(&payload::check_value(
            &req,
            Some(&self.ctx),
            Timestamp::from_unix_millis(now_ms),
        ))
    }
}
