//! A small ordered JSON value, its parser and its writer, and the read-only
//! document both inputs are read into.
//!
//! A [`Doc`] is a JSON value kept as one flat list of slots over its text: parsed
//! from JSON text (answers of the Aiven API, [`Doc::parse`]) or read from the input
//! tape JavaScript hands over ([`Doc::from_tape`]), with the same limits. Readers that
//! pick fields out (the context reader, through [`Json`]) copy only what they keep;
//! [`Node::to_value`] builds an owned [`Value`], the ordered value the request model
//! and the payload are made of. Objects keep their key order so payloads and
//! equivalents are stable and readable.
//!
//! The parser and writer are hand-written on purpose: they go into a size-budgeted
//! WebAssembly module, so they avoid `format!` and generic serialisers. Numbers are
//! kept as their JSON text ([`Number`]) and written back unchanged: no float is
//! parsed or formatted.

use crate::core::issue::{Code, Issue};
pub use crate::core::num::Number;
use crate::core::num::{in_range, push_u64, scan};

mod tape;
pub use tape::{
    TAPE_ARRAY, TAPE_FALSE, TAPE_NULL, TAPE_NUMBER, TAPE_OBJECT, TAPE_STRING, TAPE_TRUE,
};

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
    Doc::parse(text, max_bytes).map(|doc| doc.root().to_value())
}

/// The error of a JSON text of more than `max_bytes` bytes.
fn text_too_large(max_bytes: usize) -> Issue {
    let mut message = String::from("JSON text is larger than ");
    push_size(&mut message, max_bytes);
    Issue {
        code: Code::InvalidRequest,
        field: String::new(),
        message,
    }
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

/// A parsed JSON text kept as one flat list of slots (a "tape"), its strings and
/// numbers left in the text: parsing allocates no string, array or object, so a
/// reader that keeps only some fields (a fork context) copies only those
/// ([`Node`], [`Json`]). [`parse`] builds a [`Value`] from it; both apply the same
/// limits and give the same errors, from the one parser below.
pub struct Doc<'a> {
    text: &'a str,
    slots: Vec<Slot>,
    /// The strings that held escapes, decoded (a [`Tag::Decoded`] slot spans it).
    decoded: String,
}

/// One value of a [`Doc`]. Strings and numbers: `a..b` is their span (in the text,
/// or in `decoded`). Arrays and objects: `a` is the index of the slot after their
/// subtree, `b` the number of items or fields; an object's slots are key, value,
/// key, value, ...
#[derive(Clone, Copy)]
struct Slot {
    tag: Tag,
    a: u32,
    b: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    Null,
    False,
    True,
    Number,
    /// A string without escapes: its span in the text.
    Text,
    /// A string with escapes: its span in `decoded`.
    Decoded,
    Array,
    Object,
}

impl Doc<'_> {
    /// Add a slot. Offsets fit in `u32`: a parsed text is at most `MAX_INPUT_BYTES`
    /// (16 MiB) and [`Doc::from_tape`] refuses longer texts.
    fn push(&mut self, tag: Tag, a: usize, b: usize) {
        self.slots.push(Slot {
            tag,
            a: a as u32,
            b: b as u32,
        });
    }

    /// Close the container opened at slot `at` with `count` children.
    fn close(&mut self, at: usize, count: usize) {
        let end = self.slots.len() as u32;
        if let Some(slot) = self.slots.get_mut(at) {
            slot.a = end;
            slot.b = count as u32;
        }
    }
}

impl<'a> Doc<'a> {
    /// Parse `text` (at most `max_bytes` of it) with the limits and errors of
    /// [`parse`].
    pub fn parse(text: &'a str, max_bytes: usize) -> Result<Doc<'a>, Issue> {
        if text.len() > max_bytes {
            return Err(text_too_large(max_bytes));
        }
        let mut p = Parser {
            s: text.as_bytes(),
            i: 0,
            doc: Doc {
                text,
                slots: Vec::with_capacity(text.len() / 8 + 1),
                decoded: String::new(),
            },
        };
        if let Err(e) = p.value(0) {
            return Err(e.into_issue(p.i));
        }
        p.ws();
        if p.i != p.s.len() {
            return Err(ParseError("unexpected text after the JSON value").into_issue(p.i));
        }
        Ok(p.doc)
    }

    /// The top-level value.
    pub fn root(&self) -> Node<'_> {
        Node { doc: self, at: 0 }
    }

