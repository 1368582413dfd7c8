//! `ForkClient`: the JavaScript face of the fetch transport.
//!
//! Every method returns a Promise that rejects only with a `ForkError` whose texts
//! went through the token redaction. The client's state (settings, token, the
//! shared rate-limit gate) lives in Rust behind an `Rc`, so concurrent calls and
//! `free()` while a call is pending are safe, and the token is never a JS property.
//!
//! The class users construct is `ForkClient` of `client.js`; the wasm-bindgen object
//! defined here (`ForkClientState`) is private to the module and held by it. So a
//! freed client is a `ForkError` (`client_freed`) rather than wasm-bindgen's plain
//! "null pointer passed to rust", and `free()` twice does nothing. [`start`] hands
//! `client.js` the function that builds the state.

use std::cell::{Cell, RefCell};

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;

use crate::bindings::convert::{
    delete_result_to_js, fork_result_to_js, read_context_object, read_request, to_js_fixed_keys,
    value_to_js,
};
use crate::bindings::error;
use crate::core::issue::Code;
use crate::core::num::push_u64;
use crate::transport::advice::{self, Failed, Names, Stage};
use crate::transport::config::{ClientConfig, ClientOptions};
use crate::transport::context::ContextQuery;
use crate::transport::delete::{mark_deletable, DeleteTarget};
use crate::transport::error::Failure;
use crate::transport::fetch::{
    self, check_aborted, page_origin, read_context, signal_state, wait_until_running, ContextReads,
    Forked, Http, Known, NotForked, WaitReports,
};
use crate::transport::poll::{Connection, Problem};

/// Default `pollMs` of `waitUntilRunning`.
const DEFAULT_POLL_MS: f64 = 5_000.0;
/// Default and largest `concurrency` of `forkMany`.
const DEFAULT_CONCURRENCY: f64 = 4.0;
const MAX_CONCURRENCY: f64 = 64.0;

#[wasm_bindgen(module = "/src/bindings/client.js")]
extern "C" {
    /// Give `client.js` the function `new ForkClient(options)` builds its state with.
    /// (`catch` keeps the import behind a glue shim that scripts/build-pkg.sh rewrites.)
    #[wasm_bindgen(catch, js_name = installClient)]
    fn install_client(create: &JsValue) -> Result<(), JsValue>;
}

// `Array.isArray` and `Array.from` with their exceptions as `Err` (js-sys binds them
// without `catch`): a revoked Proxy, a throwing iterator or getter in `requests` must
// become a ForkError, not an exception thrown through the wasm frames.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(value: &JsValue) -> Result<Array, JsValue>;
}

/// Runs once when the module is instantiated (at load in Node and bundlers, in
/// `init()` for the web build): installs the state constructor in `client.js`.
#[wasm_bindgen(start, private)]
fn start() {
    let create = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(|options| {
        ForkClient::new(options).map(JsValue::from)
    });
    // Storing a function in a module variable cannot fail; if it ever did,
    // `new ForkClient` would report the module as not initialised.
    let _ = install_client(&create.into_js_value());
}

/// The state of one `ForkClient` (a client of the Aiven API or the sandbox).
/// Private to the module: JS sees the `ForkClient` of `client.js`, which holds it.
#[wasm_bindgen(private, js_name = ForkClientState, skip_typescript)]
pub struct ForkClient {
    http: Http,
}

/// `markForkDeletable(request)` → a copy of the fork request with the tag
/// `aiven-fork-source=<source service>` that `deleteFork` requires (any value the
/// request gave that tag is replaced). Throws `ForkError` only when the request
/// cannot be read; everything else is left to validation.
#[wasm_bindgen(js_name = markForkDeletable, skip_typescript)]
pub fn mark_fork_deletable(request: JsValue) -> Result<JsValue, JsValue> {
    let request = read_request(&request)?;
    value_to_js(&mark_deletable(&request))
}

/// A `ForkError` about one option or argument (`field` starts the message).
fn bad(code: Code, field: &str, message: &str) -> JsValue {
    error::new(code, field, &format!("{field} {message}"))
}

