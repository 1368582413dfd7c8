//! The `avn` equivalent, run as-is by the real Aiven CLI (PyPI `aiven-client`, pinned
//! in tests/avn/requirements.txt) against tests/avn/recorder.py, must send the
//! library's ServiceCreate body.
//!
//! Needs `bash tests/avn/setup.sh` first (installs the CLI into .tools/avn); fails
//! loudly when the CLI is missing.
//!
//! What "the same body" means, exactly: the recorded JSON equals the library's body
//! (object key order ignored), after one documented normalisation. avn always sends
//! `cloud`, `service_integrations`, `static_ips` and `termination_protection`; when
//! the library leaves one out, the CLI's value must be the API default (`null`, `[]`,
//! `[]`, `false`); `copy_tags: false` and `tags: {}` from the library are the API's
//! defaults, which avn cannot send. `service create` has no tag option, so tags go in a second command,
//! `avn service tags replace`, whose body must hold exactly the library's `tags`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use aiven_fork::core::base_url::BaseUrl;
use aiven_fork::core::equivalents::{equivalents, equivalents_at};
use aiven_fork::core::json::{parse, Number, Value};
use aiven_fork::core::payload::build_value;
use aiven_fork::core::service_types;
use aiven_fork::core::time::parse as parse_time;

const TOKEN: &str = "recorder-test-token";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn avn_bin() -> PathBuf {
    let bin = root().join(".tools/avn/bin");
    assert!(
        bin.join("avn").is_file(),
        "the Aiven CLI is not installed: run `bash tests/avn/setup.sh` before `cargo test`"
    );
    bin
}

/// One recorder process and its request log; killed on drop.
struct Recorder {
    child: Child,
    url: String,
    log: PathBuf,
    dir: PathBuf,
}

