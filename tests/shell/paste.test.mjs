// The paste harness: every generated `cli` and `curl` command, pasted into an
// interactive bash (`bash -i`) and zsh (`zsh -f`) under tmux, with bracketed and
// with plain paste, and run as a script by bash, dash and zsh, runs the fake `avn` /
// `curl` with exactly the intended argv and does nothing else (no other command, no
// file). Requests come from a hostile corpus and a seeded generator; commands come
// from the built package's forkEquivalents (pkg/node), as users get them.
//
// Needs the package built (scripts/build-pkg.sh) and tmux, zsh, dash and perl
// (scripts/setup.sh). PASTE_CASES sets the number of generated requests.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';

import { HOSTILE, baseRequest, hostileRequests, refusedPlacements, requestArb } from './corpus.mjs';
import { DEFAULT_BASE, avnPlan, curlArgv, hintName } from './oracle.mjs';
import { Interactive, Sandbox, TOKEN } from './shells.mjs';

const require = createRequire(import.meta.url);
const lib = require('../../pkg/node/aiven_fork.cjs');

const SEED = 20261128;
const CASES = Number(process.env.PASTE_CASES ?? 250);
const OTHER_BASE = 'http://127.0.0.1:8787/aiven';

const sb = new Sandbox();
const shells = {};
function shell(name) {
  shells[name] ??= new Interactive(sb, name);
  return shells[name];
}
after(() => {
  for (const s of Object.values(shells)) s.close();
  sb.close();
});

const MODES = [
  ['bash script', (c) => script('bash', c)],
  ['dash script', (c) => script('dash', c)],
  ['zsh script', (c) => script('zsh', c)],
  ['bash -i, bracketed paste', (c) => paste('bash', c, true)],
  ['bash -i, plain paste', (c) => paste('bash', c, false)],
  ['zsh -f, bracketed paste', (c) => paste('zsh', c, true)],
  ['zsh -f, plain paste', (c) => paste('zsh', c, false)],
];

function script(name, command) {
  const r = sb.script(name, command);
  const problems = [];
  if (r.error) problems.push(String(r.error));
  if (r.status !== 0) problems.push(`exit status ${r.status}`);
  if (r.stderr !== '') problems.push(`stderr: ${r.stderr}`);
  return { records: sb.takeLog(), problems };
}

function paste(name, command, bracketed) {
  try {
    return { records: shell(name).paste(command, bracketed), problems: [] };
  } catch (e) {
    // A shell left waiting (an unclosed quote, say): start a new one for the next case.
    shells[name].close();
    delete shells[name];
    sb.takeLog();
    return { records: [], problems: [String(e.message ?? e)] };
  }
}

let stats = {};
const resetStats = () => {
  stats = { requests: 0, refused: 0, runs: 0, leftOut: 0, withTags: 0 };
};
resetStats();
const failures = [];

/** Run `command` in every mode; `check(records)` returns what is wrong, or null. */
function runEverywhere(label, command, check) {
  for (const [mode, run] of MODES) {
    const { records, problems } = run(command);
    stats.runs++;
    const files = sb.leftovers();
    if (files.length > 0) {
      problems.push(`created ${JSON.stringify(files)}`);
      sb.clearWork();
    }
    const wrong = check(records);
    if (wrong) problems.push(wrong);
    if (problems.length > 0) failures.push(`${label} [${mode}]\n${command}\n  ${problems.join('\n  ')}\n  records: ${JSON.stringify(records)}`);
  }
}

/** Exactly one curl run: the intended argv, and data that parses to the body. */
function checkCurl(project, body, base) {
  const want = curlArgv(project, base, TOKEN);
  return (records) => {
    if (records.length !== 1) return `expected 1 run of curl, got ${records.length}`;
    const [argv] = records;
    if (JSON.stringify(argv.slice(0, want.length)) !== JSON.stringify(want)) return `curl argv ${JSON.stringify(argv.slice(0, want.length))}`;
    if (argv.length !== want.length + 1) return `curl got ${argv.length} arguments`;
    let data;
    try {
      data = JSON.parse(argv[want.length]);
    } catch (e) {
      return `--data is not JSON: ${e.message}`;
    }
    // Same values and the same key order.
    if (JSON.stringify(data) !== JSON.stringify(body)) return `--data differs from the body:\n  ${JSON.stringify(data)}\n  ${JSON.stringify(body)}`;
    return null;
  };
}

