/**
 * The server exports of the fxcallbacks resource, named as in the specification, for Lua and JavaScript
 * resources: `exports.fxcallbacks:RegisterServerCallback(name, function(src, cb, ...) end, options)`, ...
 * The exports Lua resources call are Lua (`src/exports/server.lua`, lua/protocol.lua): they keep the handlers and
 * pack the values in Lua; what is here registers the names and serves the calls (see `LuaStateHandlers`,
 * `serveLuaCalls`).
 */
import { answerLua, luaCallExport, optionalTable, requireString, takeStatus } from '../exports/luaCallbacks';
import { defineExport } from '../core/defineExport';
import { LuaStateHandlers, serveLuaCalls } from '../exports/luaEvents';
import { type NamedCallbackMetrics } from '../ground/metricsByName';
import { callbackMetricsExport } from '../exports/metricsExport';
import { callerOf, ResourceOwnership } from '../exports/ownership';
import { checkLuaSchema, type LuaSchema } from '../ground/luaSchema';
import type { CallOptions } from '../core/call/callOptions';
import { invalid } from '../ground/checks';
import type { LuaSchemaOptions } from '../core/answer/registration';
import { ThrottledLog } from '../ground/throttledLog';
import type { LuaNames } from '../hub/hub';
import type { ServerCallbacks, ServerRegisterOptions } from './index';

/** `metrics`: what `GetCallbackMetrics()` returns, every resource's callbacks (the hub's). */
export function defineServerExports(callbacks: ServerCallbacks, names: LuaNames, metrics: () => Record<string, NamedCallbackMetrics>): void {
  const ownership = new ResourceOwnership();
  const self = GetCurrentResourceName();
  const invoker = () => GetInvokingResource() ?? self;
  const log = (message: string) => console.log(message);
  // A client can make a handler fail at will: those lines are logged at most once per interval per player and
  // callback (so a different callback's failure still shows).
  const clientCaused = new ThrottledLog<number>(log, () => GetGameTimer());
  const stateHandlers = new LuaStateHandlers(self);

  // A Lua callback's registration: the handler stays in the Lua state that called this (`runner`: a resource with
  // lua/import.lua, or this resource's own state for the plain exports, which name the resource that registered it,
  // `owner`). It is `owner`'s: released when `owner` stops.
  defineExport('__RegisterLuaStateCallback', (name: unknown, options: unknown, owner: unknown) => {
    const runner = invoker();
    const registrant = callerOf(self, runner, owner);
    const callbackName = requireString(name, 'RegisterServerCallback', 'name (argument 1)');
    const { options: registerOptions } = takeStatus(
      optionalTable(options, 'RegisterServerCallback', 'options (argument 3)') as LuaSchemaOptions<ServerRegisterOptions> | undefined,
      'RegisterServerCallback',
    );
    const whileAnswering = (fail: () => void) => ownership.ownAnswer(registrant, fail);
    return ownership.registerCallback(registrant, callbackName, names, () =>
      callbacks.registerPacked(
        callbackName,
        (player, args) =>
          answerLua(
            callbackName,
            (settle) => stateHandlers.run(runner, registrant, callbackName, player, args, settle),
            (message) => clientCaused.note(player, callbackName, message, 'handler errors'),
            whileAnswering,
          ),
        registerOptions,
      ),
    );
  });

  // Called by the Lua export UnregisterServerCallback (src/exports/shared.lua), on behalf of the resource that called it.
  defineExport('__UnregisterLuaCallback', (name: unknown, owner: unknown) => {
    const registrant = callerOf(self, invoker(), owner);
    const callbackName = requireString(name, 'UnregisterServerCallback', 'name (argument 1)');
    return ownership.unregisterCallback(registrant, callbackName, names, (owned) => callbacks.unregister(owned), log);
  });

  // The calls Lua states start (lua/protocol.lua packs their arguments).
  serveLuaCalls(self, (owner, request, done) => {
    const what = luaCallExport(request.exportName, ['TriggerClientCallback', 'TriggerClientCallbackWithOptions', 'TriggerClientCallbackPromise']);
    const given = what === 'TriggerClientCallbackWithOptions' ? optionalTable(request.options, what, 'options (argument 3)') : undefined;
    const { options } = takeStatus(given as (CallOptions & Record<string, unknown>) | undefined, what);
    const player = request.target;
    if (typeof player !== 'number') throw invalid(`${what}: playerId (argument 1) must be a number`);
    const callbackName = requireString(request.name, what, 'name (argument 2)');
    const bound = options ? callbacks.with(options) : callbacks;
    if (!request.args) throw invalid(`${what}: the arguments were not packed (lua/import.lua and fxcallbacks are not the same version)`);
    const call = bound.lastValuesTo(player, callbackName, request.args, done);
    ownership.ownCall(owner, call);
    return call;
  });

  defineExport('ValidateCallbackData', (data: unknown, schema: unknown) => checkLuaSchema(data, schema as LuaSchema));
  defineExport('IsPlayerValid', (player: unknown) => typeof player === 'number' && DoesPlayerExist(String(player)));
  defineExport('HasPermission', (player: unknown, permission: unknown) =>
    typeof player === 'number' && typeof permission === 'string' && IsPlayerAceAllowed(String(player), permission),
  );

  defineExport('GetCallbackMetrics', callbackMetricsExport(metrics));

  on('onResourceStop', (resource: string) => {
    if (resource === self) return;
    ownership.release(resource, (name) => callbacks.unregister(name));
    stateHandlers.release(resource);
  });
}
