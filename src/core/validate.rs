//! Every fork rule (`docs/fork-rules.md`) as a small function; [`Report`] collects them.

use serde::Serialize;

use crate::core::issue::{Issue, Warning};
use crate::core::price::PlanPrice;

/// A value the rules filled in from the context (`serviceType`, `plan`, `cloud`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Defaults {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud: Option<String>,
}

/// Something the fork will not carry over, named (`{kind: "integration", name: "..."}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotCopied {
    /// `integration`, `sso`, `tags`.
    pub kind: &'static str,
    /// What exactly (`metrics -> grafana-1`, `saml`, `env=prod`...).
    pub name: String,
}

/// The outcome of validation: `ok` iff `errors` is empty.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub ok: bool,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Warning>,
    pub not_copied: Vec<NotCopied>,
    pub defaults: Defaults,
    /// The hourly price of the fork's plan in its cloud, when the context's plan list
    /// has it (absent without a context or a price).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<PlanPrice>,
}

use crate::core::context::ForkContext;
use crate::core::issue::{cat, Code, WarningCode};
use crate::core::json::Value;
use crate::core::num::push_u64;
use crate::core::price;
use crate::core::request::{ForkRequest, Recovery, MAX_PROJECT, MAX_SERVICE_NAME};
use crate::core::service_types::{self, ServiceTypeSpec};
use crate::core::shapes::{self, quoted};
use crate::core::time::{self, format_people, Seconds, Timestamp};

fn num(n: u64) -> String {
    let mut s = String::new();
    push_u64(&mut s, n);
    s
}

/// "1 node", "3 nodes".
fn nodes(n: u32) -> String {
    let mut s = num(u64::from(n));
    s.push_str(if n == 1 { " node" } else { " nodes" });
    s
}

/// `^[a-z][-a-z0-9]{0,63}$`: Aiven's service-name pattern with at most `max`
/// characters ([`MAX_SERVICE_NAME`] for services, [`MAX_PROJECT`] for projects).
pub fn is_valid_name(name: &str, max: usize) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= max
        && b[0].is_ascii_lowercase()
        && b[1..]
            .iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// "PostgreSQL and MySQL": the offered products with point-in-time recovery.
fn pitr_products() -> String {
    let names: Vec<&str> = service_types::all()
        .iter()
        .filter(|t| t.offered_for_forks() && t.recovery.time)
        .map(|t| t.product)
        .collect();
    let mut out = String::new();
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == names.len() { " and " } else { ", " });
        }
        out.push_str(n);
    }
    out
}

/// The values validation works with after defaults are applied.
struct Effective<'a> {
    service_type: Option<&'a str>,
    plan: Option<&'a str>,
    spec: Option<&'static ServiceTypeSpec>,
    source_project: &'a str,
    cross_project: bool,
}

/// The errors, warnings and not-copied items found so far, in the report they end
/// up in (`ok` is derived at the end).
struct Findings {
    report: Report,
}

impl Findings {
    fn err(&mut self, code: Code, field: &str, message: String) {
        self.report.errors.push(Issue::new(code, field, message));
    }

    fn warn(&mut self, code: WarningCode, field: &str, message: String) {
        self.report
            .warnings
            .push(Warning::new(code, field, message));
    }

    /// A warning that says no more than the `notCopied` items it comes with.
    fn warn_listed(&mut self, code: WarningCode, field: &str, message: String) {
        let mut w = Warning::new(code, field, message);
        w.listed_in_not_copied = true;
        self.report.warnings.push(w);
    }

    fn not_copied(&mut self, kind: &'static str, name: String) {
        self.report.not_copied.push(NotCopied { kind, name });
    }

    fn has(&self, code: Code) -> bool {
        self.report.errors.iter().any(|e| e.code == code)
    }
}

