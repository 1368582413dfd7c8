//! Rule 8: a source in another project is named by `project_to_fork_from`, may share
//! the fork's name, and is worth a warning (Aiven decides on the organization).

use aiven_fork::core::json::parse;
use aiven_fork::core::payload::build_value;
use aiven_fork::core::validate::validate_value;

use crate::common::*;

#[test]
fn accepts_the_sources_name_in_another_project() {
    for spec in forkable() {
        let mut cctx = ctx_for(spec);
        cctx.source.project = "other-proj".into();
        cctx.taken_names = Some(vec![]);
        let cross = parse(&format!(
            r#"{{"project":"proj","serviceName":"{0}","source":{{"service":"{0}","project":"other-proj"}}}}"#,
            src(spec)
        ))
        .unwrap();
        let r = check(spec, &cross, Some(&cctx), &[]);
        let mut want = base_warnings(spec);
        want.push("cross_project_fork".into());
        assert_eq!(warns(&r), want);
        assert_eq!(
            body(&build_value(&cross, Some(&cctx), now()).unwrap()),
            format!(
                r#"{{"service_name":"{0}","service_type":"{1}","plan":"business-4","cloud":"google-europe-west1","user_config":{{"service_to_fork_from":"{0}","project_to_fork_from":"other-proj"}}}}"#,
                src(spec),
                spec.name
            )
        );
    }
}

#[test]
fn warns_about_a_cross_project_fork_without_a_context() {
    let v = parse(r#"{"project":"proj","serviceName":"f","serviceType":"pg","plan":"startup-4","source":{"service":"s","project":"other"}}"#).unwrap();
    let r = validate_value(&v, None, now());
    assert!(r.ok);
    assert_eq!(warns(&r), vec!["cross_project_fork"]);
    assert_eq!(r.warnings[0].field, "source.project");
    assert_eq!(
        r.warnings[0].message,
        "forking across projects (from other into proj) works only when both projects are in the same organization; Aiven decides"
    );
}
