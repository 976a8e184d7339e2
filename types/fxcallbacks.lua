---@meta
-- LuaLS (Lua Language Server) annotations of the fxcallbacks exports: completion, signatures and checks in your
-- editor. This file is never run. Add the fxcallbacks resource folder (or this file) to "Lua.workspace.library".
-- The exports are the same whatever the folder is named: `exports.community_bridge` works too at run time.
-- Reference: docs/lua-api.md.

-- ---------------------------------------------------------------------------------------------------------------
-- Option tables
-- ---------------------------------------------------------------------------------------------------------------

---Field types a schema can require, as Lua's `type()` names them.
---@alias fxcallbacks.LuaType 'string'|'number'|'boolean'|'table'

---A schema of one data table, checked on the first argument before the handler runs.
---@class fxcallbacks.Schema
---@field required? string[] fields that must be present (not nil)
---@field types? table<string, fxcallbacks.LuaType> the type of each field; an absent field is not checked here

---At most `limit` calls per `window` ms from one player (a token bucket); the excess fails at once with
---`RATE_LIMITED` and never reaches the handler.
---@class fxcallbacks.RateLimit
---@field limit integer calls allowed per window, and the burst after a quiet period (>= 1)
---@field window number the window, in ms (> 0)

---Options of a registration: the table after the handler. Every field is optional; a bad one raises at once.
---@class fxcallbacks.RegisterOptions
---@field rateLimit? fxcallbacks.RateLimit per-player rate limit
---@field schema? fxcallbacks.Schema checks the first argument; on a mismatch the caller gets `VALIDATION_FAILED`
---@field resultSchema? fxcallbacks.Schema checks the first value of each answer before it is sent
---@field timeout? number|false ms the handler may take; then its caller gets `TIMEOUT`
---@field priority? number order in the per-player queue of incoming requests; higher first (default 0)
---@field maxArgumentBytes? integer largest arguments this callback accepts, in bytes, instead of the endpoint's 64 KiB (e.g. `256 * 1024`; large arguments travel as latent events); over it `PAYLOAD_TOO_LARGE`
---@field maxAnswerBytes? integer largest answer this callback sends, in bytes (at most 384 KiB); over it the caller gets `PAYLOAD_TOO_LARGE`
---@field maxValues? integer most arguments this callback accepts in one request, instead of the endpoint's 256; over it `LIMIT_EXCEEDED`
---@field status? boolean the handler answers `cb(true, ...values)` or `cb(false, message)`, so `nil, 'reason'` stays two values (the shims use it)

---Options of a server callback's registration.
---@class fxcallbacks.ServerRegisterOptions: fxcallbacks.RegisterOptions
---@field permission? string an ACE the calling player must be allowed (`IsPlayerAceAllowed`), else `FORBIDDEN`

---Options of one call (the `...WithOptions` exports). Every field is optional; a bad one raises at once.
---@class fxcallbacks.CallOptions
---@field timeout? number|false ms the other side has to answer (each next answer of a stream too); `false` waits forever. Default: convar `fxcallbacks:timeout`, else 10000
---@field retries? integer retries after a `TIMEOUT`, with exponential backoff and jitter; the handler still runs at most once (default 0)
---@field retryDelay? number first backoff delay in ms, doubled on each retry (default 1000)
---@field maxRetryDelay? number upper bound of the backoff delay in ms (default 30000)
---@field priority? number higher starts first when the endpoint queues outgoing calls (default 0)
---@field status? boolean the callback gets `(true, ...values)` for an answer, `(false, message, code)` for a failure (the shims use it)

-- ---------------------------------------------------------------------------------------------------------------
-- Functions you pass and receive
-- ---------------------------------------------------------------------------------------------------------------

---A handler's answer function. `cb(value, ...)` answers with every value in its position, nils included;
---`cb(nil, "message")` answers with an error (`HANDLER_ERROR`, values after the message dropped). Call it once;
---later calls are ignored.
---@alias fxcallbacks.Respond fun(...: any)

---Called exactly once with the answer: `(value, ...)` on success, `(nil, message)` on an error, and
---`(nil, message, true)` on a timeout.
---@alias fxcallbacks.Reply fun(result: any, err: string?, timedOut: boolean?, ...: any)

