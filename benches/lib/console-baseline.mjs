// The baseline: the same fork checks done the way a JS console does them today —
// ajv compiled against Aiven's published `user_config` schema, hand-written range
// checks (name pattern, time parse and PITR window, plan node count, backup exists)
// and hand-assembled ServiceCreate payload. Used only by the throughput benchmark.
import Ajv from 'ajv';
import { userConfigSchemas } from './aiven-schema.mjs';

const NAME = /^[a-z][-a-z0-9]{0,63}$/;
const BACKUP_NAME = /^[a-zA-Z0-9-_:.]+$/;
// RFC 3339 or `YYYY-MM-DD HH:MM:SS`, optional fraction and zone (zone-less = UTC).
const TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/;
const PITR_TYPES = new Set(['pg', 'mysql']);
const BACKUP_TYPES = new Set(['redis', 'clickhouse', 'grafana', 'opensearch', 'valkey', 'dragonfly']);
const NO_FEWER_NODES = new Set(['cassandra', 'clickhouse']);

/** Compile the validators once (what a console does at page load). */
export function makeConsoleBaseline({ allErrors = true } = {}) {
  const schemas = userConfigSchemas();
  const ajv = new Ajv({ allErrors, strict: false, unicodeRegExp: false });
  const validators = new Map();
  const validatorFor = (type) => {
    let v = validators.get(type);
    if (!v && schemas[type]) {
      v = ajv.compile(schemas[type]);
      validators.set(type, v);
    }
    return v;
  };
  validatorFor('pg');

  function parseTime(text) {
    const m = TIME.exec(text);
    if (!m) return null;
    const frac = (m[7] ?? '').slice(0, 6);
    const zone = m[8] ?? '+00:00';
    const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone === 'Z' ? '+00:00' : zone}`;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return null;
    const micros = ms * 1000 + (frac ? Number(frac.padEnd(6, '0')) : 0);
    return { micros, zoneless: !m[8], frac };
  }

  function formatAiven(micros) {
    const ms = Math.floor(micros / 1000);
    const rest = micros - ms * 1000;
    const d = new Date(ms);
    const base = d.toISOString().slice(0, 19);
    const us = (d.getUTCMilliseconds() * 1000 + rest) | 0;
    return us ? `${base}.${String(us).padStart(6, '0')}+00:00` : `${base}+00:00`;
  }

  /** The console's "validate" step: every check, all errors collected. */
  function validate(req, ctx, nowMs = Date.now()) {
    const errors = [];
    const warnings = [];
    const err = (code, field, message) => errors.push({ code, field, message });
    if (typeof req !== 'object' || req === null) {
      err('invalid_request', '', 'request must be an object');
      return { ok: false, errors, warnings, userConfig: null };
    }
    const src = ctx?.source;
    const type = req.serviceType ?? src?.serviceType;
    const plan = req.plan ?? src?.plan;
    const cloud = req.cloud ?? src?.cloudName;
    if (typeof req.project !== 'string' || !NAME.test(req.project)) err('invalid_project_name', 'project', 'bad project');
    if (typeof req.serviceName !== 'string' || !NAME.test(req.serviceName)) {
      err('invalid_service_name', 'serviceName', 'bad service name');
    }
    const source = req.source?.service;
    if (typeof source !== 'string' || !NAME.test(source)) err('missing_field', 'source.service', 'source required');
    const sameProject = !req.source?.project || req.source.project === req.project;
    if (sameProject && req.serviceName === source) err('name_equals_source', 'serviceName', 'same as source');
    if (ctx?.takenNames?.includes(req.serviceName)) err('name_taken', 'serviceName', 'name taken');
    if (src && type !== src.serviceType) err('service_type_mismatch', 'serviceType', 'type differs');
    if (ctx && ctx.backups.length === 0) err('source_has_no_backup', 'source.service', 'no backups');
    // plan node count
    if (ctx?.plans?.length) {
      const p = ctx.plans.find((x) => x.name === plan);
      if (!p) err('plan_not_found', 'plan', 'unknown plan');
      else if (NO_FEWER_NODES.has(type) && p.nodeCount < src.nodeCount) err('fewer_nodes', 'plan', 'fewer nodes');
    }
    // recovery
    const uc = { ...(req.userConfig ?? {}) };
    uc.service_to_fork_from = source;
    if (!sameProject) uc.project_to_fork_from = req.source.project;
    const rec = req.recovery ?? { mode: 'latest' };
    if (rec.mode === 'time') {
      if (!PITR_TYPES.has(type)) err('recovery_time_unsupported', 'recovery.time', 'no PITR');
      const t = typeof rec.time === 'string' ? parseTime(rec.time) : null;
      if (!t) err('invalid_time', 'recovery.time', 'bad time');
      else {
        if (t.zoneless) warnings.push({ code: 'time_without_zone', field: 'recovery.time', message: 'read as UTC' });
        const nowMicros = nowMs * 1000;
        if (t.micros > nowMicros) err('recovery_time_in_future', 'recovery.time', 'in the future');
        const pitr = ctx?.pitr;
        if (pitr) {
          const start = pitr.start ? parseTime(pitr.start)?.micros : null;
          const end = pitr.end ? parseTime(pitr.end)?.micros : nowMicros;
          if (start == null || t.micros < start || t.micros > end) {
            err('recovery_time_out_of_range', 'recovery.time', 'outside the PITR window');
          }
        }
        uc.recovery_target_time = formatAiven(t.micros);
      }
    } else if (rec.mode === 'backup') {
      if (!BACKUP_TYPES.has(type)) err('basebackup_unsupported', 'recovery.name', 'no named backups');
      if (typeof rec.name !== 'string' || !BACKUP_NAME.test(rec.name)) err('invalid_backup_name', 'recovery.name', 'bad');
      else if (ctx && !ctx.backups.some((b) => b.backupName === rec.name)) err('basebackup_not_found', 'recovery.name', 'none');
      uc.recovery_basebackup_name = rec.name;
    }
    // the official schema on the user_config that will be sent
    const check = validatorFor(type);
    if (check && !check(uc)) {
      for (const e of check.errors) err('invalid_value', `userConfig${e.instancePath.replaceAll('/', '.')}`, e.message);
    }
    // not copied
    const notCopied = (src?.integrations ?? []).map((i) => ({
      kind: 'integration',
      name: `${i.integrationType} -> ${i.destService}`,
    }));
    if (src?.tags && Object.keys(src.tags).length && !req.copyTags) {
      for (const [k, v] of Object.entries(src.tags)) notCopied.push({ kind: 'tags', name: `${k}=${v}` });
    }
    return { ok: errors.length === 0, errors, warnings, notCopied, defaults: { serviceType: type, plan, cloud }, userConfig: uc };
  }

  /** The console's "build" step: validate again, then assemble the ServiceCreate call. */
  function build(req, ctx, nowMs = Date.now()) {
    const report = validate(req, ctx, nowMs);
    if (!report.ok) {
      const e = new Error(report.errors[0].message);
      e.code = report.errors[0].code;
      e.errors = report.errors;
      throw e;
    }
    const body = {
      service_name: req.serviceName,
      service_type: report.defaults.serviceType,
      plan: report.defaults.plan,
    };
    if (report.defaults.cloud) body.cloud = report.defaults.cloud;
    if (req.projectVpcId !== undefined) body.project_vpc_id = req.projectVpcId;
    if (req.diskSpaceMb !== undefined) body.disk_space_mb = req.diskSpaceMb;
    if (req.terminationProtection !== undefined) body.termination_protection = req.terminationProtection;
    if (req.tags) body.tags = { ...req.tags };
    if (req.copyTags !== undefined) body.copy_tags = req.copyTags;
    body.user_config = report.userConfig;
    return { method: 'POST', path: `/v1/project/${encodeURIComponent(req.project)}/service`, body };
  }

  return { validate, build };
}
