//! The rule functions of the JS API (`prepareForkContext` is in `prepared`). Each reads its arguments, calls the core
//! and converts the result; `now` is the only thing taken from JS itself.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::bindings::convert::{
    call_to_js, check_to_js, read_context_object, read_input, read_request, to_js_fixed_keys,
};
use crate::bindings::error;
use crate::bindings::prepared::{self, ContextArg};
use crate::core::base_url::BaseUrl;
use crate::core::context::ForkContext;
use crate::core::issue::Code;
use crate::core::json::{self, Value};
use crate::core::time::{self, format_duration, format_people, Seconds, Timestamp};
use crate::core::{choices, equivalents, payload, service_types, shapes, validate};

/// The current time from JS (`Date.now()`); the core never reads a clock.
fn now() -> Timestamp {
    Timestamp::from_unix_millis(js_sys::Date::now())
}

/// Read the optional context argument: `undefined` or `null` mean "no context"; a
/// `PreparedForkContext` is used as it is (nothing is read again); anything else is
/// read as a context object (the safe reader, then `ForkContext::from_doc` of its tape).
fn read_context(value: &JsValue) -> Result<Option<Rc<ForkContext>>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if let ContextArg::Prepared(context) = prepared::lookup(value)? {
        return Ok(Some(context));
    }
    read_context_object(value).map(|context| Some(Rc::new(context)))
}

/// `serviceTypes()`: the service types a fork can be made of (forkable and still
/// offered by Aiven) and what each supports.
#[wasm_bindgen(js_name = serviceTypes, skip_typescript)]
pub fn service_types() -> Result<JsValue, JsValue> {
    let forkable: Vec<&service_types::ServiceTypeSpec> = service_types::all()
        .iter()
        .filter(|spec| spec.offered_for_forks())
        .collect();
    // Fixed keys only (struct fields): serde-wasm-bindgen, see `convert`.
    to_js_fixed_keys(&forkable)
}

/// `validateFork(request, context?)`: every rule that can run with what is known.
/// Returns the report (`ok: false` with `errors` for an invalid request); throws a
/// `ForkError` only when the arguments cannot be read at all.
#[wasm_bindgen(js_name = validateFork, skip_typescript)]
pub fn validate_fork(request: JsValue, context: JsValue) -> Result<JsValue, JsValue> {
    let request = read_request(&request)?;
    let context = read_context(&context)?;
    let report = validate::validate_value(&request, context.as_deref(), now());
    // The report's keys are all struct fields (user text only in values):
    // serde-wasm-bindgen, see `convert`.
    to_js_fixed_keys(&report)
}

/// `buildForkRequest(request, context?)`: the exact ServiceCreate call
/// (`{method, path, body}`); throws a `ForkError` listing every error otherwise.
#[wasm_bindgen(js_name = buildForkRequest, skip_typescript)]
pub fn build_fork_request(request: JsValue, context: JsValue) -> Result<JsValue, JsValue> {
    let request = read_request(&request)?;
    let context = read_context(&context)?;
    // The body holds user keys (`tags`, `user_config`): JSON text + `JSON.parse`.
    match payload::build_value(&request, context.as_deref(), now()) {
        Ok(call) => call_to_js(&call),
        Err(report) => Err(error::from_issues(&report.errors)),
    }
}

/// `checkForkRequest(request, context?)`: `validateFork` and `buildForkRequest` in
/// one call, `{ report, call }` (`call` is `null` when the report has an error). The
/// request and the context are read once and the rules run once; throws a `ForkError`
/// only when the arguments cannot be read at all.
#[wasm_bindgen(js_name = checkForkRequest, skip_typescript)]
pub fn check_fork_request(request: JsValue, context: JsValue) -> Result<JsValue, JsValue> {
    let request = read_request(&request)?;
    let context = read_context(&context)?;
    check_to_js(&payload::check_value(&request, context.as_deref(), now()))
}

/// The API the equivalents talk to: `options.baseUrl` (checked like `ForkClient`'s),
/// Aiven's API when `options` or `baseUrl` is absent.
fn read_base_url(options: &JsValue) -> Result<BaseUrl, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(BaseUrl::default());
    }
    let options = read_input(options, "options", json::MAX_REQUEST_BYTES)?;
    let Value::Object(fields) = &options else {
        return Err(error::new(
            Code::InvalidType,
            "options",
            "options must be an object { baseUrl? }",
        ));
    };
    if let Some((key, _)) = fields.iter().find(|(k, _)| k != "baseUrl") {
        let mut message = String::from("unknown option ");
        message.push_str(&shapes::quoted(key));
        message.push_str("; expected baseUrl");
        return Err(error::new(Code::UnknownField, "options", &message));
    }
    match options.get("baseUrl") {
        None | Some(Value::Null) => Ok(BaseUrl::default()),
        Some(Value::String(url)) => {
            BaseUrl::parse(url).map_err(|issue| error::from_issues(&[issue]))
        }
        Some(_) => Err(error::new(
            Code::InvalidType,
            "baseUrl",
            "baseUrl must be a string",
        )),
    }
}

