//! The API surface: auth, shapes, CORS, request log, limits.

mod common;

use common::*;
use serde_json::{json, Value};

#[test]
fn missing_or_bad_token_is_401() {
    let sb = Sandbox::start(&[]);
    let path = format!("/v1/project/{P}/service");
    assert_error(&sb.call("GET", &path, None, None), 401, "Invalid token");
    assert_error(
        &sb.call("GET", &path, Some("wrong"), None),
        401,
        "Invalid token",
    );
    let r = sb.raw(
        "GET",
        &path,
        &[("Authorization", "Bearer sandbox-demo-token")],
        b"",
    );
    assert_error(&r, 401, "Invalid token");
    let r = sb.raw("GET", &path, &[("Authorization", "aivenv1 ")], b"");
    assert_error(&r, 401, "Invalid token");
    let r = sb.call(
        "POST",
        &path,
        None,
        Some(&fork_body("f", "pg", "business-4", "demo-pg")),
    );
    assert_error(&r, 401, "Invalid token");
    assert_eq!(sb.names().len(), 13, "nothing was created");
}

#[test]
fn valid_token_outside_the_project_is_403() {
    let sb = Sandbox::start(&[]);
    for path in [
        format!("/v1/project/{P}/service"),
        format!("/v1/project/{P}/service/demo-pg"),
        format!("/v1/project/{P}/service/demo-pg/backups"),
        "/v1/project/no-such-project/service".to_string(),
    ] {
        assert_error(
            &sb.call("GET", &path, Some(OTHER_TOKEN), None),
            403,
            "Not a project member",
        );
    }
    let r = sb.call(
        "GET",
        "/v1/project/other-org-project/service",
        Some(OTHER_TOKEN),
        None,
    );
    assert_eq!(r.status, 200);
    let names: Vec<Value> = r.json()["services"].as_array().cloned().unwrap_or_default();
    assert_eq!(names.len(), 1);
    assert_eq!(names[0]["service_name"], json!("other-pg"));
    // Admin needs the demo token.
    assert_error(
        &sb.call("GET", "/_sandbox/requests", Some(OTHER_TOKEN), None),
        401,
        "Invalid token",
    );
}

