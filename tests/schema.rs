//! Every payload the library builds, for every forkable type, validates against
//! that type's `user_config` schema as Aiven publishes it (go-api-schemas YAML,
//! converted to JSON Schema), with unknown `user_config` keys treated as errors as
//! the API does; the whole body validates against the ServiceCreate request schema
//! from Aiven's OpenAPI document. The service-type table is also checked against
//! the schema data (which wins over the product page).
//!
//! The checker covers the JSON Schema subset these schemas use: type (string or
//! list), properties, required, items, enum, pattern, min/maxLength,
//! minimum/maximum, min/maxItems, oneOf.

use std::collections::HashMap;
use std::sync::OnceLock;

use aiven_fork::core::context::{Backup, ForkContext, PitrWindow, Plan, SourceService};
use aiven_fork::core::json::{parse, Value};
use aiven_fork::core::payload::build_value;
use aiven_fork::core::service_types::{all, ServiceTypeSpec};
use aiven_fork::core::time::{parse as parse_time, Timestamp};
use regex::Regex;
use serde_json::{Map, Value as J};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/aiven/");

// ------------------------------------------------------------------ schema data

/// go-api-schemas meta keys → JSON Schema keys.
fn meta_key(k: &str) -> &str {
    match k {
        "max_length" => "maxLength",
        "min_length" => "minLength",
        "max_items" => "maxItems",
        "min_items" => "minItems",
        "create_only" => "createOnly",
        "one_of" => "oneOf",
        other => other,
    }
}

fn number(v: &J) -> J {
    match v {
        J::String(s) => s
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(J::Number)
            .unwrap_or_else(|| panic!("bound {s:?} is not a number")),
        other => other.clone(),
    }
}

/// Convert one schema node (property names under `properties` are kept as is).
fn convert(node: &J) -> J {
    let J::Object(m) = node else {
        return node.clone();
    };
    let mut out = Map::new();
    for (k, v) in m {
        let key = meta_key(k);
        let nv = match key {
            "properties" => J::Object(
                v.as_object()
                    .expect("properties is a map")
                    .iter()
                    .map(|(name, s)| (name.clone(), convert(s)))
                    .collect(),
            ),
            "items" => convert(v),
            "oneOf" => J::Array(
                v.as_array()
                    .expect("one_of is a list")
                    .iter()
                    .map(convert)
                    .collect(),
            ),
            "minimum" | "maximum" | "maxLength" | "minLength" | "maxItems" | "minItems" => {
                number(v)
            }
            "enum" => J::Array(
                v.as_array()
                    .expect("enum is a list")
                    .iter()
                    .map(|e| match e {
                        J::Object(o) if o.contains_key("value") => o["value"].clone(),
                        other => other.clone(),
                    })
                    .collect(),
            ),
            _ => v.clone(),
        };
        out.insert(key.to_string(), nv);
    }
    J::Object(out)
}

fn load_yaml(file: &str) -> Map<String, J> {
    let text = std::fs::read_to_string(format!("{DATA}{file}")).expect("schema file");
    let v: J = serde_yaml::from_str(&text).expect("valid YAML");
    v.as_object().expect("types map").clone()
}

struct Schemas {
    newest: Map<String, J>,
    early: Map<String, J>,
    create: J,
}

fn schemas() -> &'static Schemas {
    static S: OnceLock<Schemas> = OnceLock::new();
    S.get_or_init(|| {
        let openapi: J = serde_json::from_str(
            &std::fs::read_to_string(format!("{DATA}openapi_service_extract.json")).unwrap(),
        )
        .unwrap();
        Schemas {
            newest: load_yaml("service_types.yml"),
            early: load_yaml("service_types_2026-03.yml"),
            create: openapi["components.schemas"]["ServiceCreateRequestBody"].clone(),
        }
    })
}

/// The type's user_config schema: newest file, or the 2026-03 one for types the
/// newest file no longer has (cassandra, redis, m3db, alloydbomni, influxdb).
fn user_config_schema(t: &str) -> Option<J> {
    let s = schemas();
    s.newest.get(t).or_else(|| s.early.get(t)).map(convert)
}

// ------------------------------------------------------------------ checker

fn regex(p: &str) -> Regex {
    static CACHE: OnceLock<std::sync::Mutex<HashMap<String, Regex>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut c = cache.lock().unwrap();
    c.entry(p.to_string())
        .or_insert_with(|| Regex::new(p).unwrap_or_else(|e| panic!("pattern {p}: {e}")))
        .clone()
}

fn type_ok(t: &str, v: &J) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.as_f64().is_some_and(|n| n.fract() == 0.0),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "null" => v.is_null(),
        other => panic!("unknown schema type {other}"),
    }
}

