//! `aiven-fork-sandbox`: an Aiven-API-compatible server for the aiven-fork demo and tests.
//!
//! See sandbox/README.md for the flags, the admin API and the demo data.

mod catalog;
mod console;
mod error;
mod faults;
mod fork;
mod rng;
mod seed;
mod server;
mod state;
mod statics;
mod timefmt;

use faults::{Fault, Faults, Scope};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use server::{App, Config};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const DEMO_TOKEN: &str = "sandbox-demo-token";
const OTHER_TOKEN: &str = "sandbox-other-token";
const MAX_REBUILD_SECS: f64 = 30.0 * 24.0 * 3600.0;
/// Default of `--header-timeout-secs`: a connection that has not sent a whole request
/// head within this time (a new one, or an idle keep-alive one) is closed.
const HEADER_TIMEOUT_SECS: u64 = 10;
const MAX_HEADER_TIMEOUT_SECS: u64 = 3600;

const USAGE: &str = "usage: aiven-fork-sandbox [--host 127.0.0.1] [--port 8787|0] [--token T]
  [--other-token T] [--rebuild-secs 20] [--latency-ms 0] [--serve-dir DIR]
  [--fault-seed N] [--rate-429 R] [--rate-5xx R] [--rate-drop R] [--rate-drop-after-create R]
  [--retry-after-secs 1] [--status-5xx 502] [--faults-only create|all] [--faults-next 429,drop,...]
  [--header-timeout-secs 10] [--console-proxy] [--exit-on-stdin-eof]";

struct Args {
    host: String,
    port: u16,
    exit_on_stdin_eof: bool,
    header_timeout: std::time::Duration,
    cfg: Config,
}