impl Recorder {
    fn start(name: &str) -> Recorder {
        let bin = avn_bin();
        let dir =
            std::env::temp_dir().join(format!("aiven-fork-avn-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("home")).unwrap();
        let log = dir.join("requests.jsonl");
        let schemas = root().join("tests/data/aiven");
        assert!(
            schemas.join("service_types.yml").is_file(),
            "Aiven schemas not found at {}",
            schemas.display()
        );
        let mut child = Command::new(bin.join("python"))
            .arg(root().join("tests/avn/recorder.py"))
            .arg("--log")
            .arg(&log)
            .arg("--token")
            .arg(TOKEN)
            .arg("--schemas")
            .arg(&schemas)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start tests/avn/recorder.py");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("recorder listening on ")
            .unwrap_or_else(|| panic!("recorder did not start: {line:?}"))
            .to_string();
        Recorder {
            child,
            url,
            log,
            dir,
        }
    }

    /// Runs `script` with bash, avn on PATH and pointed at the recorder; returns
    /// the requests it made.
    fn run(&self, script: &str) -> Vec<Value> {
        self.run_with(script, Some(&self.url))
    }

    /// [`Recorder::run`] without `AIVEN_WEB_URL`: the script must name the API.
    fn run_without_url_env(&self, script: &str) -> Vec<Value> {
        self.run_with(script, None)
    }

    fn run_with(&self, script: &str, web_url: Option<&str>) -> Vec<Value> {
        let _ = std::fs::remove_file(&self.log);
        let path = format!(
            "{}:{}",
            avn_bin().display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut command = Command::new("bash");
        command
            .arg("-c")
            .arg(script)
            .env_clear()
            .env("PATH", path)
            .env("HOME", self.dir.join("home"))
            .env("AIVEN_CONFIG_DIR", self.dir.join("home"))
            .env("AIVEN_AUTH_TOKEN", TOKEN)
            .stdin(Stdio::null());
        if let Some(url) = web_url {
            command.env("AIVEN_WEB_URL", url);
        }
        let out = command.output().expect("run bash");
        assert!(
            out.status.success(),
            "avn failed ({}):\n{script}\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        read_log(&self.log)
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn read_log(log: &Path) -> Vec<Value> {
    match std::fs::read_to_string(log) {
        Ok(text) => text
            .lines()
            .map(|l| parse(l).unwrap_or_else(|e| panic!("{l}: {}", e.message)))
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn json(text: &str) -> Value {
    parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message))
}

/// The exact value of a JSON number: sign, significant digits and the exponent of
/// the last one (`1e300`, `1E+300` and `1000e297` are one value; `-0` is 0).
fn decimal(n: &Number) -> (bool, String, i64) {
    let text = n.as_str();
    let (mantissa, exp) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i64>().unwrap()),
        None => (text, 0),
    };
    let negative = mantissa.starts_with('-');
    let mantissa = mantissa.trim_start_matches('-');
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    let digits = digits.trim_start_matches('0');
    let trimmed = digits.trim_end_matches('0');
    let exp = exp - frac.len() as i64 + (digits.len() - trimmed.len()) as i64;
    if trimmed.is_empty() {
        return (false, String::new(), 0);
    }
    (negative, trimmed.to_string(), exp)
}

/// JSON equality with object key order ignored; numbers by exact value (avn writes
/// `float` values in Python's spelling, `1e-07` for `1e-7`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => decimal(x) == decimal(y),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| matches!(b.get(k), Some(w) if same(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w))
        }
        _ => a == b,
    }
}

/// The command under test (named like the equivalents' field in messages).
struct Cli {
    cli: String,
}

fn without(v: &Value, drop: impl Fn(&str, &Value) -> bool) -> Value {
    match v {
        Value::Object(f) => Value::Object(f.iter().filter(|(k, x)| !drop(k, x)).cloned().collect()),
        other => other.clone(),
    }
}

/// The library's avn command for `body` is complete (no hint) and sends `body`.
fn check_cli_sends_body(rec: &Recorder, project: &str, body: &Value) {
    let eq = equivalents(project, body);
    assert_eq!(eq.hints.cli, None, "{}", body.to_json());
    check_command_sends(rec, project, &eq.cli, body);
}

/// The requests `cli` made, checked call by call against `body`: the create call
/// sends `body` without its tags, the follow-up tags call exactly its tags.
fn check_command_sends(rec: &Recorder, project: &str, cli: &str, body: &Value) {
    let eq = Cli {
        cli: cli.to_string(),
    };
    assert!(
        eq.cli.starts_with("avn service create "),
        "no avn command for {}:\n{}",
        body.to_json(),
        eq.cli
    );
    let requests = rec.run(&eq.cli);
    let mut enc = String::new();
    for b in project.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            enc.push(b as char);
        } else {
            enc.push_str(&format!("%{b:02X}"));
        }
    }
    let base = format!("/v1/project/{enc}");
    let calls: Vec<String> = requests
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r.get("method").and_then(Value::as_str).unwrap_or(""),
                r.get("path").and_then(Value::as_str).unwrap_or("")
            )
        })
        .collect();
    let service_type = body.get("service_type").and_then(Value::as_str).unwrap();
    let mut expected = Vec::new();
    let has_tags = matches!(body.get("tags"), Some(Value::Object(t)) if !t.is_empty());
    // avn lists the project's VPCs when --cloud comes without a VPC choice.
    if matches!(body.get("cloud"), Some(Value::String(_))) && body.get("project_vpc_id").is_none() {
        expected.push(format!("GET {base}/vpcs"));
    }
    expected.push(format!("GET {base}/service-types/{service_type}"));
    // avn checks the end of life of a `<type>_version` it is given.
    let version_key = format!("{service_type}_version");
    if body
        .get("user_config")
        .and_then(|u| u.get(&version_key))
        .is_some()
    {
        expected.push(format!("GET {base}"));
        expected.push("GET /v1/account/a-recorder/service_versions".to_string());
    }
    expected.push(format!("POST {base}/service"));
    if has_tags {
        let name = body.get("service_name").and_then(Value::as_str).unwrap();
        expected.push(format!("PUT {base}/service/{name}/tags"));
    }
    assert_eq!(calls, expected, "requests made by:\n{}", eq.cli);

    let create = requests
        .iter()
        .find(|r| r.get("method") == Some(&Value::str("POST")));
    let sent = create.and_then(|r| r.get("body")).expect("create body");
    let defaults = |k: &str, v: &Value| match k {
        "cloud" => v.is_null(),
        "service_integrations" | "static_ips" => v == &Value::Array(vec![]),
        "termination_protection" => v == &Value::Bool(false),
        _ => false,
    };
    let mut sent = without(sent, |k, v| body.get(k).is_none() && defaults(k, v));
    if has_tags {
        let put = requests.last().and_then(|r| r.get("body")).unwrap();
        assert_eq!(
            put.get("tags").map(|_| ()),
            Some(()),
            "tags body {}",
            put.to_json()
        );
        assert_eq!(
            put.as_object().map(<[_]>::len),
            Some(1),
            "tags body {}",
            put.to_json()
        );
        if let Value::Object(f) = &mut sent {
            f.push(("tags".to_string(), put.get("tags").unwrap().clone()));
        }
    }
    // `tags: {}` and `copy_tags: false` are the API defaults (avn has no copy_tags option).
    let wanted = without(body, |k, v| {
        (k == "tags" && v == &Value::Object(vec![]))
            || (k == "copy_tags" && v == &Value::Bool(false))
    });
    assert!(
        same(&sent, &wanted),
        "avn sent a different body.\ncommand:\n{}\navn sent: {}\nlibrary:  {}",
        eq.cli,
        sent.to_json(),
        wanted.to_json()
    );
}

