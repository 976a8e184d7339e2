/**
 * The client exports of the fxcallbacks resource, named as in the specification, for Lua and JavaScript
 * resources: `exports.fxcallbacks:TriggerServerCallback(name, function(...) end, ...)`, ...
 * The exports Lua resources call are Lua (`src/exports/client.lua`, lua/protocol.lua): they keep the handlers and
 * pack the values in Lua; what is here registers the names and serves the calls (see `LuaStateHandlers`,
 * `serveLuaCalls`).
 */
import { answerLua, luaCallExport, optionalTable, requireString, takeStatus } from '../exports/luaCallbacks';
import { defineExport } from '../core/defineExport';
import { LuaStateHandlers, serveLuaCalls } from '../exports/luaEvents';
import { type NamedCallbackMetrics } from '../ground/metricsByName';
import { callbackMetricsExport } from '../exports/metricsExport';
import { callerOf, ResourceOwnership } from '../exports/ownership';
import type { CallOptions } from '../core/call/callOptions';
import { invalid } from '../ground/checks';
import type { LuaSchemaOptions, RegisterOptions } from '../core/answer/registration';
import type { LuaNames } from '../hub/hub';
import type { ClientCallbacks } from './index';

/** `metrics`: what `GetCallbackMetrics()` returns, every resource's callbacks (the hub's). */
export function defineClientExports(callbacks: ClientCallbacks, names: LuaNames, metrics: () => Record<string, NamedCallbackMetrics>): void {
  const ownership = new ResourceOwnership();
  const self = GetCurrentResourceName();
  const invoker = () => GetInvokingResource() ?? self;
  const log = (message: string) => console.log(message);
  const stateHandlers = new LuaStateHandlers(self);

  // A Lua callback's registration: the handler stays in the Lua state that called this (`runner`: a resource with
  // lua/import.lua, or this resource's own state for the plain exports, which name the resource that registered it,
  // `owner`). It is `owner`'s: released when `owner` stops.
  defineExport('__RegisterLuaStateCallback', (name: unknown, options: unknown, owner: unknown) => {
    const runner = invoker();
    const registrant = callerOf(self, runner, owner);
    const callbackName = requireString(name, 'RegisterClientCallback', 'name (argument 1)');
    const { options: registerOptions } = takeStatus(
      optionalTable(options, 'RegisterClientCallback', 'options (argument 3)') as LuaSchemaOptions<RegisterOptions> | undefined,
      'RegisterClientCallback',
    );
    const whileAnswering = (fail: () => void) => ownership.ownAnswer(registrant, fail);
    return ownership.registerCallback(registrant, callbackName, names, () =>
      callbacks.registerPacked(
        callbackName,
        (args) => answerLua(callbackName, (settle) => stateHandlers.run(runner, registrant, callbackName, undefined, args, settle), log, whileAnswering),
        registerOptions,
      ),
    );
  });

  // Called by the Lua export UnregisterClientCallback (src/exports/shared.lua), on behalf of the resource that called it.
  defineExport('__UnregisterLuaCallback', (name: unknown, owner: unknown) => {
    const registrant = callerOf(self, invoker(), owner);
    const callbackName = requireString(name, 'UnregisterClientCallback', 'name (argument 1)');
    return ownership.unregisterCallback(registrant, callbackName, names, (owned) => callbacks.unregister(owned), log);
  });

  // The calls Lua states start (lua/protocol.lua packs their arguments).
  serveLuaCalls(self, (owner, request, done) => {
    const what = luaCallExport(request.exportName, ['TriggerServerCallback', 'TriggerServerCallbackWithOptions', 'TriggerServerCallbackPromise']);
    const given = what === 'TriggerServerCallbackWithOptions' ? optionalTable(request.options, what, 'options (argument 2)') : undefined;
    const { options } = takeStatus(given as (CallOptions & Record<string, unknown>) | undefined, what);
    const callbackName = requireString(request.name, what, 'name (argument 1)');
    const bound = options ? callbacks.with(options) : callbacks;
    if (!request.args) throw invalid(`${what}: the arguments were not packed (lua/import.lua and fxcallbacks are not the same version)`);
    const call = bound.lastValuesTo(callbackName, request.args, done);
    ownership.ownCall(owner, call);
    return call;
  });

  defineExport('GetCallbackMetrics', callbackMetricsExport(metrics));

  on('onResourceStop', (resource: string) => {
    if (resource === self) return;
    ownership.release(resource, (name) => callbacks.unregister(name));
    stateHandlers.release(resource);
  });
}
