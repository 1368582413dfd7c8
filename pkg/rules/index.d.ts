// `aiven-fork/rules`: the fork rules without `ForkClient` (a smaller module for pages
// and scripts that only validate, build requests and show equivalents). The same
// declarations as the main entry, minus the client; `aiven-fork/rules/web` adds
// `init`/`initSync` in web.d.ts.
export {
  ForkError,
  serviceTypes,
  validateFork,
  buildForkRequest,
  checkForkRequest,
  forkEquivalents,
  forkChoices,
  PreparedForkContext,
  prepareForkContext,
  formatTime,
  formatDuration,
  productName,
} from '../aiven-fork.js';
export type {
  JsonValue,
  JsonObject,
  ErrorCode,
  WarningCode,
  Issue,
  Warning,
  Recovery,
  ForkRequest,
  ContextIntegration,
  ForkContext,
  ForkContextInput,
  ServiceType,
  NotCopied,
  ValidationReport,
  PlanPrice,
  ServiceCreateBody,
  ApiCall,
  RequestCheck,
  Equivalents,
  EquivalentHints,
  EquivalentsOptions,
  ForkChoices,
  PlanChoice,
  FormatTimeOptions,
} from '../aiven-fork.js';
