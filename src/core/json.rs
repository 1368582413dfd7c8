//! A small ordered JSON value, its parser and its writer.
//!
//! Inputs from JavaScript and from the Aiven API become a [`Value`] first; the
//! request and context models are read from it field by field. Objects keep their
//! key order so payloads and equivalents are stable and readable.
//!
//! The parser and writer are hand-written on purpose: they go into a size-budgeted
//! WebAssembly module, so they avoid `format!` and generic serialisers. Numbers are
//! kept as their JSON text ([`Number`]) and written back unchanged: no float is
//! parsed or formatted.

use crate::core::issue::{Code, Issue};
pub use crate::core::num::Number;
use crate::core::num::{push_u64, scan};

/// An ordered JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number's JSON text (see [`Number`]).
    Number(Number),
    String(String),
    Array(Vec<Value>),
    /// Key order is kept as inserted; duplicate keys are not allowed by the builders.
    Object(Vec<(String, Value)>),
}

/// Limits for untrusted input (parser and JS conversion both apply them).
pub const MAX_DEPTH: usize = 32;
/// Longest string accepted anywhere in an input.
pub const MAX_STRING_BYTES: usize = 64 * 1024;
/// Longest JSON text [`parse`] accepts (API answers listing many services are large).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// Longest JSON text of a fork request: Aiven's API takes request bodies of at most
/// 1 MiB, and a request is never larger than the body built from it by more than a
/// few fixed keys.
pub const MAX_REQUEST_BYTES: usize = 1024 * 1024;

impl Value {
    /// Field of an object (`None` for non-objects and missing keys).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string inside, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number inside, if this is a number.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// A non-negative integer value.
    pub fn uint(n: u64) -> Value {
        Value::Number(Number::from_u64(n))
    }

    /// The boolean inside, if this is a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The fields in order, if this is an object.
    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(fields) => Some(fields),
            _ => None,
        }
    }

    /// Whether nesting goes deeper than `max` arrays/objects. Iterative, so any
    /// value can be checked without growing the call stack.
    pub fn deeper_than(&self, max: usize) -> bool {
        let mut stack: Vec<(&Value, usize)> = vec![(self, 0)];
        while let Some((v, d)) = stack.pop() {
            let children: &mut dyn Iterator<Item = &Value> = match v {
                Value::Array(items) => &mut items.iter(),
                Value::Object(fields) => &mut fields.iter().map(|(_, v)| v),
                _ => continue,
            };
            if d + 1 > max {
                return true;
            }
            for c in children {
                stack.push((c, d + 1));
            }
        }
        false
    }

    /// `true` for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// A JSON string value.
    pub fn str(s: &str) -> Value {
        Value::String(s.to_string())
    }

    /// The JSON type name, for messages (`"string"`, `"number"`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// Compact JSON text, keys in order.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, None, 0);
        out
    }

    /// JSON text indented by two spaces per level (like `JSON.stringify(v, null, 2)`).
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self, Some(2), 0);
        out
    }
}

// ---------------------------------------------------------------- writer

fn newline(out: &mut String, indent: Option<usize>, level: usize) {
    if let Some(step) = indent {
        out.push('\n');
        for _ in 0..step * level {
            out.push(' ');
        }
    }
}

fn write_value(out: &mut String, v: &Value, indent: Option<usize>, level: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, level + 1);
                write_value(out, item, indent, level + 1);
            }
            newline(out, indent, level);
            out.push(']');
        }
        Value::Object(fields) => {
            if fields.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (k, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, level + 1);
                write_string(out, k);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_value(out, item, indent, level + 1);
            }
            newline(out, indent, level);
            out.push('}');
        }
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// A JSON string literal with the minimal escapes.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

// ---------------------------------------------------------------- parser

/// Parse JSON text into a [`Value`]. Limits: [`MAX_INPUT_BYTES`] of text,
/// [`MAX_DEPTH`] levels of nesting, [`MAX_STRING_BYTES`] per string or key; duplicate
/// keys and trailing non-whitespace are rejected. Errors are
/// [`Code::InvalidRequest`] issues whose message names the byte offset.
pub fn parse(text: &str) -> Result<Value, Issue> {
    parse_limited(text, MAX_INPUT_BYTES)
}

/// [`parse`] with at most `max_bytes` of text (e.g. [`MAX_REQUEST_BYTES`]): longer
/// text is refused before any of it is read.
pub fn parse_limited(text: &str, max_bytes: usize) -> Result<Value, Issue> {
    if text.len() > max_bytes {
        let mut message = String::from("JSON text is larger than ");
        push_size(&mut message, max_bytes);
        return Err(Issue {
            code: Code::InvalidRequest,
            field: String::new(),
            message,
        });
    }
    let mut p = Parser {
        text,
        s: text.as_bytes(),
        i: 0,
        items: Vec::new(),
        fields: Vec::new(),
    };
    let v = p.value(0).map_err(|e| e.into_issue(p.i))?;
    p.ws();
    if p.i != p.s.len() {
        return Err(ParseError("unexpected text after the JSON value").into_issue(p.i));
    }
    Ok(v)
}

/// `1 MiB` for whole mebibytes, else `N bytes`.
fn push_size(out: &mut String, bytes: usize) {
    const MIB: usize = 1024 * 1024;
    if bytes % MIB == 0 {
        push_u64(out, (bytes / MIB) as u64);
        out.push_str(" MiB");
    } else {
        push_u64(out, bytes as u64);
        out.push_str(" bytes");
    }
}

