/**
 * CfxLua's syntax on stock Lua 5.4: a source-to-source translation run before wasmoon compiles a chunk (the
 * resource's scripts and every `load` they call), so real FiveM resources run unchanged.
 *
 * FiveM builds its Lua 5.4 (citizenfx/lua, `code/vendor/lua.lua` in citizenfx/fivem) with these power patches,
 * each read from `llex.c`/`lparser.c` there:
 * - `GRIT_POWER_COMPOUND`: `a op= e` for `+ - * / << >> & |` and `^=`, which is bitwise XOR (the lexer's
 *   `TK_BXOREQ`, `getbinopr` → `OPR_BXOR`). One target only ("compound assignment not allowed on tuples"); the
 *   right side is one whole expression (`x *= 2 + 3` is `x = x * (2 + 3)`); an indexed target's table and key
 *   are evaluated once, then read, then the right side.
 * - `GRIT_POWER_SAFENAV`: `a?.b` and `a?[k]` index `a` only if it is truthy, else give `a` itself (nil or false);
 *   one step: `a?.b.c` still fails on a nil `a.b`. It is not an assignable target.
 * - `GRIT_POWER_JOAAT`: `` `name` `` is a compile-time integer, Jenkins' one-at-a-time hash of the lowercased
 *   bytes, sign-extended from 32 bits (`luaO_HashString` in `lglm.cpp`); usable where a string literal is,
 *   including as a call argument (`` f`x` ``).
 * - `GRIT_POWER_INTABLE`: `local a, b in t` and `a, t.b in t` read fields named like the targets from `t`,
 *   which is evaluated once, before the new locals exist.
 * - `GRIT_POWER_TABINIT`: in a table constructor `.name = v` is `name = v`, and `.name` or `[k]` alone set `true`.
 * - `GRIT_POWER_CCOMMENT`: `/* ... *\/` comments (checked after `//` and `/=`).
 *
 * The translation only inserts text on the same line, so error messages keep their line numbers. Safe navigation
 * becomes a call of the prelude's `__cfx_safenav(v, k)`; its key is evaluated even when `v` is nil (CfxLua skips
 * it). Input the translator does not understand is left as it is, for Lua's compiler to reject.
 */

type Kind = 'space' | 'comment' | 'name' | 'keyword' | 'number' | 'string' | 'hash' | 'op';

interface Token {
  readonly kind: Kind;
  /** The source text (never changed: the parser reads it). */
  readonly src: string;
  /** What is written in its place. */
  text: string;
  /** Written before the token (outer wrappers are prepended). */
  before: string;
  /** Written after the token (outer closers are appended). */
  after: string;
}

const KEYWORDS = new Set([
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if', 'in', 'local', 'nil', 'not', 'or',
  'repeat', 'return', 'then', 'true', 'until', 'while',
]);

/** Operators, longest first, as CfxLua's lexer reads them. */
const OPERATORS = ['...', '<<=', '>>=', '..', '==', '~=', '<=', '>=', '<<', '>>', '//', '::', '+=', '-=', '*=', '/=', '&=', '|=', '^='];

/** A compound operator and the binary operator it applies. */
const COMPOUND = new Map([['+=', '+'], ['-=', '-'], ['*=', '*'], ['/=', '/'], ['<<=', '<<'], ['>>=', '>>'], ['&=', '&'], ['|=', '|'], ['^=', '~']]);

const BINARY = new Set(['+', '-', '*', '/', '//', '%', '^', '..', '==', '~=', '<', '<=', '>', '>=', 'and', 'or', '&', '|', '~', '<<', '>>']);
const UNARY = new Set(['not', '-', '#', '~']);

/** Jenkins' one-at-a-time hash as CfxLua's backtick literals compute it: lowercased, signed 32-bit. */
export function joaat(text: string): number {
  let hash = 0;
  for (const byte of Buffer.from(text, 'latin1')) {
    // `char` is signed on FiveM's compilers: a byte above 0x7f is added sign-extended; tolower leaves it.
    const c = byte >= 0x41 && byte <= 0x5a ? byte + 32 : byte >= 0x80 ? byte - 256 : byte;
    hash = (hash + c) >>> 0;
    hash = (hash + (hash << 10)) >>> 0;
    hash = (hash ^ (hash >>> 6)) >>> 0;
  }
  hash = (hash + (hash << 3)) >>> 0;
  hash = (hash ^ (hash >>> 11)) >>> 0;
  hash = (hash + (hash << 15)) >>> 0;
  return hash | 0;
}

