// The progress box of <aiven-fork>: a labelled bar through the restore phases, announced
// once per phase in the element's live region.

import { h } from './dom.js';
import { PHASES, phaseIndex } from './format.js';

export class ProgressBox {
  #bar;
  #label;
  #items;
  #announce;
  #announced = undefined;

  /** @param {string} labelId element-unique id of the status line; @param {(text: string) => void} announce live-region text */
  constructor(labelId, announce) {
    this.#announce = announce;
    this.#bar = h('progress', { max: '100', value: '0', 'aria-labelledby': labelId });
    this.#label = h('p', { class: 'status-line', id: labelId, text: '' });
    this.#items = PHASES.map(([key, label]) => h('li', { 'data-phase': key, text: label }));
    this.element = h('div', { class: 'progress-box', part: 'progress', hidden: true }, this.#label, this.#bar,
      h('ol', { class: 'phases' }, this.#items));
  }

  get hidden() {
    return this.element.hidden;
  }

  set hidden(v) {
    this.element.hidden = v;
  }

  /** Bar at `percent`, `phase` current (`done`: all done), `text` on the status line. */
  set(percent, phase, text) {
    if (phase !== this.#announced) {
      this.#announced = phase;
      this.#announce(text);
    }
    const v = Math.max(0, Math.min(100, Math.round(percent)));
    this.#bar.value = v;
    this.#bar.setAttribute('aria-valuenow', String(v));
    this.#bar.setAttribute('aria-valuetext', `${v}%${phase && phase !== 'done' ? `, ${phase}` : ''}`);
    this.#label.textContent = text;
    const idx = phaseIndex(phase);
    this.#items.forEach((li, i) => {
      li.classList.toggle('done', idx >= 0 && i < idx);
      li.classList.toggle('current', i === idx);
      if (i === idx) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    });
  }
}
