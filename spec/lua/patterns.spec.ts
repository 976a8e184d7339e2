/**
 * The specification's advanced patterns (callback-module.md), as Lua consumer resources against the built
 * resource: multi-step purchase, data validation, timeouts, the retry helper, the queue helper and performance
 * tracking. The spec's code is used as written; only its non-callback helpers are stubbed.
 */
import { scriptErrors, startBridge, useLua } from './support';

useLua();

describe('Multi-Step Callback Process (purchaseVehicle)', () => {
  // Server: the spec's handler, with GetMoney / IsVehicleAvailable / RemoveMoney / CreatePlayerVehicle as stubs.
  const server = `
local bank = { [1] = 50000, [2] = 500, [3] = 50000 }
local failPayments = { [3] = true }
local stock = { adder = true, zentorno = false }
local nextVehicleId = 100

local function GetMoney(src, account) return bank[src] or 0 end
local function IsVehicleAvailable(model) return stock[model] == true end
local function RemoveMoney(src, account, amount)
    if failPayments[src] then return false end
    bank[src] = bank[src] - amount
    return true
end
local function CreatePlayerVehicle(src, vehicleData)
    nextVehicleId = nextVehicleId + 1
    return nextVehicleId
end

exports.community_bridge:RegisterServerCallback('purchaseVehicle', function(src, cb, vehicleData)
    -- Step 1: Validate player funds
    local playerMoney = GetMoney(src, 'bank')
    if playerMoney < vehicleData.price then
        cb(nil, "Insufficient funds")
        return
    end

    -- Step 2: Check vehicle availability
    local available = IsVehicleAvailable(vehicleData.model)
    if not available then
        cb(nil, "Vehicle not available")
        return
    end

    -- Step 3: Process purchase
    local success = RemoveMoney(src, 'bank', vehicleData.price)
    if success then
        local vehicleId = CreatePlayerVehicle(src, vehicleData)
        cb({
            vehicleId = vehicleId,
            remainingMoney = GetMoney(src, 'bank'),
            purchaseTime = os.time()
        })
    else
        cb(nil, "Payment processing failed")
    end
end)
`;
  const client = `
outcomes = {}
function buy(model, price)
    exports.community_bridge:TriggerServerCallback('purchaseVehicle', function(...)
        outcomes[#outcomes + 1] = table.pack(...)
    end, { model = model, price = price })
end
`;

  test('success, and each failure as (nil, message)', async () => {
    const { world, client: c } = startBridge({ server, client }, { players: 3, latency: 15, startEpochMs: Date.UTC(2025, 5, 1) });
    c(0).run(`buy('adder', 1000)`);
    c(0).run(`buy('zentorno', 1000)`);
    c(1).run(`buy('adder', 1000)`);
    c(2).run(`buy('adder', 1000)`);
    await world.advance(200);
    const [bought, unavailable] = c(0).get<Array<Record<string, unknown>>>('outcomes');
    expect(bought).toEqual({ 1: { vehicleId: 101, remainingMoney: 49000, purchaseTime: Date.UTC(2025, 5, 1) / 1000 }, n: 1 });
    expect(unavailable).toEqual({ 2: 'Vehicle not available', n: 2 });
    expect(c(1).get('outcomes')).toEqual([{ 2: 'Insufficient funds', n: 2 }]);
    expect(c(2).get('outcomes')).toEqual([{ 2: 'Payment processing failed', n: 2 }]);
    expect(scriptErrors(world)).toEqual([]);
  });
});

