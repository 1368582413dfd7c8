//! Generators and an independent oracle shared by the property tests.
//!
//! The oracle restates `docs/fork-rules.md` in a few lines of its own (it calls no rule
//! function of the library, and takes each type's facts from Aiven's schemas and the
//! rules document, `facts.rs`, not from the library's table), so a bug in the rules or
//! in the table shows up as a disagreement.
#![allow(dead_code)]

mod facts;
pub use facts::facts;

use aiven_fork::core::context::ForkContext;
use aiven_fork::core::json::{self, Number, Value};
use aiven_fork::core::service_types::{self, ServiceTypeSpec};
use aiven_fork::core::time::{self, Timestamp};
use proptest::prelude::*;

pub const DAY_US: i64 = 86_400_000_000;
/// 2026-11-25T09:00:00Z: the injected `now` of the pure property tests.
pub const NOW_US: i64 = 1_795_597_200_000_000;

pub fn now() -> Timestamp {
    Timestamp(NOW_US)
}

pub fn s(text: &str) -> Value {
    Value::String(text.to_string())
}

/// A JSON number from its text.
pub fn num(text: &str) -> Value {
    Value::Number(Number::parse(text).unwrap_or_else(|| panic!("{text}")))
}

pub fn obj(fields: Vec<(&str, Value)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

// ---------------------------------------------------------------- any shape

/// Any text, biased towards JSON-looking text.
pub fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\[\\]{}:,\"0-9a-z.eE+\\- \\\\ntfu]{0,64}",
        any_value().prop_map(|v| v.to_json()),
        any_value().prop_map(|v| {
            let t = v.to_json();
            let cut = t.len() / 2;
            t.chars().take(cut).collect()
        }),
    ]
}

fn any_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "project", "serviceName", "serviceType", "plan", "cloud", "source", "service",
            "recovery", "mode", "time", "name", "diskSpaceMb", "terminationProtection", "tags",
            "copyTags", "projectVpcId", "userConfig", "backups", "pitr", "start", "end", "plans",
            "nodeCount", "takenNames", "serviceType", "cloudName", "state", "integrations",
            "backupName", "backupTime", "dataSize", "integrationType", "destService",
            "service_to_fork_from", "recovery_target_time", "__proto__", "",
        ])
        .prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

fn any_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        // Any finite double as Rust writes it (`1.5e-7`, valid JSON), and texts JSON
        // allows but no double holds exactly.
        any::<f64>().prop_filter_map("finite", |f| Number::parse(&format!("{f:e}"))
            .map(Value::Number)),
        prop::sample::select(vec![
            "0",
            "-1",
            "1",
            "1e300",
            "-0",
            "4294967296",
            "0.5",
            "123456789.12345679",
            "12345678901234567890123",
            "1E-7",
            "2.50",
            "-1.7976931348623157e308",
        ])
        .prop_map(num),
        any::<String>().prop_map(Value::String),
        prop::sample::select(vec![
            "latest",
            "time",
            "backup",
            "pg",
            "mysql",
            "redis",
            "kafka",
            "demo-pg",
            "2026-11-20T10:00:00Z",
            "2026-11-20 10:00:00",
            "not a time",
            "RUNNING",
            "off",
            "business-4",
            "../x",
            "a%2Fb",
            "<b>x</b>",
            "",
        ])
        .prop_map(s),
    ]
}

/// Any JSON value, a few levels deep.
pub fn any_value() -> impl Strategy<Value = Value> {
    any_leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((any_key(), inner), 0..8).prop_map(|fields| {
                // Builders never make duplicate keys: keep the first of each.
                let mut seen = std::collections::HashSet::new();
                Value::Object(
                    fields
                        .into_iter()
                        .filter(|(k, _)| seen.insert(k.clone()))
                        .collect(),
                )
            }),
        ]
    })
}

// ---------------------------------------------------------------- times

