/**
 * The server exports of the fxcallbacks resource, named as in the specification, for Lua and JavaScript
 * resources: `exports.fxcallbacks:RegisterServerCallback(name, function(src, cb, ...) end, options)`, ...
 * The Promise form that returns several values to Lua lives in `src/lua/server.lua`, on top of these.
 */
import { answerThroughCallback, luaNestingError, optionalTable, refused, reportToCallback, requireFunction, requireString, takeStatus, type ForeignFunction } from '../lua/luaCallbacks';
import { defineExport } from '../lua/defineExport';
import { ErrorCode } from '../ground/errors';
import { callbackMetricsExport, type NamedCallbackMetrics } from '../lua/metricsTable';
import { ResourceOwnership } from '../lua/ownership';
import { checkLuaSchema, type LuaSchema } from '../ground/luaSchema';
import { invalid, type CallOptions } from '../core/options';
import type { LuaSchemaOptions } from '../core/registration';
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

  defineExport('RegisterServerCallback', (name: unknown, handler: unknown, options: unknown) => {
    const callbackName = requireString(name, 'RegisterServerCallback', 'name (argument 1)');
    const luaHandler = requireFunction(handler, 'RegisterServerCallback', 'handler (argument 2)');
    const { status, options: registerOptions } = takeStatus(
      optionalTable(options, 'RegisterServerCallback', 'options (argument 3)') as LuaSchemaOptions<ServerRegisterOptions> | undefined,
      'RegisterServerCallback',
    );
    const owner = invoker();
    return ownership.registerCallback(owner, callbackName, names, () =>
      callbacks.register(
        callbackName,
        (player, ...args) =>
          answerThroughCallback(
            callbackName,
            (cb) => luaHandler(player, cb, ...args),
            (message) => clientCaused.note(player, callbackName, message, 'handler errors'),
            (fail) => ownership.ownAnswer(owner, fail),
            status,
          ),
        registerOptions,
      ),
    );
  });

  defineExport('UnregisterServerCallback', (name: unknown) => {
    const callbackName = requireString(name, 'UnregisterServerCallback', 'name (argument 1)');
    return ownership.unregisterCallback(invoker(), callbackName, names, (owned) => callbacks.unregister(owned), log);
  });

  /** `owner`: the resource whose stop cancels the call (the Promise form in Lua passes its own caller). */
  const trigger = (
    exportName: string,
    player: unknown,
    name: unknown,
    luaOptions: CallOptions | undefined,
    cb: unknown,
    args: unknown[],
    owner = invoker(),
  ) => {
    const { status, options } = takeStatus(luaOptions as (CallOptions & Record<string, unknown>) | undefined, exportName);
    if (typeof player !== 'number') throw invalid(`${exportName}: playerId (argument 1) must be a number`);
    const callbackName = requireString(name, exportName, 'name (argument 2)');
    const callback: ForeignFunction = requireFunction(cb, exportName, 'callback');
    const cut = luaNestingError(args, `the arguments of "${callbackName}"`, ErrorCode.INVALID_ARGUMENT);
    const bound = options ? callbacks.with(options) : callbacks;
    const callbackFailed = (message: string) => clientCaused.note(player, `${callbackName} (caller)`, message, 'failures');
    ownership.ownCall(owner, reportToCallback((done) => (cut ? refused(done, cut) : bound.lastValuesTo(player, callbackName, args, done)), callback, callbackFailed, status));
  };

  defineExport('TriggerClientCallback', (player: unknown, name: unknown, cb: unknown, ...args: unknown[]) =>
    trigger('TriggerClientCallback', player, name, undefined, cb, args),
  );

  // For src/lua/server.lua's TriggerClientCallbackPromise, which calls on behalf of its own caller.
  defineExport('__TriggerClientCallbackFor', (owner: unknown, player: unknown, name: unknown, cb: unknown, ...args: unknown[]) =>
    trigger('TriggerClientCallbackPromise', player, name, undefined, cb, args, requireString(owner, 'TriggerClientCallbackPromise', 'caller')),
  );

  defineExport('TriggerClientCallbackWithOptions', (player: unknown, name: unknown, options: unknown, cb: unknown, ...args: unknown[]) =>
    trigger(
      'TriggerClientCallbackWithOptions',
      player,
      name,
      optionalTable(options, 'TriggerClientCallbackWithOptions', 'options (argument 3)') as CallOptions | undefined,
      cb,
      args,
    ),
  );

  defineExport('ValidateCallbackData', (data: unknown, schema: unknown) => checkLuaSchema(data, schema as LuaSchema));
  defineExport('IsPlayerValid', (player: unknown) => typeof player === 'number' && DoesPlayerExist(String(player)));
  defineExport('HasPermission', (player: unknown, permission: unknown) =>
    typeof player === 'number' && typeof permission === 'string' && IsPlayerAceAllowed(String(player), permission),
  );

  defineExport('GetCallbackMetrics', callbackMetricsExport(metrics));

  on('onResourceStop', (resource: string) => {
    if (resource !== self) ownership.release(resource, (name) => callbacks.unregister(name));
  });
}
