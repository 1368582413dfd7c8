//! Client settings: where requests go, what authenticates them, extra headers and
//! fetch's credentials mode. The token lives here and nowhere else; `Debug` redacts it.
//!
//! Two ways to authenticate, decided here (not in the bindings):
//! * a token, sent as `Authorization: aivenv1 <token>`, only over https or to this
//!   machine (see [`crate::transport::url`]);
//! * no token, when the base is a same-origin path of the page (`/aiven-api`): a
//!   console backend there authenticates the browser (e.g. a session cookie) and adds
//!   the token itself, so the page never holds one.

use std::fmt;

use crate::core::issue::Code;
use crate::transport::endpoints::Endpoints;
use crate::transport::error::Failure;
use crate::transport::retry::RetryPolicy;
use crate::transport::url::BaseUrl;

/// Most extra headers accepted.
const MAX_HEADERS: usize = 32;
/// Longest extra header value.
const MAX_HEADER_VALUE: usize = 4096;

/// Header names the caller may not set: the credential header (the client or the
/// console backend owns it), hop-by-hop headers (meaningful for one connection only)
/// and those the browser controls.
const REFUSED_HEADERS: [&str; 12] = [
    "authorization",
    "proxy-authorization",
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
    "cookie",
];

/// fetch's `credentials` mode: whether the browser sends cookies with the calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credentials {
    Omit,
    SameOrigin,
    Include,
}

impl Credentials {
    /// The fetch spelling (`same-origin`).
    pub fn as_str(self) -> &'static str {
        match self {
            Credentials::Omit => "omit",
            Credentials::SameOrigin => "same-origin",
            Credentials::Include => "include",
        }
    }
}

/// What a `ForkClient` is built from, as the caller gave it.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions<'a> {
    /// `https://...`, `http://` to this machine, or a same-origin path (`/aiven-api`).
    pub base_url: Option<&'a str>,
    /// The API token; `None` or empty: none.
    pub token: Option<&'a str>,
    /// Extra request headers (e.g. a console backend's CSRF header).
    pub headers: Vec<(String, String)>,
    /// fetch's credentials mode (`omit`, `same-origin`, `include`).
    pub credentials: Option<&'a str>,
    /// The page's origin (`location.origin`) when running in a browser page.
    pub page_origin: Option<&'a str>,
}

/// Checked client settings.
#[derive(Clone)]
pub struct ClientConfig {
    endpoints: Endpoints,
    token: Option<String>,
    headers: Vec<(String, String)>,
    credentials: Option<Credentials>,
    /// Retry limits and timeouts.
    pub policy: RetryPolicy,
}

fn refused(field: &str, message: String) -> Failure {
    Failure::with_field(Code::InvalidValue, field, message)
}

/// RFC 9110 token characters (a header name).
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn check_headers(headers: &[(String, String)]) -> Result<(), Failure> {
    if headers.len() > MAX_HEADERS {
        return Err(refused(
            "headers",
            format!("headers has more than {MAX_HEADERS} entries"),
        ));
    }
    for (name, value) in headers {
        let field = format!("headers.{name}");
        if !is_token(name) {
            return Err(refused(
                "headers",
                "headers has a name that is not a valid HTTP header name".to_string(),
            ));
        }
        let lower = name.to_ascii_lowercase();
        if lower == "authorization" {
            return Err(refused(
                &field,
                "headers may not set Authorization: give the token option, or let the console backend behind a same-origin baseUrl add it".to_string(),
            ));
        }
        if REFUSED_HEADERS.contains(&lower.as_str()) || lower.starts_with("proxy-") {
            return Err(refused(
                &field,
                format!(
                    "headers may not set {name}: it is a hop-by-hop or browser-controlled header"
                ),
            ));
        }
        // The message names the header, never its value (it may be a secret).
        if value.len() > MAX_HEADER_VALUE || value.chars().any(|c| c.is_control() && c != '\t') {
            return Err(refused(
                &field,
                format!("headers.{name} has control characters or is longer than {MAX_HEADER_VALUE} bytes"),
            ));
        }
    }
    Ok(())
}

