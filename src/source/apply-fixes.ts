/**
 * Applies fixes (operations on paths, as rules describe them) to a file's text. Each operation becomes
 * a small text edit found with the parsed document's node ranges: a scalar is replaced in place (in
 * its own quoting style), a key is renamed in place, a new key is added as new lines at the
 * indentation of its map (or inside `{ }` for a flow map), a deleted key takes its own lines with it.
 * Everything else in the file (comments, blank lines, key order, quoting, flow and block styles,
 * CRLF line ends) is kept byte for byte.
 *
 * Every result is checked: the new text is parsed again, and each document must decode to exactly
 * what the operations make of the old one, with no new parse problem. A fix that fails the check, or
 * that meets a shape this editor does not handle (an alias on the path, a block scalar to replace, a
 * key found only through a `<<` merge), is not applied: its finding stays.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Parser, Scalar, stringify, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { DiagnosticFix, FieldPath, FixOperation, FixValue } from '../api/types.js';
import { parseSource } from './parse.js';
import type { SourceFile } from './types.js';

/** Replace `start`..`end` (offsets into the file text, end exclusive) with `text`; `start === end` inserts. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A fix with its text edits, ready to apply. */
export interface PlannedFix {
  readonly fix: DiagnosticFix;
  readonly edits: readonly TextEdit[];
}

class Unsupported extends Error {}

/** The comments of a file, found once (with the parser's token offsets, so `#` inside a string is no comment). */
class CommentIndex {
  private comments: { offset: number; source: string }[] | undefined;

  constructor(private readonly text: string) {}

  /** The comments (`# ...`) that start between two offsets, in order. */
  between(start: number, end: number): string[] {
    if (!this.comments) {
      const found: { offset: number; source: string }[] = [];
      const visit = (token: unknown): void => {
        if (Array.isArray(token)) token.forEach(visit);
        else if (typeof token === 'object' && token !== null) {
          const t = token as { type?: unknown; offset?: unknown; source?: unknown };
          if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') found.push({ offset: t.offset, source: t.source });
          else for (const value of Object.values(token)) if (typeof value === 'object') visit(value);
        }
      };
      for (const token of new Parser().parse(this.text)) visit(token);
      this.comments = found.sort((a, b) => a.offset - b.offset);
    }
    return this.comments.filter((c) => c.offset >= start && c.offset < end).map((c) => c.source.replace(/\r$/, ''));
  }
}

const commentCache = new WeakMap<SourceFile, CommentIndex>();

/**
 * The text edits of one fix against the file's current text, in file order; undefined when the
 * document is not in the file or has a shape this editor does not handle.
 */