#[test]
fn seeded_demo_project_matches_the_contract() {
    let sb = Sandbox::start(&[]);
    assert_eq!(
        sb.names(),
        [
            "demo-pg",
            "demo-mysql",
            "demo-cassandra",
            "demo-redis",
            "demo-redis-nopersist",
            "demo-clickhouse",
            "demo-grafana",
            "demo-m3db",
            "demo-opensearch",
            "demo-valkey",
            "demo-dragonfly",
            "demo-kafka",
            "demo-pg-nobackup"
        ]
    );
    let r = sb.get("/v1/project/demo-project-2/service");
    assert_eq!(r.json(), json!({"services": []}));
    let pg = sb.service("demo-pg");
    for key in [
        "service_name",
        "service_type",
        "plan",
        "cloud_name",
        "node_count",
        "state",
        "user_config",
        "service_integrations",
        "tags",
        "node_states",
        "create_time",
        "disk_space_mb",
        "termination_protection",
        "project_vpc_id",
        "databases",
        "users",
        "connection_pools",
    ] {
        assert!(pg.get(key).is_some(), "missing {key}");
    }
    assert_eq!(pg["node_count"], json!(2));
    assert_eq!(pg["tags"], json!({"env": "demo", "team": "data"}));
    assert_eq!(sb.service("demo-clickhouse")["node_count"], json!(3));
    assert_eq!(sb.service("demo-cassandra")["node_count"], json!(3));
    assert_eq!(
        sb.service("demo-cassandra")["node_states"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    assert_eq!(
        sb.service("demo-redis-nopersist")["user_config"]["redis_persistence"],
        json!("off")
    );
    assert_eq!(
        sb.service("demo-redis")["user_config"]["redis_persistence"],
        json!("rdb")
    );
    assert_eq!(
        sb.service("demo-mysql")["service_integrations"][0]["integration_type"],
        json!("logs")
    );
    let b = sb
        .get(&format!("/v1/project/{P}/service/demo-pg/backups"))
        .json();
    let backups = b["backups"].as_array().cloned().unwrap_or_default();
    assert_eq!(backups.len(), 7);
    for k in [
        "backup_name",
        "backup_time",
        "data_size",
        "storage_location",
        "additional_regions",
    ] {
        assert!(backups[0].get(k).is_some(), "{k}");
    }
    assert!(b["pitr"]["primary_region"]["pitr_range_end"].is_string());
    let nb = sb
        .get(&format!("/v1/project/{P}/service/demo-pg-nobackup/backups"))
        .json();
    assert_eq!(
        nb,
        json!({"backups": [], "pitr": {"additional_regions": [],
               "primary_region": {"pitr_range_start": null, "pitr_range_end": null}}})
    );
    let k = sb
        .get(&format!("/v1/project/{P}/service/demo-kafka/backups"))
        .json();
    assert_eq!(k, json!({"backups": []}));
    assert_error(
        &sb.get(&format!("/v1/project/{P}/service/nope")),
        404,
        "Service nope does not exist",
    );
    assert_error(
        &sb.get(&format!("/v1/project/{P}/service/nope/backups")),
        404,
        "Service nope does not exist",
    );
}

#[test]
fn service_types_carry_camel_case_schemas() {
    let sb = Sandbox::start(&[]);
    let t = sb.get(&format!("/v1/project/{P}/service-types/pg")).json();
    let fork = &t["user_config_schema"]["properties"]["service_to_fork_from"];
    assert_eq!(fork["maxLength"], json!(64));
    assert_eq!(fork["createOnly"], json!(true));
    assert!(fork.get("max_length").is_none());
    assert_eq!(
        t["user_config_schema"]["properties"]["backup_hour"]["maximum"],
        json!(23)
    );
    assert!(t["service_plans"].is_array());
    assert_error(
        &sb.get(&format!("/v1/project/{P}/service-types/nope")),
        404,
        "Service type nope does not exist",
    );
    for path in [
        "/v1/service_types".to_string(),
        format!("/v1/project/{P}/service_types"),
    ] {
        let all = sb.get(&path).json();
        let types = all["service_types"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for t in [
            "pg",
            "mysql",
            "cassandra",
            "redis",
            "clickhouse",
            "grafana",
            "m3db",
            "opensearch",
            "valkey",
            "dragonfly",
            "kafka",
        ] {
            assert!(types.contains_key(t), "{path}: {t}");
        }
    }
    let plans = sb
        .get(&format!("/v1/project/{P}/service-types/pg/plans"))
        .json();
    let first = &plans["service_plans"][0];
    assert_eq!(first["service_plan"], json!("hobbyist"));
    assert_eq!(first["node_count"], json!(1));
    assert_eq!(first["backup_config"]["recovery_mode"], json!("pitr"));
    // Aiven's shape: the hourly price per cloud as decimal text (hobbyist: 1 node, 8 GiB).
    assert_eq!(
        first["regions"]["google-europe-west1"]["price_usd"],
        json!("0.0280")
    );
    assert_eq!(
        plans["service_plans"][2]["regions"]["aws-eu-west-1"]["price_usd"],
        json!("0.2200")
    );
    assert_eq!(
        sb.get(&format!("/v1/project/{P}/vpcs")).json(),
        json!({"vpcs": []})
    );
    // The clouds a project can use, in Aiven's shape (ListProjectClouds).
    let clouds = sb.get(&format!("/v1/project/{P}/clouds")).json();
    let list = clouds["clouds"].as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 9);
    assert_eq!(
        list[2],
        json!({"cloud_name": "google-us-east1",
               "cloud_description": "United States, South Carolina - Google Cloud: South Carolina",
               "geo_latitude": 33.2, "geo_longitude": -80.01, "geo_region": "north america",
               "provider": "google", "provider_description": "Google Cloud Platform"})
    );
    assert_eq!(sb.get("/v1/clouds").json(), clouds);
    assert_eq!(
        sb.get("/v1/me").json()["user"]["projects"],
        json!(["demo-project", "demo-project-2", "other-org-project"])
    );
    assert_eq!(
        sb.get("/v1/project").json()["projects"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
}

#[test]
fn delete_removes_unless_protected() {
    let sb = Sandbox::start(&[]);
    let mut body = fork_body("prot", "pg", "business-4", "demo-pg");
    body["termination_protection"] = json!(true);
    assert_eq!(sb.create(&body).status, 200);
    assert_error(
        &sb.delete(&format!("/v1/project/{P}/service/prot")),
        403,
        "Service is protected against termination and shutdown. Remove termination protection first.",
    );
    let r = sb.delete(&format!("/v1/project/{P}/service/demo-kafka"));
    assert_eq!(r.status, 200);
    assert!(!sb.names().contains(&"demo-kafka".to_string()));
    assert_error(
        &sb.delete(&format!("/v1/project/{P}/service/demo-kafka")),
        404,
        "Service demo-kafka does not exist",
    );
    assert_error(
        &sb.call(
            "PUT",
            &format!("/v1/project/{P}/service"),
            Some(TOKEN),
            Some(&json!({})),
        ),
        405,
        "Method not allowed",
    );
    assert_error(&sb.get("/v1/nothing-here"), 404, "Not found");
}

#[test]
fn cors_preflight_and_headers() {
    let sb = Sandbox::start(&[]);
    let r = sb.raw(
        "OPTIONS",
        &format!("/v1/project/{P}/service"),
        &[
            ("Origin", "http://localhost:9999"),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "authorization,content-type",
            ),
        ],
        b"",
    );
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("authorization,content-type")
    );
    assert_eq!(
        r.header("access-control-allow-methods"),
        Some("GET, POST, PUT, DELETE, OPTIONS")
    );
    assert_eq!(r.header("access-control-allow-private-network"), None);
    let r = sb.raw(
        "OPTIONS",
        &format!("/v1/project/{P}/service/demo-pg"),
        &[
            ("Origin", "http://localhost:1"),
            ("Access-Control-Request-Private-Network", "true"),
        ],
        b"",
    );
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("Authorization, Content-Type")
    );
    assert_eq!(
        r.header("access-control-allow-private-network"),
        Some("true")
    );
    // Errors carry CORS headers too, so browsers can read them.
    let r = sb.call("GET", &format!("/v1/project/{P}/service"), None, None);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        r.header("access-control-expose-headers"),
        Some("Retry-After, Content-Type")
    );
}

