/**
 * The Lua runtime's scheduler: threads, Wait, SetTimeout, promises and Citizen.Await, on the machines' virtual
 * clocks; errors in threads and handlers are SCRIPT ERRORs that end only the failing thread.
 */
import { lua, printed, scriptErrors, state, useLua } from '../lua/support';
import { newWorld } from './helpers';

useLua();

describe('threads', () => {
  test('CreateThread runs on the next frame, not during the script', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'l', server: lua(`ran = false; CreateThread(function() ran = true end); duringScript = ran`) });
    const l = state(world, 'l');
    expect(l.get('duringScript')).toBe(false);
    expect(l.get('ran')).toBe(false);
    await world.flush();
    expect(l.get('ran')).toBe(true);
  });

  test('Wait(ms) resumes on the first frame at or after now + ms; Wait(0) on the next frame (client: 16 ms frames)', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'l',
      client: lua(`
        times = {}
        Citizen.CreateThread(function()
          times[#times + 1] = GetGameTimer()
          Citizen.Wait(20)
          times[#times + 1] = GetGameTimer()
          Wait(0)
          times[#times + 1] = GetGameTimer()
          Wait(100)
          times[#times + 1] = GetGameTimer()
        end)`),
    });
    const client = world.connect();
    await world.advance(500);
    expect(state(world, 'l', client).get('times')).toEqual([0, 32, 48, 160]);
  });

  test('SetTimeout runs its function as a thread after the delay; ClearTimeout cancels', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'l',
      server: lua(`
        log = {}
        Citizen.SetTimeout(100, function() log[#log + 1] = 'a@' .. GetGameTimer(); Wait(50); log[#log + 1] = 'a2@' .. GetGameTimer() end)
        local id = SetTimeout(120, function() log[#log + 1] = 'cancelled' end)
        SetTimeout(10, function() ClearTimeout(id) end)`),
    });
    await world.advance(1000);
    expect(state(world, 'l').get('log')).toEqual(['a@100', 'a2@150']);
  });

  test('due threads run once per frame in creation order; a thread created during a frame waits for the next', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'l',
      server: lua(`
        order = {}
        CreateThread(function() order[#order + 1] = 'first'; CreateThread(function() order[#order + 1] = 'nested@' .. GetGameTimer() end) end)
        CreateThread(function() order[#order + 1] = 'second@' .. GetGameTimer() end)`),
    });
    await world.advance(10);
    expect(state(world, 'l').get('order')).toEqual(['first', 'second@0', 'nested@1']);
  });

  test('Wait outside a thread raises an error; the script stops there and the resource lives on', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'l', server: lua(`before = true; Wait(10); after = true`) });
    const l = state(world, 'l');
    expect(l.get('before')).toBe(true);
    expect(l.get('after')).toBeNull();
    expect(scriptErrors(world).join('\n')).toContain('attempt to yield from outside a coroutine');
    expect(l.run('return 1 + 1')).toBe(2);
  });

  test('an error in a thread is a SCRIPT ERROR with the script position; other threads keep running', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'l',
      server: lua(
        `count = 0
CreateThread(function() Wait(5); error('boom') end)
CreateThread(function() while true do count = count + 1; Wait(10) end end)`,
        'server.lua',
      ),
    });
    await world.advance(100);
    const errors = scriptErrors(world);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('SCRIPT ERROR: @l/server.lua:2: boom');
    expect(state(world, 'l').get('count')).toBeGreaterThanOrEqual(9);
  });
});

describe('promises and Citizen.Await', () => {
  test('promise states are numbers: 0 pending, then 3 resolved / 4 rejected; :next chains synchronously', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'l',
      server: lua(`
        local p = promise.new()
        s0 = p.state
        seen = {}
        p:next(function(v) seen[#seen + 1] = v; return v * 2 end):next(function(v) seen[#seen + 1] = v end)
        p:resolve(21)
        s1 = p.state
        local q = promise.new()
        q:next(nil, function(e) seen[#seen + 1] = 'rejected: ' .. e end)
        q:reject('no')
        s2 = q.state
        q:resolve('ignored')
        s3 = q.state`),
    });
    const l = state(world, 'l');
    expect(l.runAll('return s0, s1, s2, s3')).toEqual([0, 3, 4, 4]);
    expect(l.get('seen')).toEqual([21, 42, 'rejected: no']);
  });

  test('Citizen.Await in a thread parks it until the promise settles; a rejection is a Lua error', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'l',
      server: lua(`
        p = promise.new()
        q = promise.new()
        CreateThread(function() got = Citizen.Await(p); gotAt = GetGameTimer() end)
        CreateThread(function()
          local ok, err = pcall(Citizen.Await, q)
          failed = { ok, err }
        end)
        SetTimeout(40, function() p:resolve('value'); q:reject('bad things') end)`),
    });
    await world.advance(20);
    const l = state(world, 'l');
    expect(l.get('got')).toBeNull();
    await world.advance(50);
    expect(l.get('got')).toBe('value');
    expect(l.get('gotAt')).toBe(40);
    expect(l.get('failed')).toEqual([false, 'bad things']);
  });

  test('Citizen.Await outside a thread raises on a pending promise; a settled one just gives its value', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'l',
      server: lua(`
        local ok, err = pcall(Citizen.Await, promise.new())
        pending = { ok, err }
        local done = promise.new()
        done:resolve(7)
        settled = Citizen.Await(done)`),
    });
    const l = state(world, 'l');
    const [ok, err] = l.get<[boolean, string]>('pending');
    expect(ok).toBe(false);
    expect(err).toContain('Current execution context is not in the scheduler');
    expect(l.get('settled')).toBe(7);
  });
});

