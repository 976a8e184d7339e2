import { rejectionOf, startHarness, type Harness } from '../support/harness';

/** The spec's multi-step purchase, interactive: the server asks the buyer to confirm before charging. */
function shop(harness: Harness, confirmTimeout = 5000) {
  const { server } = harness;
  const ledger = { charged: 0 };
  server.register('purchaseVehicle', async (player: number, vehicle: { model: string; price: number }) => {
    const confirmed = await server.with({ timeout: confirmTimeout }).call<boolean>(player, 'confirmPurchase', `Buy a ${vehicle.model} for $${vehicle.price}?`);
    if (!confirmed) throw new Error('Purchase declined');
    ledger.charged += vehicle.price;
    return { vehicleId: 42, remaining: 10_000 - ledger.charged };
  });
  return ledger;
}

describe('bidirectional, multi-step workflows', () => {
  const adder = { model: 'adder', price: 1000 };

  it('the server asks the client to confirm, the client answers after a delay, the server completes the purchase', async () => {
    const harness = startHarness({ latency: 30 });
    const ledger = shop(harness);
    const asked: string[] = [];
    harness.client(1).register('confirmPurchase', async (question: string) => {
      asked.push(question);
      await harness.clientKit(1).delay(2000);
      return true;
    });
    await expect(harness.world.settle(harness.client(1).call('purchaseVehicle', adder))).resolves.toEqual({ vehicleId: 42, remaining: 9000 });
    expect(asked).toEqual(['Buy a adder for $1000?']);
    expect(ledger.charged).toBe(1000);
  });

  it('the player declines: nothing is charged and the caller learns why', async () => {
    const harness = startHarness();
    const ledger = shop(harness);
    harness.client(1).register('confirmPurchase', () => false);
    await expect(harness.world.settle(rejectionOf(harness.client(1).call('purchaseVehicle', adder)))).resolves.toMatchObject({
      code: 'HANDLER_ERROR',
      message: 'Purchase declined',
    });
    expect(ledger.charged).toBe(0);
  });

  it('the player does not answer in time: the purchase fails with TIMEOUT, nothing is charged', async () => {
    const harness = startHarness();
    const ledger = shop(harness, 3000);
    harness.client(1).register('confirmPurchase', () => harness.clientKit(1).rx.NEVER);
    await expect(harness.world.settle(rejectionOf(harness.client(1).call('purchaseVehicle', adder)))).resolves.toMatchObject({ code: 'TIMEOUT' });
    expect(ledger.charged).toBe(0);
    expect(harness.server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
  });

  it('the player drops midway: the confirmation fails at once, nothing is charged, nothing is left behind', async () => {
    const harness = startHarness();
    const ledger = shop(harness);
    harness.client(1).register('confirmPurchase', () => harness.clientKit(1).rx.NEVER);
    void harness.client(1).call('purchaseVehicle', adder).catch(() => undefined);
    await harness.world.advance(500);
    expect(harness.server.stats).toMatchObject({ pendingCalls: 1, runningHandlers: 1 });
    harness.world.drop(1);
    await harness.world.advance(10);
    expect(ledger.charged).toBe(0);
    expect(harness.server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
  });

  /**
   * The seller's client shows a confirmation dialog that is never answered; the buyer's call gives up after 2 s.
   * The dialog must close (the nested call withdrawn) and nothing may stay behind on either side.
   */
  async function expectQuestionWithdrawn(harness: Harness): Promise<void> {
    const { world, server, client, clientKit } = harness;
    let dialogOpen = false;
    client(1).register('confirmSale', () => {
      dialogOpen = true;
      return clientKit(1).rx.NEVER.pipe(clientKit(1).rx.finalize(() => (dialogOpen = false)));
    });
    const outcome = rejectionOf(client(1).with({ timeout: 2000 }).call('sellHouse'));
    await world.advance(1000);
    expect(dialogOpen).toBe(true);
    await expect(world.settle(outcome)).resolves.toMatchObject({ code: 'TIMEOUT' });
    await world.advance(100);
    expect(dialogOpen).toBe(false);
    expect(server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
    expect(client(1).stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
  }

  it('written as an Observable, the inner call cannot outlive the outer one: when the caller gives up, the question is withdrawn', async () => {
    const harness = startHarness();
    const { switchMap, of, throwError } = harness.serverKit.rx;
    harness.server.register('sellHouse', (player: number) =>
      harness.server.with({ timeout: false }).call$<boolean>(player, 'confirmSale').pipe(
        switchMap((ok) => (ok ? of('sold') : throwError(() => new Error('kept')))),
      ),
    );
    await expectQuestionWithdrawn(harness);
  });

  const requestEnded = { code: 'RESOURCE_STOPPED', message: 'the request this call served has ended' };

  /**
   * Regression: a call made through `this` used to be dropped silently when the request ended, so an awaiting
   * handler never resumed and held its running slot for good; with one slot per player, the next request was refused.
   */
  async function expectHandlerResumes(harness: Harness, resumedWith: unknown[]): Promise<void> {
    await expectQuestionWithdrawn(harness);
    expect(resumedWith).toEqual([expect.objectContaining(requestEnded)]);
    const again = rejectionOf(harness.client(1).with({ timeout: 2000 }).call('sellHouse'));
    await expect(harness.world.settle(again)).resolves.toMatchObject({ code: 'TIMEOUT' });
    await harness.world.advance(100);
    expect(resumedWith).toHaveLength(2);
    expect(harness.server.stats).toMatchObject({ pendingCalls: 0, runningHandlers: 0 });
  }

  it('written with async/await, calls made through `this` end with the request: the question is withdrawn, the handler resumes with an error', async () => {
    const harness = startHarness({ serverOptions: { limits: { maxRunningPerPeer: 1 } } });
    const resumedWith: unknown[] = [];
    let sold = false;
    harness.server.register('sellHouse', async function (player: number) {
      try {
        const ok = await this.with({ timeout: false }).call<boolean>(player, 'confirmSale');
        sold = ok;
        return ok ? 'sold' : 'kept';
      } catch (error) {
        resumedWith.push(error);
        throw error;
      }
    });
    await expectHandlerResumes(harness, resumedWith);
    expect(sold).toBe(false);
  });

  it('node style and call$ through `this` fail the same way when the request ends', async () => {
    const harness = startHarness({ serverOptions: { limits: { maxRunningPerPeer: 1 } } });
    const { firstValueFrom } = harness.serverKit.rx;
    const resumedWith: unknown[] = [];
    harness.server.register('sellHouse', async function (player: number) {
      const scoped = this.with({ timeout: false });
      const viaCallback = new Promise((resolve) => scoped.callback(player, 'confirmSale', resolve));
      const viaObservable = firstValueFrom(scoped.call$(player, 'confirmSale')).catch((error: unknown) => error);
      const [callbackError, observableError] = await Promise.all([viaCallback, viaObservable]);
      expect(observableError).toMatchObject(requestEnded);
      resumedWith.push(callbackError);
    });
    await expectHandlerResumes(harness, resumedWith);
  });

  it('a call made through `this` after the request ended fails at once, and is never sent', async () => {
    const { world, server, client } = startHarness({ latency: 10 });
    let asked = 0;
    client(1).register('anything', () => ++asked);
    let scoped: typeof server | undefined;
    server.register('quick', function () {
      scoped = this;
      return 'done';
    });
    await world.settle(client(1).call('quick'));
    await expect(world.settle(rejectionOf(scoped!.call(1, 'anything')))).resolves.toMatchObject(requestEnded);
    const viaCallback = new Promise((resolve) => scoped!.callback(1, 'anything', resolve));
    await expect(world.settle(viaCallback)).resolves.toMatchObject(requestEnded);
    const viaObservable = new Promise((resolve) => scoped!.call$(1, 'anything').subscribe({ error: resolve }));
    await expect(world.settle(viaObservable)).resolves.toMatchObject(requestEnded);
    expect(asked).toBe(0);
  });

  it('the client may do the reverse: a client callback that asks the server while answering', async () => {
    const { world, server, client } = startHarness();
    server.register('price', (_player: number, model: string) => (model === 'adder' ? 1000 : 50));
    client(1).register('quote', async (model: string) => `${model}: $${await client(1).call<number>('price', model)}`);
    await expect(world.settle(server.call(1, 'quote', 'adder'))).resolves.toBe('adder: $1000');
  });
});
