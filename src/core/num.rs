//! Small decimal <-> f64 conversions for JSON numbers.
//!
//! The standard library's float parsing (`str::parse::<f64>`) and formatting
//! (`Display for f64`) are exact in every case but bring about 35 KB of code and
//! tables into the WebAssembly module. JSON numbers in fork requests and Aiven
//! answers are integers or short decimals (`20.5`, `0.1`), for which the classic
//! fast path is exact: a mantissa below 2^53 times or divided by an exactly
//! representable power of ten (at most 10^22) is one correctly rounded operation.
//! Writing tries the shortest digit counts with that exact check, then falls back to
//! 17 correctly rounded digits computed with 128-bit integers. Only values with
//! extreme exponents (below about 1e-16, above about 1e38) may be
//! read or written a unit in the last place off, which is harmless for these inputs.

/// 10^0 ..= 10^22: every one is exactly representable as an f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

const TWO_53: u64 = 1 << 53;

/// `m × 10^e`, exact when `m < 2^53` and `|e| <= 22`, else approximate.
fn scale(m: f64, e: i32) -> f64 {
    if (0..=22).contains(&e) {
        return m * POW10[e as usize];
    }
    if (-22..0).contains(&e) {
        return m / POW10[(-e) as usize];
    }
    let mut v = m;
    let mut e = e;
    while e > 22 {
        v *= 1e22;
        e -= 22;
        if v.is_infinite() {
            return v;
        }
    }
    while e < -22 {
        // Dividing keeps subnormal results more accurate than multiplying by 1e-22.
        v /= 1e22;
        e += 22;
        if v == 0.0 {
            return v;
        }
    }
    scale(v, e)
}

/// Parse a JSON number (already checked against the JSON grammar).
/// `None` when the value overflows to infinity.
pub fn parse_json_number(text: &[u8]) -> Option<f64> {
    let mut i = 0;
    let neg = text.first() == Some(&b'-');
    if neg {
        i += 1;
    }
    let mut m: u64 = 0;
    let mut e: i64 = 0;
    let mut digits = 0;
    let mut seen_point = false;
    while i < text.len() {
        let b = text[i];
        match b {
            b'0'..=b'9' => {
                if digits < 19 {
                    if m > 0 || b != b'0' {
                        digits += 1;
                    }
                    m = m * 10 + u64::from(b - b'0');
                    if seen_point {
                        e -= 1;
                    }
                } else if !seen_point {
                    // Digits beyond 19 are dropped (truncated) from the mantissa.
                    e += 1;
                }
            }
            b'.' => seen_point = true,
            _ => break,
        }
        i += 1;
    }
    if i < text.len() {
        // Exponent part: [eE][+-]?digits
        i += 1;
        let mut eneg = false;
        if let Some(&s @ (b'+' | b'-')) = text.get(i) {
            eneg = s == b'-';
            i += 1;
        }
        let mut x: i64 = 0;
        while let Some(&d @ b'0'..=b'9') = text.get(i) {
            x = (x * 10 + i64::from(d - b'0')).min(100_000);
            i += 1;
        }
        e += if eneg { -x } else { x };
    }
    let v = if m == 0 {
        0.0
    } else {
        scale(m as f64, e.clamp(-10_000, 10_000) as i32)
    };
    if v.is_infinite() {
        return None;
    }
    Some(if neg { -v } else { v })
}

/// Round `n / 2^sh` to nearest, ties to even.
fn shr_round(n: u128, sh: u32) -> u128 {
    if sh == 0 {
        return n;
    }
    if sh >= 128 {
        return 0;
    }
    let q = n >> sh;
    let rem = n & ((1u128 << sh) - 1);
    let half = 1u128 << (sh - 1);
    if rem > half || (rem == half && q & 1 == 1) {
        q + 1
    } else {
        q
    }
}

/// Round `n / d` to nearest, ties to even.
fn div_round(n: u128, d: u128) -> u128 {
    let (q, r) = (n / d, n % d);
    if 2 * r > d || (2 * r == d && q & 1 == 1) {
        q + 1
    } else {
        q
    }
}

/// `x` as `m × 2^e` with an integer `m < 2^53`.
fn decompose(x: f64) -> (u128, i32) {
    let bits = x.to_bits();
    let ef = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    if ef == 0 {
        (u128::from(frac), -1074)
    } else {
        (u128::from(frac | (1 << 52)), ef - 1075)
    }
}

fn pow_u128(base: u128, e: u32) -> u128 {
    let mut p = 1u128;
    for _ in 0..e {
        p *= base;
    }
    p
}

