//! The HTTP server: connection handling, CORS, auth, faults, request log, routing.

use crate::catalog;
use crate::console::{self, Sessions};
use crate::error::{ApiError, ApiResult};
use crate::faults::{Fault, Faults, Scope};
use crate::fork::{self, World};
use crate::rng::Rng;
use crate::seed;
use crate::state::{Pitr, Project, Service};
use crate::statics::{self, Refusal};
use bytes::Bytes;
use chrono::{Duration, Utc};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{json, Map, Value};
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

/// Largest accepted request body.
pub const BODY_LIMIT: usize = 1024 * 1024;
/// How much of a too-large streamed body is still read (and dropped) before the 413.
const DRAIN_LIMIT: usize = 16 * 1024 * 1024;
/// How long the rest of a too-large body may take to arrive before the 413 is sent anyway.
const DRAIN_SECS: u64 = 10;
/// Bound of `POST /_sandbox/advance` (one year), so time arithmetic cannot overflow.
const MAX_ADVANCE_SECS: f64 = 31_536_000.0;
/// The request log keeps this many newest entries.
const LOG_LIMIT: usize = 50_000;

type Resp = Response<Full<Bytes>>;

/// Returned to hyper to close the connection without writing an answer.
#[derive(Debug)]
pub struct Dropped;

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for Dropped {}

/// Start-up settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub token: String,
    /// A valid token that is a member of `other-org-project` only.
    pub other_token: String,
    pub rebuild_secs: f64,
    pub serve_dir: PathBuf,
    pub faults: Faults,
    /// Serve the console-backend proxy (`/_console/login`, `/aiven-api/...`; see `console`).
    pub console_proxy: bool,
}

struct Inner {
    projects: Vec<Project>,
    faults: Faults,
    rng: Rng,
    log: Vec<Value>,
    seq: u64,
}

/// Shared server state.
pub struct App {
    cfg: Config,
    inner: Mutex<Inner>,
    sessions: Sessions,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Who {
    Demo,
    Other,
}

impl App {
    pub fn new(cfg: Config) -> App {
        let inner = Inner {
            projects: seed::projects(Utc::now()),
            faults: cfg.faults.clone(),
            rng: Rng::new(cfg.faults.seed),
            log: Vec::new(),
            seq: 0,
        };
        App {
            cfg,
            inner: Mutex::new(inner),
            sessions: Sessions::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A poisoned lock only means another request panicked; the data is still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn who(&self, req_auth: Option<&HeaderValue>) -> Option<Who> {
        let v = req_auth?.to_str().ok()?;
        let (scheme, token) = v.split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("aivenv1") {
            return None;
        }
        let token = token.trim();
        if token.is_empty() {
            None
        } else if token == self.cfg.token {
            Some(Who::Demo)
        } else if token == self.cfg.other_token {
            Some(Who::Other)
        } else {
            None
        }
    }

    fn redact(&self, s: &str) -> String {
        let mut out = s.to_string();
        for t in [&self.cfg.token, &self.cfg.other_token] {
            if !t.is_empty() {
                out = out.replace(t.as_str(), "[redacted]");
            }
        }
        out
    }
}

fn is_member(who: Who, project: &str) -> bool {
    match who {
        Who::Demo => matches!(
            project,
            seed::DEMO_PROJECT | seed::DEMO_PROJECT_2 | seed::OTHER_ORG_PROJECT
        ),
        Who::Other => project == seed::OTHER_ORG_PROJECT,
    }
}

fn with_cors(mut resp: Resp) -> Resp {
    let h = resp.headers_mut();
    h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static("Retry-After, Content-Type"),
    );
    resp
}

fn respond(status: u16, content_type: &'static str, body: Bytes) -> Resp {
    let mut resp = Response::new(Full::new(body));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    with_cors(resp)
}

fn json_resp(status: u16, v: &Value) -> Resp {
    respond(status, "application/json", Bytes::from(v.to_string()))
}

fn error_resp(e: &ApiError) -> Resp {
    let mut resp = json_resp(e.status, &e.body());
    if let Some(secs) = e.retry_after {
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            resp.headers_mut().insert("retry-after", v);
        }
    }
    resp
}

fn preflight(req: &Request<Incoming>) -> Resp {
    let mut resp = respond(204, "text/plain", Bytes::new());
    let h = resp.headers_mut();
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static("GET, POST, PUT, DELETE, OPTIONS"),
    );
    let allow = req
        .headers()
        .get("access-control-request-headers")
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("Authorization, Content-Type"));
    h.insert("access-control-allow-headers", allow);
    h.insert("access-control-max-age", HeaderValue::from_static("600"));
    // Chromium's Private Network Access preflight, for pages on another local origin.
    if req
        .headers()
        .get("access-control-request-private-network")
        .is_some()
    {
        h.insert(
            "access-control-allow-private-network",
            HeaderValue::from_static("true"),
        );
    }
    resp
}

