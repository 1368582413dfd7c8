//! Reading a ServiceCreate body: every field's JSON type and shape, and the
//! `user_config` check against the type's schema.

use crate::catalog;
use crate::error::{ApiError, ApiResult};
use serde_json::{Map, Value};

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
pub fn valid_backup_name(s: &str, service_type: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && s.bytes().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, b'-' | b'_' | b':' | b'.')
                || (c == b'+' && service_type == "clickhouse")
        })
}

/// The fields of a ServiceCreate body, each checked for its type and shape.
pub struct CreateBody<'a> {
    pub name: &'a str,
    pub service_type: &'a str,
    pub plan: &'a str,
    /// Nodes of `plan` for `service_type`.
    pub plan_nodes: u64,
    pub cloud: Option<String>,
    pub disk_space_mb: Option<u64>,
    pub termination_protection: bool,
    pub copy_tags: bool,
    pub tags: Map<String, Value>,
    pub project_vpc_id: Value,
    pub integrations: Vec<Value>,
    pub user_config: Map<String, Value>,
}

impl<'a> CreateBody<'a> {
    /// Read `body`; the first problem found, in field order, is the answer.
    pub fn read(body: &'a Value) -> ApiResult<Self> {
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
        // A type Aiven retired: no new service of it, fork or not.
        if let Some(day) = catalog::retired_since(service_type) {
            return Err(ApiError::bad_request(format!(
                "Service type {service_type} is no longer available: no new services since {day}"
            )));
        }
        let plan = required_str(body, "plan")?;
        let Some(plan_nodes) = catalog::plan_nodes(service_type, plan) else {
            return Err(ApiError::bad_request(format!(
                "Plan '{plan}' is not available for service type '{service_type}'"
            )));
        };
        // Struct fields are evaluated as written: the optional fields in body order.
        Ok(CreateBody {
            name,
            service_type,
            plan,
            plan_nodes,
            cloud: cloud(body)?,
            disk_space_mb: disk_space_mb(body)?,
            termination_protection: optional_bool(body, "termination_protection")?,
            copy_tags: optional_bool(body, "copy_tags")?,
            tags: tags(body)?,
            project_vpc_id: project_vpc_id(body)?,
            integrations: integrations(body)?,
            user_config: user_config(body)?,
        })
    }

    /// A fork key of `user_config` holding a non-empty string.
    pub fn fork_key(&self, key: &str) -> Option<&str> {
        self.user_config
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }
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

/// `false` when absent or null.
fn optional_bool(body: &Map<String, Value>, field: &str) -> ApiResult<bool> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(ApiError::bad_request(format!(
            "Invalid {field}: expected a boolean"
        ))),
    }
}

/// Lower-case letters, digits and dashes, at most 256 characters.
fn cloud(body: &Map<String, Value>) -> ApiResult<Option<String>> {
    match body.get("cloud") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(c))
            if !c.is_empty()
                && c.len() <= 256
                && c.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            Ok(Some(c.clone()))
        }
        Some(other) => Err(ApiError::bad_request(format!("Invalid cloud {other}"))),
    }
}

fn disk_space_mb(body: &Map<String, Value>) -> ApiResult<Option<u64>> {
    match body.get("disk_space_mb") {
        None | Some(Value::Null) => Ok(None),
        Some(v) => Ok(Some(v.as_u64().ok_or_else(|| {
            ApiError::bad_request("Invalid disk_space_mb: expected a non-negative integer")
        })?)),
    }
}

fn tags(body: &Map<String, Value>) -> ApiResult<Map<String, Value>> {
    match body.get("tags") {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) if m.values().all(Value::is_string) => Ok(m.clone()),
        Some(_) => Err(ApiError::bad_request(
            "Invalid tags: expected an object of string values",
        )),
    }
}

fn project_vpc_id(body: &Map<String, Value>) -> ApiResult<Value> {
    match body.get("project_vpc_id") {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(Value::String(s)) => Ok(Value::String(s.clone())),
        Some(_) => Err(ApiError::bad_request(
            "Invalid project_vpc_id: expected a string or null",
        )),
    }
}

fn integrations(body: &Map<String, Value>) -> ApiResult<Vec<Value>> {
    match body.get("service_integrations") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items.clone()),
        Some(_) => Err(ApiError::bad_request(
            "Invalid service_integrations: expected an array",
        )),
    }
}

fn user_config(body: &Map<String, Value>) -> ApiResult<Map<String, Value>> {
    match body.get("user_config") {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m.clone()),
        Some(_) => Err(ApiError::bad_request(
            "Invalid user_config: expected an object",
        )),
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
