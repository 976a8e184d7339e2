/**
 * The fxcallbacks resource's client script (dist/client.js): the hub of this client. It owns the net event that
 * carries every resource's callbacks and paces it under FiveM's per-player limit; Lua resources use its exports,
 * TypeScript resources join it.
 */
import { startHub } from '../hub/hub';
import { Endpoint } from '../core/endpoint';
import { DEFAULT_LARGE_PAYLOADS } from '../core/endpointOptions';
import { defineClientExports } from './exports';
import { CLIENT_DEFAULTS, CLIENT_EVENT_PACE } from './defaults';
import { ClientCallbacks } from './index';
import { clientNatives } from './natives';

const hub = startHub(clientNatives(), {
  maxFrames: 64,
  latentThreshold: DEFAULT_LARGE_PAYLOADS.latentThreshold,
  bytesPerSecond: DEFAULT_LARGE_PAYLOADS.bytesPerSecond,
  pace: CLIENT_EVENT_PACE,
  maxRoutesPerPeer: 2048,
  flushPerFrame: true,
});
defineClientExports(new ClientCallbacks(new Endpoint(hub.natives, { pace: false }, CLIENT_DEFAULTS)), hub.luaNames);
