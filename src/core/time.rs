//! Recovery-target times: parsing every accepted shape and formatting what is sent.
//!
//! Accepted: RFC 3339 (`2025-07-01T15:16:22+00:00`, `...Z`), `YYYY-MM-DD HH:MM:SS`,
//! with optional fraction (`.926085`) and optional zone, also the way times are
//! written for people (`2025-07-01 15:16:22 UTC`, `2025-07-02 00:16:22 UTC+09:00`).
//! Zone-less means UTC. Sent as `YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00` (at most 32
//! characters); shown to people by [`format_people`] (24-hour, the zone named).
//!
//! chrono does the calendar (which dates exist, day numbers); the text itself is
//! parsed and written here by hand, because chrono's format-string parser and
//! formatter are large in WebAssembly and cannot report which part of a time is wrong.

use chrono::{Datelike, NaiveDate};

use crate::core::issue::{Code, Issue};
use crate::core::num::push_u64;
use crate::core::shapes::quoted;

/// Microseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub i64);

/// A parsed time and what the parser had to assume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedTime {
    pub at: Timestamp,
    /// No zone was given; the time was read as UTC.
    pub zoneless: bool,
    /// Non-zero fractional digits beyond the sixth were given and dropped.
    pub truncated: bool,
}

/// Longest time text accepted before parsing (the longest valid shape is 35 chars).
pub const MAX_TIME_CHARS: usize = 64;

const MICROS_PER_SEC: i64 = 1_000_000;
const MICROS_PER_DAY: i64 = 86_400 * MICROS_PER_SEC;
/// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z: what four-digit years hold.
const MIN_MICROS: i64 = -719_528 * MICROS_PER_DAY;
const MAX_MICROS: i64 = 2_932_897 * MICROS_PER_DAY - 1;

impl Timestamp {
    /// From JavaScript milliseconds (`Date.getTime()`). Non-finite input becomes the
    /// epoch and far-away times are clamped to years 0000..=9999; use
    /// [`Timestamp::checked_from_unix_millis`] to reject those instead.
    pub fn from_unix_millis(ms: f64) -> Timestamp {
        Timestamp::checked_from_unix_millis(ms).unwrap_or(if ms.is_nan() {
            Timestamp(0)
        } else if ms > 0.0 {
            Timestamp(MAX_MICROS)
        } else {
            Timestamp(MIN_MICROS)
        })
    }

    /// From JavaScript milliseconds; `None` for NaN, infinities and times outside
    /// years 0000..=9999 (an invalid JS `Date` gives NaN).
    pub fn checked_from_unix_millis(ms: f64) -> Option<Timestamp> {
        if !ms.is_finite() {
            return None;
        }
        let micros = (ms * 1000.0).floor();
        if micros < MIN_MICROS as f64 || micros > MAX_MICROS as f64 {
            return None;
        }
        Some(Timestamp(micros as i64))
    }

    /// Milliseconds since the epoch (for JS `Date`).
    pub fn unix_millis(self) -> f64 {
        self.0.div_euclid(1000) as f64
    }
}

/// Days from 0001-01-01 (chrono's day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;

/// Days since 1970-01-01 of a valid proleptic Gregorian date; `None` when the date
/// does not exist (February 30, month 13...). chrono does the calendar.
fn days_from_civil(y: i64, m: i64, d: i64) -> Option<i64> {
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(y).ok()?,
        u32::try_from(m).ok()?,
        u32::try_from(d).ok()?,
    )?;
    Some(i64::from(date.num_days_from_ce()) - UNIX_EPOCH_DAYS_FROM_CE)
}

/// The date of a day number (inverse of [`days_from_civil`]); days are clamped by
/// the caller to years 0000..=9999, which chrono always represents.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let date = i32::try_from(z + UNIX_EPOCH_DAYS_FROM_CE)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MIN);
    (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    )
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const SHAPE: &str =
    "expected YYYY-MM-DD HH:MM:SS, optionally .ffffff and a zone (Z, ±HH:MM, UTC or UTC±HH:MM), e.g. 2025-07-01 15:16:22 UTC";

