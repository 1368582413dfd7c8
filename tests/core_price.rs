//! The price of a fork: plan prices read from Aiven's plan list (`regions.<cloud>.price_usd`),
//! kept in the context (both shapes), and the report's `price` for the fork's plan and cloud.

use aiven_fork::core::context::ForkContext;
use aiven_fork::core::issue::Code;
use aiven_fork::core::json::{parse, Value};
use aiven_fork::core::price::{is_price_text, PlanPrice};
use aiven_fork::core::time::{parse as parse_time, Timestamp};
use aiven_fork::core::validate::validate_value;

const SERVICE: &str = r#"{"service":{"service_name":"demo-pg","service_type":"pg","plan":"business-4",
  "cloud_name":"google-europe-west1","node_count":2,"state":"RUNNING","user_config":{},"tags":{}}}"#;
const BACKUPS: &str =
    r#"{"backups":[{"backup_name":"b1","backup_time":"2025-07-01T03:00:00Z","data_size":1}]}"#;
/// The shape of Aiven's `ProjectServicePlanList` answer: `regions` maps a cloud to its
/// hourly `price_usd` (decimal text) beside other fields.
const PLANS: &str = r#"{"service_plans":[
  {"service_plan":"startup-4","service_type":"pg","node_count":1,"backup_config":{},
   "regions":{"google-europe-west1":{"disk_space_mb":81920,"node_memory_mb":4096,"price_usd":"0.1000"},
              "aws-eu-west-1":{"price_usd":"0.1100"}}},
  {"service_plan":"business-4","service_type":"pg","node_count":2,
   "regions":{"google-europe-west1":{"price_usd":"0.2740"},
              "aws-eu-west-1":{"price_usd":0.3},
              "do-ams":{"price_usd":"1e3"},
              "azure-x":{"price_usd":"-1"},
              "upcloud-x":{}}},
  {"service_plan":"premium-4","service_type":"pg","node_count":3}
]}"#;

fn v(text: &str) -> Value {
    parse(text).unwrap_or_else(|e| panic!("{}", e.message))
}

fn now() -> Timestamp {
    parse_time("2025-07-02T00:00:00Z")
        .map(|t| t.at)
        .unwrap_or_else(|e| panic!("{}", e.message))
}

fn ctx() -> ForkContext {
    ForkContext::from_api("demo-project", &v(SERVICE), &v(BACKUPS), &v(PLANS), None)
        .unwrap_or_else(|e| panic!("{}", e.message))
}

fn prices(c: &ForkContext, plan: &str) -> Vec<(String, String)> {
    c.plans
        .iter()
        .find(|p| p.name == plan)
        .map(|p| p.prices.clone())
        .unwrap_or_else(|| panic!("no plan {plan}"))
}

fn pair(cloud: &str, price: &str) -> (String, String) {
    (cloud.to_string(), price.to_string())
}

fn price_of(request: &str) -> Option<PlanPrice> {
    validate_value(&v(request), Some(&ctx()), now()).price
}

#[test]
fn price_text_is_digits_and_one_point() {
    for ok in ["0.2740", "12", "0", "1234.5"] {
        assert!(is_price_text(ok), "{ok}");
    }
    for bad in [
        "", ".5", "5.", "1.2.3", "-1", "+1", "1e3", " 1", "1,5", "０.1", "NaN",
    ] {
        assert!(!is_price_text(bad), "{bad}");
    }
    assert!(!is_price_text(&"9".repeat(25)));
}

#[test]
fn reads_the_hourly_price_per_cloud_from_the_plan_list() {
    let c = ctx();
    assert_eq!(
        prices(&c, "startup-4"),
        vec![
            pair("google-europe-west1", "0.1000"),
            pair("aws-eu-west-1", "0.1100")
        ]
    );
    // Numbers, non-decimal text and regions without a price are not prices.
    assert_eq!(
        prices(&c, "business-4"),
        vec![pair("google-europe-west1", "0.2740")]
    );
    assert_eq!(prices(&c, "premium-4"), vec![]);
}

