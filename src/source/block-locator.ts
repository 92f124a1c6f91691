import type { FieldPath } from '../util/field-path.js';
import type { Range } from './types.js';

/**
 * Finds the range of a path in a document written in plain block style (`key: value` lines, `- ` items,
 * one-line scalars and flow collections, block scalars) by scanning its lines, without parsing it.
 * The ranges are the `yaml` parser's (locate.ts), end trimmed of white space: a scalar's text, a
 * collection from its first key or `-` to the end of its last line with content, a key's text. A path
 * that does not exist gives what locate.ts gives: the key of the deepest pair found, else the node.
 *
 * It returns `undefined` wherever the text on the way is anything else (anchors, aliases, multi-line
 * flow or plain scalars, quoted keys with escapes, comments where a collection ends...): the caller
 * then parses the document. It is only given texts the fast reader read (plain-reader.ts), so tags,
 * explicit keys, tabs, directives and duplicate keys never reach it. Tested against the parser on every
 * fixture, the benchmark corpus and random documents.
 */
export function scanPath(text: string, start: number, end: number, path: FieldPath, target: 'key' | 'value'): Range | undefined {
  return scanned(text, start, end, path, (scanner, { node, key, found }) => {
    if (!found) return key ?? scanner.rangeOf(node);
    return key && (target === 'key' || node.kind === 'null') ? key : scanner.rangeOf(node);
  });
}

/**
 * Each scan reads the document from its start, so a large one is left to its parsed tree, which answers
 * any number of lookups after one parse (a manifest is a few kilobytes; a generated one with thousands
 * of findings, e.g. one per entry of a 300 KB annotation, would be scanned once per finding).
 */
const MAX_SCANNED = 16 * 1024;

/** A scalar written on one line, plain or quoted, and its key when it is a mapping's value. */
export interface ScannedScalar {
  readonly value: Range;
  readonly style: ScalarStyle;
  readonly key?: Range & { readonly style: ScalarStyle };
}

type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';

/**
 * The scalar at a path, found as `scanPath` finds it: written on one line, plain or quoted, and not
 * empty. Undefined when the path leads elsewhere (a collection, a block scalar, a missing key) or the
 * text is not plain block style.
 */
export function scanScalar(text: string, start: number, end: number, path: FieldPath): ScannedScalar | undefined {
  if (path.length === 0) return undefined;
  return scanned(text, start, end, path, (_, { node, key, found }) => {
    if (!found || (node.kind !== 'leaf' && node.kind !== 'null') || node.start === node.end || '{[|>'.includes(text[node.start]!)) return undefined;
    return { value: { start: node.start, end: node.end }, style: styleAt(text, node.start), ...(key ? { key: { ...key, style: styleAt(text, key.start) } } : {}) };
  });
}

/** Where a path led: the node reached and the key of the last pair on the way; `found` when every step was. */
interface Walk {
  readonly node: BlockNode;
  readonly key: Range | undefined;
  readonly found: boolean;
}

/** Walks the path in a scanner of text[start, end) and hands `use` where it led; undefined where the text is not plain block style. */
function scanned<T>(text: string, start: number, end: number, path: FieldPath, use: (scanner: Scanner, walk: Walk) => T | undefined): T | undefined {
  if (end - start > MAX_SCANNED) return undefined;
  const scanner = new Scanner(text, start, end);
  try {
    let node = scanner.root();
    let key: Range | undefined;
    for (const segment of path) {
      const step = scanner.child(node, segment);
      if (step === undefined) return use(scanner, { node, key, found: false });
      node = step.node;
      key = step.key;
    }
    return use(scanner, { node, key, found: true });
  } catch (error) {
    if (error === UNSURE) return undefined;
    throw error;
  }
}

function styleAt(text: string, at: number): ScalarStyle {
  return text[at] === '"' ? 'QUOTE_DOUBLE' : text[at] === "'" ? 'QUOTE_SINGLE' : 'PLAIN';
}

/** Thrown where the text is not plain block style (one object, made once: throwing it costs no stack trace). */
const UNSURE = new Error('not plain block style');

function unsure(): never {
  throw UNSURE;
}