fn invalid(text: &str, why: &str) -> Issue {
    let mut m = String::from("recovery time ");
    // The user's own input, quoted (its length is checked first).
    m.push_str(&quoted(text));
    m.push_str(" is not a valid time: ");
    m.push_str(why);
    Issue::new(Code::InvalidTime, "recovery.time", m)
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn num(&mut self, n: usize) -> Option<i64> {
        let part = self.s.get(self.i..self.i + n)?;
        let mut v = 0i64;
        for &b in part {
            if !b.is_ascii_digit() {
                return None;
            }
            v = v * 10 + i64::from(b - b'0');
        }
        self.i += n;
        Some(v)
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// `UTC` (any case), optionally after one space: the zone as people write it.
    fn eat_utc(&mut self) -> bool {
        let start = self.i;
        self.eat(b' ');
        let word = self.s.get(self.i..self.i + 3);
        if word.is_some_and(|w| w.eq_ignore_ascii_case(b"utc")) {
            self.i += 3;
            true
        } else {
            self.i = start;
            false
        }
    }
}

/// Parse a recovery time in any accepted shape. Errors are [`Code::InvalidTime`]
/// issues on the field `recovery.time` with a message saying what is wrong.
pub fn parse(text: &str) -> Result<ParsedTime, Issue> {
    // A character is at least one byte: count them only when the bytes could be too many.
    if text.len() > MAX_TIME_CHARS && text.chars().count() > MAX_TIME_CHARS {
        return Err(Issue::new(
            Code::InvalidTime,
            "recovery.time",
            "recovery time is longer than 64 characters",
        ));
    }
    let t = text.trim();
    if t.is_empty() {
        return Err(Issue::new(
            Code::InvalidTime,
            "recovery.time",
            "recovery time is empty",
        ));
    }
    let mut c = Cursor {
        s: t.as_bytes(),
        i: 0,
    };
    let (Some(y), true, Some(mo), true, Some(d)) =
        (c.num(4), c.eat(b'-'), c.num(2), c.eat(b'-'), c.num(2))
    else {
        return Err(invalid(t, SHAPE));
    };
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        let why = if c.i == c.s.len() {
            "the time of day is missing; expected YYYY-MM-DD HH:MM:SS"
        } else {
            SHAPE
        };
        return Err(invalid(t, why));
    }
    let (Some(h), true, Some(mi)) = (c.num(2), c.eat(b':'), c.num(2)) else {
        return Err(invalid(t, SHAPE));
    };
    // Seconds are optional: an HTML datetime-local input gives `YYYY-MM-DDTHH:MM`.
    let sec = if c.eat(b':') {
        match c.num(2) {
            Some(s) => s,
            None => return Err(invalid(t, SHAPE)),
        }
    } else {
        0
    };
    let mut micros = 0i64;
    let mut truncated = false;
    if c.eat(b'.') {
        let start = c.i;
        while c.s.get(c.i).is_some_and(u8::is_ascii_digit) {
            let digit = i64::from(c.s[c.i] - b'0');
            let n = c.i - start;
            if n < 6 {
                micros = micros * 10 + digit;
            } else if digit != 0 {
                truncated = true;
            }
            c.i += 1;
        }
        let n = c.i - start;
        if n == 0 {
            return Err(invalid(t, "expected digits after '.'"));
        }
        if n > 9 {
            return Err(invalid(t, "more than 9 fractional digits"));
        }
        for _ in n..6 {
            micros *= 10;
        }
    }
    // Zone: Z, ±HH:MM, ±HHMM, ±HH, `UTC` or `UTC` and one of those offsets (as
    // people write it, optionally after a space), or nothing (UTC).
    let mut zoneless = false;
    let mut offset_min = 0i64;
    let named_utc = c.eat_utc();
    match c.s.get(c.i) {
        None if named_utc => {}
        None => zoneless = true,
        Some(b'Z' | b'z') if !named_utc => c.i += 1,
        Some(&sign @ (b'+' | b'-')) => {
            c.i += 1;
            let Some(oh) = c.num(2) else {
                return Err(invalid(t, "bad zone offset; expected ±HH:MM"));
            };
            // `±HH:MM` or `±HHMM`; a bare `±HH` means whole hours.
            let om = if c.eat(b':') || c.i < c.s.len() {
                c.num(2)
            } else {
                Some(0)
            };
            let Some(om) = om else {
                return Err(invalid(t, "bad zone offset; expected ±HH:MM"));
            };
            if oh > 23 || om > 59 {
                return Err(invalid(t, "zone offset out of range"));
            }
            offset_min = oh * 60 + om;
            if sign == b'-' {
                offset_min = -offset_min;
            }
        }
        Some(_) => return Err(invalid(t, SHAPE)),
    }
    if c.i != c.s.len() {
        return Err(invalid(t, "unexpected text after the time"));
    }
    if !(1..=12).contains(&mo) {
        return Err(invalid(t, "month must be 01 to 12"));
    }
    let Some(days) = days_from_civil(y, mo, d) else {
        let mut why = String::from(MONTHS[(mo - 1) as usize]);
        why.push(' ');
        push_u64(&mut why, d as u64);
        why.push_str(" does not exist in ");
        push_u64(&mut why, y as u64);
        return Err(invalid(t, &why));
    };
    if h > 23 {
        return Err(invalid(t, "hour must be 00 to 23"));
    }
    if mi > 59 {
        return Err(invalid(t, "minute must be 00 to 59"));
    }
    if sec > 59 {
        return Err(invalid(t, "second must be 00 to 59"));
    }
    let secs = days * 86_400 + h * 3600 + mi * 60 + sec - offset_min * 60;
    let at = secs * MICROS_PER_SEC + micros;
    if !(MIN_MICROS..=MAX_MICROS).contains(&at) {
        return Err(invalid(t, "the year must be 0000 to 9999 in UTC"));
    }
    Ok(ParsedTime {
        at: Timestamp(at),
        zoneless,
        truncated,
    })
}

