//! The create (fork) loop as a pure state machine: which request next, after how
//! long, and when it is over. The fetch layer only sends what this decides.
//!
//! Why it never creates two services and never loses one: after a create whose
//! outcome is unknown (timeout, dropped connection, 5xx) it reads the service by
//! name before creating again, and counts it as created when it is a fork of the
//! same source; a 409 is also resolved by that read (same source: success,
//! `created: false` unless an earlier attempt of ours may have made it; other
//! service: `name_taken`).

use crate::core::context::ForkContext;
use crate::core::issue::{Code, Issue};
use crate::core::json::Value;
use crate::core::payload;
use crate::core::request::ForkRequest;
use crate::core::time::Timestamp;
use crate::core::validate::{Defaults, Report};
use crate::transport::error::Failure;
use crate::transport::response::{
    answer_failure, asked_wait_ms, classify, outcome_failure, service_of, Outcome, StatusClass,
};
use crate::transport::retry::RetryPolicy;

/// Which fork this loop is about, taken from the ServiceCreate body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForkTarget {
    /// Target project.
    pub project: String,
    /// New service's name.
    pub service_name: String,
    /// New service's type, when the body names it.
    pub service_type: Option<String>,
    /// `user_config.service_to_fork_from`.
    pub source_service: String,
    /// `user_config.project_to_fork_from`, when the source is in another project.
    pub source_project: Option<String>,
}

impl ForkTarget {
    /// Read the target out of the ServiceCreate `body` sent to `project`.
    pub fn from_body(project: &str, body: &Value) -> Result<ForkTarget, Failure> {
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
        let user_config = body.get("user_config");
        let missing = |what: &str| {
            Failure::new(
                Code::InvalidRequest,
                format!("the ServiceCreate body has no {what}"),
            )
        };
        Ok(ForkTarget {
            project: project.to_string(),
            service_name: text(body.get("service_name")).ok_or_else(|| missing("service_name"))?,
            service_type: text(body.get("service_type")),
            source_service: text(user_config.and_then(|u| u.get("service_to_fork_from")))
                .filter(|s| !s.is_empty())
                .ok_or_else(|| missing("user_config.service_to_fork_from"))?,
            source_project: text(user_config.and_then(|u| u.get("project_to_fork_from")))
                .filter(|p| !p.is_empty() && p != project),
        })
    }

    /// The fork a valid `request` asks for, its type defaulted as validation did
    /// (`defaults` of the report): the target without building the payload.
    pub fn of_request(request: &ForkRequest, defaults: &Defaults) -> ForkTarget {
        ForkTarget {
            project: request.project.clone(),
            service_name: request.service_name.clone(),
            service_type: request
                .service_type
                .clone()
                .or_else(|| defaults.service_type.clone()),
            source_service: request.source.service.clone(),
            source_project: request
                .source
                .project
                .clone()
                .filter(|p| !p.is_empty() && *p != request.project),
        }
    }

    /// Whether `service` (the `service` object of a ServiceGet answer) is this fork:
    /// same name, same type (when known), same source service and source project.
    pub fn is_ours(&self, service: &Value) -> bool {
        let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let uc = service.get("user_config").cloned().unwrap_or(Value::Null);
        let their_project =
            field(&uc, "project_to_fork_from").filter(|p| !p.is_empty() && *p != self.project);
        field(service, "service_name").as_deref() == Some(self.service_name.as_str())
            && self
                .service_type
                .as_ref()
                .map_or(true, |t| field(service, "service_type").as_ref() == Some(t))
            && field(&uc, "service_to_fork_from").as_deref() == Some(self.source_service.as_str())
            && their_project == self.source_project
    }

    /// `service x in project p` for messages.
    fn named(&self) -> String {
        format!("service {} in project {}", self.service_name, self.project)
    }

    fn creating(&self) -> String {
        format!("creating {}", self.named())
    }

    fn checking(&self) -> String {
        format!(
            "checking whether service {} was created in project {}",
            self.service_name, self.project
        )
    }
}

