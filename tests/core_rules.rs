//! Every rule and every warning of `docs/fork-rules.md`, per forkable service type, with
//! exact codes, fields and payloads. The matrix is generated from one base case per
//! type so that adding a type to the table adds its cases here.

use aiven_fork::core::context::{
    Backup, ForkContext, Integration, PitrWindow, Plan, SourceService,
};
use aiven_fork::core::json::{parse, Value};
use aiven_fork::core::payload::{build_value, ApiCall};
use aiven_fork::core::service_types::{all, lookup, ServiceTypeSpec};
use aiven_fork::core::time::{parse as parse_time, Timestamp};
use aiven_fork::core::validate::{validate_value, Report};

fn ts(text: &str) -> Timestamp {
    parse_time(text).unwrap().at
}

fn now() -> Timestamp {
    ts("2025-07-02T12:00:00Z")
}

fn forkable() -> Vec<&'static ServiceTypeSpec> {
    all().iter().filter(|t| t.forkable).collect()
}

fn nodes(spec: &ServiceTypeSpec) -> u32 {
    if spec.no_fewer_nodes {
        3
    } else {
        1
    }
}

/// A healthy source of the type with two backups, a PITR window for PITR types,
/// three plans and a few names taken in the project.
fn ctx_for(spec: &ServiceTypeSpec) -> ForkContext {
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
            },
            Plan {
                name: "business-4".into(),
                node_count: nodes(spec),
            },
            Plan {
                name: "business-8".into(),
                node_count: nodes(spec),
            },
        ],
        taken_names: Some(vec![src(spec), "taken-svc".into()]),
    }
}

fn src(spec: &ServiceTypeSpec) -> String {
    format!("src-{}", spec.name.replace('_', "-"))
}

fn fork(spec: &ServiceTypeSpec) -> String {
    format!("fork-{}", spec.name.replace('_', "-"))
}

/// `{"project":"proj","serviceName":"fork-x","source":{"service":"src-x"}}` plus `extra`.
fn req(spec: &ServiceTypeSpec, extra: &str) -> Value {
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

fn codes(r: &Report) -> Vec<(String, String)> {
    r.errors
        .iter()
        .map(|e| (e.code.as_str().to_string(), e.field.clone()))
        .collect()
}

fn warns(r: &Report) -> Vec<String> {
    r.warnings
        .iter()
        .map(|w| w.code.as_str().to_string())
        .collect()
}

fn check(
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

fn base_warnings(spec: &ServiceTypeSpec) -> Vec<String> {
    if spec.no_fewer_nodes {
        vec!["single_node_until_restored".to_string()]
    } else {
        vec![]
    }
}

fn body(call: &ApiCall) -> String {
    call.body.to_json()
}

fn persistence(spec: &ServiceTypeSpec) -> String {
    match spec.persistence_key {
        Some(k) => format!(r#""{k}":"rdb","#),
        None => String::new(),
    }
}

// ------------------------------------------------------------- payloads

#[test]
fn latest_with_context_defaults_type_plan_cloud_from_source() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let request = req(spec, "");
        let r = check(spec, &request, Some(&ctx), &[]);
        assert_eq!(warns(&r), base_warnings(spec), "{}", spec.name);
        assert_eq!(r.defaults.service_type.as_deref(), Some(spec.name));
        assert_eq!(r.defaults.plan.as_deref(), Some("business-4"));
        assert_eq!(r.defaults.cloud.as_deref(), Some("google-europe-west1"));
        let call = build_value(&request, Some(&ctx), now()).unwrap();
        assert_eq!(call.method, "POST");
        assert_eq!(call.path, "/v1/project/proj/service");
        assert_eq!(
            body(&call),
            format!(
                r#"{{"service_name":"{}","service_type":"{}","plan":"business-4","cloud":"google-europe-west1","user_config":{{"service_to_fork_from":"{}"}}}}"#,
                fork(spec),
                spec.name,
                src(spec)
            )
        );
        let _ = persistence(spec);
    }
}

#[test]
fn without_context_type_and_plan_are_required() {
    for spec in forkable() {
        check(
            spec,
            &req(spec, ""),
            None,
            &[("missing_field", "serviceType"), ("missing_field", "plan")],
        );
        let request = req(
            spec,
            &format!(r#""serviceType":"{}","plan":"startup-4""#, spec.name),
        );
        let r = check(spec, &request, None, &[]);
        assert!(r.warnings.is_empty());
        assert_eq!(
            body(&build_value(&request, None, now()).unwrap()),
            format!(
                r#"{{"service_name":"{}","service_type":"{}","plan":"startup-4","user_config":{{"service_to_fork_from":"{}"}}}}"#,
                fork(spec),
                spec.name,
                src(spec)
            )
        );
    }
}

#[test]
fn every_create_field_in_stable_order() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let request = req(
            spec,
            &format!(
                r#""userConfig":{{"ip_filter":["10.0.0.0/8"]}},"copyTags":true,"tags":{{"env":"dev"}},"terminationProtection":false,"diskSpaceMb":81920,"projectVpcId":"0b3c2e7a-1f4d-4a5b-9c6d-7e8f9a0b1c2d","cloud":"aws-eu-west-1","plan":"business-8","serviceType":"{}","recovery":{{"mode":"latest"}}"#,
                spec.name
            ),
        );
        check(spec, &request, Some(&ctx), &[]);
        assert_eq!(
            body(&build_value(&request, Some(&ctx), now()).unwrap()),
            format!(
                r#"{{"service_name":"{}","service_type":"{}","plan":"business-8","cloud":"aws-eu-west-1","project_vpc_id":"0b3c2e7a-1f4d-4a5b-9c6d-7e8f9a0b1c2d","disk_space_mb":81920,"termination_protection":false,"tags":{{"env":"dev"}},"copy_tags":true,"user_config":{{"ip_filter":["10.0.0.0/8"],"service_to_fork_from":"{}"}}}}"#,
                fork(spec),
                spec.name,
                src(spec)
            )
        );
    }
}

