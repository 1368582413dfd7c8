//! The warnings: what the fork does not copy (integrations, OpenSearch sign-on, tags),
//! the one-node phase of multi-node restores, and a source that is not running.

use aiven_fork::core::context::{ForkContext, Integration};
use aiven_fork::core::json::parse;
use aiven_fork::core::service_types::ServiceTypeSpec;

use crate::common::*;

#[test]
fn warns_about_integrations_not_copied() {
    for spec in forkable() {
        let mut ctx = ctx_for(spec);
        ctx.source.integrations = vec![
            Integration {
                integration_type: "metrics".into(),
                source_service: src(spec),
                dest_service: "grafana-1".into(),
            },
            Integration {
                integration_type: "logs".into(),
                source_service: src(spec),
                dest_service: "os-logs".into(),
            },
        ];
        let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
        let mut want = vec!["integrations_not_copied".to_string()];
        want.extend(base_warnings(spec));
        assert_eq!(warns(&r), want);
        assert_eq!(
            r.warnings[0].message,
            format!(
                "service integrations are not copied to a fork: metrics: {0} -> grafana-1, logs: {0} -> os-logs",
                src(spec)
            )
        );
        let nc: Vec<_> = r
            .not_copied
            .iter()
            .map(|n| (n.kind, n.name.clone()))
            .collect();
        assert_eq!(
            nc,
            vec![
                (
                    "integration",
                    format!("metrics: {} -> grafana-1", src(spec))
                ),
                ("integration", format!("logs: {} -> os-logs", src(spec))),
            ]
        );
    }
}

const BOTH_SSO: &str = r#"{"saml":{"enabled":true,"idp_entity_id":"x"},"openid":{"enabled":true,"client_secret":"SECRET-VALUE"}}"#;

#[test]
fn warns_about_opensearch_sso_not_copied() {
    for spec in forkable_where(|s| s.name == "opensearch") {
        let mut ctx = ctx_for(spec);
        ctx.source.user_config = parse(BOTH_SSO).unwrap();
        let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
        assert_eq!(warns(&r), vec!["sso_not_copied"]);
        assert!(!r.warnings[0].message.contains("SECRET"));
        assert_eq!(r.warnings[0].message, "single sign-on is not copied to a forked OpenSearch service (saml, openid): it is bound to the old URLs; configure it on the fork or users may lose access");
        let nc: Vec<_> = r
            .not_copied
            .iter()
            .map(|n| (n.kind, n.name.as_str()))
            .collect();
        assert_eq!(nc, vec![("sso", "saml"), ("sso", "openid")]);
    }
}

#[test]
fn lists_only_the_enabled_sso_methods() {
    for spec in forkable_where(|s| s.name == "opensearch") {
        let mut ctx = ctx_for(spec);
        ctx.source.user_config =
            parse(r#"{"saml":{"enabled":false},"openid":{"enabled":true}}"#).unwrap();
        let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
        assert_eq!(r.not_copied.len(), 1);
    }
}

#[test]
fn ignores_sso_settings_of_other_types() {
    for spec in forkable_where(|s| s.name != "opensearch") {
        let mut ctx = ctx_for(spec);
        ctx.source.user_config = parse(BOTH_SSO).unwrap();
        let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
        assert_eq!(warns(&r), base_warnings(spec));
        assert!(r.not_copied.is_empty());
    }
}

#[test]
fn warns_about_tags_unless_copy_tags() {
    for spec in forkable() {
        let mut ctx = ctx_for(spec);
        ctx.source.tags = vec![("env".into(), "prod".into()), ("team".into(), "db".into())];
        for extra in ["", r#""copyTags":false"#] {
            let r = check(spec, &req(spec, extra), Some(&ctx), &[]);
            let mut want = vec!["tags_not_copied".to_string()];
            want.extend(base_warnings(spec));
            assert_eq!(warns(&r), want);
            assert_eq!(
                r.warnings[0].message,
                "the source's tags are not copied unless you choose to copy them: env=prod, team=db"
            );
            assert_eq!(r.warnings[0].field, "copyTags");
        }
    }
}

#[test]
fn copies_tags_without_a_warning_when_copy_tags_is_true() {
    for spec in forkable() {
        let mut ctx = ctx_for(spec);
        ctx.source.tags = vec![("env".into(), "prod".into()), ("team".into(), "db".into())];
        let r = check(spec, &req(spec, r#""copyTags":true"#), Some(&ctx), &[]);
        assert_eq!(warns(&r), base_warnings(spec));
        assert!(r.not_copied.is_empty());
    }
}

/// The base context of `spec` with a three-node source and three-node plans.
fn three_node_source(spec: &ServiceTypeSpec) -> ForkContext {
    let mut ctx = ctx_for(spec);
    ctx.source.node_count = 3;
    for p in ctx.plans.iter_mut() {
        p.node_count = 3;
    }
    ctx
}

#[test]
fn warns_about_the_single_node_phase_of_multi_node_cassandra_and_clickhouse() {
    for spec in forkable_where(|s| s.no_fewer_nodes) {
        let ctx = three_node_source(spec);
        let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
        assert_eq!(warns(&r), vec!["single_node_until_restored"]);
        assert_eq!(r.warnings[0].message, "the fork may show a single node until its backup is restored; the other nodes of the 3-node cluster follow");
    }
}

#[test]
fn multi_node_sources_of_other_types_do_not_warn() {
    for spec in forkable_where(|s| !s.no_fewer_nodes) {
        let ctx = three_node_source(spec);
        let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
        assert!(r.warnings.is_empty(), "{}", spec.name);
    }
}

#[test]
fn single_node_sources_do_not_warn() {
    for spec in forkable() {
        let mut ctx = three_node_source(spec);
        ctx.source.node_count = 1;
        let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
        assert!(r.warnings.is_empty());
    }
}

#[test]
fn warns_when_the_source_is_not_running() {
    for spec in forkable() {
        for state in ["POWEROFF", "REBUILDING", "REBALANCING"] {
            let mut ctx = ctx_for(spec);
            ctx.source.state = state.into();
            let r = check(spec, &req(spec, ""), Some(&ctx), &[]);
            let mut want = base_warnings(spec);
            want.push("source_not_running".into());
            assert_eq!(warns(&r), want);
            assert_eq!(
                r.warnings.last().unwrap().message,
                format!(
                    "{} is {state}, not RUNNING; the fork is restored from its backups",
                    src(spec)
                )
            );
        }
    }
}
