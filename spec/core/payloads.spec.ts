import { rejectionOf, startHarness } from '../support/harness';

const KiB = 1024;

describe('large payloads', () => {
  it('a request below the threshold travels as a reliable event, one above it as a latent event at the configured rate', async () => {
    const { world, server, client } = startHarness({ clientOptions: { largePayloads: { latentThreshold: 8 * KiB, bytesPerSecond: 16 * KiB } } });
    server.register('store', (_player: number, text: string) => text.length);
    world.network.resetStats();
    await expect(world.settle(client(1).call('store', 'x'.repeat(7 * KiB)))).resolves.toBe(7 * KiB);
    expect(world.network.stats.latent.toServer.events).toBe(0);

    const started = world.now;
    await expect(world.settle(client(1).call('store', 'x'.repeat(32 * KiB)))).resolves.toBe(32 * KiB);
    expect(world.network.stats.latent.toServer.events).toBe(1);
    // 32 KiB at 16 KiB/s: about two seconds in fragments
    expect(world.now - started).toBeGreaterThanOrEqual(2000);
    expect(world.network.stats.kicked).toBe(0);
  });

  it('a large answer from the server goes latent too, and small ones in the same tick are not held back by it', async () => {
    const { world, server, client } = startHarness();
    server.register('bigTable', () => Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `item-${i}` })));
    server.register('small', () => 'quick');
    world.network.resetStats();
    const big = client(1).call<unknown[]>('bigTable');
    const small = client(1).call('small');
    await expect(world.settle(small)).resolves.toBe('quick');
    const table = await world.settle(big);
    expect(table).toHaveLength(2000);
    expect(world.network.stats.latent.toClients.events).toBe(1);
  });

  it('a client payload that could never be sent safely fails before sending with PAYLOAD_TOO_LARGE', async () => {
    const { world, server, client } = startHarness();
    server.register('store', () => 'stored');
    world.network.resetStats();
    const error = await world.settle(rejectionOf(client(1).call('store', 'x'.repeat(400 * KiB))));
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 384 * KiB } });
    expect(world.network.stats.toServer.events).toBe(0);
  });

  it('an answer too large to send becomes a PAYLOAD_TOO_LARGE error for the caller', async () => {
    const { world, server, client } = startHarness({ serverOptions: { largePayloads: { maxBytes: 100 * KiB } } });
    server.register('dump', () => 'x'.repeat(200 * KiB));
    await expect(world.settle(rejectionOf(client(1).call('dump')))).resolves.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