/// Problems of `v` against `schema`; `strict` refuses keys an object schema does not
/// declare (Aiven refuses unknown user_config keys).
fn check(schema: &J, v: &J, path: &str, strict: bool, errs: &mut Vec<String>) {
    let s = schema.as_object().expect("schema object");
    if let Some(t) = s.get("type") {
        let ok = match t {
            J::String(t) => type_ok(t, v),
            J::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
            _ => panic!("bad type"),
        };
        if !ok {
            errs.push(format!("{path}: {v} is not of type {t}"));
            return;
        }
    }
    if let Some(J::Array(values)) = s.get("enum") {
        if !values.contains(v) {
            errs.push(format!("{path}: {v} not in enum"));
        }
    }
    if let Some(text) = v.as_str() {
        let n = text.chars().count() as f64;
        if let Some(max) = s.get("maxLength").and_then(J::as_f64) {
            if n > max {
                errs.push(format!("{path}: longer than {max}"));
            }
        }
        if let Some(min) = s.get("minLength").and_then(J::as_f64) {
            if n < min {
                errs.push(format!("{path}: shorter than {min}"));
            }
        }
        if let Some(p) = s.get("pattern").and_then(J::as_str) {
            if !regex(p).is_match(text) {
                errs.push(format!("{path}: {text:?} does not match {p}"));
            }
        }
    }
    if let Some(n) = v.as_f64() {
        if let Some(min) = s.get("minimum").and_then(J::as_f64) {
            if n < min {
                errs.push(format!("{path}: below {min}"));
            }
        }
        if let Some(max) = s.get("maximum").and_then(J::as_f64) {
            if n > max {
                errs.push(format!("{path}: above {max}"));
            }
        }
    }
    if let Some(items) = v.as_array() {
        if let Some(max) = s.get("maxItems").and_then(J::as_f64) {
            if items.len() as f64 > max {
                errs.push(format!("{path}: more than {max} items"));
            }
        }
        if let Some(min) = s.get("minItems").and_then(J::as_f64) {
            if (items.len() as f64) < min {
                errs.push(format!("{path}: fewer than {min} items"));
            }
        }
        if let Some(item_schema) = s.get("items") {
            for (i, item) in items.iter().enumerate() {
                check(item_schema, item, &format!("{path}[{i}]"), strict, errs);
            }
        }
    }
    if let Some(obj) = v.as_object() {
        let props = s.get("properties").and_then(J::as_object);
        if let Some(req) = s.get("required").and_then(J::as_array) {
            for r in req {
                if !obj.contains_key(r.as_str().unwrap()) {
                    errs.push(format!("{path}: missing required {r}"));
                }
            }
        }
        for (k, item) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => check(ps, item, &format!("{path}.{k}"), strict, errs),
                // An empty `properties` (ServiceCreate's tags, user_config) is a free map.
                None if strict && props.is_some_and(|p| !p.is_empty()) => {
                    errs.push(format!("{path}: unknown key {k}"))
                }
                None => {}
            }
        }
    }
    if let Some(J::Array(options)) = s.get("oneOf") {
        let matching = options
            .iter()
            .filter(|o| {
                let mut e = Vec::new();
                check(o, v, path, strict, &mut e);
                e.is_empty()
            })
            .count();
        if matching != 1 {
            errs.push(format!("{path}: matches {matching} of oneOf"));
        }
    }
}

/// Check a built body: ServiceCreate fields, then the type's user_config.
fn body_errors(body: &J, service_type: &str) -> Vec<String> {
    let mut errs = Vec::new();
    check(&schemas().create, body, "body", true, &mut errs);
    let uc_schema = user_config_schema(service_type).expect("schema for type");
    check(
        &uc_schema,
        &body["user_config"],
        "body.user_config",
        true,
        &mut errs,
    );
    errs
}

fn to_j(v: &Value) -> J {
    serde_json::from_str(&v.to_json()).expect("our JSON parses as JSON")
}

// ------------------------------------------------------------------ payloads

fn ts(text: &str) -> Timestamp {
    parse_time(text).unwrap().at
}

fn ctx(spec: &ServiceTypeSpec, source_project: &str, backup_name: &str) -> ForkContext {
    ForkContext {
        source: SourceService {
            project: source_project.into(),
            service_name: "s".repeat(64),
            service_type: spec.name.into(),
            plan: "business-4".into(),
            cloud_name: "google-europe-west1".into(),
            node_count: 3,
            state: "RUNNING".into(),
            user_config: Value::Object(vec![]),
            integrations: vec![],
            tags: vec![],
        },
        backups: vec![Backup {
            backup_name: backup_name.into(),
            backup_time: ts("2025-06-30T00:00:00Z"),
            backup_time_text: "2025-06-30T00:00:00Z".into(),
            data_size: 1,
        }],
        pitr: Some(PitrWindow {
            start: Some(ts("2025-06-01T00:00:00Z")),
            end: None,
        }),
        plans: vec![Plan {
            name: "business-4".into(),
            node_count: 3,
            prices: vec![],
        }],
        taken_names: Some(vec![]),
    }
}

