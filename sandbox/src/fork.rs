//! `POST /v1/project/{p}/service`: create a service, or fork one when
//! `user_config.service_to_fork_from` is set. The fork rules here are the sandbox's own
//! (`docs/fork-rules.md`), independent of the library's validation.

use crate::catalog;
use crate::error::{ApiError, ApiResult};
use crate::seed::base_doc;
use crate::state::{Pitr, Project, Rebuild, Service};
use crate::timefmt;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

pub const FORK_KEYS: [&str; 4] = [
    "service_to_fork_from",
    "project_to_fork_from",
    "recovery_target_time",
    "recovery_basebackup_name",
];

/// `^[a-z][-a-z0-9]{0,max-1}$`
pub fn valid_name(s: &str, max: usize) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= max
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// `^[a-zA-Z0-9-_:.]+$` (ClickHouse also `+`), at most 128 characters.
fn valid_backup_name(s: &str, service_type: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && s.bytes().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, b'-' | b'_' | b':' | b'.')
                || (c == b'+' && service_type == "clickhouse")
        })
}

fn required_str<'a>(body: &'a Map<String, Value>, field: &str) -> ApiResult<&'a str> {
    match body.get(field) {
        Some(Value::String(s)) => Ok(s),
        None | Some(Value::Null) => Err(ApiError::bad_request(format!(
            "Missing required field: {field}"
        ))),
        Some(_) => Err(ApiError::bad_request(format!(
            "Invalid {field}: expected a string"
        ))),
    }
}

fn json_type_matches(v: &Value, t: &str) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "null" => v.is_null(),
        _ => true,
    }
}

/// Top-level `user_config` check against the type's schema: unknown keys are refused (as
/// Aiven's API does), values must have the schema's type and string length.
pub(crate) fn check_user_config(service_type: &str, uc: &Map<String, Value>) -> ApiResult<()> {
    let props = catalog::schema(service_type)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object);
    let Some(props) = props else {
        return Ok(());
    };
    for (key, val) in uc {
        let Some(spec) = props.get(key) else {
            return Err(ApiError::bad_request(format!(
                "Invalid user_config: unknown key '{key}'"
            )));
        };
        let types: Vec<&str> = match spec.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !types.is_empty() && !types.iter().any(|t| json_type_matches(val, t)) {
            return Err(ApiError::bad_request(format!(
                "Invalid user_config.{key}: expected {}",
                types.join(" or ")
            )));
        }
        if let (Some(s), Some(max)) = (val.as_str(), spec.get("maxLength").and_then(Value::as_u64))
        {
            if s.chars().count() as u64 > max {
                return Err(ApiError::bad_request(format!(
                    "Invalid user_config.{key}: longer than {max} characters"
                )));
            }
        }
    }
    Ok(())
}

fn str_key<'a>(uc: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    uc.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// What a token may see, and the projects.
pub struct World<'a> {
    pub projects: &'a mut Vec<Project>,
    pub member: &'a dyn Fn(&str) -> bool,
    pub now: DateTime<Utc>,
    pub rebuild_secs: f64,
}

fn find<'a>(projects: &'a [Project], project: &str, service: &str) -> Option<&'a Service> {
    projects
        .iter()
        .find(|p| p.name == project)?
        .services
        .iter()
        .find(|s| s.name() == service)
}

