//! Reading requests: exact codes and fields for every bad shape; hostile values
//! give issues, never panics.

use aiven_fork::core::json::{parse, Number, Value};
use aiven_fork::core::request::{ForkRequest, Recovery};
use aiven_fork::core::time::Timestamp;
use aiven_fork::core::validate::validate_value;

/// A JSON number from its text.
fn num(text: &str) -> Value {
    Value::Number(Number::parse(text).unwrap_or_else(|| panic!("{text}")))
}

fn errs(text: &str) -> Vec<(String, String)> {
    let v = parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message));
    match ForkRequest::from_value(&v) {
        Ok(_) => vec![],
        Err(issues) => issues
            .into_iter()
            .map(|i| (i.code.as_str().to_string(), i.field))
            .collect(),
    }
}

fn want(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(c, f)| (c.to_string(), f.to_string()))
        .collect()
}

const OK: &str = r#"{"project":"p","serviceName":"f","source":{"service":"s"}}"#;

#[test]
fn minimal_request_reads() {
    let r = ForkRequest::from_value(&parse(OK).unwrap()).unwrap();
    assert_eq!(r.project, "p");
    assert_eq!(r.service_name, "f");
    assert_eq!(r.source.service, "s");
    assert_eq!(r.source.project, None);
    assert_eq!(r.recovery, Recovery::Latest);
    assert_eq!(r.user_config, None);
}

