//! What is known about the source and the target project when validating.
//!
//! One model, [`ForkContext`], and the two shapes it is read from and written as:
//!
//! * [`ForkContext::from_api`] reads Aiven's own answers (snake_case, envelopes such
//!   as `{"service": {...}}`, integrations and PITR windows where the API puts them)
//!   tolerantly, and reports a broken answer as one `invalid_response`;
//! * [`ForkContext::to_value`] writes the library's camelCase context (what JS
//!   `getForkContext` returns, as JSON text) and [`ForkContext::from_value`] reads it
//!   back (from a caller, who may also write it by hand), reporting every bad field
//!   as `invalid_value` with its `context.` path; [`ForkContext::from_doc`] is the
//!   same reader over a [`Node`] (the input tape of a JS context, read without
//!   building a `Value` of it).
//!
//! The two readers stay apart because they read two different shapes with two error
//! contracts; both use the same field reader, over anything that is [`Json`]. A context passed around JS is not
//! converted again in Rust: `prepareForkContext` keeps the read [`ForkContext`].

use crate::core::json::{Json, Look, Node, Number, Value};
use crate::core::time::Timestamp;

/// An integration of the source (never copied to the fork).
#[derive(Debug, Clone, PartialEq)]
pub struct Integration {
    pub integration_type: String,
    pub source_service: String,
    pub dest_service: String,
}

/// The source service as `GET /v1/project/{p}/service/{s}` describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceService {
    pub project: String,
    pub service_name: String,
    pub service_type: String,
    pub plan: String,
    pub cloud_name: String,
    pub node_count: u32,
    pub state: String,
    pub user_config: Value,
    pub integrations: Vec<Integration>,
    pub tags: Vec<(String, String)>,
}

/// One backup of the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub backup_name: String,
    pub backup_time: Timestamp,
    /// Original text of `backup_time`, for messages and the JS side.
    pub backup_time_text: String,
    pub data_size: u64,
}

/// The PITR window; `None` bounds as in the API (start null: no PITR backup yet,
/// end null: now).
#[derive(Debug, Clone, PartialEq)]
pub struct PitrWindow {
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
}

/// A plan of the service type.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub name: String,
    pub node_count: u32,
    /// `(cloud, hourly price in USD as decimal text)` for the clouds the API priced
    /// (empty: no prices known). See [`crate::core::price`].
    pub prices: Vec<(String, String)>,
}

/// Everything the full rule set needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ForkContext {
    pub source: SourceService,
    pub backups: Vec<Backup>,
    /// `None`: the type has no PITR (`pitr` missing from the backups answer).
    pub pitr: Option<PitrWindow>,
    /// Plans of the source's service type (empty: unknown, plan rules skipped).
    pub plans: Vec<Plan>,
    /// Service names already taken in the target project (`None`: unknown).
    pub taken_names: Option<Vec<String>>,
}

use crate::core::issue::{Code, Issue};
use crate::core::num::{self, push_u64};
use crate::core::price;
use crate::core::time::{self, format_aiven};

fn field_path(prefix: &str, i: Option<usize>, name: &str) -> String {
    let mut p = String::from(prefix);
    if let Some(i) = i {
        p.push('[');
        push_u64(&mut p, i as u64);
        p.push(']');
    }
    if !name.is_empty() {
        p.push('.');
        p.push_str(name);
    }
    p
}

/// The items of an optional array ([`FieldReader::items`]).
type Items<'a, J> = core::iter::FlatMap<
    core::option::IntoIter<J>,
    <J as Json<'a>>::Items,
    fn(J) -> <J as Json<'a>>::Items,
>;

/// Reads the fields of one object tolerantly: extra fields are ignored, missing or
/// mistyped essential ones are reported as issues (`code`, paths under the object's
/// path: `prefix`, then `[index]` for a list item). Paths are only built when an issue
/// names one, so reading a valid context allocates no path per list item. Reads a
/// [`Value`] or a node of a parsed text alike ([`Json`]).
struct FieldReader<'p, J> {
    v: J,
    prefix: &'p str,
    index: Option<usize>,
    code: Code,
}

