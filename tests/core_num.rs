//! The small float parser and writer against the standard library's exact ones.

use aiven_fork::core::json::{parse, Value};

/// A tiny deterministic generator (xorshift64*), so the test needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn ulps(a: f64, b: f64) -> u64 {
    (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
}

fn write(n: f64) -> String {
    Value::Number(n).to_json()
}

fn read(text: &str) -> f64 {
    match parse(text) {
        Ok(Value::Number(n)) => n,
        other => panic!("{text}: {other:?}"),
    }
}

/// Shortest digits as Rust finds them, in `d.ddde±x` form for comparison.
fn std_shortest(n: f64) -> String {
    format!("{n:e}")
}

fn ours_as_e(n: f64) -> String {
    // Re-express our output in Rust's `{:e}` form via its exact parser.
    let text = write(n);
    let back: f64 = text.parse().unwrap();
    let ulps = ulps(back, n);
    if (1e-6..=1e38).contains(&n.abs()) {
        assert_eq!(ulps, 0, "{n:e} written as {text}");
    } else {
        assert!(ulps <= 16, "{n:e} written as {text}");
    }
    // Digits only: strip sign, point, exponent and leading/trailing zeros.
    let mantissa = text
        .trim_start_matches('-')
        .split(['e', 'E'])
        .next()
        .unwrap()
        .replace('.', "");
    mantissa
        .trim_start_matches('0')
        .trim_end_matches('0')
        .to_string()
}

fn std_digits(n: f64) -> String {
    let s = std_shortest(n.abs());
    let m = s.split('e').next().unwrap().replace('.', "");
    m.trim_end_matches('0').to_string()
}

#[test]
fn writes_like_javascript() {
    for (n, js) in [
        (0.1, "0.1"),
        (-2.5, "-2.5"),
        (0.30000000000000004, "0.30000000000000004"),
        (1e-7, "1e-7"),
        (1.5e-7, "1.5e-7"),
        (0.000001, "0.000001"),
        (123.456, "123.456"),
        (1e21, "1e+21"),
        (1.25e21, "1.25e+21"),
        (9007199254740993.0, "9007199254740992"),
        (1e38, "1e+38"),
        (20.5, "20.5"),
        (99.99, "99.99"),
        (-0.0, "0"),
    ] {
        assert_eq!(write(n), js, "{n:e}");
    }
}

#[test]
fn short_decimals_round_trip_exactly_and_shortest() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..30_000 {
        let digits = rng.next() % 1_000_000_000_000_000; // up to 15 digits
        let scale = (rng.next() % 30) as i32 - 15;
        let text = format!("{digits}e{scale}");
        let exact: f64 = text.parse().unwrap();
        assert_eq!(read(&text).to_bits(), exact.to_bits(), "{text}");
        if exact != 0.0 {
            assert_eq!(ours_as_e(exact), std_digits(exact), "{text}");
        }
    }
}

#[test]
fn arbitrary_doubles_round_trip() {
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    let mut longer = 0;
    for _ in 0..60_000 {
        let n = f64::from_bits(rng.next());
        if !n.is_finite() || n == 0.0 {
            continue;
        }
        // Always parses back to the same double (checked inside).
        let ours = ours_as_e(n);
        if (1e-6..=1e38).contains(&n.abs()) && ours.len() > std_digits(n).len() {
            longer += 1;
        }
        // Reading Rust's exact shortest text: within one unit in the last place
        // (17-digit mantissas round twice), a few at extreme exponents.
        let text = std_shortest(n);
        let got = read(&text);
        let max = if (1e-6..=1e38).contains(&n.abs()) {
            1
        } else {
            16
        };
        assert!(ulps(got, n) <= max, "{text}: {got:e}");
    }
    // The fallback (17 digits) is rare.
    assert!(longer < 60_000 / 100, "{longer}");
}

#[test]
fn extreme_inputs() {
    for n in [
        1e308,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        1e300,
        1e-300,
        4.4480512333213355e83,
    ] {
        let text = write(n);
        let back: f64 = text.parse().unwrap();
        assert!(ulps(back, n) <= 16, "{n:e} -> {text}");
        assert!(ulps(read(&format!("{n:e}")), n) <= 16, "{n:e}");
    }
    assert!(parse("1e309").is_err());
    assert!(parse("-1e400").is_err());
    assert!(parse("1e99999999999999999999").is_err());
    assert!(parse(&format!("1{}", "0".repeat(400))).is_err());
    assert_eq!(read("1e-400"), 0.0);
    assert_eq!(read("1e-99999999999999999999"), 0.0);
    assert_eq!(read("0.000"), 0.0);
    assert_eq!(read("-0.0"), 0.0);
    assert_eq!(read(&format!("0.{}1", "0".repeat(20))), 1e-21);
    assert_eq!(
        read("123456789012345678901234567890"),
        1.2345678901234568e29
    );
    assert_eq!(read("0.1e1"), 1.0);
    assert_eq!(read("25.50E-1"), 2.55);
}
