//! User text in messages: a message may be printed to a terminal or shown in a page, so
//! text the user typed appears in it quoted as a JSON string (`quoted`, the shape rules'
//! way) where a message quotes it, and never with a raw control, separator or bidi
//! character in it: every message escapes those (`visible`).

use aiven_fork::core::json::parse;
use aiven_fork::core::shapes::is_hidden;
use aiven_fork::core::validate::validate_value;

use crate::common::*;

/// `(code, message)` of every error of `request` (JSON text) without a context.
fn errors(request: &str) -> Vec<(String, String)> {
    let v = parse(request).unwrap_or_else(|e| panic!("{request}: {}", e.message));
    validate_value(&v, None, now())
        .errors
        .iter()
        .map(|e| (e.code.as_str().to_string(), e.message.clone()))
        .collect()
}

const REST: &str = r#""serviceType":"pg","plan":"business-4""#;

#[test]
fn an_invalid_service_name_is_quoted_with_its_controls_escaped() {
    assert_eq!(
        errors(&format!(
            r#"{{"project":"proj","serviceName":"a\u001b[31mx","source":{{"service":"src\u0007"}},{REST}}}"#
        )),
        [
            (
                "invalid_service_name".to_string(),
                r#"service name "a\u001b[31mx" is not valid: use 1-64 lower-case letters, digits and dashes, starting with a letter"#.to_string()
            ),
            (
                "invalid_service_name".to_string(),
                r#"source service name "src\u0007" is not valid: service names are 1-64 lower-case letters, digits and dashes, starting with a letter"#.to_string()
            ),
        ]
    );
}

#[test]
fn an_invalid_project_name_is_quoted_and_escaped_in_the_cross_project_warning() {
    let v = parse(&format!(
        r#"{{"project":"proj\n","serviceName":"fork","source":{{"service":"src","project":"p\u007f"}},{REST}}}"#
    ))
    .unwrap_or_else(|e| panic!("{}", e.message));
    let r = validate_value(&v, None, now());
    let messages: Vec<&str> = r.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            r#"project name "proj\n" is not valid: project names are 1-63 lower-case letters, digits and dashes, starting with a letter"#,
            r#"source project name "p\u007f" is not valid: project names are 1-63 lower-case letters, digits and dashes, starting with a letter"#,
        ]
    );
    assert_eq!(
        r.warnings[0].message,
        r#"forking across projects (from p\u007f into proj\u000a) works only when both projects are in the same organization; Aiven decides"#
    );
}

