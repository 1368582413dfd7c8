//! Stable error and warning codes, and the `Issue` record every rule produces.

use serde::Serialize;

use crate::core::shapes::visible;

/// Concatenate message parts (cheaper in wasm than `format!`): every message of
/// the library is written with it.
pub fn cat(parts: &[&str]) -> String {
    parts.concat()
}

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
    /// Aiven retired the type: it accepts no new services of it, so no fork.
    ServiceTypeRetired,
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
    // ---- plan, cloud, tags ----
    /// The plan is not shaped like an Aiven plan name.
    InvalidPlan,
    /// The cloud is not shaped like an Aiven cloud name.
    InvalidCloud,
    /// A tag key is not shaped like an Aiven tag key.
    InvalidTagKey,
    /// A tag value is longer than Aiven allows or holds control characters.
    InvalidTagValue,
    PlanNotFound,
    FewerNodes,
    /// A fork key was set inside `userConfig` instead of through `source` / `recovery`.
    ForkKeyInUserConfig,
    // ---- deleting a fork ----
    /// The service to delete is not a fork of the named source (or not a fork at all).
    NotForkOfSource,
    /// The service is a fork of the source but lacks the tag forks made deletable carry.
    ForkTagMissing,
    /// The service has termination protection on.
    TerminationProtected,
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
    /// A `ForkClient` was used after its `free()`.
    ClientFreed,
}

impl Code {
    /// Every code, in the order of the enum.
    pub const ALL: [Code; 44] = [
        Code::InvalidRequest,
        Code::MissingField,
        Code::InvalidType,
        Code::FieldTooLong,
        Code::UnknownField,
        Code::InvalidValue,
        Code::InvalidServiceName,
        Code::InvalidProjectName,
        Code::NameEqualsSource,
        Code::NameTaken,
        Code::UnknownServiceType,
        Code::ServiceTypeNotForkable,
        Code::ServiceTypeRetired,
        Code::ServiceTypeMismatch,
        Code::SourceNotFound,
        Code::SourceHasNoBackup,
        Code::PersistenceOff,
        Code::InvalidTime,
        Code::RecoveryTimeUnsupported,
        Code::RecoveryTimeOutOfRange,
        Code::RecoveryTimeInFuture,
        Code::BasebackupUnsupported,
        Code::InvalidBackupName,
        Code::BasebackupNotFound,
        Code::InvalidPlan,
        Code::InvalidCloud,
        Code::InvalidTagKey,
        Code::InvalidTagValue,
        Code::PlanNotFound,
        Code::FewerNodes,
        Code::ForkKeyInUserConfig,
        Code::NotForkOfSource,
        Code::ForkTagMissing,
        Code::TerminationProtected,
        Code::InsecureBaseUrl,
        Code::InvalidBaseUrl,
        Code::InvalidPathSegment,
        Code::ApiError,
        Code::NetworkError,
        Code::RateLimited,
        Code::WaitTimeout,
        Code::Aborted,
        Code::InvalidResponse,
        Code::ClientFreed,
    ];

