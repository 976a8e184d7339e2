import { CallbackError, ErrorCode } from '../ground/errors';
import { describeCallback, gate, type Gate } from './gate';
import { checkFunction, checkName } from '../ground/checks';

/** The check behind {@link requirePermission}, as a plain function that throws `FORBIDDEN`. */
export function permissionCheck<P>(ace: string, isAllowed: (player: P, ace: string) => boolean): (request: { peer: P }) => void {
  checkName('requirePermission', 'ace', ace);
  checkFunction('requirePermission', 'isAllowed', isAllowed);
  return (request) => {
    if (!isAllowed(request.peer, ace)) {
      throw new CallbackError(ErrorCode.FORBIDDEN, `Calling ${describeCallback(request)} requires permission "${ace}"`, { ace });
    }
  };
}

/**
 * Gate letting through only requests whose `peer` (the calling player) holds the ACE permission `ace`, checked with `isAllowed`
 * (on the server: `(player, ace) => IsPlayerAceAllowed(String(player), ace)`); others fail with
 * `CallbackError(FORBIDDEN, 'Calling callback "<name>" requires permission "<ace>"', { ace })`. The callback name
 * comes from the request's `name` field, if any.
 *
 * The check runs on the answering side, from the runtime's `source`, which a client cannot spoof.
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for an empty `ace` or a non-function `isAllowed`.
 */
export function requirePermission<P>(ace: string, isAllowed: (player: P, ace: string) => boolean): Gate<{
  /** The calling player. */
  peer: P;
}> {
  return gate<{ peer: P }>(permissionCheck(ace, isAllowed));
}
