//! Service types, plans and clouds: the static catalog the sandbox answers with.
//!
//! `user_config_schema`s come from `data/service_types.json`, generated from Aiven's
//! published schemas by `data/gen_service_types.py` (camelCase meta keys, as the API has them).

use serde_json::{json, Map, Value};
use std::sync::OnceLock;

static SCHEMAS_JSON: &str = include_str!("../data/service_types.json");

/// All `user_config` schemas by service type.
pub fn schemas() -> &'static Map<String, Value> {
    static CELL: OnceLock<Map<String, Value>> = OnceLock::new();
    CELL.get_or_init(|| match serde_json::from_str::<Value>(SCHEMAS_JSON) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    })
}

pub fn schema(service_type: &str) -> Option<&'static Value> {
    schemas().get(service_type)
}

/// True when the type's schema has the given top-level `user_config` key.
pub fn has_key(service_type: &str, key: &str) -> bool {
    schema(service_type)
        .and_then(|s| s.get("properties"))
        .and_then(|p| p.get(key))
        .is_some()
}

/// Forkable types are those whose schema holds `service_to_fork_from`.
pub fn forkable(service_type: &str) -> bool {
    has_key(service_type, "service_to_fork_from")
}

/// Types Aiven retired: it creates no new service of them (so no fork either), since
/// the day given (Aiven's end-of-life notices; docs/fork-rules.md, "Retired types").
/// Their seeded services stand for ones read before the end.
pub fn retired_since(service_type: &str) -> Option<&'static str> {
    match service_type {
        "redis" => Some("2025-02-15"),
        "influxdb" | "m3db" | "m3aggregator" => Some("2025-04-30"),
        "alloydbomni" => Some("2025-09-05"),
        "cassandra" => Some("2025-12-03"),
        "dragonfly" => Some("2026-06-17"),
        _ => None,
    }
}

/// Types whose new plan may not have fewer nodes than the source.
pub fn keeps_node_count(service_type: &str) -> bool {
    matches!(service_type, "clickhouse")
}

/// The `user_config` key that turns persistence off (no backups, no fork).
pub fn persistence_key(service_type: &str) -> Option<&'static str> {
    match service_type {
        "valkey" => Some("valkey_persistence"),
        _ => None,
    }
}

/// Types with point-in-time recovery (a `pitr` object in the backups answer).
pub fn has_pitr(service_type: &str) -> bool {
    matches!(service_type, "pg" | "mysql")
}

pub fn description(service_type: &str) -> &'static str {
    match service_type {
        "alloydbomni" => "AlloyDB Omni - PostgreSQL-compatible database",
        "cassandra" => "Cassandra - Distributed NoSQL Database",
        "clickhouse" => "ClickHouse - Columnar Analytical Database",
        "dragonfly" => "Dragonfly - In-memory data store",
        "flink" => "Flink - Stream Processing Framework",
        "grafana" => "Grafana - Metrics Dashboard",
        "influxdb" => "InfluxDB - Distributed Time Series Database",
        "kafka" => "Kafka - High-Throughput Distributed Messaging System",
        "kafka_connect" => "Kafka Connect - Apache Kafka connectors",
        "kafka_mirrormaker" => "Kafka MirrorMaker - Replication for Apache Kafka",
        "m3aggregator" => "M3 Aggregator - Metrics aggregation",
        "m3db" => "M3DB - Distributed time series database",
        "mysql" => "MySQL - Relational Database Management System",
        "opensearch" => "OpenSearch - Search & Analyze Data in Real Time",
        "pg" => "PostgreSQL - Object-Relational Database Management System",
        "redis" => "Caching - In-Memory Data Structure Store",
        "thanos" => "Thanos - Metrics storage",
        "valkey" => "Valkey - In-memory data store",
        _ => "Service",
    }
}

