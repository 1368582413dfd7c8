// The demo page: lists the demo project's services and opens <aiven-fork> for the chosen one.
// The token only lives in the password field's value and the widget's `token` property.
import 'aiven-fork/widget';

const DEMO_TOKEN = 'sandbox-demo-token'; // the sandbox's public demo token, not a secret
const DEMO_PROJECT = 'demo-project';

const $ = (id) => document.getElementById(id);
const form = $('connect');
const projectInput = $('project');
const tokenInput = $('token');
const list = $('services');
const status = $('services-status');
const widget = $('widget');
const pick = $('pick');

const params = new URLSearchParams(location.search);
projectInput.value = params.get('project') || DEMO_PROJECT;
tokenInput.value = DEMO_TOKEN; // a property, so it never shows up in the page's HTML
widget.setAttribute('base-url', location.origin);

let current = params.get('service') || '';
let loadSeq = 0;

async function loadServices() {
  const seq = ++loadSeq;
  const project = projectInput.value.trim();
  const token = tokenInput.value;
  status.textContent = 'Loading…';
  list.replaceChildren();
  let services;
  try {
    const res = await fetch(`${location.origin}/v1/project/${encodeURIComponent(project)}/service`, {
      headers: { Authorization: `aivenv1 ${token}` },
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.message || `HTTP ${res.status}`);
    services = Array.isArray(body.services) ? body.services : [];
  } catch (err) {
    if (seq !== loadSeq) return;
    status.textContent = `Could not list services: ${err.message}`;
    return;
  }
  if (seq !== loadSeq) return;
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
  widget.token = tokenInput.value;
  widget.hidden = false;
  pick.hidden = true;
  const url = new URL(location.href);
  url.searchParams.set('service', service);
  history.replaceState(null, '', url);
  if (focus && window.matchMedia('(max-width: 899px)').matches) {
    widget.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  widget.token = tokenInput.value;
  loadServices();
});

loadServices();
