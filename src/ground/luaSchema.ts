/**
 * The specification's Lua-friendly schema, `{ required = {...}, types = {...} }`, checked on one data table.
 *
 * A Lua table reaches JS through msgpack as an array (keys exactly 1..n) or as an object, and an empty table may
 * arrive as either, so `'table'` accepts both, and an empty `required` or `types` may be `[]` or `{}`.
 */
import { invalidOption } from './checks';

/** Field types a Lua schema can require, named as Lua's `type()` names them. */
export type LuaType = 'string' | 'number' | 'boolean' | 'table';

/** A Lua-style schema of one data table: `{ required = { 'action' }, types = { action = 'string' } }`. */
export interface LuaSchema {
  /** Fields that must be present (not nil). */
  readonly required?: readonly string[];
  /** Types of fields; a field that is absent is not checked here (list it in `required` for that). */
  readonly types?: Readonly<Record<string, LuaType>>;
}

/** The result the Lua export `ValidateCallbackData` returns. */
export interface LuaSchemaResult {
  /** True when there is no error. */
  valid: boolean;
  /** One readable line per problem, e.g. `field "action" must be a string, got number`. */
  errors: string[];
}

const LUA_TYPES: ReadonlySet<string> = new Set<LuaType>(['string', 'number', 'boolean', 'table']);

/**
 * Throws `INVALID_ARGUMENT` naming the first problem if `schema` is not a well-formed {@link LuaSchema}
 * (unknown keys are refused, so a misspelt `require` is caught instead of silently checking nothing).
 */
export function assertLuaSchema(schema: unknown, owner = 'schema'): asserts schema is LuaSchema {
  const problem = luaSchemaProblem(schema);
  if (problem !== undefined) throw invalidOption(owner, problem.option, problem.expected, problem.value);
}

/**
 * Checks `data` against `schema` and lists every problem; never throws for bad data. A `data` that is not a table
 * is one error.
 *
 * @throws CallbackError `INVALID_ARGUMENT` if `schema` itself is malformed (a programming mistake, not bad data).
 */
export function checkLuaSchema(data: unknown, schema: LuaSchema): LuaSchemaResult {
  assertLuaSchema(schema);
  if (luaTypeOf(data) !== 'table') return { valid: false, errors: [`expected a table, got ${luaTypeOf(data)}`] };
  const table = data as Record<string, unknown>;
  const errors: string[] = [];
  for (const field of listOf(schema.required)) {
    if (luaTypeOf(fieldOf(table, field)) === 'nil') errors.push(`missing required field "${field}"`);
  }
  for (const [field, expected] of Object.entries(schema.types ?? {})) {
    const actual = luaTypeOf(fieldOf(table, field));
    if (actual !== 'nil' && actual !== expected) errors.push(`field "${field}" must be a ${expected}, got ${actual}`);
  }
  return { valid: errors.length === 0, errors };
}

/** The name Lua's `type()` would give `value` after crossing msgpack. */
function luaTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'object') return 'table';
  return typeof value;
}

/** Own fields only: `required = {"constructor"}` must not be satisfied by `Object.prototype`. */
function fieldOf(table: Record<string, unknown>, field: string): unknown {
  return Object.prototype.hasOwnProperty.call(table, field) ? table[field] : undefined;
}

/** `required` as a list; an empty Lua table may have arrived as `{}`. */
function listOf(required: LuaSchema['required']): readonly string[] {
  return Array.isArray(required) ? required : [];
}

interface SchemaProblem {
  option: string;
  expected: string;
  value: unknown;
}

function luaSchemaProblem(schema: unknown): SchemaProblem | undefined {
  if (isEmptyTable(schema)) return undefined;
  if (luaTypeOf(schema) !== 'table' || Array.isArray(schema)) {
    return { option: 'schema', expected: 'a table with "required" and/or "types"', value: schema };
  }
  const { required, types, ...rest } = schema as Record<string, unknown>;
  const unknownKey = Object.keys(rest)[0];
  if (unknownKey !== undefined) {
    const expected = 'absent (a schema has only "required" and "types")';
    return { option: unknownKey, expected, value: rest[unknownKey] };
  }
  if (required !== undefined && !isEmptyTable(required)) {
    if (!Array.isArray(required)) return { option: 'required', expected: 'a list of field names', value: required };
    const bad = required.findIndex((field) => typeof field !== 'string');
    if (bad >= 0) return { option: `required[${bad + 1}]`, expected: 'a field name', value: required[bad] };
  }
  if (types !== undefined && !isEmptyTable(types)) {
    if (luaTypeOf(types) !== 'table' || Array.isArray(types)) {
      return { option: 'types', expected: 'a table of field = type', value: types };
    }
    for (const [field, type] of Object.entries(types as Record<string, unknown>)) {
      if (typeof type !== 'string' || !LUA_TYPES.has(type)) {
        return { option: `types.${field}`, expected: 'one of "string", "number", "boolean", "table"', value: type };
      }
    }
  }
  return undefined;
}

function isEmptyTable(value: unknown): boolean {
  return luaTypeOf(value) === 'table' && Object.keys(value as object).length === 0;
}