describe('Data validation: ValidateCallbackData and updatePlayerProfile', () => {
  // The Security section's schema, checked with the library's export.
  const server = `
local schema = {
    required = {"action", "parameters"},
    types = {action = "string", parameters = "table"}
}
function validate(data) return exports.community_bridge:ValidateCallbackData(data, schema) end

-- updatePlayerProfile as in the spec; ValidatePlayerProfile, UpdatePlayerProfile, GetPlayerProfile are stubs,
-- the first one built on ValidateCallbackData.
local profiles = {}
local function ValidatePlayerProfile(profileData)
    return exports.community_bridge:ValidateCallbackData(profileData, { required = {"name"}, types = { name = "string", age = "number" } })
end
local function UpdatePlayerProfile(src, profileData) profiles[src] = profileData; return true end
local function GetPlayerProfile(src) return profiles[src] end

exports.community_bridge:RegisterServerCallback('updatePlayerProfile', function(src, cb, profileData)
    -- Validate input data
    local validation = ValidatePlayerProfile(profileData)
    if not validation.valid then
        cb(nil, "Validation failed: " .. table.concat(validation.errors, ", "))
        return
    end

    -- Update profile
    local success = UpdatePlayerProfile(src, profileData)
    if success then
        cb({
            success = true,
            profile = GetPlayerProfile(src),
            timestamp = os.time()
        })
    else
        cb(nil, "Database update failed")
    end
end)
`;
  const client = `
answers = {}
function update(profile)
    exports.community_bridge:TriggerServerCallback('updatePlayerProfile', function(result, error)
        answers[#answers + 1] = { result = result, error = error }
    end, profile)
end
`;

  test('valid data: { valid = true, errors = {} }; invalid data lists every problem', () => {
    const { server: s } = startBridge({ server, client });
    expect(s().runAll(`local v = validate({ action = 'teleport', parameters = { x = 1 } }); return v.valid, #v.errors`)).toEqual([true, 0]);
    expect(s().runAll(`local v = validate({ action = 'teleport', parameters = {} }); return v.valid, #v.errors`)).toEqual([true, 0]);
    const invalid = s().run<{ valid: boolean; errors: string[] }>(`return validate({ action = 42 })`);
    expect(invalid.valid).toBe(false);
    expect(invalid.errors).toEqual(['missing required field "parameters"', 'field "action" must be a string, got number']);
    expect(s().run(`return validate('not a table')`)).toEqual({ valid: false, errors: ['expected a table, got string'] });
  });

  test('updatePlayerProfile: valid profile answered, invalid one refused with the joined errors', async () => {
    const { world, client: c } = startBridge({ server, client }, { latency: 10, startEpochMs: Date.UTC(2025, 0, 2) });
    c().run(`update({ name = 'Alice', age = 30 })`);
    c().run(`update({ age = 'old' })`);
    await world.advance(200);
    expect(c().get('answers')).toEqual([
      { result: { success: true, profile: { name: 'Alice', age: 30 }, timestamp: Date.UTC(2025, 0, 2) / 1000 } },
      { error: 'Validation failed: missing required field "name", field "age" must be a number, got string' },
    ]);
  });
});

describe('Callback with Timeout', () => {
  // heavyOperation answers after 'delay' ms (a stub of a slow job); it records the arguments it received.
  const server = `
received = {}
exports.community_bridge:RegisterServerCallback('heavyOperation', function(src, cb, ...)
    received[#received + 1] = table.pack(...)
    local data = ...
    Citizen.SetTimeout(data.delay, function()
        cb({ done = true, delay = data.delay })
    end)
end)
`;
  const client = `
notifications = {}
calls = {}
local function SendNotify(message, type) notifications[#notifications + 1] = { message = message, type = type, at = GetGameTimer() } end

-- The spec's example, verbatim apart from SendNotify.
function specExample(operationData)
exports.community_bridge:TriggerServerCallback('heavyOperation', function(result, error, timedOut)
    calls[#calls + 1] = { result = result, error = error, timedOut = timedOut, at = GetGameTimer() }
    if timedOut then
        SendNotify("Operation timed out, please try again", "error")
        return
    end

    if error then
        SendNotify("Error: " .. error, "error")
        return
    end

    -- Process successful result
    print("Operation completed:", json.encode(result))
end, operationData, 10000) -- 10 second timeout
end

function withOptions(timeout, operationData)
    exports.community_bridge:TriggerServerCallbackWithOptions('heavyOperation', { timeout = timeout }, function(...)
        calls[#calls + 1] = { args = table.pack(...), at = GetGameTimer() }
    end, operationData)
end
`;

  test("the spec's trailing 10000 is an argument, not a timeout: the default timeout (convar) applies", async () => {
    const { world, server: s, client: c } = startBridge({ server, client }, { replicatedConvars: { 'fxcallbacks:timeout': '3000' } });
    c().run(`specExample({ delay = 5000 })`);
    await world.advance(100);
    expect(s().get('received')).toEqual([{ 1: { delay: 5000 }, 2: 10000, n: 2 }]);
    await world.advance(10000);
    const calls = c().get<Array<{ timedOut?: boolean; error?: string; at: number }>>('calls');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ timedOut: true, error: 'Callback "heavyOperation" timed out after 3000 ms' });
    expect(calls[0]!.at).toBeGreaterThanOrEqual(3000);
    expect(calls[0]!.at).toBeLessThan(3100);
    expect(c().get('notifications')).toMatchObject([{ message: 'Operation timed out, please try again', type: 'error' }]);
    expect(scriptErrors(world)).toEqual([]);
  });

  test('TriggerServerCallbackWithOptions { timeout = ms }: (nil, message, true) exactly once, the late answer dropped', async () => {
    const { world, client: c } = startBridge({ server, client }, { latency: 10 });
    c().run(`withOptions(500, { delay = 2000 })`);
    c().run(`withOptions(500, { delay = 100 })`);
    await world.advance(5000);
    const calls = c().get<Array<{ args: Record<string, unknown>; at: number }>>('calls');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args).toEqual({ 1: { done: true, delay: 100 }, n: 1 });
    expect(calls[1]!.args).toEqual({ 2: 'Callback "heavyOperation" timed out after 500 ms', 3: true, n: 3 });
    expect(calls[1]!.at).toBeGreaterThanOrEqual(500);
    expect(calls[1]!.at).toBeLessThan(600);
    expect(scriptErrors(world)).toEqual([]);
  });
});