#[test]
fn request_log_records_bodies_but_never_the_token() {
    let sb = Sandbox::start(&[]);
    let mut body = fork_body("logged", "pg", "business-4", "demo-pg");
    // Even a token pasted into a body is redacted.
    body["tags"] = json!({"oops": TOKEN});
    assert_eq!(sb.create(&body).status, 200);
    sb.call(
        "GET",
        &format!("/v1/project/{P}/service/{TOKEN}"),
        Some("bad-token-value"),
        None,
    );
    let log = sb.requests();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["seq"], json!(1));
    assert_eq!(log[0]["method"], json!("POST"));
    assert_eq!(log[0]["path"], json!("/v1/project/demo-project/service"));
    assert_eq!(log[0]["status"], json!(200));
    assert_eq!(log[0]["auth"], json!("valid"));
    assert_eq!(log[0]["contentType"], json!("application/json"));
    assert_eq!(log[0]["body"]["service_name"], json!("logged"));
    assert_eq!(log[0]["body"]["tags"]["oops"], json!("[redacted]"));
    assert_eq!(
        log[1]["path"],
        json!("/v1/project/demo-project/service/[redacted]")
    );
    assert_eq!(log[1]["status"], json!(401));
    assert_eq!(log[1]["auth"], json!("invalid"));
    let text = serde_json::to_string(&log).unwrap_or_default();
    assert!(!text.contains(TOKEN));
    assert!(!text.contains("bad-token-value"));
    assert!(log[1].get("contentType").is_none());
    let r = sb.delete("/_sandbox/requests");
    assert_eq!(r.json(), json!({"cleared": 2}));
    assert_eq!(sb.requests(), Vec::<Value>::new());
}

#[test]
fn oversized_body_is_413() {
    let sb = Sandbox::start(&[]);
    let big = format!("{{\"service_name\":\"{}\"}}", "a".repeat(1024 * 1024 + 10));
    let auth = format!("aivenv1 {TOKEN}");
    let r = sb.raw(
        "POST",
        &format!("/v1/project/{P}/service"),
        &[("Authorization", &auth)],
        big.as_bytes(),
    );
    assert_error(&r, 413, "Request body is too large (limit 1048576 bytes)");
    let log = sb.requests();
    assert_eq!(log[0]["status"], json!(413));
    assert!(log[0].get("body").is_none());
}

