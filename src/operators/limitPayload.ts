import { CallbackError, ErrorCode } from '../ground/errors';
import { inspectPayload, type Packed } from '../ground/packed';
import { describeCallback, gate, type Gate } from './gate';
import { checkNumber } from '../ground/checks';

/** Bounds of {@link limitPayload}. */
export interface PayloadLimits {
  /** Largest accepted argument payload, in (roughly counted) bytes. */
  maxBytes: number;
  /** Deepest accepted nesting of arrays and tables. */
  maxDepth: number;
  /** Most arguments accepted in one request. Default: no limit. */
  maxValues?: number;
}

/**
 * Gate refusing arguments that are too large (`PAYLOAD_TOO_LARGE`), too many or nested too deeply (`LIMIT_EXCEEDED`) or that
 * hold something a handler should never receive from the network, such as a function reference
 * (`INVALID_ARGUMENT`). What a client sends is untrusted: this runs before any other gate and the handler.
 *
 * @throws CallbackError `INVALID_ARGUMENT` at once for limits that are not positive integers.
 */
export function limitPayload(limits: PayloadLimits): Gate<{
  /** The request's arguments. */
  args: readonly unknown[];
}> {
  return gate(payloadCheck(limits));
}

/** The check behind {@link limitPayload}, as a plain function that throws the refusing error. */
export function payloadCheck(limits: PayloadLimits): (request: { args: readonly unknown[]; packed?: Packed }) => void {
  const maxBytes = checkNumber('limitPayload', 'maxBytes', limits.maxBytes, { min: 1, integer: true });
  const maxDepth = checkNumber('limitPayload', 'maxDepth', limits.maxDepth, { min: 1, integer: true });
  const maxValues = limits.maxValues === undefined ? Infinity : checkNumber('limitPayload', 'maxValues', limits.maxValues, { min: 1, integer: true });
  return (request) => {
    const what = describeCallback(request);
    const tooMany = () => new CallbackError(ErrorCode.LIMIT_EXCEEDED, `${what} takes at most ${maxValues} arguments`, { maxValues });
    // A list is counted before it is walked; packed arguments (from a Lua state) are counted by the walk of their
    // bytes, which runs before anybody unpacks them.
    if (!request.packed && request.args.length > maxValues) throw tooMany();
    const shape = inspectPayload(request.packed ?? request.args, maxDepth, maxBytes);
    if (shape.count > maxValues) throw tooMany();
    if (shape.tooDeep) throw new CallbackError(ErrorCode.LIMIT_EXCEEDED, `arguments of ${what} are nested deeper than ${maxDepth} levels`, { maxDepth });
    if (shape.problem) throw new CallbackError(ErrorCode.INVALID_ARGUMENT, `${what} refused its arguments: argument ${shape.problem}`);
    if (shape.tooLarge) {
      throw new CallbackError(ErrorCode.PAYLOAD_TOO_LARGE, `arguments of ${what} exceed ${maxBytes} bytes`, { maxBytes });
    }
  };
}
