/**
 * The JavaScript end of lua/protocol.lua: Lua states that loaded `lua/import.lua` keep their handlers and make their
 * calls themselves, and exchange one local event each way with this resource per call, their values packed as
 * bytes (msgpack bin, an ArrayBuffer here) that JavaScript never decodes. No function reference crosses per call,
 * and the common shapes of the events are written and read by hand (./luaEventBytes.ts), not by a generic codec.
 * Every event is taken only from the resource it concerns (`runtime.GetInvokingResource()`: the runtime that raised it) and
 * matched by a call id its receiver made. The outcome numbers are lua/protocol.lua's.
 */
import type { Subscription } from 'rxjs';
import type { Settle } from '../core/call/plainCall';
import { isPacked, type Packed, type Payload } from '../core/wire/protocol';
import { CallbackError, ErrorCode } from '../ground/errors';
import { entry } from '../ground/runEnd';
import type { LuaOutcome } from './luaCallbacks';
import { packedReplyBytes, readPackedAnswer, runEventBytes } from './luaEventBytes';

/** FiveM's JS runtime globals, reached through `globalThis` (this folder serves both sides). */
const runtime = globalThis as unknown as {
  on(name: string, listener: (...args: never[]) => void): void;
  emit(name: string, ...args: unknown[]): void;
  GetInvokingResource(): string | null;
  /** FiveM's main.js: a listener handed each event's packed arguments and its source, before any decode. */
  addRawEventListener(name: string, listener: (payload: Uint8Array, source: string) => void): void;
  /** What `on` does for its event and a raw listener does not: this resource hears the event. */
  RegisterResourceAsEventHandler(name: string): void;
  /** The runtime's own decode of an event's arguments (main.js's `msgpack_unpack`). */
  msgpack_unpack(payload: Uint8Array): unknown;
  TriggerEventInternal(name: string, payload: Uint8Array, length: number): void;
};

/** Raises a local event whose arguments are already packed, as `emit` does once it packed them. */
function raisePacked(name: string, payload: Uint8Array): void {
  runtime.TriggerEventInternal(name, payload, payload.length);
}

const ANSWERED = 1;
const FAILED = 2;
const UNMARKED = 3;
const RAISED = 4;

const REPLY_PACKED = 1;
const REPLY_LIST = 2;
const REPLY_FAILED = 3;
const REPLY_REFUSED = 4;

/**
 * Runs handlers in the Lua states that hold them: `__fxcb_run:<runner>` out, `__fxcb_done:<this resource>` back,
 * from the runner only.
 */
export class LuaStateHandlers {
  private lastCallId = 0;
  private readonly waiting = new Map<number, { runner: string; owner: string; settle: (outcome: LuaOutcome) => void }>();

  constructor(self: string) {
    // Taken raw: an answer's bytes are read by hand (a call id, the outcome, the packed values), without a generic
    // decode; other outcomes (errors, with their texts) take the runtime's own decode. Raw listeners hear net events
    // too (main.js refuses a net event only for its decoded listeners): only a local event counts (source '').
    const done = `__fxcb_done:${self}`;
    runtime.RegisterResourceAsEventHandler(done);
    runtime.addRawEventListener(
      done,
      entry((payload: Uint8Array, source: string) => {
        if (source !== '') return;
        const answered = readPackedAnswer(payload, ANSWERED);
        const fields = answered ? undefined : decodedList(payload);
        const callId = answered ? answered.callId : fields?.[0];
        const call = this.waiting.get(callId as number);
        if (!call || runtime.GetInvokingResource() !== call.runner) return;
        this.waiting.delete(callId as number);
        call.settle(answered ? { kind: 'values', packed: answered.packed } : outcomeOf(fields![1], fields![2], fields![3]));
      }),
    );
  }

