/**
 * The fxcallbacks resource's server script (dist/server.js): the hub of the server. It owns the net event that
 * carries every resource's callbacks; Lua resources use its exports, TypeScript resources join it. Its HTTP handler
 * serves the metrics and the dashboard under /fxcallbacks/ on the game port.
 */
import { formatTable } from '../ground/metricsConsoleTable';
import { hubDefaults, readHubConvars } from '../hub/convars';
import { startHub } from '../hub/hub';
import { httpHandler, metricsAccess } from '../hub/http/handler';
import { traceCommand } from '../hub/tracing';
import { Endpoint } from '../core/endpoint';
import { defineServerExports } from './exports';
import { ServerCallbacks } from './index';
import { serverNatives } from './natives';

/** Lines `fxcallbacks trace` prints per second at most, unless the convar says otherwise. */
const TRACE_LINES_PER_SECOND = 20;

const natives = serverNatives();
const config = readHubConvars((name) => GetConvar(name, ''), (line) => natives.log(line), hubDefaults(false), false);
const hub = startHub(natives, config.router, () => callbacks.metrics);
const callbacks: ServerCallbacks = new ServerCallbacks(new Endpoint(hub.natives, config.endpoint));
defineServerExports(callbacks, hub.luaNames, () => hub.metrics.byName());
const print = (line: string) => console.log(line);
// Every resource's callbacks, merged (see HubMetrics).
RegisterCommand('callbackmetrics', () => formatTable(hub.metrics.snapshot()).forEach(print), true);
RegisterCommand(
  'fxcallbacks',
  (_source: number, args: string[]) => traceCommand(hub.tracing, args, Math.max(1, GetConvarInt('fxcallbacks:traceLinesPerSecond', TRACE_LINES_PER_SECOND)), print),
  true,
);

const { access, line } = metricsAccess(GetConvar('fxcallbacks:metricsToken', ''), GetConvar('fxcallbacks:metricsOpen', ''));
print(line);
SetHttpHandler(
  httpHandler(access, {
    metrics: hub.metrics,
    traffic: () => hub.router.traffic.snapshot(),
    isRegistered: (name) => hub.router.names.ownerOf(name) !== undefined,
  }),
);