#[test]
fn the_camel_case_context_carries_prices_and_round_trips() {
    let c = ctx();
    let json = c.to_value().to_json();
    assert!(
        json.contains(r#"{"name":"startup-4","nodeCount":1,"prices":{"google-europe-west1":"0.1000","aws-eu-west-1":"0.1100"}}"#),
        "{json}"
    );
    // A plan without prices has no `prices` key (the shape of contexts before prices).
    assert!(
        json.contains(r#"{"name":"premium-4","nodeCount":3}"#),
        "{json}"
    );
    assert_eq!(ForkContext::from_value(&c.to_value()), Ok(c.clone()));
    assert_eq!(ForkContext::from_value(&v(&json)), Ok(c));
}

#[test]
fn a_camel_case_context_with_bad_prices_is_refused() {
    let with_prices = |prices: &str| {
        let mut json = ctx().to_value().to_json();
        json = json.replace(
            r#""prices":{"google-europe-west1":"0.1000","aws-eu-west-1":"0.1100"}"#,
            &format!(r#""prices":{prices}"#),
        );
        ForkContext::from_value(&v(&json)).err().map(|issues| {
            issues
                .iter()
                .map(|i| (i.code, i.field.clone(), i.message.clone()))
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(
        with_prices(r#"{"c":"cheap"}"#),
        Some(vec![(
            Code::InvalidValue,
            "context.plans[0].prices".to_string(),
            "context.plans[0].prices values must be decimal prices like 0.2740".to_string()
        )])
    );
    assert_eq!(
        with_prices(r#"{"c":0.1}"#).map(|i| i[0].2.clone()),
        Some("context.plans[0].prices values must be strings".to_string())
    );
    assert_eq!(
        with_prices(r#""0.1""#).map(|i| i[0].2.clone()),
        Some("context.plans[0].prices must be an object of strings".to_string())
    );
    assert_eq!(with_prices("null"), None);
}

#[test]
fn the_report_prices_the_forks_plan_in_its_cloud() {
    let base = r#""project":"demo-project","serviceName":"pr-1","source":{"service":"demo-pg"}"#;
    // The source's plan and cloud.
    assert_eq!(
        price_of(&format!("{{{base}}}")),
        Some(PlanPrice {
            plan: "business-4".into(),
            cloud: "google-europe-west1".into(),
            hourly_usd: "0.2740".into(),
        })
    );
    // The request's plan and cloud.
    assert_eq!(
        price_of(&format!(
            r#"{{{base},"plan":"startup-4","cloud":"aws-eu-west-1"}}"#
        )),
        Some(PlanPrice {
            plan: "startup-4".into(),
            cloud: "aws-eu-west-1".into(),
            hourly_usd: "0.1100".into(),
        })
    );
    // No price there, no such plan, another type's plans: no price.
    assert_eq!(
        price_of(&format!(r#"{{{base},"cloud":"aws-eu-west-1"}}"#)),
        None
    );
    assert_eq!(price_of(&format!(r#"{{{base},"plan":"premium-4"}}"#)), None);
    assert_eq!(price_of(&format!(r#"{{{base},"plan":"hobbyist"}}"#)), None);
    assert_eq!(
        price_of(&format!(r#"{{{base},"serviceType":"mysql"}}"#)),
        None
    );
    // Without a context nothing is known.
    let report = validate_value(
        &v(&format!(
            "{{{base},\"serviceType\":\"pg\",\"plan\":\"startup-4\"}}"
        )),
        None,
        now(),
    );
    assert_eq!(report.price, None);
}

#[test]
fn the_price_is_reported_beside_errors() {
    let report = validate_value(
        &v(r#"{"project":"demo-project","serviceName":"demo-pg","source":{"service":"demo-pg"}}"#),
        Some(&ctx()),
        now(),
    );
    assert!(!report.ok);
    assert_eq!(report.errors[0].code, Code::NameEqualsSource);
    assert_eq!(
        report.price.map(|p| p.hourly_usd),
        Some("0.2740".to_string())
    );
}
