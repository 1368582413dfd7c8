// Reads a JSON array of HCL texts on stdin, prints a JSON array of their parses
// (Terraform's JSON syntax) or {"error": "..."} per text. HashiCorp's HCL parser
// compiled to wasm (@cdktf/hcl2json), for tests/equivalents_hcl.rs.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(process.env.HCL_PREFIX + "/");
const { parse } = require("@cdktf/hcl2json");

const texts = JSON.parse(readFileSync(0, "utf8"));
const out = [];
for (const [i, text] of texts.entries()) {
  try {
    out.push(await parse(`main${i}.tf`, text));
  } catch (e) {
    out.push({ error: String(e && e.message ? e.message : e) });
  }
}
process.stdout.write(JSON.stringify(out));
