/**
 * The hub's one namespace: each callback name belongs to the resource that registered it (a joined resource, or
 * a Lua resource through the hub's exports) until that resource releases it or stops.
 */
export class CallbackNames {
  private readonly owners = new Map<string, string>();

  get size(): number {
    return this.owners.size;
  }

  ownerOf(name: string): string | undefined {
    return this.owners.get(name);
  }

  /** Claims a name for `resource`; returns why not when another resource holds it. */
  claim(name: string, resource: string): string | undefined {
    const owner = this.owners.get(name);
    if (owner !== undefined && owner !== resource) return `callback "${name}" is already registered by resource ${owner}`;
    this.owners.set(name, resource);
    return undefined;
  }

  release(name: string, resource: string): void {
    if (this.owners.get(name) === resource) this.owners.delete(name);
  }

  /** Frees every name of a resource that stopped. */
  releaseAll(resource: string): void {
    for (const [name, owner] of this.owners) if (owner === resource) this.owners.delete(name);
  }
}