/// The repo root: the first ancestor of the binary (then of the cwd) holding `www/`
/// next to a `Cargo.toml`.
fn default_serve_dir() -> PathBuf {
    let looks_like_root = |p: &Path| p.join("www").is_dir() && p.join("Cargo.toml").is_file();
    let mut starts = Vec::new();
    if let Ok(exe) = std::env::current_exe() {
        starts.push(exe);
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    starts.push(cwd.clone());
    for start in starts {
        for dir in start.ancestors() {
            if looks_like_root(dir) {
                return dir.to_path_buf();
            }
        }
    }
    cwd
}

fn parse_args() -> Result<Args, String> {
    let mut host = "127.0.0.1".to_string();
    let mut port: u16 = 8787;
    let mut token = DEMO_TOKEN.to_string();
    let mut other_token = OTHER_TOKEN.to_string();
    let mut rebuild_secs = 20.0;
    let mut serve_dir = None;
    let mut faults = Faults::default();
    let mut exit_on_stdin_eof = false;
    let mut header_timeout_secs = HEADER_TIMEOUT_SECS;
    let mut console_proxy = false;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        if flag == "--exit-on-stdin-eof" {
            exit_on_stdin_eof = true;
            continue;
        }
        if flag == "--console-proxy" {
            console_proxy = true;
            continue;
        }
        let value = match inline {
            Some(v) => v,
            None => it
                .next()
                .ok_or_else(|| format!("missing value for {flag}"))?,
        };
        let num = |v: &str| {
            v.parse::<f64>()
                .map_err(|_| format!("invalid number for {flag}: {v}"))
        };
        let rate = |v: &str| -> Result<f64, String> {
            let r = num(v)?;
            if (0.0..=1.0).contains(&r) {
                Ok(r)
            } else {
                Err(format!("{flag} must be between 0 and 1"))
            }
        };
        let int = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| format!("invalid integer for {flag}: {v}"))
        };
        match flag.as_str() {
            "--host" => host = value,
            "--port" => {
                port = value
                    .parse()
                    .map_err(|_| format!("invalid port: {value}"))?
            }
            "--token" => token = value,
            "--other-token" => other_token = value,
            "--rebuild-secs" => {
                rebuild_secs = num(&value)?;
                // Bounded so that time arithmetic can never overflow.
                if !(0.0..=MAX_REBUILD_SECS).contains(&rebuild_secs) {
                    return Err(format!(
                        "--rebuild-secs must be between 0 and {MAX_REBUILD_SECS}"
                    ));
                }
            }
            "--latency-ms" => faults.latency_ms = int(&value)?,
            "--header-timeout-secs" => {
                header_timeout_secs = int(&value)?;
                if !(1..=MAX_HEADER_TIMEOUT_SECS).contains(&header_timeout_secs) {
                    return Err(format!(
                        "--header-timeout-secs must be between 1 and {MAX_HEADER_TIMEOUT_SECS}"
                    ));
                }
            }
            "--serve-dir" => serve_dir = Some(PathBuf::from(value)),
            "--fault-seed" => faults.seed = int(&value)?,
            "--rate-429" => faults.rate_429 = rate(&value)?,
            "--rate-5xx" => faults.rate_5xx = rate(&value)?,
            "--rate-drop" => faults.rate_drop = rate(&value)?,
            "--rate-drop-after-create" => faults.rate_drop_after = rate(&value)?,
            "--retry-after-secs" => faults.retry_after_secs = int(&value)?,
            "--status-5xx" => {
                let s = int(&value)?;
                if !(500..=599).contains(&s) {
                    return Err("--status-5xx must be between 500 and 599".into());
                }
                faults.status_5xx = s as u16;
            }
            "--faults-only" => {
                faults.scope = match value.as_str() {
                    "create" => Scope::Create,
                    "all" => Scope::All,
                    _ => return Err("--faults-only must be create or all".into()),
                }
            }
            "--faults-next" => {
                for kind in value.split(',').filter(|s| !s.is_empty()) {
                    let f = Fault::parse(kind).ok_or_else(|| format!("unknown fault: {kind}"))?;
                    faults.next.push_back(f);
                }
            }
            _ => return Err(format!("unknown flag: {flag}")),
        }
    }
    if token.is_empty() || token == other_token {
        return Err("--token must be non-empty and differ from --other-token".into());
    }
    Ok(Args {
        host,
        port,
        exit_on_stdin_eof,
        header_timeout: std::time::Duration::from_secs(header_timeout_secs),
        cfg: Config {
            token,
            other_token,
            rebuild_secs,
            serve_dir: serve_dir.unwrap_or_else(default_serve_dir),
            faults,
            console_proxy,
        },
    })
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            if msg.is_empty() {
                println!("{USAGE}");
                return;
            }
            eprintln!("error: {msg}\n{USAGE}");
            std::process::exit(2);
        }
    };
    if args.exit_on_stdin_eof {
        // The parent (a test runner) holds our stdin: when it dies, so do we.
        std::thread::spawn(|| {
            let mut sink = [0u8; 256];
            let mut stdin = std::io::stdin();
            while let Ok(n) = std::io::Read::read(&mut stdin, &mut sink) {
                if n == 0 {
                    break;
                }
            }
            std::process::exit(0);
        });
    }
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = rt.block_on(serve(args)) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

async fn serve(args: Args) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port)).await?;
    let addr = listener.local_addr()?;
    let token = args.cfg.token.clone();
    let header_timeout = args.header_timeout;
    let app = Arc::new(App::new(args.cfg));
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "aiven-fork sandbox listening on http://{addr}")?;
        writeln!(out, "demo token: {token}")?;
        out.flush()?;
    }
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(c) => c,
            // Out of file descriptors and the like: keep serving the open connections.
            Err(_) => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        tokio::spawn(async move {
            let svc = service_fn(move |req| server::handle(app.clone(), req));
            // An Err from the service (fault injection) closes the socket without an answer.
            // A connection that sends no complete request head in time is closed, so
            // half-open connections do not pile up (the timer makes the timeout work).
            let _ = http1::Builder::new()
                .keep_alive(true)
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), svc)
                .await;
        });
    }
}
