// The widget's pure formatting functions (pkg/widget/format.js) under node --test: no DOM,
// no library; exact outputs.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  PHASES, formatBytes, formatPrice, kindLabel, localOffsetAt, localOffsetOf, newestFirst, offsetText, parseTime,
  peopleUtcToMs, phaseIndex, progressView, slotFor, suggestName, timeForRequest, wallTime, zoneName,
} from '../../pkg/widget/format.js';

/** Run `fn` with this process in the time zone `tz` (Node reads TZ again when it changes). */
function inZone(tz, fn) {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

test('parseTime reads Aiven times (microseconds, space, no zone) and refuses the rest', () => {
  assert.equal(parseTime('2025-07-01T15:16:22.123456+00:00').toISOString(), '2025-07-01T15:16:22.123Z');
  assert.equal(parseTime('2025-07-01 15:16:22').toISOString(), '2025-07-01T15:16:22.000Z');
  assert.equal(parseTime('2025-07-01T15:16:22+02:00').toISOString(), '2025-07-01T13:16:22.000Z');
  assert.equal(parseTime('nope'), null);
  assert.equal(parseTime(''), null);
  assert.equal(parseTime(42), null);
  assert.equal(parseTime(new Date('x')), null);
});

test('wallTime reads a time typed without a zone; anything else is left to the library', () => {
  assert.deepEqual(wallTime(' 2026-01-02 03:04:05 '), { y: 2026, mo: 1, d: 2, h: 3, mi: 4, s: 5, text: '2026-01-02T03:04:05' });
  assert.deepEqual(wallTime('2026-01-02T03:04'), { y: 2026, mo: 1, d: 2, h: 3, mi: 4, s: 0, text: '2026-01-02T03:04:00' });
  assert.equal(wallTime('2026-01-02 03:04:05.25').text, '2026-01-02T03:04:05.25');
  for (const text of ['2026-01-02 03:04:05 UTC', '2026-01-02T03:04:05Z', '2026-01-02 03:04:05+09:00', '2026-01-02', 'yesterday', '', null]) {
    assert.equal(wallTime(text), null, String(text));
  }
  assert.deepEqual([0, 540, -240, 330, -570].map(offsetText), ['+00:00', '+09:00', '-04:00', '+05:30', '-09:30']);
  assert.equal(peopleUtcToMs('2026-01-02 03:04:05 UTC'), Date.UTC(2026, 0, 2, 3, 4, 5));
  assert.equal(peopleUtcToMs('2026-01-02 03:04:05.123456 UTC'), Date.UTC(2026, 0, 2, 3, 4, 5, 123));
  assert.ok(Number.isNaN(peopleUtcToMs('2026-01-02 12:04:05 UTC+09:00')));
});

test('timeForRequest: what is typed gets the zone chosen (the browser\u2019s offset at that wall time), a zoned time passes as typed', () => {
  assert.equal(timeForRequest('2026-11-22 20:58:41', 'utc'), '2026-11-22T20:58:41+00:00');
  assert.equal(timeForRequest('2026-11-22 20:58:41 UTC+01:00', 'local'), '2026-11-22 20:58:41 UTC+01:00');
  assert.equal(timeForRequest('  nonsense ', 'utc'), 'nonsense');
  inZone('Asia/Tokyo', () => {
    assert.equal(zoneName(), 'Asia/Tokyo');
    assert.equal(timeForRequest('2026-11-23 05:58:41', 'local'), '2026-11-23T05:58:41+09:00');
    assert.equal(localOffsetOf(Date.UTC(2026, 6, 1)), 540);
  });
  inZone('America/New_York', () => {
    assert.equal(zoneName(), 'America/New_York');
    // Daylight saving by the date typed: EST in winter, EDT in summer.
    assert.equal(timeForRequest('2026-01-15 09:00:00', 'local'), '2026-01-15T09:00:00-05:00');
    assert.equal(timeForRequest('2026-07-15 09:00:00', 'local'), '2026-07-15T09:00:00-04:00');
    assert.equal(localOffsetAt(wallTime('2026-03-08 01:59:59')), -300);
    assert.equal(localOffsetAt(wallTime('2026-03-08 03:00:00')), -240);
  });
  for (const tz of ['UTC', 'Etc/UTC']) inZone(tz, () => assert.equal(zoneName(), 'UTC'));
});

test('formatBytes in binary units', () => {
  assert.deepEqual([0, 1023, 1536, 10 * 1024, 5 * 1024 ** 3, 3 * 1024 ** 5].map(formatBytes),
    ['0 B', '1023 B', '1.5 KB', '10 KB', '5.0 GB', '3072 TB']);
  assert.equal(formatBytes(-1), '');
  assert.equal(formatBytes('x'), '');
});

test('newestFirst sorts backups by time, unreadable last, without changing the input', () => {
  const input = [
    { backupName: 'a', backupTime: '2026-01-01T00:00:00Z' },
    { backupName: 'bad', backupTime: 'x' },
    { backupName: 'c', backupTime: '2026-01-03T00:00:00Z' },
  ];
  assert.deepEqual(newestFirst(input).map((b) => b.backupName), ['c', 'a', 'bad']);
  assert.deepEqual(input.map((b) => b.backupName), ['a', 'bad', 'c']);
  assert.deepEqual(newestFirst(null), []);
});

test('suggestName: <source>-fork-YYYYMMDD, then -2, -3, at most 64 characters, never the source', () => {
  const day = new Date('2026-01-02T12:00:00Z');
  assert.equal(suggestName('orders-db', [], day), 'orders-db-fork-20260102');
  // The date is the user's: 07:06 on Nov 29 in Tokyo is still Nov 28 in UTC.
  const tokyoMorning = new Date('2026-11-28T22:06:00Z');
  assert.equal(inZone('Asia/Tokyo', () => suggestName('orders-db', [], tokyoMorning)), 'orders-db-fork-20261129');
  assert.equal(inZone('America/New_York', () => suggestName('orders-db', [], new Date('2026-11-29T03:00:00Z'))), 'orders-db-fork-20261128');
  assert.equal(suggestName('orders-db', ['orders-db-fork-20260102'], day), 'orders-db-fork-20260102-2');
  const long = `a${'-b'.repeat(31)}c`;
  assert.equal(suggestName(long, [], day), `a${'-b'.repeat(24)}-fork-20260102`);
});

test('slotFor maps the exact request paths of the form and nothing else', () => {
  assert.deepEqual(
    ['serviceName', 'recovery', 'recovery.mode', 'recovery.time', 'recovery.name', 'plan', 'cloud',
      'source.service', 'serviceType', '', 'time', 'backup', 'recovery.backup', 'constructor', '__proto__'].map(slotFor),
    ['name', 'recovery', 'recovery', 'time', 'backup', 'plan', 'cloud',
      'general', 'general', 'general', 'general', 'general', 'general', 'general', 'general'],
  );
});

test('kindLabel: the heading word of a notCopied kind', () => {
  assert.equal(kindLabel('sso'), 'Single sign-on');
  assert.equal(kindLabel('tags'), 'Tag');
  assert.equal(kindLabel('other'), 'other');
});

test('progressView: phases done plus the share of the current one', () => {
  assert.equal(PHASES.length, 4);
  assert.deepEqual(progressView({ state: 'REBUILDING', phase: 'basebackup', percent: 50 }, 'f'),
    { percent: 37.5, phase: 'basebackup', text: 'Restore backup: f \u00b7 REBUILDING' });
  assert.deepEqual(progressView({ state: 'REBUILDING', phase: null }, 'f'),
    { percent: 0, phase: null, text: 'Setting up: f \u00b7 REBUILDING' });
  assert.deepEqual(progressView({ state: 'RUNNING' }, 'f'), { percent: 100, phase: 'done', text: 'f is running.' });
  assert.deepEqual(progressView({ phase: 'finalize', percent: 500 }, 'f'), { percent: 100, phase: 'finalize', text: 'Finalize: f' });
  assert.deepEqual([null, 'prepare', 'stream_wal', 'done', 'other'].map(phaseIndex), [-1, 0, 2, 4, -1]);
});

test('formatPrice: the report price as text; nothing without one', () => {
  assert.equal(formatPrice({ plan: 'business-4', cloud: 'google-europe-west1', hourlyUsd: '0.2740' }), '$0.2740 an hour (business-4 in google-europe-west1)');
  assert.equal(formatPrice(undefined), '');
  assert.equal(formatPrice(null), '');
  assert.equal(formatPrice({ plan: 'p', cloud: 'c', hourlyUsd: '' }), '');
  assert.equal(formatPrice({ plan: 'p', cloud: 'c', hourlyUsd: 0.2 }), '');
});