/// Time text in every shape the API and users write, for an instant in micros.
pub fn time_text_at(micros: i64) -> impl Strategy<Value = String> {
    (
        0usize..6,
        0usize..10,
        prop::sample::select(vec![0i64, 60, 120, -300, 330]),
    )
        .prop_map(move |(shape, frac_digits, offset_min)| {
            let base = time::format_aiven(Timestamp(micros - micros.rem_euclid(1_000_000)));
            let date_time = &base[..19]; // YYYY-MM-DDTHH:MM:SS (UTC)
            let us = micros.rem_euclid(1_000_000);
            let frac = if frac_digits == 0 {
                String::new()
            } else {
                let digits = format!("{us:06}000");
                format!(".{}", &digits[..frac_digits])
            };
            match shape {
                0 => format!("{date_time}{frac}Z"),
                1 => format!("{date_time}{frac}+00:00"),
                2 => format!("{}{frac}+00:00", date_time.replace('T', " ")),
                3 => format!("{}{frac}", date_time.replace('T', " ")),
                4 => {
                    // The same instant written in another zone.
                    let shifted =
                        time::format_aiven(Timestamp(micros - us + offset_min * 60_000_000));
                    let sign = if offset_min < 0 { '-' } else { '+' };
                    let m = offset_min.abs();
                    format!("{}{frac}{sign}{:02}:{:02}", &shifted[..19], m / 60, m % 60)
                }
                _ => format!("{date_time}{frac}"),
            }
        })
}

/// Time text for an instant between `lo` and `hi` micros, plus some junk.
pub fn time_text(lo: i64, hi: i64) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (lo..hi).prop_flat_map(time_text_at),
        1 => prop::sample::select(vec![
            "2026-02-30T10:00:00Z", "2026-13-01 00:00:00", "9999-12-31T23:59:59.999999+00:00",
            "0000-01-01T00:00:00-23:59", "2026-11-20T25:00:00Z", "2026-11-20T10:00:00+24:00",
            "2026-11-20", "yesterday", "", "2026-11-20T10:00:00.1234567890123Z",
        ])
        .prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

// ---------------------------------------------------------------- well-formed cases

fn name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}"
}

fn backup_name(spec: &'static ServiceTypeSpec) -> impl Strategy<Value = String> {
    let extra = spec.backup_name_extra_chars;
    "[a-zA-Z0-9_:.]{1,10}(-[a-zA-Z0-9]{1,4})?(\\+[0-9]{1,3})?".prop_map(move |n: String| {
        if extra.contains('+') {
            n
        } else {
            n.replace('+', "_")
        }
    })
}

fn forkable() -> Vec<&'static ServiceTypeSpec> {
    service_types::all().iter().collect()
}

/// A context in the camelCase JS shape plus everything a request generator needs.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub value: Value,
    pub spec: &'static ServiceTypeSpec,
    pub source: String,
    pub plans: Vec<(String, u32)>,
    pub backups: Vec<String>,
    pub pitr_start: Option<i64>,
    pub pitr_end: Option<i64>,
}

