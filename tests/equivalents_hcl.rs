//! The Terraform equivalent, parsed by HashiCorp's own HCL parser (Go, compiled to
//! wasm: npm `@cdktf/hcl2json`, pinned in tests/avn/hcl/package-lock.json), must be
//! valid HCL whose values are exactly the body's, escapes included.
//!
//! Needs `bash tests/avn/setup.sh` first (installs the parser into .tools/hcl);
//! fails loudly when it is missing.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use aiven_fork::core::equivalents::equivalents;
use aiven_fork::core::json::{parse, Value};
use aiven_fork::core::payload::build_value;
use aiven_fork::core::service_types;
use aiven_fork::core::time::parse as parse_time;

fn json(text: &str) -> Value {
    parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message))
}

/// Parses every text with HashiCorp's HCL parser in one Node process; returns the
/// Terraform-JSON form of each, or panics with the parser's message.
fn hcl_parse(texts: &[String]) -> Vec<Value> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let prefix = root.join(".tools/hcl");
    assert!(
        prefix.join("node_modules/@cdktf/hcl2json").is_dir(),
        "the HCL parser is not installed: run `bash tests/avn/setup.sh` before `cargo test`"
    );
    let input = Value::Array(texts.iter().map(|t| Value::str(t)).collect()).to_json();
    let mut child = Command::new("node")
        .arg(root.join("tests/avn/hcl/hcl2json.mjs"))
        .env("HCL_PREFIX", &prefix)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run node");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "hcl2json.mjs failed");
    let parsed = json(&String::from_utf8(out.stdout).unwrap());
    let items = parsed.as_array().unwrap().to_vec();
    assert_eq!(items.len(), texts.len());
    for (item, text) in items.iter().zip(texts) {
        if let Some(err) = item.get("error") {
            panic!("invalid HCL: {}\n{text}", err.to_json());
        }
    }
    items
}

