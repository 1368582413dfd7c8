//! Recovery times: every accepted shape, zone handling, precision, garbage.

use aiven_fork::core::issue::Code;
use aiven_fork::core::time::{
    format_aiven, format_duration, format_people, parse, ParsedTime, Seconds, Timestamp,
};

/// 2025-07-01T15:16:22Z in microseconds.
const BASE: i64 = 1_751_382_982_000_000;

fn at(text: &str) -> ParsedTime {
    match parse(text) {
        Ok(p) => p,
        Err(e) => panic!("{text}: {}", e.message),
    }
}

#[test]
fn accepts_every_documented_shape() {
    // (input, micros, zoneless, truncated, formatted)
    let cases: &[(&str, i64, bool, bool, &str)] = &[
        (
            "2025-07-01T15:16:22+00:00",
            BASE,
            false,
            false,
            "2025-07-01T15:16:22+00:00",
        ),
        (
            "2025-07-01T15:16:22Z",
            BASE,
            false,
            false,
            "2025-07-01T15:16:22+00:00",
        ),
        (
            "2025-07-01t15:16:22z",
            BASE,
            false,
            false,
            "2025-07-01T15:16:22+00:00",
        ),
        (
            "2025-07-01 15:16:22",
            BASE,
            true,
            false,
            "2025-07-01T15:16:22+00:00",
        ),
        (
            "2025-07-01T15:16:22",
            BASE,
            true,
            false,
            "2025-07-01T15:16:22+00:00",
        ),
        (
            "2025-07-01T15:16",
            BASE - 22_000_000,
            true,
            false,
            "2025-07-01T15:16:00+00:00",
        ),
        (
            "2025-07-01 17:16:22+02:00",
            BASE,
            false,
            false,
            "2025-07-01T15:16:22+00:00",
        ),
        (
            "2025-07-01 17:16:22+0200",
            BASE,
            false,
            false,
            "2025-07-01T15:16:22+00:00",
        ),
        (
            "2025-07-01 17:16:22+02",
            BASE,
            false,
            false,
            "2025-07-01T15:16:22+00:00",
        ),
        (
            "2025-07-01T10:46:22-04:30",
            BASE,
            false,
            false,
            "2025-07-01T15:16:22+00:00",
        ),
        (
            "2025-07-01T15:16:22.5Z",
            BASE + 500_000,
            false,
            false,
            "2025-07-01T15:16:22.500000+00:00",
        ),
        (
            "2023-01-20 11:38:49.926085+00:00",
            1_674_214_729_926_085,
            false,
            false,
            "2023-01-20T11:38:49.926085+00:00",
        ),
        (
            "2023-01-20 11:38:49.926085123+00:00",
            1_674_214_729_926_085,
            false,
            true,
            "2023-01-20T11:38:49.926085+00:00",
        ),
        (
            "2023-01-20 11:38:49.926085000",
            1_674_214_729_926_085,
            true,
            false,
            "2023-01-20T11:38:49.926085+00:00",
        ),
        (
            "2019-01-01 23:34:45",
            1_546_385_685_000_000,
            true,
            false,
            "2019-01-01T23:34:45+00:00",
        ),
        (
            "  2019-01-01 23:34:45  ",
            1_546_385_685_000_000,
            true,
            false,
            "2019-01-01T23:34:45+00:00",
        ),
        (
            "2024-02-29T00:00:00Z",
            1_709_164_800_000_000,
            false,
            false,
            "2024-02-29T00:00:00+00:00",
        ),
        (
            "2000-02-29T00:00:00Z",
            951_782_400_000_000,
            false,
            false,
            "2000-02-29T00:00:00+00:00",
        ),
        (
            "1970-01-01T00:00:00Z",
            0,
            false,
            false,
            "1970-01-01T00:00:00+00:00",
        ),
        (
            "1969-12-31T23:59:59.999999Z",
            -1,
            false,
            false,
            "1969-12-31T23:59:59.999999+00:00",
        ),
        (
            "2025-01-01T00:30:00+01:00",
            1_735_687_800_000_000,
            false,
            false,
            "2024-12-31T23:30:00+00:00",
        ),
        (
            "9999-12-31T23:59:59.999999Z",
            253_402_300_799_999_999,
            false,
            false,
            "9999-12-31T23:59:59.999999+00:00",
        ),
        // As times are written for people (format_people), so what is shown can be typed.
        (
            "2025-07-01 15:16:22 UTC",
            BASE,
            false,
            false,
            "2025-07-01T15:16:22+00:00",
        ),
        (
            "2025-07-01 15:16:22utc",
            BASE,
            false,
            false,
            "2025-07-01T15:16:22+00:00",
        ),
        (
            "2025-07-02 00:16:22 UTC+09:00",
            BASE,
            false,
            false,
            "2025-07-01T15:16:22+00:00",
        ),
        (
            "2025-07-01 11:16:22.5 UTC-04:00",
            BASE + 500_000,
            false,
            false,
            "2025-07-01T15:16:22.500000+00:00",
        ),
    ];
    for &(input, micros, zoneless, truncated, formatted) in cases {
        let p = at(input);
        assert_eq!(p.at, Timestamp(micros), "{input}");
        assert_eq!(p.zoneless, zoneless, "{input} zoneless");
        assert_eq!(p.truncated, truncated, "{input} truncated");
        let out = format_aiven(p.at);
        assert_eq!(out, formatted, "{input}");
        assert!(out.len() <= 32, "{out}");
        // What we send parses back to the same instant.
        assert_eq!(at(&out).at, p.at);
    }
}

