//! Connections that never send a whole request head are closed after the header read
//! timeout (`--header-timeout-secs`), so half-open connections cannot pile up; the
//! server keeps answering meanwhile.

mod common;

use common::*;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Longest the test waits for the server to close one connection. Far above the
/// 1 s timeout the sandbox runs with here: the assertion is that the connection is
/// closed at all, never how fast.
const WAIT: Duration = Duration::from_secs(30);

/// Whether the server closed `s` (end of stream, or a reset) within `WAIT`; the bytes
/// it sent before closing are returned.
fn closed_by_server(mut s: TcpStream) -> Result<Vec<u8>, String> {
    let deadline = Instant::now() + WAIT;
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(format!("still open after {WAIT:?}"));
        }
        s.set_read_timeout(Some(left)).map_err(|e| e.to_string())?;
        match s.read(&mut buf) {
            Ok(0) => return Ok(got),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted
                ) =>
            {
                return Ok(got)
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(format!("still open after {WAIT:?}"))
            }
            Err(e) => return Err(e.to_string()),
        }
    }
}

#[test]
fn half_open_connections_are_closed_and_the_server_keeps_answering() {
    let sb = Sandbox::start(&["--header-timeout-secs", "1"]);
    let mut open = Vec::new();
    for i in 0..60 {
        let mut s = TcpStream::connect(&sb.addr).expect("connect");
        // A third send nothing, a third half a request line, a third all but the
        // blank line that ends the head.
        let partial: &[u8] = match i % 3 {
            0 => b"",
            1 => b"GET /v1/project/demo-pro",
            _ => b"GET /v1/project HTTP/1.1\r\nHost: x\r\nAuthorization: aivenv1 sandbox-demo-token\r\n",
        };
        s.write_all(partial).expect("write");
        open.push(s);
    }
    // Meanwhile a complete request is answered.
    assert_eq!(sb.get("/v1/project/demo-project/service").status, 200);
    for (i, s) in open.into_iter().enumerate() {
        let sent = closed_by_server(s).unwrap_or_else(|e| panic!("connection {i}: {e}"));
        // Nothing, or an error answer: never a normal response.
        let text = String::from_utf8_lossy(&sent);
        assert!(
            sent.is_empty() || text.starts_with("HTTP/1.1 408") || text.starts_with("HTTP/1.1 400"),
            "connection {i} got {text:?}"
        );
    }
    assert_eq!(sb.get("/v1/project/demo-project/service").status, 200);
}

#[test]
fn an_idle_keep_alive_connection_is_closed_after_its_answer() {
    let sb = Sandbox::start(&["--header-timeout-secs", "1"]);
    let mut s = TcpStream::connect(&sb.addr).expect("connect");
    let req = format!(
        "GET /v1/project/demo-project/service HTTP/1.1\r\nHost: {}\r\nAuthorization: aivenv1 {TOKEN}\r\n\r\n",
        sb.addr
    );
    s.write_all(req.as_bytes()).expect("write");
    // The answer arrives, then (no next request) the server closes the connection.
    let sent = closed_by_server(s).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&sent);
    assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text:?}");
}

#[test]
fn header_timeout_flag_is_checked() {
    for (bad, message) in [
        (
            "0",
            "error: --header-timeout-secs must be between 1 and 3600",
        ),
        (
            "3601",
            "error: --header-timeout-secs must be between 1 and 3600",
        ),
        ("x", "error: invalid integer for --header-timeout-secs: x"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_aiven-fork-sandbox"))
            .args(["--port", "0", "--header-timeout-secs", bad])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().next(), Some(message), "{bad}: {err}");
    }
}
