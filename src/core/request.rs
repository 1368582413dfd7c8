//! The fork request model (camelCase on the JS side), read field by field from a
//! [`crate::core::json::Value`] so that every bad shape becomes an [`Issue`].

use crate::core::json::Value;

/// Where the fork restores from.
#[derive(Debug, Clone, PartialEq)]
pub enum Recovery {
    /// Latest transaction (PITR types) or latest backup.
    Latest,
    /// A point in time, as the user gave it (parsed during validation).
    Time(String),
    /// A named backup.
    Backup(String),
}

/// The source service.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub service: String,
    /// Source project when it differs from the target project.
    pub project: Option<String>,
}

/// A fork request: `{ project, serviceName, serviceType?, plan?, cloud?, source,
/// recovery?, diskSpaceMb?, terminationProtection?, tags?, copyTags?, projectVpcId?,
/// userConfig? }`.
#[derive(Debug, Clone, PartialEq)]
pub struct ForkRequest {
    pub project: String,
    pub service_name: String,
    pub service_type: Option<String>,
    pub plan: Option<String>,
    pub cloud: Option<String>,
    pub source: Source,
    pub recovery: Recovery,
    pub disk_space_mb: Option<u64>,
    pub termination_protection: Option<bool>,
    /// Ordered tag map.
    pub tags: Option<Vec<(String, String)>>,
    pub copy_tags: Option<bool>,
    /// UUID string; `Some(None)` means an explicit `null`.
    pub project_vpc_id: Option<Option<String>>,
    /// Extra user config (an object); fork keys may not be set here.
    pub user_config: Option<Value>,
}

use crate::core::issue::{cat, Code, Issue};
use crate::core::num::push_u64;
use crate::core::shapes::quoted;

/// Longest values Aiven accepts (ServiceCreate and the fork keys).
pub const MAX_PROJECT: usize = 63;
pub const MAX_SERVICE_NAME: usize = 64;
pub const MAX_SERVICE_TYPE: usize = 64;
pub const MAX_PLAN: usize = 128;
pub const MAX_CLOUD: usize = 256;
pub const MAX_BACKUP_NAME: usize = 128;
/// Raw text of a time before parsing (the parser states the accepted shapes).
pub const MAX_TIME_TEXT: usize = 64;
/// Largest `diskSpaceMb`: 2^53 - 1, the largest integer every JSON reader (and
/// JavaScript) holds exactly.
pub const MAX_DISK_SPACE_MB: u64 = 9_007_199_254_740_991;

/// `user_config` keys the library sets itself from `source` and `recovery`.
pub const FORK_KEYS: [&str; 4] = [
    "service_to_fork_from",
    "project_to_fork_from",
    "recovery_target_time",
    "recovery_basebackup_name",
];

const TOP_FIELDS: [&str; 13] = [
    "project",
    "serviceName",
    "serviceType",
    "plan",
    "cloud",
    "source",
    "recovery",
    "diskSpaceMb",
    "terminationProtection",
    "tags",
    "copyTags",
    "projectVpcId",
    "userConfig",
];

/// Collects issues while a request is read.
struct Reader {
    issues: Vec<Issue>,
}

fn count_str(n: usize) -> String {
    let mut s = String::new();
    push_u64(&mut s, n as u64);
    s
}

impl Reader {
    fn push(&mut self, code: Code, field: &str, message: String) {
        self.issues.push(Issue::new(code, field, message));
    }

    fn wrong_type(&mut self, field: &str, want: &str, got: &Value) {
        let m = cat(&[field, " must be ", want, ", not ", a_type(got)]);
        self.push(Code::InvalidType, field, m);
    }

    /// A string field: `None` when absent/null (or wrong, with an issue recorded).
    fn string(
        &mut self,
        v: Option<&Value>,
        field: &str,
        max: usize,
        required: bool,
    ) -> Option<String> {
        match v {
            None | Some(Value::Null) => {
                if required {
                    self.push(Code::MissingField, field, cat(&[field, " is required"]));
                }
                None
            }
            Some(Value::String(s)) => {
                // An empty optional field (a blank form input) means "not given".
                if s.is_empty() {
                    if required {
                        self.push(
                            Code::MissingField,
                            field,
                            cat(&[field, " is required and may not be empty"]),
                        );
                    }
                    return None;
                }
                let n = s.chars().count();
                if n > max {
                    let m = cat(&[
                        field,
                        " is ",
                        &count_str(n),
                        " characters long; at most ",
                        &count_str(max),
                        " are allowed",
                    ]);
                    self.push(Code::FieldTooLong, field, m);
                    return None;
                }
                Some(s.clone())
            }
            Some(other) => {
                self.wrong_type(field, "a string", other);
                None
            }
        }
    }

