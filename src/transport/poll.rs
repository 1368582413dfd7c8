//! Loops for reads: one GET retried on transient failures (`getForkContext`), and
//! the status poll of `waitUntilRunning`.

use crate::core::issue::Code;
use crate::core::json::Value;
use crate::transport::error::Failure;
use crate::transport::fork::service_of;
use crate::transport::progress::{is_running, progress, Progress};
use crate::transport::response::{
    answer_failure, classify, outcome_failure, parse_answer, retry_after_ms, server_message,
    Outcome, StatusClass,
};
use crate::transport::retry::RetryPolicy;

/// What a loop does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Next<T> {
    /// Finished with this value.
    Done(T),
    /// Send the same request again after `after_ms`; `rate_limited`: close the
    /// shared gate for that long.
    Again { after_ms: u64, rate_limited: bool },
    /// Give up.
    Fail(Failure),
}

/// One GET, retried on 429, 5xx and no answer, at most `policy.max_reads` times.
#[derive(Debug, Clone)]
pub struct ReadLoop {
    what: String,
    not_found: Code,
    policy: RetryPolicy,
    attempts: u32,
}

impl ReadLoop {
    /// `what` names the read in messages (`reading service demo-pg`); a 404 fails
    /// with `not_found` (e.g. [`Code::SourceNotFound`]).
    pub fn new(what: impl Into<String>, not_found: Code, policy: RetryPolicy) -> Self {
        ReadLoop {
            what: what.into(),
            not_found,
            policy,
            attempts: 0,
        }
    }

    /// Feed one outcome; `Done` holds the parsed answer.
    pub fn on_outcome(&mut self, outcome: &Outcome, jitter: f64) -> Next<Value> {
        self.attempts += 1;
        let last_try = self.attempts >= self.policy.max_reads;
        let Outcome::Answered {
            status,
            body,
            retry_after,
        } = outcome
        else {
            if last_try {
                return Next::Fail(outcome_failure(outcome, &self.what));
            }
            return again(self.policy.backoff_ms(self.attempts, jitter), false);
        };
        match classify(*status) {
            StatusClass::Success => match parse_answer(body, &self.what) {
                Ok(v) => Next::Done(v),
                Err(f) => Next::Fail(f),
            },
            StatusClass::NotFound => {
                let mut f = answer_failure(*status, body, &self.what);
                f.code = self.not_found;
                for issue in &mut f.errors {
                    issue.code = self.not_found;
                }
                Next::Fail(f)
            }
            StatusClass::RateLimited if !last_try => {
                let asked = retry_after_ms(retry_after.as_deref(), server_message(body).as_deref());
                again(self.policy.rate_limit_wait_ms(asked), true)
            }
            StatusClass::ServerError if !last_try => {
                again(self.policy.backoff_ms(self.attempts, jitter), false)
            }
            _ => Next::Fail(answer_failure(*status, body, &self.what)),
        }
    }
}

fn again<T>(after_ms: u64, rate_limited: bool) -> Next<T> {
    Next::Again {
        after_ms,
        rate_limited,
    }
}

/// The poll loop of `waitUntilRunning`. Transient failures (429, 5xx, no answer)
/// keep polling; a 404 or a refusal ends it; the caller's timeout is the only limit.
#[derive(Debug, Clone)]
pub struct WaitLoop {
    project: String,
    name: String,
    /// When to give up (caller's clock, ms); `None`: never.
    deadline_ms: Option<f64>,
    poll_ms: u64,
    policy: RetryPolicy,
    last_state: Option<String>,
}

impl WaitLoop {
    /// Wait for `name` in `project`, polling every `poll_ms`, until `deadline_ms`.
    pub fn new(
        project: &str,
        name: &str,
        deadline_ms: Option<f64>,
        poll_ms: u64,
        policy: RetryPolicy,
    ) -> Self {
        WaitLoop {
            project: project.to_string(),
            name: name.to_string(),
            deadline_ms,
            poll_ms,
            policy,
            last_state: None,
        }
    }

    /// How long the next poll request may take at `now_ms` (never past the deadline).
    pub fn request_timeout_ms(&self, now_ms: f64) -> u64 {
        let t = self.policy.request_timeout_ms;
        match self.deadline_ms {
            Some(d) => t.min((d - now_ms).max(1.0).ceil() as u64),
            None => t,
        }
    }

