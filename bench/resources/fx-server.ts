// Server script of the `bench_fx` resource: bundles the library as a TypeScript resource would. The benchmark
// creates the endpoint itself (`createServerCallbacks(options)`) so that each figure can pick its options.
import * as fx from '../../src/server';

Object.assign(globalThis, { fx });
