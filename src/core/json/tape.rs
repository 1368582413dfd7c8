//! Input tapes: the form JavaScript hands an input over in (`src/bindings/boundary.js`
//! writes it), read into a [`Doc`] without parsing ([`Doc::from_tape`]), and the same
//! writer in Rust ([`Value::to_tape`]).

use super::{
    has_duplicate_key, push_size, special_byte, text_too_large, Doc, Node, ParseError, Tag, Value,
    MAX_DEPTH, MAX_STRING_BYTES,
};
use crate::core::issue::{Code, Issue};
use crate::core::num::{in_range, scan};

/// Kind of a tape code (see [`Doc::from_tape`]): `null`.
pub const TAPE_NULL: u32 = 0;
/// Kind of a tape code: `false`.
pub const TAPE_FALSE: u32 = 1;
/// Kind of a tape code: `true`.
pub const TAPE_TRUE: u32 = 2;
/// Kind of a tape code: a string (or an object key) and its length.
pub const TAPE_STRING: u32 = 3;
/// Kind of a tape code: a number (its JSON text) and its length.
pub const TAPE_NUMBER: u32 = 4;
/// Kind of a tape code: an array and its count of items.
pub const TAPE_ARRAY: u32 = 5;
/// Kind of a tape code: an object and its count of fields.
pub const TAPE_OBJECT: u32 = 6;

impl<'a> Doc<'a> {
    /// Read an input tape: the form JavaScript hands an input over in
    /// (`src/bindings/boundary.js` writes it, [`Value::to_tape`] is the same writer in
    /// Rust): one code per value in document order, and `text`, the texts of every
    /// key, string and number one after the other. A code's low 3 bits are its kind
    /// ([`TAPE_NULL`] ... [`TAPE_OBJECT`]), the rest the length of its text in UTF-16
    /// units (strings, numbers) or its count of items or fields (arrays, objects,
    /// whose fields follow as key, value, key, value, ...).
    ///
    /// Nothing is parsed; the limits of [`parse`](super::parse) are kept:
    /// [`MAX_DEPTH`] levels, [`MAX_STRING_BYTES`] per string or key, numbers in JSON's
    /// grammar and range, no duplicate keys, and at most `max_bytes` in the value's
    /// compact JSON text (what `JSON.stringify` writes, escapes included). A value
    /// that breaks a limit gets the error it got when JavaScript handed over that text
    /// to be parsed: more than `max_bytes` UTF-16 units, the reader's (`<what> is
    /// larger than ...`); more than `max_bytes` bytes of UTF-8, the parser's; a string
    /// or key of more than [`MAX_STRING_BYTES`] of UTF-8, the parser's error for that
    /// text, byte offset included. Codes and text no writer of tapes produces are
    /// refused as malformed (issues named after `what`, `""`: the request).
    pub fn from_tape(
        text: &'a str,
        codes: &[u32],
        what: &str,
        max_bytes: usize,
    ) -> Result<Doc<'a>, Issue> {
        let mut t = TapeReader {
            codes,
            next: 0,
            pos: 0,
            ascii: text.is_ascii(),
            json_len: 0,
            units: 0,
            long_string: None,
            doc: Doc {
                text,
                slots: Vec::with_capacity(codes.len()),
                decoded: String::new(),
            },
        };
        // Slots hold offsets as u32.
        let read = if u32::try_from(text.len()).is_err() {
            Err(TapeError::Malformed)
        } else {
            t.value(0)
        };
        // Every code and every byte of text read.
        let read = read.and_then(|()| {
            (t.next == codes.len() && t.pos == text.len())
                .then_some(())
                .ok_or(TapeError::Malformed)
        });
        if let Err(e) = read {
            return Err(e.into_issue(what, max_bytes));
        }
        // Escapes add at most 5 bytes per byte of text (numbers have none): count them
        // only when they could pass the bound. They are ASCII, as is everything
        // around the texts, and every UTF-16 unit of a text is at least one byte.
        let mut utf8 = t.json_len;
        if utf8.saturating_add(text.len().saturating_mul(5)) > max_bytes {
            utf8 = utf8.saturating_add(escaped_extra(text.as_bytes()));
        }
        let utf16 = utf8.saturating_sub(text.len().saturating_sub(t.units));
        if utf16 > max_bytes {
            return Err(TapeError::TooLarge.into_issue(what, max_bytes));
        }
        if utf8 > max_bytes {
            return Err(text_too_large(max_bytes));
        }
        if let Some((quote, at)) = t.long_string {
            // The parser stopped after the first MAX_STRING_BYTES + 1 bytes of the
            // string, each written as itself or as an escape (JSON.stringify escapes
            // only one-byte characters), in a text where the escapes of the texts
            // before it came first.
            let end = at.saturating_add(MAX_STRING_BYTES + 1);
            let before = text.as_bytes().get(..end).unwrap_or_default();
            let byte = (quote + 1)
                .saturating_add(MAX_STRING_BYTES + 1)
                .saturating_add(escaped_extra(before));
            return Err(ParseError("string longer than 64 KiB").into_issue(byte));
        }
        Ok(t.doc)
    }
}

