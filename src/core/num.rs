//! JSON numbers without floating point.
//!
//! A [`Number`] keeps the JSON text it was read from, so a number that only passes
//! through (a `userConfig` value, a service document) reaches the payload, `JSON.parse`
//! and the equivalents exactly as it was given: `1e300`, `123456789.12345679` and
//! integers beyond 2^53 are never rounded to a double and written back. Where a rule
//! needs a value (node counts, disk sizes, data sizes, progress, waits) it is read
//! exactly from the digits with integer arithmetic. No float parsing or formatting
//! is compiled in (std's would add about 35 KB to the wasm).

/// A JSON number, held as its text.
///
/// The text always matches JSON's number grammar (so it can be written into JSON,
/// Python, HCL and shell text verbatim) and its magnitude is at most
/// 1.7976931348623157e308, the largest number JavaScript holds (so `JSON.parse` of
/// the output never yields `Infinity`). Equality is equality of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number(String);

/// The digits of Number.MAX_VALUE as JavaScript writes it (1.7976931348623157e308).
const MAX_DIGITS: &[u8] = b"17976931348623157";
/// Its decimal exponent: the value is `0.17976931348623157 × 10^309`.
const MAX_POINT: i64 = 309;

/// Clamp for exponents: far beyond any value a [`Number`] can hold, far from overflow.
const EXP_CLAMP: i64 = 1_000_000_000;

/// The length of the JSON number at the start of `text` (`-? int frac? exp?`), or
/// the offset and text of the first error.
pub(crate) fn scan(text: &[u8]) -> Result<usize, (usize, &'static str)> {
    let digits = |from: usize| {
        text.get(from..)
            .map_or(0, |t| t.iter().take_while(|b| b.is_ascii_digit()).count())
    };
    let mut i = usize::from(text.first() == Some(&b'-'));
    let n = digits(i);
    if n == 0 {
        return Err((i, "expected a digit"));
    }
    if n > 1 && text.get(i) == Some(&b'0') {
        return Err((i + n, "leading zero in number"));
    }
    i += n;
    if text.get(i) == Some(&b'.') {
        i += 1;
        let n = digits(i);
        if n == 0 {
            return Err((i, "expected a digit after '.'"));
        }
        i += n;
    }
    if let Some(b'e' | b'E') = text.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = text.get(i) {
            i += 1;
        }
        let n = digits(i);
        if n == 0 {
            return Err((i, "expected a digit in the exponent"));
        }
        i += n;
    }
    Ok(i)
}

/// A number's sign and digits: the value is `Σ digit(k) × 10^(point - 1 - k)`, so
/// the digits before `point` are its integer part.
struct Parts<'a> {
    negative: bool,
    int: &'a [u8],
    frac: &'a [u8],
    point: i64,
}

impl Parts<'_> {
    fn len(&self) -> i64 {
        (self.int.len() + self.frac.len()) as i64
    }

    /// Digit `k` (0 outside the written digits).
    fn digit(&self, k: i64) -> u64 {
        let Ok(k) = usize::try_from(k) else { return 0 };
        let d = match self.int.get(k) {
            Some(d) => Some(d),
            None => self.frac.get(k - self.int.len()),
        };
        d.map_or(0, |d| u64::from(d - b'0'))
    }

    fn is_zero(&self) -> bool {
        self.int.iter().chain(self.frac).all(|d| *d == b'0')
    }

    /// The integer part; `None` beyond `u64::MAX`.
    fn integer_part(&self) -> Option<u64> {
        if self.is_zero() {
            return Some(0);
        }
        let mut acc: u64 = 0;
        for k in 0..self.point.min(self.len()) {
            acc = acc.checked_mul(10)?.checked_add(self.digit(k))?;
        }
        // Zeros after the written digits (`5e3`): at most 20 of them fit.
        for _ in self.len()..self.point {
            acc = acc.checked_mul(10)?;
            if acc == 0 {
                break;
            }
        }
        Some(acc)
    }

    fn has_fraction(&self) -> bool {
        (self.point.max(0)..self.len()).any(|k| self.digit(k) != 0)
    }
}

impl Number {
    /// `text` as a number when it is exactly one JSON number in range (no
    /// whitespace, no `+`, no `NaN`).
    pub fn parse(text: &str) -> Option<Number> {
        if scan(text.as_bytes()) != Ok(text.len()) {
            return None;
        }
        Number::in_range_of(text)
    }

    /// Text [`scan`] accepted as a whole, when it is in range.
    pub(crate) fn in_range_of(text: &str) -> Option<Number> {
        in_range(text).then(|| Number(text.to_string()))
    }

    /// Text the parser scanned and found in range.
    pub(crate) fn of_scanned(text: &str) -> Number {
        Number(text.to_string())
    }

    /// A non-negative integer.
    pub fn from_u64(n: u64) -> Number {
        let mut text = String::new();
        push_u64(&mut text, n);
        Number(text)
    }

    /// The JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the value is an integer (`3`, `3.0`, `3e2`, `-0`).
    pub fn is_integer(&self) -> bool {
        is_integer(&self.0)
    }