#[test]
fn full_request_reads() {
    let r = ForkRequest::from_value(
        &parse(
            r#"{"project":"p","serviceName":"f","serviceType":"pg","plan":"business-4","cloud":"c",
            "source":{"service":"s","project":"q"},"recovery":{"mode":"time","time":"2025-07-01 10:00:00"},
            "diskSpaceMb":1024,"terminationProtection":true,"tags":{"a":"b"},"copyTags":false,
            "projectVpcId":"0B3C2E7A-1f4d-4a5b-9c6d-7e8f9a0b1c2d","userConfig":{"pg_version":"17"}}"#,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(r.service_type.as_deref(), Some("pg"));
    assert_eq!(r.source.project.as_deref(), Some("q"));
    assert_eq!(r.recovery, Recovery::Time("2025-07-01 10:00:00".into()));
    assert_eq!(r.disk_space_mb, Some(1024));
    assert_eq!(r.termination_protection, Some(true));
    assert_eq!(r.tags, Some(vec![("a".into(), "b".into())]));
    assert_eq!(r.copy_tags, Some(false));
    assert_eq!(
        r.project_vpc_id,
        Some(Some("0B3C2E7A-1f4d-4a5b-9c6d-7e8f9a0b1c2d".into()))
    );
    assert_eq!(r.user_config.unwrap().to_json(), r#"{"pg_version":"17"}"#);
}

#[test]
fn non_objects_are_invalid_requests() {
    for text in ["null", "1", "\"x\"", "[]", "true", "[{}]"] {
        assert_eq!(errs(text), want(&[("invalid_request", "")]), "{text}");
    }
    let v = parse("[]").unwrap();
    assert_eq!(
        ForkRequest::from_value(&v).unwrap_err()[0].message,
        "a fork request must be an object, not an array"
    );
}

#[test]
fn missing_fields_are_all_reported() {
    assert_eq!(
        errs("{}"),
        want(&[
            ("missing_field", "project"),
            ("missing_field", "serviceName"),
            ("missing_field", "source"),
        ])
    );
    assert_eq!(
        errs(r#"{"project":"","serviceName":null,"source":{}}"#),
        want(&[
            ("missing_field", "project"),
            ("missing_field", "serviceName"),
            ("missing_field", "source.service"),
        ])
    );
    assert_eq!(
        errs(r#"{"project":"p","serviceName":"f","source":{"service":"s"},"recovery":{}}"#),
        want(&[("missing_field", "recovery.mode")])
    );
    assert_eq!(
        errs(
            r#"{"project":"p","serviceName":"f","source":{"service":"s"},"recovery":{"mode":"time"}}"#
        ),
        want(&[("missing_field", "recovery.time")])
    );
    assert_eq!(
        errs(
            r#"{"project":"p","serviceName":"f","source":{"service":"s"},"recovery":{"mode":"backup","name":""}}"#
        ),
        want(&[("missing_field", "recovery.name")])
    );
}

#[test]
fn wrong_types_name_the_field_path() {
    assert_eq!(
        errs(
            r#"{"project":1,"serviceName":true,"serviceType":[],"plan":{},"cloud":2,"source":"s",
            "recovery":"latest","diskSpaceMb":"10","terminationProtection":"yes","tags":[],
            "copyTags":1,"projectVpcId":5,"userConfig":"x"}"#
        ),
        want(&[
            ("invalid_type", "project"),
            ("invalid_type", "serviceName"),
            ("invalid_type", "serviceType"),
            ("invalid_type", "plan"),
            ("invalid_type", "cloud"),
            ("invalid_type", "source"),
            ("invalid_type", "recovery"),
            ("invalid_type", "diskSpaceMb"),
            ("invalid_type", "terminationProtection"),
            ("invalid_type", "tags"),
            ("invalid_type", "copyTags"),
            ("invalid_type", "projectVpcId"),
            ("invalid_type", "userConfig"),
        ])
    );
    assert_eq!(
        errs(
            r#"{"project":"p","serviceName":"f","source":{"service":1,"project":false},
            "recovery":{"mode":"time","time":1751382982000},"tags":{"a":1,"b":"ok","c":null}}"#
        ),
        want(&[
            ("invalid_type", "source.service"),
            ("invalid_type", "source.project"),
            ("invalid_type", "recovery.time"),
            ("invalid_type", "tags.a"),
            ("invalid_type", "tags.c"),
        ])
    );
    let v = parse(r#"{"project":"p","serviceName":42,"source":{"service":"s"}}"#).unwrap();
    assert_eq!(
        ForkRequest::from_value(&v).unwrap_err()[0].message,
        "serviceName must be a string, not a number"
    );
}

#[test]
fn unknown_fields_are_reported_with_their_path() {
    assert_eq!(
        errs(
            r#"{"project":"p","serviceName":"f","source":{"service":"s","region":"x"},"__proto__":{},
            "constructor":1,"service_name":"f","recovery":{"mode":"latest","time":"2025-01-01 00:00:00"}}"#
        ),
        want(&[
            ("unknown_field", "__proto__"),
            ("unknown_field", "constructor"),
            ("unknown_field", "service_name"),
            ("unknown_field", "source.region"),
            ("unknown_field", "recovery.time"),
        ])
    );
    assert_eq!(
        errs(
            r#"{"project":"p","serviceName":"f","source":{"service":"s"},"recovery":{"mode":"backup","name":"b","time":"t"}}"#
        ),
        want(&[("unknown_field", "recovery.time")])
    );
}

#[test]
fn over_long_fields_use_aivens_limits() {
    let cases: &[(&str, usize)] = &[
        ("project", 63),
        ("serviceName", 64),
        ("serviceType", 64),
        ("plan", 128),
        ("cloud", 256),
    ];
    for &(field, max) in cases {
        let with = |n: usize| {
            let mut v = parse(OK).unwrap();
            if let Value::Object(f) = &mut v {
                f.retain(|(k, _)| k != field);
                f.push((field.to_string(), Value::String("a".repeat(n))));
            }
            v.to_json()
        };
        let ok = with(max);
        assert_eq!(errs(&ok), want(&[]), "{field}");
        let long = with(max + 1);
        assert_eq!(errs(&long), want(&[("field_too_long", field)]), "{field}");
    }
    let long_src = format!(
        r#"{{"project":"p","serviceName":"f","source":{{"service":"{}","project":"{}"}},"recovery":{{"mode":"backup","name":"{}"}}}}"#,
        "s".repeat(65),
        "q".repeat(64),
        "b".repeat(129)
    );
    assert_eq!(
        errs(&long_src),
        want(&[
            ("field_too_long", "source.service"),
            ("field_too_long", "source.project"),
            ("field_too_long", "recovery.name"),
        ])
    );
    // Characters, not bytes, count.
    let v = parse(&format!(
        r#"{{"project":"p","serviceName":"f","source":{{"service":"s"}},"cloud":"{}"}}"#,
        "é".repeat(256)
    ))
    .unwrap();
    assert!(ForkRequest::from_value(&v).is_ok());
    let v = parse(&format!(
        r#"{{"project":"p","serviceName":"{}","source":{{"service":"s"}}}}"#,
        "a".repeat(100)
    ))
    .unwrap();
    assert_eq!(
        ForkRequest::from_value(&v).unwrap_err()[0].message,
        "serviceName is 100 characters long; at most 64 are allowed"
    );
}

#[test]
fn bad_values() {
    for mode in [r#""Latest""#, r#""pitr""#, r#""""#] {
        assert_eq!(
            errs(&format!(
                r#"{{"project":"p","serviceName":"f","source":{{"service":"s"}},"recovery":{{"mode":{mode}}}}}"#
            )),
            want(&[("invalid_value", "recovery.mode")]),
            "{mode}"
        );
    }
    for disk in [
        "0",
        "-0",
        "-1",
        "1.5",
        "1e300",
        "9007199254740992",
        "9007199254740993",
        "18446744073709551616",
    ] {
        assert_eq!(
            errs(&format!(
                r#"{{"project":"p","serviceName":"f","source":{{"service":"s"}},"diskSpaceMb":{disk}}}"#
            )),
            want(&[("invalid_value", "diskSpaceMb")]),
            "{disk}"
        );
    }
    for vpc in [
        r#""""#,
        r#""not-a-uuid""#,
        r#""0b3c2e7a1f4d4a5b9c6d7e8f9a0b1c2d""#,
        r#""0b3c2e7a-1f4d-4a5b-9c6d-7e8f9a0b1c2g""#,
    ] {
        let got = errs(&format!(
            r#"{{"project":"p","serviceName":"f","source":{{"service":"s"}},"projectVpcId":{vpc}}}"#
        ));
        assert_eq!(got, want(&[("invalid_value", "projectVpcId")]), "{vpc}");
    }
    // Null and empty optionals mean "not given".
    assert_eq!(
        errs(
            r#"{"project":"p","serviceName":"f","serviceType":"","plan":null,"cloud":"","source":{"service":"s","project":""},"recovery":null,"tags":null,"userConfig":null}"#
        ),
        want(&[])
    );
}

#[test]
fn fork_keys_in_user_config_point_to_the_right_field() {
    let v = parse(
        r#"{"project":"p","serviceName":"f","source":{"service":"s"},"userConfig":{"service_to_fork_from":"x","recovery_target_time":"y","ip_filter":[]}}"#,
    )
    .unwrap();
    let e = ForkRequest::from_value(&v).unwrap_err();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].field, "userConfig.service_to_fork_from");
    assert_eq!(
        e[0].message,
        "userConfig.service_to_fork_from is set by the library; use source.service instead"
    );
    assert_eq!(e[1].message, "userConfig.recovery_target_time is set by the library; use recovery: { mode: \"time\", time } instead");
}