    fn slot(&self, at: usize) -> Slot {
        self.slots.get(at).copied().unwrap_or(Slot {
            tag: Tag::Null,
            a: 0,
            b: 0,
        })
    }

    /// The index of the slot after the subtree at `at`.
    fn after(&self, at: usize) -> usize {
        match self.slots.get(at) {
            Some(Slot {
                tag: Tag::Array | Tag::Object,
                a,
                ..
            }) => *a as usize,
            _ => at + 1,
        }
    }

    /// The text of a string or number slot.
    fn span(&self, slot: Slot) -> &str {
        let (a, b) = (slot.a as usize, slot.b as usize);
        let from = if slot.tag == Tag::Decoded {
            self.decoded.as_str()
        } else {
            self.text
        };
        from.get(a..b).unwrap_or("")
    }

    /// The bytes of the string at slot `at` (a key): compared without the
    /// character-boundary checks of [`Doc::span`].
    fn key_bytes(&self, at: usize) -> &[u8] {
        let Some(slot) = self.slots.get(at) else {
            return &[];
        };
        let from = if slot.tag == Tag::Decoded {
            self.decoded.as_bytes()
        } else {
            self.text.as_bytes()
        };
        from.get(slot.a as usize..slot.b as usize)
            .unwrap_or_default()
    }

    /// The slot of the value of field `key` of the object at `at`.
    fn field(&self, at: usize, key: &[u8]) -> Option<usize> {
        let count = match self.slots.get(at) {
            Some(Slot {
                tag: Tag::Object,
                b,
                ..
            }) => *b,
            _ => return None,
        };
        let mut k = at + 1;
        for _ in 0..count {
            // Lengths first, from the slot: most keys differ there.
            let len = self.slots.get(k).map(|s| s.b.wrapping_sub(s.a) as usize);
            if len == Some(key.len()) && self.key_bytes(k) == key {
                return Some(k + 1);
            }
            k = self.after(k + 1);
        }
        None
    }
}

/// One value of a [`Doc`]: cheap to copy, read through [`Json`].
#[derive(Clone, Copy)]
pub struct Node<'d> {
    doc: &'d Doc<'d>,
    at: usize,
}

impl<'d> Node<'d> {
    fn slot(self) -> Slot {
        self.doc.slot(self.at)
    }

    /// The items of an array (nothing for other values).
    pub fn items(self) -> Children<'d> {
        let slot = self.slot();
        let (at, left) = match slot.tag {
            Tag::Array => (self.at + 1, slot.b),
            _ => (self.at, 0),
        };
        Children {
            doc: self.doc,
            at,
            left,
        }
    }

    /// The fields of an object in order (nothing for other values).
    pub fn fields(self) -> Fields<'d> {
        let slot = self.slot();
        let (at, left) = match slot.tag {
            Tag::Object => (self.at + 1, slot.b),
            _ => (self.at, 0),
        };
        Fields {
            doc: self.doc,
            at,
            left,
        }
    }

    /// The value as an owned [`Value`].
    pub fn to_value(self) -> Value {
        let slot = self.slot();
        match slot.tag {
            Tag::Null => Value::Null,
            Tag::False => Value::Bool(false),
            Tag::True => Value::Bool(true),
            Tag::Number => Value::Number(Number::of_scanned(self.doc.span(slot))),
            Tag::Text | Tag::Decoded => Value::String(self.doc.span(slot).to_string()),
            Tag::Array => {
                let mut items = Vec::with_capacity(slot.b as usize);
                items.extend(self.items().map(Node::to_value));
                Value::Array(items)
            }
            Tag::Object => {
                let mut fields = Vec::with_capacity(slot.b as usize);
                fields.extend(self.fields().map(|(k, v)| (k.to_string(), v.to_value())));
                Value::Object(fields)
            }
        }
    }
}

/// The items of an array [`Node`].
pub struct Children<'d> {
    doc: &'d Doc<'d>,
    at: usize,
    left: u32,
}

