// AivenForkElement: the <aiven-fork> custom element. Holds the settings (attributes and
// properties), loads the source, runs validation on every change and follows a submitted
// fork to RUNNING. Rendering is in the panel modules; every rule answer and every text about
// a failure comes from the library (forkChoices, validateFork, forkEquivalents,
// explainForkError, describeConnection, formatTime, ForkClient).

import { EquivalentsPanel } from './equivalents.js';
import { EVENTS, emit } from './events.js';
import { ForkForm } from './form.js';
import { progressView } from './format.js';
import { h } from './dom.js';
import {
  ensureReady, explainForkError, forkChoices, forkEquivalents, newClient, prepareForkContext, validateFork,
} from './library.js';
import { actionButton, showExplanation } from './notice.js';
import { ProgressBox } from './progress.js';
import { Shell } from './shell.js';
import { sourcePanel } from './source.js';
import { adoptStyles } from './styles.js';

const DEFAULT_BASE_URL = 'https://api.aiven.io';
// Attributes that change what is read: a change reloads the source.
const RELOADING = ['project', 'service', 'source-project', 'base-url', 'credentials'];
const ATTRIBUTES = [...RELOADING, 'api-url', 'theme'];
// How often a fork being created is read (a lost connection shows within one poll).
const POLL_MS = 3000;
const WAIT_TIMEOUT_MS = 30 * 60 * 1000;
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
  #forked = null; // {created} once fork() has answered, or a fork in progress being followed
  #busy = false;
  #abort = null;
  #stopped = false; // Stop waiting was pressed
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

  /** The source's project when it is not `project` (the fork goes to `project`). */
  get sourceProject() {
    return this.getAttribute('source-project') || '';
  }

  set sourceProject(v) {
    if (v == null || v === '') this.removeAttribute('source-project');
    else this.setAttribute('source-project', String(v));
  }

  get baseUrl() {
    return this.getAttribute('base-url') || DEFAULT_BASE_URL;
  }

  set baseUrl(v) {
    this.setAttribute('base-url', String(v ?? ''));
  }

  /** The API the equivalent commands talk to (default: base-url, or Aiven's API for a path). */
  get apiUrl() {
    return this.getAttribute('api-url') || '';
  }

  set apiUrl(v) {
    if (v == null || v === '') this.removeAttribute('api-url');
    else this.setAttribute('api-url', String(v));
  }

  get credentials() {
    return this.getAttribute('credentials') || null;
  }

  set credentials(v) {
    if (v == null || v === '') this.removeAttribute('credentials');
    else this.setAttribute('credentials', String(v));
  }

  /** `light`, `dark` or `auto` (the default: the page's prefers-color-scheme). */
  get theme() {
    const t = this.getAttribute('theme');
    return t === 'light' || t === 'dark' ? t : 'auto';
  }

  set theme(v) {
    if (v == null || v === '' || v === 'auto') this.removeAttribute('theme');
    else this.setAttribute('theme', String(v));
  }

  connectedCallback() {
    // Properties set before the element was upgraded land as own properties: move them.
    for (const key of ['token', 'headers', 'project', 'service', 'sourceProject', 'baseUrl', 'apiUrl', 'credentials', 'theme']) {
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
    this.#progress?.connection(null);
    this.#freePrepared();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (RELOADING.includes(name)) this.#queueLoad();
    else if (name === 'api-url' && this.#context) this.#validate();
    // theme: styles only (:host([theme])).
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

  /** The names the library's explanations use. */
  #names(name = '') {
    const names = { project: this.project, service: this.service, name };
    if (this.sourceProject && this.sourceProject !== this.project) names.sourceProject = this.sourceProject;
    return names;
  }

  // ---------------------------------------------------------------- loading the source

  async #load() {
    const seq = ++this.#loadSeq;
    this.#abort?.abort();
    this.#abort = null;
    this.#progress?.connection(null);
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
    const sourceProject = this.sourceProject || project;
    if (!project || !service) {
      this.#shell.sub.textContent = 'Set the project and service attributes.';
      return;
    }
    let context;
    let clouds = null;
    let forks = [];
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
        const options = sourceProject !== project ? { targetProject: project } : undefined;
        // The clouds and the forks under way help the form; without them it still works.
        const [ctx, cloudList, forkList] = await Promise.all([
          client.getForkContext(sourceProject, service, options),
          client.listClouds(project).catch(() => null),
          client.listForks(project, service, { sourceProject }).catch(() => []),
        ]);
        context = ctx;
        clouds = cloudList;
        forks = forkList.filter((f) => f.inProgress);
      } finally {
        client.free();
      }
      if (seq !== this.#loadSeq) return;
      this.#choices = forkChoices(context);
    } catch (err) {
      if (seq !== this.#loadSeq) return;
      const explained = explainForkError(err, { stage: 'load', ...this.#names() });
      this.#shell.showBanner(explained, [explained.action === 'retry' ? actionButton('Retry', () => this.#load(), false) : null]);
      return;
    }
    this.#context = context;
    try {
      this.#prepared = prepareForkContext(context);
    } catch {
      // Validation then reads the plain context and reports what is wrong with it.
      this.#prepared = null;
    }
    this.#render(clouds, forks);
  }

  #render(clouds, forks) {
    const ids = this.#ids;
    this.#progress = new ProgressBox(ids.prog, (text) => { this.#shell.live.textContent = text; }, () => this.#stop());
    this.#alert = h('div', { class: 'notice error alert submit-alert', role: 'alert', tabindex: '-1', hidden: true });
    this.#done = h('div', { class: 'notice info result', hidden: true });
    this.#form = new ForkForm({
      ctx: this.#context, choices: this.#choices, clouds, forks, ids, project: this.project,
      onInput: () => this.#validate(), onSubmit: () => this.#submit(), onFollow: (name) => this.#follow(name),
      after: [this.#alert, this.#progress.element, this.#done],
    });
    this.#equiv = new EquivalentsPanel(ids.eq, this.#equivTab, this.#root);
    this.#shell.loaded(this.#context.source, this.#choices.product, this.project,
      [sourcePanel(this.#context, this.#choices, ids), this.#form.element, this.#equiv.element]);
    this.#validate();
  }

  // ---------------------------------------------------------------- live validation

  /**
   * The API the equivalent commands name: `api-url` when set; else `base-url` when it is
   * a URL; for a same-origin path (a console backend) Aiven's API, which such a backend
   * forwards to (the page cannot know another one unless `api-url` says so).
   */
  #commandsBase() {
    if (this.apiUrl) return this.apiUrl;
    return this.baseUrl.startsWith('/') ? null : this.baseUrl;
  }

  #validate() {
    if (!this.#context || this.#busy || this.#forked) return this.#report;
    const req = this.#form.request();
    const ctx = this.#prepared ?? this.#context;
    let report;
    try {
      report = validateFork(req, ctx);
    } catch (err) {
      report = { ok: false, errors: [{ code: err?.code || 'invalid_request', field: '', message: String(err?.message || err) }],
        warnings: [], notCopied: [] };
    }
    this.#report = report;
    this.#form.showReport(report, this.#choices.blockers.length > 0);
    let eq = null;
    let note = null;
    if (report.ok) {
      const base = this.#commandsBase();
      try {
        eq = forkEquivalents(req, ctx, base ? { baseUrl: base } : null);
      } catch (err) {
        eq = null;
        note = `No commands for the API at ${base}: ${err?.message || err}`;
      }
    }
    this.#equiv.show(eq, note);
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
        const target = first || ui.errors;
        target.focus?.();
        target.scrollIntoView?.({ block: 'nearest' });
        return;
      }
      // Freeze the request: Retry sends exactly this object again, and ForkClient.fork is
      // idempotent for it (an existing fork of the same source is success, never a second service).
      this.#request = this.#form.request();
    }
    await this.#run();
  }

  /** Follow a fork of this source already being created (found when the widget loaded). */
  async #follow(name) {
    if (this.#busy || !this.#context) return;
    this.#request = { project: this.project, serviceName: name };
    this.#forked = { created: false };
    if (this.#form.ui.inProgress) this.#form.ui.inProgress.hidden = true;
    await this.#run();
  }

  /** Stop waiting: abort the request or the wait; the fork goes on at Aiven. */
  #stop() {
    if (!this.#busy) return;
    this.#stopped = true;
    this.#abort?.abort();
  }

  /** Submit the frozen request (unless the fork exists) and follow it to RUNNING. */
  async #run() {
    const ui = this.#form.ui;
    const req = this.#request;
    const name = req.serviceName;
    this.#busy = true;
    this.#stopped = false;
    this.#alert.hidden = true;
    this.#done.hidden = true;
    ui.actions.hidden = true;
    const progress = this.#progress;
    progress.hidden = false;
    progress.stoppable = true;
    progress.set(0, null, this.#forked ? `Following ${name}\u2026` : `Submitting the fork ${name}\u2026`);
    // The focus goes to the progress before the fields are locked (a disabled control would
    // drop it to the page), and the progress is brought into view.
    progress.element.focus({ preventScroll: true });
    progress.element.scrollIntoView?.({ block: 'center' });
    ui.fields.disabled = true;
    const abort = new AbortController();
    this.#abort = abort;
    let client = null;
    try {
      client = this.#client();
      if (!this.#forked) {
        // The context the user saw is what the fork is checked against (no re-read needed).
        const res = await client.fork(req, { signal: abort.signal, context: this.#context });
        this.#forked = { created: !!res?.created };
        emit(this, EVENTS.created, { serviceName: name, created: !!res?.created });
        progress.set(0, 'prepare', `Creating ${name}\u2026`);
      }
      const svc = await client.waitUntilRunning(req.project, name, {
        signal: abort.signal,
        timeoutMs: WAIT_TIMEOUT_MS,
        pollMs: POLL_MS,
        onProgress: (p) => {
          if (!p || typeof p !== 'object') return;
          const v = progressView(p, name);
          progress.set(v.percent, v.phase, v.text);
        },
        onConnection: (c) => progress.connection(c),
      });
      this.#busy = false;
      progress.connection(null);
      progress.stoppable = false;
      progress.set(100, 'done', `${name} is running.`);
      const again = h('button', { type: 'button', class: 'small', text: 'New fork', onclick: () => this.#load() });
      this.#done.replaceChildren(h('p', null, h('strong', { text: name }), ' is RUNNING. ',
        h('span', { text: `Forked from ${this.#context.source.serviceName}.` })), again);
      this.#done.hidden = false;
      // RUNNING is announced (live region); the focus goes to what comes next.
      again.focus();
      emit(this, EVENTS.running, { serviceName: name, service: svc });
    } catch (err) {
      this.#busy = false;
      progress.connection(null);
      progress.stoppable = false;
      if (abort.signal.aborted && !this.isConnected) return;
      this.#failed(err);
    } finally {
      client?.free();
    }
  }

  /** Show a failure of the submit or the wait as the library explains it. */
  #failed(err) {
    const name = this.#request.serviceName;
    const stage = this.#forked ? 'wait' : 'submit';
    const stopped = this.#stopped && err?.code === 'aborted';
    const explained = explainForkError(err, { stage, ...this.#names(name) });
    this.#progress.hidden = !this.#forked;
    // A stop the user asked for is a state, not an alarm.
    this.#alert.className = `notice ${stopped ? 'info' : 'error'} alert submit-alert`;
    this.#alert.setAttribute('role', stopped ? 'status' : 'alert');
    const buttons = [];
    switch (explained.action) {
      case 'retry':
        buttons.push(actionButton('Retry', () => this.#run()));
        // Before the fork is known to exist, the request may still be changed.
        if (!this.#forked) buttons.push(actionButton('Edit the request', () => this.#unlock(), false));
        break;
      case 'edit_name':
        buttons.push(actionButton('Change the name', () => this.#unlock()));
        break;
      case 'edit_request':
        buttons.push(actionButton('Edit the request', () => this.#unlock()));
        break;
      case 'new_fork':
        buttons.push(actionButton('New fork', () => this.#load()));
        break;
      default:
        // check_token, check_access, pick_service, check_settings: fixed outside the form.
        break;
    }
    const next = showExplanation(this.#alert, explained, buttons);
    (next || this.#alert).focus();
    emit(this, EVENTS.error, { code: err?.code || 'error', message: explained.message });
  }

  #unlock() {
    const ui = this.#form.ui;
    this.#request = null;
    this.#forked = null;
    this.#alert.hidden = true;
    this.#progress.hidden = true;
    ui.actions.hidden = false;
    ui.fields.disabled = false;
    this.#validate();
    ui.name.focus();
  }
}
