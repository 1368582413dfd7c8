//! Rule 5: a named backup only for types that take one, with the type's name pattern,
//! and one the source has.

use aiven_fork::core::payload::build_value;

use crate::common::*;

#[test]
fn sends_a_named_backup_of_the_source() {
    for spec in forkable_where(|s| s.recovery.backup) {
        let ctx = ctx_for(spec);
        let v = backup_req(spec, "backup-1");
        check(spec, &v, Some(&ctx), &[]);
        assert_eq!(
            body(&build_value(&v, Some(&ctx), now()).unwrap()),
            format!(
                r#"{{"service_name":"{}","service_type":"{}","plan":"business-4","cloud":"google-europe-west1","user_config":{{"service_to_fork_from":"{}","recovery_basebackup_name":"backup-1"}}}}"#,
                fork(spec),
                spec.name,
                src(spec)
            )
        );
    }
}

#[test]
fn rejects_a_backup_the_source_does_not_have() {
    for spec in forkable_where(|s| s.recovery.backup) {
        let ctx = ctx_for(spec);
        let r = check(
            spec,
            &backup_req(spec, "backup-9"),
            Some(&ctx),
            &[("basebackup_not_found", "recovery.name")],
        );
        assert_eq!(
            r.errors[0].message,
            "the source has no backup named \"backup-9\"; the latest backup is \"backup-2\""
        );
    }
}

#[test]
fn rejects_a_backup_name_with_a_space() {
    for spec in forkable_where(|s| s.recovery.backup) {
        let ctx = ctx_for(spec);
        check(
            spec,
            &backup_req(spec, "bad name"),
            Some(&ctx),
            &[("invalid_backup_name", "recovery.name")],
        );
    }
}

#[test]
fn rejects_a_bad_backup_name_without_a_context() {
    for spec in forkable_where(|s| s.recovery.backup) {
        check(
            spec,
            &backup_req(spec, "bad/name"),
            None,
            &[
                ("missing_field", "serviceType"),
                ("missing_field", "plan"),
                ("invalid_backup_name", "recovery.name"),
            ],
        );
    }
}

#[test]
fn accepts_a_plus_in_clickhouse_backup_names() {
    for spec in forkable_where(|s| s.recovery.backup && s.backup_name_extra_chars.contains('+')) {
        let mut c = ctx_for(spec);
        c.backups[0].backup_name = "2025-07-01+full".into();
        check(spec, &backup_req(spec, "2025-07-01+full"), Some(&c), &[]);
    }
}

#[test]
fn rejects_a_plus_in_other_backup_names() {
    for spec in forkable_where(|s| s.recovery.backup && !s.backup_name_extra_chars.contains('+')) {
        let ctx = ctx_for(spec);
        check(
            spec,
            &backup_req(spec, "2025-07-01+full"),
            Some(&ctx),
            &[("invalid_backup_name", "recovery.name")],
        );
    }
}

#[test]
fn rejects_a_named_backup_for_types_that_cannot_choose_one() {
    for spec in forkable_where(|s| !s.recovery.backup) {
        let ctx = ctx_for(spec);
        let r = check(
            spec,
            &backup_req(spec, "backup-1"),
            Some(&ctx),
            &[("basebackup_unsupported", "recovery.name")],
        );
        assert!(r.errors[0].message.starts_with(&format!(
            "{} forks cannot choose a named backup",
            spec.product
        )));
    }
}
