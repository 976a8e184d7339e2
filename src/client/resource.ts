/**
 * The fxcallbacks resource's client script (dist/client.js): the hub of this client. It owns the net event that
 * carries every resource's callbacks and paces it under FiveM's per-player limit; Lua resources use its exports,
 * TypeScript resources join it. Its settings are the replicated convars (`setr`).
 */
import { hubDefaults, readHubConvars } from '../hub/convars';
import { startHub } from '../hub/hub';
import { Endpoint } from '../core/endpoint';
import { defineClientExports } from './exports';
import { CLIENT_DEFAULTS, CLIENT_EVENT_PACE } from './defaults';
import { ClientCallbacks } from './index';
import { clientNatives } from './natives';

const natives = clientNatives();
const config = readHubConvars((name) => GetConvar(name, ''), (line) => natives.log(line), hubDefaults(CLIENT_EVENT_PACE), 'client');
const hub = startHub(natives, config.router, () => callbacks.metrics);
const callbacks: ClientCallbacks = new ClientCallbacks(new Endpoint(hub.natives, config.endpoint, CLIENT_DEFAULTS, hub.wire));
defineClientExports(callbacks, hub.luaNames, () => hub.metrics.byName());
