//! Rule 3: valid service and project names, not the source's own name in its
//! project, and not a name already taken in the target project.

use aiven_fork::core::json::{parse, Value};
use aiven_fork::core::payload::build_value;
use aiven_fork::core::service_types::ServiceTypeSpec;
use aiven_fork::core::validate::validate_value;

use crate::common::*;

#[test]
fn rejects_invalid_service_names() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        for bad in [
            "Fork", "1fork", "-fork", "fork_1", "fork.x", "fork x", "förk",
        ] {
            check(
                spec,
                &req_named(spec, bad),
                Some(&ctx),
                &[("invalid_service_name", "serviceName")],
            );
        }
    }
}

#[test]
fn rejects_a_service_name_over_64_characters() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let long = "a".repeat(65);
        check(
            spec,
            &req_named(spec, &long),
            Some(&ctx),
            &[("field_too_long", "serviceName")],
        );
    }
}

#[test]
fn accepts_a_64_character_service_name() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        check(spec, &req_named(spec, &"a".repeat(64)), Some(&ctx), &[]);
    }
}

#[test]
fn rejects_target_project_names_that_could_change_the_path() {
    for project in [
        "..",
        ".",
        "my proj/\u{e4}",
        "a/b",
        "a%2Fb",
        "Upper",
        "-dash",
    ] {
        let text = format!(
            r#"{{"project":{},"serviceName":"f","serviceType":"pg","plan":"startup-4","source":{{"service":"s"}}}}"#,
            Value::String(project.to_string()).to_json()
        );
        let request = parse(&text).unwrap();
        let report = build_value(&request, None, now()).unwrap_err();
        let codes: Vec<_> = report
            .errors
            .iter()
            .map(|e| (e.code.as_str(), e.field.as_str()))
            .collect();
        assert_eq!(
            codes,
            vec![("invalid_project_name", "project")],
            "{project}"
        );
    }
}

#[test]
fn rejects_an_invalid_source_project_name() {
    let bad = parse(r#"{"project":"proj","serviceName":"f","serviceType":"pg","plan":"startup-4","source":{"service":"s","project":"Other_Proj"}}"#).unwrap();
    let r = validate_value(&bad, None, now());
    assert_eq!(
        codes(&r),
        vec![(
            "invalid_project_name".to_string(),
            "source.project".to_string()
        )]
    );
}

/// The source's own name, with the source project given as the target project.
fn same_name(spec: &ServiceTypeSpec) -> Value {
    parse(&format!(
        r#"{{"project":"proj","serviceName":"{0}","source":{{"service":"{0}","project":"proj"}}}}"#,
        src(spec)
    ))
    .unwrap()
}

#[test]
fn rejects_the_sources_name_in_the_same_project() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        check(
            spec,
            &same_name(spec),
            Some(&ctx),
            &[("name_equals_source", "serviceName")],
        );
    }
}

#[test]
fn rejects_the_sources_name_in_the_same_project_without_a_context() {
    for spec in forkable() {
        check(
            spec,
            &same_name(spec),
            None,
            &[
                ("name_equals_source", "serviceName"),
                ("missing_field", "serviceType"),
                ("missing_field", "plan"),
            ],
        );
    }
}

#[test]
fn rejects_a_name_taken_in_the_target_project() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let r = check(
            spec,
            &req_named(spec, "taken-svc"),
            Some(&ctx),
            &[("name_taken", "serviceName")],
        );
        assert_eq!(
            r.errors[0].message,
            "a service named \"taken-svc\" already exists in project proj"
        );
    }
}

#[test]
fn skips_the_taken_name_check_when_the_names_are_unknown() {
    for spec in forkable() {
        let mut unknown = ctx_for(spec);
        unknown.taken_names = None;
        check(spec, &req_named(spec, "taken-svc"), Some(&unknown), &[]);
    }
}
