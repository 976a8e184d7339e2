import { ErrorCode } from '../../src/ground/errors';
import { assertLuaSchema, checkLuaSchema } from '../../src/ground';

const invalid = expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT });

describe('checkLuaSchema', () => {
  const schema = { required: ['action', 'parameters'], types: { action: 'string', parameters: 'table' } } as const;

  it('accepts the specification example', () => {
    expect(checkLuaSchema({ action: 'buy', parameters: { id: 3 } }, schema)).toEqual({ valid: true, errors: [] });
  });

  it('lists every missing field and wrong type, with Lua type names', () => {
    expect(checkLuaSchema({ action: 5, parameters: null }, schema)).toEqual({
      valid: false,
      errors: ['missing required field "parameters"', 'field "action" must be a string, got number'],
    });
  });

  it('accepts a Lua table that arrived as an array or an object for "table"', () => {
    const types = { types: { list: 'table', map: 'table' } } as const;
    expect(checkLuaSchema({ list: [1, 2], map: { a: 1 } }, types).valid).toBe(true);
    expect(checkLuaSchema({ list: 'x' }, types).errors).toEqual(['field "list" must be a table, got string']);
  });

  it('checks the type of a field only when present; `required` is for presence', () => {
    expect(checkLuaSchema({}, { types: { amount: 'number' } })).toEqual({ valid: true, errors: [] });
    expect(checkLuaSchema({ ok: false }, { required: ['ok'], types: { ok: 'boolean' } }).valid).toBe(true);
  });

  it('does not let inherited properties satisfy `required`', () => {
    expect(checkLuaSchema({}, { required: ['constructor', 'toString'] }).errors).toEqual([
      'missing required field "constructor"',
      'missing required field "toString"',
    ]);
  });

  it.each([
    [undefined, 'nil'],
    [null, 'nil'],
    ['text', 'string'],
    [12, 'number'],
    [true, 'boolean'],
  ])('refuses non-table data %p as one error', (data, type) => {
    expect(checkLuaSchema(data, schema)).toEqual({ valid: false, errors: [`expected a table, got ${type}`] });
  });

  it('accepts empty `required` and `types` as Lua sends them, [] or {}', () => {
    expect(checkLuaSchema({}, { required: {} as never, types: [] as never }).valid).toBe(true);
    expect(checkLuaSchema({}, [] as never).valid).toBe(true);
  });
});

describe('assertLuaSchema', () => {
  it.each([
    ['a non-table', 'required'],
    [{ require: ['a'] }, 'misspelt key'],
    [{ required: 'a' }, 'required not a list'],
    [{ required: ['a', 3] }, 'a field name not a string'],
    [{ types: ['string'] }, 'types a list'],
    [{ types: { a: 'int' } }, 'unknown type'],
    [['action'], 'a list'],
  ])('refuses %p (%s) with INVALID_ARGUMENT', (schema, _reason) => {
    expect(() => assertLuaSchema(schema)).toThrow(invalid);
    expect(() => checkLuaSchema({}, schema as never)).toThrow(invalid);
  });

  it('names the problem', () => {
    expect(() => assertLuaSchema({ types: { age: 'int' } }, 'register')).toThrow(
      'register: "types.age" must be one of "string", "number", "boolean", "table", got "int"',
    );
  });
});