export function planFix(file: SourceFile, fix: DiagnosticFix): TextEdit[] | undefined {
  const document = file.documents.find((d) => d.index === fix.document);
  if (!document) return undefined;
  try {
    let comments = commentCache.get(file);
    if (!comments) commentCache.set(file, (comments = new CommentIndex(file.text)));
    const editor = new Editor(file.text, document.node, comments);
    const edits = fix.operations.flatMap((operation) => editor.edit(operation));
    const sorted = sortEdits(edits);
    for (let i = 1; i < sorted.length; i++) if (overlaps(sorted[i - 1]!, sorted[i]!)) return undefined;
    return sorted;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** Whether two edits touch the same text. Insertions at one offset, or at the edge of a replaced range, do not. */
export function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return false;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Applies planned fixes (their edits must not overlap) and checks the result. Returns the file as
 * parsed from the new text, or undefined when the text did not change or the check failed.
 */
export function applyPlannedFixes(file: SourceFile, fixes: readonly PlannedFix[]): SourceFile | undefined {
  const text = applyEdits(file.text, fixes.flatMap((f) => f.edits));
  if (text === file.text) return undefined;
  const next = parseSource(file.path, file.bom ? `\uFEFF${text}` : text);
  if (next.problems.some((p) => p.fatal) || next.problems.length !== file.problems.length) return undefined;
  if (next.documents.length !== file.documents.length) return undefined;

  const expected = new Map<number, unknown>();
  for (const { fix } of fixes) {
    const before = expected.has(fix.document) ? expected.get(fix.document) : structuredClone(file.documents.find((d) => d.index === fix.document)?.value);
    expected.set(fix.document, applyOperations(before, fix.operations));
  }
  for (let i = 0; i < file.documents.length; i++) {
    const old = file.documents[i]!;
    const now = next.documents[i]!;
    if (now.index !== old.index) return undefined;
    if (!deepEqual(now.value, expected.has(old.index) ? expected.get(old.index) : old.value)) return undefined;
  }
  return next;
}

/** The edits applied to `text`, in offset order (insertions at one offset keep their order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = '';
  let cursor = 0;
  for (const edit of sortEdits(edits)) {
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = Math.max(cursor, edit.end);
  }
  return result + text.slice(cursor);
}

function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits.map((edit, i) => ({ edit, i })).sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.i - b.i).map((e) => e.edit);
}

/** What the operations make of a plain value (a copy the caller owns): the meaning a fix must have in the text. */
export function applyOperations(root: unknown, operations: readonly FixOperation[]): unknown {
  for (const operation of operations) {
    const path = operation.at;
    if (path.length === 0) continue;
    let parent: unknown = root;
    let missing = false;
    for (const segment of path.slice(0, -1)) {
      const container = parent as Record<string | number, unknown>;
      let next = isContainer(parent) ? container[segment] : undefined;
      if (!isContainer(next)) {
        if (operation.op !== 'set' || !isContainer(parent)) {
          missing = true;
          break;
        }
        next = container[segment] = {};
      }
      parent = next;
    }
    if (missing || !isContainer(parent)) continue;
    const container = parent as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (operation.op === 'set') container[last] = structuredClone(operation.value);
    else if (!Object.hasOwn(container, last)) continue;
    else if (operation.op === 'delete') delete container[last];
    else {
      const value = container[last];
      delete container[last];
      container[operation.to] = value;
    }
  }
  return root;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Structural equality of decoded YAML values (key order aside). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  if (ArrayBuffer.isView(a)) return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from((b as ArrayBufferView).buffer, (b as ArrayBufferView).byteOffset, (b as ArrayBufferView).byteLength));
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

type RangedNode = Node & { range: [number, number, number] };
type MapPair = Pair<Node, Node | null>;

/** Where a path leads: every step found, or the map (or empty value) where the first missing key would go. */
type Walk =
  | { readonly found: true; readonly node: Node | null; readonly pair: MapPair | undefined; readonly parent: Node }
  | { readonly found: false; readonly missingAt: number; readonly map: YAMLMap<Node, Node | null> | undefined; readonly emptyPair: MapPair | undefined };

/** Computes the text edits of operations against one parsed document. */
class Editor {
  private readonly eol: string;

  /** The pair holding each map and pair met on the paths walked, and the map holding each pair. */
  private readonly owners = new Map<Node, MapPair>();
  private readonly containers = new Map<MapPair, YAMLMap<Node, Node | null>>();

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly comments: CommentIndex,
  ) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  edit(operation: FixOperation): TextEdit[] {
    if (operation.at.length === 0) throw new Unsupported();
    const walk = this.walk(operation.at);
    switch (operation.op) {
      case 'set':
        return walk.found ? this.replaceValue(walk, operation.value) : this.addKey(walk, operation.at, operation.value, operation.place);
      case 'delete':
        return walk.found ? this.deleteKey(walk) : [];
      case 'rename':
        return walk.found ? this.renameKey(walk, operation.to) : [];
    }
  }

  private walk(path: FieldPath): Walk {
    let node = this.doc.contents as Node | null;
    let pair: MapPair | undefined;
    let parent: Node | undefined;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      if (isAlias(node)) throw new Unsupported(); // editing through an alias would change every place it is used
      if (isMap(node)) {
        const map = node as YAMLMap<Node, Node | null>;
        const found = findPair(map, segment);
        if (!found) {
          if (map.items.some((item) => isScalar(item.key) && item.key.value === '<<')) throw new Unsupported();
          return { found: false, missingAt: i, map, emptyPair: undefined };
        }
        parent = map;
        pair = found;
        node = found.value;
        this.containers.set(found, map);
        if (node) this.owners.set(node, found);
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (item === undefined) throw new Unsupported();
        parent = node;
        pair = undefined;
        node = item;
      } else if ((node === null || (isScalar(node) && node.value === null)) && pair && typeof segment === 'string') {
        return { found: false, missingAt: i, map: undefined, emptyPair: pair };
      } else {
        throw new Unsupported();
      }
    }
    return { found: true, node, pair, parent: parent! };
  }

  /**
   * A new value where a scalar (or nothing) is written: a scalar in the old one's quoting style; a map
   * or list in the style of the map holding it (a block under the key, or `{ }` in a flow map).
   */
  private replaceValue(walk: Walk & { found: true }, value: FixValue): TextEdit[] {
    const { node, pair, parent } = walk;
    const flow = isFlow(parent);
    if (isObjectValue(value)) {
      if (!pair || !isMap(parent) || !hasRange(pair.key) || (node !== null && !isScalar(node))) throw new Unsupported();
      if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) throw new Unsupported();
      const map = parent as YAMLMap<Node, Node | null>;
      if (!flow) return this.blockValue(pair, value, this.indentStep(map));
      const rendered = renderFlowValue(value, this.jsonStyle(map), this.flowLayout(map));
      if (isScalar(node) && hasRange(node) && !isEmptyRange(node)) return [{ start: node.range[0], end: node.range[1], text: rendered }];
      return [{ start: this.afterColon(pair.key), end: this.afterColon(pair.key), text: ` ${rendered}` }];
    }
    if (node === null || (isScalar(node) && node.value === null && isEmptyRange(node))) {
      if (!pair || !hasRange(pair.key)) throw new Unsupported();
      return [{ start: this.afterColon(pair.key), end: this.afterColon(pair.key), text: ` ${renderScalar(value, 'PLAIN', flow)}` }];
    }
    if (!isScalar(node) || !hasRange(node)) throw new Unsupported();
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') throw new Unsupported();
    if (node.value === value) return [];
    // A JSON manifest stays JSON: its strings are double-quoted, whatever the replaced value was.
    return [{ start: node.range[0], end: node.range[1], text: renderScalar(value, this.jsonFile() ? Scalar.QUOTE_DOUBLE : node.type, flow) }];
  }

  private renameKey(walk: Walk & { found: true }, to: string): TextEdit[] {
    const key = walk.pair?.key;
    if (!isScalar(key) || !hasRange(key)) throw new Unsupported();
    if (key.value === to) return [];
    return [{ start: key.range[0], end: key.range[1], text: renderScalar(to, key.type, isFlow(walk.parent)) }];
  }

  private addKey(walk: Walk & { found: false }, path: FieldPath, value: FixValue, place: Placement): TextEdit[] {
    const rest = path.slice(walk.missingAt);
    if (rest.some((segment) => typeof segment !== 'string')) throw new Unsupported();
    const key = rest[0] as string;
    let nested: FixValue = value;
    for (let i = rest.length - 1; i > 0; i--) nested = { [rest[i] as string]: nested };
    const where = rest.length === 1 ? place ?? 'last' : 'last';
    if (walk.map) return walk.map.flow ? this.addToFlowMap(walk.map, key, nested, where) : this.addToBlockMap(walk.map, key, nested, where);
    // `key:` with no value (or `~`, `null`) becomes a map holding the new key.
    const pair = walk.emptyPair!;
    const container = this.containers.get(pair);
    if (!container || container.flow) throw new Unsupported();
    return this.blockValue(pair, { [key]: nested }, this.indentStep(container));
  }

  private addToBlockMap(map: YAMLMap<Node, Node | null>, key: string, value: FixValue, place: NonNullable<Placement>): TextEdit[] {
    const first = map.items[0];
    if (!first || !hasRange(first.key)) throw new Unsupported();
    const indent = ' '.repeat(this.column(first.key.range[0]));
    const lines = renderBlockPair(key, value, this.indentStep(map));
    if (place === 'first') {
      const keyLine = this.text.lastIndexOf('\n', first.key.range[0] - 1) + 1;
      if (/^[ \t]*$/.test(this.text.slice(keyLine, first.key.range[0]))) {
        // Above the first key and the comment lines right above it, which speak of that key.
        let at = keyLine;
        while (at > 0) {
          const previous = this.text.lastIndexOf('\n', at - 2) + 1;
          if (!this.text.slice(previous, at).trim().startsWith('#')) break;
          at = previous;
        }
        return [{ start: at, end: at, text: lines.map((line) => indent + line).join(this.eol) + this.eol }];
      }
      // The first key of a list item (`- name: x`): the new key takes the item's first line.
      const text = lines.map((line, i) => (i === 0 ? line : indent + line)).join(this.eol) + this.eol + indent;
      return [{ start: first.key.range[0], end: first.key.range[0], text }];
    }
    const anchor = (typeof place === 'object' ? findPair(map, place.after) : undefined) ?? map.items[map.items.length - 1]!;
    const end = this.lineEnd(this.pairEnd(anchor));
    const body = lines.map((line) => indent + line).join(this.eol);
    return [end.newline ? { start: end.offset, end: end.offset, text: body + this.eol } : { start: end.offset, end: end.offset, text: this.eol + body }];
  }

  private addToFlowMap(map: YAMLMap<Node, Node | null>, key: string, value: FixValue, place: NonNullable<Placement>): TextEdit[] {
    if (!hasRange(map)) throw new Unsupported();
    const first = map.items[0];
    if (!first) {
      const open = this.text.indexOf('{', map.range[0]);
      if (open < 0) throw new Unsupported();
      return [{ start: open + 1, end: open + 1, text: renderFlowPair(key, value, this.jsonFile(), undefined) }];
    }
    if (!isScalar(first.key) || !hasRange(first.key)) throw new Unsupported();
    const layout = this.flowLayout(map);
    const pairText = renderFlowPair(key, value, this.jsonStyle(map), layout);
    const separator = layout ? `,${this.eol}${layout.indent}` : ', ';
    if (place === 'first') return [{ start: first.key.range[0], end: first.key.range[0], text: pairText + separator }];
    const anchor = (typeof place === 'object' ? findPair(map, place.after) : undefined) ?? map.items[map.items.length - 1]!;
    const end = this.pairEnd(anchor);
    return [{ start: end, end, text: separator + pairText }];
  }

  /**
   * A block map's pair gets a map or list as its value, written as lines under the key: the old value
   * (a scalar, or nothing) is removed, and a comment after it stays on the key's line.
   */
  private blockValue(pair: MapPair, value: FixValue, step: number): TextEdit[] {
    if (!hasRange(pair.key)) throw new Unsupported();
    const edits: TextEdit[] = [];
    const colon = this.afterColon(pair.key);
    let lineEndFrom = colon;
    if (isScalar(pair.value) && hasRange(pair.value) && !isEmptyRange(pair.value)) {
      edits.push({ start: colon, end: pair.value.range[1], text: '' });
      lineEndFrom = pair.value.range[1];
    }
    const indent = ' '.repeat(this.column(pair.key.range[0]) + step);
    const newline = this.text.indexOf('\n', lineEndFrom);
    const at = newline < 0 ? this.text.length : this.text[newline - 1] === '\r' ? newline - 1 : newline;
    const body = renderBlock(value, step).map((line) => indent + line).join(this.eol);
    edits.push({ start: at, end: at, text: this.eol + body });
    return edits;
  }

  private deleteKey(walk: Walk & { found: true }): TextEdit[] {
    const { pair, parent } = walk;
    if (!pair || !isMap(parent) || !hasRange(pair.key)) throw new Unsupported();
    const map = parent as YAMLMap<Node, Node | null>;
    const index = map.items.indexOf(pair);
    const next = map.items[index + 1];
    if (map.flow) {
      const end = this.pairEnd(pair);
      let edit: TextEdit;
      if (map.items.length === 1) edit = { start: pair.key.range[0], end, text: '' };
      else if (next && hasRange(next.key)) edit = { start: pair.key.range[0], end: next.key.range[0], text: '' };
      else edit = { start: this.pairEnd(map.items[index - 1]!), end, text: '' };
      if (this.text.slice(edit.start, edit.end).includes('#')) throw new Unsupported();
      return [edit];
    }
    // A block map emptied by a deletion would read as null, not as an empty map: delete the map's own key instead.
    if (map.items.length === 1) throw new Unsupported();
    const lineStart = this.text.lastIndexOf('\n', pair.key.range[0] - 1) + 1;
    const end = this.lineEnd(this.pairEnd(pair)).offset;
    const comments = this.comments.between(lineStart, end);
    if (/^[ \t]*$/.test(this.text.slice(lineStart, pair.key.range[0]))) {
      // Comments on the deleted lines stay, each on a line of its own at the key's indentation.
      const indent = this.text.slice(lineStart, pair.key.range[0]);
      return [{ start: lineStart, end, text: comments.map((comment) => indent + comment + this.eol).join('') }];
    }
    // The first key of a list item (`- name: x`): the next key moves up into its place.
    if (comments.length > 0 || !next || !hasRange(next.key) || this.text.slice(end, next.key.range[0]).trim() !== '') throw new Unsupported();
    return [{ start: pair.key.range[0], end: next.key.range[0], text: '' }];
  }

  /** Where a pair's content ends: its value's last character (or the key's, for an empty value), trailing comments aside. */
  private pairEnd(pair: MapPair): number {
    const value = pair.value;
    if (value === null || (isScalar(value) && value.value === null && (!hasRange(value) || isEmptyRange(value)))) {
      if (!hasRange(pair.key)) throw new Unsupported();
      return this.afterColon(pair.key);
    }
    return this.nodeEnd(value);
  }

  private nodeEnd(node: Node): number {
    if ((isMap(node) || isSeq(node)) && !node.flow) {
      const last = node.items[node.items.length - 1];
      if (last === undefined) throw new Unsupported();
      if (isPair(last)) return this.pairEnd(last as MapPair);
      if (last === null || !isRangedNode(last)) throw new Unsupported();
      return this.nodeEnd(last);
    }
    if (!hasRange(node)) throw new Unsupported();
    let end = node.range[1];
    while (end > node.range[0] && /\s/.test(this.text[end - 1]!)) end--;
    return end;
  }

  /** The start of the line after `offset`'s, or the end of the text when it has no line break. */
  private lineEnd(offset: number): { offset: number; newline: boolean } {
    const newline = this.text.indexOf('\n', offset);
    return newline < 0 ? { offset: this.text.length, newline: false } : { offset: newline + 1, newline: true };
  }

  private afterColon(key: RangedNode): number {
    const colon = this.text.indexOf(':', key.range[1]);
    if (colon < 0 || this.text.slice(key.range[1], colon).trim() !== '') throw new Unsupported();
    return colon + 1;
  }

  private column(offset: number): number {
    return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
  }

  /** How far this file indents a nested map: the map's column less its key's, else 2. */
  private indentStep(map: YAMLMap<Node, Node | null>): number {
    const parentPair = this.owners.get(map);
    const first = map.items[0];
    if (parentPair && hasRange(parentPair.key) && first && hasRange(first.key)) {
      const step = this.column(first.key.range[0]) - this.column(parentPair.key.range[0]);
      if (step > 0 && step <= 8) return step;
    }
    return 2;
  }

  /** A flow map laid out one pair per line (as JSON usually is): the indentation of its pairs; undefined for a map on one line. */
  private flowLayout(map: YAMLMap<Node, Node | null>): FlowLayout | undefined {
    const first = map.items[0];
    if (!hasRange(map) || !first || !hasRange(first.key) || !this.text.slice(map.range[0], first.key.range[0]).includes('\n')) return undefined;
    return { indent: ' '.repeat(this.column(first.key.range[0])), step: this.indentStep(map), eol: this.eol };
  }

  /** The document is JSON: its root is a flow map with double-quoted keys. */
  private jsonFile(): boolean {
    const root = this.doc.contents;
    return isMap(root) && root.flow === true && this.jsonStyle(root);
  }

  /** A flow map written as JSON (double-quoted keys) gets JSON. */
  private jsonStyle(map: YAMLMap<Node, Node | null>): boolean {
    const first = map.items[0];
    return isScalar(first?.key) && first.key.type === 'QUOTE_DOUBLE';
  }
}

