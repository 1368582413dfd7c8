//! The failure every transport step reports: a stable [`Code`], a message, the
//! per-field issues and, for API answers, the HTTP status and the server's message.
//!
//! Nothing here ever holds the token: messages are built from fixed text, URLs
//! (which never carry the token) and server text that went through [`redact`].

use crate::core::issue::{Code, Issue};
use crate::core::shapes::visible;
use crate::core::text::{find, replace_all};

/// Shortest string treated as a secret by [`redact`].
pub const MIN_SECRET_LEN: usize = 8;

/// Longest server message kept (Aiven messages are short; a proxy's HTML page is not).
const MAX_SERVER_MESSAGE: usize = 500;

/// A failed operation, as JS `ForkError` carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Stable code (`ForkError.code`).
    pub code: Code,
    /// Human message (`ForkError.message`).
    pub message: String,
    /// Every issue found (`ForkError.errors`); one entry for transport failures.
    pub errors: Vec<Issue>,
    /// HTTP status when the API answered.
    pub status: Option<u16>,
    /// The API's own message, when it sent one.
    pub server_message: Option<String>,
}

impl Failure {
    /// A failure with one issue about the whole request.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self::with_field(code, "", message)
    }

    /// A failure with one issue about `field` (hidden characters of its message
    /// escaped, as in every message: [`visible`]).
    pub fn with_field(code: Code, field: &str, message: impl Into<String>) -> Self {
        let message = visible(message.into());
        Failure {
            code,
            errors: vec![Issue {
                code,
                field: field.to_string(),
                message: message.clone(),
            }],
            message,
            status: None,
            server_message: None,
        }
    }

    /// Every validation issue at once; the first one names the failure.
    pub fn from_issues(issues: Vec<Issue>) -> Self {
        let (code, message) = match issues.as_slice() {
            [] => (Code::InvalidRequest, "invalid fork request".to_string()),
            [one] => (one.code, one.message.clone()),
            [first, rest @ ..] => (
                first.code,
                format!("{} (and {} more)", first.message, rest.len()),
            ),
        };
        Failure {
            code,
            message,
            errors: issues,
            status: None,
            server_message: None,
        }
    }

    /// Attach the HTTP status and the server's message (redacted, shortened).
    pub fn with_status(mut self, status: u16, server_message: Option<String>) -> Self {
        self.status = Some(status);
        self.server_message = server_message.map(|m| shorten(&m));
        self
    }

    /// This failure with `note` added to its message (and to its first issue's, which
    /// repeats the message).
    pub fn with_note(mut self, note: &str) -> Self {
        self.message.push_str(note);
        self.message = visible(self.message);
        if let Some(first) = self.errors.first_mut() {
            first.message = self.message.clone();
        }
        self
    }

    /// Remove `secret` from every text this failure carries.
    pub fn redacted(mut self, secret: &str) -> Self {
        self.message = redact(&self.message, secret);
        for issue in &mut self.errors {
            issue.message = redact(&issue.message, secret);
            issue.field = redact(&issue.field, secret);
        }
        self.server_message = self.server_message.map(|m| redact(&m, secret));
        self
    }
}

impl From<Issue> for Failure {
    fn from(issue: Issue) -> Self {
        Failure::from_issues(vec![issue])
    }
}

/// `text` with every occurrence of `secret` replaced by `[redacted]`.
/// A server or a proxy could echo the Authorization header back; this keeps the
/// token out of errors whatever the server sends.
///
/// Secrets shorter than [`MIN_SECRET_LEN`] are left alone: no Aiven token is that
/// short, and replacing every `x` of a message for a one-letter test token would
/// only garble it.
pub fn redact(text: &str, secret: &str) -> String {
    if secret.len() < MIN_SECRET_LEN || find(text, secret).is_none() {
        return text.to_string();
    }
    replace_all(text, secret, "[redacted]")
}

/// `text` cut to at most 500 bytes (on a character boundary), with `…` when cut.
pub fn shorten(text: &str) -> String {
    if text.len() <= MAX_SERVER_MESSAGE {
        return text.to_string();
    }
    let mut end = MAX_SERVER_MESSAGE;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // `end` is a char boundary; `get` has no panic path.
    format!("{}…", text.get(..end).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_issues_keeps_every_issue_and_names_the_first() {
        let issues = vec![
            Issue {
                code: Code::InvalidServiceName,
                field: "serviceName".into(),
                message: "bad name".into(),
            },
            Issue {
                code: Code::PlanNotFound,
                field: "plan".into(),
                message: "no plan".into(),
            },
        ];
        let f = Failure::from_issues(issues.clone());
        assert_eq!(f.code, Code::InvalidServiceName);
        assert_eq!(f.message, "bad name (and 1 more)");
        assert_eq!(f.errors, issues);
    }

    #[test]
    fn redacts_the_secret_everywhere() {
        let f = Failure::new(Code::ApiError, "got tok-12345 back")
            .with_status(400, Some("header aivenv1 tok-12345".into()))
            .redacted("tok-12345");
        assert_eq!(f.message, "got [redacted] back");
        assert_eq!(f.errors[0].message, "got [redacted] back");
        assert_eq!(
            f.server_message.as_deref(),
            Some("header aivenv1 [redacted]")
        );
    }

    #[test]
    fn too_short_secrets_change_nothing() {
        assert_eq!(redact("abc", ""), "abc");
        assert_eq!(redact("the text", "x"), "the text");
        assert_eq!(redact("a 12345678 b", "12345678"), "a [redacted] b");
    }

    #[test]
    fn long_server_messages_are_shortened_on_a_char_boundary() {
        let long = "é".repeat(400);
        let f = Failure::new(Code::ApiError, "x").with_status(502, Some(long));
        let m = f.server_message.unwrap_or_default();
        assert!(m.len() <= MAX_SERVER_MESSAGE + "…".len());
        assert!(m.ends_with('…'));
    }
}
