//! Building the new service: its document from the body and, for a fork, what Aiven
//! copies from the source (configuration, databases, users, connection pools, and
//! tags with `copy_tags`), then the rebuild that brings it to RUNNING.

use super::body::{CreateBody, FORK_KEYS};
use super::check::Origin;
use super::World;
use crate::catalog;
use crate::seed::{base_doc, service_uri, ADMIN_PASSWORD};
use crate::state::{Pitr, Rebuild, Service};
use serde_json::{json, Map, Value};

const DEFAULT_CLOUD: &str = "google-europe-west1";
/// Data size of a new (not forked) service.
const NEW_DATA_SIZE: u64 = 1_048_576;

/// What the new service starts with: from the body alone, or copied from the source.
struct Contents {
    user_config: Map<String, Value>,
    databases: Value,
    users: Value,
    pools: Value,
    tags: Map<String, Value>,
    cloud: Option<String>,
    data_size: u64,
}

/// The new service, REBUILDING from `now`.
pub fn service(
    world: &World<'_>,
    target: &str,
    body: &CreateBody<'_>,
    origin: Option<&Origin<'_>>,
) -> Service {
    let now = world.now;
    let contents = match origin {
        None => new_contents(body),
        Some(origin) => forked_contents(body, origin),
    };
    let cloud = contents.cloud.unwrap_or_else(|| DEFAULT_CLOUD.to_string());
    let mut doc = base_doc(
        target,
        body.name,
        body.service_type,
        body.plan,
        &cloud,
        Value::Object(contents.user_config),
        now,
    );
    doc.insert("state".into(), json!("REBUILDING"));
    doc.insert("tags".into(), Value::Object(contents.tags));
    doc.insert("databases".into(), contents.databases);
    // The URI holds the primary user's password: a fork's is the source's.
    let password = contents
        .users
        .as_array()
        .and_then(|users| {
            users
                .iter()
                .find(|u| u.get("type") == Some(&json!("primary")))
        })
        .and_then(|u| u.get("password"))
        .and_then(Value::as_str)
        .unwrap_or(ADMIN_PASSWORD)
        .to_string();
    doc.insert(
        "service_uri".into(),
        json!(service_uri(body.service_type, body.name, target, &password)),
    );
    doc.insert("users".into(), contents.users);
    doc.insert("connection_pools".into(), contents.pools);
    doc.insert(
        "termination_protection".into(),
        json!(body.termination_protection),
    );
    doc.insert("project_vpc_id".into(), body.project_vpc_id.clone());
    if let Some(d) = body.disk_space_mb {
        doc.insert("disk_space_mb".into(), json!(d));
    }
    doc.insert(
        "service_integrations".into(),
        Value::Array(integrations(body, target)),
    );
    Service {
        doc,
        backups: Vec::new(),
        pitr: if catalog::has_pitr(body.service_type) {
            Pitr::UntilNow { start: None }
        } else {
            Pitr::None
        },
        rebuild: Some(Rebuild {
            started: now,
            total_secs: world.rebuild_secs,
            data_size: contents.data_size,
        }),
        raw: false,
    }
}

/// A new service: the body's configuration and tags, one admin user.
fn new_contents(body: &CreateBody<'_>) -> Contents {
    Contents {
        user_config: body.user_config.clone(),
        databases: Value::Array(Vec::new()),
        users: json!([{"username": "avnadmin", "type": "primary", "password": ADMIN_PASSWORD}]),
        pools: Value::Array(Vec::new()),
        tags: body.tags.clone(),
        cloud: body.cloud.clone(),
        data_size: NEW_DATA_SIZE,
    }
}

/// A fork: the source's configuration without its fork keys (and, for OpenSearch,
/// without SSO, which is bound to the old URLs) under the body's, the source's
/// databases, users and pools, its tags under the body's with `copy_tags`, its cloud
/// unless the body names one, and the size of its latest backup.
fn forked_contents(body: &CreateBody<'_>, origin: &Origin<'_>) -> Contents {
    let mut user_config = origin.source.user_config();
    for key in FORK_KEYS {
        user_config.remove(key);
    }
    if body.service_type == "opensearch" {
        user_config.remove("saml");
        user_config.remove("openid");
    }
    for (k, v) in body.user_config.iter() {
        user_config.insert(k.clone(), v.clone());
    }
    let doc = &origin.source.doc;
    let tags = if body.copy_tags {
        let mut t = match doc.get("tags") {
            Some(Value::Object(m)) => m.clone(),
            _ => Map::new(),
        };
        for (k, v) in body.tags.iter() {
            t.insert(k.clone(), v.clone());
        }
        t
    } else {
        body.tags.clone()
    };
    let cloud = body.cloud.clone().or_else(|| {
        doc.get("cloud_name")
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    let data_size = origin
        .backups
        .last()
        .and_then(|b| b.get("data_size"))
        .and_then(Value::as_u64)
        .unwrap_or(NEW_DATA_SIZE)
        .max(1);
    Contents {
        user_config,
        databases: doc.get("databases").cloned().unwrap_or(json!([])),
        users: doc.get("users").cloned().unwrap_or(json!([])),
        pools: doc.get("connection_pools").cloned().unwrap_or(json!([])),
        tags,
        cloud,
        data_size,
    }
}

/// The body's integrations, with the defaults Aiven fills in.
fn integrations(body: &CreateBody<'_>, target: &str) -> Vec<Value> {
    body.integrations
        .iter()
        .cloned()
        .map(|mut i| {
            if let Value::Object(m) = &mut i {
                m.entry("active").or_insert(json!(true));
                m.entry("enabled").or_insert(json!(true));
                m.entry("source_project").or_insert(json!(target));
                m.entry("dest_project").or_insert(json!(target));
                m.entry("dest_service").or_insert(json!(body.name));
            }
            i
        })
        .collect()
}
