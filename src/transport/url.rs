//! The API base URL check and percent-encoded path segments.
//!
//! The token travels in every request, so the base URL decides where it goes:
//! `https://` to any host, plain `http://` only to this machine (127.0.0.0/8,
//! `localhost`, `[::1]`), e.g. the bundled sandbox.

use crate::core::issue::{Code, Issue};
use crate::transport::error::Failure;

/// Aiven's production API.
pub const DEFAULT_BASE_URL: &str = "https://api.aiven.io";

/// Longest path segment accepted (Aiven names are ≤ 64 characters; this only
/// stops absurd input early).
const MAX_SEGMENT: usize = 256;

/// A checked base URL: scheme and host lower-cased, optional path prefix, no
/// trailing slash, no query, fragment or credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Check `input` (see the module docs for the rules).
    ///
    /// Errors: [`Code::InvalidBaseUrl`] for anything that is not a plain
    /// `http(s)://host[:port][/prefix]` URL, [`Code::InsecureBaseUrl`] for `http://`
    /// to a host that is not loopback.
    pub fn parse(input: &str) -> Result<BaseUrl, Failure> {
        let invalid = |why: &str| {
            Failure::with_field(
                Code::InvalidBaseUrl,
                "baseUrl",
                format!("baseUrl is not a valid API URL: {why}"),
            )
        };
        if input.is_empty() {
            return Err(invalid("it is empty"));
        }
        if input.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(invalid("it contains spaces or control characters"));
        }
        let (scheme, rest) = input
            .split_once("://")
            .ok_or_else(|| invalid("expected https://host"))?;
        let secure = if scheme.eq_ignore_ascii_case("https") {
            true
        } else if scheme.eq_ignore_ascii_case("http") {
            false
        } else {
            return Err(invalid(
                "only https:// (or http:// to this machine) is allowed",
            ));
        };
        if rest.contains(['?', '#']) {
            return Err(invalid("a query or fragment is not allowed"));
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(invalid("credentials in the URL are not allowed"));
        }
        let (host, port) = split_host_port(authority).ok_or_else(|| invalid("bad host or port"))?;
        let host = host.to_ascii_lowercase();
        if !valid_host(&host) {
            return Err(invalid("bad host"));
        }
        let path = path.trim_end_matches('/');
        if !path.is_empty() && !path.split('/').skip(1).all(valid_prefix_segment) {
            return Err(invalid("bad path"));
        }
        if !secure && !is_loopback(&host) {
            return Err(Failure::with_field(
                Code::InsecureBaseUrl,
                "baseUrl",
                INSECURE_MESSAGE,
            ));
        }
        let scheme = if secure { "https" } else { "http" };
        let port = port.map(|p| format!(":{p}")).unwrap_or_default();
        Ok(BaseUrl(format!("{scheme}://{host}{port}{path}")))
    }

    /// The normalised URL (`https://api.aiven.io`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `self` followed by `path` (which starts with `/`).
    pub fn join(&self, path: &str) -> String {
        format!("{}{}", self.0, path)
    }
}

impl Default for BaseUrl {
    fn default() -> Self {
        BaseUrl(DEFAULT_BASE_URL.to_string())
    }
}

/// `host` and the optional port of an authority (`[::1]:8787`, `example.com`).
fn split_host_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let end = rest.find(']')?;
        let after = &rest[end + 1..];
        let host = &authority[..end + 2];
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':')?)),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u16>().ok().filter(|n| *n > 0)?)
        }
        Some(_) => return None,
    };
    Some((host, port))
}

fn valid_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.contains(':')
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

fn valid_prefix_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment != "."
        && segment != ".."
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// Why plain http was refused; names every host [`is_loopback`] accepts.
const INSECURE_MESSAGE: &str = "plain http:// is only allowed to this machine (localhost, [::1] or any 127.x.x.x address such as 127.0.0.1); use https:// so the token is not sent in clear text";