/// Requests exercising every fork key at its longest, per recovery mode the type has.
fn requests(spec: &ServiceTypeSpec) -> Vec<(String, String)> {
    let src_project = "q".repeat(63);
    let name = "f".repeat(64);
    let backup = if spec.backup_name_extra_chars.contains('+') {
        format!("{}+1", "b".repeat(126))
    } else {
        format!("{}:.-_", "B9".repeat(62))
    };
    let common = format!(
        r#""project":"proj","serviceName":"{name}","plan":"business-4","cloud":"{}","diskSpaceMb":102400,"terminationProtection":true,"tags":{{"env":"dev"}},"copyTags":true,"projectVpcId":"0b3c2e7a-1f4d-4a5b-9c6d-7e8f9a0b1c2d""#,
        "c".repeat(256)
    );
    let mut out = vec![
        (
            format!(
                r#"{{{common},"source":{{"service":"{}"}}}}"#,
                "s".repeat(64)
            ),
            backup.clone(),
        ),
        (
            format!(
                r#"{{{common},"source":{{"service":"{}","project":"{src_project}"}},"recovery":{{"mode":"latest"}}}}"#,
                "s".repeat(64)
            ),
            backup.clone(),
        ),
    ];
    if spec.recovery.time {
        out.push((
            format!(
                r#"{{{common},"source":{{"service":"{}","project":"{src_project}"}},"recovery":{{"mode":"time","time":"2025-06-15 12:34:56.123456789-07:00"}}}}"#,
                "s".repeat(64)
            ),
            backup.clone(),
        ));
    }
    if spec.recovery.backup {
        out.push((
            format!(
                r#"{{{common},"source":{{"service":"{}","project":"{src_project}"}},"recovery":{{"mode":"backup","name":"{backup}"}}}}"#,
                "s".repeat(64)
            ),
            backup.clone(),
        ));
    }
    out
}

#[test]
fn every_payload_validates_against_the_published_schemas() {
    let now = ts("2025-07-02T00:00:00Z");
    let mut checked = 0;
    for spec in all().iter().filter(|t| t.offered_for_forks()) {
        for (text, backup_name) in requests(spec) {
            let request = parse(&text).unwrap();
            let source_project = if text.contains(r#""project":"qqq"#) {
                "q".repeat(63)
            } else {
                "proj".to_string()
            };
            for context in [None, Some(ctx(spec, &source_project, &backup_name))] {
                let mut req = request.clone();
                if context.is_none() {
                    if let Value::Object(f) = &mut req {
                        f.push(("serviceType".into(), Value::str(spec.name)));
                    }
                }
                let call = build_value(&req, context.as_ref(), now)
                    .unwrap_or_else(|r| panic!("{}: {:?}", spec.name, r.errors));
                let body = to_j(&call.body);
                let errs = body_errors(&body, spec.name);
                assert!(errs.is_empty(), "{}: {errs:#?}\n{body}", spec.name);
                checked += 1;
            }
        }
    }
    // Two latest-mode requests per type, one per extra recovery mode, each with
    // and without context.
    let want: usize = all()
        .iter()
        .filter(|t| t.offered_for_forks())
        .map(|t| 2 * (2 + usize::from(t.recovery.time) + usize::from(t.recovery.backup)))
        .sum();
    assert_eq!(checked, want);
    // Six offered types (the retired ones are refused before a body exists).
    assert_eq!(checked, 36);
}

