//! Deleting a fork, safely: only a fork of the named source that carries the tag
//! [`FORK_TAG`] (set by [`mark_deletable`] on forks made to be deleted later, e.g. one
//! per pull request), never a service with termination protection. The decision
//! ([`DeleteTarget::refusal`]) and the request loop ([`DeleteMachine`]) are pure;
//! `fetch::delete_fork` only sends what they decide.
//!
//! The loop reads the service first and decides on that answer; after a DELETE whose
//! outcome is unknown (timeout, dropped connection, 5xx) it reads the service again
//! before deleting again, so it never deletes a service it has not just checked.
//! A service that is not there (404) is a success with `deleted: false`: closing a
//! pull request whose fork was never made, or deleting twice, is not an error.

use crate::core::issue::Code;
use crate::core::json::Value;
use crate::core::shapes::quoted;
use crate::transport::error::Failure;
use crate::transport::response::{
    answer_failure, asked_wait_ms, classify, outcome_failure, service_of, Outcome, StatusClass,
};
use crate::transport::retry::RetryPolicy;

/// The tag key a deletable fork carries; its value is the source service's name.
/// A valid Aiven tag key (a letter, then letters, digits, `-` and `_`).
pub const FORK_TAG: &str = "aiven-fork-source";

/// `request` (a camelCase fork request) with `tags[FORK_TAG]` set to its source
/// service's name, replacing any value the caller gave that key. Unchanged when the
/// request has no source service name or its `tags` is not an object (validation
/// reports those).
pub fn mark_deletable(request: &Value) -> Value {
    let Some(source) = request
        .get("source")
        .and_then(|s| s.get("service"))
        .and_then(Value::as_str)
    else {
        return request.clone();
    };
    let Value::Object(fields) = request else {
        return request.clone();
    };
    let tag = (FORK_TAG.to_string(), Value::str(source));
    let mut out = fields.clone();
    match out.iter_mut().find(|(k, _)| k == "tags") {
        Some((_, Value::Object(tags))) => {
            tags.retain(|(k, _)| k != FORK_TAG);
            tags.push(tag);
        }
        Some((_, Value::Null)) | None => {
            out.retain(|(k, _)| k != "tags");
            out.push(("tags".to_string(), Value::Object(vec![tag])));
        }
        Some(_) => return request.clone(),
    }
    Value::Object(out)
}

/// The fork to delete: `service_name` in `project`, which must be a fork of
/// `source_service` (in `source_project`, default `project`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteTarget {
    pub project: String,
    pub service_name: String,
    pub source_service: String,
    /// The source's project when it is not `project`.
    pub source_project: Option<String>,
}

impl DeleteTarget {
    /// The target; a `source_project` equal to `project` counts as none.
    pub fn new(
        project: &str,
        service_name: &str,
        source_service: &str,
        source_project: Option<&str>,
    ) -> DeleteTarget {
        DeleteTarget {
            project: project.to_string(),
            service_name: service_name.to_string(),
            source_service: source_service.to_string(),
            source_project: source_project
                .filter(|p| !p.is_empty() && *p != project)
                .map(str::to_string),
        }
    }

    /// Why `service` (the `service` object of a ServiceGet answer) must not be
    /// deleted, or `None` when it may: it is a fork of the source (same source
    /// service and source project), carries `FORK_TAG` with the source's name, and
    /// has no termination protection.
    pub fn refusal(&self, service: &Value) -> Option<Failure> {
        let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_string();
        let uc = service.get("user_config");
        let their_source = text(uc.and_then(|u| u.get("service_to_fork_from")));
        let their_project = Some(text(uc.and_then(|u| u.get("project_to_fork_from"))))
            .filter(|p| !p.is_empty() && *p != self.project);
        let it = self.named();
        if their_source.is_empty() {
            return Some(Failure::with_field(
                Code::NotForkOfSource,
                "forkedFrom",
                format!("{it} is not a fork, so it is not deleted"),
            ));
        }
        if their_source != self.source_service || their_project != self.source_project {
            let theirs = match &their_project {
                Some(p) => format!("{} in project {}", quoted(&their_source), quoted(p)),
                None => quoted(&their_source),
            };
            return Some(Failure::with_field(
                Code::NotForkOfSource,
                "forkedFrom",
                format!(
                    "{it} is a fork of {theirs}, not of {}, so it is not deleted",
                    self.source()
                ),
            ));
        }
        let tagged = service
            .get("tags")
            .and_then(|t| t.get(FORK_TAG))
            .and_then(Value::as_str)
            == Some(self.source_service.as_str());
        if !tagged {
            return Some(Failure::with_field(
                Code::ForkTagMissing,
                "name",
                format!(
                    "{it} is a fork of {} but has no tag {FORK_TAG}={}, which aiven-fork sets on the forks it makes deletable; it was not made by aiven-fork, so it is not deleted",
                    self.source(),
                    self.source_service
                ),
            ));
        }
        if service
            .get("termination_protection")
            .and_then(Value::as_bool)
            == Some(true)
        {
            return Some(Failure::with_field(
                Code::TerminationProtected,
                "name",
                format!("{it} has termination protection on, so it is not deleted; turn the protection off first"),
            ));
        }
        None
    }