fn empty_report() -> Report {
    Report {
        ok: true,
        errors: Vec::new(),
        warnings: Vec::new(),
        not_copied: Vec::new(),
        defaults: Defaults {
            service_type: None,
            plan: None,
            cloud: None,
        },
        price: None,
    }
}

/// Run every rule. Without a context only the static rules run (names, type
/// support, recovery mode, time shape, time not in the future); with one, every rule
/// of `docs/fork-rules.md` runs and missing `serviceType`/`plan`/`cloud` default to the
/// source's (reported in `defaults`).
pub fn validate(req: &ForkRequest, ctx: Option<&ForkContext>, now: Timestamp) -> Report {
    let mut out = Findings {
        report: empty_report(),
    };
    let eff = effective(req, ctx, &mut out);
    check_names(req, &eff, &mut out);
    check_shapes(req, &eff, ctx, &mut out);
    check_type(&eff, ctx.is_some(), &mut out);
    check_recovery(req, &eff, ctx, now, &mut out);
    if let Some(ctx) = ctx {
        check_context_source(req, &eff, ctx, &mut out);
        check_backups(&eff, ctx, &mut out);
        check_plan(&eff, ctx, &mut out);
        check_name_taken(req, ctx, &mut out);
        warn_not_copied(req, &eff, ctx, &mut out);
        warn_source_state(&eff, ctx, &mut out);
        let cloud = req
            .cloud
            .as_deref()
            .or(Some(ctx.source.cloud_name.as_str()));
        out.report.price = price::price(ctx, eff.service_type, eff.plan, cloud);
    }
    if eff.cross_project {
        out.warn(
            WarningCode::CrossProjectFork,
            "source.project",
            cat(&[
                "forking across projects (from ",
                eff.source_project,
                " into ",
                &req.project,
                ") works only when both projects are in the same organization; Aiven decides",
            ]),
        );
    }
    out.report.ok = out.report.errors.is_empty();
    out.report
}

/// Read a camelCase request and run [`validate`]; shape errors end up in the report.
pub fn validate_value(v: &Value, ctx: Option<&ForkContext>, now: Timestamp) -> Report {
    match ForkRequest::from_value(v) {
        Ok(req) => validate(&req, ctx, now),
        Err(errors) => {
            let mut r = empty_report();
            r.ok = false;
            r.errors = errors;
            r
        }
    }
}

/// Request fields a source's context fills in when they are missing (see
/// [`Defaults`]): before the context is read, their absence is not an error yet.
const FROM_SOURCE: [&str; 3] = ["serviceType", "plan", "cloud"];

/// The errors of a request that no source can fix: every finding of the static
/// rules ([`validate_value`] without a context) except a missing `serviceType`,
/// `plan` or `cloud`, which the source's context supplies. Empty means the source
/// is worth reading; otherwise nothing needs to be read or sent.
pub fn errors_before_context(v: &Value, now: Timestamp) -> Vec<Issue> {
    report_before_context(v, now).errors
}

/// The report of the static rules with the errors of [`errors_before_context`]: what
/// can be said about a request before its source is read.
pub fn report_before_context(v: &Value, now: Timestamp) -> Report {
    let mut report = validate_value(v, None, now);
    report
        .errors
        .retain(|i| !(i.code == Code::MissingField && FROM_SOURCE.contains(&i.field.as_str())));
    report.ok = report.errors.is_empty();
    report
}

