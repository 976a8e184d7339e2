/**
 * The client exports of the fxcallbacks resource, named as in the specification, for Lua and JavaScript
 * resources: `exports.fxcallbacks:TriggerServerCallback(name, function(...) end, ...)`, ...
 * The Promise form that returns several values to Lua lives in `src/lua/client.lua`, on top of these.
 */
import { answerThroughCallback, luaNestingError, optionalTable, refused, reportToCallback, requireFunction, requireString, takeStatus } from '../lua/luaCallbacks';
import { defineExport } from '../lua/defineExport';
import { ErrorCode } from '../ground/errors';
import { callbackMetricsExport, type NamedCallbackMetrics } from '../lua/metricsTable';
import { ResourceOwnership } from '../lua/ownership';
import type { CallOptions } from '../core/options';
import type { LuaSchemaOptions, RegisterOptions } from '../core/registration';
import type { LuaNames } from '../hub/hub';
import type { ClientCallbacks } from './index';

/** `metrics`: what `GetCallbackMetrics()` returns, every resource's callbacks (the hub's). */
export function defineClientExports(callbacks: ClientCallbacks, names: LuaNames, metrics: () => Record<string, NamedCallbackMetrics>): void {
  const ownership = new ResourceOwnership();
  const self = GetCurrentResourceName();
  const invoker = () => GetInvokingResource() ?? self;
  const log = (message: string) => console.log(message);

  defineExport('RegisterClientCallback', (name: unknown, handler: unknown, options: unknown) => {
    const callbackName = requireString(name, 'RegisterClientCallback', 'name (argument 1)');
    const luaHandler = requireFunction(handler, 'RegisterClientCallback', 'handler (argument 2)');
    const { status, options: registerOptions } = takeStatus(
      optionalTable(options, 'RegisterClientCallback', 'options (argument 3)') as LuaSchemaOptions<RegisterOptions> | undefined,
      'RegisterClientCallback',
    );
    const owner = invoker();
    return ownership.registerCallback(owner, callbackName, names, () =>
      callbacks.register(
        callbackName,
        (...args) => answerThroughCallback(callbackName, (cb) => luaHandler(cb, ...args), log, (fail) => ownership.ownAnswer(owner, fail), status),
        registerOptions,
      ),
    );
  });

  defineExport('UnregisterClientCallback', (name: unknown) => {
    const callbackName = requireString(name, 'UnregisterClientCallback', 'name (argument 1)');
    return ownership.unregisterCallback(invoker(), callbackName, names, (owned) => callbacks.unregister(owned), log);
  });

  /** `owner`: the resource whose stop cancels the call (the Promise form in Lua passes its own caller). */
  const trigger = (exportName: string, name: unknown, luaOptions: CallOptions | undefined, cb: unknown, args: unknown[], owner = invoker()) => {
    const { status, options } = takeStatus(luaOptions as (CallOptions & Record<string, unknown>) | undefined, exportName);
    const callbackName = requireString(name, exportName, 'name (argument 1)');
    const callback = requireFunction(cb, exportName, 'callback');
    const cut = luaNestingError(args, `the arguments of "${callbackName}"`, ErrorCode.INVALID_ARGUMENT);
    const bound = options ? callbacks.with(options) : callbacks;
    ownership.ownCall(owner, reportToCallback((done) => (cut ? refused(done, cut) : bound.lastValuesTo(callbackName, args, done)), callback, log, status));
  };

  defineExport('TriggerServerCallback', (name: unknown, cb: unknown, ...args: unknown[]) =>
    trigger('TriggerServerCallback', name, undefined, cb, args),
  );

  // For src/lua/client.lua's TriggerServerCallbackPromise, which calls on behalf of its own caller.
  defineExport('__TriggerServerCallbackFor', (owner: unknown, name: unknown, cb: unknown, ...args: unknown[]) =>
    trigger('TriggerServerCallbackPromise', name, undefined, cb, args, requireString(owner, 'TriggerServerCallbackPromise', 'caller')),
  );

  defineExport('TriggerServerCallbackWithOptions', (name: unknown, options: unknown, cb: unknown, ...args: unknown[]) =>
    trigger(
      'TriggerServerCallbackWithOptions',
      name,
      optionalTable(options, 'TriggerServerCallbackWithOptions', 'options (argument 2)') as CallOptions | undefined,
      cb,
      args,
    ),
  );

  defineExport('GetCallbackMetrics', callbackMetricsExport(metrics));

  on('onResourceStop', (resource: string) => {
    if (resource !== self) ownership.release(resource, (name) => callbacks.unregister(name));
  });
}
