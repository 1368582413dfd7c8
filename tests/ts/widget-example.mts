// The widget entry under --strict: the tag, its properties and methods, typed events
// (on the element and, bubbling, on document), and a misuse the compiler must refuse.
import { AivenForkElement, EVENTS } from 'aiven-fork/widget';
import type { AivenForkRunningDetail } from 'aiven-fork/widget';

export function mount(parent: HTMLElement, csrf: string): AivenForkElement {
  const el = document.createElement('aiven-fork');
  const same: AivenForkElement = el;
  same.project = 'demo-project';
  same.service = 'demo-pg';
  same.baseUrl = '/aiven-api';
  same.credentials = 'same-origin';
  same.headers = { 'X-CSRF-Token': csrf };
  same.token = null;
  el.addEventListener('aiven-fork-created', (e) => {
    const created: boolean = e.detail.created;
    console.log(e.detail.serviceName, created);
  });
  el.addEventListener('aiven-fork-error', (e) => console.log(e.detail.code, e.detail.message));
  document.addEventListener('aiven-fork-running', (e) => {
    const d: AivenForkRunningDetail = e.detail;
    console.log(d.service.state, d.serviceName);
  });
  const q = document.querySelector('aiven-fork');
  q?.reload();
  const name: 'aiven-fork-running' = EVENTS.running;
  console.log(name, AivenForkElement.observedAttributes.length);
  // @ts-expect-error credentials is one of fetch's modes
  same.credentials = 'always';
  // @ts-expect-error the created event's detail has no `service`
  el.addEventListener('aiven-fork-created', (e) => console.log(e.detail.service));
  parent.append(el);
  return el;
}
