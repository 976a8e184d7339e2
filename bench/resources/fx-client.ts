// Client script of the `bench_fx` resource: bundles the library as a TypeScript resource would. The benchmark
// creates the endpoint itself (`createClientCallbacks(options)`) so that each figure can pick its options.
import * as fx from '../../src/client';

Object.assign(globalThis, { fx });