#[test]
fn an_unknown_type_a_backup_name_a_mode_and_a_time_are_quoted() {
    let e = errors(
        r#"{"project":"proj","serviceName":"fork","source":{"service":"src"},"serviceType":"pg\u202e","plan":"business-4"}"#,
    );
    assert_eq!(e[0].0, "unknown_service_type");
    assert!(
        e[0].1
            .starts_with(r#"unknown service type "pg\u202e"; forkable types are "#),
        "{}",
        e[0].1
    );
    assert_eq!(
        errors(
            r#"{"project":"proj","serviceName":"fork","source":{"service":"src"},"serviceType":"clickhouse","plan":"business-4","recovery":{"mode":"backup","name":"b\u0085"}}"#
        ),
        [(
            "invalid_backup_name".to_string(),
            r#"backup name "b\u0085" is not valid: use letters, digits, - _ : . and +"#.to_string()
        )]
    );
    assert_eq!(
        errors(&format!(
            r#"{{"project":"proj","serviceName":"fork","source":{{"service":"src"}},{REST},"recovery":{{"mode":"late\u001bst"}}}}"#
        )),
        [(
            "invalid_value".to_string(),
            r#"recovery.mode must be "latest", "time" or "backup", not "late\u001bst""#.to_string()
        )]
    );
    let e = errors(&format!(
        r#"{{"project":"proj","serviceName":"fork","source":{{"service":"src"}},{REST},"recovery":{{"mode":"time","time":"2025\u001b[2J"}}}}"#
    ));
    assert_eq!(e[0].0, "invalid_time");
    assert!(
        e[0].1
            .starts_with(r#"recovery time "2025\u001b[2J" is not a valid time: "#),
        "{}",
        e[0].1
    );
}

#[test]
fn keys_of_the_user_in_field_messages_are_escaped() {
    assert_eq!(
        errors(&format!(
            r#"{{"project":"proj","serviceName":"fork","source":{{"service":"src"}},{REST},"x\u001b]0;t\u0007":1,"tags":{{"k\r":1}}}}"#
        )),
        [
            (
                "unknown_field".to_string(),
                r#"unknown field x\u001b]0;t\u0007; expected one of project, serviceName, serviceType, plan, cloud, source, recovery, diskSpaceMb, terminationProtection, tags, copyTags, projectVpcId, userConfig"#.to_string()
            ),
            (
                "invalid_type".to_string(),
                r#"tags.k\u000d must be a string, not a number"#.to_string()
            ),
        ]
    );
}

#[test]
fn plain_names_stay_as_they_are() {
    let spec = forkable()[0];
    let r = check(
        spec,
        &req_named(spec, "Fork"),
        Some(&ctx_for(spec)),
        &[("invalid_service_name", "serviceName")],
    );
    assert_eq!(
        r.errors[0].message,
        r#"service name "Fork" is not valid: use 1-64 lower-case letters, digits and dashes, starting with a letter"#
    );
    assert_eq!(
        errors(
            r#"{"project":"proj","serviceName":"fork","source":{"service":"src"},"serviceType":"pg","plan":"business-4","extra":1}"#
        )[0]
            .1,
        "unknown field extra; expected one of project, serviceName, serviceType, plan, cloud, source, recovery, diskSpaceMb, terminationProtection, tags, copyTags, projectVpcId, userConfig"
    );
}

#[test]
fn no_message_carries_a_hidden_character_whatever_the_fields_hold() {
    // Every text field of a request, one at a time, holding each kind of hidden character.
    let hostile = [
        r"\u001b[31m",
        r"\u0007",
        r"\r\n",
        r"\u007f",
        r"\u0085",
        r"\u2028",
        r"\u202e",
        r"\u2066",
    ];
    let fields = [
        ("project", r#""X""#),
        ("serviceName", r#""X""#),
        ("source", r#"{"service":"X"}"#),
        ("source", r#"{"service":"SRC","project":"X"}"#),
        ("serviceType", r#""X""#),
        ("plan", r#""X""#),
        ("cloud", r#""X""#),
        ("recovery", r#"{"mode":"X"}"#),
        ("recovery", r#"{"mode":"time","time":"X"}"#),
        ("recovery", r#"{"mode":"backup","name":"X"}"#),
        ("tags", r#"{"X":"v"}"#),
        ("tags", r#"{"k":"X"}"#),
        ("X", "1"),
        ("source", r#"{"service":"SRC","X":1}"#),
    ];
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let base = [
            ("project", r#""proj""#.to_string()),
            ("serviceName", format!(r#""{}""#, fork(spec))),
            ("source", r#"{"service":"SRC"}"#.to_string()),
            ("serviceType", format!(r#""{}""#, spec.name)),
            ("plan", r#""startup-4""#.to_string()),
        ];
        for (key, value) in fields {
            for h in hostile {
                let hostile_text =
                    |t: &str| t.replace('X', &format!("a{h}b")).replace("SRC", &src(spec));
                let mut parts: Vec<String> = base
                    .iter()
                    .filter(|(k, _)| *k != key)
                    .map(|(k, v)| format!(r#""{k}":{}"#, hostile_text(v)))
                    .collect();
                parts.push(format!(
                    r#""{}":{}"#,
                    hostile_text(key),
                    hostile_text(value)
                ));
                let request = format!("{{{}}}", parts.join(","));
                let v = parse(&request).unwrap_or_else(|e| panic!("{request}: {}", e.message));
                for ctx in [None, Some(&ctx)] {
                    let r = validate_value(&v, ctx, now());
                    let messages = r
                        .errors
                        .iter()
                        .map(|e| &e.message)
                        .chain(r.warnings.iter().map(|w| &w.message));
                    for m in messages {
                        assert!(!m.chars().any(is_hidden), "{request}: {m:?}");
                    }
                }
            }
        }
    }
}
