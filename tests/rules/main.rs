//! Every rule and every warning of `docs/fork-rules.md`, per forkable service type, with
//! exact codes, fields and payloads: one module per rule, one scenario per test. The
//! matrix is generated from one base case per type (`tests/common`) so that adding a
//! type to the table adds its cases here.

#[path = "../common/mod.rs"]
mod common;

mod backups;
mod cross_project;
mod documented;
mod messages;
mod named_backup;
mod names;
mod payload;
mod plan;
mod point_in_time;
mod request_shape;
mod service_type;
mod shapes;
mod warnings;
