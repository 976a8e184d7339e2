import { z } from 'zod';
import { defineClientCallback, defineServerCallback } from '../../src/core/contracts';
import { rejectionOf, startHarness } from '../support/harness';

describe('typed contracts at run time', () => {
  const getMoney = defineServerCallback('getMoney', { args: z.tuple([z.enum(['bank', 'cash'])]), result: z.number().int() });
  const confirm = defineClientCallback<[question: string], boolean>('confirm');

  it('registers and calls by contract; its schemas validate arguments and results on the answering side', async () => {
    const { world, server, client } = startHarness();
    let answer: unknown = 500;
    server.register(getMoney, () => answer as number);
    await expect(world.settle(client(1).call(getMoney, 'bank'))).resolves.toBe(500);
    await expect(world.settle(rejectionOf(client(1).call(getMoney, 'gold' as 'bank')))).resolves.toMatchObject({ code: 'VALIDATION_FAILED' });
    answer = 'lots';
    await expect(world.settle(rejectionOf(client(1).call(getMoney, 'bank')))).resolves.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('result'),
    });
  });

  it('a contract without schemas only names the callback', async () => {
    const { world, server, client } = startHarness();
    client(1).register(confirm, (question) => question.endsWith('?'));
    await expect(world.settle(server.call(1, confirm, 'Buy for $500?'))).resolves.toBe(true);
  });
});
