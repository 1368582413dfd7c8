// The demo page: lists a project's services and opens <aiven-fork> for the chosen one, in
// one of two modes (?mode=console picks the second):
//   token    the token lives only in the password field's value and the widget's `token`
//            property, and goes to the API (this sandbox) directly;
//   console  the page signs in to the sandbox's console proxy (an HttpOnly session cookie it
//            cannot read, plus a CSRF token) and talks to /aiven-api; the proxy adds the token.
// The page stays in step with the widget as a host app would: the list shows the project in
// the field (and the widget only a service of it), and is read again when the widget reports
// a fork created or running (its aiven-fork-* events).
import 'aiven-fork/widget';
import init, { productName } from 'aiven-fork/web';

const DEMO_TOKEN = 'sandbox-demo-token'; // the sandbox's public demo token, not a secret
const DEMO_PROJECT = 'demo-project';
const CONSOLE_BASE = '/aiven-api';

const $ = (id) => document.getElementById(id);
const form = $('connect');
const projectInput = $('project');
const tokenInput = $('token');
const tokenField = $('token-field');
const list = $('services');
const status = $('services-status');
const widget = $('widget');
const pick = $('pick');
const themeSelect = $('theme');
// The module the widget uses, loaded once before the widget first reads anything.
const ready = init();
const PICK_TEXT = pick.textContent;

const params = new URLSearchParams(location.search);
projectInput.value = params.get('project') || DEMO_PROJECT;
const consoleMode = params.get('mode') === 'console';
themeSelect.value = ['light', 'dark'].includes(params.get('theme')) ? params.get('theme') : 'auto';
$(consoleMode ? 'mode-console' : 'mode-token').checked = true;
if (!consoleMode) tokenInput.value = DEMO_TOKEN; // a property, so it never shows up in the page's HTML

let current = params.get('service') || '';
let loadSeq = 0;
// Console mode: the CSRF token of the session (the session id itself is an HttpOnly cookie).
let csrf = null;

function mode() {
  return $('mode-console').checked ? 'console' : 'token';
}

/** Where the API is and how a request authenticates, for the page and for the widget. */
function connection() {
  if (mode() === 'console') return { base: `${location.origin}${CONSOLE_BASE}`, headers: { 'X-CSRF-Token': csrf } };
  return { base: location.origin, headers: { Authorization: `aivenv1 ${tokenInput.value}` } };
}

async function signIn() {
  const res = await fetch('/_console/login', { method: 'POST' });
  const body = await res.json().catch(() => ({}));
  if (!res.ok || typeof body.csrfToken !== 'string') throw new Error(body.message || `sign-in failed (HTTP ${res.status})`);
  csrf = body.csrfToken;
}

function configureWidget() {
  widget.theme = themeSelect.value;
  if (mode() === 'console') {
    widget.token = null;
    widget.headers = { 'X-CSRF-Token': csrf };
    widget.setAttribute('base-url', CONSOLE_BASE);
    // The commands shown talk to the API the console backend forwards to: this sandbox.
    widget.setAttribute('api-url', location.origin);
  } else {
    widget.removeAttribute('api-url');
    widget.headers = null;
    widget.token = tokenInput.value;
    widget.setAttribute('base-url', location.origin);
  }
}

/** No service chosen: the widget is hidden (it never shows a service of another project). */
function closeWidget(text = PICK_TEXT) {
  current = '';
  widget.hidden = true;
  widget.removeAttribute('service');
  pick.textContent = text;
  pick.hidden = false;
  const url = new URL(location.href);
  url.searchParams.delete('service');
  history.replaceState(null, '', url);
}

/**
 * Read the project's services and list them. `refresh`: the same project read again (after
 * a fork): the list is replaced in place and the widget is left as it is.
 */
async function loadServices({ refresh = false } = {}) {
  const seq = ++loadSeq;
  const project = projectInput.value.trim();
  if (!refresh) {
    status.textContent = 'Loading…';
    list.replaceChildren();
    // Another project: whatever the widget showed belongs to the old one.
    if (widget.getAttribute('project') && widget.getAttribute('project') !== project) closeWidget();
  }
  let services;
  try {
    await ready;
    if (mode() === 'console' && !csrf) await signIn();
    const { base, headers } = connection();
    const res = await fetch(`${base}/v1/project/${encodeURIComponent(project)}/service`, { headers });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.message || `HTTP ${res.status}`);
    services = Array.isArray(body.services) ? body.services : [];
  } catch (err) {
    if (seq !== loadSeq) return;
    status.textContent = `Could not list services: ${err.message}`;
    if (!refresh) {
      list.replaceChildren();
      closeWidget(`Nothing to fork: the services of ${project} could not be read.`);
    }
    return;
  }
  if (seq !== loadSeq) return;
  if (!refresh) configureWidget();
  services.sort((a, b) => String(a.service_name).localeCompare(String(b.service_name)));
  status.textContent = `${services.length} service${services.length === 1 ? '' : 's'} in ${project}`;
  list.replaceChildren();
  for (const s of services) {
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'svc';
    btn.dataset.service = s.service_name;
    const name = document.createElement('span');
    name.className = 'svc-name';
    name.textContent = s.service_name;
    const meta = document.createElement('span');
    meta.className = 'svc-meta';
    meta.textContent = `${productName(String(s.service_type))} · ${s.plan} · ${s.state}`;
    btn.setAttribute('aria-pressed', s.service_name === current ? 'true' : 'false');
    btn.append(name, meta);
    btn.addEventListener('click', () => open(project, s.service_name));
    const li = document.createElement('li');
    li.append(btn);
    list.append(li);
  }
  if (refresh) return;
  if (current && services.some((s) => s.service_name === current)) open(project, current, false);
  else if (current) closeWidget(`${current} is not a service of ${project}.`);
}

function open(project, service, focus = true) {
  current = service;
  for (const b of list.querySelectorAll('button.svc')) {
    const on = b.dataset.service === service;
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
    // In the phone layout the list is one scrolling row: bring the chosen chip into it.
    if (on) list.scrollLeft = Math.max(0, b.parentElement.offsetLeft - list.offsetLeft - 8);
  }
  widget.setAttribute('project', project);
  widget.setAttribute('service', service);
  configureWidget();
  widget.hidden = false;
  pick.hidden = true;
  const url = new URL(location.href);
  url.searchParams.set('service', service);
  history.replaceState(null, '', url);
  if (focus && window.matchMedia('(max-width: 899px)').matches) {
    widget.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }
}

function syncMode() {
  tokenField.hidden = mode() === 'console';
  const url = new URL(location.href);
  if (mode() === 'console') url.searchParams.set('mode', 'console');
  else url.searchParams.delete('mode');
  history.replaceState(null, '', url);
}

for (const radio of form.querySelectorAll('input[name=mode]')) {
  radio.addEventListener('change', () => {
    syncMode();
    if (mode() === 'token' && !tokenInput.value) tokenInput.value = DEMO_TOKEN;
    loadServices();
  });
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  loadServices();
});

themeSelect.addEventListener('change', () => {
  widget.theme = themeSelect.value;
  const url = new URL(location.href);
  if (themeSelect.value === 'auto') url.searchParams.delete('theme');
  else url.searchParams.set('theme', themeSelect.value);
  history.replaceState(null, '', url);
});

// A fork made (or finished) in the widget is a new service of the project: list it, as a
// host app listening to the widget's events would.
for (const type of ['aiven-fork-created', 'aiven-fork-running']) {
  widget.addEventListener(type, () => loadServices({ refresh: true }));
}

syncMode();
loadServices();
