// A server script that bundles the library, as a TypeScript resource would. Tests reach its API through
// the resource's globals. Bundled by spec/support/harness.ts.
import * as rxjs from 'rxjs';
import * as fx from '../../../src/server';

// Endpoint options come from a script the test puts before this one (see startHarness).
// `rxjs` and `delay` let a test's handlers use this machine's timers (virtual time), not the test process's.
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
Object.assign(globalThis, { fx, rxjs, delay, callbacks: fx.createServerCallbacks((globalThis as { endpointOptions?: fx.EndpointOptions }).endpointOptions) });
