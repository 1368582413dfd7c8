//! What the oracle knows about each service type, read from Aiven's published schemas
//! (`tests/data/aiven/fork_keys.json`) and the rules document (`docs/fork-rules.md`),
//! never from the library's own table (`src/core/service_types.rs`): a wrong row
//! there shows up as a disagreement with the oracle.
//!
//! * fork keys (which recovery modes a type has): the newest schema file that has the
//!   type, else the 2026-03 one;
//! * whether Aiven still offers the type, no fewer nodes, the persistence switch: the
//!   "Service types" table of the rules document (Aiven's schemas do not say).

use aiven_fork::core::json::{self, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One type as the schemas and the rules document describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeFacts {
    pub name: String,
    /// `service_to_fork_from` is in the type's published `user_config` schema.
    pub fork_keys: bool,
    /// `recovery_target_time` is (a point in time can be chosen).
    pub time: bool,
    /// `recovery_basebackup_name` is (a named backup can be chosen).
    pub backup: bool,
    /// The rules document's table says "refused" for fewer nodes.
    pub no_fewer_nodes: bool,
    /// The rules document's persistence switch for the type (`redis_persistence`, ...).
    pub persistence_key: Option<String>,
    /// The rules document says Aiven retired the type ("offered": "retired").
    pub retired: bool,
}

fn read(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The `| ... |` table of `docs/fork-rules.md` whose header starts with `| type |`,
/// as one map of column name to cell text per row (backticks and bold removed).
fn docs_type_table() -> Vec<BTreeMap<String, String>> {
    let doc = read("docs/fork-rules.md");
    let mut lines = doc.lines().skip_while(|l| !l.starts_with("| type |"));
    let cells = |line: &str| -> Vec<String> {
        line.trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().replace(['`', '*'], ""))
            .collect()
    };
    let header = cells(
        lines
            .next()
            .expect("docs/fork-rules.md has no `| type |` table"),
    );
    lines
        .skip(1) // |---|---|
        .take_while(|l| l.starts_with('|'))
        .map(|l| header.iter().cloned().zip(cells(l)).collect())
        .collect()
}

fn column<'a>(row: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    row.get(name)
        .map(String::as_str)
        .unwrap_or_else(|| panic!("docs/fork-rules.md type table has no column {name:?}"))
}

fn all_facts() -> &'static BTreeMap<String, TypeFacts> {
    static FACTS: OnceLock<BTreeMap<String, TypeFacts>> = OnceLock::new();
    FACTS.get_or_init(|| {
        let keys = json::parse(&read("tests/data/aiven/fork_keys.json"))
            .unwrap_or_else(|e| panic!("fork_keys.json: {}", e.message));
        let mut out = BTreeMap::new();
        for file in ["early2026", "newest"] {
            let Some(Value::Object(types)) = keys.get(file).and_then(|f| f.get("per_type")) else {
                panic!("fork_keys.json has no {file}.per_type");
            };
            // Later files (newest) replace earlier ones for the types they hold.
            for (name, t) in types {
                let has = |k: &str| {
                    t.get("fork_keys")
                        .and_then(|f| f.get(k))
                        .is_some_and(|v| !v.is_null())
                };
                out.insert(
                    name.clone(),
                    TypeFacts {
                        name: name.clone(),
                        fork_keys: has("service_to_fork_from"),
                        time: has("recovery_target_time"),
                        backup: has("recovery_basebackup_name"),
                        no_fewer_nodes: false,
                        persistence_key: None,
                        retired: false,
                    },
                );
            }
        }
        for row in docs_type_table() {
            let name = column(&row, "type");
            let facts = out.get_mut(name).unwrap_or_else(|| {
                panic!("docs/fork-rules.md lists {name}, which no schema file has")
            });
            facts.no_fewer_nodes = match column(&row, "fewer nodes") {
                "refused" => true,
                "allowed" => false,
                other => panic!("{name}: fewer nodes {other:?}"),
            };
            facts.persistence_key = match column(&row, "persistence switch") {
                "—" => None,
                key => Some(key.to_string()),
            };
            facts.retired = match column(&row, "offered") {
                "yes" => false,
                "retired" => true,
                other => panic!("{name}: offered {other:?}"),
            };
        }
        out
    })
}

/// The facts of the type `name`; `None` for a type no published schema has.
pub fn facts(name: &str) -> Option<&'static TypeFacts> {
    all_facts().get(name)
}
