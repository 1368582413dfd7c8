//! Property tests of the core: random inputs of any shape never panic, and every
//! payload the core accepts keeps the fork rules (checked here by a small
//! independent oracle). `prop_sandbox.rs` checks the same against the sandbox's own
//! rule code over HTTP.
//!
//! Case counts are modest on purpose (CI has 2 cores); raise them locally with
//! `PROPTEST_CASES=2000 cargo test --test prop_core`.

use aiven_fork::core::context::ForkContext;
use aiven_fork::core::json::{self, Value};
use aiven_fork::core::request::ForkRequest;
use aiven_fork::core::time;
use aiven_fork::core::{equivalents, payload, text, validate};
use proptest::prelude::*;

mod prop_support;
use prop_support::*;

fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[test]
fn short_decimals_round_trip_exactly() {
    for text in [
        "0.1",
        "0.2",
        "1.5",
        "0.05",
        "123.456",
        "1e-7",
        "2.5e10",
        "100.01",
        "12345678.9",
        "-3.25",
    ] {
        let v = json::parse(text).expect("parses");
        // Kept as the text itself: the same number std reads, digit for digit.
        assert_eq!(v, num(text), "{text}");
        assert_eq!(v.to_json(), text);
        assert_eq!(json::parse(&v.to_json()).ok(), Some(v), "{text}");
    }
}

