//! `docs/fork-rules.md` lists every error and warning code of `src/core/issue.rs`, each in
//! its own table, and no code the library does not have: the document cannot drift. The
//! code unions of `pkg/aiven-fork.d.ts` (`ErrorCode`, `WarningCode`) hold exactly the same
//! codes, and its `ForkErrorAction` and `ConnectionProblem` the strings the library answers.

use aiven_fork::core::issue::{Code, WarningCode};

const ISSUE_RS: &str = include_str!("../../src/core/issue.rs");
const DOC: &str = include_str!("../../docs/fork-rules.md");

/// The codes of `src/core/issue.rs`: its `Prefix::Variant => "string",` lines (the
/// `as_str` matches).
fn codes_in_source(prefix: &str) -> Vec<&'static str> {
    strings_in(ISSUE_RS, prefix)
}

/// The codes in the first column of the tables of one `## ` section of the document.
fn codes_in_doc(section: &str) -> Vec<&'static str> {
    let heading = format!("## {section}\n");
    let start = DOC
        .find(&heading)
        .unwrap_or_else(|| panic!("docs/fork-rules.md has no section \"## {section}\""));
    let body = &DOC[start + heading.len()..];
    let body = &body[..body.find("\n## ").unwrap_or(body.len())];
    body.lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect()
}

/// Both lists hold the same codes, each once; the message names the differences.
fn assert_same(what: &str, listed: &[&str], source: &[&str]) {
    let missing: Vec<_> = source.iter().filter(|c| !listed.contains(c)).collect();
    let unknown: Vec<_> = listed.iter().filter(|c| !source.contains(c)).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "{what}: missing {missing:?}, not in src/core/issue.rs {unknown:?}"
    );
    assert_eq!(
        listed.len(),
        source.len(),
        "{what}: a code is listed twice: {listed:?}"
    );
}

#[test]
fn every_error_code_is_documented() {
    let source = codes_in_source("Code::");
    assert!(source.contains(&Code::InvalidRequest.as_str()));
    assert!(source.contains(&Code::InvalidResponse.as_str()));
    assert!(
        source.len() >= 35,
        "error codes read from src/core/issue.rs: {source:?}"
    );
    let doc = codes_in_doc("Error codes");
    assert_same("docs/fork-rules.md \"Error codes\"", &doc, &source);
}

#[test]
fn every_warning_code_is_documented() {
    let source = codes_in_source("WarningCode::");
    assert!(source.contains(&WarningCode::IntegrationsNotCopied.as_str()));
    assert!(source.contains(&WarningCode::SourceNotRunning.as_str()));
    assert!(
        source.len() >= 8,
        "warning codes read from src/core/issue.rs: {source:?}"
    );
    let doc = codes_in_doc("Warning codes");
    assert_same("docs/fork-rules.md \"Warning codes\"", &doc, &source);
}

/// The members of `export type NAME = | 'a' | 'b' ...;` in the shipped declarations.
fn codes_in_declarations(name: &str) -> Vec<&'static str> {
    const DTS: &str = include_str!("../../pkg/aiven-fork.d.ts");
    let head = format!("export type {name} =");
    let start = DTS
        .find(&head)
        .unwrap_or_else(|| panic!("pkg/aiven-fork.d.ts has no `{head}`"));
    let body = &DTS[start + head.len()..];
    let body = &body[..body.find(';').unwrap_or(body.len())];
    body.split('|')
        .filter_map(|alt| alt.trim().strip_prefix('\'')?.strip_suffix('\''))
        .collect()
}

#[test]
fn every_code_is_declared_for_typescript_and_no_other() {
    let errors = codes_in_source("Code::");
    let declared = codes_in_declarations("ErrorCode");
    assert!(declared.contains(&Code::ClientFreed.as_str()));
    assert_same("pkg/aiven-fork.d.ts ErrorCode", &declared, &errors);
    let warnings = codes_in_source("WarningCode::");
    assert_same(
        "pkg/aiven-fork.d.ts WarningCode",
        &codes_in_declarations("WarningCode"),
        &warnings,
    );
}

#[test]
fn code_all_holds_every_code_once_and_parses_back() {
    let source = codes_in_source("Code::");
    let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_same("Code::ALL", &all, &source);
    for code in Code::ALL {
        assert_eq!(Code::parse(code.as_str()), Some(code));
    }
    assert_eq!(Code::parse("no_such_code"), None);
}

/// The strings of the `Prefix::Variant => "string",` lines of a source file.
fn strings_in(source: &'static str, prefix: &str) -> Vec<&'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with(prefix) && l.contains("=> \""))
        .filter_map(|l| l.split('"').nth(1))
        .collect()
}

#[test]
fn the_explanation_actions_and_connection_problems_are_declared() {
    let actions = strings_in(include_str!("../../src/transport/advice.rs"), "Action::");
    assert!(actions.contains(&"check_settings"), "{actions:?}");
    assert_same(
        "pkg/aiven-fork.d.ts ForkErrorAction",
        &codes_in_declarations("ForkErrorAction"),
        &actions,
    );
    let problems = strings_in(include_str!("../../src/transport/poll.rs"), "Problem::");
    assert!(problems.contains(&"no_answer"), "{problems:?}");
    assert_same(
        "pkg/aiven-fork.d.ts ConnectionProblem",
        &codes_in_declarations("ConnectionProblem"),
        &problems,
    );
}

/// The rows of the "Retired types" table of docs/fork-rules.md:
/// (type, no new services since, end of life, the services were).
fn retired_in_doc() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    let start = DOC
        .find("### Retired types\n")
        .unwrap_or_else(|| panic!("docs/fork-rules.md has no \"### Retired types\""));
    DOC[start..]
        .lines()
        .skip_while(|l| !l.starts_with("| type |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            assert_eq!(cells.len(), 4, "{l}");
            (cells[0].trim_matches('`'), cells[1], cells[2], cells[3])
        })
        .collect()
}

#[test]
fn the_retired_types_and_their_dates_are_documented() {
    use aiven_fork::core::service_types::all;
    let mut doc = retired_in_doc();
    let mut lib: Vec<_> = all()
        .iter()
        .filter_map(|t| {
            t.retired.map(|r| {
                (
                    t.name,
                    r.no_new_services_since,
                    r.end_of_life,
                    r.services_were,
                )
            })
        })
        .collect();
    doc.sort_unstable();
    lib.sort_unstable();
    assert!(lib.len() >= 7, "{lib:?}");
    assert_eq!(
        doc, lib,
        "docs/fork-rules.md \"Retired types\" and src/core/service_types.rs differ"
    );
}