/**
 * Translates CfxLua source to stock Lua 5.4 with the same line numbers. `source` is read as one character per
 * byte or as decoded text alike: only ASCII is ever inspected.
 */
export function translateCfxLua(source: string): string {
  if (source.startsWith('\x1bLua')) return source; // a binary chunk
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch {
    return source; // unterminated literals and the like: Lua's compiler says what is wrong
  }
  if (!tokens.some(needsWork)) return source;
  try {
    new Translation(tokens).run();
  } catch {
    return source;
  }
  return tokens.map((t) => t.before + t.text + t.after).join('');
}

function needsWork(token: Token): boolean {
  if (token.kind === 'hash') return true;
  if (token.kind === 'comment') return token.src.startsWith('/*');
  if (token.kind === 'op') return COMPOUND.has(token.src) || token.src === '?' || token.src === '.';
  return token.kind === 'keyword' && token.src === 'in';
}

// ---- lexer -------------------------------------------------------------------------------------------------------

/** Source the translator cannot read: left as it is, for Lua's compiler to reject. */
class Untranslatable extends Error {}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const push = (kind: Kind, text: string) => tokens.push({ kind, src: text, text, before: '', after: '' });
  let i = 0;
  const n = src.length;
  if (src.startsWith('#')) {
    // the first line of a chunk may be a shebang, which Lua skips
    const end = src.indexOf('\n');
    i = end < 0 ? n : end;
    push('comment', src.slice(0, i));
  }
  while (i < n) {
    const c = src[i]!;
    const start = i;
    if (/\s/.test(c)) {
      while (i < n && /\s/.test(src[i]!)) i++;
      push('space', src.slice(start, i));
    } else if (c === '-' && src[i + 1] === '-' ) {
      const level = longBracket(src, i + 2);
      i = level >= 0 ? closeLongBracket(src, i + 2, level) : lineEnd(src, i);
      push('comment', src.slice(start, i));
    } else if (c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      if (close < 0) throw new Untranslatable();
      i = close + 2;
      const text = src.slice(start, i);
      tokens.push({ kind: 'comment', src: text, text: text.replace(/[^\r\n]/g, ' '), before: '', after: '' });
    } else if (c === '[' && longBracket(src, i) >= 0) {
      i = closeLongBracket(src, i, longBracket(src, i));
      push('string', src.slice(start, i));
    } else if (c === '"' || c === "'" || c === '`') {
      i = quotedEnd(src, i);
      push(c === '`' ? 'hash' : 'string', src.slice(start, i));
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      i = numberEnd(src, i);
      push('number', src.slice(start, i));
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < n && /[A-Za-z0-9_]/.test(src[i]!)) i++;
      const word = src.slice(start, i);
      push(KEYWORDS.has(word) ? 'keyword' : 'name', word);
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i)) ?? c;
      i += op.length;
      push('op', op);
    }
  }
  return tokens;
}

function lineEnd(src: string, i: number): number {
  while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
  return i;
}

/** The level of a long bracket opening at `i` (`[[` is 0, `[=[` is 1), or -1. */
function longBracket(src: string, i: number): number {
  if (src[i] !== '[') return -1;
  let j = i + 1;
  while (src[j] === '=') j++;
  return src[j] === '[' ? j - i - 1 : -1;
}

function closeLongBracket(src: string, i: number, level: number): number {
  const close = `]${'='.repeat(level)}]`;
  const end = src.indexOf(close, i + level + 2);
  if (end < 0) throw new Untranslatable();
  return end + close.length;
}

function quotedEnd(src: string, i: number): number {
  const quote = src[i];
  let j = i + 1;
  while (j < src.length && src[j] !== quote) {
    if (src[j] === '\\') j++;
    else if (src[j] === '\n' || src[j] === '\r') throw new Untranslatable();
    j++;
  }
  if (j >= src.length) throw new Untranslatable();
  return j + 1;
}

