//! Static files from the serve dir, content types, and refusal of path traversal.

mod common;

use common::*;
use std::fs;
use std::path::PathBuf;

fn serve_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sandbox-static-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("www/sub")).ok();
    fs::create_dir_all(dir.join("pkg/web")).ok();
    fs::write(
        dir.join("www/index.html"),
        "<!doctype html><title>demo</title>",
    )
    .ok();
    fs::write(dir.join("www/sub/index.html"), "sub").ok();
    fs::write(dir.join("www/app.mjs"), "export const x = 1;").ok();
    fs::write(dir.join("pkg/web/aiven_fork_bg.wasm"), b"\0asm\x01\0\0\0").ok();
    fs::write(dir.join("pkg/web/aiven_fork.js"), "export default 1;").ok();
    fs::write(dir.join("secret.txt"), "secret").ok();
    #[cfg(unix)]
    {
        let _ = std::os::unix::fs::symlink("/etc/passwd", dir.join("www/escape"));
    }
    dir
}

#[test]
fn serves_index_and_assets_with_content_types() {
    let dir = serve_dir("ok");
    let sb = Sandbox::start(&["--serve-dir", dir.to_str().unwrap_or(".")]);
    let r = sb.raw("GET", "/", &[], b"");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, "<!doctype html><title>demo</title>");
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    for (path, ct) in [
        ("/www/index.html", "text/html; charset=utf-8"),
        ("/www/app.mjs", "text/javascript; charset=utf-8"),
        ("/pkg/web/aiven_fork.js", "text/javascript; charset=utf-8"),
        ("/pkg/web/aiven_fork_bg.wasm", "application/wasm"),
    ] {
        let r = sb.raw("GET", path, &[], b"");
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ct), "{path}");
    }
    assert_eq!(sb.raw("GET", "/www/sub/", &[], b"").body, "sub");
    assert_eq!(sb.raw("GET", "/www/app.mjs?v=1", &[], b"").status, 200);
    assert_eq!(sb.raw("POST", "/www/app.mjs", &[], b"").status, 405);
}

#[test]
fn refuses_traversal_and_files_outside_www_and_pkg() {
    let dir = serve_dir("trav");
    let sb = Sandbox::start(&["--serve-dir", dir.to_str().unwrap_or(".")]);
    for path in [
        "/www/../secret.txt",
        "/www/%2e%2e/secret.txt",
        "/www/%2E%2E/secret.txt",
        "/pkg/..%2fsecret.txt",
        "/www/%2e%2e%2fsecret.txt",
        "/www/..%5csecret.txt",
        "/%2e%2e/secret.txt",
        "/www/./index.html",
        "/www/%00",
    ] {
        let r = sb.raw("GET", path, &[], b"");
        assert_error(&r, 400, "Invalid path");
        assert!(!r.body.contains("secret\""), "{path}");
    }
    for path in [
        "/secret.txt",
        "/www/nope.js",
        "/www/escape",
        "/src/main.rs",
        "/www/.hidden",
    ] {
        assert_error(&sb.raw("GET", path, &[], b""), 404, "Not found");
    }
}

/// Symbolic links inside the tree are never followed, even to a file of the tree that
/// is itself served: the link, a linked directory and a path through one are 404.
#[cfg(unix)]
#[test]
fn never_follows_symlinks_even_inside_the_tree() {
    use std::os::unix::fs::symlink;
    let dir = serve_dir("links");
    assert!(symlink("index.html", dir.join("www/same-dir-link.html")).is_ok());
    assert!(symlink(
        dir.join("www/app.mjs"),
        dir.join("pkg/web/absolute-link.mjs")
    )
    .is_ok());
    assert!(symlink("../secret.txt", dir.join("www/secret-link.txt")).is_ok());
    assert!(symlink("../www", dir.join("pkg/www-dir-link")).is_ok());
    assert!(symlink("sub", dir.join("www/sub-link")).is_ok());
    let sb = Sandbox::start(&["--serve-dir", dir.to_str().unwrap_or(".")]);
    for path in [
        "/www/same-dir-link.html",
        "/pkg/web/absolute-link.mjs",
        "/www/secret-link.txt",
        "/pkg/www-dir-link/index.html",
        "/pkg/www-dir-link/",
        "/www/sub-link/",
        "/www/sub-link/index.html",
        "/www/escape",
    ] {
        assert_error(&sb.raw("GET", path, &[], b""), 404, "Not found");
    }
    // The files the links point to are served by their own paths.
    assert_eq!(sb.raw("GET", "/www/index.html", &[], b"").status, 200);
    assert_eq!(sb.raw("GET", "/www/app.mjs", &[], b"").status, 200);
    assert_eq!(sb.raw("GET", "/www/sub/index.html", &[], b"").body, "sub");
}

/// A serve dir given through a symbolic link is fine: only links below it are refused.
#[cfg(unix)]
#[test]
fn a_serve_dir_reached_through_a_link_is_served() {
    let dir = serve_dir("rootlink");
    let link = std::env::temp_dir().join(format!(
        "sandbox-static-rootlink-{}-link",
        std::process::id()
    ));
    let _ = fs::remove_file(&link);
    assert!(std::os::unix::fs::symlink(&dir, &link).is_ok());
    let sb = Sandbox::start(&["--serve-dir", link.to_str().unwrap_or(".")]);
    let r = sb.raw("GET", "/", &[], b"");
    assert_eq!(
        (r.status, r.body.as_str()),
        (200, "<!doctype html><title>demo</title>")
    );
    let _ = fs::remove_file(&link);
}
