/** What both the client and the server entry export besides their own API. */
export { CallbackError, ErrorCode, isCallbackError } from './errors';
export { values, type Answer, type AnswerValues, type Values } from './answer';
export type { CallOptions } from './options';
export type { LuaSchemaOptions, RegisterOptions } from './registration';
export { DEFAULT_LIMITS, type EndpointLimits, type EndpointOptions, type EndpointStats } from './endpoint';
export type { NodeCallback } from './facades';
export type { Metrics, MetricsSnapshot, CallbackMetrics, MetricEvent } from '../operators';
export {
  defineClientCallback,
  defineServerCallback,
  type CallbackContract,
  type ClientCallback,
  type ServerCallback,
} from './contracts';
