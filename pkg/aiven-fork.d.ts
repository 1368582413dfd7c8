// Type declarations for `aiven-fork` (hand-written; the WebAssembly glue's own
// declarations would say `any`). Shared by the Node (ESM and CJS), bundler and web
// builds; `aiven-fork/web` adds `init`/`initSync` in web.d.ts.

/** Any JSON value (what `userConfig` and Aiven API objects hold). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** Stable error codes (`ForkError.code`, `errors[].code`). */
export type ErrorCode =
  | 'invalid_request'
  | 'missing_field'
  | 'invalid_type'
  | 'field_too_long'
  | 'unknown_field'
  | 'invalid_value'
  | 'invalid_service_name'
  | 'invalid_project_name'
  | 'name_equals_source'
  | 'name_taken'
  | 'unknown_service_type'
  | 'service_type_not_forkable'
  | 'service_type_retired'
  | 'service_type_mismatch'
  | 'source_not_found'
  | 'source_has_no_backup'
  | 'persistence_off'
  | 'invalid_time'
  | 'recovery_time_unsupported'
  | 'recovery_time_out_of_range'
  | 'recovery_time_in_future'
  | 'basebackup_unsupported'
  | 'invalid_backup_name'
  | 'basebackup_not_found'
  | 'invalid_plan'
  | 'invalid_cloud'
  | 'invalid_tag_key'
  | 'invalid_tag_value'
  | 'plan_not_found'
  | 'fewer_nodes'
  | 'fork_key_in_user_config'
  | 'not_fork_of_source'
  | 'fork_tag_missing'
  | 'termination_protected'
  | 'insecure_base_url'
  | 'invalid_base_url'
  | 'invalid_path_segment'
  | 'api_error'
  | 'network_error'
  | 'rate_limited'
  | 'wait_timeout'
  | 'aborted'
  | 'invalid_response'
  | 'client_freed';

/** Stable warning codes (`warnings[].code`). */
export type WarningCode =
  | 'integrations_not_copied'
  | 'sso_not_copied'
  | 'tags_not_copied'
  | 'single_node_until_restored'
  | 'time_without_zone'
  | 'time_precision_truncated'
  | 'cross_project_fork'
  | 'source_not_running';

/**
 * One finding: a stable code, the request field it concerns and a message. `field` is
 * the path of that field in the {@link ForkRequest} as given (`serviceName`,
 * `recovery.mode`, `recovery.time`, `recovery.name`, `plan`, `cloud`, `serviceType`,
 * `source.service`, `source.project`, `project`, `copyTags`, `userConfig`, ...), or
 * `""` for the whole request, so a form maps an issue to its control by exact path.
 */
export interface Issue {
  code: ErrorCode;
  field: string;
  message: string;
}

/** A warning: the shape of an {@link Issue}, and whether it says more than `notCopied`. */
export interface Warning {
  code: WarningCode;
  field: string;
  message: string;
  /**
   * True when everything the warning says is the report's `notCopied` items (the
   * integrations, the tags): a page that lists `notCopied` leaves it out instead of saying
   * it twice. False when it says more (single sign-on must be set up again on the fork).
   */
  listedInNotCopied: boolean;
}

/** Where the fork restores from. A `time` may be a string or a `Date`. */
export type Recovery =
  | { mode: 'latest' }
  | { mode: 'time'; time: string | Date }
  | { mode: 'backup'; name: string };

/** A fork request (camelCase). */
export interface ForkRequest {
  /** Target project. */
  project: string;
  /** Name of the new service. */
  serviceName: string;
  /** Defaults to the source's type when a context is given. */
  serviceType?: string;
  /** Defaults to the source's plan when a context is given. */
  plan?: string;
  /** Defaults to the source's cloud when a context is given. */
  cloud?: string;
  source: {
    service: string;
    /** Source project when it differs from `project`. */
    project?: string;
  };
  /** Default `{ mode: 'latest' }`. */
  recovery?: Recovery;
  diskSpaceMb?: number;
  terminationProtection?: boolean;
  tags?: { [key: string]: string };
  /** Copy the source's tags (default false). */
  copyTags?: boolean;
  /** Project VPC UUID, or `null` for the public internet. */
  projectVpcId?: string | null;
  /** Extra `user_config`; fork keys (`service_to_fork_from`, ...) may not be set here. */
  userConfig?: JsonObject;
}

