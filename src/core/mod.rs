//! The fork rules, pure Rust. Nothing here knows about JavaScript or reads a clock.
//!
//! Public contract used by `transport`, `bindings` and the tests:
//!
//! * [`json::Value`] — an ordered JSON value; every input (request, context, user
//!   config) arrives as a `Value` or a [`json::Doc`] (a parsed text or JavaScript's
//!   input tape) and is checked field by field, so wrong shapes become
//!   [`issue::Issue`]s with stable codes instead of deserialisation panics.
//! * [`issue`] — the stable error and warning codes and the [`issue::Issue`] every
//!   rule reports; every message passes [`shapes::visible`] on its way in.
//! * [`service_types`] — the service-type table: fork keys, recovery modes, node and
//!   persistence rules, retired types.
//! * [`request::ForkRequest::from_value`] — parse a camelCase request object.
//! * [`context::ForkContext`] — what is known about the source (service, backups,
//!   PITR window, plans, names taken); built from Aiven API responses or from a
//!   camelCase object.
//! * [`validate::validate`] — every rule; returns a [`validate::Report`].
//! * [`shapes`] — the shapes Aiven defines for plan and cloud names and tags, and how
//!   messages show text they repeat (`quoted`, `visible`).
//! * [`time`] — recovery times: every shape accepted, the one UTC form sent, the one
//!   form people read (`format_people`).
//! * [`choices::choices`] — what a fork of one source may be (modes, plans) and the
//!   blockers no request can get past; what a form renders instead of knowing rules.
//! * [`price`] — the hourly price of the fork's plan in its cloud, from the plan list.
//! * [`payload::build`] — the exact ServiceCreate call, or the report's errors.
//! * [`equivalents::equivalents`] — the same fork as `avn` / curl / Terraform.
//! * [`base_url::BaseUrl`] — the API base URL check (https, or http to loopback),
//!   used by the transport and by the equivalents.
//! * [`text`] — substring search and replacement for messages, without std's
//!   substring searcher (it costs several KB of the WebAssembly module).
//! * [`num`] — JSON numbers kept as their text, integers read exactly from the
//!   digits, integer digits written; no float parsing or formatting anywhere.

pub mod base_url;
pub mod choices;
pub mod context;
pub mod equivalents;
pub mod issue;
pub mod json;
pub mod num;
pub mod payload;
pub mod price;
pub mod request;
pub mod service_types;
pub mod shapes;
pub mod text;
pub mod time;
pub mod validate;