fn push_2(out: &mut String, v: i64) {
    out.push((b'0' + (v / 10) as u8) as char);
    out.push((b'0' + (v % 10) as u8) as char);
}

/// `YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00`: the form sent as `recovery_target_time`
/// (at most 32 characters). The fraction appears only when it is not zero.
pub fn format_aiven(ts: Timestamp) -> String {
    let mut out = String::with_capacity(32);
    push_date_time(&mut out, ts.0, b'T', true);
    out.push_str("+00:00");
    out
}

/// How [`format_people`] treats the digits below a second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seconds {
    /// Shown when not zero (`15:16:22.5`): a time someone gave, exactly.
    Exact,
    /// Cut (`15:16:22`): the latest whole second at or before the time.
    Down,
    /// Rounded up (`15:16:23`): the first whole second at or after the time (the
    /// start of a window shown in whole seconds stays inside it).
    Up,
}

/// How times are written for people, everywhere the library writes one: 24-hour,
/// `YYYY-MM-DD HH:MM:SS`, the zone named. At `offset_min` 0: `2025-07-01 15:16:22 UTC`;
/// in a zone `offset_min` minutes east of UTC (-1439..=1439, the zone's offset at that
/// moment): the local time and its offset, `2025-07-02 00:16:22 UTC+09:00`. The parser
/// reads both forms back.
pub fn format_people(ts: Timestamp, offset_min: i32, seconds: Seconds) -> String {
    let micros = match seconds {
        Seconds::Exact => ts.0,
        Seconds::Down => ts.0.div_euclid(MICROS_PER_SEC) * MICROS_PER_SEC,
        Seconds::Up => {
            let down = ts.0.div_euclid(MICROS_PER_SEC) * MICROS_PER_SEC;
            if down == ts.0 {
                down
            } else {
                down + MICROS_PER_SEC
            }
        }
    };
    let offset = i64::from(offset_min.clamp(-1439, 1439));
    let mut out = String::with_capacity(40);
    push_date_time(
        &mut out,
        micros + offset * 60 * MICROS_PER_SEC,
        b' ',
        seconds == Seconds::Exact,
    );
    out.push_str(" UTC");
    if offset != 0 {
        out.push(if offset < 0 { '-' } else { '+' });
        push_2(&mut out, offset.abs() / 60);
        out.push(':');
        push_2(&mut out, offset.abs() % 60);
    }
    out
}

/// A duration for people, in whole seconds (`0 s`, `40 s`, `2 min 5 s`, `1 h 3 min`,
/// `2 d 4 h`): the two largest units that are not zero. Negative durations are 0 s.
pub fn format_duration(millis: f64) -> String {
    let secs = if millis.is_finite() && millis > 0.0 {
        (millis / 1000.0).floor().min(1e15) as u64
    } else {
        0
    };
    let units: [(u64, &str); 4] = [(86_400, " d"), (3600, " h"), (60, " min"), (1, " s")];
    let mut out = String::new();
    let mut left = secs;
    let mut shown = 0;
    for (size, name) in units {
        let n = left / size;
        left %= size;
        if (n > 0 || (size == 1 && shown == 0)) && shown < 2 {
            if shown > 0 {
                out.push(' ');
            }
            push_u64(&mut out, n);
            out.push_str(name);
            shown += 1;
        } else if shown > 0 {
            // The two units shown must be neighbours: `1 h 3 min`, never `1 h 5 s`.
            shown = 2;
        }
    }
    out
}

/// `YYYY-MM-DD<sep>HH:MM:SS[.ffffff]` of `micros` (clamped to years 0000..=9999);
/// the fraction only with `fraction` and when it is not zero.
fn push_date_time(out: &mut String, micros: i64, sep: u8, fraction: bool) {
    let at = micros.clamp(MIN_MICROS, MAX_MICROS);
    let days = at.div_euclid(MICROS_PER_DAY);
    let in_day = at.rem_euclid(MICROS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    let secs = in_day / MICROS_PER_SEC;
    let frac = in_day % MICROS_PER_SEC;
    push_2(out, y / 100);
    push_2(out, y % 100);
    out.push('-');
    push_2(out, m);
    out.push('-');
    push_2(out, d);
    out.push(sep as char);
    push_2(out, secs / 3600);
    out.push(':');
    push_2(out, secs / 60 % 60);
    out.push(':');
    push_2(out, secs % 60);
    if fraction && frac != 0 {
        out.push('.');
        let mut div = 100_000;
        while div > 0 {
            out.push((b'0' + (frac / div % 10) as u8) as char);
            div /= 10;
        }
    }
}
