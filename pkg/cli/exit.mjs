// The exit codes of the `aiven-fork` command: stable, documented in `aiven-fork --help`
// and the package README. Chosen from the ForkError code the library answers with.

/** Exit code by meaning. */
export const EXIT = Object.freeze({
  ok: 0,
  refused: 1,
  usage: 2,
  failed: 3,
  timeout: 4,
  notDeleted: 5,
  interrupted: 130,
});

/** The table `--help` prints: [code, meaning]. */
export const EXIT_TABLE = [
  [EXIT.ok, 'done: forked (or the fork already existed) [and RUNNING with --wait]; check found no error; deleted (or nothing to delete)'],
  [EXIT.refused, 'refused by a fork rule, nothing sent (check: the report has errors)'],
  [EXIT.usage, 'usage error: flags, no token, a bad --base-url'],
  [EXIT.failed, 'the API or the network failed'],
  [EXIT.timeout, '--wait reached --timeout before the fork was RUNNING'],
  [EXIT.notDeleted, 'delete refused: not a fork of --forked-from made by aiven-fork, or termination protection on; nothing deleted'],
  [EXIT.interrupted, 'interrupted (Ctrl-C): the request in flight was aborted'],
];

const FAILED = new Set(['api_error', 'network_error', 'rate_limited', 'invalid_response', 'client_freed']);
const USAGE = new Set(['insecure_base_url', 'invalid_base_url']);
const NOT_DELETED = new Set(['not_fork_of_source', 'fork_tag_missing', 'termination_protected']);

/** The exit code for a failure (a ForkError, or anything thrown). */
export function exitCodeFor(error) {
  const code = error?.code;
  if (code === 'aborted') return EXIT.interrupted;
  if (code === 'wait_timeout') return EXIT.timeout;
  if (USAGE.has(code)) return EXIT.usage;
  if (NOT_DELETED.has(code)) return EXIT.notDeleted;
  if (FAILED.has(code) || typeof code !== 'string') return EXIT.failed;
  return EXIT.refused;
}
