/**
 * Natives the world does not model: in FiveM a global named like a native resolves to it (`natives_loader.lua`
 * hangs the lookup on _G's __index), so `if SomeNative then` holds; here calling one fails with a clear error
 * naming it, and other unknown globals stay nil. Each side knows its own natives only.
 */
import { lua, scriptErrors, state, useLua } from '../lua/support';
import { newWorld } from './helpers';

useLua();

describe('natives the world does not model', () => {
  test('exist as globals, and calling one raises an error naming it, at the caller\'s line', () => {
    const world = newWorld();
    world.startResource({
      name: 'n',
      server: lua(`
        results = { type(GetEntityCoords), GetEntityCoords ~= nil, NotARealNative == nil, PlayerPedId == nil, GetResourceState ~= nil }
        local ok, err = pcall(function() return GetEntityCoords(GetPlayerPed(1)) end)
        results[#results + 1] = err
        SetEntityCoords(0, 0, 0, 0)`),
    });
    const results = state(world, 'n').get<unknown[]>('results');
    expect(results.slice(0, 5)).toEqual(['function', true, true, true, true]);
    // GetPlayerPed is not modelled either: the first native called is the one named
    expect(results[5]).toBe('@n/main.lua:3: native GetPlayerPed is not modelled by the simulated world');
    expect(scriptErrors(world).join('\n')).toMatch(/main\.lua:5: native SetEntityCoords is not modelled by the simulated world/);
  });

  test('clients resolve client natives; server-only natives stay nil there', () => {
    const world = newWorld();
    world.startResource({ name: 'n', client: lua(`results = { PlayerPedId ~= nil, TriggerClientEventInternal == nil, GetPlayerServerId(PlayerId()) }`) });
    const client = world.connect();
    expect(state(world, 'n', client).get('results')).toEqual([true, true, client.playerId]);
  });
});

test('FiveM globals the world does not model (HTTP, state bags) fail with their name too', () => {
  const world = newWorld();
  world.startResource({
    name: 'n',
    server: lua(`
      local function err(f) return (select(2, pcall(f)):gsub('^.-:%d+: ', '')) end
      results = {
        err(function() PerformHttpRequest('http://x', function() end) end),
        err(function() return GlobalState.weather end),
        err(function() return Player(1).state.job end),
        LocalPlayer == nil,
      }`),
    client: lua(`results = { (select(2, pcall(function() return LocalPlayer.state.isLoggedIn end)):gsub('^.-:%d+: ', '')) }`),
  });
  const client = world.connect();
  expect(state(world, 'n').get('results')).toEqual([
    'PerformHttpRequest is not modelled by the simulated world',
    'GlobalState (state bags) is not modelled by the simulated world',
    'Player (state bags) is not modelled by the simulated world',
    true,
  ]);
  expect(state(world, 'n', client).get('results')).toEqual(['LocalPlayer (state bags) is not modelled by the simulated world']);
});
