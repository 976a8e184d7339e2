/**
 * RxJS operators for callbacks. Calling side: `timeoutAfter`, `deadlineAfter`, `retryWithBackoff`, `queued`/`createRequestQueue`,
 * `pace`, `createMetrics().measure`. Answering side, as gates in `of(request).pipe(...gates, switchMap(runHandler))`:
 * `rateLimit`, `requirePermission`, `validateArguments`; then `validateResult` and `rememberAnswers`.
 *
 * @module
 */
export { createAnswerCache, type AnswerCache, type AnswerCacheOptions, type AnswerKey } from './answerCache';
export { type Gate } from './gate';
export { limitPayload, type PayloadLimits } from './limitPayload';
export { checkLuaSchema, assertLuaSchema, type LuaSchema, type LuaSchemaResult, type LuaType } from './luaSchema';
export {
  createMetrics,
  formatTable,
  OTHER_NAME,
  type CallbackMetrics,
  type Direction,
  type EventBase,
  type LatencySnapshot,
  type MetricEvent,
  type Metrics,
  type MetricsOptions,
  type MetricsSnapshot,
} from './metrics';
export { checkPaceOptions, pace, type PaceOptions } from './pace';
export { queued } from './queued';
export { rateLimit, type RateLimiter, type RateLimitKey, type RateLimitOptions } from './rateLimit';
export { rememberAnswers } from './rememberAnswers';
export { createRequestQueue, type QueueCounts, type RequestQueue, type RequestQueueOptions } from './requestQueue';
export { requirePermission } from './requirePermission';
export {
  backoffDelay,
  isTimeout,
  retryWithBackoff,
  type BackoffOptions,
  type RetryWithBackoffOptions,
} from './retryWithBackoff';
export { assertSchema, isStandardSchema, MAX_LISTED_ISSUES, type Schema, type ValidatedList } from './schema';
export { deadlineAfter } from './deadlineAfter';
export { timeoutAfter } from './timeoutAfter';
export { validateArguments, type WithValidatedArgs } from './validateArguments';
export { validateResult } from './validateResult';
