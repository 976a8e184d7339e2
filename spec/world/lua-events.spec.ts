/**
 * Lua resources on the world's event bus: local events between Lua and JS, net events in both directions,
 * `source`, net-safety, handler errors.
 */
import { plain, js, newWorld } from './helpers';
import { lua, printed, scriptErrors, state, useLua } from '../lua/support';

useLua();

describe('local events', () => {
  test('TriggerEvent reaches Lua and JS listeners synchronously; nils keep their positions; source is ""', () => {
    const world = newWorld();
    world.startResource({ name: 'jsr', server: js(`globalThis.got = []; on('hello', (...args) => got.push([source, ...args]));`) });
    world.startResource({
      name: 'luar',
      server: lua(`
        got = {}
        AddEventHandler('hello', function(a, b, c) got[#got + 1] = { source, a == nil, b, c } end)
        TriggerEvent('hello', nil, 'x', { 1, 2 })
        after = #got`),
    });
    expect(state(world, 'luar').get('after')).toBe(1);
    expect(state(world, 'luar').get('got')).toEqual([['', true, 'x', [1, 2]]]);
    expect(plain(world.server.resource('jsr').globals.got)).toEqual([['', null, 'x', [1, 2]]]);
  });

  test('JS emitting to Lua: null arrives as nil, undefined too, objects as tables', () => {
    const world = newWorld();
    world.startResource({
      name: 'luar',
      server: lua(`AddEventHandler('e', function(...) n = select('#', ...); a, b, c, d = ... end)`),
    });
    world.startResource({ name: 'jsr', server: js(`emit('e', null, undefined, { k: [1, 'two'] }, 1.5);`) });
    const l = state(world, 'luar');
    expect(l.runAll('return n, a, b, c.k[2], math.type(d), math.type(c.k[1])')).toEqual([4, null, null, 'two', 'float', 'integer']);
  });

  test('RemoveEventHandler removes one handler', () => {
    const world = newWorld();
    world.startResource({
      name: 'l',
      server: lua(`
        count = 0
        local h = AddEventHandler('x', function() count = count + 1 end)
        AddEventHandler('x', function() count = count + 10 end)
        TriggerEvent('x')
        RemoveEventHandler(h)
        TriggerEvent('x')`),
    });
    expect(state(world, 'l').get('count')).toBe(21);
  });

  test('a handler that raises is a SCRIPT ERROR; the other handlers and later events still run', () => {
    const world = newWorld();
    world.startResource({
      name: 'l',
      server: lua(
        `ran = 0
AddEventHandler('x', function() error('handler failed') end)
AddEventHandler('x', function() ran = ran + 1 end)
TriggerEvent('x')
TriggerEvent('x')`,
        'server.lua',
      ),
    });
    expect(state(world, 'l').get('ran')).toBe(2);
    const errors = scriptErrors(world);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('SCRIPT ERROR: @l/server.lua:2: handler failed');
  });

  test('a handler runs as a thread: it may Wait, and source is the global of the moment (copy it first)', async () => {
    const world = newWorld();
    world.startResource({
      name: 'l',
      server: lua(`
        RegisterNetEvent('later', function()
          local src = source
          Wait(50)
          seen = { src, source }
        end)`),
    });
    world.startResource({ name: 'c', client: js(`emitNet('later');`) });
    world.connect();
    await world.advance(100);
    expect(state(world, 'l').get('seen')).toEqual([1]);
  });
});

describe('net events', () => {
  test('client Lua TriggerServerEvent -> server Lua handler with source = player id; TriggerClientEvent back with source 65535', async () => {
    const world = newWorld({ latency: 10 });
    world.startResource({
      name: 'l',
      server: lua(`
        RegisterNetEvent('ask')
        AddEventHandler('ask', function(question)
          local src = source
          TriggerClientEvent('answer', src, question .. '!', src)
        end)`),
      client: lua(`
        RegisterNetEvent('answer', function(text, id) answer = { text, id, source } end)
        TriggerServerEvent('ask', 'hi')`),
    });
    const client = world.connect();
    await world.advance(100);
    expect(state(world, 'l', client).get('answer')).toEqual(['hi!', client.playerId, 65535]);
  });

  test('an event not registered with RegisterNetEvent is dropped on arrival with a log line', async () => {
    const world = newWorld();
    world.startResource({
      name: 'l',
      server: lua(`AddEventHandler('private', function() reached = true end)`),
      client: lua(`TriggerServerEvent('private')`),
    });
    world.connect();
    await world.advance(50);
    expect(state(world, 'l').get('reached')).toBeNull();
    expect(printed(world, 'l', 'server')).toContain('event private was not safe for net');
  });

  test('TriggerClientEvent with -1 reaches every player; to a missing player nothing happens', async () => {
    const world = newWorld();
    world.startResource({
      name: 'l',
      server: lua(`RegisterCommand('bc', function() TriggerClientEvent('news', -1, 'all'); TriggerClientEvent('news', 42, 'nobody') end, false)`),
      client: lua(`news = {}; RegisterNetEvent('news', function(v) news[#news + 1] = v end)`),
    });
    const a = world.connect();
    const b = world.connect();
    world.server.executeCommand('bc');
    await world.advance(50);
    expect(state(world, 'l', a).get('news')).toEqual(['all']);
    expect(state(world, 'l', b).get('news')).toEqual(['all']);
  });

  test('playerDropped reaches Lua with source = the player (internal-net)', async () => {
    const world = newWorld();
    world.startResource({ name: 'l', server: lua(`AddEventHandler('playerDropped', function(reason) dropped = { source, reason } end)`) });
    const client = world.connect();
    world.drop(client.playerId, 'bye');
    expect(state(world, 'l').get('dropped')).toEqual([client.playerId, 'bye']);
  });
});
