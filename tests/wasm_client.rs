//! The fetch layer itself (`transport::fetch`), run by wasm-bindgen-test in Node and in
//! headless Chromium against the sandbox scripts/test.sh starts (its address and demo
//! token are read at compile time from `AIVEN_FORK_SANDBOX_URL` and
//! `AIVEN_FORK_SANDBOX_TOKEN`; without them the HTTP tests fail, saying so).
#![cfg(target_arch = "wasm32")]

use aiven_fork::core::issue::Code;
use aiven_fork::core::json::{parse, Value};
use aiven_fork::transport::config::ClientConfig;
use aiven_fork::transport::context::ContextQuery;
use aiven_fork::transport::fetch::{create, read_context, sleep, Http};
use aiven_fork::transport::response::Outcome;
use gloo_net::http::Method;
use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::AbortController;

const SANDBOX: Option<&str> = option_env!("AIVEN_FORK_SANDBOX_URL");
const TOKEN: Option<&str> = option_env!("AIVEN_FORK_SANDBOX_TOKEN");

/// A client of the sandbox; panics (fails the test) when the build was not given one.
fn http() -> Http {
    let (Some(url), Some(token)) = (SANDBOX, TOKEN) else {
        panic!(
            "AIVEN_FORK_SANDBOX_URL / AIVEN_FORK_SANDBOX_TOKEN were not set when this test \
             was built: run it through scripts/test.sh, which starts the sandbox"
        )
    };
    ClientConfig::new(Some(url), token)
        .map(Http::new)
        .unwrap_or_else(|f| panic!("sandbox URL {url} refused: {f:?}"))
}

/// `PUT /_sandbox/faults` with `body` (the sandbox's admin API, demo token).
async fn set_faults(http: &Http, body: &str) {
    let url = format!("{}/_sandbox/faults", SANDBOX.unwrap_or_default());
    match http.send(Method::PUT, &url, Some(body), 10_000, None).await {
        Ok(Outcome::Answered { status: 200, .. }) => {}
        other => panic!("PUT /_sandbox/faults {body}: {other:?}"),
    }
}

fn unique(prefix: &str) -> String {
    let n = (js_sys::Math::random() * 1e9) as u64;
    format!("{prefix}-{n}")
}

