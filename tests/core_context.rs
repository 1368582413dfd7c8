//! The fork context: from raw Aiven answers, from and to the camelCase JS shape.

use aiven_fork::core::context::ForkContext;
use aiven_fork::core::issue::Code;
use aiven_fork::core::json::{parse, Number, Value};
use aiven_fork::core::time::format_aiven;

const SERVICE: &str = r#"{"service":{
  "service_name":"demo-pg","service_type":"pg","plan":"business-4","cloud_name":"google-europe-west1",
  "node_count":2,"state":"RUNNING","create_time":"2025-01-01T00:00:00Z",
  "user_config":{"pg_version":"17","ip_filter":["0.0.0.0/0"]},
  "service_integrations":[
    {"integration_type":"metrics","source_service":"demo-pg","dest_service":"demo-grafana","active":true,"enabled":true,"user_config":{}},
    {"integration_type":"external_elasticsearch_logs","source_service":"demo-pg","dest_service":null,"dest_endpoint":"logs-endpoint"}
  ],
  "tags":{"env":"prod"},
  "connection_info":{"pg":["postgres://avnadmin:SECRET-PASSWORD@host:1/db"]},
  "service_uri":"postgres://avnadmin:SECRET-PASSWORD@host:1/db",
  "users":[{"username":"avnadmin","password":"SECRET-PASSWORD"}],
  "node_states":[{"name":"n1","state":"running","progress_updates":[]}]
}}"#;

const BACKUPS: &str = r#"{"backups":[
  {"backup_name":"backup-20250630","backup_time":"2025-06-30T03:00:00.123456+00:00","data_size":1234,"storage_location":"gs://x","incremental":false},
  {"backup_name":"backup-20250701","backup_time":"2025-07-01T03:00:00Z","data_size":2345}
 ],
 "pitr":{"primary_region":{"pitr_range_start":"2025-06-24T03:00:00+00:00","pitr_range_end":null},"additional_regions":[]},
 "backup_progress":"","scheduled_backup_time":{"backup_hour":3}}"#;

const PLANS: &str = r#"{"service_plans":[
  {"service_plan":"startup-4","node_count":1,"backup_config":{}},
  {"service_plan":"business-4","node_count":2},
  {"service_plan":"premium-4","node_count":3}
]}"#;

const SERVICES: &str = r#"{"services":[{"service_name":"demo-pg","service_type":"pg"},{"service_name":"demo-mysql"}]}"#;

fn v(text: &str) -> Value {
    parse(text).unwrap_or_else(|e| panic!("{}", e.message))
}

fn full() -> ForkContext {
    ForkContext::from_api(
        "demo-project",
        &v(SERVICE),
        &v(BACKUPS),
        &v(PLANS),
        Some(&v(SERVICES)),
    )
    .unwrap()
}

#[test]
fn reads_raw_aiven_answers() {
    let c = full();
    let s = &c.source;
    assert_eq!(s.project, "demo-project");
    assert_eq!(s.service_name, "demo-pg");
    assert_eq!(s.service_type, "pg");
    assert_eq!(s.plan, "business-4");
    assert_eq!(s.cloud_name, "google-europe-west1");
    assert_eq!(s.node_count, 2);
    assert_eq!(s.state, "RUNNING");
    assert_eq!(
        s.user_config.to_json(),
        r#"{"pg_version":"17","ip_filter":["0.0.0.0/0"]}"#
    );
    assert_eq!(s.integrations.len(), 2);
    assert_eq!(s.integrations[0].dest_service, "demo-grafana");
    // Endpoint integrations name the endpoint.
    assert_eq!(s.integrations[1].dest_service, "logs-endpoint");
    assert_eq!(s.tags, vec![("env".to_string(), "prod".to_string())]);
    assert_eq!(c.backups.len(), 2);
    assert_eq!(c.backups[0].backup_name, "backup-20250630");
    assert_eq!(
        format_aiven(c.backups[0].backup_time),
        "2025-06-30T03:00:00.123456+00:00"
    );
    assert_eq!(c.backups[0].data_size, 1234);
    let pitr = c.pitr.as_ref().unwrap();
    assert_eq!(
        format_aiven(pitr.start.unwrap()),
        "2025-06-24T03:00:00+00:00"
    );
    assert_eq!(pitr.end, None);
    let plans: Vec<_> = c
        .plans
        .iter()
        .map(|p| (p.name.as_str(), p.node_count))
        .collect();
    assert_eq!(
        plans,
        vec![("startup-4", 1), ("business-4", 2), ("premium-4", 3)]
    );
    assert_eq!(
        c.taken_names,
        Some(vec!["demo-pg".to_string(), "demo-mysql".to_string()])
    );
}

