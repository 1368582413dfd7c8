// <aiven-fork>: a framework-free fork widget on the web build of the aiven-fork package.
//
//   <script type="module" src="/www/aiven-fork.js"></script>
//   <aiven-fork project="my-project" service="my-pg" base-url="https://api.aiven.io"></aiven-fork>
//   document.querySelector('aiven-fork').token = '...';   // a property only, never an attribute
//
// Every rule (names, recovery window, plans, what is not copied) comes from the library:
// the widget only renders what validateFork / forkEquivalents / ForkClient return.
// Text from the API is always rendered as text (DOM APIs / textContent), never parsed as HTML.

import init, {
  serviceTypes, validateFork, forkEquivalents, prepareForkContext, ForkClient,
} from '../pkg/web/aiven_fork.js';

// The wasm module is initialised once per page, shared by every <aiven-fork>.
let ready = null;
function ensureReady() {
  if (!ready) {
    ready = init().catch((err) => {
      ready = null; // let a later attempt (the Retry button) try again
      throw err;
    });
  }
  return ready;
}

const TAB_HINTS = {
  cli: 'Aiven CLI, same request body.',
  curl: 'Reads the token from $AIVEN_TOKEN.',
  terraform: 'Terraform resource with the fork settings.',
};

// Findings about the source that no field of the form can change.
const SOURCE_BLOCKERS = new Set([
  'source_has_no_backup', 'persistence_off', 'service_type_not_forkable', 'unknown_service_type', 'source_not_found',
]);

const PHASES = [
  ['prepare', 'Prepare'],
  ['basebackup', 'Restore backup'],
  ['stream', 'Replay changes'],
  ['finalize', 'Finalize'],
];

let uid = 0;

// Tiny DOM builder: strings become text nodes, so API text can never become markup.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

function pad(n, w = 2) {
  return String(n).padStart(w, '0');
}

// A Date as the value of <input type="datetime-local">, in UTC, with seconds.
function toLocalInputUtc(d) {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}`;
}

function formatUtc(text) {
  const d = parseTime(text);
  if (!d) return String(text ?? '');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} UTC`;
}

function parseTime(text) {
  if (text instanceof Date) return text;
  if (typeof text !== 'string' || !text) return null;
  // Aiven writes "2025-07-01T15:16:22.123456+00:00" or with a space; Date wants a "T" and ms.
  let s = text.trim().replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1');
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(s)) s += 'Z';
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