function numberEnd(src: string, i: number): number {
  const hex = src[i] === '0' && (src[i + 1] === 'x' || src[i + 1] === 'X');
  const exponent = hex ? /[pP]/ : /[eE]/;
  let j = hex ? i + 2 : i;
  while (j < src.length) {
    if (exponent.test(src[j]!) && /[+-]/.test(src[j + 1] ?? '')) j += 2;
    else if (/[A-Za-z0-9_.]/.test(src[j]!)) j++;
    else break;
  }
  return j;
}

/** The bytes of a backtick literal, escapes read as in a Lua string. */
function hashText(literal: string): string {
  const body = literal.slice(1, -1);
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'", '`': '`' };
  return body.replace(/\\(x[0-9a-fA-F]{2}|\d{1,3}|.)/gs, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^\d/.test(e)) return String.fromCharCode(Number(e) & 0xff);
    return simple[e] ?? e;
  });
}

// ---- translation -------------------------------------------------------------------------------------------------

/** One pass per construct over the significant tokens; each only adds text to tokens it owns. */
class Translation {
  /** Indices (into tokens) of the tokens that are not spaces or comments. */
  private readonly sig: number[];
  /** For each bracket (by sig position), the sig position of its partner. */
  private readonly partner = new Map<number, number>();

  constructor(private readonly tokens: Token[]) {
    this.sig = tokens.flatMap((t, i) => (t.kind === 'space' || t.kind === 'comment' ? [] : [i]));
    const stack: number[] = [];
    const pairs = new Map([[')', '('], [']', '['], ['}', '{']]);
    this.sig.forEach((_, p) => {
      const s = this.src(p);
      if (s === '(' || s === '[' || s === '{') stack.push(p);
      else if (this.tok(p).kind === 'op' && pairs.has(s)) {
        const open = stack.pop();
        if (open === undefined || this.src(open) !== pairs.get(s)) throw new Untranslatable();
        this.partner.set(open, p);
        this.partner.set(p, open);
      }
    });
  }

  run(): void {
    for (let p = 0; p < this.sig.length; p++) if (this.tok(p).kind === 'hash') this.hash(p);
    for (let p = 0; p < this.sig.length; p++) if (this.src(p) === '{') this.attempt(() => this.constructorFields(p));
    for (let p = 0; p < this.sig.length; p++) if (this.isOp(p, '?')) this.attempt(() => this.safeNavigation(p));
    for (let p = 0; p < this.sig.length; p++) if (this.tok(p).kind === 'keyword' && this.src(p) === 'in') this.attempt(() => this.unpackIn(p));
    for (let p = 0; p < this.sig.length; p++) if (this.tok(p).kind === 'op' && COMPOUND.has(this.src(p))) this.attempt(() => this.compound(p));
  }

  /** One construct: one the grammar walk cannot read is left as written (each reads all it needs first). */
  private attempt(construct: () => void): void {
    try {
      construct();
    } catch (error) {
      if (!(error instanceof Untranslatable)) throw error;
    }
  }

  private tok(p: number): Token {
    const index = this.sig[p];
    return index === undefined ? { kind: 'space', src: '', text: '', before: '', after: '' } : this.tokens[index]!;
  }

  private src(p: number): string {
    return this.tok(p).src;
  }

  private isOp(p: number, op: string): boolean {
    const t = this.tok(p);
    return t.kind === 'op' && t.src === op;
  }

  private isName(p: number): boolean {
    return this.tok(p).kind === 'name';
  }

  private match(p: number): number {
    const other = this.partner.get(p);
    if (other === undefined) throw new Untranslatable();
    return other;
  }

  /** Can the token at `p` end a prefix expression (so a following `(`, `{` or string is a call)? */
  private endsPrefix(p: number): boolean {
    const t = this.tok(p);
    return t.kind === 'name' || t.kind === 'string' || t.kind === 'hash' || (t.kind === 'op' && (t.src === ')' || t.src === ']' || t.src === '}'));
  }

  // ---- walking the grammar ---------------------------------------------------------------------------------------

