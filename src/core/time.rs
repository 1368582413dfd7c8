//! Recovery-target times: parsing every accepted shape and formatting what is sent.
//!
//! Accepted: RFC 3339 (`2025-07-01T15:16:22+00:00`, `...Z`), `YYYY-MM-DD HH:MM:SS`,
//! with optional fraction (`.926085`) and optional zone. Zone-less means UTC.
//! Sent as `YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00` (at most 32 characters).

/// Microseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub i64);

/// A parsed time and what the parser had to assume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedTime {
    pub at: Timestamp,
    /// No zone was given; the time was read as UTC.
    pub zoneless: bool,
    /// More than 6 fractional digits were given and dropped.
    pub truncated: bool,
}
