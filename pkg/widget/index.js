// `aiven-fork/widget`: importing this module defines <aiven-fork> (once: a second import,
// or a second copy of the package on the page, leaves the first definition in place)
// and exports the element class. See README.md ("Fork widget") and index.d.ts.
//
//   import 'aiven-fork/widget';
//   <aiven-fork project="my-project" service="my-pg" base-url="/aiven-api"></aiven-fork>

import { AivenForkElement } from './element.js';

export { AivenForkElement };
export { EVENTS } from './events.js';

if (!customElements.get('aiven-fork')) customElements.define('aiven-fork', AivenForkElement);
