//! Server-side fork rules: every refusal with its exact status and message, and what a fork
//! copies and does not copy.

mod common;

use common::*;
use serde_json::{json, Value};

fn with_uc(mut body: Value, key: &str, v: Value) -> Value {
    body["user_config"][key] = v;
    body
}

#[test]
fn refuses_a_source_that_does_not_exist() {
    let sb = Sandbox::start(&[]);
    let r = sb.create(&fork_body("f", "pg", "business-4", "no-such-service"));
    assert_error(&r, 404, "Service no-such-service does not exist");
}

#[test]
fn refuses_a_source_without_backups() {
    let sb = Sandbox::start(&[]);
    let r = sb.create(&fork_body("f", "pg", "business-4", "demo-pg-nobackup"));
    assert_error(
        &r,
        400,
        "Service demo-pg-nobackup has no backups to fork from",
    );
}

#[test]
fn refuses_another_service_type() {
    let sb = Sandbox::start(&[]);
    let r = sb.create(&fork_body("f", "mysql", "business-4", "demo-pg"));
    assert_error(&r, 400, "Service type mismatch: demo-pg is pg, not mysql");
}

#[test]
fn refuses_invalid_names() {
    let sb = Sandbox::start(&[]);
    let long = "a".repeat(65);
    for bad in ["Bad-Name", "1abc", "a_b", "", long.as_str()] {
        let r = sb.create(&fork_body(bad, "pg", "business-4", "demo-pg"));
        assert_error(
            &r,
            400,
            &format!("Invalid service_name '{bad}': use 1-64 lowercase letters, digits and dashes, starting with a letter"),
        );
    }
    let ok = "a".repeat(64);
    assert_eq!(
        sb.create(&fork_body(&ok, "pg", "business-4", "demo-pg"))
            .status,
        200
    );
}

