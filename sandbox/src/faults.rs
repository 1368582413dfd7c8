//! Fault injection: latency, 429, 401, 5xx after the work was done, dropped connections.

use crate::rng::Rng;
use serde_json::{json, Map, Value};
use std::collections::VecDeque;

/// One injected fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 429 with Aiven's message and `Retry-After`; nothing is done.
    RateLimit,
    /// 401 `Invalid token` (as for a token revoked a moment ago); nothing is done. Queue
    /// only (`next`): no random rate.
    Unauthorized,
    /// The request is carried out (a create creates), then the answer is a 5xx.
    ServerErrorAfter,
    /// The connection is closed without an answer before anything is done.
    Drop,
    /// The request is carried out, then the connection is closed without an answer.
    DropAfter,
    /// Queue placeholder: this request passes untouched.
    Pass,
}

impl Fault {
    pub fn parse(s: &str) -> Option<Fault> {
        match s {
            "429" | "rate_limit" => Some(Fault::RateLimit),
            "401" => Some(Fault::Unauthorized),
            "5xx_after_create" | "5xx" => Some(Fault::ServerErrorAfter),
            "drop" => Some(Fault::Drop),
            "drop_after_create" => Some(Fault::DropAfter),
            "none" | "ok" | "pass" => Some(Fault::Pass),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Fault::RateLimit => "429",
            Fault::Unauthorized => "401",
            Fault::ServerErrorAfter => "5xx_after_create",
            Fault::Drop => "drop",
            Fault::DropAfter => "drop_after_create",
            Fault::Pass => "none",
        }
    }
}

/// Which API requests faults (not latency) apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `POST /v1/project/{p}/service` only.
    Create,
    /// Every `/v1/...` request.
    All,
}

/// The fault configuration (`PUT /_sandbox/faults` body, camelCase).
#[derive(Debug, Clone)]
pub struct Faults {
    pub latency_ms: u64,
    pub seed: u64,
    pub scope: Scope,
    pub rate_429: f64,
    pub rate_5xx: f64,
    pub rate_drop: f64,
    pub rate_drop_after: f64,
    pub retry_after_secs: u64,
    pub status_5xx: u16,
    pub next: VecDeque<Fault>,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            latency_ms: 0,
            seed: 1,
            scope: Scope::Create,
            rate_429: 0.0,
            rate_5xx: 0.0,
            rate_drop: 0.0,
            rate_drop_after: 0.0,
            retry_after_secs: 1,
            status_5xx: 502,
            next: VecDeque::new(),
        }
    }
}

