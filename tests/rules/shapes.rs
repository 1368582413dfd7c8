//! Plans, clouds and tags have the shapes Aiven defines, checked without a context
//! too (docs/fork-rules.md, "Plans, clouds and tags"): exact codes, fields and
//! messages, the refused text shown escaped.

use aiven_fork::core::json::{parse, Value};
use aiven_fork::core::service_types::lookup;
use aiven_fork::core::shapes::{
    is_valid_cloud, is_valid_plan, is_valid_tag_key, is_valid_tag_value, quoted,
};
use aiven_fork::core::validate::validate_value;

use crate::common::*;

const PLAN_RULE: &str = "Aiven's plans are lower-case letters, digits, - and _, starting with a letter and ending with a letter or digit (like business-4)";
const CLOUD_RULE: &str = "Aiven's clouds are lower-case letters, digits and -, starting with a letter (like google-europe-west1)";

/// A request without a context: project, names, type pg, plus `extra` (JSON members).
fn static_req(extra: &str) -> Value {
    let text = format!(
        r#"{{"project":"proj","serviceName":"fork-pg","serviceType":"pg","source":{{"service":"src-pg"}},{extra}}}"#
    );
    parse(&text).unwrap_or_else(|e| panic!("{text}: {}", e.message))
}

/// Every error of `request` without a context, as `(code, field, message)`.
fn errors(request: &Value) -> Vec<(String, String, String)> {
    validate_value(request, None, now())
        .errors
        .iter()
        .map(|e| {
            (
                e.code.as_str().to_string(),
                e.field.clone(),
                e.message.clone(),
            )
        })
        .collect()
}

fn one(code: &str, field: &str, message: &str) -> Vec<(String, String, String)> {
    vec![(code.to_string(), field.to_string(), message.to_string())]
}

fn json_str(s: &str) -> String {
    Value::str(s).to_json()
}