  /** The start of the suffixed expression (`a.b[c](d):e"f"`) that ends at `p`, or -1. */
  private prefixStart(p: number): number {
    for (;;) {
      const t = this.tok(p);
      let start: number;
      if (t.kind === 'name') {
        start = p;
        const before = p - 1;
        if (this.isOp(before, '.') || this.isOp(before, ':')) {
          p = this.isOp(before - 1, '?') ? before - 2 : before - 1;
          continue;
        }
        return start;
      }
      if (this.isOp(p, ')')) {
        const open = this.match(p);
        if (this.endsPrefix(open - 1)) {
          p = open - 1; // call arguments
          continue;
        }
        return open; // a parenthesised expression
      }
      if (this.isOp(p, ']')) {
        const open = this.match(p);
        p = this.isOp(open - 1, '?') ? open - 2 : open - 1;
        continue;
      }
      if ((this.isOp(p, '}') || t.kind === 'string' || t.kind === 'hash') && this.endsPrefix(this.isOp(p, '}') ? this.match(p) - 1 : p - 1)) {
        p = (this.isOp(p, '}') ? this.match(p) : p) - 1; // table or string call argument
        continue;
      }
      return -1;
    }
  }

  /** The position after the expression starting at `p`. */
  private expressionEnd(p: number): number {
    for (;;) {
      while (UNARY.has(this.src(p)) && this.tok(p).kind !== 'string') p++;
      p = this.simpleEnd(p);
      const t = this.tok(p);
      if ((t.kind === 'op' || t.kind === 'keyword') && BINARY.has(t.src)) {
        p++;
        continue;
      }
      return p;
    }
  }

  private simpleEnd(p: number): number {
    const t = this.tok(p);
    if (t.kind === 'number' || t.kind === 'string' || t.kind === 'hash') return p + 1;
    if (t.kind === 'keyword') {
      if (t.src === 'nil' || t.src === 'true' || t.src === 'false') return p + 1;
      if (t.src === 'function') return this.blockEnd(p) + 1;
      throw new Untranslatable();
    }
    if (this.isOp(p, '...')) return p + 1;
    if (this.isOp(p, '{')) return this.match(p) + 1;
    return this.suffixedEnd(p);
  }

  /** The position after the suffixed expression starting at `p`. */
  private suffixedEnd(p: number): number {
    if (this.isName(p)) p++;
    else if (this.isOp(p, '(')) p = this.match(p) + 1;
    else throw new Untranslatable();
    for (;;) {
      const t = this.tok(p);
      if (this.isOp(p, '?')) p++;
      else if (this.isOp(p, '.')) p += 2;
      else if (this.isOp(p, ':')) p += 2;
      else if (this.isOp(p, '[') || this.isOp(p, '(') || this.isOp(p, '{')) p = this.match(p) + 1;
      else if (t.kind === 'string' || t.kind === 'hash') p++;
      else return p;
    }
  }

  /** The `end` closing the `function` at `p`. */
  private blockEnd(p: number): number {
    let depth = 0;
    for (let q = p; q < this.sig.length; q++) {
      const t = this.tok(q);
      if (t.kind !== 'keyword') continue;
      if (t.src === 'function' || t.src === 'if' || t.src === 'do' || t.src === 'repeat') depth++;
      else if (t.src === 'end' || t.src === 'until') depth--;
      if (depth === 0) return q;
    }
    throw new Untranslatable();
  }

  // ---- the constructs ----------------------------------------------------------------------------------------------

  private hash(p: number): void {
    const t = this.tok(p);
    t.text = `(${joaat(hashText(t.src))})`;
  }

  /** `{ .a = 1, .b, [k] }` → `{ a = 1, b = true, [k] = true }`. */
  private constructorFields(open: number): void {
    const close = this.match(open);
    const edits: Array<() => void> = [];
    let fieldStart = true;
    for (let p = open + 1; p < close; p++) {
      if (fieldStart) {
        const field = p;
        if (this.isOp(field, '.') && this.isName(field + 1)) {
          edits.push(() => (this.tok(field).text = ''));
          if (!this.isOp(field + 2, '=')) edits.push(() => (this.tok(field + 1).after += ' = true'));
        } else if (this.isOp(field, '[')) {
          const end = this.match(field);
          if (!this.isOp(end + 1, '=')) edits.push(() => (this.tok(end).after += ' = true'));
        }
      }
      fieldStart = this.isOp(p, ',') || this.isOp(p, ';');
      if (this.isOp(p, '(') || this.isOp(p, '[') || this.isOp(p, '{')) p = this.match(p);
      else if (this.tok(p).kind === 'keyword' && this.src(p) === 'function') p = this.blockEnd(p);
    }
    for (const edit of edits) edit();
  }

