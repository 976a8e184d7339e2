// Client script of the `bench_ox` resource: @overextended/ox_lib's JavaScript callbacks, unchanged, bundled
// from the npm package. `triggerServerCallback(name, delay, ...args)` is what `lib.callback.await` does in JS.
import { triggerServerCallback } from '@overextended/ox_lib/client/callback';

Object.assign(globalThis, { ox: { triggerServerCallback } });
