//! The rule for generated commands, checked on the text (tests/shell runs them in
//! real shells): for any body, `cli` and `curl` are printable ASCII and newlines;
//! every piece of user text is inside single quotes; the only unquoted words are the
//! commands' own (`avn`, `service`, flags, `&&`, ...); curl's data reads back as the
//! exact body; what avn leaves out is named in its hint; and the API URL given is
//! the one every command uses.

use aiven_fork::core::base_url::BaseUrl;
use aiven_fork::core::equivalents::{equivalents, equivalents_at, sayable};
use aiven_fork::core::json::{parse, Number, Value};
use proptest::prelude::*;

fn json(text: &str) -> Value {
    parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message))
}

/// One shell word: its text after quote removal, and whether any part of it was
/// outside quotes (with that part).
#[derive(Debug, PartialEq)]
struct Word {
    text: String,
    bare: String,
}

/// The words of a generated command, for the only syntax commands use: `'...'`,
/// `\'` and `\` + newline outside quotes, spaces and newlines between words.
/// Panics on anything else outside quotes that a shell would treat specially.
fn words(script: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut word: Option<Word> = None;
    let mut chars = script.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let w = word.get_or_insert(Word {
                    text: String::new(),
                    bare: String::new(),
                });
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(q) => w.text.push(q),
                        None => panic!("unterminated quote in {script}"),
                    }
                }
            }
            '\\' => match chars.next() {
                Some('\n') => {}
                Some('\'') => word
                    .get_or_insert(Word {
                        text: String::new(),
                        bare: String::new(),
                    })
                    .text
                    .push('\''),
                other => panic!("backslash before {other:?} in {script}"),
            },
            ' ' | '\n' => {
                if let Some(w) = word.take() {
                    out.push(w);
                }
            }
            c if c.is_ascii_alphanumeric() || "-=&".contains(c) => {
                let w = word.get_or_insert(Word {
                    text: String::new(),
                    bare: String::new(),
                });
                w.text.push(c);
                w.bare.push(c);
            }
            c => panic!("unquoted {c:?} in {script}"),
        }
    }
    if let Some(w) = word {
        out.push(w);
    }
    out
}

/// The unquoted parts a command may have: its own words and flags, `FLAG=` before a
/// quoted value starting with `-`.
const OWN_WORDS: [&str; 26] = [
    "avn",
    "service",
    "create",
    "tags",
    "replace",
    "&&",
    "--url",
    "--project",
    "--service-type",
    "--plan",
    "--cloud",
    "--project-vpc-id",
    "--no-project-vpc",
    "--disk-space-gib",
    "--enable-termination-protection",
    "--static-ip",
    "--service-to-fork-from",
    "--recovery-target-time",
    "-c",
    "--tag",
    "curl",
    "-sS",
    "-X",
    "POST",
    "-H",
    "--data",
];

/// Asserts the rule on one command text and returns its words.
fn check_text(command: &str) -> Vec<Word> {
    assert!(
        command
            .bytes()
            .all(|b| b == b'\n' || (0x20..0x7f).contains(&b)),
        "not printable ASCII: {command:?}"
    );
    // The one double-quoted part: curl's header with $AIVEN_TOKEN.
    let auth = " \\\n  -H \"Authorization: aivenv1 $AIVEN_TOKEN\"";
    let command = command.replacen(auth, "", 1);
    let ws = words(&command);
    for w in &ws {
        let own = OWN_WORDS.contains(&w.bare.as_str())
            || w.bare
                .strip_suffix('=')
                .is_some_and(|f| OWN_WORDS.contains(&f));
        assert!(
            w.bare.is_empty() || own,
            "user text outside quotes: {:?} in {command}",
            w.bare
        );
        // A flag's value is never bare, and a bare word is exactly the command's own.
        if !w.bare.is_empty() && !w.bare.ends_with('=') {
            assert_eq!(w.text, w.bare, "{command}");
        }
    }
    ws
}

