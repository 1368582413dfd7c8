//! Random, mostly-wrong inputs through every core entry point: never a panic, and
//! `validate` says ok exactly when `build` succeeds. Deterministic (fixed seeds).

use aiven_fork::core::context::ForkContext;
use aiven_fork::core::json::{parse, Number, Value};
use aiven_fork::core::payload::build_value;
use aiven_fork::core::time::{self, Timestamp};
use aiven_fork::core::validate::validate_value;

/// A JSON number from its text.
fn num(text: &str) -> Value {
    Value::Number(Number::parse(text).unwrap_or_else(|| panic!("{text}")))
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const KEYS: &[&str] = &[
    "project",
    "serviceName",
    "serviceType",
    "plan",
    "cloud",
    "source",
    "service",
    "recovery",
    "mode",
    "time",
    "name",
    "diskSpaceMb",
    "terminationProtection",
    "tags",
    "copyTags",
    "projectVpcId",
    "userConfig",
    "__proto__",
    "constructor",
    "backups",
    "backupName",
    "backupTime",
    "pitr",
    "start",
    "end",
    "plans",
    "nodeCount",
    "takenNames",
    "integrations",
    "state",
    "serviceType",
    "redis_persistence",
    "saml",
    "enabled",
    "service_to_fork_from",
];

const STRINGS: &[&str] = &[
    "",
    "p",
    "pg",
    "redis",
    "kafka",
    "opensearch",
    "clickhouse",
    "src",
    "fork",
    "latest",
    "time",
    "backup",
    "business-4",
    "off",
    "RUNNING",
    "POWEROFF",
    "2025-07-01 10:00:00",
    "2025-07-01T10:00:00Z",
    "2025-02-30 10:00:00",
    "backup-1",
    "a b",
    "Ünïcödé",
    "\u{0}",
    "0b3c2e7a-1f4d-4a5b-9c6d-7e8f9a0b1c2d",
    "9999-12-31T23:59:59.999999-23:59",
];

fn value(r: &mut Rng, depth: u32) -> Value {
    match r.next() % if depth > 5 { 5 } else { 8 } {
        0 => Value::Null,
        1 => Value::Bool(r.next() % 2 == 0),
        2 => match r.next() % 6 {
            0 => num("-1.7976931348623157e308"),
            1 => num("123456789012345678901234567890"),
            2 => num("-1"),
            3 => num("3"),
            4 => num("1e300"),
            // Any finite double, as Rust writes it (`1.5e-7`: valid JSON).
            _ => Number::parse(&format!("{:e}", f64::from_bits(r.next())))
                .map_or(num("-0"), Value::Number),
        },
        3 | 4 => Value::str(r.pick(STRINGS)),
        5 => Value::Array((0..r.next() % 4).map(|_| value(r, depth + 1)).collect()),
        _ => {
            let n = r.next() % 6;
            let mut fields: Vec<(String, Value)> = Vec::new();
            for _ in 0..n {
                let k = r.pick(KEYS).to_string();
                if fields.iter().all(|(x, _)| *x != k) {
                    fields.push((k, value(r, depth + 1)));
                }
            }
            Value::Object(fields)
        }
    }
}

/// A mostly valid request with one random field replaced.
fn near_valid(r: &mut Rng) -> Value {
    let mut v = parse(
        r#"{"project":"proj","serviceName":"fork","serviceType":"pg","plan":"business-4","source":{"service":"src"},"recovery":{"mode":"time","time":"2025-07-01 10:00:00"}}"#,
    )
    .unwrap();
    if let Value::Object(f) = &mut v {
        let i = (r.next() % f.len() as u64) as usize;
        f[i].1 = value(r, 0);
        if r.next() % 3 == 0 {
            f.push((r.pick(KEYS).to_string(), value(r, 0)));
            let mut seen: Vec<String> = Vec::new();
            f.retain(|(k, _)| {
                let fresh = !seen.contains(k);
                seen.push(k.clone());
                fresh
            });
        }
    }
    v
}

fn context_text() -> &'static str {
    r#"{"source":{"project":"proj","serviceName":"src","serviceType":"pg","plan":"business-4","cloudName":"c","nodeCount":1,"state":"RUNNING","userConfig":{},"tags":{},"integrations":[]},
      "backups":[{"backupName":"b","backupTime":"2025-06-30T00:00:00Z","dataSize":1}],
      "pitr":{"start":"2025-06-24T00:00:00Z","end":null},"plans":[{"name":"business-4","nodeCount":1}],"takenNames":[]}"#
}

#[test]
fn random_requests_never_panic_and_validate_agrees_with_build() {
    let mut r = Rng(42);
    let ctx = ForkContext::from_value(&parse(context_text()).unwrap()).unwrap();
    let now = time::parse("2025-07-02T00:00:00Z").unwrap().at;
    let mut oks = 0;
    for i in 0..20_000 {
        let v = if i % 2 == 0 {
            value(&mut r, 0)
        } else {
            near_valid(&mut r)
        };
        for c in [None, Some(&ctx)] {
            let report = validate_value(&v, c, now);
            let built = build_value(&v, c, now);
            assert_eq!(report.ok, built.is_ok(), "{}", v.to_json());
            assert_eq!(report.ok, report.errors.is_empty());
            if let Ok(call) = built {
                oks += 1;
                // The body is valid JSON text that reads back to the same value,
                // numbers digit for digit.
                assert_eq!(
                    parse(&call.body.to_json()).unwrap(),
                    call.body,
                    "{}",
                    v.to_json()
                );
            }
        }
    }
    assert!(oks > 100, "{oks}");
}

#[test]
fn random_contexts_never_panic() {
    let mut r = Rng(7);
    let now = Timestamp(1_751_414_400_000_000);
    let req =
        parse(r#"{"project":"proj","serviceName":"fork","source":{"service":"src"}}"#).unwrap();
    let base = parse(context_text()).unwrap();
    for _ in 0..20_000 {
        let mut c = base.clone();
        if let Value::Object(f) = &mut c {
            let i = (r.next() % f.len() as u64) as usize;
            f[i].1 = value(&mut r, 0);
        }
        if let Ok(ctx) = ForkContext::from_value(&c) {
            let report = validate_value(&req, Some(&ctx), now);
            assert_eq!(report.ok, build_value(&req, Some(&ctx), now).is_ok());
            assert_eq!(ForkContext::from_value(&ctx.to_value()).as_ref(), Ok(&ctx));
        }
        let any = value(&mut r, 0);
        let _ = ForkContext::from_api("p", &any, &c, &any, Some(&any));
    }
}

#[test]
fn random_text_never_panics_the_parsers() {
    let mut r = Rng(99);
    let alphabet = b"{}[]\":,0123456789.eE+-tnrufalsel \\u\n\tT Z";
    for _ in 0..50_000 {
        let len = (r.next() % 40) as usize;
        let text: String = (0..len)
            .map(|_| alphabet[(r.next() % alphabet.len() as u64) as usize] as char)
            .collect();
        if let Ok(v) = parse(&text) {
            assert_eq!(parse(&v.to_json()).unwrap(), v, "{text}");
        }
        let _ = time::parse(&text);
    }
}
