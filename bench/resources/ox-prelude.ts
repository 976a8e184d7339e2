// Loaded before ox_lib's modules in the `bench_ox` resource. ox_lib's `cache` module reads `GetGameName()`, a
// FiveM native ('fxserver' on the server, 'fivem' on a client) that the simulated world does not provide yet.
// It is supplied here, inside this resource only, and only when missing; nothing is added to the world.
const g = globalThis as { GetGameName?: () => string };
if (typeof g.GetGameName !== 'function') g.GetGameName = () => (IsDuplicityVersion() ? 'fxserver' : 'fivem');
export {};
