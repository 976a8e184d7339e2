/**
 * Every failure a caller can see is a {@link CallbackError} with a stable `code`.
 * Callers branch on `code`, never on the message text.
 */
export const ErrorCode = {
  /** No answer within the time allowed. */
  TIMEOUT: 'TIMEOUT',
  /** The other side has no callback of that name (answered at once). */
  NO_SUCH_CALLBACK: 'NO_SUCH_CALLBACK',
  /** The handler threw, rejected or answered with an error; its message is carried over. */
  HANDLER_ERROR: 'HANDLER_ERROR',
  /** The player the call was waiting on left the server. */
  PLAYER_DROPPED: 'PLAYER_DROPPED',
  /**
   * This resource (or the one answering) stopped while the call was pending, or the request a handler made the
   * call for (through its `this`) ended first: cancelled by its caller, timed out, or answered.
   */
  RESOURCE_STOPPED: 'RESOURCE_STOPPED',
  /** The caller made a mistake: a bad name, an argument that cannot cross the network, a bad option. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** Too many calls from one player to one callback in the rate-limit window. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The request queue is full. */
  QUEUE_FULL: 'QUEUE_FULL',
  /** Arguments or result did not match the callback's schema. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** The player lacks the ACE permission the callback requires. */
  FORBIDDEN: 'FORBIDDEN',
  /** The payload is too large to send safely. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A configured safety cap (pending calls per player, nesting depth, ...) was exceeded. */
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN_CODES.has(value);
}

/** The error a call fails with, and a bad option or argument throws. Branch on its `code`, never on the message. */
export class CallbackError extends Error {
  /** Always `'CallbackError'`. */
  override readonly name = 'CallbackError';

  constructor(
    /** What went wrong: a stable {@link ErrorCode}. */
    readonly code: ErrorCode,
    message: string,
    /** Machine-readable extras, e.g. the list of validation problems. Must survive msgpack. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** True for any error carrying a library error code, including ones created in another JS realm. */
export function isCallbackError(error: unknown): error is CallbackError {
  return (
    error instanceof CallbackError ||
    (typeof error === 'object' && error !== null && isErrorCode((error as { code?: unknown }).code))
  );
}

/**
 * Turns anything a handler threw or rejected with into a CallbackError.
 * A CallbackError passes through unchanged so that, e.g., a nested call's TIMEOUT keeps its code.
 */
export function toCallbackError(error: unknown): CallbackError {
  if (error instanceof CallbackError) return error;
  if (isCallbackError(error)) return new CallbackError(error.code, error.message, error.details);
  // Duck-typed rather than `instanceof Error`: an error made in another JS realm is still an error.
  if (hasMessage(error)) return new CallbackError(ErrorCode.HANDLER_ERROR, error.message);
  if (typeof error === 'string') return new CallbackError(ErrorCode.HANDLER_ERROR, error);
  return new CallbackError(ErrorCode.HANDLER_ERROR, describe(error));
}

/** The TIMEOUT of a call: `Callback "<name>" timed out after <ms> ms`, the option that set it in the details. */
export function timedOut(callbackName: string, ms: number, detailsKey = 'timeout'): CallbackError {
  return new CallbackError(ErrorCode.TIMEOUT, `Callback "${callbackName}" timed out after ${ms} ms`, { [detailsKey]: ms });
}

function hasMessage(value: unknown): value is { message: string } {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