/** An integration of the source service. */
export interface ContextIntegration {
  integrationType: string;
  sourceService: string;
  destService: string;
}

/** What is known about the fork's source and target (what `ForkClient.getForkContext` returns). */
export interface ForkContext {
  source: {
    project: string;
    serviceName: string;
    serviceType: string;
    plan: string;
    cloudName: string;
    nodeCount: number;
    state: string;
    userConfig: JsonObject;
    tags: { [key: string]: string };
    integrations: ContextIntegration[];
  };
  backups: { backupName: string; backupTime: string; dataSize: number }[];
  /** PITR window; `null` when the type has no point-in-time recovery. */
  pitr: { start: string | null; end: string | null } | null;
  /**
   * Plans of the service type (empty: unknown, plan rules skipped). `prices` maps a cloud
   * name to the plan's hourly price there in US dollars, as the decimal text Aiven sent
   * (`"0.2740"`); absent when the plan list had none.
   */
  plans: { name: string; nodeCount: number; prices?: { [cloud: string]: string } }[];
  /** Service names already taken in the target project (`null`: unknown). */
  takenNames: string[] | null;
}

/** One row of the service-type table. */
export interface ServiceType {
  /** API type name (`pg`, `redis`, ...). */
  name: string;
  /** Product name (`PostgreSQL`, `ClickHouse`, ...). */
  product: string;
  forkable: boolean;
  recovery: { latest: boolean; time: boolean; backup: boolean };
  /** The fork's plan may not have fewer nodes than the source (ClickHouse). */
  noFewerNodes: boolean;
  /** `user_config` key that turns persistence off (`redis_persistence`), if any. */
  persistenceKey: string | null;
  /** Extra characters allowed in backup names (ClickHouse: `+`). */
  backupNameExtraChars: string;
  /** `user_config` keys of sign-on methods that are not copied. */
  ssoKeys: string[];
  terraformResource: string;
  terraformUserConfigBlock: string;
}

/** One plan of the source's type, as a fork may or may not use it. */
export interface PlanChoice {
  name: string;
  /** Nodes of the plan (0 when the API did not say). */
  nodeCount: number;
  /** The source's own plan. */
  current: boolean;
  /** Whether a fork may use it (false: fewer nodes than the source where the type forbids that). */
  allowed: boolean;
}

/** What a fork of one source can be, from {@link forkChoices}. */
export interface ForkChoices {
  /** The source's API type name (`pg`). */
  serviceType: string;
  /** Its product name (`PostgreSQL`); the type name for a type the library does not know. */
  product: string;
  /**
   * Findings about the source itself (type not forkable or unknown, persistence off, no
   * backup): while any is present no request can fork it. The same issues
   * `validateFork` reports for any request against this context.
   */
  blockers: Issue[];
  /**
   * The recovery modes a fork of this source can use: the type's; all false for an unknown
   * type and while a blocker stands (nothing to restore from, so nothing to offer).
   */
  recovery: { latest: boolean; time: boolean; backup: boolean };
  /** The type's plans in the context's order (empty when the context has none). */
  plans: PlanChoice[];
  /** The fewest nodes a fork's plan may have when fewer than the source's are refused (ClickHouse); `null` otherwise. */
  minNodeCount: number | null;
}

/** Something the fork will not carry over. */
export interface NotCopied {
  kind: 'integration' | 'sso' | 'tags';
  name: string;
}

/** The hourly price of the fork's plan in its cloud (from the context's plan list). */
export interface PlanPrice {
  /** The fork's plan (the request's, or the source's). */
  plan: string;
  /** The fork's cloud (the request's, or the source's). */
  cloud: string;
  /** US dollars per hour, as the decimal text Aiven sent (`"0.2740"`). */
  hourlyUsd: string;
}

