// The frame of <aiven-fork>: card, header (title, subtitle, state badge), body, a live
// region; the loading skeleton and the load-error banner.

import { h } from './dom.js';
import { showExplanation } from './notice.js';

export class Shell {
  /** @param {string} titleId element-unique id of the title */
  constructor(titleId) {
    this.title = h('h2', { id: titleId });
    this.sub = h('p', { class: 'sub' });
    this.badge = h('span', { class: 'badge', hidden: true });
    this.banner = h('div', { class: 'banner notice error alert', role: 'alert', hidden: true });
    this.body = h('div', { class: 'body' });
    this.live = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
    const head = h('header', { class: 'head', part: 'header' },
      h('div', null, h('p', { class: 'eyebrow', text: 'Fork service' }), this.title, this.sub), this.badge);
    this.element = h('section', { class: 'card', part: 'card', 'aria-labelledby': titleId }, head, this.body, this.live);
  }

  /** Placeholders shaped like the loaded panels while the source loads. */
  skeleton(service, project) {
    this.title.textContent = service || 'Service';
    this.sub.textContent = project ? `Project ${project}` : '';
    this.badge.hidden = true;
    const bones = (...cls) => cls.map((c) => h('div', { class: `bone ${c}` }));
    this.body.replaceChildren(
      this.banner,
      h('div', { class: 'panel subtle skeleton', 'aria-hidden': 'true' },
        bones('w40', 'w80', 'w60', 'w80', 'w60', '', 'w40', 'tall', 'tall')),
      h('div', { class: 'panel skeleton form-skel', 'aria-hidden': 'true' },
        bones('w40', 'w60', 'tall', 'w40', 'tall', 'tall', 'w40', 'tall', 'w40', 'tall', 'w60', 'tall')),
      h('div', { class: 'panel skeleton equiv', 'aria-hidden': 'true' }, bones('w40', 'w60', 'tall', 'tall')),
    );
    this.body.setAttribute('aria-busy', 'true');
    this.banner.hidden = true;
  }

  /** The loaded panels; the header shows the source (and where the fork goes, when elsewhere). */
  loaded(source, product, project, panels) {
    this.title.textContent = source.serviceName;
    this.sub.textContent = source.project && source.project !== project
      ? `${product} \u00b7 project ${source.project} \u00b7 forks go to project ${project}`
      : `${product} \u00b7 project ${project}`;
    this.badge.textContent = source.state || 'UNKNOWN';
    this.badge.className = `badge ${String(source.state || '').toLowerCase()}`;
    this.badge.hidden = false;
    this.body.removeAttribute('aria-busy');
    this.banner.hidden = true;
    this.body.replaceChildren(this.banner, ...panels);
  }

  /**
   * Loading stopped with a failure: the library's explanation in place of the skeleton
   * (which stops with the loading), with the buttons for its action. Returns the first button.
   */
  showBanner(explained, buttons = []) {
    this.body.removeAttribute('aria-busy');
    this.body.replaceChildren(this.banner);
    return showExplanation(this.banner, explained, buttons);
  }
}