fn rate(v: &Value, field: &str) -> Result<f64, String> {
    match v.as_f64() {
        Some(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err(format!("{field} must be a number between 0 and 1")),
    }
}

fn uint(v: &Value, field: &str) -> Result<u64, String> {
    v.as_u64()
        .ok_or_else(|| format!("{field} must be a non-negative integer"))
}

impl Faults {
    /// Reads a `PUT /_sandbox/faults` body; fields not given keep the values of `base`.
    pub fn from_json(v: &Value, base: &Faults) -> Result<Faults, String> {
        let obj = v.as_object().ok_or("faults must be a JSON object")?;
        let mut f = base.clone();
        for (k, val) in obj {
            match k.as_str() {
                "latencyMs" => f.latency_ms = uint(val, k)?.min(60_000),
                "seed" => f.seed = uint(val, k)?,
                "retryAfterSecs" => f.retry_after_secs = uint(val, k)?.min(3600),
                "status5xx" => {
                    let s = uint(val, k)?;
                    if !(500..=599).contains(&s) {
                        return Err("status5xx must be between 500 and 599".into());
                    }
                    f.status_5xx = s as u16;
                }
                "only" => {
                    f.scope = match val.as_str() {
                        Some("create") => Scope::Create,
                        Some("all") => Scope::All,
                        _ => return Err("only must be \"create\" or \"all\"".into()),
                    }
                }
                "rates" => {
                    let rates = val.as_object().ok_or("rates must be an object")?;
                    for (kind, r) in rates {
                        let r = rate(r, &format!("rates.{kind}"))?;
                        match Fault::parse(kind) {
                            Some(Fault::RateLimit) => f.rate_429 = r,
                            Some(Fault::ServerErrorAfter) => f.rate_5xx = r,
                            Some(Fault::Drop) => f.rate_drop = r,
                            Some(Fault::DropAfter) => f.rate_drop_after = r,
                            _ => return Err(format!("no random rate for fault kind {kind}")),
                        }
                    }
                }
                "next" => {
                    let items = val.as_array().ok_or("next must be an array")?;
                    let mut q = VecDeque::new();
                    for item in items {
                        let s = item.as_str().unwrap_or("");
                        q.push_back(
                            Fault::parse(s).ok_or_else(|| format!("unknown fault kind: {s}"))?,
                        );
                    }
                    f.next = q;
                }
                other => return Err(format!("unknown faults field: {other}")),
            }
        }
        if f.rate_429 + f.rate_5xx + f.rate_drop + f.rate_drop_after > 1.0 + 1e-9 {
            return Err("the sum of rates must not exceed 1".into());
        }
        Ok(f)
    }

    pub fn to_json(&self) -> Value {
        let mut rates = Map::new();
        rates.insert("429".into(), json!(self.rate_429));
        rates.insert("5xx_after_create".into(), json!(self.rate_5xx));
        rates.insert("drop".into(), json!(self.rate_drop));
        rates.insert("drop_after_create".into(), json!(self.rate_drop_after));
        json!({
            "latencyMs": self.latency_ms,
            "seed": self.seed,
            "only": match self.scope { Scope::Create => "create", Scope::All => "all" },
            "rates": rates,
            "retryAfterSecs": self.retry_after_secs,
            "status5xx": self.status_5xx,
            "next": self.next.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        })
    }

    /// Picks the fault for one in-scope request: the queue first, then the random rates.
    pub fn pick(&mut self, rng: &mut Rng) -> Option<Fault> {
        if let Some(f) = self.next.pop_front() {
            return if f == Fault::Pass { None } else { Some(f) };
        }
        let total = self.rate_429 + self.rate_5xx + self.rate_drop + self.rate_drop_after;
        if total <= 0.0 {
            return None;
        }
        let x = rng.next_f64();
        let mut edge = self.rate_429;
        if x < edge {
            return Some(Fault::RateLimit);
        }
        edge += self.rate_5xx;
        if x < edge {
            return Some(Fault::ServerErrorAfter);
        }
        edge += self.rate_drop;
        if x < edge {
            return Some(Fault::Drop);
        }
        edge += self.rate_drop_after;
        if x < edge {
            return Some(Fault::DropAfter);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_comes_before_rates_and_pass_is_no_fault() {
        let base = Faults::default();
        let mut f = Faults::from_json(
            &json!({"next": ["429", "none", "drop", "401"], "rates": {"5xx_after_create": 1.0}}),
            &base,
        )
        .unwrap_or_default();
        let mut rng = Rng::new(1);
        assert_eq!(f.pick(&mut rng), Some(Fault::RateLimit));
        assert_eq!(f.pick(&mut rng), None);
        assert_eq!(f.pick(&mut rng), Some(Fault::Drop));
        assert_eq!(f.pick(&mut rng), Some(Fault::Unauthorized));
        assert_eq!(f.pick(&mut rng), Some(Fault::ServerErrorAfter));
    }

    #[test]
    fn refuses_bad_config() {
        let base = Faults::default();
        for bad in [
            json!({"rates": {"429": 2}}),
            json!({"next": ["boom"]}),
            json!({"only": "reads"}),
            json!({"latency": 1}),
            json!({"rates": {"429": 0.6, "drop": 0.6}}),
            json!({"rates": {"401": 0.5}}),
        ] {
            assert!(Faults::from_json(&bad, &base).is_err(), "{bad}");
        }
    }
}
