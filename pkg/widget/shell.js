// The frame of <aiven-fork>: card, header (title, subtitle, state badge), body, a live
// region; the loading skeleton and the load-error banner.

import { h } from './dom.js';
import { describeError } from './format.js';

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

  /** The loaded panels; the header shows the source. */
  loaded(source, product, panels) {
    this.title.textContent = source.serviceName;
    this.sub.textContent = `${product} \u00b7 project ${source.project}`;
    this.badge.textContent = source.state || 'UNKNOWN';
    this.badge.className = `badge ${String(source.state || '').toLowerCase()}`;
    this.badge.hidden = false;
    this.body.removeAttribute('aria-busy');
    this.banner.hidden = true;
    this.body.replaceChildren(this.banner, ...panels);
  }

  /** An error above the panels, with Retry when `onRetry` is given. */
  showBanner(title, err, onRetry) {
    this.body.removeAttribute('aria-busy');
    const kids = [h('p', null, h('strong', { text: title }))];
    if (err) kids.push(h('p', { text: describeError(err) }));
    if (onRetry) kids.push(h('div', { class: 'actions' }, h('button', { type: 'button', class: 'small', onclick: onRetry, text: 'Retry' })));
    this.banner.replaceChildren(...kids);
    this.banner.hidden = false;
  }
}