#[test]
fn refuses_a_taken_name_including_the_source_name() {
    let sb = Sandbox::start(&[]);
    for name in ["demo-pg", "demo-mysql"] {
        let r = sb.create(&fork_body(name, "pg", "business-4", "demo-pg"));
        assert_error(&r, 409, "Service name is already in use in this project");
    }
    // The same name is free in another project of the organization.
    let mut body = fork_body("demo-pg", "pg", "business-4", "demo-pg");
    body["user_config"]["project_to_fork_from"] = json!(P);
    let r = sb.post("/v1/project/demo-project-2/service", &body);
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn recovery_time_only_for_pitr_types() {
    let sb = Sandbox::start(&[]);
    for (t, plan, src) in [
        ("clickhouse", "business-8", "demo-clickhouse"),
        ("valkey", "business-4", "demo-valkey"),
        ("grafana", "startup-1", "demo-grafana"),
    ] {
        let body = with_uc(
            fork_body("f", t, plan, src),
            "recovery_target_time",
            json!("2026-01-01T00:00:00Z"),
        );
        let r = sb.create(&body);
        assert_error(
            &r,
            400,
            &format!("recovery_target_time is not supported for service type {t}"),
        );
    }
}

fn add_fixed_pg(sb: &Sandbox) {
    let r = sb.post(
        "/_sandbox/services",
        &json!({
            "project": P,
            "service": {"service_name": "fixed-pg", "service_type": "pg", "plan": "business-4",
                        "node_count": 2, "user_config": {"pg_version": "16"}},
            "backups": [{"backup_name": "b1", "backup_time": "2026-01-01T00:00:00+00:00", "data_size": 10}],
            "pitr": {"primary_region": {"pitr_range_start": "2026-01-01T00:00:00+00:00",
                                        "pitr_range_end": "2026-01-08T00:00:00.500000+00:00"}}
        }),
    );
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn recovery_time_must_be_inside_the_pitr_window() {
    let sb = Sandbox::start(&[]);
    add_fixed_pg(&sb);
    let base = fork_body("f", "pg", "business-4", "fixed-pg");
    let cases = [
        ("2025-12-31T23:59:59Z", "recovery_target_time 2025-12-31T23:59:59.000000+00:00 is outside the recovery window 2026-01-01T00:00:00.000000+00:00 - 2026-01-08T00:00:00.500000+00:00"),
        ("2026-01-08 00:00:01", "recovery_target_time 2026-01-08T00:00:01.000000+00:00 is outside the recovery window 2026-01-01T00:00:00.000000+00:00 - 2026-01-08T00:00:00.500000+00:00"),
        ("2999-01-01T00:00:00+00:00", "recovery_target_time 2999-01-01T00:00:00.000000+00:00 is in the future"),
        ("yesterday", "Invalid recovery_target_time 'yesterday'"),
    ];
    for (t, msg) in cases {
        let r = sb.create(&with_uc(base.clone(), "recovery_target_time", json!(t)));
        assert_error(&r, 400, msg);
    }
    let too_long = "2026-01-03 12:00:00.000000+00:00:00";
    let r = sb.create(&with_uc(
        base.clone(),
        "recovery_target_time",
        json!(too_long),
    ));
    assert_error(
        &r,
        400,
        "Invalid user_config.recovery_target_time: longer than 32 characters",
    );
    // Inside, in each accepted shape; a zone-less time is UTC.
    for (i, t) in [
        "2026-01-03 12:00:00",
        "2026-01-01T00:00:00+00:00",
        "2026-01-08 02:00:00.500000+02:00",
    ]
    .iter()
    .enumerate()
    {
        let body = with_uc(
            fork_body(&format!("ok-{i}"), "pg", "business-4", "fixed-pg"),
            "recovery_target_time",
            json!(t),
        );
        let r = sb.create(&body);
        assert_eq!(r.status, 200, "{t}: {}", r.body);
        assert_eq!(
            r.json()["service"]["user_config"]["recovery_target_time"],
            json!(t)
        );
    }
}

#[test]
fn recovery_time_against_the_seeded_window() {
    let sb = Sandbox::start(&[]);
    let backups = sb
        .get(&format!("/v1/project/{P}/service/demo-pg/backups"))
        .json();
    let start = backups["pitr"]["primary_region"]["pitr_range_start"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert_eq!(
        start,
        backups["backups"][0]["backup_time"].as_str().unwrap_or("-")
    );
    let r = sb.create(&with_uc(
        fork_body("f", "pg", "business-4", "demo-pg"),
        "recovery_target_time",
        json!("2020-01-01 00:00:00"),
    ));
    assert_eq!(r.status, 400);
    let expected = format!(
        "recovery_target_time 2020-01-01T00:00:00.000000+00:00 is outside the recovery window {start} - "
    );
    assert!(r.message().starts_with(&expected), "{}", r.message());
    let r = sb.create(&with_uc(
        fork_body("f", "pg", "business-4", "demo-pg"),
        "recovery_target_time",
        json!(start),
    ));
    assert_eq!(r.status, 200, "{}", r.body);
    // MySQL's window is open-ended (end null = now).
    let m = sb
        .get(&format!("/v1/project/{P}/service/demo-mysql/backups"))
        .json();
    assert_eq!(m["pitr"]["primary_region"]["pitr_range_end"], Value::Null);
    let mstart = m["pitr"]["primary_region"]["pitr_range_start"].clone();
    let r = sb.create(&with_uc(
        fork_body("fm", "mysql", "business-4", "demo-mysql"),
        "recovery_target_time",
        mstart,
    ));
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn basebackup_name_only_where_supported_and_must_exist() {
    let sb = Sandbox::start(&[]);
    for (t, src) in [("pg", "demo-pg"), ("mysql", "demo-mysql")] {
        let r = sb.create(&with_uc(
            fork_body("f", t, "business-4", src),
            "recovery_basebackup_name",
            json!("x"),
        ));
        assert_error(
            &r,
            400,
            &format!("recovery_basebackup_name is not supported for service type {t}"),
        );
    }
    let r = sb.create(&with_uc(
        fork_body("f", "clickhouse", "business-8", "demo-clickhouse"),
        "recovery_basebackup_name",
        json!("no-such-backup"),
    ));
    assert_error(
        &r,
        400,
        "Backup no-such-backup does not exist for service demo-clickhouse",
    );
    let r = sb.create(&with_uc(
        fork_body("f", "grafana", "startup-1", "demo-grafana"),
        "recovery_basebackup_name",
        json!("bad name"),
    ));
    assert_error(
        &r,
        400,
        "Invalid user_config.recovery_basebackup_name: 'bad name' is not a valid backup name",
    );
    for (t, plan, src) in [
        ("clickhouse", "business-8", "demo-clickhouse"),
        ("grafana", "startup-1", "demo-grafana"),
        ("opensearch", "business-4", "demo-opensearch"),
        ("valkey", "business-4", "demo-valkey"),
    ] {
        let backups = sb
            .get(&format!("/v1/project/{P}/service/{src}/backups"))
            .json();
        assert!(backups.get("pitr").is_none(), "{t} has no PITR");
        let name = backups["backups"][0]["backup_name"].clone();
        let r = sb.create(&with_uc(
            fork_body(&format!("named-{t}"), t, plan, src),
            "recovery_basebackup_name",
            name.clone(),
        ));
        assert_eq!(r.status, 200, "{t}: {}", r.body);
        assert_eq!(
            r.json()["service"]["user_config"]["recovery_basebackup_name"],
            name
        );
    }
}

#[test]
fn clickhouse_keeps_its_node_count() {
    let sb = Sandbox::start(&[]);
    let r = sb.create(&fork_body(
        "f",
        "clickhouse",
        "startup-16",
        "demo-clickhouse",
    ));
    assert_error(&r, 400, "Plan startup-16 has 1 node(s), fewer than the 3 nodes of demo-clickhouse: clickhouse forks cannot have fewer nodes");
    let plans = sb
        .get(&format!("/v1/project/{P}/service-types/clickhouse/plans"))
        .json();
    let counts: Vec<(String, u64)> = plans["service_plans"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| {
                    (
                        p["service_plan"].as_str().unwrap_or("").to_string(),
                        p["node_count"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(counts.contains(&("business-8".into(), 3)));
    assert!(counts.contains(&("startup-16".into(), 1)));
    for (name, t, plan, src) in [
        ("f1", "clickhouse", "business-16", "demo-clickhouse"),
        // Other types may shrink.
        ("f3", "pg", "hobbyist", "demo-pg"),
    ] {
        let r = sb.create(&fork_body(name, t, plan, src));
        assert_eq!(r.status, 200, "{name}: {}", r.body);
    }
}

#[test]
fn refuses_persistence_off() {
    let sb = Sandbox::start(&[]);
    // Refused even if the API lists a backup: persistence off is its own rule.
    let r = sb.post(
        "/_sandbox/services",
        &json!({"project": P,
                "service": {"service_name": "valkey-off", "service_type": "valkey", "plan": "business-4",
                            "node_count": 2, "user_config": {"valkey_persistence": "off"}},
                "backups": [{"backup_name": "b1", "backup_time": "2026-01-01T00:00:00+00:00", "data_size": 1}]}),
    );
    assert_eq!(r.status, 200);
    let r = sb.create(&fork_body("f", "valkey", "business-4", "valkey-off"));
    assert_error(
        &r,
        400,
        "Cannot fork valkey-off: valkey_persistence is off, so the service has no backups",
    );
}

#[test]
fn cross_project_forks_stay_inside_the_organization() {
    let sb = Sandbox::start(&[]);
    let mut body = fork_body("f", "pg", "business-4", "other-pg");
    body["user_config"]["project_to_fork_from"] = json!("other-org-project");
    let r = sb.create(&body);
    assert_error(&r, 403, "Project other-org-project belongs to another organization: forking across organizations is not allowed");
    // A token that is not a member of the source project.
    let mut body = fork_body("f", "pg", "business-4", "demo-pg");
    body["user_config"]["project_to_fork_from"] = json!(P);
    let r = sb.call(
        "POST",
        "/v1/project/other-org-project/service",
        Some(OTHER_TOKEN),
        Some(&body),
    );
    assert_error(&r, 403, "Not a project member");
    // Same organization: allowed, and the fork keeps naming its source project.
    let r = sb.post("/v1/project/demo-project-2/service", &body);
    assert_eq!(r.status, 200, "{}", r.body);
    let uc = &r.json()["service"]["user_config"];
    assert_eq!(uc["project_to_fork_from"], json!(P));
    assert_eq!(uc["service_to_fork_from"], json!("demo-pg"));
    let mut body = fork_body("g", "pg", "business-4", "demo-pg");
    body["user_config"]["project_to_fork_from"] = json!("Bad");
    assert_error(
        &sb.create(&body),
        400,
        "Invalid user_config.project_to_fork_from: 'Bad' is not a valid name",
    );
}

#[test]
fn refuses_unknown_and_mistyped_user_config() {
    let sb = Sandbox::start(&[]);
    let r = sb.create(&with_uc(
        fork_body("f", "pg", "business-4", "demo-pg"),
        "no_such_key",
        json!(1),
    ));
    assert_error(&r, 400, "Invalid user_config: unknown key 'no_such_key'");
    let r = sb.create(&with_uc(
        fork_body("f", "pg", "business-4", "demo-pg"),
        "pg_version",
        json!(16),
    ));
    assert_error(&r, 400, "Invalid user_config.pg_version: expected string");
    let r = sb.create(&json!({"service_name": "f", "service_type": "pg", "plan": "business-4", "user_config": []}));
    assert_error(&r, 400, "Invalid user_config: expected an object");
}

#[test]
fn refuses_types_without_fork_keys() {
    let sb = Sandbox::start(&[]);
    let r = sb.create(&fork_body("f", "kafka", "business-4", "demo-kafka"));
    assert_error(&r, 400, "Service type kafka does not support forking");
    // A plain Kafka create is fine.
    let r =
        sb.create(&json!({"service_name": "k2", "service_type": "kafka", "plan": "business-4"}));
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn fork_keys_need_a_source() {
    let sb = Sandbox::start(&[]);
    let body = json!({"service_name": "f", "service_type": "pg", "plan": "business-4",
                      "user_config": {"recovery_target_time": "2026-01-01 00:00:00"}});
    assert_error(
        &sb.create(&body),
        400,
        "recovery_target_time requires service_to_fork_from",
    );
    let body = json!({"service_name": "f", "service_type": "pg", "plan": "business-4",
                      "user_config": {"service_to_fork_from": "", "project_to_fork_from": P}});
    assert_error(
        &sb.create(&body),
        400,
        "project_to_fork_from requires service_to_fork_from",
    );
}

#[test]
fn refuses_bad_bodies() {
    let sb = Sandbox::start(&[]);
    let path = format!("/v1/project/{P}/service");
    let auth = format!("aivenv1 {TOKEN}");
    let r = sb.raw(
        "POST",
        &path,
        &[("Authorization", &auth)],
        b"{\"service_name\":",
    );
    assert_eq!(r.status, 400);
    assert!(r.message().starts_with("Invalid JSON body: "), "{}", r.body);
    assert_error(
        &sb.create(&json!([])),
        400,
        "Invalid request body: expected a JSON object",
    );
    assert_error(
        &sb.create(&json!({"service_type": "pg", "plan": "x"})),
        400,
        "Missing required field: service_name",
    );
    assert_error(
        &sb.create(&json!({"service_name": "f", "plan": "x"})),
        400,
        "Missing required field: service_type",
    );
    assert_error(
        &sb.create(&json!({"service_name": "f", "service_type": "pg"})),
        400,
        "Missing required field: plan",
    );
    assert_error(
        &sb.create(&json!({"service_name": "f", "service_type": "nope", "plan": "x"})),
        400,
        "Invalid service_type 'nope'",
    );
    assert_error(
        &sb.create(&json!({"service_name": "f", "service_type": "pg", "plan": "nope"})),
        400,
        "Plan 'nope' is not available for service type 'pg'",
    );
    assert_error(&sb.create(&json!({"service_name": "f", "service_type": "pg", "plan": "hobbyist", "tags": {"a": 1}})), 400, "Invalid tags: expected an object of string values");
    assert_error(&sb.create(&json!({"service_name": "f", "service_type": "pg", "plan": "hobbyist", "copy_tags": "yes"})), 400, "Invalid copy_tags: expected a boolean");
}

#[test]
fn fork_copies_config_databases_users_pools_but_not_integrations_or_tags() {
    let sb = Sandbox::start(&["--rebuild-secs", "0"]);
    let src = sb.service("demo-pg");
    assert_eq!(
        src["service_integrations"].as_array().map(Vec::len),
        Some(2)
    );
    let mut body = fork_body("pg-copy", "pg", "business-4", "demo-pg");
    body["tags"] = json!({"purpose": "test"});
    let r = sb.create(&body);
    assert_eq!(r.status, 200, "{}", r.body);
    let f = sb.service("pg-copy");
    let mut want_uc = src["user_config"].clone();
    want_uc["service_to_fork_from"] = json!("demo-pg");
    assert_eq!(f["user_config"], want_uc);
    assert_eq!(f["databases"], json!(["defaultdb", "app"]));
    assert_eq!(f["users"], src["users"]);
    assert_eq!(f["connection_pools"], src["connection_pools"]);
    assert_eq!(f["service_integrations"], json!([]));
    assert_eq!(f["tags"], json!({"purpose": "test"}));
    assert_eq!(f["cloud_name"], src["cloud_name"]);
    assert_eq!(f["state"], json!("RUNNING"));

    let mut body = fork_body("pg-tags", "pg", "business-4", "demo-pg");
    body["tags"] = json!({"team": "override", "new": "1"});
    body["copy_tags"] = json!(true);
    body["cloud"] = json!("aws-eu-central-1");
    assert_eq!(sb.create(&body).status, 200);
    let f = sb.service("pg-tags");
    assert_eq!(
        f["tags"],
        json!({"env": "demo", "team": "override", "new": "1"})
    );
    assert_eq!(f["cloud_name"], json!("aws-eu-central-1"));
}

#[test]
fn opensearch_fork_drops_saml_and_openid() {
    let sb = Sandbox::start(&["--rebuild-secs", "0"]);
    let src = sb.service("demo-opensearch");
    assert_eq!(src["user_config"]["saml"]["enabled"], json!(true));
    assert_eq!(src["user_config"]["openid"]["enabled"], json!(true));
    let r = sb.create(&fork_body(
        "os-copy",
        "opensearch",
        "business-4",
        "demo-opensearch",
    ));
    assert_eq!(r.status, 200, "{}", r.body);
    let f = sb.service("os-copy");
    assert_eq!(
        f["user_config"],
        json!({"opensearch_version": "2", "ip_filter": ["0.0.0.0/0"], "service_to_fork_from": "demo-opensearch"})
    );
}

#[test]
fn every_offered_forkable_type_forks() {
    let sb = Sandbox::start(&["--rebuild-secs", "0"]);
    for (t, plan, src) in [
        ("pg", "business-4", "demo-pg"),
        ("mysql", "business-4", "demo-mysql"),
        ("clickhouse", "business-8", "demo-clickhouse"),
        ("grafana", "startup-1", "demo-grafana"),
        ("opensearch", "business-4", "demo-opensearch"),
        ("valkey", "business-4", "demo-valkey"),
    ] {
        let name = format!("{src}-fork");
        let r = sb.create(&fork_body(&name, t, plan, src));
        assert_eq!(r.status, 200, "{t}: {}", r.body);
        let s = sb.service(&name);
        assert_eq!(s["service_type"], json!(t));
        assert_eq!(s["user_config"]["service_to_fork_from"], json!(src));
        assert_eq!(s["state"], json!("RUNNING"));
        let n = s["node_count"].as_u64().unwrap_or(0);
        assert_eq!(s["node_states"].as_array().map(|a| a.len() as u64), Some(n));
    }
}

fn phases(s: &Value) -> Vec<(String, bool)> {
    s["node_states"][0]["progress_updates"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|u| {
                    (
                        u["phase"].as_str().unwrap_or("").to_string(),
                        u["completed"] == json!(true),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn fork_rebuilds_with_progress_then_runs() {
    let sb = Sandbox::start(&["--rebuild-secs", "1000"]);
    let r = sb.create(&fork_body("slow", "pg", "business-4", "demo-pg"));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["service"]["state"], json!("REBUILDING"));
    let s = sb.service("slow");
    assert_eq!(s["state"], json!("REBUILDING"));
    assert_eq!(s["node_count"], json!(2));
    // A multi-node fork shows one node until its backup is restored.
    assert_eq!(s["node_states"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        phases(&s),
        vec![
            ("prepare".to_string(), false),
            ("basebackup".to_string(), false),
            ("stream".to_string(), false),
            ("finalize".to_string(), false)
        ]
    );
    let bb = &s["node_states"][0]["progress_updates"][1];
    assert_eq!(bb["unit"], json!("bytes_uncompressed"));
    assert_eq!(bb["min"], json!(0));
    // The newest backup of the source.
    assert_eq!(
        bb["max"],
        sb.get(&format!("/v1/project/{P}/service/demo-pg/backups"))
            .json()["backups"][6]["data_size"]
    );
    // A fork being built has no backups yet.
    let b = sb
        .get(&format!("/v1/project/{P}/service/slow/backups"))
        .json();
    assert_eq!(b["backups"], json!([]));
    assert_eq!(b["pitr"]["primary_region"]["pitr_range_start"], Value::Null);
    assert_error(
        &sb.create(&fork_body("slow-2", "pg", "business-4", "slow")),
        400,
        "Service slow has no backups to fork from",
    );

    let r = sb.post("/_sandbox/advance", &json!({"seconds": 500}));
    assert_eq!(r.status, 200);
    let s = sb.service("slow");
    assert_eq!(s["state"], json!("REBUILDING"));
    assert_eq!(s["node_states"][0]["state"], json!("syncing_data"));
    assert_eq!(
        phases(&s),
        vec![
            ("prepare".to_string(), true),
            ("basebackup".to_string(), false),
            ("stream".to_string(), false),
            ("finalize".to_string(), false)
        ]
    );
    let bb = &s["node_states"][0]["progress_updates"][1];
    let (cur, max) = (
        bb["current"].as_u64().unwrap_or(0),
        bb["max"].as_u64().unwrap_or(0),
    );
    assert!(cur > 0 && cur < max, "{cur} of {max}");

    sb.post("/_sandbox/advance", &json!({"seconds": 600}));
    let s = sb.service("slow");
    assert_eq!(s["state"], json!("RUNNING"));
    assert_eq!(s["node_states"].as_array().map(Vec::len), Some(2));
    assert_eq!(s["node_states"][0]["progress_updates"], json!([]));
    // Once built it has a backup and a PITR window, so it can be forked in turn.
    let b = sb
        .get(&format!("/v1/project/{P}/service/slow/backups"))
        .json();
    assert_eq!(b["backups"].as_array().map(Vec::len), Some(1));
    assert!(b["pitr"]["primary_region"]["pitr_range_start"].is_string());
    assert_eq!(
        sb.create(&fork_body("slow-2", "pg", "business-4", "slow"))
            .status,
        200
    );
}

/// Types Aiven retired: no new service of them, fork or not; the seeded sources stand
/// for services read before the end.
#[test]
fn refuses_retired_types() {
    let sb = Sandbox::start(&[]);
    for (t, plan, src, since) in [
        ("cassandra", "business-8", "demo-cassandra", "2025-12-03"),
        ("redis", "business-4", "demo-redis", "2025-02-15"),
        ("redis", "business-4", "demo-redis-nopersist", "2025-02-15"),
        ("m3db", "business-8", "demo-m3db", "2025-04-30"),
        ("dragonfly", "business-4", "demo-dragonfly", "2026-06-17"),
    ] {
        let r = sb.create(&fork_body(&format!("{src}-fork"), t, plan, src));
        assert_error(
            &r,
            400,
            &format!("Service type {t} is no longer available: no new services since {since}"),
        );
    }
    for (t, since) in [
        ("alloydbomni", "2025-09-05"),
        ("influxdb", "2025-04-30"),
        ("m3aggregator", "2025-04-30"),
    ] {
        let r =
            sb.create(&json!({"service_name": "new-one", "service_type": t, "plan": "startup-4"}));
        assert_error(
            &r,
            400,
            &format!("Service type {t} is no longer available: no new services since {since}"),
        );
    }
    assert_eq!(
        sb.get(&format!("/v1/project/{P}/service/new-one")).status,
        404
    );
}
