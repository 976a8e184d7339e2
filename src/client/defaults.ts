import { BYTE_PACE } from '../core/wire/sendBudget';

/**
 * FiveM drops a client's net events beyond 50/s (burst 200), and kicks the player beyond 128 KiB/s (burst 384 KiB)
 * of reliable bytes, so outgoing events are paced under both by default, with a margin: events leave on game frames
 * and can reach the server closer together than they were paced, and other resources use the same budget.
 */
export const CLIENT_EVENT_PACE = { rate: 45, burst: 180, ...BYTE_PACE };
/** A client's streams send at most one answer per 50 ms (the latest), so a chatty stream cannot flood the pace. */
const CLIENT_STREAM_INTERVAL = 50;

/** How a client endpoint behaves unless told otherwise; `pace` only applies standalone (the hub paces members). */
export const CLIENT_DEFAULTS = { pace: CLIENT_EVENT_PACE, minStreamInterval: CLIENT_STREAM_INTERVAL, trustedPeer: true };
