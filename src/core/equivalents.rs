//! The same fork as an `avn` command, a curl command and Terraform HCL.
//!
//! Everything here is derived from the exact ServiceCreate body the library sends,
//! so the three forms cannot drift from the payload. Text is built with `push_str`
//! (no `format!`) to keep the wasm small.
//!
//! The rule for the shell commands (people paste them into bash and zsh, or run
//! them with bash, dash or zsh): every command is printable ASCII and newlines only;
//! user text appears only inside single quotes (always quoted, never a bare word, so
//! no `=word`, `~`, glob, `!` or `^` expansion can apply), never in a comment. What a
//! command cannot say that way goes into its hint ([`Hints`]) instead: curl escapes
//! every other character in its JSON (`\uXXXX`), and avn, which takes raw text,
//! leaves the value out and the hint names it. See docs/equivalents.md.

use serde::Serialize;

use crate::core::base_url::BaseUrl;
use crate::core::issue::cat;
use crate::core::json::{Number, Value};
use crate::core::num::push_u64;
use crate::core::payload::encode_segment;
use crate::core::shapes::{push_u_escape, quoted};

/// Three ways to run the same fork outside this library, and what each cannot say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Equivalents {
    /// `avn service create ...` (plus `avn service tags replace ...` when there are
    /// tags: `service create` has no tag option). Empty when avn cannot run this fork
    /// at all; [`Hints::cli`] then says why, and names whatever a non-empty command
    /// leaves out of the request.
    pub cli: String,
    /// curl with `Authorization: aivenv1 $AIVEN_TOKEN` and the exact body as JSON.
    pub curl: String,
    /// Terraform HCL: the type's resource with its `*_user_config` block.
    pub terraform: String,
    /// What each form cannot carry, in words for people (`None`: nothing).
    pub hints: Hints,
}

/// A hint per command: text for people shown beside it, never part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hints {
    /// Why there is no `avn` command, or what it leaves out of the request.
    pub cli: Option<String>,
    /// Always `None` today: curl sends every request exactly.
    pub curl: Option<String>,
    /// What the Terraform resource cannot express (arguments it lacks, the API URL).
    pub terraform: Option<String>,
}

/// The three equivalents of `POST /v1/project/{project}/service` with `body`, for
/// Aiven's production API.
pub fn equivalents(project: &str, body: &Value) -> Equivalents {
    equivalents_at(project, body, &BaseUrl::default())
}