    /// The code whose string form is `text` (the inverse of [`Code::as_str`]).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The stable string form (`"source_has_no_backup"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidRequest => "invalid_request",
            Code::MissingField => "missing_field",
            Code::InvalidType => "invalid_type",
            Code::FieldTooLong => "field_too_long",
            Code::UnknownField => "unknown_field",
            Code::InvalidValue => "invalid_value",
            Code::InvalidServiceName => "invalid_service_name",
            Code::InvalidProjectName => "invalid_project_name",
            Code::NameEqualsSource => "name_equals_source",
            Code::NameTaken => "name_taken",
            Code::UnknownServiceType => "unknown_service_type",
            Code::ServiceTypeNotForkable => "service_type_not_forkable",
            Code::ServiceTypeRetired => "service_type_retired",
            Code::ServiceTypeMismatch => "service_type_mismatch",
            Code::SourceNotFound => "source_not_found",
            Code::SourceHasNoBackup => "source_has_no_backup",
            Code::PersistenceOff => "persistence_off",
            Code::InvalidTime => "invalid_time",
            Code::RecoveryTimeUnsupported => "recovery_time_unsupported",
            Code::RecoveryTimeOutOfRange => "recovery_time_out_of_range",
            Code::RecoveryTimeInFuture => "recovery_time_in_future",
            Code::BasebackupUnsupported => "basebackup_unsupported",
            Code::InvalidBackupName => "invalid_backup_name",
            Code::BasebackupNotFound => "basebackup_not_found",
            Code::InvalidPlan => "invalid_plan",
            Code::InvalidCloud => "invalid_cloud",
            Code::InvalidTagKey => "invalid_tag_key",
            Code::InvalidTagValue => "invalid_tag_value",
            Code::PlanNotFound => "plan_not_found",
            Code::FewerNodes => "fewer_nodes",
            Code::ForkKeyInUserConfig => "fork_key_in_user_config",
            Code::NotForkOfSource => "not_fork_of_source",
            Code::ForkTagMissing => "fork_tag_missing",
            Code::TerminationProtected => "termination_protected",
            Code::InsecureBaseUrl => "insecure_base_url",
            Code::InvalidBaseUrl => "invalid_base_url",
            Code::InvalidPathSegment => "invalid_path_segment",
            Code::ApiError => "api_error",
            Code::NetworkError => "network_error",
            Code::RateLimited => "rate_limited",
            Code::WaitTimeout => "wait_timeout",
            Code::Aborted => "aborted",
            Code::InvalidResponse => "invalid_response",
            Code::ClientFreed => "client_freed",
        }
    }
}

/// Stable warning codes: things worth telling the user that do not block the fork.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// Service integrations of the source are not copied (each one named).
    IntegrationsNotCopied,
    /// OpenSearch SAML / OpenID sign-on is not copied.
    SsoNotCopied,
    /// Source tags are not copied unless the request asks for them (`copyTags`).
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

impl WarningCode {
    /// The stable string form (`"integrations_not_copied"`).
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::IntegrationsNotCopied => "integrations_not_copied",
            WarningCode::SsoNotCopied => "sso_not_copied",
            WarningCode::TagsNotCopied => "tags_not_copied",
            WarningCode::SingleNodeUntilRestored => "single_node_until_restored",
            WarningCode::TimeWithoutZone => "time_without_zone",
            WarningCode::TimePrecisionTruncated => "time_precision_truncated",
            WarningCode::CrossProjectFork => "cross_project_fork",
            WarningCode::SourceNotRunning => "source_not_running",
        }
    }
}

/// One finding of a rule: a stable code, the request field it concerns (camelCase
/// path such as `recovery.time`, empty for the whole request) and a human message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub code: Code,
    pub field: String,
    pub message: String,
}

impl Issue {
    /// An issue with its code, field path and message (hidden characters of the text
    /// it repeats escaped: [`visible`]).
    pub fn new(code: Code, field: &str, message: impl Into<String>) -> Issue {
        Issue {
            code,
            field: field.to_string(),
            message: visible(message.into()),
        }
    }
}

/// A warning: the shape of an [`Issue`] with a [`WarningCode`], and whether it says
/// no more than the report's `notCopied` list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: WarningCode,
    pub field: String,
    pub message: String,
    /// True when everything the warning says is the report's `notCopied` items (the
    /// integrations, the tags): a page that lists `notCopied` leaves it out instead of
    /// saying it twice. False when it says more (single sign-on must be set up again).
    #[serde(rename = "listedInNotCopied")]
    pub listed_in_not_copied: bool,
}

impl Warning {
    /// A warning with its code, field path and message (not a `notCopied` list; hidden
    /// characters escaped like an [`Issue`]'s).
    pub fn new(code: WarningCode, field: &str, message: impl Into<String>) -> Warning {
        Warning {
            code,
            field: field.to_string(),
            message: visible(message.into()),
            listed_in_not_copied: false,
        }
    }
}
