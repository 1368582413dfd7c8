//! Substring search for messages, without std's substring searcher.
//!
//! `str::find`, `str::replace` and `str::rsplit` with a `&str` pattern bring in std's
//! Two-Way searcher, and byte-index slicing (`&s[a..b]`) brings in the panic path that
//! formats a char-boundary error (with `char`'s `Debug` and Unicode tables): together
//! several KB of the WebAssembly module for a few short texts. These scan bytes and slice
//! with `str::get`. The texts they see are short (messages, server messages cut to
//! 500 bytes), so a plain scan is as fast as anything else.
//!
//! A match of a non-empty `needle` always starts and ends on a char boundary: its first
//! byte is never a UTF-8 continuation byte, and it ends with a whole character.

/// Byte index of the first occurrence of `needle` in `hay` (as `str::find`); `None`
/// for an empty `needle`.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    if n.is_empty() {
        return None;
    }
    hay.as_bytes().windows(n.len()).position(|w| w == n)
}

/// Byte index of the last occurrence of `needle` in `hay` (as `str::rfind`); `None`
/// for an empty `needle`.
pub fn rfind(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    if n.is_empty() {
        return None;
    }
    hay.as_bytes().windows(n.len()).rposition(|w| w == n)
}

/// `text` with every occurrence of `needle` replaced by `with`, left to right, matches
/// not overlapping (as `str::replace`); `text` unchanged for an empty `needle`.
pub fn replace_all(text: &str, needle: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find(rest, needle) {
        out.push_str(rest.get(..at).unwrap_or_default());
        out.push_str(with);
        rest = rest.get(at + needle.len()..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// What follows the last `separator` in `text`, or all of `text` without one (as
/// `text.rsplit(separator).next()`, for a non-empty `separator`).
pub fn after_last<'a>(text: &'a str, separator: &str) -> &'a str {
    rfind(text, separator)
        .and_then(|at| text.get(at + separator.len()..))
        .unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 8] = [
        "",
        "abc",
        "try again in 28s",
        "a: b: c",
        "ééé: ü€𝄞 tok tok",
        "toktoktok",
        "x tok",
        "tok",
    ];
    const NEEDLES: [&str; 7] = ["tok", ": ", "é", "𝄞 t", "abcd", "a", "toktok"];

    #[test]
    fn agree_with_std() {
        for t in TEXTS {
            for n in NEEDLES {
                assert_eq!(find(t, n), t.find(n), "{t:?} {n:?}");
                assert_eq!(rfind(t, n), t.rfind(n), "{t:?} {n:?}");
                assert_eq!(replace_all(t, n, "[redacted]"), t.replace(n, "[redacted]"));
                assert_eq!(after_last(t, n), t.rsplit(n).next().unwrap_or(""));
            }
        }
    }

    #[test]
    fn empty_needle_finds_nothing() {
        assert_eq!(find("abc", ""), None);
        assert_eq!(rfind("abc", ""), None);
        assert_eq!(replace_all("abc", "", "x"), "abc");
        assert_eq!(after_last("abc", ""), "abc");
    }
}