/// Loopback hosts: `localhost`, `127.0.0.0/8` (four decimal octets), `[::1]`.
fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host == "[::1]" || host == "[0:0:0:0:0:0:0:1]" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.bytes().all(|b| b.is_ascii_digit())
                && o.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

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

    fn ok(input: &str) -> String {
        match BaseUrl::parse(input) {
            Ok(b) => b.as_str().to_string(),
            Err(f) => format!("ERR {:?}", f.code),
        }
    }

    fn code(input: &str) -> Option<Code> {
        BaseUrl::parse(input).err().map(|f| f.code)
    }

    #[test]
    fn accepts_https_to_any_host_and_normalises() {
        assert_eq!(ok("https://api.aiven.io"), "https://api.aiven.io");
        assert_eq!(ok("HTTPS://API.Aiven.io/"), "https://api.aiven.io");
        assert_eq!(
            ok("https://proxy.example.com:8443/aiven/"),
            "https://proxy.example.com:8443/aiven"
        );
        assert_eq!(ok("https://10.0.0.5"), "https://10.0.0.5");
    }

    #[test]
    fn accepts_plain_http_only_to_loopback() {
        assert_eq!(ok("http://127.0.0.1:8787"), "http://127.0.0.1:8787");
        assert_eq!(ok("http://127.1.2.3"), "http://127.1.2.3");
        assert_eq!(ok("http://localhost:3000/"), "http://localhost:3000");
        assert_eq!(ok("http://LOCALHOST"), "http://localhost");
        assert_eq!(ok("http://[::1]:8787"), "http://[::1]:8787");
    }

    #[test]
    fn refuses_plain_http_elsewhere() {
        for url in [
            "http://api.aiven.io",
            "http://10.0.0.1",
            "http://127.0.0.1.evil.example",
            "http://localhost.evil.example",
            "http://128.0.0.1",
            "http://[::2]",
            "http://127.0.0.256",
        ] {
            assert_eq!(code(url), Some(Code::InsecureBaseUrl), "{url}");
        }
    }

    #[test]
    fn refuses_malformed_urls() {
        for url in [
            "",
            "api.aiven.io",
            "ftp://api.aiven.io",
            "https://",
            "https://user:pw@api.aiven.io",
            "https://api.aiven.io?x=1",
            "https://api.aiven.io#f",
            "https://api.aiven.io:0",
            "https://api.aiven.io:99999",
            "https://api.aiven.io:",
            "https://api aiven.io",
            "https://api.aiven.io/a/../b",
            "https://a..b",
            "https://[::1",
            "javascript:alert(1)",
            "https://api.aiven.io/\n",
        ] {
            assert_eq!(code(url), Some(Code::InvalidBaseUrl), "{url:?}");
        }
    }

    #[test]
    fn insecure_error_names_every_loopback_form_accepted() {
        let f = BaseUrl::parse("http://10.0.0.1:8787").err();
        assert_eq!(
            f.map(|f| (f.code, f.message)),
            Some((
                Code::InsecureBaseUrl,
                "plain http:// is only allowed to this machine (localhost, [::1] or any 127.x.x.x address such as 127.0.0.1); use https:// so the token is not sent in clear text".to_string()
            ))
        );
        // What the message promises is what is accepted: all of 127.0.0.0/8.
        for url in [
            "http://127.0.0.1",
            "http://127.255.255.254:1",
            "http://127.9.0.1",
        ] {
            assert!(BaseUrl::parse(url).is_ok(), "{url}");
        }
    }

    #[test]
    fn insecure_error_names_the_field_and_not_the_url_secret_parts() {
        let f = BaseUrl::parse("http://example.com").err();
        let f = f.map(|f| (f.errors[0].field.clone(), f.message.contains("https://")));
        assert_eq!(f, Some(("baseUrl".to_string(), true)));
    }

    #[test]
    fn default_is_aiven() {
        assert_eq!(
            BaseUrl::default().join("/v1/x"),
            "https://api.aiven.io/v1/x"
        );
    }

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