/// A template string's literal value (`$${` is `${`, `%%{` is `%{`); `None` when
/// it holds an interpolation or directive (an unescaped `${` or `%{`).
fn literal(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("$${") || rest.starts_with("%%{") {
            out.push(c);
            out.push('{');
            rest = &rest[3..];
        } else if rest.starts_with("${") || rest.starts_with("%{") {
            return None;
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Some(out)
}

/// Parsed HCL equals a JSON value: strings compared as literals, a block (a list of
/// one object in Terraform's JSON form) equals the object it was written from.
fn hcl_eq(parsed: &Value, want: &Value) -> bool {
    match (parsed, want) {
        (Value::String(p), Value::String(w)) => literal(p).as_ref() == Some(w),
        (Value::Array(p), Value::Object(_)) if p.len() == 1 => hcl_eq(&p[0], want),
        (Value::Array(p), Value::Array(w)) => {
            p.len() == w.len() && p.iter().zip(w).all(|(a, b)| hcl_eq(a, b))
        }
        (Value::Object(p), Value::Object(w)) => {
            p.len() == w.len()
                && w.iter()
                    .all(|(k, v)| matches!(parsed.get(k), Some(x) if hcl_eq(x, v)))
        }
        // hcl2json hands numbers over as JS numbers: compare as doubles (the HCL
        // text itself holds the body's exact digits; tests/equivalents.rs checks it).
        (Value::Number(p), Value::Number(w)) => {
            p.as_str().parse::<f64>().ok() == w.as_str().parse::<f64>().ok()
        }
        _ => parsed == want,
    }
}

/// Checks one parsed resource against the body it was made from.
fn check(project: &str, body: &Value, tf: &str, parsed: &Value) {
    let t = body.get("service_type").and_then(Value::as_str).unwrap();
    let spec = service_types::lookup(t).unwrap();
    let resources = parsed
        .get("resource")
        .and_then(|r| r.get(spec.terraform_resource))
        .unwrap_or_else(|| panic!("no {} resource:\n{tf}", spec.terraform_resource));
    let (_label, list) = &resources.as_object().unwrap()[0];
    assert_eq!(resources.as_object().unwrap().len(), 1);
    let r = &list.as_array().unwrap()[0];
    let field = |k: &str| r.get(k).unwrap_or_else(|| panic!("no {k}:\n{tf}"));
    let mut expected_keys = vec!["project", "timeouts"];
    assert!(hcl_eq(field("project"), &Value::str(project)), "{tf}");
    assert!(
        hcl_eq(field("timeouts"), &json(r#"{"create":"2h"}"#)),
        "{tf}"
    );
    for (k, v) in body.as_object().unwrap() {
        let (key, want) = match k.as_str() {
            "service_name" | "plan" | "termination_protection" | "static_ips" => {
                (k.as_str(), v.clone())
            }
            "cloud" => ("cloud_name", v.clone()),
            "project_vpc_id" if !v.is_null() => (k.as_str(), v.clone()),
            "disk_space_mb" => {
                let mb: f64 = v.as_number().unwrap().as_str().parse().unwrap();
                let text = if mb % 1024.0 == 0.0 {
                    format!("{}GiB", mb / 1024.0)
                } else {
                    format!("{mb}MiB")
                };
                ("disk_space", Value::String(text))
            }
            "tags" => {
                let tags: Vec<Value> = v
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(tk, tv)| {
                        Value::Object(vec![
                            ("key".into(), Value::str(tk)),
                            ("value".into(), tv.clone()),
                        ])
                    })
                    .collect();
                if tags.is_empty() {
                    continue;
                }
                ("tag", Value::Array(tags))
            }
            "user_config" => (spec.terraform_user_config_block, v.clone()),
            _ => continue,
        };
        expected_keys.push(key);
        assert!(
            hcl_eq(field(key), &want),
            "{key}: parsed {} != {}\n{tf}",
            field(key).to_json(),
            want.to_json()
        );
    }
    let mut got: Vec<&str> = r
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    got.sort_unstable();
    expected_keys.sort_unstable();
    assert_eq!(got, expected_keys, "{tf}");
}

#[test]
fn terraform_is_valid_hcl_with_the_body_values_for_every_type_and_mode() {
    let now = parse_time("2025-07-02T12:00:00Z").unwrap().at;
    let mut bodies = Vec::new();
    for spec in service_types::all()
        .iter()
        .filter(|t| t.offered_for_forks())
    {
        let t = spec.name;
        let base = format!(
            r#""project":"demo-project","serviceName":"{t}-copy","serviceType":"{t}","plan":"business-4","source":{{"service":"demo-{t}","project":"demo-project-2"}},"tags":{{"env":"dev","note":"it's \"${{x}}\" %{{y}} \\ $${{z}}"}}"#
        );
        let mut requests = vec![format!(
            r#"{{{base},"cloud":"aws-eu-west-1","diskSpaceMb":92160,"terminationProtection":true,"projectVpcId":"4f0e3d2c-1b2a-4c3d-9e8f-0a1b2c3d4e5f"}}"#
        )];
        if spec.recovery.time {
            requests.push(format!(
                r#"{{{base},"recovery":{{"mode":"time","time":"2025-07-01 15:16:22.5"}}}}"#
            ));
        }
        if spec.recovery.backup {
            requests.push(format!(
                r#"{{{base},"recovery":{{"mode":"backup","name":"backup-2025-07-01_15:16"}},"diskSpaceMb":1500}}"#
            ));
        }
        for text in requests {
            let call = build_value(&json(&text), None, now)
                .unwrap_or_else(|r| panic!("{text}: {:?}", r.errors));
            bodies.push(("demo-project".to_string(), call.body));
        }
    }
    // Other user config, odd text everywhere.
    bodies.push((
        "p\"${x}\\".to_string(),
        json(
            r#"{"service_name":"9 odd.name","service_type":"pg","plan":"p","cloud":"c","static_ips":["ip-1"],
            "tags":{"ctl":"a\u0001b\u007f","nl":"x\ny\r\tz","uni":"été ✓ 😀","tpl":"$${a} %%{b} ${c} %{d} $ %"},
            "user_config":{"service_to_fork_from":"s","pg":{"max_connections":250,"jit":false,"ratio":0.25},
            "ip_filter":["10.0.0.0/8"],"ip_filter_object":[{"network":"10.0.0.0/8","description":"office ${x}"}],
            "labels":{"a.b":"c","d e":{"f":null}},"empty":[],"nothing":null}}"#,
        ),
    ));
    // Six offered types with two requests each, and the odd body above.
    assert!(bodies.len() >= 13, "{}", bodies.len());
    let texts: Vec<String> = bodies
        .iter()
        .map(|(p, b)| equivalents(p, b).terraform)
        .collect();
    let parsed = hcl_parse(&texts);
    for ((project, body), (tf, p)) in bodies.iter().zip(texts.iter().zip(&parsed)) {
        check(project, body, tf, p);
    }
}

#[test]
fn the_hcl_check_catches_invalid_text() {
    // The checker itself must be able to fail: an unescaped template is not literal.
    let parsed =
        hcl_parse(&["resource \"a\" \"b\" {\n  x = \"$${y}\"\n  z = \"${y}\"\n}\n".to_string()]);
    let r = &parsed[0]
        .get("resource")
        .unwrap()
        .get("a")
        .unwrap()
        .get("b")
        .unwrap()
        .as_array()
        .unwrap()[0];
    assert!(hcl_eq(r.get("x").unwrap(), &Value::str("${y}")));
    assert!(!hcl_eq(r.get("z").unwrap(), &Value::str("${y}")));
    let bad = std::panic::catch_unwind(|| hcl_parse(&["resource \"a\" \"b\" {\n".to_string()]));
    assert!(bad.is_err());
}
