//! The shapes Aiven defines for plan names, cloud names and tags, checked without a
//! context. Where each shape comes from: docs/fork-rules.md, "Plans, clouds and tags".

use crate::core::issue::{cat, Code, Issue};
use crate::core::json::write_string;

/// Longest tag key and tag value Aiven accepts, in characters.
pub const MAX_TAG_KEY: usize = 64;
/// Longest tag value Aiven accepts, in characters.
pub const MAX_TAG_VALUE: usize = 64;

/// Aiven's plan names: `^[a-z][a-z0-9_-]*[a-z0-9]$`, at most 128 characters
/// (`business-4`, `startup-16`, `premium-6x-16`).
pub fn is_valid_plan(plan: &str) -> bool {
    let b = plan.as_bytes();
    let inner = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'_';
    match b {
        [first, middle @ .., last] => {
            b.len() <= 128
                && first.is_ascii_lowercase()
                && middle.iter().all(inner)
                && (last.is_ascii_lowercase() || last.is_ascii_digit())
        }
        _ => false,
    }
}

/// Aiven's cloud names: 1-256 lower-case letters, digits and `-`, starting with a
/// letter (`google-europe-west1`, `aws-eu-central-1`, `do-ams`).
pub fn is_valid_cloud(cloud: &str) -> bool {
    let b = cloud.as_bytes();
    !b.is_empty()
        && b.len() <= 256
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// Aiven's tag keys: a letter, then letters, digits, `_` and `-`; at most 64.
pub fn is_valid_tag_key(key: &str) -> bool {
    let b = key.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_TAG_KEY
        && b[0].is_ascii_alphabetic()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
}

/// Aiven's tag values: any text of at most 64 characters; the library also refuses
/// control characters (C0, DEL, C1), which no console or invoice can show.
pub fn is_valid_tag_value(value: &str) -> bool {
    value.chars().count() <= MAX_TAG_VALUE && !value.chars().any(char::is_control)
}

/// `"text"` for a message: a JSON string literal (control characters escaped, so a
/// message printed to a terminal cannot carry an escape sequence), at most 64
/// characters of `text` followed by `…` when longer.
pub fn quoted(text: &str) -> String {
    let mut cut = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 64 {
            cut.push('…');
            break;
        }
        cut.push(c);
    }
    let mut out = String::new();
    write_string(&mut out, &cut);
    // JSON leaves DEL, the C1 controls, line separators and bidi controls raw.
    visible(out)
}

/// `text` with every hidden character ([`is_hidden`]) written as a `\uXXXX` escape
/// (`text` itself when it has none): every message of the library goes through it
/// ([`crate::core::issue::Issue::new`]), so the names, keys and server words a message
/// repeats show as they read, with nothing in them that acts on a terminal or on the
/// text around them.
pub fn visible(text: String) -> String {
    if !text.chars().any(is_hidden) {
        return text;
    }
    let mut safe = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            // Every hidden character is in the Basic Multilingual Plane.
            push_u_escape(&mut safe, c as u16);
        } else {
            safe.push(c);
        }
    }
    safe
}

/// Characters that are invisible or act on the text around them where text is shown:
/// control characters (C0, DEL, C1), the line and paragraph separators and the
/// bidirectional formatting characters (which can make shown text read differently
/// from what it is).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `\uXXXX` for one UTF-16 code unit (a character of the Basic Multilingual Plane,
/// or one half of a surrogate pair).
pub(crate) fn push_u_escape(out: &mut String, unit: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let n = u32::from(unit);
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((n >> shift) & 15) as usize] as char);
    }
}

/// The issue for a plan that is not a plan name (`None` when it is one).
pub fn plan_issue(plan: &str) -> Option<Issue> {
    (!is_valid_plan(plan)).then(|| {
        Issue::new(
            Code::InvalidPlan,
            "plan",
            cat(&[
                "plan ",
                &quoted(plan),
                " is not a plan name: Aiven's plans are lower-case letters, digits, - and _, starting with a letter and ending with a letter or digit (like business-4)",
            ]),
        )
    })
}

/// The issue for a cloud that is not a cloud name (`None` when it is one).
pub fn cloud_issue(cloud: &str) -> Option<Issue> {
    (!is_valid_cloud(cloud)).then(|| {
        Issue::new(
            Code::InvalidCloud,
            "cloud",
            cat(&[
                "cloud ",
                &quoted(cloud),
                " is not a cloud name: Aiven's clouds are lower-case letters, digits and -, starting with a letter (like google-europe-west1)",
            ]),
        )
    })
}

/// The issues for tags Aiven would refuse: every bad key and every bad value.
pub fn tag_issues(tags: &[(String, String)]) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (key, value) in tags {
        let mut field = String::from("tags.");
        // The field names the key as given, shortened like other field paths.
        for (i, c) in key.chars().enumerate() {
            if i == 64 {
                field.push('…');
                break;
            }
            field.push(c);
        }
        if !is_valid_tag_key(key) {
            issues.push(Issue::new(
                Code::InvalidTagKey,
                &field,
                cat(&[
                    "tag key ",
                    &quoted(key),
                    " is not valid: tag keys are 1-64 letters, digits, _ and -, starting with a letter",
                ]),
            ));
        }
        if !is_valid_tag_value(value) {
            issues.push(Issue::new(
                Code::InvalidTagValue,
                &field,
                cat(&[
                    "the value of tag ",
                    &quoted(key),
                    " is not valid: tag values are at most 64 characters, without control characters",
                ]),
            ));
        }
    }
    issues
}
