//! JSON parser and writer: shapes, escapes, limits and hostile input.

use aiven_fork::core::issue::Code;
use aiven_fork::core::json::{parse, Number, Value, MAX_DEPTH, MAX_STRING_BYTES};

fn roundtrip(text: &str) -> String {
    match parse(text) {
        Ok(v) => v.to_json(),
        Err(e) => panic!("{text}: {}", e.message),
    }
}

#[test]
fn parses_and_writes_compact_in_key_order() {
    assert_eq!(
        roundtrip(r#" { "b" : 1, "a" : [true, false, null, "x"], "c": {} , "d": [] } "#),
        r#"{"b":1,"a":[true,false,null,"x"],"c":{},"d":[]}"#
    );
}

#[test]
fn numbers_are_written_as_the_text_they_were_read_from() {
    // No float in between: every number comes back digit for digit.
    for text in [
        "0",
        "-0",
        "42",
        "-17",
        "1.5",
        "0.1",
        "1e3",
        "2.50",
        "1E-7",
        "0.000001",
        "1e21",
        "1e20",
        "9007199254740991",
        "12345678901234567890123",
        "-1.25e2",
        "1e300",
        "123456789.12345679",
        "1e-400",
        "1.7976931348623157e308",
        "-1.7976931348623157E+308",
    ] {
        assert_eq!(roundtrip(text), text, "{text}");
        assert_eq!(roundtrip(&format!("[{text}]")), format!("[{text}]"));
    }
}

#[test]
fn numbers_beyond_the_largest_javascript_number_are_out_of_range() {
    for bad in [
        "1.7976931348623158e308",
        "1.79769313486231570001e308",
        "1e309",
        "-1e309",
        "17976931348623158000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
        "0.1e310",
    ] {
        let err = parse(bad).expect_err(bad);
        assert!(err.message.ends_with("number out of range"), "{bad}: {}", err.message);
    }
    for ok in [
        "1.79769313486231570000e308",
        "0.17976931348623157e309",
        "1e308",
    ] {
        assert_eq!(roundtrip(ok), ok);
    }
}

#[test]
fn numbers_json_cannot_hold_are_refused() {
    for bad in ["NaN", "Infinity", "-Infinity", "[NaN]", "{\"a\":Infinity}"] {
        assert_eq!(
            parse(bad).map_err(|e| e.code),
            Err(Code::InvalidRequest),
            "{bad}"
        );
    }
}

#[test]
fn numbers_are_read_exactly_where_a_value_is_needed() {
    let n = |text: &str| Number::parse(text).unwrap_or_else(|| panic!("{text}"));
    assert_eq!(n("1e3").as_u64(), Some(1000));
    assert_eq!(n("1000.000").as_u64(), Some(1000));
    assert_eq!(n("-0").as_u64(), Some(0));
    assert_eq!(n("18446744073709551615").as_u64(), Some(u64::MAX));
    assert_eq!(n("18446744073709551616").as_u64(), None);
    assert_eq!(n("18446744073709551616").floor_u64(), Some(u64::MAX));
    assert_eq!(n("1e300").floor_u64(), Some(u64::MAX));
    assert_eq!(n("1.5").as_u64(), None);
    assert_eq!(n("1.5").floor_u64(), Some(1));
    assert_eq!(n("-1").as_u64(), None);
    assert_eq!(n("-1").floor_u64(), None);
    assert_eq!(n("-9223372036854775808").as_i64(), Some(i64::MIN));
    assert_eq!(n("9223372036854775808").as_i64(), None);
    assert_eq!(n("-25e-1").as_i64(), None);
    assert_eq!(n("-250e-1").as_i64(), Some(-25));
    assert!(n("1e-400").floor_u64() == Some(0) && !n("1e-400").is_integer());
    assert!(n("5e2").is_integer() && n("0.0e5").is_integer());
    assert_eq!(n("1.5").ceil_times(1000), Some(1500));
    assert_eq!(n("0.0015").ceil_times(1000), Some(2));
    assert_eq!(n("5e-4").ceil_times(1000), Some(1));
    assert_eq!(n("1e-400").ceil_times(1000), Some(1));
    assert_eq!(n("0.25").ceil_times(60_000), Some(15_000));
    assert_eq!(n("1e30").ceil_times(1000), Some(u64::MAX));
    assert_eq!(n("-0.5").ceil_times(1000), None);
    assert_eq!(Number::from_u64(u64::MAX).as_str(), "18446744073709551615");
    for bad in [
        "", " 1", "1 ", "+1", "01", "1.", ".5", "1e", "0x10", "NaN", "1e309",
    ] {
        assert_eq!(Number::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn escapes_round_trip() {
    assert_eq!(
        roundtrip(r#""a\"b\\c\/d\n\r\t\b\f\u0001\u00e9\ud83d\ude00""#),
        "\"a\\\"b\\\\c/d\\n\\r\\t\\b\\f\\u0001é😀\""
    );
    assert_eq!(parse(r#""\u00e9""#).unwrap(), Value::str("é"));
    assert_eq!(parse("\"😀\"").unwrap(), Value::str("😀"));
}

#[test]
fn pretty_uses_two_spaces() {
    let v = parse(r#"{"a":1,"b":[1,{"c":"d"}],"e":{}}"#).unwrap();
    assert_eq!(
        v.to_json_pretty(),
        "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    {\n      \"c\": \"d\"\n    }\n  ],\n  \"e\": {}\n}"
    );
}

#[test]
fn rejects_malformed_json_with_invalid_request() {
    for bad in [
        "",
        " ",
        "{",
        "}",
        "[1,]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a:1}",
        "01",
        "1.",
        ".5",
        "-",
        "1e",
        "+1",
        "NaN",
        "Infinity",
        "1e999",
        "tru",
        "nulls",
        "\"abc",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"a\nb\"",
        "{} {}",
        "[1] x",
        "{\"a\":1,\"a\":2}",
        "'a'",
    ] {
        let err = parse(bad).expect_err(bad);
        assert_eq!(err.code, Code::InvalidRequest, "{bad}");
        assert!(err.message.starts_with("invalid JSON at byte") || err.message.contains("16 MiB"));
    }
}

#[test]
fn error_names_byte_offset() {
    assert_eq!(
        parse("[1, 2 x]").unwrap_err().message,
        "invalid JSON at byte 6: expected ',' or ']'"
    );
    assert_eq!(
        parse("1 2").unwrap_err().message,
        "invalid JSON at byte 2: unexpected text after the JSON value"
    );
}

#[test]
fn depth_limit_holds_and_deep_input_does_not_overflow() {
    let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    assert!(parse(&ok).is_ok());
    let too_deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
    assert!(parse(&too_deep)
        .unwrap_err()
        .message
        .contains("nested too deeply"));
    let hostile = "{\"a\":".repeat(200_000);
    assert!(parse(&hostile).is_err());
    let hostile = "[".repeat(1_000_000);
    assert!(parse(&hostile).is_err());
}

#[test]
fn string_limit_holds() {
    let ok = format!("\"{}\"", "a".repeat(MAX_STRING_BYTES));
    assert!(parse(&ok).is_ok());
    let long = format!("\"{}\"", "a".repeat(MAX_STRING_BYTES + 1));
    assert!(parse(&long).unwrap_err().message.contains("64 KiB"));
    let long_key = format!("{{\"{}\":1}}", "k".repeat(MAX_STRING_BYTES + 1));
    assert!(parse(&long_key).is_err());
}

#[test]
fn size_limit_holds() {
    let huge = " ".repeat(16 * 1024 * 1024 + 1);
    assert!(parse(&huge).unwrap_err().message.contains("16 MiB"));
}

#[test]
fn proto_keys_are_plain_keys() {
    let v = parse(r#"{"__proto__":{"x":1},"constructor":"y"}"#).unwrap();
    assert_eq!(
        v.get("__proto__").and_then(|p| p.get("x")),
        Some(&Value::uint(1))
    );
    assert_eq!(v.to_json(), r#"{"__proto__":{"x":1},"constructor":"y"}"#);
}

#[test]
fn writer_escapes_control_characters() {
    assert_eq!(
        Value::str("\u{0}\u{1f}\u{7f}").to_json(),
        "\"\\u0000\\u001f\u{7f}\""
    );
}

#[test]
fn depth_check_counts_containers() {
    assert!(!Value::Null.deeper_than(0));
    assert!(!parse("[]").unwrap().deeper_than(1));
    assert!(parse("[]").unwrap().deeper_than(0));
    assert!(!parse(r#"{"a":[1,{"b":2}],"c":3}"#).unwrap().deeper_than(3));
    assert!(parse(r#"{"a":[1,{"b":[]}],"c":3}"#).unwrap().deeper_than(3));
    let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    assert!(!parse(&ok).unwrap().deeper_than(MAX_DEPTH));
}

#[test]
fn a_request_is_at_most_1_mib_of_json_text() {
    use aiven_fork::core::json::{parse_limited, MAX_REQUEST_BYTES};
    assert_eq!(MAX_REQUEST_BYTES, 1024 * 1024);
    // Exactly the bound is read.
    let body = format!("[{}1]", "1,".repeat((MAX_REQUEST_BYTES - 3) / 2));
    let exact = format!("{}{body}", " ".repeat(MAX_REQUEST_BYTES - body.len()));
    assert_eq!(exact.len(), MAX_REQUEST_BYTES);
    let items = parse_limited(&exact, MAX_REQUEST_BYTES).map(|v| v.as_array().map(<[Value]>::len));
    assert_eq!(items, Ok(Some((MAX_REQUEST_BYTES - 3) / 2 + 1)));
    // One byte more is refused before any of it is read (this text is not even JSON).
    let over = format!("{}{{not json", " ".repeat(MAX_REQUEST_BYTES - 8));
    assert_eq!(over.len(), MAX_REQUEST_BYTES + 1);
    let err = parse_limited(&over, MAX_REQUEST_BYTES).unwrap_err();
    assert_eq!(err.code, Code::InvalidRequest);
    assert_eq!(err.field, "");
    assert_eq!(err.message, "JSON text is larger than 1 MiB");
    // The default bound of `parse` is the one for API answers.
    assert_eq!(
        parse(&over).map(|_| ()).unwrap_err().message,
        "invalid JSON at byte 1048569: expected a string key"
    );
}

#[test]
fn strings_are_cut_at_the_first_quote_escape_or_control_byte_wherever_it_is() {
    // The string scanner reads eight bytes at a time: put each special byte at every
    // offset of two words, after ASCII and after multi-byte characters.
    for prefix in ["", "é", "😀", "ab"] {
        for at in 0..17 {
            for (special, escaped) in [
                ("\"", "\\\""),
                ("\\", "\\\\"),
                ("\n", "\\n"),
                ("\u{1}", "\\u0001"),
            ] {
                let s = format!("{prefix}{}{special}{}", "x".repeat(at), "y".repeat(17 - at));
                let text = Value::str(&s).to_json();
                assert!(text.contains(escaped));
                assert_eq!(parse(&text), Ok(Value::str(&s)), "{text}");
            }
            // A raw control byte inside a string is refused at its offset.
            let raw = format!("\"{prefix}{}\u{2}zz\"", "x".repeat(at));
            let at_byte = 1 + prefix.len() + at;
            assert_eq!(
                parse(&raw).unwrap_err().message,
                format!(
                    "invalid JSON at byte {}: control character in string",
                    at_byte + 1
                )
            );
        }
    }
}

mod tapes {
    use aiven_fork::core::issue::Code;
    use aiven_fork::core::json::{
        parse, Doc, Value, MAX_DEPTH, TAPE_ARRAY, TAPE_NULL, TAPE_NUMBER, TAPE_OBJECT, TAPE_STRING,
    };

    fn read(text: &str, codes: &[u32]) -> Result<Value, (Code, String, String)> {
        Doc::from_tape(text, codes, "context", 1 << 20)
            .map(|doc| doc.root().to_value())
            .map_err(|e| (e.code, e.field, e.message))
    }

    #[test]
    fn a_tape_holds_the_value_and_its_json_size() {
        let v = parse(
            r#"{"a":[1,-2.5e3,true,false,null,"x\"y\\z\n\u0001"],"é😀":{"":"ü"},"t":[],"o":{}}"#,
        )
        .unwrap();
        let (text, codes) = v.to_tape();
        // Texts one after the other, no quotes, no escapes.
        assert_eq!(text, "a1-2.5e3x\"y\\z\n\u{1}é😀üto");
        assert_eq!(codes.first(), Some(&(TAPE_OBJECT | 4 << 3)));
        // "é😀" is 3 UTF-16 units (6 bytes of UTF-8).
        assert!(codes.contains(&(TAPE_STRING | 3 << 3)));
        assert_eq!(read(&text, &codes), Ok(v.clone()));
        // The bound is on the JSON text's UTF-16 units (what JavaScript measured), then
        // on its UTF-8 bytes (what the parser measured), with their two errors.
        let json = v.to_json();
        let (bytes, units) = (json.len(), json.encode_utf16().count());
        assert!(units < bytes);
        assert!(Doc::from_tape(&text, &codes, "", bytes).is_ok());
        let err = Doc::from_tape(&text, &codes, "", units - 1).err().unwrap();
        assert_eq!(
            (err.code, err.field.as_str(), err.message),
            (
                Code::InvalidRequest,
                "",
                format!(
                    "the request is larger than {} bytes as JSON text",
                    units - 1
                )
            )
        );
        for bound in [units, bytes - 1] {
            let err = Doc::from_tape(&text, &codes, "context", bound)
                .err()
                .unwrap();
            let parsed = aiven_fork::core::json::parse_limited(&json, bound).unwrap_err();
            assert_eq!(
                (err.code, err.field.as_str(), err.message.as_str()),
                (Code::InvalidRequest, "", parsed.message.as_str())
            );
            assert_eq!(
                err.message,
                format!("JSON text is larger than {bound} bytes")
            );
        }
    }

    #[test]
    fn limits_of_the_parser_hold_for_tapes() {
        // Depth: 32 levels of arrays are read, 33 are not.
        let deep = |n: usize| {
            vec![TAPE_ARRAY | 1 << 3; n]
                .into_iter()
                .chain([TAPE_NULL])
                .collect::<Vec<_>>()
        };
        assert!(read("", &deep(MAX_DEPTH)).is_ok());
        assert_eq!(
            read("", &deep(MAX_DEPTH + 1)).unwrap_err().2,
            "context is nested more than 32 levels deep"
        );
        // Strings and keys: at most 64 KiB of UTF-8 (JavaScript counts UTF-16 units),
        // refused with the parser's error for the JSON text, at the same byte.
        let long = "é".repeat(32 * 1024 + 1);
        let units = (32 * 1024 + 1) as u32;
        let parsed = |v: &Value| {
            let e = parse(&v.to_json()).unwrap_err();
            (e.code, e.field, e.message)
        };
        let err = read(&long, &[TAPE_STRING | units << 3]).unwrap_err();
        assert_eq!(err, parsed(&Value::str(&long)));
        assert_eq!(
            err,
            (
                Code::InvalidRequest,
                String::new(),
                "invalid JSON at byte 65538: string longer than 64 KiB".to_string()
            )
        );
        // The first long text in the order of the JSON text: here a key after a string.
        let mut text = String::from("ok");
        text.push_str(&long);
        text.push_str(&long);
        let codes = [
            TAPE_OBJECT | 2 << 3,
            TAPE_STRING | 1 << 3,
            TAPE_STRING | 1 << 3,
            TAPE_STRING | units << 3,
            TAPE_STRING | units << 3,
        ];
        let value = Value::Object(vec![
            ("o".to_string(), Value::str("k")),
            (long.clone(), Value::str(&long)),
        ]);
        assert_eq!(read(&text, &codes).unwrap_err(), parsed(&value));
        assert_eq!(
            read(&text, &codes).unwrap_err().2,
            "invalid JSON at byte 65547: string longer than 64 KiB"
        );
        // Escapes before the string and in it move that byte.
        let escaped = format!("\"\n{}\u{1}", "é".repeat(32 * 1024));
        for value in [
            Value::Object(vec![
                ("k\t".to_string(), Value::str("a\u{1}\\")),
                (
                    "x".to_string(),
                    Value::Array(vec![Value::Null, Value::str(&escaped)]),
                ),
            ]),
            Value::Object(vec![(escaped.clone(), Value::Null)]),
        ] {
            let (text, codes) = value.to_tape();
            assert_eq!(read(&text, &codes).unwrap_err(), parsed(&value));
        }
        // Integers of every length read, up to the largest JSON.stringify writes.
        for digits in [
            "0",
            "7",
            "123456789012345",
            "1234567890123456",
            "9007199254740993",
        ] {
            let n = digits.len() as u32;
            assert_eq!(
                read(digits, &[TAPE_NUMBER | n << 3]),
                Ok(parse(digits).unwrap())
            );
        }
        let fits = "é".repeat(32 * 1024);
        assert!(read(&fits, &[TAPE_STRING | (units - 1) << 3]).is_ok());
        // Duplicate keys and numbers outside JSON's grammar or range.
        for (text, codes) in [
            (
                "aa",
                vec![
                    TAPE_OBJECT | 2 << 3,
                    TAPE_STRING | 1 << 3,
                    TAPE_NULL,
                    TAPE_STRING | 1 << 3,
                    TAPE_NULL,
                ],
            ),
            ("NaN", vec![TAPE_NUMBER | 3 << 3]),
            ("01", vec![TAPE_NUMBER | 2 << 3]),
            ("1 ", vec![TAPE_NUMBER | 2 << 3]),
            ("1e999", vec![TAPE_NUMBER | 5 << 3]),
            ("", vec![TAPE_NUMBER]),
        ] {
            assert_eq!(
                read(text, &codes).unwrap_err().2,
                "context could not be read (a malformed input tape)",
                "{text} {codes:?}"
            );
        }
    }

    #[test]
    fn malformed_tapes_are_refused_never_panic() {
        let malformed = |text: &str, codes: &[u32]| {
            read(text, codes).unwrap_err().2 == "context could not be read (a malformed input tape)"
        };
        assert!(malformed("", &[]));
        assert!(malformed("", &[7]));
        assert!(malformed("x", &[TAPE_NULL]));
        assert!(malformed("", &[TAPE_NULL, TAPE_NULL]));
        assert!(malformed("ab", &[TAPE_STRING | 3 << 3]));
        assert!(malformed("é", &[TAPE_STRING | 2 << 3]));
        assert!(malformed("", &[TAPE_ARRAY | 2 << 3, TAPE_NULL]));
        assert!(malformed("", &[TAPE_OBJECT | 1 << 3, TAPE_NULL, TAPE_NULL]));
        assert!(malformed("", &[TAPE_ARRAY | 0x1fff_ffff << 3]));
        // Random codes over random text.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let n = (next() % 12) as usize;
            let codes: Vec<u32> = (0..n)
                .map(|_| (next() % 8) as u32 | ((next() % 4) as u32) << 3)
                .collect();
            let text: String = (0..(next() % 10))
                .map(|_| ['a', '1', 'é', '😀', '"', '-', 'e'][(next() % 7) as usize])
                .collect();
            if let Ok(v) = read(&text, &codes) {
                // What reads, writes the same tape back.
                assert_eq!(v.to_tape(), (text.clone(), codes.clone()));
            }
        }
    }
}

#[test]
fn duplicate_keys_are_found_in_large_objects_too() {
    // Above 16 keys the keys are sorted to find a repeat; every position of the repeat.
    let keys: Vec<String> = (0..40).map(|i| format!("k{:02}", (i * 17) % 40)).collect();
    let object = |keys: &[String]| {
        let fields: Vec<String> = keys.iter().map(|k| format!("\"{k}\":1")).collect();
        format!("{{{}}}", fields.join(","))
    };
    assert!(parse(&object(&keys)).is_ok(), "40 distinct keys");
    for at in [0, 1, 17, 38, 39] {
        let mut with_repeat = keys.clone();
        with_repeat[at] = keys[(at + 11) % 40].clone();
        let text = object(&with_repeat);
        let e = parse(&text).expect_err("a repeated key");
        assert_eq!(e.code, Code::InvalidRequest, "repeat at {at}");
        // Reported where the object ends: the last byte of this text.
        assert_eq!(
            e.message,
            format!(
                "invalid JSON at byte {}: duplicate key in object",
                text.len()
            ),
            "repeat at {at}"
        );
    }
}
