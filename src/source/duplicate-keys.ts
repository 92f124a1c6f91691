import { isMap, isPair, isScalar, isSeq, YAMLParseError, type Document } from 'yaml';

/**
 * The DUPLICATE_KEY errors `uniqueKeys: true` gives (yaml's `mapIncludes`: the same node, or scalars
 * with equal values), at the later key. Walks the tree with a stack: nesting depth costs no recursion.
 */
export function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        const identity = isScalar(key) ? key.value : key;
        // NaN is no key's equal (yaml compares with ===).
        if (seen.has(identity) && !Number.isNaN(identity)) {
          const offset = (key as { range?: [number, number, number] } | null)?.range?.[0] ?? node.range?.[0] ?? 0;
          doc.errors.push(new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        }
        seen.add(identity);
        stack.push(pair.value, key);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
}
