//! What the rules refuse before judging a fork: fork keys set by hand inside
//! `userConfig`, and a context that describes another service.

use crate::common::*;

#[test]
fn rejects_fork_keys_inside_user_config() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        for key in [
            "service_to_fork_from",
            "project_to_fork_from",
            "recovery_target_time",
            "recovery_basebackup_name",
        ] {
            let v = req(spec, &format!(r#""userConfig":{{"{key}":"x"}}"#));
            let field = format!("userConfig.{key}");
            check(
                spec,
                &v,
                Some(&ctx),
                &[("fork_key_in_user_config", field.as_str())],
            );
        }
    }
}

#[test]
fn rejects_a_context_of_another_service() {
    for spec in forkable() {
        let mut ctx = ctx_for(spec);
        ctx.source.service_name = "someone-else".into();
        let r = check(
            spec,
            &req(spec, ""),
            Some(&ctx),
            &[("invalid_value", "source.service")],
        );
        assert_eq!(
            r.errors[0].message,
            format!(
                "the context describes proj/someone-else, not the requested source proj/{}",
                src(spec)
            )
        );
    }
}