fn server_error_page(status: u16) -> Resp {
    let reason = StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Server Error");
    let html = format!(
        "<html><head><title>{status} {reason}</title></head><body><h1>{status} {reason}</h1></body></html>\n"
    );
    respond(status, "text/html; charset=utf-8", Bytes::from(html))
}

/// Reads the body up to the limit; Err(()) when it is larger (or unreadable).
///
/// A body found too large while streaming is still read to its end (at most
/// `DRAIN_LIMIT` more bytes, for at most `DRAIN_SECS`) before the 413 is sent: closing a
/// connection with unread bytes makes TCP reset it, and the client may then lose the 413
/// it was sent. A declared `Content-Length` over the limit is refused on the header.
async fn read_body(req: Request<Incoming>) -> Result<Bytes, ()> {
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return Err(());
    }
    let mut body = req.into_body();
    let mut kept: Vec<u8> = Vec::new();
    let mut read = 0usize;
    loop {
        let frame = if read > BODY_LIMIT {
            let deadline = std::time::Duration::from_secs(DRAIN_SECS);
            match tokio::time::timeout(deadline, body.frame()).await {
                Ok(frame) => frame,
                Err(_) => return Err(()),
            }
        } else {
            body.frame().await
        };
        let Some(frame) = frame else { break };
        let Ok(frame) = frame else { return Err(()) };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        read = read.saturating_add(data.len());
        if read <= BODY_LIMIT {
            kept.extend_from_slice(&data);
        } else if read > BODY_LIMIT + DRAIN_LIMIT {
            return Err(());
        }
    }
    if read > BODY_LIMIT {
        Err(())
    } else {
        Ok(Bytes::from(kept))
    }
}

fn too_large() -> ApiError {
    ApiError::new(413, "Request body is too large (limit 1048576 bytes)")
}

fn segments(path: &str) -> Option<Vec<String>> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(statics::percent_decode)
        .collect()
}

fn is_create(method: &Method, segs: &[String]) -> bool {
    method == Method::POST && segs.len() == 4 && segs[1] == "project" && segs[3] == "service"
}

/// Entry point for every request.
pub async fn handle(app: Arc<App>, req: Request<Incoming>) -> Result<Resp, Dropped> {
    let path = req.uri().path().to_string();
    let method = req.method().clone();
    if path == "/v1" || path.starts_with("/v1/") {
        return api(app, req, path, None).await;
    }
    if app.cfg.console_proxy {
        if path == console::LOGIN {
            return Ok(console_login(&app, &method));
        }
        if path == console::PREFIX || path.starts_with(&format!("{}/", console::PREFIX)) {
            return console_forward(app, req, path).await;
        }
    }
    if method == Method::OPTIONS {
        return Ok(preflight(&req));
    }
    if path.starts_with("/_sandbox/") {
        return Ok(admin(app, req, path).await);
    }
    Ok(static_file(&app, &method, &path))
}

