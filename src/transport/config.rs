//! Client settings. The token lives here and nowhere else; `Debug` redacts it.

use std::fmt;

use crate::core::issue::Code;
use crate::transport::endpoints::Endpoints;
use crate::transport::error::Failure;
use crate::transport::retry::RetryPolicy;
use crate::transport::url::BaseUrl;

/// What a `ForkClient` is built from.
#[derive(Clone)]
pub struct ClientConfig {
    endpoints: Endpoints,
    token: String,
    /// Retry limits and timeouts.
    pub policy: RetryPolicy,
}

impl ClientConfig {
    /// Check `base_url` (default: Aiven's API) and `token` (non-empty, no
    /// whitespace or control characters, which would break or smuggle headers).
    pub fn new(base_url: Option<&str>, token: &str) -> Result<ClientConfig, Failure> {
        let base = match base_url {
            Some(u) => BaseUrl::parse(u).map_err(|issue| Failure::from_issues(vec![issue]))?,
            None => BaseUrl::default(),
        };
        if token.is_empty() {
            return Err(Failure::with_field(
                Code::MissingField,
                "token",
                "token is required (an Aiven API token)",
            ));
        }
        if token.chars().any(|c| c.is_whitespace() || c.is_control()) || !token.is_ascii() {
            // The message must not echo the token.
            return Err(Failure::with_field(
                Code::InvalidValue,
                "token",
                "token contains spaces, control or non-ASCII characters",
            ));
        }
        Ok(ClientConfig {
            endpoints: Endpoints::new(base),
            token: token.to_string(),
            policy: RetryPolicy::default(),
        })
    }

    /// URL builder for the base URL.
    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// The `Authorization` header value (`aivenv1 <token>`). Only the fetch layer
    /// calls this.
    pub fn authorization(&self) -> String {
        format!("aivenv1 {}", self.token)
    }

    /// The token, for redacting it out of texts that came from elsewhere.
    pub fn secret(&self) -> &str {
        &self.token
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.endpoints.base().as_str())
            .field("token", &"[redacted]")
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
            c.map(|c| c.authorization()).ok().as_deref(),
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
}
