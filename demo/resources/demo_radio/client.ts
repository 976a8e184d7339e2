// The demo's TypeScript resource, client side: it calls a Lua resource's callback through the hub, and follows a
// stream's progress, cancelling it half way.
import { createClientCallbacks } from '../../../src/client';

const callbacks = createClientCallbacks();

RegisterCommand(
  'balance',
  async () => {
    const money = await callbacks.call<number>('getPlayerMoney', 'bank');
    console.log(`TypeScript resource: the Lua resource says the bank balance is ${money}`);
  },
  false,
);

RegisterCommand(
  'download',
  () => {
    const subscription = callbacks.call$<{ track: string; percent: number }>('radio:download', 'theme.ogg').subscribe({
      next: ({ track, percent }) => {
        console.log(`downloading ${track}: ${percent}%`);
        if (percent >= 40) setTimeout(() => subscription.unsubscribe(), 0);
      },
      complete: () => console.log('download complete'),
      error: (error: Error) => console.log(`download failed: ${error.message}`),
    });
  },
  false,
);