/** The avn runs are exactly the planned ones. */
function checkAvn(invocations) {
  return (records) => (JSON.stringify(records) === JSON.stringify(invocations) ? null : `avn argv differs; expected ${JSON.stringify(invocations)}`);
}

/** Check one request through forkEquivalents and every shell. */
function runRequest(label, request, base) {
  stats.requests++;
  const options = base === DEFAULT_BASE ? undefined : { baseUrl: base };
  let eq;
  try {
    eq = lib.forkEquivalents(request, null, options);
  } catch (e) {
    assert.equal(e.name, 'ForkError', `${label}: ${e}`);
    stats.refused++;
    return e.code;
  }
  const body = lib.buildForkRequest(request).body;
  const plan = avnPlan(request.project, body, base);
  // A request the rules accept always has an avn command (its essentials are valid names).
  assert.equal(plan.impossible, null, `${label}: ${JSON.stringify(body)}`);
  assert.notEqual(eq.cli, '', `${label}: ${eq.hints.cli}`);
  // The hint names every part left out, and there is a hint only then.
  if (plan.leftOut.length === 0) assert.equal(eq.hints.cli, null, `${label}: ${eq.hints.cli}`);
  else {
    stats.leftOut++;
    assert.match(eq.hints.cli, /^This avn command leaves out what avn cannot send: .*\. The curl command sends the whole request\.$/s);
    for (const item of plan.leftOut.slice(0, 8)) assert.ok(eq.hints.cli.includes(hintName(item)), `${label}: ${item} not in ${eq.hints.cli}`);
    if (plan.leftOut.length > 8) assert.ok(eq.hints.cli.includes(`; and ${plan.leftOut.length - 8} more.`), eq.hints.cli);
    else assert.ok(!eq.hints.cli.includes(' more. '), eq.hints.cli);
  }
  assert.equal(eq.hints.curl, null);
  if (plan.invocations.length > 1) stats.withTags++;
  runEverywhere(`${label} (cli)`, eq.cli, checkAvn(plan.invocations));
  runEverywhere(`${label} (curl)`, eq.curl, checkCurl(request.project, body, base));
  return null;
}

function report(t, started) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  t.diagnostic(`${stats.requests} requests (${stats.refused} refused by the rules, ${stats.leftOut} with parts left out of avn, ${stats.withTags} with a tags command), ${stats.runs} runs, ${seconds} s`);
  console.log(`paste harness: ${stats.requests} requests, ${stats.runs} runs, ${seconds} s`);
  if (failures.length > 0) {
    assert.fail(`${failures.length} failing runs; the first ones:\n\n${failures.slice(0, 5).join('\n\n')}`);
  }
}

test('both paste modes are what they claim: bracketed paste waits for Enter, plain paste runs each line', () => {
  for (const name of ['bash', 'zsh']) {
    const s = shell(name);
    assert.ok(s.asksForBracketedPaste(), `${name} did not ask the terminal for bracketed paste`);
    assert.deepEqual(
      s.pasteWithoutEnter('donemark bracketed\n', true, 300),
      { beforeEnter: [], afterEnter: [['donemark', 'bracketed']] },
      `${name}: a bracketed paste must wait for Enter`,
    );
    assert.deepEqual(
      s.pasteWithoutEnter('donemark plain\n', false, 10000),
      { beforeEnter: [['donemark', 'plain']], afterEnter: [] },
      `${name}: a plain paste must run its line at once`,
    );
  }
});