fn static_file(app: &App, method: &Method, path: &str) -> Resp {
    if method != Method::GET && method != Method::HEAD {
        return error_resp(&ApiError::new(405, "Method not allowed"));
    }
    match statics::resolve(&app.cfg.serve_dir, path) {
        Ok(file) => match std::fs::read(&file) {
            Ok(bytes) => {
                let body = if method == Method::HEAD {
                    Bytes::new()
                } else {
                    Bytes::from(bytes)
                };
                let mut resp = respond(200, statics::content_type(&file), body);
                resp.headers_mut()
                    .insert("cache-control", HeaderValue::from_static("no-cache"));
                resp
            }
            Err(_) => error_resp(&ApiError::new(404, "Not found")),
        },
        Err(Refusal::Unsafe) => error_resp(&ApiError::new(400, "Invalid path")),
        Err(Refusal::NotFound) => error_resp(&ApiError::new(404, "Not found")),
    }
}

/// `POST /_console/login`: a new console session (HttpOnly cookie) and its CSRF token.
fn console_login(app: &App, method: &Method) -> Resp {
    if method != Method::POST {
        return without_cors(error_resp(&ApiError::new(405, "Method not allowed")));
    }
    let (session, csrf) = app.sessions.open();
    let mut resp = without_cors(json_resp(
        200,
        &json!({ "message": "signed in", "csrfToken": csrf }),
    ));
    let cookie = format!(
        "{}={session}; Path=/; HttpOnly; SameSite=Strict",
        console::COOKIE
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        resp.headers_mut().insert("set-cookie", v);
    }
    resp.headers_mut()
        .insert("cache-control", HeaderValue::from_static("no-store"));
    resp
}