pub fn context() -> impl Strategy<Value = Ctx> {
    prop::sample::select(forkable()).prop_flat_map(|spec| {
        let plans = prop::collection::vec(("[a-z]{3,8}-[0-9]{1,2}", 1u32..7), 0..5);
        let backups = prop::collection::vec((backup_name(spec), 1i64..(30 * DAY_US)), 0..5);
        (
            Just(spec),
            name(),
            plans,
            1u32..7,
            backups,
            prop::sample::select(vec![
                "RUNNING",
                "RUNNING",
                "RUNNING",
                "POWEROFF",
                "REBUILDING",
            ]),
            prop::option::weighted(
                0.8,
                (
                    1i64..(20 * DAY_US),
                    prop::option::weighted(0.3, 0i64..DAY_US),
                ),
            ),
            prop::option::weighted(0.7, prop::collection::vec(name(), 0..6)),
            prop::sample::select(vec![None, Some("off"), Some("rdb"), Some("aof")]),
            prop::collection::vec((name(), name()), 0..3),
            prop::collection::vec(
                (
                    prop::sample::select(vec!["metrics", "logs", "read_replica"]),
                    name(),
                ),
                0..3,
            ),
        )
            .prop_map(
                |(
                    spec,
                    source,
                    plans,
                    nodes,
                    backups,
                    state,
                    pitr,
                    taken,
                    persistence,
                    tags,
                    integrations,
                )| {
                    let mut plans: Vec<(String, u32)> = plans;
                    plans.sort();
                    plans.dedup_by(|a, b| a.0 == b.0);
                    let source_plan = plans
                        .first()
                        .map(|p| p.0.clone())
                        .unwrap_or_else(|| "business-4".into());
                    let mut user_config = vec![];
                    if let (Some(key), Some(p)) = (spec.persistence_key, persistence) {
                        user_config.push((key, s(p)));
                    }
                    for key in spec.sso_keys {
                        user_config.push((key, obj(vec![("enabled", Value::Bool(true))])));
                    }
                    let backups_v: Vec<(String, i64)> = backups
                        .into_iter()
                        .map(|(n, ago)| (n, NOW_US - ago))
                        .collect();
                    let (pitr_start, pitr_end) = match pitr {
                        Some((start_ago, end_ago)) => {
                            (Some(NOW_US - start_ago), end_ago.map(|e| NOW_US - e))
                        }
                        None => (None, None),
                    };
                    let value = obj(vec![
                        (
                            "source",
                            obj(vec![
                                ("project", s("demo-project")),
                                ("serviceName", s(&source)),
                                ("serviceType", s(spec.name)),
                                ("plan", s(&source_plan)),
                                ("cloudName", s("google-europe-west1")),
                                ("nodeCount", Value::uint(u64::from(nodes))),
                                ("state", s(state)),
                                ("userConfig", obj(user_config)),
                                (
                                    "tags",
                                    obj(tags
                                        .iter()
                                        .map(|(k, v)| (k.as_str(), s(v)))
                                        .collect::<Vec<_>>()),
                                ),
                                (
                                    "integrations",
                                    Value::Array(
                                        integrations
                                            .iter()
                                            .map(|(t, d)| {
                                                obj(vec![
                                                    ("integrationType", s(t)),
                                                    ("sourceService", s(&source)),
                                                    ("destService", s(d)),
                                                ])
                                            })
                                            .collect(),
                                    ),
                                ),
                            ]),
                        ),
                        (
                            "backups",
                            Value::Array(
                                backups_v
                                    .iter()
                                    .map(|(n, t)| {
                                        obj(vec![
                                            ("backupName", s(n)),
                                            ("backupTime", s(&time::format_aiven(Timestamp(*t)))),
                                            ("dataSize", Value::uint(1_000_000)),
                                        ])
                                    })
                                    .collect(),
                            ),
                        ),
                        (
                            "pitr",
                            // Types without PITR have no `pitr` in the API's answer.
                            if spec.recovery.time && pitr.is_some() {
                                obj(vec![
                                    (
                                        "start",
                                        pitr_start.map_or(Value::Null, |t| {
                                            s(&time::format_aiven(Timestamp(t)))
                                        }),
                                    ),
                                    (
                                        "end",
                                        pitr_end.map_or(Value::Null, |t| {
                                            s(&time::format_aiven(Timestamp(t)))
                                        }),
                                    ),
                                ])
                            } else {
                                Value::Null
                            },
                        ),
                        (
                            "plans",
                            Value::Array(
                                plans
                                    .iter()
                                    .map(|(n, c)| {
                                        obj(vec![
                                            ("name", s(n)),
                                            ("nodeCount", Value::uint(u64::from(*c))),
                                        ])
                                    })
                                    .collect(),
                            ),
                        ),
                        (
                            "takenNames",
                            match &taken {
                                Some(list) => Value::Array(list.iter().map(|n| s(n)).collect()),
                                None => Value::Null,
                            },
                        ),
                    ]);
                    let has_pitr = spec.recovery.time && pitr.is_some();
                    Ctx {
                        value,
                        spec,
                        source,
                        plans,
                        backups: backups_v.into_iter().map(|b| b.0).collect(),
                        pitr_start: if has_pitr { pitr_start } else { None },
                        pitr_end: if has_pitr { pitr_end } else { None },
                    }
                },
            )
    })
}

