// The public API used from TypeScript, as the README shows it. Type-checked by
// scripts/test.sh with `tsc --noEmit --strict` (never run).
import {
  ForkClient,
  ForkError,
  buildForkRequest,
  forkEquivalents,
  serviceTypes,
  validateFork,
  type ApiCall,
  type Equivalents,
  type ForkContext,
  type ForkRequest,
  type ForkResult,
  type Progress,
  type ServiceType,
  type ValidationReport,
} from 'aiven-fork';

const request: ForkRequest = {
  project: 'demo-project',
  serviceName: 'demo-pg-incident',
  source: { service: 'demo-pg' },
  recovery: { mode: 'time', time: new Date('2026-01-02T03:04:05Z') },
  tags: { purpose: 'incident-review' },
  userConfig: { pg: { log_min_duration_statement: 1000 } },
};

const types: ServiceType[] = serviceTypes();
const pitrTypes: string[] = types.filter((t) => t.recovery.time).map((t) => t.name);

const offline: ValidationReport = validateFork(request);
for (const e of offline.errors) {
  const line: string = `${e.field}: ${e.code} ${e.message}`;
  void line;
}

export async function forkForIncident(token: string, signal: AbortSignal): Promise<string> {
  const client = new ForkClient({ baseUrl: 'http://127.0.0.1:8787', token });
  const context: ForkContext = await client.getForkContext('demo-project', 'demo-pg', { signal });
  const base: string = client.baseUrl;
  void base;
  const report = validateFork(request, context);
  if (!report.ok) return report.errors.map((e) => e.code).join(', ');
  const call: ApiCall = buildForkRequest(request, context);
  const eq: Equivalents = forkEquivalents(request, context);
  // Commands for the API in use; a hint beside each command that cannot say everything.
  const local: Equivalents = forkEquivalents(request, context, { baseUrl: client.baseUrl });
  const cliHint: string | null = local.hints.cli;
  const tfHint: string = eq.hints.terraform ?? '';
  void cliHint;
  void tfHint;
  const result: ForkResult = await client.fork(request, { signal });
  const running = await client.waitUntilRunning('demo-project', result.service.service_name, {
    signal,
    timeoutMs: 30 * 60_000,
    onProgress: (p: Progress) => {
      const pct: number | null = p.percent;
      void pct;
    },
  });
  const many = await client.forkMany([request], { concurrency: 2, signal });
  const failed: ForkError[] = many.flatMap((r) => (r.ok ? [] : [r.error]));
  const created: boolean[] = many.flatMap((r) => (r.ok ? [r.created] : []));
  void created;
  client.free();
  return `${call.path} ${eq.cli.length} ${running.state} ${failed.length} ${pitrTypes.join()}`;
}
