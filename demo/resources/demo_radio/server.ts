// The demo's TypeScript resource, server side: it bundles the library and joins the hub, so its callbacks share
// one namespace with the Lua resources. `radio:download` is a stream: progress every 200 ms until done or cancelled.
import { finalize, interval, map, take } from 'rxjs';
import { createServerCallbacks } from '../../../src/server';

const callbacks = createServerCallbacks();

callbacks.register('radio:download', (player, track: string) => {
  let percent = 0;
  return interval(200).pipe(
    take(10),
    map(() => ({ track, percent: (percent += 10) })),
    finalize(() => {
      if (percent < 100) console.log(`server: ${GetPlayerName(String(player))} cancelled the download of ${track} at ${percent}%; the stream is torn down`);
    }),
  );
});