struct ParseError(&'static str);

impl ParseError {
    fn into_issue(self, at: usize) -> Issue {
        let mut message = String::from("invalid JSON at byte ");
        push_u64(&mut message, at as u64);
        message.push_str(": ");
        message.push_str(self.0);
        Issue {
            code: Code::InvalidRequest,
            field: String::new(),
            message,
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    s: &'a [u8],
    i: usize,
    /// Elements and fields of the arrays and objects being read, innermost last: each
    /// array or object is then moved out in one allocation of its exact size.
    items: Vec<Value>,
    fields: Vec<(String, Value)>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn lit(&mut self, word: &[u8], v: Value) -> Result<Value, ParseError> {
        if self.s[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(ParseError("unknown literal"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.ws();
        match self.peek() {
            None => Err(ParseError("unexpected end of input")),
            Some(b'n') => self.lit(b"null", Value::Null),
            Some(b't') => self.lit(b"true", Value::Bool(true)),
            Some(b'f') => self.lit(b"false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                if depth >= MAX_DEPTH {
                    return Err(ParseError("nested too deeply"));
                }
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Ok(Value::Array(Vec::new()));
                }
                let mark = self.items.len();
                loop {
                    let item = self.value(depth + 1)?;
                    self.items.push(item);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Value::Array(self.items.drain(mark..).collect()));
                        }
                        _ => return Err(ParseError("expected ',' or ']'")),
                    }
                }
            }
            Some(b'{') => {
                if depth >= MAX_DEPTH {
                    return Err(ParseError("nested too deeply"));
                }
                self.i += 1;
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Ok(Value::Object(Vec::new()));
                }
                let mark = self.fields.len();
                loop {
                    self.ws();
                    if self.peek() != Some(b'"') {
                        return Err(ParseError("expected a string key"));
                    }
                    let key = self.string()?;
                    self.ws();
                    if self.peek() != Some(b':') {
                        return Err(ParseError("expected ':'"));
                    }
                    self.i += 1;
                    let v = self.value(depth + 1)?;
                    self.fields.push((key, v));
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            let fields: Vec<(String, Value)> = self.fields.drain(mark..).collect();
                            if has_duplicate_key(&fields) {
                                return Err(ParseError("duplicate key in object"));
                            }
                            return Ok(Value::Object(fields));
                        }
                        _ => return Err(ParseError("expected ',' or '}'")),
                    }
                }
            }
            Some(_) => Err(ParseError("unexpected character")),
        }
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.i;
        let rest = self.s.get(start..).unwrap_or_default();
        let end = match scan(rest) {
            Ok(len) => start + len,
            Err((at, why)) => {
                self.i = start + at;
                return Err(ParseError(why));
            }
        };
        self.i = end;
        // The number's bytes are ASCII digits, signs, `.` and `e`.
        let text = self
            .s
            .get(start..end)
            .and_then(|b| core::str::from_utf8(b).ok());
        match text.and_then(Number::in_range_of) {
            Some(n) => Ok(Value::Number(n)),
            None => Err(ParseError("number out of range")),
        }
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(ParseError("bad \\u escape")),
            };
            v = v * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(v)
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.i += 1; // opening quote
                     // Fast path: no escape before the closing quote, so the string is a slice of
                     // the text (cut at ASCII quotes, so whole characters) copied at once.
        let start = self.i;
        let plain = self.s.get(start..).and_then(|rest| {
            let end = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            (rest.get(end) == Some(&b'"')).then_some(start + end)
        });
        if let Some(end) = plain {
            if end - start > MAX_STRING_BYTES {
                // Where the byte-by-byte loop below stops too.
                self.i = start + MAX_STRING_BYTES + 1;
                return Err(ParseError("string longer than 64 KiB"));
            }
            if let Some(text) = self.text.get(start..end) {
                self.i = end + 1;
                return Ok(text.to_string());
            }
        }
        let mut out: Vec<u8> = Vec::new();
        loop {
            if out.len() > MAX_STRING_BYTES {
                return Err(ParseError("string longer than 64 KiB"));
            }
            let Some(b) = self.peek() else {
                return Err(ParseError("unterminated string"));
            };
            self.i += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let Some(e) = self.peek() else {
                        return Err(ParseError("unterminated string"));
                    };
                    self.i += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.s[self.i..].starts_with(b"\\u") {
                                    return Err(ParseError("lone surrogate in \\u escape"));
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(ParseError("lone surrogate in \\u escape"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            match char::from_u32(code) {
                                Some(c) => c,
                                None => return Err(ParseError("lone surrogate in \\u escape")),
                            }
                        }
                        _ => return Err(ParseError("unknown escape")),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => return Err(ParseError("control character in string")),
                _ => out.push(b),
            }
        }
        if out.len() > MAX_STRING_BYTES {
            return Err(ParseError("string longer than 64 KiB"));
        }
        // Input was a &str and escapes produce whole characters, so this is UTF-8.
        String::from_utf8(out).map_err(|_| ParseError("invalid UTF-8"))
    }
}

/// Duplicate keys make an object ambiguous; detected in O(n log n) (small objects,
/// the usual case, by comparing pairs without allocating).
fn has_duplicate_key(fields: &[(String, Value)]) -> bool {
    if fields.len() < 2 {
        return false;
    }
    if fields.len() <= 16 {
        return fields.iter().enumerate().any(|(i, (k, _))| {
            let later = fields.get(i + 1..).unwrap_or_default();
            later.iter().any(|(other, _)| other == k)
        });
    }
    let mut keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    keys.windows(2).any(|w| w[0] == w[1])
}
