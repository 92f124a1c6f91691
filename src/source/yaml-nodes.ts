import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';

/** A shape the fix editor does not handle (an alias on the path, a block scalar to replace, ...): the fix is not applied. */
export class Unsupported extends Error {}

export type RangedNode = Node & { range: [number, number, number] };
export type MapPair = Pair<Node, Node | null>;
export type NodeMap = YAMLMap<Node, Node | null>;

/** The pair of a map with this key; the last one wins, as it does when the document is decoded. */
export function findPair(map: NodeMap, segment: string | number): MapPair | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) {
    const item = map.items[i]!;
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment)) return item;
  }
  return undefined;
}

export function isFlow(node: Node): boolean {
  return (isMap(node) || isSeq(node)) && node.flow === true;
}

export function hasRange(node: unknown): node is RangedNode {
  return typeof node === 'object' && node !== null && Array.isArray((node as Node).range);
}

export function isEmptyRange(node: Node): boolean {
  return !node.range || node.range[0] === node.range[1];
}