fn nest(depth: usize) -> Value {
    let mut v = Value::Null;
    for _ in 0..depth {
        v = Value::Object(vec![("a".into(), v)]);
    }
    v
}

#[test]
fn hostile_values_give_issues_not_panics() {
    let huge = "x".repeat(1 << 20);
    let hostile: Vec<Value> = vec![
        Value::Null,
        num("-1.7976931348623157e308"),
        num("1e-400"),
        Value::String(huge.clone()),
        Value::Array(vec![Value::Null; 1000]),
        nest(300),
        Value::Object(vec![("project".into(), Value::String(huge.clone()))]),
        Value::Object(vec![
            ("project".into(), Value::str("p")),
            ("serviceName".into(), Value::String(huge.clone())),
            (
                "source".into(),
                Value::Object(vec![("service".into(), nest(300))]),
            ),
            (
                "recovery".into(),
                Value::Object(vec![("mode".into(), Value::String(huge.clone()))]),
            ),
            ("diskSpaceMb".into(), num("1.7976931348623157e308")),
            ("userConfig".into(), nest(300)),
            ("tags".into(), Value::Object(vec![(huge.clone(), num("1"))])),
            (huge.clone(), Value::Null),
        ]),
    ];
    for v in &hostile {
        let issues = ForkRequest::from_value(v).unwrap_err();
        assert!(!issues.is_empty());
        for i in &issues {
            // Messages and paths never echo megabytes of input.
            assert!(i.message.len() < 400, "{}", &i.message[..100]);
            assert!(i.field.len() < 100);
        }
        let r = validate_value(v, None, Timestamp(0));
        assert!(!r.ok);
    }
    // User config is the caller's own data: passed through up to the depth limit.
    let mut v = parse(
        r#"{"project":"p","serviceName":"f","serviceType":"pg","plan":"startup-4","source":{"service":"s"}}"#,
    )
    .unwrap();
    let with_depth = |v: &mut Value, n: usize| {
        if let Value::Object(f) = v {
            f.retain(|(k, _)| k != "userConfig");
            f.push((
                "userConfig".into(),
                Value::Object(vec![("pg".into(), nest(n))]),
            ));
        }
    };
    with_depth(&mut v, 31);
    let r = validate_value(&v, None, Timestamp(0));
    assert!(r.ok, "{:?}", r.errors);
    with_depth(&mut v, 32);
    let r = validate_value(&v, None, Timestamp(0));
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].field, "userConfig");
    assert_eq!(r.errors[0].message, "userConfig is nested too deeply");
}

#[test]
fn numbers_in_user_config_pass_through_as_their_text() {
    // JSON cannot hold NaN or infinities (the JS reader refuses them, the parser
    // never makes them): what arrives is number text, kept as it is.
    for text in [
        "1e300",
        "123456789.12345679",
        "-0",
        "1e-7",
        "0.1",
        "123456789012345678901234567890",
    ] {
        let mut v = parse(OK).unwrap();
        if let Value::Object(f) = &mut v {
            let inner = Value::Object(vec![("x".into(), Value::Array(vec![num(text)]))]);
            f.push((
                "userConfig".into(),
                Value::Object(vec![("pg".into(), inner)]),
            ));
        }
        let req = ForkRequest::from_value(&v).unwrap();
        assert_eq!(
            req.user_config.map(|u| u.to_json()),
            Some(format!(r#"{{"pg":{{"x":[{text}]}}}}"#))
        );
    }
}

#[test]
fn unknown_field_message_lists_the_known_ones() {
    let v =
        parse(r#"{"project":"p","serviceName":"f","source":{"service":"s","name":"x"}}"#).unwrap();
    assert_eq!(
        ForkRequest::from_value(&v).unwrap_err()[0].message,
        "unknown field source.name; expected one of service, project"
    );
}