/// curl's `--data` word as JSON, and its URL.
fn curl_parts(curl: &str) -> (String, Value) {
    let ws = check_text(curl);
    let data = ws.iter().position(|w| w.text == "--data").expect("--data");
    assert_eq!(data + 2, ws.len(), "{curl}");
    (ws[4].text.clone(), json(&ws[data + 1].text))
}

/// Checks one body end to end at `base`; returns the cli words.
fn check_body(project: &str, body: &Value, base: &BaseUrl) -> Vec<String> {
    let e = equivalents_at(project, body, base);
    let (url, data) = curl_parts(&e.curl);
    assert_eq!(&data, body, "{}", e.curl);
    assert!(
        url.starts_with(&format!("{}/v1/project/", base.as_str())),
        "{url}"
    );
    assert_eq!(e.hints.curl, None);
    if e.cli.is_empty() {
        let hint = e.hints.cli.as_deref().unwrap_or_default();
        assert!(hint.starts_with("avn cannot run this fork: "), "{hint}");
        return Vec::new();
    }
    let ws: Vec<String> = check_text(&e.cli).into_iter().map(|w| w.text).collect();
    let mut expected_start = vec!["avn".to_string()];
    if !base.is_default() {
        expected_start.extend(["--url".to_string(), base.as_str().to_string()]);
    }
    expected_start.extend(["service".to_string(), "create".to_string()]);
    assert_eq!(ws[..expected_start.len()], expected_start[..], "{}", e.cli);
    // Both commands of a tagged fork talk to the same API.
    let avns = ws.iter().filter(|w| *w == "avn").count();
    let urls = ws.iter().filter(|w| *w == "--url").count();
    assert_eq!(urls, if base.is_default() { 0 } else { avns }, "{}", e.cli);
    // Every `-c key=value` names a leaf of user_config with exactly that value.
    for pair in ws.windows(2).filter(|w| w[0] == "-c") {
        let (key, value) = pair[1].split_once('=').expect("-c KEY=VALUE");
        let mut leaf = body.get("user_config");
        for part in key.split('.') {
            leaf = leaf.and_then(|v| v.get(part));
        }
        match leaf {
            Some(Value::String(s)) => assert_eq!(value, s, "{key}"),
            Some(other) => assert!(!value.is_empty() || other.as_array().is_some(), "{key}"),
            None => panic!("-c {key} is not in the body: {}", e.cli),
        }
    }
    // A full command (no hint) carries every user-config leaf and every tag.
    if e.hints.cli.is_none() {
        if let Some(Value::Object(tags)) = body.get("tags") {
            let sent = ws
                .iter()
                .filter(|w| *w == "--tag" || w.starts_with("--tag="))
                .count();
            assert_eq!(sent, tags.len(), "{}", e.cli);
        }
    }
    ws
}

