import type { Subscription } from 'rxjs';

/**
 * What other resources own here: the callbacks they registered and the calls they are waiting on. When a
 * resource stops, its functions can no longer be called, so everything it owns is released at once: its
 * callbacks are unregistered (a later call gets NO_SUCH_CALLBACK) and its calls are cancelled.
 */
export class ResourceOwnership {
  private readonly names = new Map<string, Set<string>>();
  private readonly calls = new Map<string, Set<Subscription>>();

  ownCallback(resource: string, name: string): void {
    for (const owned of this.names.values()) owned.delete(name);
    setOf(this.names, resource).add(name);
  }

  disownCallback(name: string): void {
    for (const owned of this.names.values()) owned.delete(name);
  }

  ownCall(resource: string, call: Subscription): void {
    if (call.closed) return;
    const owned = setOf(this.calls, resource);
    owned.add(call);
    call.add(() => owned.delete(call));
  }

  /** Cancels the resource's calls and unregisters the callbacks it had registered. */
  release(resource: string, unregister: (name: string) => void): void {
    for (const call of this.calls.get(resource) ?? []) call.unsubscribe();
    this.calls.delete(resource);
    for (const name of this.names.get(resource) ?? []) unregister(name);
    this.names.delete(resource);
  }
}

function setOf<T>(map: Map<string, Set<T>>, key: string): Set<T> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
