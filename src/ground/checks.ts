/**
 * Checks the options an operator is created with, so that a bad value fails at once with
 * `INVALID_ARGUMENT`, where the mistake was made, instead of misbehaving later inside a stream.
 */
import { CallbackError, ErrorCode } from './errors';

/** What a numeric option must satisfy. Infinity is refused unless `allowInfinity` is set; NaN always is. */
export interface NumberRule {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** The value must be strictly greater than this. */
  above?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  integer?: boolean;
  allowInfinity?: boolean;
}

/** The `INVALID_ARGUMENT` error for option `option` of `owner` (an operator or factory name). */
export function invalidOption(owner: string, option: string, expected: string, value: unknown): CallbackError {
  return new CallbackError(
    ErrorCode.INVALID_ARGUMENT,
    `${owner}: "${option}" must be ${expected}, got ${describeValue(value)}`,
    { option },
  );
}

/** Returns `value` if it is a number satisfying `rule`, else throws `INVALID_ARGUMENT`. */
export function checkNumber(owner: string, option: string, value: unknown, rule: NumberRule = {}): number {
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (Number.isFinite(value) || (rule.allowInfinity === true && value === Infinity)) &&
    (!rule.integer || Number.isInteger(value) || value === Infinity) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.above === undefined || value > rule.above) &&
    (rule.max === undefined || value <= rule.max);
  if (!ok) throw invalidOption(owner, option, describeRule(rule), value);
  return value as number;
}

/** Returns `value` if it is a function, else throws `INVALID_ARGUMENT`. */
export function checkFunction<F extends (...args: never[]) => unknown>(owner: string, option: string, value: F): F {
  if (typeof value !== 'function') throw invalidOption(owner, option, 'a function', value);
  return value;
}

/** Returns `value` if it is a non-empty string, else throws `INVALID_ARGUMENT`. */
export function checkName(owner: string, option: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw invalidOption(owner, option, 'a non-empty string', value);
  return value;
}

export function invalid(message: string): CallbackError {
  return new CallbackError(ErrorCode.INVALID_ARGUMENT, message);
}

/** A timeout option: a positive number of ms, Infinity, or false (no timeout). */
export function checkTimeout(value: unknown, what: string, option = 'timeout'): number | false {
  if (value === false) return false;
  const ms = checkNumber(what, option, value, { above: 0, allowInfinity: true });
  return ms === Infinity ? false : ms;
}

/** An options argument: an object, or nothing. */
export function checkObject(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${what} must be an object; got ${String(value)}`);
  return value as Record<string, unknown>;
}

/** Whether `value` is a callback name: a non-empty string short enough for the wire. */
export function isCallbackName(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength;
}

/** Returns `name` if it is a callback name (see {@link isCallbackName}), else throws `INVALID_ARGUMENT`. */
export function checkCallbackName(name: unknown, maxLength: number): string {
  if (!isCallbackName(name, maxLength)) {
    const shown = typeof name === 'string' ? JSON.stringify(name) : name == null ? String(name) : typeof name === 'object' ? 'an object' : `a ${typeof name}`;
    throw invalid(`callback name must be a non-empty string of at most ${maxLength} characters; got ${shown}`);
  }
  return name;
}

function describeRule(rule: NumberRule): string {
  const bounds = [
    rule.min !== undefined ? `>= ${rule.min}` : '',
    rule.above !== undefined ? `> ${rule.above}` : '',
    rule.max !== undefined ? `<= ${rule.max}` : '',
  ].filter(Boolean);
  const kind = rule.integer ? 'an integer' : 'a number';
  return [kind, ...bounds].join(' ') + (rule.allowInfinity ? ' (or Infinity)' : '');
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
