//! What came back from one HTTP request, and how to read Aiven's answers.

use crate::core::issue::Code;
use crate::core::json::{self, Number, Value};
use crate::core::text::find;
use crate::transport::error::Failure;

/// The result of one HTTP request, as the fetch layer saw it.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The server answered (any status).
    Answered {
        status: u16,
        body: String,
        /// The `Retry-After` header, if present.
        retry_after: Option<String>,
    },
    /// No answer: connection refused or dropped, DNS failure, CORS refusal.
    /// The detail is the fetch error text (it never holds the token).
    Dropped(String),
    /// The per-request timeout fired before the answer was complete.
    TimedOut,
}

/// How an answer's status is to be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusClass {
    /// 2xx.
    Success,
    /// 409: the name already exists.
    Conflict,
    /// 429: rate limited; nothing was done.
    RateLimited,
    /// 404.
    NotFound,
    /// 5xx (and 408): the server failed; for a create it may have been done anyway.
    ServerError,
    /// Any other status (400, 401, 403, ...): the request was refused.
    Refused,
}

/// Classify an HTTP status.
pub fn classify(status: u16) -> StatusClass {
    match status {
        200..=299 => StatusClass::Success,
        409 => StatusClass::Conflict,
        429 => StatusClass::RateLimited,
        404 => StatusClass::NotFound,
        408 | 500..=599 => StatusClass::ServerError,
        _ => StatusClass::Refused,
    }
}

/// The message of an Aiven error body (`{"message": ..., "errors": [{"message": ...}]}`),
/// or the body itself when it is short plain text.
pub fn server_message(body: &str) -> Option<String> {
    match json::parse(body) {
        Ok(v) => v
            .get("message")
            .and_then(Value::as_str)
            .or_else(|| {
                v.get("errors")
                    .and_then(Value::as_array)
                    .and_then(|e| e.first())
                    .and_then(|e| e.get("message"))
                    .and_then(Value::as_str)
            })
            .map(str::to_string),
        Err(_) => {
            let t = body.trim();
            (!t.is_empty() && t.len() <= 200 && !t.starts_with('<')).then(|| t.to_string())
        }
    }
}

/// How long a 429 asks to wait, in milliseconds: the `Retry-After` header
/// (seconds), else Aiven's message (`"... try again in 28s"`). `None` when neither
/// says.
pub fn retry_after_ms(header: Option<&str>, message: Option<&str>) -> Option<u64> {
    // Seconds, read exactly (`1.5` is 1500 ms); a negative or malformed header is ignored.
    let header = header.and_then(|h| Number::parse(h.trim()));
    if let Some(ms) = header.and_then(|secs| secs.ceil_times(1000)) {
        return Some(ms);
    }
    let m = message?;
    let at = find(m, "try again in ")? + "try again in ".len();
    let rest = m.get(at..)?;
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let n = Number::parse(&digits)?;
    let unit = rest.get(digits.len()..)?.trim_start();
    let per_unit = if unit.starts_with("ms") {
        1
    } else if unit.starts_with('m') {
        60_000
    } else {
        1000
    };
    n.ceil_times(per_unit)
}

/// How long a 429 answer asks to wait, in milliseconds: [`retry_after_ms`] of its
/// `Retry-After` header and its body's message.
pub fn asked_wait_ms(retry_after: Option<&str>, body: &str) -> Option<u64> {
    retry_after_ms(retry_after, server_message(body).as_deref())
}

/// The `service` object of a ServiceGet / ServiceCreate answer.
pub fn service_of(body: &str) -> Option<Value> {
    match json::parse(body).ok()?.get("service") {
        Some(s @ Value::Object(_)) => Some(s.clone()),
        _ => None,
    }
}

/// The failure for an answer that ends an operation (`what` says what was asked,
/// e.g. `creating service x`).
pub fn answer_failure(status: u16, body: &str, what: &str) -> Failure {
    let server = server_message(body);
    let code = match classify(status) {
        StatusClass::RateLimited => Code::RateLimited,
        StatusClass::Conflict => Code::NameTaken,
        _ => Code::ApiError,
    };
    let mut message = format!("{what} failed: HTTP {status}");
    if let Some(s) = &server {
        message.push_str(": ");
        message.push_str(s);
    }
    Failure::new(code, message).with_status(status, server)
}

/// The failure for a request that got no answer.
pub fn outcome_failure(outcome: &Outcome, what: &str) -> Failure {
    match outcome {
        Outcome::Answered { status, body, .. } => answer_failure(*status, body, what),
        Outcome::Dropped(detail) => Failure::new(
            Code::NetworkError,
            format!("{what} failed: no answer from the API ({detail})"),
        ),
        Outcome::TimedOut => Failure::new(
            Code::NetworkError,
            format!("{what} failed: the API did not answer in time"),
        ),
    }
}

