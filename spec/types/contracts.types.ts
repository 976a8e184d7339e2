/**
 * Type tests, compiled by `tsc -b` (part of `npm test`), never run: each `@ts-expect-error` line must be a
 * type error, so the build fails if inference breaks and a mistake starts compiling.
 */
import { z } from 'zod';
import type { ClientCallbacks } from '../../src/client';
import type { ServerCallbacks } from '../../src/server';
import { defineClientCallback, defineServerCallback } from '../../src/shared/contracts';

declare const client: ClientCallbacks;
declare const server: ServerCallbacks;

const getMoney = defineServerCallback<[account: string], number>('getMoney');
const confirm = defineClientCallback('confirm', { args: z.tuple([z.string()]), result: z.boolean() });

export async function contractsAreCheckedInEveryFacade(): Promise<void> {
  const money: number = await client.call(getMoney, 'bank');
  // @ts-expect-error the argument is a string
  await client.call(getMoney, 42);
  // @ts-expect-error the result is a number
  const asText: string = await client.call(getMoney, 'bank');
  client.call$(getMoney, 'bank').subscribe((balance: number) => balance);
  // @ts-expect-error the Observable emits numbers
  client.call$(getMoney, 'bank').subscribe((balance: string) => balance);
  client.callback(getMoney, 'bank', (error, balance) => {
    const known: number | undefined = balance;
    return [error?.code, known];
  });
  // @ts-expect-error the node-style callback receives a number
  client.callback(getMoney, 'bank', (_error, balance: string) => balance);

  const confirmed: boolean = await server.call(7, confirm, 'Buy for $500?');
  // @ts-expect-error the schema says the argument is a string
  await server.call(7, confirm, 500);
  void [money, asText, confirmed];
}

export function callbacksAreCalledFromTheRightSide(): void {
  // @ts-expect-error a client callback is called by the server, not from client code
  void client.call(confirm, 'question');
  // @ts-expect-error a server callback is called from a client, not by the server
  void server.call(7, getMoney, 'bank');
  // @ts-expect-error the server registers server callbacks only
  server.register(confirm, () => true);
  // @ts-expect-error a client registers client callbacks only
  client.register(getMoney, () => 1);
}

export function handlersAreChecked(): void {
  server.register(getMoney, (player, account) => player + account.length);
  server.register(getMoney, async (_player, account) => account.length);
  // @ts-expect-error the handler must answer a number
  server.register(getMoney, (_player, account) => account);
  client.register(confirm, (question) => question.length > 0);
  // @ts-expect-error the handler must answer a boolean
  client.register(confirm, (question) => question);
}

export function handlersCallThroughTheirScopedThis(): void {
  server.register(getMoney, async function (player, account) {
    const ok: boolean = await this.call(player, confirm, `Show ${account}?`);
    // @ts-expect-error the scoped API checks contracts too
    await this.call(player, confirm, 42);
    return ok ? 1 : 0;
  });
}

export function schemasTypeTheHandler(): void {
  server.register('rename', (_player, name) => name.toUpperCase(), { schema: z.tuple([z.string()]) });
  // @ts-expect-error the schema makes the argument a string
  server.register('rename', (_player, name: number) => name, { schema: z.tuple([z.string()]) });
  // Plain names keep working for quick scripts.
  server.register('quick', (_player, anything: unknown) => anything);
  void client.call<number>('quick', 1, 'two', { three: 3 });
}
