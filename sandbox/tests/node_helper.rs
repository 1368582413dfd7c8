//! Runs sandbox/tests/js/helper_smoke.mjs: the Node helper tests/support/sandbox.mjs
//! against this build of the sandbox (SANDBOX_BIN).

use std::path::PathBuf;
use std::process::Command;

#[test]
fn node_helper_starts_drives_and_stops_the_sandbox() {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/js/helper_smoke.mjs");
    let out = Command::new("node")
        .arg(&script)
        .env("SANDBOX_BIN", env!("CARGO_BIN_EXE_aiven-fork-sandbox"))
        .output()
        .expect("node must be installed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("sandbox helper ok"), "{stdout}");
}
