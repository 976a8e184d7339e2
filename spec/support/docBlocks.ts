/**
 * The code blocks of README.md and docs/*.md with the marker that says how a test checks each (README, "Code
 * blocks in these docs"): the HTML comment on the last non-blank line before the block's opening fence.
 *
 *   <!-- doc-test: run ID -->                      run as written by the test that asks for ID
 *   <!-- doc-test: fragment ID: what is added -->  completed as the comment says, then run
 *   <!-- doc-test: checked ID: how -->             not executed (configuration, a path), but checked as it says
 *   <!-- doc-test: not run: why -->                shown for reading only (a shell session, a directory listing)
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

export type Marker = { kind: 'run' | 'fragment' | 'checked'; id: string; note?: string } | { kind: 'not run'; reason: string };

export interface DocBlock {
  /** Relative to the repository, e.g. `docs/lua-api.md`. */
  file: string;
  /** Line of the opening fence, from 1. */
  line: number;
  language: string;
  code: string;
  /** Undefined when the block has no marker, or a malformed one. */
  marker?: Marker;
  /** The marker line as written (also when malformed), or undefined. */
  markerText?: string;
}

/** The documents whose blocks are checked. */
export function documentedFiles(): string[] {
  const docs = fs.readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
}

const MARKER = /^<!-- doc-test: (?:(run|fragment|checked) ([\w.-]+)(?:: (.+?))?|not run: (.+?)) -->$/;

function parseMarker(text: string): Marker | undefined {
  const match = MARKER.exec(text);
  if (!match) return undefined;
  const [, kind, id, note, reason] = match;
  if (reason !== undefined) return { kind: 'not run', reason };
  // A fragment or a check must say what the test adds or checks.
  if (kind !== 'run' && note === undefined) return undefined;
  return note === undefined ? { kind: kind as 'run', id: id! } : { kind: kind as 'fragment' | 'checked', id: id!, note };
}

/** Every fenced block of one document, in order. */
export function blocksOf(file: string): DocBlock[] {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const close = lines.findIndex((line, j) => j > i && line.trimEnd() === '```');
    if (close < 0) throw new Error(`${file}:${i + 1}: a code block is never closed`);
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const markerText = before >= 0 && lines[before]!.startsWith('<!-- doc-test') ? lines[before]!.trim() : undefined;
    const marker = markerText === undefined ? undefined : parseMarker(markerText);
    blocks.push({
      file,
      line: i + 1,
      language: open[1]!,
      code: lines.slice(i + 1, close).join('\n') + '\n',
      ...(marker ? { marker } : {}),
      ...(markerText !== undefined ? { markerText } : {}),
    });
    i = close;
  }
  return blocks;
}

/** Every block of README.md and docs/. */
export function docBlocks(): DocBlock[] {
  return documentedFiles().flatMap(blocksOf);
}

/** The blocks marked `run ID`, `fragment ID` or `checked ID`, in document order; throws if there are none. */
export function blocksMarked(id: string): DocBlock[] {
  const found = docBlocks().filter((block) => block.marker && 'id' in block.marker && block.marker.id === id);
  if (found.length === 0) throw new Error(`no code block in README.md or docs/ is marked "${id}"`);
  return found;
}

/** The one block marked `id`. */
export function blockMarked(id: string): DocBlock {
  const [block, ...more] = blocksMarked(id);
  if (more.length > 0) throw new Error(`${more.length + 1} code blocks are marked "${id}"; expected one`);
  return block!;
}

/**
 * A Lua block's parts by side: each line `-- server...` or `-- client...` starts a part for that side (the
 * explicit completion of a block showing both sides at once). Lines before the first such line are refused.
 */
export function luaSides(block: DocBlock): { server: string; client: string } {
  const parts = { server: '', client: '' };
  let side: 'server' | 'client' | undefined;
  for (const line of block.code.split('\n')) {
    const header = /^-- (server|client)\b/.exec(line);
    if (header) side = header[1] as 'server' | 'client';
    else if (side === undefined && line.trim() !== '') throw new Error(`${block.file}:${block.line}: code before the first -- server / -- client line`);
    if (side) parts[side] += `${line}\n`;
  }
  return parts;
}