    /// Whether the deadline has passed at `now_ms`.
    pub fn expired(&self, now_ms: f64) -> bool {
        self.deadline_ms.is_some_and(|d| now_ms >= d)
    }

    /// The `wait_timeout` failure.
    pub fn timeout_failure(&self) -> Failure {
        let state = self.last_state.as_deref().unwrap_or("unknown");
        Failure::new(
            Code::WaitTimeout,
            format!(
                "service {} in project {} did not reach RUNNING before the timeout (last state: {state})",
                self.name, self.project
            ),
        )
    }

    /// Feed one poll outcome at `now_ms`. Also returns the progress to report, if
    /// the service was read.
    pub fn on_outcome(
        &mut self,
        outcome: &Outcome,
        now_ms: f64,
    ) -> (Option<Progress>, Next<Value>) {
        let what = format!("reading service {} in project {}", self.name, self.project);
        let (report, wait, rate_limited) = match outcome {
            Outcome::Answered {
                status,
                body,
                retry_after,
            } => match classify(*status) {
                StatusClass::Success => match service_of(body) {
                    Some(service) => {
                        let p = progress(&service);
                        self.last_state = Some(p.state.clone());
                        if is_running(&service) {
                            return (Some(p), Next::Done(service));
                        }
                        (Some(p), self.poll_ms, false)
                    }
                    None => (None, self.poll_ms, false),
                },
                StatusClass::RateLimited => {
                    let asked =
                        retry_after_ms(retry_after.as_deref(), server_message(body).as_deref());
                    (
                        None,
                        self.policy.rate_limit_wait_ms(asked).max(self.poll_ms),
                        true,
                    )
                }
                StatusClass::ServerError => (None, self.poll_ms, false),
                StatusClass::NotFound | StatusClass::Refused | StatusClass::Conflict => {
                    return (None, Next::Fail(answer_failure(*status, body, &what)));
                }
            },
            Outcome::Dropped(_) | Outcome::TimedOut => (None, self.poll_ms, false),
        };
        if self.expired(now_ms) {
            return (report, Next::Fail(self.timeout_failure()));
        }
        let after_ms = match self.deadline_ms {
            Some(d) => wait.min((d - now_ms).ceil().max(0.0) as u64),
            None => wait,
        };
        (report, again(after_ms, rate_limited))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Outcome {
        Outcome::Answered {
            status,
            body: body.to_string(),
            retry_after: None,
        }
    }

    const REBUILDING: &str = r#"{"service":{"service_name":"f","state":"REBUILDING","node_states":[{"name":"f-1","state":"syncing_data","progress_updates":[{"phase":"basebackup","completed":false,"current":1,"min":0,"max":4}]}]}}"#;
    const RUNNING: &str = r#"{"service":{"service_name":"f","state":"RUNNING"}}"#;

    #[test]
    fn read_retries_transient_failures_then_succeeds() {
        let mut r = ReadLoop::new(
            "reading service s",
            Code::SourceNotFound,
            RetryPolicy::default(),
        );
        assert_eq!(
            r.on_outcome(&answer(503, ""), 1.0),
            Next::Again {
                after_ms: 250,
                rate_limited: false
            }
        );
        assert_eq!(
            r.on_outcome(&answer(429, r#"{"message":"try again in 3s"}"#), 1.0),
            Next::Again {
                after_ms: 3000,
                rate_limited: true
            }
        );
        assert_eq!(
            r.on_outcome(&answer(200, r#"{"a":1}"#), 1.0),
            Next::Done(crate::core::json::parse(r#"{"a":1}"#).unwrap_or(Value::Null))
        );
    }

    #[test]
    fn read_is_bounded() {
        let mut r = ReadLoop::new("reading x", Code::SourceNotFound, RetryPolicy::default());
        let mut n = 0;
        let last = loop {
            n += 1;
            match r.on_outcome(&Outcome::Dropped("fetch failed".into()), 1.0) {
                Next::Again { .. } => continue,
                other => break other,
            }
        };
        assert_eq!(n, 6);
        assert!(matches!(last, Next::Fail(f) if f.code == Code::NetworkError));
    }

    #[test]
    fn read_maps_not_found_and_refusals() {
        let mut r = ReadLoop::new(
            "reading service s",
            Code::SourceNotFound,
            RetryPolicy::default(),
        );
        match r.on_outcome(
            &answer(404, r#"{"message":"Service s does not exist"}"#),
            1.0,
        ) {
            Next::Fail(f) => {
                assert_eq!((f.code, f.status), (Code::SourceNotFound, Some(404)));
                assert_eq!(f.errors[0].code, Code::SourceNotFound);
                assert_eq!(
                    f.server_message.as_deref(),
                    Some("Service s does not exist")
                );
            }
            other => assert_eq!(format!("{other:?}"), "Fail"),
        }
        let mut r = ReadLoop::new(
            "reading service s",
            Code::SourceNotFound,
            RetryPolicy::default(),
        );
        assert!(matches!(
            r.on_outcome(&answer(401, r#"{"message":"Invalid token"}"#), 1.0),
            Next::Fail(f) if f.code == Code::ApiError && f.status == Some(401)
        ));
        let mut r = ReadLoop::new(
            "reading service s",
            Code::SourceNotFound,
            RetryPolicy::default(),
        );
        assert!(matches!(
            r.on_outcome(&answer(200, "{oops"), 1.0),
            Next::Fail(f) if f.code == Code::InvalidResponse
        ));
    }

    #[test]
    fn wait_polls_with_progress_until_running() {
        let mut w = WaitLoop::new("p", "f", None, 2000, RetryPolicy::default());
        let (p, next) = w.on_outcome(&answer(200, REBUILDING), 0.0);
        assert_eq!(
            p.map(|p| (p.phase, p.percent)),
            Some((Some("basebackup".into()), Some(25.0)))
        );
        assert_eq!(
            next,
            Next::Again {
                after_ms: 2000,
                rate_limited: false
            }
        );
        let (_, next) = w.on_outcome(&Outcome::TimedOut, 1.0);
        assert!(matches!(next, Next::Again { after_ms: 2000, .. }));
        let (_, next) = w.on_outcome(&answer(502, ""), 2.0);
        assert!(matches!(next, Next::Again { after_ms: 2000, .. }));
        let (p, next) = w.on_outcome(&answer(200, RUNNING), 3.0);
        assert_eq!(p.map(|p| p.percent), Some(Some(100.0)));
        assert!(matches!(next, Next::Done(_)));
    }

    #[test]
    fn wait_times_out_at_the_callers_deadline_only() {
        let mut w = WaitLoop::new("p", "f", Some(5000.0), 2000, RetryPolicy::default());
        assert_eq!(w.request_timeout_ms(4000.0), 1000);
        let (_, next) = w.on_outcome(&answer(200, REBUILDING), 4000.0);
        assert_eq!(
            next,
            Next::Again {
                after_ms: 1000,
                rate_limited: false
            }
        );
        let (_, next) = w.on_outcome(&answer(200, REBUILDING), 5000.0);
        match next {
            Next::Fail(f) => {
                assert_eq!(f.code, Code::WaitTimeout);
                assert!(
                    f.message.contains("last state: REBUILDING"),
                    "{}",
                    f.message
                );
            }
            other => assert_eq!(format!("{other:?}"), "Fail"),
        }
        // No deadline: a day in, it still polls.
        let mut w = WaitLoop::new("p", "f", None, 2000, RetryPolicy::default());
        assert!(matches!(
            w.on_outcome(&answer(200, REBUILDING), 86_400_000.0).1,
            Next::Again { .. }
        ));
        assert_eq!(w.request_timeout_ms(0.0), 30_000);
    }

    #[test]
    fn wait_stops_on_missing_service_and_backs_off_on_429() {
        let mut w = WaitLoop::new("p", "f", None, 500, RetryPolicy::default());
        assert!(matches!(
            w.on_outcome(&answer(404, r#"{"message":"Service f does not exist"}"#), 0.0).1,
            Next::Fail(f) if f.code == Code::ApiError && f.status == Some(404)
        ));
        let (_, next) = w.on_outcome(&answer(429, r#"{"message":"try again in 3s"}"#), 0.0);
        assert_eq!(
            next,
            Next::Again {
                after_ms: 3000,
                rate_limited: true
            }
        );
    }
}
