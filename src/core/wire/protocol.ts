/**
 * The wire protocol. One net event per resource carries, in both directions, an envelope:
 *
 *   [version, frame, frame, ...]
 *
 * Frames are short arrays so that msgpack keeps them small:
 *
 *   [REQUEST,  id, name, args, flags?, replyTo?]  ask the other side to run callback `name`; `replyTo`: the
 *                                        client resource whose own event hears the answers (see {@link ReplyLanes})
 *   [NEXT,     id, values]              one answer (several values, as Lua's `cb(a, b)`)
 *
 * `args` and `values` are a {@link Payload}: a list of values, or the values packed once by a Lua state (bytes that
 * JavaScript routes and never decodes, so that Lua values reach the other Lua state exactly as FiveM carries them).
 *   [ERROR,    id, code, message, details?]   the call failed; final
 *   [COMPLETE, id]                      no more answers; final
 *   [CANCEL,   id]                      the caller gave up; tear the handler down
 *   [RESULT,   id, values]              NEXT then COMPLETE, in one frame: the usual answer; final
 *   [ROUTE,    0, name, resource]        server to a client's hub only: send requests for `name` on the event of
 *                                        `resource`, which answers them itself (see {@link memberEventName})
 *
 * `id` is chosen by the side that sends the REQUEST, per peer and short (below 65536); replies are matched on
 * (peer, id), where the peer comes from the runtime's `source`, never from the payload, so ids need not be
 * unguessable. Frames are built with {@link frames} only.
 */
import { ErrorCode, isErrorCode } from '../../ground/errors';
import { isPacked, type Packed } from '../../ground/packed';
import { isCallbackName } from '../../ground/checks';

export { isPacked, type Packed };

/** 2: payloads may be packed bytes (version 1 peers would take them for garbage). */
export const PROTOCOL_VERSION = 2;

export const FrameType = {
  REQUEST: 0,
  NEXT: 1,
  ERROR: 2,
  COMPLETE: 3,
  CANCEL: 4,
  RESULT: 5,
  ROUTE: 6,
} as const;

/** REQUEST flag: the caller may retry with the same id, so the answering side should remember its answer. */
export const FLAG_RETRYABLE = 1;

/** What a REQUEST carries as arguments and a NEXT or RESULT as values. */
export type Payload = unknown[] | Packed;

export type RequestFrame = [type: 0, id: number, name: string, args: Payload, flags?: number, replyTo?: string];
export type NextFrame = [type: 1, id: number, values: Payload];
export type ErrorFrame = [type: 2, id: number, code: ErrorCode, message: string, details?: unknown];
export type CompleteFrame = [type: 3, id: number];
export type CancelFrame = [type: 4, id: number];
export type ResultFrame = [type: 5, id: number, values: Payload];
export type RouteFrame = [type: 6, id: 0, name: string, resource: string];
export type ReplyFrame = NextFrame | ErrorFrame | CompleteFrame | ResultFrame;
export type Frame = RequestFrame | ReplyFrame | CancelFrame;
/** What may arrive: a frame, or a ROUTE (which no outbox sends: a server member adds it to its answers). */
export type IncomingFrame = Frame | RouteFrame;
export type Envelope = [version: number, ...frames: Frame[]];

/** The frames as built everywhere else: nobody writes a frame tuple by hand. */
export const frames = {
  request: (id: number, name: string, args: Payload, retryable = false): RequestFrame =>
    retryable ? [FrameType.REQUEST, id, name, args, FLAG_RETRYABLE] : [FrameType.REQUEST, id, name, args],
  next: (id: number, values: Payload): NextFrame => [FrameType.NEXT, id, values],
  result: (id: number, values: Payload): ResultFrame => [FrameType.RESULT, id, values],
  error: (id: number, code: ErrorCode, message: string, details?: unknown): ErrorFrame =>
    details === undefined ? [FrameType.ERROR, id, code, message] : [FrameType.ERROR, id, code, message, details],
  complete: (id: number): CompleteFrame => [FrameType.COMPLETE, id],
  cancel: (id: number): CancelFrame => [FrameType.CANCEL, id],
  route: (name: string, resource: string): RouteFrame => [FrameType.ROUTE, 0, name, resource],
  /** The same request, its answers to be sent on the event of client resource `replyTo` (see {@link isLaneName}). */
  withReplyTo: (frame: RequestFrame, replyTo: string): RequestFrame => [FrameType.REQUEST, frame[1], frame[2], frame[3], frame[4] ?? 0, replyTo],
  /** The same frame under another id (the hub maps ids between a member and the wire). */
  withId: <F extends Frame>(frame: F, id: number): F => {
    const mapped = frame.slice() as F;
    mapped[1] = id;
    return mapped;
  },
} as const;

