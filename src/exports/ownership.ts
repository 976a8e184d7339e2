import type { Subscription } from 'rxjs';

/** The hub's names of callbacks registered through the exports (see LuaNames). */
export interface NameClaims {
  /** False when another resource owns the name. */
  claim(name: string, resource: string): boolean;
  release(name: string): void;
}

/**
 * The resource a Lua export is called for: the resource that called it (`invoking`), or, when this resource's own Lua
 * state calls on another's behalf (the plain exports, src/exports/shared.lua), the `owner` it names.
 */
export function callerOf(self: string, invoking: string, owner: unknown): string {
  return invoking === self && typeof owner === 'string' ? owner : invoking;
}

/**
 * What other resources own here: the callbacks they registered, the calls their handlers are answering and the
 * calls they are waiting on. When a resource stops, its functions can no longer be called, so everything it owns
 * is released at once: its callbacks are unregistered (a later call gets NO_SUCH_CALLBACK), the calls its handlers
 * were answering fail with RESOURCE_STOPPED, and its own calls are cancelled.
 */
export class ResourceOwnership {
  private readonly names = new Map<string, Set<string>>();
  private readonly calls = new Map<string, Set<Subscription>>();
  private readonly answers = new Map<string, Set<() => void>>();

  /**
   * Registers `name` for `resource`: claims it in the hub, then `register`s it; false when another resource owns
   * the name. When `register` throws (invalid options), a name the resource did not hold before is freed again.
   */
  registerCallback(resource: string, name: string, hubNames: NameClaims, register: () => void): boolean {
    const held = this.ownerOf(name) === resource;
    if (!hubNames.claim(name, resource)) return false;
    try {
      register();
    } catch (error) {
      if (!held) hubNames.release(name);
      throw error;
    }
    this.disown(name);
    setOf(this.names, resource).add(name);
    return true;
  }

  /** Unregisters `name` if `resource` registered it; another resource gets false, and the log says who owns it. */
  unregisterCallback(
    resource: string,
    name: string,
    hubNames: NameClaims,
    unregister: (name: string) => boolean,
    log: (line: string) => void,
  ): boolean {
    const owner = this.ownerOf(name);
    if (owner !== undefined && owner !== resource) {
      log(`fxcallbacks: ${resource} cannot unregister "${name}": resource ${owner} registered it`);
      return false;
    }
    this.disown(name);
    hubNames.release(name);
    return unregister(name);
  }

  ownCall(resource: string, call: Subscription): void {
    if (call.closed) return;
    const owned = setOf(this.calls, resource);
    owned.add(call);
    call.add(() => owned.delete(call));
  }

  /**
   * One of the resource's handlers is answering a call; `fail` ends that call if the resource stops first (its
   * `cb` could never be called any more). Returns the function to call once the answer is in.
   */
  ownAnswer(resource: string, fail: () => void): () => void {
    const owned = setOf(this.answers, resource);
    owned.add(fail);
    return () => owned.delete(fail);
  }

  /** Cancels the resource's calls, fails the calls its handlers were answering, unregisters its callbacks. */
  release(resource: string, unregister: (name: string) => void): void {
    for (const fail of this.answers.get(resource) ?? []) fail();
    this.answers.delete(resource);
    for (const call of this.calls.get(resource) ?? []) call.unsubscribe();
    this.calls.delete(resource);
    for (const name of this.names.get(resource) ?? []) unregister(name);
    this.names.delete(resource);
  }

  private ownerOf(name: string): string | undefined {
    for (const [resource, owned] of this.names) if (owned.has(name)) return resource;
    return undefined;
  }

  private disown(name: string): void {
    for (const owned of this.names.values()) owned.delete(name);
  }
}

function setOf<T>(map: Map<string, Set<T>>, key: string): Set<T> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
