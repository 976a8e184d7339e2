/**
 * The ground layer: errors, option checks and small data structures (heap, token bucket, bounded caches, the
 * request queue, schema checks) that the operators and the core build on. Nothing here imports from above.
 *
 * @module
 */
export { createAnswerCache, type AnswerCache, type AnswerCacheOptions, type AnswerKey } from './answerCache';
export { checkLuaSchema, assertLuaSchema, type LuaSchema, type LuaSchemaResult, type LuaType } from './luaSchema';
export { createRequestQueue, type QueueCounts, type RequestQueue, type RequestQueueOptions } from './requestQueue';
export { assertSchema, isStandardSchema, MAX_LISTED_ISSUES, type Schema, type ValidatedList } from './schema';
export { createMetricsRegistry, type Measurement, type MetricsRegistry } from './metricsRegistry';
export { formatTable } from './metricsConsoleTable';
export {
  OTHER_NAME,
  type CallbackMetrics,
  type Direction,
  type EventBase,
  type LatencySnapshot,
  type MetricEvent,
  type MetricsOptions,
  type MetricsSnapshot,
} from './metricTypes';