/// Apply the context's defaults for type, plan and cloud.
fn effective<'a>(
    req: &'a ForkRequest,
    ctx: Option<&'a ForkContext>,
    out: &mut Findings,
) -> Effective<'a> {
    let src = ctx.map(|c| &c.source);
    let pick = |given: &'a Option<String>,
                fallback: Option<&'a str>|
     -> (Option<&'a str>, Option<String>) {
        match (given, fallback) {
            (Some(g), _) => (Some(g.as_str()), None),
            (None, Some(f)) if !f.is_empty() => (Some(f), Some(f.to_string())),
            _ => (None, None),
        }
    };
    let (service_type, d_type) = pick(&req.service_type, src.map(|s| s.service_type.as_str()));
    let (plan, d_plan) = pick(&req.plan, src.map(|s| s.plan.as_str()));
    let (_, d_cloud) = pick(&req.cloud, src.map(|s| s.cloud_name.as_str()));
    out.report.defaults = Defaults {
        service_type: d_type,
        plan: d_plan,
        cloud: d_cloud,
    };
    let source_project = req.source.project.as_deref().unwrap_or(&req.project);
    Effective {
        service_type,
        plan,
        spec: service_type.and_then(service_types::lookup),
        source_project,
        cross_project: source_project != req.project,
    }
}

// The messages of `check_names` spell the limits out ("1-64", "1-63"): a change of a
// limit must change them too.
const _: () = assert!(MAX_SERVICE_NAME == 64 && MAX_PROJECT == 63);

/// Rule 3 (static part): valid names, and not the source's own name in its project.
fn check_names(req: &ForkRequest, eff: &Effective, out: &mut Findings) {
    if !is_valid_name(&req.service_name, MAX_SERVICE_NAME) {
        out.err(
            Code::InvalidServiceName,
            "serviceName",
            cat(&[
                "service name ",
                &quoted(&req.service_name),
                " is not valid: use 1-64 lower-case letters, digits and dashes, starting with a letter",
            ]),
        );
    }
    if !is_valid_name(&req.source.service, MAX_SERVICE_NAME) {
        out.err(
            Code::InvalidServiceName,
            "source.service",
            cat(&[
                "source service name ",
                &quoted(&req.source.service),
                " is not valid: service names are 1-64 lower-case letters, digits and dashes, starting with a letter",
            ]),
        );
    }
    // The target project goes into the call's path: a name like `..` would make a
    // URL parser resolve the create call to another endpoint.
    if !is_valid_name(&req.project, MAX_PROJECT) {
        out.err(
            Code::InvalidProjectName,
            "project",
            cat(&[
                "project name ",
                &quoted(&req.project),
                " is not valid: project names are 1-63 lower-case letters, digits and dashes, starting with a letter",
            ]),
        );
    }
    if let Some(p) = &req.source.project {
        if !is_valid_name(p, MAX_PROJECT) {
            out.err(
                Code::InvalidProjectName,
                "source.project",
                cat(&[
                    "source project name ",
                    &quoted(p),
                    " is not valid: project names are 1-63 lower-case letters, digits and dashes, starting with a letter",
                ]),
            );
        }
    }
    if !eff.cross_project && req.service_name == req.source.service {
        out.err(
            Code::NameEqualsSource,
            "serviceName",
            cat(&[
                "the fork needs a new name: ",
                &quoted(&req.service_name),
                " is the source service in the same project",
            ]),
        );
    }
}

/// The shapes Aiven defines: plan and cloud names (given, or the source's taken as
/// defaults) and tag keys and values.
fn check_shapes(req: &ForkRequest, eff: &Effective, ctx: Option<&ForkContext>, out: &mut Findings) {
    if let Some(issue) = eff.plan.and_then(shapes::plan_issue) {
        out.report.errors.push(issue);
    }
    let cloud = match (&req.cloud, ctx) {
        (Some(c), _) => Some(c.as_str()),
        (None, Some(ctx)) if !ctx.source.cloud_name.is_empty() => {
            Some(ctx.source.cloud_name.as_str())
        }
        _ => None,
    };
    if let Some(issue) = cloud.and_then(shapes::cloud_issue) {
        out.report.errors.push(issue);
    }
    if let Some(tags) = &req.tags {
        out.report.errors.extend(shapes::tag_issues(tags));
    }
}