#[test]
fn null_vpc_is_left_out() {
    let request = parse(
        r#"{"project":"my-proj","serviceName":"f","serviceType":"pg","plan":"p","source":{"service":"s"},"projectVpcId":null}"#,
    )
    .unwrap();
    let call = build_value(&request, None, now()).unwrap();
    assert_eq!(call.path, "/v1/project/my-proj/service");
    assert_eq!(
        body(&call),
        r#"{"service_name":"f","service_type":"pg","plan":"p","user_config":{"service_to_fork_from":"s"}}"#
    );
}

#[test]
fn rejects_target_project_names_that_could_change_the_path() {
    for project in [
        "..",
        ".",
        "my proj/\u{e4}",
        "a/b",
        "a%2Fb",
        "Upper",
        "-dash",
    ] {
        let text = format!(
            r#"{{"project":{},"serviceName":"f","serviceType":"pg","plan":"p","source":{{"service":"s"}}}}"#,
            Value::String(project.to_string()).to_json()
        );
        let request = parse(&text).unwrap();
        let report = build_value(&request, None, now()).unwrap_err();
        let codes: Vec<_> = report
            .errors
            .iter()
            .map(|e| (e.code.as_str(), e.field.as_str()))
            .collect();
        assert_eq!(
            codes,
            vec![("invalid_project_name", "project")],
            "{project}"
        );
    }
}

// ------------------------------------------------------------- rule 1, 7

#[test]
fn rejects_source_without_backups() {
    for spec in forkable() {
        let mut ctx = ctx_for(spec);
        ctx.backups.clear();
        let r = check(
            spec,
            &req(spec, ""),
            Some(&ctx),
            &[("source_has_no_backup", "source.service")],
        );
        assert_eq!(
            r.errors[0].message,
            format!(
                "{} has no backups yet; a fork needs at least one (wait for the first backup)",
                src(spec)
            )
        );
    }
}