/// A request for a context: mostly plausible, sometimes off in one way.
pub fn request_for(c: &Ctx) -> impl Strategy<Value = Value> {
    let c = c.clone();
    let window_lo = c.pitr_start.unwrap_or(NOW_US - 10 * DAY_US) - DAY_US / 4;
    // A window may be odd (end before start): keep the range non-empty.
    let window_hi = (c.pitr_end.unwrap_or(NOW_US) + DAY_US / 8).max(window_lo + 1);
    let plan_names: Vec<String> = c.plans.iter().map(|p| p.0.clone()).collect();
    let backup_names = c.backups.clone();
    (
        prop_oneof![8 => name(), 1 => Just(c.source.clone()), 1 => "[A-Za-z0-9_ ./%-]{0,70}"],
        prop::option::weighted(0.3, prop_oneof![4 => Just(c.spec.name.to_string()), 1 => prop::sample::select(forkable()).prop_map(|t| t.name.to_string())]),
        prop::option::weighted(
            0.6,
            if plan_names.is_empty() {
                Just("business-4".to_string()).boxed()
            } else {
                prop_oneof![5 => prop::sample::select(plan_names), 1 => "[a-z]{3,8}-[0-9]{1,2}"].boxed()
            },
        ),
        prop::option::weighted(0.3, prop::sample::select(vec!["aws-eu-west-1", "google-europe-north1"])),
        prop::option::weighted(0.1, prop_oneof![Just("demo-project".to_string()), Just("demo-project-2".to_string())]),
        prop_oneof![
            3 => Just(obj(vec![("mode", s("latest"))])),
            1 => Just(Value::Null),
            4 => time_text(window_lo, window_hi).prop_map(|t| obj(vec![("mode", s("time")), ("time", s(&t))])),
            3 => if backup_names.is_empty() {
                backup_name(c.spec).boxed()
            } else {
                prop_oneof![5 => prop::sample::select(backup_names), 1 => backup_name(c.spec)].boxed()
            }
            .prop_map(|n| obj(vec![("mode", s("backup")), ("name", s(&n))])),
        ],
        prop::option::weighted(0.2, prop_oneof![(1u32..1_000_000).prop_map(|n| Value::uint(u64::from(n))), Just(num("-5")), Just(num("1.5"))]),
        prop::option::weighted(0.2, any::<bool>()),
        prop::option::weighted(0.2, prop::collection::vec((name(), "[a-z0-9-]{0,12}"), 0..3)),
        prop::option::weighted(0.2, any::<bool>()),
        prop::option::weighted(
            0.1,
            prop_oneof![
                Just(Value::Null),
                Just(s("1c6e1e27-62b4-4d36-9d2d-0f0c7b3c8a11")),
                Just(s("not-a-uuid")),
            ],
        ),
        prop::option::weighted(
            0.15,
            prop_oneof![
                Just(obj(vec![])),
                Just(obj(vec![("service_to_fork_from", s("other"))])),
                Just(obj(vec![("recovery_target_time", s("2026-11-20 10:00:00"))])),
            ],
        ),
    )
        .prop_map(
            move |(service_name, service_type, plan, cloud, source_project, recovery, disk, tp, tags, copy_tags, vpc, uc)| {
                let mut fields: Vec<(&str, Value)> = vec![("project", s("demo-project")), ("serviceName", s(&service_name))];
                if let Some(t) = service_type {
                    fields.push(("serviceType", s(&t)));
                }
                if let Some(p) = plan {
                    fields.push(("plan", s(&p)));
                }
                if let Some(cl) = cloud {
                    fields.push(("cloud", s(cl)));
                }
                let mut source = vec![("service", s(&c.source))];
                if let Some(p) = source_project {
                    source.push(("project", s(&p)));
                }
                fields.push(("source", obj(source)));
                if !recovery.is_null() {
                    fields.push(("recovery", recovery));
                }
                if let Some(d) = disk {
                    fields.push(("diskSpaceMb", d));
                }
                if let Some(b) = tp {
                    fields.push(("terminationProtection", Value::Bool(b)));
                }
                if let Some(t) = &tags {
                    fields.push(("tags", obj(t.iter().map(|(k, v)| (k.as_str(), s(v))).collect())));
                }
                if let Some(b) = copy_tags {
                    fields.push(("copyTags", Value::Bool(b)));
                }
                if let Some(v) = vpc {
                    fields.push(("projectVpcId", v));
                }
                if let Some(u) = uc {
                    fields.push(("userConfig", u));
                }
                obj(fields)
            },
        )
}

/// `(request, context)` in the JS shapes.
pub fn fork_case() -> impl Strategy<Value = (Value, Value)> {
    context().prop_flat_map(|c| {
        let value = c.value.clone();
        (request_for(&c), Just(value))
    })
}

// ---------------------------------------------------------------- the oracle

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for key in path {
        cur = cur.get(key)?;
    }
    cur.as_str()
}