    fn boolean(&mut self, v: Option<&Value>, field: &str) -> Option<bool> {
        match v {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                self.wrong_type(field, "a boolean", other);
                None
            }
        }
    }

    fn unknown_keys(&mut self, fields: &[(String, Value)], allowed: &[&str], prefix: &str) {
        for (k, _) in fields {
            if !allowed.contains(&k.as_str()) {
                let mut path = String::from(prefix);
                path.push_str(&truncate(k, 64));
                let mut m = String::from("unknown field ");
                m.push_str(&path);
                if !allowed.is_empty() {
                    m.push_str("; expected one of ");
                    for (i, a) in allowed.iter().enumerate() {
                        if i > 0 {
                            m.push_str(", ");
                        }
                        m.push_str(a);
                    }
                }
                self.push(Code::UnknownField, &path, m);
            }
        }
    }

    fn source(&mut self, v: Option<&Value>) -> Option<Source> {
        let fields = match v {
            None | Some(Value::Null) => {
                self.push(
                    Code::MissingField,
                    "source",
                    "source is required: { service, project? } names the service to fork"
                        .to_string(),
                );
                return None;
            }
            Some(Value::Object(f)) => f,
            Some(other) => {
                self.wrong_type("source", "an object { service, project? }", other);
                return None;
            }
        };
        self.unknown_keys(fields, &["service", "project"], "source.");
        let service = self.string(
            get(fields, "service"),
            "source.service",
            MAX_SERVICE_NAME,
            true,
        );
        let project = self.string(get(fields, "project"), "source.project", MAX_PROJECT, false);
        service.map(|service| Source { service, project })
    }

    fn recovery(&mut self, v: Option<&Value>) -> Option<Recovery> {
        let fields = match v {
            None | Some(Value::Null) => return Some(Recovery::Latest),
            Some(Value::Object(f)) => f,
            Some(other) => {
                self.wrong_type("recovery", "an object { mode, time?, name? }", other);
                return None;
            }
        };
        let mode = match get(fields, "mode") {
            None | Some(Value::Null) => {
                self.push(
                    Code::MissingField,
                    "recovery.mode",
                    "recovery.mode is required: \"latest\", \"time\" or \"backup\"".to_string(),
                );
                return None;
            }
            Some(Value::String(s)) => s.as_str(),
            Some(other) => {
                self.wrong_type("recovery.mode", "a string", other);
                return None;
            }
        };
        match mode {
            "latest" => {
                self.unknown_keys(fields, &["mode"], "recovery.");
                Some(Recovery::Latest)
            }
            "time" => {
                self.unknown_keys(fields, &["mode", "time"], "recovery.");
                self.string(get(fields, "time"), "recovery.time", MAX_TIME_TEXT, true)
                    .map(Recovery::Time)
            }
            "backup" => {
                self.unknown_keys(fields, &["mode", "name"], "recovery.");
                self.string(get(fields, "name"), "recovery.name", MAX_BACKUP_NAME, true)
                    .map(Recovery::Backup)
            }
            other => {
                let m = cat(&[
                    "recovery.mode must be \"latest\", \"time\" or \"backup\", not ",
                    &quoted(other),
                ]);
                self.push(Code::InvalidValue, "recovery.mode", m);
                None
            }
        }
    }

    fn disk_space(&mut self, v: Option<&Value>) -> Option<u64> {
        match v {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => {
                // Read exactly from the digits: `1e3` is 1000, `1.5` is not whole.
                match n.as_u64().filter(|mb| (1..=MAX_DISK_SPACE_MB).contains(mb)) {
                    Some(mb) => Some(mb),
                    None => {
                        self.push(
                            Code::InvalidValue,
                            "diskSpaceMb",
                            "diskSpaceMb must be a positive whole number of megabytes".to_string(),
                        );
                        None
                    }
                }
            }
            Some(other) => {
                self.wrong_type("diskSpaceMb", "a number", other);
                None
            }
        }
    }

    fn tags(&mut self, v: Option<&Value>) -> Option<Vec<(String, String)>> {
        let fields = match v {
            None | Some(Value::Null) => return None,
            Some(Value::Object(f)) => f,
            Some(other) => {
                self.wrong_type("tags", "an object of string values", other);
                return None;
            }
        };
        let mut out = Vec::with_capacity(fields.len());
        for (k, val) in fields {
            match val {
                Value::String(s) => out.push((k.clone(), s.clone())),
                other => {
                    let mut path = String::from("tags.");
                    path.push_str(&truncate(k, 64));
                    self.wrong_type(&path, "a string", other);
                }
            }
        }
        Some(out)
    }

    fn vpc(&mut self, v: Option<&Value>) -> Option<Option<String>> {
        match v {
            None => None,
            Some(Value::Null) => Some(None),
            Some(Value::String(s)) => {
                if is_uuid(s) {
                    Some(Some(s.clone()))
                } else {
                    self.push(
                        Code::InvalidValue,
                        "projectVpcId",
                        "projectVpcId must be a UUID (8-4-4-4-12 hex digits) or null".to_string(),
                    );
                    None
                }
            }
            Some(other) => {
                self.wrong_type("projectVpcId", "a UUID string or null", other);
                None
            }
        }
    }

    fn user_config(&mut self, v: Option<&Value>) -> Option<Value> {
        match v {
            None | Some(Value::Null) => None,
            Some(obj @ Value::Object(fields)) => {
                if obj.deeper_than(crate::core::json::MAX_DEPTH) {
                    self.push(
                        Code::InvalidValue,
                        "userConfig",
                        "userConfig is nested too deeply".to_string(),
                    );
                    return None;
                }
                for (k, _) in fields {
                    if FORK_KEYS.contains(&k.as_str()) {
                        let mut path = String::from("userConfig.");
                        path.push_str(k);
                        let hint = match k.as_str() {
                            "service_to_fork_from" => "use source.service",
                            "project_to_fork_from" => "use source.project",
                            "recovery_target_time" => "use recovery: { mode: \"time\", time }",
                            _ => "use recovery: { mode: \"backup\", name }",
                        };
                        let m = cat(&[&path, " is set by the library; ", hint, " instead"]);
                        self.push(Code::ForkKeyInUserConfig, &path, m);
                    }
                }
                Some(obj.clone())
            }
            Some(other) => {
                self.wrong_type("userConfig", "an object", other);
                None
            }
        }
    }
}