    /// The value when it is an integer from 0 to `u64::MAX` (`-0` is 0).
    pub fn as_u64(&self) -> Option<u64> {
        if let Some(n) = small_digits(&self.0) {
            return Some(n);
        }
        let p = parts(&self.0);
        if p.has_fraction() || (p.negative && !p.is_zero()) {
            return None;
        }
        p.integer_part()
    }

    /// The value when it is an integer that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        let p = parts(&self.0);
        if p.has_fraction() {
            return None;
        }
        let m = i128::from(p.integer_part()?);
        i64::try_from(if p.negative { -m } else { m }).ok()
    }

    /// The integer part of a value that is not negative (`2.9` is 2), `u64::MAX` for
    /// larger values; `None` below zero.
    pub fn floor_u64(&self) -> Option<u64> {
        floor_u64(&self.0)
    }

    /// `⌈value × factor⌉` for a value that is not negative (`u64::MAX` when larger),
    /// exactly; `None` below zero. `1.5` seconds is `ceil_times(1000)` = 1500 ms.
    pub fn ceil_times(&self, factor: u64) -> Option<u64> {
        let p = parts(&self.0);
        if p.negative && !p.is_zero() {
            return None;
        }
        let Some(int) = p.integer_part() else {
            return Some(u64::MAX);
        };
        // The fraction times `factor` by long multiplication from its last digit:
        // `carry` ends as the integer part, `rest` says whether anything is left.
        let (mut carry, mut rest) = (0u64, false);
        for k in (p.point.max(0)..p.len()).rev() {
            let t = p.digit(k).saturating_mul(factor).saturating_add(carry);
            rest |= t % 10 != 0;
            carry = t / 10;
        }
        // Zeros between the point and the first written digit (`0.5e-3`).
        let mut zeros = -p.point.min(0);
        while zeros > 0 && carry > 0 {
            rest |= carry % 10 != 0;
            carry /= 10;
            zeros -= 1;
        }
        Some(
            int.saturating_mul(factor)
                .saturating_add(carry)
                .saturating_add(u64::from(rest)),
        )
    }
}

fn parts(text: &str) -> Parts<'_> {
    let text = text.as_bytes();
    let negative = text.first() == Some(&b'-');
    let rest = text.get(usize::from(negative)..).unwrap_or_default();
    let end = rest
        .iter()
        .position(|b| matches!(b, b'e' | b'E'))
        .unwrap_or(rest.len());
    let (mantissa, exp) = rest.split_at(end);
    let (int, frac) = match mantissa.iter().position(|b| *b == b'.') {
        Some(dot) => (
            mantissa.get(..dot).unwrap_or_default(),
            mantissa.get(dot + 1..).unwrap_or_default(),
        ),
        None => (mantissa, &[][..]),
    };
    let mut e: i64 = 0;
    for d in exp.iter().filter(|d| d.is_ascii_digit()) {
        e = (e * 10 + i64::from(d - b'0')).min(EXP_CLAMP);
    }
    if exp.get(1) == Some(&b'-') {
        e = -e;
    }
    Parts {
        negative,
        int,
        frac,
        point: int.len() as i64 + e,
    }
}

/// Whether the magnitude of a scanned number is at most 1.7976931348623157e308.
pub(crate) fn in_range(text: &str) -> bool {
    // Fewer than 300 characters and no exponent: below 10^300 (the usual case).
    if text.len() < 300 && !text.bytes().any(|b| matches!(b, b'e' | b'E')) {
        return true;
    }
    let p = parts(text);
    let Some(first) = (0..p.len()).find(|k| p.digit(*k) != 0) else {
        return true;
    };
    // The value is 0.d… × 10^point with d the digits from `first` on.
    match (p.point - first).cmp(&MAX_POINT) {
        core::cmp::Ordering::Less => true,
        core::cmp::Ordering::Greater => false,
        core::cmp::Ordering::Equal => {
            for k in first..p.len() {
                let max = MAX_DIGITS
                    .get((k - first) as usize)
                    .map_or(0, |d| u64::from(d - b'0'));
                match p.digit(k).cmp(&max) {
                    core::cmp::Ordering::Less => return true,
                    core::cmp::Ordering::Greater => return false,
                    core::cmp::Ordering::Equal => {}
                }
            }
            true
        }
    }
}

/// The value of a text of at most 19 decimal digits (below 10^19, so no overflow):
/// the usual count, size or time, read without splitting the text into parts.
fn small_digits(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 19 {
        return None;
    }
    let mut n: u64 = 0;
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    Some(n)
}

/// [`Number::is_integer`] of a number's text.
pub(crate) fn is_integer(text: &str) -> bool {
    small_digits(text).is_some() || !parts(text).has_fraction()
}

/// [`Number::floor_u64`] of a number's text.
pub(crate) fn floor_u64(text: &str) -> Option<u64> {
    if let Some(n) = small_digits(text) {
        return Some(n);
    }
    let p = parts(text);
    if p.negative && !p.is_zero() {
        return None;
    }
    Some(p.integer_part().unwrap_or(u64::MAX))
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
