/**
 * The in-context half of the simulated CitizenFX JS runtime: evaluated in every JS resource context after
 * msgpack-lite, before the resource's scripts. It mirrors the behaviour of CitizenFX's `main.js` (events, net-safe
 * names, `source`, exports, function references and their async return path) and the global parts of
 * `timer.js`; everything that crosses resources goes through the `host` bridge (see `js-runtime.ts`).
 *
 * Kept as plain ES2020 in a string (no template literals inside) so that no TypeScript/coverage transform can
 * leak helpers into the script realm. It evaluates to a function `(global, host) => hooks`.
 */
export const JS_BOOTSTRAP_SOURCE = String.raw`(function (global, host) {
'use strict';
var EXT_FUNCREF = 10;
var EXT_LOCALFUNCREF = 11;
var isServer = host.isServer;
var currentResourceName = host.resourceName;
var slice = Array.prototype.slice;

// ---- Date follows the machine's virtual clock -------------------------------------------------------------
var RealDate = global.Date;
function Date() {
  if (!new.target) return new RealDate(host.epochNow()).toString();
  var args = arguments.length === 0 ? [host.epochNow()] : slice.call(arguments);
  return Reflect.construct(RealDate, args, new.target);
}
Object.setPrototypeOf(Date, Object.getPrototypeOf(RealDate));
Object.defineProperty(Date, 'prototype', { value: RealDate.prototype, writable: false });
Object.defineProperty(RealDate.prototype, 'constructor', { value: Date, writable: true, configurable: true, enumerable: false });
Date.now = function now() { return host.epochNow(); };
Date.parse = RealDate.parse;
Date.UTC = RealDate.UTC;
global.Date = Date;

// ---- console goes to the world log ---------------------------------------------------------------------------
var consoleObject = {};
['log', 'info', 'warn', 'error', 'debug', 'trace'].forEach(function (level) {
  consoleObject[level] = function () { host.log(level, slice.call(arguments)); };
});
consoleObject.assert = function (condition) {
  if (!condition) host.log('error', ['Assertion failed'].concat(slice.call(arguments, 1)));
};
consoleObject.dir = consoleObject.log;
consoleObject.table = consoleObject.log;
global.console = consoleObject;

// ---- codec: msgpack-lite, preset extensions off, functions packed as references ----------------------------
var msgpack = global.msgpack;
var codec = msgpack.createCodec({ uint8array: true, preset: false, binarraybuffer: true });
// ExtBuffer is not exported by the browser build; decoding an unknown ext type hands us one.
var ExtBuffer = msgpack.decode(new Uint8Array([0xd4, 0x7f, 0x00]), { codec: codec }).constructor;
// CitizenFX's fork of msgpack-lite looks functions up in the ext packers by constructor name (Function,
// AsyncFunction); stock msgpack-lite writes every function as nil. Intercept the codec's encode to do the same
// as the fork: arrays and maps recurse through codec.encode, so nested functions are seen too.
var functionPackers = Object.create(null);
var baseEncode = codec.encode;
codec.encode = function (encoder, value) {
  if (typeof value === 'function') {
    var ctor = value.constructor;
    var packer = ctor && ctor.name && functionPackers[ctor.name];
    return baseEncode(encoder, packer ? new ExtBuffer(packer(value), EXT_FUNCREF) : null);
  }
  return baseEncode(encoder, value);
};
var pack = function (data) { return msgpack.encode(data, { codec: codec }); };
var unpack = function (data) { return msgpack.decode(data, { codec: codec }); };
global.msgpack_pack = pack;
global.msgpack_unpack = unpack;

// ---- errors ------------------------------------------------------------------------------------------------
function formatStack(e) {
  var stack = e && typeof e.stack === 'string' ? e.stack : '';
  return stack.split('\n').slice(1).map(function (l) { return l.trim(); }).filter(Boolean).join('\n');
}
function getError(where, e) {
  var text;
  try { text = e.toString(); } catch (_) { text = String(e); }
  return '^1SCRIPT ERROR in ' + where + ': ' + text + '^7\n' + formatStack(e);
}
global.printError = function (where, e) { console.log(getError(where, e)); };

// ---- function references -----------------------------------------------------------------------------------
var refIndex = 0;
var refFunctions = new Map();
function makeRefFunction(fn) {
  var ref = refIndex++;
  refFunctions.set(ref, { callback: fn, refCount: 0 });
  return host.canonicalizeRef(ref);
}
functionPackers.Function = makeRefFunction;
functionPackers[(async function () {}).constructor.name] = makeRefFunction;

function refFunctionUnpacker(refSerialized) {
  var fnRef = host.makeFunctionReference(refSerialized);
  var invoker = host.getInvokingResource();
  return function () {
    var args = slice.call(arguments);
    var success = false;
    var retvals = null;
    try {
      var result = unpack(fnRef(pack(args)));
      [success, ...retvals] = result;
    } catch (e) {
    }
    if (retvals === null || success === false) {
      var errorMessage = 'Error in nested ref call for ' + currentResourceName + '. ';
      if (invoker) {
        errorMessage += currentResourceName + ' tried to call a function reference in ' + invoker + " but the reference wasn't valid. ";
        if (host.getResourceState(invoker) !== 'started') {
          errorMessage += "And " + invoker + " isn't started, was the resource restarted mid call?";
        } else {
          errorMessage += '(did ' + invoker + ' restart recently?)';
        }
      }
      throw new Error(errorMessage);
    }
    switch (retvals.length) {
      case 0:
        return undefined;
      case 1:
        var rv = retvals[0];
        if (rv && rv['__cfx_async_retval']) {
          return new Promise(function (res, rej) {
            rv['__cfx_async_retval'](function (v, e) {
              if (e != null) rej(e);
              else if (v.length === 0) res(undefined);
              else if (v.length === 1) res(v[0]);
              else res(v);
            });
          });
        }
        return rv;
      default:
        return retvals;
    }
  };
}
codec.addExtUnpacker(EXT_FUNCREF, refFunctionUnpacker);
codec.addExtUnpacker(EXT_LOCALFUNCREF, refFunctionUnpacker);

function callRef(ref, argsSerialized) {
  if (!refFunctions.has(ref)) {
    console.error('Invalid ref call attempt:', ref);
    return pack([false]);
  }
  try {
    var rv = refFunctions.get(ref).callback(...unpack(argsSerialized));
    if (rv instanceof Promise) {
      return pack([true, {
        '__cfx_async_retval': function (cb) {
          rv.then(function (v) {
            if (cb != null) cb([v], null);
          }).catch(function (err) {
            if (cb != null) {
              var msg = '';
              if (err) msg = err.message ? err.message.toString() : err.toString();
              cb(null, msg);
            }
          });
        }
      }]);
    }
    return pack([true, rv]);
  } catch (e) {
    // The callee's error is printed here and does not cross: the caller only learns that the call failed.
    global.printError('call ref', e);
    return pack([false]);
  }
}
function duplicateRef(ref) {
  var data = refFunctions.get(ref);
  if (!data) return -1;
  ++data.refCount;
  return ref;
}
function deleteRef(ref) {
  var data = refFunctions.get(ref);
  if (data && --data.refCount <= 0) refFunctions.delete(ref);
}

// ---- events (EventEmitter2 semantics: live listener arrays, 10-listener leak warning) -----------------------
var events = Object.create(null);
var rawEvents = Object.create(null);
var netSafeEventNames = new Set();
var maxListeners = 10;
var maxRawListeners = 10;

function leakWarning(count) {
  var msg = '(node) warning: possible EventEmitter memory leak detected. ' + count +
    ' listeners added. Use emitter.setMaxListeners() to increase limit.';
  if (isServer) host.processWarning('MaxListenersExceededWarning: ' + msg);
  else { console.error(msg); console.trace(); }
}
function addTo(table, max, name, callback) {
  if (typeof callback !== 'function') throw new Error('on only accepts instances of Function');
  var list = table[name];
  if (!list) { table[name] = [callback]; return; }
  list.push(callback);
  if (!list.warned && max > 0 && list.length > max) { list.warned = true; leakWarning(list.length); }
}
function listenersOf(table, name) {
  var list = table[name];
  if (!list) table[name] = list = [];
  return list;
}

// As main.js: a raw listener alone does not register the resource for the event (RegisterResourceAsEventHandler
// does; addEventListener calls it), so a resource with only raw listeners for a name must call that native itself.
global.addRawEventListener = function (name, callback) { addTo(rawEvents, maxRawListeners, name, callback); };
global.RegisterResourceAsEventHandler = function (name) { host.registerEventHandler(String(name)); };
global.addRawEventHandler = global.addRawEventListener;
global.setMaxRawEventListeners = function (n) { if (n !== undefined) maxRawListeners = n; };

global.addEventListener = function (name, callback, netSafe) {
  if (netSafe === undefined) netSafe = false;
  if (netSafe) netSafeEventNames.add(name);
  host.registerEventHandler(name);
  addTo(events, maxListeners, name, callback);
};
global.on = global.addEventListener;
global.setMaxEventListeners = function (n) { if (n !== undefined) maxListeners = n; };
global.addNetEventListener = function (name, callback) { return global.addEventListener(name, callback, true); };
global.onNet = global.addNetEventListener;
global.removeEventListener = function (name, listener) {
  if (typeof listener !== 'function') throw new Error('removeListener only takes instances of Function');
  var list = events[name];
  if (!list) return;
  for (var i = 0; i < list.length; i++) {
    var l = list[i];
    if (l === listener || (l.listener && l.listener === listener) || (l._origin && l._origin === listener)) {
      list.splice(i, 1);
      if (list.length === 0) delete events[name];
      return;
    }
  }
};
global.AddEventHandler = global.addEventListener;
global.RegisterNetEvent = function (name) { void netSafeEventNames.add(name); };
global.RegisterServerEvent = global.RegisterNetEvent;
global.RemoveEventHandler = global.removeEventListener;

global.emit = function (name) {
  var dataSerialized = pack(slice.call(arguments, 1));
  global.TriggerEventInternal(name, dataSerialized, dataSerialized.length);
};
// The native emit ends with: a local event whose arguments are already packed (the first payloadLength bytes).
global.TriggerEventInternal = function (name, eventPayload, payloadLength) {
  host.triggerEvent(String(name), eventPayload.subarray(0, payloadLength));
};
global.TriggerEvent = global.emit;

if (isServer) {
  global.emitNet = function (name, target) {
    host.triggerClientEvent(name, target, pack(slice.call(arguments, 2)));
  };
  global.TriggerClientEvent = global.emitNet;
  global.TriggerLatentClientEvent = function (name, target, bps) {
    host.triggerLatentClientEvent(name, target, pack(slice.call(arguments, 3)), bps);
  };
  global.getPlayers = function () {
    var num = GetNumPlayerIndices();
    var t = [];
    for (var i = 0; i < num; i++) t[i] = GetPlayerFromIndex(i);
    return t;
  };
  global.getPlayerIdentifiers = function (player) {
    var num = GetNumPlayerIdentifiers(player);
    var t = [];
    for (var i = 0; i < num; i++) t[i] = GetPlayerIdentifier(player, i);
    return t;
  };
} else {
  global.emitNet = function (name) {
    host.triggerServerEvent(name, pack(slice.call(arguments, 1)));
  };
  global.TriggerServerEvent = global.emitNet;
  global.TriggerLatentServerEvent = function (name, bps) {
    host.triggerLatentServerEvent(name, pack(slice.call(arguments, 2)), bps);
  };
}

function dispatchEvent(name, payloadSerialized, source) {
  global.source = source;
  if (source.startsWith('net')) {
    if (listenersOf(events, name).length > 0 && !netSafeEventNames.has(name)) {
      console.error('Event ' + name + ' was not safe for net');
      global.source = null;
      return;
    }
    global.source = parseInt(source.substr(4));
  } else if (isServer && source.startsWith('internal-net')) {
    global.source = parseInt(source.substr(13));
  }
  try {
    var raw = listenersOf(rawEvents, name);
    for (var r of raw.slice()) r(payloadSerialized, source);
  } catch (e) {
    console.error('Unhandled error during running raw event listeners', e);
  }
  var listeners = listenersOf(events, name);
  if (listeners.length == 0) { global.source = null; return; }
  var payload = unpack(payloadSerialized) || [];
  if (!Array.isArray(payload)) { global.source = null; return; }
  // Iterates the live array, as FiveM does: a listener removed mid-dispatch can make the next one be skipped.
  for (var listener of listeners) {
    try {
      var retval = listener.apply(null, payload);
      if (retval instanceof Promise) {
        (async function () {
          try { await retval; } catch (e) { console.error('Unhandled promise failure:', e); }
        })();
      }
    } catch (e) {
      global.printError('event ' + String.fromCharCode(96) + name + "'", e);
    }
  }
  global.source = null;
}

// ---- exports (through the __cfx_export_<resource>_<name> local events, as CitizenFX does) --------------------
var exportsCallbackCache = {};
var eventType = isServer ? 'Server' : 'Client';
function getExportEventName(resource, name) {
  if (resource == 'txAdmin') resource = 'monitor';
  return '__cfx_export_' + resource + '_' + name;
}
global.on('on' + eventType + 'ResourceStop', function (resource) { exportsCallbackCache[resource] = {}; });
global.exports = new Proxy(function () {}, {
  get: function (t, k) {
    var resource = k;
    return new Proxy({}, {
      get: function (t, k) {
        if (!exportsCallbackCache[resource]) exportsCallbackCache[resource] = {};
        if (!exportsCallbackCache[resource][k]) {
          global.emit(getExportEventName(resource, k), function (exportData) {
            exportsCallbackCache[resource][k] = exportData;
          });
          if (!exportsCallbackCache[resource][k]) {
            throw new Error('No such export ' + k + ' in resource ' + resource);
          }
        }
        return function () {
          var args = slice.call(arguments);
          try {
            return exportsCallbackCache[resource][k].apply(undefined, args);
          } catch (e) {
            console.log(e);
            throw new Error('An error occurred while calling export ' + k + ' of resource ' + resource + ' - see above for details');
          }
        };
      },
      set: function () { throw new Error('cannot set values on an export resource'); }
    });
  },
  apply: function (t, self, args) {
    if (args.length !== 2) throw new Error('this needs 2 arguments');
    var exportName = args[0];
    var func = args[1];
    global.on(getExportEventName(currentResourceName, exportName), function (setCB) { setCB(func); });
  },
  set: function () { throw new Error('cannot set values on exports'); }
});

// ---- timers (timer.js): handles are objects, globals are read-only -----------------------------------------
function timerHandle(id) {
  var handle = {
    id: id,
    unref: function () { return this; },
    ref: function () { return this; },
    hasRef: function () { return true; },
    refresh: function () { host.refreshTimer(id); return this; }
  };
  handle[Symbol.toPrimitive] = function () { return id; };
  return handle;
}
function requireFunction(callback) {
  if (typeof callback !== 'function') throw new TypeError('Callback must be a function. Received ' + String(callback));
}
function setTimeout(callback, timeout) {
  requireFunction(callback);
  var args = slice.call(arguments, 2);
  var id = host.nextTimerId();
  host.setTimer(id, function () {
    try { callback.apply(undefined, args); } finally { host.clearTimer(id); }
  }, timeout);
  return timerHandle(id);
}
function setInterval(callback, interval) {
  requireFunction(callback);
  var args = slice.call(arguments, 2);
  var id = host.nextTimerId();
  host.setTimer(id, function () { callback.apply(undefined, args); }, interval);
  return timerHandle(id);
}
function setImmediate(callback) {
  requireFunction(callback);
  return setTimeout.apply(undefined, [callback, 0].concat(slice.call(arguments, 1)));
}
function clearTimer(timer) {
  if (!timer) return;
  host.clearTimer(timer.id);
}
function setTick(callback) {
  requireFunction(callback);
  return host.setTick(callback);
}
function clearTick(ticker) { host.clearTick(ticker); }
function requestAnimationFrame(callback) { host.requestAnimationFrame(callback); }
var timerGlobals = {
  setTick: setTick, clearTick: clearTick,
  setTimeout: setTimeout, clearTimeout: clearTimer,
  setInterval: setInterval, clearInterval: clearTimer,
  setImmediate: setImmediate, clearImmediate: clearTimer,
  requestAnimationFrame: requestAnimationFrame
};
Object.keys(timerGlobals).forEach(function (name) {
  Object.defineProperty(global, name, { value: timerGlobals[name], writable: false, enumerable: true, configurable: false });
});

// ---- commands and the minimal Citizen object -----------------------------------------------------------------
global.RegisterCommand = function (name, handler, restricted) {
  host.registerCommand(String(name), handler, !!restricted);
};
if (isServer) {
  // SET_HTTP_HANDLER: the handler gets req and res as ResourceHttpHandler.cpp builds them (see testing/http.ts).
  global.SetHttpHandler = function (handler) {
    requireFunction(handler);
    host.setHttpHandler(handler);
  };
}
function callHttpHandler(handler, requestSerialized, res) {
  var request = unpack(requestSerialized)[0];
  var req = {
    method: request.method,
    path: request.path,
    headers: request.headers,
    address: request.address,
    setDataHandler: function (fn, binary) {
      res.setDataHandler(function (body) {
        fn(binary === 'binary' ? new TextEncoder().encode(body).buffer : body);
      });
    },
    setCancelHandler: function (fn) { res.setCancelHandler(function () { fn(); }); }
  };
  handler(req, {
    writeHead: function (code, headers) { res.writeHead(code, headers === undefined ? null : pack(headers)); },
    write: function (data) { res.write(data); },
    send: function (data) { res.send(data); }
  });
}
global.Citizen = {
  makeRefFunction: makeRefFunction,
  getRefFunction: function (fn) { return typeof fn !== 'function' ? null : makeRefFunction(fn); },
  getTickCount: function () { return host.gameTimer(); }
};

return {
  dispatchEvent: dispatchEvent,
  callRef: callRef,
  duplicateRef: duplicateRef,
  deleteRef: deleteRef,
  callCommand: function (handler, argsSerialized) { handler.apply(null, unpack(argsSerialized)); },
  callHttpHandler: callHttpHandler,
  printError: function (where, e) { global.printError(where, e); },
  unhandledRejection: function (value) {
    var error = value instanceof Error ? value : new Error(String(value || ''));
    global.printError('promise (unhandled rejection)', error);
  },
  listenerCounts: function () {
    var counts = {};
    Object.keys(events).forEach(function (name) { if (events[name].length > 0) counts[name] = events[name].length; });
    return JSON.stringify(counts);
  }
};
})`;
