//! What is known about the source and the target project when validating.
//! Built by the transport from Aiven API responses, or by JS callers from a
//! camelCase object (the shape `getForkContext` returns).

use crate::core::json::Value;
use crate::core::time::Timestamp;

/// An integration of the source (never copied to the fork).
#[derive(Debug, Clone, PartialEq)]
pub struct Integration {
    pub integration_type: String,
    pub source_service: String,
    pub dest_service: String,
}

/// The source service as `GET /v1/project/{p}/service/{s}` describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceService {
    pub project: String,
    pub service_name: String,
    pub service_type: String,
    pub plan: String,
    pub cloud_name: String,
    pub node_count: u32,
    pub state: String,
    pub user_config: Value,
    pub integrations: Vec<Integration>,
    pub tags: Vec<(String, String)>,
}

/// One backup of the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub backup_name: String,
    pub backup_time: Timestamp,
    /// Original text of `backup_time`, for messages and the JS side.
    pub backup_time_text: String,
    pub data_size: u64,
}

/// The PITR window; `None` bounds as in the API (start null: no PITR backup yet,
/// end null: now).
#[derive(Debug, Clone, PartialEq)]
pub struct PitrWindow {
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
}

/// A plan of the service type.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub name: String,
    pub node_count: u32,
}

/// Everything the full rule set needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ForkContext {
    pub source: SourceService,
    pub backups: Vec<Backup>,
    /// `None`: the type has no PITR (`pitr` missing from the backups answer).
    pub pitr: Option<PitrWindow>,
    /// Plans of the source's service type (empty: unknown, plan rules skipped).
    pub plans: Vec<Plan>,
    /// Service names already taken in the target project (`None`: unknown).
    pub taken_names: Option<Vec<String>>,
}