#[test]
fn plan_names_follow_aivens_pattern() {
    for good in [
        "business-4",
        "startup-16",
        "premium-6x-16",
        "my_plan_16",
        "hobbyist",
        "ab",
    ] {
        assert!(is_valid_plan(good), "{good}");
        assert_eq!(
            errors(&static_req(&format!(r#""plan":{}"#, json_str(good)))),
            vec![],
            "{good}"
        );
    }
    for bad in [
        "p",
        "Business-4",
        "business-",
        "business_",
        "4-business",
        "-business",
        "business 4",
        "business.4",
        "busi\nness",
        "=ls",
        "\u{1b}[31m/,>",
        "bu\u{7f}siness",
        "bü-4",
    ] {
        assert!(!is_valid_plan(bad), "{bad:?}");
    }
    assert!(is_valid_plan(&format!("a{}", "b".repeat(127))));
    assert!(!is_valid_plan(&format!("a{}", "b".repeat(128))));
}

#[test]
fn a_plan_that_is_not_a_plan_name_is_invalid_plan_with_the_text_escaped() {
    // The report's own example: an escape sequence and punctuation.
    assert_eq!(
        errors(&static_req(r#""plan":"\u001b[31m/,>""#)),
        one(
            "invalid_plan",
            "plan",
            &format!(r#"plan "\u001b[31m/,>" is not a plan name: {PLAN_RULE}"#)
        )
    );
    assert_eq!(
        errors(&static_req(r#""plan":"=ls""#)),
        one(
            "invalid_plan",
            "plan",
            &format!(r#"plan "=ls" is not a plan name: {PLAN_RULE}"#)
        )
    );
    // DEL and C1 controls are escaped too (JSON itself leaves them raw).
    assert_eq!(
        errors(&static_req(r#""plan":"a\u007fb\u0085""#)),
        one(
            "invalid_plan",
            "plan",
            &format!(r#"plan "a\u007fb\u0085" is not a plan name: {PLAN_RULE}"#)
        )
    );
}

#[test]
fn a_plan_taken_from_the_context_is_checked_too() {
    let spec = lookup("pg").unwrap();
    let mut ctx = ctx_for(spec);
    ctx.source.plan = "Bad Plan".into();
    // Reported once as a shape error (not also as plan_not_found).
    let r = check(
        spec,
        &req(spec, ""),
        Some(&ctx),
        &[("invalid_plan", "plan")],
    );
    assert_eq!(
        r.errors[0].message,
        format!(r#"plan "Bad Plan" is not a plan name: {PLAN_RULE}"#)
    );
    assert_eq!(r.defaults.plan.as_deref(), Some("Bad Plan"));
    // A well-shaped plan the type does not have is still plan_not_found.
    check(
        spec,
        &req(spec, r#""plan":"business-99""#),
        Some(&ctx_for(spec)),
        &[("plan_not_found", "plan")],
    );
    check(
        spec,
        &req(spec, r#""plan":"Business-8""#),
        Some(&ctx_for(spec)),
        &[("invalid_plan", "plan")],
    );
}

#[test]
fn cloud_names_follow_aivens_shape() {
    for good in [
        "google-europe-west1",
        "aws-eu-central-1",
        "azure-westeurope",
        "do-ams",
        "upcloud-fi-hel",
        "avn-ovh-mum",
        "timescale-google-europe-north1",
        "x",
    ] {
        assert!(is_valid_cloud(good), "{good}");
        let r = static_req(&format!(
            r#""plan":"business-4","cloud":{}"#,
            json_str(good)
        ));
        assert_eq!(errors(&r), vec![], "{good}");
    }
    for bad in [
        "\n",
        "Google-europe-west1",
        "1cloud",
        "-aws",
        "aws_eu",
        "aws eu",
        "aws.eu",
        "=ls",
        "~",
        "aws-é",
    ] {
        assert!(!is_valid_cloud(bad), "{bad:?}");
    }
    assert!(is_valid_cloud(&"a".repeat(256)));
    assert!(!is_valid_cloud(&"a".repeat(257)));
}

#[test]
fn a_cloud_that_is_not_a_cloud_name_is_invalid_cloud() {
    // The report's own example: a newline.
    assert_eq!(
        errors(&static_req(r#""plan":"business-4","cloud":"\n""#)),
        one(
            "invalid_cloud",
            "cloud",
            &format!(r#"cloud "\n" is not a cloud name: {CLOUD_RULE}"#)
        )
    );
    // With a context, the source's cloud is the default and is checked the same way.
    let spec = lookup("mysql").unwrap();
    let mut ctx = ctx_for(spec);
    ctx.source.cloud_name = "Somewhere Else".into();
    let r = check(
        spec,
        &req(spec, ""),
        Some(&ctx),
        &[("invalid_cloud", "cloud")],
    );
    assert_eq!(
        r.errors[0].message,
        format!(r#"cloud "Somewhere Else" is not a cloud name: {CLOUD_RULE}"#)
    );
    // A cloud given in the request is the one checked.
    check(
        spec,
        &req(spec, r#""cloud":"aws-eu-west-1""#),
        Some(&ctx),
        &[],
    );
}

#[test]
fn tag_keys_and_values_follow_aivens_limits() {
    for good in [
        "env",
        "E",
        "team_name",
        "cost-center",
        "a1",
        &"k".repeat(64),
    ] {
        assert!(is_valid_tag_key(good), "{good}");
    }
    for bad in [
        "",
        "1env",
        "_env",
        "-env",
        "env.x",
        "env=x",
        "env x",
        "env\t",
        "ëkey",
        &"k".repeat(65),
    ] {
        assert!(!is_valid_tag_key(bad), "{bad:?}");
    }
    for good in [
        "",
        "prod",
        "O'Brien \"ops\" $HOME `id` ; | &",
        "été ✓",
        &"v".repeat(64),
        &"é".repeat(64),
    ] {
        assert!(is_valid_tag_value(good), "{good}");
    }
    for bad in [
        "\u{15}; touch pwned #",
        "'\u{7f}; touch pwned #",
        "a\nb",
        "a\tb",
        "\u{85}",
        &"v".repeat(65),
    ] {
        assert!(!is_valid_tag_value(bad), "{bad:?}");
    }
}

#[test]
fn bad_tags_are_reported_one_by_one() {
    let r = static_req(
        r#""plan":"business-4","tags":{"env":"prod","1st":"ok","k\tx":"v","note":"\u0015; touch pwned #","ok":"'\u007f; touch pwned #"}"#,
    );
    assert_eq!(
        errors(&r),
        vec![
            (
                "invalid_tag_key".to_string(),
                "tags.1st".to_string(),
                r#"tag key "1st" is not valid: tag keys are 1-64 letters, digits, _ and -, starting with a letter"#.to_string()
            ),
            (
                "invalid_tag_key".to_string(),
                "tags.k\tx".to_string(),
                r#"tag key "k\tx" is not valid: tag keys are 1-64 letters, digits, _ and -, starting with a letter"#.to_string()
            ),
            (
                "invalid_tag_value".to_string(),
                "tags.note".to_string(),
                r#"the value of tag "note" is not valid: tag values are at most 64 characters, without control characters"#.to_string()
            ),
            (
                "invalid_tag_value".to_string(),
                "tags.ok".to_string(),
                r#"the value of tag "ok" is not valid: tag values are at most 64 characters, without control characters"#.to_string()
            ),
        ]
    );
    // A key and its value both wrong: two findings.
    let both = static_req(&format!(
        r#""plan":"business-4","tags":{{"a b":"{}"}}"#,
        "v".repeat(65)
    ));
    let codes: Vec<String> = errors(&both).into_iter().map(|e| e.0).collect();
    assert_eq!(codes, ["invalid_tag_key", "invalid_tag_value"]);
    // Valid tags pass with every type and a context.
    for spec in forkable() {
        check(
            spec,
            &req(
                spec,
                r#""tags":{"env":"prod","Owner_1":"O'Brien ✓","empty":""}"#,
            ),
            Some(&ctx_for(spec)),
            &[],
        );
    }
}

#[test]
fn messages_show_refused_text_escaped_and_shortened() {
    assert_eq!(quoted("plain"), r#""plain""#);
    assert_eq!(quoted("a\"b\\c"), r#""a\"b\\c""#);
    assert_eq!(
        quoted("\u{1b}\u{7f}\u{9b}\u{2028}\u{202e}\u{2066}x"),
        r#""\u001b\u007f\u009b\u2028\u202e\u2066x""#
    );
    assert_eq!(quoted(&"x".repeat(64)), format!("\"{}\"", "x".repeat(64)));
    assert_eq!(quoted(&"x".repeat(65)), format!("\"{}…\"", "x".repeat(64)));
    assert_eq!(quoted("été ✓"), "\"été ✓\"");
    // A long hostile plan: the message stays short and escaped.
    let long = format!(r#""plan":"{}""#, "\\u0007".repeat(100));
    let e = &errors(&static_req(&long))[0];
    assert_eq!(e.0, "invalid_plan");
    assert!(
        e.2.starts_with(&format!(r#"plan "{}…" is not"#, "\\u0007".repeat(64))),
        "{}",
        e.2
    );
}
