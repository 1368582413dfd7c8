//! Checking a create against the world: the target project and the name, the fork
//! keys for the type, and a fork against its source (same organization, same type,
//! backups, the recovery target, node count).

use super::body::{check_user_config, valid_backup_name, valid_name, CreateBody, FORK_KEYS};
use super::World;
use crate::catalog;
use crate::error::{ApiError, ApiResult};
use crate::state::{Project, Service};
use crate::timefmt;
use chrono::{DateTime, Utc};
use serde_json::Value;

/// The source of a checked fork and its backups at the time of the fork.
pub struct Origin<'w> {
    pub source: &'w Service,
    pub backups: Vec<Value>,
}

/// The target project is visible to the token and has no service named `name`.
pub fn name_free(world: &World<'_>, target: &str, name: &str) -> ApiResult<()> {
    let target_services = &world
        .projects
        .iter()
        .find(|p| p.name == target)
        .ok_or_else(ApiError::not_member)?
        .services;
    if target_services.iter().any(|s| s.name() == name) {
        return Err(ApiError::new(
            409,
            "Service name is already in use in this project",
        ));
    }
    Ok(())
}

/// The fork keys the type has, then the whole `user_config` against the schema, then
/// the names the fork keys hold.
pub fn fork_keys(body: &CreateBody<'_>) -> ApiResult<()> {
    let (service_type, uc) = (body.service_type, &body.user_config);
    // Clear messages for fork keys before the generic unknown-key check.
    let present: Vec<&str> = FORK_KEYS
        .iter()
        .copied()
        .filter(|k| uc.get(*k).is_some_and(|v| !v.is_null()))
        .collect();
    if !present.is_empty() && !catalog::forkable(service_type) {
        return Err(ApiError::bad_request(format!(
            "Service type {service_type} does not support forking"
        )));
    }
    for key in ["recovery_target_time", "recovery_basebackup_name"] {
        if present.contains(&key) && !catalog::has_key(service_type, key) {
            return Err(ApiError::bad_request(format!(
                "{key} is not supported for service type {service_type}"
            )));
        }
    }
    check_user_config(service_type, uc)?;
    for key in ["service_to_fork_from", "project_to_fork_from"] {
        if let Some(v) = uc.get(key).and_then(Value::as_str) {
            let max = if key == "project_to_fork_from" {
                63
            } else {
                64
            };
            if !v.is_empty() && !valid_name(v, max) {
                return Err(ApiError::bad_request(format!(
                    "Invalid user_config.{key}: '{v}' is not a valid name"
                )));
            }
        }
    }
    if let Some(b) = body.fork_key("recovery_basebackup_name") {
        if !valid_backup_name(b, service_type) {
            return Err(ApiError::bad_request(format!(
                "Invalid user_config.recovery_basebackup_name: '{b}' is not a valid backup name"
            )));
        }
    }
    Ok(())
}

/// `None` for a plain create (no other fork key may be set then); for a fork, the
/// source it may be restored from.
pub fn fork<'w>(
    world: &'w World<'_>,
    target: &str,
    body: &CreateBody<'_>,
) -> ApiResult<Option<Origin<'w>>> {
    let Some(source_name) = body.fork_key("service_to_fork_from") else {
        for key in FORK_KEYS {
            if body.fork_key(key).is_some() {
                return Err(ApiError::bad_request(format!(
                    "{key} requires service_to_fork_from"
                )));
            }
        }
        return Ok(None);
    };
    let source_project = body.fork_key("project_to_fork_from").unwrap_or(target);
    if source_project != target {
        same_organization(world, source_project, target)?;
    }
    let source = find(world.projects, source_project, source_name)
        .ok_or_else(|| ApiError::service_not_found(source_name))?;
    let backups = restorable(world.now, source, source_name, body.service_type)?;
    if let Some(t) = body.fork_key("recovery_target_time") {
        recovery_time(world.now, source, source_name, t)?;
    }
    if let Some(b) = body.fork_key("recovery_basebackup_name") {
        named_backup(&backups, source_name, b)?;
    }
    if catalog::keeps_node_count(body.service_type) && body.plan_nodes < source.node_count() {
        return Err(ApiError::bad_request(format!(
            "Plan {} has {} node(s), fewer than the {} nodes of {source_name}: {} forks cannot have fewer nodes",
            body.plan,
            body.plan_nodes,
            source.node_count(),
            body.service_type
        )));
    }
    Ok(Some(Origin { source, backups }))
}

