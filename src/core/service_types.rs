//! The service-type table: one row per Aiven service type the library knows.
//! Adding a forkable type is a new row, not new branches in the rules.
//!
//! Where Aiven's product page and its schema data disagree, the schema data wins
//! (`tests/schema.rs` checks the table against it; `docs/fork-rules.md` lists every
//! case):
//! * `alloydbomni` (fork keys incl. `recovery_target_time`) and `influxdb` (fork keys
//!   incl. `recovery_basebackup_name`) have fork keys in the 2026-03 schema file but
//!   are not on the product page: both have fork keys here.
//!
//! `forkable` says what the schemas say (the type has fork keys); `retired` says that
//! Aiven no longer creates services of the type (its end-of-life notices), so no fork
//! of it can succeed either. Only types that are forkable and not retired are offered.
//! * `project_vpc_id` is "UUID or null" on the page but a 36-character string in
//!   ServiceCreate's schema: an explicit `null` is left out of the body (see
//!   [`crate::core::payload::build`]).

use serde::Serialize;

/// How a fork of this type may choose what to restore.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryModes {
    /// Latest transaction / latest backup (always true for forkable types).
    pub latest: bool,
    /// Point in time within the PITR window (`recovery_target_time`).
    pub time: bool,
    /// A named backup (`recovery_basebackup_name`).
    pub backup: bool,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceTypeSpec {
    /// API type name (`pg`, `redis`, ...).
    pub name: &'static str,
    /// Product name (`PostgreSQL`, `Caching`, ...).
    pub product: &'static str,
    /// Whether the type can be forked at all (has fork keys).
    pub forkable: bool,
    pub recovery: RecoveryModes,
    /// Cassandra, ClickHouse: the fork's plan may not have fewer nodes.
    pub no_fewer_nodes: bool,
    /// `user_config` key that turns persistence (and so backups) off, e.g. `redis_persistence`.
    pub persistence_key: Option<&'static str>,
    /// Extra characters the backup-name pattern allows (ClickHouse: `+`).
    pub backup_name_extra_chars: &'static str,
    /// `user_config` keys holding sign-on methods that are not copied (OpenSearch: saml, openid).
    pub sso_keys: &'static [&'static str],
    /// Terraform resource (`aiven_pg`) and its user-config block (`pg_user_config`).
    pub terraform_resource: &'static str,
    pub terraform_user_config_block: &'static str,
    /// When Aiven retired the type (no new services, so no forks); `None` while Aiven
    /// offers it. Not part of `serviceTypes()`, which lists offered types only.
    #[serde(skip)]
    pub retired: Option<Retirement>,
}

/// The end of a service type at Aiven (dates `YYYY-MM-DD`, from Aiven's end-of-life
/// notices; `docs/fork-rules.md` cites each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retirement {
    /// From this day Aiven creates no new service of the type (a fork is a new service).
    pub no_new_services_since: &'static str,
    /// The end-of-life day.
    pub end_of_life: &'static str,
    /// What became of the existing services that day: "deleted", "upgraded to Valkey".
    pub services_were: &'static str,
}

