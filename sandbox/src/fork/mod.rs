//! `POST /v1/project/{p}/service`: create a service, or fork one when
//! `user_config.service_to_fork_from` is set. The fork rules here are the sandbox's own
//! (`docs/fork-rules.md`), independent of the library's validation.
//!
//! One step per file, in the order the API answers: [`body`] reads the ServiceCreate
//! body (a known type Aiven still offers, a plan of it), [`check`] checks the target
//! project, the fork keys and the fork against its source, [`document`] builds the new
//! service.

mod body;
mod check;
mod document;

#[cfg(test)]
pub(crate) use body::check_user_config;

use crate::error::ApiResult;
use crate::state::Project;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

/// What a token may see, and the projects.
pub struct World<'a> {
    pub projects: &'a mut Vec<Project>,
    pub member: &'a dyn Fn(&str) -> bool,
    pub now: DateTime<Utc>,
    pub rebuild_secs: f64,
}

/// Validates a ServiceCreate body and creates the service; answers `{"service": ...}`.
pub fn create(world: World<'_>, target: &str, body: &Value) -> ApiResult<Value> {
    let body = body::CreateBody::read(body)?;
    check::name_free(&world, target, body.name)?;
    check::fork_keys(&body)?;
    let origin = check::fork(&world, target, &body)?;
    let service = document::service(&world, target, &body, origin.as_ref());
    let rendered = service.render(world.now);
    if let Some(p) = world.projects.iter_mut().find(|p| p.name == target) {
        p.services.push(service);
    }
    Ok(json!({ "service": rendered }))
}
