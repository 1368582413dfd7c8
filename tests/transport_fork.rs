//! What `ForkClient.fork` decides before and after reading the source's context
//! (`core::validate::errors_before_context`, `transport::context::ContextQuery::for_fork`,
//! `transport::fork::decide`): exact codes, bodies and the existing-fork answer of a
//! repeated call.

#[path = "common/mod.rs"]
#[allow(dead_code)]
mod common;

use aiven_fork::core::json::{parse, Value};
use aiven_fork::core::payload::build_value;
use aiven_fork::core::service_types::lookup;
use aiven_fork::core::validate::errors_before_context;
use aiven_fork::transport::fork::{decide, Verdict};

use common::*;

fn pg() -> &'static aiven_fork::core::service_types::ServiceTypeSpec {
    lookup("pg").unwrap()
}

fn codes_of(issues: &[aiven_fork::core::issue::Issue]) -> Vec<(&str, &str)> {
    issues
        .iter()
        .map(|i| (i.code.as_str(), i.field.as_str()))
        .collect()
}

/// `{"services": [...]}` as the target project's list answers it.
fn services(items: &[&str]) -> Value {
    parse(&format!(r#"{{"services":[{}]}}"#, items.join(","))).unwrap()
}

/// A service document named `name`, of `service_type`, forked from `source`
/// (in `source_project` when given).
fn service(name: &str, service_type: &str, source: &str, source_project: Option<&str>) -> String {
    let project = source_project
        .map(|p| format!(r#","project_to_fork_from":"{p}""#))
        .unwrap_or_default();
    format!(
        r#"{{"service_name":"{name}","service_type":"{service_type}","state":"REBUILDING","user_config":{{"service_to_fork_from":"{source}"{project}}}}}"#
    )
}

#[test]
fn before_the_context_a_missing_type_plan_or_cloud_is_not_an_error() {
    assert_eq!(codes_of(&errors_before_context(&req(pg(), ""), now())), []);
}

#[test]
fn before_the_context_every_other_static_error_is_reported() {
    let bad = req(
        pg(),
        r#""plan":"","recovery":{"mode":"time","time":"2099-01-01T00:00:00Z"},"tags":{"a":1}"#,
    );
    assert_eq!(
        codes_of(&errors_before_context(&bad, now())),
        [("invalid_type", "tags.a")]
    );
    let future = req(
        pg(),
        r#""recovery":{"mode":"time","time":"2099-01-01T00:00:00Z"}"#,
    );
    assert_eq!(
        codes_of(&errors_before_context(&future, now())),
        [("recovery_time_in_future", "recovery.time")]
    );
    let unknown = req(pg(), r#""serviceType":"nosuch""#);
    assert_eq!(
        codes_of(&errors_before_context(&unknown, now())),
        [("unknown_service_type", "serviceType")]
    );
}

#[test]
fn a_valid_request_is_created_with_the_exact_body() {
    let request = req(pg(), "");
    let ctx = ctx_for(pg());
    let want = build_value(&request, Some(&ctx), now()).unwrap().body;
    assert_eq!(
        decide(&request, &ctx, None, now()),
        Verdict::Create {
            project: "proj".into(),
            body: want
        }
    );
}

#[test]
fn a_name_taken_by_this_very_fork_is_the_existing_fork() {
    let mut ctx = ctx_for(pg());
    ctx.taken_names = Some(vec![fork(pg())]);
    let ours = service(&fork(pg()), "pg", &src(pg()), None);
    let list = services(&[&service("other", "pg", "x", None), &ours]);
    assert_eq!(
        decide(&req(pg(), ""), &ctx, Some(&list), now()),
        Verdict::Exists(parse(&ours).unwrap())
    );
}

#[test]
fn a_name_taken_by_another_service_is_name_taken() {
    let mut ctx = ctx_for(pg());
    ctx.taken_names = Some(vec![fork(pg())]);
    for other in [
        service(&fork(pg()), "pg", "another-source", None),
        service(&fork(pg()), "mysql", &src(pg()), None),
        service(&fork(pg()), "pg", &src(pg()), Some("another-project")),
    ] {
        let Verdict::Invalid(errors) =
            decide(&req(pg(), ""), &ctx, Some(&services(&[&other])), now())
        else {
            panic!("not invalid: {other}");
        };
        assert_eq!(codes_of(&errors), [("name_taken", "serviceName")]);
    }
}

#[test]
fn without_the_service_list_a_taken_name_is_name_taken() {
    let mut ctx = ctx_for(pg());
    ctx.taken_names = Some(vec![fork(pg())]);
    let Verdict::Invalid(errors) = decide(&req(pg(), ""), &ctx, None, now()) else {
        panic!("not invalid");
    };
    assert_eq!(codes_of(&errors), [("name_taken", "serviceName")]);
}

#[test]
fn other_errors_beside_a_taken_name_are_all_reported() {
    let mut ctx = ctx_for(pg());
    ctx.taken_names = Some(vec![fork(pg())]);
    let list = services(&[&service(&fork(pg()), "pg", &src(pg()), None)]);
    let request = req(pg(), r#""plan":"no-such-plan""#);
    let Verdict::Invalid(errors) = decide(&request, &ctx, Some(&list), now()) else {
        panic!("not invalid");
    };
    assert_eq!(
        codes_of(&errors),
        [("plan_not_found", "plan"), ("name_taken", "serviceName")]
    );
}

#[test]
fn the_existing_fork_is_matched_with_the_type_the_source_defaults() {
    // The request names no type: the source's (pg) is the fork's.
    let mut ctx = ctx_for(pg());
    ctx.taken_names = Some(vec![fork(pg())]);
    let mysql = service(&fork(pg()), "mysql", &src(pg()), None);
    let Verdict::Invalid(_) = decide(&req(pg(), ""), &ctx, Some(&services(&[&mysql])), now())
    else {
        panic!("a mysql service matched a pg fork");
    };
}

#[test]
fn a_cross_project_fork_is_matched_with_its_source_project() {
    let mut ctx = ctx_for(pg());
    ctx.source.project = "elsewhere".into();
    ctx.taken_names = Some(vec![fork(pg())]);
    let request = req(pg(), "").to_json().replace(
        r#""source":{"service":"src-pg"}"#,
        r#""source":{"service":"src-pg","project":"elsewhere"}"#,
    );
    let request = parse(&request).unwrap();
    let ours = service(&fork(pg()), "pg", &src(pg()), Some("elsewhere"));
    assert_eq!(
        decide(&request, &ctx, Some(&services(&[&ours])), now()),
        Verdict::Exists(parse(&ours).unwrap())
    );
    let same_project = service(&fork(pg()), "pg", &src(pg()), None);
    assert!(matches!(
        decide(&request, &ctx, Some(&services(&[&same_project])), now()),
        Verdict::Invalid(_)
    ));
}
