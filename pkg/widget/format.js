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

/**
 * A time the user typed without a zone, as its parts: `YYYY-MM-DD HH:MM[:SS[.fff]]` (a `T`
 * or a space between date and time). null for anything else (a time with its own zone, a
 * typo): those go to the library as they are, which reads their zone or says what is wrong.
 */
export function wallTime(text) {
  const m = /^\s*(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d)(?::(\d\d)(\.\d{1,9})?)?\s*$/.exec(String(text ?? ''));
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', frac = ''] = m;
  return { y: Number(y), mo: Number(mo), d: Number(d), h: Number(h), mi: Number(mi), s: Number(s), text: `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}` };
}

/** `+09:00` / `-04:00` / `+00:00` for an offset in minutes east of UTC. */
export function offsetText(minutes) {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/**
 * The offset (minutes east of UTC) of this browser's zone at the local wall time `w`
 * (wallTime's parts), by the browser's own zone rules (daylight saving included).
 */
export function localOffsetAt(w) {
  return -new Date(w.y, w.mo - 1, w.d, w.h, w.mi, w.s).getTimezoneOffset();
}

/** The offset (minutes east of UTC) of this browser's zone at the instant `ms`. */
export function localOffsetOf(ms) {
  return -new Date(ms).getTimezoneOffset();
}

/**
 * The recovery time to send for what the user typed: a zoneless time gets the zone the user
 * chose (`utc`, or `local`: this browser's offset at that wall time), written as RFC 3339
 * with its offset; anything else is passed on as typed (the library reads its zone, or
 * reports the mistake). The library sends it in UTC.
 */
export function timeForRequest(text, zone) {
  const w = wallTime(text);
  if (!w) return String(text ?? '').trim();
  return `${w.text}${zone === 'local' ? offsetText(localOffsetAt(w)) : '+00:00'}`;
}

/** The instant (ms) of a time the library wrote for people in UTC (`2026-01-02 03:04:05 UTC`). */
export function peopleUtcToMs(text) {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(\.\d+)? UTC$/.exec(String(text ?? ''));
  return m ? Date.parse(`${m[1]}T${m[2]}${(m[3] || '').slice(0, 4)}Z`) : NaN;
}

/** This browser's time zone name (`Asia/Tokyo`); `UTC` when it has none or is UTC itself. */
export function zoneName() {
  let name = '';
  try {
    name = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    name = '';
  }
  return name && !/^(Etc\/)?(UTC|GMT|UCT|Zulu|Universal)$/.test(name) ? name : 'UTC';
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

/**
 * `<source>-fork-YYYYMMDD` (today's date where the user is: this browser's zone), then `-2`,
 * `-3`... until it is not taken; at most 64 characters.
 */
export function suggestName(source, taken, now = new Date()) {
  const used = new Set(taken || []);
  const base = `-fork-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
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
