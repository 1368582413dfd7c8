// The intended argv of the generated commands, restated independently of the library
// from docs/equivalents.md: what the fake avn and curl must receive for a request's
// body, and which parts avn must leave out (each named in the hint).

export const DEFAULT_BASE = 'https://api.aiven.io';

/** Printable ASCII: the only text an avn command carries. */
export const sayable = (s) => /^[\x20-\x7e]*$/.test(s);

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Percent-encoding of one path segment: all but A-Z a-z 0-9 - . _ ~. */
export function encodeSegment(s) {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The curl command's argv for `body` (the data compared as parsed JSON). */
export function curlArgv(project, base, token) {
  return ['curl', '-sS', '-X', 'POST', `${base}/v1/project/${encodeSegment(project)}/service`, '-H', 'Content-Type: application/json', '-H', `Authorization: aivenv1 ${token}`, '--data'];
}

/** How `avn -c` spells a scalar, or null. */
function scalarText(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  return null;
}

/** A Python string literal in printable ASCII (\x, \u, \U escapes by code point). */
function pyStr(s) {
  let out = '"';
  for (const ch of s) {
    const n = ch.codePointAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (n >= 0x20 && n < 0x7f) out += ch;
    else if (n < 0x100) out += `\\x${n.toString(16).padStart(2, '0')}`;
    else if (n < 0x10000) out += `\\u${n.toString(16).padStart(4, '0')}`;
    else out += `\\U${n.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

function pyValue(v) {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return JSON.stringify(v);
  if (typeof v === 'string') return pyStr(v);
  if (Array.isArray(v)) return `[${v.map(pyValue).join(', ')}]`;
  return `{${Object.entries(v).map(([k, x]) => `${pyStr(k)}: ${pyValue(x)}`).join(', ')}}`;
}

/** `-c` text of an array (scalars as strings, objects as literals), or null. */
function pyList(v) {
  if (!Array.isArray(v)) return null;
  const items = [];
  for (const item of v) {
    if (isObject(item)) items.push(pyValue(item));
    else {
      const t = scalarText(item);
      if (t === null) return null;
      items.push(pyStr(t));
    }
  }
  return `[${items.join(', ')}]`;
}

const keyOk = (k) => k !== '' && !k.includes('.') && !k.includes('=') && sayable(k);

/**
 * What the avn command of `body` must run: `invocations` (each an argv starting with
 * `avn`) and `leftOut` (what the hint must name: `copy_tags`, `disk_space_mb`, a
 * body key, `tag:KEY`, or a user-config path). `impossible` when there can be no
 * command at all.
 */
export function avnPlan(project, body, base) {
  const prefix = base === DEFAULT_BASE ? ['avn'] : ['avn', '--url', base];
  const leftOut = [];
  let impossible = null;
  const create = [...prefix, 'service', 'create', body.service_name];
  const opt = (argv, flag, value) => (value.startsWith('-') ? argv.push(`${flag}=${value}`) : argv.push(flag, value));
  for (const [what, v] of [['service name', body.service_name], ['project', project], ['service type', body.service_type], ['plan', body.plan]]) {
    if (typeof v !== 'string' || v === '' || !sayable(v) || (what === 'service name' && v.startsWith('-'))) impossible ??= what;
  }
  opt(create, '--project', project);
  opt(create, '--service-type', body.service_type);
  opt(create, '--plan', body.plan);
  const uc = isObject(body.user_config) ? body.user_config : {};
  const flags = typeof uc.service_to_fork_from === 'string' && uc.service_to_fork_from !== '';
  const timeFlag = flags && typeof uc.recovery_target_time === 'string' && uc.recovery_target_time !== '';
  const tagArgs = [];
  const config = (key, v, forkKey) => {
    if (isObject(v) && Object.keys(v).length > 0) {
      for (const [k, item] of Object.entries(v)) {
        const sub = `${key}.${k}`;
        if (keyOk(k)) config(sub, item, forkKey);
        else leftOut.push(sub);
      }
      return;
    }
    const text = scalarText(v) ?? pyList(v);
    if (text === null || !sayable(text)) {
      leftOut.push(key);
      if (forkKey) impossible ??= key;
      return;
    }
    create.push('-c', `${key}=${text}`);
  };
  for (const [k, v] of Object.entries(body)) {
    if (['service_name', 'service_type', 'plan'].includes(k)) continue;
    if (k === 'cloud' && v === null) continue;
    if ((k === 'cloud' || k === 'project_vpc_id') && typeof v === 'string') {
      if (sayable(v)) opt(create, k === 'cloud' ? '--cloud' : '--project-vpc-id', v);
      else leftOut.push(k);
    } else if (k === 'project_vpc_id' && v === null) create.push('--no-project-vpc');
    else if (k === 'disk_space_mb') {
      if (Number.isInteger(v) && v > 0 && v % 1024 === 0) create.push('--disk-space-gib', String(v / 1024));
      else leftOut.push(k);
    } else if (k === 'termination_protection' && v === true) create.push('--enable-termination-protection');
    else if ((k === 'termination_protection' || k === 'copy_tags') && v === false) continue;
    else if (k === 'copy_tags' && v === true) leftOut.push(k);
    else if (k === 'tags' && isObject(v)) {
      for (const [tk, tv] of Object.entries(v)) {
        const kv = `${tk}=${tv}`;
        if (typeof tv !== 'string' || tk === '' || tk.includes('=') || !sayable(kv)) leftOut.push(`tag:${tk}`);
        else opt(tagArgs, '--tag', kv);
      }
    } else if (k === 'user_config' && isObject(v)) {
      for (const [uk, uv] of Object.entries(v)) {
        const forkKey = ['service_to_fork_from', 'project_to_fork_from', 'recovery_target_time', 'recovery_basebackup_name'].includes(uk);
        if (uk === 'service_to_fork_from' && typeof uv === 'string' && flags) {
          if (sayable(uv)) opt(create, '--service-to-fork-from', uv);
          else impossible ??= uk;
        } else if (uk === 'recovery_target_time' && typeof uv === 'string' && timeFlag) {
          if (sayable(uv)) opt(create, '--recovery-target-time', uv);
          else impossible ??= uk;
        } else if (!keyOk(uk) || uk.startsWith('-')) leftOut.push(uk);
        else config(uk, uv, forkKey);
      }
    } else leftOut.push(k);
  }
  const invocations = [create];
  if (tagArgs.length > 0) invocations.push([...prefix, 'service', 'tags', 'replace', body.service_name, ...(project.startsWith('-') ? [`--project=${project}`] : ['--project', project]), ...tagArgs]);
  return { invocations, leftOut, impossible };
}

const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

/** How a hint shows user text: a JSON string, hidden characters escaped, 64 code points. */
export function quoted(text) {
  const chars = Array.from(text);
  const cut = chars.length > 64 ? `${chars.slice(0, 64).join('')}…` : text;
  let out = '';
  for (const ch of JSON.stringify(cut)) {
    out += HIDDEN.test(ch) && ch !== '\n' && ch !== '\r' && ch !== '\t' ? `\\u${ch.codePointAt(0).toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}

/** The text by which the hint names a part left out. */
export function hintName(item) {
  if (item === 'copy_tags') return 'copy_tags (avn has no option for it';
  if (item === 'disk_space_mb') return 'disk_space_mb (avn takes whole GiB only';
  if (item.startsWith('tag:')) return `the tag ${quoted(item.slice(4))} (`;
  if (['cloud', 'project_vpc_id'].includes(item)) return `${quoted(item)} (its text is not safe`;
  if (['maintenance', 'service_integrations'].includes(item)) return `${quoted(item)} (avn has no option`;
  return `the user_config key ${quoted(item)} (`;
}
