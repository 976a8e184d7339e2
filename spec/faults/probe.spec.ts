import { RESOURCE, rejectionOf, startHarness } from '../support/harness';
const EVENT = `fxcb:${RESOURCE}`;
function sendRaw(world: any, player: number, ...envelopes: unknown[]): void {
  const context = world.client(player).resource(RESOURCE);
  context.globals.__rawEnvelopes = envelopes;
  context.run(`for (const envelope of __rawEnvelopes) emitNet(${JSON.stringify(EVENT)}, envelope)`);
}
describe('probe', () => {
  it('cancel of retryable request', async () => {
    const { world, server, serverKit } = startHarness();
    let torn = 0; let started = 0;
    server.register('never', () => { started++; return serverKit.rx.NEVER.pipe(serverKit.rx.finalize(() => torn++)); });
    sendRaw(world, 1, [1, [0, 5, 'never', [], 1]]);
    await world.advance(50);
    console.log('after req', server.stats, started, torn);
    sendRaw(world, 1, [1, [4, 5]]);
    await world.advance(50);
    console.log('after cancel', server.stats, started, torn);
    for (let i = 0; i < 150; i++) sendRaw(world, 1, [1, [0, 100 + i, 'never', [], 1], [4, 100 + i]]);
    await world.advance(5000);
    console.log('after 150 req+cancel', server.stats, started, torn);
    await world.advance(70000);
    console.log('after 70s', server.stats, started, torn);
    world.server.resource(RESOURCE);
    console.log(world.server.resource(RESOURCE).listenerCounts);
  });
  it('proto', async () => {
    const { world, server } = startHarness();
    let got: unknown = 'none';
    server.register('store', (_p: number, v: unknown) => (got = v, 'ok'));
    const ctx = world.client(1).resource(RESOURCE);
    // craft msgpack map with __proto__ key by hand
    ctx.run(`
      const inner = msgpack_pack({ constructor: { name: { toString: 5 } }, x: 1 });
      const key = msgpack_pack('__proto__');
      const head = msgpack_pack([1, [0, 9, 'store', [null], 0]]);
      globalThis.__h = Array.from(head);
    `);
    console.log(ctx.globals.__h);
    await world.advance(10);
  });
  it('deep nesting decode', async () => {
    const { world, server } = startHarness();
    server.register('store', () => 'ok');
    const ctx = world.client(1).resource(RESOURCE);
    for (const depth of [100, 1000, 5000, 20000]) {
      ctx.run(`{ let v = 1; for (let i = 0; i < ${depth}; i++) v = [v]; emitNet('${EVENT}', [1, [0, ${depth}, 'store', [v], 0]]); }`);
      await world.advance(50);
      console.log(depth, world.logs.errors().length, world.logs.entries.slice(-2).map(e => e.text.slice(0, 200)));
    }
  });
});