/// Everything the library does with one request/context pair, none of which may panic.
fn exercise(request: &Value, context: Option<&Value>) {
    let _ = ForkRequest::from_value(request);
    let ctx = context.and_then(|c| ForkContext::from_value(c).ok());
    if let Some(c) = context {
        // Round trip through the JS shape must not panic either.
        if let Ok(parsed) = ForkContext::from_value(c) {
            let again = ForkContext::from_value(&parsed.to_value());
            assert!(
                again.is_ok(),
                "to_value() gave a shape from_value() refuses"
            );
        }
    }
    let report = validate::validate_value(request, ctx.as_ref(), now());
    assert_eq!(
        report.ok,
        report.errors.is_empty(),
        "ok must mean no errors"
    );
    let built = payload::build_value(request, ctx.as_ref(), now());
    // checkForkRequest's one pass answers exactly what the two calls answer.
    let checked = payload::check_value(request, ctx.as_ref(), now());
    assert_eq!(
        checked.report, report,
        "check_value's report differs from validate"
    );
    match (&checked.call, &built) {
        (Some(call), Ok(b)) => assert_eq!(call, b, "check_value's call differs from build"),
        (None, Err(r)) => assert_eq!(r.errors, report.errors),
        (c, b) => panic!("check_value gave {c:?} where build gave {b:?}"),
    }
    match &built {
        Ok(call) => {
            assert!(
                report.ok,
                "build succeeded where validate reported {:?}",
                report.errors
            );
            let project = request.get("project").and_then(Value::as_str).unwrap_or("");
            let _ = equivalents::equivalents(project, &call.body);
            let _ = call.body.to_json();
            let _ = call.body.to_json_pretty();
        }
        Err(r) => {
            assert!(!r.errors.is_empty(), "a refused build must say why");
            assert!(
                !report.ok,
                "validate said ok but build refused: {:?}",
                r.errors
            );
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// The core's substring search (no std searcher in the module) answers as std does,
    /// on text with multi-byte characters and needles cut from it.
    #[test]
    fn text_search_agrees_with_std(
        hay in "[ab: é€𝄞]{0,24}",
        needle in "[ab: é€𝄞]{1,4}",
        cut in 0usize..24,
        len in 1usize..6,
    ) {
        let chars: Vec<char> = hay.chars().collect();
        let from_hay: String = chars.iter().skip(cut).take(len).collect();
        for n in [needle.as_str(), from_hay.as_str()] {
            if n.is_empty() {
                continue;
            }
            prop_assert_eq!(text::find(&hay, n), hay.find(n));
            prop_assert_eq!(text::rfind(&hay, n), hay.rfind(n));
            prop_assert_eq!(text::replace_all(&hay, n, "[redacted]"), hay.replace(n, "[redacted]"));
            prop_assert_eq!(text::after_last(&hay, n), hay.rsplit(n).next().unwrap_or(""));
        }
    }

    #[test]
    fn json_parse_never_panics_on_any_text(text in any_text()) {
        if let Ok(v) = json::parse(&text) {
            // What parses, writes back to text that parses to the same value (numbers
            // digit for digit: they are kept as their text).
            let again = json::parse(&v.to_json());
            prop_assert!(again.as_ref().is_ok_and(|a| *a == v), "{:?} -> {} -> {:?}", v, v.to_json(), again);
        }
    }

    #[test]
    fn time_parse_never_panics(text in time_text(0, 2_000_000_000_000_000)) {
        if let Ok(t) = time::parse(&text) {
            let sent = time::format_aiven(t.at);
            prop_assert!(sent.len() <= 32, "{} is longer than 32", sent);
            prop_assert_eq!(time::parse(&sent).map(|p| p.at).ok(), Some(t.at));
        }
    }

    #[test]
    fn any_value_as_request_never_panics(request in any_value(), context in prop::option::of(any_value())) {
        exercise(&request, context.as_ref());
    }

    #[test]
    fn any_value_as_context_never_panics(context in any_value()) {
        if let Ok(ctx) = ForkContext::from_value(&context) {
            let _ = ctx.to_value();
        }
    }

    #[test]
    fn any_value_reads_the_same_from_its_input_tape(v in any_value()) {
        // The tape JavaScript hands over holds the same value, and its JSON size is
        // the size of the value's compact JSON text, escapes included.
        let (text, codes) = v.to_tape();
        let size = v.to_json().len();
        let doc = json::Doc::from_tape(&text, &codes, "context", size);
        prop_assert!(doc.is_ok(), "{:?}", doc.err().map(|e| e.message));
        let doc = doc.ok().unwrap_or_else(|| unreachable!());
        prop_assert_eq!(doc.root().to_value(), v.clone());
        // The context reader answers the same from the tape as from the value.
        prop_assert_eq!(ForkContext::from_doc(doc.root()), ForkContext::from_value(&v));
        // One unit too many: the reader's error; one byte too many: the parser's.
        let units = v.to_json().encode_utf16().count();
        let smaller = json::Doc::from_tape(&text, &codes, "context", units - 1);
        prop_assert_eq!(
            smaller.err().map(|e| (e.field, e.message)),
            Some(("context".to_string(), format!("context is larger than {} as JSON text", size_text(units - 1))))
        );
        if units < size {
            let smaller = json::Doc::from_tape(&text, &codes, "context", size - 1);
            prop_assert_eq!(
                smaller.err().map(|e| (e.field, e.message)),
                Some((String::new(), format!("JSON text is larger than {}", size_text(size - 1))))
            );
        }
    }

    #[test]
    fn generated_contexts_read_the_same_from_their_input_tape((_, context) in fork_case()) {
        let (text, codes) = context.to_tape();
        let doc = json::Doc::from_tape(&text, &codes, "context", json::MAX_INPUT_BYTES)
            .map_err(|e| TestCaseError::fail(e.message))?;
        let read = ForkContext::from_doc(doc.root());
        prop_assert!(read.is_ok());
        prop_assert_eq!(read, ForkContext::from_value(&context));
    }

    #[test]
    fn any_api_answers_never_panic(
        service in any_value(),
        backups in any_value(),
        plans in any_value(),
        services in prop::option::of(any_value()),
    ) {
        if let Ok(ctx) = ForkContext::from_api("demo-project", &service, &backups, &plans, services.as_ref()) {
            // What was read from the API must survive the JS shape.
            prop_assert!(ForkContext::from_value(&ctx.to_value()).is_ok());
        }
    }

    #[test]
    fn well_formed_request_with_any_value_context_never_panics(
        (request, _) in fork_case(),
        context in any_value(),
    ) {
        exercise(&request, Some(&context));
    }

    #[test]
    fn accepted_payloads_keep_every_fork_rule((request, context) in fork_case()) {
        exercise(&request, Some(&context));
        let ctx = ForkContext::from_value(&context).expect("generated contexts are well formed");
        if let Ok(call) = payload::build_value(&request, Some(&ctx), now()) {
            if let Err(why) = oracle_accepts(&request, &ctx, call.method, &call.path, &call.body, now()) {
                return Err(TestCaseError::fail(format!(
                    "{why}\nrequest: {}\ncontext: {}\nbody: {}",
                    request.to_json(), context.to_json(), call.body.to_json()
                )));
            }
            if let Err(why) = schema_accepts(&call.body) {
                return Err(TestCaseError::fail(format!("schema: {why}\nbody: {}", call.body.to_json())));
            }
        }
    }

    #[test]
    fn static_rules_alone_never_panic_and_agree((request, _) in fork_case()) {
        exercise(&request, None);
    }
}

/// The generator must reach accepted payloads, or the rule property checks nothing.
#[test]
fn generated_cases_include_accepted_forks_of_every_recovery_mode() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = fork_case();
    let (mut latest, mut time_mode, mut backup) = (0, 0, 0);
    for _ in 0..600 {
        let (request, context) = strategy.new_tree(&mut runner).expect("tree").current();
        let Ok(ctx) = ForkContext::from_value(&context) else {
            continue;
        };
        if payload::build_value(&request, Some(&ctx), now()).is_ok() {
            match request
                .get("recovery")
                .and_then(|r| r.get("mode"))
                .and_then(Value::as_str)
            {
                Some("time") => time_mode += 1,
                Some("backup") => backup += 1,
                _ => latest += 1,
            }
        }
    }
    assert!(
        latest >= 10 && time_mode >= 5 && backup >= 5,
        "accepted: latest {latest}, time {time_mode}, backup {backup}"
    );
}

/// A size as the library's messages write it: `N MiB` for whole mebibytes (0 too),
/// else `N bytes`.
fn size_text(bytes: usize) -> String {
    if bytes % (1 << 20) == 0 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}
