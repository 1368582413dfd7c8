//! The seeded demo data. Names are part of the team contract: do not rename.

use crate::catalog;
use crate::state::{backup_entry, Pitr, Project, Service};
use crate::timefmt;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Map, Value};

pub const DEMO_PROJECT: &str = "demo-project";
pub const DEMO_PROJECT_2: &str = "demo-project-2";
pub const OTHER_ORG_PROJECT: &str = "other-org-project";
pub const DEMO_ORG: &str = "org-demo";
pub const OTHER_ORG: &str = "org-other";

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// The primary user's password of a new service (and of the seeded ones).
pub const ADMIN_PASSWORD: &str = "sandbox-not-a-secret";

/// The connection URI Aiven's ServiceGet shows, holding the primary user's password
/// (`postgres://avnadmin:<password>@<host>:<port>/defaultdb?sslmode=require`).
pub fn service_uri(service_type: &str, name: &str, project: &str, password: &str) -> String {
    let host = format!("{name}-{project}.sandbox.aiven.local:12691");
    match service_type {
        "pg" | "alloydbomni" => {
            format!("postgres://avnadmin:{password}@{host}/defaultdb?sslmode=require")
        }
        "mysql" => format!("mysql://avnadmin:{password}@{host}/defaultdb?ssl-mode=REQUIRED"),
        "redis" | "valkey" | "dragonfly" => format!("rediss://default:{password}@{host}"),
        "kafka" => host,
        _ => format!("https://avnadmin:{password}@{host}"),
    }
}

/// A service document with the fields Aiven's ServiceGet has.
pub fn base_doc(
    project: &str,
    name: &str,
    service_type: &str,
    plan: &str,
    cloud: &str,
    user_config: Value,
    created: DateTime<Utc>,
) -> Map<String, Value> {
    let nodes = catalog::plan_nodes(service_type, plan).unwrap_or(1);
    let cloud_desc = catalog::CLOUDS
        .iter()
        .find(|(c, ..)| *c == cloud)
        .map(|(_, d, ..)| *d)
        .unwrap_or("");
    obj(json!({
        "service_name": name,
        "service_type": service_type,
        "service_type_description": catalog::description(service_type),
        "plan": plan,
        "cloud_name": cloud,
        "cloud_description": cloud_desc,
        "node_count": nodes,
        "state": "RUNNING",
        "user_config": user_config,
        "service_integrations": [],
        "tags": {},
        "create_time": timefmt::zulu(created),
        "update_time": timefmt::zulu(created),
        "disk_space_mb": catalog::plan_disk(service_type, plan),
        "termination_protection": false,
        "project_vpc_id": null,
        "group_list": ["default"],
        "service_uri": service_uri(service_type, name, project, ADMIN_PASSWORD),
        "service_uri_params": {},
        "maintenance": {"dow": "sunday", "time": "03:00:00", "enabled": true, "updates": []},
        "databases": [],
        "users": [{"username": "avnadmin", "type": "primary", "password": ADMIN_PASSWORD}],
        "connection_pools": [],
        "components": [],
        "connection_info": {},
        "metadata": {},
        "features": {},
        "tech_emails": [],
    }))
}

fn integration(
    project: &str,
    id: &str,
    kind: &str,
    source: (&str, &str),
    dest: (&str, &str),
) -> Value {
    json!({
        "service_integration_id": id,
        "integration_type": kind,
        "active": true,
        "enabled": true,
        "description": format!("Send {kind} from {} to {}", source.0, dest.0),
        "source_project": project,
        "source_service": source.0,
        "source_service_type": source.1,
        "dest_project": project,
        "dest_service": dest.0,
        "dest_service_type": dest.1,
        "source_endpoint_id": null,
        "dest_endpoint_id": null,
        "user_config": {},
    })
}

struct Spec {
    name: &'static str,
    service_type: &'static str,
    plan: &'static str,
    user_config: Value,
    /// Number of daily backups (newest one hour before start).
    backups: usize,
    data_size: u64,
}

