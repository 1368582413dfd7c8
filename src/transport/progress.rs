//! Progress of a service being built, from `node_states[].progress_updates`.

use serde::Serialize;

use crate::core::json::{Number, Value};

/// One node's progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeProgress {
    /// Node name (`fork-1-1`).
    pub name: String,
    /// Node state (`setting_up_vm`, `syncing_data`, `running`, ...).
    pub state: String,
    /// Current phase (`prepare`, `basebackup`, `stream`, `finalize`, ...): the first
    /// one not completed, else the last one; `None` before any update.
    pub phase: Option<String>,
    /// Percent done of that phase (0–100), `None` when the update has no numbers.
    pub percent: Option<f64>,
}

/// A service's progress as `waitUntilRunning` reports it to `onProgress`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Service state (`REBUILDING`, `RUNNING`, ...).
    pub state: String,
    /// Phase of the least advanced node (`None` when no node reports one).
    pub phase: Option<String>,
    /// Percent of that phase; 100 once the service is RUNNING.
    pub percent: Option<f64>,
    pub nodes: Vec<NodeProgress>,
}

/// Percent of one progress update: `completed` → 100, else
/// `(current - min) / (max - min)`, clamped to 0–100 and floored. The values are
/// integers (Aiven's schema types them so), read exactly; `min` defaults to 0.
pub fn update_percent(update: &Value) -> Option<f64> {
    if update.get("completed").and_then(Value::as_bool) == Some(true) {
        return Some(100.0);
    }
    let int = |k: &str| {
        update
            .get(k)
            .and_then(Value::as_number)
            .and_then(Number::as_i64)
            .map(i128::from)
    };
    let (current, min, max) = (int("current")?, int("min").unwrap_or(0), int("max")?);
    if max <= min {
        return None;
    }
    let percent = ((current - min) * 100).div_euclid(max - min).clamp(0, 100);
    // 0..=100: exact in an f64.
    Some(percent as f64)
}

fn node_progress(node: &Value) -> NodeProgress {
    let text = |k: &str| {
        node.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let updates = node
        .get("progress_updates")
        .and_then(Value::as_array)
        .unwrap_or(&[]);
    let current = updates
        .iter()
        .find(|u| u.get("completed").and_then(Value::as_bool) != Some(true))
        .or(updates.last());
    NodeProgress {
        name: text("name"),
        state: text("state"),
        phase: current
            .and_then(|u| u.get("phase"))
            .and_then(Value::as_str)
            .map(str::to_string),
        percent: current.and_then(update_percent),
    }
}

/// Progress of `service` (the `service` object of a ServiceGet answer).
pub fn progress(service: &Value) -> Progress {
    let state = service
        .get("state")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let nodes: Vec<NodeProgress> = service
        .get("node_states")
        .and_then(Value::as_array)
        .unwrap_or(&[])
        .iter()
        .map(node_progress)
        .collect();
    if state == "RUNNING" {
        let phase = nodes.iter().find_map(|n| n.phase.clone());
        return Progress {
            state,
            phase,
            percent: Some(100.0),
            nodes,
        };
    }
    let lagging = nodes.iter().filter(|n| n.phase.is_some()).min_by(|a, b| {
        let pa = a.percent.unwrap_or(0.0) + phase_rank(a) * 1000.0;
        let pb = b.percent.unwrap_or(0.0) + phase_rank(b) * 1000.0;
        pa.total_cmp(&pb)
    });
    Progress {
        state,
        phase: lagging.and_then(|n| n.phase.clone()),
        percent: lagging.and_then(|n| n.percent),
        nodes,
    }
}

/// Order of Aiven's restore phases, for picking the least advanced node.
fn phase_rank(n: &NodeProgress) -> f64 {
    const ORDER: [&str; 5] = [
        "prepare",
        "basebackup",
        "basebackup_prepare",
        "stream",
        "finalize",
    ];
    n.phase
        .as_deref()
        .and_then(|p| ORDER.iter().position(|o| *o == p))
        .map_or(ORDER.len() as f64, |i| i as f64)
}

/// Whether the service is up.
pub fn is_running(service: &Value) -> bool {
    service.get("state").and_then(Value::as_str) == Some("RUNNING")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json::parse;

    fn v(text: &str) -> Value {
        parse(text).unwrap_or(Value::Null)
    }

    #[test]
    fn percent_of_an_update() {
        assert_eq!(
            update_percent(&v(r#"{"completed":true,"current":1,"max":10}"#)),
            Some(100.0)
        );
        assert_eq!(
            update_percent(&v(r#"{"completed":false,"current":50,"min":0,"max":200}"#)),
            Some(25.0)
        );
        assert_eq!(
            update_percent(&v(r#"{"completed":false,"current":15,"min":10,"max":20}"#)),
            Some(50.0)
        );
        assert_eq!(
            update_percent(&v(r#"{"completed":false,"current":999,"min":0,"max":10}"#)),
            Some(100.0)
        );
        assert_eq!(
            update_percent(&v(r#"{"completed":false,"current":2,"min":3,"max":3}"#)),
            None
        );
        assert_eq!(update_percent(&v(r#"{"completed":false}"#)), None);
        assert_eq!(
            update_percent(&v(r#"{"completed":false,"current":2,"min":0,"max":3}"#)),
            Some(66.0)
        );
    }

    #[test]
    fn reports_the_least_advanced_node() {
        let svc = v(r#"{"state":"REBUILDING","node_states":[
            {"name":"f-1","state":"syncing_data","progress_updates":[
                {"phase":"prepare","completed":true},
                {"phase":"basebackup","completed":true},
                {"phase":"stream","completed":false,"current":30,"min":0,"max":100,"unit":"bytes_uncompressed"},
                {"phase":"finalize","completed":false}]},
            {"name":"f-2","state":"syncing_data","progress_updates":[
                {"phase":"prepare","completed":true},
                {"phase":"basebackup","completed":false,"current":10,"min":0,"max":40,"unit":"bytes_compressed"}]}]}"#);
        let p = progress(&svc);
        assert_eq!(p.state, "REBUILDING");
        assert_eq!(p.phase.as_deref(), Some("basebackup"));
        assert_eq!(p.percent, Some(25.0));
        assert_eq!(
            p.nodes,
            vec![
                NodeProgress {
                    name: "f-1".into(),
                    state: "syncing_data".into(),
                    phase: Some("stream".into()),
                    percent: Some(30.0),
                },
                NodeProgress {
                    name: "f-2".into(),
                    state: "syncing_data".into(),
                    phase: Some("basebackup".into()),
                    percent: Some(25.0),
                },
            ]
        );
    }

    #[test]
    fn running_is_one_hundred_percent() {
        let svc = v(
            r#"{"state":"RUNNING","node_states":[{"name":"a","state":"running","progress_updates":[{"phase":"finalize","completed":true}]}]}"#,
        );
        let p = progress(&svc);
        assert!(is_running(&svc));
        assert_eq!(
            (p.phase.as_deref(), p.percent),
            (Some("finalize"), Some(100.0))
        );
    }

    #[test]
    fn no_updates_yet() {
        let p = progress(&v(
            r#"{"state":"REBUILDING","node_states":[{"name":"a","state":"setting_up_vm"}]}"#,
        ));
        assert_eq!((p.phase, p.percent), (None, None));
        assert_eq!(p.nodes.len(), 1);
        let p = progress(&v(r#"{"state":"REBUILDING"}"#));
        assert_eq!(p.nodes, vec![]);
        assert!(!is_running(&v(r#"{"state":"REBUILDING"}"#)));
    }
}