/// (plan, node_count, disk_space_mb) per type. Each forkable multi-node type also has a
/// plan with fewer nodes, so tests can try the node-count rule.
fn plan_rows(service_type: &str) -> &'static [(&'static str, u64, u64)] {
    match service_type {
        "pg" | "mysql" | "alloydbomni" => &[
            ("hobbyist", 1, 8192),
            ("startup-4", 1, 81920),
            ("business-4", 2, 81920),
            ("premium-4", 3, 81920),
        ],
        "cassandra" => &[
            ("startup-1", 1, 16384),
            ("startup-4", 3, 122880),
            ("business-8", 3, 245760),
            ("premium-8", 6, 491520),
        ],
        "clickhouse" => &[
            ("hobbyist", 1, 184320),
            ("startup-16", 1, 1179648),
            ("business-8", 3, 1179648),
            ("business-16", 3, 2359296),
            ("premium-8", 6, 2359296),
        ],
        "m3db" => &[("startup-8", 1, 92160), ("business-8", 3, 276480)],
        "opensearch" => &[
            ("hobbyist", 1, 16384),
            ("startup-4", 1, 81920),
            ("business-4", 3, 245760),
            ("premium-4", 6, 491520),
        ],
        "grafana" => &[("startup-1", 1, 5120), ("business-1", 2, 5120)],
        "kafka" | "kafka_connect" | "kafka_mirrormaker" | "flink" | "thanos" | "m3aggregator"
        | "influxdb" => &[("startup-2", 3, 92160), ("business-4", 3, 614400)],
        // redis, valkey, dragonfly and anything else
        _ => &[
            ("hobbyist", 1, 0),
            ("startup-4", 1, 0),
            ("business-4", 2, 0),
            ("premium-4", 3, 0),
        ],
    }
}

/// A cloud of the catalog: name, Aiven's description, geo region, latitude, longitude.
pub type CloudRow = (&'static str, &'static str, &'static str, f64, f64);

pub const CLOUDS: &[CloudRow] = &[
    (
        "google-europe-west1",
        "Europe, Belgium - Google Cloud: Belgium",
        "europe",
        50.45,
        3.82,
    ),
    (
        "google-europe-north1",
        "Europe, Finland - Google Cloud: Finland",
        "europe",
        60.57,
        27.19,
    ),
    (
        "google-us-east1",
        "United States, South Carolina - Google Cloud: South Carolina",
        "north america",
        33.2,
        -80.01,
    ),
    (
        "google-asia-northeast1",
        "Asia, Japan - Google Cloud: Tokyo",
        "east asia",
        35.68,
        139.68,
    ),
    (
        "aws-eu-central-1",
        "Europe, Germany - Amazon Web Services: Frankfurt",
        "europe",
        50.11,
        8.68,
    ),
    (
        "aws-eu-west-1",
        "Europe, Ireland - Amazon Web Services: Ireland",
        "europe",
        53.41,
        -8.24,
    ),
    (
        "aws-us-east-1",
        "United States, Virginia - Amazon Web Services: N. Virginia",
        "north america",
        38.13,
        -78.45,
    ),
    (
        "azure-westeurope",
        "Europe, Netherlands - Azure: Netherlands",
        "europe",
        52.37,
        4.9,
    ),
    (
        "upcloud-fi-hel1",
        "Europe, Finland - UpCloud: Helsinki",
        "europe",
        60.17,
        24.94,
    ),
];

/// A cloud the plan lists give no price for (pages show no price there).
pub const UNPRICED_CLOUD: &str = "upcloud-fi-hel1";

/// Cloud providers as Aiven describes them.
fn provider_description(provider: &str) -> &'static str {
    match provider {
        "google" => "Google Cloud Platform",
        "aws" => "Amazon Web Services",
        "azure" => "Microsoft Azure",
        "upcloud" => "UpCloud",
        _ => "",
    }
}

/// `GET /v1/clouds` and `/v1/project/{p}/clouds`: `{"clouds": [...]}` with Aiven's fields.
pub fn clouds() -> Value {
    let list: Vec<Value> = CLOUDS
        .iter()
        .map(|(name, desc, region, lat, lon)| {
            let provider = name.split('-').next().unwrap_or("");
            json!({
                "cloud_name": name,
                "cloud_description": desc,
                "geo_latitude": lat,
                "geo_longitude": lon,
                "geo_region": region,
                "provider": provider,
                "provider_description": provider_description(provider),
            })
        })
        .collect();
    json!({ "clouds": list })
}

