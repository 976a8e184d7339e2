/**
 * The fxcallbacks resource's HTTP handler (`SetHttpHandler`), on the game port under `/fxcallbacks/`:
 *
 * - `GET /metrics`: the Prometheus exposition ({@link exposition});
 * - `GET /`: the dashboard, one self-contained page (it holds no figures: it asks `/api/figures` with the token);
 * - `GET /api/figures`: the dashboard's data, as JSON.
 *
 * Figures need `Authorization: Bearer <fxcallbacks:metricsToken>`; without a token set, they stay closed (401)
 * unless the owner opens them with `fxcallbacks:metricsOpen true`.
 */
import { DASHBOARD_PAGE } from './dashboard';
import { exposition, foldUnregistered } from './exposition';
import type { HubMetrics } from '../metrics';
import type { TrafficSnapshot } from '../traffic';

/** FXServer's `req`, as `ResourceHttpHandler.cpp` builds it (the parts used here). */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** FXServer's `res`. */
export interface HttpResponse {
  writeHead(code: number, headers?: Record<string, string | string[]>): void;
  send(data?: string): void;
}

/** Who may read the figures. */
export type MetricsAccess = { token: string } | 'open' | 'closed';

/** What the handler reads. */
export interface FiguresSource {
  metrics: HubMetrics;
  traffic: () => TrafficSnapshot;
  isRegistered: (name: string) => boolean;
}

/** One callback's figures for the dashboard. */
export interface DashboardSeries {
  callback: string;
  resource: string;
  direction: string;
  calls: number;
  failures: number;
  inFlight: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** `fxcallbacks:metricsToken` and `fxcallbacks:metricsOpen`, and the console line saying what they mean. */
export function metricsAccess(token: string, open: string): { access: MetricsAccess; line: string } {
  if (token.trim() !== '') return { access: { token: token.trim() }, line: 'fxcallbacks: metrics and dashboard at /fxcallbacks/ need Authorization: Bearer <fxcallbacks:metricsToken>' };
  if (open.trim() === 'true') return { access: 'open', line: 'fxcallbacks: metrics and dashboard at /fxcallbacks/ are OPEN to anyone who reaches this port (fxcallbacks:metricsOpen true)' };
  return { access: 'closed', line: 'fxcallbacks: metrics and dashboard at /fxcallbacks/ are closed (401): set fxcallbacks:metricsToken, or fxcallbacks:metricsOpen true' };
}

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

export function httpHandler(access: MetricsAccess, source: FiguresSource): (req: HttpRequest, res: HttpResponse) => void {
  return (req, res) => {
    const path = req.path.split('?')[0];
    const reply = (code: number, type: string, body: string) => {
      res.writeHead(code, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.send(body);
    };
    if (req.method !== 'GET') return reply(405, 'text/plain; charset=utf-8', 'Only GET.');
    if (path === '/' || path === '/index.html') return reply(200, 'text/html; charset=utf-8', DASHBOARD_PAGE);
    if (path !== '/metrics' && path !== '/api/figures') return reply(404, 'text/plain; charset=utf-8', 'Not found.');
    if (!allowed(access, header(req.headers, 'authorization'))) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer realm="fxcallbacks"' });
      return res.send(access === 'closed' ? 'Closed: set the convar fxcallbacks:metricsToken.' : 'A valid Authorization: Bearer token is needed.');
    }
    const parts = source.metrics.collect();
    const traffic = source.traffic();
    if (path === '/metrics') return reply(200, 'text/plain; version=0.0.4; charset=utf-8', exposition(parts, traffic, source.isRegistered));
    const series: DashboardSeries[] = parts.flatMap(({ resource, snapshot }) =>
      foldUnregistered(snapshot.callbacks, source.isRegistered).map((m) => ({
        callback: m.name,
        resource,
        direction: m.direction,
        calls: m.calls,
        failures: m.failures,
        inFlight: m.inFlight,
        p50: m.latency.p50,
        p95: m.latency.p95,
        p99: m.latency.p99,
      })),
    );
    res.writeHead(200, JSON_TYPE);
    res.send(JSON.stringify({ at: Math.max(0, ...parts.map((part) => part.snapshot.at)), series, traffic }));
  };
}

/** Header names arrive as the client wrote them. */
function header(headers: Record<string, string>, name: string): string | undefined {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

function allowed(access: MetricsAccess, authorization: string | undefined): boolean {
  if (access === 'open') return true;
  if (access === 'closed' || authorization === undefined) return false;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  return match !== null && sameText(match[1]!, access.token);
}

/** Compares without stopping at the first difference, so the time taken says nothing of the token. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}
