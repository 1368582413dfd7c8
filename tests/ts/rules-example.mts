// The rules-only entries: the same rules API as the main entry, without ForkClient.
import {
  buildForkRequest,
  checkForkRequest,
  ForkError,
  prepareForkContext,
  serviceTypes,
  validateFork,
  type ApiCall,
  type ForkContext,
  type ForkRequest,
  type RequestCheck,
  type ValidationReport,
} from 'aiven-fork/rules';
import init, { forkEquivalents, type InitInput } from 'aiven-fork/rules/web';
// @ts-expect-error ForkClient is only in the main entry.
import { ForkClient } from 'aiven-fork/rules';

const request: ForkRequest = {
  project: 'my-project',
  serviceName: 'orders-db-incident',
  source: { service: 'orders-db' },
  recovery: { mode: 'time', time: new Date('2026-03-01T09:30:00Z') },
};

export function check(context: ForkContext): { report: ValidationReport; call: ApiCall | null; code: string | null } {
  const prepared = prepareForkContext(context);
  const report = validateFork(request, prepared);
  try {
    return { report, call: buildForkRequest(request, prepared), code: null };
  } catch (e) {
    if (e instanceof ForkError) return { report, call: null, code: e.code };
    throw e;
  }
}

/** The same answer in one call: `call` is null exactly when the report has an error. */
export function checkOnce(context: ForkContext): ApiCall | null {
  const checked: RequestCheck = checkForkRequest(request, prepareForkContext(context));
  return checked.report.ok ? checked.call : null;
}

export async function inBrowser(wasm: InitInput): Promise<string> {
  await init({ module_or_path: wasm });
  const forkable: string[] = serviceTypes().filter((t) => t.forkable).map((t) => t.name);
  return forkable.join(',') + forkEquivalents(request).cli;
}

export const noClient: unknown = ForkClient;
