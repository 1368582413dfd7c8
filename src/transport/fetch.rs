//! The fetch calls (wasm32 only): gloo-net over the global `fetch`, timers from the
//! global `setTimeout`, so the same code runs in browsers, workers and Node 20+.
//! Every decision is made by the pure loops ([`super::fork`], [`super::poll`]);
//! this module only sends, sleeps and reads the clock.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, RequestCredentials};

use crate::core::context::ForkContext;
use crate::core::issue::{Code, Issue};
use crate::core::json::Value;
use crate::core::time::Timestamp;
use crate::core::validate::{errors_before_context, report_before_context, Report};
use crate::transport::check;
use crate::transport::config::{ClientConfig, Credentials};
use crate::transport::context::ContextQuery;
use crate::transport::delete::{DeleteCall, DeleteDecision, DeleteMachine, DeleteTarget};
use crate::transport::error::{redact, shorten, Failure};
use crate::transport::fork::{decide, Call, Decision, ForkMachine, ForkTarget, Verdict};
use crate::transport::join::{join_all, LocalFuture};
use crate::transport::lists::{array_of, clouds_of, forks_of, Cloud, ForkInfo};
use crate::transport::poll::{Connection, Next, ReadLoop, WaitLoop};
use crate::transport::progress::Progress;
use crate::transport::response::Outcome;
use crate::transport::retry::RateGate;
use crate::transport::shared::SharedReads;

/// Longest single `setTimeout` (browsers and Node fire at once above 2^31-1 ms).
const MAX_TIMER_MS: u64 = 0x7fff_ffff;

/// The client's shared state: settings and the rate-limit gate every request of
/// this client passes (so concurrent forks back off together after a 429).
#[derive(Debug, Clone)]
pub struct Http {
    config: Rc<ClientConfig>,
    gate: Rc<RefCell<RateGate>>,
}

/// The origin of the page this runs in (`location.origin` where a `document`
/// exists), which a same-origin path base resolves against; `None` in Node, workers
/// and opaque origins.
pub fn page_origin() -> Option<String> {
    let global = js_sys::global();
    let document = Reflect::get(&global, &JsValue::from_str("document")).ok()?;
    if document.is_undefined() || document.is_null() {
        return None;
    }
    let location = Reflect::get(&global, &JsValue::from_str("location")).ok()?;
    Reflect::get(&location, &JsValue::from_str("origin"))
        .ok()?
        .as_string()
        .filter(|o| o != "null")
}

/// Milliseconds on the JS clock (`Date.now()`).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A random number in `[0, 1)` for back-off jitter.
pub fn jitter() -> f64 {
    js_sys::Math::random()
}

fn aborted() -> Failure {
    Failure::new(Code::Aborted, "the operation was aborted")
}

/// Whether the caller's `signal` has fired; `None` when it cannot be read (an object
/// with only the prototype of an `AbortSignal`, a getter redefined to throw). Read
/// through `Reflect`, so the caller's code can never throw through the wasm frames.
pub fn signal_state(signal: &AbortSignal) -> Option<bool> {
    Reflect::get(signal, &JsValue::from_str("aborted"))
        .ok()
        .and_then(|v| v.as_bool())
}

/// `Err(aborted)` when `signal` has fired (a signal that cannot be read never has).
pub fn check_aborted(signal: Option<&AbortSignal>) -> Result<(), Failure> {
    match signal {
        Some(s) if signal_state(s) == Some(true) => Err(aborted()),
        _ => Ok(()),
    }
}

fn js_failure(what: &str) -> Failure {
    Failure::new(
        Code::NetworkError,
        format!("{what} is not available in this JavaScript environment"),
    )
}

/// `globalThis[name]` as a function.
fn global_fn(name: &str) -> Result<Function, Failure> {
    Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| js_failure(name))
}

