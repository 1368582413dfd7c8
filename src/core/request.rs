//! The fork request model (camelCase on the JS side), read field by field from a
//! [`crate::core::json::Value`] so that every bad shape becomes an [`Issue`].

use crate::core::json::Value;

/// Where the fork restores from.
#[derive(Debug, Clone, PartialEq)]
pub enum Recovery {
    /// Latest transaction (PITR types) or latest backup.
    Latest,
    /// A point in time, as the user gave it (parsed during validation).
    Time(String),
    /// A named backup.
    Backup(String),
}

/// The source service.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub service: String,
    /// Source project when it differs from the target project.
    pub project: Option<String>,
}

/// A fork request: `{ project, serviceName, serviceType?, plan?, cloud?, source,
/// recovery?, diskSpaceMb?, terminationProtection?, tags?, copyTags?, projectVpcId?,
/// userConfig? }`.
#[derive(Debug, Clone, PartialEq)]
pub struct ForkRequest {
    pub project: String,
    pub service_name: String,
    pub service_type: Option<String>,
    pub plan: Option<String>,
    pub cloud: Option<String>,
    pub source: Source,
    pub recovery: Recovery,
    pub disk_space_mb: Option<u64>,
    pub termination_protection: Option<bool>,
    /// Ordered tag map.
    pub tags: Option<Vec<(String, String)>>,
    pub copy_tags: Option<bool>,
    /// UUID string; `Some(None)` means an explicit `null`.
    pub project_vpc_id: Option<Option<String>>,
    /// Extra user config (an object); fork keys may not be set here.
    pub user_config: Option<Value>,
}
