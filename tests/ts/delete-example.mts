// A fork per pull request from TypeScript: made deletable, priced before it is made,
// deleted when the pull request closes. Type-checked by scripts/test.sh with
// `tsc --noEmit --strict` (never run).
import {
  ForkClient,
  markForkDeletable,
  validateFork,
  type CheckResult,
  type DeleteResult,
  type ForkRequest,
  type PlanPrice,
} from 'aiven-fork';

export async function forkForPullRequest(token: string, number: number, signal: AbortSignal): Promise<string | null> {
  const client = new ForkClient({ token });
  const request: ForkRequest = markForkDeletable({
    project: 'my-project',
    serviceName: `orders-db-pr-${number}`,
    source: { service: 'orders-db' },
  });
  const context = await client.getForkContext('my-project', 'orders-db', { signal });
  const prices: { [cloud: string]: string } | undefined = context.plans[0]?.prices;
  void prices;
  const price: PlanPrice | undefined = validateFork(request, context).price;
  const dryRun: CheckResult = await client.checkFork(request, { signal });
  if (dryRun.existing === null && !dryRun.report.ok) return dryRun.report.errors[0]?.message ?? null;
  const { service } = await client.fork(request, { signal });
  const done: DeleteResult = await client.deleteFork('my-project', service.service_name, { forkedFrom: 'orders-db', signal });
  const gone: boolean = done.deleted;
  void gone;
  return price ? `${price.plan} in ${price.cloud}: $${price.hourlyUsd}/h` : null;
}