---A server callback's handler: the calling player's server id (from the runtime, never from the client), the
---answer function, then the caller's arguments. An error it raises answers the caller with an error.
---@alias fxcallbacks.ServerHandler fun(source: integer, cb: fxcallbacks.Respond, ...: any)

---A client callback's handler: the answer function, then the server's arguments.
---@alias fxcallbacks.ClientHandler fun(cb: fxcallbacks.Respond, ...: any)

-- ---------------------------------------------------------------------------------------------------------------
-- Results
-- ---------------------------------------------------------------------------------------------------------------

---What `ValidateCallbackData` returns.
---@class fxcallbacks.ValidationResult
---@field valid boolean true when there is no error
---@field errors string[] one readable line per problem, e.g. `field "action" must be a string, got number`

---Latency percentiles in ms over the most recent answered calls (nil before any).
---@class fxcallbacks.Latency
---@field samples integer calls the percentiles are taken over
---@field p50? number
---@field p95? number
---@field p99? number
---@field resource? string in figures combined from several resources: the one whose latency this is (most measured calls)

---The figures of one callback in one direction.
---@class fxcallbacks.DirectionMetrics
---@field calls integer calls started
---@field successes integer calls answered
---@field failures integer calls that failed; by code in `errors`
---@field cancelled integer calls their caller left before they ended (a stream stopped half way, a call given up on)
---@field timeouts integer failures with code `TIMEOUT`
---@field retries integer retries made
---@field inFlight integer calls started and not yet ended
---@field queueLength integer calls waiting in a queue
---@field errors table<string, integer> failures by error code, e.g. `{ TIMEOUT = 2 }`
---@field latency fxcallbacks.Latency
---@field histogram fxcallbacks.LatencyHistogram

---Every answered call's latency since the start, in buckets (what /fxcallbacks/metrics exposes).
---@class fxcallbacks.LatencyHistogram
---@field counts integer[] calls per bucket (not cumulative), for latencies up to 50, 100, 150, 250, 500, 1000, 2500, 5000, 10000 ms, then slower
---@field sum number sum of the latencies, ms

---The figures of one callback: both directions added up (its `latency` is the outgoing one when this side called
---it), and each direction on its own. Counts add up across resources; `resources` holds each resource's own.
---@class fxcallbacks.CallbackMetrics: fxcallbacks.DirectionMetrics
---@field incoming? fxcallbacks.DirectionMetrics calls answered here; nil when none
---@field outgoing? fxcallbacks.DirectionMetrics calls made from here; nil when none
---@field resources? table<string, fxcallbacks.CallbackMetrics> each resource's own figures, by resource name (the exports' under the hub's name)

---What `GetCallbackMetrics()` returns: `metrics[callbackName]`, as the specification's `callbackMetrics`.
---Past the cap on names (convar `fxcallbacks:metricsMaxCallbacks`), further names are counted under `(other)`.
---@alias fxcallbacks.Metrics table<string, fxcallbacks.CallbackMetrics>

