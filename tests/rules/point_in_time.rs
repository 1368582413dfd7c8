//! Rule 4: a time only for types with point-in-time recovery, a real time, not in the
//! future, inside the window (start inclusive; an open end is now; without PITR data
//! from the first backup to now), sent in Aiven's UTC form.

use aiven_fork::core::context::PitrWindow;
use aiven_fork::core::payload::build_value;

use crate::common::*;

#[test]
fn sends_a_time_inside_the_window_in_aiven_form() {
    for spec in forkable_where(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        let v = time_req(spec, "2025-07-01 15:16:22.926085+02:00");
        let r = check(spec, &v, Some(&ctx), &[]);
        assert_eq!(warns(&r), base_warnings(spec));
        assert_eq!(
            body(&build_value(&v, Some(&ctx), now()).unwrap()),
            format!(
                r#"{{"service_name":"{}","service_type":"{}","plan":"business-4","cloud":"google-europe-west1","user_config":{{"service_to_fork_from":"{}","recovery_target_time":"2025-07-01T13:16:22.926085+00:00"}}}}"#,
                fork(spec),
                spec.name,
                src(spec)
            )
        );
    }
}

#[test]
fn rejects_a_time_for_types_without_point_in_time_recovery() {
    for spec in forkable_where(|s| !s.recovery.time) {
        let ctx = ctx_for(spec);
        let v = time_req(spec, "2025-07-01 15:16:22.926085+02:00");
        let r = check(
            spec,
            &v,
            Some(&ctx),
            &[("recovery_time_unsupported", "recovery.time")],
        );
        let alt = if spec.recovery.backup {
            "(use the latest backup or a named backup)"
        } else {
            "(the fork uses the latest backup)"
        };
        assert_eq!(
            r.errors[0].message,
            format!(
                "{} forks cannot restore to a point in time; point-in-time recovery is for PostgreSQL and MySQL {alt}",
                spec.product
            )
        );
    }
}

#[test]
fn leaves_a_time_unjudged_while_the_type_is_unknown() {
    for spec in forkable_where(|s| !s.recovery.time) {
        let v = time_req(spec, "2025-07-01 15:16:22.926085+02:00");
        check(
            spec,
            &v,
            None,
            &[("missing_field", "serviceType"), ("missing_field", "plan")],
        );
    }
}

#[test]
fn rejects_a_time_for_types_without_pitr_before_reading_it() {
    for spec in forkable_where(|s| !s.recovery.time) {
        let typed = req(
            spec,
            &format!(
                r#""serviceType":"{}","plan":"startup-4","recovery":{{"mode":"time","time":"garbage"}}"#,
                spec.name
            ),
        );
        check(
            spec,
            &typed,
            None,
            &[("recovery_time_unsupported", "recovery.time")],
        );
    }
}

#[test]
fn rejects_a_time_before_the_window_start() {
    for spec in forkable_where(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        let r = check(
            spec,
            &time_req(spec, "2025-06-23T23:59:59Z"),
            Some(&ctx),
            &[("recovery_time_out_of_range", "recovery.time")],
        );
        assert_eq!(
            r.errors[0].message,
            "recovery time 2025-06-23 23:59:59 UTC is outside the backup window 2025-06-24 00:00:00 UTC to now"
        );
    }
}

#[test]
fn accepts_the_window_start() {
    for spec in forkable_where(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        check(
            spec,
            &time_req(spec, "2025-06-24T00:00:00Z"),
            Some(&ctx),
            &[],
        );
    }
}

#[test]
fn accepts_now_when_the_window_is_open() {
    for spec in forkable_where(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        check(
            spec,
            &time_req(spec, "2025-07-02T12:00:00Z"),
            Some(&ctx),
            &[],
        );
    }
}

#[test]
fn rejects_a_time_after_a_closed_window() {
    for spec in forkable_where(|s| s.recovery.time) {
        let mut closed = ctx_for(spec);
        closed.pitr = Some(PitrWindow {
            start: Some(ts("2025-06-24T00:00:00Z")),
            end: Some(ts("2025-07-01T00:00:00Z")),
        });
        let r = check(
            spec,
            &time_req(spec, "2025-07-01T00:00:00.000001Z"),
            Some(&closed),
            &[("recovery_time_out_of_range", "recovery.time")],
        );
        assert_eq!(
            r.errors[0].message,
            "recovery time 2025-07-01 00:00:00.000001 UTC is outside the backup window 2025-06-24 00:00:00 UTC to 2025-07-01 00:00:00 UTC"
        );
    }
}