#[test]
fn avn_sends_the_library_body_with_every_option() {
    let rec = Recorder::start("options");
    let cases = [
        // cloud (avn checks the project's VPCs), disk, termination protection, tags
        r#"{"service_name":"pg-copy","service_type":"pg","plan":"business-8","cloud":"google-europe-west1",
            "disk_space_mb":102400,"termination_protection":true,"tags":{"env":"dev","team":"data"},
            "user_config":{"service_to_fork_from":"demo-pg","recovery_target_time":"2025-07-01T15:16:22+00:00"}}"#,
        // a project VPC, cross-project source
        r#"{"service_name":"mysql-copy","service_type":"mysql","plan":"business-4","cloud":"aws-eu-west-1",
            "project_vpc_id":"4f0e3d2c-1b2a-4c3d-9e8f-0a1b2c3d4e5f",
            "user_config":{"service_to_fork_from":"demo-mysql","project_to_fork_from":"demo-project-2"}}"#,
        // explicitly outside any VPC
        r#"{"service_name":"ch-copy","service_type":"clickhouse","plan":"business-16","cloud":"google-europe-west1",
            "project_vpc_id":null,"termination_protection":false,"copy_tags":false,
            "user_config":{"service_to_fork_from":"demo-clickhouse","project_to_fork_from":"demo-project-2",
            "recovery_basebackup_name":"backup+2025:07.01"}}"#,
        // other user config: nested integers, booleans, arrays, a version (avn checks its EOL)
        r#"{"service_name":"pg-tuned","service_type":"pg","plan":"business-4",
            "user_config":{"pg_version":"16","pg":{"max_connections":250,"jit":false},"ip_filter":["10.0.0.0/8","192.168.0.0/16"],
            "pglookout":{"max_failover_replication_time_lag":60},"service_to_fork_from":"demo-pg"}}"#,
        // odd characters in tags (quotes, $, backticks, backslash, shell operators)
        r#"{"service_name":"os-copy","service_type":"opensearch","plan":"business-4",
            "tags":{"owner":"O'Brien \"ops\" $HOME `id` $(pwned) ; | & ! ^ ~ * \\n","empty":""},
            "user_config":{"service_to_fork_from":"demo-opensearch"}}"#,
        // empty tags and empty service_integrations/static_ips are the API defaults
        r#"{"service_name":"redis-copy","service_type":"redis","plan":"business-4","tags":{},
            "service_integrations":[],"static_ips":[],"user_config":{"service_to_fork_from":"demo-redis"}}"#,
    ];
    for case in cases {
        check_cli_sends_body(&rec, "demo-project", &json(case));
    }
    // A project name that needs shell quoting and percent-encoding.
    // Values starting with `-` (argparse would take them for options).
    check_cli_sends_body(
        &rec,
        "-dash",
        &json(
            r#"{"service_name":"v-copy","service_type":"valkey","plan":"business-4","project_vpc_id":"-v","tags":{"-k":"-v"},"user_config":{"service_to_fork_from":"demo-valkey","recovery_basebackup_name":"-b"}}"#,
        ),
    );
    check_cli_sends_body(
        &rec,
        "it's a project",
        &json(
            r#"{"service_name":"pg-fork","service_type":"pg","plan":"business-4","user_config":{"service_to_fork_from":"demo-pg","recovery_target_time":"2025-07-01T15:16:22.123456+00:00"}}"#,
        ),
    );
}

