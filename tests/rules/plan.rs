//! Rule 6: a plan of the source's type, and no fewer nodes for Cassandra and
//! ClickHouse.

use aiven_fork::core::service_types::lookup;

use crate::common::*;

#[test]
fn rejects_a_plan_the_type_does_not_have() {
    for spec in forkable() {
        let ctx = ctx_for(spec);
        let r = check(
            spec,
            &req(spec, r#""plan":"nope-1""#),
            Some(&ctx),
            &[("plan_not_found", "plan")],
        );
        assert_eq!(
            r.errors[0].message,
            format!("plan \"nope-1\" does not exist for {}", spec.name)
        );
    }
}

#[test]
fn skips_the_plan_check_when_the_plans_are_unknown() {
    for spec in forkable() {
        let mut unknown = ctx_for(spec);
        unknown.plans.clear();
        check(spec, &req(spec, r#""plan":"nope-1""#), Some(&unknown), &[]);
    }
}

#[test]
fn rejects_fewer_nodes_for_clickhouse() {
    let mut seen = 0;
    for spec in forkable_where(|s| s.no_fewer_nodes) {
        let ctx = ctx_for(spec);
        let v = req(spec, r#""plan":"startup-4""#);
        seen += 1;
        let r = check(spec, &v, Some(&ctx), &[("fewer_nodes", "plan")]);
        assert_eq!(
            r.errors[0].message,
            format!("plan \"startup-4\" has 1 node but the source has 3; {} cannot be forked to fewer nodes", spec.product)
        );
    }
    // Cassandra has the rule too, but Aiven retired it (service_type_retired).
    assert_eq!(seen, 1);
}

#[test]
fn allows_fewer_nodes_for_other_types() {
    for spec in forkable_where(|s| !s.no_fewer_nodes) {
        let mut three = ctx_for(spec);
        three.source.node_count = 3;
        check(spec, &req(spec, r#""plan":"startup-4""#), Some(&three), &[]);
    }
}

#[test]
fn rejects_three_nodes_for_a_six_node_clickhouse() {
    let ch = lookup("clickhouse").unwrap();
    let mut six = ctx_for(ch);
    six.source.node_count = 6;
    let r = check(
        ch,
        &req(ch, r#""plan":"business-8""#),
        Some(&six),
        &[("fewer_nodes", "plan")],
    );
    assert_eq!(
        r.errors[0].message,
        "plan \"business-8\" has 3 nodes but the source has 6; ClickHouse cannot be forked to fewer nodes"
    );
}
