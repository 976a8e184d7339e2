/**
 * `fxcallbacks/testing`: a simulated FiveM world (one server, N clients, virtual time) to test resources in
 * Node without a game. See {@link World}.
 *
 * @example
 * const world = new World({ latency: 30 });
 * world.startResource({ name: 'demo', server: [scriptFile('dist/server.js')], client: [scriptFile('dist/client.js')] });
 * const client = world.connect();
 * await world.advance(100);
 * world.dispose();
 *
 * @module
 */
export { World } from './world';
export type { WorldOptions, ResolvedWorldOptions, ConnectOptions, DropDetails, MicrotaskDrain } from './world';
export { Machine, ResourceHandle, tokenizeCommand, type NativeTable } from './machine';
export type { ResourceState } from './machine';
export { ServerMachine } from './server-machine';
export type { PlayerInfo } from './server-machine';
export { ClientMachine, SERVER_NET_ID } from './client-machine';
export { Nui, type NuiMessage, type NuiFocus } from './nui';
export { Network, LATENT_FRAGMENT_BYTES } from './network';
export type { Endpoint, Latency, Packet, Interceptor, InterceptVerdict, NetworkStats, TrafficCounter } from './network';
export { DEFAULT_NET_LIMITS, TokenBucket } from './limiter';
export { HttpServerModel, HTTP_RATE_LIMIT } from './http';
export type { HttpRequestOptions, HttpResponse, LocalHttpServer } from './http';
export type { NetLimits, RateLimit } from './limiter';
export { VirtualClock, drainMicrotasks } from './clock';
export { CpuMeter } from './cpu-meter';
export type { ScheduledTask } from './clock';
export { WorldLog, formatEntry, stripColors, isErrorEntry } from './log';
export type { LogEntry, LogLevel } from './log';
export { scriptFile, scriptLanguage } from './runtime';
export { resourceFromManifest, type ManifestOptions } from './manifest';
export { bundleScript, fivemBundleOptions, type BundleSide } from './bundle';
export type { Script, ResourceDefinition, ScriptRuntime, RuntimeFactory } from './runtime';
export { JsRuntime } from './js-runtime';
export { LuaRuntime, loadLua, isLuaLoaded, luaOf, luaRuntimeFactory } from './lua';
export { AceList } from './acl';
export { DropReason } from './natives-server';
export { LOCAL_PLAYER_INDEX } from './natives-client';
export { hostPack, hostUnpack, FunctionRefPreview, EXT_FUNCREF, EXT_LOCALFUNCREF } from './codec';
export { SeededRandom } from './random';
export { normalizeInterval } from './timers';
