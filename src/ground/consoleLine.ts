/** Longest console line made of text from elsewhere, in UTF-8 bytes (lua/helpers.lua's `MAX_LINE`). */
const MAX_LINE = 240;

/**
 * Control characters: ASCII's and C1's (line breaks, escape sequences) and Unicode's line and paragraph separators;
 * lua/helpers.lua matches the same bytes.
 */
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/g;

/**
 * Text someone else wrote (a client's error, a name it sent, a handler's message), made fit for one server console
 * line: colour codes (`^1`) out, every control character a space, spaces collapsed, at most MAX_LINE UTF-8 bytes
 * without cutting a character. So a client cannot forge console lines, colour them, or fill the console with one.
 * The rule of `fx.consoleLine` in lua/helpers.lua: both give the same output (spec/lua/sanitise.spec.ts).
 */
export function consoleLine(text: string): string {
  const line = text.replace(/\^\d/g, '').replace(CONTROL, ' ').replace(/ +/g, ' ').replace(/^ +| +$/g, '');
  // Measured in UTF-8 bytes, as Lua counts (TextEncoder is not in every FiveM runtime).
  let bytes = 0;
  let end = 0;
  for (const char of line) {
    const code = char.codePointAt(0)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > MAX_LINE) return `${line.slice(0, end)}...`;
    bytes += size;
    end += char.length;
  }
  return line;
}
