/**
 * The fxcallbacks resource's server script (dist/server.js): the hub of the server. It owns the net event that
 * carries every resource's callbacks; Lua resources use its exports, TypeScript resources join it.
 */
import { startHub } from '../hub/hub';
import { Endpoint } from '../core/endpoint';
import { DEFAULT_LARGE_PAYLOADS } from '../core/endpointOptions';
import { defineServerExports } from './exports';
import { ServerCallbacks } from './index';
import { serverNatives } from './natives';

const hub = startHub(serverNatives(), {
  maxFrames: 64,
  latentThreshold: DEFAULT_LARGE_PAYLOADS.latentThreshold,
  bytesPerSecond: DEFAULT_LARGE_PAYLOADS.bytesPerSecond,
  pace: false,
  maxRoutesPerPeer: 2048,
  flushPerFrame: false,
});
const callbacks = new ServerCallbacks(new Endpoint(hub.natives, { pace: false }));
defineServerExports(callbacks, hub.luaNames);
callbacks.registerMetricsCommand();
