//! Static files: `/` is `www/index.html`; `/www/...` and `/pkg/...` come from the serve dir.
//! Paths are decoded once and refused when they try to leave the serve dir. Symbolic
//! links are never followed, wherever they point (even to another file of the tree).

use std::path::{Path, PathBuf};

/// Decodes `%XX` escapes; None for a malformed escape or invalid UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Why a static path was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Traversal or otherwise unsafe path (400).
    Unsafe,
    /// Not one of the served trees, or no such file (404).
    NotFound,
}

/// Maps a request path to a file under `root`.
pub fn resolve(root: &Path, raw_path: &str) -> Result<PathBuf, Refusal> {
    let lower = raw_path.to_ascii_lowercase();
    // Encoded separators would survive a naive split and be decoded later by someone else.
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Err(Refusal::Unsafe);
    }
    let decoded = percent_decode(raw_path).ok_or(Refusal::Unsafe)?;
    if decoded.contains('\\') || decoded.contains('\0') || decoded.contains('%') {
        return Err(Refusal::Unsafe);
    }
    let rel = if decoded == "/" {
        "www/index.html".to_string()
    } else {
        decoded.trim_start_matches('/').to_string()
    };
    let mut parts = Vec::new();
    for seg in rel.split('/') {
        match seg {
            "" => continue,
            "." | ".." => return Err(Refusal::Unsafe),
            s if s.starts_with('.') => return Err(Refusal::NotFound),
            s => parts.push(s),
        }
    }
    match parts.first() {
        Some(&"www") | Some(&"pkg") => {}
        _ => return Err(Refusal::NotFound),
    }
    // The serve dir itself may be reached through links; nothing below it may be one.
    let mut path = root.canonicalize().map_err(|_| Refusal::NotFound)?;
    let mut kind = None;
    for p in &parts {
        path.push(p);
        kind = Some(entry_kind(&path)?);
    }
    if kind == Some(Kind::Dir) {
        path.push("index.html");
        kind = Some(entry_kind(&path)?);
    }
    match kind {
        Some(Kind::File) => Ok(path),
        _ => Err(Refusal::NotFound),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Kind {
    File,
    Dir,
}

/// What `path` itself is, without following a symbolic link: a link (or anything
/// that is neither a file nor a directory) is `NotFound`.
fn entry_kind(path: &Path) -> Result<Kind, Refusal> {
    let meta = std::fs::symlink_metadata(path).map_err(|_| Refusal::NotFound)?;
    let t = meta.file_type();
    if t.is_file() {
        Ok(Kind::File)
    } else if t.is_dir() {
        Ok(Kind::Dir)
    } else {
        Err(Refusal::NotFound)
    }
}

pub fn content_type(path: &Path) -> &'static str {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = name.rsplit('.').next().unwrap_or("");
    match ext {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" | "cjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "ts" => "text/plain; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes() {
        assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode("%2e%2E").as_deref(), Some(".."));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
    }

    #[test]
    fn refuses_traversal() {
        let root = std::env::temp_dir();
        for p in [
            "/www/../Cargo.toml",
            "/www/%2e%2e/Cargo.toml",
            "/www/%2E%2E/%2E%2E/etc/passwd",
            "/pkg/..%2fCargo.toml",
            "/www/a%5c..%5c..%5cx",
            "/www/./x",
        ] {
            assert_eq!(resolve(&root, p), Err(Refusal::Unsafe), "{p}");
        }
        assert_eq!(resolve(&root, "/src/lib.rs"), Err(Refusal::NotFound));
        assert_eq!(resolve(&root, "/www/.git/config"), Err(Refusal::NotFound));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("a/b.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("x.mjs")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("x.js")),
            "text/javascript; charset=utf-8"
        );
    }
}
