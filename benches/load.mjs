// Load: forkMany of 100 forks against the sandbox with 429s injected: total time,
// duplicates and lost forks (counted in the sandbox), and the theoretical minimum
// that the injected rate limiting allows.
import { loadPackage } from './lib/pkg.mjs';
import { admin, recordFetches, startBenchSandbox } from './lib/sandbox-run.mjs';

const FORKS = Number(process.env.BENCH_LOAD_FORKS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_LOAD_CONCURRENCY ?? 8);
const LATENCY_MS = 20;
const RATE_429 = 0.2;
const RETRY_AFTER_S = 1;
const TARGET_MULT = 1.2;
// API reads (GETs) of one forkMany of FORKS forks of one source.
const TARGET_READS = 110;

export async function run({ root, log }) {
  const lib = await loadPackage(root);
  const sb = await startBenchSandbox(root, { latencyMs: LATENCY_MS, rebuildSecs: 600 });
  const adm = admin(sb);
  try {
    const project = 'demo-project';
    const prefix = `load${Date.now().toString(36)}`;
    const requests = Array.from({ length: FORKS }, (_, i) => ({
      project,
      serviceName: `${prefix}-${String(i).padStart(3, '0')}`,
      source: { service: 'demo-pg' },
    }));
    const client = new lib.ForkClient({ baseUrl: sb.url, token: sb.token });
    await adm.faults({ latencyMs: LATENCY_MS, seed: 42, only: 'create', rates: { 429: RATE_429 }, retryAfterSecs: RETRY_AFTER_S });
    await adm.clearRequests();

    const rec = recordFetches();
    const t0 = performance.now();
    let results;
    let thrown = null;
    try {
      results = await client.forkMany(requests, { concurrency: CONCURRENCY });
    } catch (e) {
      thrown = e;
    } finally {
      rec.restore();
    }
    const total = performance.now() - t0;
    await adm.faults({ latencyMs: 0, rates: { 429: 0 } });

    // ---- count in the sandbox ----
    const serverLog = await adm.requests();
    const listed = await adm.api('GET', `/v1/project/${project}/service`);
    const names = new Set(requests.map((r) => r.serviceName));
    const perName = new Map();
    for (const s of listed.services ?? []) {
      if (names.has(s.service_name)) perName.set(s.service_name, (perName.get(s.service_name) ?? 0) + 1);
    }
    const creates = serverLog.filter((r) => r.method === 'POST' && /^\/v1\/project\/[^/]+\/service$/.test(r.path ?? ''));
    const createdByName = new Map();
    for (const r of creates) {
      if (r.status >= 200 && r.status < 300) {
        const name = r.body?.service_name ?? (typeof r.body === 'string' ? JSON.parse(r.body).service_name : undefined);
        createdByName.set(name, (createdByName.get(name) ?? 0) + 1);
      }
    }
    const duplicates =
      [...perName.values()].reduce((a, n) => a + Math.max(0, n - 1), 0) + [...createdByName.values()].reduce((a, n) => a + Math.max(0, n - 1), 0);
    const lost = [...names].filter((n) => !perName.has(n)).length;
    const rate429 = serverLog.filter((r) => r.status === 429).length;
    const failed = Array.isArray(results) ? results.filter((r) => r && (r.error || r.ok === false || r.status === 'rejected')).length : FORKS;

    // ---- the theoretical minimum ----
    // A 429 means "this token may send nothing for Retry-After seconds": the time the
    // limit forbids is the union of [answer, answer + Retry-After] over every 429 the
    // server sent. On top of that, every fork needs at least its create (plus each
    // 429'd attempt again) at full concurrency, one latency each.
    const windows = rec.log
      .filter((e) => e.status === 429)
      .map((e) => [e.end, e.end + RETRY_AFTER_S * 1000])
      .sort((a, b) => a[0] - b[0]);
    let closed = 0;
    let cur = null;
    for (const w of windows) {
      if (cur && w[0] <= cur[1]) cur[1] = Math.max(cur[1], w[1]);
      else {
        if (cur) closed += cur[1] - cur[0];
        cur = [...w];
      }
    }
    if (cur) closed += cur[1] - cur[0];
    const needed = FORKS + windows.length;
    const work = Math.ceil(needed / CONCURRENCY) * LATENCY_MS;
    const minimum = Math.round(closed + work);
    const reads = rec.log.filter((e) => e.method === 'GET').length;
    const mult = total / minimum;
    log(
      `forkMany ${FORKS} (concurrency ${CONCURRENCY}): ${total.toFixed(0)} ms, ${rec.log.length} requests, ${rate429} x 429; ` +
        `duplicates ${duplicates}, lost ${lost}, failed ${failed}${thrown ? `, threw ${thrown.code ?? thrown}` : ''}; minimum ${minimum} ms`,
    );

    const rows = [
      {
        measure: `load: forkMany ${FORKS} with 429s, duplicates / lost`,
        value: `${duplicates} / ${lost}`,
        target: '0 / 0',
        status: duplicates === 0 && lost === 0 && !thrown ? 'pass' : 'miss',
      },
      {
        measure: `API reads for forkMany of ${FORKS} forks of one source`,
        value: `${reads}`,
        target: `<= ${TARGET_READS}`,
        status: reads <= TARGET_READS ? 'pass' : 'miss',
      },
      {
        measure: 'load: total time / rate-limit minimum',
        value: `${mult.toFixed(2)} x (${(total / 1000).toFixed(2)} s vs ${(minimum / 1000).toFixed(2)} s)`,
        target: `<= ${TARGET_MULT} x`,
        status: mult <= TARGET_MULT ? 'pass' : 'miss',
      },
    ];
    const details = [
      `\`forkMany\` of ${FORKS} PostgreSQL forks (concurrency ${CONCURRENCY}) against the sandbox with ${LATENCY_MS} ms latency and`,
      `${RATE_429 * 100}% of creates answered 429 (\`Retry-After: ${RETRY_AFTER_S}\`, seeded). Counted in the sandbox afterwards:`,
      "its service list (every requested name present exactly once) and its request log (at most one successful create per name).",
      '',
      `| | |`,
      '|---|---|',
      `| total time | ${total.toFixed(0)} ms |`,
      `| HTTP requests made | ${rec.log.length} (${creates.length} creates, ${rate429} answered 429) |`,
      `| duplicates | ${duplicates} |`,
      `| lost | ${lost} |`,
      `| results reporting an error | ${failed}${thrown ? ` (forkMany threw \`${thrown.code ?? thrown}\`)` : ''} |`,
      `| reads (GET) made by forkMany | ${reads} |`,
      `| time the 429s forbade sending (union of Retry-After windows) | ${Math.round(closed)} ms |`,
      `| creates needed (forks + 429'd attempts) / concurrency x latency | ${work} ms |`,
      `| theoretical minimum (sum) | ${minimum} ms |`,
      `| total / minimum | ${mult.toFixed(2)} |`,
    ].join('\n');
    return { name: 'load', title: `Load (forkMany ${FORKS} with 429s)`, rows, details };
  } finally {
    await sb.stop();
  }
}
