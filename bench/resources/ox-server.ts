// Server script of the `bench_ox` resource: @overextended/ox_lib's JavaScript callbacks, unchanged, bundled
// from the npm package. `onClientCallback(name, handler)` registers a server callback clients call.
import { onClientCallback, triggerClientCallback } from '@overextended/ox_lib/server/callback';

Object.assign(globalThis, { ox: { onClientCallback, triggerClientCallback } });