#[test]
fn rejects_garbage_and_impossible_dates_with_clear_messages() {
    let cases: &[(&str, &str)] = &[
        ("", "recovery time is empty"),
        ("   ", "recovery time is empty"),
        ("yesterday", "expected YYYY-MM-DD HH:MM:SS"),
        ("2025-07-01", "the time of day is missing"),
        ("2025-7-1 10:00:00", "expected YYYY-MM-DD"),
        ("2025/07/01 10:00:00", "expected YYYY-MM-DD"),
        ("2025-02-30 10:00:00", "February 30 does not exist in 2025"),
        ("2023-02-29 10:00:00", "February 29 does not exist in 2023"),
        ("1900-02-29 10:00:00", "February 29 does not exist in 1900"),
        ("2025-04-31 10:00:00", "April 31 does not exist in 2025"),
        ("2025-00-10 10:00:00", "month must be 01 to 12"),
        ("2025-13-10 10:00:00", "month must be 01 to 12"),
        ("2025-07-00 10:00:00", "July 0 does not exist in 2025"),
        ("2025-07-01 24:00:00", "hour must be 00 to 23"),
        ("2025-07-01 23:60:00", "minute must be 00 to 59"),
        ("2025-07-01 23:59:60", "second must be 00 to 59"),
        ("2025-07-01 10:00:00.", "expected digits after '.'"),
        (
            "2025-07-01 10:00:00.1234567890",
            "more than 9 fractional digits",
        ),
        ("2025-07-01 10:00:00+24:00", "zone offset out of range"),
        ("2025-07-01 10:00:00+05:60", "zone offset out of range"),
        ("2025-07-01 10:00:00+5", "bad zone offset"),
        ("2025-07-01 10:00:00+05:0", "bad zone offset"),
        ("2025-07-01 10:00:00 UTCZ", "expected YYYY-MM-DD"),
        ("2025-07-01 10:00:00 UT", "expected YYYY-MM-DD"),
        ("2025-07-01 10:00:00  UTC", "expected YYYY-MM-DD"),
        ("2025-07-01 10:00:00 UTC+9", "bad zone offset"),
        ("2025-07-01 10:00:00 +02:00", "expected YYYY-MM-DD"),
        ("2025-07-01 10:00:00Zjunk", "unexpected text after the time"),
        (
            "2025-07-01 10:00:00+00:00:00",
            "unexpected text after the time",
        ),
        (
            "0000-01-01T00:00:00+01:00",
            "the year must be 0000 to 9999 in UTC",
        ),
        ("١٢٣٤-07-01 10:00:00", "expected YYYY-MM-DD"),
    ];
    for &(input, msg) in cases {
        let e = parse(input).expect_err(input);
        assert_eq!(e.code, Code::InvalidTime, "{input}");
        assert_eq!(e.field, "recovery.time");
        assert!(e.message.contains(msg), "{input}: {}", e.message);
    }
}

#[test]
fn rejects_overlong_input_without_echoing_it() {
    let long = "2025-07-01T15:16:22Z".repeat(1000);
    let e = parse(&long).unwrap_err();
    assert_eq!(e.code, Code::InvalidTime);
    assert_eq!(e.message, "recovery time is longer than 64 characters");
}