  /**
   * Runs the handler of `name` that `runner`'s Lua state holds (`owner`'s: the resource that registered it) for
   * `player` (undefined on a client) with `args`; `settle` takes its answer. The Lua side answers once (the
   * handler's first `cb`, its return value or its raise), or never (then the owner's stop ends the wait, see
   * {@link release}).
   */
  run(runner: string, owner: string, name: string, player: number | undefined, args: Payload, settle: (outcome: LuaOutcome) => void): void {
    const callId = ++this.lastCallId;
    this.waiting.set(callId, { runner, owner, settle });
    const event = `__fxcb_run:${runner}`;
    const bytes = isPacked(args) ? runEventBytes(callId, name, player, args) : undefined;
    if (bytes) raisePacked(event, bytes);
    else if (isPacked(args)) runtime.emit(event, callId, name, player ?? false, args, false, 0);
    else runtime.emit(event, callId, name, player ?? false, false, args, args.length);
  }

  /** The resource stopped: its handlers will never answer (their calls are failed through `ResourceOwnership`). */
  release(resource: string): void {
    for (const [callId, call] of this.waiting) if (call.owner === resource || call.runner === resource) this.waiting.delete(callId);
  }
}

/** An event's arguments by the runtime's own decode, if they are a list (anything a resource raises may not be). */
function decodedList(payload: Uint8Array): unknown[] | undefined {
  try {
    const fields = runtime.msgpack_unpack(payload);
    return Array.isArray(fields) ? fields : undefined;
  } catch {
    return undefined;
  }
}

function outcomeOf(outcome: unknown, answer: unknown, logged: unknown): LuaOutcome {
  if (outcome === ANSWERED && isPacked(answer)) return { kind: 'values', packed: answer };
  if (outcome === FAILED) return { kind: 'failed', message: String(answer), ...(logged === undefined ? {} : { logged: String(logged) }) };
  if (outcome === RAISED) return { kind: 'raised', message: String(answer), error: String(logged) };
  if (outcome === UNMARKED) return { kind: 'unmarked' };
  return { kind: 'failed', message: 'the Lua side answered in a way this version of fxcallbacks does not know' };
}

/** A call a Lua state started: its fields as lua/protocol.lua's `proto.call` raised them. */
export interface LuaCallRequest {
  /** The export the caller used, e.g. `TriggerServerCallbackWithOptions`. */
  exportName: unknown;
  /** The player on the server, false on a client. */
  target: unknown;
  name: unknown;
  options: unknown;
  /** The arguments, packed; undefined when the Lua side sent anything else (a bug, or not lua/protocol.lua). */
  args: Packed | undefined;
}

/**
 * Serves the calls Lua states start (`__fxcb_call:<this resource>`): `start` checks and starts one on behalf of its
 * owner (the resource that raised the event; for the plain exports, raised by this resource's own Lua state, the
 * resource that called them) and reports its end, which goes back to the state that raised the call as
 * `__fxcb_reply:<resource>`. A refusal `start` throws (an invalid option) goes back at once, inside the raise, which
 * raises it there.
 */
export function serveLuaCalls(self: string, start: (owner: string, request: LuaCallRequest, done: Settle) => Subscription): void {
  runtime.on(
    `__fxcb_call:${self}`,
    entry((callId: unknown, exportName: unknown, target: unknown, name: unknown, options: unknown, onBehalfOf: unknown, args: unknown) => {
      const caller = runtime.GetInvokingResource();
      if (typeof caller !== 'string' || typeof callId !== 'number') return;
      const owner = caller === self && typeof onBehalfOf === 'string' ? onBehalfOf : caller;
      const reply = (...values: unknown[]) => runtime.emit(`__fxcb_reply:${caller}`, callId, ...values);
      const replyPacked = (answer: Packed) => {
        const bytes = packedReplyBytes(callId, REPLY_PACKED, answer);
        if (bytes) raisePacked(`__fxcb_reply:${caller}`, bytes);
        else reply(REPLY_PACKED, answer);
      };
      try {
        start(owner, { exportName, target, name, options, args: isPacked(args) ? args : undefined }, (failure, answer) => {
          const payload = answer?.[0] as Payload | undefined;
          if (failure) reply(REPLY_FAILED, failure.message, failure.code, failure.code === ErrorCode.TIMEOUT);
          else if (isPacked(payload)) replyPacked(payload);
          else reply(REPLY_LIST, payload ?? [], payload?.length ?? 0);
        });
      } catch (error) {
        reply(REPLY_REFUSED, error instanceof CallbackError || error instanceof Error ? error.message : String(error));
      }
    }),
  );
}