/// What a fork request comes to once the source's context is known.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Run the create loop: the ServiceCreate `body` for `project`.
    Create { project: String, body: Value },
    /// The name is taken by this very fork (a repeated call): nothing to send.
    Exists(Value),
    /// The request breaks a rule: every issue, nothing sent.
    Invalid(Vec<Issue>),
}

/// Decide a fork: build the ServiceCreate call with every rule; when the only
/// errors are `name_taken` and the target project's service list (`services`,
/// `{"services": [...]}`) holds a fork of the same source under that name, the fork
/// already exists (a repeated call), which is success, not an error.
pub fn decide(
    request: &Value,
    ctx: &ForkContext,
    services: Option<&Value>,
    now: Timestamp,
) -> Verdict {
    let report = match payload::build_value(request, Some(ctx), now) {
        Ok(call) => {
            let project = request.get("project").and_then(Value::as_str);
            return Verdict::Create {
                project: project.unwrap_or_default().to_string(),
                body: call.body,
            };
        }
        Err(report) => report,
    };
    match existing_fork(request, &report, services) {
        Some(service) => Verdict::Exists(service),
        None => Verdict::Invalid(report.errors),
    }
}

/// The fork `request` asks for, when it already exists: the only errors of its
/// `report` are `name_taken` and the target project's service list (`services`,
/// `{"services": [...]}`) holds a fork of the same source under that name.
pub fn existing_fork(request: &Value, report: &Report, services: Option<&Value>) -> Option<Value> {
    if report.errors.is_empty() || report.errors.iter().any(|i| i.code != Code::NameTaken) {
        return None;
    }
    let req = ForkRequest::from_value(request).ok()?;
    let target = ForkTarget::of_request(&req, &report.defaults);
    services?
        .get("services")?
        .as_array()?
        .iter()
        .find(|s| target.is_ours(s))
        .cloned()
}

/// The two requests of the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// `POST /v1/project/{p}/service` with the body.
    Create,
    /// `GET /v1/project/{p}/service/{name}`.
    Check,
}

/// What to do next.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Send `call` after `after_ms`. `rate_limited`: the wait is a 429's; close the
    /// shared gate for that long so other requests wait too.
    Send {
        call: Call,
        after_ms: u64,
        rate_limited: bool,
    },
    /// The fork exists. `created`: this loop made it (false: it already existed).
    Done { service: Value, created: bool },
    /// Give up with this failure.
    Fail(Failure),
}

/// The create loop for one fork.
#[derive(Debug, Clone)]
pub struct ForkMachine {
    target: ForkTarget,
    policy: RetryPolicy,
    creates: u32,
    checks_in_a_row: u32,
    /// A create of ours may have succeeded (its outcome was unknown).
    maybe_created: bool,
    /// The 409 being resolved by a check.
    conflict: Option<Failure>,
    /// Why the last create did not succeed.
    last_failure: Option<Failure>,
}

impl ForkMachine {
    /// A loop for `target` with these limits.
    pub fn new(target: ForkTarget, policy: RetryPolicy) -> Self {
        ForkMachine {
            target,
            policy,
            creates: 0,
            checks_in_a_row: 0,
            maybe_created: false,
            conflict: None,
            last_failure: None,
        }
    }

    /// The first step: create now.
    pub fn start(&self) -> Decision {
        send(Call::Create, 0)
    }

    /// Create requests sent so far (`attempts` in the JS result).
    pub fn creates_sent(&self) -> u32 {
        self.creates
    }

    /// The fork this loop is about.
    pub fn target(&self) -> &ForkTarget {
        &self.target
    }

    /// Feed the outcome of `call`; `jitter` is a random number in `[0, 1)`.
    pub fn on_outcome(&mut self, call: Call, outcome: &Outcome, jitter: f64) -> Decision {
        match call {
            Call::Create => self.on_create(outcome, jitter),
            Call::Check => self.on_check(outcome, jitter),
        }
    }

