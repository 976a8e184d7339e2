// Set up by `preset: 'fxcallbacks'`. wasmoon (Lua) is an optional peer: without it, JavaScript resources still run.
// It loads its WebAssembly glue with a dynamic import, which jest allows only with Node's VM modules, so with
// wasmoon installed and the flag missing every test file fails at once with the fix, not at the first Lua script.
const { loadLua } = require('./lib/testing.cjs');

const hasWasmoon = (() => {
  try {
    require.resolve('wasmoon');
    return true;
  } catch {
    return false;
  }
})();
const vmModules = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].includes('--experimental-vm-modules');

if (hasWasmoon) {
  beforeAll(() => {
    if (!vmModules) {
      throw new Error(
        'fxcallbacks/testing runs Lua through wasmoon, which needs Node\'s VM modules under jest: ' +
          'run jest as `NODE_OPTIONS=--experimental-vm-modules jest` (e.g. in package.json\'s "test" script)',
      );
    }
    return loadLua();
  });
}