fn hostile_strings() -> Vec<String> {
    let mut v: Vec<String> = [
        "$(pwned)",
        "`pwned`",
        "; pwned",
        "| pwned",
        "& pwned",
        "&& pwned",
        "' ; pwned ; '",
        "\" ; pwned ; \"",
        "!pwned",
        "!!",
        "^a^b",
        "\n^a^b",
        "=ls",
        "~",
        "~root",
        "*",
        "?",
        "[a]",
        "{a,b}",
        "a\nb",
        "a\rb",
        "\u{15}; pwned #",
        "'\u{7f}; pwned #",
        "k\tx",
        "\0",
        "\u{2028}",
        "\u{2029}",
        "été ✓",
        "\u{202e}evil",
        "#",
        "# pwned",
        "\\",
        "\\'",
        "$HOME",
        "${HOME}",
        "$'x'",
        "%{x}",
        "${x}",
        "-x",
        "--x",
        "-",
        "",
        " ",
        "a b",
        "x=y",
        "a.b",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("x".repeat(5000));
    v
}

#[test]
fn hostile_text_in_every_field_stays_quoted_or_is_left_out() {
    let bases = [
        BaseUrl::default(),
        BaseUrl::parse("http://127.0.0.1:8787/prefix").unwrap(),
    ];
    let mut commands = 0;
    for h in hostile_strings() {
        let hs = Value::String(h.clone());
        let bodies = [
            // Top-level strings.
            vec![("service_name", hs.clone())],
            vec![("plan", hs.clone())],
            vec![("cloud", hs.clone())],
            vec![("service_type", hs.clone())],
            vec![("project_vpc_id", hs.clone())],
            // Tags: as a key and as a value.
            vec![(
                "tags",
                Value::Object(vec![(h.clone(), Value::str("v")), ("k".into(), hs.clone())]),
            )],
            // User config: key, value, nested key, array item, fork keys.
            vec![(
                "user_config",
                Value::Object(vec![
                    ("service_to_fork_from".into(), Value::str("src")),
                    (h.clone(), Value::str("v")),
                    ("k".into(), hs.clone()),
                    (
                        "pg".into(),
                        Value::Object(vec![(h.clone(), Value::uint(1)), ("n".into(), hs.clone())]),
                    ),
                    (
                        "list".into(),
                        Value::Array(vec![hs.clone(), Value::str("b")]),
                    ),
                ]),
            )],
            vec![(
                "user_config",
                Value::Object(vec![("service_to_fork_from".into(), hs.clone())]),
            )],
            vec![(
                "user_config",
                Value::Object(vec![
                    ("service_to_fork_from".into(), Value::str("src")),
                    ("recovery_target_time".into(), hs.clone()),
                ]),
            )],
        ];
        for extra in bodies {
            let mut fields: Vec<(String, Value)> = vec![
                ("service_name".into(), Value::str("fork-1")),
                ("service_type".into(), Value::str("pg")),
                ("plan".into(), Value::str("business-4")),
            ];
            for (k, v) in extra {
                match fields.iter_mut().find(|(fk, _)| fk == k) {
                    Some(slot) => slot.1 = v,
                    None => fields.push((k.to_string(), v)),
                }
            }
            let body = Value::Object(fields);
            for base in &bases {
                check_body("demo-project", &body, base);
                commands += 1;
            }
        }
        // The project itself (percent-encoded in curl's URL).
        for base in &bases {
            check_body(
                &h,
                &json(r#"{"service_name":"x","service_type":"pg","plan":"p"}"#),
                base,
            );
        }
    }
    assert!(commands > 800, "{commands}");
}

#[test]
fn printable_ascii_is_exactly_what_avn_can_say() {
    assert!(sayable("O'Brien \"ops\" $HOME `id` ; | & ! ^ = ~ * # \\"));
    assert!(sayable(""));
    for bad in [
        "\t", "\n", "\r", "\u{7f}", "\u{85}", "é", "\u{2028}", "\0", "\u{15}",
    ] {
        assert!(!sayable(bad), "{bad:?}");
    }
}

#[test]
fn the_api_url_reaches_every_command() {
    let body = json(
        r#"{"service_name":"pg-copy","service_type":"pg","plan":"business-8","tags":{"env":"dev"},"user_config":{"service_to_fork_from":"demo-pg"}}"#,
    );
    let base = BaseUrl::parse("http://127.0.0.1:8787/api/").unwrap();
    let e = equivalents_at("demo-project", &body, &base);
    assert_eq!(
        e.cli,
        "avn --url 'http://127.0.0.1:8787/api' service create 'pg-copy' \\
  --project 'demo-project' \\
  --service-type 'pg' \\
  --plan 'business-8' \\
  --service-to-fork-from 'demo-pg' &&
avn --url 'http://127.0.0.1:8787/api' service tags replace 'pg-copy' \\
  --project 'demo-project' \\
  --tag 'env=dev'"
    );
    assert!(e.curl.starts_with(
        "curl -sS -X POST 'http://127.0.0.1:8787/api/v1/project/demo-project/service' \\\n"
    ));
    assert_eq!(e.hints.cli, None);
    assert_eq!(e.hints.curl, None);
    assert_eq!(
        e.hints.terraform.as_deref(),
        Some("This configuration cannot name the API URL: run Terraform with the environment variable AIVEN_WEB_URL=http://127.0.0.1:8787/api to use that API.")
    );
    // Aiven's own API is never named: the tools default to it.
    let e = equivalents("demo-project", &body);
    assert!(!e.cli.contains("--url"));
    assert!(e
        .curl
        .starts_with("curl -sS -X POST 'https://api.aiven.io/v1/"));
    assert_eq!(e.hints.terraform, None);
    assert_eq!(
        equivalents_at(
            "demo-project",
            &body,
            &BaseUrl::parse("https://API.aiven.io/").unwrap()
        ),
        e
    );
}

// ---------------------------------------------------------------- property test

/// Any text, weighted towards what shells treat specially.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z0-9-]{1,12}",
        3 => "[ -~]{0,16}",
        2 => prop::sample::select(hostile_strings()),
        2 => any::<String>().prop_map(|s| s.chars().take(24).collect()),
        1 => "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{2028}\\u{2029} !^'\"$`\\\\]{1,8}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => text().prop_map(Value::String),
        1 => (-1000i32..100_000)
            .prop_filter_map("a JSON number", |n| Number::parse(&n.to_string()).map(Value::Number)),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => Just(Value::Null),
    ]
}

