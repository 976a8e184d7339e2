/**
 * A cheating client against Lua resources behind the built resource: answers with a huge number of values,
 * keep-alive NEXT frames, REQUEST+CANCEL churn against Lua handlers, a flood of handler errors; and `{}` as "no
 * options" in every Lua-facing options table.
 */
import { encode } from '../fuzz/msgpack';
import { framesOf } from '../fuzz/world';
import type { World } from '../../src/testing';
import { BRIDGE, printed, scriptErrors, startBridge, useLua } from './support';
import { PROTOCOL_VERSION } from '../../src/core/wire/protocol';

useLua();

const EVENT = `fxcb:${BRIDGE}`;

function sendRaw(world: World, from: number, ...envelopes: unknown[]): void {
  for (const envelope of envelopes) world.network.send(from, 'server', EVENT, encode([envelope]), null);
}

/** Ids of the requests the server sends to `player`, and every frame it sends. */
function watchServer(world: World, player: number): { ids: number[]; frames: unknown[][] } {
  const seen = { ids: [] as number[], frames: [] as unknown[][] };
  world.network.intercept((packet) => {
    if (packet.name !== EVENT || packet.from !== 'server' || packet.to !== player) return;
    for (const frame of framesOf(packet.args)) {
      seen.frames.push(frame);
      if (frame[0] === 0 && typeof frame[1] === 'number') seen.ids.push(frame[1]);
    }
  });
  return seen;
}

const caller = `
outcomes = {}
function ask(options)
    local startedAt = GetGameTimer()
    local done = function(...)
        outcomes[#outcomes + 1] = { args = table.pack(...), after = GetGameTimer() - startedAt }
    end
    if options then
        exports.community_bridge:TriggerClientCallbackWithOptions(1, 'ask', options, done)
    else
        exports.community_bridge:TriggerClientCallback(1, 'ask', done)
    end
end
`;

const silentClient = `exports.community_bridge:RegisterClientCallback('ask', function(cb) end)`;

describe('a Lua caller answered by a cheating client', () => {
  test('250,000 values in one answer: the callback is called once with (nil, message)', async () => {
    const { world, server } = startBridge({ server: caller, client: silentClient }, { latency: 10 });
    const seen = watchServer(world, 1);
    server().run(`ask()`);
    await world.advance(30);
    sendRaw(world, 1, [PROTOCOL_VERSION, [5, seen.ids[0], new Array(250_000).fill(1)]]);
    await world.advance(100);
    const outcomes = server().get<Array<{ args: Record<string, unknown> }>>('outcomes');
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]!.args[1]).toBeUndefined();
    expect(String(outcomes[0]!.args[2])).toContain('256');
    expect(scriptErrors(world)).toEqual([]);
  });

  test('keep-alive NEXT frames do not stretch the call past its timeout', async () => {
    const { world, server } = startBridge({ server: caller, client: silentClient }, { latency: 10 });
    const seen = watchServer(world, 1);
    server().run(`ask({ timeout = 500 })`);
    await world.advance(30);
    for (let i = 0; i < 30 && server().get<unknown[]>('outcomes').length === 0; i++) {
      sendRaw(world, 1, [PROTOCOL_VERSION, [1, seen.ids[0], ['still here']]]);
      await world.advance(100);
    }
    const outcomes = server().get<Array<{ args: Record<string, unknown>; after: number }>>('outcomes');
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]!.args[3]).toBe(true);
    expect(outcomes[0]!.after).toBeLessThanOrEqual(600);
  });
});

describe('Lua handlers against a cheating caller', () => {
  test('REQUEST+CANCEL churn: a Lua handler holds its slot until it calls cb', async () => {
    const handler = `
running, started = 0, 0
exports.community_bridge:RegisterServerCallback('work', function(src, cb)
    started = started + 1
    running = running + 1
    Citizen.SetTimeout(1000, function()
        running = running - 1
        cb('done')
    end)
end)
`;
    const { world, server } = startBridge({ server: handler }, { latency: 10 });
    for (let batch = 0; batch < 12; batch++) {
      const frames = [];
      for (let i = 0; i < 100; i++) frames.push([0, batch * 1000 + i, 'work', []], [4, batch * 1000 + i]);
      sendRaw(world, 1, [PROTOCOL_VERSION, ...frames]);
      await world.advance(20);
    }
    expect(server().get<number>('started')).toBe(100);
    await world.advance(1100);
    expect(server().get<number>('running')).toBe(0);
    const seen = watchServer(world, 1);
    sendRaw(world, 1, [PROTOCOL_VERSION, [0, 99_999, 'work', []]]);
    await world.advance(1100);
    expect(seen.frames).toContainEqual([5, 99_999, ['done']]);
  });

  test('a handler failing 1,000 times a second logs a line per interval, with a count', async () => {
    const handler = `
exports.community_bridge:RegisterServerCallback('fails', function(src, cb)
    error('nope')
end)
`;
    const { world } = startBridge({ server: handler }, { latency: 10, players: 2 });
    for (let i = 0; i < 10; i++) {
      sendRaw(world, 1, [PROTOCOL_VERSION, ...Array.from({ length: 100 }, (_, k) => [0, i * 100 + k, 'fails', []])]);
      await world.advance(100);
    }
    sendRaw(world, 2, [PROTOCOL_VERSION, [0, 1, 'fails', []]]);
    await world.advance(100);
    const lines = printed(world, BRIDGE, 'server').filter((line) => line.includes('a callback handler raised an error'));
    // One for player 1 (the rest counted), one for player 2.
    expect(lines.length).toBe(2);
    await world.advance(10_000);
    sendRaw(world, 1, [PROTOCOL_VERSION, [0, 5000, 'fails', []]]);
    await world.advance(100);
    const after = printed(world, BRIDGE, 'server').filter((line) => line.includes('a callback handler raised an error'));
    expect(after.length).toBe(3);
    expect(after[2]).toContain('(1000 handler errors in the last 10 s)');
  });
});

describe('{} as "no options"', () => {
  test('RegisterServerCallback(name, fn, {}) and TriggerServerCallbackWithOptions(name, {}, cb)', async () => {
    const { world, server, client } = startBridge(
      {
        server: `
exports.community_bridge:RegisterServerCallback('hello', function(src, cb) cb('hi') end, {})
result = nil
`,
        client: `
exports.community_bridge:RegisterClientCallback('pong', function(cb) cb('pong') end, {})
answer = nil
exports.community_bridge:TriggerServerCallbackWithOptions('hello', {}, function(value) answer = value end)
`,
      },
      { latency: 10 },
    );
    await world.advance(100);
    expect(client().get('answer')).toBe('hi');
    server().run(`exports.community_bridge:TriggerClientCallbackWithOptions(1, 'pong', {}, function(value) result = value end)`);
    await world.advance(100);
    expect(server().get('result')).toBe('pong');
    expect(scriptErrors(world)).toEqual([]);
  });
});
