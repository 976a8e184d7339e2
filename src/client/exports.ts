/**
 * The client exports of the fxcallbacks resource, named as in the specification, for Lua and JavaScript
 * resources: `exports.fxcallbacks:TriggerServerCallback(name, function(...) end, ...)`, ...
 * The Promise form that returns several values to Lua lives in `src/exports/client.lua`, on top of these.
 */
import { answerThroughCallback, luaNestingError, notHandedOver, optionalTable, refused, reportToCallback, requireFunction, requireString, takeStatus } from '../exports/luaCallbacks';
import { listenForHandover } from '../exports/handover';
import { isPacked } from '../core/wire/protocol';
import { defineExport } from '../core/defineExport';
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

  // The exports Lua resources call are Lua (src/exports/client.lua): they pack and unpack Lua values in Lua, and call
  // these on behalf of their caller (`owner`), the packed values handed over just before (see `Handover`).
  defineExport('__RegisterClientCallback', (owner: unknown, name: unknown, handler: unknown, options: unknown) => {
    const callbackName = requireString(name, 'RegisterClientCallback', 'name (argument 1)');
    const luaHandler = requireFunction(handler, 'RegisterClientCallback', 'handler (argument 2)');
    const { status, options: registerOptions } = takeStatus(
      optionalTable(options, 'RegisterClientCallback', 'options (argument 3)') as LuaSchemaOptions<RegisterOptions> | undefined,
      'RegisterClientCallback',
    );
    const registrant = requireString(owner, 'RegisterClientCallback', 'caller');
    return ownership.registerCallback(registrant, callbackName, names, () =>
      callbacks.registerPacked(
        callbackName,
        (args) =>
          answerThroughCallback(
            callbackName,
            (cb) => (isPacked(args) ? luaHandler(cb, args) : luaHandler(cb, null, ...args)),
            handover.take,
            log,
            (fail) => ownership.ownAnswer(registrant, fail),
            status,
          ),
        registerOptions,
      ),
    );
  });

  defineExport('UnregisterClientCallback', (name: unknown) => {
    const callbackName = requireString(name, 'UnregisterClientCallback', 'name (argument 1)');
    return ownership.unregisterCallback(invoker(), callbackName, names, (owned) => callbacks.unregister(owned), log);
  });

  /** `cut`: the Lua layer found the arguments nested where lua-cmsgpack cuts tables off, and handed nothing over. */
  defineExport('__TriggerServerCallback', (exportName: unknown, owner: unknown, name: unknown, luaOptions: unknown, cb: unknown, cut: unknown) => {
    const what = requireString(exportName, 'TriggerServerCallback', 'export');
    const caller = requireString(owner, what, 'caller');
    const args = cut === true ? undefined : handover.take();
    const given = what === 'TriggerServerCallbackWithOptions' ? optionalTable(luaOptions, what, 'options (argument 2)') : undefined;
    const { status, options } = takeStatus(given as (CallOptions & Record<string, unknown>) | undefined, what);
    const callbackName = requireString(name, what, 'name (argument 1)');
    const callback = requireFunction(cb, what, 'callback');
    const bound = options ? callbacks.with(options) : callbacks;
    const refusal = args ? undefined : cut === true ? luaNestingError(`the arguments of "${callbackName}"`, ErrorCode.INVALID_ARGUMENT) : notHandedOver(what);
    ownership.ownCall(caller, reportToCallback((done) => (refusal ? refused(done, refusal) : bound.lastValuesTo(callbackName, args!, done)), callback, log, status));
  });

  defineExport('GetCallbackMetrics', callbackMetricsExport(metrics));

  on('onResourceStop', (resource: string) => {
    if (resource !== self) ownership.release(resource, (name) => callbacks.unregister(name));
  });
}
