/**
 * What both the client and the server entry export besides their own API.
 * @module
 */
export { CallbackError, ErrorCode, isCallbackError } from '../ground/errors';
export { values, type Answer, type AnswerValues, type Values } from './answer/answer';
export type { CallOptions } from './call/callOptions';
export type { LuaSchemaOptions, RegisterOptions } from './answer/registration';
export {
  DEFAULT_LARGE_PAYLOADS,
  DEFAULT_LIMITS,
  type EndpointLimits,
  type EndpointOptions,
  type EndpointStats,
  type LargePayloads,
} from './endpointOptions';
export type { NodeCallback } from './call/facades';
export type { Metrics } from './metrics';
export type { MetricsSnapshot, CallbackMetrics, MetricEvent } from '../ground/metricTypes';
export {
  defineClientCallback,
  defineServerCallback,
  type CallbackContract,
  type ClientCallback,
  type ServerCallback,
} from './contracts';