test('the harness can fail: a bare word, an unquoted $(...) and a comment line are caught', () => {
  const before = failures.length;
  runEverywhere('probe', "avn service create x$(pwned) '=ls' =ls", checkAvn([['avn', 'service', 'create', 'x', '=ls', '=ls']]));
  runEverywhere('probe', '# a comment line $(>canary)', () => null);
  const caught = failures.splice(before);
  // Every mode sees `pwned` run; zsh alone rewrites =ls; only interactive zsh runs the comment.
  const modes = MODES.map(([m]) => m);
  assert.deepEqual(caught.filter((f) => f.startsWith('probe')).length >= modes.length + 2, true, caught.join('\n'));
  for (const mode of modes) assert.ok(caught.some((f) => f.includes(`[${mode}]`) && f.includes('pwned')), `${mode} missed $(pwned)`);
  assert.ok(caught.some((f) => f.includes('[zsh -f, plain paste]') && f.includes('canary')), 'interactive zsh ran the comment line');
});

test('hostile corpus: text that ran code when pasted and the usual shell hazards, in every field', (t) => {
  resetStats();
  const started = Date.now();
  let i = 0;
  for (const h of HOSTILE) {
    i++;
    const [withTag, withoutTag] = hostileRequests(h, i);
    const refused = runRequest(`corpus #${i} ${JSON.stringify(h).slice(0, 40)}`, withTag, DEFAULT_BASE);
    if (refused !== null) {
      // Only a tag value Aiven would refuse may stop the request: then without the tag.
      assert.equal(refused, 'invalid_tag_value', JSON.stringify(h));
      assert.equal(runRequest(`corpus #${i} ${JSON.stringify(h).slice(0, 40)} (no tag)`, withoutTag, DEFAULT_BASE), null);
    }
    // The same text where names belong is refused with the field's own code.
    for (const [field, request] of refusedPlacements(h, i)) {
      let code = null;
      try {
        lib.forkEquivalents(request);
      } catch (e) {
        code = e.code;
      }
      const valid = {
        plan: /^[a-z][a-z0-9_-]*[a-z0-9]$/.test(h),
        cloud: /^[a-z][a-z0-9-]*$/.test(h) && h.length <= 256,
        'tag key': /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(h),
        serviceName: /^[a-z][a-z0-9-]{0,63}$/.test(h),
      }[field];
      const expected = {
        plan: h === '' ? 'missing_field' : h.length > 128 ? 'field_too_long' : 'invalid_plan',
        cloud: h === '' ? null : h.length > 256 ? 'field_too_long' : 'invalid_cloud',
        'tag key': 'invalid_tag_key',
        serviceName: h === '' ? 'missing_field' : h.length > 64 ? 'field_too_long' : 'invalid_service_name',
      }[field];
      assert.equal(code, valid ? null : expected, `${field} ${JSON.stringify(h)}`);
    }
  }
  // The report's own examples, exactly.
  const codeOf = (request) => {
    try {
      lib.forkEquivalents(request);
      return null;
    } catch (e) {
      return e.code;
    }
  };
  assert.equal(codeOf({ ...baseRequest(0), plan: '\u001b[31m/,>' }), 'invalid_plan');
  assert.equal(codeOf({ ...baseRequest(0), cloud: '\n' }), 'invalid_cloud');
  assert.equal(codeOf({ ...baseRequest(0), tags: { t: '\u0015; touch pwned #' } }), 'invalid_tag_value');
  assert.equal(codeOf({ ...baseRequest(0), tags: { t: "'\u007f; touch pwned #" } }), 'invalid_tag_value');
  assert.equal(codeOf({ ...baseRequest(0), tags: { 'k\tx': 'v' } }), 'invalid_tag_key');
  // Commands for another API.
  runRequest('corpus, another API', { ...baseRequest(0), tags: { env: '$(pwned)' }, userConfig: { k: "'; pwned #" } }, OTHER_BASE);
  report(t, started);
});

test(`generated requests (seed ${SEED}, ${CASES} cases)`, (t) => {
  resetStats();
  const started = Date.now();
  const requests = fc.sample(requestArb, { seed: SEED, numRuns: CASES });
  for (const [i, request] of requests.entries()) {
    runRequest(`generated #${i} ${JSON.stringify(request).slice(0, 200)}`, request, i % 5 === 4 ? OTHER_BASE : DEFAULT_BASE);
  }
  // Most generated requests pass the rules (the generator keeps names valid).
  assert.ok(stats.refused < CASES / 2, `${stats.refused} of ${CASES} refused`);
  report(t, started);
});
