/**
 * The hub of a machine: the fxcallbacks resource's router, the exports through which other resources' endpoints
 * join it, and the natives of the resource's own endpoint (which answers the callbacks Lua resources register).
 */
import { NEVER } from 'rxjs';
import { defineExport } from '../core/defineExport';
import type { SideNatives } from '../core/natives';
import type { Envelope } from '../core/wire/protocol';
import type { Wire } from '../core/wire/wire';
import { secondRegistrationLine } from '../core/answer/registration';
import type { Metrics } from '../core/metrics';
import { JOIN_EXPORTS, joinedMember, type MemberLink } from './member';
import { HubMetrics } from './metrics';
import { Router, type RouterOptions } from './router';
import { convar, invokingResource, resourceStops$ } from './runtime';
import { HubTraffic } from './traffic';
import { Tracing, watchOwnTimeouts } from './tracing';
import type { PeerId } from '../core/endpointOptions';

/** Callback names that Lua resources register through the hub's own exports. */
export interface LuaNames {
  /**
   * Claims a name for a Lua resource; false when another resource owns it, with one console line saying so. It
   * does not throw: an export's error would reach Lua without its text, print a script error with a stack, and
   * stop the registering script, while a taken name is no reason for the rest of that script not to run.
   */
  claim(name: string, resource: string): boolean;
  /** Frees a name registered through the exports (by whichever Lua resource); a joined resource's stays. */
  release(name: string): void;
}

export interface Hub<P extends PeerId> {
  /** The natives and wire of the hub resource's own endpoint. */
  natives: SideNatives<P>;
  wire: Wire<P>;
  luaNames: LuaNames;
  router: Router<P>;
  /** Every resource's callback metrics: the hub's own endpoint's and its members'. */
  metrics: HubMetrics;
  /** `fxcallbacks trace`: which calls the router reports, and the members' timeouts while it runs. */
  tracing: Tracing<P>;
}

/** FiveM's net-event limiter per player (`rateLimiter_netEvent_rate`, default 50 a second). */
const limiterRate = () => Number(convar('rateLimiter_netEvent_rate', '50')) || 50;

/** `ownMetrics`: the metrics of the hub resource's own endpoint (created after the hub, so read lazily). */
export function startHub<P extends PeerId>(side: SideNatives<P>, options: RouterOptions, ownMetrics: () => Metrics): Hub<P> {
  const self = side.resourceName;
  const router = new Router(side, options, new HubTraffic<P>(() => side.now(), limiterRate()));
  const metrics = new HubMetrics();
  const tracing = new Tracing(router, side);
  metrics.add(self, () => ownMetrics().snapshot());
  const leave = (resource: string) => {
    router.leave(resource);
    metrics.remove(resource);
    tracing.unwatch(resource);
  };
  const claim = (name: string, resource: string) => {
    if (router.names.ownerOf(name) === resource) side.log(secondRegistrationLine(resource, name));
    return router.names.claim(name, resource);
  };
  defineExport(JOIN_EXPORTS.join, (link: MemberLink<P>, snapshot: unknown) => {
    const resource = invokingResource(self);
    const joined = router.join(resource, link, true);
    if (joined.refused) return joined;
    if (typeof snapshot === 'function') metrics.add(resource, snapshot as () => unknown);
    tracing.watch(resource, link.watchTimeouts);
    return joined;
  });
  // A member whose endpoint could not be built after joining (invalid options) leaves, to retry; a Lua resource
  // calling it must not drop the names it registered through the exports.
  defineExport(JOIN_EXPORTS.leave, () => {
    const resource = invokingResource(self);
    if (router.isMember(resource)) leave(resource);
  });
  defineExport(JOIN_EXPORTS.send, (peer: P, envelope: Envelope, latent: boolean) => router.send(invokingResource(self), peer, envelope, latent));
  defineExport(JOIN_EXPORTS.lease, (latent: boolean, bytes: number, heldEvents: number, heldBytes: number) =>
    router.lease(invokingResource(self), latent, bytes, heldEvents, heldBytes),
  );
  defineExport(JOIN_EXPORTS.forward, (peer: P, envelope: unknown) => router.forward(invokingResource(self), peer, envelope));
  defineExport(JOIN_EXPORTS.claim, (name: string) => claim(name, invokingResource(self)) ?? null);
  defineExport(JOIN_EXPORTS.release, (name: string) => router.names.release(name, invokingResource(self)));
  defineExport('GetHubStats', () => router.stats);
  const stops = resourceStops$().subscribe((resource) => {
    if (resource === self) stops.unsubscribe();
    else leave(resource);
  });
  const { natives, wire } = joinedMember<P>(side, {
    hub: self,
    join: (link) => {
      tracing.watch(self, link.watchTimeouts);
      return router.join(self, link, false);
    },
    send: (peer, envelope, latent) => router.send(self, peer, envelope, latent),
    // Never direct (see Router.join), so it hears nothing to forward and sends nothing itself.
    forward: () => undefined,
    lease: () => [0, 0, 0],
    // The hub's own names are claimed by the Lua resources that register them (luaNames).
    claim: () => undefined,
    release: () => undefined,
    hubStopped$: NEVER,
  }, watchOwnTimeouts(ownMetrics));
  const luaNames: LuaNames = {
    claim: (name, resource) => {
      const problem = claim(name, resource);
      if (problem) side.log(`fxcallbacks: ${resource} cannot register "${name}": ${problem}; this registration is ignored`);
      return !problem;
    },
    release: (name) => {
      const owner = router.names.ownerOf(name);
      if (owner !== undefined && !router.isMember(owner)) router.names.release(name, owner);
    },
  };
  return { natives, wire, luaNames, router, metrics, tracing };
}
