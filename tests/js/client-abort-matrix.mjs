// Abort at every millisecond: each ForkClient method is called once per delay from 0 to
// `maxDelayMs` with an AbortController aborted that many milliseconds after the call,
// the four methods of one delay running at once. Every promise must settle with
// either a ForkError `aborted` or, when the call finished before the abort fired, its
// exact normal result; then the same client and module must keep working.
//
// Plain ES module with no Node imports: tests/js/client-abort.test.mjs runs it in
// Node and serves it to a headless Chromium page. It returns a summary (counts and a
// list of problems) for the test to assert, so nothing here depends on node:assert.

export const SOURCE_PROJECT = 'demo-project';
/** Forks go to the second project of the organisation, so the source project's
 * service list (and so its context) stays exactly as it was. */
export const TARGET_PROJECT = 'demo-project-2';
export const SOURCE = 'demo-pg';
const METHODS = ['getForkContext', 'fork', 'waitUntilRunning', 'forkMany'];
/** Longest a call may take to settle before it counts as "never settled". */
const SETTLE_MS = 30_000;
const ABORTED = 'the operation was aborted';

const json = (v) => JSON.stringify(v);

/** `promise` settled ({ ok, value } / { ok: false, error }), or `null` when it did not within SETTLE_MS. */
function settle(promise) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), SETTLE_MS);
  });
  const settled = Promise.resolve(promise).then(
    (value) => ({ ok: true, value }),
    (error) => ({ ok: false, error }),
  );
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

/**
 * @param {{ForkClient: Function, ForkError: Function, validateFork: Function}} lib the package
 * @param {{url: string, token: string, tag: string, maxDelayMs?: number}} opts sandbox address,
 *   demo token, a prefix that keeps fork names unique, the largest delay (default 50)
 */
