//! The same fork as an `avn` command, a curl command and Terraform HCL.
//!
//! Everything here is derived from the exact ServiceCreate body the library sends,
//! so the three forms cannot drift from the payload. Text is built with `push_str`
//! (no `format!`) to keep the wasm small.

use serde::Serialize;

use crate::core::json::{write_number, Value};
use crate::core::payload::encode_segment;

/// Three ways to run the same fork outside this library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Equivalents {
    /// `avn service create ...` (plus `avn service tags replace ...` when there are
    /// tags: `service create` has no tag option). Run as-is, the real CLI sends
    /// exactly the library's body. When the body holds something avn cannot send
    /// (`copy_tags`, disk not in whole GiB, `null` user-config values, ...), this is
    /// a shell comment saying so instead, never a command that sends something else.
    pub cli: String,
    /// curl with `Authorization: aivenv1 $AIVEN_TOKEN` and valid JSON.
    pub curl: String,
    /// Terraform HCL: the type's resource with its `*_user_config` block.
    pub terraform: String,
}

/// The three equivalents of `POST /v1/project/{project}/service` with `body`.
pub fn equivalents(project: &str, body: &Value) -> Equivalents {
    Equivalents {
        cli: cli(project, body),
        curl: curl(project, body),
        terraform: terraform(project, body),
    }
}

fn field<'a>(body: &'a Value, key: &str) -> Option<&'a Value> {
    body.get(key)
}

fn str_field<'a>(body: &'a Value, key: &str) -> &'a str {
    field(body, key).and_then(Value::as_str).unwrap_or("")
}

fn fields(v: Option<&Value>) -> &[(String, Value)] {
    match v {
        Some(Value::Object(f)) => f,
        _ => &[],
    }
}

// ---------------------------------------------------------------- shell

/// Characters that never need quoting in a POSIX shell word (not first-word
/// assignments; `~` is left out because of tilde expansion).
fn sh_plain(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_@%+=:,./-".contains(&b))
}

/// A POSIX shell word: bare when safe, else single-quoted with `'` as `'\''`.
fn sh_word(out: &mut String, s: &str) {
    if sh_plain(s) {
        out.push_str(s);
        return;
    }
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
}

// ---------------------------------------------------------------- curl

fn curl(project: &str, body: &Value) -> String {
    // Percent-encoded: never needs shell quoting inside the single quotes.
    let mut out = String::from("curl -sS -X POST 'https://api.aiven.io/v1/project/");
    out.push_str(&encode_segment(project));
    out.push_str("/service");
    out.push_str(
        "' \\\n  -H 'Content-Type: application/json' \\\n  -H \"Authorization: aivenv1 $AIVEN_TOKEN\" \\\n  --data ",
    );
    sh_word(&mut out, &body.to_json_pretty());
    out
}

// ---------------------------------------------------------------- avn

/// Builds the `avn` command; the first thing it cannot express exactly wins.
struct Cli {
    out: String,
    blocker: Option<String>,
}

impl Cli {
    fn block(&mut self, why: &str, key: &str) {
        if self.blocker.is_none() {
            let mut s = String::from(why);
            s.push_str(key);
            self.blocker = Some(s);
        }
    }

    fn opt(&mut self, flag: &str, value: Option<&str>) {
        push_opt(&mut self.out, flag, value);
    }

    /// `-c key=value` for every leaf of a user-config value (nested keys use dots).
    fn config(&mut self, key: &str, v: &Value) {
        match v {
            Value::Object(f) if !f.is_empty() => {
                for (k, item) in f {
                    if k.is_empty() || k.contains(['.', '=']) {
                        self.block("it cannot name the user_config key ", k);
                    }
                    let mut sub = String::from(key);
                    sub.push('.');
                    sub.push_str(k);
                    self.config(&sub, item);
                }
            }
            _ => {
                let mut text = String::new();
                if !cli_scalar(&mut text, v) && !py_list(&mut text, v) {
                    self.block("it cannot send this value of ", key);
                }
                let mut kv = String::from(key);
                kv.push('=');
                kv.push_str(&text);
                self.opt("-c", Some(&kv));
            }
        }
    }
}

/// ` \` + newline + `  FLAG VALUE`. Values starting with `-` use `FLAG=VALUE`
/// so argparse cannot take them for options.
fn push_opt(out: &mut String, flag: &str, value: Option<&str>) {
    out.push_str(" \\\n  ");
    out.push_str(flag);
    if let Some(v) = value {
        out.push(if v.starts_with('-') { '=' } else { ' ' });
        sh_word(out, v);
    }
}

