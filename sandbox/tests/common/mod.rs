//! A tiny HTTP/1.1 client over loopback and a sandbox process per test.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const TOKEN: &str = "sandbox-demo-token";
pub const OTHER_TOKEN: &str = "sandbox-other-token";
pub const P: &str = "demo-project";

/// A running sandbox; killed on drop.
pub struct Sandbox {
    child: Child,
    pub addr: String,
    pub url: String,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer, or `status == 0` when the connection was closed without one.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    /// The Aiven error message.
    pub fn message(&self) -> String {
        self.json()["message"].as_str().unwrap_or("").to_string()
    }
}

impl Sandbox {
    pub fn start(extra: &[&str]) -> Sandbox {
        let mut child = Command::new(env!("CARGO_BIN_EXE_aiven-fork-sandbox"))
            .args(["--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn sandbox");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().expect("first line").expect("read line");
        let url = first
            .strip_prefix("aiven-fork sandbox listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {first}"))
            .to_string();
        let second = lines.next().expect("second line").expect("read line");
        assert!(second.starts_with("demo token: "), "{second}");
        let addr = url.trim_start_matches("http://").to_string();
        Sandbox { child, addr, url }
    }

    /// Sends a raw request; `path` is written exactly as given.
    pub fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30))).ok();
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.addr
        );
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        if !body.is_empty() || method == "POST" || method == "PUT" {
            req.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        req.push_str("\r\n");
        let mut bytes = req.into_bytes();
        bytes.extend_from_slice(body);
        // The server may refuse a large body before reading it all.
        let _ = s.write_all(&bytes);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        parse(&out)
    }

    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Resp {
        let auth = token.map(|t| format!("aivenv1 {t}"));
        let mut headers: Vec<(&str, &str)> = Vec::new();
        if let Some(a) = &auth {
            headers.push(("Authorization", a));
        }
        let text = body.map(|b| b.to_string()).unwrap_or_default();
        if body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        self.raw(method, path, &headers, text.as_bytes())
    }

    pub fn get(&self, path: &str) -> Resp {
        self.call("GET", path, Some(TOKEN), None)
    }

    pub fn post(&self, path: &str, body: &Value) -> Resp {
        self.call("POST", path, Some(TOKEN), Some(body))
    }

    pub fn put(&self, path: &str, body: &Value) -> Resp {
        self.call("PUT", path, Some(TOKEN), Some(body))
    }

    pub fn delete(&self, path: &str) -> Resp {
        self.call("DELETE", path, Some(TOKEN), None)
    }

    /// `POST /v1/project/demo-project/service`.
    pub fn create(&self, body: &Value) -> Resp {
        self.post(&format!("/v1/project/{P}/service"), body)
    }

    pub fn service(&self, name: &str) -> Value {
        let r = self.get(&format!("/v1/project/{P}/service/{name}"));
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["service"].clone()
    }

    pub fn requests(&self) -> Vec<Value> {
        let r = self.get("/_sandbox/requests");
        assert_eq!(r.status, 200, "{}", r.body);
        r.json().as_array().cloned().unwrap_or_default()
    }

    pub fn faults(&self, v: &Value) {
        let r = self.put("/_sandbox/faults", v);
        assert_eq!(r.status, 200, "{}", r.body);
    }

    pub fn names(&self) -> Vec<String> {
        let r = self.get(&format!("/v1/project/{P}/service"));
        assert_eq!(r.status, 200);
        r.json()["services"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s["service_name"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn parse(raw: &[u8]) -> Resp {
    if raw.is_empty() {
        return Resp {
            status: 0,
            headers: Vec::new(),
            body: String::new(),
        };
    }
    let text = String::from_utf8_lossy(raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Resp {
        status,
        headers,
        body: body.to_string(),
    }
}

/// The fork body most tests start from.
pub fn fork_body(name: &str, service_type: &str, plan: &str, source: &str) -> Value {
    serde_json::json!({
        "service_name": name,
        "service_type": service_type,
        "plan": plan,
        "user_config": {"service_to_fork_from": source},
    })
}

/// Asserts an Aiven-shaped error with the exact status and message.
#[track_caller]
pub fn assert_error(r: &Resp, status: u16, message: &str) {
    assert_eq!(r.status, status, "body: {}", r.body);
    let v = r.json();
    assert_eq!(
        v,
        serde_json::json!({"errors": [{"message": message, "status": status}], "message": message}),
    );
}
