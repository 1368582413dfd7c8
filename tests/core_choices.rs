//! `core::choices`: what a form may offer for one source, and the blockers that lock
//! it. Exact answers per type, and the blockers are exactly the issues `validate`
//! reports for a request against the same context.

use aiven_fork::core::choices::{choices, ForkChoices, PlanChoice};
use aiven_fork::core::context::{Backup, ForkContext, Plan, SourceService};
use aiven_fork::core::issue::{Code, Issue};
use aiven_fork::core::json::{parse, Value};
use aiven_fork::core::service_types::{all, RecoveryModes};
use aiven_fork::core::time::{parse as parse_time, Timestamp};
use aiven_fork::core::validate::validate_value;

fn ts(text: &str) -> Timestamp {
    parse_time(text)
        .map(|t| t.at)
        .unwrap_or_else(|e| panic!("{}", e.message))
}

fn plan(name: &str, node_count: u32) -> Plan {
    Plan {
        name: name.into(),
        node_count,
        prices: vec![],
    }
}

fn ctx(service_type: &str, node_count: u32, user_config: Value, backups: usize) -> ForkContext {
    ForkContext {
        source: SourceService {
            project: "proj".into(),
            service_name: "src".into(),
            service_type: service_type.into(),
            plan: "business-8".into(),
            cloud_name: "google-europe-west1".into(),
            node_count,
            state: "RUNNING".into(),
            user_config,
            integrations: vec![],
            tags: vec![],
        },
        backups: (0..backups)
            .map(|i| Backup {
                backup_name: format!("backup-{i}"),
                backup_time: ts("2025-07-01T00:00:00Z"),
                backup_time_text: "2025-07-01T00:00:00Z".into(),
                data_size: 1,
            })
            .collect(),
        pitr: None,
        plans: vec![
            plan("hobbyist", 1),
            plan("business-8", 3),
            plan("premium-8", 6),
            plan("odd", 0),
        ],
        taken_names: None,
    }
}

fn no_config() -> Value {
    Value::Object(vec![])
}

fn modes(latest: bool, time: bool, backup: bool) -> RecoveryModes {
    RecoveryModes {
        latest,
        time,
        backup,
    }
}

fn plans(allowed_hobbyist: bool) -> Vec<PlanChoice> {
    let p = |name: &str, node_count: u32, current: bool, allowed: bool| PlanChoice {
        name: name.into(),
        node_count,
        current,
        allowed,
    };
    vec![
        p("hobbyist", 1, false, allowed_hobbyist),
        p("business-8", 3, true, true),
        p("premium-8", 6, false, true),
        p("odd", 0, false, true),
    ]
}

#[test]
fn pg_offers_latest_and_time_and_every_plan() {
    assert_eq!(
        choices(&ctx("pg", 3, no_config(), 2)),
        ForkChoices {
            service_type: "pg".into(),
            product: "PostgreSQL".into(),
            blockers: vec![],
            recovery: modes(true, true, false),
            plans: plans(true),
            min_node_count: None,
        }
    );
}

#[test]
fn clickhouse_refuses_plans_with_fewer_nodes_and_names_the_floor() {
    let c = choices(&ctx("clickhouse", 3, no_config(), 1));
    assert_eq!(c.product, "ClickHouse");
    assert_eq!(c.recovery, modes(true, false, true));
    assert_eq!(c.plans, plans(false));
    assert_eq!(c.min_node_count, Some(3));
    assert_eq!(c.blockers, vec![]);
}

#[test]
fn no_backup_persistence_off_and_unforkable_types_are_blockers() {
    let issue = |code: Code, field: &str, message: &str| Issue::new(code, field, message);
    assert_eq!(
        choices(&ctx("pg", 1, no_config(), 0)).blockers,
        vec![issue(
            Code::SourceHasNoBackup,
            "source.service",
            "src has no backups yet; a fork needs at least one (wait for the first backup)"
        )]
    );
    let off = parse(r#"{"valkey_persistence":"off"}"#).unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!(
        choices(&ctx("valkey", 1, off, 0)).blockers,
        vec![issue(
            Code::PersistenceOff,
            "source.service",
            "src has persistence off (valkey_persistence: off), so it has no backups and cannot be forked; turn persistence on and wait for a backup"
        )]
    );
    // A retired type: the one blocker, whatever its persistence and backups.
    let off = parse(r#"{"redis_persistence":"off"}"#).unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!(
        choices(&ctx("redis", 1, off, 0)).blockers,
        vec![issue(
            Code::ServiceTypeRetired,
            "serviceType",
            "Caching is retired at Aiven: no new services since 2025-02-15, and every service was upgraded to Valkey on 2025-03-31; a fork would be a new service"
        )]
    );
    let kafka = choices(&ctx("kafka", 3, no_config(), 0));
    assert_eq!(
        kafka.blockers,
        vec![issue(
            Code::ServiceTypeNotForkable,
            "serviceType",
            "Apache Kafka services cannot be forked: Aiven has no fork support for this type"
        )]
    );
    assert_eq!(kafka.product, "Apache Kafka");
    let unknown = choices(&ctx("newdb", 1, no_config(), 1));
    assert_eq!(
        unknown.blockers.iter().map(|i| i.code).collect::<Vec<_>>(),
        vec![Code::UnknownServiceType]
    );
    assert_eq!(unknown.product, "newdb");
    assert_eq!(unknown.recovery, modes(false, false, false));
}

#[test]
fn a_blocked_source_offers_no_recovery_mode() {
    // Nothing to restore from: no "latest backup" to offer for a source with none.
    for (service_type, config, backups) in [
        ("pg", no_config(), 0),
        ("clickhouse", no_config(), 0),
        ("kafka", no_config(), 0),
        ("redis", no_config(), 3),
        (
            "valkey",
            parse(r#"{"valkey_persistence":"off"}"#).unwrap_or_else(|e| panic!("{}", e.message)),
            0,
        ),
    ] {
        let c = choices(&ctx(service_type, 1, config, backups));
        assert!(!c.blockers.is_empty(), "{service_type}");
        assert_eq!(c.recovery, modes(false, false, false), "{service_type}");
    }
    // The same types with a backup and nothing in the way: the type's modes.
    assert_eq!(
        choices(&ctx("clickhouse", 1, no_config(), 1)).recovery,
        modes(true, false, true)
    );
}

/// For every known type, with and without backups: the blockers are exactly the
/// issues `validate` reports about the source for an otherwise valid request.
#[test]
fn blockers_are_what_validate_reports_for_any_request() {
    for spec in all() {
        for backups in [0, 1] {
            let c = ctx(spec.name, 1, no_config(), backups);
            let request = parse(
                r#"{"project":"proj","serviceName":"fork-1","source":{"service":"src"},"recovery":{"mode":"latest"}}"#,
            )
            .unwrap_or_else(|e| panic!("{}", e.message));
            let report = validate_value(&request, Some(&c), ts("2025-07-02T00:00:00Z"));
            let blockers = choices(&c).blockers;
            let source_errors: Vec<Issue> = report
                .errors
                .into_iter()
                .filter(|i| blockers.contains(i))
                .collect();
            assert_eq!(
                source_errors, blockers,
                "{} with {backups} backups",
                spec.name
            );
            assert_eq!(
                blockers.is_empty(),
                spec.offered_for_forks() && backups > 0,
                "{} with {backups} backups",
                spec.name
            );
        }
    }
}