/// `/aiven-api/...`: a signed-in browser's allowed call, forwarded to the API routes
/// with the token added here (see `console`).
async fn console_forward(
    app: Arc<App>,
    mut req: Request<Incoming>,
    path: String,
) -> Result<Resp, Dropped> {
    let api_path = path[console::PREFIX.len()..].to_string();
    let refuse = |e: ApiError| Ok(without_cors(error_resp(&e)));
    let csrf = req
        .headers()
        .get_all("cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(console::session_of)
        .and_then(|id| app.sessions.csrf(id));
    let Some(csrf) = csrf else {
        return refuse(ApiError::new(
            401,
            "Not signed in to the console: sign in first (no valid session cookie)",
        ));
    };
    let sent = req
        .headers()
        .get(console::CSRF_HEADER)
        .and_then(|v| v.to_str().ok());
    if sent != Some(csrf.as_str()) {
        return refuse(ApiError::new(403, "Missing or wrong X-CSRF-Token header"));
    }
    if !console::allowed(req.method(), &api_path) {
        return refuse(ApiError::new(
            403,
            format!(
                "{} {} is not allowed through the console proxy",
                req.method(),
                app.redact(&api_path)
            ),
        ));
    }
    let headers = req.headers_mut();
    headers.remove("cookie");
    headers.remove(console::CSRF_HEADER);
    headers.remove("authorization");
    if let Ok(v) = HeaderValue::from_str(&format!("aivenv1 {}", app.cfg.token)) {
        headers.insert("authorization", v);
    }
    let resp = api(app.clone(), req, api_path, Some("console-proxy")).await?;
    // The API never echoes the token, and the proxy makes sure of it.
    let (parts, body) = resp.into_parts();
    let bytes = match body.collect().await {
        Ok(c) => c.to_bytes(),
        Err(never) => match never {},
    };
    let text = String::from_utf8_lossy(&bytes);
    let body = if text.contains(app.cfg.token.as_str()) {
        Bytes::from(app.redact(&text))
    } else {
        bytes
    };
    Ok(without_cors(Response::from_parts(parts, Full::new(body))))
}

/// An answer for a same-origin page only: no CORS headers.
fn without_cors(mut resp: Resp) -> Resp {
    let h = resp.headers_mut();
    h.remove("access-control-allow-origin");
    h.remove("access-control-expose-headers");
    resp
}

async fn api(
    app: Arc<App>,
    req: Request<Incoming>,
    path: String,
    via: Option<&'static str>,
) -> Result<Resp, Dropped> {
    let method = req.method().clone();
    let mut entry = Map::new();
    entry.insert("method".into(), json!(method.as_str()));
    entry.insert("path".into(), json!(app.redact(&path)));
    if let Some(via) = via {
        entry.insert("via".into(), json!(via));
    }
    if let Some(q) = req.uri().query() {
        entry.insert("query".into(), json!(app.redact(q)));
    }
    for (header, field) in [("content-type", "contentType"), ("origin", "origin")] {
        if let Some(v) = req.headers().get(header).and_then(|v| v.to_str().ok()) {
            entry.insert(field.into(), json!(app.redact(v)));
        }
    }
    let auth_header = req.headers().get("authorization").cloned();
    entry.insert(
        "auth".into(),
        json!(match (&auth_header, app.who(auth_header.as_ref())) {
            (None, _) => "missing",
            (Some(_), None) => "invalid",
            (Some(_), Some(_)) => "valid",
        }),
    );

    if method == Method::OPTIONS {
        let resp = preflight(&req);
        log(&app, entry, Some(204), None);
        return Ok(resp);
    }

    let segs = segments(&path);
    let (latency, fault) = {
        let mut inner = app.lock();
        let in_scope = match inner.faults.scope {
            Scope::All => true,
            Scope::Create => segs.as_deref().is_some_and(|s| is_create(&method, s)),
        };
        let latency = inner.faults.latency_ms;
        let inner = &mut *inner;
        let fault = if in_scope {
            inner.faults.pick(&mut inner.rng)
        } else {
            None
        };
        (latency, fault)
    };
    if latency > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(latency)).await;
    }

    let body = match read_body(req).await {
        Ok(b) => b,
        Err(()) => {
            let e = too_large();
            log(&app, entry, Some(413), None);
            return Ok(error_resp(&e));
        }
    };
    if !body.is_empty() {
        let text = app.redact(&String::from_utf8_lossy(&body));
        let logged = serde_json::from_str::<Value>(&text).unwrap_or(Value::String(text));
        entry.insert("body".into(), logged);
    }

    match fault {
        Some(Fault::RateLimit) => {
            let secs = app.lock().faults.retry_after_secs;
            let e = ApiError::rate_limited(secs);
            log(&app, entry, Some(429), Some(Fault::RateLimit));
            return Ok(error_resp(&e));
        }
        Some(Fault::Unauthorized) => {
            log(&app, entry, Some(401), Some(Fault::Unauthorized));
            return Ok(error_resp(&ApiError::invalid_token()));
        }
        Some(Fault::Drop) => {
            log(&app, entry, None, Some(Fault::Drop));
            return Err(Dropped);
        }
        _ => {}
    }

    let who = app.who(auth_header.as_ref());
    let result = match segs {
        Some(segs) => route(&app, who, &method, &segs, &body),
        None => Err(ApiError::new(404, "Not found")),
    };
    let (status, resp) = match result {
        Ok((status, v)) => (status, json_resp(status, &v)),
        Err(e) => (e.status, error_resp(&e)),
    };
    match fault {
        Some(Fault::ServerErrorAfter) => {
            let s = app.lock().faults.status_5xx;
            entry.insert("handledStatus".into(), json!(status));
            log(&app, entry, Some(s), fault);
            Ok(server_error_page(s))
        }
        Some(Fault::DropAfter) => {
            entry.insert("handledStatus".into(), json!(status));
            log(&app, entry, None, fault);
            Err(Dropped)
        }
        _ => {
            log(&app, entry, Some(status), None);
            Ok(resp)
        }
    }
}