/// `controller.abort()` after `ms`, through the global setTimeout.
fn abort_later(controller: &AbortController, ms: u32) {
    let abort = Reflect::get(controller, &JsValue::from_str("abort"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .map(|f| f.bind0(controller));
    let set_timeout = Reflect::get(&js_sys::global(), &JsValue::from_str("setTimeout"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    match (abort, set_timeout) {
        (Some(a), Some(t)) => {
            assert!(t.call2(&JsValue::UNDEFINED, &a, &JsValue::from(ms)).is_ok());
        }
        _ => panic!("no setTimeout / AbortController.abort"),
    }
}

#[wasm_bindgen_test]
async fn sleep_finishes_and_abort_wakes_it() {
    assert_eq!(sleep(5, None).await, Ok(()));
    let controller = AbortController::new().unwrap_or_else(|_| panic!("AbortController"));
    controller.abort();
    let signal = controller.signal();
    assert_eq!(
        sleep(3_600_000, Some(&signal)).await.map_err(|f| f.code),
        Err(Code::Aborted)
    );
    // Aborted while sleeping an hour: wakes at once (the test would hang otherwise).
    let controller = AbortController::new().unwrap_or_else(|_| panic!("AbortController"));
    abort_later(&controller, 20);
    let signal = controller.signal();
    assert_eq!(
        sleep(3_600_000, Some(&signal)).await.map_err(|f| f.code),
        Err(Code::Aborted)
    );
}

#[wasm_bindgen_test]
async fn send_reports_answers_and_dropped_connections() {
    let http = http();
    let url = http
        .config()
        .endpoints()
        .service("demo-project", "demo-pg")
        .unwrap_or_default();
    match http.send(Method::GET, &url, None, 10_000, None).await {
        Ok(Outcome::Answered { status, body, .. }) => {
            assert_eq!(status, 200);
            let v = parse(&body).unwrap_or(Value::Null);
            let name = v.get("service").and_then(|s| s.get("service_name"));
            assert_eq!(name.and_then(Value::as_str), Some("demo-pg"));
        }
        other => panic!("unexpected: {other:?}"),
    }
    // A connection the server closes without an answer: the sandbox's `drop` fault on
    // the next API requests (wasm-bindgen-test runs one test at a time, so they are this
    // one's; three, because a browser sends a GET again once when a reused connection
    // closes without an answer). The admin API itself is never faulted.
    set_faults(&http, r#"{"only":"all","next":["drop","drop","drop"]}"#).await;
    let dropped = http.send(Method::GET, &url, None, 10_000, None).await;
    set_faults(&http, "{}").await;
    assert!(
        matches!(dropped, Ok(Outcome::Dropped(_))),
        "expected a dropped connection, got {dropped:?}"
    );
}

#[wasm_bindgen_test]
async fn reads_the_context_in_one_batch_with_a_type_hint() {
    let http = http();
    let q = ContextQuery {
        project: "demo-project".into(),
        service: "demo-clickhouse".into(),
        target_project: None,
        service_type_hint: Some("clickhouse".into()),
        with_plans: true,
        plan: None,
    };
    let answers = read_context(&http, &q, None)
        .await
        .unwrap_or_else(|f| panic!("{f:?}"));
    let ctx = answers.context;
    assert_eq!(ctx.source.service_type, "clickhouse");
    assert_eq!(ctx.source.node_count, 3);
    assert!(!ctx.backups.is_empty());
    assert!(ctx.plans.iter().any(|p| p.node_count == 1));
    assert!(ctx
        .taken_names
        .unwrap_or_default()
        .contains(&"demo-clickhouse".to_string()));
}

#[wasm_bindgen_test]
async fn creates_once_and_a_repeat_is_not_created() {
    let http = http();
    let name = unique("wasm-fork");
    let body = parse(&format!(
        r#"{{"service_name":"{name}","service_type":"grafana","plan":"startup-1","user_config":{{"service_to_fork_from":"demo-grafana"}}}}"#
    ))
    .unwrap_or(Value::Null);
    let first = create(&http, "demo-project", &body, None)
        .await
        .unwrap_or_else(|f| panic!("{f:?}"));
    assert!(first.created);
    assert_eq!(first.attempts, 1);
    // The same create again: 409, read, a fork of the same source: not created.
    let again = create(&http, "demo-project", &body, None)
        .await
        .unwrap_or_else(|f| panic!("{f:?}"));
    assert!(!again.created);
    assert_eq!(
        again.service.get("service_name").and_then(Value::as_str),
        Some(name.as_str())
    );
}

/// `globalThis.fetch` replaced by `body` (a JS function body) while `send` runs once.
async fn send_with_fetch(body: &str) -> Outcome {
    let global = js_sys::global();
    let key = JsValue::from_str("fetch");
    let real = Reflect::get(&global, &key).unwrap_or(JsValue::UNDEFINED);
    let fake = Function::new_no_args(body);
    assert_eq!(Reflect::set(&global, &key, &fake), Ok(true));
    // Never contacted: the fake fetch answers.
    let http = ClientConfig::new(Some("http://127.0.0.1:9"), "sandbox-demo-token")
        .map(Http::new)
        .unwrap_or_else(|_| panic!("config"));
    let url = http
        .config()
        .endpoints()
        .service("demo-project", "demo-pg")
        .unwrap_or_default();
    let outcome = http.send(Method::GET, &url, None, 10_000, None).await;
    assert_eq!(Reflect::set(&global, &key, &real), Ok(true));
    outcome.unwrap_or_else(|f| panic!("send failed: {f:?}"))
}

#[wasm_bindgen_test]
async fn whatever_fetch_rejects_or_answers_is_an_outcome_never_a_panic() {
    let dropped = |s: &str| Outcome::Dropped(s.to_string());
    // An abort reason can be any value; a patched fetch can reject with anything.
    assert_eq!(
        send_with_fetch("return Promise.reject('nope')").await,
        dropped("nope")
    );
    assert_eq!(
        send_with_fetch("return Promise.reject({})").await,
        dropped("fetch failed")
    );
    assert_eq!(
        send_with_fetch("return Promise.reject(new Event('abort'))").await,
        dropped("fetch failed")
    );
    assert_eq!(
        send_with_fetch("return Promise.reject({ name: 'AbortError', message: 'gone' })").await,
        dropped("AbortError: gone")
    );
    assert_eq!(send_with_fetch("throw 42").await, dropped("fetch failed"));
    assert_eq!(
        send_with_fetch("return Promise.reject('x'.repeat(10000))").await,
        dropped(&format!("{}…", "x".repeat(500)))
    );
    // Answers that are not a Response, or whose body is not text.
    assert_eq!(
        send_with_fetch("return Promise.resolve({ status: 200 })").await,
        dropped("fetch did not answer with a Response")
    );
    assert_eq!(
        send_with_fetch("const r = new Response('x'); r.text = () => Promise.reject(7); return r")
            .await,
        dropped("fetch failed")
    );
    assert_eq!(
        send_with_fetch("const r = new Response('x'); r.text = async () => 5; return r").await,
        dropped("the response body was not text")
    );
    // A real Response is read as before.
    assert_eq!(
        send_with_fetch(
            "return new Response('{}', { status: 503, headers: { 'Retry-After': '7' } })"
        )
        .await,
        Outcome::Answered {
            status: 503,
            body: "{}".to_string(),
            retry_after: Some("7".to_string())
        }
    );
}
