// Client script of the `bench_raw` resource: the raw transport, one net event per message. `ping(payload)`
// sends one event and resolves with the payload of the matching `pong`. Reliable events keep their order on a
// link and the server answers in order, so replies are matched first-in first-out, without any id: this is
// the least any callback layer can do.
const waiting: Array<(payload: unknown) => void> = [];

onNet('bench:pong', (payload: unknown) => {
  waiting.shift()?.(payload);
});

function ping(payload: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    emitNet('bench:ping', payload);
  });
}

Object.assign(globalThis, { ping });
