//! Time parsing and formatting in the shapes Aiven uses.
//!
//! The sandbox parses `recovery_target_time` with its own code (not the library's) so that a
//! bug in either side shows up in tests.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};

/// `2026-11-25T08:00:00.123456+00:00`: backups and PITR windows.
pub fn offset(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, false)
}

/// `2026-11-25T08:00:00.123456Z`: create and update times.
pub fn zulu(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Parses the `recovery_target_time` shapes Aiven accepts: RFC 3339, or
/// `YYYY-MM-DD HH:MM:SS[.ffffff][±HH:MM|Z]`; a time without a zone is UTC.
pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.len() < 19 || s.len() > 40 {
        return None;
    }
    let normalized = if s.as_bytes().get(10) == Some(&b' ') {
        format!("{}T{}", &s[..10], &s[11..])
    } else {
        s.to_string()
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(&normalized) {
        return Some(t.with_timezone(&Utc));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M:%S%.f%:z"] {
        if let Ok(t) = DateTime::parse_from_str(&normalized, fmt) {
            return Some(t.with_timezone(&Utc));
        }
    }
    NaiveDateTime::parse_from_str(&normalized, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|n| n.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_shapes() {
        let want = "2025-07-01T15:16:22+00:00";
        for s in [
            "2025-07-01T15:16:22+00:00",
            "2025-07-01 15:16:22",
            "2025-07-01T15:16:22Z",
            "2025-07-01 17:16:22+02:00",
        ] {
            let t = parse(s).map(|t| t.to_rfc3339());
            assert_eq!(t.as_deref(), Some(want), "{s}");
        }
        let t = parse("2023-01-20 11:38:49.926085+00:00").map(offset);
        assert_eq!(t.as_deref(), Some("2023-01-20T11:38:49.926085+00:00"));
    }

    #[test]
    fn refuses_garbage() {
        for s in [
            "",
            "yesterday",
            "2025-13-01 00:00:00",
            "2025-07-01",
            "2025-07-01T25:00:00Z",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