/** The last frame of an answer: after it, nothing more is sent for that id. */
export function isFinal(frame: Frame): boolean {
  return frame[0] === FrameType.ERROR || frame[0] === FrameType.COMPLETE || frame[0] === FrameType.RESULT;
}

/** Whether a frame is an answer (NEXT or RESULT) that carries values. */
export function carriesValues(frame: Frame): frame is NextFrame | ResultFrame {
  return frame[0] === FrameType.NEXT || frame[0] === FrameType.RESULT;
}

/**
 * `later` folded into `earlier`, when both go in one envelope: a NEXT then the COMPLETE of the same call is the
 * usual answer, one RESULT frame. Undefined when they stay two frames.
 */
export function folded(earlier: Frame | undefined, later: Frame): ResultFrame | undefined {
  return later[0] === FrameType.COMPLETE && earlier?.[0] === FrameType.NEXT && earlier[1] === later[1] ? frames.result(later[1], earlier[2]) : undefined;
}

/** Request ids stay below this, so that they take 1 to 3 bytes in msgpack (see {@link PeerIds}). */
export const REQUEST_ID_RANGE = 0x10000;

/** Bounds on what one envelope from the other side may hold; anything outside is dropped as garbage. */
export const WIRE_LIMITS = {
  maxFramesPerEnvelope: 512,
  maxNameLength: 128,
  maxMessageLength: 4096,
} as const;

/** Resource names as a lane of the hub's family of events (`fxcb:<hub>:<lane>`): the world's resource names, capped. */
const LANE_NAME = /^[A-Za-z0-9_.\-[\]]{1,64}$/;

/**
 * Whether a player's REQUEST may name `value` as the client resource its answers go to: whatever it names, the
 * server sends to `fxcb:<hub>:<value>` of that player only, so a well-formed name is all that is checked.
 */
export function isLaneName(value: unknown): value is string {
  return typeof value === 'string' && LANE_NAME.test(value);
}

/** The single net event name a resource's callbacks travel on. */
export function eventNameFor(resource: string): string {
  return `fxcb:${resource}`;
}

/** The event of a wire's lane: its own event's name, `:`, the lane. */
export function laneEventName(eventName: string, lane: string): string {
  return lane ? `${eventName}:${lane}` : eventName;
}

/** The net event on which a resource that joined the server's hub hears requests for its own callbacks. */
export function memberEventName(hub: string, resource: string): string {
  return laneEventName(eventNameFor(hub), resource);
}

/** Why an incoming envelope or frame was refused; counted by the endpoint so garbage is visible. */
export type Rejection = 'not-an-envelope' | 'unknown-version' | 'too-many-frames' | 'malformed-frame';

export interface ParsedEnvelope {
  frames: IncomingFrame[];
  rejected: Rejection[];
}

/**
 * Checks an envelope that arrived from the network. Never throws: a hostile client can send anything.
 * Well-formed frames are kept, malformed ones are reported and dropped.
 */
export function parseEnvelope(raw: unknown): ParsedEnvelope {
  if (!Array.isArray(raw) || raw.length < 1) return { frames: [], rejected: ['not-an-envelope'] };
  if (raw[0] !== PROTOCOL_VERSION) return { frames: [], rejected: ['unknown-version'] };
  if (raw.length - 1 > WIRE_LIMITS.maxFramesPerEnvelope) return { frames: [], rejected: ['too-many-frames'] };
  const frames: IncomingFrame[] = [];
  const rejected: Rejection[] = [];
  for (let i = 1; i < raw.length; i++) {
    const frame = raw[i];
    if (isFrame(frame)) frames.push(frame);
    else rejected.push('malformed-frame');
  }
  return { frames, rejected };
}

function isPayload(value: unknown): value is Payload {
  return Array.isArray(value) || isPacked(value);
}

/** A callback name as a frame may carry it. */
export function isName(value: unknown): value is string {
  return isCallbackName(value, WIRE_LIMITS.maxNameLength);
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isFrame(value: unknown): value is IncomingFrame {
  if (!Array.isArray(value) || !isId(value[1])) return false;
  switch (value[0]) {
    case FrameType.REQUEST:
      return (
        (value.length === 4 || (value.length === 5 && isId(value[4])) || (value.length === 6 && isId(value[4]) && isLaneName(value[5]))) &&
        isName(value[2]) &&
        isPayload(value[3])
      );
    case FrameType.NEXT:
    case FrameType.RESULT:
      return value.length === 3 && isPayload(value[2]);
    case FrameType.ERROR:
      return (
        (value.length === 4 || value.length === 5) &&
        isErrorCode(value[2]) &&
        typeof value[3] === 'string' &&
        value[3].length <= WIRE_LIMITS.maxMessageLength
      );
    case FrameType.COMPLETE:
    case FrameType.CANCEL:
      return value.length === 2;
    case FrameType.ROUTE:
      return value.length === 4 && isName(value[2]) && isName(value[3]);
    default:
      return false;
  }
}