#[test]
fn a_window_with_fractions_is_shown_in_whole_seconds_inside_it() {
    for spec in forkable_where(|s| s.recovery.time) {
        let mut closed = ctx_for(spec);
        closed.pitr = Some(PitrWindow {
            start: Some(ts("2025-06-24T00:00:00.383895Z")),
            end: Some(ts("2025-07-01T00:00:00.700000Z")),
        });
        let r = check(
            spec,
            &time_req(spec, "2025-06-24T00:00:00Z"),
            Some(&closed),
            &[("recovery_time_out_of_range", "recovery.time")],
        );
        // The start rounded up, the end cut: a time typed inside the text is inside.
        assert_eq!(
            r.errors[0].message,
            "recovery time 2025-06-24 00:00:00 UTC is outside the backup window 2025-06-24 00:00:01 UTC to 2025-07-01 00:00:00 UTC"
        );
        check(
            spec,
            &time_req(spec, "2025-06-24 00:00:01 UTC"),
            Some(&closed),
            &[],
        );
        check(
            spec,
            &time_req(spec, "2025-07-01 09:00:00 UTC+09:00"),
            Some(&closed),
            &[],
        );
    }
}

#[test]
fn rejects_any_time_before_the_first_pitr_backup() {
    for spec in forkable_where(|s| s.recovery.time) {
        let mut none_yet = ctx_for(spec);
        none_yet.pitr = Some(PitrWindow {
            start: None,
            end: None,
        });
        let r = check(
            spec,
            &time_req(spec, "2025-07-01T00:00:00Z"),
            Some(&none_yet),
            &[("recovery_time_out_of_range", "recovery.time")],
        );
        assert!(r.errors[0].message.contains("has no point-in-time backup"));
    }
}

#[test]
fn rejects_a_time_before_the_first_backup_without_pitr_data() {
    for spec in forkable_where(|s| s.recovery.time) {
        let mut no_pitr = ctx_for(spec);
        no_pitr.pitr = None;
        check(
            spec,
            &time_req(spec, "2025-06-29T23:00:00Z"),
            Some(&no_pitr),
            &[("recovery_time_out_of_range", "recovery.time")],
        );
    }
}

#[test]
fn accepts_a_time_after_the_first_backup_without_pitr_data() {
    for spec in forkable_where(|s| s.recovery.time) {
        let mut no_pitr = ctx_for(spec);
        no_pitr.pitr = None;
        check(
            spec,
            &time_req(spec, "2025-06-30T01:00:00Z"),
            Some(&no_pitr),
            &[],
        );
    }
}

#[test]
fn rejects_a_time_in_the_future() {
    for spec in forkable_where(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        let v = time_req(spec, "2025-07-02T12:00:00.000001Z");
        let r = check(
            spec,
            &v,
            Some(&ctx),
            &[("recovery_time_in_future", "recovery.time")],
        );
        assert_eq!(
            r.errors[0].message,
            "recovery time 2025-07-02 12:00:00.000001 UTC is in the future (now is 2025-07-02 12:00:00 UTC)"
        );
    }
}

#[test]
fn rejects_a_time_in_the_future_without_a_context() {
    for spec in forkable_where(|s| s.recovery.time) {
        let typed = req(
            spec,
            &format!(
                r#""serviceType":"{}","plan":"startup-4","recovery":{{"mode":"time","time":"2030-01-01 00:00:00"}}"#,
                spec.name
            ),
        );
        check(
            spec,
            &typed,
            None,
            &[("recovery_time_in_future", "recovery.time")],
        );
    }
}

#[test]
fn rejects_text_that_is_not_a_time() {
    for spec in forkable_where(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        for bad in [
            "yesterday",
            "2025-02-30 10:00:00",
            "2025-07-01 24:00:00",
            "1751382982",
            "2025-07-01T10:00:00+25:00",
        ] {
            check(
                spec,
                &time_req(spec, bad),
                Some(&ctx),
                &[("invalid_time", "recovery.time")],
            );
        }
    }
}

#[test]
fn rejects_an_empty_time() {
    for spec in forkable_where(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        check(
            spec,
            &time_req(spec, ""),
            Some(&ctx),
            &[("missing_field", "recovery.time")],
        );
    }
}

#[test]
fn rejects_a_time_over_64_characters() {
    for spec in forkable_where(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        check(
            spec,
            &time_req(spec, &"1".repeat(65)),
            Some(&ctx),
            &[("field_too_long", "recovery.time")],
        );
    }
}

#[test]
fn warns_about_a_zoneless_time_and_dropped_digits() {
    for spec in forkable_where(|s| s.recovery.time) {
        let ctx = ctx_for(spec);
        let v = time_req(spec, "2025-07-01 15:16:22.123456789");
        let r = check(spec, &v, Some(&ctx), &[]);
        let mut want = base_warnings(spec);
        want.push("time_without_zone".into());
        want.push("time_precision_truncated".into());
        assert_eq!(warns(&r), want);
        assert_eq!(
            r.warnings[0].message,
            "the time has no zone and is read as UTC: 2025-07-01 15:16:22.123456 UTC"
        );
        assert!(body(&build_value(&v, Some(&ctx), now()).unwrap())
            .contains(r#""recovery_target_time":"2025-07-01T15:16:22.123456+00:00""#));
    }
}