fn set_timeout(callback: &Function, ms: u64) -> Result<JsValue, Failure> {
    global_fn("setTimeout")?
        .call2(
            &JsValue::UNDEFINED,
            callback,
            &JsValue::from_f64(ms.min(MAX_TIMER_MS) as f64),
        )
        .map_err(|_| js_failure("setTimeout"))
}

fn clear_timeout(handle: &JsValue) {
    if let Ok(f) = global_fn("clearTimeout") {
        let _ = f.call1(&JsValue::UNDEFINED, handle);
    }
}

fn listen(signal: &AbortSignal, listener: &Function, add: bool) {
    let method = if add {
        "addEventListener"
    } else {
        "removeEventListener"
    };
    if let Some(f) = Reflect::get(signal, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    {
        let _ = f.call2(signal, &JsValue::from_str("abort"), listener);
    }
}

/// Sleep `ms`, waking early with `aborted` when `signal` fires.
pub async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> Result<(), Failure> {
    check_aborted(signal)?;
    let mut left = ms;
    while left > 0 {
        let chunk = left.min(MAX_TIMER_MS);
        sleep_once(chunk, signal).await?;
        left -= chunk;
    }
    Ok(())
}

/// One `setTimeout` (at most [`MAX_TIMER_MS`]) raced against the abort event.
async fn sleep_once(ms: u64, signal: Option<&AbortSignal>) -> Result<(), Failure> {
    let mut slots: Option<(Function, Function)> = None;
    let promise = Promise::new(&mut |resolve, reject| slots = Some((resolve, reject)));
    let (resolve, reject) = slots.ok_or_else(|| js_failure("Promise"))?;
    let timer = set_timeout(&resolve, ms)?;
    if let Some(s) = signal {
        listen(s, &reject, true);
    }
    let result = JsFuture::from(promise).await;
    clear_timeout(&timer);
    if let Some(s) = signal {
        listen(s, &reject, false);
    }
    match result {
        Ok(_) => check_aborted(signal),
        Err(_) => Err(aborted()),
    }
}

/// Aborts one request's controller on timeout or when the caller's signal fires;
/// removes its timer and listener when dropped.
///
/// The controller's `abort` is bound with an explicit `undefined` reason: an event
/// listener is called with the `Event`, and `abort(event)` would make that `Event`
/// the reason fetch and the body read reject with. The abort reason is then always
/// the platform's own `AbortError`.
struct RequestGuard<'a> {
    controller: AbortController,
    abort: Function,
    timer: JsValue,
    signal: Option<&'a AbortSignal>,
}

impl<'a> RequestGuard<'a> {
    fn new(timeout_ms: u64, signal: Option<&'a AbortSignal>) -> Result<Self, Failure> {
        let controller = AbortController::new().map_err(|_| js_failure("AbortController"))?;
        let abort = Reflect::get(&controller, &JsValue::from_str("abort"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .map(|f| {
                f.bind1(&controller, &JsValue::UNDEFINED)
                    .unchecked_into::<Function>()
            })
            .ok_or_else(|| js_failure("AbortController"))?;
        let timer = set_timeout(&abort, timeout_ms)?;
        if let Some(s) = signal {
            listen(s, &abort, true);
        }
        Ok(RequestGuard {
            controller,
            abort,
            timer,
            signal,
        })
    }
}

impl Drop for RequestGuard<'_> {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some(s) = self.signal {
            listen(s, &self.abort, false);
        }
    }
}

