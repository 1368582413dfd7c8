// The 30-second example: validate a fork offline, print the exact ServiceCreate
// call and its CLI / curl / Terraform equivalents. Run by scripts/demo.sh after the
// package is built (uses the Node build in pkg/).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { validateFork, buildForkRequest, forkEquivalents, ForkError } = require('../pkg/node/aiven_fork.cjs');

const request = {
  project: 'demo-project',
  serviceName: 'demo-pg-incident',
  serviceType: 'pg',
  plan: 'startup-4',
  source: { service: 'demo-pg' },
  recovery: { mode: 'time', time: new Date(Date.now() - 60 * 60 * 1000) },
  tags: { purpose: 'incident-review' },
};

const report = validateFork(request);
console.log('validateFork ->', JSON.stringify(report, null, 2));
console.log('\nbuildForkRequest ->', JSON.stringify(buildForkRequest(request), null, 2));
const eq = forkEquivalents(request);
console.log('\n# avn\n' + eq.cli + '\n\n# curl\n' + eq.curl + '\n\n# Terraform\n' + eq.terraform);

try {
  buildForkRequest({ ...request, serviceName: 'Demo_PG', recovery: { mode: 'time', time: 'yesterday' } });
} catch (e) {
  if (!(e instanceof ForkError)) throw e;
  console.log(`\nan invalid request throws ForkError ${e.code}:`);
  for (const issue of e.errors) console.log(`  ${issue.code}  ${issue.field}: ${issue.message}`);
}
