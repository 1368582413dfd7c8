// The action's entry (bundled into action/dist/index.cjs): the runner's cancel sends
// SIGINT (then SIGTERM); either aborts the request in flight.

import { run } from './main.mjs';

const controller = new AbortController();
for (const s of ['SIGINT', 'SIGTERM']) process.once(s, () => controller.abort());

run(process.env, process.stdout, controller.signal).then((code) => {
  process.exitCode = code;
});