/// `options[key]`, `None` when the options or the key are absent (`undefined`/`null`).
fn option(options: &JsValue, key: &str) -> Result<Option<JsValue>, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    if !options.is_object() {
        return Err(bad(Code::InvalidType, "options", "must be an object"));
    }
    let value = Reflect::get(options, &JsValue::from_str(key))
        .map_err(|_| bad(Code::InvalidValue, key, "could not be read"))?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

/// `options.signal`: an `AbortSignal` whose `aborted` can be read (an object that only
/// has the prototype of one, `Object.create(AbortSignal.prototype)`, is refused).
fn signal_option(options: &JsValue) -> Result<Option<AbortSignal>, JsValue> {
    option(options, "signal")?
        .map(|v| {
            v.dyn_into::<AbortSignal>()
                .ok()
                .filter(|s| signal_state(s).is_some())
                .ok_or_else(|| bad(Code::InvalidType, "signal", "must be an AbortSignal"))
        })
        .transpose()
}

fn function_option(options: &JsValue, key: &str) -> Result<Option<Function>, JsValue> {
    option(options, key)?
        .map(|v| {
            v.dyn_into::<Function>()
                .map_err(|_| bad(Code::InvalidType, key, "must be a function"))
        })
        .transpose()
}

/// A number option of at least `min` (`Infinity` included).
fn number_option(options: &JsValue, key: &str, min: u32) -> Result<Option<f64>, JsValue> {
    match option(options, key)? {
        None => Ok(None),
        Some(v) => match v.as_f64() {
            Some(n) if n >= f64::from(min) && !n.is_nan() => Ok(Some(n)),
            Some(_) => {
                // Integer digits: std's float formatting would add ~14 KB to the wasm.
                let mut message = String::from("must be a number of at least ");
                push_u64(&mut message, u64::from(min));
                Err(bad(Code::InvalidValue, key, &message))
            }
            None => Err(bad(Code::InvalidType, key, "must be a number")),
        },
    }
}

fn string_option(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    option(options, key)?
        .map(|v| {
            v.as_string()
                .ok_or_else(|| bad(Code::InvalidType, key, "must be a string"))
        })
        .transpose()
}

/// `options.headers`: an object whose own enumerable values are strings.
fn headers_option(options: &JsValue) -> Result<Vec<(String, String)>, JsValue> {
    let Some(headers) = option(options, "headers")? else {
        return Ok(Vec::new());
    };
    let not_strings = || bad(Code::InvalidType, "headers", "must be an object of strings");
    let object = headers.dyn_into::<Object>().map_err(|_| not_strings())?;
    if Array::is_array(&object) {
        return Err(not_strings());
    }
    let mut out = Vec::new();
    for entry in Object::entries(&object).iter() {
        let pair = Array::from(&entry);
        match (pair.get(0).as_string(), pair.get(1).as_string()) {
            (Some(name), Some(value)) => out.push((name, value)),
            _ => return Err(not_strings()),
        }
    }
    Ok(out)
}

fn string_arg(value: &JsValue, field: &str) -> Result<String, JsValue> {
    match value.as_string() {
        Some(s) if !s.is_empty() => Ok(s),
        Some(_) => Err(bad(Code::MissingField, field, "is required")),
        None if value.is_undefined() || value.is_null() => {
            Err(bad(Code::MissingField, field, "is required"))
        }
        None => Err(bad(Code::InvalidType, field, "must be a string")),
    }
}

impl ForkClient {
    /// A `ForkError` for `f`, with the token removed from every text.
    fn reject(http: &Http, f: Failure) -> JsValue {
        error::from_failure(&f.redacted(http.config().secret()))
    }

    fn spawn<F>(&self, work: impl FnOnce(Http) -> F) -> Promise
    where
        F: std::future::Future<Output = Result<JsValue, JsValue>> + 'static,
    {
        future_to_promise(work(self.http.clone()))
    }