#[test]
fn rejects_persistence_off_for_caching_valkey_dragonfly() {
    let mut seen = 0;
    for spec in forkable() {
        let mut ctx = ctx_for(spec);
        let key = spec.persistence_key.unwrap_or("redis_persistence");
        ctx.source.user_config = parse(&format!(r#"{{"{key}":"off"}}"#)).unwrap();
        ctx.backups.clear();
        if spec.persistence_key.is_some() {
            seen += 1;
            let r = check(
                spec,
                &req(spec, ""),
                Some(&ctx),
                &[("persistence_off", "source.service")],
            );
            assert!(
                r.errors[0].message.contains(&format!("({key}: off)")),
                "{}",
                r.errors[0].message
            );
        } else {
            // Other types have no such key: the missing backups are the problem.
            check(
                spec,
                &req(spec, ""),
                Some(&ctx),
                &[("source_has_no_backup", "source.service")],
            );
        }
    }
    assert_eq!(seen, 3);
}

// ------------------------------------------------------------- rule 2

#[test]
fn rejects_type_other_than_the_sources() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let other = if spec.name == "pg" { "mysql" } else { "pg" };
        let r = check(
            spec,
            &req(
                spec,
                &format!(r#""serviceType":"{other}","plan":"{other}-only-plan""#),
            ),
            Some(&ctx),
            &[("service_type_mismatch", "serviceType")],
        );
        assert_eq!(
            r.errors[0].message,
            format!(
                "a fork has the source's type: the source is {}, not {other}",
                spec.name
            )
        );
    }
}

#[test]
fn rejects_unknown_and_unforkable_types() {
    for t in all().iter().filter(|t| !t.forkable) {
        let request = parse(&format!(
            r#"{{"project":"proj","serviceName":"f","serviceType":"{}","plan":"p","source":{{"service":"s"}}}}"#,
            t.name
        ))
        .unwrap();
        let r = check(
            t,
            &request,
            None,
            &[("service_type_not_forkable", "serviceType")],
        );
        assert!(r.errors[0]
            .message
            .ends_with("services cannot be forked: Aiven has no fork support for this type"));
        // The same from the context's default type.
        let mut ctx = ctx_for(lookup("pg").unwrap());
        ctx.source.service_name = "s".into();
        ctx.source.service_type = t.name.into();
        ctx.pitr = None;
        // No backups either (Kafka has none): still only the one error.
        ctx.backups.clear();
        let request =
            parse(r#"{"project":"proj","serviceName":"f","source":{"service":"s"}}"#).unwrap();
        check(
            t,
            &request,
            Some(&ctx),
            &[("service_type_not_forkable", "serviceType")],
        );
    }
    let pg = lookup("pg").unwrap();
    let r = check(
        pg,
        &req(pg, r#""serviceType":"postgres","plan":"p""#),
        None,
        &[("unknown_service_type", "serviceType")],
    );
    assert!(r.errors[0]
        .message
        .starts_with("unknown service type \"postgres\"; forkable types are pg, mysql, cassandra"));
}

// ------------------------------------------------------------- rule 3

#[test]
fn rejects_invalid_names() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        for bad in [
            "Fork", "1fork", "-fork", "fork_1", "fork.x", "fork x", "förk",
        ] {
            let mut v = req(spec, "");
            if let Value::Object(f) = &mut v {
                f[1].1 = Value::str(bad);
            }
            check(
                spec,
                &v,
                Some(&ctx),
                &[("invalid_service_name", "serviceName")],
            );
        }
        let long = "a".repeat(65);
        let mut v = req(spec, "");
        if let Value::Object(f) = &mut v {
            f[1].1 = Value::str(&long);
        }
        check(spec, &v, Some(&ctx), &[("field_too_long", "serviceName")]);
        let mut ok = req(spec, "");
        if let Value::Object(f) = &mut ok {
            f[1].1 = Value::str(&"a".repeat(64));
        }
        check(spec, &ok, Some(&ctx), &[]);
    }
}

#[test]
fn rejects_the_sources_name_in_the_same_project_only() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let same = parse(&format!(
            r#"{{"project":"proj","serviceName":"{0}","source":{{"service":"{0}","project":"proj"}}}}"#,
            src(spec)
        ))
        .unwrap();
        check(
            spec,
            &same,
            Some(&ctx),
            &[("name_equals_source", "serviceName")],
        );
        check(
            spec,
            &same,
            None,
            &[
                ("name_equals_source", "serviceName"),
                ("missing_field", "serviceType"),
                ("missing_field", "plan"),
            ],
        );
        // Cross-project: the same name is fine (the target project is another one).
        let mut cctx = ctx_for(spec);
        cctx.source.project = "other-proj".into();
        cctx.taken_names = Some(vec![]);
        let cross = parse(&format!(
            r#"{{"project":"proj","serviceName":"{0}","source":{{"service":"{0}","project":"other-proj"}}}}"#,
            src(spec)
        ))
        .unwrap();
        let r = check(spec, &cross, Some(&cctx), &[]);
        let mut want = base_warnings(spec);
        want.push("cross_project_fork".into());
        assert_eq!(warns(&r), want);
        assert_eq!(
            body(&build_value(&cross, Some(&cctx), now()).unwrap()),
            format!(
                r#"{{"service_name":"{0}","service_type":"{1}","plan":"business-4","cloud":"google-europe-west1","user_config":{{"service_to_fork_from":"{0}","project_to_fork_from":"other-proj"}}}}"#,
                src(spec),
                spec.name
            )
        );
    }
}