#[test]
fn camel_case_shape_is_exact_and_has_no_secrets() {
    let json = full().to_value().to_json();
    assert_eq!(
        json,
        r#"{"source":{"project":"demo-project","serviceName":"demo-pg","serviceType":"pg","plan":"business-4","cloudName":"google-europe-west1","nodeCount":2,"state":"RUNNING","userConfig":{"pg_version":"17","ip_filter":["0.0.0.0/0"]},"tags":{"env":"prod"},"integrations":[{"integrationType":"metrics","sourceService":"demo-pg","destService":"demo-grafana"},{"integrationType":"external_elasticsearch_logs","sourceService":"demo-pg","destService":"logs-endpoint"}]},"backups":[{"backupName":"backup-20250630","backupTime":"2025-06-30T03:00:00.123456+00:00","dataSize":1234},{"backupName":"backup-20250701","backupTime":"2025-07-01T03:00:00Z","dataSize":2345}],"pitr":{"start":"2025-06-24T03:00:00+00:00","end":null},"plans":[{"name":"startup-4","nodeCount":1},{"name":"business-4","nodeCount":2},{"name":"premium-4","nodeCount":3}],"takenNames":["demo-pg","demo-mysql"]}"#
    );
    assert!(!json.contains("SECRET"));
}

#[test]
fn camel_case_shape_round_trips() {
    let c = full();
    let back = ForkContext::from_value(&c.to_value()).unwrap();
    assert_eq!(back, c);
    // And through JSON text, as JS would hand it back.
    let again = ForkContext::from_value(&v(&c.to_value().to_json())).unwrap();
    assert_eq!(again, c);
}

