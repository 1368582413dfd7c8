//! Every rule of FORK_RULES.md as a small function; [`Report`] collects them.

use serde::Serialize;

use crate::core::issue::{Issue, Warning};

/// A value the rules filled in from the context (`serviceType`, `plan`, `cloud`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Defaults {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud: Option<String>,
}

/// Something the fork will not carry over, named (`{kind: "integration", name: "..."}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotCopied {
    /// `integration`, `sso`, `tags`.
    pub kind: &'static str,
    /// What exactly (`metrics -> grafana-1`, `saml`, `env=prod`...).
    pub name: String,
}

/// The outcome of validation: `ok` iff `errors` is empty.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub ok: bool,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Warning>,
    pub not_copied: Vec<NotCopied>,
    pub defaults: Defaults,
}
