// An independent statement of the fork rules, for the property test's accepted calls:
// what `buildForkRequest(request, context)` may answer, checked without the library.
// Each type's facts come from Aiven's published schemas (tests/data/aiven/fork_keys.json:
// which fork keys a type has) and from docs/fork-rules.md (its "Service types" table:
// offered or retired, fewer nodes, persistence switch), never from the library's own table or rules, so a
// wrong row or rule there shows up as a disagreement.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The `| type | ... |` table of docs/fork-rules.md: one {column: text} per row. */
function docsTypeTable() {
  const lines = readFileSync(path.join(ROOT, 'docs/fork-rules.md'), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith('| type |'));
  if (at < 0) throw new Error('docs/fork-rules.md has no `| type |` table');
  const cells = (l) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim().replace(/[`*]/g, ''));
  const header = cells(lines[at]);
  const rows = [];
  for (const l of lines.slice(at + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(Object.fromEntries(header.map((h, i) => [h, cells(l)[i]])));
  }
  return rows;
}

/** type name -> { forkKeys, time, backup, backupPattern, noFewerNodes, persistenceKey, retired } */
export const FACTS = (() => {
  const keys = JSON.parse(readFileSync(path.join(ROOT, 'tests/data/aiven/fork_keys.json'), 'utf8'));
  const facts = new Map();
  // The newest file wins for the types it holds; the 2026-03 file gives the others.
  for (const file of ['early2026', 'newest']) {
    for (const [name, t] of Object.entries(keys[file].per_type)) {
      const k = t.fork_keys ?? {};
      facts.set(name, {
        forkKeys: Boolean(k.service_to_fork_from),
        time: Boolean(k.recovery_target_time),
        backup: Boolean(k.recovery_basebackup_name),
        backupPattern: k.recovery_basebackup_name?.pattern,
        backupMax: k.recovery_basebackup_name?.maxLength,
        noFewerNodes: false,
        persistenceKey: null,
        retired: false,
      });
    }
  }
  for (const row of docsTypeTable()) {
    const f = facts.get(row.type);
    if (!f) throw new Error(`docs/fork-rules.md lists ${row.type}, which no schema file has`);
    if (!['refused', 'allowed'].includes(row['fewer nodes'])) throw new Error(`${row.type}: fewer nodes ${row['fewer nodes']}`);
    f.noFewerNodes = row['fewer nodes'] === 'refused';
    f.persistenceKey = row['persistence switch'] === '—' ? null : row['persistence switch'];
    if (!['yes', 'retired'].includes(row.offered)) throw new Error(`${row.type}: offered ${row.offered}`);
    f.retired = row.offered === 'retired';
  }
  return facts;
})();

const SERVICE_NAME = /^[a-z][a-z0-9-]{0,63}$/;
const PROJECT_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const PLAN = /^[a-z][a-z0-9_-]*[a-z0-9]$/;
const CLOUD = /^[a-z][a-z0-9-]{0,255}$/;
const TAG_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const FORK_KEYS = ['service_to_fork_from', 'project_to_fork_from', 'recovery_target_time', 'recovery_basebackup_name'];
const BODY_ORDER = ['service_name', 'service_type', 'plan', 'cloud', 'project_vpc_id', 'disk_space_mb', 'termination_protection', 'tags', 'copy_tags', 'user_config'];

/**
 * A time in one of the documented input shapes as microseconds since 1970 (a BigInt;
 * no zone means UTC), or null. Digits beyond microseconds are dropped.
 */
export function micros(text) {
  const m = /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(Z|[+-]\d\d(?::?\d\d)?)?$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone = 'Z'] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  let offsetMin = 0;
  if (zone !== 'Z') {
    const z = /^([+-])(\d\d):?(\d\d)?$/.exec(zone);
    offsetMin = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0));
  }
  return BigInt(date.getTime() - offsetMin * 60_000) * 1000n + BigInt((frac + '000000').slice(0, 6));
}

/**
 * The request as JSON data, read as the library documents (src/bindings/boundary.js):
 * a Date is its ISO text, an invalid Date the text "Invalid Date".
 */
function plain(v) {
  if (v === undefined) return undefined;
  return JSON.parse(
    JSON.stringify(v, function replace(key, val) {
      const original = this[key];
      return original instanceof Date && Number.isNaN(original.getTime()) ? 'Invalid Date' : val;
    }),
  );
}

/** Deep equality of JSON values, keys in the same order. */
function same(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.join('\u0000') === Object.keys(b).join('\u0000') && ka.every((k) => same(a[k], b[k]));
  }
  return a === b;
}

/**
 * What is wrong with `call`, the answer of `buildForkRequest(request, context)`, by the
 * documented rules ([] when nothing). `nowMs`: a time after the call was made.
 */
export function oracleProblems(request, context, call, nowMs) {
  const out = [];
  const no = (why) => out.push(why);
  // A field given as null (or an empty text) counts as not given.
  const r = plain(request);
  for (const k of ['serviceType', 'plan', 'cloud', 'projectVpcId', 'diskSpaceMb', 'terminationProtection', 'copyTags', 'tags', 'userConfig', 'recovery']) {
    if (r[k] === null || r[k] === '') delete r[k];
  }
  if (r.source && (r.source.project === null || r.source.project === '')) delete r.source.project;
  const ctx = context == null ? null : plain(context);
  const now = BigInt(nowMs) * 1000n;
  const body = call.body;

  // The call and the names.
  if (call.method !== 'POST') no(`method ${call.method}`);
  if (!PROJECT_NAME.test(r.project ?? '')) no(`accepted project ${JSON.stringify(r.project)}`);
  if (call.path !== `/v1/project/${r.project}/service`) no(`path ${call.path}`);
  if (!SERVICE_NAME.test(r.serviceName ?? '')) no(`accepted service name ${JSON.stringify(r.serviceName)}`);
  if (body.service_name !== r.serviceName) no('body.service_name is not serviceName');
  const sourceService = r.source?.service;
  const sourceProject = r.source?.project;
  if (!SERVICE_NAME.test(sourceService ?? '')) no(`accepted source ${JSON.stringify(sourceService)}`);
  if (sourceProject !== undefined && !PROJECT_NAME.test(sourceProject)) no(`accepted source project ${JSON.stringify(sourceProject)}`);
  const cross = sourceProject !== undefined && sourceProject !== r.project;
  if (!cross && r.serviceName === sourceService) no('accepted the source\'s own name in its project');

  // Body keys: only the documented ones, in the documented order.
  const keys = Object.keys(body);
  const order = keys.map((k) => BODY_ORDER.indexOf(k));
  if (order.includes(-1)) no(`unknown body keys ${keys}`);
  if (order.some((v, i) => i > 0 && v <= order[i - 1])) no(`body keys out of order: ${keys}`);

  // The type: the request's, else the source's; forkable by Aiven's schemas.
  const type = r.serviceType ?? ctx?.source?.serviceType;
  if (body.service_type !== type) no(`body.service_type ${body.service_type}, expected ${type}`);
  const facts = FACTS.get(type);
  if (!facts) no(`accepted type ${type}, which no published schema has`);
  else if (!facts.forkKeys) no(`accepted a fork of ${type}, whose schema has no service_to_fork_from`);
  else if (facts.retired) no(`accepted a fork of ${type}, which Aiven retired`);

  // Plan, cloud: the request's, else the source's; shaped like Aiven's.
  const plan = r.plan ?? ctx?.source?.plan;
  if (body.plan !== plan) no(`body.plan ${body.plan}, expected ${plan}`);
  if (!(typeof plan === 'string' && plan.length <= 128 && PLAN.test(plan))) no(`accepted plan ${JSON.stringify(plan)}`);
  const cloud = r.cloud ?? ctx?.source?.cloudName;
  if (body.cloud !== cloud) no(`body.cloud ${body.cloud}, expected ${cloud}`);
  if (cloud !== undefined && !CLOUD.test(cloud)) no(`accepted cloud ${JSON.stringify(cloud)}`);

  // The other fields, exactly as given (a null VPC is left out).
  if (body.project_vpc_id !== (r.projectVpcId ?? undefined)) no('project_vpc_id differs');
  if (r.projectVpcId != null && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(r.projectVpcId)) no('accepted a VPC id that is not a UUID');
  if (body.disk_space_mb !== r.diskSpaceMb) no('disk_space_mb differs');
  if (r.diskSpaceMb !== undefined && !(Number.isInteger(r.diskSpaceMb) && r.diskSpaceMb > 0)) no(`accepted diskSpaceMb ${r.diskSpaceMb}`);
  if (body.termination_protection !== r.terminationProtection) no('termination_protection differs');
  if (body.copy_tags !== r.copyTags) no('copy_tags differs');
  if (!same(body.tags, r.tags)) no('tags differ');
  for (const [k, v] of Object.entries(r.tags ?? {})) {
    if (!TAG_KEY.test(k)) no(`accepted tag key ${JSON.stringify(k)}`);
    if (typeof v !== 'string' || [...v].length > 64 || /[\u0000-\u001f\u007f]/.test(v)) no(`accepted tag value ${JSON.stringify(v)}`);
  }

  // user_config: the caller's keys first, then the fork keys the request asks for.
  const uc = body.user_config ?? {};
  const own = Object.fromEntries(Object.entries(uc).filter(([k]) => !FORK_KEYS.includes(k)));
  if (!same(own, r.userConfig ?? {})) no('user_config differs from userConfig');
  for (const k of FORK_KEYS) if (r.userConfig && k in r.userConfig) no(`accepted ${k} inside userConfig`);
  const forkKeys = Object.keys(uc).filter((k) => FORK_KEYS.includes(k));
  if (Object.keys(uc).slice(-forkKeys.length).join() !== forkKeys.join()) no('fork keys are not last in user_config');
  if (uc.service_to_fork_from !== sourceService) no('service_to_fork_from is not source.service');
  if (uc.project_to_fork_from !== (cross ? sourceProject : undefined)) no(`project_to_fork_from ${uc.project_to_fork_from} for source project ${sourceProject}`);

  // Recovery: what the type's schema allows, as the request asks.
  const mode = r.recovery?.mode ?? 'latest';
  const rtt = uc.recovery_target_time;
  const rbb = uc.recovery_basebackup_name;
  if (mode === 'latest') {
    if (rtt !== undefined || rbb !== undefined) no('latest with a recovery key');
  } else if (mode === 'time') {
    if (facts && !facts.time) no(`accepted a time for ${type}`);
    if (rbb !== undefined) no('time with a backup name');
    if (typeof rtt !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?\+00:00$/.test(rtt)) no(`sent time ${rtt}`);
    const sent = typeof rtt === 'string' ? micros(rtt) : null;
    const given = micros(String(r.recovery.time));
    if (given === null) no(`accepted time text ${JSON.stringify(r.recovery.time)}`);
    else if (sent !== given) no(`sent ${rtt} for ${r.recovery.time}`);
    if (sent !== null && sent > now) no(`accepted future time ${rtt}`);
  } else if (mode === 'backup') {
    if (facts && !facts.backup) no(`accepted a named backup for ${type}`);
    if (rtt !== undefined) no('backup with a time');
    if (rbb !== r.recovery.name) no('recovery_basebackup_name is not recovery.name');
    const pattern = facts?.backupPattern ? new RegExp(facts.backupPattern) : null;
    if (typeof rbb !== 'string' || (pattern && !pattern.test(rbb)) || rbb.length > (facts?.backupMax ?? 128)) no(`accepted backup name ${JSON.stringify(rbb)}`);
  } else {
    no(`accepted recovery mode ${JSON.stringify(mode)}`);
  }
  if (!ctx) return out;

  // With the source's context, every rule.
  const src = ctx.source;
  if (src.serviceName !== sourceService) no(`a context of ${src.serviceName} for source ${sourceService}`);
  if ((src.project ?? r.project) !== (sourceProject ?? r.project)) no(`a context of project ${src.project} for ${sourceProject ?? r.project}`);
  if (r.serviceType !== undefined && r.serviceType !== src.serviceType) no(`serviceType ${r.serviceType} for a ${src.serviceType} source`);
  const backups = Array.isArray(ctx.backups) ? ctx.backups : [];
  if (backups.length === 0) no('accepted a source without backups');
  if (facts?.persistenceKey && src.userConfig?.[facts.persistenceKey] === 'off') no(`accepted a source with ${facts.persistenceKey}: off`);
  const plans = Array.isArray(ctx.plans) ? ctx.plans : [];
  if (plans.length > 0) {
    const p = plans.find((x) => x.name === plan);
    if (!p) no(`accepted plan ${plan}, not one of the type's`);
    else if (facts?.noFewerNodes && typeof p.nodeCount === 'number' && typeof src.nodeCount === 'number' && p.nodeCount < src.nodeCount) {
      no(`accepted ${plan} with ${p.nodeCount} < ${src.nodeCount} nodes for ${type}`);
    }
  }
  if (Array.isArray(ctx.takenNames) && ctx.takenNames.includes(r.serviceName)) no(`accepted taken name ${r.serviceName}`);
  if (mode === 'time' && typeof rtt === 'string') {
    const t = micros(rtt);
    let start;
    let end = now;
    if (ctx.pitr) {
      start = ctx.pitr.start == null ? null : micros(ctx.pitr.start);
      if (ctx.pitr.end != null) end = micros(ctx.pitr.end);
    } else {
      const times = backups.map((b) => micros(b.backupTime)).filter((x) => x !== null);
      start = times.length ? times.reduce((a, b) => (b < a ? b : a)) : null;
    }
    if (start === null) no('accepted a time with no point-in-time start');
    else if (t < start || t > end) no(`accepted ${rtt} outside the window`);
  }
  if (mode === 'backup' && !backups.some((b) => b.backupName === rbb)) no(`accepted missing backup ${rbb}`);
  return out;
}