fn get<'a>(fields: &'a [(String, Value)], key: &str) -> Option<&'a Value> {
    fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// "a string", "an array", ... for messages.
fn a_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// At most `max` characters of untrusted text for a message or path.
fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => {
            // `i` is a char boundary (from `char_indices`); `get` has no panic path.
            let mut t = String::from(s.get(..i).unwrap_or(s));
            t.push('…');
            t
        }
        None => s.to_string(),
    }
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` with hex digits.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

impl ForkRequest {
    /// Read a camelCase request object. Every problem is reported (not only the
    /// first): wrong shapes, missing and unknown fields, over-long values, fork keys
    /// inside `userConfig`. Rules that need interpretation (name patterns, times,
    /// type support) are checked by [`crate::core::validate`].
    pub fn from_value(v: &Value) -> Result<ForkRequest, Vec<Issue>> {
        let fields = match v {
            Value::Object(f) => f,
            other => {
                let m = cat(&["a fork request must be an object, not ", a_type(other)]);
                return Err(vec![Issue::new(Code::InvalidRequest, "", m)]);
            }
        };
        let mut r = Reader { issues: Vec::new() };
        r.unknown_keys(fields, &TOP_FIELDS, "");
        let project = r.string(get(fields, "project"), "project", MAX_PROJECT, true);
        let service_name = r.string(
            get(fields, "serviceName"),
            "serviceName",
            MAX_SERVICE_NAME,
            true,
        );
        let service_type = r.string(
            get(fields, "serviceType"),
            "serviceType",
            MAX_SERVICE_TYPE,
            false,
        );
        let plan = r.string(get(fields, "plan"), "plan", MAX_PLAN, false);
        let cloud = r.string(get(fields, "cloud"), "cloud", MAX_CLOUD, false);
        let source = r.source(get(fields, "source"));
        let recovery = r.recovery(get(fields, "recovery"));
        let disk_space_mb = r.disk_space(get(fields, "diskSpaceMb"));
        let termination_protection = r.boolean(
            get(fields, "terminationProtection"),
            "terminationProtection",
        );
        let tags = r.tags(get(fields, "tags"));
        let copy_tags = r.boolean(get(fields, "copyTags"), "copyTags");
        let project_vpc_id = r.vpc(get(fields, "projectVpcId"));
        let user_config = r.user_config(get(fields, "userConfig"));
        match (project, service_name, source, recovery) {
            (Some(project), Some(service_name), Some(source), Some(recovery))
                if r.issues.is_empty() =>
            {
                Ok(ForkRequest {
                    project,
                    service_name,
                    service_type,
                    plan,
                    cloud,
                    source,
                    recovery,
                    disk_space_mb,
                    termination_protection,
                    tags,
                    copy_tags,
                    project_vpc_id,
                    user_config,
                })
            }
            _ => Err(r.issues),
        }
    }
}