/// Send `request` and read its whole body: `(status, Retry-After, body)`, or the
/// text of what went wrong.
///
/// gloo-net builds the request; the call and the body read are done here because
/// gloo-net's own `send`/`text` panic on a rejection that is not an `Error` of this
/// realm (an abort reason can be any value, a patched `fetch` can reject with a
/// string, an `Error` made in another realm fails `instanceof`) and on an answer that
/// is not a `Response`. Here every such value becomes a failure text.
async fn exchange(request: &web_sys::Request) -> Result<(u16, Option<String>, String), String> {
    let fetch = global_fn("fetch").map_err(|f| f.message)?;
    let pending = fetch
        .call1(&JsValue::UNDEFINED, request)
        .map_err(|e| describe(&e))?;
    // `Promise.resolve` adopts whatever fetch returned (a promise of another realm, a
    // thenable, a plain value) without trusting its type.
    let answer = JsFuture::from(Promise::resolve(&pending))
        .await
        .map_err(|e| describe(&e))?;
    let response = answer
        .dyn_into::<web_sys::Response>()
        .map_err(|_| "fetch did not answer with a Response".to_string())?;
    let status = response.status();
    let retry_after = response.headers().get("retry-after").ok().flatten();
    let reading = response.text().map_err(|e| describe(&e))?;
    let body = JsFuture::from(reading).await.map_err(|e| describe(&e))?;
    let body = body
        .as_string()
        .ok_or_else(|| "the response body was not text".to_string())?;
    Ok((status, retry_after, body))
}

/// A short text for a thrown or rejected value: `name: message` of an error-like
/// object (`TypeError: fetch failed`), a string as it is, otherwise a fixed text.
fn describe(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        return shorten(&text);
    }
    let field = |key: &str| {
        if !value.is_object() {
            return None;
        }
        Reflect::get(value, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
    };
    match (field("name"), field("message")) {
        (Some(name), Some(message)) if !message.is_empty() => {
            shorten(&format!("{name}: {message}"))
        }
        (Some(name), _) if !name.is_empty() => shorten(&name),
        (_, Some(message)) if !message.is_empty() => shorten(&message),
        _ => "fetch failed".to_string(),
    }
}

impl Http {
    /// A client for `config`.
    pub fn new(config: ClientConfig) -> Self {
        Http {
            config: Rc::new(config),
            gate: Rc::new(RefCell::new(RateGate::default())),
        }
    }

    /// The settings.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Close the shared gate for `ms` (a 429 asked for it).
    pub fn rate_limited(&self, ms: u64) {
        self.gate.borrow_mut().close_for(now_ms(), ms);
    }

    /// Send one request after the rate gate opens. `Err` only when aborted or when
    /// the environment lacks fetch machinery; every network outcome is an [`Outcome`].
    pub async fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
        timeout_ms: u64,
        signal: Option<&AbortSignal>,
    ) -> Result<Outcome, Failure> {
        loop {
            let wait = self.gate.borrow().wait_ms(now_ms());
            if wait == 0 {
                break;
            }
            sleep(wait, signal).await?;
        }
        check_aborted(signal)?;
        let guard = RequestGuard::new(timeout_ms, signal)?;
        let request_signal = guard.controller.signal();
        let mut builder = RequestBuilder::new(url)
            .method(method)
            .header("Accept", "application/json")
            .abort_signal(Some(&request_signal));
        // No token: a console backend behind a same-origin path adds it (see config).
        if let Some(authorization) = self.config.authorization() {
            builder = builder.header("Authorization", &authorization);
        }
        for (name, value) in self.config.headers() {
            builder = builder.header(name, value);
        }
        if let Some(mode) = self.config.credentials() {
            builder = builder.credentials(match mode {
                Credentials::Omit => RequestCredentials::Omit,
                Credentials::SameOrigin => RequestCredentials::SameOrigin,
                Credentials::Include => RequestCredentials::Include,
            });
        }
        let request = match body {
            Some(text) => builder
                .header("Content-Type", "application/json")
                .body(text),
            None => builder.build(),
        };
        let result = match request {
            Ok(request) => exchange(&request.into()).await,
            Err(e) => Err(e.to_string()),
        };
        drop(guard);
        check_aborted(signal)?;
        Ok(match result {
            Ok((status, retry_after, body)) => Outcome::Answered {
                status,
                body,
                retry_after,
            },
            Err(_) if request_signal.aborted() => Outcome::TimedOut,
            Err(detail) => Outcome::Dropped(redact(&detail, self.config.secret())),
        })
    }

    /// One GET through a [`ReadLoop`]: the parsed answer.
    pub async fn read(
        &self,
        url: &str,
        what: &str,
        not_found: Code,
        signal: Option<&AbortSignal>,
    ) -> Result<Value, Failure> {
        let policy = self.config.policy;
        let mut reads = ReadLoop::new(what, not_found, policy);
        loop {
            let outcome = self
                .send(Method::GET, url, None, policy.request_timeout_ms, signal)
                .await?;
            match reads.on_outcome(&outcome, jitter()) {
                Next::Done(v) => return Ok(v),
                Next::Fail(f) => return Err(f),
                Next::Again {
                    after_ms,
                    rate_limited,
                } => {
                    if rate_limited {
                        self.rate_limited(after_ms);
                    }
                    sleep(after_ms, signal).await?;
                }
            }
        }
    }
}

