// AivenForkElement: the <aiven-fork> custom element. Holds the settings (attributes and
// properties), loads the source, runs validation on every change and follows a submitted
// fork to RUNNING. Rendering is in the panel modules; every rule answer comes from the
// library (forkChoices, validateFork, forkEquivalents, ForkClient).

import { EquivalentsPanel } from './equivalents.js';
import { EVENTS, emit } from './events.js';
import { ForkForm } from './form.js';
import { describeError, progressView } from './format.js';
import { h } from './dom.js';
import { ensureReady, forkChoices, forkEquivalents, newClient, prepareForkContext, validateFork } from './library.js';
import { ProgressBox } from './progress.js';
import { Shell } from './shell.js';
import { sourcePanel } from './source.js';
import { adoptStyles } from './styles.js';

const DEFAULT_BASE_URL = 'https://api.aiven.io';
const ATTRIBUTES = ['project', 'service', 'base-url', 'credentials'];
let uid = 0;

function sameHeaders(a, b) {
  if (!a || !b) return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

export class AivenForkElement extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #token = null;
  #headers = null;
  #root;
  #ids = {};
  #shell = null;
  #form = null;
  #equiv = null;
  #progress = null;
  #alert = null;
  #done = null;
  #context = null;
  // The context read once into wasm: live validation on every keystroke reuses it.
  #prepared = null;
  #choices = null;
  #loadSeq = 0;
  #loadQueued = false;
  #report = null;
  #request = null; // the request being submitted; sent again as-is by Retry (fork is idempotent)
  #forked = null; // {service, created} once fork() has answered
  #busy = false;
  #abort = null;
  #equivTab = 'cli';

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const n = ++uid;
    for (const k of ['title', 'name', 'nameMsg', 'nameHint', 'rec', 'recMsg', 'time', 'timeHint', 'timeMsg', 'backup',
      'backupMsg', 'plan', 'planHint', 'planPrice', 'planMsg', 'cloud', 'cloudHint', 'cloudMsg', 'src', 'bk', 'eq', 'prog']) {
      this.#ids[k] = `af${n}-${k}`;
    }
  }

  // ---------------------------------------------------------------- settings

  /** The API token. A property only: never reflected to an attribute or rendered. */
  set token(value) {
    const token = value == null || value === '' ? null : String(value);
    if (token === this.#token) return; // a host re-rendering the same value changes nothing
    this.#token = token;
    this.#queueLoad();
  }

  get token() {
    return this.#token;
  }

  /** Extra request headers (e.g. a console backend's CSRF header). A property only. */
  set headers(value) {
    const headers = value && typeof value === 'object' ? { ...value } : null;
    if (sameHeaders(headers, this.#headers)) return; // e.g. React passing an equal new object
    this.#headers = headers;
    this.#queueLoad();
  }

  get headers() {
    return this.#headers ? { ...this.#headers } : null;
  }

  get project() {
    return this.getAttribute('project') || '';
  }

  set project(v) {
    this.setAttribute('project', String(v ?? ''));
  }

  get service() {
    return this.getAttribute('service') || '';
  }

  set service(v) {
    this.setAttribute('service', String(v ?? ''));
  }

  get baseUrl() {
    return this.getAttribute('base-url') || DEFAULT_BASE_URL;
  }

  set baseUrl(v) {
    this.setAttribute('base-url', String(v ?? ''));
  }

  get credentials() {
    return this.getAttribute('credentials') || null;
  }

  set credentials(v) {
    if (v == null || v === '') this.removeAttribute('credentials');
    else this.setAttribute('credentials', String(v));
  }

  connectedCallback() {
    // Properties set before the element was upgraded land as own properties: move them.
    for (const key of ['token', 'headers', 'project', 'service', 'baseUrl', 'credentials']) {
      if (Object.prototype.hasOwnProperty.call(this, key)) {
        const v = this[key];
        delete this[key];
        this[key] = v;
      }
    }
    if (!this.#shell) {
      adoptStyles(this.#root);
      this.#shell = new Shell(this.#ids.title);
      this.#root.replaceChildren(this.#shell.element);
      this.#shell.skeleton(this.service, this.project);
    }
    this.#queueLoad();
  }

  disconnectedCallback() {
    this.#abort?.abort();
    this.#freePrepared();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue !== newValue) this.#queueLoad();
  }

  /** Read the source again and reset the form (e.g. after the token or the service changed). */
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

  #client() {
    return newClient({ baseUrl: this.baseUrl, token: this.#token, headers: this.#headers, credentials: this.credentials });
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
    if (!this.#shell) return;
    if (this.#equiv) this.#equivTab = this.#equiv.tab;
    this.#shell.skeleton(this.service, this.project);
    const project = this.project;
    const service = this.service;
    if (!project || !service) {
      this.#shell.sub.textContent = 'Set the project and service attributes.';
      return;
    }
    let context;
    try {
      await ensureReady();
      let client;
      try {
        client = this.#client();
      } catch (err) {
        // The library says what is missing; without a token that is the usual wait.
        if (seq !== this.#loadSeq) return;
        if (err?.code === 'missing_field' && err.errors?.[0]?.field === 'token') {
          this.#shell.sub.textContent = 'Waiting for an API token (set the element\u2019s token property).';
          return;
        }
        throw err;
      }
      try {
        context = await client.getForkContext(project, service);
      } finally {
        client.free();
      }
      if (seq !== this.#loadSeq) return;
      this.#choices = forkChoices(context);
    } catch (err) {
      if (seq !== this.#loadSeq) return;
      this.#shell.showBanner(`Could not load ${service}`, err, () => this.#load());
      return;
    }
    this.#context = context;
    try {
      this.#prepared = prepareForkContext(context);
    } catch {
      // Validation then reads the plain context and reports what is wrong with it.
      this.#prepared = null;
    }
    this.#render();
  }

  #render() {
    const ids = this.#ids;
    this.#progress = new ProgressBox(ids.prog, (text) => { this.#shell.live.textContent = text; });
    this.#alert = h('div', { class: 'notice error alert submit-alert', role: 'alert', hidden: true });
    this.#done = h('div', { class: 'notice info result', role: 'status', hidden: true });
    this.#form = new ForkForm({
      ctx: this.#context, choices: this.#choices, ids, project: this.project,
      onInput: () => this.#validate(), onSubmit: () => this.#submit(),
      after: [this.#alert, this.#progress.element, this.#done],
    });
    this.#equiv = new EquivalentsPanel(ids.eq, this.#equivTab, this.#root);
    this.#shell.loaded(this.#context.source, this.#choices.product,
      [sourcePanel(this.#context, this.#choices, ids), this.#form.element, this.#equiv.element]);
    this.#validate();
  }

  // ---------------------------------------------------------------- live validation

  #validate() {
    if (!this.#context || this.#busy || this.#forked) return this.#report;
    const req = this.#form.request();
    const ctx = this.#prepared ?? this.#context;
    let report;
    try {
      report = validateFork(req, ctx);
    } catch (err) {
      report = { ok: false, errors: [{ code: err?.code || 'invalid_request', field: '', message: describeError(err) }],
        warnings: [], notCopied: [] };
    }
    this.#report = report;
    this.#form.showReport(report, this.#choices.blockers.length > 0);
    let eq = null;
    if (report.ok) {
      try {
        eq = forkEquivalents(req, ctx);
      } catch {
        eq = null;
      }
    }
    this.#equiv.show(eq);
    return report;
  }

  // ---------------------------------------------------------------- submit, progress, retry

  async #submit() {
    if (this.#busy || !this.#context) return;
    const ui = this.#form.ui;
    if (!this.#request) {
      const report = this.#validate();
      if (!report || !report.ok) {
        this.#shell.live.textContent = `The fork was not submitted: ${(report?.errors || []).length} problem(s) to fix.`;
        const first = this.#root.querySelector('[aria-invalid=true]');
        (first || ui.errors).focus?.();
        if (!first) ui.errors.scrollIntoView?.({ block: 'nearest' });
        return;
      }
      // Freeze the request: Retry sends exactly this object again, and ForkClient.fork is
      // idempotent for it (an existing fork of the same source is success, never a second service).
      this.#request = this.#form.request();
    }
    const req = this.#request;
    this.#busy = true;
    ui.fields.disabled = true;
    this.#alert.hidden = true;
    this.#done.hidden = true;
    ui.actions.hidden = true;
    this.#progress.hidden = false;
    this.#progress.set(0, null, `Submitting the fork ${req.serviceName}\u2026`);
    const abort = new AbortController();
    this.#abort = abort;
    let client = null;
    try {
      client = this.#client();
      if (!this.#forked) {
        // The context the user saw is what the fork is checked against (no re-read needed).
        const res = await client.fork(req, { signal: abort.signal, context: this.#context });
        this.#forked = res;
        emit(this, EVENTS.created, { serviceName: req.serviceName, created: !!res?.created });
      }
      this.#progress.set(0, 'prepare', `Creating ${req.serviceName}\u2026`);
      const svc = await client.waitUntilRunning(req.project, req.serviceName, {
        signal: abort.signal,
        timeoutMs: 30 * 60 * 1000,
        onProgress: (p) => {
          if (!p || typeof p !== 'object') return;
          const v = progressView(p, req.serviceName);
          this.#progress.set(v.percent, v.phase, v.text);
        },
      });
      this.#busy = false;
      this.#progress.set(100, 'done', `${req.serviceName} is running.`);
      this.#done.replaceChildren(h('p', null, h('strong', { text: req.serviceName }), ' is RUNNING. ',
        h('span', { text: `Forked from ${this.#context.source.serviceName}.` })),
      h('button', { type: 'button', class: 'small', text: 'New fork', onclick: () => this.#load() }));
      this.#done.hidden = false;
      emit(this, EVENTS.running, { serviceName: req.serviceName, service: svc });
    } catch (err) {
      this.#busy = false;
      if (abort.signal.aborted && !this.isConnected) return;
      this.#progress.hidden = !this.#forked;
      const what = this.#forked ? `Waiting for ${req.serviceName} failed` : `The fork ${req.serviceName} could not be submitted`;
      const retry = h('button', { type: 'button', class: 'primary', text: 'Retry', onclick: () => this.#submit() });
      const edit = this.#forked ? null : h('button', { type: 'button', text: 'Edit the request', onclick: () => this.#unlock() });
      this.#alert.replaceChildren(h('p', null, h('strong', { text: what })), h('p', { text: describeError(err) }),
        h('p', { class: 'hint', text: this.#forked
          ? 'The service exists; Retry resumes waiting.'
          : 'Retry sends the same request again; it never creates a second service.' }),
        h('div', { class: 'actions' }, retry, edit));
      this.#alert.hidden = false;
      emit(this, EVENTS.error, { code: err?.code || 'error', message: describeError(err) });
    } finally {
      client?.free();
    }
  }

  #unlock() {
    const ui = this.#form.ui;
    this.#request = null;
    this.#alert.hidden = true;
    this.#progress.hidden = true;
    ui.actions.hidden = false;
    ui.fields.disabled = false;
    this.#validate();
    ui.name.focus();
  }
}
