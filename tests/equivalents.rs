//! The avn / curl / Terraform equivalents of a ServiceCreate body: exact text,
//! shell words and JSON read back out of them, and the HCL per service type.
//! (tests/equivalents_avn.rs runs the avn commands with the real CLI.)

use aiven_fork::core::equivalents::{equivalents, Equivalents, Hints};
use aiven_fork::core::json::{parse, Value};
use aiven_fork::core::service_types;

fn json(text: &str) -> Value {
    parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message))
}

fn eq(project: &str, body: &str) -> Equivalents {
    equivalents(project, &json(body))
}

/// POSIX shell words of `script` for the subset the equivalents use: bare words,
/// `'...'` quoting, `\` escapes (`\` + newline continues the line), `&&`.
fn shell_words(script: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = script.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(q) => w.push(q),
                        None => panic!("unterminated quote in {script}"),
                    }
                }
            }
            '\\' => match chars.next() {
                Some('\n') => {}
                Some(e) => word.get_or_insert_with(String::new).push(e),
                None => panic!("trailing backslash"),
            },
            ' ' | '\n' => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '"' | '$' | '`' | ';' | '|' | '(' | ')' | '<' | '>' | '*' | '?' | '[' | '#' | '~' => {
                panic!("unquoted {c:?} in {script}")
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    if let Some(w) = word {
        words.push(w);
    }
    words
}

/// The JSON sent by a curl equivalent, read back from its `--data` word.
fn curl_json(curl: &str) -> Value {
    // Cut the double-quoted Authorization header (our un-quoter takes single quotes only).
    let auth = " \\\n  -H \"Authorization: aivenv1 $AIVEN_TOKEN\"";
    assert_eq!(curl.matches(auth).count(), 1, "{curl}");
    let words = shell_words(&curl.replace(auth, ""));
    let data = words.iter().position(|w| w == "--data").expect("--data");
    assert_eq!(
        data + 2,
        words.len(),
        "--data is the last option: {words:?}"
    );
    json(&words[data + 1])
}

fn curl_url(curl: &str) -> String {
    let auth = " \\\n  -H \"Authorization: aivenv1 $AIVEN_TOKEN\"";
    shell_words(&curl.replace(auth, ""))[4].clone()
}

const MINIMAL: &str = r#"{"service_name":"demo-pg-fork","service_type":"pg","plan":"business-4","user_config":{"service_to_fork_from":"demo-pg"}}"#;

const FULL: &str = r#"{"service_name":"pg-copy","service_type":"pg","plan":"business-8","cloud":"google-europe-west1","project_vpc_id":"4f0e3d2c-1b2a-4c3d-9e8f-0a1b2c3d4e5f","disk_space_mb":102400,"termination_protection":true,"tags":{"env":"dev","owner":"O'Brien"},"user_config":{"service_to_fork_from":"demo-pg","project_to_fork_from":"demo-project-2","recovery_target_time":"2025-07-01T15:16:22+00:00"}}"#;

#[test]
fn latest_fork_of_pg_exact_text() {
    let e = eq("demo-project", MINIMAL);
    assert_eq!(
        e.cli,
        "avn service create 'demo-pg-fork' \\
  --project 'demo-project' \\
  --service-type 'pg' \\
  --plan 'business-4' \\
  --service-to-fork-from 'demo-pg'"
    );
    assert_eq!(
        e.hints,
        Hints {
            cli: None,
            curl: None,
            terraform: None
        }
    );
    assert_eq!(
        e.curl,
        r#"curl -sS -X POST 'https://api.aiven.io/v1/project/demo-project/service' \
  -H 'Content-Type: application/json' \
  -H "Authorization: aivenv1 $AIVEN_TOKEN" \
  --data '{
  "service_name": "demo-pg-fork",
  "service_type": "pg",
  "plan": "business-4",
  "user_config": {
    "service_to_fork_from": "demo-pg"
  }
}'"#
    );
    assert_eq!(
        e.terraform,
        r#"resource "aiven_pg" "demo_pg_fork" {
  project      = "demo-project"
  service_name = "demo-pg-fork"
  plan         = "business-4"

  pg_user_config {
    service_to_fork_from = "demo-pg"
  }

  timeouts {
    create = "2h"
  }
}
"#
    );
}

