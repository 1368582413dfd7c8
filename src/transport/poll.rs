//! Loops for reads: one GET retried on transient failures (`getForkContext`), and
//! the status poll of `waitUntilRunning`.

use crate::core::issue::Code;
use crate::core::json::Value;
use crate::core::time::format_duration;
use crate::transport::error::Failure;
use crate::transport::progress::{is_running, progress, Progress};
use crate::transport::response::{
    answer_failure, asked_wait_ms, classify, outcome_failure, parse_answer, service_of, Outcome,
    StatusClass,
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
            StatusClass::RateLimited if !last_try => again(
                self.policy
                    .rate_limit_wait_ms(asked_wait_ms(retry_after.as_deref(), body)),
                true,
            ),
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

/// Why a poll of `waitUntilRunning` got no usable answer (polling goes on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No answer: connection refused or dropped, DNS, CORS.
    NoAnswer,
    /// The request timed out.
    TimedOut,
    /// The API answered 5xx.
    ServerError,
    /// The API answered 429.
    RateLimited,
}

impl Problem {
    /// `no_answer`, `timed_out`, `server_error`, `rate_limited`.
    pub fn as_str(self) -> &'static str {
        match self {
            Problem::NoAnswer => "no_answer",
            Problem::TimedOut => "timed_out",
            Problem::ServerError => "server_error",
            Problem::RateLimited => "rate_limited",
        }
    }

    /// The inverse of [`Problem::as_str`].
    pub fn parse(text: &str) -> Option<Problem> {
        [
            Problem::NoAnswer,
            Problem::TimedOut,
            Problem::ServerError,
            Problem::RateLimited,
        ]
        .into_iter()
        .find(|p| p.as_str() == text)
    }
}

/// The connection of a wait, as `onConnection` reports it: `lost` after every poll
/// that got no usable answer, `ok` once for the first answer after that.
#[derive(Debug, Clone, PartialEq)]
pub struct Connection {
    /// `lost` or `ok`.
    pub state: &'static str,
    /// Why the last poll failed (`None` when `ok`).
    pub problem: Option<Problem>,
    /// The HTTP status of that failure, when the API answered.
    pub status: Option<u16>,
    /// When the service was last read (ms on the caller's clock); `None` before the
    /// first read of this wait.
    pub last_answer_at: Option<f64>,
    /// When the first failed poll in a row was sent (`None` when `ok`).
    pub lost_since: Option<f64>,
    /// When the next poll goes, in ms from now (`None` when `ok`).
    pub retry_in_ms: Option<u64>,
}

