//! The exact ServiceCreate call for a valid fork request.

use crate::core::json::Value;

/// `POST /v1/project/{project}/service` with its JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiCall {
    /// Always `POST`.
    pub method: &'static str,
    /// `/v1/project/{project}/service`, project percent-encoded.
    pub path: String,
    /// The ServiceCreate body (snake_case keys, as Aiven takes them).
    pub body: Value,
}

use crate::core::context::ForkContext;
use crate::core::request::{ForkRequest, Recovery};
use crate::core::time::{self, format_aiven, Timestamp};
use crate::core::validate::{validate, validate_value, Report};

/// Percent-encode one path segment (RFC 3986 unreserved characters stay).
pub fn encode_segment(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

fn put(fields: &mut Vec<(String, Value)>, key: &str, v: Value) {
    fields.push((key.to_string(), v));
}

/// The ServiceCreate call for a valid request, or the validation report when the
/// request breaks a rule. Keys are snake_case in a fixed order: `service_name`,
/// `service_type`, `plan`, `cloud`, `project_vpc_id`, `disk_space_mb`,
/// `termination_protection`, `tags`, `copy_tags`, `user_config` (the caller's keys
/// first, then `service_to_fork_from`, `project_to_fork_from`,
/// `recovery_target_time`, `recovery_basebackup_name`).
// The report is the error value by contract (JS gets it as ForkError.errors).
#[allow(clippy::result_large_err)]
pub fn build(
    req: &ForkRequest,
    ctx: Option<&ForkContext>,
    now: Timestamp,
) -> Result<ApiCall, Report> {
    let report = validate(req, ctx, now);
    if !report.ok {
        return Err(report);
    }
    Ok(assemble(req, &report))
}

/// The validation report and, when the request is valid, its ServiceCreate call: what
/// [`validate_value`] and [`build_value`] answer, from one reading of the request and
/// one run of the rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Every rule's findings (`ok` iff no error).
    pub report: Report,
    /// The call [`build_value`] builds; `None` when the report has an error.
    pub call: Option<ApiCall>,
}

/// [`validate_value`] and [`build_value`] in one: the request is read once and the
/// rules run once.
pub fn check_value(v: &Value, ctx: Option<&ForkContext>, now: Timestamp) -> Check {
    match ForkRequest::from_value(v) {
        Ok(req) => {
            let report = validate(&req, ctx, now);
            let call = report.ok.then(|| assemble(&req, &report));
            Check { report, call }
        }
        Err(_) => Check {
            report: validate_value(v, ctx, now),
            call: None,
        },
    }
}

/// The call for `req`, whose `report` (from [`validate`]) has no error.
fn assemble(req: &ForkRequest, report: &Report) -> ApiCall {
    let d = &report.defaults;
    let pick = |given: &Option<String>, default: &Option<String>| {
        given.clone().or_else(|| default.clone())
    };
    let mut body: Vec<(String, Value)> = Vec::new();
    put(&mut body, "service_name", Value::str(&req.service_name));
    // validate() guarantees type and plan (given or defaulted).
    put(
        &mut body,
        "service_type",
        Value::String(pick(&req.service_type, &d.service_type).unwrap_or_default()),
    );
    put(
        &mut body,
        "plan",
        Value::String(pick(&req.plan, &d.plan).unwrap_or_default()),
    );
    if let Some(cloud) = pick(&req.cloud, &d.cloud) {
        put(&mut body, "cloud", Value::String(cloud));
    }
    // An explicit `null` (no VPC) is left out: ServiceCreate's schema types
    // `project_vpc_id` as a 36-character string, and without it the service is
    // created outside any VPC, which is what `null` asks for.
    if let Some(Some(vpc)) = &req.project_vpc_id {
        put(&mut body, "project_vpc_id", Value::str(vpc));
    }
    if let Some(mb) = req.disk_space_mb {
        put(&mut body, "disk_space_mb", Value::uint(mb));
    }
    if let Some(tp) = req.termination_protection {
        put(&mut body, "termination_protection", Value::Bool(tp));
    }
    if let Some(tags) = &req.tags {
        let t = tags
            .iter()
            .map(|(k, v)| (k.clone(), Value::str(v)))
            .collect();
        put(&mut body, "tags", Value::Object(t));
    }
    if let Some(ct) = req.copy_tags {
        put(&mut body, "copy_tags", Value::Bool(ct));
    }
    let mut uc: Vec<(String, Value)> = match &req.user_config {
        Some(Value::Object(fields)) => fields.clone(),
        _ => Vec::new(),
    };
    put(
        &mut uc,
        "service_to_fork_from",
        Value::str(&req.source.service),
    );
    if let Some(p) = &req.source.project {
        if *p != req.project {
            put(&mut uc, "project_to_fork_from", Value::str(p));
        }
    }
    match &req.recovery {
        Recovery::Latest => {}
        Recovery::Time(text) => {
            // Parsed successfully by validate(); sent in Aiven's UTC form.
            if let Ok(t) = time::parse(text) {
                put(
                    &mut uc,
                    "recovery_target_time",
                    Value::String(format_aiven(t.at)),
                );
            }
        }
        Recovery::Backup(name) => put(&mut uc, "recovery_basebackup_name", Value::str(name)),
    }
    put(&mut body, "user_config", Value::Object(uc));
    let mut path = String::from("/v1/project/");
    path.push_str(&encode_segment(&req.project));
    path.push_str("/service");
    ApiCall {
        method: "POST",
        path,
        body: Value::Object(body),
    }
}

/// [`build`] from a camelCase request value; shape errors come back as the report.
#[allow(clippy::result_large_err)]
pub fn build_value(
    v: &Value,
    ctx: Option<&ForkContext>,
    now: Timestamp,
) -> Result<ApiCall, Report> {
    match ForkRequest::from_value(v) {
        Ok(req) => build(&req, ctx, now),
        Err(_) => Err(validate_value(v, ctx, now)),
    }
}
