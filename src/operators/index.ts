export { type Gate } from './gate';
export { limitPayload, type PayloadLimits } from './limitPayload';
export { measure } from './measure';
export { checkPaceOptions, pace, type PaceOptions } from './pace';
export { queued } from './queued';
export { rateLimit, type RateLimiter, type RateLimitKey, type RateLimitOptions } from './rateLimit';
export { rememberAnswers } from './rememberAnswers';
export { requirePermission } from './requirePermission';
export {
  backoffDelay,
  isTimeout,
  retryWithBackoff,
  type BackoffOptions,
  type RetryWithBackoffOptions,
} from './retryWithBackoff';
export { deadlineAfter } from './deadlineAfter';
export { timeoutAfter } from './timeoutAfter';
export { validateArguments, type WithValidatedArgs } from './validateArguments';
export { validateResult } from './validateResult';
// What `queued` and `rememberAnswers` need, so that the `fxcallbacks/operators` entry is usable on its own.
export { createRequestQueue, type RequestQueue, type RequestQueueOptions } from '../ground/requestQueue';
export { createAnswerCache, type AnswerCache, type AnswerCacheOptions, type AnswerKey } from '../ground/answerCache';