fn find<'a>(projects: &'a [Project], project: &str, service: &str) -> Option<&'a Service> {
    projects
        .iter()
        .find(|p| p.name == project)?
        .services
        .iter()
        .find(|s| s.name() == service)
}

/// A cross-project fork: the token sees the source project, and both projects are in
/// the same organization.
fn same_organization(world: &World<'_>, source_project: &str, target: &str) -> ApiResult<()> {
    if !(world.member)(source_project) {
        return Err(ApiError::not_member());
    }
    let org_of = |p: &str| {
        world
            .projects
            .iter()
            .find(|x| x.name == p)
            .map(|x| x.organization.clone())
    };
    match (org_of(source_project), org_of(target)) {
        (Some(a), Some(b)) if a == b => Ok(()),
        (Some(_), Some(_)) => Err(ApiError::new(
            403,
            format!(
                "Project {source_project} belongs to another organization: forking across organizations is not allowed"
            ),
        )),
        _ => Err(ApiError::not_member()),
    }
}

/// The source has the fork's type, persistence on and at least one backup; its
/// backups at `now`.
fn restorable(
    now: DateTime<Utc>,
    source: &Service,
    source_name: &str,
    service_type: &str,
) -> ApiResult<Vec<Value>> {
    if source.service_type() != service_type {
        return Err(ApiError::bad_request(format!(
            "Service type mismatch: {source_name} is {}, not {service_type}",
            source.service_type()
        )));
    }
    if let Some(pkey) = catalog::persistence_key(service_type) {
        if source.user_config().get(pkey).and_then(Value::as_str) == Some("off") {
            return Err(ApiError::bad_request(format!(
                "Cannot fork {source_name}: {pkey} is off, so the service has no backups"
            )));
        }
    }
    let backups = source.backups_at(now);
    if backups.is_empty() {
        return Err(ApiError::bad_request(format!(
            "Service {source_name} has no backups to fork from"
        )));
    }
    Ok(backups)
}

/// `recovery_target_time` is a time, not in the future, inside the source's PITR
/// window (an open end is now).
fn recovery_time(
    now: DateTime<Utc>,
    source: &Service,
    source_name: &str,
    t: &str,
) -> ApiResult<()> {
    let at = timefmt::parse(t)
        .ok_or_else(|| ApiError::bad_request(format!("Invalid recovery_target_time '{t}'")))?;
    if at > now {
        return Err(ApiError::bad_request(format!(
            "recovery_target_time {} is in the future",
            timefmt::offset(at)
        )));
    }
    let window = source.pitr_at(now);
    let range = window.as_ref().and_then(|w| w.get("primary_region"));
    let bound = |key: &str| {
        range
            .and_then(|r| r.get(key))
            .and_then(Value::as_str)
            .and_then(timefmt::parse)
    };
    let end = bound("pitr_range_end").unwrap_or(now);
    let Some(start) = bound("pitr_range_start") else {
        return Err(ApiError::bad_request(format!(
            "Service {source_name} has no point-in-time recovery backup yet"
        )));
    };
    if at < start || at > end {
        return Err(ApiError::bad_request(format!(
            "recovery_target_time {} is outside the recovery window {} - {}",
            timefmt::offset(at),
            timefmt::offset(start),
            timefmt::offset(end)
        )));
    }
    Ok(())
}

/// `recovery_basebackup_name` names one of the source's backups.
fn named_backup(backups: &[Value], source_name: &str, name: &str) -> ApiResult<()> {
    let found = backups
        .iter()
        .any(|x| x.get("backup_name").and_then(Value::as_str) == Some(name));
    if !found {
        return Err(ApiError::bad_request(format!(
            "Backup {name} does not exist for service {source_name}"
        )));
    }
    Ok(())
}