impl<'d> Iterator for Children<'d> {
    type Item = Node<'d>;

    fn next(&mut self) -> Option<Node<'d>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let node = Node {
            doc: self.doc,
            at: self.at,
        };
        self.at = self.doc.after(self.at);
        Some(node)
    }
}

/// The fields of an object [`Node`]: `(key, value)`.
#[derive(Clone)]
pub struct Fields<'d> {
    doc: &'d Doc<'d>,
    at: usize,
    left: u32,
}

impl<'d> Iterator for Fields<'d> {
    type Item = (&'d str, Node<'d>);

    fn next(&mut self) -> Option<(&'d str, Node<'d>)> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let key = self.doc.span(self.doc.slot(self.at));
        let value = Node {
            doc: self.doc,
            at: self.at + 1,
        };
        self.at = self.doc.after(self.at + 1);
        Some((key, value))
    }
}

/// What a JSON value is, for a reader: scalars with their text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Look<'a> {
    Null,
    Bool(bool),
    /// The number's JSON text (see [`Number`]).
    Number(&'a str),
    String(&'a str),
    Array,
    Object,
}

/// Read access to a JSON value, owned ([`&Value`](Value)) or in a parsed text
/// ([`Node`]): readers that pick fields out of JSON (the fork context) are written
/// once against it.
pub trait Json<'a>: Copy {
    /// The iterator of [`Json::items`].
    type Items: Iterator<Item = Self>;
    /// The iterator of [`Json::fields`].
    type Fields: Iterator<Item = (&'a str, Self)>;

    /// What the value is.
    fn look(self) -> Look<'a>;
    /// A field of an object (`None` for other values and missing keys).
    fn get(self, key: &str) -> Option<Self>;
    /// The items of an array, in order (nothing for other values).
    fn items(self) -> Self::Items;
    /// The fields of an object, in order (nothing for other values).
    fn fields(self) -> Self::Fields;
    /// How many items an array or fields an object has (0 for other values).
    fn count(self) -> usize;
    /// An owned copy.
    fn to_value(self) -> Value;

    /// The string inside, if this is a string.
    fn as_str(self) -> Option<&'a str> {
        match self.look() {
            Look::String(s) => Some(s),
            _ => None,
        }
    }

    /// `true` for `null`.
    fn is_null(self) -> bool {
        self.look() == Look::Null
    }
}

/// `(key, value)` of a field of a [`Value::Object`].
fn field_ref((key, value): &(String, Value)) -> (&str, &Value) {
    (key, value)
}

impl<'a> Json<'a> for &'a Value {
    type Items = core::slice::Iter<'a, Value>;
    type Fields = core::iter::Map<
        core::slice::Iter<'a, (String, Value)>,
        fn(&'a (String, Value)) -> (&'a str, &'a Value),
    >;

    fn look(self) -> Look<'a> {
        match self {
            Value::Null => Look::Null,
            Value::Bool(b) => Look::Bool(*b),
            Value::Number(n) => Look::Number(n.as_str()),
            Value::String(s) => Look::String(s),
            Value::Array(_) => Look::Array,
            Value::Object(_) => Look::Object,
        }
    }

    fn get(self, key: &str) -> Option<&'a Value> {
        Value::get(self, key)
    }

    fn items(self) -> Self::Items {
        self.as_array().unwrap_or_default().iter()
    }

    fn fields(self) -> Self::Fields {
        self.as_object().unwrap_or_default().iter().map(field_ref)
    }

    fn count(self) -> usize {
        match self {
            Value::Array(items) => items.len(),
            Value::Object(fields) => fields.len(),
            _ => 0,
        }
    }

    fn to_value(self) -> Value {
        self.clone()
    }
}

