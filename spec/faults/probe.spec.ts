import { RESOURCE, startHarness } from '../support/harness';
import { encode, Ext } from '../fuzz/msgpack';
const EVENT = `fxcb:${RESOURCE}`;
describe('probe', () => {
  it('thenable funcref answer', async () => {
    const { world, server, client, clientKit } = startHarness();
    const ref = world.server.resource(RESOURCE).run("globalThis.pwned = []; Citizen.makeRefFunction(function () { globalThis.pwned.push(Array.from(arguments).map(String)); return 1; })");
    console.log('ref', ref);
    let id: number | undefined;
    world.network.intercept((p) => { if (p.to === 1 && p.name === EVENT) id ??= ((p.args[0] as any[])[1] as any[])[1]; });
    client(1).register('ask', () => clientKit(1).rx.NEVER);
    const answer = server.call(1, 'ask');
    await world.advance(20); console.log('id', id, Buffer.from(encode([[1, [1, id, [5]], [3, id]]])).toString('hex'));
    world.network.send(1, 'server', EVENT, encode([[1, [1, id, [{ then: new Ext(10, Buffer.from(ref)) }]], [3, id]]]), null);
    await world.advance(50);
    const r = await Promise.race([answer.then((v) => ['resolved', v], (e) => ['rejected', String(e)]), new Promise((res) => setTimeout(() => res('pending'), 50))]);
    console.log(r, world.server.resource(RESOURCE).globals.pwned, world.logs.toString());
  });
});
