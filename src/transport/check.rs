//! A dry run of a fork (`ForkClient.checkFork`): the reads `fork` would make, plans
//! always included (for the price), and the full report against that context; nothing
//! is created. Pure; `fetch::check_fork` sends the reads.
//!
//! A repeated fork is recognised as `fork` recognises it ([`existing_fork`]): when the
//! only errors are `name_taken` by a fork of the same source, `existing` holds that
//! service, and `fork` would answer it with `created: false`.

use crate::core::context::ForkContext;
use crate::core::json::Value;
use crate::core::time::Timestamp;
use crate::core::validate::{validate_value, Report};
use crate::transport::context::ContextQuery;
use crate::transport::fork::existing_fork;

/// What a dry run found.
#[derive(Debug, Clone, PartialEq)]
pub struct DryRun {
    /// Every rule against the live context (with `price` when the plan list has one).
    pub report: Report,
    /// The fork itself, when it already exists (a repeated call).
    pub existing: Option<Value>,
}

/// What a dry run of `request` reads: what `fork` reads, and the plans of the source's
/// type whatever the plan (the report prices the fork).
pub fn query(request: &Value) -> ContextQuery {
    ContextQuery {
        with_plans: true,
        plan: None,
        ..ContextQuery::for_fork(request)
    }
}

/// The report for `request` against `ctx`, and the existing fork found in the target
/// project's `services` (`{"services": [...]}`).
pub fn dry_run(request: &Value, ctx: &ForkContext, services: &Value, now: Timestamp) -> DryRun {
    let report = validate_value(request, Some(ctx), now);
    let existing = existing_fork(request, &report, Some(services));
    DryRun { report, existing }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::issue::Code;
    use crate::core::json::parse;

    fn v(text: &str) -> Value {
        parse(text).unwrap_or(Value::Null)
    }

    fn now() -> Timestamp {
        crate::core::time::parse("2025-07-02T00:00:00Z")
            .map(|t| t.at)
            .unwrap_or(Timestamp::from_unix_millis(0.0))
    }

    fn ctx(taken: &str) -> ForkContext {
        let service = v(
            r#"{"service":{"service_name":"demo-pg","service_type":"pg","plan":"business-4","cloud_name":"google-europe-west1","node_count":2,"state":"RUNNING"}}"#,
        );
        let backups = v(
            r#"{"backups":[{"backup_name":"b1","backup_time":"2025-07-01T03:00:00Z","data_size":1}]}"#,
        );
        let plans = v(
            r#"{"service_plans":[{"service_plan":"business-4","node_count":2,"regions":{"google-europe-west1":{"price_usd":"0.2000"}}}]}"#,
        );
        let services = v(&format!(r#"{{"services":{taken}}}"#));
        ForkContext::from_api("demo-project", &service, &backups, &plans, Some(&services))
            .unwrap_or_else(|e| panic!("{}", e.message))
    }

    const REQUEST: &str =
        r#"{"project":"demo-project","serviceName":"pr-1","source":{"service":"demo-pg"}}"#;

    #[test]
    fn reads_what_fork_reads_and_the_plans() {
        let q = query(&v(
            r#"{"project":"p","serviceName":"f","source":{"service":"s","project":"o"},"plan":"x"}"#,
        ));
        assert_eq!(
            q,
            ContextQuery {
                project: "o".into(),
                service: "s".into(),
                target_project: Some("p".into()),
                service_type_hint: None,
                with_plans: true,
                plan: None,
            }
        );
    }

    #[test]
    fn a_new_fork_gets_the_full_report_with_its_price() {
        let services = v(r#"{"services":[{"service_name":"demo-pg"}]}"#);
        let run = dry_run(
            &v(REQUEST),
            &ctx(r#"[{"service_name":"demo-pg"}]"#),
            &services,
            now(),
        );
        assert!(run.report.ok, "{:?}", run.report.errors);
        assert_eq!(
            run.report.price.map(|p| p.hourly_usd),
            Some("0.2000".into())
        );
        assert_eq!(run.existing, None);
    }

    #[test]
    fn a_repeated_fork_is_found_as_fork_finds_it() {
        let list = r#"[{"service_name":"pr-1","service_type":"pg","user_config":{"service_to_fork_from":"demo-pg"}}]"#;
        let run = dry_run(
            &v(REQUEST),
            &ctx(list),
            &v(&format!(r#"{{"services":{list}}}"#)),
            now(),
        );
        assert_eq!(
            run.report.errors.iter().map(|e| e.code).collect::<Vec<_>>(),
            vec![Code::NameTaken]
        );
        assert_eq!(
            run.existing
                .as_ref()
                .and_then(|s| s.get("service_name"))
                .and_then(Value::as_str),
            Some("pr-1")
        );
        // Another service under that name is no fork of ours: nothing exists.
        let other = r#"[{"service_name":"pr-1","service_type":"pg","user_config":{}}]"#;
        let run = dry_run(
            &v(REQUEST),
            &ctx(other),
            &v(&format!(r#"{{"services":{other}}}"#)),
            now(),
        );
        assert_eq!(run.existing, None);
        assert!(!run.report.ok);
    }
}
