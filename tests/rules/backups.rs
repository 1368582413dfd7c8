//! Rules 1 and 7: the source has at least one backup; Caching, Valkey and Dragonfly
//! sources with persistence off have none.

use aiven_fork::core::json::parse;

use crate::common::*;

#[test]
fn rejects_a_source_without_backups() {
    for spec in forkable() {
        let mut ctx = ctx_for(spec);
        ctx.backups.clear();
        let r = check(
            spec,
            &req(spec, ""),
            Some(&ctx),
            &[("source_has_no_backup", "source.service")],
        );
        assert_eq!(
            r.errors[0].message,
            format!(
                "{} has no backups yet; a fork needs at least one (wait for the first backup)",
                src(spec)
            )
        );
    }
}

#[test]
fn rejects_persistence_off_for_valkey() {
    let mut seen = 0;
    for spec in forkable_where(|s| s.persistence_key.is_some()) {
        let mut ctx = ctx_for(spec);
        let key = spec.persistence_key.unwrap();
        ctx.source.user_config = parse(&format!(r#"{{"{key}":"off"}}"#)).unwrap();
        ctx.backups.clear();
        seen += 1;
        let r = check(
            spec,
            &req(spec, ""),
            Some(&ctx),
            &[("persistence_off", "source.service")],
        );
        assert!(
            r.errors[0].message.contains(&format!("({key}: off)")),
            "{}",
            r.errors[0].message
        );
    }
    // Caching and Dragonfly have the switch too, but Aiven retired both.
    assert_eq!(seen, 1);
}

#[test]
fn other_types_report_the_missing_backups_not_a_persistence_key() {
    for spec in forkable_where(|s| s.persistence_key.is_none()) {
        let mut ctx = ctx_for(spec);
        ctx.source.user_config = parse(r#"{"redis_persistence":"off"}"#).unwrap();
        ctx.backups.clear();
        check(
            spec,
            &req(spec, ""),
            Some(&ctx),
            &[("source_has_no_backup", "source.service")],
        );
    }
}
