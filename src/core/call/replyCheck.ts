import { CallbackError, ErrorCode } from '../../ground/errors';
import { FrameType, isPacked, type Payload, type ReplyFrame } from '../wire/protocol';
import { inspectPayload } from '../../ground/packed';
import type { AnswerLimits } from './callOptions';

/**
 * Why a reply must not reach the caller, as the error the caller gets instead; undefined when it may. An answer
 * with too many values gives LIMIT_EXCEEDED, one too large PAYLOAD_TOO_LARGE, one holding what is not data (a
 * function reference, a replaced prototype) or nested too deeply HANDLER_ERROR. An ERROR's `details` are checked
 * the same way, and any refusal of them is HANDLER_ERROR (the caller never sees them).
 */
export function refuseReply(frame: ReplyFrame, limits: AnswerLimits, callbackName: string): CallbackError | undefined {
  switch (frame[0]) {
    case FrameType.COMPLETE:
      return undefined;
    case FrameType.ERROR: {
      if (frame[4] == null) return undefined;
      const refusal = refuseValues([frame[4]], limits, `the error details of "${callbackName}"`);
      return refusal && new CallbackError(ErrorCode.HANDLER_ERROR, refusal.message);
    }
    default:
      return refuseValues(frame[2], limits, `the answer of "${callbackName}"`);
  }
}

function refuseValues(values: Payload, limits: AnswerLimits, what: string): CallbackError | undefined {
  const packed = isPacked(values);
  if (!packed && values.length > limits.maxValues) {
    return new CallbackError(ErrorCode.LIMIT_EXCEEDED, `${what} holds ${values.length} values; at most ${limits.maxValues} are accepted`, {
      maxValues: limits.maxValues,
    });
  }
  // Packed values are always walked, once, on their bytes: nobody has looked at them yet.
  if (!limits.inspect && !packed) return undefined;
  const shape = inspectPayload(values, limits.maxDepth, limits.maxBytes);
  if (shape.count > limits.maxValues) {
    return new CallbackError(ErrorCode.LIMIT_EXCEEDED, `${what} holds ${shape.count} values; at most ${limits.maxValues} are accepted`, {
      maxValues: limits.maxValues,
    });
  }
  if (shape.tooLarge) {
    return new CallbackError(ErrorCode.PAYLOAD_TOO_LARGE, `${what} exceeds ${limits.maxBytes} bytes`, { maxBytes: limits.maxBytes });
  }
  if (shape.problem) return new CallbackError(ErrorCode.HANDLER_ERROR, `${what} was refused: value ${shape.problem}`);
  return undefined;
}
