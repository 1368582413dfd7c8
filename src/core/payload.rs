//! The exact ServiceCreate call for a valid fork request.

use serde::Serialize;

use crate::core::json::Value;

/// `POST /v1/project/{project}/service` with its JSON body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiCall {
    /// Always `POST`.
    pub method: &'static str,
    /// `/v1/project/{project}/service`, project percent-encoded.
    pub path: String,
    /// The ServiceCreate body (snake_case keys, as Aiven takes them).
    pub body: Value,
}
