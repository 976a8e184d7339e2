/**
 * One sanitising rule for console lines, written twice because it runs in Lua and in JavaScript: lua/helpers.lua's
 * `fx.consoleLine` and src/ground/consoleLine.ts's `consoleLine` give the same output on the same inputs. What a
 * handler's caller may learn of its error, `fx.publicMessage`, is made in Lua only (where the error is raised).
 */
import { consoleLine } from '../../src/ground/consoleLine';
import { startShims, useLua } from '../compat/support';

useLua();

/** `text` as a Lua string literal, byte for byte (UTF-8). */
function luaLiteral(text: string): string {
  return `"${[...Buffer.from(text, 'utf8')].map((byte) => `\\${byte}`).join('')}"`;
}

const long = `${'x'.repeat(239)}é and more`; // the cut falls inside the two bytes of é
const INPUTS = [
  'plain text',
  '^1red^7 and ^0reset',
  'two\nlines\r\nand a\ttab',
  'escape \u001b[31m sequences \u007f and NUL \u0000 here',
  'C1 \u0085 next line, \u009b CSI, and \u2028 line \u2029 paragraph separators',
  '   spaced    out   ',
  long,
  'ü'.repeat(130),
  '',
  '^1SCRIPT ERROR: @shop/server.lua:12: no stock^7\nstack traceback:\n\t@shop/server.lua:12: in function',
  '@shop/server.lua:12: @shop/lib.lua:3: nested',
  '[string "return error(\'x\')"]:1: from a string chunk',
  'SCRIPT ERROR:    ',
  '@res/a.lua:1: ^2colour^7 inside\nsecond line',
];

function luaRule() {
  const { server } = startShims([{ name: 'probe', before: ['@fxcallbacks/lua/import.lua'], server: '' }]);
  return {
    consoleLine: (input: string) => server('probe').runAll(`return FxcallbacksHelpers.consoleLine(${luaLiteral(input)})`)[0],
    publicMessage: (input: string) => server('probe').runAll(`return FxcallbacksHelpers.publicMessage(${luaLiteral(input)})`)[0],
  };
}

test('the Lua rule and the TypeScript rule give the same lines', async () => {
  const lua = luaRule();
  for (const input of INPUTS) expect({ input, line: consoleLine(input) }).toEqual({ input, line: lua.consoleLine(input) });
});

test('what the rule makes of them', () => {
  const { publicMessage } = luaRule();
  expect(consoleLine('two\nlines\r\nand a\ttab')).toBe('two lines and a tab');
  expect(consoleLine('^1red^7 and ^0reset')).toBe('red and reset');
  expect(consoleLine(long)).toBe(`${'x'.repeat(239)}...`);
  expect(Buffer.byteLength(consoleLine('ü'.repeat(130)))).toBeLessThanOrEqual(243);
  expect(publicMessage('^1SCRIPT ERROR: @shop/server.lua:12: no stock^7\nstack traceback:')).toBe('no stock');
  expect(publicMessage('@shop/server.lua:12: @shop/lib.lua:3: nested')).toBe('nested');
  expect(publicMessage('[string "return error(\'x\')"]:1: from a string chunk')).toBe('from a string chunk');
  expect(publicMessage('SCRIPT ERROR:    ')).toBe('the handler raised an error');
});
