//! Retry limits, back-off and the rate-limit gate shared by concurrent forks.

/// Limits of every retry loop. All times in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Create (POST) requests one fork may send.
    pub max_creates: u32,
    /// Existence checks in a row while the outcome of a create is unknown.
    pub max_checks: u32,
    /// Requests (of any kind) one read may send (`getForkContext`).
    pub max_reads: u32,
    /// First back-off delay; doubles per attempt.
    pub base_delay_ms: u64,
    /// Largest back-off delay.
    pub max_delay_ms: u64,
    /// Longest single wait a 429 may impose; longer `Retry-After`s are cut to this.
    pub max_rate_limit_wait_ms: u64,
    /// A 429 without `Retry-After` or "try again in" waits this long.
    pub default_rate_limit_wait_ms: u64,
    /// How long one request may take before it is given up (and, for a create,
    /// checked).
    pub request_timeout_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_creates: 5,
            max_checks: 8,
            max_reads: 6,
            base_delay_ms: 250,
            max_delay_ms: 8_000,
            max_rate_limit_wait_ms: 60_000,
            default_rate_limit_wait_ms: 5_000,
            request_timeout_ms: 30_000,
        }
    }
}

impl RetryPolicy {
    /// Back-off before retry number `attempt` (1 = first retry):
    /// `base * 2^(attempt-1)`, capped, scaled by `jitter` in `[0.5, 1.0]`
    /// (`jitter` is a random number in `[0, 1)` supplied by the caller).
    pub fn backoff_ms(&self, attempt: u32, jitter: f64) -> u64 {
        let exp = attempt.saturating_sub(1).min(20);
        let raw = self.base_delay_ms.saturating_mul(1u64 << exp);
        let capped = raw.min(self.max_delay_ms) as f64;
        let j = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            1.0
        };
        (capped * (0.5 + j / 2.0)) as u64
    }

    /// How long to wait after a 429 that asked for `asked_ms` (None: unspecified).
    pub fn rate_limit_wait_ms(&self, asked_ms: Option<u64>) -> u64 {
        asked_ms
            .unwrap_or(self.default_rate_limit_wait_ms)
            .min(self.max_rate_limit_wait_ms)
    }
}

/// A gate every request of one client passes before it is sent. A 429 closes it
/// until the time the server asked for, so concurrent forks (`forkMany`) all wait
/// instead of each hammering the limit. Times are milliseconds on the caller's clock.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RateGate {
    open_at_ms: f64,
}

impl RateGate {
    /// A 429 arrived at `now_ms` asking to wait `wait_ms`; keep the gate closed
    /// until then (never re-opens it earlier than another 429 asked).
    pub fn close_for(&mut self, now_ms: f64, wait_ms: u64) {
        let until = now_ms + wait_ms as f64;
        if until > self.open_at_ms {
            self.open_at_ms = until;
        }
    }

    /// How long a request wanting to go at `now_ms` must still wait (0: go).
    pub fn wait_ms(&self, now_ms: f64) -> u64 {
        let left = self.open_at_ms - now_ms;
        if left > 0.0 {
            left.ceil() as u64
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff_ms(1, 1.0), 250);
        assert_eq!(p.backoff_ms(2, 1.0), 500);
        assert_eq!(p.backoff_ms(3, 1.0), 1000);
        assert_eq!(p.backoff_ms(10, 1.0), 8000);
        assert_eq!(p.backoff_ms(1000, 1.0), 8000);
        assert_eq!(p.backoff_ms(1, 0.0), 125);
        assert_eq!(p.backoff_ms(2, f64::NAN), 500);
    }

    #[test]
    fn rate_limit_waits_are_bounded() {
        let p = RetryPolicy::default();
        assert_eq!(p.rate_limit_wait_ms(Some(28_000)), 28_000);
        assert_eq!(p.rate_limit_wait_ms(Some(3_600_000)), 60_000);
        assert_eq!(p.rate_limit_wait_ms(None), 5_000);
    }

    #[test]
    fn gate_holds_every_request_until_the_latest_429_expires() {
        let mut g = RateGate::default();
        assert_eq!(g.wait_ms(1000.0), 0);
        g.close_for(1000.0, 2000);
        assert_eq!(g.wait_ms(1000.0), 2000);
        assert_eq!(g.wait_ms(2500.5), 500);
        // A shorter 429 arriving later does not open the gate early.
        g.close_for(1500.0, 100);
        assert_eq!(g.wait_ms(2000.0), 1000);
        g.close_for(2000.0, 5000);
        assert_eq!(g.wait_ms(3000.0), 4000);
        assert_eq!(g.wait_ms(7000.0), 0);
    }
}
