//! In-memory projects and services, and how a service is rendered at a given time.

use crate::timefmt;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Map, Value};

/// A project and the organization it belongs to.
#[derive(Debug, Clone)]
pub struct Project {
    pub name: String,
    pub organization: String,
    pub services: Vec<Service>,
}

/// Point-in-time recovery window of a service.
#[derive(Debug, Clone, PartialEq)]
pub enum Pitr {
    /// The type has no PITR: the backups answer has no `pitr` object.
    None,
    /// `pitr_range_end` follows the current time (rendered as "now").
    UntilNow { start: Option<DateTime<Utc>> },
    /// `pitr_range_end` is null ("now" by convention).
    OpenEnd { start: Option<DateTime<Utc>> },
    /// Raw value given through the admin API, rendered as is.
    Raw(Value),
}

/// A fork or new service being built.
#[derive(Debug, Clone)]
pub struct Rebuild {
    pub started: DateTime<Utc>,
    pub total_secs: f64,
    pub data_size: u64,
}

#[derive(Debug, Clone)]
pub struct Service {
    /// The public service document without `state`, `node_states` and `backups`
    /// (those are computed), unless `raw` is set.
    pub doc: Map<String, Value>,
    pub backups: Vec<Value>,
    pub pitr: Pitr,
    pub rebuild: Option<Rebuild>,
    /// Added through the admin API: rendered exactly as given.
    pub raw: bool,
}

pub const PHASES: [&str; 4] = ["prepare", "basebackup", "stream", "finalize"];
/// Fraction of the rebuild at which each phase ends.
const PHASE_ENDS: [f64; 4] = [0.1, 0.7, 0.9, 1.0];