#[test]
fn point_in_time_fork_with_every_option_exact_text() {
    let e = eq("demo-project", FULL);
    assert_eq!(
        e.cli,
        r"avn service create 'pg-copy' \
  --project 'demo-project' \
  --service-type 'pg' \
  --plan 'business-8' \
  --cloud 'google-europe-west1' \
  --project-vpc-id '4f0e3d2c-1b2a-4c3d-9e8f-0a1b2c3d4e5f' \
  --disk-space-gib '100' \
  --enable-termination-protection \
  --service-to-fork-from 'demo-pg' \
  -c 'project_to_fork_from=demo-project-2' \
  --recovery-target-time '2025-07-01T15:16:22+00:00' &&
avn service tags replace 'pg-copy' \
  --project 'demo-project' \
  --tag 'env=dev' \
  --tag 'owner=O'\''Brien'"
    );
    assert_eq!(
        e.curl,
        r#"curl -sS -X POST 'https://api.aiven.io/v1/project/demo-project/service' \
  -H 'Content-Type: application/json' \
  -H "Authorization: aivenv1 $AIVEN_TOKEN" \
  --data '{
  "service_name": "pg-copy",
  "service_type": "pg",
  "plan": "business-8",
  "cloud": "google-europe-west1",
  "project_vpc_id": "4f0e3d2c-1b2a-4c3d-9e8f-0a1b2c3d4e5f",
  "disk_space_mb": 102400,
  "termination_protection": true,
  "tags": {
    "env": "dev",
    "owner": "O'\''Brien"
  },
  "user_config": {
    "service_to_fork_from": "demo-pg",
    "project_to_fork_from": "demo-project-2",
    "recovery_target_time": "2025-07-01T15:16:22+00:00"
  }
}'"#
    );
    assert_eq!(
        e.terraform,
        r#"resource "aiven_pg" "pg_copy" {
  project                = "demo-project"
  service_name           = "pg-copy"
  plan                   = "business-8"
  cloud_name             = "google-europe-west1"
  project_vpc_id         = "4f0e3d2c-1b2a-4c3d-9e8f-0a1b2c3d4e5f"
  disk_space             = "100GiB"
  termination_protection = true

  tag {
    key   = "env"
    value = "dev"
  }

  tag {
    key   = "owner"
    value = "O'Brien"
  }

  pg_user_config {
    service_to_fork_from = "demo-pg"
    project_to_fork_from = "demo-project-2"
    recovery_target_time = "2025-07-01T15:16:22+00:00"
  }

  timeouts {
    create = "2h"
  }
}
"#
    );
}

#[test]
fn named_backup_fork_of_clickhouse_exact_text() {
    let e = eq(
        "demo-project",
        r#"{"service_name":"ch-fork","service_type":"clickhouse","plan":"business-16","user_config":{"service_to_fork_from":"demo-clickhouse","recovery_basebackup_name":"backup+2025:07.01"}}"#,
    );
    assert_eq!(
        e.cli,
        "avn service create 'ch-fork' \\
  --project 'demo-project' \\
  --service-type 'clickhouse' \\
  --plan 'business-16' \\
  --service-to-fork-from 'demo-clickhouse' \\
  -c 'recovery_basebackup_name=backup+2025:07.01'"
    );
    assert_eq!(
        e.terraform,
        r#"resource "aiven_clickhouse" "ch_fork" {
  project      = "demo-project"
  service_name = "ch-fork"
  plan         = "business-16"

  clickhouse_user_config {
    service_to_fork_from     = "demo-clickhouse"
    recovery_basebackup_name = "backup+2025:07.01"
  }

  timeouts {
    create = "2h"
  }
}
"#
    );
}

#[test]
fn curl_json_reads_back_as_the_body_for_odd_text() {
    let bodies = [
        MINIMAL,
        FULL,
        r#"{"service_name":"os-fork","service_type":"opensearch","plan":"business-4","tags":{"q":"it's","dq":"say \"hi\"","nl":"a\nb","bs":"c:\\dir","dollar":"$HOME ${x} `id`","uni":"été ✓"},"user_config":{"service_to_fork_from":"demo-opensearch","recovery_basebackup_name":"b-1"}}"#,
        r#"{"service_name":"x","service_type":"pg","plan":"p","disk_space_mb":1536,"project_vpc_id":null,"copy_tags":true,"user_config":{"service_to_fork_from":"s","pg":{"max_connections":100},"ip_filter":[]}}"#,
    ];
    for body in bodies {
        let v = json(body);
        let e = equivalents("demo-project", &v);
        assert_eq!(curl_json(&e.curl), v, "{}", e.curl);
        assert!(
            !e.curl.contains(",\n}") && !e.curl.contains(",\n  }"),
            "{}",
            e.curl
        );
    }
}

