// A realistic PostgreSQL fork: the context as `getForkContext` returns it for a
// production-sized source (14 daily backups, a PITR window, the pg plan list, a
// project with a few dozen services) and a point-in-time request.

const DAY = 86_400_000;

/** Aiven-style time text (`2026-11-20T03:12:45.123456+00:00`). */
function aivenTime(ms) {
  return `${new Date(ms).toISOString().slice(0, 19)}.${String((ms % 1000) * 1000 + 417).padStart(6, '0')}+00:00`;
}

/** `{request, context, nowMs}` relative to `nowMs` (defaults to the wall clock). */
export function pgForkFixture(nowMs = Date.now()) {
  const backups = [];
  for (let d = 14; d >= 1; d--) {
    const t = nowMs - d * DAY - 3 * 3_600_000;
    backups.push({ backupName: `pg-backup-${new Date(t).toISOString().slice(0, 10)}_03-00_0.00000012.pghoard`, backupTime: aivenTime(t), dataSize: 1_250_000_000 + d * 7_000_000 });
  }
  const plans = [
    ['hobbyist', 1], ['startup-4', 1], ['startup-8', 1], ['startup-16', 1], ['startup-32', 1],
    ['business-4', 2], ['business-8', 2], ['business-16', 2], ['business-32', 2], ['business-64', 2],
    ['premium-4', 3], ['premium-8', 3], ['premium-16', 3], ['premium-32', 3], ['premium-64', 3],
  ].map(([name, nodeCount]) => ({ name, nodeCount }));
  const takenNames = [];
  for (const t of ['pg', 'mysql', 'kafka', 'redis', 'opensearch', 'grafana', 'clickhouse']) {
    for (const env of ['prod', 'staging', 'dev', 'qa']) takenNames.push(`${env}-${t}`);
  }
  const context = {
    source: {
      project: 'acme-prod',
      serviceName: 'prod-pg',
      serviceType: 'pg',
      plan: 'business-8',
      cloudName: 'google-europe-west1',
      nodeCount: 2,
      state: 'RUNNING',
      userConfig: {
        pg_version: '16',
        backup_hour: 3,
        backup_minute: 0,
        ip_filter: [{ network: '10.20.0.0/16', description: 'office' }, '0.0.0.0/0'],
        pg: { max_connections: 400, log_min_duration_statement: 1000, idle_in_transaction_session_timeout: 600 },
        pgbouncer: { server_reset_query_always: false },
        public_access: { pg: false, prometheus: false },
        service_log: true,
      },
      tags: { env: 'prod', team: 'payments', cost_center: 'cc-1042' },
      integrations: [
        { integrationType: 'metrics', sourceService: 'prod-pg', destService: 'prod-grafana' },
        { integrationType: 'logs', sourceService: 'prod-pg', destService: 'prod-opensearch' },
      ],
    },
    backups,
    pitr: { start: backups[0].backupTime, end: null },
    plans,
    takenNames,
  };
  const request = {
    project: 'acme-prod',
    serviceName: 'prod-pg-incident-1142',
    plan: 'business-8',
    cloud: 'google-europe-north1',
    source: { service: 'prod-pg' },
    recovery: { mode: 'time', time: aivenTime(nowMs - 2 * DAY - 5_400_000).replace('T', ' ') },
    terminationProtection: false,
    tags: { purpose: 'incident-1142', owner: 'oncall' },
    userConfig: { ip_filter: ['10.20.0.0/16'], backup_hour: 4 },
  };
  return { request, context, nowMs };
}