    /// The source for messages: `s`, or `s in project p`.
    fn source(&self) -> String {
        match &self.source_project {
            Some(p) => format!("{} in project {p}", self.source_service),
            None => self.source_service.clone(),
        }
    }

    /// `service x in project p` for messages.
    fn named(&self) -> String {
        format!("service {} in project {}", self.service_name, self.project)
    }

    fn reading(&self) -> String {
        format!("reading {}", self.named())
    }

    fn deleting(&self) -> String {
        format!("deleting {}", self.named())
    }
}

/// The two requests of the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteCall {
    /// `GET /v1/project/{p}/service/{name}`: read it and decide.
    Check,
    /// `DELETE /v1/project/{p}/service/{name}`.
    Delete,
}

/// What to do next.
#[derive(Debug, Clone, PartialEq)]
pub enum DeleteDecision {
    /// Send `call` after `after_ms`; `rate_limited`: close the shared gate that long.
    Send {
        call: DeleteCall,
        after_ms: u64,
        rate_limited: bool,
    },
    /// The service is gone. `deleted`: a DELETE of this loop did it (false: it was
    /// not there). `service`: the service as last read (`None` when never found).
    Done {
        deleted: bool,
        service: Option<Value>,
    },
    /// Stop with this failure (a refusal, or the API failing).
    Fail(Failure),
}

/// The delete loop for one fork.
#[derive(Debug, Clone)]
pub struct DeleteMachine {
    target: DeleteTarget,
    policy: RetryPolicy,
    deletes: u32,
    checks_in_a_row: u32,
    /// A DELETE of ours may have been done (its outcome was unknown).
    maybe_deleted: bool,
    /// The service as last read.
    service: Option<Value>,
    /// Why the last DELETE did not end the loop.
    last_failure: Option<Failure>,
}

impl DeleteMachine {
    /// A loop for `target` with these limits (DELETEs bounded like creates).
    pub fn new(target: DeleteTarget, policy: RetryPolicy) -> Self {
        DeleteMachine {
            target,
            policy,
            deletes: 0,
            checks_in_a_row: 0,
            maybe_deleted: false,
            service: None,
            last_failure: None,
        }
    }

    /// The first step: read the service now.
    pub fn start(&self) -> DeleteDecision {
        send(DeleteCall::Check, 0, false)
    }

    /// DELETE requests sent so far.
    pub fn deletes_sent(&self) -> u32 {
        self.deletes
    }

    /// The fork this loop is about.
    pub fn target(&self) -> &DeleteTarget {
        &self.target
    }

    /// Feed the outcome of `call`; `jitter` is a random number in `[0, 1)`.
    pub fn on_outcome(
        &mut self,
        call: DeleteCall,
        outcome: &Outcome,
        jitter: f64,
    ) -> DeleteDecision {
        match call {
            DeleteCall::Check => self.on_check(outcome, jitter),
            DeleteCall::Delete => self.on_delete(outcome, jitter),
        }
    }