#[test]
fn curl_sends_the_token_only_as_the_variable() {
    let e = eq("demo-project", FULL);
    assert_eq!(e.curl.matches("Authorization").count(), 1);
    assert!(e
        .curl
        .contains("\n  -H \"Authorization: aivenv1 $AIVEN_TOKEN\" \\\n"));
    assert_eq!(e.curl.matches('$').count(), 1, "only $AIVEN_TOKEN expands");
    assert!(e.curl.starts_with("curl -sS -X POST '"));
}

#[test]
fn curl_percent_encodes_the_project() {
    let e = eq("my project/ä'x", MINIMAL);
    assert_eq!(
        curl_url(&e.curl),
        "https://api.aiven.io/v1/project/my%20project%2F%C3%A4%27x/service"
    );
    assert!(e.curl.starts_with(
        "curl -sS -X POST 'https://api.aiven.io/v1/project/my%20project%2F%C3%A4%27x/service' \\\n"
    ));
}

#[test]
fn cli_words_survive_shell_quoting() {
    let e = eq(
        "it's a project",
        r#"{"service_name":"os-fork","service_type":"opensearch","plan":"business-4","tags":{"owner":"O'Brien \"ops\" $HOME","note":"a\nb","empty":""},"user_config":{"service_to_fork_from":"demo-opensearch","recovery_basebackup_name":"b 1"}}"#,
    );
    assert_eq!(
        shell_words(&e.cli),
        [
            "avn",
            "service",
            "create",
            "os-fork",
            "--project",
            "it's a project",
            "--service-type",
            "opensearch",
            "--plan",
            "business-4",
            "--service-to-fork-from",
            "demo-opensearch",
            "-c",
            "recovery_basebackup_name=b 1",
            "&&",
            "avn",
            "service",
            "tags",
            "replace",
            "os-fork",
            "--project",
            "it's a project",
            "--tag",
            "owner=O'Brien \"ops\" $HOME",
            "--tag",
            "empty=",
        ]
    );
    assert!(e.cli.contains(" \\\n  --project 'it'\\''s a project' \\\n"));
    // The newline in a tag value cannot be pasted safely: left out, and said so.
    assert_eq!(
        e.hints.cli.as_deref(),
        Some("This avn command leaves out what avn cannot send: the tag \"note\" (its text is not safe to paste into a shell). The curl command sends the whole request.")
    );
}

#[test]
fn cli_types_other_user_config_for_avn() {
    let e = eq(
        "p",
        r#"{"service_name":"x","service_type":"pg","plan":"p","user_config":{"pg_version":"16","pg":{"max_connections":250,"jit":false,"log_min_duration_statement":-1},"ip_filter":["10.0.0.0/8","it's \"q\""],"ratio":0.25,"service_to_fork_from":"s"}}"#,
    );
    let words = shell_words(&e.cli);
    let configs: Vec<&str> = words
        .windows(2)
        .filter(|w| w[0] == "-c")
        .map(|w| w[1].as_str())
        .collect();
    assert_eq!(
        configs,
        [
            "pg_version=16",
            "pg.max_connections=250",
            "pg.jit=false",
            "pg.log_min_duration_statement=-1",
            // avn reads arrays with Python's literal_eval and converts each item itself.
            r#"ip_filter=["10.0.0.0/8", "it's \"q\""]"#,
            "ratio=0.25",
        ]
    );
}

#[test]
fn cli_avoids_the_dropped_recovery_time_quirk() {
    // With a source, both flags together (avn honours the time only then).
    let e = eq(
        "p",
        r#"{"service_name":"x","service_type":"mysql","plan":"p","user_config":{"recovery_target_time":"2019-01-01T23:34:45+00:00","service_to_fork_from":"s"}}"#,
    );
    assert!(e.cli.ends_with(
        " \\\n  --recovery-target-time '2019-01-01T23:34:45+00:00' \\\n  --service-to-fork-from 's'"
    ));
    // Without a usable source flag, `-c` for both keys: never a flag avn drops.
    let e = eq(
        "p",
        r#"{"service_name":"x","service_type":"pg","plan":"p","user_config":{"service_to_fork_from":"","recovery_target_time":"2019-01-01T23:34:45+00:00"}}"#,
    );
    assert!(e.cli.ends_with(
        " \\\n  -c 'service_to_fork_from=' \\\n  -c 'recovery_target_time=2019-01-01T23:34:45+00:00'"
    ));
    let e = eq(
        "p",
        r#"{"service_name":"x","service_type":"pg","plan":"p","user_config":{"recovery_target_time":"2019-01-01 23:34:45"}}"#,
    );
    assert!(e
        .cli
        .ends_with(" \\\n  -c 'recovery_target_time=2019-01-01 23:34:45'"));
}