#[test]
fn rejects_a_name_taken_in_the_target_project() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let mut v = req(spec, "");
        if let Value::Object(f) = &mut v {
            f[1].1 = Value::str("taken-svc");
        }
        let r = check(spec, &v, Some(&ctx), &[("name_taken", "serviceName")]);
        assert_eq!(
            r.errors[0].message,
            "a service named \"taken-svc\" already exists in project proj"
        );
        // Unknown taken names: the rule is skipped.
        let mut unknown = ctx_for(spec);
        unknown.taken_names = None;
        check(spec, &v, Some(&unknown), &[]);
    }
}

// ------------------------------------------------------------- rule 4

fn time_req(spec: &ServiceTypeSpec, time: &str) -> Value {
    req(
        spec,
        &format!(r#""recovery":{{"mode":"time","time":"{time}"}}"#),
    )
}

#[test]
fn point_in_time_inside_the_window_is_sent_in_aiven_form() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let v = time_req(spec, "2025-07-01 15:16:22.926085+02:00");
        if spec.recovery.time {
            let r = check(spec, &v, Some(&ctx), &[]);
            assert_eq!(warns(&r), base_warnings(spec));
            assert_eq!(
                body(&build_value(&v, Some(&ctx), now()).unwrap()),
                format!(
                    r#"{{"service_name":"{}","service_type":"{}","plan":"business-4","cloud":"google-europe-west1","user_config":{{"service_to_fork_from":"{}","recovery_target_time":"2025-07-01T13:16:22.926085+00:00"}}}}"#,
                    fork(spec),
                    spec.name,
                    src(spec)
                )
            );
        } else {
            let r = check(
                spec,
                &v,
                Some(&ctx),
                &[("recovery_time_unsupported", "recovery.time")],
            );
            let alt = if spec.recovery.backup {
                "(use the latest backup or a named backup)"
            } else {
                "(the fork uses the latest backup)"
            };
            assert_eq!(
                r.errors[0].message,
                format!(
                    "{} forks cannot restore to a point in time; point-in-time recovery is for PostgreSQL, MySQL and AlloyDB Omni {alt}",
                    spec.product
                )
            );
            check(
                spec,
                &v,
                None,
                &[("missing_field", "serviceType"), ("missing_field", "plan")],
            );
            let typed = req(
                spec,
                &format!(
                    r#""serviceType":"{}","plan":"x","recovery":{{"mode":"time","time":"garbage"}}"#,
                    spec.name
                ),
            );
            check(
                spec,
                &typed,
                None,
                &[("recovery_time_unsupported", "recovery.time")],
            );
        }
    }
}

