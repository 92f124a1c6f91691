/**
 * The syntax tree parsed last for positions, kept. What reuse there is comes in a row (a fix's edits; a
 * rendered kustomization's documents searched for an offset, then the one found). Rules run one after
 * another over all resources, so the next finding in the same document usually comes thousands of trees
 * later: at 5,000 applications, keeping the last 64 trees made as many parses as keeping one, and kept
 * trees outlive the young generation and fill the old one with garbage (a peak 80 MB higher with 4 kept).
 * A `WeakRef` bounds nothing here: every target dereferenced in one synchronous run of the rules stays
 * alive until that run ends.
 */
let last: { readonly owner: object; readonly tree: unknown } | undefined;

/** The tree `owner` stands for: the one kept if it was the last asked for, else made now. */
export function recentTree<T>(owner: object, make: () => T): T {
  if (last?.owner === owner) return last.tree as T;
  const tree = make();
  last = { owner, tree };
  return tree;
}

/** Keeps a tree made elsewhere (a file's first full parse) as the last one. */
export function remember(owner: object, tree: unknown): void {
  last = { owner, tree };
}