    fn on_check(&mut self, outcome: &Outcome, jitter: f64) -> DeleteDecision {
        self.checks_in_a_row += 1;
        let what = self.target.reading();
        let Outcome::Answered {
            status,
            body,
            retry_after,
        } = outcome
        else {
            return self.check_again(outcome_failure(outcome, &what), jitter);
        };
        match classify(*status) {
            StatusClass::Success => match service_of(body) {
                Some(service) => {
                    let refusal = self.target.refusal(&service);
                    self.service = Some(service);
                    match refusal {
                        Some(f) => DeleteDecision::Fail(f),
                        None if self.deletes >= self.policy.max_creates => {
                            let f = self.last_failure.take().unwrap_or_else(|| {
                                Failure::new(
                                    Code::ApiError,
                                    format!("{} failed", self.target.deleting()),
                                )
                            });
                            DeleteDecision::Fail(self.unknown(f))
                        }
                        None => {
                            let after = if self.deletes == 0 {
                                0
                            } else {
                                self.policy.backoff_ms(self.deletes, jitter)
                            };
                            send(DeleteCall::Delete, after, false)
                        }
                    }
                }
                None => self.check_again(answer_failure(*status, body, &what), jitter),
            },
            StatusClass::NotFound => self.gone(),
            StatusClass::RateLimited if self.checks_in_a_row >= self.policy.max_checks => {
                DeleteDecision::Fail(self.unknown(answer_failure(*status, body, &what)))
            }
            StatusClass::RateLimited => self.after_429(DeleteCall::Check, retry_after, body),
            StatusClass::ServerError | StatusClass::Conflict => {
                self.check_again(answer_failure(*status, body, &what), jitter)
            }
            StatusClass::Refused => {
                DeleteDecision::Fail(self.unknown(answer_failure(*status, body, &what)))
            }
        }
    }

    fn on_delete(&mut self, outcome: &Outcome, jitter: f64) -> DeleteDecision {
        self.deletes += 1;
        let what = self.target.deleting();
        let Outcome::Answered {
            status,
            body,
            retry_after,
        } = outcome
        else {
            return self.start_checking(outcome_failure(outcome, &what), jitter);
        };
        match classify(*status) {
            StatusClass::Success => DeleteDecision::Done {
                deleted: true,
                service: self.service.take(),
            },
            StatusClass::NotFound => self.gone(),
            StatusClass::RateLimited if self.deletes >= self.policy.max_creates => {
                DeleteDecision::Fail(self.unknown(answer_failure(*status, body, &what)))
            }
            StatusClass::RateLimited => self.after_429(DeleteCall::Delete, retry_after, body),
            StatusClass::ServerError => {
                self.start_checking(answer_failure(*status, body, &what), jitter)
            }
            StatusClass::Conflict | StatusClass::Refused => {
                DeleteDecision::Fail(self.unknown(answer_failure(*status, body, &what)))
            }
        }
    }

    /// `call` again after the wait a 429 asked for (closing the shared gate that long).
    fn after_429(
        &self,
        call: DeleteCall,
        retry_after: &Option<String>,
        body: &str,
    ) -> DeleteDecision {
        let wait = self
            .policy
            .rate_limit_wait_ms(asked_wait_ms(retry_after.as_deref(), body));
        send(call, wait, true)
    }

    /// The service is not there: done, deleted when a DELETE of ours may have done it.
    fn gone(&mut self) -> DeleteDecision {
        DeleteDecision::Done {
            deleted: self.maybe_deleted,
            service: self.service.take(),
        }
    }

    /// A DELETE's outcome is unknown: read the service before anything else.
    fn start_checking(&mut self, failure: Failure, jitter: f64) -> DeleteDecision {
        self.maybe_deleted = true;
        self.last_failure = Some(failure);
        self.checks_in_a_row = 0;
        send(DeleteCall::Check, self.policy.backoff_ms(1, jitter), false)
    }

    fn check_again(&mut self, failure: Failure, jitter: f64) -> DeleteDecision {
        if self.checks_in_a_row >= self.policy.max_checks {
            return DeleteDecision::Fail(self.unknown(failure));
        }
        send(
            DeleteCall::Check,
            self.policy.backoff_ms(self.checks_in_a_row, jitter),
            false,
        )
    }

    /// A failure after a DELETE of unknown outcome says the service may be gone.
    fn unknown(&self, failure: Failure) -> Failure {
        if !self.maybe_deleted {
            return failure;
        }
        failure.with_note(&format!(
            "; the service may have been deleted: check {}",
            self.target.named()
        ))
    }
}

