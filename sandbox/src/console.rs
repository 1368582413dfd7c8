//! `--console-proxy`: the sandbox plays a web console's backend, the pattern that keeps
//! an Aiven token out of the browser.
//!
//! * `POST /_console/login` signs the browser in: an `HttpOnly; SameSite=Strict` session
//!   cookie and, in the body, the session's CSRF token (`{"csrfToken": ...}`), which the
//!   page sends back as `X-CSRF-Token`.
//! * `/aiven-api/v1/...` forwards only the calls a fork needs ([`allowed`]) for a signed-in
//!   browser, with the CSRF header, to the API routes of this sandbox, adding
//!   `Authorization: aivenv1 <token>` itself. Anything else is a 403 in Aiven's error
//!   shape; no cookie is a 401. The token is never in an answer; no CORS headers (the
//!   page and the proxy share an origin).

use std::collections::HashMap;
use std::io::Read;
use std::sync::Mutex;

use hyper::Method;

/// Where the proxy lives, and its login endpoint.
pub const PREFIX: &str = "/aiven-api";
pub const LOGIN: &str = "/_console/login";
/// The session cookie's name and the CSRF header.
pub const COOKIE: &str = "aiven_console_session";
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Most sessions kept (the oldest is dropped beyond).
const MAX_SESSIONS: usize = 1000;

/// Signed-in browsers: session id → CSRF token.
#[derive(Default)]
pub struct Sessions {
    inner: Mutex<(HashMap<String, String>, Vec<String>)>,
}

impl Sessions {
    /// A new session: `(session id, csrf token)`.
    pub fn open(&self) -> (String, String) {
        let (id, csrf) = (random_hex(), random_hex());
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.1.len() >= MAX_SESSIONS {
            let oldest = inner.1.remove(0);
            inner.0.remove(&oldest);
        }
        inner.0.insert(id.clone(), csrf.clone());
        inner.1.push(id.clone());
        (id, csrf)
    }

    /// The CSRF token of a session, if it exists.
    pub fn csrf(&self, id: &str) -> Option<String> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.0.get(id).cloned()
    }
}

/// 128 random bits as hex (from the OS; a hashed clock where that is unavailable).
fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    let from_os = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if from_os.is_err() {
        use std::hash::{BuildHasher, Hasher};
        for chunk in bytes.chunks_mut(8) {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0),
            );
            chunk.copy_from_slice(&h.finish().to_le_bytes()[..chunk.len()]);
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The session id in a `Cookie` header.
pub fn session_of(cookie_header: &str) -> Option<&str> {
    cookie_header
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// The calls a fork needs, and nothing else: reading the source, its backups, the
/// project's services, the type's plans and the project's clouds, and creating the fork. `path` is the API
/// path after the prefix (`/v1/project/p/service`), still percent-encoded.
pub fn allowed(method: &Method, path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/v1/project/") else {
        return false;
    };
    let segs: Vec<&str> = rest.split('/').collect();
    // Every segment is a name: not empty, not a dot segment.
    if segs
        .iter()
        .any(|s| s.is_empty() || *s == "." || *s == ".." || s.contains('\\'))
    {
        return false;
    }
    let get = method == Method::GET;
    matches!(
        (segs.as_slice(), get, method == Method::POST),
        ([_, "service"], true, _)
            | ([_, "service"], _, true)
            | ([_, "service", _], true, _)
            | ([_, "service", _, "backups"], true, _)
            | ([_, "service-types", _, "plans"], true, _)
            | ([_, "clouds"], true, _)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_exactly_the_fork_calls() {
        for (m, p) in [
            (Method::GET, "/v1/project/demo-project/service"),
            (Method::POST, "/v1/project/demo-project/service"),
            (Method::GET, "/v1/project/demo-project/service/demo-pg"),
            (
                Method::GET,
                "/v1/project/demo-project/service/demo-pg/backups",
            ),
            (
                Method::GET,
                "/v1/project/demo-project/service-types/pg/plans",
            ),
            (Method::GET, "/v1/project/a%2Fb/service/x%20y"),
            (Method::GET, "/v1/project/demo-project/clouds"),
        ] {
            assert!(allowed(&m, p), "{m} {p}");
        }
        for (m, p) in [
            (Method::DELETE, "/v1/project/demo-project/service/demo-pg"),
            (Method::PUT, "/v1/project/demo-project/service/demo-pg"),
            (Method::POST, "/v1/project/demo-project/service/demo-pg"),
            (Method::GET, "/v1/me"),
            (Method::GET, "/v1/project"),
            (Method::GET, "/v1/project/demo-project"),
            (Method::GET, "/v1/project/demo-project/vpcs"),
            (Method::GET, "/v1/clouds"),
            (Method::POST, "/v1/project/demo-project/clouds"),
            (Method::GET, "/v1/project/demo-project/service-types/pg"),
            (
                Method::GET,
                "/v1/project/demo-project/service/demo-pg/backups/x",
            ),
            (Method::GET, "/v1/project/demo-project/service//backups"),
            (Method::GET, "/v1/project/../service"),
            (Method::GET, "/v1/project/demo-project/service/.."),
            (Method::GET, "/_sandbox/requests"),
            (Method::GET, "/v1/project/demo-project/service/"),
        ] {
            assert!(!allowed(&m, p), "{m} {p}");
        }
    }

    #[test]
    fn reads_the_session_cookie() {
        assert_eq!(
            session_of("a=1; aiven_console_session=abc; b=2"),
            Some("abc")
        );
        assert_eq!(session_of("aiven_console_session="), None);
        assert_eq!(session_of("other=abc"), None);
    }

    #[test]
    fn sessions_are_random_and_bounded() {
        let s = Sessions::default();
        let (a, csrf) = s.open();
        let (b, _) = s.open();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert_eq!(s.csrf(&a), Some(csrf));
        for _ in 0..MAX_SESSIONS {
            s.open();
        }
        assert_eq!(s.csrf(&a), None);
    }
}
