// The styles of <aiven-fork>: one constructable stylesheet shared by every instance
// (adopted by each shadow root; no <style> element per instance). Theme with the custom
// properties on :host (listed in custom-elements.json, the first :host block holds their
// light defaults). Dark: the page's prefers-color-scheme, unless the theme attribute says
// light; theme="dark" forces it.

// The dark palette: theme="dark", and a page that prefers dark unless theme="light".
const DARK = `
  --af-accent: #a3afff;
  --af-accent-hover: #bcc5ff;
  --af-accent-bg: #262c52;
  --af-on-accent: #10142a;
  --af-text: #e7eaf2;
  --af-muted: #b0b8ca;
  --af-border: #3b4456;
  --af-field-border: #77819a;
  --af-surface: #141923;
  --af-subtle: #1c2230;
  --af-header-bg: #1a2030;
  --af-field-bg: #0f131b;
  --af-danger: #ffa39c;
  --af-danger-bg: #3a1b1b;
  --af-warn: #f3c46f;
  --af-warn-bg: #33280f;
  --af-ok: #86dba1;
  --af-ok-bg: #14301f;
  --af-code-bg: #0b0e14;
  --af-code-text: #e5e7eb;
  color-scheme: dark;
`;

const CSS = `
:host {
  --af-accent: #3546c8;
  --af-accent-hover: #2a38a6;
  --af-accent-bg: #f1f2fd;
  --af-on-accent: #ffffff;
  --af-text: #1b2337;
  --af-muted: #525c72;
  --af-border: #d6dae4;
  --af-field-border: #8a93a6;
  --af-surface: #ffffff;
  --af-subtle: #f4f6fa;
  --af-header-bg: #f8f9fc;
  --af-field-bg: #ffffff;
  --af-danger: #b3261e;
  --af-danger-bg: #fdf0ef;
  --af-warn: #7a4a00;
  --af-warn-bg: #fff6e5;
  --af-ok: #1d6b3a;
  --af-ok-bg: #ecf7f0;
  --af-code-bg: #111827;
  --af-code-text: #e5e7eb;
  --af-radius: 10px;
  color-scheme: light;
  display: block;
  container-type: inline-size;
  color: var(--af-text);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
:host([theme=dark]) {${DARK}}
@media (prefers-color-scheme: dark) {
  :host(:not([theme=light])) {${DARK}}
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
  background: var(--af-header-bg);
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
.badge.running { color: var(--af-ok); background: var(--af-ok-bg); border-color: color-mix(in srgb, var(--af-ok) 35%, var(--af-ok-bg)); }
.badge.rebuilding, .badge.rebalancing { color: var(--af-warn); background: var(--af-warn-bg); border-color: color-mix(in srgb, var(--af-warn) 35%, var(--af-warn-bg)); }
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
ul.backup-list li { display: grid; gap: 2px; padding: 8px 12px; border-bottom: 1px solid var(--af-border); }
ul.backup-list li:last-child { border-bottom: 0; }
.bname { overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.bmeta { color: var(--af-muted); font-size: 13px; }
.empty { color: var(--af-muted); font-size: 14px; margin: 0; }
form { display: grid; gap: 16px; }
form > h3 { margin: 0; }
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
fieldset.fields { display: grid; gap: 16px; }
.field { display: grid; gap: 6px; }
.field > label, legend { font-weight: 600; font-size: 14px; padding: 0; }
.hint { color: var(--af-muted); font-size: 13px; margin: 0; }
input[type=text], select {
  font: inherit; color: inherit; width: 100%; min-height: 40px; padding: 8px 10px;
  border: 1px solid var(--af-field-border); border-radius: 8px; background: var(--af-field-bg);
}
input[type=text]::placeholder { color: var(--af-muted); opacity: 1; }
input[aria-invalid=true], select[aria-invalid=true] { border-color: var(--af-danger); box-shadow: 0 0 0 1px var(--af-danger); }
input:disabled, select:disabled { background: var(--af-subtle); color: var(--af-muted); }
:focus-visible { outline: 3px solid var(--af-accent); outline-offset: 2px; }
input:focus-visible, select:focus-visible { outline-offset: 0; }
.progress-box:focus, .alert:focus, .notice:focus { outline: 3px solid var(--af-accent); outline-offset: 2px; }
.msg { margin: 0; font-size: 13px; color: var(--af-danger); min-height: 0; }
.msg:empty { display: none; }
.msg p { margin: 0; }
.msg p::before { content: "⚠ "; }
.choices { display: grid; gap: 8px; margin-top: 6px; }
.choice {
  display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 2px 10px; align-items: start;
  padding: 10px 12px; border: 1px solid var(--af-border); border-radius: 8px; cursor: pointer;
}
.choice:has(input:checked) { border-color: var(--af-accent); background: var(--af-accent-bg); }
.choice input { margin: 3px 0 0; accent-color: var(--af-accent); width: 16px; height: 16px; }
.choice .t { font-weight: 600; font-size: 14px; }
.choice .d { grid-column: 2; color: var(--af-muted); font-size: 13px; }
.sub-field { margin: 4px 0 0 26px; }
.sub-field[hidden] { display: none; }
fieldset.zones { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: center; }
fieldset.zones legend { float: left; margin-right: 4px; font-weight: 400; }
.zone { display: inline-flex; gap: 6px; align-items: center; font-size: 14px; }
.zone input { accent-color: var(--af-accent); margin: 0; }
.echo { overflow-wrap: anywhere; }
.row { display: grid; gap: 16px; grid-template-columns: minmax(0, 1fr); }
@container (min-width: 520px) {
  .row { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); row-gap: 0; }
  .row > .field { grid-row: span 4; grid-template-rows: subgrid; row-gap: 6px; align-content: start; }
}
.check { display: flex; gap: 8px; align-items: flex-start; font-size: 14px; }
.check input { margin-top: 3px; accent-color: var(--af-accent); }
.notices { display: grid; gap: 10px; }
.notices:not(:has(> :not([hidden]))) { display: none; }
.notice { border-radius: 8px; padding: 10px 12px; font-size: 14px; }
.notice h4 { margin: 0 0 4px; font-size: 14px; }
.notice ul { margin: 0; padding-left: 18px; }
.notice li { overflow-wrap: anywhere; }
.notice.warn { background: var(--af-warn-bg); color: var(--af-warn); border: 1px solid color-mix(in srgb, var(--af-warn) 35%, var(--af-warn-bg)); }
.notice.info { background: var(--af-subtle); border: 1px solid var(--af-border); }
.notice.error { background: var(--af-danger-bg); color: var(--af-danger); border: 1px solid color-mix(in srgb, var(--af-danger) 35%, var(--af-danger-bg)); }
.notice[hidden] { display: none; }
.in-progress li { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; margin: 4px 0; }
button.follow { white-space: normal; overflow-wrap: anywhere; text-align: left; }
code.k { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.actions { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
.actions[hidden] { display: none; }
button {
  font: inherit; font-weight: 600; border-radius: 8px; padding: 9px 16px; min-height: 40px; cursor: pointer;
  border: 1px solid var(--af-field-border); background: var(--af-field-bg); color: var(--af-text);
}
button:hover { background: var(--af-subtle); }
button.primary { background: var(--af-accent); border-color: var(--af-accent); color: var(--af-on-accent); }
button.primary:hover { background: var(--af-accent-hover); }
button:disabled { cursor: not-allowed; opacity: .6; }
button.small { padding: 4px 12px; min-height: 32px; font-size: 13px; white-space: nowrap; }
.progress-box { display: grid; gap: 10px; border-radius: 8px; }
.progress-box[hidden] { display: none; }
progress { width: 100%; height: 10px; appearance: none; border: 0; border-radius: 999px; background: var(--af-border); overflow: hidden; }
progress::-webkit-progress-bar { background: var(--af-border); border-radius: 999px; }
progress::-webkit-progress-value { background: var(--af-accent); border-radius: 999px; transition: width .4s ease; }
ol.phases { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6px 12px; font-size: 13px; }
@container (min-width: 520px) { ol.phases { grid-template-columns: repeat(4, minmax(0, 1fr)); } }
ol.phases li { display: flex; gap: 6px; align-items: center; color: var(--af-muted); }
ol.phases li::before { content: ""; flex: none; width: 10px; height: 10px; border-radius: 50%; border: 2px solid var(--af-field-border); }
ol.phases li.done { color: var(--af-ok); }
ol.phases li.done::before { background: var(--af-ok); border-color: var(--af-ok); }
ol.phases li.current { color: var(--af-text); font-weight: 600; }
ol.phases li.current::before { border-color: var(--af-accent); background: var(--af-accent-bg); }
.status-line { margin: 0; font-size: 14px; overflow-wrap: anywhere; }
.connection { margin: 0; padding: 8px 10px; border-radius: 8px; font-size: 14px; font-weight: 600; color: var(--af-warn); background: var(--af-warn-bg); }
.connection[hidden] { display: none; }
.alert { display: grid; gap: 8px; }
.alert[hidden] { display: none; }
.alert p { margin: 0; overflow-wrap: anywhere; }
.alert .details { font-size: 13px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.notice.info.alert { color: var(--af-text); }
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
  margin: 0; padding: 14px; background: var(--af-code-bg); color: var(--af-code-text); border-radius: 8px;
  font: 12.5px/1.55 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow: auto; max-height: 280px;
  white-space: pre;
}
.snippet-bar { display: flex; justify-content: space-between; align-items: center; gap: 8px; margin-bottom: 8px; }
.snippet-bar .hint { margin: 0; }
.lib-hint { margin: 0 0 8px; color: var(--af-warn); }
.copied { font-size: 13px; color: var(--af-ok); min-height: 1.4em; margin: 6px 0 0; }
.skeleton { display: grid; gap: 10px; }
.bone { height: 14px; border-radius: 6px; background: linear-gradient(90deg, var(--af-border) 25%, var(--af-subtle) 37%, var(--af-border) 63%); background-size: 400% 100%; animation: shimmer 1.4s ease infinite; }
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

let sheet = null;

/** Adopt the shared stylesheet into `root` (a shadow root); the sheet is built on first use. */
export function adoptStyles(root) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  root.adoptedStyleSheets = [sheet];
}
