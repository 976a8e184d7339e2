import { checkNumber } from '../../ground/checks';
import { TokenBucket } from '../../ground/tokenBucket';
import { checkPaceOptions, type PaceOptions } from '../../operators/pace';

/**
 * How fast one side may send, in FiveM's terms: FXServer keeps, per player and shared by every resource, a bucket of
 * reliable events (50/s, burst 200), one of reliable bytes counted on event name plus payload (128 KiB/s, burst
 * 384 KiB; over it the player is kicked), and, apart, a bucket of latent events (50/s, burst 200) with at most 100
 * latent events in reassembly at once (`ServerEventPacketHandler.cpp`, `ServerResources.cpp`,
 * `EventReassemblyComponent.cpp`).
 */
export interface SendPace {
  /** Events per second, reliable and latent each. */
  rate: number;
  /** Events at once after a quiet period, reliable and latent each. */
  burst: number;
  /** Reliable bytes per second, event name included. */
  bytesPerSecond: number;
  /** Reliable bytes at once after a quiet period. */
  byteBurst: number;
}

/** An endpoint's `pace` option: events, and reliable bytes (see {@link SendPace}). */
export interface EventPace extends PaceOptions {
  /** Reliable bytes per second, event name included. Default 96 KiB, three quarters of FiveM's 128 KiB. */
  bytesPerSecond?: number;
  /** Reliable bytes at once. Default 288 KiB, three quarters of FiveM's 384 KiB. */
  byteBurst?: number;
}

/**
 * Three quarters of FiveM's reliable byte limits: the library measures payloads roughly (never below their UTF-8
 * size, but headers of small values can be a few bytes more), and the player's other resources send too.
 */
export const BYTE_PACE = { bytesPerSecond: 96 * 1024, byteBurst: 288 * 1024 };

/**
 * The pace with its defaults, checked.
 *
 * @throws CallbackError `INVALID_ARGUMENT` for a rate or byte rate `<= 0`, or a burst or byte burst that is not an
 * integer `>= 1`.
 */
export function checkSendPace(options: EventPace): SendPace {
  return {
    ...checkPaceOptions(options),
    bytesPerSecond: checkNumber('pace', 'bytesPerSecond', options.bytesPerSecond ?? BYTE_PACE.bytesPerSecond, { above: 0 }),
    byteBurst: checkNumber('pace', 'byteBurst', options.byteBurst ?? BYTE_PACE.byteBurst, { min: 1, integer: true }),
  };
}

/**
 * Latent events this side has in transfer at once: half of the 100 FXServer reassembles per player, the rest left
 * to the player's other resources.
 */
const MAX_LATENT_IN_TRANSFER = 50;

/**
 * A latent event counts as in transfer until its bytes went at its rate, plus this: the server holds it from its
 * first fragment to its last, both a network latency later than they left.
 */
const LATENT_ARRIVAL_SLACK = 1000;

/** Reliable events and bytes taken from a budget ahead of sending (see {@link SendBudget.takeCredit}). */
export interface Credit {
  events: number;
  bytes: number;
}

export const NO_CREDIT: Credit = { events: 0, bytes: 0 };

/**
 * What an outbox may send now, asked once per envelope: an outbox's own {@link SendBudget}, or (a client resource
 * that joined the hub) a share of the hub's, taken through one export call per envelope (hub/member.ts).
 */
export interface Budget {
  /** Takes what an envelope of `bytes` costs and returns 0, or returns the ms from `now` until it may leave. */
  tryTake(now: number, latent: boolean, bytes: number): number;
}

/**
 * The budget of one outbox: what may leave now without the player running out of FiveM's budget. Reliable events
 * take an event and their bytes; latent events take a latent event and a transfer slot until they have arrived.
 */
export class SendBudget implements Budget {
  private readonly events: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly latentEvents: TokenBucket;
  /** When each latent event still in transfer will have arrived. */
  private readonly latentArrivals: number[] = [];

  constructor(
    pace: SendPace,
    /** The rate latent events are sent at. */
    private readonly latentBytesPerSecond: number,
    /**
     * Reliable events and bytes kept out of the burst, for {@link takeCredit}: what is taken ahead and sent later
     * adds to a burst, so the burst and the credit outstanding together stay within `pace`.
     */
    readonly creditReserve: Credit = NO_CREDIT,
  ) {
    this.events = new TokenBucket(pace.burst - creditReserve.events, 1000 / pace.rate);
    this.latentEvents = new TokenBucket(pace.burst, 1000 / pace.rate);
    this.bytes = new TokenBucket(pace.byteBurst - creditReserve.bytes, 1000 / pace.bytesPerSecond);
  }

  /**
   * Takes up to `wanted` reliable events and bytes now, as far as they are available, to be sent later without
   * asking (the caller keeps the outstanding credit within {@link creditReserve}).
   */
  takeCredit(now: number, wanted: Credit): Credit {
    const events = Math.min(wanted.events, this.events.available(now));
    const bytes = events === 0 ? 0 : Math.min(wanted.bytes, this.bytes.available(now));
    if (bytes === 0) return NO_CREDIT;
    this.events.take(now, events);
    this.bytes.take(now, bytes);
    return { events, bytes };
  }

  tryTake(now: number, latent: boolean, bytes: number): number {
    const wait = latent ? this.latentWait(now) : this.reliableWait(now, bytes);
    if (wait > 0) return wait;
    if (latent) this.takeLatent(now, bytes);
    else this.takeReliable(now, bytes);
    return 0;
  }

  /** Ms from `now` until a reliable event of `bytes` may leave; 0 if it may now. */
  reliableWait(now: number, bytes: number): number {
    return Math.max(this.events.waitTime(now), this.bytes.waitTime(now, this.bytesCharged(bytes)));
  }

  takeReliable(now: number, bytes: number): void {
    this.events.take(now);
    this.bytes.take(now, this.bytesCharged(bytes));
  }

  /** Ms from `now` until a latent event may leave; 0 if one may now. */
  latentWait(now: number): number {
    this.forgetArrived(now);
    const slot = this.latentArrivals.length < MAX_LATENT_IN_TRANSFER ? 0 : Math.min(...this.latentArrivals) - now;
    return Math.max(this.latentEvents.waitTime(now), slot);
  }

  takeLatent(now: number, bytes: number): void {
    this.latentEvents.take(now);
    this.latentArrivals.push(now + (bytes * 1000) / this.latentBytesPerSecond + LATENT_ARRIVAL_SLACK);
  }

  /**
   * An event larger than the whole burst waits for a full bucket and takes all of it (an envelope stays below the
   * latent threshold, which a server owner could set that high).
   */
  private bytesCharged(bytes: number): number {
    return Math.min(bytes, this.bytes.capacity);
  }

  private forgetArrived(now: number): void {
    for (let i = this.latentArrivals.length - 1; i >= 0; i--) {
      if (this.latentArrivals[i]! <= now) this.latentArrivals.splice(i, 1);
    }
  }
}
