/**
 * The fxcallbacks resource's server script (dist/server.js): the hub of the server. It owns the net event that
 * carries every resource's callbacks; Lua resources use its exports, TypeScript resources join it.
 */
import { formatTable } from '../ground/metricsTable';
import { hubDefaults, readHubConvars } from '../hub/convars';
import { startHub } from '../hub/hub';
import { Endpoint } from '../core/endpoint';
import { defineServerExports } from './exports';
import { ServerCallbacks } from './index';
import { serverNatives } from './natives';

const natives = serverNatives();
const config = readHubConvars((name) => GetConvar(name, ''), (line) => natives.log(line), hubDefaults(false), false);
const hub = startHub(natives, config.router, () => callbacks.metrics.snapshot());
const callbacks: ServerCallbacks = new ServerCallbacks(new Endpoint(hub.natives, config.endpoint));
defineServerExports(callbacks, hub.luaNames, () => hub.metrics.byName());
// Every resource's callbacks, merged (see HubMetrics).
RegisterCommand('callbackmetrics', () => formatTable(hub.metrics.snapshot()).forEach((line) => console.log(line)), true);