export async function runAbortMatrix(lib, { url, token, tag, maxDelayMs = 50 }) {
  const { ForkClient, ForkError, validateFork } = lib;
  const client = new ForkClient({ baseUrl: url, token });
  const problems = [];
  const counts = Object.fromEntries(METHODS.map((m) => [m, { aborted: 0, completed: 0 }]));
  /** The outcome of the abort 0 ms after the call, per method. */
  const atZero = {};
  const request = (name) => ({
    project: TARGET_PROJECT,
    serviceName: name,
    source: { project: SOURCE_PROJECT, service: SOURCE },
  });

  // The normal results, read without a signal.
  const refContext = await client.getForkContext(SOURCE_PROJECT, SOURCE);
  const refService = await client.waitUntilRunning(SOURCE_PROJECT, SOURCE, { timeoutMs: 30_000 });

  /** The source's context exactly; only `pitr.end` ("now" on the server) may move forward. */
  const contextProblem = (got) => {
    const end = got?.pitr?.end;
    if (typeof end !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/.test(end) || end < refContext.pitr.end) {
      return `pitr.end ${json(end)} is not a time at or after ${refContext.pitr.end}`;
    }
    const same = { ...got, pitr: { ...got.pitr, end: refContext.pitr.end } };
    return json(same) === json(refContext) ? null : `context differs: ${json(got).slice(0, 300)}`;
  };
  /** `{service, created: true, attempts: 1}` for a new fork called `name`. */
  const forkProblem = (got, name) => {
    if (json(Object.keys(got ?? {})) !== json(['service', 'created', 'attempts'])) return `keys ${json(Object.keys(got ?? {}))}`;
    const s = got.service;
    const seen = [got.created, got.attempts, s.service_name, s.service_type, s.plan, s.state,
      s.user_config?.service_to_fork_from, s.user_config?.project_to_fork_from];
    const want = [true, 1, name, 'pg', refService.plan, 'REBUILDING', SOURCE, SOURCE_PROJECT];
    return json(seen) === json(want) ? null : `fork result ${json(seen)}, expected ${json(want)}`;
  };
  /** A ForkError `aborted` with one of the two abort messages. */
  const abortProblem = (error, name) => {
    if (!(error instanceof ForkError)) return `not a ForkError: ${String(error)}`;
    const afterCreate = `the fork was aborted after a create request was sent: check service ${name} in project ${TARGET_PROJECT} before retrying`;
    const messages = name === undefined ? [ABORTED] : [ABORTED, afterCreate];
    const ok = error.code === 'aborted' && messages.includes(error.message) &&
      json(error.errors) === json([{ code: 'aborted', field: '', message: error.message }]);
    return ok ? null : `unexpected ForkError ${error.code}: ${error.message} ${json(error.errors)}`;
  };
  /** One forkMany entry: the fork's exact result, or `aborted`. */
  const manyEntryProblem = (entry, name) => {
    if (entry?.ok === true) {
      const { ok, ...rest } = entry;
      return forkProblem(rest, name);
    }
    if (entry?.ok === false && json(Object.keys(entry)) === json(['ok', 'error'])) return abortProblem(entry.error, name);
    return `forkMany entry ${json(entry)}`;
  };

  /** Run one method with an abort after `delay` ms; returns 'aborted' or 'completed'. */
  async function one(method, delay) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), delay);
    const signal = controller.signal;
    const id = `${tag}-${method === 'fork' ? 'f' : 'm'}${delay}`;
    let call;
    let check;
    switch (method) {
      case 'getForkContext':
        call = client.getForkContext(SOURCE_PROJECT, SOURCE, { signal });
        check = (v) => contextProblem(v);
        break;
      case 'fork':
        call = client.fork(request(id), { signal });
        check = (v) => forkProblem(v, id);
        break;
      case 'waitUntilRunning':
        call = client.waitUntilRunning(SOURCE_PROJECT, SOURCE, { signal, pollMs: 10 });
        check = (v) => (json(v) === json(refService) ? null : `service differs: ${json(v).slice(0, 300)}`);
        break;
      case 'forkMany': {
        const names = [`${id}a`, `${id}b`];
        call = client.forkMany(names.map(request), { signal });
        check = (v) => {
          if (!Array.isArray(v) || v.length !== 2) return `forkMany result ${json(v)}`;
          return manyEntryProblem(v[0], names[0]) ?? manyEntryProblem(v[1], names[1]);
        };
        break;
      }
      default:
        throw new Error(method);
    }
    const result = await settle(call);
    clearTimeout(timer);
    const where = `${method} abort after ${delay} ms`;
    if (result === null) {
      problems.push(`${where}: never settled`);
      return;
    }
    // forkMany resolves even when aborted; its entries say which forks were.
    const aborted = method === 'forkMany'
      ? result.ok && result.value?.some?.((e) => e?.ok === false)
      : !result.ok;
    const problem = result.ok ? check(result.value) : abortProblem(result.error, method === 'fork' ? id : undefined);
    if (problem !== null) problems.push(`${where}: ${problem}`);
    counts[method][aborted ? 'aborted' : 'completed'] += 1;
    if (delay === 0) atZero[method] = aborted ? 'aborted' : 'completed';
  }

  for (let delay = 0; delay <= maxDelayMs; delay += 1) {
    await Promise.all(METHODS.map((m) => one(m, delay)));
  }

  // The same client and module keep working: every method once more, no signal.
  const after = {
    getForkContext: contextProblem(await client.getForkContext(SOURCE_PROJECT, SOURCE)),
    fork: forkProblem(await client.fork(request(`${tag}-after`)), `${tag}-after`),
    waitUntilRunning: json(await client.waitUntilRunning(SOURCE_PROJECT, SOURCE, { timeoutMs: 30_000 })) === json(refService) ? null : 'service differs',
    forkMany: manyEntryProblem((await client.forkMany([request(`${tag}-after-many`)]))[0], `${tag}-after-many`),
    validateFork: json(validateFork({ ...request('x-valid'), serviceType: 'pg', plan: 'business-4' }).errors) === '[]' ? null : 'validateFork failed',
  };
  for (const [k, p] of Object.entries(after)) if (p !== null) problems.push(`after the aborts, ${k}: ${p}`);
  return { counts, atZero, problems };
}
