//! Rule 2: the fork has the source's type, a type the library knows and can fork, and
//! Aiven still offers; without a context the type and plan must be given.

use aiven_fork::core::json::parse;
use aiven_fork::core::service_types::{all, lookup};

use crate::common::*;

#[test]
fn requires_type_and_plan_without_a_context() {
    for spec in forkable() {
        check(
            spec,
            &req(spec, ""),
            None,
            &[("missing_field", "serviceType"), ("missing_field", "plan")],
        );
    }
}

#[test]
fn rejects_a_type_other_than_the_sources() {
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
fn rejects_types_that_cannot_fork() {
    for t in all().iter().filter(|t| !t.forkable && t.retired.is_none()) {
        let request = parse(&format!(
            r#"{{"project":"proj","serviceName":"f","serviceType":"{}","plan":"startup-4","source":{{"service":"s"}}}}"#,
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
    }
}

#[test]
fn rejects_a_type_that_cannot_fork_taken_from_the_context_once() {
    for t in all().iter().filter(|t| !t.forkable && t.retired.is_none()) {
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
}

#[test]
fn rejects_an_unknown_type_and_lists_the_forkable_ones() {
    let pg = lookup("pg").unwrap();
    let r = check(
        pg,
        &req(pg, r#""serviceType":"postgres","plan":"startup-4""#),
        None,
        &[("unknown_service_type", "serviceType")],
    );
    assert_eq!(
        r.errors[0].message,
        "unknown service type \"postgres\"; forkable types are pg, mysql, clickhouse, grafana, opensearch, valkey"
    );
}

/// Every retired type, its message with the dates of Aiven's notices
/// (`docs/fork-rules.md`, "Retired types").
const RETIRED: [(&str, &str); 7] = [
    ("cassandra", "Apache Cassandra is retired at Aiven: no new services since 2025-12-03, and every service was deleted on 2026-01-07; a fork would be a new service"),
    ("redis", "Caching is retired at Aiven: no new services since 2025-02-15, and every service was upgraded to Valkey on 2025-03-31; a fork would be a new service"),
    ("m3db", "M3DB is retired at Aiven: no new services since 2025-04-30, when every service was deleted; a fork would be a new service"),
    ("dragonfly", "Dragonfly is retired at Aiven: no new services since 2026-06-17, and every service was deleted on 2026-09-30; a fork would be a new service"),
    ("alloydbomni", "AlloyDB Omni is retired at Aiven: no new services since 2025-09-05, and every service was deleted on 2025-12-05; a fork would be a new service"),
    ("influxdb", "InfluxDB is retired at Aiven: no new services since 2025-04-30, when every service was deleted; a fork would be a new service"),
    ("m3aggregator", "M3 Aggregator is retired at Aiven: no new services since 2025-04-30, when every service was deleted; a fork would be a new service"),
];

#[test]
fn the_retired_types_are_exactly_these() {
    let retired: Vec<&str> = all()
        .iter()
        .filter(|t| t.retired.is_some())
        .map(|t| t.name)
        .collect();
    let mut expected: Vec<&str> = RETIRED.iter().map(|(t, _)| *t).collect();
    let mut got = retired.clone();
    expected.sort_unstable();
    got.sort_unstable();
    assert_eq!(got, expected);
}

#[test]
fn rejects_retired_types_saying_since_when() {
    for (name, message) in RETIRED {
        let t = lookup(name).unwrap();
        let request = parse(&format!(
            r#"{{"project":"proj","serviceName":"f","serviceType":"{name}","plan":"startup-4","source":{{"service":"s"}}}}"#
        ))
        .unwrap();
        let r = check(
            t,
            &request,
            None,
            &[("service_type_retired", "serviceType")],
        );
        assert_eq!(r.errors[0].message, message);
    }
}

/// A source of a retired type (read from the API before its end): only the one error,
/// whatever its backups, recovery mode, plan or persistence.
#[test]
fn rejects_a_retired_type_taken_from_the_context_once() {
    for (name, message) in RETIRED {
        let t = lookup(name).unwrap();
        let mut ctx = ctx_for(lookup("pg").unwrap());
        ctx.source.service_name = "s".into();
        ctx.source.service_type = name.into();
        ctx.source.node_count = 6;
        ctx.source.user_config = parse(&format!(r#"{{"{name}_persistence":"off"}}"#)).unwrap();
        for backups in [true, false] {
            if !backups {
                ctx.backups.clear();
            }
            for extra in [
                "",
                r#","recovery":{"mode":"time","time":"2025-07-01T00:00:00Z"}"#,
                r#","recovery":{"mode":"backup","name":"b-1"}"#,
                r#","plan":"startup-4""#,
            ] {
                let request = parse(&format!(
                    r#"{{"project":"proj","serviceName":"f","source":{{"service":"s"}}{extra}}}"#
                ))
                .unwrap();
                let r = check(
                    t,
                    &request,
                    Some(&ctx),
                    &[("service_type_retired", "serviceType")],
                );
                assert_eq!(r.errors[0].message, message);
            }
        }
    }
}