/// Every type the library knows, forkable ones first (in product-page order, then
/// the types only Aiven's schemas give fork keys to), then known types that cannot
/// be forked (no fork keys in any published schema).
///
/// Retired types keep their rows: a source of one is refused as `service_type_retired`,
/// with the dates, rather than as an unknown type.
///
/// Sources: `docs/fork-rules.md` and `tests/data/aiven/fork_keys.json`. Where they differ the schema
/// data wins: `alloydbomni` (fork keys incl. `recovery_target_time`) and `influxdb`
/// (fork keys incl. `recovery_basebackup_name`) have fork keys in the 2026-03 schema
/// file although the product page does not list them, so they are forkable here.
static TYPES: [ServiceTypeSpec; 18] = [
    ServiceTypeSpec {
        name: "pg",
        product: "PostgreSQL",
        forkable: true,
        recovery: RecoveryModes {
            latest: true,
            time: true,
            backup: false,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_pg",
        terraform_user_config_block: "pg_user_config",
        retired: None,
    },
    ServiceTypeSpec {
        name: "mysql",
        product: "MySQL",
        forkable: true,
        recovery: RecoveryModes {
            latest: true,
            time: true,
            backup: false,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_mysql",
        terraform_user_config_block: "mysql_user_config",
        retired: None,
    },
    ServiceTypeSpec {
        name: "cassandra",
        product: "Apache Cassandra",
        forkable: true,
        recovery: RecoveryModes {
            latest: true,
            time: false,
            backup: false,
        },
        no_fewer_nodes: true,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_cassandra",
        terraform_user_config_block: "cassandra_user_config",
        retired: Some(Retirement {
            no_new_services_since: "2025-12-03",
            end_of_life: "2026-01-07",
            services_were: "deleted",
        }),
    },
    ServiceTypeSpec {
        name: "redis",
        product: "Caching",
        forkable: true,
        recovery: RecoveryModes {
            latest: true,
            time: false,
            backup: true,
        },
        no_fewer_nodes: false,
        persistence_key: Some("redis_persistence"),
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_redis",
        terraform_user_config_block: "redis_user_config",
        retired: Some(Retirement {
            no_new_services_since: "2025-02-15",
            end_of_life: "2025-03-31",
            services_were: "upgraded to Valkey",
        }),
    },
    ServiceTypeSpec {
        name: "clickhouse",
        product: "ClickHouse",
        forkable: true,
        recovery: RecoveryModes {
            latest: true,
            time: false,
            backup: true,
        },
        no_fewer_nodes: true,
        persistence_key: None,
        backup_name_extra_chars: "+",
        sso_keys: &[],
        terraform_resource: "aiven_clickhouse",
        terraform_user_config_block: "clickhouse_user_config",
        retired: None,
    },
    ServiceTypeSpec {
        name: "grafana",
        product: "Grafana",
        forkable: true,
        recovery: RecoveryModes {
            latest: true,
            time: false,
            backup: true,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_grafana",
        terraform_user_config_block: "grafana_user_config",
        retired: None,
    },
    ServiceTypeSpec {
        name: "m3db",
        product: "M3DB",
        forkable: true,
        recovery: RecoveryModes {
            latest: true,
            time: false,
            backup: false,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_m3db",
        terraform_user_config_block: "m3db_user_config",
        retired: Some(Retirement {
            no_new_services_since: "2025-04-30",
            end_of_life: "2025-04-30",
            services_were: "deleted",
        }),
    },
    ServiceTypeSpec {
        name: "opensearch",
        product: "OpenSearch",
        forkable: true,
        recovery: RecoveryModes {
            latest: true,
            time: false,
            backup: true,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &["saml", "openid"],
        terraform_resource: "aiven_opensearch",
        terraform_user_config_block: "opensearch_user_config",
        retired: None,
    },
    ServiceTypeSpec {
        name: "valkey",
        product: "Valkey",
        forkable: true,
        recovery: RecoveryModes {
            latest: true,
            time: false,
            backup: true,
        },
        no_fewer_nodes: false,
        persistence_key: Some("valkey_persistence"),
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_valkey",
        terraform_user_config_block: "valkey_user_config",
        retired: None,
    },
    ServiceTypeSpec {
        name: "dragonfly",
        product: "Dragonfly",
        forkable: true,
        recovery: RecoveryModes {
            latest: true,
            time: false,
            backup: true,
        },
        no_fewer_nodes: false,
        persistence_key: Some("dragonfly_persistence"),
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_dragonfly",
        terraform_user_config_block: "dragonfly_user_config",
        retired: Some(Retirement {
            no_new_services_since: "2026-06-17",
            end_of_life: "2026-09-30",
            services_were: "deleted",
        }),
    },
    ServiceTypeSpec {
        name: "alloydbomni",
        product: "AlloyDB Omni",
        forkable: true,
        recovery: RecoveryModes {
            latest: true,
            time: true,
            backup: false,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_alloydbomni",
        terraform_user_config_block: "alloydbomni_user_config",
        retired: Some(Retirement {
            no_new_services_since: "2025-09-05",
            end_of_life: "2025-12-05",
            services_were: "deleted",
        }),
    },
    ServiceTypeSpec {
        name: "influxdb",
        product: "InfluxDB",
        forkable: true,
        recovery: RecoveryModes {
            latest: true,
            time: false,
            backup: true,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_influxdb",
        terraform_user_config_block: "influxdb_user_config",
        retired: Some(Retirement {
            no_new_services_since: "2025-04-30",
            end_of_life: "2025-04-30",
            services_were: "deleted",
        }),
    },
    ServiceTypeSpec {
        name: "kafka",
        product: "Apache Kafka",
        forkable: false,
        recovery: RecoveryModes {
            latest: false,
            time: false,
            backup: false,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_kafka",
        terraform_user_config_block: "kafka_user_config",
        retired: None,
    },
    ServiceTypeSpec {
        name: "kafka_connect",
        product: "Apache Kafka Connect",
        forkable: false,
        recovery: RecoveryModes {
            latest: false,
            time: false,
            backup: false,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_kafka_connect",
        terraform_user_config_block: "kafka_connect_user_config",
        retired: None,
    },
    ServiceTypeSpec {
        name: "kafka_mirrormaker",
        product: "Apache Kafka MirrorMaker 2",
        forkable: false,
        recovery: RecoveryModes {
            latest: false,
            time: false,
            backup: false,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_kafka_mirrormaker",
        terraform_user_config_block: "kafka_mirrormaker_user_config",
        retired: None,
    },
    ServiceTypeSpec {
        name: "flink",
        product: "Apache Flink",
        forkable: false,
        recovery: RecoveryModes {
            latest: false,
            time: false,
            backup: false,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_flink",
        terraform_user_config_block: "flink_user_config",
        retired: None,
    },
    ServiceTypeSpec {
        name: "thanos",
        product: "Thanos Metrics",
        forkable: false,
        recovery: RecoveryModes {
            latest: false,
            time: false,
            backup: false,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_thanos",
        terraform_user_config_block: "thanos_user_config",
        retired: None,
    },
    ServiceTypeSpec {
        name: "m3aggregator",
        product: "M3 Aggregator",
        forkable: false,
        recovery: RecoveryModes {
            latest: false,
            time: false,
            backup: false,
        },
        no_fewer_nodes: false,
        persistence_key: None,
        backup_name_extra_chars: "",
        sso_keys: &[],
        terraform_resource: "aiven_m3aggregator",
        terraform_user_config_block: "m3aggregator_user_config",
        retired: Some(Retirement {
            no_new_services_since: "2025-04-30",
            end_of_life: "2025-04-30",
            services_were: "deleted",
        }),
    },
];

/// All known service types (forkable and not).
pub fn all() -> &'static [ServiceTypeSpec] {
    &TYPES
}

/// The row for an API type name (`None` for unknown types).
pub fn lookup(name: &str) -> Option<&'static ServiceTypeSpec> {
    TYPES.iter().find(|t| t.name == name)
}

/// The name people know a type by (`Apache Kafka` for `kafka`), the one name pages
/// show for it; the API name itself for a type this table does not know.
pub fn product_name(name: &str) -> &str {
    lookup(name).map_or(name, |t| t.product)
}

/// The names of the types a fork can be made of, comma-separated, for messages.
pub fn forkable_names() -> String {
    let mut out = String::new();
    for t in TYPES.iter().filter(|t| t.offered_for_forks()) {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(t.name);
    }
    out
}

impl ServiceTypeSpec {
    /// Aiven offers the type and it has fork keys: a fork of it can be created.
    pub fn offered_for_forks(&self) -> bool {
        self.forkable && self.retired.is_none()
    }

    /// Whether `name` matches the type's `recovery_basebackup_name` pattern
    /// (`^[a-zA-Z0-9-_:.]+$`, plus the type's extra characters) and length (≤128).
    pub fn backup_name_ok(&self, name: &str) -> bool {
        !name.is_empty()
            && name.len() <= 128
            && name.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || matches!(c, '-' | '_' | ':' | '.')
                    || self.backup_name_extra_chars.chars().any(|x| x == c)
            })
    }
}
