//! The JS API as JavaScript sees it, run by wasm-bindgen-test in Node and in headless
//! Chromium (scripts/test.sh runs this suite in both). Inputs are built as real JS
//! values (JSON.parse, Date, Symbol, BigInt, Proxy, cycles); results are checked as
//! JS values (prototype, instanceof, exact JSON text).
#![cfg(target_arch = "wasm32")]

use aiven_fork::bindings::api::{
    build_fork_request, fork_equivalents, service_types, validate_fork,
};
use js_sys::{Array, Date, Function, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

// ------------------------------------------------------------------ helpers

fn js(json: &str) -> JsValue {
    match JSON::parse(json) {
        Ok(v) => v,
        Err(_) => panic!("bad JSON in test: {json}"),
    }
}

fn text(v: &JsValue) -> String {
    JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "<not JSON>".to_string())
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(v: &JsValue, key: &str, value: &JsValue) {
    assert!(Reflect::set(v, &JsValue::from_str(key), value).unwrap_or(false));
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object()
        && JsValue::from(Object::get_prototype_of(v))
            == JsValue::from(Object::get_prototype_of(&Object::new().into()))
}

/// Assert `err` is a ForkError: a real `Error` subclass named ForkError, with the
/// given code and an `errors` array of plain `{code, field, message}` objects whose
/// first entry has that code. Returns the `errors` array.
fn assert_fork_error(err: &JsValue, code: &str) -> Array {
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "not an Error: {err:?}"
    );
    assert_eq!(get(err, "name").as_string().as_deref(), Some("ForkError"));
    let class: JsValue = Object::get_prototype_of(err).into();
    assert_eq!(
        get(&get(&class, "constructor"), "name")
            .as_string()
            .as_deref(),
        Some("ForkError")
    );
    assert_eq!(
        JsValue::from(Object::get_prototype_of(&class)),
        JsValue::from(Object::get_prototype_of(&js_sys::Error::new("x").into())),
        "ForkError must extend Error directly"
    );
    assert_eq!(
        get(err, "code").as_string().as_deref(),
        Some(code),
        "{}",
        text(&get(err, "errors"))
    );
    assert!(get(err, "message")
        .as_string()
        .is_some_and(|m| !m.is_empty()));
    let errors: Array = get(err, "errors").dyn_into().expect("errors is an array");
    assert!(errors.length() >= 1);
    let first = errors.get(0);
    assert!(is_plain_object(&first));
    assert_eq!(get(&first, "code").as_string().as_deref(), Some(code));
    assert!(get(&first, "field").is_string());
    assert!(get(&first, "message").is_string());
    errors
}

fn valid_request() -> JsValue {
    js(
        r#"{"project":"demo-project","serviceName":"demo-pg-fork","serviceType":"pg",
          "plan":"startup-4","source":{"service":"demo-pg"}}"#,
    )
}

/// After hostile input the module must still answer a valid call.
fn assert_module_still_works() {
    let call = build_fork_request(valid_request(), JsValue::UNDEFINED).expect("valid call works");
    assert_eq!(get(&call, "method").as_string().as_deref(), Some("POST"));
}

// ------------------------------------------------------------------ serviceTypes

#[wasm_bindgen_test]
fn service_types_lists_only_forkable_types_as_plain_objects() {
    let types: Array = service_types()
        .expect("serviceTypes")
        .dyn_into()
        .expect("array");
    let names: Vec<String> = types
        .iter()
        .map(|t| {
            assert!(is_plain_object(&t), "not a plain object");
            assert!(is_plain_object(&get(&t, "recovery")));
            get(&t, "name").as_string().unwrap_or_default()
        })
        .collect();
    // The offered types; not Kafka or Flink (no fork keys), nor the types Aiven retired.
    assert_eq!(
        names,
        [
            "pg",
            "mysql",
            "clickhouse",
            "grafana",
            "opensearch",
            "valkey"
        ]
    );
    let pg = types
        .iter()
        .find(|t| get(t, "name").as_string().as_deref() == Some("pg"));
    let pg = pg.expect("pg row");
    assert_eq!(
        text(&get(&pg, "recovery")),
        r#"{"latest":true,"time":true,"backup":false}"#
    );
}

// ------------------------------------------------------------------ buildForkRequest

