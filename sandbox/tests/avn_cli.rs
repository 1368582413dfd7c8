//! The official `avn` CLI (PyPI aiven-client, installed by tests/avn/setup.sh into
//! .tools/avn) against the sandbox: list, get, backup-list, create with a fork, wait.
//! Set AVN_BIN to use another avn.

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Command, Output};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

fn avn_bin() -> PathBuf {
    if let Ok(p) = std::env::var("AVN_BIN") {
        return PathBuf::from(p);
    }
    let root = repo_root();
    let bin = root.join(".tools/avn/bin/avn");
    if !bin.exists() {
        let status = Command::new("bash")
            .arg(root.join("tests/avn/setup.sh"))
            .status()
            .expect("run tests/avn/setup.sh");
        assert!(status.success(), "tests/avn/setup.sh failed");
    }
    assert!(bin.exists(), "avn not installed at {}", bin.display());
    bin
}

struct Avn {
    bin: PathBuf,
    url: String,
    config_dir: PathBuf,
}

impl Avn {
    fn new(sb: &Sandbox, tag: &str) -> Avn {
        let config_dir =
            std::env::temp_dir().join(format!("sandbox-avn-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&config_dir).ok();
        Avn {
            bin: avn_bin(),
            url: sb.url.clone(),
            config_dir,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(&self.bin)
            .arg("--url")
            .arg(&self.url)
            .args(args)
            .env("AIVEN_AUTH_TOKEN", TOKEN)
            .env("AIVEN_CONFIG_DIR", &self.config_dir)
            .env_remove("AIVEN_PROJECT_NAME")
            .output()
            .expect("run avn")
    }

    #[track_caller]
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "avn {args:?} failed: {}\n{stdout}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    #[track_caller]
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(1), "avn {args:?} should fail");
        String::from_utf8_lossy(&out.stderr).to_string()
    }
}

fn last_post(sb: &Sandbox) -> Value {
    sb.requests()
        .into_iter()
        .rev()
        .find(|e| e["method"] == json!("POST"))
        .map(|e| e["body"].clone())
        .unwrap_or(Value::Null)
}

#[test]
fn avn_lists_gets_and_lists_backups() {
    let sb = Sandbox::start(&[]);
    let avn = Avn::new(&sb, "read");
    let list = avn.ok(&["service", "list", "--project", P]);
    for name in [
        "demo-pg",
        "demo-clickhouse",
        "demo-kafka",
        "demo-pg-nobackup",
    ] {
        assert!(list.contains(name), "{name} in {list}");
    }
    let get: Value =
        serde_json::from_str(&avn.ok(&["service", "get", "demo-pg", "--project", P, "--json"]))
            .unwrap_or(Value::Null);
    assert_eq!(get["service_name"], json!("demo-pg"));
    assert_eq!(get["state"], json!("RUNNING"));
    let verbose = avn.ok(&["service", "get", "demo-pg", "--project", P, "-v"]);
    assert!(
        verbose.contains("demo-pg-2"),
        "node states listed: {verbose}"
    );
    let backups: Value = serde_json::from_str(&avn.ok(&[
        "service",
        "backup-list",
        "demo-pg",
        "--project",
        P,
        "--json",
    ]))
    .unwrap_or(Value::Null);
    assert_eq!(backups.as_array().map(Vec::len), Some(7));
    let text = avn.ok(&["service", "backup-list", "demo-clickhouse", "--project", P]);
    assert!(text.contains("BACKUP_NAME"), "{text}");
    let err = avn.fails(&["service", "get", "nope", "--project", P]);
    assert!(
        err.contains("Service nope does not exist (status 404)"),
        "{err}"
    );
}

#[test]
fn avn_forks_and_waits() {
    let sb = Sandbox::start(&["--rebuild-secs", "600"]);
    let avn = Avn::new(&sb, "fork");
    avn.ok(&[
        "service",
        "create",
        "avn-fork",
        "--service-type",
        "pg",
        "--plan",
        "business-4",
        "--service-to-fork-from",
        "demo-pg",
        "--project",
        P,
    ]);
    let body = last_post(&sb);
    assert_eq!(body["service_name"], json!("avn-fork"));
    assert_eq!(
        body["user_config"],
        json!({"service_to_fork_from": "demo-pg"})
    );
    let get: Value =
        serde_json::from_str(&avn.ok(&["service", "get", "avn-fork", "--project", P, "--json"]))
            .unwrap_or(Value::Null);
    assert_eq!(get["state"], json!("REBUILDING"));
    assert_eq!(get["user_config"]["pg_version"], json!("16"));
    sb.post("/_sandbox/advance", &json!({"seconds": 600}));
    avn.ok(&["service", "wait", "avn-fork", "--project", P]);
    assert_eq!(sb.service("avn-fork")["state"], json!("RUNNING"));

    // --cloud makes avn read the project's VPCs; the time rides along with the source.
    let start = sb
        .get(&format!("/v1/project/{P}/service/demo-pg/backups"))
        .json()["pitr"]["primary_region"]["pitr_range_start"]
        .as_str()
        .unwrap_or("")
        .to_string();
    avn.ok(&[
        "service",
        "create",
        "avn-pitr",
        "--service-type",
        "pg",
        "--plan",
        "premium-4",
        "--cloud",
        "aws-eu-west-1",
        "--service-to-fork-from",
        "demo-pg",
        "--recovery-target-time",
        &start,
        "--project",
        P,
    ]);
    assert!(sb
        .requests()
        .iter()
        .any(|e| e["path"] == json!("/v1/project/demo-project/vpcs")));
    let s = sb.service("avn-pitr");
    assert_eq!(s["cloud_name"], json!("aws-eu-west-1"));
    assert_eq!(s["user_config"]["recovery_target_time"], json!(start));

    // A named backup through -c, and a cross-project fork inside the organization.
    avn.ok(&[
        "service",
        "create",
        "avn-pg2",
        "--service-type",
        "pg",
        "--plan",
        "business-4",
        "-c",
        "service_to_fork_from=demo-pg",
        "-c",
        "project_to_fork_from=demo-project",
        "--project",
        "demo-project-2",
    ]);
    let backups = sb
        .get(&format!("/v1/project/{P}/service/demo-clickhouse/backups"))
        .json();
    let name = backups["backups"][0]["backup_name"]
        .as_str()
        .unwrap_or("")
        .to_string();
    avn.ok(&[
        "service",
        "create",
        "avn-ch",
        "--service-type",
        "clickhouse",
        "--plan",
        "business-8",
        "--service-to-fork-from",
        "demo-clickhouse",
        "-c",
        &format!("recovery_basebackup_name={name}"),
        "--project",
        P,
    ]);
}

#[test]
fn avn_shows_the_sandbox_refusals() {
    let sb = Sandbox::start(&[]);
    let avn = Avn::new(&sb, "refuse");
    let err = avn.fails(&[
        "service",
        "create",
        "demo-mysql",
        "--service-type",
        "pg",
        "--plan",
        "business-4",
        "--service-to-fork-from",
        "demo-pg",
        "--project",
        P,
    ]);
    assert!(
        err.contains("Service name is already in use in this project (status 409)"),
        "{err}"
    );
    let err = avn.fails(&[
        "service",
        "create",
        "ch",
        "--service-type",
        "clickhouse",
        "--plan",
        "startup-16",
        "--service-to-fork-from",
        "demo-clickhouse",
        "--project",
        P,
    ]);
    assert!(
        err.contains("Plan startup-16 has 1 node(s), fewer than the 3 nodes of demo-clickhouse: clickhouse forks cannot have fewer nodes (status 400)"),
        "{err}"
    );
    let err = avn.fails(&[
        "service",
        "create",
        "r",
        "--service-type",
        "redis",
        "--plan",
        "business-4",
        "--service-to-fork-from",
        "demo-redis-nopersist",
        "--project",
        P,
    ]);
    assert!(
        err.contains("Service type redis is no longer available: no new services since 2025-02-15 (status 400)"),
        "{err}"
    );
    let out = Command::new(avn_bin())
        .args(["--url", &sb.url, "service", "list", "--project", P])
        .env("AIVEN_AUTH_TOKEN", "wrong-token")
        .env("AIVEN_CONFIG_DIR", &avn.config_dir)
        .output()
        .expect("run avn");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Invalid token (status 401)"));
    assert_eq!(sb.names().len(), 13, "nothing was created");
}
