/**
 * FXServer's HTTP server for resources (`SetHttpHandler`), as `ResourceHttpHandler.cpp` in citizen-server-impl
 * serves it on the game port:
 *
 * - a request to `/<resource>/<rest>` goes to that resource's handler with `req.path` = `/<rest>` (query string
 *   kept); a resource without a handler, or a path outside every `/<resource>/`, gets 404 `Not found.`;
 * - each (resource, peer address) has a token bucket `http_<resource>` of 10 per second, burst 25; past it, 429
 *   `Rate limit exceeded.` without calling the handler;
 * - the handler runs on the main thread (the server's next frame), with `req` = `{ method, path, headers, address,
 *   setDataHandler(fn, 'binary'?), setCancelHandler(fn) }` and `res` = `{ writeHead(code, headers?), write(data),
 *   send(data?) }`; the body reaches the data handler once, whole, on a later frame; `writeHead` counts once and
 *   only before any `write`; the response is complete at `send`.
 *
 * Tests call {@link HttpServerModel.request} directly, or {@link HttpServerModel.listen} exposes every handler on a
 * real port of 127.0.0.1 for a real browser (drive the world meanwhile with {@link HttpServerModel.inRealTime}).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { hostPack, hostUnpack } from './codec';
import { TokenBucket } from './limiter';
import type { JsRuntime } from './js-runtime';
import type { World } from './world';

/** What a test sends. */
export interface HttpRequestOptions {
  /** The full path on the game port, `/<resource>/<rest>`, query string included. */
  path: string;
  /** Default `GET`. */
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The peer's `ip:port`, as `req.address` shows it. Default `127.0.0.1:40000`. */
  address?: string;
}

/** What the handler answered. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

/** The HTTP rate limit FXServer gives each resource, per peer address (`RateLimiterDefaults{ 10.0, 25.0 }`). */
export const HTTP_RATE_LIMIT = { rate: 10, burst: 25 } as const;

/** A real listener on 127.0.0.1. */
export interface LocalHttpServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  close(): Promise<void>;
}

/** The JS runtime hooks the model calls into (see the bootstrap's `callHttpHandler`). */
export interface HttpResponder {
  writeHead(code: unknown, packedHeaders: Uint8Array | null): void;
  write(data: unknown): void;
  send(data: unknown): void;
  setDataHandler(deliver: (body: string) => void): void;
  setCancelHandler(cancel: () => void): void;
}

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' };

export class HttpServerModel {
  private readonly handlers = new Map<string, { runtime: JsRuntime; handler: unknown }>();
  private readonly buckets = new Map<string, TokenBucket>();

  /** @internal */
  constructor(private readonly world: World) {}

  /** @internal `SetHttpHandler` from a resource's runtime; a later call replaces the handler. */
  setHandler(runtime: JsRuntime, handler: unknown): void {
    this.handlers.set(runtime.resource, { runtime, handler });
  }

  /** Resources with a live handler. */
  get resources(): string[] {
    return [...this.handlers.keys()].filter((name) => this.handlerOf(name));
  }