/// User config: nested objects and arrays (of leaves, of objects, of arrays).
fn user_config() -> impl Strategy<Value = Value> {
    let value = leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..4).prop_map(|f| Value::Object(dedup(f))),
        ]
    });
    (
        prop::collection::vec((text(), value), 0..5),
        prop::option::of(text()),
    )
        .prop_map(|(mut fields, source)| {
            fields.insert(
                0,
                (
                    "service_to_fork_from".into(),
                    Value::String(source.unwrap_or_else(|| "src".into())),
                ),
            );
            Value::Object(dedup(fields))
        })
}

fn dedup(fields: Vec<(String, Value)>) -> Vec<(String, Value)> {
    let mut seen = std::collections::HashSet::new();
    fields
        .into_iter()
        .filter(|(k, _)| seen.insert(k.clone()))
        .collect()
}

prop_compose! {
    fn body()(
        name in prop_oneof![3 => "[a-z][a-z0-9-]{0,12}", 1 => text()],
        plan in prop_oneof![3 => "[a-z][a-z0-9-]{1,12}", 1 => text()],
        cloud in prop::option::of(text()),
        tags in prop::option::of(prop::collection::vec((text(), text()), 0..4)),
        copy_tags in prop::option::of(any::<bool>()),
        uc in user_config(),
    ) -> Value {
        let mut f: Vec<(String, Value)> = vec![
            ("service_name".into(), Value::String(name)),
            ("service_type".into(), Value::str("pg")),
            ("plan".into(), Value::String(plan)),
        ];
        if let Some(c) = cloud {
            f.push(("cloud".into(), Value::String(c)));
        }
        if let Some(t) = tags {
            f.push(("tags".into(), Value::Object(dedup(t.into_iter().map(|(k, v)| (k, Value::String(v))).collect()))));
        }
        if let Some(b) = copy_tags {
            f.push(("copy_tags".into(), Value::Bool(b)));
        }
        f.push(("user_config".into(), uc));
        Value::Object(f)
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(400),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_body_gives_commands_that_keep_the_rule(body in body(), project in prop_oneof![3 => "[a-z][a-z0-9-]{0,10}", 1 => text()]) {
        check_body(&project, &body, &BaseUrl::default());
        check_body(&project, &body, &BaseUrl::parse("https://proxy.example.com/aiven").unwrap());
    }
}
