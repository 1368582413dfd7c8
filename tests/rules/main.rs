//! The fork rules of `docs/fork-rules.md`: one module per rule, one scenario per test.

mod documented;