/// `forkEquivalents(request, context?, options?)`: the same fork as an `avn` command,
/// a curl command and Terraform HCL, built from the validated payload, for the API at
/// `options.baseUrl` (default Aiven's), with a hint per command.
#[wasm_bindgen(js_name = forkEquivalents, skip_typescript)]
pub fn fork_equivalents(
    request: JsValue,
    context: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let request = read_request(&request)?;
    let context = read_context(&context)?;
    let base = read_base_url(&options)?;
    match payload::build_value(&request, context.as_deref(), now()) {
        Ok(call) => {
            // A built payload implies a valid `project`.
            let project = request
                .get("project")
                .and_then(|p| p.as_str())
                .unwrap_or("");
            // Strings under fixed keys: serde-wasm-bindgen, see `convert`.
            to_js_fixed_keys(&equivalents::equivalents_at(project, &call.body, &base))
        }
        Err(report) => Err(error::from_issues(&report.errors)),
    }
}

/// `forkChoices(context)`: what a fork of the context's source can be (recovery modes,
/// plans a fork may use, the node floor) and the blockers no request can get past.
/// Throws a `ForkError` when the context is missing or cannot be read.
#[wasm_bindgen(js_name = forkChoices, skip_typescript)]
pub fn fork_choices(context: JsValue) -> Result<JsValue, JsValue> {
    match read_context(&context)? {
        // Fixed keys only (struct fields; user text in values): serde-wasm-bindgen.
        Some(context) => to_js_fixed_keys(&choices::choices(&context)),
        None => Err(error::new(
            Code::MissingField,
            "context",
            "context is required (what getForkContext returns, or a prepared context)",
        )),
    }
}

/// `formatTime(time, { offsetMinutes = 0, seconds = "down" })`: a time written for
/// people, the one way the library writes times (`2026-11-22 20:58:41 UTC`; with
/// `offsetMinutes`, the zone's offset at that moment, the local time and its offset:
/// `2026-11-23 05:58:41 UTC+09:00`). `seconds`: `down` (whole seconds, cut), `up`
/// (rounded up: a window's start) or `exact` (with the fraction when not zero).
/// `time` is a `Date` or a time text in any shape a recovery time accepts; anything
/// else throws a `ForkError` (`invalid_time`, `invalid_type`, `invalid_value`).
#[wasm_bindgen(js_name = formatTime, skip_typescript)]
pub fn format_time(value: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = match read_input(&value, "time", 1024)? {
        Value::String(t) => t,
        _ => {
            return Err(error::new(
                Code::InvalidType,
                "time",
                "time must be a Date or a time text",
            ))
        }
    };
    let parsed = time::parse(&text).map_err(|mut issue| {
        issue.field = "time".to_string();
        error::from_issues(&[issue])
    })?;
    let (mut offset, mut seconds) = (0i32, Seconds::Down);
    if !(options.is_undefined() || options.is_null()) {
        let options = read_input(&options, "options", 1024)?;
        let Value::Object(fields) = &options else {
            return Err(error::new(
                Code::InvalidType,
                "options",
                "options must be an object { offsetMinutes?, seconds? }",
            ));
        };
        for (key, v) in fields {
            match (key.as_str(), v) {
                (_, Value::Null) => {}
                ("offsetMinutes", Value::Number(n)) => {
                    offset = n
                        .as_i64()
                        .filter(|m| (-1439..=1439).contains(m))
                        .and_then(|m| i32::try_from(m).ok())
                        .ok_or_else(|| {
                            error::new(
                                Code::InvalidValue,
                                "offsetMinutes",
                                "offsetMinutes must be a whole number from -1439 to 1439",
                            )
                        })?;
                }
                ("seconds", Value::String(s)) if s == "down" => seconds = Seconds::Down,
                ("seconds", Value::String(s)) if s == "up" => seconds = Seconds::Up,
                ("seconds", Value::String(s)) if s == "exact" => seconds = Seconds::Exact,
                ("offsetMinutes" | "seconds", _) => {
                    return Err(error::new(
                        Code::InvalidValue,
                        key,
                        "offsetMinutes must be a number; seconds \"down\", \"up\" or \"exact\"",
                    ))
                }
                _ => {
                    let mut message = String::from("unknown option ");
                    message.push_str(&shapes::quoted(key));
                    message.push_str("; expected offsetMinutes, seconds");
                    return Err(error::new(Code::UnknownField, "options", &message));
                }
            }
        }
    }
    Ok(JsValue::from_str(&format_people(
        parsed.at, offset, seconds,
    )))
}

/// `formatDuration(ms)`: a duration for people (`40 s`, `2 min 5 s`, `1 h 3 min`);
/// anything that is not a positive number is `0 s`.
#[wasm_bindgen(js_name = formatDuration, skip_typescript)]
pub fn format_duration_js(ms: JsValue) -> String {
    format_duration(ms.as_f64().unwrap_or(0.0))
}

/// `productName(serviceType)`: the name people know a type by (`Apache Kafka` for
/// `kafka`), the one name pages show; the text itself for a type the library does
/// not know (and `""` for anything that is not a string).
#[wasm_bindgen(js_name = productName, skip_typescript)]
pub fn product_name(service_type: JsValue) -> String {
    service_type
        .as_string()
        .map(|t| service_types::product_name(&t).to_string())
        .unwrap_or_default()
}
