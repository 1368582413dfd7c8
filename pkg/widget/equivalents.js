// The "Same fork elsewhere" panel of <aiven-fork>: the library's `forkEquivalents`
// (CLI, curl, Terraform) in keyboard-navigable tabs, each with a Copy button and the
// library's hint for it (what that command cannot carry), shown beside it as text.

import { fallbackCopy, h } from './dom.js';

// [key, tab label, what it is (copy button, confirmation)].
const TABS = [['cli', 'CLI (avn)', 'avn command'], ['curl', 'curl', 'curl command'], ['terraform', 'Terraform', 'Terraform configuration']];

const TAB_HINTS = {
  cli: 'The Aiven CLI; it reads the token from $AIVEN_AUTH_TOKEN or its saved login.',
  curl: 'Reads the token from $AIVEN_TOKEN.',
  terraform: 'The Terraform resource of the fork.',
};

export class EquivalentsPanel {
  #tab;
  #tabs = {};
  #panels = {};
  #codes = {};
  #copyButtons = {};
  #hints = {};
  #copied;
  #note;
  #root;
  #shown = null;

  /** @param {string} idPrefix element-unique id prefix; @param {string} tab the selected tab; @param {Node} root where the copy fallback may add a textarea */
  constructor(idPrefix, tab, root) {
    this.#tab = tab;
    this.#root = root;
    const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Equivalent commands' });
    const panels = [];
    for (const [key, label, what] of TABS) {
      const tab = h('button', { type: 'button', role: 'tab', id: `${idPrefix}-tab-${key}`, 'aria-controls': `${idPrefix}-panel-${key}`,
        'aria-selected': key === this.#tab ? 'true' : 'false', tabindex: key === this.#tab ? '0' : '-1', text: label,
        onclick: () => this.select(key, false), onkeydown: (e) => this.#onKey(e, key) });
      this.#tabs[key] = tab;
      list.append(tab);
      const code = h('code');
      this.#codes[key] = code;
      const copy = h('button', { type: 'button', class: 'small copy', text: 'Copy', 'aria-label': `Copy the ${what}`,
        onclick: () => this.#copy(key, what) });
      this.#copyButtons[key] = copy;
      const hint = h('p', { class: 'hint lib-hint', 'data-hint': key, hidden: true });
      this.#hints[key] = hint;
      const panel = h('div', { role: 'tabpanel', id: `${idPrefix}-panel-${key}`, 'aria-labelledby': tab.id, class: 'snippet',
        hidden: key !== this.#tab },
      h('div', { class: 'snippet-bar' }, h('p', { class: 'hint', text: TAB_HINTS[key] }), copy), hint,
      h('pre', { tabindex: '0', role: 'region', 'aria-label': `The ${what}` }, code));
      this.#panels[key] = panel;
      panels.push(panel);
    }
    this.#copied = h('p', { class: 'copied', role: 'status', id: `${idPrefix}-copied` });
    this.#note = h('p', { class: 'hint' });
    this.element = h('section', { class: 'panel equiv', part: 'equivalents', 'aria-labelledby': `${idPrefix}-h` },
      h('h3', { id: `${idPrefix}-h`, text: 'Same fork elsewhere' }), this.#note, list, panels, this.#copied);
  }

  /** The selected tab (kept across reloads by the element). */
  get tab() {
    return this.#tab;
  }

  #onKey(e, key) {
    const order = TABS.map((t) => t[0]);
    const i = order.indexOf(key);
    let next = null;
    if (e.key === 'ArrowRight') next = order[(i + 1) % order.length];
    else if (e.key === 'ArrowLeft') next = order[(i + order.length - 1) % order.length];
    else if (e.key === 'Home') next = order[0];
    else if (e.key === 'End') next = order[order.length - 1];
    if (next) {
      e.preventDefault();
      this.select(next, true);
    }
  }

  select(key, focus) {
    this.#tab = key;
    for (const [k, tab] of Object.entries(this.#tabs)) {
      const on = k === key;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.tabIndex = on ? 0 : -1;
      this.#panels[k].hidden = !on;
    }
    if (focus) this.#tabs[key].focus();
  }

  /**
   * Show `forkEquivalents`' answer, or that there is none (`null`): while the fork is
   * invalid, or with `note` saying why (the library refused the API URL).
   */
  show(equivalents, note = null) {
    this.#shown = equivalents;
    for (const [key] of TABS) {
      const command = equivalents ? String(equivalents[key] ?? '') : '';
      this.#codes[key].textContent = equivalents ? command : '# Fix the problems above to see this command.';
      this.#copyButtons[key].disabled = !command;
      const hint = equivalents?.hints?.[key];
      this.#hints[key].textContent = typeof hint === 'string' ? hint : '';
      this.#hints[key].hidden = typeof hint !== 'string' || hint === '';
    }
    this.#note.textContent = note || (equivalents
      ? 'Run exactly this fork from a terminal or with Terraform.'
      : 'The commands appear once the fork is valid.');
  }

  async #copy(key, what) {
    const text = this.#shown ? String(this.#shown[key] ?? '') : '';
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
    this.#copied.textContent = ok ? `The ${what} was copied.` : 'Copy failed: select the text and copy it.';
  }
}
