// How <aiven-fork> shows a failure: the library's explanation (explainForkError) as it is —
// a title, one message, a details line with the code and HTTP status — and the buttons for
// the action it names. Retry is offered only where the library says retrying can help.

import { h } from './dom.js';

/**
 * Fill `box` with `explained` ({title, message, details}) and `buttons` (the first one is
 * the next action: it gets the focus). Returns the first button, or null.
 */
export function showExplanation(box, explained, buttons = []) {
  const kept = buttons.filter(Boolean);
  const kids = [
    h('p', { class: 'title' }, h('strong', { text: explained.title })),
    h('p', { class: 'message', text: explained.message }),
    h('p', { class: 'details', text: explained.details }),
  ];
  if (kept.length) kids.push(h('div', { class: 'actions' }, kept));
  box.replaceChildren(...kids);
  box.hidden = false;
  return kept[0] ?? null;
}

/** A button for an explanation's action. */
export function actionButton(text, onclick, primary = true) {
  return h('button', { type: 'button', class: primary ? 'primary' : '', text, onclick });
}
