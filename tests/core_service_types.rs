//! The service-type table against `docs/fork-rules.md` and the published schema data.

use aiven_fork::core::service_types::{all, lookup};

/// (type, time, backup, no_fewer_nodes, persistence key, terraform resource)
type Row = (
    &'static str,
    bool,
    bool,
    bool,
    Option<&'static str>,
    &'static str,
);

#[test]
fn forkable_types_and_their_recovery_modes() {
    let rows: &[Row] = &[
        ("pg", true, false, false, None, "aiven_pg"),
        ("mysql", true, false, false, None, "aiven_mysql"),
        ("cassandra", false, false, true, None, "aiven_cassandra"),
        (
            "redis",
            false,
            true,
            false,
            Some("redis_persistence"),
            "aiven_redis",
        ),
        ("clickhouse", false, true, true, None, "aiven_clickhouse"),
        ("grafana", false, true, false, None, "aiven_grafana"),
        ("m3db", false, false, false, None, "aiven_m3db"),
        ("opensearch", false, true, false, None, "aiven_opensearch"),
        (
            "valkey",
            false,
            true,
            false,
            Some("valkey_persistence"),
            "aiven_valkey",
        ),
        (
            "dragonfly",
            false,
            true,
            false,
            Some("dragonfly_persistence"),
            "aiven_dragonfly",
        ),
        ("alloydbomni", true, false, false, None, "aiven_alloydbomni"),
        ("influxdb", false, true, false, None, "aiven_influxdb"),
    ];
    for &(name, time, backup, nf, pk, tf) in rows {
        let t = lookup(name).unwrap_or_else(|| panic!("{name} missing"));
        assert!(t.forkable, "{name}");
        assert!(t.recovery.latest, "{name}");
        assert_eq!(t.recovery.time, time, "{name}");
        assert_eq!(t.recovery.backup, backup, "{name}");
        assert_eq!(t.no_fewer_nodes, nf, "{name}");
        assert_eq!(t.persistence_key, pk, "{name}");
        assert_eq!(t.terraform_resource, tf, "{name}");
        assert_eq!(t.terraform_user_config_block, format!("{name}_user_config"));
    }
    assert_eq!(all().iter().filter(|t| t.forkable).count(), rows.len());
    assert_eq!(lookup("redis").unwrap().product, "Caching");
    assert_eq!(lookup("opensearch").unwrap().sso_keys, &["saml", "openid"]);
}

#[test]
fn known_types_without_fork_keys_are_not_forkable() {
    for name in [
        "kafka",
        "kafka_connect",
        "kafka_mirrormaker",
        "flink",
        "thanos",
        "m3aggregator",
    ] {
        let t = lookup(name).unwrap_or_else(|| panic!("{name} missing"));
        assert!(!t.forkable, "{name}");
        assert!(!t.recovery.latest && !t.recovery.time && !t.recovery.backup);
    }
    assert!(lookup("elasticsearch").is_none());
    assert!(lookup("PG").is_none());
    assert!(lookup("").is_none());
}

#[test]
fn backup_name_pattern_per_type() {
    let ch = lookup("clickhouse").unwrap();
    let os = lookup("opensearch").unwrap();
    for ok in [
        "backup-20191112t091354293891z",
        "a",
        "A_b:c.d-9",
        &"x".repeat(128),
    ] {
        assert!(ch.backup_name_ok(ok) && os.backup_name_ok(ok), "{ok}");
    }
    assert!(ch.backup_name_ok("2024-01-01+full"));
    assert!(!os.backup_name_ok("2024-01-01+full"));
    for bad in ["", "a b", "a/b", "a;b", "é", "a@b", &"x".repeat(129)] {
        assert!(!ch.backup_name_ok(bad) && !os.backup_name_ok(bad), "{bad}");
    }
}
