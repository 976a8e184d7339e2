/**
 * One sanitising rule, written twice because it runs on both sides of the hub: lua/helpers.lua's `fx.consoleLine` /
 * `fx.publicMessage` (the shims and the import) and src/ground/consoleLine.ts's `consoleLine` and src/exports/luaCallbacks.ts's `publicMessage`. Both
 * give the same output on the same inputs.
 */
import { consoleLine } from '../../src/ground/consoleLine';
import { publicMessage } from '../../src/exports/luaCallbacks';
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

test('the Lua rule and the TypeScript rule give the same lines', async () => {
  const { server } = startShims([{ name: 'probe', before: ['@fxcallbacks/lua/import.lua'], server: '' }]);
  for (const input of INPUTS) {
    const [line, message] = server('probe').runAll(
      `return FxcallbacksHelpers.consoleLine(${luaLiteral(input)}), FxcallbacksHelpers.publicMessage(${luaLiteral(input)})`,
    );
    expect({ input, line: consoleLine(input), message: publicMessage(input) }).toEqual({ input, line, message });
  }
});

test('what the rule makes of them', () => {
  expect(consoleLine('two\nlines\r\nand a\ttab')).toBe('two lines and a tab');
  expect(consoleLine('^1red^7 and ^0reset')).toBe('red and reset');
  expect(consoleLine(long)).toBe(`${'x'.repeat(239)}...`);
  expect(Buffer.byteLength(consoleLine('ü'.repeat(130)))).toBeLessThanOrEqual(243);
  expect(publicMessage('^1SCRIPT ERROR: @shop/server.lua:12: no stock^7\nstack traceback:')).toBe('no stock');
  expect(publicMessage('@shop/server.lua:12: @shop/lib.lua:3: nested')).toBe('nested');
  expect(publicMessage('[string "return error(\'x\')"]:1: from a string chunk')).toBe('from a string chunk');
  expect(publicMessage('SCRIPT ERROR:    ')).toBe('the handler raised an error');
});
