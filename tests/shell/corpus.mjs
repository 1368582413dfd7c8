// The hostile corpus of the paste harness and a seeded generator of requests.
//
// Payloads that would have an effect if a shell ever ran them do one of two things
// only a wrong command could do: run `pwned` (a fake that records itself), or create
// a file in the working directory with a redirection (no command needed).

import fc from 'fast-check';

const VERY_LONG = 'L'.repeat(4000);

/** Text that ran code or broke a command when pasted (substitutions, comments, control characters) and the usual shell hazards. */
export const HOSTILE = [
  // Command substitution, chaining, pipes, background, redirection.
  'a.$(pwned)', '$(pwned)', '$(>canary)', '`pwned`', '`>canary`', '; pwned', ';>canary;', '| pwned',
  '& pwned', '&& pwned', '|| pwned', '>canary', '<canary', '2>canary',
  // Quotes of both kinds breaking out.
  "'", "'; pwned; '", "'\\''; pwned #", '"', '"; pwned; "', '\\', '\\\'', "it's \"q\"",
  // History expansion (bash, zsh) and quick substitution after a newline.
  '!', '!!', '!pwned', '!-1', 'hi!pwned', '^a^b', 'x\n^a^b', '\n!!',
  // zsh =word expansion, tilde, globs, braces, comments.
  '=ls', '=pwned', '~', '~root', '*', '?', '[a]', '{a,b}', '#', '# pwned', 'a #b', '%', '$HOME', '${HOME}', "$'\\x41'",
  // Control characters: newline, CR, NUL, Ctrl-U, TAB, DEL, ESC, C1.
  'a\nb', 'a\n pwned', 'a\r pwned', 'a\u0000b', '\u0015; pwned #', "'\u007f; pwned #", 'k\tx', 'a\u007fb',
  '\u001b[31m/,>', '\u0085', '\u009b1m',
  // Unicode line separators, bidi overrides, non-ASCII, astral.
  'a\u2028b', 'a\u2029b', '\u202eevil', 'été ✓', 'Jörg', '日本', '😀',
  // Option-like and empty.
  '-x', '--x', '-', '', ' ', 'a b', 'x=y', 'a.b',
  // Very long.
  VERY_LONG,
];

/** A valid request to build on. */
export function baseRequest(i) {
  return {
    project: 'demo-project',
    serviceName: `fork-${i}`,
    serviceType: 'pg',
    plan: 'business-4',
    source: { service: 'demo-pg' },
  };
}

/**
 * Requests putting `h` in every place that reaches a command: tag value, user-config
 * key and value, nested key and value, array item. Static rules refuse some (tag
 * values with control characters); those places are tried in a second request without
 * the tag.
 */
export function hostileRequests(h, i) {
  const userConfig = {
    [h]: 'v',
    k: h,
    pg: { [h === '' ? 'e' : h]: 1, n: h },
    list: [h, 'b'],
    obj_list: [{ note: h }],
  };
  return [
    { ...baseRequest(i), tags: { env: h }, userConfig },
    { ...baseRequest(i), userConfig },
  ];
}

/** Fields the static rules refuse with their own code for `h` (never a command). */
export function refusedPlacements(h, i) {
  return [
    ['plan', { ...baseRequest(i), plan: h }],
    ['cloud', { ...baseRequest(i), cloud: h }],
    ['tag key', { ...baseRequest(i), tags: { [h]: 'v' } }],
    ['serviceName', { ...baseRequest(i), serviceName: h }],
  ];
}

// ---------------------------------------------------------------- generator

const shellText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 16 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'$`\'"\\!^=~*#;|&<>(){}[] \n\t\r\u0015\u007f\u2028é'), maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/) },
);

const leaf = fc.oneof(
  { weight: 4, arbitrary: shellText },
  { weight: 1, arbitrary: fc.integer({ min: -100000, max: 100000 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const configValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(shellText, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.dictionary(shellText, leaf, { maxKeys: 2 }), { maxLength: 2 }) },
    { weight: 1, arbitrary: fc.array(fc.array(shellText, { maxLength: 2 }), { maxLength: 2 }) },
    { weight: 2, arbitrary: fc.dictionary(shellText, tie('value'), { maxKeys: 3 }) },
  ),
})).value;

/** Tag values Aiven accepts (at most 64 characters, no control characters), mostly. */
const tagValue = fc.oneof(
  { weight: 8, arbitrary: shellText.map((s) => Array.from(s).filter((c) => !/\p{Cc}/u.test(c)).slice(0, 64).join('')) },
  { weight: 2, arbitrary: fc.constantFrom('prod', 'O\'Brien "ops"', '$(pwned)', 'a!b^c', 'é') },
  { weight: 1, arbitrary: shellText },
);

/** A request: valid names, and hostile text wherever the rules let text through. */
export const requestArb = fc.record({
  serviceName: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
  project: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
  serviceType: fc.constantFrom('pg', 'mysql', 'opensearch', 'clickhouse', 'valkey'),
  // Plans, clouds and tag keys have shapes the rules check: mostly valid, rarely not.
  plan: fc.oneof({ weight: 20, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_-]{0,12}[a-z0-9]$/) }, { weight: 1, arbitrary: shellText }),
  cloud: fc.option(fc.oneof({ weight: 20, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/) }, { weight: 1, arbitrary: shellText }), { nil: undefined }),
  sourceService: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
  sourceProject: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), { nil: undefined }),
  tags: fc.option(fc.dictionary(fc.oneof({ weight: 30, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,10}$/) }, { weight: 1, arbitrary: shellText }), tagValue, { maxKeys: 3 }), { nil: undefined }),
  copyTags: fc.option(fc.boolean(), { nil: undefined }),
  diskSpaceMb: fc.option(fc.oneof(fc.integer({ min: 1, max: 100 }).map((g) => g * 1024), fc.integer({ min: 1, max: 200000 })), { nil: undefined }),
  terminationProtection: fc.option(fc.boolean(), { nil: undefined }),
  projectVpcId: fc.option(fc.constantFrom(null, '4f0e3d2c-1b2a-4c3d-9e8f-0a1b2c3d4e5f'), { nil: undefined }),
  userConfig: fc.option(fc.dictionary(shellText, configValue, { maxKeys: 4 }), { nil: undefined }),
}).map((r) => {
  const request = {
    project: r.project,
    serviceName: r.serviceName,
    serviceType: r.serviceType,
    plan: r.plan,
    source: r.sourceProject === undefined ? { service: r.sourceService } : { service: r.sourceService, project: r.sourceProject },
  };
  for (const key of ['cloud', 'tags', 'copyTags', 'diskSpaceMb', 'terminationProtection', 'projectVpcId', 'userConfig']) {
    if (r[key] !== undefined) request[key] = r[key];
  }
  return request;
});