/// Validates a ServiceCreate body and creates the service; answers `{"service": ...}`.
pub fn create(world: World<'_>, target: &str, body: &Value) -> ApiResult<Value> {
    let now = world.now;
    let body = body
        .as_object()
        .ok_or_else(|| ApiError::bad_request("Invalid request body: expected a JSON object"))?;
    let name = required_str(body, "service_name")?;
    if !valid_name(name, 64) {
        return Err(ApiError::bad_request(format!(
            "Invalid service_name '{name}': use 1-64 lowercase letters, digits and dashes, starting with a letter"
        )));
    }
    let service_type = required_str(body, "service_type")?;
    if catalog::schema(service_type).is_none() {
        return Err(ApiError::bad_request(format!(
            "Invalid service_type '{service_type}'"
        )));
    }
    let plan = required_str(body, "plan")?;
    let Some(plan_nodes) = catalog::plan_nodes(service_type, plan) else {
        return Err(ApiError::bad_request(format!(
            "Plan '{plan}' is not available for service type '{service_type}'"
        )));
    };
    let cloud = match body.get("cloud") {
        None | Some(Value::Null) => None,
        Some(Value::String(c))
            if !c.is_empty()
                && c.len() <= 256
                && c.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            Some(c.clone())
        }
        Some(other) => {
            return Err(ApiError::bad_request(format!("Invalid cloud {other}")));
        }
    };
    let disk_space_mb = match body.get("disk_space_mb") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_u64().ok_or_else(|| {
            ApiError::bad_request("Invalid disk_space_mb: expected a non-negative integer")
        })?),
    };
    let termination_protection = match body.get("termination_protection") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(ApiError::bad_request(
                "Invalid termination_protection: expected a boolean",
            ))
        }
    };
    let copy_tags = match body.get("copy_tags") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(ApiError::bad_request(
                "Invalid copy_tags: expected a boolean",
            ))
        }
    };
    let tags = match body.get("tags") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) if m.values().all(Value::is_string) => m.clone(),
        Some(_) => {
            return Err(ApiError::bad_request(
                "Invalid tags: expected an object of string values",
            ))
        }
    };
    let project_vpc_id = match body.get("project_vpc_id") {
        None | Some(Value::Null) => Value::Null,
        Some(Value::String(s)) => Value::String(s.clone()),
        Some(_) => {
            return Err(ApiError::bad_request(
                "Invalid project_vpc_id: expected a string or null",
            ))
        }
    };
    let integrations = match body.get("service_integrations") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.clone(),
        Some(_) => {
            return Err(ApiError::bad_request(
                "Invalid service_integrations: expected an array",
            ))
        }
    };
    let uc = match body.get("user_config") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => {
            return Err(ApiError::bad_request(
                "Invalid user_config: expected an object",
            ))
        }
    };

    let target_services = &world
        .projects
        .iter()
        .find(|p| p.name == target)
        .ok_or_else(ApiError::not_member)?
        .services;
    if target_services.iter().any(|s| s.name() == name) {
        return Err(ApiError::new(
            409,
            "Service name is already in use in this project",
        ));
    }

    // Fork keys: clear messages before the generic unknown-key check.
    let present: Vec<&str> = FORK_KEYS
        .iter()
        .copied()
        .filter(|k| uc.get(*k).is_some_and(|v| !v.is_null()))
        .collect();
    if !present.is_empty() && !catalog::forkable(service_type) {
        return Err(ApiError::bad_request(format!(
            "Service type {service_type} does not support forking"
        )));
    }
    for key in ["recovery_target_time", "recovery_basebackup_name"] {
        if present.contains(&key) && !catalog::has_key(service_type, key) {
            return Err(ApiError::bad_request(format!(
                "{key} is not supported for service type {service_type}"
            )));
        }
    }
    check_user_config(service_type, &uc)?;
    for key in ["service_to_fork_from", "project_to_fork_from"] {
        if let Some(v) = uc.get(key).and_then(Value::as_str) {
            let max = if key == "project_to_fork_from" {
                63
            } else {
                64
            };
            if !v.is_empty() && !valid_name(v, max) {
                return Err(ApiError::bad_request(format!(
                    "Invalid user_config.{key}: '{v}' is not a valid name"
                )));
            }
        }
    }
    if let Some(b) = str_key(&uc, "recovery_basebackup_name") {
        if !valid_backup_name(b, service_type) {
            return Err(ApiError::bad_request(format!(
                "Invalid user_config.recovery_basebackup_name: '{b}' is not a valid backup name"
            )));
        }
    }

    let fork_from = str_key(&uc, "service_to_fork_from");
    let mut new_uc = uc.clone();
    let mut databases = Value::Array(Vec::new());
    let mut users =
        json!([{"username": "avnadmin", "type": "primary", "password": "sandbox-not-a-secret"}]);
    let mut pools = Value::Array(Vec::new());
    let mut final_tags = tags.clone();
    let mut final_cloud = cloud.clone();
    let mut data_size = 1_048_576;

    match fork_from {
        None => {
            for key in FORK_KEYS {
                if str_key(&uc, key).is_some() {
                    return Err(ApiError::bad_request(format!(
                        "{key} requires service_to_fork_from"
                    )));
                }
            }
        }
        Some(source_name) => {
            let source_project = str_key(&uc, "project_to_fork_from").unwrap_or(target);
            if source_project != target {
                if !(world.member)(source_project) {
                    return Err(ApiError::not_member());
                }
                let org_of = |p: &str| {
                    world
                        .projects
                        .iter()
                        .find(|x| x.name == p)
                        .map(|x| x.organization.clone())
                };
                match (org_of(source_project), org_of(target)) {
                    (Some(a), Some(b)) if a == b => {}
                    (Some(_), Some(_)) => {
                        return Err(ApiError::new(
                            403,
                            format!(
                                "Project {source_project} belongs to another organization: forking across organizations is not allowed"
                            ),
                        ))
                    }
                    _ => return Err(ApiError::not_member()),
                }
            }
            let source = find(world.projects, source_project, source_name)
                .ok_or_else(|| ApiError::service_not_found(source_name))?;
            if source.service_type() != service_type {
                return Err(ApiError::bad_request(format!(
                    "Service type mismatch: {source_name} is {}, not {service_type}",
                    source.service_type()
                )));
            }
            let source_uc = source.user_config();
            if let Some(pkey) = catalog::persistence_key(service_type) {
                if source_uc.get(pkey).and_then(Value::as_str) == Some("off") {
                    return Err(ApiError::bad_request(format!(
                        "Cannot fork {source_name}: {pkey} is off, so the service has no backups"
                    )));
                }
            }
            let backups = source.backups_at(now);
            if backups.is_empty() {
                return Err(ApiError::bad_request(format!(
                    "Service {source_name} has no backups to fork from"
                )));
            }
            if let Some(t) = str_key(&uc, "recovery_target_time") {
                let at = timefmt::parse(t).ok_or_else(|| {
                    ApiError::bad_request(format!("Invalid recovery_target_time '{t}'"))
                })?;
                if at > now {
                    return Err(ApiError::bad_request(format!(
                        "recovery_target_time {} is in the future",
                        timefmt::offset(at)
                    )));
                }
                let window = source.pitr_at(now);
                let range = window.as_ref().and_then(|w| w.get("primary_region"));
                let start = range
                    .and_then(|r| r.get("pitr_range_start"))
                    .and_then(Value::as_str)
                    .and_then(timefmt::parse);
                let end = range
                    .and_then(|r| r.get("pitr_range_end"))
                    .and_then(Value::as_str)
                    .and_then(timefmt::parse)
                    .unwrap_or(now);
                let Some(start) = start else {
                    return Err(ApiError::bad_request(format!(
                        "Service {source_name} has no point-in-time recovery backup yet"
                    )));
                };
                if at < start || at > end {
                    return Err(ApiError::bad_request(format!(
                        "recovery_target_time {} is outside the recovery window {} - {}",
                        timefmt::offset(at),
                        timefmt::offset(start),
                        timefmt::offset(end)
                    )));
                }
            }
            if let Some(b) = str_key(&uc, "recovery_basebackup_name") {
                let found = backups
                    .iter()
                    .any(|x| x.get("backup_name").and_then(Value::as_str) == Some(b));
                if !found {
                    return Err(ApiError::bad_request(format!(
                        "Backup {b} does not exist for service {source_name}"
                    )));
                }
            }
            if catalog::keeps_node_count(service_type) && plan_nodes < source.node_count() {
                return Err(ApiError::bad_request(format!(
                    "Plan {plan} has {plan_nodes} node(s), fewer than the {} nodes of {source_name}: {service_type} forks cannot have fewer nodes",
                    source.node_count()
                )));
            }

            // What Aiven copies: configuration, databases, users, connection pools.
            let mut merged = source_uc.clone();
            for key in FORK_KEYS {
                merged.remove(key);
            }
            if service_type == "opensearch" {
                // SSO is bound to the old service's URLs: not copied.
                merged.remove("saml");
                merged.remove("openid");
            }
            for (k, v) in uc.iter() {
                merged.insert(k.clone(), v.clone());
            }
            new_uc = merged;
            let doc = &source.doc;
            databases = doc.get("databases").cloned().unwrap_or(json!([]));
            users = doc.get("users").cloned().unwrap_or(json!([]));
            pools = doc.get("connection_pools").cloned().unwrap_or(json!([]));
            if copy_tags {
                let mut t = match doc.get("tags") {
                    Some(Value::Object(m)) => m.clone(),
                    _ => Map::new(),
                };
                for (k, v) in tags.iter() {
                    t.insert(k.clone(), v.clone());
                }
                final_tags = t;
            }
            if final_cloud.is_none() {
                final_cloud = doc
                    .get("cloud_name")
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            data_size = backups
                .last()
                .and_then(|b| b.get("data_size"))
                .and_then(Value::as_u64)
                .unwrap_or(data_size)
                .max(1);
        }
    }

    let cloud = final_cloud.unwrap_or_else(|| "google-europe-west1".to_string());
    let mut doc = base_doc(
        target,
        name,
        service_type,
        plan,
        &cloud,
        Value::Object(new_uc),
        now,
    );
    doc.insert("state".into(), json!("REBUILDING"));
    doc.insert("tags".into(), Value::Object(final_tags));
    doc.insert("databases".into(), databases);
    doc.insert("users".into(), users);
    doc.insert("connection_pools".into(), pools);
    doc.insert(
        "termination_protection".into(),
        json!(termination_protection),
    );
    doc.insert("project_vpc_id".into(), project_vpc_id);
    if let Some(d) = disk_space_mb {
        doc.insert("disk_space_mb".into(), json!(d));
    }
    let integrations: Vec<Value> = integrations
        .into_iter()
        .map(|mut i| {
            if let Value::Object(m) = &mut i {
                m.entry("active").or_insert(json!(true));
                m.entry("enabled").or_insert(json!(true));
                m.entry("source_project").or_insert(json!(target));
                m.entry("dest_project").or_insert(json!(target));
                m.entry("dest_service").or_insert(json!(name));
            }
            i
        })
        .collect();
    doc.insert("service_integrations".into(), Value::Array(integrations));
    let service = Service {
        doc,
        backups: Vec::new(),
        pitr: if catalog::has_pitr(service_type) {
            Pitr::UntilNow { start: None }
        } else {
            Pitr::None
        },
        rebuild: Some(Rebuild {
            started: now,
            total_secs: world.rebuild_secs,
            data_size,
        }),
        raw: false,
    };
    let rendered = service.render(now);
    if let Some(p) = world.projects.iter_mut().find(|p| p.name == target) {
        p.services.push(service);
    }
    Ok(json!({ "service": rendered }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(valid_name("a", 64));
        assert!(valid_name("demo-pg-2", 64));
        assert!(!valid_name("", 64));
        assert!(!valid_name("1abc", 64));
        assert!(!valid_name("Abc", 64));
        assert!(!valid_name("a_b", 64));
        assert!(valid_name(&"a".repeat(64), 64));
        assert!(!valid_name(&"a".repeat(65), 64));
        assert!(valid_backup_name(
            "2026-01-01_03-00_0.00000000.pghoard",
            "pg"
        ));
        assert!(valid_backup_name("a+b", "clickhouse"));
        assert!(!valid_backup_name("a+b", "grafana"));
        assert!(!valid_backup_name("a b", "grafana"));
    }
}