impl Service {
    pub fn name(&self) -> &str {
        self.doc
            .get("service_name")
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    pub fn service_type(&self) -> &str {
        self.doc
            .get("service_type")
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    pub fn node_count(&self) -> u64 {
        self.doc
            .get("node_count")
            .and_then(Value::as_u64)
            .unwrap_or(1)
    }

    pub fn user_config(&self) -> Map<String, Value> {
        match self.doc.get("user_config") {
            Some(Value::Object(m)) => m.clone(),
            _ => Map::new(),
        }
    }

    /// Rebuild progress in [0, 1], None when not rebuilding or done.
    fn progress(&self, now: DateTime<Utc>) -> Option<f64> {
        let r = self.rebuild.as_ref()?;
        if r.total_secs <= 0.0 {
            return None;
        }
        let elapsed = (now - r.started).num_milliseconds() as f64 / 1000.0;
        let f = elapsed / r.total_secs;
        if f >= 1.0 {
            None
        } else {
            Some(f.max(0.0))
        }
    }

    fn rebuild_done_at(&self) -> Option<DateTime<Utc>> {
        let r = self.rebuild.as_ref()?;
        Some(r.started + Duration::milliseconds((r.total_secs * 1000.0) as i64))
    }

    pub fn is_rebuilding(&self, now: DateTime<Utc>) -> bool {
        self.progress(now).is_some()
    }

    /// Backups as of `now`: a new service gets its first backup when it is built.
    pub fn backups_at(&self, now: DateTime<Utc>) -> Vec<Value> {
        if self.rebuild.is_some() && self.backups.is_empty() {
            if self.is_rebuilding(now) {
                return Vec::new();
            }
            if let Some(done) = self.rebuild_done_at() {
                return vec![backup_entry(
                    self.service_type(),
                    self.name(),
                    done,
                    0,
                    1_048_576,
                )];
            }
        }
        self.backups.clone()
    }

    /// The `pitr` object of the backups answer as of `now` (None: no PITR for the type).
    pub fn pitr_at(&self, now: DateTime<Utc>) -> Option<Value> {
        let (start, end) = match &self.pitr {
            Pitr::None => return None,
            Pitr::Raw(v) => return Some(v.clone()),
            Pitr::UntilNow { start } => (*start, Some(now)),
            Pitr::OpenEnd { start } => (*start, None),
        };
        // A new service's window opens when its first backup is taken.
        let start = match (start, self.rebuild.is_some()) {
            (None, true) if !self.is_rebuilding(now) => self.rebuild_done_at(),
            (s, _) => s,
        };
        let end = if start.is_none() { None } else { end };
        Some(json!({
            "additional_regions": [],
            "primary_region": {
                "pitr_range_start": start.map(timefmt::offset),
                "pitr_range_end": end.map(timefmt::offset),
            }
        }))
    }

    /// The `{"service": ...}` document as of `now`.
    pub fn render(&self, now: DateTime<Utc>) -> Value {
        let mut doc = self.doc.clone();
        if self.raw {
            if !doc.contains_key("backups") {
                doc.insert("backups".into(), Value::Array(self.backups.clone()));
            }
            return Value::Object(doc);
        }
        let name = self.name().to_string();
        let nodes = self.node_count();
        let (state, node_states) = match self.progress(now) {
            Some(f) => (
                "REBUILDING".to_string(),
                vec![rebuilding_node(
                    &name,
                    self.service_type(),
                    f,
                    self.rebuild.as_ref(),
                )],
            ),
            None => {
                let stored = doc
                    .get("state")
                    .and_then(Value::as_str)
                    .unwrap_or("RUNNING");
                // A finished rebuild is RUNNING; other stored states (POWEROFF...) stay.
                let state = if stored == "REBUILDING" {
                    "RUNNING"
                } else {
                    stored
                };
                let states = (1..=nodes).map(|i| running_node(&name, i)).collect();
                (state.to_string(), states)
            }
        };
        doc.insert("state".into(), json!(state));
        doc.insert("node_states".into(), Value::Array(node_states));
        doc.insert("backups".into(), Value::Array(self.backups_at(now)));
        Value::Object(doc)
    }
}

fn running_node(service: &str, i: u64) -> Value {
    json!({
        "name": format!("{service}-{i}"),
        "state": "running",
        "role": if i == 1 { "master" } else { "standby" },
        "availability_zone": format!("zone-{}", (b'a' + ((i - 1) % 3) as u8) as char),
        "progress_updates": [],
    })
}

/// One node (a multi-node fork shows only its first node until the restore is done).
fn rebuilding_node(service: &str, service_type: &str, f: f64, r: Option<&Rebuild>) -> Value {
    let data_size = r.map(|r| r.data_size).unwrap_or(0).max(1);
    let mut updates = Vec::new();
    let mut phase_start = 0.0;
    let mut node_state = "setting_up_vm";
    for (i, phase) in PHASES.iter().enumerate() {
        let end = PHASE_ENDS[i];
        let local = ((f - phase_start) / (end - phase_start)).clamp(0.0, 1.0);
        let completed = f >= end;
        let stream_unit = if service_type == "mysql" {
            "binlogs"
        } else {
            "wal_lsn"
        };
        let (max, unit) = match *phase {
            "prepare" => (100, "prepare_percent"),
            "basebackup" => (data_size, "bytes_uncompressed"),
            "stream" => (16_777_216, stream_unit),
            _ => (0, ""),
        };
        let current = if completed {
            max
        } else {
            (local * max as f64) as u64
        };
        if f >= phase_start && !completed && *phase != "prepare" {
            node_state = "syncing_data";
        }
        // Aiven: "current/min/max may be missing or null"; finalize has no numbers.
        let update = if unit.is_empty() {
            json!({"phase": phase, "completed": completed, "current": null, "min": null,
                   "max": null, "unit": null})
        } else {
            json!({"phase": phase, "completed": completed, "current": current, "min": 0,
                   "max": max, "unit": unit})
        };
        updates.push(update);
        phase_start = end;
    }
    json!({
        "name": format!("{service}-1"),
        "state": node_state,
        "role": "master",
        "availability_zone": "zone-a",
        "progress_updates": updates,
    })
}

/// A backup entry in Aiven's shape; names satisfy `^[a-zA-Z0-9-_:.]+$`.
pub fn backup_entry(
    service_type: &str,
    service: &str,
    t: DateTime<Utc>,
    index: usize,
    data_size: u64,
) -> Value {
    let stamp = t.format("%Y-%m-%d_%H-%M").to_string();
    let name = match service_type {
        "pg" => format!("{stamp}_{index}.00000000.pghoard"),
        "mysql" => format!("myhoard-{}-{stamp}", index),
        _ => format!("{service}-{}", t.format("%Y%m%dT%H%M%SZ")),
    };
    let mut b = json!({
        "backup_name": name,
        "backup_time": timefmt::offset(t),
        "data_size": data_size,
        "storage_location": "gs://aiven-sandbox-backups-europe-west1",
        "additional_regions": [],
    });
    if service_type == "mysql" {
        b["incremental"] = json!(index % 2 == 1);
    }
    b
}