/// Rule 2 (static part): a known, forkable type; without a context type and plan
/// must be given because nothing can default them.
fn check_type(eff: &Effective, has_ctx: bool, out: &mut Findings) {
    match (eff.service_type, eff.spec) {
        (None, _) => out.err(
            Code::MissingField,
            "serviceType",
            "serviceType is required when the source is not known (no context to take it from)"
                .to_string(),
        ),
        (Some(t), _) => out.report.errors.extend(type_blocker(t)),
    }
    if eff.plan.is_none() {
        let m = if has_ctx {
            "plan is required: the source's plan is not known"
        } else {
            "plan is required when the source is not known (no context to take it from)"
        };
        out.err(Code::MissingField, "plan", m.to_string());
    }
}

/// An unknown, retired or unforkable service type (field `serviceType`): no fork of it
/// can exist.
pub(crate) fn type_blocker(service_type: &str) -> Option<Issue> {
    match service_types::lookup(service_type) {
        None => Some(Issue::new(
            Code::UnknownServiceType,
            "serviceType",
            cat(&[
                "unknown service type ",
                &quoted(service_type),
                "; forkable types are ",
                &service_types::forkable_names(),
            ]),
        )),
        Some(ServiceTypeSpec {
            product,
            retired: Some(r),
            ..
        }) => {
            let when = if r.no_new_services_since == r.end_of_life {
                cat(&[
                    "no new services since ",
                    r.end_of_life,
                    ", when every service was ",
                    r.services_were,
                ])
            } else {
                cat(&[
                    "no new services since ",
                    r.no_new_services_since,
                    ", and every service was ",
                    r.services_were,
                    " on ",
                    r.end_of_life,
                ])
            };
            // The product's name only: the one name pages show for a type.
            Some(Issue::new(
                Code::ServiceTypeRetired,
                "serviceType",
                cat(&[
                    product,
                    " is retired at Aiven: ",
                    &when,
                    "; a fork would be a new service",
                ]),
            ))
        }
        Some(spec) if !spec.forkable => Some(Issue::new(
            Code::ServiceTypeNotForkable,
            "serviceType",
            cat(&[
                spec.product,
                " services cannot be forked: Aiven has no fork support for this type",
            ]),
        )),
        Some(_) => None,
    }
}

