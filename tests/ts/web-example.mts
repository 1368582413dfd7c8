// The web build: `init` once, then the same API.
import init, { initSync, validateFork } from 'aiven-fork/web';

export async function start(): Promise<boolean> {
  await init();
  return validateFork({ project: 'p', serviceName: 'n', source: { service: 's' } }).ok;
}

export function startSync(bytes: Uint8Array): void {
  initSync({ module: bytes });
}