fn log(app: &App, mut entry: Map<String, Value>, status: Option<u16>, fault: Option<Fault>) {
    let mut inner = app.lock();
    inner.seq += 1;
    let mut out = Map::new();
    out.insert("seq".into(), json!(inner.seq));
    out.append(&mut entry);
    out.insert("status".into(), json!(status));
    if let Some(f) = fault {
        out.insert("fault".into(), json!(f.as_str()));
    }
    if inner.log.len() >= LOG_LIMIT {
        inner.log.remove(0);
    }
    inner.log.push(Value::Object(out));
}

fn parse_body(body: &Bytes) -> ApiResult<Value> {
    if body.is_empty() {
        return Err(ApiError::bad_request("Invalid JSON body: empty"));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("Invalid JSON body: {e}")))
}

fn require(who: Option<Who>) -> ApiResult<Who> {
    who.ok_or_else(ApiError::invalid_token)
}

fn member(who: Option<Who>, project: &str) -> ApiResult<Who> {
    let w = require(who)?;
    if is_member(w, project) {
        Ok(w)
    } else {
        Err(ApiError::not_member())
    }
}

fn project_doc(p: &Project) -> Value {
    json!({
        "project_name": p.name,
        "account_id": p.organization,
        "organization_id": p.organization,
        "default_cloud": "google-europe-west1",
        "tech_emails": [],
        "tags": {},
    })
}

fn route(
    app: &App,
    who: Option<Who>,
    method: &Method,
    segs: &[String],
    body: &Bytes,
) -> ApiResult<(u16, Value)> {
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    let get = method == Method::GET;
    let now = Utc::now();
    match s.as_slice() {
        ["v1", "service_types"] | ["v1", "service-types"] if get => {
            Ok((200, catalog::service_types()))
        }
        ["v1", "clouds"] if get => Ok((200, catalog::clouds())),
        ["v1", "service_versions"] if get => Ok((200, json!({"service_versions": []}))),
        ["v1", "me"] if get => {
            let w = require(who)?;
            let inner = app.lock();
            let projects: Vec<&str> = inner
                .projects
                .iter()
                .filter(|p| is_member(w, &p.name))
                .map(|p| p.name.as_str())
                .collect();
            let email = if w == Who::Demo {
                "demo@sandbox.aiven.local"
            } else {
                "other@sandbox.aiven.local"
            };
            Ok((
                200,
                json!({"user": {"user": email, "real_name": "Sandbox User", "state": "active",
                        "projects": projects, "auth": ["password"]}}),
            ))
        }
        ["v1", "project"] if get => {
            let w = require(who)?;
            let inner = app.lock();
            let list: Vec<Value> = inner
                .projects
                .iter()
                .filter(|p| is_member(w, &p.name))
                .map(project_doc)
                .collect();
            Ok((200, json!({ "projects": list })))
        }
        ["v1", "project", p, rest @ ..] => {
            let w = member(who, p)?;
            project_route(app, w, method, p, rest, body, now)
        }
        _ => Err(ApiError::new(404, "Not found")),
    }
}