fn check_token(token: &str) -> Result<(), Failure> {
    if token.chars().any(|c| c.is_whitespace() || c.is_control()) || !token.is_ascii() {
        // The message must not echo the token.
        return Err(Failure::with_field(
            Code::InvalidValue,
            "token",
            "token contains spaces, control or non-ASCII characters",
        ));
    }
    Ok(())
}

impl ClientConfig {
    /// A client with a token: `base_url` (default: Aiven's API) must be https or
    /// http to this machine; `token` non-empty, without whitespace or control
    /// characters (which would break or smuggle headers).
    pub fn new(base_url: Option<&str>, token: &str) -> Result<ClientConfig, Failure> {
        ClientConfig::from_options(&ClientOptions {
            base_url,
            token: Some(token),
            ..ClientOptions::default()
        })
    }

    /// Check every option (see the module docs for the two ways to authenticate).
    ///
    /// Errors: `invalid_base_url` / `insecure_base_url` for the base; a path base
    /// outside a browser page is `invalid_base_url`; `missing_field` (`token`) for no
    /// token with an absolute base; `insecure_base_url` for a token to a plain-http,
    /// non-loopback page origin; `invalid_value` for a bad token, a refused or
    /// malformed header, or an unknown credentials mode.
    pub fn from_options(o: &ClientOptions) -> Result<ClientConfig, Failure> {
        let token = o.token.filter(|t| !t.is_empty());
        let base = match o.base_url {
            Some(path) if path.starts_with('/') => {
                let Some(origin) = o.page_origin else {
                    return Err(Failure::with_field(
                        Code::InvalidBaseUrl,
                        "baseUrl",
                        "baseUrl is a path, which only a browser page can resolve (against its own origin); elsewhere give the full https:// URL",
                    ));
                };
                let (base, token_safe) =
                    BaseUrl::same_origin(origin, path).map_err(Failure::from)?;
                if token.is_some() && !token_safe {
                    return Err(Failure::with_field(
                        Code::InsecureBaseUrl,
                        "baseUrl",
                        "this page is plain http:// to another machine: a token would travel in clear text; leave the token out (the console backend adds it) or serve the page over https://",
                    ));
                }
                base
            }
            Some(url) => {
                let base = BaseUrl::parse(url).map_err(Failure::from)?;
                if token.is_none() {
                    return Err(missing_token());
                }
                base
            }
            None if token.is_none() => return Err(missing_token()),
            None => BaseUrl::default(),
        };
        if let Some(t) = token {
            check_token(t)?;
        }
        check_headers(&o.headers)?;
        let credentials = match o.credentials {
            None => None,
            Some("omit") => Some(Credentials::Omit),
            Some("same-origin") => Some(Credentials::SameOrigin),
            Some("include") => Some(Credentials::Include),
            Some(_) => {
                return Err(refused(
                    "credentials",
                    "credentials must be \"omit\", \"same-origin\" or \"include\"".to_string(),
                ))
            }
        };
        Ok(ClientConfig {
            endpoints: Endpoints::new(base),
            token: token.map(str::to_string),
            headers: o.headers.clone(),
            credentials,
            policy: RetryPolicy::default(),
        })
    }

    /// URL builder for the base URL.
    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// The `Authorization` header value (`aivenv1 <token>`), `None` without a token
    /// (a console backend adds it). Only the fetch layer calls this.
    pub fn authorization(&self) -> Option<String> {
        self.token.as_ref().map(|t| format!("aivenv1 {t}"))
    }

    /// The extra request headers, checked.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// fetch's credentials mode, when one was given.
    pub fn credentials(&self) -> Option<Credentials> {
        self.credentials
    }

    /// The token (`""` without one), for redacting it out of texts that came from elsewhere.
    pub fn secret(&self) -> &str {
        self.token.as_deref().unwrap_or("")
    }
}

