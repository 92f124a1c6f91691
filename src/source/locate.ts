import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { FieldPath } from '../util/field-path.js';
import { scanPath } from './block-locator.js';
import type { Range, SourceDocument, SourceFile } from './types.js';

export type { Range } from './types.js';

export interface Position {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * The source range of a path inside a document. The value's range by default, the key's with
 * `target: 'key'`. A path that does not exist (a defaulted field) falls back to its closest
 * existing parent: the key of the deepest pair found, so the user sees where to add the field.
 */
export function locate(
  file: SourceFile,
  doc: SourceDocument,
  path: FieldPath,
  target: 'key' | 'value' = 'value',
  inValue?: { line: number; column: number; length: number },
): Range {
  // Most documents are plain block style, where scanning the lines finds the range without a parse.
  const range = (doc.span && scanPath(file.text, doc.span.start, doc.span.end, path, target)) ?? trimmed(file.text, locateInTree(doc.node, path, target));
  if (inValue) {
    const inner = locateInLiteralBlock(file.text, range, inValue) ?? locateInOneLineScalar(file.text, range, inValue);
    if (inner) return inner;
  }
  return range;
}

/** A block collection's range runs to the start of the next line; this ends it at its last character. */
export function trimmed(text: string, range: Range): Range {
  let end = range.end;
  while (end > range.start && /\s/.test(text[end - 1]!)) end--;
  return { start: range.start, end };
}

/** The range of a path in a document's syntax tree (see `locate`), end not trimmed. */
export function locateInTree(tree: Document.Parsed, path: FieldPath, target: 'key' | 'value'): Range {
  let node: Node | null = tree.contents;
  let pair: Pair<Node, Node | null> | undefined;
  for (let i = 0; i < path.length; i++) {
    const step = child(tree, node, path[i]!);
    if (!step) return fallback(tree, node, pair);
    node = step.node;
    pair = step.pair;
  }
  if (target === 'key' && pair && isNodeWithRange(pair.key)) return rangeOf(pair.key);
  if (node && isNodeWithRange(node) && !(isScalar(node) && node.value === null && pair)) return rangeOf(node);
  return fallback(tree, node, pair);
}

export function toPosition(file: SourceFile, range: Range): Position {
  const start = file.lineCounter.linePos(range.start);
  const end = file.lineCounter.linePos(Math.max(range.end, range.start));
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

function child(doc: Document.Parsed, node: Node | null, segment: string | number): { node: Node | null; pair?: Pair<Node, Node | null> } | undefined {
  const resolved = isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? null) : node;
  if (isMap(resolved)) {
    // The last pair wins, as it does when the document is decoded.
    for (let i = resolved.items.length - 1; i >= 0; i--) {
      const item = resolved.items[i]!;
      if (isPair(item) && keyMatches(item.key, segment)) {
        return { node: item.value as Node | null, pair: item as Pair<Node, Node | null> };
      }
    }
    return undefined;
  }
  if (isSeq(resolved) && typeof segment === 'number') {
    const item = resolved.items[segment] as Node | undefined;
    return item === undefined ? undefined : { node: item };
  }
  return undefined;
}

function keyMatches(key: unknown, segment: string | number): boolean {
  return isScalar(key) && String(key.value) === String(segment);
}

function fallback(doc: Document.Parsed, node: Node | null, pair: Pair<Node, Node | null> | undefined): Range {
  if (pair && isNodeWithRange(pair.key)) return rangeOf(pair.key);
  if (node && isNodeWithRange(node)) return rangeOf(node);
  const start = doc.contents?.range?.[0] ?? doc.range[0];
  return { start, end: start };
}

function isNodeWithRange(node: unknown): node is Node & { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as Node).range);
}

function rangeOf(node: Node & { range: [number, number, number] }): Range {
  return { start: node.range[0], end: node.range[1] };
}

/**
 * A position inside a literal block scalar (`key: |`): line n of the string is source line n after
 * the `|` header, shifted by the block's indentation (the indentation indicator's, `|2`, when given,
 * else the first non-empty line's). Undefined for any other kind of string.
 */
/**
 * A place inside a scalar written on one line whose source text is its value: plain, or quoted without
 * escapes (`\\` in double quotes, `''` in single quotes), so a column of the value is a column of the text.
 */
function locateInOneLineScalar(text: string, range: Range, at: { line: number; column: number; length: number }): Range | undefined {
  const source = text.slice(range.start, range.end).replace(/\s+$/, '');
  if (at.line !== 0 || source.includes('\n') || source === '') return undefined;
  const quote = source[0] === '"' || source[0] === "'" ? source[0] : '';
  if (quote !== '' && (source.at(-1) !== quote || source.length < 2)) return undefined;
  if ((quote === '"' && source.includes('\\')) || (quote === "'" && source.slice(1, -1).includes("''"))) return undefined;
  if (quote === '' && /^[|>&*!%@`]/.test(source)) return undefined;
  const valueLength = source.length - 2 * quote.length;
  if (at.column > valueLength) return undefined;
  const start = range.start + quote.length + at.column;
  return { start, end: start + Math.max(0, Math.min(at.length, valueLength - at.column)) };
}

function locateInLiteralBlock(text: string, range: Range, at: { line: number; column: number; length: number }): Range | undefined {
  const headerEnd = text.indexOf('\n', range.start);
  const header = /^\|([1-9]?)[-+]?([1-9]?)[ \t]*(#[^\r\n]*)?\r?$/.exec(text.slice(range.start, headerEnd < 0 ? undefined : headerEnd));
  if (!header || headerEnd < 0) return undefined;
  const indicator = Number(header[1] || header[2] || 0);
  const keyLineStart = text.lastIndexOf('\n', range.start) + 1;
  const parentIndent = /^[ ]*/.exec(text.slice(keyLineStart, range.start))![0].length;
  let indent: number | undefined = indicator > 0 ? parentIndent + indicator : undefined;
  let lineStart = headerEnd + 1;
  for (let line = 0; lineStart < range.end; line++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const content = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (indent === undefined && content.trim() !== '') indent = content.length - content.trimStart().length;
    if (line === at.line) {
      const contentEnd = lineStart + content.length;
      const start = Math.min(lineStart + (indent ?? 0) + at.column, contentEnd);
      return { start, end: Math.min(start + at.length, contentEnd) };
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return undefined;
}
