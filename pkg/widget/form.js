// The fork form of <aiven-fork>: name, recovery mode (time / backup), plan, cloud, tags;
// the request it describes; and the library's report rendered next to the fields it
// concerns. What is offered comes from `forkChoices` (and the project's clouds); what is
// wrong from `validateFork`. Why the form is locked is the first thing in it.

import { h } from './dom.js';
import { formatPrice, kindLabel, newestFirst, slotFor, suggestName } from './format.js';
import { peopleTime } from './library.js';
import { TimeField } from './time.js';

export class ForkForm {
  /** Controls and message boxes, by name. */
  ui = {};
  #ctx;
  #choices;
  #ids;
  #project;

  /**
   * @param {object} o
   * @param {object} o.ctx the context (`getForkContext`)
   * @param {object} o.choices its `forkChoices` answer
   * @param {object[]|null} o.clouds the project's clouds (`listClouds`), null when unknown
   * @param {object[]} o.forks forks of this source still being created (`listForks`, in progress)
   * @param {Record<string, string>} o.ids element-unique ids
   * @param {string} o.project the project the fork goes to
   * @param {() => void} o.onInput called after every change
   * @param {() => void} o.onSubmit called on submit
   * @param {(name: string) => void} o.onFollow called to follow a fork in progress
   * @param {HTMLElement[]} o.after nodes placed after the notices (alert, progress, result)
   */
  constructor({ ctx, choices, clouds, forks, ids, project, onInput, onSubmit, onFollow, after }) {
    this.#ctx = ctx;
    this.#choices = choices;
    this.#ids = ids;
    this.#project = project;
    const ui = this.ui;
    const fields = h('fieldset', { class: 'fields' }, this.#nameField(onInput), this.#recoveryField(onInput),
      h('div', { class: 'row' }, this.#planField(onInput), this.#cloudField(onInput, clouds)), this.#tagsField(onInput));
    ui.fields = fields;
    // First in the form: why it cannot be submitted (a locked source's reason shows where
    // the form starts, on a phone too), then forks already under way.
    ui.errors = h('div', { class: 'notice error', tabindex: '-1', hidden: true });
    ui.notCopied = h('div', { class: 'notice info', hidden: true });
    ui.warnings = h('div', { class: 'notice warn', hidden: true });
    ui.submit = h('button', { type: 'submit', class: 'primary', part: 'submit', text: 'Fork service' });
    ui.actions = h('div', { class: 'actions' }, ui.submit);
    ui.form = h('form', { novalidate: true, 'aria-labelledby': `${ids.name}-h`,
      onsubmit: (e) => { e.preventDefault(); onSubmit(); } },
    h('h3', { id: `${ids.name}-h`, text: 'New service' }), ui.errors, this.#inProgress(forks, onFollow), fields,
    h('div', { class: 'notices' }, ui.notCopied, ui.warnings), after, ui.actions);
    this.element = h('section', { class: 'panel form-panel', part: 'form' }, ui.form);
    this.#syncRecovery();
  }

  /** Forks of this source still being created: each can be followed to RUNNING. */
  #inProgress(forks, onFollow) {
    if (!forks || forks.length === 0) return null;
    const source = this.#ctx.source.serviceName;
    this.ui.inProgress = h('div', { class: 'notice info in-progress' },
      h('h4', { text: forks.length === 1 ? `A fork of ${source} is being created` : `Forks of ${source} are being created` }),
      h('ul', null, forks.map((f) => h('li', null,
        h('span', { text: `${f.serviceName} (${f.state})` }), ' ',
        h('button', { type: 'button', class: 'small follow', 'data-follow': f.serviceName, text: `Follow ${f.serviceName}`,
          onclick: () => onFollow(f.serviceName) })))));
    return this.ui.inProgress;
  }

  #nameField(onInput) {
    const ids = this.#ids;
    const ui = this.ui;
    ui.name = h('input', {
      type: 'text', id: ids.name, name: 'serviceName', autocomplete: 'off', spellcheck: 'false',
      autocapitalize: 'off', maxlength: '64', 'aria-describedby': `${ids.nameHint} ${ids.nameMsg}`, oninput: onInput,
    });
    ui.name.value = suggestName(this.#ctx.source.serviceName, this.#ctx.takenNames);
    ui.nameMsg = h('div', { class: 'msg', id: ids.nameMsg });
    return h('div', { class: 'field' },
      h('label', { for: ids.name, text: 'New service name' }),
      h('p', { class: 'hint', id: ids.nameHint,
        text: 'Lowercase letters, digits and hyphens; starts with a letter. The suggestion ends with today\u2019s date in your time zone.' }),
      ui.name, ui.nameMsg);
  }

  #recoveryField(onInput) {
    const ids = this.#ids;
    const ui = this.ui;
    const modes = this.#choices.recovery;
    const offered = [];
    if (modes.latest) {
      offered.push(['latest', modes.time ? 'Latest transaction' : 'Latest backup',
        modes.time ? 'Everything up to the moment the fork starts.' : 'The most recent backup of the source.']);
    }
    if (modes.time) offered.push(['time', 'Point in time', 'Any moment inside the point-in-time window.']);
    if (modes.backup) offered.push(['backup', 'Named backup', 'One specific backup from the list.']);
    ui.modeInputs = {};
    const kids = [];
    for (const [mode, title, desc] of offered) {
      const id = `${ids.rec}-${mode}`;
      const input = h('input', { type: 'radio', name: `${ids.rec}-mode`, id, value: mode,
        'aria-describedby': `${id}-d`, onchange: () => { this.#syncRecovery(); onInput(); } });
      ui.modeInputs[mode] = input;
      kids.push(h('label', { class: 'choice', for: id }, input, h('span', { class: 't', text: title }),
        h('span', { class: 'd', id: `${id}-d`, text: desc })));
      if (mode === 'time') kids.push(this.#timeField(onInput));
      if (mode === 'backup') kids.push(this.#backupField(onInput));
    }
    const first = ui.modeInputs.latest || Object.values(ui.modeInputs)[0];
    if (first) first.checked = true;
    else kids.push(h('p', { class: 'hint', text: 'Nothing to restore from: this source cannot be forked (see above).' }));
    ui.recMsg = h('div', { class: 'msg', id: ids.recMsg });
    return h('fieldset', { class: 'field', 'aria-describedby': ids.recMsg },
      h('legend', { text: 'Restore from' }), h('div', { class: 'choices' }, kids), ui.recMsg);
  }

  #timeField(onInput) {
    this.ui.timeField = new TimeField({ pitr: this.#ctx.pitr, ids: this.#ids, onInput });
    this.ui.time = this.ui.timeField.input;
    this.ui.timeMsg = this.ui.timeField.msg;
    this.ui.timeWrap = this.ui.timeField.element;
    return this.ui.timeWrap;
  }

  #backupField(onInput) {
    const ids = this.#ids;
    const ui = this.ui;
    ui.backup = h('select', { id: ids.backup, name: 'backup', 'aria-describedby': ids.backupMsg, onchange: onInput });
    for (const b of newestFirst(this.#ctx.backups)) {
      ui.backup.append(h('option', { value: b.backupName, text: `${b.backupName} \u2014 ${peopleTime(b.backupTime)}` }));
    }
    ui.backupMsg = h('div', { class: 'msg', id: ids.backupMsg });
    ui.backupWrap = h('div', { class: 'field sub-field' }, h('label', { for: ids.backup, text: 'Backup' }), ui.backup, ui.backupMsg);
    return ui.backupWrap;
  }

  #planField(onInput) {
    const ids = this.#ids;
    const ui = this.ui;
    const src = this.#ctx.source;
    const { plans, minNodeCount } = this.#choices;
    ui.plan = h('select', { id: ids.plan, name: 'plan', 'aria-describedby': `${ids.planHint} ${ids.planPrice} ${ids.planMsg}`, onchange: onInput });
    const option = (p, disabled) => h('option', { value: p.name, disabled,
      text: `${p.name} \u00b7 ${p.nodeCount} node${Number(p.nodeCount) === 1 ? '' : 's'}${p.name === src.plan ? ' \u00b7 current' : ''}` });
    const allowed = plans.filter((p) => p.allowed);
    const refused = plans.filter((p) => !p.allowed);
    if (plans.length === 0) {
      ui.plan.append(option({ name: src.plan, nodeCount: src.nodeCount }, false));
    } else if (refused.length) {
      ui.plan.append(h('optgroup', { label: 'Available' }, allowed.map((p) => option(p, false))));
      ui.plan.append(h('optgroup', { label: 'Not available: fewer nodes than the source' }, refused.map((p) => option(p, true))));
    } else {
      ui.plan.append(...allowed.map((p) => option(p, false)));
    }
    ui.plan.value = src.plan;
    if (ui.plan.value !== src.plan && allowed[0]) ui.plan.value = allowed[0].name;
    const hint = minNodeCount !== null
      ? `The fork needs at least as many nodes as the source (${minNodeCount}); plans with fewer nodes are not offered.`
      : 'Any plan of this service type; the source uses the one marked current.';
    ui.planMsg = h('div', { class: 'msg', id: ids.planMsg });
    // The price of the plan chosen, in the cloud chosen: the report's (showReport fills it in).
    ui.planPrice = h('p', { class: 'hint price', id: ids.planPrice, 'aria-live': 'polite', hidden: true });
    return h('div', { class: 'field' }, h('label', { for: ids.plan, text: 'Plan' }),
      h('p', { class: 'hint', id: ids.planHint, text: hint }), ui.plan, ui.planPrice, ui.planMsg);
  }

  /** A choice of the project's clouds, by region; free text when the list could not be read. */
  #cloudField(onInput, clouds) {
    const ids = this.#ids;
    const ui = this.ui;
    const current = this.#ctx.source.cloudName || '';
    const described = `${ids.cloudHint} ${ids.cloudMsg}`;
    let hint;
    if (Array.isArray(clouds) && clouds.length) {
      ui.cloud = h('select', { id: ids.cloud, name: 'cloud', 'aria-describedby': described, onchange: onInput });
      const option = (c) => h('option', { value: c.cloudName,
        text: `${c.cloudName} (${c.description})${c.cloudName === current ? ' \u00b7 current' : ''}` });
      if (current && !clouds.some((c) => c.cloudName === current)) {
        ui.cloud.append(h('optgroup', { label: 'The source\u2019s cloud' }, h('option', { value: current, text: `${current} \u00b7 current` })));
      }
      const groups = new Map();
      for (const c of clouds) {
        if (!groups.has(c.regionLabel)) groups.set(c.regionLabel, []);
        groups.get(c.regionLabel).push(c);
      }
      for (const [label, list] of groups) ui.cloud.append(h('optgroup', { label }, list.map(option)));
      ui.cloud.value = current;
      hint = 'The clouds this project can use, by region; a fork may move to another one.';
    } else {
      ui.cloud = h('input', { type: 'text', id: ids.cloud, name: 'cloud', autocomplete: 'off', spellcheck: 'false',
        'aria-describedby': described, oninput: onInput });
      ui.cloud.value = current;
      hint = 'The project\u2019s cloud list could not be read: type a cloud name, e.g. google-europe-west1.';
    }
    ui.cloudMsg = h('div', { class: 'msg', id: ids.cloudMsg });
    return h('div', { class: 'field' }, h('label', { for: ids.cloud, text: 'Cloud' }),
      h('p', { class: 'hint', id: ids.cloudHint, text: hint }), ui.cloud, ui.cloudMsg);
  }

  #tagsField(onInput) {
    const ui = this.ui;
    const tags = this.#ctx.source.tags;
    const count = tags && typeof tags === 'object' ? Object.keys(tags).length : 0;
    ui.copyTags = null;
    if (count === 0) return null;
    const id = `${this.#ids.name}-tags`;
    ui.copyTags = h('input', { type: 'checkbox', id, onchange: onInput });
    return h('label', { class: 'check', for: id }, ui.copyTags,
      h('span', { text: `Copy the source\u2019s ${count} tag${count === 1 ? '' : 's'}` }));
  }

  #syncRecovery() {
    const mode = this.mode();
    if (this.ui.timeWrap) this.ui.timeWrap.hidden = mode !== 'time';
    if (this.ui.backupWrap) this.ui.backupWrap.hidden = mode !== 'backup';
  }

  /** The chosen recovery mode. */
  mode() {
    for (const [mode, input] of Object.entries(this.ui.modeInputs || {})) if (input.checked) return mode;
    return 'latest';
  }

  /** The fork request the form describes (the library fills in the rest from the context). */
  request() {
    const ui = this.ui;
    const src = this.#ctx.source;
    const req = {
      project: this.#project,
      serviceName: ui.name.value.trim(),
      plan: ui.plan.value,
      source: { service: src.serviceName },
    };
    const cloud = String(ui.cloud.value || '').trim();
    if (cloud) req.cloud = cloud;
    if (src.project && src.project !== this.#project) req.source.project = src.project;
    const mode = this.mode();
    if (mode === 'time') req.recovery = { mode: 'time', time: ui.timeField.value() };
    else if (mode === 'backup') req.recovery = { mode: 'backup', name: ui.backup.value };
    else req.recovery = { mode: 'latest' };
    if (ui.copyTags) req.copyTags = ui.copyTags.checked;
    return req;
  }

  /**
   * Show a `validateFork` report: each issue next to its control (by exact field path),
   * the rest in the error box; lock the form while the source has blockers.
   */
  showReport(report, locked) {
    const ui = this.ui;
    const bySlot = { name: [], time: [], backup: [], recovery: [], plan: [], cloud: [], general: [] };
    for (const e of report.errors || []) {
      let slot = slotFor(e.field);
      if ((slot === 'time' && !ui.time) || (slot === 'backup' && !ui.backup)) slot = 'recovery';
      bySlot[slot].push(e);
    }
    const show = (control, box, list) => {
      box.replaceChildren(...list.map((e) => h('p', { 'data-code': e.code, text: e.message })));
      if (!control) return;
      if (list.length) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    };
    show(ui.name, ui.nameMsg, bySlot.name);
    if (ui.time) show(ui.time, ui.timeMsg, bySlot.time);
    if (ui.backup) show(ui.backup, ui.backupMsg, bySlot.backup);
    show(null, ui.recMsg, bySlot.recovery);
    show(ui.plan, ui.planMsg, bySlot.plan);
    const price = formatPrice(report.price);
    ui.planPrice.textContent = price;
    ui.planPrice.hidden = price === '';
    show(ui.cloud, ui.cloudMsg, bySlot.cloud);

    ui.fields.disabled = locked;
    ui.submit.disabled = locked;
    ui.errors.hidden = bySlot.general.length === 0;
    ui.errors.replaceChildren(h('h4', { text: locked ? 'This source cannot be forked' : 'This fork cannot be created' }),
      h('ul', null, bySlot.general.map((e) => h('li', { 'data-code': e.code, text: e.message }))));

    const notCopied = report.notCopied || [];
    ui.notCopied.hidden = notCopied.length === 0;
    ui.notCopied.replaceChildren(h('h4', { text: 'Will not be copied' }),
      h('ul', null, notCopied.map((n) => h('li', { 'data-kind': n.kind }, h('span', { text: kindLabel(n.kind) }), ' ',
        h('code', { class: 'k', text: n.name })))));

    // A warning that only repeats the list above is said once, there (the library marks it).
    const warnings = (report.warnings || []).filter((w) => !w.listedInNotCopied);
    ui.warnings.hidden = warnings.length === 0;
    ui.warnings.replaceChildren(h('h4', { text: warnings.length === 1 ? 'Warning' : 'Warnings' }),
      h('ul', null, warnings.map((w) => h('li', { 'data-code': w.code, text: w.message }))));
  }
}
