//! What a fork of one source can be, before anything is typed: the choices a form
//! offers and the findings about the source that no request can change.
//!
//! [`choices`] answers from a [`ForkContext`] with the same rule functions
//! [`crate::core::validate`] runs, so a form that renders this answer never has to
//! know a rule: which recovery modes exist, which plans are allowed (and the node
//! floor behind a refused one), and the blockers that lock the form.

use serde::Serialize;

use crate::core::context::ForkContext;
use crate::core::issue::Issue;
use crate::core::service_types::{self, RecoveryModes};
use crate::core::validate;

/// One plan of the source's type, as a fork may or may not use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanChoice {
    /// Plan name (`business-4`).
    pub name: String,
    /// Nodes of the plan (0 when the API did not say).
    pub node_count: u32,
    /// The source's own plan.
    pub current: bool,
    /// Whether a fork may use it (false: fewer nodes than the source where the
    /// type forbids that).
    pub allowed: bool,
}

/// The answer of [`choices`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ForkChoices {
    /// The source's API type name (`pg`).
    pub service_type: String,
    /// Its product name (`PostgreSQL`); the type name for a type the library does not know.
    pub product: String,
    /// Findings about the source itself (type not forkable or unknown, persistence
    /// off, no backup): while any is present no request can fork this source. The
    /// same issues `validateFork` reports for any request against this context.
    pub blockers: Vec<Issue>,
    /// The recovery modes a fork of this source can use: the type's, all false for a
    /// type the library does not know and while a blocker stands (nothing to restore
    /// from, so no mode to offer).
    pub recovery: RecoveryModes,
    /// The type's plans in the context's order (empty when the context has none).
    pub plans: Vec<PlanChoice>,
    /// The fewest nodes a fork's plan may have, when the type forbids fewer than the
    /// source (Cassandra, ClickHouse); `None` when any node count is allowed.
    pub min_node_count: Option<u32>,
}

/// The choices a fork of `ctx`'s source has.
pub fn choices(ctx: &ForkContext) -> ForkChoices {
    let src = &ctx.source;
    let spec = service_types::lookup(&src.service_type);
    let mut blockers = Vec::new();
    blockers.extend(validate::type_blocker(&src.service_type));
    blockers.extend(validate::backup_blocker(ctx, spec));
    let plans = ctx
        .plans
        .iter()
        .map(|p| PlanChoice {
            name: p.name.clone(),
            node_count: p.node_count,
            current: p.name == src.plan,
            allowed: !validate::too_few_nodes(spec, p.node_count, src.node_count),
        })
        .collect();
    let none = RecoveryModes {
        latest: false,
        time: false,
        backup: false,
    };
    let recovery = match spec {
        Some(s) if blockers.is_empty() => s.recovery,
        _ => none,
    };
    ForkChoices {
        service_type: src.service_type.clone(),
        product: service_types::product_name(&src.service_type).to_string(),
        blockers,
        recovery,
        plans,
        min_node_count: spec.filter(|s| s.no_fewer_nodes).map(|_| src.node_count),
    }
}