/** What `validateFork` returns; `ok` is true iff `errors` is empty. */
export interface ValidationReport {
  ok: boolean;
  errors: Issue[];
  warnings: Warning[];
  notCopied: NotCopied[];
  /** Values filled in from the context. */
  defaults: { serviceType?: string; plan?: string; cloud?: string };
  /**
   * The hourly price of the fork's plan in its cloud; absent without a context, for a
   * service type other than the source's, or when the plan list has no price there.
   */
  price?: PlanPrice;
}

/** The ServiceCreate body (snake_case, as Aiven takes it). */
export interface ServiceCreateBody {
  service_name: string;
  service_type: string;
  plan: string;
  cloud?: string;
  disk_space_mb?: number;
  termination_protection?: boolean;
  project_vpc_id?: string | null;
  tags?: { [key: string]: string };
  user_config: JsonObject;
  [key: string]: JsonValue | undefined;
}

/** The exact API call for a fork. */
export interface ApiCall {
  method: 'POST';
  /** `/v1/project/{project}/service`, project percent-encoded. */
  path: string;
  body: ServiceCreateBody;
}

/**
 * The same fork outside this library. `cli` and `curl` are safe to paste into bash or zsh
 * (with or without bracketed paste) and to run with bash, dash or zsh: printable ASCII and
 * newlines only, user text only inside single quotes, never in a comment. What a command
 * cannot say that way is in its hint, never in the command.
 */
export interface Equivalents {
  /**
   * `avn service create ...` (and `avn service tags replace ...` for tags). Empty when avn
   * cannot run this fork at all (`hints.cli` says why).
   */
  cli: string;
  /** curl with `Authorization: aivenv1 $AIVEN_TOKEN` (never the real token) and the exact body. */
  curl: string;
  /** Terraform HCL for the type's resource. */
  terraform: string;
  /** What each command cannot carry, in words for people; shown beside it, never part of it. */
  hints: EquivalentHints;
}

/** One hint per command; `null` when there is nothing to say. */
export interface EquivalentHints {
  /**
   * Why there is no avn command, or what the avn command leaves out of the request
   * (`copy_tags`, a disk size in MB, text that is not safe to paste, ...).
   */
  cli: string | null;
  /** Always `null` today: curl sends every request exactly. */
  curl: string | null;
  /** What the Terraform resource cannot express (arguments it lacks, another API URL). */
  terraform: string | null;
}

/** Options of {@link forkEquivalents}. */
export interface EquivalentsOptions {
  /**
   * The API the commands talk to (default `https://api.aiven.io`): `avn --url`, curl's URL,
   * and a Terraform hint. Checked like `ForkClient`'s `baseUrl`: https, or plain http to
   * this machine only (`insecure_base_url`, `invalid_base_url`).
   */
  baseUrl?: string;
}

/** The error every entry point throws (never a string, never a panic). */
export declare class ForkError extends Error {
  constructor(code: ErrorCode, message: string, errors?: Issue[], status?: number, serverMessage?: string);
  readonly name: 'ForkError';
  /** Stable code; the first error's code for validation failures. */
  code: ErrorCode;
  /** Every finding (at least one). */
  errors: Issue[];
  /** HTTP status, for API failures. */
  status?: number;
  /** The API's own message, for API failures. */
  serverMessage?: string;
}

/** The service types a fork can be made of (forkable and not retired by Aiven; a retired one is `service_type_retired`) and what each supports. */
export declare function serviceTypes(): ServiceType[];

/**
 * A {@link ForkContext} read and checked once and kept inside the WebAssembly module
 * (from {@link prepareForkContext}). Pass it wherever a context is taken to validate
 * many requests against one source without reading the context again. Opaque: no
 * fields, no public constructor (`new` throws a `ForkError`, `invalid_request`). After
 * `free()` every call given it throws a `ForkError` (`invalid_request`, field `context`).
 */
