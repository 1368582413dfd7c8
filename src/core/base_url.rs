//! The API base URL check, shared by the transport (where requests go) and the
//! equivalents (which API the generated commands talk to).
//!
//! The token travels in every request, so the base URL decides where it goes:
//! `https://` to any host, plain `http://` only to this machine (127.0.0.0/8,
//! `localhost`, `[::1]`), e.g. the bundled sandbox. A checked URL holds only
//! `a-z 0-9 . - : [ ] / _ ~` (host lower-cased, path limited to unreserved
//! characters), so it is safe inside single quotes in any shell.

use crate::core::issue::{Code, Issue};
use crate::core::num::push_u64;

/// Aiven's production API.
pub const DEFAULT_BASE_URL: &str = "https://api.aiven.io";

/// A checked base URL: scheme and host lower-cased, optional path prefix, no
/// trailing slash, no query, fragment or credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Check `input` (see the module docs for the rules).
    ///
    /// Errors (field `baseUrl`): [`Code::InvalidBaseUrl`] for anything that is not a
    /// plain `http(s)://host[:port][/prefix]` URL, [`Code::InsecureBaseUrl`] for
    /// `http://` to a host that is not loopback.
    pub fn parse(input: &str) -> Result<BaseUrl, Issue> {
        match BaseUrl::parse_any(input)? {
            (base, true) => Ok(base),
            (_, false) => Err(Issue::new(
                Code::InsecureBaseUrl,
                "baseUrl",
                INSECURE_MESSAGE,
            )),
        }
    }

    /// A same-origin path base (`/aiven-api`) of the page at `origin`
    /// (`location.origin`): the URL it stands for, and whether a token may travel
    /// there (https, or http to this machine). A console backend behind such a path
    /// adds the token itself, so plain http is fine as long as no token is sent
    /// (`transport::config` decides).
    ///
    /// Errors (field `baseUrl`): [`Code::InvalidBaseUrl`] for a path that is not
    /// `/segment[/segment...]` (`//host` included) or an origin that is not
    /// `http(s)://host[:port]`.
    pub fn same_origin(origin: &str, path: &str) -> Result<(BaseUrl, bool), Issue> {
        let path = path.trim_end_matches('/');
        if !path.starts_with('/')
            || !path
                .as_bytes()
                .split(|&c| c == b'/')
                .skip(1)
                .all(valid_prefix_segment)
        {
            return Err(Issue::new(
                Code::InvalidBaseUrl,
                "baseUrl",
                "baseUrl is not a valid same-origin path: use /segment[/segment...] (letters, digits, - . _ ~)",
            ));
        }
        let (origin, safe) = BaseUrl::parse_any(origin)?;
        if origin.0.splitn(4, '/').nth(3).is_some() {
            return Err(Issue::new(
                Code::InvalidBaseUrl,
                "baseUrl",
                "the page origin has a path; a same-origin baseUrl needs scheme://host[:port]",
            ));
        }
        let mut url = origin.0;
        url.push_str(path);
        Ok((BaseUrl(url), safe))
    }

    /// Check the shape of `input`; the flag says whether a token may go there
    /// (https, or plain http to this machine).
    fn parse_any(input: &str) -> Result<(BaseUrl, bool), Issue> {
        // Byte by byte: everything accepted is ASCII, and this stays small in the wasm.
        let invalid = |why: &str| {
            let mut message = String::from("baseUrl is not a valid API URL: ");
            message.push_str(why);
            Issue::new(Code::InvalidBaseUrl, "baseUrl", message)
        };
        let b = input.as_bytes();
        if b.is_empty() {
            return Err(invalid("it is empty"));
        }
        if b.iter().any(|&c| c <= b' ' || c == 0x7f) {
            return Err(invalid("it contains spaces or control characters"));
        }
        let (secure, rest) = if starts_with_ci(b, b"https://") {
            (true, &b[8..])
        } else if starts_with_ci(b, b"http://") {
            (false, &b[7..])
        } else if b.windows(3).any(|w| w == b"://") {
            return Err(invalid(
                "only https:// (or http:// to this machine) is allowed",
            ));
        } else {
            return Err(invalid("expected https://host"));
        };
        if rest.iter().any(|&c| c == b'?' || c == b'#') {
            return Err(invalid("a query or fragment is not allowed"));
        }
        let slash = rest.iter().position(|&c| c == b'/').unwrap_or(rest.len());
        let (authority, mut path) = rest.split_at(slash);
        if authority.contains(&b'@') {
            return Err(invalid("credentials in the URL are not allowed"));
        }
        let (host, port) = split_host_port(authority).ok_or_else(|| invalid("bad host or port"))?;
        if !valid_host(host) {
            return Err(invalid("bad host"));
        }
        let host: Vec<u8> = host.iter().map(u8::to_ascii_lowercase).collect();
        while let [init @ .., b'/'] = path {
            path = init;
        }
        if !path.is_empty() && !path.split(|&c| c == b'/').skip(1).all(valid_prefix_segment) {
            return Err(invalid("bad path"));
        }
        let safe = secure || is_loopback(&host);
        let mut url = String::from(if secure { "https://" } else { "http://" });
        // Host and path were checked to be ASCII.
        url.extend(host.iter().map(|&c| char::from(c)));
        if let Some(port) = port {
            url.push(':');
            push_u64(&mut url, u64::from(port));
        }
        url.extend(path.iter().map(|&c| char::from(c)));
        Ok((BaseUrl(url), safe))
    }

    /// The normalised URL (`https://api.aiven.io`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `self` followed by `path` (which starts with `/`).
    pub fn join(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.0.len() + path.len());
        url.push_str(&self.0);
        url.push_str(path);
        url
    }

    /// Whether this is Aiven's production API ([`DEFAULT_BASE_URL`]).
    pub fn is_default(&self) -> bool {
        self.0 == DEFAULT_BASE_URL
    }
}