fn build(project: &str, spec: Spec, now: DateTime<Utc>) -> Service {
    let created = now - Duration::days(30);
    let doc = base_doc(
        project,
        spec.name,
        spec.service_type,
        spec.plan,
        "google-europe-west1",
        spec.user_config,
        created,
    );
    // Oldest first, one a day; sub-second digits so clients must parse fractions.
    let newest = now - Duration::hours(1) + Duration::microseconds(123_456);
    let backups: Vec<Value> = (0..spec.backups)
        .map(|k| {
            let age = (spec.backups - 1 - k) as i64;
            let t = newest - Duration::days(age);
            backup_entry(
                spec.service_type,
                spec.name,
                t,
                k,
                spec.data_size + k as u64 * 4096,
            )
        })
        .collect();
    let oldest = if spec.backups > 0 {
        Some(newest - Duration::days(spec.backups as i64 - 1))
    } else {
        None
    };
    let pitr = match spec.service_type {
        "pg" => Pitr::UntilNow { start: oldest },
        "mysql" => Pitr::OpenEnd { start: oldest },
        _ => Pitr::None,
    };
    Service {
        doc,
        backups,
        pitr,
        rebuild: None,
        raw: false,
    }
}

/// The three projects with their services, relative to `now`.
pub fn projects(now: DateTime<Utc>) -> Vec<Project> {
    let p = DEMO_PROJECT;
    let specs = vec![
        Spec {
            name: "demo-pg",
            service_type: "pg",
            plan: "business-4",
            user_config: json!({"pg_version": "16", "backup_hour": 3, "backup_minute": 0,
                "ip_filter": ["0.0.0.0/0"], "pg": {"max_connections": 200}}),
            backups: 7,
            data_size: 1_288_490_188,
        },
        Spec {
            name: "demo-mysql",
            service_type: "mysql",
            plan: "business-4",
            user_config: json!({"mysql_version": "8", "backup_hour": 4, "backup_minute": 30,
                "ip_filter": ["0.0.0.0/0"]}),
            backups: 7,
            data_size: 734_003_200,
        },
        Spec {
            name: "demo-cassandra",
            service_type: "cassandra",
            plan: "business-8",
            user_config: json!({"cassandra_version": "4", "ip_filter": ["0.0.0.0/0"]}),
            backups: 3,
            data_size: 2_147_483_648,
        },
        Spec {
            name: "demo-redis",
            service_type: "redis",
            plan: "business-4",
            user_config: json!({"redis_persistence": "rdb", "redis_maxmemory_policy": "allkeys-lru"}),
            backups: 3,
            data_size: 104_857_600,
        },
        Spec {
            name: "demo-redis-nopersist",
            service_type: "redis",
            plan: "startup-4",
            user_config: json!({"redis_persistence": "off"}),
            backups: 0,
            data_size: 0,
        },
        Spec {
            name: "demo-clickhouse",
            service_type: "clickhouse",
            plan: "business-8",
            user_config: json!({"ip_filter": ["0.0.0.0/0"]}),
            backups: 3,
            data_size: 5_368_709_120,
        },
        Spec {
            name: "demo-grafana",
            service_type: "grafana",
            plan: "startup-1",
            user_config: json!({"dashboards_versions_to_keep": 20, "ip_filter": ["0.0.0.0/0"]}),
            backups: 3,
            data_size: 10_485_760,
        },
        Spec {
            name: "demo-m3db",
            service_type: "m3db",
            plan: "business-8",
            user_config: json!({"ip_filter": ["0.0.0.0/0"]}),
            backups: 3,
            data_size: 3_221_225_472,
        },
        Spec {
            name: "demo-opensearch",
            service_type: "opensearch",
            plan: "business-4",
            user_config: json!({
                "opensearch_version": "2",
                "ip_filter": ["0.0.0.0/0"],
                "saml": {
                    "enabled": true,
                    "idp_entity_id": "https://idp.example.com/entity",
                    "idp_metadata_url": "https://idp.example.com/metadata.xml",
                    "sp_entity_id": "https://demo-opensearch.sandbox.aiven.local/saml",
                    "roles_key": "roles"
                },
                "openid": {
                    "enabled": true,
                    "client_id": "sandbox-client",
                    "client_secret": "sandbox-client-secret",
                    "connect_url": "https://idp.example.com/.well-known/openid-configuration",
                    "roles_key": "roles"
                }
            }),
            backups: 3,
            data_size: 1_073_741_824,
        },
        Spec {
            name: "demo-valkey",
            service_type: "valkey",
            plan: "business-4",
            user_config: json!({"valkey_persistence": "rdb"}),
            backups: 3,
            data_size: 52_428_800,
        },
        Spec {
            name: "demo-dragonfly",
            service_type: "dragonfly",
            plan: "business-4",
            user_config: json!({"dragonfly_persistence": "rdb"}),
            backups: 3,
            data_size: 52_428_800,
        },
        Spec {
            name: "demo-kafka",
            service_type: "kafka",
            plan: "business-4",
            user_config: json!({"kafka_version": "3.9", "ip_filter": ["0.0.0.0/0"]}),
            backups: 0,
            data_size: 0,
        },
        Spec {
            name: "demo-pg-nobackup",
            service_type: "pg",
            plan: "startup-4",
            user_config: json!({"pg_version": "16"}),
            backups: 0,
            data_size: 0,
        },
    ];
    let mut services: Vec<Service> = specs.into_iter().map(|s| build(p, s, now)).collect();
    for s in services.iter_mut() {
        let name = s.name().to_string();
        match name.as_str() {
            "demo-pg" => {
                s.doc
                    .insert("tags".into(), json!({"env": "demo", "team": "data"}));
                s.doc
                    .insert("databases".into(), json!(["defaultdb", "app"]));
                s.doc.insert(
                    "users".into(),
                    json!([
                        {"username": "avnadmin", "type": "primary", "password": ADMIN_PASSWORD},
                        {"username": "app", "type": "normal", "password": "sandbox-app-password"}
                    ]),
                );
                s.doc.insert(
                    "connection_pools".into(),
                    json!([{
                        "pool_name": "app-pool",
                        "database": "app",
                        "username": "app",
                        "pool_mode": "transaction",
                        "pool_size": 10,
                        "connection_uri": "postgres://app@demo-pg-demo-project.sandbox.aiven.local:12692/app-pool?sslmode=require"
                    }]),
                );
                s.doc.insert(
                    "service_integrations".into(),
                    json!([
                        integration(
                            p,
                            "1b0e7a2c-0000-4000-8000-000000000001",
                            "metrics",
                            ("demo-pg", "pg"),
                            ("demo-m3db", "m3db")
                        ),
                        integration(
                            p,
                            "1b0e7a2c-0000-4000-8000-000000000002",
                            "dashboard",
                            ("demo-grafana", "grafana"),
                            ("demo-pg", "pg")
                        ),
                    ]),
                );
            }
            "demo-mysql" => {
                s.doc.insert("tags".into(), json!({"env": "demo"}));
                s.doc
                    .insert("databases".into(), json!(["defaultdb", "shop"]));
                s.doc.insert(
                    "service_integrations".into(),
                    json!([integration(
                        p,
                        "1b0e7a2c-0000-4000-8000-000000000003",
                        "logs",
                        ("demo-mysql", "mysql"),
                        ("demo-opensearch", "opensearch")
                    )]),
                );
            }
            "demo-kafka" => {
                s.doc.insert("databases".into(), json!([]));
            }
            _ => {}
        }
    }
    let other = vec![build(
        OTHER_ORG_PROJECT,
        Spec {
            name: "other-pg",
            service_type: "pg",
            plan: "business-4",
            user_config: json!({"pg_version": "16"}),
            backups: 3,
            data_size: 268_435_456,
        },
        now,
    )];
    vec![
        Project {
            name: DEMO_PROJECT.into(),
            organization: DEMO_ORG.into(),
            services,
        },
        Project {
            name: DEMO_PROJECT_2.into(),
            organization: DEMO_ORG.into(),
            services: Vec::new(),
        },
        Project {
            name: OTHER_ORG_PROJECT.into(),
            organization: OTHER_ORG.into(),
            services: other,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fork::check_user_config;

    #[test]
    fn seeded_user_configs_pass_the_schema_check() {
        for p in projects(Utc::now()) {
            for s in &p.services {
                let r = check_user_config(s.service_type(), &s.user_config());
                assert_eq!(r, Ok(()), "{}/{}", p.name, s.name());
                assert!(
                    catalog::plan_nodes(s.service_type(), s.doc["plan"].as_str().unwrap_or(""))
                        .is_some(),
                    "{}: plan",
                    s.name()
                );
            }
        }
    }
}
