//! Percent-encoded path segments, and the base URL check (which lives in
//! [`crate::core::base_url`], because the equivalents name the API too).

pub use crate::core::base_url::{BaseUrl, DEFAULT_BASE_URL};
use crate::core::issue::{Code, Issue};

/// Longest path segment accepted (Aiven names are ≤ 64 characters; this only
/// stops absurd input early).
const MAX_SEGMENT: usize = 256;

/// Check one path segment (`field` names it in the error) and percent-encode it.
///
/// Rejects empty segments, `.` and `..`, control characters and overlong values
/// ([`Code::InvalidPathSegment`]); encodes everything but `A-Z a-z 0-9 - . _ ~`.
pub fn segment(field: &str, value: &str) -> Result<String, Issue> {
    let bad = |why: &str| Issue {
        code: Code::InvalidPathSegment,
        field: field.to_string(),
        message: format!("{field} cannot be used in a URL: {why}"),
    };
    if value.is_empty() {
        return Err(bad("it is empty"));
    }
    if value == "." || value == ".." {
        return Err(bad("`.` and `..` are not names"));
    }
    if value.chars().any(char::is_control) {
        return Err(bad("it contains control characters"));
    }
    if value.len() > MAX_SEGMENT {
        return Err(bad("it is too long"));
    }
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_characters_in_segments() {
        assert_eq!(
            segment("project", "demo-project"),
            Ok("demo-project".into())
        );
        assert_eq!(segment("project", "a/b"), Ok("a%2Fb".into()));
        assert_eq!(
            segment("project", "a b%c?d#e"),
            Ok("a%20b%25c%3Fd%23e".into())
        );
        assert_eq!(segment("project", "ä"), Ok("%C3%A4".into()));
        assert_eq!(segment("project", "..."), Ok("...".into()));
    }

    #[test]
    fn rejects_empty_dot_and_control_segments() {
        for bad in ["", ".", "..", "a\nb", "a\u{7f}", &"x".repeat(300)] {
            let got = segment("serviceName", bad).map_err(|i| (i.code, i.field));
            assert_eq!(
                got,
                Err((Code::InvalidPathSegment, "serviceName".to_string())),
                "{bad:?}"
            );
        }
    }
}
