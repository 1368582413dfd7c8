//! Every payload the core accepts is accepted by the sandbox, whose fork rules are
//! separate code (sandbox/src/fork/, no dependency on this crate). Contexts are
//! the sandbox's own answers read with `ForkContext::from_api`; requests are
//! random (tests/prop_support), from a random seed and from a fixed one (on which
//! the generator's reach is counted); every accepted payload is POSTed over loopback.
//!
//! Needs the sandbox binary: uses `target/{debug,release}/aiven-fork-sandbox`
//! (built by `cargo test --workspace`), building it when missing.

use aiven_fork::core::context::ForkContext;
use aiven_fork::core::json::{self, Value};
use aiven_fork::core::payload;
use aiven_fork::core::service_types;
use aiven_fork::core::time::Timestamp;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

mod prop_support;
use prop_support::*;

const PROJECT: &str = "demo-project";
/// Same organization as `PROJECT`: cross-project forks are allowed there.
const PROJECT_2: &str = "demo-project-2";

struct Sandbox {
    child: Child,
    addr: String,
    token: String,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn sandbox_binary() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let newest = ["debug", "release"]
        .iter()
        .map(|p| target.join(p).join("aiven-fork-sandbox"))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .max();
    if let Some((_, path)) = newest {
        return path;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "-p", "aiven-fork-sandbox"])
        .current_dir(&root)
        .status()
        .expect("run cargo build for the sandbox");
    assert!(status.success(), "building the sandbox failed");
    target.join("debug").join("aiven-fork-sandbox")
}

fn start_sandbox() -> Sandbox {
    let mut child = Command::new(sandbox_binary())
        .args(["--port", "0", "--rebuild-secs", "600"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the sandbox");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let (mut first, mut second) = (String::new(), String::new());
    out.read_line(&mut first).expect("sandbox banner");
    out.read_line(&mut second).expect("sandbox token line");
    let addr = first
        .trim()
        .rsplit("http://")
        .next()
        .expect("address in the banner")
        .to_string();
    let token = second
        .trim()
        .trim_start_matches("demo token:")
        .trim()
        .to_string();
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = String::new();
        while out.read_line(&mut sink).map(|n| n > 0).unwrap_or(false) {
            sink.clear();
        }
    });
    Sandbox { child, addr, token }
}

