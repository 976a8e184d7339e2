import { newWorld, js } from './helpers';

describe('players joining and dropping', () => {
  test('connect fires playerJoining on the server with source = the new id; ids count from 1', () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`globalThis.joins = []; on('playerJoining', (oldId) => joins.push([source, typeof oldId]));`) });
    expect(world.connect().playerId).toBe(1);
    expect(world.connect().playerId).toBe(2);
    expect(JSON.stringify(world.server.resource('a').globals.joins)).toBe('[[1,"string"],[2,"string"]]');
  });

  test('getPlayers returns ids as strings; player natives', () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(``) });
    world.connect({ name: 'Alice', identifiers: ['license:abc', 'discord:1'] });
    world.connect();
    const a = world.server.resource('a');
    expect(Array.from(a.run('getPlayers()'))).toEqual(['1', '2']);
    expect(a.run(`[GetPlayerName('1'), GetPlayerName(2), DoesPlayerExist(1), DoesPlayerExist('3'), GetNumPlayerIndices()]`)).toEqual(
      expect.objectContaining({ 0: 'Alice', 1: 'player2', 2: true, 3: false, 4: 2 }),
    );
    expect(Array.from(a.run(`getPlayerIdentifiers(1)`))).toEqual(['license:abc', 'discord:1']);
  });

  test('client natives: PlayerId / GetPlayerServerId', () => {
    const world = newWorld();
    world.startResource({ name: 'a', client: js(`globalThis.me = GetPlayerServerId(PlayerId());`) });
    world.connect();
    const c2 = world.connect();
    expect(c2.resource('a').globals.me).toBe(2);
  });

  test('drop fires playerDropped(reason) with source = the player, who is still known during the event', () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`globalThis.drops = []; on('playerDropped', (reason) => drops.push([source, reason, GetPlayerName(source), DoesPlayerExist(source)]));`),
    });
    world.connect({ name: 'Bob' });
    world.drop(1, 'Quit');
    expect(JSON.stringify(world.server.resource('a').globals.drops)).toBe('[[1,"Quit","Bob",true]]');
    expect(world.server.resource('a').run('DoesPlayerExist(1)')).toBe(false);
    expect(world.clients).toEqual([]);
  });

  test('a dropped client is gone: its timers stop, events already sent to it vanish', async () => {
    const world = newWorld({ latency: 50 });
    world.startResource({
      name: 'a',
      server: js(`globalThis.send = (id) => emitNet('hello', id, 1);`),
      client: js(`globalThis.got = 0; onNet('hello', () => got++); setInterval(() => emitNet('alive'), 10);`),
    });
    const client = world.connect();
    const clientGlobals = client.resource('a').globals;
    world.server.resource('a').run('send(1)');
    world.drop(1);
    await world.advance(200);
    expect(client.alive).toBe(false);
    expect(clientGlobals.got).toBe(0);
    expect(world.network.stats.toServer.events).toBe(0);
    expect(world.network.stats.dropped.disconnected).toBeGreaterThanOrEqual(1);
    expect(world.network.stats.delivered.events).toBe(0);
  });

  test('emitNet to a player who is gone does nothing and reports nothing; -1 reaches every player', async () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`globalThis.send = (t) => emitNet('x', t, t);`),
      client: js(`globalThis.got = []; onNet('x', (t) => got.push(t));`),
    });
    const c1 = world.connect();
    const c2 = world.connect();
    world.server.resource('a').run('send(7); send("7"); send(-1); send("2")');
    await world.advance(50);
    expect(Array.from(c1.resource('a').globals.got)).toEqual([-1]);
    expect(Array.from(c2.resource('a').globals.got)).toEqual([-1, '2']);
    expect(world.logs.errors()).toEqual([]);
  });

  test('IsPlayerAceAllowed is configured by the world; aces are hierarchical', () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(``) });
    world.connect({ aces: ['command'] });
    world.connect();
    world.setAce(2, 'fxcb.admin');
    world.setAce(1, 'command.ban', false);
    const a = world.server.resource('a');
    expect(a.run(`[IsPlayerAceAllowed(1, 'command.kick'), IsPlayerAceAllowed('1', 'command.ban'), IsPlayerAceAllowed(2, 'fxcb.admin'), IsPlayerAceAllowed(2, 'fxcb')]`)).toEqual(
      expect.objectContaining({ 0: true, 1: false, 2: true, 3: false }),
    );
  });

  test('DropPlayer from a script drops the player with that reason', () => {
    const world = newWorld();
    world.startResource({ name: 'a', server: js(`globalThis.drops = []; on('playerDropped', (r, res) => drops.push([source, r, res]));`) });
    world.connect();
    world.server.resource('a').run(`DropPlayer('1', 'bye')`);
    expect(JSON.stringify(world.server.resource('a').globals.drops)).toBe('[[1,"bye","a"]]');
    expect(world.isConnected(1)).toBe(false);
  });

  test('GetPlayerPing is the mean round trip', () => {
    const world = newWorld({ latency: 40 });
    world.startResource({ name: 'a', server: js(``) });
    world.connect();
    world.connect({ latency: { min: 10, max: 30 } });
    expect(world.server.resource('a').run(`[GetPlayerPing(1), GetPlayerPing(2)].join()`)).toBe('80,40');
  });
});
