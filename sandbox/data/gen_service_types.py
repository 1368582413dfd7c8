#!/usr/bin/env python3
"""Regenerate sandbox/data/service_types.json from Aiven's published schemas.

Usage: python3 sandbox/data/gen_service_types.py [path/to/shared/aiven]

go-api-schemas stores the API's `user_config_schema` as YAML with snake_case meta keys,
numeric bounds as strings and enums as `{value, is_deprecated}` objects. The API (and the
`avn` CLI reading it) uses camelCase keys, plain numbers and plain enum lists, so convert back.
Types missing from the newest file (cassandra, redis, m3db, ...) come from the 2026-03 file.
"""
import json
import os
import sys

import yaml

RENAME = {
    "max_length": "maxLength",
    "min_length": "minLength",
    "max_items": "maxItems",
    "min_items": "minItems",
    "create_only": "createOnly",
    "one_of": "oneOf",
}
NUMERIC = {"minimum", "maximum"}


def to_number(v):
    if isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            try:
                return float(v)
            except ValueError:
                return v
    return v


def types_of(node):
    t = node.get("type")
    return t if isinstance(t, list) else [t]


def convert(node):
    if isinstance(node, list):
        return [convert(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    numeric_type = any(t in ("integer", "number") for t in types_of(node))
    for k, v in node.items():
        if k in ("properties", "patternProperties") and isinstance(v, dict):
            out[k] = {name: convert(sub) for name, sub in v.items()}
        elif k == "enum" and isinstance(v, list):
            vals = [e["value"] if isinstance(e, dict) and "value" in e else e for e in v]
            out[k] = [to_number(x) for x in vals] if numeric_type else vals
        elif k in NUMERIC:
            out[RENAME.get(k, k)] = to_number(v)
        elif k in ("default", "example") and numeric_type:
            out[k] = to_number(v)
        else:
            out[RENAME.get(k, k)] = convert(v)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "shared", "aiven")
    newest = yaml.safe_load(open(os.path.join(src, "service_types.yml")))
    older = yaml.safe_load(open(os.path.join(src, "service_types_2026-03.yml")))
    merged = {}
    for name in sorted(set(newest) | set(older)):
        schema = newest.get(name) or older.get(name)
        merged[name] = convert(schema)
    with open(os.path.join(here, "service_types.json"), "w") as f:
        json.dump(merged, f, separators=(",", ":"), sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main()