describe('Retry Logic (reliableServerCallback)', () => {
  // 'flaky' fails the first failuresBefore calls with (nil, "busy"), then answers "ok".
  const server = `
failuresBefore = 2
local calls = 0
exports.community_bridge:RegisterServerCallback('flaky', function(src, cb, data)
    calls = calls + 1
    if calls <= failuresBefore then cb(nil, "busy") else cb("ok " .. data.n) end
end)
`;
  const client = `
-- Client Side - Callback with retry logic (verbatim)
local function reliableServerCallback(callbackName, data, maxRetries)
    maxRetries = maxRetries or 3
    local attempts = 0

    local function attempt()
        attempts = attempts + 1

        exports.community_bridge:TriggerServerCallback(callbackName, function(result, error)
            if error and attempts < maxRetries then
                print("Attempt", attempts, "failed, retrying...")
                Citizen.SetTimeout(1000 * attempts, attempt) -- Exponential backoff
            elseif error then
                print("All attempts failed:", error)
            else
                print("Success after", attempts, "attempts")
                return result
            end
        end, data)
    end

    attempt()
end
function run(maxRetries) return reliableServerCallback('flaky', { n = 7 }, maxRetries) end
`;

  test('two failures then success: retries after 1 s and 2 s more; the helper itself returns nothing', async () => {
    const { world, client: c } = startBridge({ server, client }, { latency: 5 });
    expect(c().runAll('return run()')).toEqual([]);
    await world.advance(5000);
    const lines = world.logs.of(c().machine.name, 'consumer').map((e) => [e.time, e.text]);
    expect(lines.map(([, text]) => text)).toEqual(['Attempt\t1\tfailed, retrying...', 'Attempt\t2\tfailed, retrying...', 'Success after\t3\tattempts']);
    const times = lines.map(([time]) => time as number);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    expect(times[1]! - times[0]!).toBeLessThan(1100);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(2000);
    expect(times[2]! - times[1]!).toBeLessThan(2100);
  });

  test('every attempt failing: "All attempts failed: busy" after maxRetries attempts', async () => {
    const { world, server: s, client: c } = startBridge({ server, client }, { latency: 5 });
    s().run('failuresBefore = 100');
    c().run('run(2)');
    await world.advance(5000);
    expect(world.logs.of(c().machine.name, 'consumer').map((e) => e.text)).toEqual(['Attempt\t1\tfailed, retrying...', 'All attempts failed:\tbusy']);
  });
});