/// Parse a successful answer and take `key` out of it (`service`, `backups`...).
pub fn parse_answer(body: &str, what: &str) -> Result<Value, Failure> {
    json::parse(body).map_err(|issue| {
        Failure::new(
            Code::InvalidResponse,
            format!(
                "{what}: the API answer is not valid JSON ({})",
                issue.message
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_headers_are_read_as_exact_seconds() {
        let header = |h: &str| retry_after_ms(Some(h), None);
        assert_eq!(header("28"), Some(28_000));
        assert_eq!(header(" 1.5 "), Some(1_500));
        assert_eq!(header("0"), Some(0));
        assert_eq!(header("0.0001"), Some(1));
        assert_eq!(header("1e3"), Some(1_000_000));
        for bad in [
            "", "abc", "1s", "+1", "NaN", "inf", "1e999", "[1]", "\"1\"", "-1",
        ] {
            assert_eq!(header(bad), None, "{bad}");
        }
    }

    #[test]
    fn classifies_statuses() {
        assert_eq!(classify(200), StatusClass::Success);
        assert_eq!(classify(201), StatusClass::Success);
        assert_eq!(classify(409), StatusClass::Conflict);
        assert_eq!(classify(429), StatusClass::RateLimited);
        assert_eq!(classify(404), StatusClass::NotFound);
        assert_eq!(classify(500), StatusClass::ServerError);
        assert_eq!(classify(503), StatusClass::ServerError);
        assert_eq!(classify(408), StatusClass::ServerError);
        assert_eq!(classify(400), StatusClass::Refused);
        assert_eq!(classify(401), StatusClass::Refused);
        assert_eq!(classify(403), StatusClass::Refused);
    }

    #[test]
    fn reads_aiven_error_messages() {
        let body =
            r#"{"errors":[{"message":"Invalid token","status":401}],"message":"Invalid token"}"#;
        assert_eq!(server_message(body), Some("Invalid token".into()));
        let body = r#"{"errors":[{"message":"Service x does not exist","status":404}]}"#;
        assert_eq!(
            server_message(body),
            Some("Service x does not exist".into())
        );
        assert_eq!(server_message("Bad Gateway"), Some("Bad Gateway".into()));
        assert_eq!(server_message("<html>proxy</html>"), None);
        assert_eq!(server_message(""), None);
    }

    #[test]
    fn retry_after_header_wins_then_message() {
        assert_eq!(
            retry_after_ms(Some("3"), Some("try again in 28s")),
            Some(3000)
        );
        assert_eq!(retry_after_ms(Some("0.25"), None), Some(250));
        assert_eq!(
            retry_after_ms(None, Some("Rate limit 120 exceeded - try again in 28s")),
            Some(28_000)
        );
        assert_eq!(
            retry_after_ms(Some("soon"), Some("try again in 2s")),
            Some(2000)
        );
        assert_eq!(retry_after_ms(None, Some("try again in 1.5s")), Some(1500));
        assert_eq!(retry_after_ms(None, Some("try again in 2m")), Some(120_000));
        assert_eq!(retry_after_ms(None, Some("try again in 300ms")), Some(300));
        assert_eq!(retry_after_ms(None, Some("slow down")), None);
        assert_eq!(retry_after_ms(Some("-1"), None), None);
    }

    #[test]
    fn answer_failures_carry_status_and_server_message() {
        let f = answer_failure(
            403,
            r#"{"message":"Not a project member"}"#,
            "reading service s",
        );
        assert_eq!(f.code, Code::ApiError);
        assert_eq!(f.status, Some(403));
        assert_eq!(f.server_message.as_deref(), Some("Not a project member"));
        assert_eq!(
            f.message,
            "reading service s failed: HTTP 403: Not a project member"
        );
        let f = answer_failure(
            429,
            r#"{"message":"Rate limit 120 exceeded - try again in 28s"}"#,
            "x",
        );
        assert_eq!(f.code, Code::RateLimited);
        // The server's words reach the message with nothing that acts on a terminal;
        // `serverMessage` keeps them as sent.
        let f = answer_failure(500, "boom\u{1b}[2J\u{202e}", "x");
        assert_eq!(f.message, "x failed: HTTP 500: boom\\u001b[2J\\u202e");
        assert_eq!(f.server_message.as_deref(), Some("boom\u{1b}[2J\u{202e}"));
    }

    #[test]
    fn outcome_failures_name_the_network_problem() {
        let f = outcome_failure(&Outcome::TimedOut, "creating service x");
        assert_eq!(f.code, Code::NetworkError);
        assert_eq!(f.status, None);
        let f = outcome_failure(&Outcome::Dropped("TypeError: fetch failed".into()), "y");
        assert_eq!(
            f.message,
            "y failed: no answer from the API (TypeError: fetch failed)"
        );
    }
}