/// How `avn -c` spells a scalar (it converts the text with the type's schema).
fn cli_scalar(out: &mut String, v: &Value) -> bool {
    match v {
        Value::String(s) => out.push_str(s),
        Value::Number(n) if n.is_finite() => write_number(out, *n),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        _ => return false,
    }
    true
}

/// A Python string literal (avn reads array values with `ast.literal_eval`).
fn py_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str("\\x");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A Python literal of any JSON value (object items of arrays are taken as-is).
fn py_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Number(n) => write_number(out, *n),
        Value::String(s) => py_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                py_value(out, item);
            }
            out.push(']');
        }
        Value::Object(f) => {
            out.push('{');
            for (i, (k, item)) in f.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                py_str(out, k);
                out.push_str(": ");
                py_value(out, item);
            }
            out.push('}');
        }
    }
}

/// An array for `-c`: avn converts each item with the items' schema, which for
/// scalars needs the item as text (`int('5', 0)`), so scalars become strings.
fn py_list(out: &mut String, v: &Value) -> bool {
    let Value::Array(items) = v else {
        return false;
    };
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match item {
            Value::Object(_) => py_value(out, item),
            _ => {
                let mut text = String::new();
                if !cli_scalar(&mut text, item) {
                    return false;
                }
                py_str(out, &text);
            }
        }
    }
    out.push(']');
    true
}

fn has_nul(v: &Value) -> bool {
    match v {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(has_nul),
        Value::Object(f) => f.iter().any(|(k, x)| k.contains('\0') || has_nul(x)),
        _ => false,
    }
}

fn cli(project: &str, body: &Value) -> String {
    let name = str_field(body, "service_name");
    let mut c = Cli {
        out: String::from("avn service create "),
        blocker: None,
    };
    if name.is_empty() || name.starts_with('-') {
        c.block("it cannot name the service ", name);
    }
    if project.is_empty() {
        // `--project ''` falls back to the default project of the CLI's config.
        c.block("it needs a project", "");
    }
    if str_field(body, "service_type").contains(':') {
        // avn reads `TYPE:PLAN` as a type and a plan.
        c.block(
            "it cannot name the service type ",
            str_field(body, "service_type"),
        );
    }
    if has_nul(body) || project.contains('\0') {
        c.block("it cannot pass NUL characters", "");
    }
    sh_word(&mut c.out, name);
    c.opt("--project", Some(project));
    c.opt("--service-type", Some(str_field(body, "service_type")));
    c.opt("--plan", Some(str_field(body, "plan")));

    let uc = field(body, "user_config");
    let fork_from = uc.and_then(|u| u.get("service_to_fork_from"));
    // avn only sends --recovery-target-time together with a non-empty
    // --service-to-fork-from (and drops empty values): use the flags only then.
    let flags = matches!(fork_from, Some(Value::String(s)) if !s.is_empty());
    let time = uc.and_then(|u| u.get("recovery_target_time"));
    let time_flag = flags && matches!(time, Some(Value::String(s)) if !s.is_empty());

    let mut tags_cmd = String::new();
    let Value::Object(top) = body else {
        c.block("the body is not an object", "");
        return finish(c, tags_cmd);
    };
    for (k, v) in top {
        match (k.as_str(), v) {
            ("service_name" | "service_type" | "plan", Value::String(_)) => {}
            ("cloud", Value::String(s)) => c.opt("--cloud", Some(s)),
            // avn sends `"cloud": null` when --cloud is not given.
            ("cloud", Value::Null) => {}
            ("project_vpc_id", Value::String(s)) => c.opt("--project-vpc-id", Some(s)),
            ("project_vpc_id", Value::Null) => c.opt("--no-project-vpc", None),
            ("disk_space_mb", Value::Number(n))
                if n.fract() == 0.0 && *n > 0.0 && n % 1024.0 == 0.0 =>
            {
                let mut gib = String::new();
                write_number(&mut gib, n / 1024.0);
                c.opt("--disk-space-gib", Some(&gib));
            }
            ("termination_protection", Value::Bool(true)) => {
                c.opt("--enable-termination-protection", None)
            }
            ("termination_protection" | "copy_tags", Value::Bool(false)) => {}
            ("static_ips", Value::Array(ips)) => {
                for ip in ips {
                    match ip.as_str() {
                        Some(s) => c.opt("--static-ip", Some(s)),
                        None => c.block("it cannot send this value of ", k),
                    }
                }
            }
            ("service_integrations", Value::Array(a)) if a.is_empty() => {}
            ("tags", Value::Object(tags)) => {
                if tags.is_empty() {
                    continue;
                }
                // `service create` has no tag option: set them right after.
                tags_cmd.push_str(" &&\navn service tags replace ");
                sh_word(&mut tags_cmd, name);
                push_opt(&mut tags_cmd, "--project", Some(project));
                for (tk, tv) in tags {
                    // `--tag KEY=VALUE` splits at the first `=`.
                    let Some(tv) = tv.as_str().filter(|_| !tk.is_empty() && !tk.contains('='))
                    else {
                        c.block("its tag option cannot set the tag ", tk);
                        continue;
                    };
                    let mut kv = String::from(tk.as_str());
                    kv.push('=');
                    kv.push_str(tv);
                    push_opt(&mut tags_cmd, "--tag", Some(&kv));
                }
            }
            ("user_config", Value::Object(entries)) => {
                for (uk, uv) in entries {
                    match uk.as_str() {
                        "service_to_fork_from" if flags => {
                            c.opt("--service-to-fork-from", uv.as_str())
                        }
                        "recovery_target_time" if time_flag => {
                            c.opt("--recovery-target-time", uv.as_str())
                        }
                        _ => {
                            if uk.is_empty() || uk.contains(['.', '=']) || uk.starts_with('-') {
                                c.block("it cannot name the user_config key ", uk);
                            }
                            c.config(uk, uv)
                        }
                    }
                }
            }
            _ => c.block("it has no option for this value of ", k),
        }
    }
    finish(c, tags_cmd)
}