/// One HTTP/1.1 request over loopback: `(status, body)`.
fn http(sb: &Sandbox, method: &str, path: &str, body: Option<&str>) -> (u16, String) {
    let mut stream = TcpStream::connect(&sb.addr).expect("connect to the sandbox");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let body = body.unwrap_or("");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: aivenv1 {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        sb.addr,
        sb.token,
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("write");
    stream.write_all(body.as_bytes()).expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (headers, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let chunked = headers
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    (
        status,
        if chunked {
            dechunk(rest)
        } else {
            rest.to_string()
        },
    )
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

fn get_json(sb: &Sandbox, path: &str) -> Value {
    let (status, body) = http(sb, "GET", path, None);
    assert_eq!(status, 200, "GET {path}: {body}");
    json::parse(&body).unwrap_or_else(|e| panic!("GET {path}: {}", e.message))
}

fn now() -> Timestamp {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as f64)
        .unwrap_or(0.0);
    Timestamp::from_unix_millis(ms)
}

/// The generator's view of a real context.
fn ctx_of(ctx: &ForkContext) -> Option<Ctx> {
    let spec = service_types::lookup(&ctx.source.service_type)?;
    Some(Ctx {
        value: ctx.to_value(),
        spec,
        source: ctx.source.service_name.clone(),
        plans: ctx
            .plans
            .iter()
            .map(|p| (p.name.clone(), p.node_count))
            .collect(),
        backups: ctx.backups.iter().map(|b| b.backup_name.clone()).collect(),
        pitr_start: ctx.pitr.as_ref().and_then(|p| p.start).map(|t| t.0),
        pitr_end: ctx.pitr.as_ref().and_then(|p| p.end).map(|t| t.0),
    })
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Adapt a generated request to the live sandbox: a fresh name (names taken by
/// earlier cases are not in the context snapshot), the target project of the case
/// (sources are read from `demo-project`; `demo-project-2` is the same organization,
/// so a cross-project fork names the source project), no VPC (none exists there).
fn adapt(request: &Value, target: &str) -> Value {
    let Value::Object(fields) = request else {
        return request.clone();
    };
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let fields = fields
        .iter()
        .filter(|(k, _)| k != "projectVpcId")
        .map(|(k, v)| match (k.as_str(), v) {
            ("serviceName", Value::String(name))
                if name.len() < 56 && name.starts_with(|c: char| c.is_ascii_lowercase()) =>
            {
                (k.clone(), Value::String(format!("{name}-p{n}")))
            }
            ("project", _) => (k.clone(), Value::String(target.to_string())),
            ("source", Value::Object(src)) => {
                let mut src: Vec<(String, Value)> = src
                    .iter()
                    .filter(|(sk, _)| sk != "project")
                    .cloned()
                    .collect();
                if target != PROJECT {
                    src.push(("project".to_string(), Value::String(PROJECT.to_string())));
                }
                (k.clone(), Value::Object(src))
            }
            _ => (k.clone(), v.clone()),
        })
        .collect();
    Value::Object(fields)
}

#[test]
fn every_payload_the_core_accepts_the_sandbox_accepts() {
    let sb = start_sandbox();
    let listed = get_json(&sb, &format!("/v1/project/{PROJECT}/service"));
    let listed2 = get_json(&sb, &format!("/v1/project/{PROJECT_2}/service"));
    let mut contexts = Vec::new();
    for svc in listed
        .get("services")
        .and_then(Value::as_array)
        .unwrap_or(&[])
    {
        let Some(name) = svc.get("service_name").and_then(Value::as_str) else {
            continue;
        };
        let Some(ty) = svc.get("service_type").and_then(Value::as_str) else {
            continue;
        };
        // A source of a retired type is refused whatever the request says, so it
        // would only spend cases: the property is about payloads the core accepts.
        if service_types::lookup(ty).is_some_and(|spec| spec.retired.is_some()) {
            continue;
        }
        let service = get_json(&sb, &format!("/v1/project/{PROJECT}/service/{name}"));
        let backups = get_json(
            &sb,
            &format!("/v1/project/{PROJECT}/service/{name}/backups"),
        );
        let plans = get_json(
            &sb,
            &format!("/v1/project/{PROJECT}/service-types/{ty}/plans"),
        );
        for (target, names) in [(PROJECT, &listed), (PROJECT_2, &listed2)] {
            match ForkContext::from_api(PROJECT, &service, &backups, &plans, Some(names)) {
                Ok(ctx) => contexts.push((ctx, target)),
                Err(issue) => panic!(
                    "from_api refused the sandbox's answers for {name}: {}",
                    issue.message
                ),
            }
        }
    }
    let cases: Vec<Ctx> = contexts.iter().filter_map(|(c, _)| ctx_of(c)).collect();
    assert_eq!(cases.len(), contexts.len());
    assert!(
        cases.len() >= 8,
        "only {} sandbox services usable",
        cases.len()
    );

    let cases_n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(96);
    let config = Config {
        cases: cases_n,
        failure_persistence: None,
        ..Config::default()
    };
    let strategy = (0..cases.len()).prop_flat_map(|i| (Just(i), request_for(&cases[i])));
    // The property, on a random seed: new requests every run.
    let mut random = TestRunner::new(config.clone());
    let (accepted, cross) = post_accepted(&sb, &mut random, &strategy, &contexts);
    eprintln!(
        "random seed: {accepted} of {cases_n} random requests accepted by the core and POSTed to the sandbox ({cross} cross-project)"
    );
    // The property again on a fixed seed, where the generator must reach accepted forks,
    // cross-project ones among them, whatever the luck of the random run.
    let mut fixed =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let (accepted, cross) = post_accepted(&sb, &mut fixed, &strategy, &contexts);
    eprintln!(
        "fixed seed: {accepted} of {cases_n} random requests accepted by the core and POSTed to the sandbox ({cross} cross-project)"
    );
    assert!(
        cross > 0,
        "no cross-project fork was accepted: the generator misses them"
    );
    assert!(
        accepted >= cases_n / 10,
        "only {accepted} of {cases_n} random requests were accepted: the generator misses"
    );
}

/// Run the property: every request of `strategy` the core accepts (for its context and
/// target) is POSTed to the sandbox, which must accept it. Returns how many were
/// accepted, and how many of those were cross-project.
fn post_accepted(
    sb: &Sandbox,
    runner: &mut TestRunner,
    strategy: &impl Strategy<Value = (usize, Value)>,
    contexts: &[(ForkContext, &str)],
) -> (u32, u32) {
    let accepted = AtomicU32::new(0);
    let accepted_cross = AtomicU32::new(0);
    let result = runner.run(strategy, |(i, request)| {
        let (ctx, target) = &contexts[i];
        let request = adapt(&request, target);
        let Ok(call) = payload::build_value(&request, Some(ctx), now()) else {
            return Ok(());
        };
        accepted.fetch_add(1, Ordering::Relaxed);
        if *target != PROJECT {
            accepted_cross.fetch_add(1, Ordering::Relaxed);
        }
        let body = call.body.to_json();
        let (status, answer) = http(sb, call.method, &call.path, Some(&body));
        prop_assert!(
            (200..300).contains(&status),
            "the core accepted a fork the sandbox refuses ({status}: {answer})\nrequest: {}\nbody: {body}",
            request.to_json()
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    (accepted.into_inner(), accepted_cross.into_inner())
}
