// The widget's pure formatting functions (pkg/widget/format.js) under node --test: no DOM,
// no library; exact outputs.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  PHASES, describeError, formatBytes, formatPrice, formatUtc, inputUtcToRequest, kindLabel, newestFirst, parseTime, phaseIndex,
  progressView, slotFor, suggestName, toInputUtc,
} from '../../pkg/widget/format.js';

test('parseTime reads Aiven times (microseconds, space, no zone) and refuses the rest', () => {
  assert.equal(parseTime('2025-07-01T15:16:22.123456+00:00').toISOString(), '2025-07-01T15:16:22.123Z');
  assert.equal(parseTime('2025-07-01 15:16:22').toISOString(), '2025-07-01T15:16:22.000Z');
  assert.equal(parseTime('2025-07-01T15:16:22+02:00').toISOString(), '2025-07-01T13:16:22.000Z');
  assert.equal(parseTime('nope'), null);
  assert.equal(parseTime(''), null);
  assert.equal(parseTime(42), null);
  assert.equal(parseTime(new Date('x')), null);
});

test('UTC texts: the control value, the shown time and the request time', () => {
  const d = new Date('2026-01-02T03:04:05.678Z');
  assert.equal(toInputUtc(d), '2026-01-02T03:04:05');
  assert.equal(formatUtc('2026-01-02T03:04:05.678901+00:00'), '2026-01-02 03:04:05 UTC');
  assert.equal(formatUtc('not a time'), 'not a time');
  assert.equal(formatUtc(null), '');
  assert.equal(inputUtcToRequest('2026-01-02T03:04'), '2026-01-02T03:04:00+00:00');
  assert.equal(inputUtcToRequest('2026-01-02T03:04:05'), '2026-01-02T03:04:05+00:00');
  assert.equal(inputUtcToRequest(''), '');
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
  const day = new Date('2026-01-02T23:59:59Z');
  assert.equal(suggestName('orders-db', [], day), 'orders-db-fork-20260102');
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

test('describeError: message, server message, code and status', () => {
  assert.equal(describeError({ message: 'HTTP 404', code: 'source_not_found', status: 404, serverMessage: 'Service x does not exist' }),
    'HTTP 404 Server: Service x does not exist (code source_not_found, HTTP 404)');
  assert.equal(describeError({ message: 'm', serverMessage: 'm' }), 'm');
  assert.equal(describeError(new Error('boom')), 'boom');
  assert.equal(describeError(null), 'Unknown error.');
  assert.equal(describeError('text'), 'text');
  assert.equal(kindLabel('sso'), 'Single sign-on');
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