#[test]
fn rejects_times_outside_the_pitr_window() {
    for spec in forkable().into_iter().filter(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        let r = check(
            spec,
            &time_req(spec, "2025-06-23T23:59:59Z"),
            Some(&ctx),
            &[("recovery_time_out_of_range", "recovery.time")],
        );
        assert_eq!(
            r.errors[0].message,
            "recovery time 2025-06-23T23:59:59+00:00 is outside the backup window 2025-06-24T00:00:00+00:00 to now"
        );
        // Window start is inclusive; end null means now.
        check(
            spec,
            &time_req(spec, "2025-06-24T00:00:00Z"),
            Some(&ctx),
            &[],
        );
        check(
            spec,
            &time_req(spec, "2025-07-02T12:00:00Z"),
            Some(&ctx),
            &[],
        );
        // A closed window.
        let mut closed = ctx_for(spec);
        closed.pitr = Some(PitrWindow {
            start: Some(ts("2025-06-24T00:00:00Z")),
            end: Some(ts("2025-07-01T00:00:00Z")),
        });
        let r = check(
            spec,
            &time_req(spec, "2025-07-01T00:00:00.000001Z"),
            Some(&closed),
            &[("recovery_time_out_of_range", "recovery.time")],
        );
        assert_eq!(
            r.errors[0].message,
            "recovery time 2025-07-01T00:00:00.000001+00:00 is outside the backup window 2025-06-24T00:00:00+00:00 to 2025-07-01T00:00:00+00:00"
        );
        // No PITR backup yet.
        let mut none_yet = ctx_for(spec);
        none_yet.pitr = Some(PitrWindow {
            start: None,
            end: None,
        });
        let r = check(
            spec,
            &time_req(spec, "2025-07-01T00:00:00Z"),
            Some(&none_yet),
            &[("recovery_time_out_of_range", "recovery.time")],
        );
        assert!(r.errors[0].message.contains("has no point-in-time backup"));
        // Without PITR data the backups bound the window.
        let mut no_pitr = ctx_for(spec);
        no_pitr.pitr = None;
        check(
            spec,
            &time_req(spec, "2025-06-29T23:00:00Z"),
            Some(&no_pitr),
            &[("recovery_time_out_of_range", "recovery.time")],
        );
        check(
            spec,
            &time_req(spec, "2025-06-30T01:00:00Z"),
            Some(&no_pitr),
            &[],
        );
    }
}

#[test]
fn rejects_times_in_the_future_with_and_without_context() {
    for spec in forkable().into_iter().filter(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        let v = time_req(spec, "2025-07-02T12:00:00.000001Z");
        let r = check(
            spec,
            &v,
            Some(&ctx),
            &[("recovery_time_in_future", "recovery.time")],
        );
        assert_eq!(
            r.errors[0].message,
            "recovery time 2025-07-02T12:00:00.000001+00:00 is in the future (now is 2025-07-02T12:00:00+00:00)"
        );
        let typed = req(
            spec,
            &format!(
                r#""serviceType":"{}","plan":"p","recovery":{{"mode":"time","time":"2030-01-01 00:00:00"}}"#,
                spec.name
            ),
        );
        check(
            spec,
            &typed,
            None,
            &[("recovery_time_in_future", "recovery.time")],
        );
    }
}

#[test]
fn rejects_garbage_times() {
    for spec in forkable().into_iter().filter(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        for bad in [
            "yesterday",
            "2025-02-30 10:00:00",
            "2025-07-01 24:00:00",
            "1751382982",
            "2025-07-01T10:00:00+25:00",
        ] {
            check(
                spec,
                &time_req(spec, bad),
                Some(&ctx),
                &[("invalid_time", "recovery.time")],
            );
        }
        check(
            spec,
            &time_req(spec, ""),
            Some(&ctx),
            &[("missing_field", "recovery.time")],
        );
        check(
            spec,
            &time_req(spec, &"1".repeat(65)),
            Some(&ctx),
            &[("field_too_long", "recovery.time")],
        );
    }
}

