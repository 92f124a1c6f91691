import { Scalar, visit, type Document } from 'yaml';

const QUOTED_OR_BLOCK: ReadonlySet<unknown> = new Set([Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED]);

/**
 * Source ranges of the string values that contain `needle`: text that looks like markup (a template,
 * a directive) but is data, such as a script or alert rules in a block scalar. With `quotedOnly`,
 * plain (unquoted) scalars are left out.
 */
export function stringRangesContaining(docs: readonly Document.Parsed[], needle: string, quotedOnly = false): [number, number][] {
  const ranges: [number, number][] = [];
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node) {
        if (typeof node.value !== 'string' || !node.value.includes(needle) || !node.range) return;
        if (quotedOnly && !QUOTED_OR_BLOCK.has(node.type)) return;
        ranges.push([node.range[0], node.range[1]]);
      },
    });
  }
  return ranges;
}

export function insideAny(offset: number, ranges: readonly [number, number][]): boolean {
  return ranges.some(([start, end]) => offset >= start && offset < end);
}
