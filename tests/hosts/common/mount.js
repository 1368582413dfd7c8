// Shared by the host apps: put one <aiven-fork> into #slot with window.hostConfig and list
// its events in #events (the element class is passed in, to check the export is the tag's class).
export function mount(ElementClass, host) {
  const { project, service, baseUrl, token } = window.hostConfig;
  const el = document.createElement('aiven-fork');
  if (!(el instanceof ElementClass)) throw new Error(`${host}: <aiven-fork> is not the exported class`);
  el.setAttribute('project', project);
  el.setAttribute('service', service);
  el.setAttribute('base-url', baseUrl);
  el.token = token;
  const events = document.getElementById('events');
  for (const type of ['aiven-fork-created', 'aiven-fork-running', 'aiven-fork-error']) {
    el.addEventListener(type, (e) => {
      const li = document.createElement('li');
      li.textContent = `${type} ${e.detail.serviceName ?? e.detail.code}`;
      events.append(li);
    });
  }
  document.getElementById('slot').append(el);
}