#[test]
fn warns_about_zoneless_and_truncated_times() {
    for spec in forkable().into_iter().filter(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        let v = time_req(spec, "2025-07-01 15:16:22.123456789");
        let r = check(spec, &v, Some(&ctx), &[]);
        let mut want = base_warnings(spec);
        want.push("time_without_zone".into());
        want.push("time_precision_truncated".into());
        assert_eq!(warns(&r), want);
        assert_eq!(
            r.warnings[0].message,
            "the time has no zone and is read as UTC: 2025-07-01T15:16:22.123456+00:00"
        );
        assert!(body(&build_value(&v, Some(&ctx), now()).unwrap())
            .contains(r#""recovery_target_time":"2025-07-01T15:16:22.123456+00:00""#));
    }
}

// ------------------------------------------------------------- rule 5

fn backup_req(spec: &ServiceTypeSpec, name: &str) -> Value {
    req(
        spec,
        &format!(r#""recovery":{{"mode":"backup","name":"{name}"}}"#),
    )
}

#[test]
fn named_backup_for_types_that_take_it() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let v = backup_req(spec, "backup-1");
        if spec.recovery.backup {
            check(spec, &v, Some(&ctx), &[]);
            assert_eq!(
                body(&build_value(&v, Some(&ctx), now()).unwrap()),
                format!(
                    r#"{{"service_name":"{}","service_type":"{}","plan":"business-4","cloud":"google-europe-west1","user_config":{{"service_to_fork_from":"{}","recovery_basebackup_name":"backup-1"}}}}"#,
                    fork(spec),
                    spec.name,
                    src(spec)
                )
            );
            let r = check(
                spec,
                &backup_req(spec, "backup-9"),
                Some(&ctx),
                &[("basebackup_not_found", "recovery.name")],
            );
            assert_eq!(
                r.errors[0].message,
                "the source has no backup named \"backup-9\"; the latest backup is \"backup-2\""
            );
            check(
                spec,
                &backup_req(spec, "bad name"),
                Some(&ctx),
                &[("invalid_backup_name", "recovery.name")],
            );
            check(
                spec,
                &backup_req(spec, "bad/name"),
                None,
                &[
                    ("missing_field", "serviceType"),
                    ("missing_field", "plan"),
                    ("invalid_backup_name", "recovery.name"),
                ],
            );
            let plus = backup_req(spec, "2025-07-01+full");
            if spec.backup_name_extra_chars.contains('+') {
                let mut c = ctx_for(spec);
                c.backups[0].backup_name = "2025-07-01+full".into();
                check(spec, &plus, Some(&c), &[]);
            } else {
                check(
                    spec,
                    &plus,
                    Some(&ctx),
                    &[("invalid_backup_name", "recovery.name")],
                );
            }
        } else {
            let r = check(
                spec,
                &v,
                Some(&ctx),
                &[("basebackup_unsupported", "recovery.name")],
            );
            assert!(r.errors[0].message.starts_with(&format!(
                "{} forks cannot choose a named backup",
                spec.product
            )));
        }
    }
}

// ------------------------------------------------------------- plan, rule 6

#[test]
fn rejects_unknown_plans() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let r = check(
            spec,
            &req(spec, r#""plan":"nope-1""#),
            Some(&ctx),
            &[("plan_not_found", "plan")],
        );
        assert_eq!(
            r.errors[0].message,
            format!("plan \"nope-1\" does not exist for {}", spec.name)
        );
        let mut unknown = ctx_for(spec);
        unknown.plans.clear();
        check(spec, &req(spec, r#""plan":"nope-1""#), Some(&unknown), &[]);
    }
}

#[test]
fn rejects_fewer_nodes_for_cassandra_and_clickhouse_only() {
    let mut seen = 0;
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let mut three = ctx_for(spec);
        three.source.node_count = 3;
        let v = req(spec, r#""plan":"startup-4""#);
        if spec.no_fewer_nodes {
            seen += 1;
            let r = check(spec, &v, Some(&ctx), &[("fewer_nodes", "plan")]);
            assert_eq!(
                r.errors[0].message,
                format!("plan \"startup-4\" has 1 node but the source has 3; {} cannot be forked to fewer nodes", spec.product)
            );
        } else {
            check(spec, &v, Some(&three), &[]);
        }
    }
    assert_eq!(seen, 2);
    let ch = lookup("clickhouse").unwrap();
    let mut six = ctx_for(ch);
    six.source.node_count = 6;
    let r = check(
        ch,
        &req(ch, r#""plan":"business-8""#),
        Some(&six),
        &[("fewer_nodes", "plan")],
    );
    assert_eq!(
        r.errors[0].message,
        "plan \"business-8\" has 3 nodes but the source has 6; ClickHouse cannot be forked to fewer nodes"
    );
}

// ------------------------------------------------------------- request shape

#[test]
fn rejects_fork_keys_inside_user_config() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        for key in [
            "service_to_fork_from",
            "project_to_fork_from",
            "recovery_target_time",
            "recovery_basebackup_name",
        ] {
            let v = req(spec, &format!(r#""userConfig":{{"{key}":"x"}}"#));
            let field = format!("userConfig.{key}");
            check(
                spec,
                &v,
                Some(&ctx),
                &[("fork_key_in_user_config", field.as_str())],
            );
        }
    }
}

#[test]
fn context_for_another_service_is_refused() {
    for spec in forkable() {
        let mut ctx = ctx_for(spec);
        ctx.source.service_name = "someone-else".into();
        let r = check(
            spec,
            &req(spec, ""),
            Some(&ctx),
            &[("invalid_value", "source.service")],
        );
        assert_eq!(
            r.errors[0].message,
            format!(
                "the context describes proj/someone-else, not the requested source proj/{}",
                src(spec)
            )
        );
    }
}

// ------------------------------------------------------------- warnings

#[test]
fn warns_about_integrations_not_copied() {
    for spec in forkable() {
        let mut ctx = ctx_for(spec);
        ctx.source.integrations = vec![
            Integration {
                integration_type: "metrics".into(),
                source_service: src(spec),
                dest_service: "grafana-1".into(),
            },
            Integration {
                integration_type: "logs".into(),
                source_service: src(spec),
                dest_service: "os-logs".into(),
            },
        ];
        let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
        let mut want = vec!["integrations_not_copied".to_string()];
        want.extend(base_warnings(spec));
        assert_eq!(warns(&r), want);
        assert_eq!(
            r.warnings[0].message,
            format!(
                "service integrations are not copied to a fork: metrics: {0} -> grafana-1, logs: {0} -> os-logs",
                src(spec)
            )
        );
        let nc: Vec<_> = r
            .not_copied
            .iter()
            .map(|n| (n.kind, n.name.clone()))
            .collect();
        assert_eq!(
            nc,
            vec![
                (
                    "integration",
                    format!("metrics: {} -> grafana-1", src(spec))
                ),
                ("integration", format!("logs: {} -> os-logs", src(spec))),
            ]
        );
    }
}

#[test]
fn warns_about_opensearch_sso_only() {
    for spec in forkable() {
        let mut ctx = ctx_for(spec);
        ctx.source.user_config = parse(r#"{"saml":{"enabled":true,"idp_entity_id":"x"},"openid":{"enabled":true,"client_secret":"SECRET-VALUE"}}"#).unwrap();
        let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
        if spec.name == "opensearch" {
            assert_eq!(warns(&r), vec!["sso_not_copied"]);
            assert!(!r.warnings[0].message.contains("SECRET"));
            assert_eq!(r.warnings[0].message, "single sign-on is not copied to a forked OpenSearch service (saml, openid): it is bound to the old URLs; configure it on the fork or users may lose access");
            let nc: Vec<_> = r
                .not_copied
                .iter()
                .map(|n| (n.kind, n.name.as_str()))
                .collect();
            assert_eq!(nc, vec![("sso", "saml"), ("sso", "openid")]);
            ctx.source.user_config =
                parse(r#"{"saml":{"enabled":false},"openid":{"enabled":true}}"#).unwrap();
            let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
            assert_eq!(r.not_copied.len(), 1);
        } else {
            assert_eq!(warns(&r), base_warnings(spec));
            assert!(r.not_copied.is_empty());
        }
    }
}

#[test]
fn warns_about_tags_unless_copy_tags() {
    for spec in forkable() {
        let mut ctx = ctx_for(spec);
        ctx.source.tags = vec![("env".into(), "prod".into()), ("team".into(), "db".into())];
        for extra in ["", r#""copyTags":false"#] {
            let r = check(spec, &req(spec, extra), Some(&ctx), &[]);
            let mut want = vec!["tags_not_copied".to_string()];
            want.extend(base_warnings(spec));
            assert_eq!(warns(&r), want);
            assert_eq!(
                r.warnings[0].message,
                "the source's tags are not copied unless copyTags is true: env=prod, team=db"
            );
            assert_eq!(r.warnings[0].field, "copyTags");
        }
        let r = check(spec, &req(spec, r#""copyTags":true"#), Some(&ctx), &[]);
        assert_eq!(warns(&r), base_warnings(spec));
        assert!(r.not_copied.is_empty());
    }
}

#[test]
fn warns_about_single_node_phase_for_multi_node_clusters() {
    for spec in forkable() {
        let mut ctx = ctx_for(spec);
        ctx.source.node_count = 3;
        for p in ctx.plans.iter_mut() {
            p.node_count = 3;
        }
        let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
        if spec.no_fewer_nodes {
            assert_eq!(warns(&r), vec!["single_node_until_restored"]);
            assert_eq!(r.warnings[0].message, "the fork may show a single node until its backup is restored; the other nodes of the 3-node cluster follow");
        } else {
            assert!(r.warnings.is_empty(), "{}", spec.name);
        }
        ctx.source.node_count = 1;
        let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
        assert!(r.warnings.is_empty());
    }
}

#[test]
fn warns_when_the_source_is_not_running() {
    for spec in forkable() {
        for state in ["POWEROFF", "REBUILDING", "REBALANCING"] {
            let mut ctx = ctx_for(spec);
            ctx.source.state = state.into();
            let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
            let mut want = base_warnings(spec);
            want.push("source_not_running".into());
            assert_eq!(warns(&r), want);
            assert_eq!(
                r.warnings.last().unwrap().message,
                format!(
                    "{} is {state}, not RUNNING; the fork is restored from its backups",
                    src(spec)
                )
            );
        }
    }
}

#[test]
fn warns_about_cross_project_forks_without_context() {
    let v = parse(r#"{"project":"proj","serviceName":"f","serviceType":"pg","plan":"p","source":{"service":"s","project":"other"}}"#).unwrap();
    let r = validate_value(&v, None, now());
    assert!(r.ok);
    assert_eq!(warns(&r), vec!["cross_project_fork"]);
    assert_eq!(r.warnings[0].field, "source.project");
    assert_eq!(
        r.warnings[0].message,
        "forking across projects (from other into proj) works only when both projects are in the same organization; Aiven decides"
    );
    let bad = parse(r#"{"project":"proj","serviceName":"f","serviceType":"pg","plan":"p","source":{"service":"s","project":"Other_Proj"}}"#).unwrap();
    let r = validate_value(&bad, None, now());
    assert_eq!(
        codes(&r),
        vec![(
            "invalid_project_name".to_string(),
            "source.project".to_string()
        )]
    );
}