impl Connection {
    /// `{state, problem, status, lastAnswerAt, lostSince, retryInMs}` (absent values
    /// `null`): what `onConnection` gets.
    pub fn to_value(&self) -> Value {
        let number = |n: Option<f64>| match n.filter(|n| n.is_finite() && *n >= 0.0) {
            Some(n) => Value::uint(n.floor() as u64),
            None => Value::Null,
        };
        let fields = [
            ("state", Value::str(self.state)),
            (
                "problem",
                self.problem.map_or(Value::Null, |p| Value::str(p.as_str())),
            ),
            ("status", number(self.status.map(f64::from))),
            ("lastAnswerAt", number(self.last_answer_at)),
            ("lostSince", number(self.lost_since)),
            ("retryInMs", number(self.retry_in_ms.map(|m| m as f64))),
        ];
        Value::Object(
            fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// One line for people about this report at `now_ms`: `Connection lost, retrying
    /// (last answer 40 s ago).`, `Connected again.`
    pub fn describe(&self, now_ms: f64) -> String {
        if self.state != "lost" {
            return "Connected again.".to_string();
        }
        let mut out = String::from(match self.problem {
            Some(Problem::ServerError) => "The API is failing",
            Some(Problem::RateLimited) => "The API asks to slow down",
            _ => "Connection lost",
        });
        if let Some(status) = self.status {
            out.push_str(" (HTTP ");
            crate::core::num::push_u64(&mut out, u64::from(status));
            out.push(')');
        }
        out.push_str(", retrying (");
        match self.last_answer_at {
            Some(at) => {
                out.push_str("last answer ");
                out.push_str(&format_duration(now_ms - at));
                out.push_str(" ago");
            }
            None => out.push_str("no answer yet"),
        }
        out.push_str(").");
        out
    }
}

/// What one poll of `waitUntilRunning` comes to.
#[derive(Debug, Clone, PartialEq)]
pub struct WaitStep {
    /// The progress to report (`onProgress`), when the service was read.
    pub progress: Option<Progress>,
    /// The connection to report (`onConnection`), when it was lost or is back.
    pub connection: Option<Connection>,
    pub next: Next<Value>,
}

/// The poll loop of `waitUntilRunning`. Transient failures (429, 5xx, no answer)
/// keep polling and are reported as a lost connection; a 404 or a refusal ends it;
/// the caller's timeout is the only limit.
#[derive(Debug, Clone)]
pub struct WaitLoop {
    project: String,
    name: String,
    /// When to give up (caller's clock, ms); `None`: never.
    deadline_ms: Option<f64>,
    poll_ms: u64,
    policy: RetryPolicy,
    last_state: Option<String>,
    /// When the service was last read (caller's clock, ms).
    last_answer_ms: Option<f64>,
    /// When the current run of failed polls began.
    lost_since_ms: Option<f64>,
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
            last_answer_ms: None,
            lost_since_ms: None,
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

    /// Feed the outcome of a poll sent at `sent_ms` and finished at `now_ms`: the
    /// progress and the connection to report, and what to do next.
    pub fn on_outcome(&mut self, outcome: &Outcome, sent_ms: f64, now_ms: f64) -> WaitStep {
        let what = format!("reading service {} in project {}", self.name, self.project);
        let mut problem = None;
        let mut status = None;
        let (progress, wait, rate_limited) = match outcome {
            Outcome::Answered {
                status: code,
                body,
                retry_after,
            } => match classify(*code) {
                StatusClass::Success => match service_of(body) {
                    Some(service) => {
                        let p = progress(&service);
                        self.last_state = Some(p.state.clone());
                        if is_running(&service) {
                            let connection = self.answered(now_ms);
                            return WaitStep {
                                progress: Some(p),
                                connection,
                                next: Next::Done(service),
                            };
                        }
                        (Some(p), self.poll_ms, false)
                    }
                    None => (None, self.poll_ms, false),
                },
                StatusClass::RateLimited => {
                    problem = Some(Problem::RateLimited);
                    status = Some(*code);
                    let asked = asked_wait_ms(retry_after.as_deref(), body);
                    (
                        None,
                        self.policy.rate_limit_wait_ms(asked).max(self.poll_ms),
                        true,
                    )
                }
                StatusClass::ServerError => {
                    problem = Some(Problem::ServerError);
                    status = Some(*code);
                    (None, self.poll_ms, false)
                }
                StatusClass::NotFound | StatusClass::Refused | StatusClass::Conflict => {
                    return WaitStep {
                        progress: None,
                        connection: None,
                        next: Next::Fail(answer_failure(*code, body, &what)),
                    };
                }
            },
            Outcome::Dropped(_) => {
                problem = Some(Problem::NoAnswer);
                (None, self.poll_ms, false)
            }
            Outcome::TimedOut => {
                problem = Some(Problem::TimedOut);
                (None, self.poll_ms, false)
            }
        };
        let connection = match (problem, &progress) {
            (Some(_), _) => {
                let since = *self.lost_since_ms.get_or_insert(sent_ms);
                Some(Connection {
                    state: "lost",
                    problem,
                    status,
                    last_answer_at: self.last_answer_ms,
                    lost_since: Some(since),
                    retry_in_ms: Some(wait),
                })
            }
            (None, Some(_)) => self.answered(now_ms),
            (None, None) => None,
        };
        if self.expired(now_ms) {
            return WaitStep {
                progress,
                connection,
                next: Next::Fail(self.timeout_failure()),
            };
        }
        let after_ms = match self.deadline_ms {
            Some(d) => wait.min((d - now_ms).ceil().max(0.0) as u64),
            None => wait,
        };
        WaitStep {
            progress,
            connection,
            next: again(after_ms, rate_limited),
        }
    }

    /// The service was read at `now_ms`: `ok` when that ends a lost connection.
    fn answered(&mut self, now_ms: f64) -> Option<Connection> {
        self.last_answer_ms = Some(now_ms);
        self.lost_since_ms.take().map(|_| Connection {
            state: "ok",
            problem: None,
            status: None,
            last_answer_at: Some(now_ms),
            lost_since: None,
            retry_in_ms: None,
        })
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
        let step = w.on_outcome(&answer(200, REBUILDING), 0.0, 0.0);
        assert_eq!(
            step.progress.map(|p| (p.phase, p.percent)),
            Some((Some("basebackup".into()), Some(25.0)))
        );
        assert_eq!(step.connection, None);
        assert_eq!(
            step.next,
            Next::Again {
                after_ms: 2000,
                rate_limited: false
            }
        );
        let step = w.on_outcome(&Outcome::TimedOut, 1.0, 1.0);
        assert!(matches!(step.next, Next::Again { after_ms: 2000, .. }));
        let step = w.on_outcome(&answer(502, ""), 2.0, 2.0);
        assert!(matches!(step.next, Next::Again { after_ms: 2000, .. }));
        let step = w.on_outcome(&answer(200, RUNNING), 3.0, 3.0);
        assert_eq!(step.progress.map(|p| p.percent), Some(Some(100.0)));
        assert!(matches!(step.next, Next::Done(_)));
    }

    #[test]
    fn a_lost_connection_is_reported_at_once_and_its_end_once() {
        let mut w = WaitLoop::new("p", "f", None, 3000, RetryPolicy::default());
        // The first read: no connection report.
        assert_eq!(
            w.on_outcome(&answer(200, REBUILDING), 900.0, 1000.0)
                .connection,
            None
        );
        // No answer: lost, since the poll was sent, the last answer the read before.
        let lost = w
            .on_outcome(
                &Outcome::Dropped("TypeError: Failed to fetch".into()),
                4000.0,
                4010.0,
            )
            .connection;
        let expected = Connection {
            state: "lost",
            problem: Some(Problem::NoAnswer),
            status: None,
            last_answer_at: Some(1000.0),
            lost_since: Some(4000.0),
            retry_in_ms: Some(3000),
        };
        assert_eq!(lost.as_ref(), Some(&expected));
        assert_eq!(
            expected.describe(41_000.0),
            "Connection lost, retrying (last answer 40 s ago)."
        );
        // Still lost: the same start, the status of a 5xx.
        let again = w.on_outcome(&answer(503, ""), 7000.0, 7005.0).connection;
        assert_eq!(
            again.as_ref().map(|c| (c.problem, c.status, c.lost_since)),
            Some((Some(Problem::ServerError), Some(503), Some(4000.0)))
        );
        assert_eq!(
            again.map(|c| c.describe(67_000.0)),
            Some("The API is failing (HTTP 503), retrying (last answer 1 min 6 s ago).".into())
        );
        // Back: one `ok`, then nothing more.
        let back = w
            .on_outcome(&answer(200, REBUILDING), 10_000.0, 10_050.0)
            .connection;
        assert_eq!(
            back.as_ref()
                .map(|c| (c.state, c.last_answer_at, c.lost_since)),
            Some(("ok", Some(10_050.0), None))
        );
        assert_eq!(
            back.map(|c| c.describe(0.0)),
            Some("Connected again.".into())
        );
        assert_eq!(
            w.on_outcome(&answer(200, REBUILDING), 13_000.0, 13_000.0)
                .connection,
            None
        );
        // Lost before any read, then rate limited.
        let mut w = WaitLoop::new("p", "f", None, 3000, RetryPolicy::default());
        let c = w.on_outcome(&answer(429, "{}"), 0.0, 5.0).connection;
        assert_eq!(
            c.map(|c| c.describe(5000.0)),
            Some("The API asks to slow down (HTTP 429), retrying (no answer yet).".into())
        );
    }

    #[test]
    fn wait_times_out_at_the_callers_deadline_only() {
        let mut w = WaitLoop::new("p", "f", Some(5000.0), 2000, RetryPolicy::default());
        assert_eq!(w.request_timeout_ms(4000.0), 1000);
        let step = w.on_outcome(&answer(200, REBUILDING), 4000.0, 4000.0);
        assert_eq!(
            step.next,
            Next::Again {
                after_ms: 1000,
                rate_limited: false
            }
        );
        let step = w.on_outcome(&answer(200, REBUILDING), 5000.0, 5000.0);
        match step.next {
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
            w.on_outcome(&answer(200, REBUILDING), 86_400_000.0, 86_400_000.0)
                .next,
            Next::Again { .. }
        ));
        assert_eq!(w.request_timeout_ms(0.0), 30_000);
    }

    #[test]
    fn wait_stops_on_missing_service_and_backs_off_on_429() {
        let mut w = WaitLoop::new("p", "f", None, 500, RetryPolicy::default());
        assert!(matches!(
            w.on_outcome(&answer(404, r#"{"message":"Service f does not exist"}"#), 0.0, 0.0).next,
            Next::Fail(f) if f.code == Code::ApiError && f.status == Some(404)
        ));
        let step = w.on_outcome(&answer(429, r#"{"message":"try again in 3s"}"#), 0.0, 0.0);
        assert_eq!(
            step.next,
            Next::Again {
                after_ms: 3000,
                rate_limited: true
            }
        );
    }
}