    fn on_create(&mut self, outcome: &Outcome, jitter: f64) -> Decision {
        self.creates += 1;
        let Outcome::Answered {
            status,
            body,
            retry_after,
        } = outcome
        else {
            // No answer: the server may have created it. Look before creating again.
            return self.start_checking(outcome_failure(outcome, &self.target.creating()), jitter);
        };
        match classify(*status) {
            StatusClass::Success => match service_of(body) {
                Some(service) => Decision::Done {
                    service,
                    created: true,
                },
                // Created, but the answer is unreadable: read the service instead.
                None => {
                    let f = answer_failure(*status, body, &self.target.creating());
                    self.start_checking(f, jitter)
                }
            },
            StatusClass::Conflict => {
                self.conflict = Some(answer_failure(*status, body, &self.target.creating()));
                self.checks_in_a_row = 0;
                send(Call::Check, 0)
            }
            StatusClass::RateLimited => {
                let failure = answer_failure(*status, body, &self.target.creating());
                if self.creates >= self.policy.max_creates {
                    return Decision::Fail(failure);
                }
                self.last_failure = Some(failure);
                Decision::Send {
                    call: Call::Create,
                    after_ms: self
                        .policy
                        .rate_limit_wait_ms(asked_wait_ms(retry_after.as_deref(), body)),
                    rate_limited: true,
                }
            }
            StatusClass::ServerError => {
                let f = answer_failure(*status, body, &self.target.creating());
                self.start_checking(f, jitter)
            }
            StatusClass::NotFound | StatusClass::Refused => {
                Decision::Fail(answer_failure(*status, body, &self.target.creating()))
            }
        }
    }

    fn start_checking(&mut self, failure: Failure, jitter: f64) -> Decision {
        self.maybe_created = true;
        self.last_failure = Some(failure);
        self.checks_in_a_row = 0;
        send(Call::Check, self.policy.backoff_ms(1, jitter))
    }

    fn on_check(&mut self, outcome: &Outcome, jitter: f64) -> Decision {
        self.checks_in_a_row += 1;
        let Outcome::Answered {
            status,
            body,
            retry_after,
        } = outcome
        else {
            return self.check_again(outcome_failure(outcome, &self.target.checking()), jitter);
        };
        match classify(*status) {
            StatusClass::Success => match service_of(body) {
                Some(service) if self.target.is_ours(&service) => Decision::Done {
                    service,
                    created: self.maybe_created,
                },
                Some(_) => Decision::Fail(self.name_taken()),
                None => {
                    let f = answer_failure(*status, body, &self.target.checking());
                    self.check_again(f, jitter)
                }
            },
            StatusClass::NotFound => {
                // Not there: no create of ours has taken effect; create (again).
                self.conflict = None;
                if self.creates >= self.policy.max_creates {
                    let f = self.last_failure.take().unwrap_or_else(|| {
                        Failure::new(Code::ApiError, format!("{} failed", self.target.creating()))
                    });
                    return Decision::Fail(f);
                }
                send(Call::Create, self.policy.backoff_ms(self.creates, jitter))
            }
            StatusClass::RateLimited => {
                let f = answer_failure(*status, body, &self.target.checking());
                if self.checks_in_a_row >= self.policy.max_checks {
                    return Decision::Fail(self.unknown(f));
                }
                Decision::Send {
                    call: Call::Check,
                    after_ms: self
                        .policy
                        .rate_limit_wait_ms(asked_wait_ms(retry_after.as_deref(), body)),
                    rate_limited: true,
                }
            }
            StatusClass::ServerError | StatusClass::Conflict => self.check_again(
                answer_failure(*status, body, &self.target.checking()),
                jitter,
            ),
            StatusClass::Refused => {
                let f = answer_failure(*status, body, &self.target.checking());
                Decision::Fail(self.unknown(f))
            }
        }
    }

    fn check_again(&mut self, failure: Failure, jitter: f64) -> Decision {
        if self.checks_in_a_row >= self.policy.max_checks {
            return Decision::Fail(self.unknown(failure));
        }
        send(
            Call::Check,
            self.policy.backoff_ms(self.checks_in_a_row, jitter),
        )
    }

    /// A failure while the fork's existence is unknown says so.
    fn unknown(&self, failure: Failure) -> Failure {
        if !self.maybe_created {
            return failure;
        }
        failure.with_note(&format!(
            "; the fork may have been created: check {} before retrying",
            self.target.named()
        ))
    }

