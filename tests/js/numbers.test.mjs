// Numbers through the built package (pkg/node) exactly as the caller gave them: the
// input reader writes a JS number as JavaScript's own shortest text, the library
// keeps that text (no float is parsed or formatted in the wasm), and the body, the
// equivalents and a fork sent to the sandbox carry it digit for digit. Before, 1e300
// came out as 1.0000000000000005e+300 and 123456789.12345679 as 123456789.1234568.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PROJECT, getService, loadPackage, startSandbox } from './client-support.mjs';

const api = await loadPackage();
const { ForkClient } = api;

// Numbers JS holds, with the text JSON.stringify writes for each.
const NUMBERS = {
  big: 1e300,
  exact: 123456789.12345679,
  negativeZero: -0,
  tiny: 1e-7,
  tenth: 0.1,
  beyond53: 2 ** 53 + 2,
  max: Number.MAX_VALUE,
  subnormal: 5e-324,
  negative: -2.5e-8,
};
const TEXT = {
  big: '1e+300',
  exact: '123456789.12345679',
  negativeZero: '0',
  tiny: '1e-7',
  tenth: '0.1',
  beyond53: '9007199254740994',
  max: '1.7976931348623157e+308',
  subnormal: '5e-324',
  negative: '-2.5e-8',
};

const request = (userConfig, extra = {}) => ({
  project: PROJECT,
  serviceName: 'pg-numbers',
  serviceType: 'pg',
  plan: 'startup-4',
  source: { service: 'demo-pg' },
  userConfig,
  ...extra,
});

/** The JSON text a curl equivalent sends (its single-quoted `--data` word). */
function curlData(curl) {
  const at = curl.indexOf("--data '");
  assert.ok(at >= 0 && curl.endsWith("'"), curl);
  return curl.slice(at + "--data '".length, -1);
}

test('the body holds every number as JavaScript wrote it', () => {
  const call = api.buildForkRequest(request({ pg: NUMBERS, list: Object.values(NUMBERS) }));
  for (const [k, v] of Object.entries(NUMBERS)) {
    // -0 has no JSON text: it arrives as JSON.stringify(-0), 0.
    assert.ok(Object.is(call.body.user_config.pg[k], k === 'negativeZero' ? 0 : v), `${k}: ${call.body.user_config.pg[k]}`);
  }
  assert.deepEqual(call.body.user_config.list, Object.values(NUMBERS).map((v) => (Object.is(v, -0) ? 0 : v)));
  // The exact body text the library writes, as curl sends it.
  const req = request({ pg: NUMBERS });
  const text = curlData(api.forkEquivalents(req).curl);
  assert.equal(text, JSON.stringify(api.buildForkRequest(req).body, null, 2));
  for (const [k, t] of Object.entries(TEXT)) {
    assert.ok(text.includes(`"${k}": ${t}`), `${k}: ${t} in\n${text}`);
  }
});

test('the avn command carries each number as its exact text', () => {
  const { cli } = api.forkEquivalents(request({ pg: NUMBERS }));
  // Each value is one shell word, bare or single-quoted.
  const words = cli.split(/\s+/).map((w) => w.replace(/^'(.*)'$/, '$1'));
  for (const [k, t] of Object.entries(TEXT)) {
    assert.ok(words.includes(`pg.${k}=${t}`), `pg.${k}=${t} in\n${cli}`);
  }
  const list = api.forkEquivalents(request({ list: [1e300, 123456789.12345679, 0.1] })).cli;
  assert.ok(list.includes(`'list=["1e+300", "123456789.12345679", "0.1"]'`), list);
});

test('disk sizes become whole GiB in integers', () => {
  const mb = 2 ** 53 - 1024;
  const e = api.forkEquivalents(request(undefined, { diskSpaceMb: mb }));
  assert.match(e.cli, /--disk-space-gib '?8796093022207'? /, e.cli);
  assert.ok(e.terraform.includes('disk_space   = "8796093022207GiB"'), e.terraform);
  assert.equal(api.buildForkRequest(request(undefined, { diskSpaceMb: mb })).body.disk_space_mb, mb);
});

let sb;
before(async () => {
  sb = await startSandbox();
});
after(async () => {
  await sb?.stop();
});

test('a fork sent to the sandbox and read back keeps every number', async () => {
  const client = new ForkClient({ baseUrl: sb.url, token: sb.token });
  const pg = { ...NUMBERS };
  delete pg.negativeZero;
  const { service, created } = await client.fork(request({ pg }, { serviceName: 'pg-numbers-sent' }));
  assert.equal(created, true);
  // What the sandbox stored (its own JSON reader and writer), through the library's reader.
  assert.deepEqual(service.user_config.pg, pg);
  assert.deepEqual((await getService(sb, 'pg-numbers-sent')).user_config.pg, pg);
  const context = await client.getForkContext(PROJECT, 'pg-numbers-sent');
  assert.deepEqual(context.source.userConfig.pg, pg);
});