#[test]
fn a_realistic_user_config_passes_through_and_validates() {
    let now = ts("2025-07-02T00:00:00Z");
    // One per offered type (a retired type builds no body).
    let cases: &[(&str, &str)] = &[
        (
            "pg",
            r#"{"pg_version":"17","ip_filter":["10.0.0.0/8"],"pg":{"max_connections":200},"shared_buffers_percentage":25.5}"#,
        ),
        (
            "mysql",
            r#"{"mysql":{"sql_mode":"ANSI,TRADITIONAL"},"backup_hour":3}"#,
        ),
        ("valkey", r#"{"valkey_persistence":"off"}"#),
        (
            "opensearch",
            r#"{"opensearch":{"action_destructive_requires_name":true}}"#,
        ),
        ("clickhouse", r#"{"ip_filter":["0.0.0.0/0"]}"#),
        ("grafana", r#"{"alerting_enabled":true}"#),
    ];
    for (t, uc) in cases {
        let text = format!(
            r#"{{"project":"p","serviceName":"fork","serviceType":"{t}","plan":"startup-4","source":{{"service":"src"}},"projectVpcId":null,"userConfig":{uc}}}"#
        );
        let call = build_value(&parse(&text).unwrap(), None, now).unwrap();
        let body = to_j(&call.body);
        let errs = body_errors(&body, t);
        assert!(errs.is_empty(), "{t}: {errs:#?}");
    }
}

#[test]
fn the_checker_can_fail() {
    let now = ts("2025-07-02T00:00:00Z");
    let text = r#"{"project":"p","serviceName":"fork","serviceType":"pg","plan":"startup-4","source":{"service":"src"},"userConfig":{"no_such_key":1,"pg_version":"1","ip_filter":"x"}}"#;
    let call = build_value(&parse(text).unwrap(), None, now).unwrap();
    let mut errs = body_errors(&to_j(&call.body), "pg");
    errs.sort();
    assert_eq!(
        errs,
        vec![
            "body.user_config.ip_filter: \"x\" is not of type \"array\"".to_string(),
            "body.user_config.pg_version: \"1\" not in enum".to_string(),
            "body.user_config: unknown key no_such_key".to_string(),
        ]
    );
    // Over-long and badly patterned fork keys are caught too.
    let mut body = to_j(&call.body);
    body["user_config"] = serde_json::json!({"service_to_fork_from": "S".repeat(65), "recovery_target_time": "x".repeat(33)});
    body["service_name"] = J::String("n".repeat(65));
    let errs = body_errors(&body, "pg");
    assert_eq!(errs.len(), 4, "{errs:#?}");
    // Keys of another type are unknown.
    body["user_config"] =
        serde_json::json!({"service_to_fork_from": "s", "recovery_basebackup_name": "b"});
    assert_eq!(body_errors(&body, "pg").len(), 2);
}

// ------------------------------------------------------------------ table vs schema data

fn has_key(schema: &J, key: &str) -> bool {
    schema["properties"].get(key).is_some()
}

#[test]
fn the_type_table_agrees_with_the_schema_data() {
    for spec in all() {
        let schema = user_config_schema(spec.name)
            .unwrap_or_else(|| panic!("{} is in no schema file", spec.name));
        assert_eq!(
            has_key(&schema, "service_to_fork_from"),
            spec.forkable,
            "{}",
            spec.name
        );
        assert_eq!(
            has_key(&schema, "project_to_fork_from"),
            spec.forkable,
            "{}",
            spec.name
        );
        assert_eq!(
            has_key(&schema, "recovery_target_time"),
            spec.recovery.time,
            "{}",
            spec.name
        );
        assert_eq!(
            has_key(&schema, "recovery_basebackup_name"),
            spec.recovery.backup,
            "{}",
            spec.name
        );
        if spec.recovery.backup {
            let pattern = schema["properties"]["recovery_basebackup_name"]["pattern"]
                .as_str()
                .unwrap();
            let class = &pattern[pattern.find('[').unwrap()..pattern.find(']').unwrap()];
            assert_eq!(
                class.contains('+'),
                spec.backup_name_extra_chars.contains('+'),
                "{}",
                spec.name
            );
            // Our hand-written check and the schema's pattern agree.
            let re = regex(pattern);
            for probe in [
                "abc", "a+b", "a b", "a/b", "A-Z_0:9.", "a;b", "a@b", "é", "a^b", "a[b",
            ] {
                assert_eq!(
                    spec.backup_name_ok(probe),
                    re.is_match(probe),
                    "{} {probe}",
                    spec.name
                );
            }
        }
        if let Some(key) = spec.persistence_key {
            let values = schema["properties"][key]["enum"].as_array().unwrap();
            assert!(values.contains(&J::String("off".into())), "{}", spec.name);
        }
        for key in spec.sso_keys {
            assert!(
                schema["properties"][key]["properties"]["enabled"].is_object(),
                "{key}"
            );
        }
    }
    // Every type with fork keys in either file is in the table as forkable.
    let s = schemas();
    for (name, schema) in s.newest.iter().chain(s.early.iter()) {
        let schema = convert(schema);
        if has_key(&schema, "service_to_fork_from") {
            let spec = aiven_fork::core::service_types::lookup(name)
                .unwrap_or_else(|| panic!("{name} has fork keys but is not in the table"));
            assert!(spec.forkable, "{name}");
        }
    }
}

#[test]
fn the_time_we_send_fits_recovery_target_time() {
    for t in ["pg", "mysql", "alloydbomni"] {
        let schema = user_config_schema(t).unwrap();
        assert_eq!(
            schema["properties"]["recovery_target_time"]["maxLength"].as_f64(),
            Some(32.0)
        );
    }
    let longest = aiven_fork::core::time::format_aiven(Timestamp(253_402_300_799_999_999));
    assert_eq!(longest.len(), 32);
}