fn project_route(
    app: &App,
    w: Who,
    method: &Method,
    p: &str,
    rest: &[&str],
    body: &Bytes,
    now: chrono::DateTime<Utc>,
) -> ApiResult<(u16, Value)> {
    let get = method == Method::GET;
    let mut inner = app.lock();
    let Some(pi) = inner.projects.iter().position(|x| x.name == p) else {
        return Err(ApiError::not_member());
    };
    let not_allowed = || Err(ApiError::new(405, "Method not allowed"));
    match rest {
        [] if get => Ok((200, json!({ "project": project_doc(&inner.projects[pi]) }))),
        ["service"] if get => {
            let list: Vec<Value> = inner.projects[pi]
                .services
                .iter()
                .map(|s| s.render(now))
                .collect();
            Ok((200, json!({ "services": list })))
        }
        ["service"] if method == Method::POST => {
            let body = parse_body(body)?;
            let member_fn = move |proj: &str| is_member(w, proj);
            let world = World {
                projects: &mut inner.projects,
                member: &member_fn,
                now,
                rebuild_secs: app.cfg.rebuild_secs,
            };
            fork::create(world, p, &body).map(|v| (200, v))
        }
        ["service"] => not_allowed(),
        ["service", s] => {
            let services = &mut inner.projects[pi].services;
            let idx = services
                .iter()
                .position(|x| x.name() == *s)
                .ok_or_else(|| ApiError::service_not_found(s))?;
            if get {
                Ok((200, json!({ "service": services[idx].render(now) })))
            } else if method == Method::DELETE {
                let protected = services[idx]
                    .doc
                    .get("termination_protection")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                if protected {
                    return Err(ApiError::new(
                        403,
                        "Service is protected against termination and shutdown. Remove termination protection first.",
                    ));
                }
                services.remove(idx);
                Ok((200, json!({ "message": "deleted" })))
            } else {
                not_allowed()
            }
        }
        ["service", s, "tags"] if get || method == Method::PUT => {
            let svc = inner.projects[pi]
                .services
                .iter_mut()
                .find(|x| x.name() == *s)
                .ok_or_else(|| ApiError::service_not_found(s))?;
            if get {
                let tags = svc.doc.get("tags").cloned().unwrap_or_else(|| json!({}));
                return Ok((200, json!({ "tags": tags })));
            }
            // `{"tags": {key: "value", ...}}` replaces every tag (`avn service tags replace`).
            let v = parse_body(body)?;
            let tags = match v.get("tags") {
                Some(Value::Object(t)) if t.values().all(Value::is_string) => t.clone(),
                _ => {
                    return Err(ApiError::bad_request(
                        "tags must be an object of string values",
                    ))
                }
            };
            svc.doc.insert("tags".into(), Value::Object(tags));
            Ok((200, json!({ "message": "tags updated" })))
        }
        ["service", s, "backups"] if get => {
            let svc = inner.projects[pi]
                .services
                .iter()
                .find(|x| x.name() == *s)
                .ok_or_else(|| ApiError::service_not_found(s))?;
            let mut out = Map::new();
            out.insert("backups".into(), Value::Array(svc.backups_at(now)));
            if let Some(pitr) = svc.pitr_at(now) {
                out.insert("pitr".into(), pitr);
            }
            Ok((200, Value::Object(out)))
        }
        ["service-types" | "service_types"] if get => Ok((200, catalog::service_types())),
        ["service-types" | "service_types", t] if get => catalog::service_type_def(t)
            .map(|d| (200, d))
            .ok_or_else(|| ApiError::new(404, format!("Service type {t} does not exist"))),
        ["service-types" | "service_types", t, "plans"] if get => catalog::plans(t)
            .map(|plans| (200, json!({ "service_plans": plans })))
            .ok_or_else(|| ApiError::new(404, format!("Service type {t} does not exist"))),
        ["vpcs"] if get => Ok((200, json!({ "vpcs": [] }))),
        ["clouds"] if get => Ok((200, catalog::clouds())),
        _ => Err(ApiError::new(404, "Not found")),
    }
}

async fn admin(app: Arc<App>, req: Request<Incoming>, path: String) -> Resp {
    let method = req.method().clone();
    if app.who(req.headers().get("authorization")) != Some(Who::Demo) {
        return error_resp(&ApiError::invalid_token());
    }
    let body = match read_body(req).await {
        Ok(b) => b,
        Err(()) => return error_resp(&too_large()),
    };
    match admin_route(&app, &method, &path, &body) {
        Ok(v) => json_resp(200, &v),
        Err(e) => error_resp(&e),
    }
}