type Placement = (FixOperation & { op: 'set' })['place'];

function findPair(map: YAMLMap<Node, Node | null>, segment: string | number): MapPair | undefined {
  // The last pair wins, as it does when the document is decoded.
  for (let i = map.items.length - 1; i >= 0; i--) {
    const item = map.items[i]!;
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment)) return item;
  }
  return undefined;
}

function isFlow(node: Node): boolean {
  return (isMap(node) || isSeq(node)) && node.flow === true;
}

function isObjectValue(value: FixValue): boolean {
  return typeof value === 'object' && value !== null;
}

function hasRange(node: unknown): node is RangedNode {
  return typeof node === 'object' && node !== null && Array.isArray((node as Node).range);
}

function isRangedNode(node: unknown): node is RangedNode {
  return hasRange(node);
}

function isEmptyRange(node: Node): boolean {
  return !node.range || node.range[0] === node.range[1];
}

const STRINGIFY = { lineWidth: 0, version: '1.1' } as const;

/** A scalar in a given quoting style; a plain string the YAML 1.1 reader would take for something else is double-quoted. */
function renderScalar(value: FixValue, style: Scalar['type'], flow: boolean): string {
  if (typeof value !== 'string') return value === null ? 'null' : String(value);
  if (style === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (style === Scalar.QUOTE_SINGLE && !value.includes('\n')) return `'${value.replace(/'/g, "''")}'`;
  return plainOrQuoted(value, flow);
}

function plainOrQuoted(value: string, flow: boolean): string {
  const plain = stringify(value, STRINGIFY).replace(/\n$/, '');
  if (plain.includes('\n') || /^["'|>]/.test(plain) || (flow && /[,[\]{}]/.test(value))) return JSON.stringify(value);
  return plain;
}

/** A value as block lines, without indentation (nested maps indented by `step`). */
function renderBlock(value: FixValue, step: number): string[] {
  return stringify(value, { ...STRINGIFY, indent: step }).replace(/\n$/, '').split('\n');
}

/** `key: value` as block lines, without indentation. */
function renderBlockPair(key: string, value: FixValue, step: number): string[] {
  return renderBlock({ [key]: value }, step);
}

interface FlowLayout {
  readonly indent: string;
  readonly step: number;
  readonly eol: string;
}

/** `key: value` inside a flow map: JSON when the map's keys are double-quoted (a JSON manifest). */
function renderFlowPair(key: string, value: FixValue, json: boolean, layout: FlowLayout | undefined): string {
  return `${json ? JSON.stringify(key) : plainOrQuoted(key, true)}: ${renderFlowValue(value, json, layout)}`;
}

/** A value inside a flow collection: JSON (over lines, when the map has a line per pair) for a JSON manifest, else `{k: v}` on one line. */
function renderFlowValue(value: FixValue, json: boolean, layout: FlowLayout | undefined): string {
  if (!json) return compactFlow(value);
  if (!layout) return JSON.stringify(value);
  return JSON.stringify(value, null, layout.step).replace(/\n/g, layout.eol + layout.indent);
}

function compactFlow(value: FixValue): string {
  if (Array.isArray(value)) return `[${value.map(compactFlow).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${plainOrQuoted(k, true)}: ${compactFlow(v)}`).join(', ')}}`;
  }
  return renderScalar(value, 'PLAIN', true);
}
