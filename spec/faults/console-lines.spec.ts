/**
 * Console lines a client can cause on the server (handler errors) are throttled per player and per callback: a
 * flood of one failure is one line per 10 s with a count, and a second, different failure still shows at once.
 */
import { encode } from '../fuzz/msgpack';
import type { World } from '../../src/testing';
import { BRIDGE, printed, startBridge, useLua } from '../lua/support';
import { PROTOCOL_VERSION } from '../../src/core/wire/protocol';

useLua();

const EVENT = `fxcb:${BRIDGE}`;

/** Raw envelopes from a player, as a cheat sends them. */
function sendRaw(world: World, from: number, ...envelopes: unknown[]): void {
  for (const envelope of envelopes) world.network.send(from, 'server', EVENT, encode([envelope]), null);
}

function handlerErrorLines(world: World): string[] {
  return printed(world, BRIDGE, 'server').filter((line) => line.includes('a callback handler raised an error'));
}

const failing = `
exports.community_bridge:RegisterServerCallback('buy', function(src, cb, item)
    error('cannot buy ' .. tostring(item))
end)
exports.community_bridge:RegisterServerCallback('sell', function(src, cb, item)
    error('cannot sell ' .. tostring(item))
end)
`;

test('one player failing a callback 501 times does not hide a different callback failing, nor another player', async () => {
  const { world } = startBridge({ server: failing }, { latency: 10, players: 2 });
  sendRaw(world, 1, [PROTOCOL_VERSION, ...Array.from({ length: 100 }, (_, k) => [0, k, 'buy', ['apple']])]);
  await world.advance(100);
  sendRaw(world, 1, [PROTOCOL_VERSION, [0, 1000, 'sell', ['pear']]], [PROTOCOL_VERSION, [0, 1001, 'buy', ['plum']]]);
  sendRaw(world, 2, [PROTOCOL_VERSION, [0, 1, 'buy', ['fig']]]);
  await world.advance(100);
  const lines = handlerErrorLines(world);
  expect(lines).toHaveLength(3);
  expect(lines.filter((line) => line.includes('callback "sell"'))).toHaveLength(1);
  for (let i = 0; i < 4; i++) {
    sendRaw(world, 1, [PROTOCOL_VERSION, ...Array.from({ length: 100 }, (_, k) => [0, 2000 + i * 100 + k, 'buy', ['apple']])]);
    await world.advance(100);
  }
  expect(handlerErrorLines(world)).toHaveLength(3);
  await world.advance(10_000);
  sendRaw(world, 1, [PROTOCOL_VERSION, [0, 9000, 'buy', ['apple']]], [PROTOCOL_VERSION, [0, 9001, 'sell', ['pear']]]);
  await world.advance(100);
  const after = handlerErrorLines(world).slice(3);
  expect(after).toEqual([
    expect.stringMatching(/callback "buy".*\(501 handler errors in the last 10 s\)$/),
    expect.stringMatching(/callback "sell"/),
  ]);
  expect(after[1]).not.toContain('handler errors in the last');
}, 30_000);
