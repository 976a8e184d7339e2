// Server script of the `bench_raw` resource: answers every `ping` with a `pong` carrying the same payload.
onNet('bench:ping', (payload: unknown) => {
  emitNet('bench:pong', source, payload);
});
