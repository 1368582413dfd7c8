//! The ServiceCreate call of a valid fork: defaults from the source, every field in a
//! stable order, and what is left out.

use aiven_fork::core::json::parse;
use aiven_fork::core::payload::build_value;

use crate::common::*;

#[test]
fn latest_fork_takes_type_plan_and_cloud_from_the_source() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let request = req(spec, "");
        let r = check(spec, &request, Some(&ctx), &[]);
        assert_eq!(warns(&r), base_warnings(spec), "{}", spec.name);
        assert_eq!(r.defaults.service_type.as_deref(), Some(spec.name));
        assert_eq!(r.defaults.plan.as_deref(), Some("business-4"));
        assert_eq!(r.defaults.cloud.as_deref(), Some("google-europe-west1"));
        let call = build_value(&request, Some(&ctx), now()).unwrap();
        assert_eq!(call.method, "POST");
        assert_eq!(call.path, "/v1/project/proj/service");
        assert_eq!(
            body(&call),
            format!(
                r#"{{"service_name":"{}","service_type":"{}","plan":"business-4","cloud":"google-europe-west1","user_config":{{"service_to_fork_from":"{}"}}}}"#,
                fork(spec),
                spec.name,
                src(spec)
            )
        );
    }
}

#[test]
fn builds_from_type_and_plan_alone_without_a_context() {
    for spec in forkable() {
        let request = req(
            spec,
            &format!(r#""serviceType":"{}","plan":"startup-4""#, spec.name),
        );
        let r = check(spec, &request, None, &[]);
        assert!(r.warnings.is_empty());
        assert_eq!(
            body(&build_value(&request, None, now()).unwrap()),
            format!(
                r#"{{"service_name":"{}","service_type":"{}","plan":"startup-4","user_config":{{"service_to_fork_from":"{}"}}}}"#,
                fork(spec),
                spec.name,
                src(spec)
            )
        );
    }
}

#[test]
fn sends_every_create_field_in_a_stable_order() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let request = req(
            spec,
            &format!(
                r#""userConfig":{{"ip_filter":["10.0.0.0/8"]}},"copyTags":true,"tags":{{"env":"dev"}},"terminationProtection":false,"diskSpaceMb":81920,"projectVpcId":"0b3c2e7a-1f4d-4a5b-9c6d-7e8f9a0b1c2d","cloud":"aws-eu-west-1","plan":"business-8","serviceType":"{}","recovery":{{"mode":"latest"}}"#,
                spec.name
            ),
        );
        check(spec, &request, Some(&ctx), &[]);
        assert_eq!(
            body(&build_value(&request, Some(&ctx), now()).unwrap()),
            format!(
                r#"{{"service_name":"{}","service_type":"{}","plan":"business-8","cloud":"aws-eu-west-1","project_vpc_id":"0b3c2e7a-1f4d-4a5b-9c6d-7e8f9a0b1c2d","disk_space_mb":81920,"termination_protection":false,"tags":{{"env":"dev"}},"copy_tags":true,"user_config":{{"ip_filter":["10.0.0.0/8"],"service_to_fork_from":"{}"}}}}"#,
                fork(spec),
                spec.name,
                src(spec)
            )
        );
    }
}

#[test]
fn leaves_a_null_vpc_out_of_the_body() {
    let request = parse(
        r#"{"project":"my-proj","serviceName":"f","serviceType":"pg","plan":"startup-4","source":{"service":"s"},"projectVpcId":null}"#,
    )
    .unwrap();
    let call = build_value(&request, None, now()).unwrap();
    assert_eq!(call.path, "/v1/project/my-proj/service");
    assert_eq!(
        body(&call),
        r#"{"service_name":"f","service_type":"pg","plan":"startup-4","user_config":{"service_to_fork_from":"s"}}"#
    );
}