export declare class PreparedForkContext {
  private constructor();
  /** Release the wasm-side copy now (garbage collection also does it); a second call does nothing. */
  free(): void;
}

/** A context argument: the plain object `getForkContext` returns, or a prepared one. */
export type ForkContextInput = ForkContext | PreparedForkContext;

/**
 * Read and check `context` once (the same checks and `ForkError`s as a context given to
 * `validateFork`). Recommended when validating repeatedly against one source (a form
 * re-validating on every keystroke, a console checking many requests).
 */
export declare function prepareForkContext(context: ForkContextInput): PreparedForkContext;

/**
 * Run every rule that can run: without `context` only the static rules, with it
 * (what `getForkContext` returns, or a {@link PreparedForkContext}) all of them.
 * Every rule failure is in the returned report, however many. Throws a `ForkError` only
 * when an argument cannot be read as JSON data at all: not an object (`invalid_request`);
 * a value JSON cannot hold — `NaN` or `Infinity` (`invalid_value`), a BigInt, symbol or
 * function (`invalid_type`); a string over 65,536 characters (`field_too_long`); a string
 * or key with a lone surrogate (`invalid_value`); nesting over 32 levels, over 100,000
 * values, a request over 1 MiB or a context over 16 MiB of JSON, a cycle, a throwing
 * getter or Proxy (`invalid_request`); a freed prepared context (`invalid_request`,
 * field `context`). `errors[0].field` names the field where there is one.
 */
export declare function validateFork(request: ForkRequest, context?: ForkContextInput | null): ValidationReport;

/**
 * What a fork of the context's source can be: its recovery modes, the plans a fork may
 * use and the blockers no request can get past. A form renders this instead of
 * knowing rules. Throws `ForkError` (`missing_field`, field `context`) without a context.
 */
export declare function forkChoices(context: ForkContextInput): ForkChoices;

/** The exact ServiceCreate call; throws `ForkError` (with every error) when invalid. */
export declare function buildForkRequest(request: ForkRequest, context?: ForkContextInput | null): ApiCall;

/** What `checkForkRequest` returns. */
export interface RequestCheck {
  /** What `validateFork` returns for the same arguments. */
  report: ValidationReport;
  /** What `buildForkRequest` returns for the same arguments; `null` when `report` has an error. */
  call: ApiCall | null;
}

/**
 * `validateFork` and `buildForkRequest` in one call: the request and the context are read
 * once and the rules run once (the cheap way for a form or console that shows the report
 * and sends the call). Throws a `ForkError` only where `validateFork` throws: when an
 * argument cannot be read as JSON data at all.
 */
export declare function checkForkRequest(request: ForkRequest, context?: ForkContextInput | null): RequestCheck;

/**
 * The same fork as an `avn` command, a curl command and Terraform HCL, each with its hint,
 * for the API at `options.baseUrl`; throws `ForkError` when the request or the options are
 * invalid.
 */
export declare function forkEquivalents(
  request: ForkRequest,
  context?: ForkContextInput | null,
  options?: EquivalentsOptions | null,
): Equivalents;

/** Options of {@link formatTime}. */
export interface FormatTimeOptions {
  /**
   * Write the local time of a zone this many minutes east of UTC (-1439..1439; the zone's
   * offset at that moment, e.g. `-new Date(t).getTimezoneOffset()`), with its offset:
   * `2026-11-23 05:58:41 UTC+09:00`. Default 0: `2026-11-22 20:58:41 UTC`.
   */
  offsetMinutes?: number;
  /**
   * `down` (default): whole seconds, cut; `up`: rounded up to the next whole second (the
   * start of a window, so the text stays inside it); `exact`: with the fraction when not zero.
   */
  seconds?: 'down' | 'up' | 'exact';
}

/**
 * A time written for people, the one way the library writes times in its messages:
 * 24-hour `YYYY-MM-DD HH:MM:SS` and the zone named (`2026-11-22 20:58:41 UTC`; with
 * `offsetMinutes`, the local time and its offset). A recovery time accepts both forms back.
 * `time` is a `Date` or a time text in any shape a recovery time accepts; otherwise throws
 * `ForkError` (`invalid_time`, `invalid_type`, `invalid_value`, `unknown_field`).
 */