/// `round(x × 10^s)` computed exactly with 128-bit integers, when it fits
/// (x between about 1e-16 and 1e38).
fn scaled_exact(x: f64, s: i32) -> Option<u64> {
    let (m, e) = decompose(x);
    let d = if (0..=32).contains(&s) {
        // x × 10^s = m × 5^s × 2^(e+s)
        let n = m * pow_u128(5, s as u32);
        let e = e + s;
        if e >= 0 {
            // The result must fit in 64 bits; never shift bits out.
            if e > 10 || n >> (64 - e) != 0 {
                return None;
            }
            n << e
        } else {
            shr_round(n, (-e) as u32)
        }
    } else if (-38..0).contains(&s) && (0..=74).contains(&e) {
        div_round(m << e, pow_u128(10, (-s) as u32))
    } else {
        return None;
    };
    u64::try_from(d).ok()
}

/// Whether `c × 10^q` (q > 0) reads back as `x`, decided exactly with 128-bit
/// integers (for x below about 1e38).
fn reads_back_big(c: u64, q: i32, x: f64) -> bool {
    let (m, e) = decompose(x);
    if !(1..=74).contains(&e) || q > 38 {
        return false;
    }
    let Some(v) = u128::from(c).checked_mul(pow_u128(10, q as u32)) else {
        return false;
    };
    let xv = m << e;
    let half_up = 1u128 << (e - 1);
    // Below a power of two the gap to the next smaller double is half as wide.
    let half_down = if m == 1 << 52 { half_up >> 1 } else { half_up };
    let even = m & 1 == 0;
    if v >= xv {
        let d = v - xv;
        d < half_up || (d == half_up && even)
    } else {
        let d = xv - v;
        d < half_down || (d == half_down && even)
    }
}

/// Shortest decimal digits `d` and exponent `e` with `d × 10^e == x` (x > 0,
/// finite): up to 16 digits proven exact, else 17 correctly rounded digits (always
/// enough to identify a double), else (extreme exponents) 17 approximate digits.
fn shortest(x: f64) -> (u64, i32) {
    // floor(log10(x)) estimate from the binary exponent; off by one is harmless.
    let e2 = ((x.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let k = (e2 * 78_913) >> 18;
    for p in 1..=16 {
        let s = p - 1 - k;
        let m = scale(x, s).round();
        if !(1.0..(TWO_53 - 1) as f64).contains(&m) {
            continue;
        }
        let m = m as u64;
        for c in [m, m - 1, m + 1] {
            let ok = if (-22..=22).contains(&s) {
                scale(c as f64, -s) == x
            } else {
                s < 0 && reads_back_big(c, -s, x)
            };
            if c > 0 && ok {
                return (c, -s);
            }
        }
    }
    let mut s = 16 - k;
    for _ in 0..3 {
        match scaled_exact(x, s) {
            Some(d) if d < 10_000_000_000_000_000 => s += 1,
            Some(d) if d >= 100_000_000_000_000_000 => s -= 1,
            Some(d) => return (d, -s),
            None => break,
        }
    }
    let s = 16 - k;
    (scale(x, s).round() as u64, -s)
}

/// Write a finite f64 as JSON, in the same layout as JavaScript's
/// `Number.prototype.toString` (plain between 1e-7 and 1e21, exponent otherwise).
pub fn write_f64(out: &mut String, n: f64) {
    if n == 0.0 {
        out.push('0');
        return;
    }
    if n < 0.0 {
        out.push('-');
    }
    let (mut d, mut e) = shortest(n.abs());
    while d % 10 == 0 && d > 0 {
        d /= 10;
        e += 1;
    }
    let mut buf = [0u8; 20];
    let mut len = 0;
    let mut t = d;
    loop {
        buf[19 - len] = b'0' + (t % 10) as u8;
        len += 1;
        t /= 10;
        if t == 0 {
            break;
        }
    }
    let digits = &buf[20 - len..];
    let push_all = |out: &mut String, ds: &[u8]| {
        for &b in ds {
            out.push(b as char);
        }
    };
    // Position of the decimal point relative to the first digit.
    let pos = len as i32 + e;
    if e >= 0 && pos <= 21 {
        push_all(out, digits);
        for _ in 0..e {
            out.push('0');
        }
    } else if pos > 0 && pos <= 21 {
        push_all(out, &digits[..pos as usize]);
        out.push('.');
        push_all(out, &digits[pos as usize..]);
    } else if pos > -6 && pos <= 0 {
        out.push_str("0.");
        for _ in 0..-pos {
            out.push('0');
        }
        push_all(out, digits);
    } else {
        push_all(out, &digits[..1]);
        if len > 1 {
            out.push('.');
            push_all(out, &digits[1..]);
        }
        out.push('e');
        let x = pos - 1;
        out.push(if x < 0 { '-' } else { '+' });
        push_u64(out, u64::from(x.unsigned_abs()));
    }
}

/// Decimal digits of an unsigned integer, without `core::fmt`.
pub fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(b as char);
    }
}