#[wasm_bindgen_test]
fn build_returns_the_exact_service_create_call() {
    let call = build_fork_request(valid_request(), JsValue::UNDEFINED).expect("valid");
    assert!(is_plain_object(&call));
    assert!(is_plain_object(&get(&call, "body")));
    assert_eq!(
        text(&call),
        r#"{"method":"POST","path":"/v1/project/demo-project/service","body":{"service_name":"demo-pg-fork","service_type":"pg","plan":"startup-4","user_config":{"service_to_fork_from":"demo-pg"}}}"#
    );
}

#[wasm_bindgen_test]
fn build_accepts_a_js_date_as_recovery_time() {
    let request = valid_request();
    let recovery = js(r#"{"mode":"time"}"#);
    // 2026-01-02T03:04:05.678Z
    set(
        &recovery,
        "time",
        &Date::new(&JsValue::from_f64(1_767_323_045_678.0)).into(),
    );
    set(&request, "recovery", &recovery);
    let call = build_fork_request(request, JsValue::UNDEFINED).expect("valid");
    assert_eq!(
        text(&get(&call, "body")),
        r#"{"service_name":"demo-pg-fork","service_type":"pg","plan":"startup-4","user_config":{"service_to_fork_from":"demo-pg","recovery_target_time":"2026-01-02T03:04:05.678000+00:00"}}"#
    );
}

#[wasm_bindgen_test]
fn a_date_and_its_iso_string_give_the_same_payload() {
    let with_string = valid_request();
    set(
        &with_string,
        "recovery",
        &js(r#"{"mode":"time","time":"2026-01-02T03:04:05.678Z"}"#),
    );
    let with_date = valid_request();
    let recovery = js(r#"{"mode":"time"}"#);
    set(
        &recovery,
        "time",
        &Date::new(&JsValue::from_str("2026-01-02T03:04:05.678Z")).into(),
    );
    set(&with_date, "recovery", &recovery);
    let a = build_fork_request(with_string, JsValue::UNDEFINED).expect("string time");
    let b = build_fork_request(with_date, JsValue::UNDEFINED).expect("Date time");
    assert_eq!(text(&a), text(&b));
}

#[wasm_bindgen_test]
fn an_invalid_date_is_invalid_time() {
    let request = valid_request();
    let recovery = js(r#"{"mode":"time"}"#);
    set(
        &recovery,
        "time",
        &Date::new(&JsValue::from_f64(f64::NAN)).into(),
    );
    set(&request, "recovery", &recovery);
    let err = build_fork_request(request, JsValue::UNDEFINED).expect_err("invalid Date");
    let errors = assert_fork_error(&err, "invalid_time");
    assert_eq!(
        get(&errors.get(0), "field").as_string().as_deref(),
        Some("recovery.time")
    );
}

#[wasm_bindgen_test]
fn build_throws_a_fork_error_listing_every_error() {
    let request = js(
        r#"{"project":"demo-project","serviceName":"Bad_Name","serviceType":"pg",
                       "plan":"startup-4","source":{"service":"demo-pg"},
                       "recovery":{"mode":"time","time":"yesterday"}}"#,
    );
    let err = build_fork_request(request, JsValue::UNDEFINED).expect_err("invalid");
    let errors = assert_fork_error(&err, "invalid_service_name");
    let codes: Vec<String> = errors
        .iter()
        .map(|e| get(&e, "code").as_string().unwrap_or_default())
        .collect();
    assert!(codes.contains(&"invalid_time".to_string()), "{codes:?}");
    assert_eq!(
        get(&errors.get(0), "field").as_string().as_deref(),
        Some("serviceName")
    );
}

// ------------------------------------------------------------------ validateFork

#[wasm_bindgen_test]
fn validate_reports_instead_of_throwing_for_a_readable_request() {
    let request = js(
        r#"{"project":"demo-project","serviceName":"demo-pg","serviceType":"pg",
                       "plan":"startup-4","source":{"service":"demo-pg"}}"#,
    );
    let report = validate_fork(request, JsValue::NULL).expect("a report");
    assert!(is_plain_object(&report));
    assert_eq!(get(&report, "ok"), JsValue::FALSE);
    let errors: Array = get(&report, "errors").dyn_into().expect("array");
    assert_eq!(
        get(&errors.get(0), "code").as_string().as_deref(),
        Some("name_equals_source")
    );
    assert!(Array::is_array(&get(&report, "warnings")));
    assert!(Array::is_array(&get(&report, "notCopied")));
    assert!(is_plain_object(&get(&report, "defaults")));
}

#[wasm_bindgen_test]
fn validate_ok_for_a_valid_request() {
    let report = validate_fork(valid_request(), JsValue::UNDEFINED).expect("a report");
    assert_eq!(get(&report, "ok"), JsValue::TRUE, "{}", text(&report));
    assert_eq!(text(&get(&report, "errors")), "[]");
}

// ------------------------------------------------------------------ forkEquivalents

#[wasm_bindgen_test]
fn equivalents_never_contain_a_token_and_use_the_env_variable() {
    let eq =
        fork_equivalents(valid_request(), JsValue::UNDEFINED, JsValue::UNDEFINED).expect("valid");
    assert!(is_plain_object(&eq));
    let cli = get(&eq, "cli").as_string().expect("cli");
    let curl = get(&eq, "curl").as_string().expect("curl");
    let tf = get(&eq, "terraform").as_string().expect("terraform");
    assert!(cli.starts_with("avn service create"), "{cli}");
    assert!(curl.contains("aivenv1 $AIVEN_TOKEN"), "{curl}");
    assert!(tf.contains("resource \"aiven_pg\""), "{tf}");
    // Nothing to say beside these commands.
    assert_eq!(
        text(&get(&eq, "hints")),
        r#"{"cli":null,"curl":null,"terraform":null}"#
    );
}

#[wasm_bindgen_test]
fn equivalents_name_the_api_given_and_refuse_an_unsafe_one() {
    let options = js(r#"{"baseUrl":"http://127.0.0.1:8787/"}"#);
    let eq = fork_equivalents(valid_request(), JsValue::UNDEFINED, options).expect("valid");
    let cli = get(&eq, "cli").as_string().expect("cli");
    let curl = get(&eq, "curl").as_string().expect("curl");
    assert!(
        cli.starts_with("avn --url 'http://127.0.0.1:8787' service create "),
        "{cli}"
    );
    assert!(
        curl.starts_with("curl -sS -X POST 'http://127.0.0.1:8787/v1/project/"),
        "{curl}"
    );
    assert!(get(&get(&eq, "hints"), "terraform")
        .as_string()
        .is_some_and(|h| h.contains("AIVEN_WEB_URL=http://127.0.0.1:8787")));
    for (options, code) in [
        (r#"{"baseUrl":"http://example.com"}"#, "insecure_base_url"),
        (r#"{"baseUrl":"ftp://example.com"}"#, "invalid_base_url"),
        (r#"{"baseUrl":5}"#, "invalid_type"),
        (r#"{"baseURL":"https://example.com"}"#, "unknown_field"),
        ("[]", "invalid_type"),
    ] {
        let err =
            fork_equivalents(valid_request(), JsValue::UNDEFINED, js(options)).expect_err(options);
        assert_fork_error(&err, code);
    }
}

#[wasm_bindgen_test]
fn equivalents_of_an_invalid_request_throw() {
    let request = js(r#"{"project":"demo-project","serviceName":"x","source":{"service":"x"}}"#);
    let err =
        fork_equivalents(request, JsValue::UNDEFINED, JsValue::UNDEFINED).expect_err("invalid");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert!(get(&err, "code").is_string());
}

// ------------------------------------------------------------------ hostile input

type Entry = fn(JsValue, JsValue) -> Result<JsValue, JsValue>;
const ENTRIES: [(&str, Entry); 3] = [
    ("buildForkRequest", build_fork_request),
    ("validateFork", validate_fork),
    ("forkEquivalents", equivalents_without_options),
];

fn equivalents_without_options(request: JsValue, context: JsValue) -> Result<JsValue, JsValue> {
    fork_equivalents(request, context, JsValue::UNDEFINED)
}

fn hostile_request(code: &str, make: impl Fn() -> JsValue) {
    for (name, entry) in ENTRIES {
        let err = match entry(make(), JsValue::UNDEFINED) {
            Ok(v) => panic!("{name} accepted hostile input: {}", text(&v)),
            Err(err) => err,
        };
        assert_fork_error(&err, code);
        // The same value as a context is refused the same way (null and
        // undefined mean "no context").
        let context = make();
        if context.is_null() || context.is_undefined() {
            continue;
        }
        let err = match entry(valid_request(), context) {
            Ok(v) => panic!("{name} accepted a hostile context: {}", text(&v)),
            Err(err) => err,
        };
        assert!(
            err.is_instance_of::<js_sys::Error>(),
            "{name}: context error is not an Error"
        );
        assert!(get(&err, "code").is_string());
        assert_module_still_works();
    }
}

#[wasm_bindgen_test]
fn non_objects_are_invalid_requests() {
    hostile_request("invalid_request", || JsValue::NULL);
    hostile_request("invalid_request", || JsValue::from_f64(42.0));
    hostile_request("invalid_request", || JsValue::from_str("pg"));
    hostile_request("invalid_request", || Array::new().into());
    hostile_request("invalid_request", || JsValue::TRUE);
    for (name, entry) in ENTRIES {
        let err = entry(JsValue::UNDEFINED, JsValue::UNDEFINED).expect_err(name);
        assert_fork_error(&err, "invalid_request");
    }
}

#[wasm_bindgen_test]
fn symbols_bigints_and_functions_are_invalid_types() {
    hostile_request("invalid_type", || JsValue::symbol(Some("x")));
    hostile_request("invalid_type", || js_sys::BigInt::from(7u32).into());
    hostile_request("invalid_type", || {
        let r = valid_request();
        set(&r, "serviceName", &JsValue::symbol(None));
        r
    });
    hostile_request("invalid_type", || {
        let r = valid_request();
        set(&r, "diskSpaceMb", &js_sys::BigInt::from(1024u32).into());
        r
    });
    hostile_request("invalid_type", || {
        let r = valid_request();
        set(&r, "plan", &Function::new_no_args("return 1").into());
        r
    });
}

#[wasm_bindgen_test]
fn cycles_are_invalid_requests() {
    hostile_request("invalid_request", || {
        let r = valid_request();
        set(&r, "self", &r);
        r
    });
}

#[wasm_bindgen_test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    hostile_request("invalid_request", || {
        let root = valid_request();
        let mut node: JsValue = Object::new().into();
        set(&root, "userConfig", &node);
        for _ in 0..100_000 {
            let child: JsValue = Object::new().into();
            set(&node, "a", &child);
            node = child;
        }
        root
    });
    // Deep arrays too.
    hostile_request("invalid_request", || {
        let root = valid_request();
        let mut node: JsValue = Array::new().into();
        set(&root, "userConfig", &node);
        for _ in 0..100_000 {
            let child: JsValue = Array::new().into();
            node.unchecked_ref::<Array>().push(&child);
            node = child;
        }
        root
    });
}

#[wasm_bindgen_test]
fn huge_strings_are_too_long() {
    let huge: JsValue = js_sys::JsString::from("a").repeat(10 * 1024 * 1024).into();
    hostile_request("field_too_long", || {
        let r = valid_request();
        set(&r, "serviceName", &huge);
        r
    });
}

#[wasm_bindgen_test]
fn throwing_proxies_and_getters_are_invalid_requests() {
    hostile_request("invalid_request", || {
        let handler = Object::new();
        set(
            &handler,
            "ownKeys",
            &Function::new_no_args("throw new Error('boom')").into(),
        );
        js_sys::Proxy::new(&valid_request(), &handler).into()
    });
    hostile_request("invalid_request", || {
        let r = valid_request();
        let getter = Object::new();
        set(
            &getter,
            "get",
            &Function::new_no_args("throw new TypeError('no')").into(),
        );
        set(&getter, "enumerable", &JsValue::TRUE);
        Object::define_property(
            r.unchecked_ref::<Object>(),
            &JsValue::from_str("plan"),
            &getter,
        );
        r
    });
    hostile_request("invalid_request", || {
        let r = valid_request();
        set(
            &r,
            "toJSON",
            &Function::new_no_args("throw 'a string'").into(),
        );
        r
    });
}

#[wasm_bindgen_test]
fn non_finite_numbers_are_invalid_values() {
    hostile_request("invalid_value", || {
        let r = valid_request();
        set(&r, "diskSpaceMb", &JsValue::from_f64(f64::NAN));
        r
    });
    hostile_request("invalid_value", || {
        let r = valid_request();
        set(&r, "diskSpaceMb", &JsValue::from_f64(f64::INFINITY));
        r
    });
}

#[wasm_bindgen_test]
fn prototype_keys_are_plain_data() {
    // JSON.parse makes `__proto__` an own key; it must not reach any prototype.
    // `__proto__` is no tag key Aiven accepts (tag keys start with a letter), so the
    // user-keyed object holding it is userConfig; `constructor` is a valid tag key.
    let request = js(
        r#"{"project":"demo-project","serviceName":"demo-pg-fork","serviceType":"pg",
                       "plan":"startup-4","source":{"service":"demo-pg"},
                       "userConfig":{"__proto__":"x","constructor":"y"},
                       "tags":{"constructor":"y"}}"#,
    );
    let call = build_fork_request(request, JsValue::UNDEFINED).expect("keys are data");
    let user_config = get(&get(&call, "body"), "user_config");
    assert_eq!(
        text(&user_config),
        r#"{"__proto__":"x","constructor":"y","service_to_fork_from":"demo-pg"}"#
    );
    assert!(
        is_plain_object(&user_config),
        "user_config's prototype was replaced"
    );
    let tags = get(&get(&call, "body"), "tags");
    assert_eq!(text(&tags), r#"{"constructor":"y"}"#);
    assert!(is_plain_object(&tags), "tags' prototype was replaced");
    let request = js(
        r#"{"project":"demo-project","serviceName":"demo-pg-fork","serviceType":"pg",
                       "plan":"startup-4","source":{"service":"demo-pg"},
                       "tags":{"__proto__":"x"}}"#,
    );
    let err = build_fork_request(request, JsValue::UNDEFINED).expect_err("not a tag key");
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("invalid_tag_key")
    );
    let request = js(r#"{"__proto__":{"serviceName":"x"},"constructor":1}"#);
    let err = build_fork_request(request, JsValue::UNDEFINED).expect_err("unknown fields");
    assert!(get(&err, "code").is_string());
    assert_module_still_works();
}

#[wasm_bindgen_test]
fn numbers_where_strings_belong_are_invalid_types() {
    let request = js(
        r#"{"project":"demo-project","serviceName":123,"serviceType":"pg",
                       "plan":"startup-4","source":{"service":"demo-pg"}}"#,
    );
    let err = build_fork_request(request.clone(), JsValue::UNDEFINED).expect_err("number name");
    let errors = assert_fork_error(&err, "invalid_type");
    assert_eq!(
        get(&errors.get(0), "field").as_string().as_deref(),
        Some("serviceName")
    );
    let report = validate_fork(request, JsValue::UNDEFINED).expect("a report");
    assert_eq!(get(&report, "ok"), JsValue::FALSE);
}

#[wasm_bindgen_test]
fn a_malformed_context_throws_a_fork_error() {
    let err = validate_fork(valid_request(), js(r#"{"source":42}"#)).expect_err("bad context");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "name").as_string().as_deref(), Some("ForkError"));
    assert_module_still_works();
}

// ------------------------------------------------------------------ prepared contexts

fn small_context() -> JsValue {
    js(
        r#"{"source":{"project":"demo-project","serviceName":"demo-pg","serviceType":"pg",
          "plan":"startup-4","cloudName":"google-europe-west1","nodeCount":1,"state":"RUNNING",
          "userConfig":{},"tags":{},"integrations":[]},
          "backups":[],"pitr":null,"plans":[],"takenNames":["demo-pg-fork"]}"#,
    )
}

#[wasm_bindgen_test]
fn a_prepared_context_answers_like_the_plain_one_and_a_freed_one_is_a_fork_error() {
    use aiven_fork::bindings::prepared::prepare_fork_context;
    let prepared = prepare_fork_context(small_context()).expect("context prepares");
    let plain = validate_fork(valid_request(), small_context()).expect("report");
    let via = validate_fork(valid_request(), prepared.clone()).expect("report");
    assert_eq!(text(&via), text(&plain));
    assert!(text(&via).contains("name_taken"));
    // free() as JS calls it: the handle then names no context.
    let free: Function = Reflect::get(&prepared, &"free".into())
        .expect("free exists")
        .dyn_into()
        .expect("free is a function");
    free.call0(&prepared).expect("free works");
    let err = validate_fork(valid_request(), prepared).expect_err("freed handle refused");
    assert_fork_error(&err, "invalid_request");
    assert_module_still_works();
}
