// The demo page: lists a project's services and opens <aiven-fork> for the chosen one, in
// one of two modes (?mode=console picks the second):
//   token    the token lives only in the password field's value and the widget's `token`
//            property, and goes to the API (this sandbox) directly;
//   console  the page signs in to the sandbox's console proxy (an HttpOnly session cookie it
//            cannot read, plus a CSRF token) and talks to /aiven-api; the proxy adds the token.
import 'aiven-fork/widget';

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

const params = new URLSearchParams(location.search);
projectInput.value = params.get('project') || DEMO_PROJECT;
const consoleMode = params.get('mode') === 'console';
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
  if (mode() === 'console') {
    widget.token = null;
    widget.headers = { 'X-CSRF-Token': csrf };
    widget.setAttribute('base-url', CONSOLE_BASE);
  } else {
    widget.headers = null;
    widget.token = tokenInput.value;
    widget.setAttribute('base-url', location.origin);
  }
}

async function loadServices() {
  const seq = ++loadSeq;
  const project = projectInput.value.trim();
  status.textContent = 'Loading…';
  list.replaceChildren();
  let services;
  try {
    if (mode() === 'console' && !csrf) await signIn();
    const { base, headers } = connection();
    const res = await fetch(`${base}/v1/project/${encodeURIComponent(project)}/service`, { headers });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.message || `HTTP ${res.status}`);
    services = Array.isArray(body.services) ? body.services : [];
  } catch (err) {
    if (seq !== loadSeq) return;
    status.textContent = `Could not list services: ${err.message}`;
    return;
  }
  if (seq !== loadSeq) return;
  configureWidget();
  services.sort((a, b) => String(a.service_name).localeCompare(String(b.service_name)));
  status.textContent = `${services.length} service${services.length === 1 ? '' : 's'} in ${project}`;
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
    meta.textContent = `${s.service_type} · ${s.plan} · ${s.state}`;
    btn.append(name, meta);
    btn.addEventListener('click', () => open(project, s.service_name));
    const li = document.createElement('li');
    li.append(btn);
    list.append(li);
  }
  if (current && services.some((s) => s.service_name === current)) open(project, current, false);
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

syncMode();
loadServices();
