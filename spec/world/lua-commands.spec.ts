/**
 * Lua command handlers (`RegisterCommand`): run by `ExecuteCommand` from scripts and by the server console with
 * source 0, client commands on the client, unknown client commands on the server with the player as source,
 * restricted ones only for players with the ace; each handler runs as a thread, so it may Wait.
 */
import { lua, scriptErrors, state, useLua } from '../lua/support';
import { newWorld } from './helpers';

useLua();

test('ExecuteCommand from a script and the server console run a Lua handler with (0, args, raw)', async () => {
  const world = newWorld({ serverFrameMs: 1 });
  world.startResource({
    name: 'cmds',
    server: lua(`
      runs = {}
      RegisterCommand('give', function(source, args, raw)
        runs[#runs + 1] = { source, args, raw }
        Wait(10)
        runs[#runs + 1] = 'after wait'
      end, true)`),
  });
  world.startResource({ name: 'caller', server: lua(`ExecuteCommand('give bread 2')`) });
  expect(world.server.executeCommand('GIVE water "big bottle"')).toBe(true);
  await world.advance(20);
  expect(state(world, 'cmds').get('runs')).toEqual([
    [0, ['bread', '2'], 'give bread 2'],
    [0, ['water', 'big bottle'], 'GIVE water "big bottle"'],
    'after wait',
    'after wait',
  ]);
  expect(scriptErrors(world)).toEqual([]);
});

test('client commands run on the client; others go to the server with the player as source; restricted ones need the ace', async () => {
  const world = newWorld({ latency: 10 });
  world.startResource({
    name: 'cmds',
    server: lua(`
      runs = {}
      RegisterCommand('admin', function(source) runs[#runs + 1] = 'admin:' .. source end, true)
      RegisterCommand('open', function(source, args) runs[#runs + 1] = 'open:' .. source .. ':' .. args[1] end, false)`),
    client: lua(`
      runs = {}
      RegisterCommand('hud', function(source, args) runs[#runs + 1] = 'hud:' .. source .. ':' .. #args end, false)
      RegisterCommand('relay', function() ExecuteCommand('open fromScript') end, false)`),
  });
  const admin = world.connect({ aces: ['command.admin'] });
  const player = world.connect();
  admin.executeCommand('hud a b');
  admin.executeCommand('admin');
  player.executeCommand('admin');
  player.executeCommand('relay');
  await world.advance(50);
  expect(state(world, 'cmds', admin).get('runs')).toEqual(['hud:0:2']);
  expect(state(world, 'cmds').get('runs')).toEqual([`admin:${admin.playerId}`, `open:${player.playerId}:fromScript`]);
  expect(world.logs.find('Access denied for command admin.')).toHaveLength(1);
});

test('a failing handler is a SCRIPT ERROR that leaves the command usable; a stopped resource\'s commands are gone', async () => {
  const world = newWorld();
  world.startResource({
    name: 'cmds',
    server: lua(`count = 0; RegisterCommand('boom', function() count += 1; error('kaboom') end, false)`),
  });
  world.server.executeCommand('boom');
  world.server.executeCommand('boom');
  expect(state(world, 'cmds').get('count')).toBe(2);
  expect(scriptErrors(world).filter((line) => line.includes('kaboom'))).toHaveLength(2);
  world.stopResource('cmds');
  expect(world.server.executeCommand('boom')).toBe(false);
});
