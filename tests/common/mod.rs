//! Fixtures shared by the rule tests: a healthy source context per service type,
//! requests built from one base case, and `check`, which asserts the exact error
//! codes and fields of a request and that building the call agrees.

use aiven_fork::core::context::{Backup, ForkContext, PitrWindow, Plan, SourceService};
use aiven_fork::core::json::{parse, Value};
use aiven_fork::core::payload::{build_value, ApiCall};
use aiven_fork::core::service_types::{all, ServiceTypeSpec};
use aiven_fork::core::time::{parse as parse_time, Timestamp};
use aiven_fork::core::validate::{validate_value, Report};

pub fn ts(text: &str) -> Timestamp {
    parse_time(text).unwrap().at
}

/// The injected `now` of every rule test.
pub fn now() -> Timestamp {
    ts("2025-07-02T12:00:00Z")
}

/// The types a fork can be made of: forkable and not retired by Aiven (a retired type
/// is refused as such before any other rule; `tests/rules/service_type.rs`).
pub fn forkable() -> Vec<&'static ServiceTypeSpec> {
    all().iter().filter(|t| t.offered_for_forks()).collect()
}

/// The forkable types with a property; never empty (a test over no type proves nothing).
pub fn forkable_where(keep: impl Fn(&ServiceTypeSpec) -> bool) -> Vec<&'static ServiceTypeSpec> {
    let types: Vec<_> = forkable().into_iter().filter(|t| keep(t)).collect();
    assert!(!types.is_empty(), "no forkable type has this property");
    types
}

/// Node count of the base source: 3 where forks may not have fewer nodes, else 1.
pub fn nodes(spec: &ServiceTypeSpec) -> u32 {
    if spec.no_fewer_nodes {
        3
    } else {
        1
    }
}

/// A healthy source of the type with two backups, a PITR window for PITR types,
/// three plans and a few names taken in the project.
pub fn ctx_for(spec: &ServiceTypeSpec) -> ForkContext {
    let mut uc = Vec::new();
    if let Some(key) = spec.persistence_key {
        uc.push((key.to_string(), Value::str("rdb")));
    }
    let backup = |name: &str, at: &str| Backup {
        backup_name: name.to_string(),
        backup_time: ts(at),
        backup_time_text: at.to_string(),
        data_size: 1000,
    };
    ForkContext {
        source: SourceService {
            project: "proj".into(),
            service_name: src(spec),
            service_type: spec.name.into(),
            plan: "business-4".into(),
            cloud_name: "google-europe-west1".into(),
            node_count: nodes(spec),
            state: "RUNNING".into(),
            user_config: Value::Object(uc),
            integrations: vec![],
            tags: vec![],
        },
        backups: vec![
            backup("backup-1", "2025-06-30T00:00:00Z"),
            backup("backup-2", "2025-07-01T00:00:00.5Z"),
        ],
        pitr: spec.recovery.time.then(|| PitrWindow {
            start: Some(ts("2025-06-24T00:00:00Z")),
            end: None,
        }),
        plans: vec![
            Plan {
                name: "startup-4".into(),
                node_count: 1,
                prices: vec![],
            },
            Plan {
                name: "business-4".into(),
                node_count: nodes(spec),
                prices: vec![],
            },
            Plan {
                name: "business-8".into(),
                node_count: nodes(spec),
                prices: vec![],
            },
        ],
        taken_names: Some(vec![src(spec), "taken-svc".into()]),
    }
}

/// The source's name: `src-<type>`.
pub fn src(spec: &ServiceTypeSpec) -> String {
    format!("src-{}", spec.name.replace('_', "-"))
}

/// The fork's name: `fork-<type>`.
pub fn fork(spec: &ServiceTypeSpec) -> String {
    format!("fork-{}", spec.name.replace('_', "-"))
}

/// `{"project":"proj","serviceName":"fork-x","source":{"service":"src-x"}}` plus `extra`.
pub fn req(spec: &ServiceTypeSpec, extra: &str) -> Value {
    let mut text = format!(
        r#"{{"project":"proj","serviceName":"{}","source":{{"service":"{}"}}"#,
        fork(spec),
        src(spec)
    );
    if !extra.is_empty() {
        text.push(',');
        text.push_str(extra);
    }
    text.push('}');
    parse(&text).unwrap_or_else(|e| panic!("{text}: {}", e.message))
}

/// [`req`] with another `serviceName`.
pub fn req_named(spec: &ServiceTypeSpec, service_name: &str) -> Value {
    let mut v = req(spec, "");
    if let Value::Object(f) = &mut v {
        f[1].1 = Value::str(service_name);
    }
    v
}

/// [`req`] restoring to a point in time.
pub fn time_req(spec: &ServiceTypeSpec, time: &str) -> Value {
    req(
        spec,
        &format!(r#""recovery":{{"mode":"time","time":"{time}"}}"#),
    )
}

/// [`req`] restoring a named backup.
pub fn backup_req(spec: &ServiceTypeSpec, name: &str) -> Value {
    req(
        spec,
        &format!(r#""recovery":{{"mode":"backup","name":"{name}"}}"#),
    )
}

/// `(code, field)` of every error.
pub fn codes(r: &Report) -> Vec<(String, String)> {
    r.errors
        .iter()
        .map(|e| (e.code.as_str().to_string(), e.field.clone()))
        .collect()
}

/// The code of every warning.
pub fn warns(r: &Report) -> Vec<String> {
    r.warnings
        .iter()
        .map(|w| w.code.as_str().to_string())
        .collect()
}

/// Validate `request`: exactly the `want` errors (code, field), `ok` iff none, and
/// building the call succeeds iff none.
pub fn check(
    spec: &ServiceTypeSpec,
    request: &Value,
    ctx: Option<&ForkContext>,
    want: &[(&str, &str)],
) -> Report {
    let r = validate_value(request, ctx, now());
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(c, f)| (c.to_string(), f.to_string()))
        .collect();
    assert_eq!(codes(&r), want, "{}: {}", spec.name, request.to_json());
    assert_eq!(r.ok, want.is_empty());
    let built = build_value(request, ctx, now());
    assert_eq!(built.is_ok(), want.is_empty(), "{}", spec.name);
    r
}

/// The warnings of the base case: the one-node phase of multi-node restores.
pub fn base_warnings(spec: &ServiceTypeSpec) -> Vec<String> {
    if spec.no_fewer_nodes {
        vec!["single_node_until_restored".to_string()]
    } else {
        vec![]
    }
}

/// The call's body as compact JSON text.
pub fn body(call: &ApiCall) -> String {
    call.body.to_json()
}