/// Rules 4 and 5: recovery mode supported by the type, backup name shape, time
/// shape, not in the future and inside the PITR window; named backup exists.
fn check_recovery(
    req: &ForkRequest,
    eff: &Effective,
    ctx: Option<&ForkContext>,
    now: Timestamp,
    out: &mut Findings,
) {
    // A known type no fork can be made of is reported once, as such.
    if eff.spec.is_some_and(|s| !s.offered_for_forks()) {
        return;
    }
    let forkable_spec = eff.spec;
    match &req.recovery {
        Recovery::Latest => {}
        Recovery::Time(text) => {
            if let Some(spec) = forkable_spec {
                if !spec.recovery.time {
                    out.err(
                        Code::RecoveryTimeUnsupported,
                        "recovery.time",
                        cat(&[
                            spec.product,
                            " forks cannot restore to a point in time; point-in-time recovery is for ",
                            &pitr_products(),
                            if spec.recovery.backup {
                                " (use the latest backup or a named backup)"
                            } else {
                                " (the fork uses the latest backup)"
                            },
                        ]),
                    );
                    return;
                }
            }
            let parsed = match time::parse(text) {
                Ok(p) => p,
                Err(e) => {
                    out.report.errors.push(e);
                    return;
                }
            };
            // Times in messages are written for people (`2025-07-01 15:16:22 UTC`);
            // the one given is shown exactly, to the microsecond when it has them.
            let shown = format_people(parsed.at, 0, Seconds::Exact);
            if parsed.zoneless {
                out.warn(
                    WarningCode::TimeWithoutZone,
                    "recovery.time",
                    cat(&["the time has no zone and is read as UTC: ", &shown]),
                );
            }
            if parsed.truncated {
                out.warn(
                    WarningCode::TimePrecisionTruncated,
                    "recovery.time",
                    cat(&["digits beyond microseconds were dropped: ", &shown]),
                );
            }
            if parsed.at > now {
                out.err(
                    Code::RecoveryTimeInFuture,
                    "recovery.time",
                    cat(&[
                        "recovery time ",
                        &shown,
                        " is in the future (now is ",
                        &format_people(now, 0, Seconds::Down),
                        ")",
                    ]),
                );
                return;
            }
            if let Some(ctx) = ctx {
                check_window(parsed.at, &shown, ctx, now, out);
            }
        }
        Recovery::Backup(name) => {
            if let Some(spec) = forkable_spec {
                if !spec.recovery.backup {
                    let alt = if spec.recovery.time {
                        " (use the latest transaction or a point in time)"
                    } else {
                        " (the fork uses the latest backup)"
                    };
                    out.err(
                        Code::BasebackupUnsupported,
                        "recovery.name",
                        cat(&[spec.product, " forks cannot choose a named backup", alt]),
                    );
                    return;
                }
            }
            let pattern_ok = match forkable_spec {
                Some(spec) => spec.backup_name_ok(name),
                None => service_types::lookup("pg").is_some_and(|s| s.backup_name_ok(name)),
            };
            if !pattern_ok {
                let plus = if forkable_spec.is_some_and(|s| s.backup_name_extra_chars.contains('+'))
                {
                    " and +"
                } else {
                    ""
                };
                out.err(
                    Code::InvalidBackupName,
                    "recovery.name",
                    cat(&[
                        "backup name ",
                        &quoted(name),
                        " is not valid: use letters, digits, - _ : .",
                        plus,
                    ]),
                );
                return;
            }
            if let Some(ctx) = ctx {
                if !ctx.backups.is_empty() && !ctx.backups.iter().any(|b| &b.backup_name == name) {
                    let latest = ctx.backups.iter().max_by_key(|b| b.backup_time);
                    let mut m = cat(&["the source has no backup named ", &quoted(name)]);
                    if let Some(l) = latest {
                        m.push_str("; the latest backup is ");
                        m.push_str(&quoted(&l.backup_name));
                    }
                    out.err(Code::BasebackupNotFound, "recovery.name", m);
                }
            }
        }
    }
}

/// Rule 4: the time lies in the PITR window (`end` null means now; `start` null
/// means there is no PITR backup yet). Without PITR data the window is from the
/// first backup to now.
fn check_window(at: Timestamp, shown: &str, ctx: &ForkContext, now: Timestamp, out: &mut Findings) {
    let first_backup = ctx.backups.iter().map(|b| b.backup_time).min();
    let (start, end) = match &ctx.pitr {
        Some(w) => (w.start, w.end),
        None => (first_backup, None),
    };
    let Some(start) = start else {
        if ctx.backups.is_empty() {
            // Reported once as source_has_no_backup.
            return;
        }
        out.err(
            Code::RecoveryTimeOutOfRange,
            "recovery.time",
            cat(&[
                "recovery time ",
                shown,
                " cannot be used yet: the source has no point-in-time backup (try again after its first backup, or fork from the latest transaction)",
            ]),
        );
        return;
    };
    let end_t = end.unwrap_or(now);
    if at < start || at > end_t {
        // The window in whole seconds, rounded inwards: every time shown inside it is in it.
        let end_text = match end {
            Some(e) => format_people(e, 0, Seconds::Down),
            None => "now".to_string(),
        };
        out.err(
            Code::RecoveryTimeOutOfRange,
            "recovery.time",
            cat(&[
                "recovery time ",
                shown,
                " is outside the backup window ",
                &format_people(start, 0, Seconds::Up),
                " to ",
                &end_text,
            ]),
        );
    }
}