export declare function formatTime(time: string | Date, options?: FormatTimeOptions | null): string;

/** A duration for people, the two largest units that are not zero: `40 s`, `2 min 5 s`, `1 h 3 min`; `0 s` for anything not positive. */
export declare function formatDuration(ms: number): string;

/**
 * The name people know a service type by (`Apache Kafka` for `kafka`, `Caching` for
 * `redis`), the one name a page shows for it; the text itself for a type the library does
 * not know, `""` for anything that is not a string.
 */
export declare function productName(serviceType: string): string;

/** `waitUntilRunning` progress. */
export interface Progress {
  /** Service state (`REBUILDING`, `RUNNING`, ...). */
  state: string;
  /** Phase of the least advanced node (`basebackup`, `stream`, ...), if reported. */
  phase: string | null;
  /** Percent of that phase (0-100); 100 once RUNNING. */
  percent: number | null;
  nodes: { name: string; state: string; phase: string | null; percent: number | null }[];
}

/** Why a poll of `waitUntilRunning` got no usable answer. */
export type ConnectionProblem = 'no_answer' | 'timed_out' | 'server_error' | 'rate_limited';

/**
 * `waitUntilRunning`'s `onConnection` report: `lost` after every poll that got no usable
 * answer (polling goes on), `ok` once when the service is read again. Times are
 * milliseconds since 1970 (`Date.now()`).
 */
export interface ConnectionReport {
  state: 'lost' | 'ok';
  /** Why the last poll failed; `null` when `ok`. */
  problem: ConnectionProblem | null;
  /** HTTP status of that failure, when the API answered (5xx, 429). */
  status: number | null;
  /** When the service was last read; `null` before the first read of this wait. */
  lastAnswerAt: number | null;
  /** When the first failed poll in a row was sent; `null` when `ok`. */
  lostSince: number | null;
  /** When the next poll goes, in ms from the report; `null` when `ok`. */
  retryInMs: number | null;
}

/**
 * One line for people about a {@link ConnectionReport} at `nowMs` (default `Date.now()`):
 * `Connection lost, retrying (last answer 40 s ago).`, `The API is failing (HTTP 502),
 * retrying (last answer 12 s ago).`, `Connected again.`
 */
export declare function describeConnection(report: ConnectionReport, nowMs?: number): string;

/** The step that failed, for {@link explainForkError}. */
export type ForkStage = 'load' | 'submit' | 'wait';

/**
 * What helps, for {@link explainForkError}: `retry` the same step (transient failures
 * only), or the fix: `edit_name`, `edit_request`, `check_token`, `check_access`,
 * `pick_service`, `new_fork` (the fork is gone), `check_settings`.
 */
export type ForkErrorAction =
  | 'retry'
  | 'edit_name'
  | 'edit_request'
  | 'check_token'
  | 'check_access'
  | 'pick_service'
  | 'new_fork'
  | 'check_settings';

/** What {@link explainForkError} answers: one explanation, in one voice. */
export interface ForkErrorExplanation {
  /** The same step again can succeed (then `action` is `retry`; for a submit it never makes a second service). */
  transient: boolean;
  action: ForkErrorAction;
  /** What failed, in a few words: `Could not load demo-pg`. */
  title: string;
  /** Why, and what to do, in one or two sentences (no code, no HTTP status). */
  message: string;
  /** `code api_error · HTTP 502` (the code alone when there is no status). */
  details: string;
}

/** Options of {@link explainForkError}: the step and the names its sentences use. */
export interface ExplainOptions {
  stage: ForkStage;
  /** The project the fork goes to. */
  project?: string;
  /** The source service. */
  service?: string;
  /** The source's project, when it is another one. */
  sourceProject?: string;
  /** The fork's name (submit and wait). */
  name?: string;
}

