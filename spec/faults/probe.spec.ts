import { RESOURCE, startHarness } from '../support/harness';
import { hostPack } from '../../src/testing';
const EVENT = `fxcb:${RESOURCE}`;
describe('probe', () => {
  it('proto', async () => {
    const { world, server } = startHarness();
    let got: any = 'none';
    server.register('store', (_p: number, v: unknown) => (got = v, 'ok'));
    const evil = JSON.parse('{"__proto__": {"constructor": {"name": {"a": 5}}, "isAdmin": true}, "x": 1}');
    const evil2 = JSON.parse('{"__proto__": {"isAdmin": true}, "x": 1}');
    const evil3 = JSON.parse('{"__proto__": [1,2], "x": 1}');
    const evil4 = JSON.parse('{"constructor": {"name": {"a": 5}}, "x": 1}');
    world.network.send(1, 'server', EVENT, hostPack([[1, [0, 9, 'store', [evil], 0], [0, 10, 'store', [evil2], 0], [0, 11, 'store', [evil3], 0], [0, 12, 'store', [evil4], 0]]]), null);
    const replies: unknown[] = [];
    world.network.intercept((p) => { if (p.to === 1) replies.push(JSON.stringify(p.args)); });
    await world.advance(50);
    console.log(got, got?.isAdmin, replies, world.logs.toString().slice(0, 3000));
  });
  it('deep', async () => {
    const { world, server } = startHarness();
    server.register('store', () => 'ok');
    for (const depth of [100, 1000, 10000, 100000]) {
      const head = hostPack([[1, [0, depth, 'store', [0], 0]]]);
      // replace the final 0 args element... simpler: build bytes by hand: fixarray(1) [ fixarray(2) [1, fixarray(5)[0, id, 'store', args, 0]]]
      const bytes = [0x91, 0x92, 0x01, 0x95, 0x00, 0x01, 0xa5, ...Buffer.from('store'), 0x91, ...Array(depth).fill(0x91), 0x01, 0x00];
      void head;
      world.network.send(1, 'server', EVENT, Uint8Array.from(bytes), null);
      await world.advance(50);
      console.log(depth, world.logs.errors().map((e) => e.text.slice(0, 150)), server.metrics.snapshot().callbacks.map(c => JSON.stringify(c.errors)));
      world.logs.clear();
    }
  });
});