impl<'a, 'p, J: Json<'a>> FieldReader<'p, J> {
    fn new(
        v: J,
        prefix: &'p str,
        index: Option<usize>,
        code: Code,
        issues: &mut Vec<Issue>,
    ) -> Option<FieldReader<'p, J>> {
        if v.look() == Look::Object {
            Some(FieldReader {
                v,
                prefix,
                index,
                code,
            })
        } else {
            let path = field_path(prefix, index, "");
            let mut m = path.clone();
            m.push_str(" must be an object");
            issues.push(Issue::new(code, &path, m));
            None
        }
    }

    fn path(&self, key: &str) -> String {
        field_path(self.prefix, self.index, key)
    }

    fn fail(&self, key: &str, what: &str, issues: &mut Vec<Issue>) {
        let p = self.path(key);
        let mut m = p.clone();
        m.push_str(what);
        issues.push(Issue::new(self.code, &p, m));
    }

    /// The field's value, `None` when it is absent or null.
    fn given(&self, key: &str) -> Option<J> {
        self.v.get(key).filter(|v| !v.is_null())
    }

    /// Required non-empty string.
    fn req_str(&self, key: &str, issues: &mut Vec<Issue>) -> String {
        match self.given(key).map(J::look) {
            Some(Look::String(s)) if !s.is_empty() => s.to_string(),
            Some(Look::String(_)) | None => {
                self.fail(key, " is missing", issues);
                String::new()
            }
            Some(_) => {
                self.fail(key, " must be a string", issues);
                String::new()
            }
        }
    }

    /// Optional string ("" when absent or null).
    fn opt_str(&self, key: &str, issues: &mut Vec<Issue>) -> String {
        match self.given(key).map(J::look) {
            Some(Look::String(s)) => s.to_string(),
            None => String::new(),
            Some(_) => {
                self.fail(key, " must be a string", issues);
                String::new()
            }
        }
    }

    /// Optional non-negative integer (0 when absent or null).
    /// Read exactly from the digits; `u64::MAX` for larger integers.
    fn opt_uint(&self, key: &str, issues: &mut Vec<Issue>) -> u64 {
        let value = match self.given(key).map(J::look) {
            None => return 0,
            Some(Look::Number(n)) if num::is_integer(n) => num::floor_u64(n),
            Some(_) => None,
        };
        match value {
            Some(n) => n,
            None => {
                self.fail(key, " must be a non-negative integer", issues);
                0
            }
        }
    }

    /// Optional array (`None` when absent or null; reported when not an array).
    fn opt_array(&self, key: &str, issues: &mut Vec<Issue>) -> Option<J> {
        let v = self.given(key)?;
        if v.look() == Look::Array {
            Some(v)
        } else {
            self.fail(key, " must be an array", issues);
            None
        }
    }

    /// The items of an optional array (none when absent, null or not an array).
    fn items(&self, key: &str, issues: &mut Vec<Issue>) -> Items<'a, J> {
        self.opt_array(key, issues).into_iter().flat_map(J::items)
    }

    /// The items of an optional array (none when absent, null or not an array), each
    /// read by `read` (`None`: left out), in a list of the array's size.
    fn list<T>(
        &self,
        key: &str,
        issues: &mut Vec<Issue>,
        mut read: impl FnMut(usize, J, &mut Vec<Issue>) -> Option<T>,
    ) -> Vec<T> {
        let Some(array) = self.opt_array(key, issues) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(array.count());
        for (i, item) in array.items().enumerate() {
            if let Some(v) = read(i, item, issues) {
                out.push(v);
            }
        }
        out
    }

    /// Optional object of string values (`{}` when absent or null).
    fn string_map(&self, key: &str, issues: &mut Vec<Issue>) -> Vec<(String, String)> {
        let Some(map) = self.given(key) else {
            return Vec::new();
        };
        if map.look() != Look::Object {
            self.fail(key, " must be an object of strings", issues);
            return Vec::new();
        }
        let mut out = Vec::with_capacity(map.count());
        for (k, v) in map.fields() {
            match v.as_str() {
                Some(s) => out.push((k.to_string(), s.to_string())),
                None => self.fail(key, " values must be strings", issues),
            }
        }
        out
    }

    /// Optional object of cloud names to price texts (empty when absent or null).
    fn prices(&self, key: &str, issues: &mut Vec<Issue>) -> Vec<(String, String)> {
        let map = self.string_map(key, issues);
        if map.iter().any(|(_, v)| !price::is_price_text(v)) {
            self.fail(key, " values must be decimal prices like 0.2740", issues);
        }
        map
    }

    /// Optional object value (`{}` when absent or null).
    fn opt_object(&self, key: &str, issues: &mut Vec<Issue>) -> Value {
        match self.given(key) {
            Some(v) if v.look() == Look::Object => v.to_value(),
            None => Value::Object(Vec::new()),
            Some(_) => {
                self.fail(key, " must be an object", issues);
                Value::Object(Vec::new())
            }
        }
    }

    /// Optional time: `None` when absent or null.
    fn opt_time(&self, key: &str, issues: &mut Vec<Issue>) -> Option<(Timestamp, String)> {
        match self.given(key)?.look() {
            Look::String(s) => match time::parse(s) {
                Ok(p) => Some((p.at, s.to_string())),
                Err(e) => {
                    let p = self.path(key);
                    let mut m = p.clone();
                    m.push_str(" is not a valid time: ");
                    m.push_str(crate::core::text::after_last(&e.message, ": "));
                    issues.push(Issue::new(self.code, &p, m));
                    None
                }
            },
            _ => {
                self.fail(key, " must be a time string or null", issues);
                None
            }
        }
    }
}

