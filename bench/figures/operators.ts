/**
 * Operators: the library with every per-call operator on (a 5 s timeout, 2 retries, a rate limit and argument
 * validation on the answering side) against a bare call (no timeout, no retries, no registration options).
 * Both are measured like the CPU figure (server and client CPU per call), side by side.
 */
import type { CpuVariant } from './cpu';

/** The Lua-style schema the library ships (`{ required, types }`), checking the payload's two fields. */
export const PAYLOAD_SCHEMA = { required: ['account', 'amount'], types: { account: 'string', amount: 'number' } } as const;

const RATE_LIMIT = { limit: 1_000_000_000, window: 1000 }; // never reached: the cost of checking it is measured

export const OPERATOR_VARIANTS: CpuVariant[] = [
  { key: 'fx-bare', label: 'library, bare call', layer: 'fx', options: { callOptions: { timeout: false } } },
  {
    key: 'fx-operators',
    label: 'library, timeout + retry + rate limit + validation',
    layer: 'fx',
    options: { callOptions: { timeout: 5000, retries: 2 }, registerOptions: { rateLimit: RATE_LIMIT, schema: PAYLOAD_SCHEMA as never } },
  },
  // Each operator alone, to show where the difference comes from.
  { key: 'fx-timeout', label: 'library, timeout only (5 s)', layer: 'fx', options: { callOptions: { timeout: 5000 } } },
  { key: 'fx-retry', label: 'library, retries only (2)', layer: 'fx', options: { callOptions: { timeout: false, retries: 2 } } },
  { key: 'fx-ratelimit', label: 'library, rate limit only', layer: 'fx', options: { callOptions: { timeout: false }, registerOptions: { rateLimit: RATE_LIMIT } } },
  { key: 'fx-schema', label: 'library, validation only (Lua-style schema)', layer: 'fx', options: { callOptions: { timeout: false }, registerOptions: { schema: PAYLOAD_SCHEMA as never } } },
  // Not a per-call operator, but on by default on a client: what the client's event pacing costs here.
  { key: 'fx-nopace', label: 'library, bare call with client pacing off (pace: false)', layer: 'fx', options: { callOptions: { timeout: false }, clientOptions: { pace: false } } },
];