impl Value {
    /// This value as an input tape `(text, codes)`, as `boundary.js` writes one for a
    /// JS value (see [`Doc::from_tape`]).
    pub fn to_tape(&self) -> (String, Vec<u32>) {
        fn put(v: &Value, text: &mut String, codes: &mut Vec<u32>) {
            let units = |s: &str| s.encode_utf16().count() as u32;
            match v {
                Value::Null => codes.push(TAPE_NULL),
                Value::Bool(false) => codes.push(TAPE_FALSE),
                Value::Bool(true) => codes.push(TAPE_TRUE),
                Value::Number(n) => {
                    codes.push(TAPE_NUMBER | units(n.as_str()) << 3);
                    text.push_str(n.as_str());
                }
                Value::String(s) => {
                    codes.push(TAPE_STRING | units(s) << 3);
                    text.push_str(s);
                }
                Value::Array(items) => {
                    codes.push(TAPE_ARRAY | (items.len() as u32) << 3);
                    for item in items {
                        put(item, text, codes);
                    }
                }
                Value::Object(fields) => {
                    codes.push(TAPE_OBJECT | (fields.len() as u32) << 3);
                    for (key, item) in fields {
                        codes.push(TAPE_STRING | units(key) << 3);
                        text.push_str(key);
                        put(item, text, codes);
                    }
                }
            }
        }
        let mut text = String::new();
        let mut codes = Vec::new();
        put(self, &mut text, &mut codes);
        (text, codes)
    }
}

/// Why a tape could not be read.
enum TapeError {
    /// Codes and text that no writer of tapes produces.
    Malformed,
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More than the bound of compact JSON text.
    TooLarge,
}

impl TapeError {
    fn into_issue(self, what: &str, max_bytes: usize) -> Issue {
        let mut message = String::from(if what.is_empty() { "the request" } else { what });
        let code = match self {
            TapeError::Malformed => {
                message.push_str(" could not be read (a malformed input tape)");
                Code::InvalidRequest
            }
            TapeError::TooDeep => {
                message.push_str(" is nested more than 32 levels deep");
                Code::InvalidRequest
            }
            TapeError::TooLarge => {
                message.push_str(" is larger than ");
                push_size(&mut message, max_bytes);
                message.push_str(" as JSON text");
                Code::InvalidRequest
            }
        };
        Issue {
            code,
            field: what.to_string(),
            message,
        }
    }
}

struct TapeReader<'a, 'c> {
    codes: &'c [u32],
    /// The next code and the next byte of text to read.
    next: usize,
    pos: usize,
    /// An all-ASCII text: UTF-16 lengths are byte lengths.
    ascii: bool,
    /// The length of the value's compact JSON text in UTF-8 bytes so far, escapes
    /// left out (only what was read is counted: a count of items is trusted only
    /// once they are there).
    json_len: usize,
    /// The UTF-16 units of the texts read so far.
    units: usize,
    /// The first string or key of more than [`MAX_STRING_BYTES`]: where its opening
    /// quote is in the JSON text, escapes left out, and where it starts in `text`
    /// (reported after the size of the whole value, as the parser of its text did).
    long_string: Option<(usize, usize)>,
    doc: Doc<'a>,
}

impl TapeReader<'_, '_> {
    fn code(&mut self) -> Result<u32, TapeError> {
        let code = self.codes.get(self.next).copied();
        self.next += 1;
        code.ok_or(TapeError::Malformed)
    }