#[test]
fn cli_chooses_the_vpc_flag_from_the_body() {
    let with = |vpc: &str| {
        eq(
            "p",
            &format!(r#"{{"service_name":"x","service_type":"pg","plan":"p","cloud":"c"{vpc},"user_config":{{"service_to_fork_from":"s"}}}}"#),
        )
        .cli
    };
    assert!(with(r#","project_vpc_id":"v-1""#)
        .contains("\n  --cloud 'c' \\\n  --project-vpc-id 'v-1' \\\n"));
    assert!(
        with(r#","project_vpc_id":null"#).contains("\n  --cloud 'c' \\\n  --no-project-vpc \\\n")
    );
    assert!(!with("").contains("vpc"));
}

/// A command that cannot carry part of the request leaves that part out and its hint
/// names it; the rest of the command is exactly what it would be without it.
#[test]
fn cli_leaves_out_what_avn_cannot_send_and_says_so() {
    let command = "avn service create 'x' \\\n  --project 'p' \\\n  --service-type 'pg' \\\n  --plan 'p' \\\n  --service-to-fork-from 's'";
    let unsafe_text = "its text is not safe to paste into a shell";
    let cases = [
        (
            r#""copy_tags":true"#,
            "copy_tags (avn has no option for it, so the source's tags are not copied)".to_string(),
        ),
        (
            r#""disk_space_mb":1500"#,
            "disk_space_mb (avn takes whole GiB only, so the plan's default disk size is used)"
                .to_string(),
        ),
        (
            r#""maintenance":{"dow":"monday"}"#,
            r#""maintenance" (avn has no option for it)"#.to_string(),
        ),
        (
            r#""service_integrations":[{"integration_type":"x"}]"#,
            r#""service_integrations" (avn has no option for it)"#.to_string(),
        ),
        (
            r#""odd\u0007key":1"#,
            r#""odd\u0007key" (avn has no option for it)"#.to_string(),
        ),
        (
            r#""tags":{"a=b":"c"}"#,
            r#"the tag "a=b" (avn cannot set it)"#.to_string(),
        ),
        (
            r#""tags":{"a":1}"#,
            r#"the tag "a" (avn cannot set it)"#.to_string(),
        ),
        (
            r#""tags":{"a":"\u0015; touch pwned #"}"#,
            format!(r#"the tag "a" ({unsafe_text})"#),
        ),
        (
            r#""tags":{"k\tx":"v"}"#,
            format!(r#"the tag "k\tx" ({unsafe_text})"#),
        ),
        (
            r#""tags":{"owner":"Jörg"}"#,
            format!(r#"the tag "owner" ({unsafe_text})"#),
        ),
        (
            r#""cloud":"aws\u2028eu""#,
            format!(r#""cloud" ({unsafe_text})"#),
        ),
        (
            r#""user_config":{"service_to_fork_from":"s","x":null}"#,
            r#"the user_config key "x" (avn cannot send its value)"#.to_string(),
        ),
        (
            r#""user_config":{"service_to_fork_from":"s","x":{}}"#,
            r#"the user_config key "x" (avn cannot send its value)"#.to_string(),
        ),
        (
            r#""user_config":{"service_to_fork_from":"s","x":[[1]]}"#,
            r#"the user_config key "x" (avn cannot send its value)"#.to_string(),
        ),
        (
            r#""user_config":{"service_to_fork_from":"s","a.b":1}"#,
            r#"the user_config key "a.b" (avn cannot name it)"#.to_string(),
        ),
        (
            r#""user_config":{"service_to_fork_from":"s","a.$(touch pwned)":"x"}"#,
            r#"the user_config key "a.$(touch pwned)" (avn cannot name it)"#.to_string(),
        ),
        (
            r#""user_config":{"service_to_fork_from":"s","-x":1}"#,
            r#"the user_config key "-x" (avn cannot name it)"#.to_string(),
        ),
        (
            r#""user_config":{"service_to_fork_from":"s","pg":{"a=b":1}}"#,
            r#"the user_config key "pg.a=b" (avn cannot name it)"#.to_string(),
        ),
        (
            r#""user_config":{"service_to_fork_from":"s","x":"'\u007f; touch pwned #"}"#,
            format!(r#"the user_config key "x" ({unsafe_text})"#),
        ),
    ];
    for (extra, item) in cases {
        let mut body = format!(r#"{{"service_name":"x","service_type":"pg","plan":"p",{extra}"#);
        if !extra.contains("user_config") {
            body.push_str(r#","user_config":{"service_to_fork_from":"s"}"#);
        }
        body.push('}');
        let e = eq("p", &body);
        assert_eq!(e.cli, command, "{body}");
        assert_eq!(
            e.hints.cli,
            Some(format!("This avn command leaves out what avn cannot send: {item}. The curl command sends the whole request.")),
            "{body}"
        );
        // curl always carries the whole request.
        assert_eq!(curl_json(&e.curl), json(&body));
        assert_eq!(e.hints.curl, None);
    }
    // Several at once, in body order; more than eight are counted.
    let many: Vec<String> = (0..11).map(|i| format!(r#""k{i}":null"#)).collect();
    let e = eq(
        "p",
        &format!(
            r#"{{"service_name":"x","service_type":"pg","plan":"p","copy_tags":true,"user_config":{{"service_to_fork_from":"s",{}}}}}"#,
            many.join(",")
        ),
    );
    assert_eq!(e.cli, command);
    assert_eq!(
        e.hints.cli.as_deref(),
        Some(concat!(
            "This avn command leaves out what avn cannot send: ",
            "copy_tags (avn has no option for it, so the source's tags are not copied); ",
            r#"the user_config key "k0" (avn cannot send its value); "#,
            r#"the user_config key "k1" (avn cannot send its value); "#,
            r#"the user_config key "k2" (avn cannot send its value); "#,
            r#"the user_config key "k3" (avn cannot send its value); "#,
            r#"the user_config key "k4" (avn cannot send its value); "#,
            r#"the user_config key "k5" (avn cannot send its value); "#,
            r#"the user_config key "k6" (avn cannot send its value); and 4 more. "#,
            "The curl command sends the whole request."
        ))
    );
}

/// Without its name, project, type, plan or fork keys there is no command at all
/// (a command without the fork keys would create a new, empty service): `cli` is
/// empty and the hint says why.
#[test]
fn cli_is_empty_when_avn_cannot_run_the_fork_and_the_hint_says_why() {
    let cases = [
        ("", MINIMAL, "the project is empty"),
        (
            "p\u{7}",
            MINIMAL,
            r#"the project "p\u0007" is not safe to paste into a shell"#,
        ),
        (
            "p",
            r#"{"service_name":"x","service_type":"pg:hobbyist","plan":"p"}"#,
            r#"avn reads the service type "pg:hobbyist" as a type and a plan"#,
        ),
        (
            "p",
            r#"{"service_name":"-x","service_type":"pg","plan":"p"}"#,
            r#"the service name "-x" would be read as an option"#,
        ),
        (
            "p",
            r#"{"service_name":"x","service_type":"pg","plan":"\u001b[31m/,>"}"#,
            r#"the plan "\u001b[31m/,>" is not safe to paste into a shell"#,
        ),
        (
            "p",
            r#"{"service_name":"x","service_type":"pg"}"#,
            "the plan is empty",
        ),
        (
            "p",
            r#"{"service_name":"x","service_type":"pg","plan":"p","user_config":{"service_to_fork_from":"s\u0000"}}"#,
            r#"service_to_fork_from "s\u0000" is not safe to paste into a shell"#,
        ),
        (
            "p",
            r#"{"service_name":"x","service_type":"pg","plan":"p","user_config":{"service_to_fork_from":"s","recovery_basebackup_name":"b\n"}}"#,
            "it cannot send the fork key recovery_basebackup_name",
        ),
        ("p", "[]", "the body is not an object"),
    ];
    for (project, body, why) in cases {
        let e = eq(project, body);
        assert_eq!(e.cli, "", "{body}");
        assert_eq!(
            e.hints.cli,
            Some(format!(
                "avn cannot run this fork: {why}. The curl command sends it."
            )),
            "{body}"
        );
    }
}

#[test]
fn terraform_resource_and_user_config_block_per_type() {
    let required = [
        "pg",
        "mysql",
        "clickhouse",
        "grafana",
        "opensearch",
        "valkey",
    ];
    let forkable: Vec<&str> = service_types::all()
        .iter()
        .filter(|t| t.offered_for_forks())
        .map(|t| t.name)
        .collect();
    for t in required {
        assert!(forkable.contains(&t), "{t} missing from {forkable:?}");
    }
    for t in forkable {
        // Every Aiven provider resource follows this naming (aiven_pg, pg_user_config).
        let resource = format!("aiven_{t}");
        let block = format!("{t}_user_config");
        let body = format!(
            r#"{{"service_name":"{t}-fork","service_type":"{t}","plan":"business-4","user_config":{{"service_to_fork_from":"demo-{t}"}}}}"#
        );
        let tf = eq("demo-project", &body).terraform;
        assert_eq!(
            tf,
            format!(
                r#"resource "{resource}" "{t}_fork" {{
  project      = "demo-project"
  service_name = "{t}-fork"
  plan         = "business-4"

  {block} {{
    service_to_fork_from = "demo-{t}"
  }}

  timeouts {{
    create = "2h"
  }}
}}
"#
            )
        );
    }
}

#[test]
fn terraform_escapes_hcl_strings_and_templates() {
    let e = eq(
        "p\"${x}",
        r#"{"service_name":"9-odd.name","service_type":"valkey","plan":"p","tags":{"k":"a\"b\\c ${x} %{y} $${z} $ % {}\n\t"},"user_config":{"service_to_fork_from":"s"}}"#,
    );
    assert_eq!(
        e.terraform,
        r#"resource "aiven_valkey" "fork_9_odd_name" {
  project      = "p\"$${x}"
  service_name = "9-odd.name"
  plan         = "p"

  tag {
    key   = "k"
    value = "a\"b\\c $${x} %%{y} $$${z} $ % {}\n\t"
  }

  valkey_user_config {
    service_to_fork_from = "s"
  }

  timeouts {
    create = "2h"
  }
}
"#
    );
}

#[test]
fn terraform_renders_other_user_config_and_unsupported_fields() {
    let e = eq(
        "p",
        r#"{"service_name":"x","service_type":"pg","plan":"p","cloud":null,"project_vpc_id":null,"disk_space_mb":1536,"copy_tags":true,"static_ips":["ip-1"],"maintenance":{"dow":"monday","time":"10:00:00"},"service_integrations":[],"user_config":{"ip_filter_object":[{"network":"10.0.0.0/8","description":"office"}],"pg":{"max_connections":100},"labels":{"a.b":"c"},"service_to_fork_from":"s"}}"#,
    );
    assert_eq!(
        e.terraform,
        r#"resource "aiven_pg" "x" {
  project                 = "p"
  service_name            = "x"
  plan                    = "p"
  cloud_name              = null
  disk_space              = "1536MiB"
  static_ips              = ["ip-1"]
  maintenance_window_dow  = "monday"
  maintenance_window_time = "10:00:00"

  pg_user_config {
    labels               = {
      "a.b" = "c"
    }
    service_to_fork_from = "s"

    ip_filter_object {
      network     = "10.0.0.0/8"
      description = "office"
    }

    pg {
      max_connections = 100
    }
  }

  timeouts {
    create = "2h"
  }
}
"#
    );
    // What the resource cannot express is said beside it, never in the HCL.
    assert_eq!(
        e.hints.terraform.as_deref(),
        Some("The Aiven provider has no copy_tags argument: add the source's tags as tag blocks to copy them.")
    );
}

/// The curl command posts the library's own call: same path, same body.
#[test]
fn curl_posts_the_library_call_for_every_forkable_type() {
    let now = aiven_fork::core::time::parse("2025-07-02T12:00:00Z")
        .unwrap()
        .at;
    for spec in service_types::all()
        .iter()
        .filter(|t| t.offered_for_forks())
    {
        let t = spec.name;
        let request = json(&format!(
            r#"{{"project":"my-proj","serviceName":"{t}-copy","serviceType":"{t}","plan":"business-4","source":{{"service":"demo-{t}"}},"tags":{{"who":"it's me"}}}}"#
        ));
        let call = aiven_fork::core::payload::build_value(&request, None, now)
            .unwrap_or_else(|r| panic!("{t}: {:?}", r.errors));
        let e = equivalents("my-proj", &call.body);
        assert_eq!(
            curl_url(&e.curl),
            format!("https://api.aiven.io{}", call.path)
        );
        assert_eq!(curl_json(&e.curl), call.body);
        assert!(e.cli.starts_with("avn service create "), "{}", e.cli);
        assert!(
            e.terraform
                .starts_with(&format!("resource \"{}\" ", spec.terraform_resource)),
            "{}",
            e.terraform
        );
    }
}

#[test]
fn terraform_keys_that_are_not_identifiers_stay_quoted() {
    let e = eq(
        "p",
        r#"{"service_name":"x","service_type":"pg","plan":"p","user_config":{"service_to_fork_from":"s","a b\n} x":1,"list":[{"ok":1},{"bad key":2}]},"odd\nkey":true}"#,
    );
    assert_eq!(
        e.terraform,
        r#"resource "aiven_pg" "x" {
  project        = "p"
  service_name   = "x"
  plan           = "p"
  pg_user_config = {
    "service_to_fork_from" = "s"
    "a b\n} x" = 1
    "list" = [{
      "ok" = 1
    }, {
      "bad key" = 2
    }]
  }

  timeouts {
    create = "2h"
  }
}
"#
    );
    assert_eq!(
        e.hints.terraform.as_deref(),
        Some(
            r#"The resource has no argument for "odd\nkey", so this configuration does not send it."#
        )
    );
}

/// Every forkable type and each recovery mode it supports, from a request through
/// the library's payload: the exact avn command and Terraform user-config block.
#[test]
fn exact_cli_and_terraform_for_every_type_and_recovery_mode() {
    let now = aiven_fork::core::time::parse("2025-07-02T12:00:00Z")
        .unwrap()
        .at;
    let mut seen = 0;
    for spec in service_types::all()
        .iter()
        .filter(|t| t.offered_for_forks())
    {
        let t = spec.name;
        let mut modes = vec![(r#"{"mode":"latest"}"#, String::new(), String::new())];
        if spec.recovery.time {
            modes.push((
                r#"{"mode":"time","time":"2025-07-01 15:16:22"}"#,
                " \\\n  --recovery-target-time '2025-07-01T15:16:22+00:00'".to_string(),
                "\n    recovery_target_time = \"2025-07-01T15:16:22+00:00\"".to_string(),
            ));
        }
        if spec.recovery.backup {
            modes.push((
                r#"{"mode":"backup","name":"backup-2025-07-01_15:16"}"#,
                " \\\n  -c 'recovery_basebackup_name=backup-2025-07-01_15:16'".to_string(),
                "\n    recovery_basebackup_name = \"backup-2025-07-01_15:16\"".to_string(),
            ));
        }
        for (recovery, cli_tail, tf_tail) in modes {
            let request = json(&format!(
                r#"{{"project":"demo-project","serviceName":"{t}-fork","serviceType":"{t}","plan":"business-4","source":{{"service":"demo-{t}","project":"demo-project-2"}},"recovery":{recovery}}}"#
            ));
            let call = aiven_fork::core::payload::build_value(&request, None, now)
                .unwrap_or_else(|r| panic!("{t} {recovery}: {:?}", r.errors));
            let e = equivalents("demo-project", &call.body);
            assert_eq!(
                e.cli,
                format!(
                    "avn service create '{t}-fork' \\
  --project 'demo-project' \\
  --service-type '{t}' \\
  --plan 'business-4' \\
  --service-to-fork-from 'demo-{t}' \\
  -c 'project_to_fork_from=demo-project-2'{cli_tail}"
                ),
                "{t} {recovery}"
            );
            let pad = if tf_tail.contains("basebackup") {
                "    "
            } else {
                ""
            };
            assert!(
                e.terraform.contains(&format!(
                    "\n  {} {{\n    service_to_fork_from {pad}= \"demo-{t}\"\n    project_to_fork_from {pad}= \"demo-project-2\"{tf_tail}\n  }}\n",
                    spec.terraform_user_config_block
                )),
                "{t} {recovery}:\n{}",
                e.terraform
            );
            assert_eq!(curl_json(&e.curl), call.body);
            seen += 1;
        }
    }
    // Six offered types, two recovery modes each.
    assert!(seen >= 12, "{seen}");
}

#[test]
fn numbers_reach_every_equivalent_as_their_exact_text() {
    // A request as JSON text (as a JS caller's JSON.stringify writes it, plus an
    // integer no double holds and spellings only JSON text has).
    let request = json(
        r#"{"project":"p","serviceName":"pg-copy","serviceType":"pg","plan":"business-4",
            "source":{"service":"s"},"diskSpaceMb":9007199254739968,
            "userConfig":{"pg":{"autovacuum_vacuum_scale_factor":123456789.12345679,
            "wal_sender_timeout":12345678901234567890123,"bgwriter_lru_multiplier":1e300,
            "autovacuum_analyze_scale_factor":1e-7,"log_temp_files":-0,"x":0.1,"y":1E+2,"z":2.50},
            "list":[1e300,12345678901234567890123,0.1]}}"#,
    );
    let now = aiven_fork::core::time::parse("2026-01-01T00:00:00Z")
        .unwrap()
        .at;
    let call = aiven_fork::core::payload::build_value(&request, None, now).unwrap();
    let user_config = r#"{"pg":{"autovacuum_vacuum_scale_factor":123456789.12345679,"wal_sender_timeout":12345678901234567890123,"bgwriter_lru_multiplier":1e300,"autovacuum_analyze_scale_factor":1e-7,"log_temp_files":-0,"x":0.1,"y":1E+2,"z":2.50},"list":[1e300,12345678901234567890123,0.1],"service_to_fork_from":"s"}"#;
    assert_eq!(
        call.body.to_json(),
        format!(
            r#"{{"service_name":"pg-copy","service_type":"pg","plan":"business-4","disk_space_mb":9007199254739968,"user_config":{user_config}}}"#
        )
    );
    let e = equivalents("p", &call.body);
    // curl: the body's JSON text, numbers untouched.
    assert!(
        e.curl
            .contains("\"autovacuum_vacuum_scale_factor\": 123456789.12345679,")
            && e.curl
                .contains("\"wal_sender_timeout\": 12345678901234567890123,")
            && e.curl.contains("\"bgwriter_lru_multiplier\": 1e300,")
            && e.curl.contains("\"log_temp_files\": -0,")
            && e.curl.contains("\"z\": 2.50"),
        "{}",
        e.curl
    );
    assert_eq!(curl_json(&e.curl), call.body);
    // avn: each number as its text (arrays as Python strings avn converts itself);
    // the disk in whole GiB, computed in integers.
    let words = shell_words(&e.cli);
    let configs: Vec<&str> = words
        .windows(2)
        .filter(|w| w[0] == "-c")
        .map(|w| w[1].as_str())
        .collect();
    assert_eq!(
        configs,
        [
            "pg.autovacuum_vacuum_scale_factor=123456789.12345679",
            "pg.wal_sender_timeout=12345678901234567890123",
            "pg.bgwriter_lru_multiplier=1e300",
            "pg.autovacuum_analyze_scale_factor=1e-7",
            "pg.log_temp_files=-0",
            "pg.x=0.1",
            "pg.y=1E+2",
            "pg.z=2.50",
            r#"list=["1e300", "12345678901234567890123", "0.1"]"#,
        ]
    );
    let gib = words.iter().position(|w| w == "--disk-space-gib").unwrap();
    assert_eq!(words[gib + 1], "8796093022207");
    // Terraform: HCL number literals are the same text; the disk in GiB.
    for line in [
        "disk_space   = \"8796093022207GiB\"",
        "autovacuum_vacuum_scale_factor  = 123456789.12345679",
        "wal_sender_timeout              = 12345678901234567890123",
        "bgwriter_lru_multiplier         = 1e300",
        "autovacuum_analyze_scale_factor = 1e-7",
        "log_temp_files                  = -0",
        "list                 = [1e300, 12345678901234567890123, 0.1]",
    ] {
        assert!(e.terraform.contains(line), "{line}\n{}", e.terraform);
    }
}

#[test]
fn disk_sizes_are_converted_to_gib_in_integers() {
    for (mb, cli, terraform) in [
        ("1024", Some("1"), "1GiB"),
        ("102400", Some("100"), "100GiB"),
        ("1e3", None, "1000MiB"),
        ("1.5", None, "1.5MiB"),
        ("1024e0", Some("1"), "1GiB"),
        ("1500", None, "1500MiB"),
        ("1536.0", None, "1536MiB"),
    ] {
        let e = eq(
            "p",
            &format!(
                r#"{{"service_name":"x","service_type":"pg","plan":"p","disk_space_mb":{mb},"user_config":{{"service_to_fork_from":"s"}}}}"#
            ),
        );
        match cli {
            Some(gib) => {
                let words = shell_words(&e.cli);
                let at = words.iter().position(|w| w == "--disk-space-gib");
                assert_eq!(at.map(|i| words[i + 1].as_str()), Some(gib), "{mb}");
            }
            // Not whole GiB: no avn command (it would send another size).
            None => assert!(!e.cli.contains("--disk-space-gib"), "{mb}: {}", e.cli),
        }
        assert!(
            e.terraform
                .contains(&format!("disk_space   = \"{terraform}\"")),
            "{mb}: {}",
            e.terraform
        );
    }
}
