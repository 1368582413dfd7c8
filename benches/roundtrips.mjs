// Round trips: from "source name known" to "fork accepted" (ForkClient.getForkContext
// + fork) against the sandbox with 50 ms injected latency.
import { loadPackage } from './lib/pkg.mjs';
import { admin, median, recordFetches, roundTrips, startBenchSandbox } from './lib/sandbox-run.mjs';

const LATENCY_MS = 50;
const RUNS = Number(process.env.BENCH_RT_RUNS ?? 7);
const TARGET_RT = 2;
const TARGET_MULT = 2.2;

export async function run({ root, log }) {
  const lib = await loadPackage(root);
  const sb = await startBenchSandbox(root, { latencyMs: LATENCY_MS, rebuildSecs: 600 });
  const adm = admin(sb);
  try {
    await adm.faults({ latencyMs: LATENCY_MS });
    const client = new lib.ForkClient({ baseUrl: sb.url, token: sb.token });
    // One unmeasured pass warms the connection pool and the JIT (a console keeps its
    // HTTP connection open between calls, too).
    const project = 'demo-project';
    const source = 'demo-pg';
    // `hint`: getForkContext(project, service, { serviceType }) — a caller that already
    // knows the source's type (a console listing its services does) lets the plans read
    // go out with the first reads (src/bindings/client.rs).
    const series = async (passContext, runs, hint = false) => {
    const samples = [];
    for (let i = -1; i < runs; i++) {
      await adm.clearRequests();
      const rec = recordFetches();
      const t0 = performance.now();
      let result;
      let ctx;
      try {
        ctx = hint ? await client.getForkContext(project, source, { serviceType: 'pg' }) : await client.getForkContext(project, source);
        const end = ctx.pitr?.end ? Date.parse(ctx.pitr.end) : Date.now();
        const start = Date.parse(ctx.pitr.start);
        const time = new Date(start + (end - start) / 2).toISOString();
        result = await client.fork(
          {
            project,
            serviceName: `rt-${Date.now().toString(36)}-${hint ? 'h' : passContext ? 'c' : 'n'}${i + 1}`,
            source: { service: source },
            recovery: { mode: 'time', time },
          },
          passContext ? { context: ctx } : {},
        );
      } finally {
        rec.restore();
      }
      const wall = performance.now() - t0;
      const serverLog = (await adm.requests()).filter((r) => String(r.path ?? '').startsWith('/v1/'));
      const rts = roundTrips(rec.log);
      if (i >= 0) samples.push({ wall, rts, requests: rec.log.length, logged: serverLog.length, created: result?.created, log: rec.log });
      log(
        `${hint ? 'getForkContext(.., {serviceType}) + ' : ''}${passContext ? 'fork(request, {context})' : 'fork(request)'} ${i < 0 ? 'warm-up' : `run ${i + 1}`}: ${rts} round trips, ` +
          `${rec.log.length} requests (sandbox log: ${serverLog.length}), ${wall.toFixed(0)} ms = ${(wall / LATENCY_MS).toFixed(2)} x latency`,
      );
    }
    return samples;
    };
    const samples = await series(true, RUNS);
    const without = await series(false, Math.max(3, Math.floor(RUNS / 2)));
    const hinted = await series(true, RUNS, true);
    const hintWall = median(hinted.map((s) => s.wall));
    const hintRt = median(hinted.map((s) => s.rts));
    const hintMult = hintWall / LATENCY_MS;
    const hintLast = hinted[hinted.length - 1];
    const withoutWall = median(without.map((s) => s.wall));
    const withoutRt = median(without.map((s) => s.rts));
    // Calibration: the 2-round-trip floor on this machine with plain fetch and no library:
    // every read at once, then the create. `plansUrl` is where the plans come from: the
    // type's plans (as if the caller gave the type), or the project's service-type list.
    const floorRun = async (plansUrl) => {
      const out = [];
      let bytes = 0;
      for (let i = -1; i < RUNS; i++) {
        const h = { authorization: `aivenv1 ${sb.token}` };
        const base = `${sb.url}/v1/project/${project}`;
        const t0 = performance.now();
        const texts = await Promise.all(
          [`${base}/service/${source}`, `${base}/service/${source}/backups`, `${base}/service`, `${base}${plansUrl}`].map((u) =>
            fetch(u, { headers: h }).then((r) => r.text()),
          ),
        );
        const svc = JSON.parse(texts[0]);
        bytes = texts[3].length;
        const body = {
          service_name: `rtf-${Date.now().toString(36)}-${i + 1}`,
          service_type: svc.service.service_type,
          plan: svc.service.plan,
          user_config: { service_to_fork_from: source },
        };
        const res = await fetch(`${base}/service`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        await res.json();
        if (i >= 0) out.push(performance.now() - t0);
      }
      return { wall: median(out), bytes };
    };
    const floorTyped = await floorRun('/service-types/pg/plans');
    const floorList = await floorRun('/service-types');
    const floor = [floorTyped.wall];
    const floorWall = median(floor);
    const wallMed = median(samples.map((s) => s.wall));
    const rtMed = median(samples.map((s) => s.rts));
    const mult = wallMed / LATENCY_MS;
    const last = samples[samples.length - 1];
    const t0 = Math.min(...last.log.map((e) => e.start));
    const rows = [
      { measure: 'round trips: source known -> fork accepted (no type hint)', value: `${rtMed}`, target: `${TARGET_RT}`, status: rtMed <= TARGET_RT ? 'pass' : 'miss' },
      {
        measure: 'round trips: wall time / injected latency',
        value: `${mult.toFixed(2)} x (${wallMed.toFixed(0)} ms)`,
        target: `<= ${TARGET_MULT} x`,
        status: mult <= TARGET_MULT ? 'pass' : 'miss',
      },
      {
        measure: 'round trips with the type hint: getForkContext(p, s, {serviceType}) -> fork accepted',
        value: `${hintRt}`,
        target: `${TARGET_RT}`,
        status: hintRt <= TARGET_RT ? 'pass' : 'miss',
      },
      {
        measure: '  with the type hint: wall time / injected latency',
        value: `${hintMult.toFixed(2)} x (${hintWall.toFixed(0)} ms)`,
        target: `<= ${TARGET_MULT} x`,
        status: hintMult <= TARGET_MULT ? 'pass' : 'miss',
      },
      {
        measure: '  floor: 2 round trips, plain fetch, plans of a known type',
        value: `${(floorWall / LATENCY_MS).toFixed(2)} x (${floorWall.toFixed(0)} ms)`,
        target: '',
        status: 'info',
      },
      {
        measure: '  floor: 2 round trips, plain fetch, project service-type list',
        value: `${(floorList.wall / LATENCY_MS).toFixed(2)} x (${floorList.wall.toFixed(0)} ms)`,
        target: '',
        status: 'info',
      },
      {
        measure: '  without passing the context to fork()',
        value: `${withoutRt} round trips, ${(withoutWall / LATENCY_MS).toFixed(2)} x`,
        target: '',
        status: 'info',
      },
    ];
    const details = [
      `\`new ForkClient({baseUrl, token})\`, then \`getForkContext('${project}', '${source}')\` and \`fork(request, {context})\` of a point-in-time`,
      `request, against the sandbox with ${LATENCY_MS} ms latency injected on every API request. ${RUNS} runs after a warm-up,`,
      'median. Requests are timed at the global `fetch` (the package uses it); requests that overlap in time count',
      'as one round trip. The sandbox request log is cross-checked for the request count.',
      '',
      `Without handing the context to \`fork()\` (it then reads the source again): ${withoutRt} round trips, ${withoutWall.toFixed(1)} ms = ${(withoutWall / LATENCY_MS).toFixed(2)} x latency.`,
      '',
      `Median: ${rtMed} round trips, ${wallMed.toFixed(1)} ms = ${mult.toFixed(2)} x latency; requests per run: ${last.requests} (sandbox log: ${last.logged}).`,
      '',
      `With the type hint, \`getForkContext('${project}', '${source}', { serviceType: 'pg' })\` (the caller already knows the`,
      `source's type, as a console listing its services does; the plans read then goes out with the first reads):`,
      `${hintRt} round trips, ${hintWall.toFixed(1)} ms = ${hintMult.toFixed(2)} x latency; requests per run: ${hintLast.requests} (sandbox log: ${hintLast.logged}).`,
      'Without the hint the type is only known from the first answer, so the plans need a second round trip before the create (3).',
      '',
      'Last run, request by request:',
      '',
      '| request | start | end | status |',
      '|---|---|---|---|',
      ...last.log.map((e) => `| ${e.method} ${new URL(e.url).pathname} | ${(e.start - t0).toFixed(0)} ms | ${(e.end - t0).toFixed(0)} ms | ${e.status} |`),
      '',
      'Last run with the type hint:',
      '',
      '| request | start | end | status |',
      '|---|---|---|---|',
      ...(() => {
        const h0 = Math.min(...hintLast.log.map((e) => e.start));
        return hintLast.log.map((e) => `| ${e.method} ${new URL(e.url).pathname} | ${(e.start - h0).toFixed(0)} ms | ${(e.end - h0).toFixed(0)} ms | ${e.status} |`);
      })(),
    ].join('\n');
    return { name: 'roundtrips', title: 'Round trips (source known → fork accepted, 50 ms latency)', rows, details };
  } finally {
    await sb.stop();
  }
}
