/**
 * The client exports of the fxcallbacks resource, named as in the specification, for Lua and JavaScript
 * resources: `exports.fxcallbacks:TriggerServerCallback(name, function(...) end, ...)`, ...
 * The Promise form that returns several values to Lua lives in `src/exports/client.lua`, on top of these.
 */
import { answerLua, answerThroughCallback, luaCallExport, luaNestingError, notHandedOver, optionalTable, refused, reportToCallback, requireFunction, requireString, takeStatus } from '../exports/luaCallbacks';
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
import type { CallOptions } from '../core/call/callOptions';
import type { LuaSchemaOptions, RegisterOptions } from '../core/answer/registration';
import type { LuaNames } from '../hub/hub';
import type { ClientCallbacks } from './index';

/** `metrics`: what `GetCallbackMetrics()` returns, every resource's callbacks (the hub's). */
export function defineClientExports(callbacks: ClientCallbacks, names: LuaNames, metrics: () => Record<string, NamedCallbackMetrics>): void {
  const ownership = new ResourceOwnership();
  const self = GetCurrentResourceName();
  const invoker = () => GetInvokingResource() ?? self;
  const log = (message: string) => console.log(message);

  const handover = listenForHandover(self);
  const stateHandlers = new LuaStateHandlers(self);

  // A Lua callback's registration, for the plain exports (`handler`: src/exports/shared.lua's function reference) and for
  // a Lua state that loaded lua/import.lua (`handler` undefined: the owner's state runs it, see `LuaStateHandlers`).
  const registerLua = (owner: unknown, name: unknown, handler: unknown, options: unknown) => {
    const callbackName = requireString(name, 'RegisterClientCallback', 'name (argument 1)');
    const luaHandler = handler === undefined ? undefined : requireFunction(handler, 'RegisterClientCallback', 'handler (argument 2)');
    const { status, options: registerOptions } = takeStatus(
      optionalTable(options, 'RegisterClientCallback', 'options (argument 3)') as LuaSchemaOptions<RegisterOptions> | undefined,
      'RegisterClientCallback',
    );
    const registrant = requireString(owner, 'RegisterClientCallback', 'caller');
    const whileAnswering = (fail: () => void) => ownership.ownAnswer(registrant, fail);
    return ownership.registerCallback(registrant, callbackName, names, () =>
      callbacks.registerPacked(
        callbackName,
        (args) => {
          if (!luaHandler) return answerLua(callbackName, (settle) => stateHandlers.run(registrant, callbackName, undefined, args, settle), log, whileAnswering);
          return answerThroughCallback(
            callbackName,
            (cb) => (isPacked(args) ? luaHandler(cb, args) : luaHandler(cb, null, ...args)),
            handover.take,
            log,
            whileAnswering,
            status,
          );
        },
        registerOptions,
      ),
    );
  };

  // The exports Lua resources call are Lua (src/exports/client.lua): they pack and unpack Lua values in Lua, and call
  // these on behalf of their caller (`owner`), the packed values handed over just before (see `Handover`).
  defineExport('__RegisterClientCallback', (owner: unknown, name: unknown, handler: unknown, options: unknown) => registerLua(owner, name, handler, options));
  // lua/import.lua's registration: the handler stays in the caller's Lua state, the caller being who called this.
  defineExport('__RegisterLuaStateCallback', (name: unknown, options: unknown) => registerLua(invoker(), name, undefined, options));

  defineExport('UnregisterClientCallback', (name: unknown) => {
    const callbackName = requireString(name, 'UnregisterClientCallback', 'name (argument 1)');
    return ownership.unregisterCallback(invoker(), callbackName, names, (owned) => callbacks.unregister(owned), log);
  });

  /** Starts a Lua caller's call; `args` undefined: the Lua side found them nested where lua-cmsgpack cuts tables off. */
  const startCall = (what: string, name: unknown, luaOptions: unknown, args: Packed | undefined, done: Settle) => {
    const given = what === 'TriggerServerCallbackWithOptions' ? optionalTable(luaOptions, what, 'options (argument 2)') : undefined;
    const { options } = takeStatus(given as (CallOptions & Record<string, unknown>) | undefined, what);
    const callbackName = requireString(name, what, 'name (argument 1)');
    const bound = options ? callbacks.with(options) : callbacks;
    if (!args) return refused(done, luaNestingError(`the arguments of "${callbackName}"`, ErrorCode.INVALID_ARGUMENT));
    return bound.lastValuesTo(callbackName, args, done);
  };

  /** `cut`: the Lua layer found the arguments nested where lua-cmsgpack cuts tables off, and handed nothing over. */
  defineExport('__TriggerServerCallback', (exportName: unknown, owner: unknown, name: unknown, luaOptions: unknown, cb: unknown, cut: unknown) => {
    const what = requireString(exportName, 'TriggerServerCallback', 'export');
    const caller = requireString(owner, what, 'caller');
    const args = cut === true ? undefined : handover.take();
    const { status } = takeStatus(what === 'TriggerServerCallbackWithOptions' ? optionalTable(luaOptions, what, 'options (argument 2)') : undefined, what);
    const callback = requireFunction(cb, what, 'callback');
    const start = (done: Settle) => (!args && cut !== true ? refused(done, notHandedOver(what)) : startCall(what, name, luaOptions, args, done));
    ownership.ownCall(caller, reportToCallback(start, callback, log, status));
  });

  // lua/import.lua's calls: started and answered by local events (see `serveLuaCalls`).
  serveLuaCalls(self, (caller, request, done) => {
    const what = luaCallExport(request.exportName, ['TriggerServerCallback', 'TriggerServerCallbackWithOptions', 'TriggerServerCallbackPromise']);
    const call = startCall(what, request.name, request.options, request.args, done);
    ownership.ownCall(caller, call);
    return call;
  });

  defineExport('GetCallbackMetrics', callbackMetricsExport(metrics));

  on('onResourceStop', (resource: string) => {
    if (resource === self) return;
    ownership.release(resource, (name) => callbacks.unregister(name));
    stateHandlers.release(resource);
  });
}
