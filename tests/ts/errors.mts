// ForkError narrowing: the catch clause gives `unknown`; instanceof narrows to the
// declared class with its stable code union.
import { ForkError, buildForkRequest, type ErrorCode, type Issue } from 'aiven-fork';

export function explain(request: Parameters<typeof buildForkRequest>[0]): string {
  try {
    return buildForkRequest(request).path;
  } catch (e: unknown) {
    if (e instanceof ForkError) {
      const code: ErrorCode = e.code;
      const issues: Issue[] = e.errors;
      const status: number | undefined = e.status;
      if (code === 'source_has_no_backup') return 'wait for the first backup';
      return `${code} (${issues.length} issues, HTTP ${status ?? '-'}) ${e.serverMessage ?? ''}`;
    }
    throw e;
  }
}

// @ts-expect-error: a number is not a service name.
buildForkRequest({ project: 'p', serviceName: 1, source: { service: 's' } });
// @ts-expect-error: recovery modes are a closed set.
buildForkRequest({ project: 'p', serviceName: 'n', source: { service: 's' }, recovery: { mode: 'yesterday' } });
// @ts-expect-error: unknown error codes do not type-check.
const notACode: ErrorCode = 'oops';
void notACode;