/// The context must describe the requested source; rule 2 (same type).
fn check_context_source(req: &ForkRequest, eff: &Effective, ctx: &ForkContext, out: &mut Findings) {
    let src = &ctx.source;
    if src.service_name != req.source.service
        || (!src.project.is_empty() && src.project != eff.source_project)
    {
        out.err(
            Code::InvalidValue,
            "source.service",
            cat(&[
                "the context describes ",
                &src.project,
                "/",
                &src.service_name,
                ", not the requested source ",
                eff.source_project,
                "/",
                &req.source.service,
            ]),
        );
    }
    if let Some(t) = &req.service_type {
        if *t != src.service_type {
            out.err(
                Code::ServiceTypeMismatch,
                "serviceType",
                cat(&[
                    "a fork has the source's type: the source is ",
                    &src.service_type,
                    ", not ",
                    t,
                ]),
            );
        }
    }
}

/// Rules 1 and 7: at least one backup; persistence-off services have none.
fn check_backups(eff: &Effective, ctx: &ForkContext, out: &mut Findings) {
    let spec = service_types::lookup(&ctx.source.service_type).or(eff.spec);
    out.report.errors.extend(backup_blocker(ctx, spec));
}

/// Why the source has nothing to fork from (field `source.service`): persistence off
/// or no backup yet. `None` for a type that cannot fork at all (reported once, as such).
pub(crate) fn backup_blocker(ctx: &ForkContext, spec: Option<&ServiceTypeSpec>) -> Option<Issue> {
    let src = &ctx.source;
    if spec.is_some_and(|s| !s.offered_for_forks()) {
        return None;
    }
    if let Some(key) = spec.and_then(|s| s.persistence_key) {
        if src.user_config.get(key).and_then(Value::as_str) == Some("off") {
            return Some(Issue::new(
                Code::PersistenceOff,
                "source.service",
                cat(&[
                    &src.service_name,
                    " has persistence off (",
                    key,
                    ": off), so it has no backups and cannot be forked; turn persistence on and wait for a backup",
                ]),
            ));
        }
    }
    ctx.backups.is_empty().then(|| {
        Issue::new(
            Code::SourceHasNoBackup,
            "source.service",
            cat(&[
                &src.service_name,
                " has no backups yet; a fork needs at least one (wait for the first backup)",
            ]),
        )
    })
}

/// Rule 6: a plan of `plan_nodes` is refused for a source of `source_nodes` when the
/// type may not fork to fewer nodes (an unknown node count, 0, is not refused).
pub(crate) fn too_few_nodes(
    spec: Option<&ServiceTypeSpec>,
    plan_nodes: u32,
    source_nodes: u32,
) -> bool {
    spec.is_some_and(|s| s.no_fewer_nodes) && plan_nodes > 0 && plan_nodes < source_nodes
}

/// Plan exists (when plans are known); rule 6 (no fewer nodes).
fn check_plan(eff: &Effective, ctx: &ForkContext, out: &mut Findings) {
    let Some(plan) = eff.plan else { return };
    // A plan that is not a plan name is reported once, as such; so is a type no fork
    // can be made of.
    if out.has(Code::InvalidPlan) || eff.spec.is_some_and(|s| !s.offered_for_forks()) {
        return;
    }
    // The plans are the source type's; with another type requested they say nothing
    // (the type mismatch is reported instead).
    if ctx.plans.is_empty() || eff.service_type != Some(ctx.source.service_type.as_str()) {
        return;
    }
    let Some(p) = ctx.plans.iter().find(|p| p.name == plan) else {
        out.err(
            Code::PlanNotFound,
            "plan",
            cat(&[
                "plan ",
                &quoted(plan),
                " does not exist for ",
                eff.service_type.unwrap_or(&ctx.source.service_type),
            ]),
        );
        return;
    };
    let src_nodes = ctx.source.node_count;
    if too_few_nodes(eff.spec, p.node_count, src_nodes) {
        let spec = eff.spec.map_or("", |s| s.product);
        out.err(
            Code::FewerNodes,
            "plan",
            cat(&[
                "plan ",
                &quoted(plan),
                " has ",
                &nodes(p.node_count),
                " but the source has ",
                &num(u64::from(src_nodes)),
                "; ",
                spec,
                " cannot be forked to fewer nodes",
            ]),
        );
    }
}