    /// The span of the next `units` UTF-16 units of text.
    fn take(&mut self, units: usize) -> Result<(usize, usize), TapeError> {
        let start = self.pos;
        let text = self.doc.text;
        let end = if self.ascii {
            start.checked_add(units).ok_or(TapeError::Malformed)?
        } else {
            let rest = text.get(start..).ok_or(TapeError::Malformed)?;
            let mut counted = 0;
            let mut end = rest.len();
            for (i, c) in rest.char_indices() {
                if counted >= units {
                    end = i;
                    break;
                }
                counted += c.len_utf16();
            }
            if counted != units {
                return Err(TapeError::Malformed);
            }
            start + end
        };
        if end > text.len() {
            return Err(TapeError::Malformed);
        }
        self.pos = end;
        self.units += units;
        Ok((start, end))
    }

    /// A string (or key) of `units` UTF-16 units.
    fn string(&mut self, units: usize) -> Result<(), TapeError> {
        let (a, b) = self.take(units)?;
        if b - a > MAX_STRING_BYTES && self.long_string.is_none() {
            self.long_string = Some((self.json_len, a));
        }
        // Quotes; escapes are counted at the end (see `Doc::from_tape`).
        self.json_len += 2 + (b - a);
        self.doc.push(Tag::Text, a, b);
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<(), TapeError> {
        let code = self.code()?;
        let n = (code >> 3) as usize;
        match code & 7 {
            // Literals have no length.
            TAPE_NULL | TAPE_FALSE | TAPE_TRUE if n != 0 => return Err(TapeError::Malformed),
            TAPE_NULL => {
                self.json_len += 4;
                self.doc.push(Tag::Null, 0, 0);
            }
            TAPE_FALSE => {
                self.json_len += 5;
                self.doc.push(Tag::False, 0, 0);
            }
            TAPE_TRUE => {
                self.json_len += 4;
                self.doc.push(Tag::True, 0, 0);
            }
            TAPE_STRING => self.string(n)?,
            TAPE_NUMBER => {
                let (a, b) = self.take(n)?;
                let digits = self.doc.text.get(a..b).unwrap_or("");
                if !small_integer(digits.as_bytes())
                    && (digits.is_empty()
                        || scan(digits.as_bytes()) != Ok(digits.len())
                        || !in_range(digits))
                {
                    return Err(TapeError::Malformed);
                }
                self.json_len += digits.len();
                self.doc.push(Tag::Number, a, b);
            }
            kind @ (TAPE_ARRAY | TAPE_OBJECT) => {
                if depth >= MAX_DEPTH {
                    return Err(TapeError::TooDeep);
                }
                // Brackets, and a comma before every item or field but the first.
                self.json_len += 1;
                let at = self.doc.slots.len();
                if kind == TAPE_ARRAY {
                    self.doc.push(Tag::Array, 0, 0);
                    for i in 0..n {
                        self.json_len += usize::from(i > 0);
                        self.value(depth + 1)?;
                    }
                    self.doc.close(at, n);
                } else {
                    self.doc.push(Tag::Object, 0, 0);
                    for i in 0..n {
                        self.json_len += usize::from(i > 0);
                        let key = self.code()?;
                        if key & 7 != TAPE_STRING {
                            return Err(TapeError::Malformed);
                        }
                        self.string((key >> 3) as usize)?;
                        // The colon.
                        self.json_len += 1;
                        self.value(depth + 1)?;
                    }
                    self.doc.close(at, n);
                    let object = Node { doc: &self.doc, at };
                    if has_duplicate_key(object) {
                        return Err(TapeError::Malformed);
                    }
                }
                self.json_len += 1;
            }
            _ => return Err(TapeError::Malformed),
        }
        Ok(())
    }
}

/// Whether `digits` is a JSON integer of 1 to 15 digits (the usual count, size or
/// time), valid and in range without the general checks.
fn small_integer(digits: &[u8]) -> bool {
    (1..=15).contains(&digits.len())
        && digits.iter().all(u8::is_ascii_digit)
        && (digits.len() == 1 || digits.first() != Some(&b'0'))
}

/// How many bytes JSON escapes add to `bytes` written as a string: one for `"`, `\\`
/// and the control characters with a short escape, five for the other control
/// characters (`\u00XX`).
fn escaped_extra(bytes: &[u8]) -> usize {
    let mut extra = 0;
    let mut i = special_byte(bytes, 0);
    while let Some(&b) = bytes.get(i) {
        extra += match b {
            b'"' | b'\\' | 0x08 | 0x09 | 0x0a | 0x0c | 0x0d => 1,
            _ => 5,
        };
        i = special_byte(bytes, i + 1);
    }
    extra
}
