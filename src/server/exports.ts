/**
 * The server exports of the fxcallbacks resource, named as in the specification, for Lua and JavaScript
 * resources: `exports.fxcallbacks:RegisterServerCallback(name, function(src, cb, ...) end, options)`, ...
 * The Promise form that returns several values to Lua lives in `src/exports/server.lua`, on top of these.
 */
import { answerLua, answerThroughCallback, luaCallExport, luaNestingError, notHandedOver, optionalTable, refused, reportToCallback, requireFunction, requireString, takeStatus, type ForeignFunction } from '../exports/luaCallbacks';
import { listenForHandover } from '../exports/handover';
import { isPacked } from '../core/wire/protocol';
import { defineExport } from '../core/defineExport';
import { LuaStateHandlers, serveLuaCalls } from '../exports/luaEvents';
import type { Packed } from '../ground/packed';
import type { Settle } from '../core/call/plainCall';
import { ErrorCode } from '../ground/errors';
import { type NamedCallbackMetrics } from '../ground/metricsByName';
import { callbackMetricsExport } from '../exports/metricsExport';
import { ResourceOwnership } from '../exports/ownership';
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
  // A client can make a handler fail at will, and answer so that a Lua caller's callback fails: those lines are
  // logged at most once per interval per player and callback (so a different callback's failure still shows).
  const clientCaused = new ThrottledLog<number>(log, () => GetGameTimer());

  const handover = listenForHandover(self);
  const stateHandlers = new LuaStateHandlers(self);

  // The exports Lua resources call are Lua (src/exports/server.lua): they pack and unpack Lua values in Lua, and call
  // these on behalf of their caller (`owner`), the packed values handed over just before (see `Handover`).
  // A Lua callback's registration, for the plain exports (`handler`: src/exports/shared.lua's function reference) and for
  // a Lua state that loaded lua/import.lua (`handler` undefined: the owner's state runs it, see `LuaStateHandlers`).
  const registerLua = (exportName: string, owner: unknown, name: unknown, handler: unknown, options: unknown) => {
    const callbackName = requireString(name, 'RegisterServerCallback', 'name (argument 1)');
    const luaHandler = handler === undefined ? undefined : requireFunction(handler, 'RegisterServerCallback', 'handler (argument 2)');
    const { status, options: registerOptions } = takeStatus(
      optionalTable(options, 'RegisterServerCallback', 'options (argument 3)') as LuaSchemaOptions<ServerRegisterOptions> | undefined,
      'RegisterServerCallback',
    );
    const registrant = requireString(owner, exportName, 'caller');
    const whileAnswering = (fail: () => void) => ownership.ownAnswer(registrant, fail);
    return ownership.registerCallback(registrant, callbackName, names, () =>
      callbacks.registerPacked(
        callbackName,
        (player, args) => {
          const handlerFailed = (message: string) => clientCaused.note(player, callbackName, message, 'handler errors');
          if (!luaHandler) return answerLua(callbackName, (settle) => stateHandlers.run(registrant, callbackName, player, args, settle), handlerFailed, whileAnswering);
          return answerThroughCallback(
            callbackName,
            (cb) => (isPacked(args) ? luaHandler(player, cb, args) : luaHandler(player, cb, null, ...args)),
            handover.take,
            handlerFailed,
            whileAnswering,
            status,
          );
        },
        registerOptions,
      ),
    );
  };

  // The exports Lua resources call are Lua (src/exports/server.lua): they pack and unpack Lua values in Lua, and call
  // these on behalf of their caller (`owner`), the packed values handed over just before (see `Handover`).
  defineExport('__RegisterServerCallback', (owner: unknown, name: unknown, handler: unknown, options: unknown) =>
    registerLua('RegisterServerCallback', owner, name, handler, options),
  );
  // lua/import.lua's registration: the handler stays in the caller's Lua state, the caller being who called this.
  defineExport('__RegisterLuaStateCallback', (name: unknown, options: unknown) => registerLua('RegisterServerCallback', invoker(), name, undefined, options));

  defineExport('UnregisterServerCallback', (name: unknown) => {
    const callbackName = requireString(name, 'UnregisterServerCallback', 'name (argument 1)');
    return ownership.unregisterCallback(invoker(), callbackName, names, (owned) => callbacks.unregister(owned), log);
  });

  /** Starts a Lua caller's call; `args` undefined: the Lua side found them nested where lua-cmsgpack cuts tables off. */
  const startCall = (what: string, player: unknown, name: unknown, luaOptions: unknown, args: Packed | undefined, done: Settle) => {
    const given = what === 'TriggerClientCallbackWithOptions' ? optionalTable(luaOptions, what, 'options (argument 3)') : undefined;
    const { options } = takeStatus(given as (CallOptions & Record<string, unknown>) | undefined, what);
    if (typeof player !== 'number') throw invalid(`${what}: playerId (argument 1) must be a number`);
    const callbackName = requireString(name, what, 'name (argument 2)');
    const bound = options ? callbacks.with(options) : callbacks;
    if (!args) return refused(done, luaNestingError(`the arguments of "${callbackName}"`, ErrorCode.INVALID_ARGUMENT));
    return bound.lastValuesTo(player, callbackName, args, done);
  };

  /** `cut`: the Lua layer found the arguments nested where lua-cmsgpack cuts tables off, and handed nothing over. */
  defineExport(
    '__TriggerClientCallback',
    (exportName: unknown, owner: unknown, player: unknown, name: unknown, luaOptions: unknown, cb: unknown, cut: unknown) => {
      const what = requireString(exportName, 'TriggerClientCallback', 'export');
      const caller = requireString(owner, what, 'caller');
      const args = cut === true ? undefined : handover.take();
      const { status } = takeStatus(what === 'TriggerClientCallbackWithOptions' ? optionalTable(luaOptions, what, 'options (argument 3)') : undefined, what);
      const callback: ForeignFunction = requireFunction(cb, what, 'callback');
      const callbackFailed = (message: string) => clientCaused.note(Number(player), `${String(name)} (caller)`, message, 'failures');
      const start = (done: Settle) => (!args && cut !== true ? refused(done, notHandedOver(what)) : startCall(what, player, name, luaOptions, args, done));
      ownership.ownCall(caller, reportToCallback(start, callback, callbackFailed, status));
    },
  );

  // lua/import.lua's calls: started and answered by local events (see `serveLuaCalls`).
  serveLuaCalls(self, (caller, request, done) => {
    const what = luaCallExport(request.exportName, ['TriggerClientCallback', 'TriggerClientCallbackWithOptions', 'TriggerClientCallbackPromise']);
    const call = startCall(what, request.target, request.name, request.options, request.args, done);
    ownership.ownCall(caller, call);
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