  /** `a?.b` → `__cfx_safenav(a,"b")`; `a?[k]` → `__cfx_safenav(a,(k))`. */
  private safeNavigation(q: number): void {
    const start = this.prefixStart(q - 1);
    if (start < 0) return;
    if (this.isOp(q + 1, '.') && this.isName(q + 2)) {
      this.tok(q).text = ',';
      this.tok(q + 1).text = '';
      this.tok(q + 2).text = `"${this.src(q + 2)}")`;
    } else if (this.isOp(q + 1, '[')) {
      const close = this.match(q + 1);
      this.tok(q).text = ',';
      this.tok(q + 1).text = '(';
      this.tok(close).text = '))';
    } else {
      return;
    }
    const first = this.tok(start);
    first.before = `__cfx_safenav(${first.before}`;
  }

  /**
   * `local a, b in t` → `local a, b = (function(t) return t.a, t.b end)(t)`, and the same for assignments to
   * names and fields (`a, x.b in t`). A `for ... in` is left alone.
   */
  private unpackIn(p: number): void {
    const keys: string[] = [];
    let q = p - 1;
    for (;;) {
      if (!this.isName(q)) return;
      keys.unshift(this.src(q));
      const start = this.prefixStart(q);
      if (start < 0) return;
      if (start !== q && !this.isOp(q - 1, '.')) return; // only names and `.name` fields have a key
      q = start - 1;
      if (!this.isOp(q, ',')) break;
      q--;
    }
    if (this.tok(q).kind === 'keyword' && this.src(q) === 'for') return;
    const sourceStart = p + 1;
    const sourceEnd = this.suffixedEnd(sourceStart) - 1;
    const fields = keys.map((k) => `__cfx_in.${k}`).join(', ');
    this.tok(p).text = `= (function(__cfx_in) return ${fields} end)(`;
    this.tok(sourceEnd).after += ')';
  }

  /**
   * `x op= e` → `x = x op (e)`; `P.k op= e` / `P[k] op= e` →
   * `do local __cfx_t, __cfx_k = P, (k); __cfx_t[__cfx_k] = __cfx_t[__cfx_k] op (e) end`.
   */
  private compound(p: number): void {
    const op = COMPOUND.get(this.src(p))!;
    const last = p - 1;
    const start = this.prefixStart(last);
    if (start < 0) return;
    const before = this.tok(start - 1);
    if ((before.kind === 'keyword' && before.src === 'local') || (before.kind === 'op' && (before.src === ',' || before.src === '.' || before.src === ':'))) return;
    const rhsEnd = this.expressionEnd(p + 1) - 1;
    if (start === last) {
      this.tok(p).text = `= ${this.src(last)} ${op} (`;
      this.tok(rhsEnd).after += ')';
      return;
    }
    let keyOpen: number;
    let keyText: string;
    if (this.isName(last) && this.isOp(last - 1, '.')) {
      keyOpen = last - 1;
      keyText = `"${this.src(last)}"`;
    } else if (this.isOp(last, ']')) {
      keyOpen = this.match(last);
      keyText = '';
    } else {
      return; // a call is not assignable: left for Lua to reject
    }
    if (this.isOp(keyOpen - 1, '?')) return; // `a?.b += 1`: not assignable in CfxLua either
    if (keyText) {
      this.tok(keyOpen).text = ', ';
      this.tok(last).text = `${keyText}; `;
    } else {
      this.tok(keyOpen).text = ', (';
      this.tok(last).text = '); ';
    }
    const keyClose = last;
    const first = this.tok(start);
    first.before = `do local __cfx_t, __cfx_k = ${first.before}`;
    this.tok(keyClose).after = `__cfx_t[__cfx_k]${this.tok(keyClose).after}`;
    this.tok(p).text = `= __cfx_t[__cfx_k] ${op} (`;
    this.tok(rhsEnd).after += ') end';
  }
}