/**
 * What a failed load (`getForkContext`), submit (`fork`) or wait (`waitUntilRunning`)
 * means for people and what helps: transient failures (no answer, 5xx, 429, a stop, a
 * timeout) are `retry`; a 401, a 403, a name taken by another service, a missing source,
 * a deleted fork or a refused request name their fix instead. `error` may be anything
 * thrown. Throws `ForkError` (`invalid_value`, field `stage`) for an unknown stage.
 */
export declare function explainForkError(error: unknown, options: ExplainOptions): ForkErrorExplanation;

/** A cloud a project can use (`ForkClient.listClouds`). */
export interface Cloud {
  /** What a fork's `cloud` takes: `google-europe-west1`. */
  cloudName: string;
  /** Aiven's description: `Europe, Belgium - Google Cloud: Belgium` (the name when absent). */
  description: string;
  /** Aiven's `geo_region`: `europe`, `north america`, ... (`""` when absent). */
  geoRegion: string;
  /** The region for people: `Europe`, `North America` (`Other` when absent). */
  regionLabel: string;
  /** `google`, `aws`, `azure`, ... (`""` when absent). */
  provider: string;
}

/** A fork of a source found in a project (`ForkClient.listForks`). */
export interface ForkInfo {
  serviceName: string;
  /** `REBUILDING`, `RUNNING`, ... */
  state: string;
  /** Still being created (`REBUILDING`): `waitUntilRunning` follows it to RUNNING. */
  inProgress: boolean;
  serviceType: string;
  plan: string;
  cloudName: string;
  /** Aiven's `create_time` as sent (`""` when absent). */
  createTime: string;
}

/** An Aiven service object as the API returns it (snake_case). */
export interface AivenService {
  service_name: string;
  service_type: string;
  state: string;
  [key: string]: JsonValue;
}

/** What `fork` resolves to. */
export interface ForkResult {
  /** The service as the API describes it. */
  service: AivenService;
  /** `false` when the fork already existed (a retry after a lost answer, or a 409 for the same source). */
  created: boolean;
  /** Create calls sent. */
  attempts: number;
}

/** One entry of `forkMany`'s result, in input order. */
export type ForkManyResult =
  | { ok: true; service: AivenService; created: boolean; attempts: number }
  | { ok: false; error: ForkError };

/** What `checkFork` resolves to. */
export interface CheckResult {
  /** Every rule against the live context, with the fork's `price` when the plan list has one. */
  report: ValidationReport;
  /**
   * The fork itself when it already exists (its name is taken by a fork of the same
   * source): `fork` would resolve it with `created: false`. `null` otherwise.
   */
  existing: AivenService | null;
  /** The context read; `null` when a static rule failed and nothing was read. */
  context: ForkContext | null;
}

/** What `deleteFork` resolves to. */
export interface DeleteResult {
  /** Whether this call deleted the service (`false`: there was no such service). */
  deleted: boolean;
  /** The service as read before it was deleted; `null` when there was none. */
  service: AivenService | null;
}

/**
 * A copy of `request` with the tag `aiven-fork-source=<source service>` (replacing any
 * value given for that key): the mark `ForkClient.deleteFork` requires before it deletes
 * a fork. Use it for forks meant to be deleted later (one per pull request, say). Throws
 * `ForkError` only when the request cannot be read.
 */
export declare function markForkDeletable(request: ForkRequest): ForkRequest;

/** Options of `new ForkClient`. */
export interface ForkClientOptions {
  /**
   * API base URL; default `https://api.aiven.io`. Plain http only to a loopback host. In a
   * browser page also a same-origin path (`/aiven-api`): the console backend behind it
   * authenticates the page (e.g. a session cookie) and adds the token itself.
   */
  baseUrl?: string;
  /**
   * Aiven token, sent as `Authorization: aivenv1 <token>`; never echoed in errors. Required
   * unless `baseUrl` is a same-origin path; refused (`insecure_base_url`) over plain http to
   * another machine.
   */
  token?: string;
  /**
   * Extra request headers, e.g. a console backend's CSRF header. `Authorization`, hop-by-hop
   * headers (`Connection`, `Transfer-Encoding`, `Proxy-*`, ...), `Host`, `Cookie` and
   * `Content-Length` are refused (`invalid_value`, field `headers.<name>`).
   */
  headers?: { [name: string]: string };
  /** fetch's credentials mode (whether the browser sends cookies); default: fetch's (`same-origin`). */
  credentials?: 'omit' | 'same-origin' | 'include';
  /** Per-request timeout in milliseconds. */
  requestTimeoutMs?: number;
  /** Longest wait a 429 answer may impose before `rate_limited` is thrown. */
  maxRateLimitWaitMs?: number;
}