  /**
   * Makes a request; resolves when the handler's `send` ends it (the world must run meanwhile: `world.settle`).
   * `cancelled` (the peer went away) calls the handler's cancel handler instead.
   */
  request(options: HttpRequestOptions, cancelled?: Promise<void>): Promise<HttpResponse> {
    const address = options.address ?? '127.0.0.1:40000';
    const match = /^\/([^/?]+)\/(.*)$/.exec(options.path);
    const target = match ? this.handlerOf(match[1]!) : undefined;
    if (!match || !target) return Promise.resolve({ status: 404, headers: TEXT, body: 'Not found.' });
    const resource = match[1]!;
    const key = `${resource}\u0000${address.replace(/:\d+$/, '')}`;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(HTTP_RATE_LIMIT, this.world.now)));
    if (!bucket.consume(this.world.now)) return Promise.resolve({ status: 429, headers: TEXT, body: 'Rate limit exceeded.' });

    return new Promise((resolve) => {
      const response = { status: 200, headers: {} as Record<string, string | string[]>, chunks: [] as string[], started: false, ended: false };
      const server = this.world.server;
      const onMainThread = (work: () => void) => {
        this.world.clock.schedule(Math.ceil((this.world.now + 1) / server.frameMs) * server.frameMs, work, `http ${resource}`);
      };
      const text = (data: unknown, what: string): string => {
        if (typeof data === 'string') return data;
        if (data instanceof Uint8Array || ArrayBuffer.isView(data)) return Buffer.from((data as Uint8Array).buffer, (data as Uint8Array).byteOffset, (data as Uint8Array).byteLength).toString('utf8');
        throw new TypeError(`${what}: data must be a string`);
      };
      const responder: HttpResponder = {
        writeHead: (code, packedHeaders) => {
          if (response.started || response.ended) return;
          response.started = true;
          response.status = Number(code);
          if (packedHeaders) response.headers = hostUnpack(packedHeaders) as Record<string, string | string[]>;
        },
        write: (data) => {
          if (response.ended) return;
          response.chunks.push(text(data, 'res.write'));
          response.started = true;
        },
        send: (data) => {
          if (response.ended) return;
          if (data !== undefined && data !== null) response.chunks.push(text(data, 'res.send'));
          response.ended = true;
          resolve({ status: response.status, headers: response.headers, body: response.chunks.join('') });
        },
        setDataHandler: (deliver) => onMainThread(() => target.runtime.callHttp('http data handler', () => deliver(options.body ?? ''))),
        setCancelHandler: (cancel) =>
          void cancelled?.then(() => {
            if (!response.ended) onMainThread(() => target.runtime.callHttp('http cancel handler', cancel));
          }),
      };
      const packedRequest = hostPack([
        {
          method: options.method ?? 'GET',
          path: `/${match[2]}`,
          headers: options.headers ?? {},
          address,
        },
      ]);
      onMainThread(() => target.runtime.callHttpHandler(target.handler, packedRequest, responder));
    });
  }

  /**
   * Serves every resource's handler on a real port of 127.0.0.1 (never another interface). Requests wait for the
   * world's frames: keep it running in step with real time with {@link inRealTime} while a browser loads pages.
   */
  async listen(): Promise<LocalHttpServer> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      let cancel: () => void = () => undefined;
      const cancelled = new Promise<void>((resolve) => (cancel = resolve));
      res.on('close', () => cancel());
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        const options: HttpRequestOptions = {
          path: req.url ?? '/',
          method: req.method,
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
          address: `${req.socket.remoteAddress}:${req.socket.remotePort}`,
        };
        void this.request(options, cancelled).then((answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  /**
   * Runs the world in step with real time (one virtual ms per real ms) until `promise` settles, so that a real
   * browser's requests and timers meet the world's frames. Fails after `maxMs` of real time.
   */
  async inRealTime<T>(promise: PromiseLike<T>, maxMs = 20_000): Promise<T> {
    const outcome: { done: boolean; value?: T; error?: unknown; failed?: boolean } = { done: false };
    Promise.resolve(promise).then(
      (value) => Object.assign(outcome, { done: true, value }),
      (error: unknown) => Object.assign(outcome, { done: true, failed: true, error }),
    );
    const start = Date.now();
    let last = start;
    while (!outcome.done) {
      if (Date.now() - start > maxMs) throw new Error(`http.inRealTime: still pending after ${maxMs} ms of real time`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const now = Date.now();
      await this.world.advance(now - last);
      last = now;
    }
    if (outcome.failed) throw outcome.error;
    return outcome.value as T;
  }

  private handlerOf(resource: string): { runtime: JsRuntime; handler: unknown } | undefined {
    const entry = this.handlers.get(resource);
    if (entry?.runtime.stopped) this.handlers.delete(resource);
    return entry && !entry.runtime.stopped ? entry : undefined;
  }
}