    fn name_taken(&self) -> Failure {
        let message = format!(
            "service name {} is already taken in project {} by a service that is not a fork of {}",
            self.target.service_name, self.target.project, self.target.source_service
        );
        let f = Failure::with_field(Code::NameTaken, "serviceName", message);
        match &self.conflict {
            Some(c) => f.with_status(409, c.server_message.clone()),
            None => f,
        }
    }
}

fn send(call: Call, after_ms: u64) -> Decision {
    Decision::Send {
        call,
        after_ms,
        rate_limited: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json::parse;

    const OURS: &str = r#"{"service":{"service_name":"fork-1","service_type":"pg","state":"REBUILDING","user_config":{"service_to_fork_from":"demo-pg"}}}"#;
    const OTHER: &str = r#"{"service":{"service_name":"fork-1","service_type":"pg","state":"RUNNING","user_config":{}}}"#;

    fn body() -> Value {
        parse(r#"{"service_name":"fork-1","service_type":"pg","plan":"startup-4","user_config":{"service_to_fork_from":"demo-pg"}}"#)
            .unwrap_or(Value::Null)
    }

    fn machine() -> ForkMachine {
        let target = ForkTarget::from_body("demo-project", &body());
        assert!(target.is_ok());
        ForkMachine::new(
            target.unwrap_or_else(|_| ForkTarget {
                project: String::new(),
                service_name: String::new(),
                service_type: None,
                source_service: String::new(),
                source_project: None,
            }),
            RetryPolicy::default(),
        )
    }

    fn answer(status: u16, body: &str) -> Outcome {
        Outcome::Answered {
            status,
            body: body.to_string(),
            retry_after: None,
        }
    }

    fn next_call(d: &Decision) -> Option<(Call, u64, bool)> {
        match d {
            Decision::Send {
                call,
                after_ms,
                rate_limited,
            } => Some((*call, *after_ms, *rate_limited)),
            _ => None,
        }
    }

    fn done(d: &Decision) -> Option<bool> {
        match d {
            Decision::Done { created, .. } => Some(*created),
            _ => None,
        }
    }

    fn failed(d: &Decision) -> Option<(Code, Option<u16>)> {
        match d {
            Decision::Fail(f) => Some((f.code, f.status)),
            _ => None,
        }
    }

    #[test]
    fn reads_the_target_from_the_body() {
        let t = ForkTarget::from_body("demo-project", &body()).ok();
        assert_eq!(
            t,
            Some(ForkTarget {
                project: "demo-project".into(),
                service_name: "fork-1".into(),
                service_type: Some("pg".into()),
                source_service: "demo-pg".into(),
                source_project: None,
            })
        );
        let no_source = parse(r#"{"service_name":"x","user_config":{}}"#).unwrap_or(Value::Null);
        assert_eq!(
            ForkTarget::from_body("p", &no_source).err().map(|f| f.code),
            Some(Code::InvalidRequest)
        );
    }

    #[test]
    fn recognises_its_own_fork_including_the_source_project() {
        let cross = parse(r#"{"service_name":"f","user_config":{"service_to_fork_from":"s","project_to_fork_from":"other"}}"#)
            .unwrap_or(Value::Null);
        let t = ForkTarget::from_body("p", &cross).ok();
        let svc = |uc: &str| {
            parse(&format!(
                r#"{{"service_name":"f","service_type":"pg","user_config":{uc}}}"#
            ))
            .unwrap_or(Value::Null)
        };
        let is_ours = |uc: &str| t.as_ref().is_some_and(|t| t.is_ours(&svc(uc)));
        assert!(is_ours(
            r#"{"service_to_fork_from":"s","project_to_fork_from":"other"}"#
        ));
        assert!(!is_ours(r#"{"service_to_fork_from":"s"}"#));
        assert!(!is_ours(
            r#"{"service_to_fork_from":"s","project_to_fork_from":"third"}"#
        ));
        assert!(!is_ours(
            r#"{"service_to_fork_from":"t","project_to_fork_from":"other"}"#
        ));
        // Same-project fork: a project_to_fork_from naming the target itself is the same.
        let m = machine();
        let same = parse(r#"{"service_name":"fork-1","service_type":"pg","user_config":{"service_to_fork_from":"demo-pg","project_to_fork_from":"demo-project"}}"#)
            .unwrap_or(Value::Null);
        assert!(m.target().is_ours(&same));
        let other_type = parse(r#"{"service_name":"fork-1","service_type":"mysql","user_config":{"service_to_fork_from":"demo-pg"}}"#)
            .unwrap_or(Value::Null);
        assert!(!m.target().is_ours(&other_type));
    }

    #[test]
    fn created_on_first_try() {
        let mut m = machine();
        assert_eq!(next_call(&m.start()), Some((Call::Create, 0, false)));
        let d = m.on_outcome(Call::Create, &answer(200, OURS), 1.0);
        assert_eq!(done(&d), Some(true));
        assert_eq!(m.creates_sent(), 1);
    }

    #[test]
    fn server_error_after_create_is_checked_and_counted_as_ours() {
        let mut m = machine();
        let d = m.on_outcome(Call::Create, &answer(503, r#"{"message":"boom"}"#), 1.0);
        assert_eq!(next_call(&d), Some((Call::Check, 250, false)));
        let d = m.on_outcome(Call::Check, &answer(200, OURS), 1.0);
        assert_eq!(done(&d), Some(true));
        assert_eq!(m.creates_sent(), 1);
    }

    #[test]
    fn dropped_create_not_taken_is_created_again() {
        let mut m = machine();
        let d = m.on_outcome(Call::Create, &Outcome::Dropped("fetch failed".into()), 1.0);
        assert_eq!(next_call(&d), Some((Call::Check, 250, false)));
        let d = m.on_outcome(
            Call::Check,
            &answer(404, r#"{"message":"Service does not exist"}"#),
            1.0,
        );
        assert_eq!(next_call(&d), Some((Call::Create, 250, false)));
        let d = m.on_outcome(Call::Create, &answer(201, OURS), 1.0);
        assert_eq!(done(&d), Some(true));
        assert_eq!(m.creates_sent(), 2);
    }

    #[test]
    fn timeout_then_late_create_then_conflict_is_still_ours() {
        let mut m = machine();
        m.on_outcome(Call::Create, &Outcome::TimedOut, 1.0);
        // The slow create has not landed yet when checked...
        let d = m.on_outcome(Call::Check, &answer(404, "{}"), 1.0);
        assert_eq!(next_call(&d).map(|c| c.0), Some(Call::Create));
        // ...but has when created again: 409, checked, ours.
        let d = m.on_outcome(
            Call::Create,
            &answer(409, r#"{"message":"Service name is already in use"}"#),
            1.0,
        );
        assert_eq!(next_call(&d), Some((Call::Check, 0, false)));
        let d = m.on_outcome(Call::Check, &answer(200, OURS), 1.0);
        assert_eq!(done(&d), Some(true));
    }

    #[test]
    fn conflict_with_a_fork_of_the_same_source_is_success_not_created() {
        let mut m = machine();
        let d = m.on_outcome(
            Call::Create,
            &answer(409, r#"{"message":"already exists"}"#),
            1.0,
        );
        assert_eq!(next_call(&d), Some((Call::Check, 0, false)));
        let d = m.on_outcome(Call::Check, &answer(200, OURS), 1.0);
        assert_eq!(done(&d), Some(false));
    }

    #[test]
    fn conflict_with_another_service_is_name_taken() {
        let mut m = machine();
        m.on_outcome(
            Call::Create,
            &answer(409, r#"{"message":"already exists"}"#),
            1.0,
        );
        let d = m.on_outcome(Call::Check, &answer(200, OTHER), 1.0);
        assert_eq!(failed(&d), Some((Code::NameTaken, Some(409))));
        if let Decision::Fail(f) = d {
            assert_eq!(f.server_message.as_deref(), Some("already exists"));
            assert_eq!(f.errors[0].field, "serviceName");
        }
    }

    #[test]
    fn ambiguous_create_then_other_service_is_name_taken() {
        let mut m = machine();
        m.on_outcome(Call::Create, &answer(500, ""), 1.0);
        let d = m.on_outcome(Call::Check, &answer(200, OTHER), 1.0);
        assert_eq!(failed(&d), Some((Code::NameTaken, None)));
    }

    #[test]
    fn rate_limit_waits_as_told_and_closes_the_gate() {
        let mut m = machine();
        let d = m.on_outcome(
            Call::Create,
            &Outcome::Answered {
                status: 429,
                body: r#"{"message":"Rate limit 120 exceeded - try again in 28s"}"#.into(),
                retry_after: Some("2".into()),
            },
            1.0,
        );
        assert_eq!(next_call(&d), Some((Call::Create, 2000, true)));
        let d = m.on_outcome(
            Call::Create,
            &answer(
                429,
                r#"{"message":"Rate limit 120 exceeded - try again in 28s"}"#,
            ),
            1.0,
        );
        assert_eq!(next_call(&d), Some((Call::Create, 28_000, true)));
        let d = m.on_outcome(Call::Create, &answer(429, "{}"), 1.0);
        assert_eq!(next_call(&d), Some((Call::Create, 5_000, true)));
        let d = m.on_outcome(
            Call::Create,
            &Outcome::Answered {
                status: 429,
                body: String::new(),
                retry_after: Some("86400".into()),
            },
            1.0,
        );
        assert_eq!(next_call(&d), Some((Call::Create, 60_000, true)));
    }

    #[test]
    fn creates_are_bounded() {
        let mut m = machine();
        let mut last = m.start();
        for _ in 0..5 {
            last = m.on_outcome(Call::Create, &answer(429, "{}"), 1.0);
        }
        assert_eq!(failed(&last), Some((Code::RateLimited, Some(429))));
        assert_eq!(m.creates_sent(), 5);

        let mut m = machine();
        let mut d = m.start();
        let mut sent = 0;
        while let Some((call, _, _)) = next_call(&d) {
            sent += 1;
            assert!(sent < 100, "unbounded loop");
            d = match call {
                Call::Create => m.on_outcome(call, &answer(502, "Bad Gateway"), 1.0),
                Call::Check => m.on_outcome(call, &answer(404, "{}"), 1.0),
            };
        }
        assert_eq!(failed(&d), Some((Code::ApiError, Some(502))));
        assert_eq!(m.creates_sent(), 5);
        assert_eq!(sent, 10);
    }

    #[test]
    fn unanswered_checks_are_bounded_and_say_the_fork_may_exist() {
        let mut m = machine();
        let mut d = m.on_outcome(Call::Create, &Outcome::TimedOut, 0.0);
        let mut checks = 0;
        while let Some((Call::Check, after, _)) = next_call(&d) {
            checks += 1;
            assert!(after <= 8000);
            d = m.on_outcome(Call::Check, &Outcome::Dropped("fetch failed".into()), 0.0);
        }
        assert_eq!(checks, 8);
        assert_eq!(failed(&d), Some((Code::NetworkError, None)));
        if let Decision::Fail(f) = &d {
            assert!(f.message.contains("may have been created"), "{}", f.message);
        }
    }

    #[test]
    fn refusals_end_the_loop_with_the_server_message() {
        for status in [400u16, 401, 403, 404] {
            let mut m = machine();
            let d = m.on_outcome(Call::Create, &answer(status, r#"{"message":"nope"}"#), 1.0);
            assert_eq!(failed(&d), Some((Code::ApiError, Some(status))));
        }
    }

    #[test]
    fn unreadable_success_is_confirmed_by_a_read() {
        let mut m = machine();
        let d = m.on_outcome(Call::Create, &answer(200, "not json"), 1.0);
        assert_eq!(next_call(&d).map(|c| c.0), Some(Call::Check));
        assert_eq!(
            done(&m.on_outcome(Call::Check, &answer(200, OURS), 1.0)),
            Some(true)
        );
    }
}