/** Submits forks built by the rules, safely (no duplicates, bounded abortable retries). */
export declare class ForkClient {
  constructor(options: ForkClientOptions);
  /** The checked base URL. */
  readonly baseUrl: string;
  /**
   * Read the source service, its backups, the target project's services and the
   * type's plans (concurrently) as the context `validateFork` takes.
   */
  getForkContext(
    project: string,
    service: string,
    options?: { signal?: AbortSignal; serviceType?: string; targetProject?: string },
  ): Promise<ForkContext>;
  /** Validate, build and submit one fork; never creates two services. */
  fork(request: ForkRequest, options?: { signal?: AbortSignal; context?: ForkContext }): Promise<ForkResult>;
  /**
   * Poll until the service is RUNNING (every `pollMs`, default 5000), reporting progress
   * after every read and the connection (`onConnection`: `lost` after every poll with no
   * usable answer, at once; `ok` when answers are back); the timeout is the caller's (no
   * hidden cap). Aborting `signal` stops the wait, not the fork.
   */
  waitUntilRunning(
    project: string,
    name: string,
    options?: {
      onProgress?: (progress: Progress) => void;
      onConnection?: (report: ConnectionReport) => void;
      signal?: AbortSignal;
      timeoutMs?: number;
      pollMs?: number;
    },
  ): Promise<AivenService>;
  /** The clouds `project` can use (`GET /v1/project/{project}/clouds`), in the API's order. */
  listClouds(project: string, options?: { signal?: AbortSignal }): Promise<Cloud[]>;
  /**
   * The forks of `source` (in `sourceProject`, default `project`) in `project`, newest first:
   * a page opened again finds a fork still being created (`inProgress`) and follows it.
   */
  listForks(
    project: string,
    source: string,
    options?: { sourceProject?: string; signal?: AbortSignal },
  ): Promise<ForkInfo[]>;
  /**
   * A dry run of `fork`: the static rules, then the reads `fork` makes (and the type's
   * plans, for the price) and the full report; nothing is created.
   */
  checkFork(request: ForkRequest, options?: { signal?: AbortSignal }): Promise<CheckResult>;
  /**
   * Delete the fork `name` in `project`, only when it is a fork of `forkedFrom` (in
   * `sourceProject`, default `project`) that carries the tag of {@link markForkDeletable}
   * and has no termination protection; otherwise rejects with `not_fork_of_source`,
   * `fork_tag_missing` or `termination_protected` and sends no DELETE. A service that
   * does not exist resolves `{ deleted: false, service: null }`.
   */
  deleteFork(
    project: string,
    name: string,
    options: { forkedFrom: string; sourceProject?: string; signal?: AbortSignal },
  ): Promise<DeleteResult>;
  /**
   * Fork several services with bounded concurrency; never rejects for a single failure. Each
   * distinct source's context is read once for the whole call and shared by its forks.
   */
  forkMany(
    requests: ForkRequest[],
    options?: {
      concurrency?: number;
      signal?: AbortSignal;
      onResult?: (result: ForkManyResult, index: number) => void;
    },
  ): Promise<ForkManyResult[]>;
  /**
   * Release the wasm-side state (optional; garbage collection also does it); a second call
   * does nothing. Afterwards every method rejects, and `baseUrl` throws, a `ForkError`
   * (`client_freed`); calls already running finish normally.
   */
  free(): void;
}
