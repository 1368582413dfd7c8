//! Rule 2: the fork has the source's type, a type the library knows and can fork;
//! without a context the type and plan must be given.

use aiven_fork::core::json::parse;
use aiven_fork::core::service_types::{all, lookup};

use crate::common::*;

#[test]
fn requires_type_and_plan_without_a_context() {
    for spec in forkable() {
        check(
            spec,
            &req(spec, ""),
            None,
            &[("missing_field", "serviceType"), ("missing_field", "plan")],
        );
    }
}

#[test]
fn rejects_a_type_other_than_the_sources() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let other = if spec.name == "pg" { "mysql" } else { "pg" };
        let r = check(
            spec,
            &req(
                spec,
                &format!(r#""serviceType":"{other}","plan":"{other}-only-plan""#),
            ),
            Some(&ctx),
            &[("service_type_mismatch", "serviceType")],
        );
        assert_eq!(
            r.errors[0].message,
            format!(
                "a fork has the source's type: the source is {}, not {other}",
                spec.name
            )
        );
    }
}

#[test]
fn rejects_types_that_cannot_fork() {
    for t in all().iter().filter(|t| !t.forkable) {
        let request = parse(&format!(
            r#"{{"project":"proj","serviceName":"f","serviceType":"{}","plan":"startup-4","source":{{"service":"s"}}}}"#,
            t.name
        ))
        .unwrap();
        let r = check(
            t,
            &request,
            None,
            &[("service_type_not_forkable", "serviceType")],
        );
        assert!(r.errors[0]
            .message
            .ends_with("services cannot be forked: Aiven has no fork support for this type"));
    }
}

#[test]
fn rejects_a_type_that_cannot_fork_taken_from_the_context_once() {
    for t in all().iter().filter(|t| !t.forkable) {
        let mut ctx = ctx_for(lookup("pg").unwrap());
        ctx.source.service_name = "s".into();
        ctx.source.service_type = t.name.into();
        ctx.pitr = None;
        // No backups either (Kafka has none): still only the one error.
        ctx.backups.clear();
        let request =
            parse(r#"{"project":"proj","serviceName":"f","source":{"service":"s"}}"#).unwrap();
        check(
            t,
            &request,
            Some(&ctx),
            &[("service_type_not_forkable", "serviceType")],
        );
    }
}

#[test]
fn rejects_an_unknown_type_and_lists_the_forkable_ones() {
    let pg = lookup("pg").unwrap();
    let r = check(
        pg,
        &req(pg, r#""serviceType":"postgres","plan":"startup-4""#),
        None,
        &[("unknown_service_type", "serviceType")],
    );
    assert!(r.errors[0]
        .message
        .starts_with("unknown service type \"postgres\"; forkable types are pg, mysql, cassandra"));
}