/// [`equivalents`] for the API at `base` (a sandbox, a proxy, a console backend):
/// `avn --url`, curl's URL, and a Terraform hint.
pub fn equivalents_at(project: &str, body: &Value, base: &BaseUrl) -> Equivalents {
    let (cli, cli_hint) = cli(project, body, base);
    let (terraform, terraform_hint) = terraform(project, body, base);
    Equivalents {
        cli,
        curl: curl(project, body, base),
        terraform,
        hints: Hints {
            cli: cli_hint,
            curl: None,
            terraform: terraform_hint,
        },
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

/// Text that can stand inside single quotes in a pasted or run command: printable
/// ASCII only. Control characters (Ctrl-U, TAB, DEL, ...) act as keys when pasted
/// without bracketed paste, and other characters are not safe to paste in every
/// locale (outside UTF-8, readline reads bytes over 0x7f as Meta keys).
pub fn sayable(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// `'text'`, each `'` written as `'\''`: one shell word in bash, dash and zsh, with
/// no expansion of any kind inside. Only for [`sayable`] text.
fn sh_quote(out: &mut String, s: &str) {
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

/// ` \` + newline + `  FLAG 'VALUE'`. Values starting with `-` use `FLAG='VALUE'`
/// so argparse cannot take them for options. Only for [`sayable`] values.
fn push_opt(out: &mut String, flag: &str, value: Option<&str>) {
    out.push_str(" \\\n  ");
    out.push_str(flag);
    if let Some(v) = value {
        out.push(if v.starts_with('-') { '=' } else { ' ' });
        sh_quote(out, v);
    }
}

/// JSON text with every character outside printable ASCII (except the layout's
/// newlines) written as a `\uXXXX` escape. Such characters only occur inside JSON
/// strings, where the escape stands for the same character.
fn ascii_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut units = [0u16; 2];
    for c in text.chars() {
        if c == '\n' || (' '..='~').contains(&c) {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut units) {
                push_u_escape(&mut out, *unit);
            }
        }
    }
    out
}

// ---------------------------------------------------------------- curl

fn curl(project: &str, body: &Value, base: &BaseUrl) -> String {
    // A checked base URL and a percent-encoded project: plain words inside the quotes.
    let mut out = String::from("curl -sS -X POST '");
    out.push_str(base.as_str());
    out.push_str("/v1/project/");
    out.push_str(&encode_segment(project));
    out.push_str("/service");
    out.push_str(
        "' \\\n  -H 'Content-Type: application/json' \\\n  -H \"Authorization: aivenv1 $AIVEN_TOKEN\" \\\n  --data ",
    );
    sh_quote(&mut out, &ascii_json(&body.to_json_pretty()));
    out
}

// ---------------------------------------------------------------- avn

/// The most items a hint lists; the rest are counted.
const MAX_HINT_ITEMS: usize = 8;

/// Builds the `avn` command: what it sends, what it leaves out (each named for the
/// hint), or why there can be no command at all (the first reason wins).
struct Cli {
    out: String,
    left_out: Vec<String>,
    impossible: Option<String>,
}

impl Cli {
    /// No command at all: `why` is shown in the hint.
    fn impossible(&mut self, why: String) {
        if self.impossible.is_none() {
            self.impossible = Some(why);
        }
    }

    /// The command leaves `what` out of the request (`what` names it for people).
    fn leave_out(&mut self, what: String) {
        self.left_out.push(what);
    }

    /// `FLAG 'VALUE'`, or the value named in the hint when it cannot be pasted.
    fn opt(&mut self, flag: &str, key: &str, value: &str) {
        if sayable(value) {
            push_opt(&mut self.out, flag, Some(value));
        } else {
            self.leave_out(item(&quoted(key), UNPASTEABLE));
        }
    }

    /// `-c 'key=value'` for every leaf of a user-config value (nested keys use dots).
    fn config(&mut self, key: &str, v: &Value) {
        match v {
            Value::Object(f) if !f.is_empty() => {
                for (k, item) in f {
                    let mut sub = String::from(key);
                    sub.push('.');
                    sub.push_str(k);
                    if !config_key_ok(k) {
                        self.leave_out(config_item(&sub, "avn cannot name it"));
                        continue;
                    }
                    self.config(&sub, item);
                }
            }
            _ => {
                let mut text = String::new();
                if !cli_scalar(&mut text, v) && !py_list(&mut text, v) {
                    self.leave_out(config_item(key, "avn cannot send its value"));
                    return;
                }
                if !sayable(&text) {
                    self.leave_out(config_item(key, UNPASTEABLE));
                    return;
                }
                let mut kv = String::from(key);
                kv.push('=');
                kv.push_str(&text);
                push_opt(&mut self.out, "-c", Some(&kv));
            }
        }
    }
}

/// A user-config key avn can name: `-c KEY=VALUE` splits at the first `=`, nests at
/// every `.`, and a key must be pasteable.
fn config_key_ok(key: &str) -> bool {
    !key.is_empty() && !key.contains(['.', '=']) && sayable(key)
}

/// Why a value is left out when its text is the problem.
const UNPASTEABLE: &str = "its text is not safe to paste into a shell";

/// `WHAT (WHY)`: one thing a command leaves out, for its hint.
fn item(what: &str, why: &str) -> String {
    cat(&[what, " (", why, ")"])
}

/// `the user_config key "a.b" (WHY)`.
fn config_item(path: &str, why: &str) -> String {
    item(&cat(&["the user_config key ", &quoted(path)]), why)
}

/// `the tag "k" (WHY)`.
fn tag_item(key: &str, why: &str) -> String {
    item(&cat(&["the tag ", &quoted(key)]), why)
}

/// How `avn -c` spells a scalar (it converts the text with the type's schema).
/// A number is its own JSON text: an `integer` option reads it with Python's
/// `int(text, 0)` (exact, any size; an exponent or a fraction makes avn refuse the
/// value, so nothing is sent), a `number` option with `float(text)` (the same double
/// the API reads from the body's text).
fn cli_scalar(out: &mut String, v: &Value) -> bool {
    match v {
        Value::String(s) => out.push_str(s),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        _ => return false,
    }
    true
}

/// A Python string literal (avn reads array values with `ast.literal_eval`), in
/// printable ASCII: other characters as `\x`, `\u` or `\U` escapes.
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
            ' '..='~' => out.push(c),
            c => {
                let n = c as u32;
                let (prefix, digits) = match n {
                    0..=0xff => ("\\x", 2),
                    0x100..=0xffff => ("\\u", 4),
                    _ => ("\\U", 8),
                };
                out.push_str(prefix);
                for i in (0..digits).rev() {
                    out.push(HEX[((n >> (4 * i)) & 15) as usize] as char);
                }
            }
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
        // JSON number text is a Python literal of the same value.
        Value::Number(n) => out.push_str(n.as_str()),
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
/// scalars needs the item as text (`int('5', 0)`), so scalars become Python
/// strings holding their exact text (`["5", "1e+300"]`), converted as in
/// [`cli_scalar`].
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

/// Megabytes as whole GiB (`--disk-space-gib` sends `GiB * 1024`), exactly.
fn whole_gib(mb: &Number) -> Option<u64> {
    mb.as_u64()
        .filter(|mb| *mb > 0 && mb % 1024 == 0)
        .map(|mb| mb / 1024)
}

/// `avn [--url 'BASE'] SUBCOMMAND`: the API is named only when it is not Aiven's.
fn avn(out: &mut String, base: &BaseUrl, subcommand: &str) {
    out.push_str("avn ");
    if !base.is_default() {
        out.push_str("--url ");
        sh_quote(out, base.as_str());
        out.push(' ');
    }
    out.push_str(subcommand);
}

/// A name the command cannot do without: present and pasteable (and, for the one
/// positional argument, not option-like; flags take `--flag='-x'`).
fn required(c: &mut Cli, what: &str, value: &str) {
    if value.is_empty() {
        c.impossible(cat(&["the ", what, " is empty"]));
    } else if what == "service name" && value.starts_with('-') {
        c.impossible(cat(&[
            "the ",
            what,
            " ",
            &quoted(value),
            " would be read as an option",
        ]));
    } else if !sayable(value) {
        c.impossible(cat(&[
            "the ",
            what,
            " ",
            &quoted(value),
            " is not safe to paste into a shell",
        ]));
    }
}

fn cli(project: &str, body: &Value, base: &BaseUrl) -> (String, Option<String>) {
    let name = str_field(body, "service_name");
    let service_type = str_field(body, "service_type");
    let plan = str_field(body, "plan");
    let mut c = Cli {
        out: String::new(),
        left_out: Vec::new(),
        impossible: None,
    };
    let Value::Object(top) = body else {
        c.impossible("the body is not an object".to_string());
        return finish(c, String::new());
    };
    required(&mut c, "service name", name);
    // (`--project ''` would fall back to the default project of the CLI's config.)
    required(&mut c, "project", project);
    required(&mut c, "service type", service_type);
    required(&mut c, "plan", plan);
    if service_type.contains(':') {
        // avn reads `TYPE:PLAN` as a type and a plan.
        c.impossible(cat(&[
            "avn reads the service type ",
            &quoted(service_type),
            " as a type and a plan",
        ]));
    }
    avn(&mut c.out, base, "service create ");
    sh_quote(&mut c.out, name);
    push_opt(&mut c.out, "--project", Some(project));
    push_opt(&mut c.out, "--service-type", Some(service_type));
    push_opt(&mut c.out, "--plan", Some(plan));

    let uc = field(body, "user_config");
    let fork_from = uc.and_then(|u| u.get("service_to_fork_from"));
    // avn only sends --recovery-target-time together with a non-empty
    // --service-to-fork-from (and drops empty values): use the flags only then.
    let flags = matches!(fork_from, Some(Value::String(s)) if !s.is_empty());
    let time = uc.and_then(|u| u.get("recovery_target_time"));
    let time_flag = flags && matches!(time, Some(Value::String(s)) if !s.is_empty());

    let mut tags_cmd = String::new();
    for (k, v) in top {
        match (k.as_str(), v) {
            ("service_name" | "service_type" | "plan", Value::String(_)) => {}
            ("cloud", Value::String(s)) => c.opt("--cloud", k, s),
            // avn sends `"cloud": null` when --cloud is not given.
            ("cloud", Value::Null) => {}
            ("project_vpc_id", Value::String(s)) => c.opt("--project-vpc-id", k, s),
            ("project_vpc_id", Value::Null) => push_opt(&mut c.out, "--no-project-vpc", None),
            ("disk_space_mb", Value::Number(n)) if whole_gib(n).is_some() => {
                let mut gib = String::new();
                push_u64(&mut gib, whole_gib(n).unwrap_or_default());
                push_opt(&mut c.out, "--disk-space-gib", Some(&gib));
            }
            ("disk_space_mb", _) => c.leave_out(item(
                "disk_space_mb",
                "avn takes whole GiB only, so the plan's default disk size is used",
            )),
            ("termination_protection", Value::Bool(true)) => {
                push_opt(&mut c.out, "--enable-termination-protection", None)
            }
            ("termination_protection" | "copy_tags", Value::Bool(false)) => {}
            ("copy_tags", Value::Bool(true)) => c.leave_out(item(
                "copy_tags",
                "avn has no option for it, so the source's tags are not copied",
            )),
            ("static_ips", Value::Array(ips)) => {
                for ip in ips {
                    match ip.as_str() {
                        Some(s) => c.opt("--static-ip", k, s),
                        None => c.leave_out(item(k, "avn cannot send this value")),
                    }
                }
            }
            ("service_integrations", Value::Array(a)) if a.is_empty() => {}
            ("tags", Value::Object(tags)) => {
                // `service create` has no tag option: set them right after.
                let mut list = String::new();
                for (tk, tv) in tags {
                    let kv = match tv.as_str() {
                        // `--tag KEY=VALUE` splits at the first `=`.
                        Some(tv) if !tk.is_empty() && !tk.contains('=') => cat(&[tk, "=", tv]),
                        _ => {
                            c.leave_out(tag_item(tk, "avn cannot set it"));
                            continue;
                        }
                    };
                    if sayable(&kv) {
                        push_opt(&mut list, "--tag", Some(&kv));
                    } else {
                        c.leave_out(tag_item(tk, UNPASTEABLE));
                    }
                }
                if !list.is_empty() {
                    tags_cmd.push_str(" &&\n");
                    avn(&mut tags_cmd, base, "service tags replace ");
                    sh_quote(&mut tags_cmd, name);
                    push_opt(&mut tags_cmd, "--project", Some(project));
                    tags_cmd.push_str(&list);
                }
            }
            ("user_config", Value::Object(entries)) => {
                for (uk, uv) in entries {
                    match (uk.as_str(), uv) {
                        ("service_to_fork_from", Value::String(s)) if flags => {
                            fork_key(&mut c, "--service-to-fork-from", uk, s)
                        }
                        ("recovery_target_time", Value::String(s)) if time_flag => {
                            fork_key(&mut c, "--recovery-target-time", uk, s)
                        }
                        _ => {
                            if !config_key_ok(uk) || uk.starts_with('-') {
                                c.leave_out(config_item(uk, "avn cannot name it"));
                                continue;
                            }
                            let before = c.left_out.len();
                            c.config(uk, uv);
                            // Without its fork keys the command would create a new,
                            // empty service: no command then.
                            if is_fork_key(uk) && c.left_out.len() > before {
                                c.impossible(cat(&["it cannot send the fork key ", uk]));
                            }
                        }
                    }
                }
            }
            _ => c.leave_out(item(&quoted(k), "avn has no option for it")),
        }
    }
    finish(c, tags_cmd)
}

fn is_fork_key(key: &str) -> bool {
    crate::core::request::FORK_KEYS.contains(&key)
}

/// A fork key as its own flag; without it there is no fork, so no command.
fn fork_key(c: &mut Cli, flag: &str, key: &str, value: &str) {
    if sayable(value) {
        push_opt(&mut c.out, flag, Some(value));
    } else {
        c.impossible(cat(&[
            key,
            " ",
            &quoted(value),
            " is not safe to paste into a shell",
        ]));
    }
}

/// The command (or none) and its hint.
fn finish(c: Cli, tags_cmd: String) -> (String, Option<String>) {
    if let Some(why) = c.impossible {
        return (
            String::new(),
            Some(cat(&[
                "avn cannot run this fork: ",
                &why,
                ". The curl command sends it.",
            ])),
        );
    }
    let mut out = c.out;
    out.push_str(&tags_cmd);
    if c.left_out.is_empty() {
        return (out, None);
    }
    let mut hint = String::from("This avn command leaves out what avn cannot send: ");
    for (i, item) in c.left_out.iter().take(MAX_HINT_ITEMS).enumerate() {
        if i > 0 {
            hint.push_str("; ");
        }
        hint.push_str(item);
    }
    if c.left_out.len() > MAX_HINT_ITEMS {
        hint.push_str("; and ");
        crate::core::num::push_u64(&mut hint, (c.left_out.len() - MAX_HINT_ITEMS) as u64);
        hint.push_str(" more");
    }
    hint.push_str(". The curl command sends the whole request.");
    (out, Some(hint))
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
        // JSON number text is an HCL number literal (arbitrary precision there).
        Value::Number(n) => out.push_str(n.as_str()),
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

fn terraform(project: &str, body: &Value, base: &BaseUrl) -> (String, Option<String>) {
    // What the resource cannot express, for the hint.
    let mut notes: Vec<String> = Vec::new();
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
                    match n.as_u64() {
                        Some(mb) if mb % 1024 == 0 => {
                            push_u64(&mut size, mb / 1024);
                            size.push_str("GiB");
                        }
                        Some(mb) => {
                            push_u64(&mut size, mb);
                            size.push_str("MiB");
                        }
                        None => {
                            size.push_str(n.as_str());
                            size.push_str("MiB");
                        }
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
            "copy_tags" if v == &Value::Bool(true) => notes.push(
                "The Aiven provider has no copy_tags argument: add the source's tags as tag blocks to copy them.".to_string(),
            ),
            "user_config" => b.config(&block, v, 1),
            "service_integrations" if v == &Value::Array(Vec::new()) => {}
            "service_type" | "copy_tags" | "project_vpc_id" => {}
            _ => notes.push(cat(&[
                "The resource has no argument for ",
                &quoted(k),
                ", so this configuration does not send it.",
            ])),
        }
    }
    // A fork restores a backup first: the provider's default 20-minute wait is often too short.
    let mut t = Body::default();
    t.attr("create", &Value::str("2h"), 2);
    b.blocks.push(("timeouts".to_string(), t));

    if !base.is_default() {
        // The provider reads its API URL from the environment, never from HCL.
        notes.push(cat(&[
            "This configuration cannot name the API URL: run Terraform with the environment variable AIVEN_WEB_URL=",
            base.as_str(),
            " to use that API.",
        ]));
    }

    let mut out = String::from("resource ");
    hcl_str(&mut out, &resource);
    out.push(' ');
    hcl_str(&mut out, &label(str_field(body, "service_name")));
    out.push_str(" {");
    b.write(&mut out, 1);
    out.push_str("\n}\n");
    let hint = (!notes.is_empty()).then(|| notes.join(" "));
    (out, hint)
}