impl<'d> Json<'d> for Node<'d> {
    type Items = Children<'d>;
    type Fields = Fields<'d>;

    fn look(self) -> Look<'d> {
        let slot = self.slot();
        match slot.tag {
            Tag::Null => Look::Null,
            Tag::False => Look::Bool(false),
            Tag::True => Look::Bool(true),
            Tag::Number => Look::Number(self.doc.span(slot)),
            Tag::Text | Tag::Decoded => Look::String(self.doc.span(slot)),
            Tag::Array => Look::Array,
            Tag::Object => Look::Object,
        }
    }

    fn get(self, key: &str) -> Option<Node<'d>> {
        let at = self.doc.field(self.at, key.as_bytes())?;
        Some(Node { doc: self.doc, at })
    }

    fn items(self) -> Children<'d> {
        Node::items(self)
    }

    fn fields(self) -> Fields<'d> {
        Node::fields(self)
    }

    fn count(self) -> usize {
        let slot = self.slot();
        match slot.tag {
            Tag::Array | Tag::Object => slot.b as usize,
            _ => 0,
        }
    }

    fn is_null(self) -> bool {
        self.slot().tag == Tag::Null
    }

    fn to_value(self) -> Value {
        Node::to_value(self)
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
    s: &'a [u8],
    i: usize,
    doc: Doc<'a>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn rest_starts_with(&self, word: &[u8]) -> bool {
        self.s
            .get(self.i..)
            .is_some_and(|rest| rest.starts_with(word))
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn lit(&mut self, word: &[u8], tag: Tag) -> Result<(), ParseError> {
        if self.rest_starts_with(word) {
            self.i += word.len();
            self.doc.push(tag, 0, 0);
            Ok(())
        } else {
            Err(ParseError("unknown literal"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<(), ParseError> {
        self.ws();
        match self.peek() {
            None => Err(ParseError("unexpected end of input")),
            Some(b'n') => self.lit(b"null", Tag::Null),
            Some(b't') => self.lit(b"true", Tag::True),
            Some(b'f') => self.lit(b"false", Tag::False),
            Some(b'"') => self.string(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                if depth >= MAX_DEPTH {
                    return Err(ParseError("nested too deeply"));
                }
                self.i += 1;
                let at = self.doc.slots.len();
                self.doc.push(Tag::Array, 0, 0);
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    self.doc.close(at, 0);
                    return Ok(());
                }
                let mut count = 0;
                loop {
                    self.value(depth + 1)?;
                    count += 1;
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            self.doc.close(at, count);
                            return Ok(());
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
                let at = self.doc.slots.len();
                self.doc.push(Tag::Object, 0, 0);
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    self.doc.close(at, 0);
                    return Ok(());
                }
                let mut count = 0;
                loop {
                    self.ws();
                    if self.peek() != Some(b'"') {
                        return Err(ParseError("expected a string key"));
                    }
                    self.string()?;
                    self.ws();
                    if self.peek() != Some(b':') {
                        return Err(ParseError("expected ':'"));
                    }
                    self.i += 1;
                    self.value(depth + 1)?;
                    count += 1;
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            self.doc.close(at, count);
                            let object = Node { doc: &self.doc, at };
                            if has_duplicate_key(object) {
                                return Err(ParseError("duplicate key in object"));
                            }
                            return Ok(());
                        }
                        _ => return Err(ParseError("expected ',' or '}'")),
                    }
                }
            }
            Some(_) => Err(ParseError("unexpected character")),
        }
    }

    fn number(&mut self) -> Result<(), ParseError> {
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
        if !text.is_some_and(in_range) {
            return Err(ParseError("number out of range"));
        }
        self.doc.push(Tag::Number, start, end);
        Ok(())
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

    fn string(&mut self) -> Result<(), ParseError> {
        self.i += 1; // opening quote
        let start = self.i;
        // Fast path: no escape before the closing quote, so the string is a span of
        // the text (cut at ASCII quotes, so whole characters).
        let end = special_byte(self.s, start);
        let plain = (self.s.get(end) == Some(&b'"')).then_some(end);
        if let Some(end) = plain {
            if end - start > MAX_STRING_BYTES {
                // Where the byte-by-byte loop below stops too.
                self.i = start + MAX_STRING_BYTES + 1;
                return Err(ParseError("string longer than 64 KiB"));
            }
            self.i = end + 1;
            self.doc.push(Tag::Text, start, end);
            return Ok(());
        }
        let from = self.doc.decoded.len();
        // Runs of plain bytes are copied whole; `run` is where the current one began.
        let mut run = start;
        loop {
            if self.doc.decoded.len() - from + (self.i - run) > MAX_STRING_BYTES {
                return Err(ParseError("string longer than 64 KiB"));
            }
            let Some(b) = self.peek() else {
                return Err(ParseError("unterminated string"));
            };
            match b {
                b'"' | b'\\' => {
                    // The run is cut at ASCII bytes, so it is whole characters.
                    let text = self.doc.text;
                    self.doc
                        .decoded
                        .push_str(text.get(run..self.i).unwrap_or(""));
                    self.i += 1;
                    if b == b'"' {
                        break;
                    }
                    let c = self.escape()?;
                    self.doc.decoded.push(c);
                    run = self.i;
                }
                0..=0x1f => {
                    self.i += 1;
                    return Err(ParseError("control character in string"));
                }
                _ => self.i += 1,
            }
        }
        let len = self.doc.decoded.len() - from;
        if len > MAX_STRING_BYTES {
            return Err(ParseError("string longer than 64 KiB"));
        }
        let end = self.doc.decoded.len();
        self.doc.push(Tag::Decoded, from, end);
        Ok(())
    }

    /// The character of the escape after a backslash.
    fn escape(&mut self) -> Result<char, ParseError> {
        let Some(e) = self.peek() else {
            return Err(ParseError("unterminated string"));
        };
        self.i += 1;
        Ok(match e {
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
                    if !self.rest_starts_with(b"\\u") {
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
        })
    }
}

/// The index of the first `"`, `\\` or control byte at or after `from` (`s.len()` if
/// none): eight bytes at a time, then byte by byte.
fn special_byte(s: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = s.get(i..i + 8) {
        let x = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        // A byte's high bit is set where it equals `"` or `\\` or is below 0x20; only
        // the lowest such byte is exact (borrows run upwards), which is the one used.
        let quote = x ^ (ONES * u64::from(b'"'));
        let slash = x ^ (ONES * u64::from(b'\\'));
        let found = (quote.wrapping_sub(ONES) & !quote
            | slash.wrapping_sub(ONES) & !slash
            | x.wrapping_sub(ONES * 0x20) & !x)
            & HIGH;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = s.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// Duplicate keys make an object ambiguous; detected in O(n log n) (small objects,
/// the usual case, by comparing pairs without allocating).
fn has_duplicate_key(object: Node<'_>) -> bool {
    let doc = object.doc;
    let count = object.slot().b as usize;
    if count < 2 {
        return false;
    }
    if count <= 16 {
        // The keys, then every pair of them.
        let mut keys: [&[u8]; 16] = [&[]; 16];
        let mut k = object.at + 1;
        for key in keys.iter_mut().take(count) {
            *key = doc.key_bytes(k);
            k = doc.after(k + 1);
        }
        let keys = keys.get(..count).unwrap_or_default();
        return keys.iter().enumerate().any(|(i, key)| {
            let later = keys.get(i + 1..).unwrap_or_default();
            later.iter().any(|other| other == key)
        });
    }
    let mut keys: Vec<&[u8]> = Vec::with_capacity(count);
    let mut k = object.at + 1;
    for _ in 0..count {
        keys.push(doc.key_bytes(k));
        k = doc.after(k + 1);
    }
    heap_sort(&mut keys);
    keys.windows(2).any(|w| w.first() == w.get(1))
}

/// Heapsort: in place, O(n log n), no allocation, a few hundred bytes of wasm where
/// `sort_unstable` brings about 3 KB.
fn heap_sort<T: Ord>(v: &mut [T]) {
    let len = v.len();
    // Move `v[root]` down the max-heap `v[..end]`; every index used is below `end`.
    let sift = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && v.get(child) < v.get(child + 1) {
            child += 1;
        }
        if v.get(root) >= v.get(child) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for start in (0..len / 2).rev() {
        sift(v, start, len);
    }
    for end in (1..len).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::heap_sort;

    #[test]
    fn heap_sort_sorts_like_std() {
        let mut seed = 12345u32;
        for len in 0..70 {
            let mut v: Vec<u32> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (seed >> 16) % 23
                })
                .collect();
            let mut want = v.clone();
            want.sort();
            heap_sort(&mut v);
            assert_eq!(v, want, "length {len}");
        }
    }
}
