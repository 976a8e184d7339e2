/**
 * The server exports of the fxcallbacks resource, named as in the specification, for Lua and JavaScript
 * resources: `exports.fxcallbacks:RegisterServerCallback(name, function(src, cb, ...) end, options)`, ...
 * The Promise form that returns several values to Lua lives in `src/exports/server.lua`, on top of these.
 */
import { answerThroughCallback, luaNestingError, notHandedOver, optionalTable, refused, reportToCallback, requireFunction, requireString, takeStatus, type ForeignFunction } from '../exports/luaCallbacks';
import { listenForHandover } from '../exports/handover';
import { isPacked } from '../core/wire/protocol';
import { defineExport } from '../core/defineExport';
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

  // The exports Lua resources call are Lua (src/exports/server.lua): they pack and unpack Lua values in Lua, and call
  // these on behalf of their caller (`owner`), the packed values handed over just before (see `Handover`).
  defineExport('__RegisterServerCallback', (owner: unknown, name: unknown, handler: unknown, options: unknown) => {
    const callbackName = requireString(name, 'RegisterServerCallback', 'name (argument 1)');
    const luaHandler = requireFunction(handler, 'RegisterServerCallback', 'handler (argument 2)');
    const { status, options: registerOptions } = takeStatus(
      optionalTable(options, 'RegisterServerCallback', 'options (argument 3)') as LuaSchemaOptions<ServerRegisterOptions> | undefined,
      'RegisterServerCallback',
    );
    const registrant = requireString(owner, 'RegisterServerCallback', 'caller');
    return ownership.registerCallback(registrant, callbackName, names, () =>
      callbacks.registerPacked(
        callbackName,
        (player, args) =>
          answerThroughCallback(
            callbackName,
            (cb) => (isPacked(args) ? luaHandler(player, cb, args) : luaHandler(player, cb, null, ...args)),
            handover.take,
            (message) => clientCaused.note(player, callbackName, message, 'handler errors'),
            (fail) => ownership.ownAnswer(registrant, fail),
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

  /** `cut`: the Lua layer found the arguments nested where lua-cmsgpack cuts tables off, and handed nothing over. */
  defineExport(
    '__TriggerClientCallback',
    (exportName: unknown, owner: unknown, player: unknown, name: unknown, luaOptions: unknown, cb: unknown, cut: unknown) => {
      const what = requireString(exportName, 'TriggerClientCallback', 'export');
      const caller = requireString(owner, what, 'caller');
      const args = cut === true ? undefined : handover.take();
      const given = what === 'TriggerClientCallbackWithOptions' ? optionalTable(luaOptions, what, 'options (argument 3)') : undefined;
      const { status, options } = takeStatus(given as (CallOptions & Record<string, unknown>) | undefined, what);
      if (typeof player !== 'number') throw invalid(`${what}: playerId (argument 1) must be a number`);
      const callbackName = requireString(name, what, 'name (argument 2)');
      const callback: ForeignFunction = requireFunction(cb, what, 'callback');
      const bound = options ? callbacks.with(options) : callbacks;
      const callbackFailed = (message: string) => clientCaused.note(player, `${callbackName} (caller)`, message, 'failures');
      const refusal = args ? undefined : cut === true ? luaNestingError(`the arguments of "${callbackName}"`, ErrorCode.INVALID_ARGUMENT) : notHandedOver(what);
      ownership.ownCall(caller, reportToCallback((done) => (refusal ? refused(done, refusal) : bound.lastValuesTo(player, callbackName, args!, done)), callback, callbackFailed, status));
    },
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