fn send(call: DeleteCall, after_ms: u64, rate_limited: bool) -> DeleteDecision {
    DeleteDecision::Send {
        call,
        after_ms,
        rate_limited,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json::parse;

    fn v(text: &str) -> Value {
        parse(text).unwrap_or(Value::Null)
    }

    fn target() -> DeleteTarget {
        DeleteTarget::new("demo-project", "pr-42", "demo-pg", None)
    }

    const OURS: &str = r#"{"service":{"service_name":"pr-42","state":"RUNNING","termination_protection":false,"tags":{"aiven-fork-source":"demo-pg"},"user_config":{"service_to_fork_from":"demo-pg"}}}"#;

    fn answer(status: u16, body: &str) -> Outcome {
        Outcome::Answered {
            status,
            body: body.to_string(),
            retry_after: None,
        }
    }

    fn next(d: &DeleteDecision) -> Option<(DeleteCall, u64, bool)> {
        match d {
            DeleteDecision::Send {
                call,
                after_ms,
                rate_limited,
            } => Some((*call, *after_ms, *rate_limited)),
            _ => None,
        }
    }

    fn done(d: &DeleteDecision) -> Option<bool> {
        match d {
            DeleteDecision::Done { deleted, .. } => Some(*deleted),
            _ => None,
        }
    }

    fn failed(d: &DeleteDecision) -> Option<(Code, String)> {
        match d {
            DeleteDecision::Fail(f) => Some((f.code, f.message.clone())),
            _ => None,
        }
    }

    fn refusal(service: &str) -> Option<(Code, String, String)> {
        target()
            .refusal(&v(service))
            .map(|f| (f.code, f.errors[0].field.clone(), f.message))
    }

    #[test]
    fn marks_a_request_with_its_source() {
        let marked = mark_deletable(&v(
            r#"{"project":"p","serviceName":"f","source":{"service":"s"}}"#,
        ));
        assert_eq!(
            marked.to_json(),
            r#"{"project":"p","serviceName":"f","source":{"service":"s"},"tags":{"aiven-fork-source":"s"}}"#
        );
        // The caller's tags are kept; a value the caller gave the key is replaced.
        let marked = mark_deletable(&v(
            r#"{"tags":{"aiven-fork-source":"x","team":"data"},"source":{"service":"s"},"copyTags":true}"#,
        ));
        assert_eq!(
            marked.to_json(),
            r#"{"tags":{"team":"data","aiven-fork-source":"s"},"source":{"service":"s"},"copyTags":true}"#
        );
        let marked = mark_deletable(&v(r#"{"tags":null,"source":{"service":"s"}}"#));
        assert_eq!(
            marked.to_json(),
            r#"{"source":{"service":"s"},"tags":{"aiven-fork-source":"s"}}"#
        );
    }

    #[test]
    fn leaves_requests_it_cannot_mark_to_validation() {
        for text in [
            r#"{"project":"p"}"#,
            r#"{"source":{"service":1}}"#,
            r#"{"source":{"service":"s"},"tags":"a=b"}"#,
            r#"[1]"#,
        ] {
            assert_eq!(mark_deletable(&v(text)), v(text), "{text}");
        }
    }

    #[test]
    fn the_tag_key_is_a_valid_aiven_tag_key() {
        assert!(crate::core::shapes::is_valid_tag_key(FORK_TAG));
    }

    #[test]
    fn deletes_only_a_tagged_fork_of_the_source() {
        assert_eq!(
            target().refusal(&v(OURS).get("service").cloned().unwrap_or(Value::Null)),
            None
        );
        assert_eq!(
            refusal(r#"{"service_name":"pr-42","tags":{},"user_config":{}}"#),
            Some((
                Code::NotForkOfSource,
                "forkedFrom".into(),
                "service pr-42 in project demo-project is not a fork, so it is not deleted".into()
            ))
        );
        assert_eq!(
            refusal(r#"{"tags":{"aiven-fork-source":"demo-pg"},"user_config":{"service_to_fork_from":"demo-mysql"}}"#),
            Some((
                Code::NotForkOfSource,
                "forkedFrom".into(),
                "service pr-42 in project demo-project is a fork of \"demo-mysql\", not of demo-pg, so it is not deleted".into()
            ))
        );
        assert_eq!(
            refusal(r#"{"tags":{"aiven-fork-source":"demo-pg"},"user_config":{"service_to_fork_from":"demo-pg","project_to_fork_from":"other"}}"#),
            Some((
                Code::NotForkOfSource,
                "forkedFrom".into(),
                "service pr-42 in project demo-project is a fork of \"demo-pg\" in project \"other\", not of demo-pg, so it is not deleted".into()
            ))
        );
        assert_eq!(
            refusal(r#"{"tags":{"env":"ci"},"user_config":{"service_to_fork_from":"demo-pg"}}"#),
            Some((
                Code::ForkTagMissing,
                "name".into(),
                "service pr-42 in project demo-project is a fork of demo-pg but has no tag aiven-fork-source=demo-pg, which aiven-fork sets on the forks it makes deletable; it was not made by aiven-fork, so it is not deleted".into()
            ))
        );
        // A tag naming another source (copied from a fork made by the tool) is not ours.
        assert_eq!(
            refusal(r#"{"tags":{"aiven-fork-source":"prod-pg"},"user_config":{"service_to_fork_from":"demo-pg"}}"#)
                .map(|r| r.0),
            Some(Code::ForkTagMissing)
        );
        assert_eq!(
            refusal(r#"{"termination_protection":true,"tags":{"aiven-fork-source":"demo-pg"},"user_config":{"service_to_fork_from":"demo-pg"}}"#),
            Some((
                Code::TerminationProtected,
                "name".into(),
                "service pr-42 in project demo-project has termination protection on, so it is not deleted; turn the protection off first".into()
            ))
        );
    }

    #[test]
    fn names_in_refusals_show_without_hidden_characters() {
        let t = DeleteTarget::new("demo-project", "pr 42", "demo\u{1b}[2Jpg", None);
        let f = t.refusal(&v(
            r#"{"tags":{},"user_config":{"service_to_fork_from":"demo\u001b[2Jpg"}}"#,
        ));
        assert_eq!(
            f.map(|f| f.message),
            Some(r#"service pr 42 in project demo-project is a fork of demo\u001b[2Jpg but has no tag aiven-fork-source=demo\u001b[2Jpg, which aiven-fork sets on the forks it makes deletable; it was not made by aiven-fork, so it is not deleted"#.to_string())
        );
    }

    #[test]
    fn a_cross_project_source_must_match_its_project() {
        let t = DeleteTarget::new("p", "f", "s", Some("other"));
        let svc = |uc: &str| {
            v(&format!(
                r#"{{"tags":{{"aiven-fork-source":"s"}},"user_config":{uc}}}"#
            ))
        };
        assert_eq!(
            t.refusal(&svc(
                r#"{"service_to_fork_from":"s","project_to_fork_from":"other"}"#
            )),
            None
        );
        assert_eq!(
            t.refusal(&svc(r#"{"service_to_fork_from":"s"}"#))
                .map(|f| f.code),
            Some(Code::NotForkOfSource)
        );
        // A source project equal to the target is a same-project fork.
        let same = DeleteTarget::new("p", "f", "s", Some("p"));
        assert_eq!(same, DeleteTarget::new("p", "f", "s", None));
        assert_eq!(
            same.refusal(&svc(
                r#"{"service_to_fork_from":"s","project_to_fork_from":"p"}"#
            )),
            None
        );
    }

    #[test]
    fn reads_then_deletes() {
        let mut m = DeleteMachine::new(target(), RetryPolicy::default());
        assert_eq!(next(&m.start()), Some((DeleteCall::Check, 0, false)));
        let d = m.on_outcome(DeleteCall::Check, &answer(200, OURS), 1.0);
        assert_eq!(next(&d), Some((DeleteCall::Delete, 0, false)));
        let d = m.on_outcome(
            DeleteCall::Delete,
            &answer(200, r#"{"message":"deleted"}"#),
            1.0,
        );
        assert_eq!(done(&d), Some(true));
        if let DeleteDecision::Done { service, .. } = &d {
            assert_eq!(
                service
                    .as_ref()
                    .and_then(|s| s.get("service_name"))
                    .and_then(Value::as_str),
                Some("pr-42")
            );
        }
        assert_eq!(m.deletes_sent(), 1);
    }

    #[test]
    fn a_missing_service_is_done_without_a_delete() {
        let mut m = DeleteMachine::new(target(), RetryPolicy::default());
        let d = m.on_outcome(
            DeleteCall::Check,
            &answer(404, r#"{"message":"Service does not exist"}"#),
            1.0,
        );
        assert_eq!(
            d,
            DeleteDecision::Done {
                deleted: false,
                service: None
            }
        );
        assert_eq!(m.deletes_sent(), 0);
    }

    #[test]
    fn a_refusal_sends_no_delete() {
        let mut m = DeleteMachine::new(target(), RetryPolicy::default());
        let other = r#"{"service":{"service_name":"pr-42","tags":{},"user_config":{}}}"#;
        let d = m.on_outcome(DeleteCall::Check, &answer(200, other), 1.0);
        assert_eq!(failed(&d).map(|f| f.0), Some(Code::NotForkOfSource));
        assert_eq!(m.deletes_sent(), 0);
    }

    #[test]
    fn an_unknown_delete_outcome_is_read_and_checked_again_before_deleting_again() {
        let mut m = DeleteMachine::new(target(), RetryPolicy::default());
        m.on_outcome(DeleteCall::Check, &answer(200, OURS), 1.0);
        let d = m.on_outcome(DeleteCall::Delete, &Outcome::TimedOut, 1.0);
        assert_eq!(next(&d), Some((DeleteCall::Check, 250, false)));
        // Gone: our DELETE did it.
        let d = m.on_outcome(DeleteCall::Check, &answer(404, "{}"), 1.0);
        assert_eq!(done(&d), Some(true));

        let mut m = DeleteMachine::new(target(), RetryPolicy::default());
        m.on_outcome(DeleteCall::Check, &answer(200, OURS), 1.0);
        m.on_outcome(DeleteCall::Delete, &answer(502, "Bad Gateway"), 1.0);
        // Still there and still ours: delete again, after a back-off.
        let d = m.on_outcome(DeleteCall::Check, &answer(200, OURS), 1.0);
        assert_eq!(next(&d), Some((DeleteCall::Delete, 250, false)));
        // Still there but no longer deletable (protection turned on meanwhile): refused.
        let mut m = DeleteMachine::new(target(), RetryPolicy::default());
        m.on_outcome(DeleteCall::Check, &answer(200, OURS), 1.0);
        m.on_outcome(
            DeleteCall::Delete,
            &Outcome::Dropped("fetch failed".into()),
            1.0,
        );
        let protected = OURS.replace(
            r#""termination_protection":false"#,
            r#""termination_protection":true"#,
        );
        let d = m.on_outcome(DeleteCall::Check, &answer(200, &protected), 1.0);
        assert_eq!(failed(&d).map(|f| f.0), Some(Code::TerminationProtected));
    }

    #[test]
    fn deletes_and_checks_are_bounded() {
        let mut m = DeleteMachine::new(target(), RetryPolicy::default());
        let mut d = m.start();
        let mut sent = 0;
        while let Some((call, _, _)) = next(&d) {
            sent += 1;
            assert!(sent < 100, "unbounded loop");
            d = match call {
                DeleteCall::Check => m.on_outcome(call, &answer(200, OURS), 1.0),
                DeleteCall::Delete => m.on_outcome(call, &answer(503, "{}"), 1.0),
            };
        }
        assert_eq!(m.deletes_sent(), 5);
        let (code, message) = failed(&d).unwrap_or((Code::InvalidRequest, String::new()));
        assert_eq!(code, Code::ApiError);
        assert!(message.contains("may have been deleted"), "{message}");

        let mut m = DeleteMachine::new(target(), RetryPolicy::default());
        let mut d = m.start();
        let mut checks = 0;
        while let Some((DeleteCall::Check, _, _)) = next(&d) {
            checks += 1;
            d = m.on_outcome(
                DeleteCall::Check,
                &Outcome::Dropped("fetch failed".into()),
                0.0,
            );
        }
        assert_eq!(checks, 8);
        assert_eq!(failed(&d).map(|f| f.0), Some(Code::NetworkError));
        assert_eq!(m.deletes_sent(), 0);
    }

    #[test]
    fn rate_limits_wait_as_told() {
        let mut m = DeleteMachine::new(target(), RetryPolicy::default());
        m.on_outcome(DeleteCall::Check, &answer(200, OURS), 1.0);
        let d = m.on_outcome(
            DeleteCall::Delete,
            &Outcome::Answered {
                status: 429,
                body: "{}".into(),
                retry_after: Some("3".into()),
            },
            1.0,
        );
        assert_eq!(next(&d), Some((DeleteCall::Delete, 3000, true)));
    }

    #[test]
    fn refusals_of_the_api_end_the_loop_with_its_message() {
        let mut m = DeleteMachine::new(target(), RetryPolicy::default());
        m.on_outcome(DeleteCall::Check, &answer(200, OURS), 1.0);
        let d = m.on_outcome(
            DeleteCall::Delete,
            &answer(403, r#"{"message":"Service is protected against termination and shutdown. Remove termination protection first."}"#),
            1.0,
        );
        assert_eq!(
            failed(&d),
            Some((
                Code::ApiError,
                "deleting service pr-42 in project demo-project failed: HTTP 403: Service is protected against termination and shutdown. Remove termination protection first.".into()
            ))
        );
    }
}
