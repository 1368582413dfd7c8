//! Two reads a fork form shows: the clouds a project can use (`GET
//! /v1/project/{p}/clouds`) and the forks of a source already in a project (from
//! `GET /v1/project/{p}/service`), read tolerantly from Aiven's answers.

use crate::core::issue::{cat, Code};
use crate::core::json::Value;
use crate::transport::error::Failure;

/// One cloud a project can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cloud {
    /// `google-europe-west1`: what a fork's `cloud` takes.
    pub cloud_name: String,
    /// Aiven's description (`Europe, Belgium - Google Cloud: Belgium`); the name when absent.
    pub description: String,
    /// Aiven's `geo_region` (`europe`, `north america`, ...); empty when absent.
    pub geo_region: String,
    /// The region for people (`Europe`, `North America`); `Other` when absent.
    pub region_label: String,
    /// The provider (`google`, `aws`, ...); empty when absent.
    pub provider: String,
}

impl Cloud {
    /// `{cloudName, description, geoRegion, regionLabel, provider}`: what JS gets.
    pub fn to_value(&self) -> Value {
        object(&[
            ("cloudName", Value::str(&self.cloud_name)),
            ("description", Value::str(&self.description)),
            ("geoRegion", Value::str(&self.geo_region)),
            ("regionLabel", Value::str(&self.region_label)),
            ("provider", Value::str(&self.provider)),
        ])
    }
}

impl ForkInfo {
    /// `{serviceName, state, inProgress, serviceType, plan, cloudName, createTime}`.
    pub fn to_value(&self) -> Value {
        object(&[
            ("serviceName", Value::str(&self.service_name)),
            ("state", Value::str(&self.state)),
            ("inProgress", Value::Bool(self.in_progress)),
            ("serviceType", Value::str(&self.service_type)),
            ("plan", Value::str(&self.plan)),
            ("cloudName", Value::str(&self.cloud_name)),
            ("createTime", Value::str(&self.create_time)),
        ])
    }
}

fn object(fields: &[(&str, Value)]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect(),
    )
}

/// The items' JS values as one array.
pub fn array_of<T>(items: &[T], to_value: fn(&T) -> Value) -> Value {
    Value::Array(items.iter().map(to_value).collect())
}

/// `north america` → `North America`: each word's first letter upper-cased.
fn region_label(geo_region: &str) -> String {
    let mut out = String::new();
    for word in geo_region.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        // Aiven's regions are ASCII words; anything else is kept as it is.
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.is_empty() {
        out.push_str("Other");
    }
    out
}

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The clouds of a `{"clouds": [...]}` answer, in the API's order; entries without a
/// `cloud_name` are left out. An answer without a `clouds` list is `invalid_response`.
pub fn clouds_of(answer: &Value, project: &str) -> Result<Vec<Cloud>, Failure> {
    let Some(list) = answer.get("clouds").and_then(Value::as_array) else {
        return Err(Failure::new(
            Code::InvalidResponse,
            cat(&[
                "listing the clouds of project ",
                project,
                ": the answer has no clouds list",
            ]),
        ));
    };
    Ok(list
        .iter()
        .filter_map(|c| {
            let cloud_name = text(c, "cloud_name");
            if cloud_name.is_empty() {
                return None;
            }
            let geo_region = text(c, "geo_region");
            let description = match text(c, "cloud_description") {
                d if d.is_empty() => cloud_name.clone(),
                d => d,
            };
            Some(Cloud {
                region_label: region_label(&geo_region),
                cloud_name,
                description,
                geo_region,
                provider: text(c, "provider"),
            })
        })
        .collect())
}

/// A fork of a source found in a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForkInfo {
    pub service_name: String,
    /// `REBUILDING`, `RUNNING`, ...
    pub state: String,
    /// Still being created (`REBUILDING`): a page can follow it to RUNNING.
    pub in_progress: bool,
    pub service_type: String,
    pub plan: String,
    pub cloud_name: String,
    /// Aiven's `create_time`, as sent; empty when absent.
    pub create_time: String,
}