#[test]
fn reset_restores_seed_data() {
    let sb = Sandbox::start(&[]);
    assert_eq!(
        sb.create(&fork_body("tmp", "pg", "business-4", "demo-pg"))
            .status,
        200
    );
    assert_eq!(
        sb.delete(&format!("/v1/project/{P}/service/demo-mysql"))
            .status,
        200
    );
    sb.faults(&json!({"next": ["429"]}));
    assert_eq!(sb.post("/_sandbox/reset", &json!({})).status, 200);
    assert_eq!(sb.names().len(), 13);
    assert!(sb.names().contains(&"demo-mysql".to_string()));
    assert_eq!(sb.get("/_sandbox/faults").json()["next"], json!([]));
    assert_eq!(
        sb.requests().len(),
        2,
        "only the two list calls after the reset"
    );
}

#[test]
fn raw_services_keep_odd_text() {
    let sb = Sandbox::start(&[]);
    let odd = json!({
        "service_name": "odd-pg", "service_type": "pg", "plan": "business-4", "node_count": 2,
        "state": "POWEROFF",
        "user_config": {"pg_version": "16"},
        "service_integrations": [{"integration_type": "<img src=x onerror=alert(1)>",
                                  "source_service": "odd-pg", "dest_service": "<b>x</b>"}],
        "tags": {"<script>": "</script>"}
    });
    let r = sb.post("/_sandbox/services", &json!({"project": P, "service": odd,
        "backups": [{"backup_name": "<i>b</i>", "backup_time": "2026-01-01T00:00:00Z", "data_size": 1}]}));
    assert_eq!(r.status, 200, "{}", r.body);
    let s = sb.service("odd-pg");
    assert_eq!(s["state"], json!("POWEROFF"));
    assert_eq!(s["service_integrations"], odd["service_integrations"]);
    assert_eq!(s["tags"], odd["tags"]);
    let b = sb
        .get(&format!("/v1/project/{P}/service/odd-pg/backups"))
        .json();
    assert_eq!(b["backups"][0]["backup_name"], json!("<i>b</i>"));
    assert!(b.get("pitr").is_none());
    assert_error(
        &sb.post("/_sandbox/services", &json!({"project": P, "service": {}})),
        400,
        "service.service_name must be a non-empty string",
    );
    assert_error(
        &sb.post(
            "/_sandbox/services",
            &json!({"project": "nope", "service": {"service_name": "x", "service_type": "pg"}}),
        ),
        404,
        "Project nope does not exist",
    );
}

#[test]
fn service_uris_hold_the_primary_users_password_as_aiven_shows_them() {
    let sb = Sandbox::start(&[]);
    assert_eq!(
        sb.service("demo-pg")["service_uri"],
        json!("postgres://avnadmin:sandbox-not-a-secret@demo-pg-demo-project.sandbox.aiven.local:12691/defaultdb?sslmode=require")
    );
    assert_eq!(
        sb.service("demo-mysql")["service_uri"],
        json!("mysql://avnadmin:sandbox-not-a-secret@demo-mysql-demo-project.sandbox.aiven.local:12691/defaultdb?ssl-mode=REQUIRED")
    );
    let r = sb.create(&fork_body("pr-1", "pg", "business-4", "demo-pg"));
    assert_eq!(r.status, 200, "{}", r.message());
    assert_eq!(
        sb.service("pr-1")["service_uri"],
        json!("postgres://avnadmin:sandbox-not-a-secret@pr-1-demo-project.sandbox.aiven.local:12691/defaultdb?sslmode=require")
    );
}

#[test]
fn tags_are_read_and_replaced() {
    let sb = Sandbox::start(&[]);
    let path = format!("/v1/project/{P}/service/demo-grafana/tags");
    assert_eq!(sb.get(&path).json(), json!({"tags": {}}));
    let r = sb.put(&path, &json!({"tags": {"team": "a b", "env": "dev"}}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), json!({"message": "tags updated"}));
    assert_eq!(
        sb.service("demo-grafana")["tags"],
        json!({"team": "a b", "env": "dev"})
    );
    // Replaced, not merged.
    sb.put(&path, &json!({"tags": {"x": "1"}}));
    assert_eq!(sb.get(&path).json(), json!({"tags": {"x": "1"}}));
    assert_error(
        &sb.put(&path, &json!({"tags": {"x": 1}})),
        400,
        "tags must be an object of string values",
    );
    assert_error(
        &sb.put(
            &format!("/v1/project/{P}/service/nope/tags"),
            &json!({"tags": {}}),
        ),
        404,
        "Service nope does not exist",
    );
}
