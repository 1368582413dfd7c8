// The point-in-time field of <aiven-fork>: one 24-hour text control (`YYYY-MM-DD HH:MM:SS`),
// typed in UTC or in the user's own zone (a choice, shown only where the two differ), the
// window and the chosen moment shown in both side by side. What is typed is what is sent:
// the zone chosen is added to a zoneless time and the library sends it in UTC. Every time
// shown is written by the library (formatTime), the one way it writes times.

import { h } from './dom.js';
import { localOffsetOf, parseTime, peopleUtcToMs, timeForRequest, wallTime, zoneName } from './format.js';
import { peopleTime } from './library.js';

const PLACEHOLDER = 'YYYY-MM-DD HH:MM:SS';

export class TimeField {
  /** The text control. */
  input;
  /** Where the library's messages about the time go (ForkForm fills it). */
  msg;
  /** The whole field (hidden unless point-in-time is chosen). */
  element;
  #zone = 'utc';
  #zoneName = zoneName();
  #label;
  #echo;
  #onInput;

  /**
   * @param {object} o
   * @param {{start?: string|null, end?: string|null}} o.pitr the source's window
   * @param {Record<string, string>} o.ids element-unique ids (`time`, `timeHint`, `timeMsg`)
   * @param {() => void} o.onInput called after every change
   */
  constructor({ pitr, ids, onInput }) {
    this.#onInput = onInput;
    const start = pitr?.start ? parseTime(pitr.start) : null;
    const end = pitr?.end ? parseTime(pitr.end) : new Date();
    const local = this.#zoneName !== 'UTC';
    this.#label = h('label', { for: ids.time, text: this.#labelText() });
    this.#echo = h('p', { class: 'hint echo', id: `${ids.time}-echo` });
    this.input = h('input', {
      type: 'text', id: ids.time, name: 'time', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off',
      placeholder: PLACEHOLDER, maxlength: '64',
      'aria-describedby': `${ids.timeHint} ${ids.time}-echo ${ids.timeMsg}`,
      oninput: () => this.#changed(), onchange: () => this.#changed(),
    });
    // The preset: an hour before the end of the window (or its start, if that is later).
    if (end) {
      const preset = Math.max(start ? Math.ceil(start.getTime() / 1000) * 1000 : 0, end.getTime() - 60 * 60 * 1000);
      this.input.value = this.#wallOf(preset);
    }
    this.msg = h('div', { class: 'msg', id: ids.timeMsg });
    const hint = h('p', { class: 'hint', id: ids.timeHint });
    if (!start) {
      hint.textContent = 'No point-in-time backup yet.';
    } else {
      const until = (o) => (pitr.end ? peopleTime(pitr.end, o) : 'now');
      const lines = [`From ${peopleTime(pitr.start, { seconds: 'up' })} to ${until({})}.`];
      if (local) lines.push(`In ${this.#zoneName}: ${peopleTime(pitr.start, { seconds: 'up', local: true })} to ${until({ local: true })}.`);
      hint.replaceChildren(...lines.map((l, i) => (i ? [h('br'), l] : l)).flat());
    }
    const kids = [this.#label, hint];
    if (local) {
      const radio = (zone, text) => {
        const id = `${ids.time}-zone-${zone}`;
        const input = h('input', { type: 'radio', id, name: `${ids.time}-zone`, value: zone, checked: zone === this.#zone,
          onchange: () => this.#setZone(zone) });
        return h('label', { class: 'zone', for: id }, input, h('span', { text }));
      };
      kids.push(h('fieldset', { class: 'zones' }, h('legend', { class: 'hint', text: 'Typed in' }),
        radio('utc', 'UTC'), radio('local', `${this.#zoneName} (your time zone)`)));
    }
    kids.push(this.input, this.#echo, this.msg);
    this.element = h('div', { class: 'field sub-field time-field' }, kids);
    this.#showEcho();
  }

  #labelText() {
    return `Restore to (${this.#zone === 'local' ? this.#zoneName : 'UTC'})`;
  }

  /** `YYYY-MM-DD HH:MM:SS` of the instant `ms` in the zone chosen (the library writes it). */
  #wallOf(ms) {
    return peopleTime(new Date(ms), { local: this.#zone === 'local' }).slice(0, 19);
  }

  /** Switch the zone the time is typed in; a time already typed keeps its moment. */
  #setZone(zone) {
    const before = this.value();
    this.#zone = zone;
    this.#label.textContent = this.#labelText();
    if (wallTime(this.input.value)) {
      const ms = peopleUtcToMs(peopleTime(before, { seconds: 'exact' }));
      if (Number.isFinite(ms)) this.input.value = this.#wallOf(ms);
    }
    this.#changed();
  }

  #changed() {
    this.#showEcho();
    this.#onInput();
  }

  /** The chosen moment in UTC and in the user's zone, side by side; nothing while it is not a time. */
  #showEcho() {
    const utc = peopleTime(this.value(), { seconds: 'exact' });
    const ms = peopleUtcToMs(utc);
    if (!Number.isFinite(ms)) {
      this.#echo.textContent = '';
      this.#echo.hidden = true;
      return;
    }
    const parts = [utc];
    if (this.#zoneName !== 'UTC') {
      // The local time with the offset of that very moment (daylight saving included).
      parts.push(`${peopleTime(this.value(), { seconds: 'exact', offsetMinutes: localOffsetOf(ms) })} (${this.#zoneName})`);
    }
    this.#echo.textContent = `Restores to ${parts.join(' \u00b7 ')}`;
    this.#echo.hidden = false;
  }

  /** The recovery time the request carries (the library sends it in UTC). */
  value() {
    return timeForRequest(this.input.value, this.#zone);
  }
}