fn finish(c: Cli, tags_cmd: String) -> String {
    match c.blocker {
        None => {
            let mut out = c.out;
            out.push_str(&tags_cmd);
            out
        }
        Some(why) => {
            let mut out = String::from("# The avn CLI cannot send exactly this request: ");
            for ch in why.chars() {
                out.push(if ch.is_control() { '?' } else { ch });
            }
            out.push_str(".\n# Use the curl command instead.");
            out
        }
    }
}

// ---------------------------------------------------------------- terraform

/// An HCL string literal: JSON-style escapes plus `$${` and `%%{` so Terraform
/// does not read templates.
fn hcl_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut prev = '\0';
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '{' if prev == '$' || prev == '%' => {
                out.push(prev);
                out.push('{');
            }
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
        prev = c;
    }
    out.push('"');
}

fn hcl_ident(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A non-empty object whose keys can be HCL attribute names (so: a block body).
fn block_like(v: &Value) -> bool {
    matches!(v, Value::Object(f) if !f.is_empty() && f.iter().all(|(k, _)| hcl_ident(k)))
}

/// An HCL expression for an attribute value.
fn hcl_value(out: &mut String, v: &Value, level: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => write_number(out, *n),
        Value::String(s) => hcl_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                hcl_value(out, item, level);
            }
            out.push(']');
        }
        Value::Object(f) => {
            if f.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (k, item) in f {
                indent(out, level + 1);
                hcl_str(out, k);
                out.push_str(" = ");
                hcl_value(out, item, level + 1);
            }
            indent(out, level);
            out.push('}');
        }
    }
}