fn missing_token() -> Failure {
    Failure::with_field(
        Code::MissingField,
        "token",
        "token is required (an Aiven API token), unless baseUrl is a same-origin path such as /aiven-api whose backend adds it",
    )
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.endpoints.base().as_str())
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field("credentials", &self.credentials)
            .field("policy", &self.policy)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_token() {
        let c = ClientConfig::new(Some("http://127.0.0.1:8787"), "secret-tok-42");
        let text = format!("{c:?}");
        assert!(!text.contains("secret-tok-42"), "{text}");
        assert!(text.contains("[redacted]"), "{text}");
        assert!(text.contains("http://127.0.0.1:8787"), "{text}");
        let pretty = format!("{:#?}", c.ok());
        assert!(!pretty.contains("secret-tok-42"));
    }

    #[test]
    fn authorization_uses_the_aivenv1_scheme() {
        let c = ClientConfig::new(None, "abc");
        assert_eq!(
            c.ok().and_then(|c| c.authorization()).as_deref(),
            Some("aivenv1 abc")
        );
    }

    #[test]
    fn checks_base_url_and_token() {
        let code = |b: Option<&str>, t: &str| ClientConfig::new(b, t).err().map(|f| f.code);
        assert_eq!(
            code(Some("http://api.aiven.io"), "t"),
            Some(Code::InsecureBaseUrl)
        );
        assert_eq!(code(Some("nope"), "t"), Some(Code::InvalidBaseUrl));
        assert_eq!(code(None, ""), Some(Code::MissingField));
        assert_eq!(code(None, "a b"), Some(Code::InvalidValue));
        assert_eq!(code(None, "a\r\nX-Evil: 1"), Some(Code::InvalidValue));
        let f = ClientConfig::new(None, "bad token").err();
        assert!(f.is_some_and(|f| !f.message.contains("bad token")));
        assert_eq!(
            ClientConfig::new(None, "t")
                .map(|c| c.endpoints().base().as_str().to_string())
                .ok()
                .as_deref(),
            Some("https://api.aiven.io")
        );
    }

    fn opts<'a>(
        base: &'a str,
        token: Option<&'a str>,
        origin: Option<&'a str>,
    ) -> ClientOptions<'a> {
        ClientOptions {
            base_url: Some(base),
            token,
            page_origin: origin,
            ..ClientOptions::default()
        }
    }

    fn outcome(o: &ClientOptions) -> Result<(String, Option<String>), (Code, String)> {
        ClientConfig::from_options(o)
            .map(|c| (c.endpoints().base().as_str().to_string(), c.authorization()))
            .map_err(|f| (f.code, f.errors[0].field.clone()))
    }

    #[test]
    fn a_same_origin_path_in_a_page_needs_no_token() {
        assert_eq!(
            outcome(&opts(
                "/aiven-api",
                None,
                Some("https://console.example.com")
            )),
            Ok(("https://console.example.com/aiven-api".into(), None))
        );
        // Plain http to another machine is fine without a token: nothing secret travels.
        assert_eq!(
            outcome(&opts("/aiven-api", None, Some("http://console.internal"))),
            Ok(("http://console.internal/aiven-api".into(), None))
        );
        // With a token the page origin must be https or this machine.
        assert_eq!(
            outcome(&opts(
                "/aiven-api",
                Some("tok"),
                Some("http://127.0.0.1:8787")
            )),
            Ok((
                "http://127.0.0.1:8787/aiven-api".into(),
                Some("aivenv1 tok".into())
            ))
        );
        assert_eq!(
            outcome(&opts(
                "/aiven-api",
                Some("tok"),
                Some("http://console.internal")
            )),
            Err((Code::InsecureBaseUrl, "baseUrl".into()))
        );
        // An empty token is no token.
        assert_eq!(
            outcome(&opts(
                "/aiven-api",
                Some(""),
                Some("http://console.internal")
            )),
            Ok(("http://console.internal/aiven-api".into(), None))
        );
    }

    #[test]
    fn a_path_outside_a_page_and_an_absolute_url_without_token_are_refused() {
        assert_eq!(
            outcome(&opts("/aiven-api", None, None)),
            Err((Code::InvalidBaseUrl, "baseUrl".into()))
        );
        assert_eq!(
            outcome(&opts(
                "https://api.aiven.io",
                None,
                Some("https://console.example.com")
            )),
            Err((Code::MissingField, "token".into()))
        );
        assert_eq!(
            outcome(&ClientOptions::default()),
            Err((Code::MissingField, "token".into()))
        );
        assert_eq!(
            outcome(&opts(
                "//evil.example/x",
                None,
                Some("https://console.example.com")
            )),
            Err((Code::InvalidBaseUrl, "baseUrl".into()))
        );
        // A token is still refused over plain http to another machine, page or not.
        assert_eq!(
            outcome(&opts(
                "http://api.aiven.io",
                Some("tok"),
                Some("http://api.aiven.io")
            )),
            Err((Code::InsecureBaseUrl, "baseUrl".into()))
        );
    }

    #[test]
    fn headers_refuse_authorization_hop_by_hop_and_bad_values() {
        let with = |name: &str, value: &str| {
            let mut o = opts("/aiven-api", None, Some("https://console.example.com"));
            o.headers = vec![(name.to_string(), value.to_string())];
            ClientConfig::from_options(&o)
                .map_err(|f| (f.code, f.errors[0].field.clone(), f.message))
        };
        let ok = with("X-CSRF-Token", "abc123");
        assert_eq!(
            ok.map(|c| c.headers().to_vec()).ok(),
            Some(vec![("X-CSRF-Token".to_string(), "abc123".to_string())])
        );
        let err = with("authorization", "aivenv1 x").err();
        assert_eq!(
            err.as_ref().map(|e| (e.0, e.1.as_str())),
            Some((Code::InvalidValue, "headers.authorization"))
        );
        assert!(err.is_some_and(
            |e| e.2.contains("may not set Authorization") && !e.2.contains("aivenv1 x")
        ));
        for name in [
            "Connection",
            "Keep-Alive",
            "Transfer-Encoding",
            "Upgrade",
            "TE",
            "Trailer",
            "Proxy-Authorization",
            "Proxy-Anything",
            "Host",
            "Cookie",
            "Content-Length",
        ] {
            let e = with(name, "1").err();
            assert_eq!(
                e.as_ref().map(|e| (e.0, e.1.clone())),
                Some((Code::InvalidValue, format!("headers.{name}"))),
                "{name}"
            );
            assert!(e.is_some_and(|e| e.2.contains("hop-by-hop")), "{name}");
        }
        for (name, value) in [
            ("X-A", "a\r\nX-Evil: 1"),
            ("X-A", "a\0b"),
            ("Bad Name", "v"),
            ("", "v"),
        ] {
            assert_eq!(
                with(name, value).err().map(|e| e.0),
                Some(Code::InvalidValue),
                "{name:?}"
            );
        }
        let secret = with("X-A", "secret-value\n").err();
        assert!(secret.is_some_and(|e| !e.2.contains("secret-value")));
    }

    #[test]
    fn credentials_modes() {
        let with = |mode: &str| {
            let mut o = opts("/aiven-api", None, Some("https://console.example.com"));
            o.credentials = Some(mode);
            ClientConfig::from_options(&o)
                .map(|c| c.credentials())
                .map_err(|f| f.code)
        };
        assert_eq!(with("omit"), Ok(Some(Credentials::Omit)));
        assert_eq!(with("same-origin"), Ok(Some(Credentials::SameOrigin)));
        assert_eq!(with("include"), Ok(Some(Credentials::Include)));
        assert_eq!(with("always"), Err(Code::InvalidValue));
        assert_eq!(Credentials::SameOrigin.as_str(), "same-origin");
    }

    #[test]
    fn without_a_token_nothing_is_redacted_and_debug_says_so() {
        let c = ClientConfig::from_options(&opts("/aiven-api", None, Some("https://c.example")));
        assert_eq!(c.as_ref().map(|c| c.secret()).ok(), Some(""));
        let text = format!("{:?}", c.ok());
        assert!(text.contains("token: None"), "{text}");
    }
}
