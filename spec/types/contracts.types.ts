/**
 * Type tests, compiled by `tsc -b` (part of `npm test`), never run: each `@ts-expect-error` line must be a
 * type error, so the build fails if inference breaks and a mistake starts compiling.
 */
import { z } from 'zod';
import type { ClientCallbacks } from '../../src/client';
import type { ServerCallbacks } from '../../src/server';
import { defineClientCallback, defineServerCallback } from '../../src/core/contracts';

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

const getBalance = defineServerCallback<[account: 'bank' | 'cash'], number>('getBalance');
const notify = defineClientCallback<[kind: 'info' | 'error', text: string], boolean>('notify');

export async function literalTypesAreEnforcedInEveryFacade(account: 'bank' | 'cash'): Promise<void> {
  const balance: number = await client.call(getBalance, account);
  await client.call(getBalance, 'cash');
  // @ts-expect-error 'savings' is not an account
  await client.call(getBalance, 'savings');
  // @ts-expect-error 'savings' is not an account
  client.call$(getBalance, 'savings');
  // @ts-expect-error 'savings' is not an account
  client.callback(getBalance, 'savings', () => undefined);
  // @ts-expect-error 'savings' is not an account
  await client.with({ timeout: 1000 }).call(getBalance, 'savings');
  // @ts-expect-error the account is missing
  await client.call(getBalance);
  // @ts-expect-error the account is missing
  client.call$(getBalance);
  // @ts-expect-error the account is missing
  client.callback(getBalance, (_error: unknown, _value: unknown) => undefined);
  // @ts-expect-error one argument too many
  await client.call(getBalance, 'bank', 'extra');

  const shown: boolean = await server.call(7, notify, 'info', 'Saved');
  // @ts-expect-error 'warn' is not a kind
  await server.call(7, notify, 'warn', 'Saved');
  // @ts-expect-error 'warn' is not a kind
  server.call$(7, notify, 'warn', 'Saved');
  // @ts-expect-error 'warn' is not a kind
  server.callback(7, notify, 'warn', 'Saved', () => undefined);
  // @ts-expect-error the text is missing
  await server.call(7, notify, 'info');
  void [balance, shown];
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