fn indent(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// One HCL body: attributes (their `=` aligned as `terraform fmt` does), then
/// nested blocks.
#[derive(Default)]
struct Body {
    attrs: Vec<(String, String)>,
    blocks: Vec<(String, Body)>,
    comments: Vec<String>,
}

impl Body {
    fn attr(&mut self, key: &str, v: &Value, level: usize) {
        let mut text = String::new();
        hcl_value(&mut text, v, level);
        self.attrs.push((key.to_string(), text));
    }

    /// A user-config value: objects with identifier keys become nested blocks,
    /// arrays of objects repeated blocks, the rest attributes.
    fn config(&mut self, key: &str, v: &Value, level: usize) {
        match v {
            Value::Object(f) if block_like(v) => {
                let mut b = Body::default();
                for (k, item) in f {
                    b.config(k, item, level + 1);
                }
                self.blocks.push((key.to_string(), b));
            }
            Value::Array(items) if !items.is_empty() && items.iter().all(block_like) => {
                for item in items {
                    let mut b = Body::default();
                    for (k, x) in fields(Some(item)) {
                        b.attr(k, x, level + 1);
                    }
                    self.blocks.push((key.to_string(), b));
                }
            }
            _ => self.attr(key, v, level),
        }
    }

    fn write(&self, out: &mut String, level: usize) {
        for c in &self.comments {
            indent(out, level);
            out.push_str("# ");
            for ch in c.chars() {
                out.push(if ch.is_control() { '?' } else { ch });
            }
        }
        let width = self.attrs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (k, v) in &self.attrs {
            indent(out, level);
            out.push_str(k);
            for _ in k.len()..width {
                out.push(' ');
            }
            out.push_str(" = ");
            out.push_str(v);
        }
        for (i, (name, b)) in self.blocks.iter().enumerate() {
            if i > 0 || !self.attrs.is_empty() {
                out.push('\n');
            }
            indent(out, level);
            out.push_str(name);
            out.push_str(" {");
            b.write(out, level + 1);
            indent(out, level);
            out.push('}');
        }
    }
}

/// A resource label from the service name: `my-fork` -> `my_fork`.
fn label(name: &str) -> String {
    let mut out = String::new();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.push_str("fork_");
    }
    for c in name.chars() {
        out.push(if c.is_ascii_alphanumeric() { c } else { '_' });
    }
    out
}

fn terraform(project: &str, body: &Value) -> String {
    let service_type = str_field(body, "service_type");
    // The table names the resource and block; an unknown type follows the same scheme.
    let mut resource = String::from("aiven_");
    let mut block = String::from(service_type);
    match crate::core::service_types::lookup(service_type) {
        Some(spec) => {
            resource = spec.terraform_resource.to_string();
            block = spec.terraform_user_config_block.to_string();
        }
        None => {
            resource.push_str(service_type);
            block.push_str("_user_config");
        }
    }
    let mut b = Body::default();
    b.attr("project", &Value::str(project), 1);
    for (k, v) in fields(Some(body)) {
        match k.as_str() {
            "service_name" | "plan" => b.attr(k, v, 1),
            "cloud" => b.attr("cloud_name", v, 1),
            "project_vpc_id" if !v.is_null() => b.attr(k, v, 1),
            "termination_protection" | "static_ips" => b.attr(k, v, 1),
            "disk_space_mb" => {
                // The provider takes a size with a unit; this is the total disk.
                let mut size = String::new();
                if let Value::Number(n) = v {
                    if n % 1024.0 == 0.0 {
                        write_number(&mut size, n / 1024.0);
                        size.push_str("GiB");
                    } else {
                        write_number(&mut size, *n);
                        size.push_str("MiB");
                    }
                }
                b.attr("disk_space", &Value::String(size), 1);
            }
            "maintenance" => {
                for (mk, mv) in fields(Some(v)) {
                    let mut key = String::from("maintenance_window_");
                    key.push_str(mk);
                    b.attr(&key, mv, 1);
                }
            }
            "tags" => {
                for (tk, tv) in fields(Some(v)) {
                    let mut t = Body::default();
                    t.attr("key", &Value::str(tk), 2);
                    t.attr("value", tv, 2);
                    b.blocks.push(("tag".to_string(), t));
                }
            }
            "copy_tags" if v == &Value::Bool(true) => b.comments.push(
                "copy_tags = true: the provider has no such argument; add the source's tags as tag blocks".to_string(),
            ),
            "user_config" => b.config(&block, v, 1),
            "service_integrations" if v == &Value::Array(Vec::new()) => {}
            "service_type" | "copy_tags" | "project_vpc_id" => {}
            _ => {
                let mut c = String::from("not set by this resource: ");
                c.push_str(k);
                c.push_str(" = ");
                c.push_str(&v.to_json());
                b.comments.push(c);
            }
        }
    }
    // A fork restores a backup first: the provider's default 20-minute wait is often too short.
    let mut t = Body::default();
    t.attr("create", &Value::str("2h"), 2);
    b.blocks.push(("timeouts".to_string(), t));

    let mut out = String::from("resource \"");
    out.push_str(&resource);
    out.push_str("\" \"");
    out.push_str(&label(str_field(body, "service_name")));
    out.push_str("\" {");
    b.write(&mut out, 1);
    out.push_str("\n}\n");
    out
}
