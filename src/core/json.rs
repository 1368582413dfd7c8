//! A small ordered JSON value, its parser and its writer.
//!
//! Inputs from JavaScript and from the Aiven API become a [`Value`] first; the
//! request and context models are read from it field by field. Objects keep their
//! key order so payloads and equivalents are stable and readable.

use serde::Serialize;

/// An ordered JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    /// Key order is kept as inserted; duplicate keys are not allowed by the builders.
    Object(Vec<(String, Value)>),
}

/// Limits for untrusted input (parser and JS conversion both apply them).
pub const MAX_DEPTH: usize = 32;
/// Longest string accepted anywhere in an input.
pub const MAX_STRING_BYTES: usize = 64 * 1024;

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
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => s.serialize_f64(*n),
            Value::String(v) => s.serialize_str(v),
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(fields) => {
                let mut map = s.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}
