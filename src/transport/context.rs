//! What to read for a fork context: the source service, its backups, the target
//! project's services and (when a plan must be checked) the plans of the source's
//! type. Pure; `fetch::read_context` sends the reads.

use crate::core::json::Value;

/// What `getForkContext` and `fork` need to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContextQuery {
    /// Source project and service.
    pub project: String,
    pub service: String,
    /// Project the fork goes to (default: the source project).
    pub target_project: Option<String>,
    /// The source's type if the caller knows it: plans are then read in the same
    /// round trip as everything else.
    pub service_type_hint: Option<String>,
    /// Whether plans are wanted at all.
    pub with_plans: bool,
    /// The plan the fork asks for: plans are read only when it differs from the
    /// source's (the source's own plan needs no check).
    pub plan: Option<String>,
}

impl ContextQuery {
    /// Everything about `service` in `project` for a fork into `target_project`
    /// (default: the same project), plans included (`getForkContext`).
    pub fn for_source(
        project: String,
        service: String,
        target_project: Option<String>,
        service_type_hint: Option<String>,
    ) -> ContextQuery {
        ContextQuery {
            project,
            service,
            target_project,
            service_type_hint,
            with_plans: true,
            plan: None,
        }
    }

    /// What a camelCase fork `request` needs: its source (in `source.project`, else
    /// the target `project`), the target project's names, and the plans only when the
    /// request names a plan (a missing plan is the source's own).
    pub fn for_fork(request: &Value) -> ContextQuery {
        let text = |v: &Value, path: &[&str]| {
            path.iter()
                .try_fold(v, |v, key| v.get(key))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let project = text(request, &["project"]).unwrap_or_default();
        let plan = text(request, &["plan"]);
        ContextQuery {
            project: text(request, &["source", "project"]).unwrap_or_else(|| project.clone()),
            service: text(request, &["source", "service"]).unwrap_or_default(),
            target_project: Some(project),
            service_type_hint: text(request, &["serviceType"]),
            with_plans: plan.is_some(),
            plan,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json::parse;

    fn query(request: &str) -> ContextQuery {
        ContextQuery::for_fork(&parse(request).unwrap_or(Value::Null))
    }

    #[test]
    fn a_fork_reads_its_source_and_the_target_projects_names() {
        assert_eq!(
            query(r#"{"project":"p","serviceName":"f","source":{"service":"s"}}"#),
            ContextQuery {
                project: "p".into(),
                service: "s".into(),
                target_project: Some("p".into()),
                service_type_hint: None,
                with_plans: false,
                plan: None,
            }
        );
    }

    #[test]
    fn a_fork_from_another_project_reads_the_source_there() {
        let q = query(r#"{"project":"p","source":{"service":"s","project":"other"}}"#);
        assert_eq!(q.project, "other");
        assert_eq!(q.target_project.as_deref(), Some("p"));
    }

    #[test]
    fn plans_are_read_only_for_a_named_plan_with_the_type_as_hint() {
        let q = query(
            r#"{"project":"p","serviceType":"pg","plan":"business-8","source":{"service":"s"}}"#,
        );
        assert!(q.with_plans);
        assert_eq!(q.plan.as_deref(), Some("business-8"));
        assert_eq!(q.service_type_hint.as_deref(), Some("pg"));
    }

    #[test]
    fn wrong_shapes_read_as_absent() {
        assert_eq!(
            query(r#"{"project":1,"plan":null,"source":"s"}"#),
            ContextQuery {
                target_project: Some(String::new()),
                ..ContextQuery::default()
            }
        );
    }

    #[test]
    fn get_fork_context_reads_plans() {
        let q = ContextQuery::for_source("p".into(), "s".into(), None, Some("pg".into()));
        assert!(q.with_plans);
        assert_eq!(q.plan, None);
        assert_eq!(q.target_project, None);
    }
}