    /// `new ForkClient({ baseUrl = "https://api.aiven.io", token?, headers?, credentials?,
    /// requestTimeoutMs?, maxRateLimitWaitMs? })`: reads the options and the page origin;
    /// `transport::config` decides (`insecure_base_url`, `invalid_base_url`,
    /// `missing_field` without a token unless the base is a same-origin path, ...).
    fn new(options: JsValue) -> Result<ForkClient, JsValue> {
        if options.is_undefined() || options.is_null() {
            return Err(bad(Code::MissingField, "token", "is required"));
        }
        let base_url = string_option(&options, "baseUrl")?;
        let token = string_option(&options, "token")?;
        let credentials = string_option(&options, "credentials")?;
        let headers = headers_option(&options)?;
        let origin = page_origin();
        let mut config = ClientConfig::from_options(&ClientOptions {
            base_url: base_url.as_deref(),
            token: token.as_deref(),
            headers,
            credentials: credentials.as_deref(),
            page_origin: origin.as_deref(),
        })
        .map_err(|f| error::from_failure(&f))?;
        if let Some(ms) = number_option(&options, "requestTimeoutMs", 1)? {
            config.policy.request_timeout_ms = ms.min(u64::MAX as f64) as u64;
        }
        if let Some(ms) = number_option(&options, "maxRateLimitWaitMs", 0)? {
            config.policy.max_rate_limit_wait_ms = ms.min(u64::MAX as f64) as u64;
        }
        Ok(ForkClient {
            http: Http::new(config),
        })
    }
}

