// Aiven's published user_config schemas (go-api-schemas YAML, snake_case meta keys)
// turned into standard JSON Schema, the way a JS console would feed them to ajv.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository's copy of Aiven's published schemas (tests/data/aiven/README.md). */
export function aivenDir() {
  return path.resolve(here, '../../tests/data/aiven');
}

const RENAMED = {
  max_length: 'maxLength',
  min_length: 'minLength',
  max_items: 'maxItems',
  min_items: 'minItems',
  one_of: 'oneOf',
  any_of: 'anyOf',
  all_of: 'allOf',
};
// Keys that only document (or only matter to Aiven's own tooling): dropped.
const DROPPED = new Set([
  'create_only',
  'user_error',
  'is_deprecated',
  'deprecation_notice',
  'example',
  'title',
  'description',
  'default',
  '_secure',
]);
const NUMERIC = new Set(['maxLength', 'minLength', 'maxItems', 'minItems', 'minimum', 'maximum']);

/** Convert one schema node (recursively). */
export function convertSchema(node) {
  if (Array.isArray(node)) return node.map(convertSchema);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [rawKey, value] of Object.entries(node)) {
    if (DROPPED.has(rawKey)) continue;
    const key = RENAMED[rawKey] ?? rawKey;
    if (key === 'properties') {
      out.properties = {};
      for (const [name, sub] of Object.entries(value)) out.properties[name] = convertSchema(sub);
    } else if (key === 'items') {
      out.items = convertSchema(value);
    } else if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') {
      out[key] = value.map(convertSchema);
    } else if (key === 'enum') {
      out.enum = value.map((e) => (e !== null && typeof e === 'object' && 'value' in e ? e.value : e));
    } else if (key === 'pattern') {
      // Python-style octal escapes (`\040`) are not valid in a unicode JS RegExp.
      // A leading Python `(?i)` flag has no JS equivalent inside the pattern: dropped.
      out.pattern = value.replace(/^\(\?i\)/, '').replace(/\\([0-3][0-7]{2})/g, (_, oct) => `\\x${parseInt(oct, 8).toString(16).padStart(2, '0')}`);
    } else if (NUMERIC.has(key)) {
      out[key] = typeof value === 'string' ? Number(value) : value;
    } else {
      out[key] = value; // type (string or list), pattern, required, ...
    }
  }
  return out;
}

let cache = null;
/** `{type: JSON Schema}` for every type in the newest file (older file for types it lacks). */
export function userConfigSchemas() {
  if (cache) return cache;
  const dir = aivenDir();
  const older = YAML.parse(readFileSync(path.join(dir, 'service_types_2026-03.yml'), 'utf8'));
  const newest = YAML.parse(readFileSync(path.join(dir, 'service_types.yml'), 'utf8'));
  cache = {};
  for (const [type, schema] of Object.entries({ ...older, ...newest })) {
    // Aiven refuses unknown user_config keys although the schema does not say so.
    cache[type] = { ...convertSchema(schema), additionalProperties: false };
  }
  return cache;
}