type BlockNode =
  /** A block mapping: its first key at `start`, its keys at column `indent`. */
  | { readonly kind: 'map'; readonly start: number; readonly indent: number }
  /** A block sequence: its first `-` at `start`, in column `indent`. */
  | { readonly kind: 'seq'; readonly start: number; readonly indent: number }
  /** A scalar, a flow collection on one line, or a block scalar. */
  | { readonly kind: 'leaf'; readonly start: number; readonly end: number }
  /** An empty value, `~` or `null`. */
  | { readonly kind: 'null'; readonly start: number; readonly end: number };

interface Step {
  readonly node: BlockNode;
  readonly key?: Range;
}

const NULL = /^(?:~|[Nn]ull|NULL)$/;

class Scanner {
  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
  ) {}

  /** The document's root: a block mapping or sequence. */
  root(): BlockNode {
    let line = this.start;
    if (this.text.startsWith('---', line)) {
      const rest = this.skipSpaces(line + 3);
      if (!this.atLineEnd(rest) && this.text[rest] !== '#') unsure();
      line = this.nextLine(line);
    }
    const first = this.contentLine(line);
    if (first === undefined) unsure();
    const at = this.skipSpaces(first);
    return this.collectionAt(at) ?? unsure();
  }

  /** The child of a node at a path segment, with its key's range in a mapping; undefined when it has none. */
  child(node: BlockNode, segment: string | number): Step | undefined {
    if (node.kind === 'map') return this.mapChild(node, String(segment));
    if (node.kind === 'seq') return typeof segment === 'number' ? this.seqItem(node, segment) : undefined;
    if (node.kind === 'leaf' && (this.text[node.start] === '{' || this.text[node.start] === '[') && node.end - node.start > 2) unsure();
    return undefined;
  }

  /** The node's range, end trimmed of white space. */
  rangeOf(node: BlockNode): Range {
    if (node.kind === 'leaf' || node.kind === 'null') return { start: node.start, end: node.end };
    return { start: node.start, end: this.collectionEnd(node) };
  }

  private mapChild(map: BlockNode & { kind: 'map' }, name: string): Step | undefined {
    // The first key may follow a `- ` on its line; the others start their lines.
    for (let at: number | undefined = map.start; at !== undefined; at = this.nextSibling(at, map.indent, false)) {
      const key = this.keyAt(at);
      if (key === undefined) unsure();
      if (key.name === name) return { node: this.valueAfter(key.colon, map.indent), key: { start: at, end: key.end } };
    }
    return undefined;
  }

  private seqItem(seq: BlockNode & { kind: 'seq' }, index: number): Step | undefined {
    let at: number | undefined = seq.start;
    for (let i = 0; i < index && at !== undefined; i++) at = this.nextSibling(at, seq.indent, true);
    return at === undefined ? undefined : { node: this.itemValue(at, seq.indent) };
  }

  /**
   * The start of the next entry of a collection whose entries are in column `indent` (`-` items when
   * `dashes`), past the lines of the entry at `at`; undefined when the collection ends first.
   */
  private nextSibling(at: number, indent: number, dashes: boolean): number | undefined {
    for (let line = this.contentLine(this.nextLine(at)); line !== undefined; line = this.contentLine(this.nextLine(line))) {
      const content = this.skipSpaces(line);
      const column = content - line;
      if (column > indent) continue;
      if (column < indent) return undefined;
      const dash = this.isDash(content);
      if (dashes) return dash ? content : undefined;
      if (!dash) return content; // (a `-` in the keys' column is an item of the previous key's sequence)
    }
    return undefined;
  }

  /** The value after a key's `:`; `indent` is the mapping's column, where a sequence may also start. */
  private valueAfter(colon: number, indent: number): BlockNode {
    const at = this.skipSpaces(colon + 1);
    if (this.atLineEnd(at) || this.text[at] === '#') return this.blockValue(at, indent, true);
    return this.inlineValue(at, indent);
  }

  /** The value of the item whose `-` is at `dash`, in column `indent`. */
  private itemValue(dash: number, indent: number): BlockNode {
    const at = this.skipSpaces(dash + 1);
    if (this.atLineEnd(at) || this.text[at] === '#') return this.blockValue(at, indent, false);
    if (this.isDash(at)) unsure(); // `- - a`
    return this.collectionAt(at) ?? this.inlineValue(at, indent);
  }

  /** A mapping whose first key is at `at`, or a sequence whose first `-` is; undefined for anything else. */
  private collectionAt(at: number): (BlockNode & { kind: 'map' | 'seq' }) | undefined {
    const column = at - this.lineStart(at);
    if (this.isDash(at)) return { kind: 'seq', start: at, indent: column };
    return this.keyAt(at) ? { kind: 'map', start: at, indent: column } : undefined;
  }

  /** The value that starts on the lines after `at` (the rest of the line being empty or a comment). */
  private blockValue(at: number, indent: number, sequenceInColumn: boolean): BlockNode {
    const line = this.contentLine(this.nextLine(at));
    if (line !== undefined) {
      const content = this.skipSpaces(line);
      const column = content - line;
      if (column > indent || (column === indent && sequenceInColumn && this.isDash(content))) {
        const node = this.collectionAt(content);
        if (node === undefined) unsure(); // a plain scalar over several lines
        return node;
      }
    }
    return { kind: 'null', start: at, end: at };
  }

  /** A value that starts on its key's or `-`'s line, at `at`, in a collection in column `indent`. */
  private inlineValue(at: number, indent: number): BlockNode {
    const first = this.text[at]!;
    if (first === '"' || first === "'") return { kind: 'leaf', start: at, end: this.oneLineEnd(this.quotedEnd(at)) };
    if (first === '{' || first === '[') return { kind: 'leaf', start: at, end: this.oneLineEnd(this.flowEnd(at)) };
    if (first === '|' || first === '>') return { kind: 'leaf', start: at, end: this.blockScalarEnd(at, indent) };
    if ('&*!%@`,]}?-:'.includes(first)) unsure();
    const end = this.plainEnd(at);
    // A plain scalar continues on lines indented past its collection.
    const next = this.contentLine(this.nextLine(at), true);
    if (next !== undefined && this.skipSpaces(next) - next > indent) unsure();
    return { kind: NULL.test(this.text.slice(at, end)) ? 'null' : 'leaf', start: at, end };
  }

  /** A key at `at` (plain, or quoted without escapes) followed by `:` and a space or the line's end. */
  private keyAt(at: number): { name: string; end: number; colon: number } | undefined {
    const first = this.text[at];
    if (first === '"' || first === "'") {
      const close = this.text.indexOf(first, at + 1);
      const line = this.lineEndOf(at);
      if (close < 0 || close >= line) return undefined;
      const name = this.text.slice(at + 1, close);
      if ((first === '"' && name.includes('\\')) || (first === "'" && this.text[close + 1] === "'")) unsure();
      const colon = this.skipSpaces(close + 1);
      return this.isKeyColon(colon) ? { name, end: close + 1, colon } : undefined;
    }
    if (first === undefined || '-?:,[]{}#&*!|>%@`'.includes(first)) return undefined;
    if (this.text.startsWith('<<', at)) unsure(); // a merge key
    const line = this.lineEndOf(at);
    for (let i = at; i < line; i++) {
      const char = this.text[i];
      if (char === '#' && this.text[i - 1] === ' ') return undefined;
      if (char === ':' && this.isKeyColon(i)) {
        let end = i;
        while (this.text[end - 1] === ' ') end--;
        return { name: this.text.slice(at, end), end, colon: i };
      }
    }
    return undefined;
  }

  private isKeyColon(at: number): boolean {
    return this.text[at] === ':' && (this.atLineEnd(at + 1) || this.text[at + 1] === ' ');
  }

  /** The end of a plain scalar on one line: before a comment, trimmed. */
  private plainEnd(at: number): number {
    const line = this.lineEndOf(at);
    let end = line;
    for (let i = at + 1; i < line; i++) {
      if (this.text[i] === '#' && this.text[i - 1] === ' ') {
        end = i;
        break;
      }
    }
    while (end > at && this.text[end - 1] === ' ') end--;
    return end;
  }

  /** Past the closing quote of a quoted scalar at `at`; unsure when it does not close on its line. */
  private quotedEnd(at: number): number {
    const quote = this.text[at]!;
    const line = this.lineEndOf(at);
    for (let i = at + 1; i < line; i++) {
      const char = this.text[i];
      if (quote === '"' && char === '\\') i++;
      else if (char === quote) {
        if (quote === "'" && this.text[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return unsure();
  }

  /** Past the bracket that closes a flow collection at `at`, on its line; unsure when it runs on. */
  private flowEnd(at: number): number {
    const line = this.lineEndOf(at);
    let depth = 0;
    for (let i = at; i < line; i++) {
      const char = this.text[i]!;
      if (char === '"' || char === "'") i = this.quotedEnd(i) - 1;
      else if (char === '#' && this.text[i - 1] === ' ') unsure();
      else if (char === '{' || char === '[') depth++;
      else if ((char === '}' || char === ']') && --depth === 0) return i + 1;
    }
    return unsure();
  }

  /** Whether nothing but white space or a comment follows `end` on its line. */
  private oneLineEnd(end: number): number {
    const after = this.skipSpaces(end);
    if (!this.atLineEnd(after) && !(this.text[after] === '#' && after > end)) unsure();
    return end;
  }

  /** The end of a block scalar's last line of content (its header when it has none). */
  private blockScalarEnd(header: number, indent: number): number {
    let end = this.plainEnd(header);
    if (this.text.slice(end, this.lineEndOf(header)).trim() !== '') unsure(); // a comment after the header
    let contentColumn: number | undefined;
    for (let line = this.nextLine(header); line < this.end; line = this.nextLine(line)) {
      const content = this.skipSpaces(line);
      if (this.atLineEnd(content)) continue;
      const column = content - line;
      contentColumn ??= column;
      if (column < contentColumn || column <= indent) break;
      end = this.trimmedLineEnd(line);
    }
    return end;
  }

  /**
   * The end of a collection's last line with content, comment included. Comment lines after it that
   * are less indented than the collection are not its own; the parser gives others to the deepest
   * collection they are indented into, which may end this one's range after them (and a line starting
   * with `#` there may be the content of a block scalar): unsure.
   */
  private collectionEnd(node: BlockNode & { kind: 'map' | 'seq' }): number {
    let last = this.lineStart(node.start);
    let commentAfter = false;
    for (let line = this.nextLine(node.start); line < this.end; line = this.nextLine(line)) {
      const content = this.skipSpaces(line);
      if (this.atLineEnd(content)) continue;
      const column = content - line;
      if (this.text[content] === '#') {
        commentAfter ||= column >= node.indent;
        continue;
      }
      // A mapping's column also holds the `-` items of its keys' sequences.
      if (column < node.indent || (column === node.indent && node.kind === 'seq' && !this.isDash(content))) break;
      last = line;
      commentAfter = false;
    }
    if (commentAfter) unsure();
    return this.trimmedLineEnd(last);
  }

  /**
   * The first line at or after `line` with content, comment lines skipped; undefined at the document's
   * end, or at a comment line when `stopAtComment`.
   */
  private contentLine(line: number, stopAtComment = false): number | undefined {
    for (let at = line; at < this.end; at = this.nextLine(at)) {
      const content = this.skipSpaces(at);
      if (this.atLineEnd(content)) continue;
      if (this.text[content] !== '#') return at;
      if (stopAtComment) return undefined;
    }
    return undefined;
  }

  private isDash(at: number): boolean {
    return this.text[at] === '-' && (this.atLineEnd(at + 1) || this.text[at + 1] === ' ');
  }

  private skipSpaces(at: number): number {
    let i = at;
    while (this.text.charCodeAt(i) === 0x20) i++;
    return i;
  }

  private atLineEnd(at: number): boolean {
    return at >= this.end || this.text[at] === '\n' || (this.text[at] === '\r' && this.text[at + 1] === '\n');
  }

  private lineStart(at: number): number {
    return this.text.lastIndexOf('\n', at - 1) + 1;
  }

  /** Where the line holding `at` ends, before its `\r\n` or `\n`. */
  private lineEndOf(at: number): number {
    let end = this.text.indexOf('\n', at);
    if (end < 0 || end > this.end) end = this.end;
    return this.text[end - 1] === '\r' ? end - 1 : end;
  }

  private trimmedLineEnd(line: number): number {
    let end = this.lineEndOf(line);
    while (end > line && this.text.charCodeAt(end - 1) === 0x20) end--;
    return end;
  }

  private nextLine(at: number): number {
    const newline = this.text.indexOf('\n', at);
    return newline < 0 || newline >= this.end ? this.end : newline + 1;
  }
}
