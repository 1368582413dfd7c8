//! Stable error and warning codes, and the `Issue` record every rule produces.

use serde::Serialize;

/// Stable machine-readable codes. The `snake_case` string form is the public API
/// (JS `ForkError.code`, `errors[].code`); never rename a variant's string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    // ---- input shape ----
    /// The input is not an object, too large, too deeply nested, or not JSON-like.
    InvalidRequest,
    /// A required field is absent or empty.
    MissingField,
    /// A field has the wrong JSON type (number where a string belongs, ...).
    InvalidType,
    /// A field is longer than Aiven allows.
    FieldTooLong,
    /// A field the request model does not know.
    UnknownField,
    /// A field value is out of its allowed set or range (e.g. negative disk size).
    InvalidValue,
    // ---- names and types ----
    InvalidServiceName,
    InvalidProjectName,
    NameEqualsSource,
    NameTaken,
    UnknownServiceType,
    ServiceTypeNotForkable,
    ServiceTypeMismatch,
    // ---- source / backups ----
    SourceNotFound,
    SourceHasNoBackup,
    PersistenceOff,
    // ---- recovery ----
    InvalidTime,
    RecoveryTimeUnsupported,
    RecoveryTimeOutOfRange,
    RecoveryTimeInFuture,
    BasebackupUnsupported,
    InvalidBackupName,
    BasebackupNotFound,
    // ---- plan ----
    PlanNotFound,
    FewerNodes,
    /// A fork key was set inside `userConfig` instead of through `source` / `recovery`.
    ForkKeyInUserConfig,
    // ---- transport ----
    InsecureBaseUrl,
    InvalidBaseUrl,
    InvalidPathSegment,
    ApiError,
    NetworkError,
    RateLimited,
    WaitTimeout,
    Aborted,
    /// A response from the API could not be understood.
    InvalidResponse,
}

impl Code {
    /// The stable string form (`"source_has_no_backup"`).
    pub fn as_str(self) -> &'static str {
        todo_code_str(self)
    }
}

// Filled in by the core implementation (a match on every variant).
fn todo_code_str(_c: Code) -> &'static str {
    "invalid_request"
}

/// Stable warning codes: things worth telling the user that do not block the fork.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// Service integrations of the source are not copied (each one named).
    IntegrationsNotCopied,
    /// OpenSearch SAML / OpenID sign-on is not copied.
    SsoNotCopied,
    /// Source tags are not copied unless `copyTags` is true.
    TagsNotCopied,
    /// Cassandra/ClickHouse/... forks show one node until the backup is restored.
    SingleNodeUntilRestored,
    /// A time was given without a zone and was read as UTC.
    TimeWithoutZone,
    /// A time had more than microsecond precision; the extra digits were dropped.
    TimePrecisionTruncated,
    /// Cross-project fork: both projects must be in the same organization (the server decides).
    CrossProjectFork,
    /// The source is not RUNNING (e.g. POWEROFF); the fork still restores from backups.
    SourceNotRunning,
}

/// One finding of a rule: a stable code, the request field it concerns (camelCase
/// path such as `recovery.time`, empty for the whole request) and a human message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub code: Code,
    pub field: String,
    pub message: String,
}

/// A warning: same shape as an [`Issue`], with a [`WarningCode`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: WarningCode,
    pub field: String,
    pub message: String,
}
