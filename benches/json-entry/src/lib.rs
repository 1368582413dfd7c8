//! Bench-only entry points (never shipped): the same validate + build as the
//! package's `validateFork` / `buildForkRequest`, with other ways across the
//! JS<->wasm boundary, and loops that stay inside wasm to time the core alone.

use aiven_fork::bindings::convert::{read_request, to_js};
use aiven_fork::core::context::ForkContext;
use aiven_fork::core::json::{self, Value};
use aiven_fork::core::time::Timestamp;
use aiven_fork::core::{payload, validate};
use wasm_bindgen::prelude::*;

fn parse_both(req: &str, ctx: &str) -> Option<(Value, ForkContext)> {
    let req = json::parse(req).ok()?;
    let ctx = ForkContext::from_value(&json::parse(ctx).ok()?).ok()?;
    Some((req, ctx))
}

fn report_and_call(req: &Value, ctx: &ForkContext, now: Timestamp) -> String {
    let report = validate::validate_value(req, Some(ctx), now);
    let report = serde_json::to_string(&report).unwrap_or_default();
    let call = match payload::build_value(req, Some(ctx), now) {
        Ok(call) => serde_json::to_string(&call).unwrap_or_default(),
        Err(_) => "null".to_string(),
    };
    format!("{{\"report\":{report},\"call\":{call}}}")
}

/// JSON text in, JSON text out: validate + build in one call.
#[wasm_bindgen]
pub fn bench_validate_build_json(req: &str, ctx: &str, now_ms: f64) -> String {
    match parse_both(req, ctx) {
        Some((req, ctx)) => report_and_call(&req, &ctx, Timestamp::from_unix_millis(now_ms)),
        None => "null".to_string(),
    }
}

/// JSON text in, JSON text out: the report only (mirrors `validateFork`).
#[wasm_bindgen]
pub fn bench_validate_json(req: &str, ctx: &str, now_ms: f64) -> String {
    match parse_both(req, ctx) {
        Some((req, ctx)) => {
            let report =
                validate::validate_value(&req, Some(&ctx), Timestamp::from_unix_millis(now_ms));
            serde_json::to_string(&report).unwrap_or_default()
        }
        None => "null".to_string(),
    }
}

/// JSON text in, JSON text out: the call only (mirrors `buildForkRequest`).
#[wasm_bindgen]
pub fn bench_build_json(req: &str, ctx: &str, now_ms: f64) -> String {
    match parse_both(req, ctx) {
        Some((req, ctx)) => {
            match payload::build_value(&req, Some(&ctx), Timestamp::from_unix_millis(now_ms)) {
                Ok(call) => serde_json::to_string(&call).unwrap_or_default(),
                Err(_) => "null".to_string(),
            }
        }
        None => "null".to_string(),
    }
}

/// The core alone: inputs parsed once, then `iters` x (validate + build) in wasm.
#[wasm_bindgen]
pub fn bench_core_loop(req: &str, ctx: &str, now_ms: f64, iters: u32) -> u32 {
    let Some((req, ctx)) = parse_both(req, ctx) else {
        return 0;
    };
    let now = Timestamp::from_unix_millis(now_ms);
    let mut ok = 0;
    for _ in 0..iters {
        let report = validate::validate_value(&req, Some(&ctx), now);
        let call = payload::build_value(&req, Some(&ctx), now);
        if report.ok && call.is_ok() {
            ok += 1;
        }
    }
    ok
}

/// Reading the inputs in Rust: `iters` x (parse both texts + context model).
#[wasm_bindgen]
pub fn bench_parse_loop(req: &str, ctx: &str, iters: u32) -> u32 {
    let mut ok = 0;
    for _ in 0..iters {
        if parse_both(req, ctx).is_some() {
            ok += 1;
        }
    }
    ok
}