/// Rule 3 (context part): the name is free in the target project.
fn check_name_taken(req: &ForkRequest, ctx: &ForkContext, out: &mut Findings) {
    let Some(names) = &ctx.taken_names else {
        return;
    };
    if out.has(Code::NameEqualsSource) {
        return;
    }
    if names.contains(&req.service_name) {
        out.err(
            Code::NameTaken,
            "serviceName",
            cat(&[
                "a service named ",
                &quoted(&req.service_name),
                " already exists in project ",
                &req.project,
            ]),
        );
    }
}

/// Warnings for what the fork does not carry over: integrations, OpenSearch SSO,
/// tags (unless copyTags), and the one-node phase of multi-node restores.
fn warn_not_copied(req: &ForkRequest, eff: &Effective, ctx: &ForkContext, out: &mut Findings) {
    let src = &ctx.source;
    if !src.integrations.is_empty() {
        let mut list = String::new();
        for (i, it) in src.integrations.iter().enumerate() {
            let mut name = it.integration_type.clone();
            name.push_str(": ");
            name.push_str(&it.source_service);
            name.push_str(" -> ");
            name.push_str(&it.dest_service);
            if i > 0 {
                list.push_str(", ");
            }
            list.push_str(&name);
            out.not_copied("integration", name);
        }
        out.warn_listed(
            WarningCode::IntegrationsNotCopied,
            "source.service",
            cat(&["service integrations are not copied to a fork: ", &list]),
        );
    }
    let spec = service_types::lookup(&src.service_type);
    if let Some(spec) = spec {
        let mut enabled = String::new();
        for key in spec.sso_keys {
            let on = src
                .user_config
                .get(key)
                .and_then(|c| c.get("enabled"))
                .and_then(Value::as_bool)
                == Some(true);
            if on {
                if !enabled.is_empty() {
                    enabled.push_str(", ");
                }
                enabled.push_str(key);
                out.not_copied("sso", key.to_string());
            }
        }
        if !enabled.is_empty() {
            out.warn(
                WarningCode::SsoNotCopied,
                "userConfig",
                cat(&[
                    "single sign-on is not copied to a forked OpenSearch service (",
                    &enabled,
                    "): it is bound to the old URLs; configure it on the fork or users may lose access",
                ]),
            );
        }
    }
    if !src.tags.is_empty() && req.copy_tags != Some(true) {
        let mut list = String::new();
        for (i, (k, v)) in src.tags.iter().enumerate() {
            let mut name = k.clone();
            name.push('=');
            name.push_str(v);
            if i > 0 {
                list.push_str(", ");
            }
            list.push_str(&name);
            out.not_copied("tags", name);
        }
        out.warn_listed(
            WarningCode::TagsNotCopied,
            "copyTags",
            cat(&[
                "the source's tags are not copied unless you choose to copy them: ",
                &list,
            ]),
        );
    }
    if eff.spec.is_some_and(|s| s.no_fewer_nodes) && src.node_count > 1 {
        out.warn(
            WarningCode::SingleNodeUntilRestored,
            "plan",
            cat(&[
                "the fork may show a single node until its backup is restored; the other nodes of the ",
                &num(u64::from(src.node_count)),
                "-node cluster follow",
            ]),
        );
    }
}

/// A source that is not RUNNING still forks from its backups, but say so.
fn warn_source_state(_eff: &Effective, ctx: &ForkContext, out: &mut Findings) {
    let state = ctx.source.state.as_str();
    if !state.is_empty() && state != "RUNNING" {
        out.warn(
            WarningCode::SourceNotRunning,
            "source.service",
            cat(&[
                &ctx.source.service_name,
                " is ",
                state,
                ", not RUNNING; the fork is restored from its backups",
            ]),
        );
    }
}
