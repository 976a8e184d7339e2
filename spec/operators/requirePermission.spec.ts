import { CallbackError, ErrorCode } from '../../src/ground/errors';
import { requirePermission } from '../../src/operators';
import { createTestScheduler } from './testScheduler';

describe('requirePermission', () => {
  const admins = new Set([1]);
  const isAllowed = jest.fn((player: number, ace: string) => ace === 'command.heal' && admins.has(player));

  it('passes requests of players holding the ACE, unchanged', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const request = { peer: 1, name: 'heal', args: [] };
      expectObservable(cold('-r|', { r: request }).pipe(requirePermission('command.heal', isAllowed))).toBe('-r|', {
        r: request,
      });
    });
    expect(isAllowed).toHaveBeenCalledWith(1, 'command.heal');
  });

  it('fails other requests with FORBIDDEN', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const gate = requirePermission('command.heal', isAllowed);
      expectObservable(cold('-r|', { r: { peer: 2, name: 'heal' } }).pipe(gate)).toBe(
        '-#',
        undefined,
        new CallbackError(ErrorCode.FORBIDDEN, 'Calling callback "heal" requires permission "command.heal"', {
          ace: 'command.heal',
        }),
      );
      expectObservable(cold('r', { r: { peer: 2 } }).pipe(gate)).toBe(
        '#',
        undefined,
        new CallbackError(ErrorCode.FORBIDDEN, 'Calling this callback requires permission "command.heal"', {
          ace: 'command.heal',
        }),
      );
    });
  });

  it('refuses an empty ACE or a missing check at once', () => {
    const invalid = expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT });
    expect(() => requirePermission('', isAllowed)).toThrow(invalid);
    expect(() => requirePermission('command.heal', undefined as never)).toThrow(invalid);
  });
});