function formatBytes(n) {
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

function dateStamp(d) {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** `<source>-fork-YYYYMMDD`, then `-2`, `-3`... until it is not taken; at most 64 characters. */
export function suggestName(source, taken, now = new Date()) {
  const used = new Set(taken || []);
  const base = `-fork-${dateStamp(now)}`;
  for (let i = 1; i < 1000; i++) {
    const suffix = i === 1 ? base : `${base}-${i}`;
    const head = String(source).slice(0, 64 - suffix.length).replace(/-+$/, '');
    const name = `${head}${suffix}`;
    if (!used.has(name) && name !== source) return name;
  }
  return `${String(source).slice(0, 40)}-fork`;
}

// What a service type allows, read from serviceTypes() (tolerant of either spelling of the modes).
function capabilities(spec) {
  const caps = { latest: true, time: false, backup: false, noFewerNodes: false, forkable: false, product: '' };
  if (!spec) return caps;
  caps.forkable = spec.forkable !== false;
  caps.product = spec.product || '';
  const r = spec.recovery ?? spec.recoveryModes;
  if (Array.isArray(r)) {
    caps.latest = r.includes('latest');
    caps.time = r.includes('time');
    caps.backup = r.includes('backup');
  } else if (r && typeof r === 'object') {
    caps.latest = r.latest !== false;
    caps.time = !!r.time;
    caps.backup = !!r.backup;
  }
  caps.noFewerNodes = !!(spec.noFewerNodes ?? spec.nodeRule ?? false);
  return caps;
}

// Which form control a library issue belongs to (issues carry camelCase field paths).
function slotFor(field) {
  const f = String(field || '');
  if (f === 'serviceName') return 'name';
  if (f === 'recovery.time' || f === 'time') return 'time';
  if (f === 'recovery.name' || f === 'recovery.backup' || f === 'backup') return 'backup';
  if (f.startsWith('recovery')) return 'recovery';
  if (f === 'plan') return 'plan';
  if (f === 'cloud') return 'cloud';
  return 'general';
}

const STYLE = `
:host {
  --af-accent: #3546c8;
  --af-accent-hover: #2a38a6;
  --af-text: #1b2337;
  --af-muted: #525c72;
  --af-border: #d6dae4;
  --af-surface: #ffffff;
  --af-subtle: #f4f6fa;
  --af-danger: #b3261e;
  --af-danger-bg: #fdf0ef;
  --af-warn: #7a4a00;
  --af-warn-bg: #fff6e5;
  --af-ok: #1d6b3a;
  --af-ok-bg: #ecf7f0;
  --af-radius: 10px;
  display: block;
  container-type: inline-size;
  color: var(--af-text);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.card {
  background: var(--af-surface);
  border: 1px solid var(--af-border);
  border-radius: 14px;
  box-shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 4px 16px rgb(16 24 40 / 6%);
  overflow: hidden;
}
.head {
  display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px 16px;
  border-bottom: 1px solid var(--af-border);
  background: linear-gradient(180deg, #f8f9fc, #fff);
}
.eyebrow { margin: 0; font-size: 12px; letter-spacing: .06em; text-transform: uppercase; color: var(--af-muted); font-weight: 600; }
h2 { margin: 2px 0 0; font-size: 20px; line-height: 1.3; overflow-wrap: anywhere; }
h3 { margin: 0 0 10px; font-size: 15px; }
.sub { margin: 2px 0 0; color: var(--af-muted); font-size: 14px; overflow-wrap: anywhere; }
.badge {
  display: inline-flex; align-items: center; gap: 6px; padding: 3px 10px; border-radius: 999px;
  font-size: 12px; font-weight: 600; letter-spacing: .03em; background: var(--af-subtle); color: var(--af-muted);
  border: 1px solid var(--af-border); white-space: nowrap;
}
.badge::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
.badge.running { color: var(--af-ok); background: var(--af-ok-bg); border-color: #b8e0c6; }
.badge.rebuilding, .badge.rebalancing { color: var(--af-warn); background: var(--af-warn-bg); border-color: #f1d49b; }
.badge.poweroff { color: var(--af-muted); }
.body { padding: 12px; display: grid; gap: 12px; grid-template-columns: minmax(0, 1fr); }
.panel { border: 1px solid var(--af-border); border-radius: var(--af-radius); padding: 14px; min-width: 0; }
.head { padding: 14px; }
@container (min-width: 520px) {
  .body { padding: 20px; gap: 20px; }
  .panel { padding: 16px 18px; }
  .head { padding: 18px 20px; }
}
@container (min-width: 860px) {
  .body { grid-template-columns: minmax(0, 5fr) minmax(0, 7fr); align-items: start; }
  .equiv, .banner { grid-column: 1 / -1; }
}
.panel.subtle { background: var(--af-subtle); }
.panel.form-panel { container-type: inline-size; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 6px 16px; margin: 0 0 16px; }
dl.facts dt { color: var(--af-muted); }
dl.facts dd { margin: 0; font-weight: 500; overflow-wrap: anywhere; }
.window { margin: 0 0 10px; font-size: 14px; }
.window strong { font-weight: 600; }
.backups { max-height: 220px; overflow: auto; border: 1px solid var(--af-border); border-radius: 8px; background: var(--af-surface); }
ul.backup-list { list-style: none; margin: 0; padding: 0; }
ul.backup-list li { display: grid; gap: 2px; padding: 8px 12px; border-bottom: 1px solid #eceff5; }
ul.backup-list li:last-child { border-bottom: 0; }
.bname { overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.bmeta { color: var(--af-muted); font-size: 13px; }
.empty { color: var(--af-muted); font-size: 14px; margin: 0; }
form { display: grid; gap: 16px; }
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
fieldset.fields { display: grid; gap: 16px; }
.field { display: grid; gap: 6px; }
.field > label, legend { font-weight: 600; font-size: 14px; padding: 0; }
.hint { color: var(--af-muted); font-size: 13px; margin: 0; }
input[type=text], input[type=datetime-local], select {
  font: inherit; color: inherit; width: 100%; min-height: 40px; padding: 8px 10px;
  border: 1px solid #b9c0cf; border-radius: 8px; background: #fff;
}
input[aria-invalid=true], select[aria-invalid=true] { border-color: var(--af-danger); box-shadow: 0 0 0 1px var(--af-danger); }
input:disabled, select:disabled { background: var(--af-subtle); color: var(--af-muted); }
:focus-visible { outline: 3px solid var(--af-accent); outline-offset: 2px; }
input:focus-visible, select:focus-visible { outline-offset: 0; }
.msg { margin: 0; font-size: 13px; color: var(--af-danger); min-height: 0; }
.msg:empty { display: none; }
.msg p { margin: 0; }
.msg p::before { content: "⚠ "; }
.choices { display: grid; gap: 8px; margin-top: 6px; }
.choice {
  display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 2px 10px; align-items: start;
  padding: 10px 12px; border: 1px solid var(--af-border); border-radius: 8px; cursor: pointer;
}
.choice:has(input:checked) { border-color: var(--af-accent); background: #f3f4fd; }
.choice input { margin: 3px 0 0; accent-color: var(--af-accent); width: 16px; height: 16px; }
.choice .t { font-weight: 600; font-size: 14px; }
.choice .d { grid-column: 2; color: var(--af-muted); font-size: 13px; }
.sub-field { margin: 4px 0 0 26px; }
.sub-field[hidden] { display: none; }
.row { display: grid; gap: 16px; grid-template-columns: minmax(0, 1fr); }
@container (min-width: 520px) {
  .row { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); row-gap: 0; }
  .row > .field { grid-row: span 4; grid-template-rows: subgrid; row-gap: 6px; align-content: start; }
}
.check { display: flex; gap: 8px; align-items: flex-start; font-size: 14px; }
.check input { margin-top: 3px; accent-color: var(--af-accent); }
.notices { display: grid; gap: 10px; }
.notice { border-radius: 8px; padding: 10px 12px; font-size: 14px; }
.notice h4 { margin: 0 0 4px; font-size: 14px; }
.notice ul { margin: 0; padding-left: 18px; }
.notice li { overflow-wrap: anywhere; }
.notice.warn { background: var(--af-warn-bg); color: var(--af-warn); border: 1px solid #f1d49b; }
.notice.info { background: var(--af-subtle); border: 1px solid var(--af-border); }
.notice.error { background: var(--af-danger-bg); color: var(--af-danger); border: 1px solid #f2c4c0; }
.notice[hidden] { display: none; }
code.k { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.actions { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
button {
  font: inherit; font-weight: 600; border-radius: 8px; padding: 9px 16px; min-height: 40px; cursor: pointer;
  border: 1px solid var(--af-border); background: #fff; color: var(--af-text);
}
button:hover { background: var(--af-subtle); }
button.primary { background: var(--af-accent); border-color: var(--af-accent); color: #fff; }
button.primary:hover { background: var(--af-accent-hover); }
button:disabled { cursor: not-allowed; opacity: .6; }
button.small { padding: 4px 12px; min-height: 32px; font-size: 13px; white-space: nowrap; }
.progress-box { display: grid; gap: 10px; }
.progress-box[hidden] { display: none; }
progress { width: 100%; height: 10px; appearance: none; border: 0; border-radius: 999px; background: #e6e9f2; overflow: hidden; }
progress::-webkit-progress-bar { background: #e6e9f2; border-radius: 999px; }
progress::-webkit-progress-value { background: var(--af-accent); border-radius: 999px; transition: width .4s ease; }
ol.phases { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6px 12px; font-size: 13px; }
@container (min-width: 520px) { ol.phases { grid-template-columns: repeat(4, minmax(0, 1fr)); } }
ol.phases li { display: flex; gap: 6px; align-items: center; color: var(--af-muted); }
ol.phases li::before { content: ""; flex: none; width: 10px; height: 10px; border-radius: 50%; border: 2px solid #b9c0cf; }
ol.phases li.done { color: var(--af-ok); }
ol.phases li.done::before { background: var(--af-ok); border-color: var(--af-ok); }
ol.phases li.current { color: var(--af-text); font-weight: 600; }
ol.phases li.current::before { border-color: var(--af-accent); background: #c9cef5; }
.status-line { margin: 0; font-size: 14px; overflow-wrap: anywhere; }
.alert { display: grid; gap: 8px; }
.alert[hidden] { display: none; }
.alert p { margin: 0; overflow-wrap: anywhere; }
.result { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; justify-content: space-between; }
.result p { margin: 0; overflow-wrap: anywhere; }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--af-border); margin-bottom: 10px; overflow-x: auto; }
[role=tab] {
  white-space: nowrap; border: 0; border-bottom: 3px solid transparent; border-radius: 6px 6px 0 0; background: none;
  padding: 8px 12px; min-height: 36px; color: var(--af-muted);
}
[role=tab][aria-selected=true] { color: var(--af-accent); border-bottom-color: var(--af-accent); }
.snippet { position: relative; }
pre {
  margin: 0; padding: 14px; background: #111827; color: #e5e7eb; border-radius: 8px;
  font: 12.5px/1.55 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow: auto; max-height: 280px;
  white-space: pre;
}
.snippet-bar { display: flex; justify-content: space-between; align-items: center; gap: 8px; margin-bottom: 8px; }
.snippet-bar .hint { margin: 0; }
.copied { font-size: 13px; color: var(--af-ok); min-height: 1.4em; margin: 6px 0 0; }
.skeleton { display: grid; gap: 10px; }
.bone { height: 14px; border-radius: 6px; background: linear-gradient(90deg, #eef0f5 25%, #f7f8fb 37%, #eef0f5 63%); background-size: 400% 100%; animation: shimmer 1.4s ease infinite; }
.bone.tall { height: 40px; }
/* Roughly the loaded panels' heights, so the page does not jump when the data arrives. */
.skeleton { align-content: start; min-height: 400px; }
.skeleton.form-skel { min-height: 720px; }
.skeleton.equiv { min-height: 320px; }
.bone.w60 { width: 60%; } .bone.w40 { width: 40%; } .bone.w80 { width: 80%; }
@keyframes shimmer { 0% { background-position: 100% 50%; } 100% { background-position: 0 50%; } }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
[hidden] { display: none !important; }
@media (prefers-reduced-motion: reduce) {
  .bone { animation: none; }
  progress::-webkit-progress-value { transition: none; }
  * { scroll-behavior: auto !important; }
}
`;

export class AivenForkElement extends HTMLElement {
  static get observedAttributes() {
    return ['project', 'service', 'base-url'];
  }

  #token = null;
  #root;
  #ids = {};
  #ui = {};
  #context = null;
  // The context read once into wasm: live validation on every keystroke reuses it.
  #prepared = null;
  #caps = null;
  #loadSeq = 0;
  #loadQueued = false;
  #nameEdited = false;
  #report = null;
  #request = null; // the request being submitted; reused as-is by Retry (fork is idempotent)
  #forked = null; // {service, created} once fork() has answered
  #busy = false;
  #abort = null;
  #equivTab = 'cli';
  #announced = undefined;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const n = ++uid;
    for (const k of ['title', 'name', 'nameMsg', 'nameHint', 'rec', 'recMsg', 'time', 'timeHint', 'timeMsg', 'backup',
      'backupMsg', 'plan', 'planHint', 'planMsg', 'cloud', 'cloudHint', 'cloudMsg', 'src', 'bk', 'eq', 'prog', 'copy']) {
      this.#ids[k] = `af${n}-${k}`;
    }
  }

  /** The API token. A property only: never reflected to an attribute or rendered. */
  set token(value) {
    this.#token = value == null || value === '' ? null : String(value);
    this.#queueLoad();
  }

  get token() {
    return this.#token;
  }

  get project() {
    return this.getAttribute('project') || '';
  }

  get service() {
    return this.getAttribute('service') || '';
  }

  get baseUrl() {
    return this.getAttribute('base-url') || 'https://api.aiven.io';
  }

  connectedCallback() {
    // A token assigned before the element was upgraded lands as an own property: move it.
    if (Object.prototype.hasOwnProperty.call(this, 'token')) {
      const t = this.token;
      delete this.token;
      this.token = t;
    }
    if (!this.#ui.card) this.#renderShell();
    this.#queueLoad();
  }

  disconnectedCallback() {
    this.#abort?.abort();
    this.#freePrepared();
  }

  #freePrepared() {
    const prepared = this.#prepared;
    this.#prepared = null;
    try {
      prepared?.free();
    } catch {
      // Already freed: nothing held.
    }
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue !== newValue) this.#queueLoad();
  }

  /** Reload the source and reset the form (e.g. after the token or the service changed). */
  reload() {
    this.#queueLoad();
  }

  #queueLoad() {
    if (this.#loadQueued || !this.isConnected) return;
    this.#loadQueued = true;
    queueMicrotask(() => {
      this.#loadQueued = false;
      this.#load();
    });
  }

  // ---------------------------------------------------------------- shell and skeleton

  #renderShell() {
    const ids = this.#ids;
    const ui = this.#ui;
    this.#root.replaceChildren(h('style', { text: STYLE }));

    ui.eyebrow = h('p', { class: 'eyebrow', text: 'Fork service' });
    ui.title = h('h2', { id: ids.title });
    ui.sub = h('p', { class: 'sub' });
    ui.badge = h('span', { class: 'badge', hidden: true });
    ui.head = h('header', { class: 'head' }, h('div', null, ui.eyebrow, ui.title, ui.sub), ui.badge);

    ui.banner = h('div', { class: 'banner notice error alert', role: 'alert', hidden: true });
    ui.body = h('div', { class: 'body' });
    ui.live = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
    ui.card = h('section', { class: 'card', part: 'card', 'aria-labelledby': ids.title }, ui.head, ui.body, ui.live);
    this.#root.append(ui.card);
    this.#renderSkeleton();
  }

  #renderSkeleton() {
    const ui = this.#ui;
    ui.title.textContent = this.service || 'Service';
    ui.sub.textContent = this.project ? `Project ${this.project}` : '';
    ui.badge.hidden = true;
    const bones = (...cls) => cls.map((c) => h('div', { class: `bone ${c}` }));
    ui.body.replaceChildren(
      ui.banner,
      h('div', { class: 'panel subtle skeleton', 'aria-hidden': 'true' },
        bones('w40', 'w80', 'w60', 'w80', 'w60', '', 'w40', 'tall', 'tall')),
      h('div', { class: 'panel skeleton form-skel', 'aria-hidden': 'true' },
        bones('w40', 'w60', 'tall', 'w40', 'tall', 'tall', 'w40', 'tall', 'w40', 'tall', 'w60', 'tall')),
      h('div', { class: 'panel skeleton equiv', 'aria-hidden': 'true' }, bones('w40', 'w60', 'tall', 'tall')),
    );
    ui.body.setAttribute('aria-busy', 'true');
    ui.banner.hidden = true;
  }

  #showBanner(title, err, onRetry) {
    const ui = this.#ui;
    const children = [h('p', null, h('strong', { text: title }))];
    if (err) children.push(h('p', { text: describeError(err) }));
    if (onRetry) {
      children.push(h('div', { class: 'actions' }, h('button', { type: 'button', class: 'small', onclick: onRetry, text: 'Retry' })));
    }
    ui.banner.replaceChildren(...children);
    ui.banner.hidden = false;
  }

  // ---------------------------------------------------------------- loading the source

  async #load() {
    const seq = ++this.#loadSeq;
    this.#abort?.abort();
    this.#abort = null;
    this.#context = null;
    this.#freePrepared();
    this.#request = null;
    this.#forked = null;
    this.#busy = false;
    this.#nameEdited = false;
    if (!this.#ui.card) return;
    this.#renderSkeleton();
    const project = this.project;
    const service = this.service;
    if (!project || !service || !this.#token) {
      this.#ui.sub.textContent = !this.#token
        ? 'Waiting for an API token (set the element\u2019s token property).'
        : 'Set the project and service attributes.';
      return;
    }
    let context;
    try {
      await ensureReady();
      const client = new ForkClient({ baseUrl: this.baseUrl, token: this.#token });
      try {
        context = await client.getForkContext(project, service);
      } finally {
        client.free?.();
      }
    } catch (err) {
      if (seq !== this.#loadSeq) return;
      this.#ui.body.removeAttribute('aria-busy');
      this.#showBanner(`Could not load ${service}`, err, () => this.#load());
      return;
    }
    if (seq !== this.#loadSeq) return;
    this.#context = context;
    try {
      this.#prepared = prepareForkContext(context);
    } catch {
      // A context the library cannot read is still shown; validation then
      // receives the plain object and reports what is wrong with it.
      this.#prepared = null;
    }
    const types = serviceTypes();
    const spec = (Array.isArray(types) ? types : []).find((t) => t.name === context.source.serviceType);
    this.#caps = capabilities(spec);
    this.#renderLoaded();
  }

  #renderLoaded() {
    const ctx = this.#context;
    const src = ctx.source;
    const ui = this.#ui;
    const caps = this.#caps;
    ui.title.textContent = src.serviceName;
    ui.sub.textContent = `${caps.product || src.serviceType} \u00b7 project ${src.project}`;
    ui.badge.textContent = src.state || 'UNKNOWN';
    ui.badge.className = `badge ${String(src.state || '').toLowerCase()}`;
    ui.badge.hidden = false;
    ui.body.removeAttribute('aria-busy');
    ui.banner.hidden = true;
    ui.body.replaceChildren(ui.banner, this.#sourcePanel(), this.#formPanel(), this.#equivPanel());
    this.#validate();
  }

  #sourcePanel() {
    const ctx = this.#context;
    const src = ctx.source;
    const ids = this.#ids;
    const fact = (k, v) => [h('dt', { text: k }), h('dd', { text: v })];
    const facts = h('dl', { class: 'facts' },
      fact('Type', this.#caps.product ? `${this.#caps.product} (${src.serviceType})` : src.serviceType),
      fact('Plan', src.plan),
      fact('Cloud', src.cloudName),
      fact('Nodes', String(src.nodeCount)),
      fact('State', src.state));

    const backups = Array.isArray(ctx.backups) ? ctx.backups : [];
    const kids = [h('h3', { id: ids.src, text: 'Source' }), facts, h('h3', { id: ids.bk, text: 'Backups' })];
    if (ctx.pitr && (ctx.pitr.start || ctx.pitr.end !== undefined)) {
      if (ctx.pitr.start) {
        kids.push(h('p', { class: 'window' }, 'Point-in-time window: ', h('strong', { text: formatUtc(ctx.pitr.start) }),
          ' to ', h('strong', { text: ctx.pitr.end ? formatUtc(ctx.pitr.end) : 'now' }), '.'));
      } else {
        kids.push(h('p', { class: 'window', text: 'No point-in-time backup yet.' }));
      }
    }
    if (backups.length === 0) {
      kids.push(h('p', { class: 'empty', text: 'This service has no backups yet.' }));
    } else {
      const sorted = [...backups].sort((a, b) => (parseTime(b.backupTime)?.getTime() ?? 0) - (parseTime(a.backupTime)?.getTime() ?? 0));
      const items = sorted.map((b) => h('li', null,
        h('span', { class: 'bname', text: b.backupName }),
        h('span', { class: 'bmeta', text: [formatUtc(b.backupTime), formatBytes(b.dataSize)].filter(Boolean).join(' \u00b7 ') })));
      kids.push(h('div', { class: 'backups', tabindex: '0', role: 'region', 'aria-label': `Backups (${backups.length}), newest first` },
        h('ul', { class: 'backup-list' }, items)));
    }
    return h('section', { class: 'panel subtle', 'aria-labelledby': ids.src }, kids);
  }

  #formPanel() {
    const ctx = this.#context;
    const src = ctx.source;
    const caps = this.#caps;
    const ids = this.#ids;
    const ui = this.#ui;
    const onInput = () => this.#validate();

    // --- name
    ui.name = h('input', {
      type: 'text', id: ids.name, name: 'serviceName', autocomplete: 'off', spellcheck: 'false',
      autocapitalize: 'off', maxlength: '64', 'aria-describedby': `${ids.nameHint} ${ids.nameMsg}`,
      oninput: () => { this.#nameEdited = true; onInput(); },
    });
    ui.name.value = suggestName(src.serviceName, ctx.takenNames);
    ui.nameMsg = h('div', { class: 'msg', id: ids.nameMsg });
    const nameField = h('div', { class: 'field' },
      h('label', { for: ids.name, text: 'New service name' }),
      h('p', { class: 'hint', id: ids.nameHint, text: 'Lowercase letters, digits and hyphens; starts with a letter.' }),
      ui.name, ui.nameMsg);

    // --- recovery
    const modes = [];
    if (caps.latest) {
      modes.push(['latest', caps.time ? 'Latest transaction' : 'Latest backup',
        caps.time ? 'Everything up to the moment the fork starts.' : 'The most recent backup of the source.']);
    }
    if (caps.time) modes.push(['time', 'Point in time', 'Any moment inside the point-in-time window.']);
    if (caps.backup) modes.push(['backup', 'Named backup', 'One specific backup from the list.']);
    ui.modeInputs = {};
    const choiceKids = [];
    for (const [mode, title, desc] of modes) {
      const id = `${ids.rec}-${mode}`;
      const input = h('input', { type: 'radio', name: `${ids.rec}-mode`, id, value: mode,
        'aria-describedby': `${id}-d`, onchange: () => { this.#syncRecovery(); onInput(); } });
      ui.modeInputs[mode] = input;
      choiceKids.push(h('label', { class: 'choice', for: id }, input, h('span', { class: 't', text: title }),
        h('span', { class: 'd', id: `${id}-d`, text: desc })));
      if (mode === 'time') choiceKids.push(this.#timeField());
      if (mode === 'backup') choiceKids.push(this.#backupField());
    }
    const firstMode = ui.modeInputs.latest || Object.values(ui.modeInputs)[0];
    if (firstMode) firstMode.checked = true;
    else choiceKids.push(h('p', { class: 'hint', text: 'This service type cannot be forked.' }));
    ui.recMsg = h('div', { class: 'msg', id: ids.recMsg });
    const recField = h('fieldset', { class: 'field', 'aria-describedby': ids.recMsg },
      h('legend', { text: 'Restore from' }), h('div', { class: 'choices' }, choiceKids), ui.recMsg);

    // --- plan
    const plans = Array.isArray(ctx.plans) ? ctx.plans : [];
    ui.plan = h('select', { id: ids.plan, name: 'plan', 'aria-describedby': `${ids.planHint} ${ids.planMsg}`, onchange: onInput });
    const allowed = [];
    const fewer = [];
    for (const p of plans) {
      const tooSmall = caps.noFewerNodes && Number(p.nodeCount) < Number(src.nodeCount);
      (tooSmall ? fewer : allowed).push(p);
    }
    const planOption = (p, disabled) => {
      const o = h('option', { value: p.name, disabled });
      o.textContent = `${p.name} \u00b7 ${p.nodeCount} node${Number(p.nodeCount) === 1 ? '' : 's'}${p.name === src.plan ? ' \u00b7 current' : ''}`;
      return o;
    };
    if (plans.length === 0) {
      ui.plan.append(planOption({ name: src.plan, nodeCount: src.nodeCount }, false));
    } else if (fewer.length) {
      ui.plan.append(h('optgroup', { label: 'Available' }, allowed.map((p) => planOption(p, false))));
      ui.plan.append(h('optgroup', { label: 'Not available: fewer nodes than the source' }, fewer.map((p) => planOption(p, true))));
    } else {
      ui.plan.append(...allowed.map((p) => planOption(p, false)));
    }
    ui.plan.value = src.plan;
    if (ui.plan.value !== src.plan && allowed[0]) ui.plan.value = allowed[0].name;
    const planHintText = caps.noFewerNodes
      ? `A ${caps.product || src.serviceType} fork needs at least as many nodes as the source (${src.nodeCount}); plans with fewer nodes are not offered.`
      : 'Any plan of this service type; the source uses the one marked current.';
    ui.planMsg = h('div', { class: 'msg', id: ids.planMsg });
    const planField = h('div', { class: 'field' }, h('label', { for: ids.plan, text: 'Plan' }),
      h('p', { class: 'hint', id: ids.planHint, text: planHintText }), ui.plan, ui.planMsg);

    // --- cloud
    ui.cloud = h('input', { type: 'text', id: ids.cloud, name: 'cloud', autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': `${ids.cloudHint} ${ids.cloudMsg}`, oninput: onInput });
    ui.cloud.value = src.cloudName || '';
    ui.cloudMsg = h('div', { class: 'msg', id: ids.cloudMsg });
    const cloudField = h('div', { class: 'field' }, h('label', { for: ids.cloud, text: 'Cloud' }),
      h('p', { class: 'hint', id: ids.cloudHint, text: 'A fork may move to another cloud or region.' }), ui.cloud, ui.cloudMsg);

    // --- tags
    const tagCount = src.tags && typeof src.tags === 'object' ? Object.keys(src.tags).length : 0;
    ui.copyTags = null;
    let tagsField = null;
    if (tagCount > 0) {
      ui.copyTags = h('input', { type: 'checkbox', id: `${ids.name}-tags`, onchange: onInput });
      tagsField = h('label', { class: 'check', for: `${ids.name}-tags` }, ui.copyTags,
        h('span', { text: `Copy the source\u2019s ${tagCount} tag${tagCount === 1 ? '' : 's'}` }));
    }

    ui.fields = h('fieldset', { class: 'fields' }, nameField, recField, h('div', { class: 'row' }, planField, cloudField), tagsField);

    // --- notices
    ui.errors = h('div', { class: 'notice error', hidden: true });
    ui.notCopied = h('div', { class: 'notice info', hidden: true });
    ui.warnings = h('div', { class: 'notice warn', hidden: true });
    const notices = h('div', { class: 'notices' }, ui.errors, ui.notCopied, ui.warnings);

    // --- submit, progress, result
    ui.submit = h('button', { type: 'submit', class: 'primary', text: 'Fork service' });
    ui.actions = h('div', { class: 'actions' }, ui.submit);
    ui.progress = h('progress', { max: '100', value: '0', 'aria-labelledby': ids.prog });
    ui.progressLabel = h('p', { class: 'status-line', id: ids.prog, text: '' });
    ui.phaseItems = PHASES.map(([key, label]) => h('li', { 'data-phase': key, text: label }));
    ui.progressBox = h('div', { class: 'progress-box', hidden: true }, ui.progressLabel, ui.progress, h('ol', { class: 'phases' }, ui.phaseItems));
    ui.alert = h('div', { class: 'notice error alert submit-alert', role: 'alert', hidden: true });
    ui.done = h('div', { class: 'notice info result', role: 'status', hidden: true });

    ui.form = h('form', { novalidate: true, 'aria-labelledby': `${ids.name}-h`,
      onsubmit: (e) => { e.preventDefault(); this.#submit(); } },
    h('h3', { id: `${ids.name}-h`, text: 'New service' }), ui.fields, notices, ui.alert, ui.progressBox, ui.done, ui.actions);

    this.#syncRecovery();
    return h('section', { class: 'panel form-panel' }, ui.form);
  }

  #timeField() {
    const ids = this.#ids;
    const ui = this.#ui;
    const pitr = this.#context.pitr || {};
    const start = parseTime(pitr.start);
    const end = pitr.end ? parseTime(pitr.end) : new Date();
    ui.time = h('input', { type: 'datetime-local', id: ids.time, step: '1', name: 'time',
      'aria-describedby': `${ids.timeHint} ${ids.timeMsg}`, oninput: () => this.#validate(), onchange: () => this.#validate() });
    // The control has whole seconds: round the window inwards.
    if (start) ui.time.min = toLocalInputUtc(new Date(Math.ceil(start.getTime() / 1000) * 1000));
    if (end) ui.time.max = toLocalInputUtc(end);
    if (end) ui.time.value = toLocalInputUtc(new Date(Math.max(start ? start.getTime() : 0, end.getTime() - 60 * 60 * 1000)));
    ui.timeMsg = h('div', { class: 'msg', id: ids.timeMsg });
    const hint = start
      ? `Between ${formatUtc(start)} and ${pitr.end ? formatUtc(end) : 'now'}.`
      : 'No point-in-time backup yet.';
    ui.timeWrap = h('div', { class: 'field sub-field' }, h('label', { for: ids.time, text: 'Restore to (UTC)' }),
      h('p', { class: 'hint', id: ids.timeHint, text: hint }), ui.time, ui.timeMsg);
    return ui.timeWrap;
  }

  #backupField() {
    const ids = this.#ids;
    const ui = this.#ui;
    const backups = [...(this.#context.backups || [])].sort(
      (a, b) => (parseTime(b.backupTime)?.getTime() ?? 0) - (parseTime(a.backupTime)?.getTime() ?? 0));
    ui.backup = h('select', { id: ids.backup, name: 'backup', 'aria-describedby': ids.backupMsg, onchange: () => this.#validate() });
    for (const b of backups) {
      const o = h('option', { value: b.backupName });
      o.textContent = `${b.backupName} \u2014 ${formatUtc(b.backupTime)}`;
      ui.backup.append(o);
    }
    ui.backupMsg = h('div', { class: 'msg', id: ids.backupMsg });
    ui.backupWrap = h('div', { class: 'field sub-field' }, h('label', { for: ids.backup, text: 'Backup' }), ui.backup, ui.backupMsg);
    return ui.backupWrap;
  }

  #syncRecovery() {
    const ui = this.#ui;
    const mode = this.#mode();
    if (ui.timeWrap) ui.timeWrap.hidden = mode !== 'time';
    if (ui.backupWrap) ui.backupWrap.hidden = mode !== 'backup';
  }

  #mode() {
    for (const [mode, input] of Object.entries(this.#ui.modeInputs || {})) if (input.checked) return mode;
    return 'latest';
  }

  // ---------------------------------------------------------------- the request and live validation

  /** The fork request the form currently describes (the library fills in the rest from the context). */
  #currentRequest() {
    const ui = this.#ui;
    const src = this.#context.source;
    const req = {
      project: this.project,
      serviceName: ui.name.value.trim(),
      plan: ui.plan.value,
      cloud: ui.cloud.value.trim() || undefined,
      source: { service: src.serviceName },
    };
    if (!req.cloud) delete req.cloud;
    if (src.project && src.project !== this.project) req.source.project = src.project;
    const mode = this.#mode();
    if (mode === 'time') {
      let v = ui.time.value;
      if (/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(v)) v += ':00';
      // The control is labelled UTC, so the zone is explicit.
      req.recovery = { mode: 'time', time: v ? `${v}+00:00` : '' };
    } else if (mode === 'backup') {
      req.recovery = { mode: 'backup', name: ui.backup.value };
    } else {
      req.recovery = { mode: 'latest' };
    }
    if (ui.copyTags) req.copyTags = ui.copyTags.checked;
    return req;
  }

  #validate() {
    if (!this.#context || this.#busy || this.#forked) return this.#report;
    const ui = this.#ui;
    const req = this.#currentRequest();
    let report;
    try {
      report = validateFork(req, this.#prepared ?? this.#context);
    } catch (err) {
      report = { ok: false, errors: [{ code: err?.code || 'invalid_request', field: '', message: describeError(err) }],
        warnings: [], notCopied: [] };
    }
    this.#report = report;
    const bySlot = { name: [], time: [], backup: [], recovery: [], plan: [], cloud: [], general: [] };
    for (const e of report.errors || []) {
      let slot = slotFor(e.field);
      if (slot === 'time' && !ui.time) slot = 'recovery';
      if (slot === 'backup' && !ui.backup) slot = 'recovery';
      bySlot[slot].push(e);
    }
    const show = (control, msgEl, list) => {
      msgEl.replaceChildren(...list.map((e) => h('p', { 'data-code': e.code, text: e.message })));
      if (control) {
        if (list.length) control.setAttribute('aria-invalid', 'true');
        else control.removeAttribute('aria-invalid');
      }
    };
    show(ui.name, ui.nameMsg, bySlot.name);
    if (ui.time) show(ui.time, ui.timeMsg, bySlot.time);
    if (ui.backup) show(ui.backup, ui.backupMsg, bySlot.backup);
    show(null, ui.recMsg, bySlot.recovery);
    show(ui.plan, ui.planMsg, bySlot.plan);
    show(ui.cloud, ui.cloudMsg, bySlot.cloud);

    // Errors that belong to no field (no backups, type not forkable, persistence off...).
    // Those about the source itself cannot be fixed in this form: lock it.
    const blocked = bySlot.general.some((e) => SOURCE_BLOCKERS.has(e.code));
    ui.fields.disabled = blocked;
    ui.submit.disabled = blocked;
    ui.errors.hidden = bySlot.general.length === 0;
    ui.errors.replaceChildren(h('h4', { text: 'This fork cannot be created' }),
      h('ul', null, bySlot.general.map((e) => h('li', { 'data-code': e.code, text: e.message }))));

    const notCopied = report.notCopied || [];
    ui.notCopied.hidden = notCopied.length === 0;
    ui.notCopied.replaceChildren(h('h4', { text: 'Will not be copied' }),
      h('ul', null, notCopied.map((n) => h('li', { 'data-kind': n.kind }, h('span', { text: kindLabel(n.kind) }), ' ',
        h('code', { class: 'k', text: n.name })))));

    const warnings = report.warnings || [];
    ui.warnings.hidden = warnings.length === 0;
    ui.warnings.replaceChildren(h('h4', { text: warnings.length === 1 ? 'Warning' : 'Warnings' }),
      h('ul', null, warnings.map((w) => h('li', { 'data-code': w.code, text: w.message }))));

    this.#renderEquivalents(req, report);
    return report;
  }

  // ---------------------------------------------------------------- equivalents

  #equivPanel() {
    const ids = this.#ids;
    const ui = this.#ui;
    ui.tabs = {};
    ui.panels = {};
    ui.codes = {};
    const tabs = [['cli', 'CLI (avn)'], ['curl', 'curl'], ['terraform', 'Terraform']];
    const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Equivalent commands' });
    const panels = [];
    for (const [key, label] of tabs) {
      const tab = h('button', { type: 'button', role: 'tab', id: `${ids.eq}-tab-${key}`, 'aria-controls': `${ids.eq}-panel-${key}`,
        'aria-selected': key === this.#equivTab ? 'true' : 'false', tabindex: key === this.#equivTab ? '0' : '-1', text: label,
        onclick: () => this.#selectTab(key, false) });
      tab.addEventListener('keydown', (e) => {
        const order = tabs.map((t) => t[0]);
        const i = order.indexOf(key);
        let next = null;
        if (e.key === 'ArrowRight') next = order[(i + 1) % order.length];
        else if (e.key === 'ArrowLeft') next = order[(i + order.length - 1) % order.length];
        else if (e.key === 'Home') next = order[0];
        else if (e.key === 'End') next = order[order.length - 1];
        if (next) {
          e.preventDefault();
          this.#selectTab(next, true);
        }
      });
      ui.tabs[key] = tab;
      list.append(tab);
      const code = h('code');
      ui.codes[key] = code;
      const pre = h('pre', { tabindex: '0', role: 'region', 'aria-label': `${label} command` }, code);
      const copy = h('button', { type: 'button', class: 'small copy', text: 'Copy', 'aria-label': `Copy the ${label} command`,
        onclick: () => this.#copy(key, label) });
      const panel = h('div', { role: 'tabpanel', id: `${ids.eq}-panel-${key}`, 'aria-labelledby': tab.id, class: 'snippet',
        hidden: key !== this.#equivTab }, h('div', { class: 'snippet-bar' }, h('p', { class: 'hint', text: TAB_HINTS[key] }), copy), pre);
      ui.panels[key] = panel;
      ui.copyButtons = { ...(ui.copyButtons || {}), [key]: copy };
      panels.push(panel);
    }
    ui.copied = h('p', { class: 'copied', role: 'status', id: ids.copy });
    ui.equivNote = h('p', { class: 'hint' });
    return h('section', { class: 'panel equiv', 'aria-labelledby': `${ids.eq}-h` },
      h('h3', { id: `${ids.eq}-h`, text: 'Same fork elsewhere' }), ui.equivNote, list, panels, ui.copied);
  }

  #selectTab(key, focus) {
    this.#equivTab = key;
    for (const [k, tab] of Object.entries(this.#ui.tabs)) {
      const on = k === key;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      this.#ui.panels[k].hidden = !on;
    }
    if (focus) this.#ui.tabs[key].focus();
  }

  #renderEquivalents(req, report) {
    const ui = this.#ui;
    if (!ui.codes) return;
    let eq = null;
    if (report.ok) {
      try {
        eq = forkEquivalents(req, this.#prepared ?? this.#context);
      } catch {
        eq = null;
      }
    }
    for (const key of ['cli', 'curl', 'terraform']) {
      ui.codes[key].textContent = eq ? String(eq[key] ?? '') : '# Fix the problems above to see this command.';
      ui.copyButtons[key].disabled = !eq;
    }
    ui.equivNote.textContent = eq
      ? 'Run exactly this fork from a terminal or with Terraform.'
      : 'The commands appear once the fork is valid.';
    this.#equivalents = eq;
  }

  #equivalents = null;

  async #copy(key, label) {
    const text = this.#equivalents ? String(this.#equivalents[key] ?? '') : '';
    if (!text) return;
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        ok = true;
      }
    } catch {
      ok = false;
    }
    if (!ok) ok = fallbackCopy(text, this.#root);
    this.#ui.copied.textContent = ok ? `${label} command copied.` : 'Copy failed: select the text and copy it.';
  }

  // ---------------------------------------------------------------- submit, progress, retry

  async #submit() {
    if (this.#busy || !this.#context) return;
    const ui = this.#ui;
    if (!this.#request) {
      const report = this.#validate();
      if (!report || !report.ok) {
        this.#ui.live.textContent = `The fork was not submitted: ${(report?.errors || []).length} problem(s) to fix.`;
        const first = this.#root.querySelector('[aria-invalid=true]');
        (first || ui.errors).focus?.();
        if (!first) ui.errors.scrollIntoView?.({ block: 'nearest' });
        return;
      }
      // Freeze the request: Retry sends exactly this object again, and ForkClient.fork is
      // idempotent for it (an existing fork of the same source is success, never a second service).
      this.#request = this.#currentRequest();
    }
    const req = this.#request;
    this.#busy = true;
    ui.fields.disabled = true;
    ui.alert.hidden = true;
    ui.done.hidden = true;
    ui.actions.hidden = true;
    ui.progressBox.hidden = false;
    this.#setProgress(0, null, `Submitting the fork ${req.serviceName}\u2026`);
    const abort = new AbortController();
    this.#abort = abort;
    const client = new ForkClient({ baseUrl: this.baseUrl, token: this.#token });
    try {
      if (!this.#forked) {
        // The context the user saw is what the fork is checked against (and no re-read is needed).
        const res = await client.fork(req, { signal: abort.signal, context: this.#context });
        this.#forked = res;
        this.#emit('aiven-fork-created', { serviceName: req.serviceName, created: !!res?.created });
      }
      this.#setProgress(0, 'prepare', `Creating ${req.serviceName}\u2026`);
      const svc = await client.waitUntilRunning(req.project, req.serviceName, {
        signal: abort.signal,
        timeoutMs: 30 * 60 * 1000,
        onProgress: (p) => this.#onProgress(p, req.serviceName),
      });
      this.#busy = false;
      this.#setProgress(100, 'done', `${req.serviceName} is running.`);
      ui.done.replaceChildren(h('p', null, h('strong', { text: req.serviceName }), ' is RUNNING. ',
        h('span', { text: `Forked from ${this.#context.source.serviceName}.` })),
      h('button', { type: 'button', class: 'small', text: 'New fork', onclick: () => this.#load() }));
      ui.done.hidden = false;
      this.#emit('aiven-fork-running', { serviceName: req.serviceName, service: svc });
    } catch (err) {
      this.#busy = false;
      if (abort.signal.aborted && !this.isConnected) return;
      ui.progressBox.hidden = !this.#forked;
      const what = this.#forked ? `Waiting for ${req.serviceName} failed` : `The fork ${req.serviceName} could not be submitted`;
      const retry = h('button', { type: 'button', class: 'primary', text: 'Retry', onclick: () => this.#submit() });
      const edit = this.#forked ? null : h('button', { type: 'button', text: 'Edit the request', onclick: () => this.#unlock() });
      ui.alert.replaceChildren(h('p', null, h('strong', { text: what })), h('p', { text: describeError(err) }),
        h('p', { class: 'hint', text: this.#forked
          ? 'The service exists; Retry resumes waiting.'
          : 'Retry sends the same request again; it never creates a second service.' }),
        h('div', { class: 'actions' }, retry, edit));
      ui.alert.hidden = false;
      this.#emit('aiven-fork-error', { code: err?.code || 'error', message: describeError(err) });
    }
  }

  #unlock() {
    const ui = this.#ui;
    this.#request = null;
    ui.alert.hidden = true;
    ui.progressBox.hidden = true;
    ui.actions.hidden = false;
    ui.fields.disabled = false;
    this.#validate();
    ui.name.focus();
  }

  #onProgress(p, name) {
    if (!p || typeof p !== 'object') return;
    // ForkClient reports {state, phase, percent, nodes}: `percent` is of the current phase,
    // so the bar shows the phases done plus the share of the current one.
    if (p.state === 'RUNNING') {
      this.#setProgress(100, 'done', `${name} is running.`);
      return;
    }
    const phase = typeof p.phase === 'string' ? p.phase : null;
    const idx = phase ? PHASES.findIndex(([k]) => phase.startsWith(k)) : -1;
    const within = Number.isFinite(p.percent) ? Math.max(0, Math.min(100, p.percent)) : 0;
    const overall = idx < 0 ? 0 : ((idx + within / 100) / PHASES.length) * 100;
    const label = idx < 0 ? 'Setting up' : PHASES[idx][1];
    const state = p.state ? ` \u00b7 ${p.state}` : '';
    this.#setProgress(overall, phase, `${label}: ${name}${state}`);
  }

  #setProgress(pct, phase, text) {
    const ui = this.#ui;
    if (phase !== this.#announced) {
      this.#announced = phase;
      ui.live.textContent = text;
    }
    const v = Math.max(0, Math.min(100, Math.round(pct)));
    ui.progress.value = v;
    ui.progress.setAttribute('aria-valuenow', String(v));
    ui.progress.setAttribute('aria-valuetext', `${v}%${phase && phase !== 'done' ? `, ${phase}` : ''}`);
    ui.progressLabel.textContent = text;
    const idx = phase === 'done' ? PHASES.length : PHASES.findIndex(([k]) => phase && String(phase).startsWith(k));
    ui.phaseItems.forEach((li, i) => {
      li.classList.toggle('done', idx >= 0 && i < idx);
      li.classList.toggle('current', i === idx);
      if (i === idx) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

function kindLabel(kind) {
  switch (kind) {
    case 'integration': return 'Integration';
    case 'sso': return 'Single sign-on';
    case 'tags': return 'Tag';
    default: return String(kind || 'Item');
  }
}

function describeError(err) {
  if (!err) return 'Unknown error.';
  const parts = [];
  if (err.message) parts.push(String(err.message));
  else parts.push(String(err));
  const extra = [];
  if (err.code) extra.push(`code ${err.code}`);
  if (err.status) extra.push(`HTTP ${err.status}`);
  if (err.serverMessage && err.serverMessage !== err.message) parts.push(`Server: ${err.serverMessage}`);
  return extra.length ? `${parts.join(' ')} (${extra.join(', ')})` : parts.join(' ');
}

function fallbackCopy(text, root) {
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.setAttribute('aria-hidden', 'true');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  ta.style.top = '0';
  root.append(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

if (!customElements.get('aiven-fork')) customElements.define('aiven-fork', AivenForkElement);