#[test]
fn types_without_pitr_and_unknown_target_names() {
    let backups = v(
        r#"{"backups":[{"backup_name":"b","backup_time":"2025-07-01T03:00:00Z","data_size":1}]}"#,
    );
    let c = ForkContext::from_api(
        "p",
        &v(SERVICE),
        &backups,
        &v(r#"{"service_plans":[]}"#),
        None,
    )
    .unwrap();
    assert_eq!(c.pitr, None);
    assert!(c.plans.is_empty());
    assert_eq!(c.taken_names, None);
    let v2 = c.to_value();
    assert_eq!(v2.get("pitr"), Some(&Value::Null));
    assert_eq!(v2.get("takenNames"), Some(&Value::Null));
    assert_eq!(ForkContext::from_value(&v2).unwrap(), c);
}

#[test]
fn pitr_without_a_backup_yet() {
    let backups = v(
        r#"{"backups":[],"pitr":{"primary_region":{"pitr_range_start":null,"pitr_range_end":null},"additional_regions":[]}}"#,
    );
    let c = ForkContext::from_api("p", &v(SERVICE), &backups, &v(PLANS), None).unwrap();
    let pitr = c.pitr.unwrap();
    assert_eq!((pitr.start, pitr.end), (None, None));
    assert!(c.backups.is_empty());
}

#[test]
fn bare_service_object_and_minimal_fields_are_accepted() {
    let c = ForkContext::from_api(
        "p",
        &v(r#"{"service_name":"s","service_type":"redis"}"#),
        &v(r#"{"backups":[]}"#),
        &v("{}"),
        Some(&v(r#"{"services":[]}"#)),
    )
    .unwrap();
    assert_eq!(c.source.service_type, "redis");
    assert_eq!(c.source.node_count, 0);
    assert_eq!(c.source.user_config.to_json(), "{}");
    assert_eq!(c.taken_names, Some(vec![]));
}

#[test]
fn missing_essentials_are_one_invalid_response() {
    let e = ForkContext::from_api(
        "p",
        &v(r#"{"service":{"service_name":"s","node_count":"three"}}"#),
        &v(r#"{"backups":[{"backup_name":"b","backup_time":"yesterday"}]}"#),
        &v("[]"),
        Some(&v("{}")),
    )
    .unwrap_err();
    assert_eq!(e.code, Code::InvalidResponse);
    assert_eq!(e.field, "service.service_type");
    assert_eq!(
        e.message,
        "unexpected answer from the Aiven API: service.service_type is missing; service.node_count must be a non-negative integer; backups.backups[0].backup_time is not a valid time: expected YYYY-MM-DD HH:MM:SS, optionally .ffffff and a zone (Z, ±HH:MM, UTC or UTC±HH:MM), e.g. 2025-07-01 15:16:22 UTC; plans must be an object; services.services is missing"
    );
    let e = ForkContext::from_api("p", &v("null"), &v("{}"), &v("{}"), None).unwrap_err();
    assert_eq!(
        e.message,
        "unexpected answer from the Aiven API: service must be an object; backups.backups is missing"
    );
}

#[test]
fn js_shape_errors_name_the_field() {
    let errs = |text: &str| -> Vec<(Code, String)> {
        ForkContext::from_value(&v(text))
            .unwrap_err()
            .into_iter()
            .map(|i| (i.code, i.field))
            .collect()
    };
    assert_eq!(
        errs("[]"),
        vec![(Code::InvalidValue, "context".to_string())]
    );
    assert_eq!(
        errs("{}"),
        vec![
            (Code::InvalidValue, "context.source".to_string()),
            (Code::InvalidValue, "context.backups".to_string()),
        ]
    );
    assert_eq!(
        errs(
            r#"{"source":{"project":"p","serviceName":"s","serviceType":1,"nodeCount":-1,"tags":{"a":1},
            "integrations":[{"integrationType":"x"},5]},
            "backups":[{"backupName":"b"},{"backupName":"c","backupTime":"2025-02-30 00:00:00"}],
            "pitr":{"start":5},"plans":[{"nodeCount":2}],"takenNames":[1]}"#
        ),
        vec![
            (
                Code::InvalidValue,
                "context.source.integrations[1]".to_string()
            ),
            (Code::InvalidValue, "context.source.serviceType".to_string()),
            (Code::InvalidValue, "context.source.nodeCount".to_string()),
            (Code::InvalidValue, "context.source.tags".to_string()),
            (
                Code::InvalidValue,
                "context.backups[0].backupTime".to_string()
            ),
            (
                Code::InvalidValue,
                "context.backups[1].backupTime".to_string()
            ),
            (Code::InvalidValue, "context.pitr.start".to_string()),
            (Code::InvalidValue, "context.plans[0].name".to_string()),
            (Code::InvalidValue, "context.takenNames".to_string()),
        ]
    );
}

#[test]
fn hostile_context_values_never_panic() {
    let huge = Value::String("x".repeat(1 << 20));
    for bad in [
        Value::Null,
        Value::Number(Number::parse("-1.7976931348623157e308").unwrap()),
        huge.clone(),
        Value::Object(vec![
            ("source".into(), huge.clone()),
            ("backups".into(), huge.clone()),
        ]),
        Value::Object(vec![
            (
                "source".into(),
                Value::Object(vec![(
                    "nodeCount".into(),
                    Value::Number(Number::parse("1.7976931348623157e308").unwrap()),
                )]),
            ),
            ("backups".into(), Value::Array(vec![Value::Null; 10_000])),
        ]),
    ] {
        assert!(ForkContext::from_value(&bad).is_err());
        assert!(ForkContext::from_api("p", &bad, &bad, &bad, Some(&bad)).is_err());
    }
}

#[test]
fn numbers_in_a_context_keep_their_text_and_counts_are_read_exactly() {
    // A source's user config from Aiven's answer, with numbers no double holds.
    let service = SERVICE.replace(
        r#""user_config":{"pg_version":"17","ip_filter":["0.0.0.0/0"]}"#,
        r#""user_config":{"big":12345678901234567890123,"tiny":1e-7,"exact":123456789.12345679,"neg":-0,"e":1E300}"#,
    );
    let service = service.replace(r#""node_count":2"#, r#""node_count":2.0e0"#);
    let plans = PLANS.replace(r#""node_count":3"#, r#""node_count":3.9"#);
    let c = ForkContext::from_api(
        "demo-project",
        &v(&service),
        &v(BACKUPS),
        &v(&plans),
        Some(&v(SERVICES)),
    )
    .unwrap();
    let user_config = r#"{"big":12345678901234567890123,"tiny":1e-7,"exact":123456789.12345679,"neg":-0,"e":1E300}"#;
    assert_eq!(c.source.user_config.to_json(), user_config);
    assert_eq!(c.source.node_count, 2);
    // A fractional node count from the API is cut to whole nodes, as before.
    assert_eq!(c.plans[2].node_count, 3);
    // The camelCase context carries the same text, and reads back to the same context.
    let camel = c.to_value().to_json();
    assert!(
        camel.contains(&format!(r#""userConfig":{user_config}"#)),
        "{camel}"
    );
    assert_eq!(ForkContext::from_value(&v(&camel)).unwrap(), c);
    // Counts in the camelCase shape: whole numbers in any spelling, exactly.
    let camel = camel
        .replace(r#""nodeCount":2,"#, r#""nodeCount":2e0,"#)
        .replace(r#""dataSize":1234"#, r#""dataSize":18446744073709551616"#);
    let read = ForkContext::from_value(&v(&camel)).unwrap();
    assert_eq!(read.source.node_count, 2);
    assert_eq!(read.backups[0].data_size, u64::MAX);
    for bad in [
        r#""nodeCount":2.5"#,
        r#""nodeCount":-1"#,
        r#""nodeCount":"2""#,
    ] {
        let text = c.to_value().to_json().replacen(r#""nodeCount":2"#, bad, 1);
        let errors = ForkContext::from_value(&v(&text)).unwrap_err();
        assert_eq!(
            errors
                .iter()
                .map(|i| (i.code, i.field.as_str()))
                .collect::<Vec<_>>(),
            [(Code::InvalidValue, "context.source.nodeCount")],
            "{bad}"
        );
    }
}
