// The events <aiven-fork> dispatches (bubbling, composed), each with its `detail`:
//   aiven-fork-created  { serviceName, created }   fork() answered (created: false = it existed)
//   aiven-fork-running  { serviceName, service }   the fork is RUNNING (the API's service object)
//   aiven-fork-error    { code, message }          submitting or waiting failed
// Declared for TypeScript in index.d.ts (HTMLElementEventMap) and in custom-elements.json.

export const EVENTS = Object.freeze({
  created: 'aiven-fork-created',
  running: 'aiven-fork-running',
  error: 'aiven-fork-error',
});

/** Dispatch one of EVENTS from `el`. */
export function emit(el, type, detail) {
  el.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