fn is_service_name(n: &str) -> bool {
    let b = n.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// Independent statement of the fork rules for an accepted payload: `Err(why)` when
/// the library accepted something it must refuse or built the wrong call.
pub fn oracle_accepts(
    request: &Value,
    ctx: &ForkContext,
    method: &str,
    path: &str,
    body: &Value,
    now: Timestamp,
) -> Result<(), String> {
    let project = str_at(request, &["project"]).ok_or("accepted without a project")?;
    if method != "POST" {
        return Err(format!("method {method}"));
    }
    if !project
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
    {
        return Err(format!("accepted project name {project:?}"));
    }
    if path != format!("/v1/project/{project}/service") {
        return Err(format!("path {path}"));
    }
    let name = str_at(request, &["serviceName"]).ok_or("accepted without serviceName")?;
    if !is_service_name(name) {
        return Err(format!("accepted service name {name:?}"));
    }
    if str_at(body, &["service_name"]) != Some(name) {
        return Err("body.service_name differs from serviceName".into());
    }
    let src = &ctx.source;
    let spec = facts(&src.service_type).ok_or("accepted a type no published schema has")?;
    if !spec.fork_keys {
        return Err(format!(
            "accepted a fork of {}, whose schema has no fork keys",
            spec.name
        ));
    }
    if spec.retired {
        return Err(format!(
            "accepted a fork of {}, which Aiven retired",
            spec.name
        ));
    }
    if str_at(body, &["service_type"]) != Some(src.service_type.as_str()) {
        return Err("body.service_type is not the source's type".into());
    }
    if let Some(t) = str_at(request, &["serviceType"]) {
        if t != src.service_type {
            return Err(format!(
                "accepted serviceType {t} for a {} source",
                src.service_type
            ));
        }
    }
    if ctx.backups.is_empty() {
        return Err("accepted a source without backups".into());
    }
    if let Some(key) = &spec.persistence_key {
        if src.user_config.get(key).and_then(Value::as_str) == Some("off") {
            return Err(format!("accepted a source with {key}: off"));
        }
    }
    let plan = str_at(body, &["plan"]).ok_or("no plan in body")?;
    if let Some(p) = str_at(request, &["plan"]) {
        if p != plan {
            return Err("body.plan differs from the requested plan".into());
        }
    } else if plan != src.plan {
        return Err("default plan is not the source's".into());
    }
    if !ctx.plans.is_empty() {
        let p = ctx
            .plans
            .iter()
            .find(|p| p.name == plan)
            .ok_or(format!("accepted unknown plan {plan}"))?;
        if spec.no_fewer_nodes && p.node_count < src.node_count {
            return Err(format!(
                "accepted {plan} with {} < {} nodes",
                p.node_count, src.node_count
            ));
        }
    }
    let source_service = str_at(request, &["source", "service"]).ok_or("no source.service")?;
    let source_project = str_at(request, &["source", "project"]);
    let cross = matches!(source_project, Some(p) if p != project);
    if !cross && name == source_service {
        return Err("accepted the source's own name in the same project".into());
    }
    if let Some(taken) = &ctx.taken_names {
        if taken.iter().any(|t| t == name) {
            return Err(format!("accepted taken name {name}"));
        }
    }
    let uc = body.get("user_config").ok_or("no user_config")?;
    if str_at(uc, &["service_to_fork_from"]) != Some(source_service) {
        return Err("user_config.service_to_fork_from is not the source".into());
    }
    match (cross, str_at(uc, &["project_to_fork_from"])) {
        (true, Some(p)) if Some(p) == source_project => {}
        (false, None) => {}
        (_, got) => {
            return Err(format!(
                "project_to_fork_from {got:?} for source project {source_project:?}"
            ))
        }
    }
    if let Some(user) = request.get("userConfig") {
        for key in [
            "service_to_fork_from",
            "project_to_fork_from",
            "recovery_target_time",
            "recovery_basebackup_name",
        ] {
            if user.get(key).is_some() {
                return Err(format!("accepted fork key {key} inside userConfig"));
            }
        }
    }
    let mode = request
        .get("recovery")
        .and_then(|r| r.get("mode"))
        .and_then(Value::as_str)
        .unwrap_or("latest");
    let rtt = str_at(uc, &["recovery_target_time"]);
    let rbb = str_at(uc, &["recovery_basebackup_name"]);
    match mode {
        "time" => {
            if !spec.time {
                return Err(format!("accepted a time for {}", spec.name));
            }
            let sent = rtt.ok_or("time mode without recovery_target_time")?;
            if sent.len() > 32 {
                return Err(format!("recovery_target_time {sent} longer than 32"));
            }
            let t = time::parse(sent)
                .map_err(|_| format!("sent time {sent} does not parse"))?
                .at;
            let given = str_at(request, &["recovery", "time"]).unwrap_or("");
            let given_t = time::parse(given)
                .map_err(|_| format!("accepted time text {given:?}"))?
                .at;
            if given_t != t {
                return Err(format!("sent {sent} for {given}"));
            }
            if t > now {
                return Err(format!("accepted future time {sent}"));
            }
            // Rule 4; without PITR data the window is first backup .. now.
            let first_backup = ctx.backups.iter().map(|b| b.backup_time).min();
            let (start, end) = match &ctx.pitr {
                Some(w) => (w.start, w.end),
                None => (first_backup, None),
            };
            let start = start.ok_or("accepted a time with no PITR start")?;
            if t < start || t > end.unwrap_or(now) {
                return Err(format!("accepted {sent} outside the PITR window"));
            }
            if rbb.is_some() {
                return Err("time mode with a basebackup name".into());
            }
        }
        "backup" => {
            if !spec.backup {
                return Err(format!("accepted a named backup for {}", spec.name));
            }
            let n = rbb.ok_or("backup mode without recovery_basebackup_name")?;
            if Some(n) != str_at(request, &["recovery", "name"]) {
                return Err("recovery_basebackup_name differs from recovery.name".into());
            }
            if !ctx.backups.iter().any(|b| b.backup_name == n) {
                return Err(format!("accepted missing backup {n}"));
            }
            if rtt.is_some() {
                return Err("backup mode with a target time".into());
            }
        }
        _ => {
            if rtt.is_some() || rbb.is_some() {
                return Err("latest mode with a recovery key".into());
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- the schema

fn fork_keys() -> &'static Value {
    static KEYS: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        // The repository's copy of Aiven's published fork-key fragments
        // (tests/data/aiven/README.md says where each file comes from).
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/aiven/fork_keys.json"
        );
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        json::parse(&text).unwrap_or_else(|e| panic!("fork_keys.json: {}", e.message))
    })
}

fn pattern_matches(pattern: &str, text: &str) -> Result<bool, String> {
    let name_like = |t: &str| t.is_empty() || (is_service_name(t));
    match pattern {
        "^[a-z][-a-z0-9]{0,63}$|^$" => Ok(name_like(text)),
        "^[a-zA-Z0-9-_:.]+$" => Ok(!text.is_empty()
            && text
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"-_:.".contains(&c))),
        "^[a-zA-Z0-9-_:.+]+$" => Ok(!text.is_empty()
            && text
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"-_:.+".contains(&c))),
        other => Err(format!(
            "pattern {other} not known to the test: extend pattern_matches"
        )),
    }
}

