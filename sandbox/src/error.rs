//! Aiven-shaped error answers: `{"errors":[{"message","status"}],"message"}`.

use serde_json::{json, Value};

/// An error answer of the API.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub message: String,
    /// Seconds for a `Retry-After` header (429 only).
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            retry_after: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, message)
    }

    pub fn body(&self) -> Value {
        json!({
            "errors": [{"message": self.message, "status": self.status}],
            "message": self.message,
        })
    }

    pub fn invalid_token() -> Self {
        Self::new(401, "Invalid token")
    }

    pub fn not_member() -> Self {
        Self::new(403, "Not a project member")
    }

    pub fn service_not_found(name: &str) -> Self {
        Self::new(404, format!("Service {name} does not exist"))
    }

    pub fn rate_limited(retry_after: u64) -> Self {
        ApiError {
            status: 429,
            message: format!("Rate limit 120 exceeded - try again in {retry_after}s"),
            retry_after: Some(retry_after),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
