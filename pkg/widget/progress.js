// The progress box of <aiven-fork>: a labelled bar through the restore phases, announced
// once per phase in the element's live region; the connection of the wait as the library
// describes it (describeConnection), kept current every second while it is lost; and
// Stop waiting. The box takes the focus when a fork is submitted.

import { h } from './dom.js';
import { PHASES, phaseIndex } from './format.js';
import { describeConnection } from './library.js';

export class ProgressBox {
  #bar;
  #label;
  #items;
  #announce;
  #announced = undefined;
  #connection;
  #lost = null;
  #ticker = null;
  #stop;

  /**
   * @param {string} labelId element-unique id of the status line
   * @param {(text: string) => void} announce live-region text
   * @param {() => void} onStop Stop waiting was pressed
   */
  constructor(labelId, announce, onStop) {
    this.#announce = announce;
    this.#bar = h('progress', { max: '100', value: '0', 'aria-labelledby': labelId });
    this.#label = h('p', { class: 'status-line', id: labelId, text: '' });
    this.#items = PHASES.map(([key, label]) => h('li', { 'data-phase': key, text: label }));
    this.#connection = h('p', { class: 'connection', hidden: true });
    this.#stop = h('button', { type: 'button', class: 'small stop', text: 'Stop waiting', onclick: onStop });
    this.element = h('div', { class: 'progress-box', part: 'progress', hidden: true, tabindex: '-1', role: 'region',
      'aria-labelledby': labelId },
    this.#label, this.#bar, h('ol', { class: 'phases' }, this.#items), this.#connection,
    h('div', { class: 'actions' }, this.#stop,
      h('p', { class: 'hint', text: 'Stopping only stops this page waiting: the fork goes on at Aiven.' })));
  }

  get hidden() {
    return this.element.hidden;
  }

  set hidden(v) {
    this.element.hidden = v;
    if (v) this.connection(null);
  }

  /** Whether Stop waiting is offered (while submitting and waiting). */
  set stoppable(v) {
    this.#stop.parentElement.hidden = !v;
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

  /**
   * An onConnection report (`null`: forget it). Lost: the library's line, kept current
   * every second, announced once; back: announced, then gone.
   */
  connection(report) {
    clearInterval(this.#ticker);
    this.#ticker = null;
    if (!report || report.state !== 'lost') {
      if (report && this.#lost) this.#announce(describeConnection(report));
      this.#lost = null;
      this.#connection.hidden = true;
      this.#connection.textContent = '';
      return;
    }
    const first = !this.#lost;
    this.#lost = report;
    const show = () => {
      this.#connection.textContent = describeConnection(this.#lost, Date.now());
    };
    show();
    this.#connection.hidden = false;
    if (first) this.#announce(this.#connection.textContent);
    this.#ticker = setInterval(show, 1000);
  }
}