/// The raw answers a context is built from (kept: `fork` looks into the list).
#[derive(Debug, Clone)]
pub struct ContextAnswers {
    pub context: ForkContext,
    /// `{"services": [...]}` of the target project.
    pub services: Value,
}

fn empty_plans() -> Value {
    Value::Object(vec![(
        "service_plans".to_string(),
        Value::Array(Vec::new()),
    )])
}

/// Read the source service, its backups and the target project's services (and,
/// given a type hint, the plans) concurrently; then the plans if the hint was
/// missing or wrong.
pub async fn read_context(
    http: &Http,
    q: &ContextQuery,
    signal: Option<&AbortSignal>,
) -> Result<ContextAnswers, Failure> {
    let ep = http.config().endpoints();
    let target = q.target_project.as_deref().unwrap_or(&q.project);
    let service_url = ep.service(&q.project, &q.service).map_err(Failure::from)?;
    let backups_url = ep.backups(&q.project, &q.service).map_err(Failure::from)?;
    let list_url = ep.services(target).map_err(Failure::from)?;
    let hinted_plans_url = match (&q.service_type_hint, q.with_plans) {
        (Some(t), true) => Some(ep.plans(&q.project, t).map_err(Failure::from)?),
        _ => None,
    };
    let service_what = format!("reading service {} in project {}", q.service, q.project);
    let backups_what = format!("reading backups of service {}", q.service);
    let list_what = format!("listing services in project {target}");
    let mut reads: Vec<LocalFuture<Result<Value, Failure>>> = vec![
        Box::pin(http.read(&service_url, &service_what, Code::SourceNotFound, signal)),
        Box::pin(http.read(&backups_url, &backups_what, Code::SourceNotFound, signal)),
        Box::pin(http.read(&list_url, &list_what, Code::ApiError, signal)),
    ];
    if let Some(url) = &hinted_plans_url {
        reads.push(Box::pin(read_plans(http, url, signal)));
    }
    let mut answers = join_all(reads).await.into_iter();
    let mut next = || {
        answers
            .next()
            .unwrap_or_else(|| Err(Failure::new(Code::InvalidResponse, "a read went missing")))
    };
    let (service, backups, services) = (next()?, next()?, next()?);
    let hinted_plans = if hinted_plans_url.is_some() {
        Some(next()?)
    } else {
        None
    };
    let source_type = service
        .get("service")
        .and_then(|s| s.get("service_type"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let source_plan = service
        .get("service")
        .and_then(|s| s.get("plan"))
        .and_then(Value::as_str);
    let needed = q.with_plans && (q.plan.is_none() || q.plan.as_deref() != source_plan);
    let plans = match (needed, hinted_plans, source_type) {
        (false, _, _) => empty_plans(),
        (true, Some(p), Some(t)) if q.service_type_hint.as_deref() == Some(t.as_str()) => p,
        (true, _, Some(t)) => {
            let url = ep.plans(&q.project, &t).map_err(Failure::from)?;
            read_plans(http, &url, signal).await?
        }
        (true, _, None) => empty_plans(),
    };
    let context = ForkContext::from_api(&q.project, &service, &backups, &plans, Some(&services))
        .map_err(Failure::from)?;
    Ok(ContextAnswers { context, services })
}

/// Plans of a type; a type without a plan list (404) has no plan rules.
async fn read_plans(
    http: &Http,
    url: &str,
    signal: Option<&AbortSignal>,
) -> Result<Value, Failure> {
    match http
        .read(url, "reading service plans", Code::PlanNotFound, signal)
        .await
    {
        Err(f) if f.code == Code::PlanNotFound => Ok(empty_plans()),
        other => other,
    }
}

/// A finished fork.
#[derive(Debug, Clone)]
pub struct Forked {
    /// The service as the API last described it.
    pub service: Value,
    /// Whether this call created it (false: a fork of the same source with this
    /// name already existed).
    pub created: bool,
    /// Create requests sent.
    pub attempts: u32,
}

/// Run the create loop for a built ServiceCreate `body` in `project`.
pub async fn create(
    http: &Http,
    project: &str,
    body: &Value,
    signal: Option<&AbortSignal>,
) -> Result<Forked, Failure> {
    let target = ForkTarget::from_body(project, body)?;
    let ep = http.config().endpoints();
    let create_url = ep.services(project).map_err(Failure::from)?;
    let check_url = ep
        .service(project, &target.service_name)
        .map_err(Failure::from)?;
    let body_text = body.to_json();
    let policy = http.config().policy;
    let mut machine = ForkMachine::new(target, policy);
    let mut decision = machine.start();
    let mut create_sent = false;
    loop {
        match decision {
            Decision::Done { service, created } => {
                return Ok(Forked {
                    service,
                    created,
                    attempts: machine.creates_sent(),
                })
            }
            Decision::Fail(f) => return Err(f),
            Decision::Send {
                call,
                after_ms,
                rate_limited,
            } => {
                if rate_limited {
                    http.rate_limited(after_ms);
                }
                let sent = match sleep(after_ms, signal).await {
                    Err(f) => Err(f),
                    Ok(()) => {
                        let (method, url, body) = match call {
                            Call::Create => (Method::POST, &create_url, Some(body_text.as_str())),
                            Call::Check => (Method::GET, &check_url, None),
                        };
                        create_sent |= call == Call::Create;
                        http.send(method, url, body, policy.request_timeout_ms, signal)
                            .await
                    }
                };
                let outcome = match sent {
                    Ok(o) => o,
                    Err(f) if f.code == Code::Aborted && create_sent => {
                        let t = machine.target();
                        return Err(Failure::new(
                            Code::Aborted,
                            format!(
                                "the fork was aborted after a create request was sent: check service {} in project {} before retrying",
                                t.service_name, t.project
                            ),
                        ));
                    }
                    Err(f) => return Err(f),
                };
                decision = machine.on_outcome(call, &outcome, jitter());
            }
        }
    }
}

/// Why [`fork`] did not fork.
#[derive(Debug, Clone, PartialEq)]
pub enum NotForked {
    /// The request breaks a rule: every issue; nothing was sent.
    Invalid(Vec<Issue>),
    /// A read or the create failed.
    Failed(Failure),
}

/// Context answers shared by the forks of one `forkMany` call: each distinct
/// [`ContextQuery`] is read once per call (see [`SharedReads`]).
pub type ContextReads = SharedReads<ContextQuery, Rc<ContextAnswers>>;

/// Where [`fork`] gets the source's context from.
pub enum Known<'a> {
    /// The caller's context (`fork(request, {context})`): nothing is read.
    Context(ForkContext),
    /// Read it, sharing the answers with the other forks of the same call.
    Shared(&'a ContextReads),
    /// Read it for this fork alone.
    Nothing,
}

/// `ForkClient.fork`: with no `context`, the static rules first (nothing is read for
/// a request no source can make right), then the source's context is read (or taken
/// from the reads `known` shares); then [`decide`] and, for a new fork, the create loop.
pub async fn fork(
    http: &Http,
    request: &Value,
    known: Known<'_>,
    signal: Option<&AbortSignal>,
) -> Result<Forked, NotForked> {
    let now = Timestamp::from_unix_millis(now_ms());
    let reads = match known {
        Known::Context(context) => Err(context),
        Known::Shared(reads) => Ok(Some(reads)),
        Known::Nothing => Ok(None),
    };
    let given;
    let answers;
    let (ctx, services) = match reads {
        Err(context) => {
            given = context;
            (&given, None)
        }
        Ok(reads) => {
            let errors = errors_before_context(request, now);
            if !errors.is_empty() {
                return Err(NotForked::Invalid(errors));
            }
            let query = ContextQuery::for_fork(request);
            let read = || async { read_context(http, &query, signal).await.map(Rc::new) };
            answers = match reads {
                Some(reads) => reads.get_or_read(&query, read).await,
                None => read().await,
            }
            .map_err(NotForked::Failed)?;
            (&answers.context, Some(&answers.services))
        }
    };
    match decide(request, ctx, services, now) {
        Verdict::Create { project, body } => create(http, &project, &body, signal)
            .await
            .map_err(NotForked::Failed),
        Verdict::Exists(service) => Ok(Forked {
            service,
            created: false,
            attempts: 0,
        }),
        Verdict::Invalid(errors) => Err(NotForked::Invalid(errors)),
    }
}

/// What `ForkClient.checkFork` found.
#[derive(Debug, Clone)]
pub struct Checked {
    /// Every rule (against the live context when it was read).
    pub report: Report,
    /// The fork itself, when it already exists.
    pub existing: Option<Value>,
    /// The context read (`None` when a static rule failed and nothing was read).
    pub context: Option<ForkContext>,
}

/// A dry run of `fork`: the static rules first (nothing is read for a request no source
/// can make right), then the reads `fork` makes plus the plans, and the full report;
/// never a create.
pub async fn check_fork(
    http: &Http,
    request: &Value,
    signal: Option<&AbortSignal>,
) -> Result<Checked, Failure> {
    let now = Timestamp::from_unix_millis(now_ms());
    let before = report_before_context(request, now);
    if !before.ok {
        return Ok(Checked {
            report: before,
            existing: None,
            context: None,
        });
    }
    let answers = read_context(http, &check::query(request), signal).await?;
    let run = check::dry_run(request, &answers.context, &answers.services, now);
    Ok(Checked {
        report: run.report,
        existing: run.existing,
        context: Some(answers.context),
    })
}

/// A list read for a page: the clouds of a project, or the forks of a source in it.
pub enum ListQuery<'a> {
    /// `GET /v1/project/{p}/clouds`.
    Clouds { project: &'a str },
    /// `GET /v1/project/{p}/service`, then the forks of `source` (in `source_project`).
    Forks {
        project: &'a str,
        source: &'a str,
        source_project: &'a str,
    },
}

/// Read one [`ListQuery`] (retried like every read) and answer it as a JSON array:
/// [`Cloud`]s in the API's order, or [`ForkInfo`]s newest first.
pub async fn read_list(
    http: &Http,
    query: ListQuery<'_>,
    signal: Option<&AbortSignal>,
) -> Result<Value, Failure> {
    let ep = http.config().endpoints();
    let (url, what) = match &query {
        ListQuery::Clouds { project } => (
            ep.clouds(project),
            ["listing the clouds of project ", project].concat(),
        ),
        ListQuery::Forks { project, .. } => (
            ep.services(project),
            ["listing services in project ", project].concat(),
        ),
    };
    let url = url.map_err(Failure::from)?;
    let answer = http.read(&url, &what, Code::ApiError, signal).await?;
    Ok(match query {
        ListQuery::Clouds { project } => array_of(&clouds_of(&answer, project)?, Cloud::to_value),
        ListQuery::Forks {
            project,
            source,
            source_project,
        } => array_of(
            &forks_of(&answer, project, source, source_project)?,
            ForkInfo::to_value,
        ),
    })
}

/// What `waitUntilRunning` reports while it polls.
pub struct WaitReports<'a> {
    /// After every read of the service.
    pub on_progress: &'a dyn Fn(&Progress),
    /// After every poll with no usable answer, and once when answers are back.
    pub on_connection: &'a dyn Fn(&Connection),
}

/// Poll `name` until RUNNING, reporting progress and the connection; `timeout_ms`
/// is the caller's (no cap), `None` waits until RUNNING or aborted.
pub async fn wait_until_running(
    http: &Http,
    project: &str,
    name: &str,
    timeout_ms: Option<f64>,
    poll_ms: u64,
    reports: &WaitReports<'_>,
    signal: Option<&AbortSignal>,
) -> Result<Value, Failure> {
    let url = http
        .config()
        .endpoints()
        .service(project, name)
        .map_err(Failure::from)?;
    let deadline = timeout_ms.map(|t| now_ms() + t);
    let mut poll = WaitLoop::new(project, name, deadline, poll_ms, http.config().policy);
    loop {
        if poll.expired(now_ms()) {
            return Err(poll.timeout_failure());
        }
        let sent = now_ms();
        let outcome = http
            .send(
                Method::GET,
                &url,
                None,
                poll.request_timeout_ms(sent),
                signal,
            )
            .await?;
        let step = poll.on_outcome(&outcome, sent, now_ms());
        if let Some(p) = &step.progress {
            (reports.on_progress)(p);
        }
        if let Some(c) = &step.connection {
            (reports.on_connection)(c);
        }
        match step.next {
            Next::Done(service) => return Ok(service),
            Next::Fail(f) => return Err(f),
            Next::Again {
                after_ms,
                rate_limited,
            } => {
                if rate_limited {
                    http.rate_limited(after_ms);
                }
                sleep(after_ms, signal).await?;
            }
        }
    }
}

/// A finished delete.
#[derive(Debug, Clone)]
pub struct Deleted {
    /// Whether a DELETE of this call removed the service (false: it was not there).
    pub deleted: bool,
    /// The service as last read before it was deleted (`None` when never found).
    pub service: Option<Value>,
}

/// Run the delete loop for `target`: read the service, decide
/// ([`DeleteTarget::refusal`]), DELETE, and read again after an unknown outcome.
pub async fn delete_fork(
    http: &Http,
    target: DeleteTarget,
    signal: Option<&AbortSignal>,
) -> Result<Deleted, Failure> {
    let url = http
        .config()
        .endpoints()
        .service(&target.project, &target.service_name)
        .map_err(Failure::from)?;
    let policy = http.config().policy;
    let mut machine = DeleteMachine::new(target, policy);
    let mut decision = machine.start();
    let mut delete_sent = false;
    loop {
        match decision {
            DeleteDecision::Done { deleted, service } => return Ok(Deleted { deleted, service }),
            DeleteDecision::Fail(f) => return Err(f),
            DeleteDecision::Send {
                call,
                after_ms,
                rate_limited,
            } => {
                if rate_limited {
                    http.rate_limited(after_ms);
                }
                let sent = match sleep(after_ms, signal).await {
                    Err(f) => Err(f),
                    Ok(()) => {
                        let method = match call {
                            DeleteCall::Check => Method::GET,
                            DeleteCall::Delete => Method::DELETE,
                        };
                        delete_sent |= call == DeleteCall::Delete;
                        http.send(method, &url, None, policy.request_timeout_ms, signal)
                            .await
                    }
                };
                let outcome = match sent {
                    Ok(o) => o,
                    Err(f) if f.code == Code::Aborted && delete_sent => {
                        let t = machine.target();
                        return Err(Failure::new(
                            Code::Aborted,
                            format!(
                                "the delete was aborted after a delete request was sent: check service {} in project {}",
                                t.service_name, t.project
                            ),
                        ));
                    }
                    Err(f) => return Err(f),
                };
                decision = machine.on_outcome(call, &outcome, jitter());
            }
        }
    }
}
