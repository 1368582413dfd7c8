// What `aiven-fork fork | check | delete` (and the GitHub Action) do, over ForkClient:
// build the request, call the library, return what happened. Every decision about a
// fork (its rules, whether it exists, whether a service may be deleted, its price) is
// the library's; nothing here prints.

import { ForkClient, forkEquivalents, markForkDeletable } from '../node/aiven_fork.mjs';

/**
 * The fork request of the options (`project`, `source`, `name`, `sourceProject`, `time`,
 * `backup`, `plan`, `cloud`, `tags`, `copyTags`), marked deletable: the library tags it
 * `aiven-fork-source=<source>`, the mark `delete` requires.
 */
export function forkRequest(o) {
  const request = {
    project: o.project,
    serviceName: o.name,
    source: { service: o.source, ...(o.sourceProject ? { project: o.sourceProject } : {}) },
    recovery: o.time !== undefined ? { mode: 'time', time: o.time } : o.backup !== undefined ? { mode: 'backup', name: o.backup } : { mode: 'latest' },
    ...(o.plan !== undefined ? { plan: o.plan } : {}),
    ...(o.cloud !== undefined ? { cloud: o.cloud } : {}),
    ...(o.tags && Object.keys(o.tags).length > 0 ? { tags: o.tags } : {}),
    ...(o.copyTags ? { copyTags: true } : {}),
  };
  return markForkDeletable(request);
}

/** A client for `baseUrl` (default Aiven's) with `token`; throws ForkError for a bad URL. */
export function client(baseUrl, token) {
  return new ForkClient({ ...(baseUrl !== undefined ? { baseUrl } : {}), token });
}

const SUMMARY_KEYS = [
  'service_name', 'service_type', 'plan', 'cloud_name', 'state', 'node_count', 'disk_space_mb',
  'termination_protection', 'tags', 'create_time', 'update_time',
];
const FORK_KEYS = ['service_to_fork_from', 'project_to_fork_from', 'recovery_target_time', 'recovery_basebackup_name'];

/**
 * What is printed of a service: its identity, plan, state and fork keys, as the API
 * names them. Never its connection URI, users, passwords or connection details.
 */
export function summary(service) {
  if (service === null || service === undefined) return null;
  const out = {};
  for (const k of SUMMARY_KEYS) if (service[k] !== undefined) out[k] = service[k];
  const uc = service.user_config ?? {};
  const fork = {};
  for (const k of FORK_KEYS) if (uc[k] !== undefined) fork[k] = uc[k];
  out.user_config = fork;
  return out;
}

/** The same fork as avn, curl and Terraform commands (against `client`'s API). */
function equivalents(request, context, api) {
  return forkEquivalents(request, context, { baseUrl: api.baseUrl });
}

/**
 * Fork: `{ created, attempts, service, equivalents? }`. With `explain`, a dry run
 * first gives the equivalents (and the context, so the fork reads nothing again);
 * `onForked(result)` runs once the fork exists, before waiting; with `wait`, the
 * result's `service` is the RUNNING one. Rejects with the library's ForkError.
 */
export async function fork(api, request, { explain = false, wait = false, timeoutMs, pollMs, signal, onForked, onProgress } = {}) {
  let context;
  let eq;
  if (explain) {
    const checked = await api.checkFork(request, { signal });
    // A fork that exists already is answered without a create; one that breaks a rule
    // is refused by `fork` below with the library's error.
    if (checked.existing === null && checked.report.ok) {
      context = checked.context;
      eq = equivalents(request, context, api);
    }
  }
  const done = await api.fork(request, { signal, ...(context ? { context } : {}) });
  const result = { created: done.created, attempts: done.attempts, service: done.service, ...(eq ? { equivalents: eq } : {}) };
  onForked?.(result);
  if (wait) {
    result.service = await api.waitUntilRunning(request.project, request.serviceName, {
      signal,
      ...(onProgress ? { onProgress } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(pollMs !== undefined ? { pollMs } : {}),
    });
  }
  return result;
}

/**
 * Check (a dry run, nothing created): `{ ok, report, existing, equivalents? }`. `ok`:
 * `fork` would succeed (every rule passes, or the fork exists already).
 */
export async function check(api, request, { explain = false, signal } = {}) {
  const { report, existing, context } = await api.checkFork(request, { signal });
  const ok = report.ok || existing !== null;
  const eq = explain && report.ok && context !== null ? equivalents(request, context, api) : undefined;
  return { ok, report, existing, ...(eq ? { equivalents: eq } : {}) };
}

/** Delete a fork made deletable, of `forkedFrom`: `{ deleted, service }`. */
export async function remove(api, { project, name, forkedFrom, sourceProject, signal }) {
  return api.deleteFork(project, name, { forkedFrom, ...(sourceProject ? { sourceProject } : {}), signal });
}
