//! What a fork will cost: the hourly price of its plan in its cloud, from the plan
//! list Aiven answers (`GET /v1/project/{p}/service-types/{type}/plans`: every plan's
//! `regions` maps a cloud to `{"price_usd": "0.2740", ...}`, the price of one hour
//! in US dollars as decimal text). See docs/fork-rules.md, "Price".
//!
//! Prices stay the text Aiven sent (no float round trip, so `"0.2740"` is shown as
//! `0.2740`); text that is not a plain decimal number is not a price and is dropped.

use serde::Serialize;

use crate::core::context::ForkContext;

/// Longest price text kept (digits and the point); Aiven's are like `0.2740`.
const MAX_PRICE_TEXT: usize = 24;

/// The hourly price of the fork's plan in its cloud.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanPrice {
    /// The fork's plan (the request's, or the source's).
    pub plan: String,
    /// The fork's cloud (the request's, or the source's).
    pub cloud: String,
    /// US dollars per hour, as Aiven wrote it (`"0.2740"`).
    pub hourly_usd: String,
}

/// Whether `text` is a price as Aiven writes one: digits, optionally a point and
/// more digits (`0.2740`, `12`), at most 24 characters.
pub fn is_price_text(text: &str) -> bool {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    text.len() <= MAX_PRICE_TEXT && digits(whole) && fraction.map_or(true, digits)
}

/// The price of `plan` in `cloud` for a fork of `ctx`'s source with `service_type`:
/// `None` when any of them is unknown, when the type is not the source's (the
/// context's plans are the source type's) or when the plan list names no price there.
pub fn price(
    ctx: &ForkContext,
    service_type: Option<&str>,
    plan: Option<&str>,
    cloud: Option<&str>,
) -> Option<PlanPrice> {
    let (plan, cloud) = (plan?, cloud?);
    if service_type? != ctx.source.service_type {
        return None;
    }
    let found = ctx.plans.iter().find(|p| p.name == plan)?;
    let (_, hourly) = found.prices.iter().find(|(c, _)| c == cloud)?;
    Some(PlanPrice {
        plan: plan.to_string(),
        cloud: cloud.to_string(),
        hourly_usd: hourly.clone(),
    })
}