/// What avn cannot send is left out of the command and named in its hint; the real
/// CLI then sends exactly the rest. Without the fork's essentials there is no
/// command (an empty `cli`), never a comment.
#[test]
fn what_avn_cannot_send_is_left_out_and_named_in_the_hint() {
    let rec = Recorder::start("blocked");
    let base = r#""service_name":"a","service_type":"pg","plan":"business-4""#;
    let fork = r#""user_config":{"service_to_fork_from":"s"}"#;
    let cases = [
        // avn has no option for copy_tags
        (
            format!(r#"{{{base},"copy_tags":true,{fork}}}"#),
            format!(r#"{{{base},{fork}}}"#),
            "copy_tags (avn has no option for it, so the source's tags are not copied)",
        ),
        // --disk-space-gib takes whole GiB only
        (
            format!(r#"{{{base},"disk_space_mb":1500,{fork}}}"#),
            format!(r#"{{{base},{fork}}}"#),
            "disk_space_mb (avn takes whole GiB only, so the plan's default disk size is used)",
        ),
        // maintenance is not a `service create` option
        (
            format!(r#"{{{base},"maintenance":{{"dow":"monday","time":"10:00:00"}},{fork}}}"#),
            format!(r#"{{{base},{fork}}}"#),
            r#""maintenance" (avn has no option for it)"#,
        ),
        // --tag KEY=VALUE cannot carry a key holding `=`; the other tags are set
        (
            format!(r#"{{{base},"tags":{{"a=b":"c","env":"dev"}},{fork}}}"#),
            format!(r#"{{{base},"tags":{{"env":"dev"}},{fork}}}"#),
            r#"the tag "a=b" (avn cannot set it)"#,
        ),
        // a newline in a tag value cannot be pasted safely
        (
            format!(r#"{{{base},"tags":{{"note":"line1\nline2","env":"dev"}},{fork}}}"#),
            format!(r#"{{{base},"tags":{{"env":"dev"}},{fork}}}"#),
            r#"the tag "note" (its text is not safe to paste into a shell)"#,
        ),
        // -c cannot send null
        (
            format!(r#"{{{base},"user_config":{{"service_to_fork_from":"s","pg_version":null}}}}"#),
            format!(r#"{{{base},{fork}}}"#),
            r#"the user_config key "pg_version" (avn cannot send its value)"#,
        ),
    ];
    for (body, sent, item) in &cases {
        let eq = equivalents("demo-project", &json(body));
        assert_eq!(
            eq.hints.cli,
            Some(format!("This avn command leaves out what avn cannot send: {item}. The curl command sends the whole request.")),
            "{body}"
        );
        check_command_sends(&rec, "demo-project", &eq.cli, &json(sent));
    }
    // No command at all: nothing is run, the hint says why.
    let eq = equivalents("", &json(&format!(r#"{{{base},{fork}}}"#)));
    assert_eq!(eq.cli, "");
    assert_eq!(
        eq.hints.cli.as_deref(),
        Some("avn cannot run this fork: the project is empty. The curl command sends it.")
    );
}

/// `avn --url` in the command itself points the real CLI at another API (here the
/// recorder, with no AIVEN_WEB_URL in its environment), for both commands.
#[test]
fn avn_talks_to_the_api_named_in_the_command() {
    let rec = Recorder::start("url");
    let base = BaseUrl::parse(&rec.url).unwrap();
    let body = json(
        r#"{"service_name":"pg-url","service_type":"pg","plan":"business-4","tags":{"env":"dev"},"user_config":{"service_to_fork_from":"demo-pg"}}"#,
    );
    let eq = equivalents_at("demo-project", &body, &base);
    assert!(
        eq.cli
            .starts_with(&format!("avn --url '{}' service create ", base.as_str())),
        "{}",
        eq.cli
    );
    let requests = rec.run_without_url_env(&eq.cli);
    let calls: Vec<String> = requests
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r.get("method").and_then(Value::as_str).unwrap_or(""),
                r.get("path").and_then(Value::as_str).unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        calls,
        [
            "GET /v1/project/demo-project/service-types/pg",
            "POST /v1/project/demo-project/service",
            "PUT /v1/project/demo-project/service/pg-url/tags",
        ]
    );
}

/// Numbers reach avn as their exact text and avn sends the same values: `number`
/// options through Python's `float` (every JS number's shortest text reads back as
/// that double), `integer` options and integer array items through `int(text, 0)`,
/// exact at any size.
#[test]
fn avn_sends_numbers_exactly() {
    let rec = Recorder::start("numbers");
    for case in [
        r#"{"service_name":"pg-numbers","service_type":"pg","plan":"business-4",
            "user_config":{"pg":{"autovacuum_vacuum_scale_factor":123456789.12345679,"bgwriter_lru_multiplier":1e300,
            "autovacuum_analyze_scale_factor":1e-7,"wal_sender_timeout":12345678901234567890123,"log_temp_files":-0},
            "pgbouncer":{"server_connect_timeout":0.1},"service_to_fork_from":"demo-pg"}}"#,
        r#"{"service_name":"grafana-numbers","service_type":"grafana","plan":"startup-1",
            "user_config":{"auth_github":{"team_ids":[12345678901234567890123,5,-0]},"service_to_fork_from":"demo-grafana"}}"#,
    ] {
        check_cli_sends_body(&rec, "demo-project", &json(case));
    }
    // `same` compares exact values, not doubles.
    let n = |t: &str| Number::parse(t).unwrap();
    assert!(decimal(&n("1e-07")) == decimal(&n("1e-7")) && decimal(&n("-0")) == decimal(&n("0")));
    assert!(decimal(&n("12345678901234567890123")) != decimal(&n("12345678901234567890124")));
    assert!(decimal(&n("1.5")) != decimal(&n("15")));
}

/// Pins the CLI quirk the library works around: without `--service-to-fork-from`
/// avn drops `--recovery-target-time` silently (and an empty source drops both).
#[test]
fn real_avn_drops_recovery_target_time_without_service_to_fork_from() {
    let rec = Recorder::start("quirk");
    let sent = |script: &str| {
        let requests = rec.run(script);
        let create = requests
            .iter()
            .find(|r| r.get("method") == Some(&Value::str("POST")))
            .expect("create request");
        create
            .get("body")
            .and_then(|b| b.get("user_config"))
            .cloned()
            .unwrap()
    };
    let base = "avn service create x --project p --service-type pg --plan business-4";
    assert_eq!(
        sent(&format!("{base} --recovery-target-time 2025-07-01T15:16:22+00:00 -c service_to_fork_from=demo-pg")),
        json(r#"{"service_to_fork_from":"demo-pg"}"#)
    );
    assert_eq!(
        sent(&format!(
            "{base} --service-to-fork-from '' --recovery-target-time 2025-07-01T15:16:22+00:00"
        )),
        json("{}")
    );
    // The library's command for the same fork uses both flags, or `-c` for both.
    let body = json(
        r#"{"service_name":"x","service_type":"pg","plan":"business-4","user_config":{"service_to_fork_from":"","recovery_target_time":"2025-07-01T15:16:22+00:00"}}"#,
    );
    check_cli_sends_body(&rec, "p", &body);
}

/// Requests for every forkable type and each recovery mode it supports.
fn library_requests() -> Vec<String> {
    let mut requests = Vec::new();
    for spec in service_types::all()
        .iter()
        .filter(|t| t.offered_for_forks())
    {
        let t = spec.name;
        let base = format!(
            r#""project":"demo-project","serviceName":"{t}-copy","serviceType":"{t}","plan":"business-4","source":{{"service":"demo-{t}""#
        );
        // Latest, with other user config (avn types `-c` values with the schema).
        let user_config = match t {
            "pg" => {
                r#","userConfig":{"pg":{"max_connections":250,"jit":false},"ip_filter":["10.0.0.0/8"]}"#
            }
            "mysql" => r#","userConfig":{"mysql":{"sql_mode":"ANSI,TRADITIONAL"},"backup_hour":3}"#,
            _ => "",
        };
        requests.push(format!(r#"{{{base}}}{user_config}}}"#));
        requests.push(format!(
            r#"{{{base},"project":"demo-project-2"}},"recovery":{{"mode":"latest"}},"cloud":"aws-eu-west-1","diskSpaceMb":92160,"terminationProtection":true,"tags":{{"env":"dev","owner":"O'Brien"}},"copyTags":false}}"#
        ));
        if spec.recovery.time {
            requests.push(format!(
                r#"{{{base}}},"recovery":{{"mode":"time","time":"2025-07-01 15:16:22.5"}},"projectVpcId":"4f0e3d2c-1b2a-4c3d-9e8f-0a1b2c3d4e5f","cloud":"aws-eu-west-1"}}"#
            ));
        }
        if spec.recovery.backup {
            requests.push(format!(
                r#"{{{base}}},"recovery":{{"mode":"backup","name":"backup-2025-07-01_15:16:22.5"}},"projectVpcId":null,"cloud":"aws-eu-west-1"}}"#
            ));
        }
    }
    // Each of the six offered types: 3 (pg/mysql with a time, the others a named backup).
    assert!(requests.len() >= 18, "{}", requests.len());
    requests
}

/// The whole path: camelCase request -> library payload -> avn command -> real CLI.
/// Split in two halves that run in parallel (each avn start costs ~0.5 s of CPU).
fn check_library_requests(half: usize) {
    let rec = Recorder::start(if half == 0 { "library0" } else { "library1" });
    let now = parse_time("2025-07-02T12:00:00Z").unwrap().at;
    for text in library_requests().iter().skip(half).step_by(2) {
        let call = build_value(&json(text), None, now)
            .unwrap_or_else(|r| panic!("{text}: {:?}", r.errors));
        assert_eq!(call.path, "/v1/project/demo-project/service");
        check_cli_sends_body(&rec, "demo-project", &call.body);
    }
}

#[test]
fn avn_sends_what_the_library_builds_for_every_type_and_recovery_mode_1() {
    check_library_requests(0);
}

#[test]
fn avn_sends_what_the_library_builds_for_every_type_and_recovery_mode_2() {
    check_library_requests(1);
}