/// The forks of `source` (in `source_project`) among the services of a
/// `{"services": [...]}` answer for `project`: `user_config.service_to_fork_from` is
/// the source and `project_to_fork_from` its project (absent or `project` itself for
/// a source in the same project). Newest first (by `create_time`), then by name.
pub fn forks_of(
    answer: &Value,
    project: &str,
    source: &str,
    source_project: &str,
) -> Result<Vec<ForkInfo>, Failure> {
    let Some(list) = answer.get("services").and_then(Value::as_array) else {
        return Err(Failure::new(
            Code::InvalidResponse,
            cat(&[
                "listing services in project ",
                project,
                ": the answer has no services list",
            ]),
        ));
    };
    let mut forks: Vec<ForkInfo> = list
        .iter()
        .filter(|s| {
            let uc = s.get("user_config").cloned().unwrap_or(Value::Null);
            let from_project = match text(&uc, "project_to_fork_from") {
                p if p.is_empty() => project.to_string(),
                p => p,
            };
            text(&uc, "service_to_fork_from") == source && from_project == source_project
        })
        .map(|s| {
            let state = text(s, "state");
            ForkInfo {
                service_name: text(s, "service_name"),
                in_progress: state == "REBUILDING",
                state,
                service_type: text(s, "service_type"),
                plan: text(s, "plan"),
                cloud_name: text(s, "cloud_name"),
                create_time: text(s, "create_time"),
            }
        })
        .collect();
    // Newest first, then by name (Aiven's create times share one format, so their
    // text orders as their time). An insertion sort: a project holds few forks of one
    // source, and the standard sorts would add kilobytes to the module.
    for i in 1..forks.len() {
        let mut j = i;
        while j > 0 && newer_first(&forks[j], &forks[j - 1]) {
            forks.swap(j, j - 1);
            j -= 1;
        }
    }
    Ok(forks)
}

/// Whether `a` comes before `b`: created later, or at the same time with a smaller name.
fn newer_first(a: &ForkInfo, b: &ForkInfo) -> bool {
    a.create_time > b.create_time
        || (a.create_time == b.create_time && a.service_name < b.service_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json::parse;

    fn json(text: &str) -> Value {
        parse(text).unwrap_or(Value::Null)
    }

    #[test]
    fn reads_clouds_with_region_labels() {
        let answer = json(
            r#"{"clouds":[
              {"cloud_name":"aws-us-east-1","cloud_description":"United States, Virginia - Amazon Web Services: N. Virginia","geo_region":"north america","provider":"aws","geo_latitude":38.0},
              {"cloud_name":"google-europe-west1","geo_region":"europe"},
              {"cloud_description":"no name"},
              {"cloud_name":"upcloud-x"}]}"#,
        );
        let clouds = clouds_of(&answer, "p").unwrap_or_default();
        assert_eq!(
            clouds
                .iter()
                .map(|c| (
                    c.cloud_name.as_str(),
                    c.description.as_str(),
                    c.region_label.as_str()
                ))
                .collect::<Vec<_>>(),
            vec![
                (
                    "aws-us-east-1",
                    "United States, Virginia - Amazon Web Services: N. Virginia",
                    "North America"
                ),
                ("google-europe-west1", "google-europe-west1", "Europe"),
                ("upcloud-x", "upcloud-x", "Other"),
            ]
        );
        assert_eq!(clouds[0].provider, "aws");
        assert!(matches!(clouds_of(&json("{}"), "p"), Err(f) if f.code == Code::InvalidResponse));
    }

    #[test]
    fn finds_the_forks_of_one_source_newest_first() {
        let answer = json(
            r#"{"services":[
              {"service_name":"a","state":"RUNNING","user_config":{"service_to_fork_from":"src"},"create_time":"2026-01-01T00:00:00Z"},
              {"service_name":"b","state":"REBUILDING","user_config":{"service_to_fork_from":"src"},"create_time":"2026-01-02T00:00:00Z"},
              {"service_name":"c","state":"REBUILDING","user_config":{"service_to_fork_from":"src","project_to_fork_from":"other"}},
              {"service_name":"d","state":"REBUILDING","user_config":{"service_to_fork_from":"other-src"}},
              {"service_name":"src","state":"RUNNING","user_config":{}}]}"#,
        );
        let same = forks_of(&answer, "p", "src", "p").unwrap_or_default();
        assert_eq!(
            same.iter()
                .map(|f| (f.service_name.as_str(), f.in_progress))
                .collect::<Vec<_>>(),
            vec![("b", true), ("a", false)]
        );
        let across = forks_of(&answer, "p", "src", "other").unwrap_or_default();
        assert_eq!(across.len(), 1);
        assert_eq!(across[0].service_name, "c");
        assert!(forks_of(&json("[]"), "p", "src", "p").is_err());
    }
}
