"""A recording stand-in for the few Aiven API calls `avn service create` makes.

Used by tests/equivalents_avn.rs to run the library's `avn` command with the real
Aiven CLI and capture the exact request bodies it sends. Standard library plus
PyYAML (pinned in requirements.txt) to read Aiven's published schemas.

    python recorder.py --log FILE --token TOKEN --schemas DIR

Prints `recorder listening on http://127.0.0.1:PORT` once ready. Every request is
appended to FILE as one JSON line: {"method", "path", "body"} (body parsed, or null).
Requests without `Authorization: aivenv1 TOKEN` get 401 (and are still logged).

Answers (what avn 4.18 calls for `service create` and `service tags replace`):
  GET  /v1/project/{p}/service-types/{t}  -> {"service_type", "user_config_schema"}
       (avn types `-c key=value` with this schema)
  GET  /v1/project/{p}/vpcs               -> {"vpcs": []}   (checked when --cloud is given
       without --project-vpc-id / --no-project-vpc)
  GET  /v1/project/{p}                    -> {"project": {..., "account_id"}}
  GET  /v1/account/{a}/service_versions   -> versions without end of life
       (both only when user_config holds `<type>_version`)
  POST /v1/project/{p}/service            -> {"service": {...}}
  PUT  /v1/project/{p}/service/{s}/tags   -> {"message": "tags updated"}
"""

import argparse
import json
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

import yaml

# go-api-schemas spells JSON Schema meta keys in snake_case; the API uses camelCase.
META = {
    "max_length": "maxLength",
    "min_length": "minLength",
    "max_items": "maxItems",
    "min_items": "minItems",
    "create_only": "createOnly",
    "user_error": "user_error",
}


def to_api_schema(node):
    """Turn a go-api-schemas fragment back into the API's user_config_schema form."""
    if isinstance(node, list):
        return [to_api_schema(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("properties", "patternProperties"):
            out[key] = {k: to_api_schema(v) for k, v in value.items()}
        elif key == "enum":
            out[key] = [v["value"] if isinstance(v, dict) and "value" in v else v for v in value]
        else:
            out[META.get(key, key)] = to_api_schema(value)
    return out


def load_schemas(directory):
    """Newest schema of every type; types the newest file lacks come from the 2026-03 file."""
    schemas = {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for name in ("service_types_2026-03.yml", "service_types.yml"):
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            for service_type, schema in yaml.load(f, Loader=loader).items():
                schemas[service_type] = to_api_schema(schema)
    return schemas


def version_list(schemas):
    versions = []
    for service_type, schema in schemas.items():
        prop = schema.get("properties", {}).get(service_type + "_version", {})
        for major in prop.get("enum", []):
            versions.append(
                {
                    "service_type": service_type,
                    "major_version": major,
                    "state": "available",
                    "aiven_end_of_life_time": None,
                    "upstream_end_of_life_time": None,
                }
            )
    return versions


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--schemas", required=True)
    args = parser.parse_args()
    schemas = load_schemas(args.schemas)
    versions = version_list(schemas)
    lock = threading.Lock()

    routes = [
        ("GET", re.compile(r"^/v1/project/([^/]+)/service-types/([^/]+)$"), "service_type"),
        ("GET", re.compile(r"^/v1/project/([^/]+)/vpcs$"), "vpcs"),
        ("GET", re.compile(r"^/v1/project/([^/]+)$"), "project"),
        ("GET", re.compile(r"^/v1/account/([^/]+)/service_versions$"), "versions"),
        ("POST", re.compile(r"^/v1/project/([^/]+)/service$"), "create"),
        ("PUT", re.compile(r"^/v1/project/([^/]+)/service/([^/]+)/tags$"), "tags"),
    ]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):  # quiet
            pass

        def reply(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def error(self, status, message):
            self.reply(status, {"errors": [{"message": message, "status": status}], "message": message})

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = {"unparsed": raw.decode("utf-8", "replace")}
            path = self.path.split("?", 1)[0]
            with lock, open(args.log, "a", encoding="utf-8") as f:
                f.write(json.dumps({"method": self.command, "path": path, "body": body}) + "\n")
            if self.headers.get("Authorization") != "aivenv1 " + args.token:
                return self.error(401, "Invalid token")
            for method, pattern, name in routes:
                m = pattern.match(path)
                if method != self.command or not m:
                    continue
                parts = [unquote(p) for p in m.groups()]
                if name == "service_type":
                    schema = schemas.get(parts[1])
                    if schema is None:
                        return self.error(404, "Service type does not exist")
                    return self.reply(200, {"service_type": parts[1], "user_config_schema": schema})
                if name == "vpcs":
                    return self.reply(200, {"vpcs": []})
                if name == "project":
                    return self.reply(200, {"project": {"project_name": parts[0], "account_id": "a-recorder"}})
                if name == "versions":
                    return self.reply(200, {"service_versions": versions})
                if name == "create":
                    service = dict(body or {}, state="REBUILDING", project=parts[0])
                    return self.reply(200, {"service": service})
                if name == "tags":
                    return self.reply(200, {"message": "tags updated"})
            return self.error(404, "Not found")

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("recorder listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