describe('the rest of the environment', () => {
  test('print goes to the world log (tab-separated), os.time and GetGameTimer follow the virtual clock', async () => {
    const world = newWorld({ serverFrameMs: 1, startEpochMs: Date.UTC(2025, 0, 1) });
    world.startResource({ name: 'l', server: lua(`print('hello', 1, 2.5, nil, true); CreateThread(function() Wait(3000); t = os.time(); g = GetGameTimer() end)`) });
    await world.advance(3000);
    expect(printed(world, 'l')).toEqual(['hello\t1\t2.5\tnil\ttrue']);
    const l = state(world, 'l');
    expect(l.get('t')).toBe(Date.UTC(2025, 0, 1) / 1000 + 3);
    expect(l.get('g')).toBe(3000);
  });

  test('json.encode / json.decode', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'l',
      server: lua(`
        a = json.encode({ 1, 2, 3 })
        b = json.encode({ name = 'x', list = {}, nested = { ok = true, n = 1.5 } })
        c = json.decode('{"a":[1,null,3],"b":"\\\\u00e9","c":false}')`),
    });
    const l = state(world, 'l');
    expect(l.get('a')).toBe('[1,2,3]');
    expect(l.get('b')).toBe('{"list":[],"name":"x","nested":{"n":1.5,"ok":true}}');
    expect(l.runAll('return c.a[1], c.a[2], c.a[3], c.b, c.c')).toEqual([1, null, 3, 'é', false]);
  });

  test('server natives: GetPlayerName, DoesPlayerExist, IsPlayerAceAllowed, GetPlayers, GetCurrentResourceName, IsDuplicityVersion', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'l', server: lua(`function info(id) return GetPlayerName(id), DoesPlayerExist(id), IsPlayerAceAllowed(id, 'admin'), GetPlayers(), GetCurrentResourceName(), IsDuplicityVersion() end`) });
    const player = world.connect({ name: 'Alice', aces: ['admin'] });
    const l = state(world, 'l');
    expect(l.runAll(`return info(${player.playerId})`)).toEqual(['Alice', true, true, ['1'], 'l', true]);
    expect(l.runAll('return info(99)')).toEqual([null, false, false, ['1'], 'l', true]);
  });

  test('client natives: PlayerId, GetPlayerServerId, GetPlayerName', () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({ name: 'l', client: lua(`function me() return PlayerId(), GetPlayerServerId(PlayerId()), GetPlayerName(PlayerId()), IsDuplicityVersion() end`) });
    const client = world.connect({ name: 'Bob' });
    expect(state(world, 'l', client).runAll('return me()')).toEqual([0, client.playerId, 'Bob', false]);
  });

  test('a stopped resource: its threads stop, its handlers are gone, its Lua state is closed', async () => {
    const world = newWorld({ serverFrameMs: 1 });
    world.startResource({
      name: 'l',
      server: lua(`
        AddEventHandler('onResourceStop', function(name) if name == GetCurrentResourceName() then print('stopping') end end)
        AddEventHandler('ping', function() print('pong') end)
        CreateThread(function() while true do Wait(10); print('tick') end end)`),
    });
    await world.advance(25);
    const l = state(world, 'l');
    expect(l.threadCount).toBe(1);
    world.stopResource('l');
    expect(l.stopped).toBe(true);
    const before = printed(world, 'l').length;
    world.server.emit('ping');
    await world.advance(100);
    expect(printed(world, 'l')).toHaveLength(before);
    expect(printed(world, 'l').filter((t) => t === 'tick')).toHaveLength(2);
    expect(printed(world, 'l')).toContain('stopping');
    expect(() => l.run('return 1')).toThrow(/stopped/);
  });
});