#[test]
fn full_message_for_an_impossible_date() {
    assert_eq!(
        parse("2025-02-30 10:00:00").unwrap_err().message,
        "recovery time \"2025-02-30 10:00:00\" is not a valid time: February 30 does not exist in 2025"
    );
}

#[test]
fn format_is_at_most_32_chars_everywhere() {
    for micros in [
        i64::MIN,
        -62_167_219_200_000_000,
        -1,
        0,
        1,
        999_999,
        BASE,
        253_402_300_799_999_999,
        i64::MAX,
    ] {
        let s = format_aiven(Timestamp(micros));
        assert!(s.len() <= 32, "{s}");
        assert!(parse(&s).is_ok(), "{s}");
    }
    assert_eq!(
        format_aiven(Timestamp(i64::MIN)),
        "0000-01-01T00:00:00+00:00"
    );
    assert_eq!(
        format_aiven(Timestamp(i64::MAX)),
        "9999-12-31T23:59:59.999999+00:00"
    );
}

#[test]
fn unix_millis_from_js_dates() {
    assert_eq!(
        Timestamp::from_unix_millis(1_751_382_982_000.0),
        Timestamp(BASE)
    );
    assert_eq!(
        Timestamp::from_unix_millis(1_751_382_982_123.0).0,
        BASE + 123_000
    );
    assert_eq!(Timestamp::checked_from_unix_millis(f64::NAN), None);
    assert_eq!(Timestamp::checked_from_unix_millis(f64::INFINITY), None);
    assert_eq!(Timestamp::checked_from_unix_millis(8.64e15 * 2.0), None);
    assert_eq!(Timestamp::from_unix_millis(f64::NAN), Timestamp(0));
    assert_eq!(
        format_aiven(Timestamp::from_unix_millis(f64::INFINITY)),
        "9999-12-31T23:59:59.999999+00:00"
    );
    assert_eq!(Timestamp(BASE + 123_456).unix_millis(), 1_751_382_982_123.0);
    assert_eq!(Timestamp(-1).unix_millis(), -1.0);
}

#[test]
fn times_for_people_are_24_hour_with_the_zone_named() {
    let t = Timestamp(BASE + 383_895);
    assert_eq!(
        format_people(t, 0, Seconds::Down),
        "2025-07-01 15:16:22 UTC"
    );
    assert_eq!(format_people(t, 0, Seconds::Up), "2025-07-01 15:16:23 UTC");
    assert_eq!(
        format_people(t, 0, Seconds::Exact),
        "2025-07-01 15:16:22.383895 UTC"
    );
    // A whole second stays itself in every mode.
    for mode in [Seconds::Down, Seconds::Up, Seconds::Exact] {
        assert_eq!(
            format_people(Timestamp(BASE), 0, mode),
            "2025-07-01 15:16:22 UTC"
        );
    }
    // Local times: the offset in force at that moment, east positive; the date moves.
    assert_eq!(
        format_people(t, 540, Seconds::Down),
        "2025-07-02 00:16:22 UTC+09:00"
    );
    assert_eq!(
        format_people(t, -240, Seconds::Down),
        "2025-07-01 11:16:22 UTC-04:00"
    );
    assert_eq!(
        format_people(t, 330, Seconds::Down),
        "2025-07-01 20:46:22 UTC+05:30"
    );
    // Offsets are clamped to what a zone can have; every form reads back.
    assert_eq!(
        format_people(t, 5000, Seconds::Down),
        "2025-07-02 15:15:22 UTC+23:59"
    );
    for offset in [-1439, -240, 0, 330, 540, 1439] {
        for mode in [Seconds::Down, Seconds::Exact] {
            let text = format_people(t, offset, mode);
            let back = at(&text).at.0;
            let expected = if mode == Seconds::Exact { t.0 } else { BASE };
            assert_eq!(back, expected, "{text}");
        }
    }
}

#[test]
fn durations_for_people_show_two_neighbouring_units() {
    let cases: &[(f64, &str)] = &[
        (-5.0, "0 s"),
        (f64::NAN, "0 s"),
        (0.0, "0 s"),
        (999.0, "0 s"),
        (40_000.0, "40 s"),
        (60_000.0, "1 min"),
        (125_999.0, "2 min 5 s"),
        (3_605_000.0, "1 h"),
        (3_780_000.0, "1 h 3 min"),
        (187_200_000.0, "2 d 4 h"),
        (86_400_000.0 + 59_000.0, "1 d"),
    ];
    for &(ms, text) in cases {
        assert_eq!(format_duration(ms), text, "{ms}");
    }
}