#[wasm_bindgen(js_class = ForkClientState)]
impl ForkClient {
    /// The checked base URL (`https://api.aiven.io`).
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.http.config().endpoints().base().as_str().to_string()
    }

    /// `getForkContext(project, service, { signal, serviceType, targetProject })` →
    /// the camelCase context `validateFork` takes. The service, its backups and the
    /// target project's services are read concurrently; plans follow once the type
    /// is known, or join the first round trip when `serviceType` is given.
    #[wasm_bindgen(js_name = getForkContext)]
    pub fn get_fork_context(
        &self,
        project: JsValue,
        service: JsValue,
        options: JsValue,
    ) -> Promise {
        self.spawn(move |http| async move {
            let query = ContextQuery::for_source(
                string_arg(&project, "project")?,
                string_arg(&service, "service")?,
                string_option(&options, "targetProject")?,
                string_option(&options, "serviceType")?,
            );
            let signal = signal_option(&options)?;
            let answers = read_context(&http, &query, signal.as_ref())
                .await
                .map_err(|f| Self::reject(&http, f))?;
            value_to_js(&answers.context.to_value())
        })
    }

    /// `fork(request, { signal, context })` → `{ service, created, attempts }`.
    /// Validates first and throws every error before anything is sent; without a
    /// context it reads one (no POST when invalid).
    pub fn fork(&self, request: JsValue, options: JsValue) -> Promise {
        self.spawn(move |http| async move {
            let signal = signal_option(&options)?;
            let context = option(&options, "context")?;
            let done = fork_one(&http, &request, Given::from(context), signal.as_ref()).await?;
            fork_result_to_js(&done.service, done.created, done.attempts, false)
        })
    }

    /// `waitUntilRunning(project, name, { onProgress, onConnection, signal, timeoutMs,
    /// pollMs })` → the service once RUNNING. `onProgress({state, phase, percent,
    /// nodes})` is called after every read; `onConnection({state, problem, status,
    /// lastAnswerAt, lostSince, retryInMs})` after every poll with no usable answer
    /// (`lost`) and once when answers are back (`ok`). Their exceptions are ignored.
    /// No timeout unless `timeoutMs` is given, and that one is not capped.
    #[wasm_bindgen(js_name = waitUntilRunning)]
    pub fn wait_until_running(&self, project: JsValue, name: JsValue, options: JsValue) -> Promise {
        self.spawn(move |http| async move {
            let project = string_arg(&project, "project")?;
            let name = string_arg(&name, "name")?;
            let signal = signal_option(&options)?;
            let on_progress = function_option(&options, "onProgress")?;
            let on_connection = function_option(&options, "onConnection")?;
            let timeout_ms = number_option(&options, "timeoutMs", 0)?.filter(|t| t.is_finite());
            let poll_ms = number_option(&options, "pollMs", 1)?.unwrap_or(DEFAULT_POLL_MS);
            let progress = |p: &crate::transport::progress::Progress| {
                if let (Some(f), Ok(v)) = (&on_progress, to_js_fixed_keys(p)) {
                    let _ = f.call1(&JsValue::UNDEFINED, &v);
                }
            };
            let connection = |c: &Connection| {
                if let (Some(f), Ok(v)) = (&on_connection, value_to_js(&c.to_value())) {
                    let _ = f.call1(&JsValue::UNDEFINED, &v);
                }
            };
            let reports = WaitReports {
                on_progress: &progress,
                on_connection: &connection,
            };
            let service = wait_until_running(
                &http,
                &project,
                &name,
                timeout_ms,
                poll_ms.min(u64::MAX as f64) as u64,
                &reports,
                signal.as_ref(),
            )
            .await
            .map_err(|f| Self::reject(&http, f))?;
            value_to_js(&service)
        })
    }

    /// `listClouds(project, { signal })` → `[{cloudName, description, geoRegion,
    /// regionLabel, provider}]`: the clouds the project can use, in the API's order.
    #[wasm_bindgen(js_name = listClouds)]
    pub fn list_clouds(&self, project: JsValue, options: JsValue) -> Promise {
        self.spawn(move |http| async move {
            let project = string_arg(&project, "project")?;
            let signal = signal_option(&options)?;
            let clouds = fetch::read_list(
                &http,
                fetch::ListQuery::Clouds { project: &project },
                signal.as_ref(),
            )
            .await
            .map_err(|f| Self::reject(&http, f))?;
            value_to_js(&clouds)
        })
    }

    /// `listForks(project, source, { sourceProject, signal })` → `[{serviceName, state,
    /// inProgress, serviceType, plan, cloudName, createTime}]`: the forks of `source`
    /// (in `sourceProject`, default `project`) in `project`, newest first.
    #[wasm_bindgen(js_name = listForks)]
    pub fn list_forks(&self, project: JsValue, source: JsValue, options: JsValue) -> Promise {
        self.spawn(move |http| async move {
            let project = string_arg(&project, "project")?;
            let source = string_arg(&source, "source")?;
            let source_project =
                string_option(&options, "sourceProject")?.filter(|p| !p.is_empty());
            let signal = signal_option(&options)?;
            let forks = fetch::read_list(
                &http,
                fetch::ListQuery::Forks {
                    project: &project,
                    source: &source,
                    source_project: source_project.as_deref().unwrap_or(&project),
                },
                signal.as_ref(),
            )
            .await
            .map_err(|f| Self::reject(&http, f))?;
            value_to_js(&forks)
        })
    }

    /// `checkFork(request, { signal })` → `{ report, existing, context }`: a dry run of
    /// `fork`, nothing created. `report` holds every rule against the live context (and
    /// the plan's `price`); `existing` is the fork itself when it already exists (`fork`
    /// would answer it with `created: false`), else `null`; `context` is what was read
    /// (`null` when a static rule failed and nothing was read).
    #[wasm_bindgen(js_name = checkFork)]
    pub fn check_fork(&self, request: JsValue, options: JsValue) -> Promise {
        self.spawn(move |http| async move {
            let signal = signal_option(&options)?;
            check_aborted(signal.as_ref()).map_err(|f| Self::reject(&http, f))?;
            let request = read_request(&request)?;
            let checked = fetch::check_fork(&http, &request, signal.as_ref())
                .await
                .map_err(|f| Self::reject(&http, f))?;
            let out = Object::new();
            let set = |key: &str, value: &JsValue| {
                Reflect::set(&out, &JsValue::from_str(key), value)
                    .map_err(|_| error::unconvertible())
            };
            set("report", &to_js_fixed_keys(&checked.report)?)?;
            set(
                "existing",
                &checked
                    .existing
                    .as_ref()
                    .map_or(Ok(JsValue::NULL), value_to_js)?,
            )?;
            set(
                "context",
                &checked
                    .context
                    .map_or(Ok(JsValue::NULL), |c| value_to_js(&c.to_value()))?,
            )?;
            Ok(out.into())
        })
    }

    /// `deleteFork(project, name, { forkedFrom, sourceProject, signal })` →
    /// `{ deleted, service }`. Deletes `name` only when it is a fork of `forkedFrom`
    /// (in `sourceProject`, default `project`) carrying the tag `markForkDeletable`
    /// sets, and has no termination
    /// protection; otherwise rejects (`not_fork_of_source`, `fork_tag_missing`,
    /// `termination_protected`) and sends no DELETE. A service that does not exist
    /// resolves `{ deleted: false, service: null }`.
    #[wasm_bindgen(js_name = deleteFork)]
    pub fn delete_fork(&self, project: JsValue, name: JsValue, options: JsValue) -> Promise {
        self.spawn(move |http| async move {
            let project = string_arg(&project, "project")?;
            let name = string_arg(&name, "name")?;
            let source = string_option(&options, "forkedFrom")?
                .filter(|s| !s.is_empty())
                .ok_or_else(|| bad(Code::MissingField, "forkedFrom", "is required"))?;
            let source_project = string_option(&options, "sourceProject")?;
            let signal = signal_option(&options)?;
            let target = DeleteTarget::new(&project, &name, &source, source_project.as_deref());
            let done = fetch::delete_fork(&http, target, signal.as_ref())
                .await
                .map_err(|f| Self::reject(&http, f))?;
            delete_result_to_js(done.deleted, done.service.as_ref())
        })
    }

    /// `forkMany(requests, { concurrency = 4, signal, onResult })` → one
    /// `{ ok, service?, created?, attempts?, error? }` per request, in input order.
    /// Never rejects for a single failure; all forks share the 429 back-off.
    #[wasm_bindgen(js_name = forkMany)]
    pub fn fork_many(&self, requests: JsValue, options: JsValue) -> Promise {
        self.spawn(move |http| async move {
            if !is_array(&requests).unwrap_or(false) {
                return Err(bad(Code::InvalidType, "requests", "must be an array"));
            }
            let requests: Vec<JsValue> = array_from(&requests)
                .map_err(|_| {
                    bad(
                        Code::InvalidRequest,
                        "requests",
                        "could not be read (an iterator, getter or proxy threw)",
                    )
                })?
                .iter()
                .collect();
            let signal = signal_option(&options)?;
            let on_result = function_option(&options, "onResult")?;
            let concurrency = number_option(&options, "concurrency", 1)?
                .unwrap_or(DEFAULT_CONCURRENCY)
                .min(MAX_CONCURRENCY)
                .floor() as usize;
            let results: RefCell<Vec<JsValue>> =
                RefCell::new(vec![JsValue::UNDEFINED; requests.len()]);
            let next = Cell::new(0usize);
            // Each distinct source is read once for the whole call.
            let reads = ContextReads::new();
            let worker = || async {
                loop {
                    let i = next.get();
                    let Some(request) = requests.get(i) else {
                        break;
                    };
                    next.set(i + 1);
                    let outcome =
                        fork_one(&http, request, Given::Shared(&reads), signal.as_ref()).await;
                    let result = many_result(outcome);
                    if let Some(f) = &on_result {
                        let _ = f.call2(&JsValue::UNDEFINED, &result, &JsValue::from_f64(i as f64));
                    }
                    if let Some(slot) = results.borrow_mut().get_mut(i) {
                        *slot = result;
                    }
                }
            };
            let workers: Vec<crate::transport::join::LocalFuture<()>> =
                (0..concurrency.min(requests.len()).max(1))
                    .map(|_| Box::pin(worker()) as crate::transport::join::LocalFuture<()>)
                    .collect();
            crate::transport::join::join_all(workers).await;
            let out = Array::new();
            for r in results.into_inner() {
                out.push(&r);
            }
            Ok(out.into())
        })
    }
}