fn admin_route(app: &App, method: &Method, path: &str, body: &Bytes) -> ApiResult<Value> {
    let mut inner = app.lock();
    match (method.as_str(), path) {
        ("GET", "/_sandbox/requests") => Ok(Value::Array(inner.log.clone())),
        ("DELETE", "/_sandbox/requests") => {
            let n = inner.log.len();
            inner.log.clear();
            Ok(json!({ "cleared": n }))
        }
        ("GET", "/_sandbox/faults") => Ok(inner.faults.to_json()),
        ("PUT", "/_sandbox/faults") => {
            let v = if body.is_empty() {
                json!({})
            } else {
                parse_body(body)?
            };
            let f = Faults::from_json(&v, &app.cfg.faults).map_err(ApiError::bad_request)?;
            inner.rng = Rng::new(f.seed);
            inner.faults = f;
            Ok(inner.faults.to_json())
        }
        ("POST", "/_sandbox/reset") => {
            inner.projects = seed::projects(Utc::now());
            inner.faults = app.cfg.faults.clone();
            inner.rng = Rng::new(app.cfg.faults.seed);
            inner.log.clear();
            inner.seq = 0;
            Ok(json!({ "message": "reset" }))
        }
        ("POST", "/_sandbox/advance") => {
            let v = parse_body(body)?;
            let secs = v
                .get("seconds")
                .and_then(Value::as_f64)
                .filter(|s| (0.0..=MAX_ADVANCE_SECS).contains(s))
                .ok_or_else(|| {
                    ApiError::bad_request("seconds must be a number between 0 and 31536000")
                })?;
            let d = Duration::milliseconds((secs * 1000.0) as i64);
            for p in inner.projects.iter_mut() {
                for s in p.services.iter_mut() {
                    if let Some(r) = s.rebuild.as_mut() {
                        if let Some(t) = r.started.checked_sub_signed(d) {
                            r.started = t;
                        }
                    }
                }
            }
            Ok(json!({ "advancedSeconds": secs }))
        }
        ("POST", "/_sandbox/services") => {
            let v = parse_body(body)?;
            add_raw(&mut inner.projects, &v)
        }
        _ => Err(ApiError::new(404, "Not found")),
    }
}

/// `POST /_sandbox/services` `{project, service, backups?, pitr?}`: the service is kept and
/// rendered exactly as given (state defaults to RUNNING), replacing one of the same name.
fn add_raw(projects: &mut [Project], v: &Value) -> ApiResult<Value> {
    let project = v
        .get("project")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::bad_request("project must be a string"))?;
    let Some(Value::Object(doc)) = v.get("service") else {
        return Err(ApiError::bad_request("service must be an object"));
    };
    let mut doc = doc.clone();
    let name = match doc.get("service_name") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => {
            return Err(ApiError::bad_request(
                "service.service_name must be a non-empty string",
            ))
        }
    };
    if !doc.get("service_type").is_some_and(Value::is_string) {
        return Err(ApiError::bad_request(
            "service.service_type must be a string",
        ));
    }
    doc.entry("state").or_insert(json!("RUNNING"));
    let backups = match v.get("backups").or_else(|| doc.get("backups")) {
        Some(Value::Array(b)) => b.clone(),
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err(ApiError::bad_request("backups must be an array")),
    };
    let pitr = match v.get("pitr") {
        None => Pitr::None,
        Some(p) => Pitr::Raw(p.clone()),
    };
    let proj = projects
        .iter_mut()
        .find(|p| p.name == project)
        .ok_or_else(|| ApiError::new(404, format!("Project {project} does not exist")))?;
    proj.services.retain(|s| s.name() != name);
    let svc = Service {
        doc,
        backups,
        pitr,
        rebuild: None,
        raw: true,
    };
    let rendered = svc.render(Utc::now());
    proj.services.push(svc);
    Ok(json!({ "service": rendered }))
}
