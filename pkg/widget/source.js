// The source panel of <aiven-fork>: what is being forked (type, plan, cloud, nodes, state),
// its point-in-time window and its backups, newest first. Text only, never markup.

import { h } from './dom.js';
import { formatBytes, newestFirst } from './format.js';
import { peopleTime } from './library.js';

/** The panel for a context (`getForkContext`) and its `forkChoices` answer. */
export function sourcePanel(ctx, choices, ids) {
  const src = ctx.source;
  const fact = (k, v) => [h('dt', { text: k }), h('dd', { text: v })];
  // The type by the one name the library gives it (`Apache Kafka`), as everywhere else.
  const facts = h('dl', { class: 'facts' },
    fact('Type', choices.product),
    fact('Plan', src.plan),
    fact('Cloud', src.cloudName),
    fact('Nodes', String(src.nodeCount)),
    fact('State', src.state));

  const backups = newestFirst(ctx.backups);
  const kids = [h('h3', { id: ids.src, text: 'Source' }), facts, h('h3', { id: ids.bk, text: 'Backups' })];
  if (ctx.pitr && (ctx.pitr.start || ctx.pitr.end !== undefined)) {
    if (ctx.pitr.start) {
      kids.push(h('p', { class: 'window' }, 'Point-in-time window: ', h('strong', { text: peopleTime(ctx.pitr.start, { seconds: 'up' }) }),
        ' to ', h('strong', { text: ctx.pitr.end ? peopleTime(ctx.pitr.end) : 'now' }), '.'));
    } else {
      kids.push(h('p', { class: 'window', text: 'No point-in-time backup yet.' }));
    }
  }
  if (backups.length === 0) {
    kids.push(h('p', { class: 'empty', text: 'This service has no backups yet.' }));
  } else {
    const items = backups.map((b) => h('li', null,
      h('span', { class: 'bname', text: b.backupName }),
      h('span', { class: 'bmeta', text: [peopleTime(b.backupTime), formatBytes(b.dataSize)].filter(Boolean).join(' \u00b7 ') })));
    kids.push(h('div', { class: 'backups', tabindex: '0', role: 'region', 'aria-label': `Backups (${backups.length}), newest first` },
      h('ul', { class: 'backup-list' }, items)));
  }
  return h('section', { class: 'panel subtle', part: 'source', 'aria-labelledby': ids.src }, kids);
}