---What `GetHubStats` returns: the hub's routing state on this side.
---@class fxcallbacks.HubStats
---@field members integer resources joined to the hub (the hub's own endpoint included)
---@field names integer callback names registered in the namespace
---@field routes integer requests from the other side being answered by a resource here
---@field calls integer calls resources here made that wait for their reply
---@field rejectedFrames integer envelopes and frames refused: malformed, or from a player not (or no longer) connected

-- ---------------------------------------------------------------------------------------------------------------
-- Server exports
-- ---------------------------------------------------------------------------------------------------------------

---**`server`** Registers a server callback that clients call. The callback is removed when the resource that registered it stops.
---@param name string a non-empty name
---@param handler fxcallbacks.ServerHandler
---@param options? fxcallbacks.ServerRegisterOptions
---@return boolean registered false when another resource owns the name (one console line says which); the script goes on
function exports.fxcallbacks:RegisterServerCallback(name, handler, options) end

---**`server`** Removes a server callback that the calling resource registered; another resource's stays (`false`).
---@param name string
---@return boolean removed whether there was one
function exports.fxcallbacks:UnregisterServerCallback(name) end

---**`server`** Calls a client callback on one player; `cb` gets the answer (see `fxcallbacks.Reply`). Every
---argument after `cb` is passed to the handler, never read as a timeout: use the `...WithOptions` form for that.
---@param playerId integer the player's server id
---@param name string
---@param cb fxcallbacks.Reply
---@param ... any arguments for the handler
function exports.fxcallbacks:TriggerClientCallback(playerId, name, cb, ...) end

---**`server`** `TriggerClientCallback` with options for this call (timeout, retries, priority).
---@param playerId integer the player's server id
---@param name string
---@param options fxcallbacks.CallOptions
---@param cb fxcallbacks.Reply
---@param ... any arguments for the handler
function exports.fxcallbacks:TriggerClientCallbackWithOptions(playerId, name, options, cb, ...) end

---**`server`** Calls a client callback and waits for the answer; only inside a thread (event handlers and
---commands are threads). Returns every value of the answer, or `nil, message` on an error and
---`nil, message, true` on a timeout.
---@param playerId integer the player's server id
---@param name string
---@param ... any arguments for the handler
---@return any result
---@return string? err
---@return boolean? timedOut
function exports.fxcallbacks:TriggerClientCallbackPromise(playerId, name, ...) end

---**`server`** Checks a data table against a schema; never raises for bad data.
---@param data any
---@param schema fxcallbacks.Schema
---@return fxcallbacks.ValidationResult
function exports.fxcallbacks:ValidateCallbackData(data, schema) end

---**`server`** Whether a player with this server id is connected.
---@param playerId integer
---@return boolean
function exports.fxcallbacks:IsPlayerValid(playerId) end

---**`server`** Whether a player is allowed an ACE (`IsPlayerAceAllowed`).
---@param playerId integer
---@param permission string the ACE, e.g. `'bank.read'`
---@return boolean
function exports.fxcallbacks:HasPermission(playerId, permission) end

-- ---------------------------------------------------------------------------------------------------------------
-- Client exports
-- ---------------------------------------------------------------------------------------------------------------

---**`client`** Registers a client callback that the server calls. The callback is removed when the resource that registered it stops.
---@param name string a non-empty name
---@param handler fxcallbacks.ClientHandler
---@param options? fxcallbacks.RegisterOptions
---@return boolean registered false when another resource owns the name (one console line says which); the script goes on
function exports.fxcallbacks:RegisterClientCallback(name, handler, options) end

---**`client`** Removes a client callback that the calling resource registered; another resource's stays (`false`).
---@param name string
---@return boolean removed whether there was one
function exports.fxcallbacks:UnregisterClientCallback(name) end

---**`client`** Calls a server callback; `cb` gets the answer (see `fxcallbacks.Reply`). Every argument after `cb`
---is passed to the handler, never read as a timeout: use `TriggerServerCallbackWithOptions` for that.
---@param name string
---@param cb fxcallbacks.Reply
---@param ... any arguments for the handler
function exports.fxcallbacks:TriggerServerCallback(name, cb, ...) end

---**`client`** `TriggerServerCallback` with options for this call (timeout, retries, priority).
---@param name string
---@param options fxcallbacks.CallOptions
---@param cb fxcallbacks.Reply
---@param ... any arguments for the handler
function exports.fxcallbacks:TriggerServerCallbackWithOptions(name, options, cb, ...) end

---**`client`** Calls a server callback and waits for the answer; only inside a thread (event handlers and
---commands are threads). Returns every value of the answer, or `nil, message` on an error and
---`nil, message, true` on a timeout.
---@param name string
---@param ... any arguments for the handler
---@return any result
---@return string? err
---@return boolean? timedOut
function exports.fxcallbacks:TriggerServerCallbackPromise(name, ...) end

-- ---------------------------------------------------------------------------------------------------------------
-- Both sides
-- ---------------------------------------------------------------------------------------------------------------

---**`server`**, **`client`** Calls, outcomes and latency of every resource's callbacks on this side (the exports'
---and every joined TypeScript resource's), keyed by callback name: `GetCallbackMetrics().getMoney.calls`, and
---`GetCallbackMetrics().getMoney.resources.shop` for one resource's. With a name, that callback's figures alone,
---or nil if it has none.
---@overload fun(self): fxcallbacks.Metrics
---@param name string
---@return fxcallbacks.CallbackMetrics?
function exports.fxcallbacks:GetCallbackMetrics(name) end

---**`server`**, **`client`** The hub's routing state on this side, to see that nothing stays behind.
---@return fxcallbacks.HubStats
function exports.fxcallbacks:GetHubStats() end
