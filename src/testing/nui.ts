/**
 * A client's NUI, as a recorder a test inspects and drives: what resources send to their page
 * (`SendNuiMessage`, Lua's `SendNUIMessage`), the focus they ask for (`SetNuiFocus`, `SetNuiFocusKeepInput`),
 * the callback types they register (`RegisterNuiCallbackType`, Lua's `RegisterNUICallback`), and the page's side:
 * {@link Nui.post} is a `fetch('https://<resource>/<type>', { body })` from the resource's page.
 *
 * FiveM (`ResourceUI`/`NUICallbacks` in citizenfx/fivem) delivers such a request as the event `__cfx_nui:<type>`
 * to that resource only, with the JSON body decoded and a callback whose first argument, JSON-encoded, is the
 * response; a request nobody answers stays pending.
 */
import { hostPack } from './codec';
import type { ClientMachine } from './client-machine';

/** One message a resource sent to its page. */
export interface NuiMessage {
  /** The resource that sent it. */
  readonly resource: string;
  /** The JSON text as sent. */
  readonly json: string;
  /** The JSON decoded, as the page's `message` event gets it (undefined if the text is not JSON). */
  readonly data: unknown;
}

/** The NUI focus a resource asked for. */
export interface NuiFocus {
  hasFocus: boolean;
  hasCursor: boolean;
  keepInput: boolean;
}

/** A client's NUI: messages, focus and callback types per resource, and the page's requests. */
export class Nui {
  /** Every message resources sent to their pages, oldest first. */
  readonly messages: NuiMessage[] = [];
  private readonly focusByResource = new Map<string, NuiFocus>();
  private readonly typesByResource = new Map<string, Set<string>>();

  /** @internal */
  constructor(private readonly client: ClientMachine) {}

  /** Messages `resource` sent, decoded. */
  messagesOf(resource: string): unknown[] {
    return this.messages.filter((m) => m.resource === resource).map((m) => m.data);
  }

  /** The focus `resource` asked for (none yet: no focus, no cursor). */
  focusOf(resource: string): NuiFocus {
    return { ...(this.focusByResource.get(resource) ?? { hasFocus: false, hasCursor: false, keepInput: false }) };
  }

  /** Does any resource hold the NUI focus (`IsNuiFocused`)? */
  get focused(): boolean {
    return [...this.focusByResource.values()].some((f) => f.hasFocus);
  }

  /** The callback types `resource` registered. */
  callbackTypes(resource: string): string[] {
    return [...(this.typesByResource.get(resource) ?? [])];
  }

  /**
   * The resource's page posts `body` to `https://<resource>/<type>`: the resource's `__cfx_nui:<type>` handlers
   * run with the body (through JSON) and a callback; the promise resolves with what the first callback call
   * passes (through JSON), as the page's `await response.json()` would. Rejects if the resource registered no
   * such callback type on this client.
   */
  post(resource: string, type: string, body: unknown = {}): Promise<unknown> {
    if (!this.client.alive || !this.typesByResource.get(resource)?.has(type)) {
      return Promise.reject(new Error(`resource ${resource} registered no NUI callback '${type}' on ${this.client.name}`));
    }
    return new Promise((resolve) => {
      let answered = false;
      const reply = this.client.hostFunction((data: unknown) => {
        if (answered) return;
        answered = true;
        resolve(data === undefined ? undefined : JSON.parse(JSON.stringify(data)));
      });
      const payload = hostPack([JSON.parse(JSON.stringify(body)), reply]);
      this.client.triggerInResource(resource, `__cfx_nui:${type}`, payload);
    });
  }

  /** @internal `RegisterNuiCallbackType` */
  registerType(resource: string, type: string): void {
    const types = this.typesByResource.get(resource) ?? new Set<string>();
    types.add(type);
    this.typesByResource.set(resource, types);
  }

  /** @internal `SendNuiMessage`; a text that is not JSON is kept with `data` undefined. */
  send(resource: string, json: string): void {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch {
      data = undefined;
    }
    this.messages.push({ resource, json, data });
  }

  /** @internal `SetNuiFocus` / `SetNuiFocusKeepInput` */
  setFocus(resource: string, change: Partial<NuiFocus>): void {
    this.focusByResource.set(resource, { ...this.focusOf(resource), ...change });
  }

  /** @internal A stopped resource's page is gone: its focus and callback types with it. */
  forget(resource: string): void {
    this.focusByResource.delete(resource);
    this.typesByResource.delete(resource);
  }
}
