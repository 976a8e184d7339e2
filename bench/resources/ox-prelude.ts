// First script of the `bench_oxl` resource, before ox_lib's bundle. ox_lib's `cache` module reads `GetGameName()`,
// a FiveM native ('fxserver' on the server, 'fivem' on a client) that the simulated world does not provide
// yet. It is supplied here, inside this resource only, and only when missing; nothing is added to the world.
// A separate script (like a `client_scripts` entry) because the package is marked side-effect free, so a bare
// `import './ox-prelude'` would be dropped by the bundler.
const g = globalThis as { GetGameName?: () => string };
if (typeof g.GetGameName !== 'function') g.GetGameName = () => (IsDuplicityVersion() ? 'fxserver' : 'fivem');