fn backup_config(service_type: &str) -> Value {
    let mode = if has_pitr(service_type) {
        "pitr"
    } else {
        "basic"
    };
    json!({"interval": 24, "max_count": 2, "recovery_mode": mode})
}

/// A plan's hourly price in USD as Aiven writes it (decimal text, 4 places): per node
/// 0.02 plus 0.001 per GiB of disk, 10 % more on AWS and 20 % more on Azure (made-up
/// prices of the right shape: they differ per plan and per cloud).
fn hourly_price(cloud: &str, nodes: u64, disk_mb: u64) -> String {
    // In ten-thousandths of a dollar, so the text is exact.
    let per_node = 200 + disk_mb * 10 / 1024;
    let base = nodes * per_node;
    let total = if cloud.starts_with("aws-") {
        base * 11 / 10
    } else if cloud.starts_with("azure-") {
        base * 12 / 10
    } else {
        base
    };
    format!("{}.{:04}", total / 10_000, total % 10_000)
}

/// `service_plans` of a type, or None for an unknown type.
pub fn plans(service_type: &str) -> Option<Vec<Value>> {
    schema(service_type)?;
    let rows = plan_rows(service_type);
    Some(
        rows.iter()
            .map(|(plan, nodes, disk)| {
                let mut regions = Map::new();
                // upcloud-fi-hel1 stands for a cloud the plan list does not price.
                for (cloud, ..) in CLOUDS.iter().filter(|(c, ..)| *c != UNPRICED_CLOUD) {
                    regions.insert(
                        (*cloud).to_string(),
                        json!({
                            "disk_space_mb": disk,
                            "node_memory_mb": 4096,
                            "price_usd": hourly_price(cloud, *nodes, *disk),
                        }),
                    );
                }
                json!({
                    "service_plan": plan,
                    "service_type": service_type,
                    "node_count": nodes,
                    "disk_space_mb": disk,
                    "backup_config": backup_config(service_type),
                    "max_memory_percent": null,
                    "regions": regions,
                    "shard_count": null,
                })
            })
            .collect(),
    )
}

/// Node count of a plan, None when the plan is unknown for the type.
pub fn plan_nodes(service_type: &str, plan: &str) -> Option<u64> {
    plan_rows(service_type)
        .iter()
        .find(|(p, _, _)| *p == plan)
        .map(|(_, n, _)| *n)
}

pub fn plan_disk(service_type: &str, plan: &str) -> u64 {
    plan_rows(service_type)
        .iter()
        .find(|(p, _, _)| *p == plan)
        .map(|(_, _, d)| *d)
        .unwrap_or(0)
}

/// One service type as `GET /v1/project/{p}/service-types/{type}` answers it.
pub fn service_type_def(service_type: &str) -> Option<Value> {
    let schema = schema(service_type)?.clone();
    Some(json!({
        "description": description(service_type),
        "default_version": null,
        "latest_available_version": null,
        "service_plans": plans(service_type).unwrap_or_default(),
        "user_config_schema": schema,
    }))
}

/// `{"service_types": {type: def}}`.
pub fn service_types() -> Value {
    let mut map = Map::new();
    for name in schemas().keys() {
        if let Some(def) = service_type_def(name) {
            map.insert(name.clone(), def);
        }
    }
    json!({ "service_types": map })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_load_and_fork_keys_follow_them() {
        assert!(schemas().len() >= 12);
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
        ] {
            assert!(forkable(t), "{t}");
        }
        assert!(!forkable("kafka"));
        assert!(has_key("pg", "recovery_target_time"));
        assert!(!has_key("pg", "recovery_basebackup_name"));
        assert!(has_key("clickhouse", "recovery_basebackup_name"));
        assert!(!has_key("clickhouse", "recovery_target_time"));
    }

    #[test]
    fn plans_have_node_counts() {
        assert_eq!(plan_nodes("clickhouse", "business-8"), Some(3));
        assert_eq!(plan_nodes("clickhouse", "startup-16"), Some(1));
        assert_eq!(plan_nodes("pg", "nope"), None);
        assert!(plans("nope").is_none());
    }
}