impl Default for BaseUrl {
    fn default() -> Self {
        BaseUrl(DEFAULT_BASE_URL.to_string())
    }
}

fn starts_with_ci(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// `host` and the optional port of an authority (`[::1]:8787`, `example.com`).
fn split_host_port(authority: &[u8]) -> Option<(&[u8], Option<u16>)> {
    let (host, port) = if authority.first() == Some(&b'[') {
        let end = authority.iter().position(|&c| c == b']')?;
        let (host, after) = authority.split_at(end + 1);
        match after {
            [] => (host, None),
            [b':', port @ ..] => (host, Some(port)),
            _ => return None,
        }
    } else {
        match authority.iter().rposition(|&c| c == b':') {
            Some(i) => (&authority[..i], Some(&authority[i + 1..])),
            None => (authority, None),
        }
    };
    let port = match port {
        None => None,
        Some(digits) => Some(port_number(digits)?),
    };
    Some((host, port))
}

/// 1-65535 written with 1-5 decimal digits.
fn port_number(digits: &[u8]) -> Option<u16> {
    if digits.is_empty() || digits.len() > 5 {
        return None;
    }
    let mut n: u32 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(c - b'0');
    }
    u16::try_from(n).ok().filter(|n| *n > 0)
}

fn valid_host(host: &[u8]) -> bool {
    if let [b'[', inner @ .., b']'] = host {
        return inner.contains(&b':')
            && inner
                .iter()
                .all(|&c| c.is_ascii_hexdigit() || c == b':' || c == b'.');
    }
    !host.is_empty()
        && host.len() <= 253
        && host.split(|&c| c == b'.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .iter()
                    .all(|&c| c.is_ascii_alphanumeric() || c == b'-')
        })
}

fn valid_prefix_segment(segment: &[u8]) -> bool {
    !segment.is_empty()
        && segment != b"."
        && segment != b".."
        && segment
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || b"-._~".contains(&c))
}

/// Why plain http was refused; names every host [`is_loopback`] accepts.
const INSECURE_MESSAGE: &str = "plain http:// is only allowed to this machine (localhost, [::1] or any 127.x.x.x address such as 127.0.0.1); use https:// so the token is not sent in clear text";

/// Loopback hosts (lower-cased): `localhost`, `127.0.0.0/8` (four decimal octets),
/// `[::1]`.
fn is_loopback(host: &[u8]) -> bool {
    if host == b"localhost" || host == b"[::1]" || host == b"[0:0:0:0:0:0:0:1]" {
        return true;
    }
    let mut octets = 0;
    let all_bytes = host.split(|&c| c == b'.').all(|o| {
        octets += 1;
        (1..=3).contains(&o.len())
            && o.iter().all(u8::is_ascii_digit)
            && o.iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0')) <= 255
    });
    all_bytes && octets == 4 && host.starts_with(b"127.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> String {
        match BaseUrl::parse(input) {
            Ok(b) => b.as_str().to_string(),
            Err(e) => format!("ERR {:?}", e.code),
        }
    }

    fn code(input: &str) -> Option<Code> {
        BaseUrl::parse(input).err().map(|e| e.code)
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
        let f = f.map(|e| (e.field.clone(), e.message.contains("https://")));
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
    fn knows_the_default() {
        assert!(BaseUrl::default().is_default());
        assert!(BaseUrl::parse("HTTPS://api.aiven.io/").is_ok_and(|b| b.is_default()));
        assert!(BaseUrl::parse("https://api.aiven.io/v2").is_ok_and(|b| !b.is_default()));
    }

    #[test]
    fn same_origin_paths_resolve_against_the_page_origin() {
        let got = |o: &str, p: &str| match BaseUrl::same_origin(o, p) {
            Ok((b, safe)) => format!("{} {safe}", b.as_str()),
            Err(i) => format!("ERR {:?}", i.code),
        };
        assert_eq!(
            got("https://console.example.com", "/aiven-api"),
            "https://console.example.com/aiven-api true"
        );
        assert_eq!(
            got("http://127.0.0.1:8787", "/aiven-api/"),
            "http://127.0.0.1:8787/aiven-api true"
        );
        assert_eq!(
            got("http://console.internal:8080", "/api/aiven"),
            "http://console.internal:8080/api/aiven false"
        );
        for bad in [
            "aiven-api",
            "//evil.example/x",
            "/a/../b",
            "/a b",
            "/a?x=1",
            "/a#f",
            "/",
            "",
        ] {
            assert_eq!(
                got("https://console.example.com", bad),
                "ERR InvalidBaseUrl",
                "{bad:?}"
            );
        }
        assert_eq!(got("null", "/aiven-api"), "ERR InvalidBaseUrl");
        assert_eq!(got("https://a.example/x", "/api"), "ERR InvalidBaseUrl");
    }
}