/// `regions.<cloud>.price_usd` of one plan of Aiven's plan list; clouds without a
/// price text are skipped (the API's extra region fields are ignored).
fn api_prices(plan: &Value) -> Vec<(String, String)> {
    match plan.get("regions") {
        Some(Value::Object(regions)) => regions
            .iter()
            .filter_map(|(cloud, region)| {
                let text = region.get("price_usd")?.as_str()?;
                price::is_price_text(text).then(|| (cloud.clone(), text.to_string()))
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn node_count(n: u64) -> u32 {
    n.min(u64::from(u32::MAX)) as u32
}

/// Unwraps `{"service": {...}}`-style envelopes; a bare object is used as is.
fn unwrap<'a>(v: &'a Value, key: &str) -> &'a Value {
    match v.get(key) {
        Some(inner @ Value::Object(_)) => inner,
        _ => v,
    }
}

fn str_array(items: &[Value], key: Option<&str>) -> Vec<String> {
    items
        .iter()
        .filter_map(|item| match key {
            Some(k) => item.get(k).and_then(Value::as_str),
            None => item.as_str(),
        })
        .map(str::to_string)
        .collect()
}

fn obj_value(fields: Vec<(&str, Value)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn string_map_value(map: &[(String, String)]) -> Value {
    Value::Object(
        map.iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

fn opt_time_value(t: Option<Timestamp>) -> Value {
    match t {
        Some(t) => Value::String(format_aiven(t)),
        None => Value::Null,
    }
}

/// The camelCase context reader of [`ForkContext::from_value`] and
/// [`ForkContext::from_doc`].
fn read_camel<'a, J: Json<'a>>(v: J) -> Result<ForkContext, Vec<Issue>> {
    let mut issues = Vec::new();
    let code = Code::InvalidValue;
    let Some(root) = FieldReader::new(v, "context", None, code, &mut issues) else {
        return Err(issues);
    };
    let source_path = root.path("source");
    let source = match v.get("source") {
        Some(s) => FieldReader::new(s, &source_path, None, code, &mut issues),
        None => {
            root.fail("source", " is missing", &mut issues);
            None
        }
    };
    let source = source.map(|s| {
        let path = s.path("integrations");
        let integrations = s.list("integrations", &mut issues, |i, item, issues| {
            let o = FieldReader::new(item, &path, Some(i), code, issues)?;
            Some(Integration {
                integration_type: o.req_str("integrationType", issues),
                source_service: o.opt_str("sourceService", issues),
                dest_service: o.opt_str("destService", issues),
            })
        });
        SourceService {
            project: s.req_str("project", &mut issues),
            service_name: s.req_str("serviceName", &mut issues),
            service_type: s.req_str("serviceType", &mut issues),
            plan: s.opt_str("plan", &mut issues),
            cloud_name: s.opt_str("cloudName", &mut issues),
            node_count: node_count(s.opt_uint("nodeCount", &mut issues)),
            state: s.opt_str("state", &mut issues),
            user_config: s.opt_object("userConfig", &mut issues),
            integrations,
            tags: s.string_map("tags", &mut issues),
        }
    });
    if v.get("backups").is_none() {
        root.fail("backups", " is missing", &mut issues);
    }
    let backups_path = root.path("backups");
    let backups = root.list("backups", &mut issues, |i, item, issues| {
        let o = FieldReader::new(item, &backups_path, Some(i), code, issues)?;
        let name = o.req_str("backupName", issues);
        let time = o.opt_time("backupTime", issues);
        if time.is_none() && o.given("backupTime").is_none() {
            o.fail("backupTime", " is missing", issues);
        }
        let (backup_time, backup_time_text) = time?;
        Some(Backup {
            backup_name: name,
            backup_time,
            backup_time_text,
            data_size: o.opt_uint("dataSize", issues),
        })
    });
    let pitr = root.given("pitr").and_then(|p| {
        let pitr_path = root.path("pitr");
        FieldReader::new(p, &pitr_path, None, code, &mut issues).map(|o| PitrWindow {
            start: o.opt_time("start", &mut issues).map(|t| t.0),
            end: o.opt_time("end", &mut issues).map(|t| t.0),
        })
    });
    let plans_path = root.path("plans");
    let plans = root.list("plans", &mut issues, |i, item, issues| {
        let o = FieldReader::new(item, &plans_path, Some(i), code, issues)?;
        Some(Plan {
            name: o.req_str("name", issues),
            node_count: node_count(o.opt_uint("nodeCount", issues)),
            prices: o.prices("prices", issues),
        })
    });
    let taken_names = match root.given("takenNames") {
        None => None,
        Some(names) if names.look() == Look::Array => {
            let mut all_strings = true;
            let mut taken = Vec::with_capacity(names.count());
            for name in names.items() {
                match name.as_str() {
                    Some(name) => taken.push(name.to_string()),
                    None => all_strings = false,
                }
            }
            if !all_strings {
                root.fail("takenNames", " must hold strings only", &mut issues);
            }
            Some(taken)
        }
        Some(_) => {
            root.fail(
                "takenNames",
                " must be an array of strings or null",
                &mut issues,
            );
            None
        }
    };
    match source {
        Some(source) if issues.is_empty() => Ok(ForkContext {
            source,
            backups,
            pitr,
            plans,
            taken_names,
        }),
        _ => Err(issues),
    }
}

impl ForkContext {
    /// Read the camelCase context (what JS `getForkContext` returns). Extra fields are
    /// ignored; missing essentials and wrong types are reported with `context.`
    /// field paths.
    pub fn from_value(v: &Value) -> Result<ForkContext, Vec<Issue>> {
        read_camel(v)
    }

    /// [`ForkContext::from_value`] of a value in a parsed text or input tape
    /// ([`crate::core::json::Doc`]): only the strings the context keeps are copied.
    pub fn from_doc(v: Node<'_>) -> Result<ForkContext, Vec<Issue>> {
        read_camel(v)
    }

    /// The camelCase shape [`ForkContext::from_value`] reads (what JS
    /// `getForkContext` returns). Backup times keep the API's text; PITR bounds are
    /// written in the Aiven form.
    pub fn to_value(&self) -> Value {
        let s = &self.source;
        let integrations = s
            .integrations
            .iter()
            .map(|i| {
                obj_value(vec![
                    ("integrationType", Value::str(&i.integration_type)),
                    ("sourceService", Value::str(&i.source_service)),
                    ("destService", Value::str(&i.dest_service)),
                ])
            })
            .collect();
        let source = obj_value(vec![
            ("project", Value::str(&s.project)),
            ("serviceName", Value::str(&s.service_name)),
            ("serviceType", Value::str(&s.service_type)),
            ("plan", Value::str(&s.plan)),
            ("cloudName", Value::str(&s.cloud_name)),
            ("nodeCount", Value::uint(u64::from(s.node_count))),
            ("state", Value::str(&s.state)),
            ("userConfig", s.user_config.clone()),
            ("tags", string_map_value(&s.tags)),
            ("integrations", Value::Array(integrations)),
        ]);
        let backups = self
            .backups
            .iter()
            .map(|b| {
                obj_value(vec![
                    ("backupName", Value::str(&b.backup_name)),
                    ("backupTime", Value::str(&b.backup_time_text)),
                    ("dataSize", Value::uint(b.data_size)),
                ])
            })
            .collect();
        let pitr = match &self.pitr {
            Some(p) => obj_value(vec![
                ("start", opt_time_value(p.start)),
                ("end", opt_time_value(p.end)),
            ]),
            None => Value::Null,
        };
        let plans = self
            .plans
            .iter()
            .map(|p| {
                let mut fields = vec![
                    ("name", Value::str(&p.name)),
                    ("nodeCount", Value::uint(u64::from(p.node_count))),
                ];
                if !p.prices.is_empty() {
                    fields.push(("prices", string_map_value(&p.prices)));
                }
                obj_value(fields)
            })
            .collect();
        let taken = match &self.taken_names {
            Some(names) => Value::Array(names.iter().map(|n| Value::str(n)).collect()),
            None => Value::Null,
        };
        obj_value(vec![
            ("source", source),
            ("backups", Value::Array(backups)),
            ("pitr", pitr),
            ("plans", Value::Array(plans)),
            ("takenNames", taken),
        ])
    }

    /// Build the context from raw Aiven answers: `GET .../service/{s}`
    /// (`{"service":{...}}`), `GET .../service/{s}/backups` (`{"backups":[...],
    /// "pitr":...}`), `GET .../service-types/{t}/plans` (`{"service_plans":[...]}`)
    /// and optionally `GET /v1/project/{target}/service` (`{"services":[...]}`) for the
    /// names taken in the target project. Extra fields are ignored; a missing
    /// essential gives one [`Code::InvalidResponse`] issue naming all problems.
    pub fn from_api(
        project: &str,
        service: &Value,
        backups: &Value,
        plans: &Value,
        services: Option<&Value>,
    ) -> Result<ForkContext, Issue> {
        let mut issues = Vec::new();
        let code = Code::InvalidResponse;
        let svc = FieldReader::new(
            unwrap(service, "service"),
            "service",
            None,
            code,
            &mut issues,
        );
        let source = svc.map(|s| {
            let integrations = s
                .items("service_integrations", &mut issues)
                .filter_map(|item| {
                    let name = |k: &str, alt: &str| {
                        item.get(k)
                            .and_then(Value::as_str)
                            .or_else(|| item.get(alt).and_then(Value::as_str))
                            .unwrap_or("")
                            .to_string()
                    };
                    Some(Integration {
                        integration_type: item.get("integration_type")?.as_str()?.to_string(),
                        source_service: name("source_service", "source_endpoint"),
                        dest_service: name("dest_service", "dest_endpoint"),
                    })
                })
                .collect();
            SourceService {
                project: project.to_string(),
                service_name: s.req_str("service_name", &mut issues),
                service_type: s.req_str("service_type", &mut issues),
                plan: s.opt_str("plan", &mut issues),
                cloud_name: s.opt_str("cloud_name", &mut issues),
                node_count: node_count(s.opt_uint("node_count", &mut issues)),
                state: s.opt_str("state", &mut issues),
                user_config: s.opt_object("user_config", &mut issues),
                integrations,
                tags: s.string_map("tags", &mut issues),
            }
        });
        let mut backup_list = Vec::new();
        let mut pitr = None;
        if let Some(b) = FieldReader::new(backups, "backups", None, code, &mut issues) {
            if b.v.get("backups").is_none() {
                b.fail("backups", " is missing", &mut issues);
            }
            for (i, item) in b.items("backups", &mut issues).enumerate() {
                let Some(o) = FieldReader::new(item, "backups.backups", Some(i), code, &mut issues)
                else {
                    continue;
                };
                let name = o.req_str("backup_name", &mut issues);
                let Some((backup_time, backup_time_text)) = o.opt_time("backup_time", &mut issues)
                else {
                    if o.given("backup_time").is_none() {
                        o.fail("backup_time", " is missing", &mut issues);
                    }
                    continue;
                };
                backup_list.push(Backup {
                    backup_name: name,
                    backup_time,
                    backup_time_text,
                    data_size: o.opt_uint("data_size", &mut issues),
                });
            }
            // Missing `pitr`: the type has no point-in-time recovery.
            if let Some(p) = b.v.get("pitr").filter(|p| !p.is_null()) {
                let region = p
                    .get("primary_region")
                    .filter(|r| !r.is_null())
                    .unwrap_or(p);
                if let Some(o) = FieldReader::new(
                    region,
                    "backups.pitr.primary_region",
                    None,
                    code,
                    &mut issues,
                ) {
                    pitr = Some(PitrWindow {
                        start: o.opt_time("pitr_range_start", &mut issues).map(|t| t.0),
                        end: o.opt_time("pitr_range_end", &mut issues).map(|t| t.0),
                    });
                }
            }
        }
        let mut plan_list = Vec::new();
        if let Some(p) = FieldReader::new(plans, "plans", None, code, &mut issues) {
            for item in p.items("service_plans", &mut issues) {
                if let Some(name) = item.get("service_plan").and_then(Value::as_str) {
                    // Whole nodes (a fraction is cut off); 0: unknown.
                    let n = item
                        .get("node_count")
                        .and_then(Value::as_number)
                        .and_then(Number::floor_u64)
                        .unwrap_or(0);
                    plan_list.push(Plan {
                        name: name.to_string(),
                        node_count: node_count(n),
                        prices: api_prices(item),
                    });
                }
            }
        }
        let taken_names = services.map(|s| {
            let items = s.get("services").and_then(Value::as_array).unwrap_or(&[]);
            str_array(items, Some("service_name"))
        });
        if let Some(s) = services {
            if s.get("services").and_then(Value::as_array).is_none() {
                issues.push(Issue::new(code, "services", "services.services is missing"));
            }
        }
        match source {
            Some(source) if issues.is_empty() => Ok(ForkContext {
                source,
                backups: backup_list,
                pitr,
                plans: plan_list,
                taken_names,
            }),
            _ => {
                let mut m = String::from("unexpected answer from the Aiven API: ");
                for (i, issue) in issues.iter().enumerate() {
                    if i > 0 {
                        m.push_str("; ");
                    }
                    m.push_str(&issue.message);
                }
                let field = issues.first().map(|i| i.field.clone()).unwrap_or_default();
                Err(Issue::new(code, &field, m))
            }
        }
    }
}