/// Output conversion only: `iters` x (report + call through the package's `to_js`:
/// Value -> JSON text -> `JSON.parse` in JS).
#[wasm_bindgen]
pub fn bench_output_js_loop(req: &str, ctx: &str, now_ms: f64, iters: u32) -> u32 {
    let Some((req, ctx)) = parse_both(req, ctx) else {
        return 0;
    };
    let now = Timestamp::from_unix_millis(now_ms);
    let report = validate::validate_value(&req, Some(&ctx), now);
    let Ok(call) = payload::build_value(&req, Some(&ctx), now) else {
        return 0;
    };
    let mut ok = 0;
    for _ in 0..iters {
        if to_js(&report).is_ok() && to_js(&call).is_ok() {
            ok += 1;
        }
    }
    ok
}

/// Output conversion only: `iters` x (report + call to JS objects with
/// serde-wasm-bindgen, `json_compatible()`).
#[wasm_bindgen]
pub fn bench_output_swb_loop(req: &str, ctx: &str, now_ms: f64, iters: u32) -> u32 {
    let Some((req, ctx)) = parse_both(req, ctx) else {
        return 0;
    };
    let now = Timestamp::from_unix_millis(now_ms);
    let report = validate::validate_value(&req, Some(&ctx), now);
    let Ok(call) = payload::build_value(&req, Some(&ctx), now) else {
        return 0;
    };
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    let mut ok = 0;
    for _ in 0..iters {
        if serde::Serialize::serialize(&report, &ser).is_ok()
            && serde::Serialize::serialize(&call, &ser).is_ok()
        {
            ok += 1;
        }
    }
    ok
}

/// Output conversion only: `iters` x (report + call to JSON text).
#[wasm_bindgen]
pub fn bench_output_json_loop(req: &str, ctx: &str, now_ms: f64, iters: u32) -> u32 {
    let Some((req, ctx)) = parse_both(req, ctx) else {
        return 0;
    };
    let now = Timestamp::from_unix_millis(now_ms);
    let report = validate::validate_value(&req, Some(&ctx), now);
    let Ok(call) = payload::build_value(&req, Some(&ctx), now) else {
        return 0;
    };
    let mut ok = 0;
    for _ in 0..iters {
        let a = serde_json::to_string(&report).unwrap_or_default();
        let b = serde_json::to_string(&call).unwrap_or_default();
        if !a.is_empty() && !b.is_empty() {
            ok += 1;
        }
    }
    ok
}

/// A context read once and kept in wasm (what a widget re-validating on every
/// keystroke against the same source could use).
#[wasm_bindgen]
pub struct BenchPreparedContext {
    ctx: ForkContext,
}

#[wasm_bindgen]
impl BenchPreparedContext {
    /// From the context's JSON text (`None`/throws nothing: an unreadable context gives `undefined`).
    pub fn from_json(ctx: &str) -> Option<BenchPreparedContext> {
        let ctx = ForkContext::from_value(&json::parse(ctx).ok()?).ok()?;
        Some(BenchPreparedContext { ctx })
    }

    /// Request as JSON text in, `{report, call}` JSON text out.
    pub fn validate_build_json(&self, req: &str, now_ms: f64) -> String {
        match json::parse(req) {
            Ok(req) => report_and_call(&req, &self.ctx, Timestamp::from_unix_millis(now_ms)),
            Err(_) => "null".to_string(),
        }
    }

    /// Request as a JS object (the package's safe reader) in, JS objects out
    /// (serde-wasm-bindgen), like the public API minus the context conversion.
    pub fn validate_build_js(&self, req: JsValue, now_ms: f64) -> Result<JsValue, JsValue> {
        let req = read_request(&req)?;
        let now = Timestamp::from_unix_millis(now_ms);
        let report = validate::validate_value(&req, Some(&self.ctx), now);
        let report = to_js(&report)?;
        let call = match payload::build_value(&req, Some(&self.ctx), now) {
            Ok(call) => to_js(&call)?,
            Err(_) => JsValue::NULL,
        };
        Ok(JsValue::from(vec![report, call]))
    }
}