describe('Queue Management (queueCallback)', () => {
  const server = `
exports.community_bridge:RegisterServerCallback('job', function(src, cb, data)
    Citizen.SetTimeout(50, function() cb(data.label) end)
end)
`;
  // The spec's code, verbatim.
  const specQueue = `
-- Client Side - Queue callbacks to prevent overwhelming
local callbackQueue = {}
local isProcessingQueue = false

local function queueCallback(callbackName, data, callback, priority)
    table.insert(callbackQueue, {
        name = callbackName,
        data = data,
        callback = callback,
        priority = priority or 1,
        timestamp = GetGameTimer()
    })
    
    if not isProcessingQueue then
        processCallbackQueue()
    end
end

local function processCallbackQueue()
    if #callbackQueue == 0 then
        isProcessingQueue = false
        return
    end
    
    isProcessingQueue = true
    
    -- Sort by priority
    table.sort(callbackQueue, function(a, b)
        return a.priority > b.priority
    end)
    
    local item = table.remove(callbackQueue, 1)
    
    exports.community_bridge:TriggerServerCallback(item.name, function(result, error)
        if item.callback then
            item.callback(result, error)
        end
        
        -- Process next item after delay
        Citizen.SetTimeout(100, processCallbackQueue)
    end, item.data)
end
`;
  const driver = `
done = {}
function enqueue()
    for _, item in ipairs({ { 'A', 1 }, { 'B', 1 }, { 'C', 5 }, { 'D', 3 } }) do
        queueCallback('job', { label = item[1] }, function(result, error)
            done[#done + 1] = { result, GetGameTimer() }
        end, item[2])
    end
end
`;

  test('as written, the spec code fails: queueCallback calls processCallbackQueue before that local exists', () => {
    const { client: c } = startBridge({ server, client: specQueue + driver });
    const [ok, err] = c().runAll(`return pcall(enqueue)`) as [boolean, string];
    expect(ok).toBe(false);
    expect(err).toContain("attempt to call a nil value (global 'processCallbackQueue')");
  });

  test('with processCallbackQueue declared first, items run one at a time, 100 ms apart, highest priority first', async () => {
    const fixed = specQueue
      .replace('local callbackQueue = {}', 'local callbackQueue = {}\nlocal processCallbackQueue')
      .replace('local function processCallbackQueue()', 'function processCallbackQueue()');
    const { world, client: c } = startBridge({ server, client: fixed + driver }, { latency: 5 });
    c().run('enqueue()');
    await world.advance(2000);
    const done = c().get<Array<[string, number]>>('done');
    // A went at once (the queue was idle); then the rest by priority: C (5), D (3), B (1)
    expect(done.map(([label]) => label)).toEqual(['A', 'C', 'D', 'B']);
    for (let i = 1; i < done.length; i++) expect(done[i]![1] - done[i - 1]![1]).toBeGreaterThanOrEqual(150);
    expect(scriptErrors(world)).toEqual([]);
  });
});

describe('Performance Monitoring (trackedServerCallback)', () => {
  const server = `
exports.community_bridge:RegisterServerCallback('getPlayerMoney', function(src, cb, accountType)
    if accountType == 'bank' then cb(1000) else cb(nil, "Unknown account") end
end)
`;
  // The spec's code, verbatim, plus an accessor for its local table.
  const client = `
-- Client Side - Performance monitoring
local callbackMetrics = {}

local function trackCallbackPerformance(callbackName, startTime, success)
    if not callbackMetrics[callbackName] then
        callbackMetrics[callbackName] = {
            calls = 0,
            totalTime = 0,
            successes = 0,
            failures = 0
        }
    end
    
    local metrics = callbackMetrics[callbackName]
    metrics.calls = metrics.calls + 1
    metrics.totalTime = metrics.totalTime + (GetGameTimer() - startTime)
    
    if success then
        metrics.successes = metrics.successes + 1
    else
        metrics.failures = metrics.failures + 1
    end
end

-- Enhanced callback with performance tracking
local function trackedServerCallback(callbackName, callback, ...)
    local startTime = GetGameTimer()
    
    exports.community_bridge:TriggerServerCallback(callbackName, function(result, error)
        trackCallbackPerformance(callbackName, startTime, not error)
        
        if callback then
            callback(result, error)
        end
    end, ...)
end

function getMetrics() return callbackMetrics end
seen = {}
function track(account) trackedServerCallback('getPlayerMoney', function(result, error) seen[#seen + 1] = { result, error } end, account) end
`;

  test('counts calls, successes and failures, and the time taken on the virtual clock', async () => {
    const { world, client: c } = startBridge({ server, client }, { latency: 40 });
    c().run(`track('bank'); track('bank'); track('crypto')`);
    await world.advance(500);
    const metrics = c().get<Record<string, { calls: number; successes: number; failures: number; totalTime: number }>>('getMetrics()');
    expect(metrics.getPlayerMoney).toMatchObject({ calls: 3, successes: 2, failures: 1 });
    // each call is a round trip of 2 x 40 ms latency, plus up to one 50 ms server frame and two 16 ms client
    // frames (the request leaves on the next frame, the answer is handled on one)
    expect(metrics.getPlayerMoney!.totalTime).toBeGreaterThanOrEqual(3 * 80);
    expect(metrics.getPlayerMoney!.totalTime).toBeLessThanOrEqual(3 * (80 + 50 + 2 * 16));
    expect(c().get('seen')).toEqual([[1000], [1000], { 2: 'Unknown account' }]);
  });
});
