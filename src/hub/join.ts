import { CallbackError, ErrorCode } from '../ground/errors';
import type { SideNatives } from '../core/natives';
import type { Envelope } from '../core/wire/protocol';
import type { Metrics } from '../core/metrics';
import { JOIN_EXPORTS, joinedMember, type Joined, type Lease } from './member';
import type { Wire } from '../core/wire/wire';
import { watchOwnTimeouts } from './tracing';
import { convar, exportOf, isStarted, resourceStopped$ } from './runtime';

/** Where a resource's callbacks live: in the machine's hub (the default), or in a private endpoint. */
export interface HubOptions {
  /** The hub's resource name. Default: the convar `fxcallbacks:hub` (set it with `setr`), else `fxcallbacks`. */
  hub?: string;
  /**
   * A private endpoint on the net event `fxcb:<this resource>`, without the hub: its callbacks form a namespace of
   * their own, and its events come out of the same per-player budget as every other resource's, so it paces on its
   * own. Default false.
   */
  standalone?: boolean;
}

const DEFAULT_HUB = 'fxcallbacks';

/**
 * Builds this resource's endpoint with `build`, on the side's own natives when standalone, else on those of a member
 * of the hub. Throws at once when the hub is not started, rather than letting every call time out. The hub gets
 * `metrics`, to show this resource's callbacks with every other resource's. When `build` throws (invalid options),
 * the resource leaves the hub again, so that it can retry.
 */
export function joinHub<P, E>(side: SideNatives<P>, options: HubOptions, metrics: () => Metrics, build: (natives: SideNatives<P>, wire?: Wire<P>) => E): E {
  if (options.standalone) return build(side);
  const hub = options.hub ?? (convar('fxcallbacks:hub', '') || DEFAULT_HUB);
  if (!isStarted(hub)) {
    throw new CallbackError(
      ErrorCode.RESOURCE_STOPPED,
      `the callback hub, resource "${hub}", is not started: start it before ${side.resourceName} ` +
        `(ensure ${hub}, and dependency '${hub}' in the fxmanifest), set the convar fxcallbacks:hub with setr, or pass { standalone: true }`,
    );
  }
  const send = exportOf(hub, JOIN_EXPORTS.send);
  const forward = exportOf(hub, JOIN_EXPORTS.forward);
  const lease = exportOf(hub, JOIN_EXPORTS.lease);
  const claim = exportOf(hub, JOIN_EXPORTS.claim);
  const release = exportOf(hub, JOIN_EXPORTS.release);
  const { natives, wire } = joinedMember<P>(side, {
    hub,
    join: (link) => exportOf(hub, JOIN_EXPORTS.join)(link, () => metrics().snapshot()) as Joined,
    send: (peer, envelope: Envelope, latent) => send(peer, envelope, latent),
    forward: (peer, envelope) => forward(peer, envelope),
    lease: (latent, bytes, held) => lease(latent, bytes, held.events, held.bytes) as Lease,
    // An export that throws reaches the caller without its message, so the hub answers why in a value.
    claim: (name) => (claim(name) as string | null) ?? undefined,
    release: (name) => release(name),
    hubStopped$: resourceStopped$(hub),
  }, watchOwnTimeouts(metrics));
  try {
    return build(natives, wire);
  } catch (error) {
    exportOf(hub, JOIN_EXPORTS.leave)();
    throw error;
  }
}
