// Pure formatting for <aiven-fork>: times, sizes, names, error texts, progress. No DOM,
// no library calls, so `node --test` checks every function (tests/js/widget-format.test.mjs).

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** An Aiven time (`2025-07-01T15:16:22.123456+00:00`, or with a space) or a Date as a Date; null when unreadable. */
export function parseTime(text) {
  if (text instanceof Date) return Number.isNaN(text.getTime()) ? null : text;
  if (typeof text !== 'string' || !text) return null;
  // Date wants a "T", at most milliseconds and a zone.
  let s = text.trim().replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1');
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(s)) s += 'Z';
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `YYYY-MM-DDTHH:MM:SS` in UTC: the value of a `datetime-local` control read as UTC. */
export function toInputUtc(d) {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}`;
}

/** `YYYY-MM-DD HH:MM:SS UTC`; the text itself when it is not a time. */
export function formatUtc(text) {
  const d = parseTime(text);
  if (!d) return String(text ?? '');
  return `${toInputUtc(d).replace('T', ' ')} UTC`;
}

/** The time a `datetime-local` value (labelled UTC) stands for, as the library takes it. */
export function inputUtcToRequest(value) {
  let v = String(value || '');
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(v)) v += ':00';
  return v ? `${v}+00:00` : '';
}

/** Bytes in binary units (`1.5 GB`); '' for anything that is not a size. */
export function formatBytes(n) {
  const v = Number(n);
  if (!Number.isFinite(v) || v < 0) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let x = v;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${x >= 10 || i === 0 ? Math.round(x) : x.toFixed(1)} ${units[i]}`;
}

/** `$0.2740 an hour (business-4 in google-europe-west1)` for a report's `price`; '' without one. */
export function formatPrice(price) {
  if (!price || typeof price.hourlyUsd !== 'string' || price.hourlyUsd === '') return '';
  return `$${price.hourlyUsd} an hour (${price.plan} in ${price.cloud})`;
}

/** Backups newest first (unreadable times last). */
export function newestFirst(backups) {
  const t = (b) => parseTime(b?.backupTime)?.getTime() ?? 0;
  return [...(Array.isArray(backups) ? backups : [])].sort((a, b) => t(b) - t(a));
}

/** `<source>-fork-YYYYMMDD`, then `-2`, `-3`... until it is not taken; at most 64 characters. */
export function suggestName(source, taken, now = new Date()) {
  const used = new Set(taken || []);
  const base = `-fork-${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  for (let i = 1; i < 1000; i++) {
    const suffix = i === 1 ? base : `${base}-${i}`;
    const head = String(source).slice(0, 64 - suffix.length).replace(/-+$/, '');
    const name = `${head}${suffix}`;
    if (!used.has(name) && name !== source) return name;
  }
  return `${String(source).slice(0, 40)}-fork`;
}

/**
 * The form control an issue belongs to. Issue fields are the exact paths of the request
 * the form builds (see `Issue.field` in aiven-fork.d.ts); anything else belongs to no control.
 */
const SLOTS = {
  serviceName: 'name',
  recovery: 'recovery',
  'recovery.mode': 'recovery',
  'recovery.time': 'time',
  'recovery.name': 'backup',
  plan: 'plan',
  cloud: 'cloud',
};

export function slotFor(field) {
  return Object.hasOwn(SLOTS, field) ? SLOTS[field] : 'general';
}

/** The heading word of a `notCopied` kind. */
export function kindLabel(kind) {
  switch (kind) {
    case 'integration': return 'Integration';
    case 'sso': return 'Single sign-on';
    case 'tags': return 'Tag';
    default: return String(kind || 'Item');
  }
}

/** One line for a ForkError (or anything thrown): message, server message, code and HTTP status. */
export function describeError(err) {
  if (!err) return 'Unknown error.';
  const parts = [err.message ? String(err.message) : String(err)];
  const extra = [];
  if (err.code) extra.push(`code ${err.code}`);
  if (err.status) extra.push(`HTTP ${err.status}`);
  if (err.serverMessage && err.serverMessage !== err.message) parts.push(`Server: ${err.serverMessage}`);
  return extra.length ? `${parts.join(' ')} (${extra.join(', ')})` : parts.join(' ');
}

/** The restore phases ForkClient reports, in order, with their labels. */
export const PHASES = [
  ['prepare', 'Prepare'],
  ['basebackup', 'Restore backup'],
  ['stream', 'Replay changes'],
  ['finalize', 'Finalize'],
];

/** Index of a phase in PHASES (`done` is past the last one); -1 when unknown. */
export function phaseIndex(phase) {
  if (phase === 'done') return PHASES.length;
  return typeof phase === 'string' ? PHASES.findIndex(([k]) => phase.startsWith(k)) : -1;
}

/**
 * The bar for a ForkClient progress report `{state, phase, percent}`: `percent` is of the
 * current phase, so the bar shows the phases done plus the share of the current one.
 */
export function progressView(p, name) {
  if (p.state === 'RUNNING') return { percent: 100, phase: 'done', text: `${name} is running.` };
  const phase = typeof p.phase === 'string' ? p.phase : null;
  const idx = phaseIndex(phase);
  const within = Number.isFinite(p.percent) ? Math.max(0, Math.min(100, p.percent)) : 0;
  const percent = idx < 0 ? 0 : ((idx + within / 100) / PHASES.length) * 100;
  const label = idx < 0 ? 'Setting up' : PHASES[idx][1];
  const state = p.state ? ` \u00b7 ${p.state}` : '';
  return { percent, phase, text: `${label}: ${name}${state}` };
}