/// The fork keys of `body.user_config` against Aiven's published fragments
/// (`fork_keys.json`): the type has the key, the value is a string within
/// `maxLength` and matches `pattern`.
pub fn schema_accepts(body: &Value) -> Result<(), String> {
    let ty = str_at(body, &["service_type"]).ok_or("no service_type")?;
    let keys = fork_keys();
    let per_type = ["newest", "early2026"]
        .iter()
        .find_map(|file| keys.get(file)?.get("per_type")?.get(ty))
        .ok_or(format!("type {ty} is in no published schema"))?;
    let fragments = per_type.get("fork_keys").ok_or("no fork_keys")?;
    let uc = body.get("user_config").ok_or("no user_config")?;
    for key in [
        "service_to_fork_from",
        "project_to_fork_from",
        "recovery_target_time",
        "recovery_basebackup_name",
    ] {
        let Some(v) = uc.get(key) else { continue };
        let frag = fragments
            .get(key)
            .filter(|f| !f.is_null())
            .ok_or(format!("{ty} has no {key}"))?;
        let text = v.as_str().ok_or(format!("{key} is not a string"))?;
        let max_length = frag.get("maxLength").and_then(Value::as_number);
        if let Some(max) = max_length.and_then(Number::as_u64) {
            if text.chars().count() as u64 > max {
                return Err(format!("{key} longer than {max}"));
            }
        }
        if let Some(p) = frag.get("pattern").and_then(Value::as_str) {
            if !pattern_matches(p, text)? {
                return Err(format!("{key} {text:?} does not match {p}"));
            }
        }
    }
    Ok(())
}
