import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { FieldPath } from '../api/types.js';
import type { SourceDocument, SourceFile } from './types.js';

export interface Range {
  readonly start: number;
  readonly end: number;
}

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
export function locate(file: SourceFile, doc: SourceDocument, path: FieldPath, target: 'key' | 'value' = 'value'): Range {
  const range = locateRaw(doc, path, target);
  // A block collection's range runs to the start of the next line; end it at its last character.
  let end = range.end;
  while (end > range.start && /\s/.test(file.text[end - 1]!)) end--;
  return { start: range.start, end };
}

function locateRaw(doc: SourceDocument, path: FieldPath, target: 'key' | 'value'): Range {
  const root = doc.node.contents as Node | null;
  let node: Node | null = root;
  let pair: Pair<Node, Node | null> | undefined;
  for (let i = 0; i < path.length; i++) {
    const step = child(doc.node, node, path[i]!);
    if (!step) return fallback(doc.node, node, pair);
    node = step.node;
    pair = step.pair;
  }
  if (target === 'key' && pair && isNodeWithRange(pair.key)) return rangeOf(pair.key);
  if (node && isNodeWithRange(node) && !(isScalar(node) && node.value === null && pair)) return rangeOf(node);
  return fallback(doc.node, node, pair);
}

export function toPosition(file: SourceFile, range: Range): Position {
  const start = file.lineCounter.linePos(range.start);
  const end = file.lineCounter.linePos(Math.max(range.end, range.start));
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

function child(
  doc: Document.Parsed,
  node: Node | null,
  segment: string | number,
): { node: Node | null; pair?: Pair<Node, Node | null> } | undefined {
  const resolved = isAlias(node) ? (node.resolve(doc) as Node | undefined) ?? null : node;
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