/// `error[key]` as a string, `None` when absent or not a string (read through
/// `Reflect`, so a throwing getter is just absent).
fn text_of(value: &JsValue, key: &str) -> Option<String> {
    if !value.is_object() {
        return None;
    }
    Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

/// `explainForkError(error, { stage, project, service, sourceProject, name })` →
/// `{ transient, action, title, message, details }`: what a failed load, submit or
/// wait (`stage`) means for people and what helps (`transport::advice`). `error` may
/// be anything thrown; a `ForkError`'s `code`, `status` and `serverMessage` decide.
#[wasm_bindgen(js_name = explainForkError, skip_typescript)]
pub fn explain_fork_error(error: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let stage_text = string_option(&options, "stage")?.unwrap_or_default();
    let stage = Stage::parse(&stage_text).ok_or_else(|| {
        bad(
            Code::InvalidValue,
            "stage",
            "must be \"load\", \"submit\" or \"wait\"",
        )
    })?;
    let project = string_option(&options, "project")?.unwrap_or_default();
    let service = string_option(&options, "service")?.unwrap_or_default();
    let source_project = string_option(&options, "sourceProject")?.filter(|p| !p.is_empty());
    let name = string_option(&options, "name")?.unwrap_or_default();
    let code = text_of(&error, "code").unwrap_or_default();
    let message = text_of(&error, "message")
        .or_else(|| error.as_string())
        .unwrap_or_default();
    let server_message = text_of(&error, "serverMessage");
    let status = if error.is_object() {
        Reflect::get(&error, &JsValue::from_str("status"))
            .ok()
            .and_then(|v| v.as_f64())
            .filter(|s| (100.0..=599.0).contains(s) && s.fract() == 0.0)
            .map(|s| s as u16)
    } else {
        None
    };
    let explained = advice::explain(
        &Failed {
            code: &code,
            message: &message,
            status,
            server_message: server_message.as_deref(),
        },
        stage,
        &Names {
            project: &project,
            service: &service,
            source_project: source_project.as_deref(),
            name: &name,
        },
    );
    value_to_js(&explained.to_value())
}

/// `describeConnection(report, nowMs?)` → one line for people about an
/// `onConnection` report: `Connection lost, retrying (last answer 40 s ago).`
/// (`nowMs` defaults to `Date.now()`).
#[wasm_bindgen(js_name = describeConnection, skip_typescript)]
pub fn describe_connection(report: JsValue, now_ms: JsValue) -> Result<JsValue, JsValue> {
    let not_report = || {
        bad(
            Code::InvalidType,
            "report",
            "must be an onConnection report",
        )
    };
    let state = text_of(&report, "state").ok_or_else(not_report)?;
    let number = |key: &str| {
        Reflect::get(&report, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_f64())
            .filter(|n| n.is_finite())
    };
    let problem = text_of(&report, "problem").and_then(|p| Problem::parse(&p));
    let connection = Connection {
        state: if state == "lost" { "lost" } else { "ok" },
        problem,
        status: number("status")
            .filter(|s| (100.0..=599.0).contains(s))
            .map(|s| s as u16),
        last_answer_at: number("lastAnswerAt"),
        lost_since: number("lostSince"),
        retry_in_ms: None,
    };
    let now = now_ms
        .as_f64()
        .filter(|n| n.is_finite())
        .unwrap_or_else(fetch::now_ms);
    Ok(JsValue::from_str(&connection.describe(now)))
}

/// One `forkMany` result: `{ok: true, service, created, attempts}` or
/// `{ok: false, error}` (the `ForkError` itself, so not JSON).
fn many_result(outcome: Result<Forked, JsValue>) -> JsValue {
    let error = match outcome {
        Ok(done) => match fork_result_to_js(&done.service, done.created, done.attempts, true) {
            Ok(result) => return result,
            Err(e) => e,
        },
        Err(e) => e,
    };
    let obj = Object::new();
    let _ = Reflect::set(&obj, &JsValue::from_str("ok"), &JsValue::FALSE);
    let _ = Reflect::set(&obj, &JsValue::from_str("error"), &error);
    obj.into()
}

/// The context a fork is given: the caller's (to read), none, or the reads shared
/// by one `forkMany` call.
enum Given<'a> {
    Context(JsValue),
    Nothing,
    Shared(&'a ContextReads),
}

impl From<Option<JsValue>> for Given<'_> {
    fn from(context: Option<JsValue>) -> Self {
        context.map_or(Given::Nothing, Given::Context)
    }
}

/// `fork` of one request: read the arguments, run [`fetch::fork`]. Errors are
/// `ForkError`s (an aborted signal is reported before the request is read).
async fn fork_one(
    http: &Http,
    request: &JsValue,
    given: Given<'_>,
    signal: Option<&AbortSignal>,
) -> Result<Forked, JsValue> {
    check_aborted(signal).map_err(|f| ForkClient::reject(http, f))?;
    let request = read_request(request)?;
    let known = match given {
        Given::Context(c) => Known::Context(read_context_object(&c)?),
        Given::Nothing => Known::Nothing,
        Given::Shared(reads) => Known::Shared(reads),
    };
    fetch::fork(http, &request, known, signal)
        .await
        .map_err(|e| match e {
            NotForked::Invalid(issues) => error::from_issues(&issues),
            NotForked::Failed(f) => ForkClient::reject(http, f),
        })
}
