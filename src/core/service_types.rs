//! The service-type table: one row per Aiven service type the library knows.
//! Adding a forkable type is a new row, not new branches in the rules.

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
}
