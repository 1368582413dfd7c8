// Exercises tests/support/sandbox.mjs end to end (run by sandbox/tests/node_helper.rs).
import assert from 'node:assert/strict';
import { startSandbox, DEMO_TOKEN } from '../../../tests/support/sandbox.mjs';

const sb = await startSandbox({ rebuildSecs: 100, faultsNext: ['429'], retryAfterSecs: 2 });
assert.match(sb.url, /^http:\/\/127\.0\.0\.1:\d+$/);
assert.equal(sb.token, DEMO_TOKEN);

const headers = { Authorization: `aivenv1 ${sb.token}`, 'Content-Type': 'application/json' };
const create = (name) =>
  fetch(`${sb.url}/v1/project/demo-project/service`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      service_name: name,
      service_type: 'pg',
      plan: 'business-4',
      user_config: { service_to_fork_from: 'demo-pg' },
    }),
  });

let r = await create('n1');
assert.equal(r.status, 429);
assert.equal(r.headers.get('retry-after'), '2');
assert.deepEqual(await r.json(), {
  errors: [{ message: 'Rate limit 120 exceeded - try again in 2s', status: 429 }],
  message: 'Rate limit 120 exceeded - try again in 2s',
});
r = await create('n1');
assert.equal(r.status, 200);
assert.equal((await r.json()).service.state, 'REBUILDING');

await sb.setFaults({ next: ['drop'] });
await assert.rejects(create('n2'), TypeError);

const log = await sb.requests();
assert.deepEqual(
  log.map((e) => [e.status, e.fault ?? null, e.body?.service_name]),
  [
    [429, '429', 'n1'],
    [200, null, 'n1'],
    [null, 'drop', 'n2'],
  ],
);
assert.ok(!JSON.stringify(log).includes(sb.token));
await sb.clearRequests();
assert.deepEqual(await sb.requests(), []);

await sb.advance(100);
r = await fetch(`${sb.url}/v1/project/demo-project/service/n1`, { headers });
assert.equal((await r.json()).service.state, 'RUNNING');

await sb.addService('demo-project', { service_name: 'raw', service_type: 'pg', state: 'POWEROFF' });
r = await fetch(`${sb.url}/v1/project/demo-project/service/raw`, { headers });
assert.equal((await r.json()).service.state, 'POWEROFF');

await sb.reset();
r = await fetch(`${sb.url}/v1/project/demo-project/service/raw`, { headers });
assert.equal(r.status, 404);
assert.deepEqual((await sb.getFaults()).next, ['429'], 'reset restores the start-up queue');
await assert.rejects(sb.setFaults({ nope: 1 }), /400 unknown faults field: nope/);

await sb.stop();
await assert.rejects(fetch(`${sb.url}/v1/project/demo-project/service`, { headers }), TypeError);
console.log('sandbox helper ok');
